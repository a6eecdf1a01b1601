# Reports from cron: -o FILE written whole (temporary file and rename),
# 73 for a path that cannot be created, --quiet, no terminal codes, the
# same bytes on every run, in every time zone and locale, from an empty
# environment, and no crash when the reader stops early.

test_case 'the report fixture is imported' '
	report_fixture "$T/r.db"
'

# -o FILE: the same bytes as stdout, nothing on stdout, no temporary
# file left beside it; an existing file is replaced whole.
test_case '-o FILE writes what stdout gets, leaving no temporary file' '
	mkdir "$T/out.d" &&
	for r in "yearly --year 2011" countries municipalities networks timeline; do
		for f in table csv json; do
			run twinreg --db "$T/r.db" report $r -f "$f" &&
			cp "$T/out" "$T/stdout" &&
			run twinreg --db "$T/r.db" report $r -f "$f" -o "$T/out.d/report" &&
			expect_status 0 &&
			expect_out_empty &&
			check "-o $r $f: same as stdout" cmp -s "$T/stdout" "$T/out.d/report" &&
			check "-o $r $f: no temporary file left" \
			    test "$(ls -A "$T/out.d")" = "report" || return 1
		done || return 1
	done
'

test_case '-o replaces an existing file whole; --output is -o' - <<\END
	printf 'an older, longer report\n%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 \
	    17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 \
	    > "$T/out.d/report" &&
	run twinreg --db "$T/r.db" report networks -f csv -o "$T/out.d/report" &&
	expect_status 0 &&
	run twinreg --db "$T/r.db" report networks -f csv &&
	check "-o replaces an existing file whole" cmp -s "$T/out" "$T/out.d/report" &&
	# --output is -o.
	run twinreg --db "$T/r.db" report countries --output "$T/out.d/long" &&
	expect_status 0 &&
	check "--output writes" test -s "$T/out.d/long" &&
	rm -f "$T/out.d/long"
END
# The file gets the mode a new file gets (umask), not 0600.
test_case 'the -o file gets the mode the umask gives' '
	(umask 022 && "$TWINREG" --db "$T/r.db" report countries -o "$T/out.d/mode") &&
	check "-o file is readable by others under umask 022" \
	    test "$(ls -l "$T/out.d/mode" | cut -c1-10)" = "-rw-r--r--" &&
	rm -f "$T/out.d/mode"
'

# A missing directory: 73, an error naming the path, nothing created.
test_case 'a path that cannot be created is 73 and nothing is left' '
	run twinreg --db "$T/r.db" report yearly --year 2011 -o "$T/no/such/dir/r.txt" &&
	expect_status 73 &&
	expect_out_empty &&
	expect_err_has "$T/no/such/dir/r.txt" &&
	check "no directory created" test ! -e "$T/no" &&
	# A directory that cannot be written (where permissions hold: not root).
	mkdir "$T/ro" &&
	chmod 555 "$T/ro" &&
	if [ ! -w "$T/ro" ]; then
		run twinreg --db "$T/r.db" report countries -o "$T/ro/r.txt" &&
		expect_status 73 &&
		expect_out_empty &&
		check "nothing in a read-only directory" test -z "$(ls -A "$T/ro")"
	fi &&
	chmod 755 "$T/ro" &&
	# A directory where the file should be: it cannot be created (73), and
	# nothing is left beside it.
	mkdir "$T/isdir" &&
	run twinreg --db "$T/r.db" report countries -o "$T/isdir" &&
	expect_status 73 &&
	expect_out_empty &&
	check "no temporary file beside the directory" \
	    test "$(ls -d "$T"/isdir* | wc -l)" = 1
'
# A failed report leaves an existing file as it was.
test_case 'a failed report leaves the old file as it was, and writes none' - <<\END
	echo "last year's report" > "$T/out.d/keep.txt" &&
	run twinreg --db "$T/r.db" report countries --country Atlantis -o "$T/out.d/keep.txt" &&
	expect_status 1 &&
	check "a failed report keeps the old file" \
	    test "$(cat "$T/out.d/keep.txt")" = "last year's report" &&
	rm -f "$T/out.d/keep.txt" &&
	# A registry that cannot be opened: 66, and no report file.
	run twinreg --db "$T/missing.db" report countries -o "$T/out.d/m.txt" &&
	expect_status 66 &&
	check "no report file without a registry" test ! -e "$T/out.d/m.txt" &&
	check "no temporary file without a registry" test "$(ls -A "$T/out.d")" = "report" &&
	# A bad report: 64, and no file.
	run twinreg --db "$T/r.db" report yearly --year 20x1 -o "$T/out.d/b.txt" &&
	expect_status 64 &&
	check "no report file for a usage error" test ! -e "$T/out.d/b.txt"
END
# A full disk: 74 (where /dev/full exists).
test_case 'a full disk is 74' - <<\END
	if [ -w /dev/full ]; then
		run sh -c '"$TWINREG" --db "$1" report timeline --from 1000 --to 9998 > /dev/full' sh "$T/r.db" &&
		expect_status 74 &&
		expect_err_has "twinreg: "
	fi
END

# --quiet: nothing on stderr; the report unchanged.
test_case '--quiet prints nothing on stderr and the same report' '
	run twinreg --db "$T/r.db" report yearly --year 2011 -q -o "$T/out.d/q.txt" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_empty &&
	run twinreg --db "$T/r.db" --quiet report countries &&
	expect_status 0 &&
	expect_err_empty &&
	expect_stdout report-countries.table
