# report yearly on a fixture registry small enough to count by hand.
#
# The fixture (tests/data/report-*.csv): five Turkish parties, İstanbul
# (metropolitan) with its districts Kadıköy and Üsküdar, Bursa
# (metropolitan) with its district Nilüfer; 8 sister cities, 6 other
# agreements, 5 memberships:
#
#   #1 Kadıköy-Lyon (FR)       sister_city          2010-05-12  active
#   #2 Kadıköy-Kyoto (JP)      sister_city          2011        active
#   #3 Üsküdar-Mostar (BA)     sister_city          2011-03     active
#   #4 Üsküdar-Köln (DE)       sister_city          2010-11-02  ended 2011-06-30
#   #5 İstanbul-Nice (FR)      sister_city          undated     active
#   #6 İstanbul-Sarajevo (BA)  sister_city          2009        dormant
#   #7 Nilüfer-Debrecen (HU)   sister_city          undated     dormant
#   #8 Bursa-Marseille (FR)    sister_city          undated     ended (no date)
#   P1 İstanbul-Seoul (KR)     memorandum           2011-02-14  active
#   P2 Kadıköy-Lyon (FR)       cooperation_protocol 2010        active
#   P3 Bursa-Tbilisi (GE)      goodwill             undated     planned
#   P4 Üsküdar-Skopje (MK)     friendship           2012-04-20  ended 2013-01-15
#   P5 Nilüfer-Sarajevo (BA)   goodwill             2011-10-05  active
#   P6 İstanbul-Tbilisi (GE)   cooperation_protocol 2015-05     active
#   M1 Kadıköy  in Net Alpha (FR)  full       since 2010
#   M2 Üsküdar  in Net Alpha (FR)  associate  since 2011-05 until 2012-09
#   M3 İstanbul in Net Beta (BE)   member     since 2011
#   M4 Bursa    in Net Beta (BE)   observer   undated
#   M5 Nilüfer  in Net Alpha (FR)  member     since 2008 until 2011-12
#
# and 12 activities (tests/data/report-activities.csv; "with" names the tie):
#
#   A1  Kadıköy  visit      2011-04-10  #1 Lyon       A7  Kadıköy  exhibition undated  P2 Lyon
#   A2  Kadıköy  hosting    2011-09     #2 Kyoto      A8  İstanbul visit      2011-02-14  P1 Seoul
#   A3  Üsküdar  meeting    2010-06-01  #4 Köln       A9  İstanbul event      undated     #5 Nice
#   A4  İstanbul festival   2011        (no tie)      A10 Nilüfer  meeting    2005-06     #7 Debrecen
#   A5  İstanbul training   2009-05-05  #6 Sarajevo   A11 Bursa    meeting    2008-10     M4 Net Beta
#   A6  Nilüfer  visit      2012-03-01  P5 Sarajevo   A12 Üsküdar  visit      2011-05-20  #4 Köln
#
# Counted by hand for 2011 (previous year 2010):
#   signed in 2011: #2, #3 (sister_city 2), P1 (memorandum), P5 (goodwill)
#     = 4; in 2010: #1, #4 (sister_city 2), P2 (cooperation_protocol) = 3.
#   by partner country 2011: BA 2 (#3, P5), JP 1, KR 1; 2010: FR 2, DE 1.
#     Order: most in the year first, then most the year before, then name.
#   memberships begun 2011: Net Alpha 1 (M2), Net Beta 1 (M3); 2010: Net
#     Alpha 1 (M1).  Ended 2011: Net Alpha 1 (M5); 2010: none.
#   in force at the end of 2011: sister_city #1 #2 #3 #6 = 4 (#4 ended in
#     June, #6 is dormant but not ended), goodwill P5, memorandum P1,
#     cooperation_protocol P2: 7 dated; undated #5 #7 = 2 (#8 ended, P3
#     planned).  End of 2010: sister_city #1 #4 #6 = 3, P2: 4 dated;
#     undated 2.
#   new partner countries in 2011: JP (Kyoto), KR (Seoul); BA is not new
#     (#6, 2009).  In 2010: FR and DE were new; so JP 1 0 1, KR 1 0 1,
#     total 2 2 0 (the section counts countries, not ties).
#   by municipality 2011 (agreements signed and memberships begun):
#     İstanbul 2 (P1, M3), Kadıköy 1 (#2), Nilüfer 1 (P5), Üsküdar 2 (#3,
#     M2) = 6; 2010: Kadıköy 3 (#1, P2, M1), Üsküdar 1 (#4) = 4.  Bursa
#     has nothing dated in either year.
#   activities of 2011: visit 3 (A1 A8 A12), hosting 1 (A2), festival 1
#     (A4) = 5; 2010: meeting 1 (A3).  Ties with an activity in 2011: #1
#     #2 P1 #4 = 4 (#4 counts though it ended in June); 2010: #4 = 1.
#   dormant at the end of 2011 (no activity since 2008-12-31, not begun
#     since; an undated tie needs undated activity): #7 (its only
#     activity, A10, is of 2005), M4 (A11, 2008-10) = 2; #5 is saved by
#     the undated A9, every dated tie in force began in the window.  At
#     the end of 2010 (window from 2007-12-31): #7 = 1 (A11 saves M4).
# 2014: nothing signed, begun or ended in 2013 or 2014; in force at the
#   end of 2014: #1 #2 #3 #6, P5 goodwill, P1, P2 = 7 dated (P4 ended
#   2013-01-15, P6 not yet signed), undated #5 #7 = 2; the same at the end
#   of 2013.  No activity in 2013 or 2014.  Dormant at the end of 2014
#   (window from 2011-12-31; a tie of "2011" began in it): #1 (A1 is
#   2011-04), #3 (2011-03), #6, P1 (2011-02-14), P2 (A7 undated does not
#   count for a dated tie), #7, M1, M4 = 8; #2 (2011), P5 (A6 2012), #5
#   and M3 (2011) are not.  End of 2013 (from 2010-12-31): #6, #7, M4 = 3.

