# Helpers for the end-to-end tests (sourced by tests/run.sh).
#
# A script is a list of titled cases.  Each case runs the binary with
# `run`, then checks what it did, its commands chained with && so that
# the first failure ends the case:
#
#   test_case 'a ragged row is refused and nothing is written' '
#       snap before &&
#       run twinreg --db "$db" import "$DATA/import-ragged.csv" &&
#       expect_status 65 &&
#       expect_stderr import-ragged.err &&
#       expect_out_empty &&
#       same_as before
#   '
#
# expect_stderr compares with tests/golden/import-ragged.err; snap and
# same_as keep the registry $db and compare with it.  Cases run in order
# in one shell: a variable one sets is there for the next.  Helpers that
# more than one script needs live here, once.
#
# $T is a fresh directory for the script; $DATA holds the CSV fixtures.
# UPDATE_GOLDEN=1 rewrites golden files from what the binary printed.
# Every assertion (expect_*, check) counts one passed or one failed; a
# failed one prints the script's name, the case's title, what differed,
# the last command run and its stderr.

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

# TWR_STORE=pg (tests/run.sh): the registries are PostgreSQL databases.
# $TWINREG is then a wrapper that turns each registry path into the URL
# of its database (tests/pg.sh), so twinreg() and "$TWINREG" alike run
# on PostgreSQL; pg_url PATH prints that URL.  snap, same_as, state and
# expect_sound look into the database instead of the file.
if [ "${TWR_STORE:-sqlite}" = pg ]; then
	. tests/pg.sh
fi

# ---- Running a command -------------------------------------------------------

# run CMD...: run a command; its stdout, stderr and status land in
# $T/out, $T/err and $T/status for the expect_* assertions.
run() {
	"$@" > "$T/out" 2> "$T/err" < /dev/null
	echo $? > "$T/status"
	RUN="$*"
}

# run_in FILE CMD...: run with standard input from FILE.
run_in() {
	_ri=$1
	shift
	"$@" > "$T/out" 2> "$T/err" < "$_ri"
	echo $? > "$T/status"
	RUN="$*"
}

# wait_status PID WHAT: wait for the background command PID and keep its
# exit status for expect_status, as run does; WHAT names it on failure.
wait_status() {
	wait "$1" 2> /dev/null
	echo $? > "$T/status"
	RUN=$2
}

# kill_status PID WHAT: kill -9 the background command PID (if it still
# runs), wait for it and keep its exit status as wait_status does: 137
# when the kill ended it.
kill_status() {
	kill -9 "$1" 2> /dev/null
	wait_status "$1" "$2"
}

# wait_until N CMD...: run CMD every 0.05 s until it succeeds, at most N
# times (so for N / 20 seconds), however slow the machine; returns its
# last status.
wait_until() {
	_wu=$1
	shift
	until "$@"; do
		[ "$_wu" -gt 1 ] || return 1
		sleep 0.05
		_wu=$((_wu - 1))
	done
}

# size FILE: its size in bytes, 0 when there is no such file.
size() {
	if [ -f "$1" ]; then wc -c < "$1" | tr -d ' '; else echo 0; fi
}

# strip_T: file names under $T in $T/err without the directory, to
# compare with a golden file.
strip_T() {
	sed "s|$T/||g" "$T/err" > "$T/err.tmp" && mv "$T/err.tmp" "$T/err"
}

# untime [TEXT]: every ISO 8601 time (2024-03-01T12:00:00Z) in $T/out
# replaced by TEXT (default TIME): history times vary from run to run.
untime() {
	sed 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z/'"${1:-TIME}"'/g' \
		"$T/out" > "$T/out.t" && mv "$T/out.t" "$T/out"
}

# ---- Registries and fixtures ---------------------------------------------------

