# report activities [--year Y] on the report fixture (its ties #1..#8,
# P1..P6, M1..M5 and activities A1..A12 are listed in
# 0500-report-yearly.sh; tie ids: #1..#8 = 19..26, P1..P6 = 27..32,
# M1..M5 = 33..37).
#
# Counted by hand, every activity (no --year):
#   by_municipality: Bursa 1 (A11), İstanbul 4 (A4 A5 A8 A9), Kadıköy 3
#     (A1 A2 A7), Nilüfer 2 (A6 A10), Üsküdar 2 (A3 A12) = 12, in
#     Turkish order.
#   by_type: visit 4 (A1 A6 A8 A12), hosting 1 (A2), meeting 3 (A3 A10
#     A11), event 1 (A9), festival 1 (A4), exhibition 1 (A7), training 1
#     (A5), the other six 0 = 12, in SPEC's order of types.
#   by_partner_country (the tie partner's, else a partner's, else the
#     place's abroad; none at home): France 3 (A1 Lyon, A7 Lyon, A9
#     Nice), Bosnia and Herzegovina 2 (A5, A6), Germany 2 (A3, A12),
#     (none) 1 (A4: no tie, no partner, at home in İstanbul), Belgium 1
#     (A11), Hungary 1 (A10), Japan 1 (A2), South Korea 1 (A8) = 12;
#     most first, then by name.
#   by_tie: #4 Üsküdar-Köln 2 (A3 A12); one each: M4 Bursa-Net Beta
#     (A11), #5 İstanbul-Nice (A9), #6 İstanbul-Sarajevo (A5), P1
#     İstanbul-Seoul (A8), #2 Kadıköy-Kyoto (A2), P2 Kadıköy-Lyon (A7),
#     #1 Kadıköy-Lyon (A1), #7 Nilüfer-Debrecen (A10), P5
#     Nilüfer-Sarajevo (A6) = 11 (A4 belongs to no tie).
#   ties_without_activity (in force today, no activity at all): #3
#     Üsküdar-Mostar (21), P6 İstanbul-Tbilisi (32), M1 Kadıköy-Net
#     Alpha (33), M3 İstanbul-Net Beta (35) = 4; #4 P4 #8 M2 M5 ended,
#     P3 planned.  Agreements first, then memberships.
# --year 2011 (the year before, 2010: A3 only):
#   by_municipality: İstanbul 2 0 (A4 A8), Kadıköy 2 0 (A1 A2), Üsküdar
#     1 1 (A12; A3) = 5 1.
#   by_type: visit 3 0, hosting 1 0, meeting 0 1, festival 1 0 = 5 1.
#   by_partner_country: Germany 1 1 (A12; A3), (none) 1 0 (A4), France
#     1 0 (A1), Japan 1 0 (A2), South Korea 1 0 (A8) = 5 1; most in the
#     year, then most the year before, then name.
#   by_tie: #4 1 1 (A12; A3), then P1 İstanbul-Seoul, #2 Kadıköy-Kyoto,
#     #1 Kadıköy-Lyon 1 0 = 4 1.
#   ties_without_activity (in force at the end of 2011, none in 2011):
#     #5 #6 P2 #7 P5 #3, M4 M3 M1 M2 = 10 (M5 ended in 2011-12, P4 and
#     P6 not yet signed).
# --municipality kadikoy, every activity: Kadıköy 3; visit 1, hosting 1,
#   exhibition 1; France 2 (A1 A7), Japan 1 (A2); by_tie #2, P2, #1 one
#   each = 3; without activity M1 = 1.
. tests/figures.sh
figures_awk
db=$T/r.db

test_case 'the report fixture is imported' '
	report_fixture "$db" &&
	expect_err_empty
'

# by_tie: most activities first, then in Turkish order (İstanbul before
# Kadıköy), as every other section.  Its rows are checked as a set and
# then in order; the golden files leave the section out.

# The tsv report in $T/out with ", " in keys as "| " (expect_tsv reads
# commas as tabs); the rows of section $1 in $T/order as printed, and
# sorted in $T/sec; then the report without them in $T/out.
split_section() {
	sed 's/, /| /g' "$T/out" > "$T/o" &&
	grep "^$1	" "$T/o" > "$T/order"
	LC_ALL=C sort "$T/order" > "$T/sec" &&
	cp "$T/o" "$T/out" &&
	rows_out "$1"
}
# The first and last keys of $T/order.
first_key() {
	head -n 1 "$T/order" | cut -f2
}
last_key() {
	tail -n 1 "$T/order" | cut -f2
}

