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
