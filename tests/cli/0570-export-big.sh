# Lossless export on a generated registry of 100,000 sister cities (500
# municipalities in Türkiye, 2,000 partners in ten countries), made with
# awk at test time: export, import into an empty registry, export again
# gives the same bytes.  Dates at every precision and none, two
# statuses, topics, notes with commas, quotes and (now and then) a
# newline.  Also: a reader that waits, one that stops early, and
# reports that add up.

test_case '100,000 sister cities are generated and imported' - <<\END
	awk 'BEGIN {
	split("FR DE JP BA HU IT GR BG MK NE", cc, " ")
	print "municipality,municipality_country,sister_city,sister_city_country,signed_on,status,ended_on,topics,notes"
	for (i = 0; i < 100000; i++) {
		m = i % 500
		p = int(i / 500) * 10 + i % 10
		c = cc[i % 10 + 1]
		y = 1950 + i % 70
		if (i % 4 == 0) d = ""
		else if (i % 4 == 1) d = y
		else if (i % 4 == 2) d = sprintf("%04d-%02d", y, i % 12 + 1)
		else d = sprintf("%04d-%02d-%02d", y, i % 12 + 1, i % 28 + 1)
		st = i % 17 == 0 ? "dormant" : "active"
		note = i % 1000 == 7 ? "\"first line\nsecond, \"\"quoted\"\" line\"" : "\"note " i ", with a comma\""
		printf "Belediye %d,TR,Şehir %d,%s,%s,%s,,culture;youth,%s\n", m, p, c, d, st, note
	}
}' > "$T/big.csv" &&
	check "100,000 rows generated" test "$(grep -c ',TR,' "$T/big.csv")" = 100000 &&

	twinreg --db "$T/big.db" init -q &&
	run twinreg --db "$T/big.db" -q import "$T/big.csv" &&
	expect_status 0 &&
	expect_err_empty
END

test_case '100,000 rows export, import and export again to the same bytes' - <<\END
	run twinreg --db "$T/big.db" export -o "$T/a" &&
	expect_status 0 &&
	expect_out_empty &&
	check "100,000 sister cities exported" \
	    test "$(grep -c '^Belediye ' "$T/a/sister-cities.csv")" = 100000 &&
	check "2,500 actors exported" test "$(sed 1d "$T/a/actors.csv" | wc -l)" = 2500 &&

	twinreg --db "$T/copy.db" init -q &&
	run twinreg --db "$T/copy.db" -q import "$T/a/actors.csv" "$T/a/sister-cities.csv" \
	    "$T/a/partnerships.csv" "$T/a/memberships.csv" &&
	expect_status 0 &&
	run twinreg --db "$T/copy.db" export -o "$T/b" &&
	expect_status 0 &&
	for k in actors sister-cities partnerships memberships; do
		check "100,000 rows: $k.csv the same after export, import, export" \
		    cmp -s "$T/a/$k.csv" "$T/b/$k.csv" || return 1
	done
END

# The registry's own figures agree: 100,000 sister cities, a quarter
# undated.  Timeline: 1950-2019, 25,000 undated.
test_case 'the reports of the copy add up to the generated rows' - <<\END
	run twinreg --db "$T/copy.db" report timeline -f csv &&
	expect_status 0 &&
	tr -d '\r' < "$T/out" > "$T/tl" &&
	check "timeline: 70 years and undated" test "$(sed 1d "$T/tl" | wc -l)" = 71 &&
	check "timeline: 25,000 undated" grep -qx 'undated,25000,0,0,25000' "$T/tl" &&
	check "timeline: sums to 100,000" \
	    test "$(sed 1d "$T/tl" | awk -F, '{ s += $5 } END { print s }')" = 100000 &&
	# 2011 = 1950 + 61: the rows i with i % 70 == 61, 1,428 or 1,429 of
	# them; those with i % 4 == 0 are undated.  Counted here with awk from
	# the generated file.
	n2011=$(awk -F, 'NR > 1 && substr($5, 1, 4) == "2011"' "$T/big.csv" | wc -l | tr -d ' ') &&
	check "timeline: 2011 as generated ($n2011)" grep -qx "2011,$n2011,0,0,$n2011" "$T/tl" &&
	run twinreg --db "$T/copy.db" report yearly --year 2011 -f csv &&
	expect_status 0 &&
	check "yearly: signed in 2011 as generated" \
	    grep -q "^signed_by_kind,sister_city,$n2011," "$T/out"
END

# A reader that waits before it reads (a pager) gets every row.  On the
# server a listing's rows come from a cursor, a thousand at a time, held
# apart from any transaction: the wait leaves none idle, which a
# server's idle_in_transaction_session_timeout would end (the listing
# read 2,000 rows, then failed, exit 74, when its cursor had a
# transaction of its own), and twinreg's session is not ended for being
# idle (idle_session_timeout) meanwhile.
test_case 'a reader that waits gets every row' - <<\END
	{ PGOPTIONS='-c idle_in_transaction_session_timeout=300
	    -c idle_session_timeout=300' "$TWINREG" \
	    --db "$T/copy.db" list sister-cities -f csv 2> "$T/slow.err"
	    echo $? > "$T/slow.status"; } | { sleep 2; wc -l > "$T/slow.n"; } &&
	check "a slow reader: exit 0" test "$(cat "$T/slow.status")" = 0 &&
	check "a slow reader: the header and 100,000 rows" \
	    test "$(tr -d ' ' < "$T/slow.n")" = 100001 &&
	check "a slow reader: nothing on stderr" test ! -s "$T/slow.err"
END

# The reader stops early: no crash, no sanitizer report.
test_case 'a reader that stops early is no crash' - <<\END
	s=$( { { "$TWINREG" --db "$T/copy.db" export --kind sister-cities 2> "$T/pipe.err"; echo $? >&3; } | head -n 1 > "$T/pipe.out"; } 3>&1 ) &&
	case $s in
	0 | 74 | 141) ok ;;
	*) not_ok "export | head -1: exit $s" ;;
	esac &&
	check "export | head -1: the header" grep -q '^municipality,' "$T/pipe.out" &&
	check "export | head -1: no sanitizer report" \
	    eval '! grep -q -e Sanitizer -e "runtime error" "$T/pipe.err"' &&
	s=$( { { "$TWINREG" --db "$T/copy.db" report municipalities 2> "$T/pipe.err"; echo $? >&3; } | head -n 1 > /dev/null; } 3>&1 ) &&
	case $s in
	0 | 74 | 141) ok ;;
	*) not_ok "report municipalities | head -1: exit $s" ;;
	esac
END