# new_registry DB [FILE...]: a fresh registry at DB (an old one, its -wal
# and -shm removed first), holding FILEs when given (one import batch).
new_registry() {
	_nr=$1
	shift
	rm -f "$_nr" "$_nr-wal" "$_nr-shm"
	"$TWINREG" --db "$_nr" init -q || return 1
	if [ $# -gt 0 ]; then
		"$TWINREG" --db "$_nr" import -q "$@"
	fi
}

# The editing tests' registry $db: tests/data/edit-*.csv, imported by
# "setup" in two batches (1: actors, 2: sister cities and membership).
edit_fixture() {
	twinreg --db "$db" init -q &&
	twinreg --db "$db" -q --by setup import "$DATA/edit-actors.csv" &&
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
	q init -q &&
	q --by tester import -q "$DATA/query-actors.csv" \
		"$DATA/query-sister-cities.csv" "$DATA/query-partnerships.csv" \
		"$DATA/query-memberships.csv"
}

# report_fixture DB: the reports' registry at DB (tests/data/report-*.csv,
# every tie and activity listed in 0500-report-yearly.sh), imported with run: its
# status is checked, its stderr left for the caller.
report_fixture() {
	twinreg --db "$1" init -q &&
	run twinreg --db "$1" -q import "$DATA/report-actors.csv" \
		"$DATA/report-sister-cities.csv" "$DATA/report-partnerships.csv" \
		"$DATA/report-memberships.csv" "$DATA/report-activities.csv" &&
	expect_status 0
}

# hold_lock: a writer holds the write lock of $db, in the background,
# until release_lock; it returns once the lock is held, however slow the
# machine.  It is SQLite's lock: with sqlite3 failing on PostgreSQL,
# lock_held would say yes at once, so it fails there.
hold_lock() {
	if [ "${TWR_STORE:-sqlite}" = pg ]; then
		not_ok "hold_lock takes SQLite's write lock: a script that uses it is for SQLite (# store: sqlite)"
		return 1
	fi
	rm -f "$T/release"
	(echo '.timeout 10000'
	 echo 'BEGIN IMMEDIATE;'
	 while [ ! -f "$T/release" ]; do sleep 0.05; done
	 echo 'COMMIT;') | sqlite3 "$db" &
	holder=$!
	wait_until 200 lock_held
}
# lock_held: another process holds the write lock of $db.
lock_held() {
	! sqlite3 "$db" 'BEGIN IMMEDIATE; ROLLBACK;' 2> /dev/null
}
release_lock() {
	: > "$T/release"
	wait "$holder"
}

# many_ties N: a sister-cities CSV of N rows (500 municipalities), for
# an import that takes long enough to be killed in.
many_ties() {
	awk -v n="$1" 'BEGIN {
		print "municipality,municipality_country,sister_city,sister_city_country,signed_on,topics"
		for (i = 1; i <= n; i++)
			printf "Belde %d,TR,Town %d,DE,%d,culture;trade\n", i % 500, i, 1950 + i % 70
	}'
}

# registry_dump DB: the registry DB as text: SQLite's .dump, or on
# PostgreSQL its schema and its rows sorted (tests/pg.sh).
registry_dump() {
	if [ "${TWR_STORE:-sqlite}" = pg ]; then
		pg_dump_registry "$1"
	else
		sqlite3 "$1" .dump
	fi
}
# on_store S: the registries are of store S (sqlite or pg): for the few
# checks that look at one store's own (SQLite's FTS5 vocabulary, a file
# of an older schema).
on_store() {
	[ "${TWR_STORE:-sqlite}" = "$1" ]
}

# sql DB SQL: run SQL (what both stores read) on the registry DB, its
# rows as the sqlite3 shell prints them (columns between "|"); on
# PostgreSQL through psql, as the tests' superuser.
sql() {
	if on_store pg; then
		pg_map "$1" &&
		"$TWR_PG_BIN/psql" -X -q -At -F '|' -v ON_ERROR_STOP=1 \
		    -U twr -d "$pg_mapped" -c "$2"
	else
		sqlite3 "$1" "$2"
	fi
}

