# list --dormant[=YEARS] on a registry built by hand (tests/data/
# dormant-*.csv; each tie's notes say what it is for), where we know
# which ties are dormant on which day.
#
# The rule: a tie in force on the day of reference (--as-of) is dormant
# when no activity of it is dated in the YEARS years up to that day (the
# window's first day included; a date at month or year precision counts
# when its month or year reaches the window) and it did not begin in
# that window.  An undated tie is dormant unless it has an undated
# activity or a dated one in the window; an undated activity never keeps
# a dated tie alive.  Ended ties and ties not yet signed are not in
# force, so never dormant.  An activity after the day does not count.
#
# Ids (actors 1-22 first):
#   23 D1  Kadıköy-Lyon      2010-01-01      activity 2017-06-15
#   24 D2  Kadıköy-Nice      2010-01-01      activity 2017-06-14
#   25 D3  Kadıköy-Kyoto     2017-06-15      no activity
#   26 D4  Kadıköy-Köln      undated         no activity
#   27 D5  Kadıköy-Mostar    undated         an undated activity
#   28 D6  Kadıköy-Seoul     undated         activity 2019-01-01
#   29 D7  Kadıköy-Debrecen  2005, ended 2018-01-01, no activity
#   30 D8  Kadıköy-Marseille undated, ended (no date), no activity
#   31 D9  Kadıköy-Tbilisi   2021-03-01      no activity
#   32 D10 Kadıköy-Skopje    planned         no activity
#   33 D11 Kadıköy-Sarajevo  2010            activity 2017-06 (month)
#   34 D12 Kadıköy-Riga      2010            activity 2017 (year)
#   35 D13 Kadıköy-Gent      2010            only an undated activity
#   36 D14 Kadıköy-Bonn      2017 (year)     no activity
#   37 D15 Kadıköy-Kotor     2010            activity 2021-01-01
#   38 L1  Kadıköy-Bitola    2000            activity 2023-02-28
#   39 L2  Kadıköy-Ohrid     2000            activity 2023-02-27
#   40 L3  Kadıköy-Plovdiv   2000            activity 2024-02-29
#   41 U1  Üsküdar-Lyon      2010            no activity
#   42 U2  Üsküdar-Köln      2010            activity 2020-01-01
#   43 P1  Kadıköy-Lyon memorandum 2010      activity 2018-03 (month)
#   44 M1  Kadıköy in Net Alpha  since 2010  activity 2019-05
#   45 M2  Üsküdar in Net Alpha  since 2012  no activity
#   46 M3  Kadıköy in Net Beta   undated     no activity
#   47 M4  Üsküdar in Net Beta   2010 to 2015, no activity
# and an activity of Kadıköy on 2019-06-01 with no tie (keeps nothing
# alive).
#
# Counted by hand (agreements; memberships apart):
#   2020-06-15, 3 years (window from 2017-06-15): D1 alive (activity on
#     the window's first day), D2 dormant (the day before), D3 alive
#     (signed on the first day), D4 dormant, D5 alive (undated
#     activity), D6 alive (2019), D7 D8 ended, D9 not yet signed, D10
#     planned, D11 alive (2017-06 reaches 06-15), D12 alive (2017), D13
#     dormant (undated activity only), D14 alive (signed 2017), D15
#     dormant (its activity is after the day), L1-L3 dormant (theirs
#     too), U1 dormant, U2 alive, P1 alive:
#     24 26 35 37 38 39 40 41.  Memberships: M2, M3 (45 46); M1 alive
#     (2019-05), M4 ended.
#   2020-06-16 (from 2017-06-16): D1 and D3 fall out of the window too:
#     23 24 25 26 35 37 38 39 40 41.
#   2020-06-14 (from 2017-06-14): D2 alive too: 26 35 37 38 39 40 41.
#   2020-07-01 (from 2017-07-01): D11 too (2017-06 ends 06-30):
#     23 24 25 26 33 35 37 38 39 40 41.
#   2020-12-31 (from 2017-12-31): the same; "2017" still reaches the
#     window (D12, D14 alive).
#   2021-01-01 (from 2018-01-01): D12 and D14 out, D15 alive (its
#     activity is on the day): 23 24 25 26 33 34 35 36 38 39 40 41;
#     memberships 45 46.
#   2024-02-29, 1 year (from 2023-02-28): L1 alive (2023-02-28), L2
#     dormant (02-27), L3 alive (on the day); D6 dormant now (2019), D9
#     in force and dormant, U2 (2020), P1 (2018-03) dormant:
#     23 24 25 26 28 31 33 34 35 36 37 39 41 42 43; memberships M1 M2
#     M3 (44 45 46).  Partnerships alone: 43; sister cities alone: the
#     rest.
#   2025-02-28, 1 year (from 2024-02-28): L3 alive (2024-02-29), L1 and
#     L2 dormant; 2025-03-01 (from 2024-03-01): L3 dormant too.
#   2016-01-01, 3 years: D7 (2005 to 2018) is in force and dormant; D3,
#     D9, D14 not yet signed: 23 24 26 28 29 33 34 35 37 38 39 40 41 42
#     43.
#   2025-01-01, 3 years (from 2022-01-01): D9 (2021-03-01) dormant now;
#     L1-L3 alive: 23 24 25 26 28 31 33 34 35 36 37 41 42 43.
#   2014-01-01, 3 years: M4 (2010 to 2015) in force and dormant; M1
#     (2010, no activity then) and M3 too; M2 (2012) began in the
#     window: 44 46 47.
#   --municipality Üsküdar on 2020-06-15: U1 (41); memberships M2 (45).
#     Kadıköy: 24 26 35 37 38 39 40.  Lyon (either party): U1 (41).
db=$T/d.db