test_case 'every activity: the hand count' '
	run twinreg --db "$db" report activities -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	split_section by_tie &&
	expect_tsv "section,key,count,previous,change
by_municipality,Bursa (TR),1,,
by_municipality,İstanbul (TR),4,,
by_municipality,Kadıköy (TR),3,,
by_municipality,Nilüfer (TR),2,,
by_municipality,Üsküdar (TR),2,,
by_municipality,total,12,,
by_type,visit,4,,
by_type,hosting,1,,
by_type,meeting,3,,
by_type,event,1,,
by_type,festival,1,,
by_type,exhibition,1,,
by_type,training,1,,
by_type,project,0,,
by_type,exchange,0,,
by_type,aid,0,,
by_type,study_visit,0,,
by_type,award,0,,
by_type,other,0,,
by_type,total,12,,
by_partner_country,France (FR),3,,
by_partner_country,Bosnia and Herzegovina (BA),2,,
by_partner_country,Germany (DE),2,,
by_partner_country,(none),1,,
by_partner_country,Belgium (BE),1,,
by_partner_country,Hungary (HU),1,,
by_partner_country,Japan (JP),1,,
by_partner_country,South Korea (KR),1,,
by_partner_country,total,12,,
ties_without_activity,İstanbul - Tbilisi| cooperation_protocol (32),1,,
ties_without_activity,Üsküdar - Mostar| sister_city (21),1,,
ties_without_activity,İstanbul - Net Beta| membership (35),1,,
ties_without_activity,Kadıköy - Net Alpha| membership (33),1,,
ties_without_activity,total,4,," &&
	check "by_tie: the tie with two first" test "$(first_key)" = "Üsküdar - Köln| sister_city (22)" &&
	check "by_tie: the total last" test "$(last_key)" = total &&
	check "by_tie: then in Turkish order" test "$(cut -f2 "$T/order" | sed -n 2,4p | paste -sd ";" -)" = "Bursa - Net Beta| membership (36);İstanbul - Nice| sister_city (23);İstanbul - Sarajevo| sister_city (24)" &&
	cp "$T/sec" "$T/out" &&
	printf "%s\n" "by_tie,Bursa - Net Beta| membership (36),1,," \
		"by_tie,Kadıköy - Kyoto| sister_city (20),1,," \
		"by_tie,Kadıköy - Lyon| cooperation_protocol (28),1,," \
		"by_tie,Kadıköy - Lyon| sister_city (19),1,," \
		"by_tie,Nilüfer - Debrecen| sister_city (25),1,," \
		"by_tie,Nilüfer - Sarajevo| goodwill (31),1,," \
		"by_tie,total,11,," \
		"by_tie,Üsküdar - Köln| sister_city (22),2,," \
		"by_tie,İstanbul - Nice| sister_city (23),1,," \
		"by_tie,İstanbul - Sarajevo| sister_city (24),1,," \
		"by_tie,İstanbul - Seoul| memorandum (27),1,," | LC_ALL=C sort > "$T/rows" &&
	expect_tsv "$(cat "$T/rows")"
'

test_case '--year 2011: the hand count, with 2010 and the change' '
	run twinreg --db "$db" report activities --year 2011 -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	split_section by_tie &&
	expect_tsv "section,key,count,previous,change