'

# No terminal codes in any format (stdout is not a terminal here).
test_case 'no terminal codes in any format' - <<\END
	esc=$(printf '\033') &&
	for f in table markdown csv tsv json jsonl; do
		for r in "yearly --year 2011" countries municipalities networks timeline; do
			run twinreg --db "$T/r.db" report $r -f "$f" &&
			if grep -q "$esc" "$T/out" "$T/err"; then
				not_ok "escape codes in report $r -f $f"
			else
				ok
			fi || return 1
		done || return 1
	done
END

# Byte-identical on two runs, in other time zones and locales, and from
# an empty environment with stdin closed (as cron runs it).  A Turkish
# locale puts the table into Turkish (0950-i18n.sh): there the table is
# compared with the Turkish one made in UTC, and json with the C one.
test_case 'the same bytes twice, in other time zones and locales, and from cron' - <<\END
	for r in "yearly --year 2011" countries municipalities networks timeline; do
		"$TWINREG" --db "$T/r.db" report $r > "$T/first" 2>&1 &&
		"$TWINREG" --db "$T/r.db" report $r > "$T/second" 2>&1 &&
		check "report $r: byte-identical twice" cmp -s "$T/first" "$T/second" &&
		TZ=UTC LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$T/r.db" report $r > "$T/first.tr" 2>&1 &&
		for env in "TZ=Asia/Tokyo LC_ALL=tr_TR.UTF-8" \
		    "TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 LANG=tr_TR.UTF-8" \
		    "TZ=America/Los_Angeles LC_ALL= LANG=de_DE.UTF-8 LC_NUMERIC=de_DE.UTF-8" \
		    "TZ=UTC+12 LC_ALL=POSIX"; do
			case $env in
			*LC_ALL=tr_TR*) want=$T/first.tr ;;
			*) want=$T/first ;;
			esac &&
			env $env "$TWINREG" --db "$T/r.db" report $r > "$T/other" 2>&1 &&
			check "report $r: same under $env" cmp -s "$want" "$T/other" &&
			env $env "$TWINREG" --db "$T/r.db" report $r -f json > "$T/other" 2>&1 &&
			"$TWINREG" --db "$T/r.db" report $r -f json > "$T/first.json" 2>&1 &&
			check "report $r -f json: same under $env" cmp -s "$T/first.json" "$T/other" || return 1
		done &&
		env -i PATH="$PATH" TWINREG_DB="$T/r.db" "$TWINREG" report $r \
		    > "$T/cron" 2> "$T/cron.err" < /dev/null &&
		check "report $r: same from cron's empty environment" cmp -s "$T/first" "$T/cron" &&
		check "report $r: nothing on stderr from cron" test ! -s "$T/cron.err" || return 1
	done
END

test_case 'cron with stdin closed, the default year, and -o' '
	{
		env -i PATH="$PATH" TWINREG_DB="$T/r.db" "$TWINREG" report yearly --year 2011 \
		    > "$T/cron" 2> "$T/cron.err" <&-
		echo $? > "$T/status"
	} &&
	expect_status 0 &&
	"$TWINREG" --db "$T/r.db" report yearly --year 2011 > "$T/first" &&
	check "cron, stdin closed: the same report" cmp -s "$T/cron" "$T/first" &&
	# The default year in an empty environment is last year in UTC.
	env -i PATH="$PATH" TWINREG_DB="$T/r.db" "$TWINREG" report yearly > "$T/cron" 2>&1 < /dev/null &&
	check "cron: default year" grep -q "^Yearly report $(($(date -u +%Y) - 1)) " "$T/cron" &&
	# Cron writing a file with -o.
	env -i PATH="$PATH" TWINREG_DB="$T/r.db" "$TWINREG" report yearly --year 2011 \
	    -f csv -q -o "$T/out.d/cron.csv" > "$T/cron" 2>&1 < /dev/null &&
	check "cron -o: nothing printed" test ! -s "$T/cron" &&
	"$TWINREG" --db "$T/r.db" report yearly --year 2011 -f csv > "$T/first" &&
	check "cron -o: the same csv" cmp -s "$T/out.d/cron.csv" "$T/first"
'

# The reader stops early: no crash (exit 0, 74, or SIGPIPE's 141), no
# sanitizer report, at most a one-line error.
test_case 'a reader that stops early is no crash and no sanitizer report' - <<\END
	for f in table csv json; do
		for r in "timeline --from 1000 --to 9998" "yearly --year 2011"; do
			"$TWINREG" --db "$T/r.db" report $r -f "$f" 2> "$T/pipe.err" | head -n 1 > "$T/pipe.out" &&
			# The status of the left side of the pipe, portably.
			s=$( { { "$TWINREG" --db "$T/r.db" report $r -f "$f" 2>> "$T/pipe.err"; echo $? >&3; } | head -n 1 > /dev/null; } 3>&1 ) &&
			case $s in
			0 | 74 | 141) ok ;;
			*) not_ok "report $r -f $f | head -1: exit $s" ;;
			esac &&
			check "report $r -f $f | head -1: one line read" test "$(wc -l < "$T/pipe.out")" = 1 &&
			check "report $r -f $f | head -1: no sanitizer report" \
			    eval '! grep -q -e Sanitizer -e "runtime error" "$T/pipe.err"' &&
			check "report $r -f $f | head -1: at most one line on stderr per run" \
			    test "$(wc -l < "$T/pipe.err")" -le 2 || return 1
		done || return 1
	done
END