# dormant ARGS...: the ids `list ARGS` prints (tsv), on one line.
dormant() {
	ids_of --db "$db" list "$@"
}
test_case 'the dormancy registry loads with the ids above' '
	new_registry "$db" &&
	run twinreg --db "$db" import "$DATA/dormant-actors.csv" \
		"$DATA/dormant-sister-cities.csv" "$DATA/dormant-partnerships.csv" \
		"$DATA/dormant-memberships.csv" "$DATA/dormant-activities.csv" &&
	expect_status 0 &&
	expect_err_has "62 rows from 5 files: 62 added" &&
	check "agreements 23-43" test "$(dormant)" = "$(seq -s " " 23 43)" &&
	check "memberships 44-47" test "$(dormant memberships)" = "44 45 46 47" &&
	run twinreg --db "$db" -f tsv --no-header list --columns id,notes &&
	check "23 is D1" grep -q "^23	D1:" "$T/out" &&
	check "37 is D15" grep -q "^37	D15:" "$T/out" &&
	check "40 is L3" grep -q "^40	L3:" "$T/out" &&
	check "43 is P1" grep -q "^43	P1:" "$T/out" &&
	run twinreg --db "$db" -f tsv --no-header list memberships --columns id,notes &&
	check "47 is M4" grep -q "^47	M4:" "$T/out"
'

# The window's first day is in it: an activity (D1) or a signing (D3)
# on that day keeps the tie alive, on the day before (D2) it does not.
test_case 'exactly YEARS years: the window first day is in, the day before out' '
	expect_listed "24 26 35 37 38 39 40 41" --dormant=3 --as-of 2020-06-15 &&
	expect_listed "23 24 25 26 35 37 38 39 40 41" --dormant=3 --as-of 2020-06-16 &&
	expect_listed "26 35 37 38 39 40 41" --dormant=3 --as-of 2020-06-14
'

# --dormant alone is 3 years.
test_case '--dormant without YEARS is 3 years' '
	expect_listed "24 26 35 37 38 39 40 41" --dormant --as-of 2020-06-15 &&
	expect_listed "23 24 25 26 33 34 35 36 38 39 40 41" --dormant --as-of 2021-01-01 &&
	check "--dormant = --dormant=3 on 2016-01-01" \
		test "$(dormant --dormant --as-of 2016-01-01)" = "$(dormant --dormant=3 --as-of 2016-01-01)" &&
	check "and not --dormant=1 (2020-06-15)" \
		test "$(dormant --dormant --as-of 2020-06-15)" != "$(dormant --dormant=1 --as-of 2020-06-15)"
'