test_case 'the report fixture is imported' '
	report_fixture "$T/r.db" &&
	expect_err_empty
'

# The figures, counted by hand (new_partner_countries apart, below).
test_case 'the yearly figures of 2011 are the hand count' '
	run twinreg --db "$T/r.db" report yearly --year 2011 -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	grep -v "^new_partner_countries" "$T/out" > "$T/rest" &&
	cp "$T/rest" "$T/out" &&
	expect_tsv "section,key,count,previous,change
signed_by_kind,sister_city,2,2,0
signed_by_kind,friendship,0,0,0
signed_by_kind,goodwill,1,0,1
signed_by_kind,memorandum,1,0,1
signed_by_kind,cooperation_protocol,0,1,-1
signed_by_kind,supporting_structure,0,0,0
signed_by_kind,partnership,0,0,0
signed_by_kind,total,4,3,1
signed_by_partner_country,Bosnia and Herzegovina (BA),2,0,2
signed_by_partner_country,Japan (JP),1,0,1
signed_by_partner_country,South Korea (KR),1,0,1
signed_by_partner_country,France (FR),0,2,-2
signed_by_partner_country,Germany (DE),0,1,-1
signed_by_partner_country,total,4,3,1
memberships_begun,Net Alpha (FR),1,1,0
memberships_begun,Net Beta (BE),1,0,1
memberships_begun,total,2,1,1
memberships_ended,Net Alpha (FR),1,0,1
memberships_ended,total,1,0,1
in_force_at_end_by_kind,sister_city,4,3,1
in_force_at_end_by_kind,friendship,0,0,0
in_force_at_end_by_kind,goodwill,1,0,1
in_force_at_end_by_kind,memorandum,1,0,1
in_force_at_end_by_kind,cooperation_protocol,1,1,0
in_force_at_end_by_kind,supporting_structure,0,0,0
in_force_at_end_by_kind,partnership,0,0,0
in_force_at_end_by_kind,total (dated),7,4,3
in_force_at_end_by_kind,undated,2,2,0
by_municipality,İstanbul (TR),2,0,2
by_municipality,Kadıköy (TR),1,3,-2
by_municipality,Nilüfer (TR),1,0,1
by_municipality,Üsküdar (TR),2,1,1
by_municipality,total,6,4,2
activities_by_type,visit,3,0,3
activities_by_type,hosting,1,0,1
activities_by_type,meeting,0,1,-1
activities_by_type,event,0,0,0
activities_by_type,festival,1,0,1
activities_by_type,exhibition,0,0,0
activities_by_type,training,0,0,0
activities_by_type,project,0,0,0
activities_by_type,exchange,0,0,0
activities_by_type,aid,0,0,0
activities_by_type,study_visit,0,0,0
activities_by_type,award,0,0,0
activities_by_type,other,0,0,0
activities_by_type,total,5,1,4
ties_with_activity,total,4,1,3
ties_dormant_at_end,total,2,1,1"
'