by_municipality,İstanbul (TR),2,0,2
by_municipality,Kadıköy (TR),2,0,2
by_municipality,Üsküdar (TR),1,1,0
by_municipality,total,5,1,4
by_type,visit,3,0,3
by_type,hosting,1,0,1
by_type,meeting,0,1,-1
by_type,event,0,0,0
by_type,festival,1,0,1
by_type,exhibition,0,0,0
by_type,training,0,0,0
by_type,project,0,0,0
by_type,exchange,0,0,0
by_type,aid,0,0,0
by_type,study_visit,0,0,0
by_type,award,0,0,0
by_type,other,0,0,0
by_type,total,5,1,4
by_partner_country,Germany (DE),1,1,0
by_partner_country,(none),1,0,1
by_partner_country,France (FR),1,0,1
by_partner_country,Japan (JP),1,0,1
by_partner_country,South Korea (KR),1,0,1
by_partner_country,total,5,1,4
ties_without_activity,İstanbul - Nice| sister_city (23),1,,
ties_without_activity,İstanbul - Sarajevo| sister_city (24),1,,
ties_without_activity,Kadıköy - Lyon| cooperation_protocol (28),1,,
ties_without_activity,Nilüfer - Debrecen| sister_city (25),1,,
ties_without_activity,Nilüfer - Sarajevo| goodwill (31),1,,
ties_without_activity,Üsküdar - Mostar| sister_city (21),1,,
ties_without_activity,Bursa - Net Beta| membership (36),1,,
ties_without_activity,İstanbul - Net Beta| membership (35),1,,
ties_without_activity,Kadıköy - Net Alpha| membership (33),1,,
ties_without_activity,Üsküdar - Net Alpha| membership (34),1,,
ties_without_activity,total,10,," &&
	check "by_tie: the tie with one in each year first" test "$(first_key)" = "Üsküdar - Köln| sister_city (22)" &&
	check "by_tie: the total last" test "$(last_key)" = total &&
	cp "$T/sec" "$T/out" &&
	printf "%s\n" "by_tie,Kadıköy - Kyoto| sister_city (20),1,0,1" \
		"by_tie,Kadıköy - Lyon| sister_city (19),1,0,1" \
		"by_tie,total,4,1,3" \
		"by_tie,Üsküdar - Köln| sister_city (22),1,1,0" \
		"by_tie,İstanbul - Seoul| memorandum (27),1,0,1" | LC_ALL=C sort > "$T/rows" &&
	expect_tsv "$(cat "$T/rows")"
'

# One municipality: its activities, its ties (their names differ only
# in ASCII letters, so the order is checked too).
test_case '--municipality keeps one municipality: the hand count' '
	run twinreg --db "$db" report activities --municipality kadikoy -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	sed "s/, /| /g" "$T/out" > "$T/o" && cp "$T/o" "$T/out" &&
	expect_tsv "section,key,count,previous,change
by_municipality,Kadıköy (TR),3,,
by_municipality,total,3,,
by_type,visit,1,,
by_type,hosting,1,,
by_type,meeting,0,,
by_type,event,0,,
by_type,festival,0,,
by_type,exhibition,1,,
by_type,training,0,,
by_type,project,0,,
by_type,exchange,0,,
by_type,aid,0,,
by_type,study_visit,0,,
by_type,award,0,,
by_type,other,0,,
by_type,total,3,,
by_partner_country,France (FR),2,,
by_partner_country,Japan (JP),1,,
by_partner_country,total,3,,
by_tie,Kadıköy - Kyoto| sister_city (20),1,,
by_tie,Kadıköy - Lyon| cooperation_protocol (28),1,,
by_tie,Kadıköy - Lyon| sister_city (19),1,,
by_tie,total,3,,
ties_without_activity,Kadıköy - Net Alpha| membership (33),1,,
ties_without_activity,total,1,,"
'

# The totals agree with list activities and with report yearly.
test_case 'the totals are those of list activities and report yearly' - <<\END
	run twinreg --db "$db" report activities -f csv &&
	check "12 activities, as list activities" \
		grep -q "^by_type,total,$(rows --db "$db" list activities)," "$T/out" &&
	run twinreg --db "$db" report activities --year 2011 -f csv &&
	check "5 in 2011, as list activities --year 2011" \
		grep -q "^by_type,total,$(rows --db "$db" list activities --year 2011),1,4" "$T/out" &&
	check "by_tie: 4 ties in 2011" grep -q '^by_tie,total,4,1,3' "$T/out" &&
	run twinreg --db "$db" report yearly --year 2011 -f csv &&
	check "report yearly: 4 ties with an activity in 2011, 1 in 2010" \
		grep -q '^ties_with_activity,total,4,1,3' "$T/out" &&
	check "report yearly: visits 3 0 3, as here" \
		grep -q '^activities_by_type,visit,3,0,3' "$T/out"
END