# Without --as-of, today: the same list as --as-of today (UTC).
test_case '--dormant without --as-of counts up to today' '
	today=$(date -u +%Y-%m-%d) &&
	by_default=$(dormant --dormant) &&
	as_of_today=$(dormant --dormant --as-of "$today") &&
	# (should midnight UTC fall between the two, the day is not the same)
	check "today by default" test "$by_default" = "$as_of_today" -o \
		"$today" != "$(date -u +%Y-%m-%d)"
'

# Month and year precision: 2017-06 reaches a window from 2017-06-15,
# not one from 2017-07-01; 2017 reaches one from 2017-12-31, not one
# from 2018-01-01 (a year-precision signing, D14, alike).
test_case 'month and year precision dates reach a window by their last day' '
	expect_listed "23 24 25 26 33 35 37 38 39 40 41" --dormant --as-of 2020-07-01 &&
	expect_listed "23 24 25 26 33 35 37 38 39 40 41" --dormant --as-of 2020-12-31 &&
	expect_listed "23 24 25 26 33 34 35 36 38 39 40 41" --dormant --as-of 2021-01-01
'

# 2024-02-29 less one year is 2023-02-28 (window's first day): L1 on it
# is alive, L2 the day before is not; L3 on the leap day itself is.
test_case 'a leap day: --as-of 2024-02-29 --dormant=1 starts on 2023-02-28' '
	expect_listed "23 24 25 26 28 31 33 34 35 36 37 39 41 42 43" --dormant=1 --as-of 2024-02-29 &&
	expect_listed "44 45 46" memberships --dormant=1 --as-of 2024-02-29 &&
	expect_listed "43" partnerships --dormant=1 --as-of 2024-02-29 &&
	expect_listed "23 24 25 26 28 31 33 34 35 36 37 39 41 42" sister-cities --dormant=1 --as-of 2024-02-29 &&
	check "2025-02-28: L1 L2 dormant, L3 (2024-02-29) not" \
		test "$(dormant --dormant=1 --as-of 2025-02-28 --municipality Kadıköy | tr " " "\n" | grep -E "^(38|39|40)$" | tr "\n" " ")" = "38 39 " &&
	check "2025-03-01: L3 dormant too" \
		test "$(dormant --dormant=1 --as-of 2025-03-01 --municipality Kadıköy | tr " " "\n" | grep -E "^(38|39|40)$" | tr "\n" " ")" = "38 39 40 "
'

# Undated ties: D4 (nothing) dormant on every day; D5 (an undated
# activity) never; D6 (a dated one) only when 2019-01-01 is out of the
# window.  A dated tie with only an undated activity (D13) is dormant.
test_case 'undated ties: dormant unless an undated activity or one in the window' '
	for d in 2016-01-01 2020-06-15 2024-02-29 2025-01-01; do
		ids=" $(dormant --dormant --as-of $d) " &&
		check "$d: D4 dormant" test "${ids#* 26 }" != "$ids" &&
		check "$d: D5 alive" test "${ids#* 27 }" = "$ids" &&
		check "$d: D13 dormant" test "${ids#* 35 }" != "$ids" || return 1
	done &&
	ids=" $(dormant --dormant --as-of 2020-06-15) " &&
	check "2020-06-15: D6 alive (2019-01-01 in the window)" test "${ids#* 28 }" = "$ids" &&
	ids=" $(dormant --dormant --as-of 2025-01-01) " &&
	check "2025-01-01: D6 dormant (2019-01-01 out)" test "${ids#* 28 }" != "$ids" &&
	expect_listed "46" memberships --dormant --as-of 2020-06-15 --network "Net Beta"
'

