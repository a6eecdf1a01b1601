# A write error on stdout is an error: exit 74 and one line on stderr,
# never a silent 0 (a full disk: /dev/full). A reader that stops early
# (| head -n 1) is no crash and no sanitizer report: the command ends
# quietly (killed by SIGPIPE, 141, or exit 74 if it ignores the signal).

# full ARGS...: run `twinreg ARGS` with stdout on /dev/full (a full disk),
# as run does.
full() {
	"$TWINREG" "$@" > /dev/full 2> "$T/err"
	echo $? > "$T/status"
	RUN="twinreg $* > /dev/full"
}

# Full disk, for each command that prints and each format.
test_case 'a full disk is 74 with one line, for every listing and format' '
	for f in table csv tsv json jsonl markdown; do
		for k in "" sister-cities partnerships memberships actors; do
			full --sample -f $f list $k &&
			expect_status 74 &&
			check "one line on stderr ($f $k)" test "$(wc -l < "$T/err")" -eq 1 &&
			expect_err_has "twinreg: " &&
			expect_err_lacks "Sanitizer" || return 1
		done || return 1
	done
'

test_case 'a full disk is 74 for show, search and listings with options' '
	for cmd in "show 1" "show 167" "search mbb" "search -f json saraybosna" \
		"list --limit 1" "list --no-header --limit 1 -f csv" "-q list actors"; do
		full --sample $cmd &&
		expect_status 74 &&
		check "one line on stderr ($cmd)" test "$(wc -l < "$T/err")" -eq 1 &&
		expect_err_has "twinreg: " || return 1
	done
'
# An empty result still writes a header (table, csv) or [] (json).
test_case 'an empty result that writes a header is 74 on a full disk' '
	for f in table csv json; do
		full --sample -f $f list --status ended &&
		expect_status 74 || return 1
	done
'
# A registry on disk too; the registry is not harmed.
test_case 'a registry on disk is not harmed by a full disk' '
	"$TWINREG" --db "$T/r.db" init -q &&
	"$TWINREG" --db "$T/r.db" import -q "$DATA/query-actors.csv" "$DATA/query-sister-cities.csv" &&
	full --db "$T/r.db" list &&
	expect_status 74 &&
	expect_sound "$T/r.db"
'

# A closed pipe. The sample's listings fit in a pipe buffer, so the
# command may end 0 before head closes it; what matters is no crash
# and no noise.
test_case 'a reader that stops early is no crash and no noise' '
	for k in "" sister-cities actors; do
		( "$TWINREG" --sample list $k 2> "$T/err"; echo $? > "$T/status" ) | head -n 1 > "$T/out" &&
		RUN="twinreg --sample list $k | head -n 1" &&
		s=$(cat "$T/status") &&
		case $s in
		0 | 74 | 141) ok ;;
		*) not_ok "status $s after head closed the pipe" ;;
		esac &&
		check "stderr empty or one line" test "$(wc -l < "$T/err")" -le 1 &&
		expect_err_lacks "Sanitizer" &&
		expect_err_lacks "runtime error" &&
		expect_lines 1 || return 1
	done
'

# A long listing (about 300 kB) cannot fit: the pipe closes under it.
test_case 'a long listing cut by a closed pipe ends quietly' - <<\END
	awk 'BEGIN {
	print "municipality,municipality_country,sister_city,sister_city_country,signed_on"
	for (i = 1; i <= 3000; i++)
		printf "Şehir %d,TR,Città numero %d,IT,%d\n", i % 50, i, 1950 + i % 70
}' > "$T/big.csv" &&
	"$TWINREG" --db "$T/big.db" init -q &&
	"$TWINREG" --db "$T/big.db" import -q "$T/big.csv" &&
	for f in table csv json jsonl; do
		( "$TWINREG" --db "$T/big.db" -f $f list 2> "$T/err"; echo $? > "$T/status" ) | head -n 1 > "$T/out" &&
		RUN="twinreg -f $f list (3000 rows) | head -n 1" &&
		s=$(cat "$T/status") &&
		case $s in
		74 | 141) ok ;;
		*) not_ok "status $s after head closed the pipe, expected 74 or SIGPIPE (141)" ;;
		esac &&
		check "stderr empty or one line ($f)" test "$(wc -l < "$T/err")" -le 1 &&
		if [ -s "$T/err" ]; then
			expect_err_has "twinreg: "
		fi &&
		expect_err_lacks "Sanitizer" &&
		expect_err_lacks "runtime error" &&
		expect_lines 1 || return 1
	done &&
	( "$TWINREG" --db "$T/big.db" search -f csv --limit 0 sehir 2> "$T/err"; echo $? > "$T/status" ) | head -c 10 > "$T/out" &&
	RUN="twinreg search --limit 0 sehir | head -c 10" &&
	s=$(cat "$T/status") &&
	case $s in
	0 | 74 | 141) ok ;;
	*) not_ok "search: status $s after head closed the pipe" ;;
	esac &&
	expect_err_lacks "Sanitizer" &&
	# The registry is fine afterwards.
	expect_sound "$T/big.db"
END
