# Helpers for the end-to-end tests (sourced by tests/run.sh).
#
# Each test runs the binary with `run`, then checks what it did:
#   run twinreg --db "$T/r.db" import "$DATA/ragged.csv"
#   expect_status 65
#   expect_stderr ragged.err           compare with tests/golden/ragged.err
#   expect_out_has 'Sarıyer'           a fixed string in stdout
# $T is a fresh directory for the test; $DATA holds the CSV fixtures.
# UPDATE_GOLDEN=1 rewrites golden files from what the binary printed.

DATA=tests/data
GOLDEN=tests/golden
TEST_PASS=0
TEST_FAIL=0
RUN=
TEST_NAME=$(basename "${t:-test}" .sh)
# Cron-like: no terminal settings, a fixed locale, a clean registry env.
LC_ALL=C
TZ=UTC
export LC_ALL TZ
unset TWINREG_DB XDG_DATA_HOME
HOME=$T/home
export HOME

twinreg() {
	"$TWINREG" "$@"
}

# ---- The registry $db ------------------------------------------------------

# The editing tests' registry: tests/data/edit-*.csv, imported by "setup".
edit_fixture() {
	twinreg --db "$db" init -q
	twinreg --db "$db" -q --by setup import "$DATA/edit-actors.csv"
	twinreg --db "$db" -q --by setup import "$DATA/edit-sister-cities.csv" \
		"$DATA/edit-memberships.csv"
}
# The query tests' registry $qdb (tests/data/query-*.csv, ids listed in
# 0405-list-fixture.sh) and q, twinreg on it.
q() {
	"$TWINREG" --db "$qdb" "$@"
}
query_fixture() {
	qdb=$T/q.db
	q init -q
	q --by tester import -q "$DATA/query-actors.csv" \
		"$DATA/query-sister-cities.csv" "$DATA/query-partnerships.csv" \
		"$DATA/query-memberships.csv"
}
# expect_ids "IDS" ARGS...: `q ARGS` (tsv) lists exactly these ids in this
# order, exit 0, nothing on stderr.
expect_ids() {
	want=$1
	shift
	run q -f tsv --no-header "$@"
	expect_status 0
	expect_err_empty
	got=$(cut -f1 "$T/out" | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] && ok || not_ok "ids '$got', expected '$want'"
}
# hold_lock: a writer holds the write lock of $db, in the background,
# until release_lock; it returns once the lock is held, however slow the
# machine.
hold_lock() {
	rm -f "$T/release"
	(echo '.timeout 10000'
	 echo 'BEGIN IMMEDIATE;'
	 while [ ! -f "$T/release" ]; do sleep 0.05; done
	 echo 'COMMIT;') | sqlite3 "$db" &
	holder=$!
	n=0
	while sqlite3 "$db" 'BEGIN IMMEDIATE; ROLLBACK;' 2> /dev/null &&
		[ $n -lt 200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
}
release_lock() {
	: > "$T/release"
	wait "$holder"
}
# snap NAME keeps the registry as SQL; same_as NAME: nothing changed since.
snap() {
	sqlite3 "$db" .dump > "$T/$1.dump"
}
same_as() {
	sqlite3 "$db" .dump > "$T/now.dump"
	cmp -s "$T/$1.dump" "$T/now.dump"
}
# The id of the actor named $1; of the agreement with partner $1.
aid() {
	"$TWINREG" --db "$db" -f csv --no-header list actors |
		awk -F, -v n="$1" '$2 == n { print $1 }'
}
gid() {
	"$TWINREG" --db "$db" -f csv --no-header list --partner "$1" | cut -d, -f1
}
# Field lines of show $1, as "field,value" (CSV lines end in CRLF).
fields() {
	"$TWINREG" --db "$db" -f csv show "$1" | tr -d '\r' | sed -n 's/^record,//p'
}

# Run a command; its stdout, stderr and status land in $T/out,err,status.
run() {
	"$@" > "$T/out" 2> "$T/err" < /dev/null
	echo $? > "$T/status"
	RUN="$*"
}

# Run with standard input from FILE.
run_in() {
	f=$1
	shift
	"$@" > "$T/out" 2> "$T/err" < "$f"
	echo $? > "$T/status"
	RUN="$*"
}

ok() {
	TEST_PASS=$((TEST_PASS + 1))
}

not_ok() {
	TEST_FAIL=$((TEST_FAIL + 1))
	echo "FAIL $TEST_NAME: $1"
	echo "  command: $RUN"
	if [ -s "$T/err" ]; then
		echo "  stderr:"
		sed 's/^/    /' "$T/err" | head -n 20
	fi
	return 1
}

expect_status() {
	s=$(cat "$T/status")
	[ "$s" = "$1" ] && ok || not_ok "status $s, expected $1"
}

# Compare stdout (or stderr) with a golden file, byte for byte.
golden() {
	what=$1
	file=$GOLDEN/$2
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$T/$what" "$file"
	fi
	if [ ! -f "$file" ]; then
		not_ok "missing golden file $file"
		return 1
	fi
	if cmp -s "$T/$what" "$file"; then
		ok
	else
		not_ok "$what differs from $file"
		diff "$file" "$T/$what" | head -n 30 | sed 's/^/    /'
		return 1
	fi
}

expect_stdout() {
	golden out "$1"
}

expect_stderr() {
	golden err "$1"
}

expect_out_has() {
	grep -F -q -e "$1" "$T/out" && ok || not_ok "stdout lacks: $1"
}

expect_out_lacks() {
	grep -F -q -e "$1" "$T/out" && not_ok "stdout has: $1" || ok
}

expect_err_has() {
	grep -F -q -e "$1" "$T/err" && ok || not_ok "stderr lacks: $1"
}

expect_err_lacks() {
	grep -F -q -e "$1" "$T/err" && not_ok "stderr has: $1" || ok
}

expect_out_empty() {
	[ ! -s "$T/out" ] && ok || not_ok "stdout is not empty"
}

expect_err_empty() {
	[ ! -s "$T/err" ] && ok || not_ok "stderr is not empty"
}

# Stdout is exactly the given text (a trailing newline added).
expect_out() {
	printf '%s\n' "$1" > "$T/want"
	if cmp -s "$T/out" "$T/want"; then
		ok
	else
		not_ok "stdout differs"
		diff "$T/want" "$T/out" | head -n 20 | sed 's/^/    /'
	fi
}

# The number of lines of stdout.
expect_lines() {
	n=$(wc -l < "$T/out" | tr -d ' ')
	[ "$n" = "$1" ] && ok || not_ok "$n lines of stdout, expected $1"
}

# A check of any shell condition, with a description.
check() {
	desc=$1
	shift
	if "$@"; then ok; else not_ok "$desc"; fi
}

# Print the counts for tests/run.sh.
finish() {
	echo "counts $TEST_PASS $TEST_FAIL"
}