# copy_registry FROM TO: a registry like FROM at TO (a file's copy, or
# on PostgreSQL a database made by copy --to).
copy_registry() {
	if on_store pg; then
		rm -f "$2" && "$TWINREG" --db "$1" -q copy --to "$(pg_url "$2")"
	else
		cp "$1" "$2"
	fi
}

# snap NAME keeps the registry $db as SQL; same_as NAME: nothing changed
# since (records and history alike).
snap() {
	registry_dump "$db" > "$T/$1.dump"
}
same_as() {
	registry_dump "$db" > "$T/now.dump"
	cmp -s "$T/$1.dump" "$T/now.dump"
}
# state NAME keeps in $T/NAME what can be seen of the registry $db: its
# export (every kind), its history (log) and its SQL text; same_state A B:
# the two are the same.
state() {
	rm -rf "${T:?}/$1"
	mkdir -p "$T/$1"
	"$TWINREG" --db "$db" export -o "$T/$1/export" 2> /dev/null
	"$TWINREG" --db "$db" -f csv log > "$T/$1/log.csv"
	registry_dump "$db" > "$T/$1/dump.sql"
}
same_state() {
	diff -r "$T/$1" "$T/$2" > /dev/null
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
# ids_of ARGS...: the ids `twinreg ARGS` lists (tsv), on one line.
ids_of() {
	"$TWINREG" -f tsv --no-header "$@" | cut -f1 | tr '\n' ' ' | sed 's/ $//'
}
# expect_listed "IDS" ARGS...: `list ARGS` on the registry $db is exit 0,
# nothing on stderr, exactly the records IDS (space-separated, in order).
expect_listed() {
	_ei=$1
	shift
	run twinreg --db "$db" -f tsv --no-header list "$@"
	expect_status 0
	expect_err_empty
	_eg=$(cut -f1 "$T/out" | tr '\n' ' ' | sed 's/ $//')
	[ "$_eg" = "$_ei" ] && ok || not_ok "list $*: ids '$_eg', expected '$_ei'"
}
# rows ARGS...: the number of records `twinreg ARGS` lists (tsv).
rows() {
	"$TWINREG" -f tsv --no-header "$@" | wc -l | tr -d ' '
}

# ---- Cases -------------------------------------------------------------------

# test_case TITLE BODY: run the shell code BODY as one case titled TITLE.
# BODY is evaluated in this shell; chain its commands with && (and end a
# loop's body with || return 1) so that the first failure ends the case.
# A failed assertion prints "FAIL script: TITLE: what".  A body that ends
# non-zero while none of its assertions failed (a command that sets up
# the check failed) counts as one failure.  The case adds no count of
# its own: the counts are the assertions'.
#
# BODY is one single-quoted argument, so it holds no single quote.  A
# body that needs single quotes (awk, sed, JSON, messages that quote)
# comes on standard input instead, after '-':
#
#   test_case 'the note is kept with its quotes' - <<\END
#       run twinreg --db "$db" -f json show 3 &&
#       expect_out_has '"field":"notes","value":"Ank\"ara"}'
#   END
TEST_TITLE=
test_case() {
	if [ $# -eq 2 ] && [ "$2" = - ]; then
		set -- "$1" "$(cat)"
	fi
	TEST_TITLE=$1
	if [ $# -ne 2 ]; then
		not_ok "test_case takes a title and a body, not $# arguments (a single quote in the body?)"
		TEST_TITLE=
		return 1
	fi
	_tc_fail=$TEST_FAIL
	RUN=
	_tc_eval "$2"
	_tc_status=$?
	if [ "$_tc_status" -ne 0 ] && [ "$TEST_FAIL" -eq "$_tc_fail" ]; then
		not_ok "the case stopped at a command that failed (status $_tc_status), not at an assertion"
	fi
	_tc_status=$((TEST_FAIL - _tc_fail))
	TEST_TITLE=
	[ "$_tc_status" -eq 0 ]
}
# The body in a function of its own, so that `return` ends the body only.
_tc_eval() {
	eval "$1"
}

# ---- Assertions --------------------------------------------------------------

ok() {
	TEST_PASS=$((TEST_PASS + 1))
}

not_ok() {
	TEST_FAIL=$((TEST_FAIL + 1))
	echo "FAIL $TEST_NAME: ${TEST_TITLE:+$TEST_TITLE: }$1"
	if [ -n "$RUN" ]; then
		echo "  command: $RUN"
	fi
	if [ -n "$RUN" ] && [ -s "$T/err" ]; then
		echo "  stderr:"
		sed 's/^/    /' "$T/err" | head -n 20
	fi
	return 1
}

expect_status() {
	_es=$(cat "$T/status")
	[ "$_es" = "$1" ] && ok || not_ok "status $_es, expected $1"
}

# Compare stdout (or stderr) with a golden file, byte for byte.
golden() {
	_gw=$1
	_gf=$GOLDEN/$2
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$T/$_gw" "$_gf"
	fi
	if [ ! -f "$_gf" ]; then
		not_ok "missing golden file $_gf"
		return 1
	fi
	if cmp -s "$T/$_gw" "$_gf"; then
		ok
	else
		not_ok "$_gw differs from $_gf"
		diff "$_gf" "$T/$_gw" | head -n 30 | sed 's/^/    /'
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
	if grep -F -q -e "$1" "$T/out"; then not_ok "stdout has: $1"; else ok; fi
}

expect_err_has() {
	grep -F -q -e "$1" "$T/err" && ok || not_ok "stderr lacks: $1"
}

expect_err_lacks() {
	if grep -F -q -e "$1" "$T/err"; then not_ok "stderr has: $1"; else ok; fi
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
		return 1
	fi
}

# The number of lines of stdout.
expect_lines() {
	_el=$(wc -l < "$T/out" | tr -d ' ')
	[ "$_el" = "$1" ] && ok || not_ok "$_el lines of stdout, expected $1"
}

# check DESCRIPTION CMD...: CMD, any shell condition, succeeds.
check() {
	_cd=$1
	shift
	if "$@"; then ok; else not_ok "$_cd"; fi
}

# ---- Assertions of more than one step ------------------------------------------

# expect_ids "IDS" ARGS...: `q ARGS` (tsv) lists exactly these ids in this
# order, exit 0, nothing on stderr.
expect_ids() {
	_ei=$1
	shift
	run q -f tsv --no-header "$@"
	expect_status 0
	expect_err_empty
	_eg=$(cut -f1 "$T/out" | tr '\n' ' ' | sed 's/ $//')
	[ "$_eg" = "$_ei" ] && ok || not_ok "ids '$_eg', expected '$_ei'"
}

# expect_tsv TEXT: stdout is TEXT, whose commas stand for tabs (tsv
# output compared with a count made by hand).
expect_tsv() {
	printf '%s\n' "$1" | tr ',' '\t' > "$T/want"
	if cmp -s "$T/out" "$T/want"; then
		ok
	else
		not_ok "stdout differs from the hand count"
		diff "$T/want" "$T/out" | head -n 30 | sed 's/^/    /'
		return 1
	fi
}

# expect_sound DB: SQLite finds the file DB sound (integrity_check); on
# PostgreSQL, amcheck its tables and indexes (tests/pg.sh).
expect_sound() {
	if [ "${TWR_STORE:-sqlite}" = pg ]; then
		run pg_sound "$1"
	else
		run sqlite3 "$1" "PRAGMA integrity_check"
	fi &&
	expect_out ok
}

# bad_import GOLDEN ARGS...: `twinreg import ARGS` on $db fails with 65,
# prints nothing on stdout and exactly the error lines of
# tests/golden/GOLDEN on stderr (names under $T without it), and leaves
# the registry as it was.
bad_import() {
	_bi=$1
	shift
	snap before
	run twinreg --db "$db" import "$@"
	expect_status 65
	expect_out_empty
	strip_T
	expect_stderr "$_bi"
	check "$_bi: registry unchanged after the failed import" same_as before
}

# Print the counts for tests/run.sh.
finish() {
	echo "counts $TEST_PASS $TEST_FAIL"
}