# New partner countries: JP and KR, each with the year before and the
# change like every other figure (issue 4: "each figure's change from
# the year before").
test_case 'new partner countries carry the year before and the change' - <<\END
	run twinreg --db "$T/r.db" report yearly --year 2011 -f csv &&
	tr -d '\r' < "$T/out" | grep '^new_partner_countries,' > "$T/new" &&
	check "new partner countries are JP and KR, then the total" \
	    test "$(cut -d, -f2 "$T/new" | tr '\n' ';')" = "Japan (JP);South Korea (KR);total;" &&
	check "two countries new in 2011 as in 2010 (FR, DE)" \
	    grep -qx 'new_partner_countries,total,2,2,0' "$T/new" &&
	check "new partner countries carry previous and change (Japan (JP),1,0,1)" \
	    grep -qx 'new_partner_countries,Japan (JP),1,0,1' "$T/new" &&
	check "new partner countries carry previous and change (South Korea (KR),1,0,1)" \
	    grep -qx 'new_partner_countries,South Korea (KR),1,0,1' "$T/new"
END

# The same report in every format (golden files, read and judged).
test_case 'the yearly report in every format is the golden one' '
	for f in table markdown csv tsv json jsonl; do
		run twinreg --db "$T/r.db" report yearly --year 2011 -f "$f" &&
		expect_status 0 &&
		expect_err_empty &&
		expect_stdout "report-yearly-2011.$f" || return 1
	done
'
# People get headed sections; scripts get a section column.
test_case 'the table heads each section' '
	run twinreg --db "$T/r.db" report yearly --year 2011 &&
	for s in signed_by_kind signed_by_partner_country memberships_begun \
	    memberships_ended in_force_at_end_by_kind new_partner_countries \
	    by_municipality; do
		check "table has section $s" grep -qx "$s" "$T/out" || return 1
	done &&
	expect_out_has "Yearly report 2011 (compared with 2010)"
'

# Filters: one municipality (its ties only, either party); a country.
# Kadıköy: 2011 #2 Kyoto; 2010 #1 Lyon, P2 Lyon, M1.  In force at the end
# of 2011: #1 #2 (sister_city 2), P2; 2010: #1, P2.  Activities of 2011:
# A1 visit, A2 hosting, on ties #1 and #2; none in 2010 (A7 is undated).
# None of its ties is dormant: each began in the window.
test_case '--municipality keeps the ties of one municipality' '
	run twinreg --db "$T/r.db" report yearly --year 2011 --municipality kadikoy -f tsv &&
	expect_status 0 &&
	grep -v "^new_partner_countries" "$T/out" > "$T/rest" &&
	cp "$T/rest" "$T/out" &&
	expect_tsv "section,key,count,previous,change