# Golden files for every format (read and judged), by_tie left out (see
# BUG above); the heads for people.
test_case 'every format is the golden one (by_tie apart)' '
	for y in "" 2011; do
		for f in table markdown csv tsv json jsonl; do
			run twinreg --db "$db" report activities ${y:+--year $y} -f "$f" &&
			expect_status 0 &&
			expect_err_empty &&
			case $f in
			table|markdown) section_out by_tie ;;
			*) rows_out by_tie ;;
			esac &&
			expect_stdout "report-activities${y:+-$y}.$f" || return 1
		done || return 1
	done &&
	run twinreg --db "$db" report activities &&
	check "table: its title" test "$(head -n 1 "$T/out")" = "Activities" &&
	for s in by_municipality by_type by_partner_country by_tie ties_without_activity; do
		check "table: section $s" grep -qx "$s" "$T/out" || return 1
	done &&
	run twinreg --db "$db" report activities --year 2011 -f markdown &&
	check "markdown: its title" test "$(head -n 1 "$T/out")" = "# Activities 2011 (compared with 2010)" &&
	check "markdown: a heading for by_tie" grep -qx "## by_tie" "$T/out"
'

# The same figures in csv, tsv, json, jsonl and markdown (by_tie too).
test_case 'the figures are the same in every format' '
	same_figures "report activities" --db "$db" report activities &&
	same_figures "report activities --year 2011" --db "$db" report activities --year 2011 &&
	same_figures "report activities --year 2010" --db "$db" report activities --year 2010 &&
	same_figures "report activities --municipality kadikoy" --db "$db" report activities --municipality kadikoy &&
	same_figures "sample: report activities" --sample report activities &&
	same_figures "sample: report activities --year 2017" --sample report activities --year 2017
'

# A year with nothing: zeros, and every tie in force at its end without
# activity.
test_case 'a year without activity gives zeros' - <<\END
	run twinreg --db "$db" report activities --year 2014 -f csv &&
	expect_status 0 &&
	expect_err_empty &&
	tr -d '\r' < "$T/out" > "$T/o" &&
	check "2014: none, none in 2013" grep -qx 'by_type,total,0,0,0' "$T/o" &&
	check "2014: no tie with activity" grep -qx 'by_tie,total,0,0,0' "$T/o" &&
	check "2014: no municipality" grep -qx 'by_municipality,total,0,0,0' "$T/o"
END

# Bad years: 64, nothing on stdout, the message names --year.  The range
# is that of every other --year: 1000 to 9998.
test_case 'bad --year values are usage errors' - <<\END
	for y in 0999 10000 abc 999 9999 '' 2011-05 -2011; do
		run twinreg --db "$db" report activities --year "$y" &&
		expect_status 64 &&
		expect_out_empty &&
		expect_err_has "--year: bad year '$y' (expected " || return 1
	done &&
	run twinreg --db "$db" report activities --year 9999 &&
	expect_err_has "--year: bad year '9999' (expected a year from 1000 to 9998)" &&
	for y in 1000 9998; do
		run twinreg --db "$db" report activities --year "$y" -f csv &&
		expect_status 0 &&
		expect_out_has "by_type,total,0,0,0" || return 1
	done
END

# The filters of ties do not apply to the activities report, nor those
# of activities to the reports of ties: 64, nothing on stdout.
test_case 'filters that do not apply to a report are usage errors' - <<\END
	for o in "--network NALAS" "--kind goodwill" "--status active" \
		"--as-of 2020" "--topic culture" "--lacks source" "--dormant"; do
		set -- $o &&
		run twinreg --db "$db" report activities $o &&
		expect_status 64 &&
		expect_out_empty &&
		expect_err_has "$1 does not apply to activities" || return 1
	done &&
	for o in "--from 2010" "--to 2012"; do
		run twinreg --db "$db" report activities $o &&
		expect_status 64 &&
		expect_out_empty &&
		expect_err_has "report activities: --from and --to do not apply (--year names the year)" || return 1
	done &&
	for r in yearly countries municipalities networks timeline; do
		run twinreg --db "$db" report $r --type visit &&
		expect_status 64 &&
		expect_out_empty &&
		expect_err_has "--type does not apply to ties" &&
		run twinreg --db "$db" report $r --tie 19 &&
		expect_status 64 &&
		expect_out_empty &&
		expect_err_has "--tie does not apply to ties" || return 1
	done
END
