# store: sqlite (init making the file whole or not at all, under strace)
# init makes the registry whole or not at all: killed at any moment it
# leaves no registry or a complete one, never a file that init then
# refuses; an empty or header-only leftover (of an older twinreg, or of
# sqlite3) is made again by init.
db=$T/r.db

# whole_or_none: $db is absent, or a sound registry of the current schema
# that list reads; then init (again) gives a usable registry.
whole_or_none() {
	if [ -e "$db" ]; then
		expect_sound "$db" &&
		run sqlite3 "$db" "PRAGMA user_version" &&
		expect_out 7 &&
		run twinreg --db "$db" list actors &&
		expect_status 0
	else
		ok
	fi &&
	run twinreg --db "$db" init &&
	expect_status 0 &&
	run twinreg --db "$db" -q add actor --name Kadıköy --country TR &&
	expect_status 0 &&
	expect_out 1
}

# killed_at SYSCALL N: init killed (SIGKILL) on entering the Nth call of
# SYSCALL, its status kept as run does.
killed_at() {
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace="$1" -e inject="$1":signal=KILL:when="$2" \
		"$TWINREG" --db "$db" init > /dev/null 2> "$T/err"
	echo $? > "$T/status"
	RUN="init killed at $1 #$2"
}

# The number of calls of SYSCALL an init makes.
calls() {
	rm -f "$db" "$db"-* "$db".*
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -c -U calls,name -e trace="$1" "$TWINREG" --db "$db" init -q 2>&1 |
		awk -v s="$1" '$2 == s { print $1 }'
}

if command -v strace > /dev/null 2>&1; then
	# Every write, sync, link and unlink of init, each once the moment
	# it is killed.  The log writes are many: every third of them.
	test_case 'init killed at each write, sync, link or unlink leaves no registry or a whole one' '
		killed=0 &&
		for sc in pwrite64 fdatasync fsync link unlink close; do
			n=$(calls $sc) &&
			check "init makes $sc calls" test "${n:-0}" -gt 0 &&
			step=1 &&
			if [ "$n" -gt 30 ]; then step=3; fi &&
			i=1 &&
			while [ "$i" -le "$n" ]; do
				rm -f "$db" "$db"-* "$db".* &&
				killed_at $sc $i &&
				if [ "$(cat "$T/status")" = 137 ]; then killed=$((killed + 1)); fi &&
				whole_or_none &&
				i=$((i + step)) || return 1
			done || return 1
		done &&
		check "init was killed ($killed times)" test "$killed" -gt 20
	'
	# The moment init links the registry into place: killed just before,
	# no registry; just after (at the unlink of its temporary name), a
	# whole one.
	test_case 'killed before the link no registry, after it a whole one' '
		rm -f "$db" "$db"-* "$db".* &&
		killed_at link 1 &&
		expect_status 137 &&
		check "no registry before the link" test ! -e "$db" &&
		rm -f "$db" "$db"-* "$db".* &&
		n=$(calls unlink) &&
		rm -f "$db" "$db"-* "$db".* &&
		killed_at unlink "$n" &&
		expect_status 137 &&
		check "a registry once linked" test -e "$db" &&
		whole_or_none
	'
else
	echo "skip 0805-init-atomic: no strace, init is killed only by kill -9"
fi

# Real kill -9 after 0 to 9 ms, for at most 6 s.
test_case 'init killed by kill -9 after 0 to 9 ms, again and again' '
	end=$(($(date +%s) + 6)) &&
	i=0 &&
	while [ "$(date +%s)" -lt "$end" ] && [ "$i" -lt 60 ]; do
		rm -f "$db" "$db"-* "$db".* &&
		{ "$TWINREG" --db "$db" init -q > /dev/null 2>&1 & } &&
		p=$! &&
		sleep "0.00$((i % 10))" &&
		kill_status "$p" "init $i (kill -9)" &&
		whole_or_none &&
		i=$((i + 1)) || return 1
	done &&
	check "some inits were run ($i)" test "$i" -ge 10
'

# Leftovers init makes again: an empty file, and an SQLite file with no
# table (what sqlite3 leaves when it only set the journal mode).
test_case 'an empty leftover is made again by init' '
	rm -f "$db" "$db"-* &&
	: > "$db" &&
	run twinreg --db "$db" list &&
	expect_status 66 &&
	expect_err_has "twinreg init" &&
	run twinreg --db "$db" init &&
	expect_status 0 &&
	expect_err_has "created registry" &&
	whole_or_none
'

test_case 'a header-only leftover is made again by init' '
	rm -f "$db" "$db"-* &&
	sqlite3 "$db" "PRAGMA journal_mode = WAL" > /dev/null &&
	check "the leftover has a header" test "$(size "$db")" -gt 0 &&
	run twinreg --db "$db" init &&
	expect_status 0 &&
	expect_err_has "created registry" &&
	whole_or_none
'

# What is not a leftover stays: a registry with records, and other files.
test_case 'init leaves a registry with records, and refuses other files' '
	run twinreg --db "$db" init &&
	expect_status 0 &&
	expect_err_has "already exists" &&
	run twinreg --db "$db" list actors -f tsv --no-header &&
	expect_lines 1 &&
	printf "name,country\n" > "$T/text.db" &&
	run twinreg --db "$T/text.db" init &&
	expect_status 73 &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	check "the text file is left alone" test "$(cat "$T/text.db")" = "name,country"
'