# Ended ties are never dormant once ended (D7 after 2018-01-01, D8
# always, M4 after 2015), but are in force, so can be, before; a tie
# not yet signed (D9 before 2021-03-01) or planned (D10) is not in force.
test_case 'ended ties, ties not yet signed and planned ones are not dormant' '
	expect_listed "23 24 26 28 29 33 34 35 37 38 39 40 41 42 43" --dormant --as-of 2016-01-01 &&
	expect_listed "23 24 25 26 28 31 33 34 35 36 37 41 42 43" --dormant --as-of 2025-01-01 &&
	for d in 2016-01-01 2020-06-15 2025-01-01; do
		ids=" $(dormant --dormant --as-of $d) " &&
		check "$d: D8 (ended) not dormant" test "${ids#* 30 }" = "$ids" &&
		check "$d: D10 (planned) not dormant" test "${ids#* 32 }" = "$ids" || return 1
	done &&
	ids=" $(dormant --dormant --as-of 2020-06-15) " &&
	check "2020-06-15: D7 (ended 2018-01-01) not dormant" test "${ids#* 29 }" = "$ids" &&
	check "2020-06-15: D9 (signed 2021-03-01) not dormant" test "${ids#* 31 }" = "$ids" &&
	expect_listed "44 46 47" memberships --dormant --as-of 2014-01-01 &&
	expect_listed "45 46" memberships --dormant --as-of 2020-06-15 &&
	expect_listed "45 46" memberships --dormant --as-of 2021-01-01
'

# With --municipality: that municipality's ties only.
test_case '--dormant with --municipality' '
	expect_listed "41" --dormant --as-of 2020-06-15 --municipality uskudar &&
	expect_listed "24 26 35 37 38 39 40" --dormant --as-of 2020-06-15 --municipality KADIKÖY &&
	expect_listed "45" memberships --dormant --as-of 2020-06-15 --municipality Üsküdar &&
	# Lyon, the other party of D1 (alive), P1 (alive) and U1 (dormant).
	expect_listed "41" --dormant --as-of 2020-06-15 --municipality Lyon
'

# Counts for the record: how many dormant, per day (the lists above).
test_case 'the dormant counts per day' '
	check "2020-06-15: 8" test "$(rows --db "$db" list --dormant --as-of 2020-06-15)" = 8 &&
	check "2020-06-16: 10" test "$(rows --db "$db" list --dormant --as-of 2020-06-16)" = 10 &&
	check "2020-06-14: 7" test "$(rows --db "$db" list --dormant --as-of 2020-06-14)" = 7 &&
	check "2024-02-29, 1 year: 15" test "$(rows --db "$db" list --dormant=1 --as-of 2024-02-29)" = 15
'

# Bad YEARS, and --dormant where it does not apply: 64, nothing on stdout.
test_case 'bad YEARS and --dormant on activities or actors are usage errors' - <<\END
	for y in 0 abc '' -1 1.5 3x 101; do
		run twinreg --db "$db" list --dormant="$y" --as-of 2020-06-15 &&
		expect_status 64 &&
		expect_out_empty &&
		expect_err_has "--dormant: bad number of years '$y' (expected 1 to 100)" || return 1
	done &&
	run twinreg --db "$db" list --dormant=100 --as-of 2020-06-15 &&
	expect_status 0 &&
	# YEARS is joined to the option: a word after it is list's.
	run twinreg --db "$db" list --dormant 5 &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$db" list activities --dormant &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "--dormant does not apply to activities" &&
	run twinreg --db "$db" list activities --dormant=2 &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$db" list actors --dormant &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "--dormant does not apply to actors" &&
	run twinreg --db "$db" list --dormant=3 --as-of 2020-02-30 &&
	expect_status 64 &&
	expect_out_empty
END

# report takes --dormant as list does: the same ties counted (2020-06-15:
# sister cities 24 26 35 37 38 39 40 41, memberships M2 45 and M3 46).
test_case 'report --dormant counts the ties list --dormant lists' - <<\END
	run twinreg --db "$db" -f tsv report municipalities --dormant --as-of 2020-06-15 &&
	expect_status 0 &&
	expect_out "municipality	country	kind	parent	sister_cities	partnerships	memberships	total	with_parts
Kadıköy	TR	district		7	0	1	8	8
Üsküdar	TR	district		1	0	1	2	2" &&
	run twinreg --db "$db" -f tsv report countries --dormant --as-of 2020-06-15 &&
	expect_status 0 &&
	check "FR: Kadıköy-Nice, Üsküdar-Lyon and M2" grep -qx "FR	France	2	0	1	3	0" "$T/out" &&
	check "every tie once: 10" test "$(awk -F'\t' 'NR > 1 { n += $6 } END { print n }' "$T/out")" = 10 &&
	run twinreg --db "$db" report countries --dormant=0 &&
	expect_status 64
END