signed_by_kind,sister_city,1,1,0
signed_by_kind,friendship,0,0,0
signed_by_kind,goodwill,0,0,0
signed_by_kind,memorandum,0,0,0
signed_by_kind,cooperation_protocol,0,1,-1
signed_by_kind,supporting_structure,0,0,0
signed_by_kind,partnership,0,0,0
signed_by_kind,total,1,2,-1
signed_by_partner_country,Japan (JP),1,0,1
signed_by_partner_country,France (FR),0,2,-2
signed_by_partner_country,total,1,2,-1
memberships_begun,Net Alpha (FR),0,1,-1
memberships_begun,total,0,1,-1
memberships_ended,total,0,0,0
in_force_at_end_by_kind,sister_city,2,1,1
in_force_at_end_by_kind,friendship,0,0,0
in_force_at_end_by_kind,goodwill,0,0,0
in_force_at_end_by_kind,memorandum,0,0,0
in_force_at_end_by_kind,cooperation_protocol,1,1,0
in_force_at_end_by_kind,supporting_structure,0,0,0
in_force_at_end_by_kind,partnership,0,0,0
in_force_at_end_by_kind,total (dated),3,2,1
in_force_at_end_by_kind,undated,0,0,0
by_municipality,Kadıköy (TR),1,3,-2
by_municipality,total,1,3,-2
activities_by_type,visit,1,0,1
activities_by_type,hosting,1,0,1
activities_by_type,meeting,0,0,0
activities_by_type,event,0,0,0
activities_by_type,festival,0,0,0
activities_by_type,exhibition,0,0,0
activities_by_type,training,0,0,0
activities_by_type,project,0,0,0
activities_by_type,exchange,0,0,0
activities_by_type,aid,0,0,0
activities_by_type,study_visit,0,0,0
activities_by_type,award,0,0,0
activities_by_type,other,0,0,0
activities_by_type,total,2,0,2
ties_with_activity,total,2,0,2
ties_dormant_at_end,total,0,0,0"
'

# --country BA (either party): #3, #6, P5.  2011: #3, P5; 2010: none.
# In force at the end of 2011: #3 #6 sister_city, P5 goodwill; 2010: #6.
test_case '--country keeps the ties with a party in that country' - <<\END
	run twinreg --db "$T/r.db" report yearly --year 2011 --country 'Bosna-Hersek' -f csv &&
	expect_status 0 &&
	tr -d '\r' < "$T/out" > "$T/o" &&
	check "BA: 2 signed in 2011" grep -qx 'signed_by_kind,total,2,0,2' "$T/o" &&
	check "BA: by country" grep -qx 'signed_by_partner_country,Bosnia and Herzegovina (BA),2,0,2' "$T/o" &&
	check "BA: no other country" test "$(grep -c '^signed_by_partner_country,' "$T/o")" = 2 &&
	check "BA: in force" grep -qx 'in_force_at_end_by_kind,total (dated),3,1,2' "$T/o" &&
	check "BA: memberships left out" grep -qx 'memberships_begun,total,0,0,0' "$T/o"
END

# --as-of 2011-12-31 keeps the ties in force on that day: Köln (#4, ended
# 2011-06-30), Marseille (#8), Tbilisi (P3 planned, P6), Skopje (P4, not
# yet signed) are out, and so is M5 (until 2011-12, ended by then); the
# year before loses Köln.
test_case '--as-of keeps the ties in force on that day' - <<\END
	run twinreg --db "$T/r.db" report yearly --year 2011 --as-of 2011-12-31 -f csv &&
	expect_status 0 &&
	tr -d '\r' < "$T/out" > "$T/o" &&
	check "as-of: signed 2011 4, 2010 2" grep -qx 'signed_by_kind,total,4,2,2' "$T/o" &&
	check "as-of: no Germany" test "$(grep -c 'Germany' "$T/o")" = 0 &&
	check "as-of: no ended membership" grep -qx 'memberships_ended,total,0,0,0' "$T/o" &&
	check "as-of: by municipality" grep -qx 'by_municipality,total,6,3,3' "$T/o"
END

# --kind: agreements of one kind; memberships do not have one.
test_case '--kind keeps agreements of one kind and no memberships' - <<\END
	run twinreg --db "$T/r.db" report yearly --year 2011 --kind sister_city -f csv &&
	expect_status 0 &&
	tr -d '\r' < "$T/out" > "$T/o" &&
	check "kind: 2 and 2 sister cities" grep -qx 'signed_by_kind,total,2,2,0' "$T/o" &&
	check "kind: no memberships" grep -qx 'memberships_begun,total,0,0,0' "$T/o" &&
	check "kind: in force" grep -qx 'in_force_at_end_by_kind,total (dated),4,3,1' "$T/o"
END

