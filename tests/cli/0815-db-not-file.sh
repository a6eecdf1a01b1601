# store: sqlite (--db naming a FIFO, a device or a directory)
# --db naming a FIFO, a device or a directory is refused at once with 66
# (init, which would create it: 73) and one line: never a hang on the FIFO, never a write to the device.
# (timeout ends a command that would hang: 124, a failure here.)

# at_once ARGS...: `twinreg ARGS`, ended after 10 s if it hangs, with
# standard input from /dev/null, as run does.
at_once() {
	timeout 10 "$TWINREG" "$@" > "$T/out" 2> "$T/err" < /dev/null
	echo $? > "$T/status"
	RUN="timeout 10 twinreg $*"
}

# refused STATUS DB: each command on --db DB exits STATUS (not 124) with
# one line naming DB, nothing on stdout.
refused() {
	for c in "list" "list actors" "export --kind actors" "report countries" \
		"show 1" "search x" "check" "log" \
		"add actor --name X --country TR" "update 1 --notes x" \
		"import $DATA/import-actors.csv"; do
		at_once --db "$2" $c &&
		expect_status "$1" &&
		expect_out_empty &&
		check "$c: one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
		expect_err_has "$2" || return 1
	done
}

test_case 'a FIFO as --db is 66 at once, and stays a FIFO' '
	mkfifo "$T/fifo" &&
	refused 66 "$T/fifo" &&
	expect_err_has "not a regular file" &&
	# init, which would create it, cannot: 73, one line naming why.
	at_once --db "$T/fifo" init &&
	expect_status 73 &&
	check "init on a FIFO: one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_err_has "cannot open registry '"'"'$T/fifo'"'"': it is not a regular file" &&
	check "the FIFO is still a FIFO" test -p "$T/fifo" &&
	check "no -wal or -shm beside it" test ! -e "$T/fifo-wal" -a ! -e "$T/fifo-shm"
'

# A FIFO through TWINREG_DB, and a link to a FIFO.
test_case 'a FIFO by TWINREG_DB or by a link is 66 at once' '
	ln -s fifo "$T/link.db" &&
	refused 66 "$T/link.db" &&
	TWINREG_DB=$T/fifo at_once list &&
	expect_status 66
'

test_case '/dev/null as --db is 66 at once, and is left alone' '
	refused 66 /dev/null &&
	expect_err_has "not a regular file" &&
	check "/dev/null is a device still" test -c /dev/null
'

test_case 'a directory as --db is 66 at once' '
	mkdir -p "$T/dir.db" &&
	refused 66 "$T/dir.db" &&
	expect_err_has "is a directory" &&
	at_once --db "$T/dir.db" init &&
	expect_status 73 &&
	expect_err_has "is a directory" &&
	check "nothing made in the directory" test -z "$(ls "$T/dir.db")"
'
