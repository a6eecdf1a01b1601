# export -o DIR writes all its files or changes none: a failure part-way
# (a file that cannot be replaced, a write, sync or rename that fails,
# a full disk) leaves every file of DIR as it was, and no stray file.
db=$T/r.db
new_registry "$db" "$DATA/report-actors.csv" "$DATA/report-sister-cities.csv" \
	"$DATA/report-memberships.csv"
twinreg --db "$db" export -o "$T/d"
# The registry changes after the first export: a new export differs.
twinreg --db "$db" -q import "$DATA/report-partnerships.csv" "$DATA/report-activities.csv"
twinreg --db "$db" -q add actor --name "Yeni Belde" --country TR > /dev/null
cp -R "$T/d" "$T/d.before"

# unchanged: DIR holds exactly the files of the first export.
unchanged() {
	check "DIR as it was: $RUN" diff -r "$T/d.before" "$T/d"
}

# failed STATUS: the last run exited STATUS with one line, nothing on
# stdout, DIR unchanged.
failed() {
	expect_status "$1" &&
	expect_out_empty &&
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	unchanged
}

# fault SYSCALL ERROR N: export -o $T/d with the Nth call of SYSCALL
# failing with ERROR, as run does.
fault() {
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace="$1" -e inject="$1":error="$2":when="$3" \
		"$TWINREG" --db "$db" export -o "$T/d" > "$T/out" 2> "$T/err"
	echo $? > "$T/status"
	RUN="export -o DIR with $1 #$3 failing ($2)"
}

check "the export would change DIR" test "$(twinreg --db "$db" export --kind actors | cmp - "$T/d/actors.csv" 2>&1)" != ""

test_case 'a directory in the place of a file: 73 and no file changed' '
	mv "$T/d/partnerships.csv" "$T/partnerships.csv" &&
	mkdir "$T/d/partnerships.csv" &&
	run twinreg --db "$db" export -o "$T/d" &&
	expect_status 73 &&
	expect_out_empty &&
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	check "the directory is still there" test -d "$T/d/partnerships.csv" &&
	rmdir "$T/d/partnerships.csv" &&
	mv "$T/partnerships.csv" "$T/d/partnerships.csv" &&
	unchanged
'

if command -v strace > /dev/null 2>&1; then
	test_case 'each rename, link, write or sync that fails leaves DIR as it was' '
		for sc in rename link write fsync; do
			n=1 &&
			while [ "$n" -le 5 ]; do
				fault $sc EIO $n &&
				failed 74 &&
				n=$((n + 1)) || return 1
			done || return 1
		done &&
		for n in 1 3 5; do
			fault write ENOSPC $n &&
			failed 74 &&
			expect_err_has "No space left on device" || return 1
		done
	'
	# A file made with openat: the first of the five temporary files
	# fails, then the last one.
	test_case 'a temporary file that cannot be made leaves DIR as it was' '
		n=$(ASAN_OPTIONS=detect_leaks=0 strace -f -qq -c -U calls,name -e trace=openat "$TWINREG" --db "$db" \
			export -o "$T/probe" 2>&1 | awk "\$2 == \"openat\" { print \$1 }") &&
		fault openat ENOSPC "$((n - 4))" &&
		failed 73 &&
		fault openat ENOSPC "$n" &&
		failed 73
	'
else
	echo "skip 0820-export-dir-atomic: no strace to make a write fail"
fi

# A new directory whose export fails is not left behind.
test_case 'a new directory of a failed export is removed' '
	if command -v strace > /dev/null 2>&1; then
		ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace=rename -e inject=rename:error=EIO:when=2 \
			"$TWINREG" --db "$db" export -o "$T/new" > "$T/out" 2> "$T/err"
		echo $? > "$T/status" &&
		expect_status 74 &&
		check "no directory left" test ! -e "$T/new"
	fi
'

test_case 'then a good export replaces every file and leaves no stray one' '
	run twinreg --db "$db" export -o "$T/d" &&
	expect_status 0 &&
	expect_err_empty &&
	for k in actors sister-cities partnerships memberships activities; do
		twinreg --db "$db" export --kind $k > "$T/want.csv" &&
		check "$k.csv is the new export" cmp -s "$T/want.csv" "$T/d/$k.csv" || return 1
	done &&
	check "only the five files" test "$(ls -A "$T/d" | wc -l)" -eq 5
'