# A year with nothing in it (nor in the year before): zeros, and the ties
# still in force.
test_case 'a year with nothing in it gives zeros and the ties in force' '
	run twinreg --db "$T/r.db" report yearly --year 2014 -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	grep -v "^new_partner_countries" "$T/out" > "$T/rest" &&
	cp "$T/rest" "$T/out" &&
	expect_tsv "section,key,count,previous,change
signed_by_kind,sister_city,0,0,0
signed_by_kind,friendship,0,0,0
signed_by_kind,goodwill,0,0,0
signed_by_kind,memorandum,0,0,0
signed_by_kind,cooperation_protocol,0,0,0
signed_by_kind,supporting_structure,0,0,0
signed_by_kind,partnership,0,0,0
signed_by_kind,total,0,0,0
signed_by_partner_country,total,0,0,0
memberships_begun,total,0,0,0
memberships_ended,total,0,0,0
in_force_at_end_by_kind,sister_city,4,4,0
in_force_at_end_by_kind,friendship,0,0,0
in_force_at_end_by_kind,goodwill,1,1,0
in_force_at_end_by_kind,memorandum,1,1,0
in_force_at_end_by_kind,cooperation_protocol,1,1,0
in_force_at_end_by_kind,supporting_structure,0,0,0
in_force_at_end_by_kind,partnership,0,0,0
in_force_at_end_by_kind,total (dated),7,7,0
in_force_at_end_by_kind,undated,2,2,0
by_municipality,total,0,0,0
activities_by_type,visit,0,0,0
activities_by_type,hosting,0,0,0
activities_by_type,meeting,0,0,0
activities_by_type,event,0,0,0
activities_by_type,festival,0,0,0
activities_by_type,exhibition,0,0,0
activities_by_type,training,0,0,0
activities_by_type,project,0,0,0
activities_by_type,exchange,0,0,0
activities_by_type,aid,0,0,0
activities_by_type,study_visit,0,0,0
activities_by_type,award,0,0,0
activities_by_type,other,0,0,0
activities_by_type,total,0,0,0
ties_with_activity,total,0,0,0
ties_dormant_at_end,total,8,3,5" &&
	# A section with nothing in it is still there for people to read.
	run twinreg --db "$T/r.db" report yearly --year 2014 &&
	expect_status 0 &&
	check "empty section new_partner_countries still headed" \
	    grep -qx "new_partner_countries" "$T/out"
'

# 2012: Skopje (P4, friendship) signed; M2 ends in 2012 (until 2012-09).
test_case '2012 counts its friendship, its new country and its ended membership' - <<\END
	run twinreg --db "$T/r.db" report yearly --year 2012 -f csv &&
	expect_status 0 &&
	tr -d '\r' < "$T/out" > "$T/o" &&
	check "2012 friendship" grep -qx 'signed_by_kind,friendship,1,0,1' "$T/o" &&
	check "2012 MK is new" grep -q '^new_partner_countries,North Macedonia (MK),1' "$T/o" &&
	check "2012 Net Alpha ended" grep -qx 'memberships_ended,Net Alpha (FR),1,1,0' "$T/o" &&
	check "2012 in force: Köln gone, Skopje in" grep -qx 'in_force_at_end_by_kind,friendship,1,0,1' "$T/o"
END

# The default year is last year (UTC).
test_case 'the default year is last year' '
	last=$(($(date -u +%Y) - 1)) &&
	run twinreg --db "$T/r.db" report yearly &&
	expect_status 0 &&
	expect_out_has "Yearly report $last (compared with $((last - 1)))"
'

# Bad years and bad filters: 64, one message, nothing on stdout.
test_case 'bad years and bad filters are usage errors' - <<\END
	for y in 20x1 99999 999 0 '' -2011 2011.5; do
		run twinreg --db "$T/r.db" report yearly --year "$y" &&
		expect_status 64 &&
		expect_out_empty &&
		expect_err_has "--year" || return 1
	done &&
	run twinreg --db "$T/r.db" report yearly --year 2011 --country Atlantis &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "unknown country 'Atlantis'" &&
	run twinreg --db "$T/r.db" report yearly --year 2011 --status bogus &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$T/r.db" report yearly --year 2011 --as-of 2011-02-30 &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$T/r.db" report yearly --year 2011 --sort count &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has 'fixed order' &&
	run twinreg --db "$T/r.db" report countries --limit 2 &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$T/r.db" report yearly --year 2011 --from 2010 &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has '--from and --to do not apply'
END
# The help offers neither.
test_case 'the help offers neither --sort nor --limit' '
	run twinreg report --help &&
	expect_status 0 &&
	expect_out_lacks "--sort" &&
	expect_out_lacks "--limit"
'

test_case 'a missing or unknown report is a usage error' - <<\END
	run twinreg --db "$T/r.db" report &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$T/r.db" report weekly &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "unknown report 'weekly'"
END

# One range of years, 1000 to 9998, for every option that names a year:
# each bound is taken, the year beyond it refused, alike in list and in
# reports.
test_case 'the year range is the same for --year, yearly and timeline' - <<\END
	for y in 1000 9998; do
		run twinreg --sample list --year $y &&
		expect_status 0 &&
		run twinreg --sample report yearly --year $y -f csv &&
		expect_status 0 &&
		expect_out_has "signed_by_kind,total,0,0,0" &&
		run twinreg --sample report timeline --from $y --to $y -f csv &&
		expect_status 0 &&
		expect_out_has "$y,0,0,0,0" || return 1
	done
	for y in 999 9999; do
		run twinreg --sample list --year $y &&
		expect_status 64 &&
		expect_err_has "a year from 1000 to 9998" &&
		run twinreg --sample report yearly --year $y &&
		expect_status 64 &&
		expect_err_has "a year from 1000 to 9998" &&
		expect_out_empty &&
		run twinreg --sample report timeline --from $y &&
		expect_status 64 &&
		run twinreg --sample report timeline --to $y &&
		expect_status 64 || return 1
	done
END

# Actors' ids far apart (a hundred added and taken away between two):
# the report finds each by its id all the same, and its figures are
# those of the registry whose ids follow each other.
test_case 'the figures hold when actor ids have gaps' '
	twinreg --db "$T/gaps.db" init -q &&
	printf "name,country\nKeep First,DE\n" > "$T/first.csv" &&
	awk "BEGIN { print \"name,country\"; for (i = 1; i <= 100; i++) print \"Filler \" i \",DE\" }" > "$T/fill.csv" &&
	printf "name,country\nKeep Last,DE\n" > "$T/last.csv" &&
	twinreg --db "$T/gaps.db" -q import "$T/first.csv" &&
	twinreg --db "$T/gaps.db" -q import "$T/fill.csv" &&
	twinreg --db "$T/gaps.db" -q import "$T/last.csv" &&
	twinreg --db "$T/gaps.db" -q undo-import 2 &&
	twinreg --db "$T/gaps.db" -q import "$DATA/report-actors.csv" \
		"$DATA/report-sister-cities.csv" "$DATA/report-partnerships.csv" \
		"$DATA/report-memberships.csv" "$DATA/report-activities.csv" &&
	run twinreg --db "$T/r.db" report yearly --year 2011 -f tsv &&
	mv "$T/out" "$T/dense" &&
	run twinreg --db "$T/gaps.db" report yearly --year 2011 -f tsv &&
	expect_status 0 &&
	check "the same figures as with dense ids" cmp -s "$T/dense" "$T/out" &&
	check "Kadıköy counted" grep -q "^by_municipality	Kadıköy (TR)	1	3	-2$" "$T/out"
'

# A membership's activity dated by its year only counts in that year:
# Kadıköy's membership of Net Alpha (2010) gets one of "2011", and the
# ties with an activity in 2011 are five (the four of the hand count and
# it); the dormant ones stay those of the hand count.
test_case 'a membership activity dated by its year counts in that year' '
	report_fixture "$T/m.db" &&
	twinreg --db "$T/m.db" -q add activity --actor Kadıköy --actor-country TR \
	    --type meeting --title "Annual meeting" --date 2011 --with "Net Alpha" > /dev/null &&
	run twinreg --db "$T/m.db" report yearly --year 2011 -f tsv &&
	expect_status 0 &&
	expect_out_has "ties_with_activity	total	5	1	4" &&
	expect_out_has "ties_dormant_at_end	total	2	1	1"
'
