# report countries, municipalities, networks and timeline on the fixture
# of 0500-report-yearly.sh (its header lists every tie).
#
# Counted by hand, all 19 ties (8 sister cities, 6 other agreements, 5
# memberships), whatever their status:
#   countries (partner's country; a membership counts for its network's):
#     FR: #1 #5 #8 sister cities, P2, memberships M1 M2 M5 = 7, undated 2
#         (#5, #8); BA: #3 #6, P5 = 3; BE: M3 M4 = 2, undated 1 (M4);
#     GE: P3 P6 = 2, undated 1 (P3); DE #4, HU #7 (undated), JP #2, KR P1,
#     MK P4: 1 each.  Order: most ties first, then the code.
#   municipalities (the party, or the member; with_parts adds the parts):
#     Bursa 1+1+1 = 3, with Nilüfer 3: 6;  İstanbul 2+2+1 = 5, with Kadıköy
#     4 and Üsküdar 4: 13;  Kadıköy 2+1+1 = 4;  Nilüfer 1+1+1 = 3;  Üsküdar
#     2+1+1 = 4.  Bursa and İstanbul have no parent.
#   networks: Net Alpha 3 (full M1, associate M2, member M5), first since
#     2008; Net Beta 2 (observer M4 undated, member M3), first since 2011.
#   timeline: 2008 M5; 2009 #6; 2010 #1 #4, P2, M1 = 4; 2011 #2 #3, P1 P5,
#     M2 M3 = 6; 2012 P4; 2013 and 2014 nothing; 2015 P6; undated #5 #7
#     #8, P3, M4 = 5.  Sum 19.
#   --as-of 2012-01-01 (in force that day; dormant ties are in force,
#     ended and planned ones are not): out go #4 #8, P3 P4 P6, M5.
#     countries: FR #1 #5, P2, M1 M2 = 5 (undated 1); BA 3; BE 2 (undated
#     1); HU 1 (undated); JP 1; KR 1.
#     municipalities: Bursa 0+0+1 = 1, with Nilüfer 3; İstanbul 2+1+1 = 4,
#     with parts 4+4+2 = 10; Kadıköy 4; Nilüfer 1+1+0 = 2; Üsküdar 1+0+1 = 2.
#     networks: Net Alpha 2 (full 1, associate 1), first since 2010; Net
#     Beta 2.

test_case 'the report fixture is imported' '
	report_fixture "$T/r.db"
'

test_case 'countries, municipalities and networks are the hand count' '
	run twinreg --db "$T/r.db" report countries -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	expect_tsv "country,name,sister_cities,partnerships,memberships,total,undated
FR,France,3,1,3,7,2
BA,Bosnia and Herzegovina,2,1,0,3,0
BE,Belgium,0,0,2,2,1
GE,Georgia,0,2,0,2,1
DE,Germany,1,0,0,1,0
HU,Hungary,1,0,0,1,1
JP,Japan,1,0,0,1,0
KR,South Korea,0,1,0,1,0
MK,North Macedonia,0,1,0,1,0" &&

	run twinreg --db "$T/r.db" report municipalities -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	expect_tsv "municipality,country,kind,parent,sister_cities,partnerships,memberships,total,with_parts
Bursa,TR,metropolitan,,1,1,1,3,6
İstanbul,TR,metropolitan,,2,2,1,5,13
Kadıköy,TR,district,İstanbul,2,1,1,4,4
Nilüfer,TR,district,Bursa,1,1,1,3,3
Üsküdar,TR,district,İstanbul,2,1,1,4,4" &&

	run twinreg --db "$T/r.db" report networks -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	expect_tsv "network,country,members,full,associate,observer,member,undated,first_since
Net Alpha,FR,3,1,1,0,1,0,2008
Net Beta,BE,2,0,0,1,1,1,2011"
'

# One row a year from the first to the last, zero years included, and
# an explicit undated row; no bar for scripts.
test_case 'the timeline has a row a year, zero years and undated included' '
	run twinreg --db "$T/r.db" report timeline -f tsv &&
	expect_status 0 &&
	expect_err_empty &&
	expect_tsv "year,sister_cities,partnerships,memberships,total
2008,0,0,1,1
2009,1,0,0,1
2010,2,1,1,4
2011,2,2,2,6
2012,0,1,0,1
2013,0,0,0,0
2014,0,0,0,0
2015,0,1,0,1
undated,3,1,1,5" &&

	run twinreg --db "$T/r.db" report timeline --from 2010 --to 2012 -f tsv &&
	expect_status 0 &&
	expect_tsv "year,sister_cities,partnerships,memberships,total
2010,2,1,1,4
2011,2,2,2,6
2012,0,1,0,1
undated,3,1,1,5" &&

	# A span wider than the data: the years before and after are zero rows.
	run twinreg --db "$T/r.db" report timeline --from 2006 --to 2008 -f tsv &&
	expect_status 0 &&
	expect_tsv "year,sister_cities,partnerships,memberships,total
2006,0,0,0,0
2007,0,0,0,0
2008,0,0,1,1
undated,3,1,1,5" &&
	run twinreg --db "$T/r.db" report timeline --from 2015 --to 2017 -f tsv &&
	expect_status 0 &&
	expect_tsv "year,sister_cities,partnerships,memberships,total
2015,0,1,0,1
2016,0,0,0,0
2017,0,0,0,0
undated,3,1,1,5" &&
	run twinreg --db "$T/r.db" report timeline --from 2011 --to 2011 -f tsv &&
	expect_status 0 &&
	expect_tsv "year,sister_cities,partnerships,memberships,total
2011,2,2,2,6
undated,3,1,1,5"
'

# Golden files: every report in every format.
test_case 'every report in every format is the golden one' '
	for r in countries municipalities networks timeline; do
		for f in table markdown csv tsv json jsonl; do
			run twinreg --db "$T/r.db" report "$r" -f "$f" &&
			expect_status 0 &&
			expect_err_empty &&
			expect_stdout "report-$r.$f" || return 1
		done || return 1
	done &&
	for f in table markdown csv; do
		run twinreg --db "$T/r.db" report timeline --from 2010 --to 2012 -f "$f" &&
		expect_stdout "report-timeline-2010-2012.$f" || return 1
	done
'

# The bar: in table and markdown only, drawn with Unicode blocks, the
# longest for the largest total (2011: 6), none for a zero year.
test_case 'the timeline bar is for people only, longest for the largest total' - <<\END
	run twinreg --db "$T/r.db" report timeline &&
	expect_out_has '█' &&
	check "2011 has the longest bar" \
	    test "$(awk '$1 == 2011 { print length($NF) }' "$T/out")" -ge \
	    "$(awk '$1 == "undated" { print length($NF) }' "$T/out")" &&
	check "2013 has no bar" grep -qE '^2013 +0 +0 +0 +0 *$' "$T/out" &&
	run twinreg --db "$T/r.db" report timeline -f markdown &&
	expect_out_has '| bar |' &&
	expect_out_has '█' &&
	for f in csv tsv json jsonl; do
		run twinreg --db "$T/r.db" report timeline -f "$f" &&
		expect_out_lacks 'bar' &&
		expect_out_lacks '█' || return 1
	done
END

# Filters with --as-of (hand count in the header).
test_case '--as-of keeps the ties in force that day' '
	run twinreg --db "$T/r.db" report countries --as-of 2012-01-01 -f tsv &&
	expect_status 0 &&
	expect_tsv "country,name,sister_cities,partnerships,memberships,total,undated
FR,France,2,1,2,5,1
BA,Bosnia and Herzegovina,2,1,0,3,0
BE,Belgium,0,0,2,2,1
HU,Hungary,1,0,0,1,1
JP,Japan,1,0,0,1,0
KR,South Korea,0,1,0,1,0" &&
	run twinreg --db "$T/r.db" report municipalities --as-of 2012-01-01 -f tsv &&
	expect_status 0 &&
	expect_tsv "municipality,country,kind,parent,sister_cities,partnerships,memberships,total,with_parts
Bursa,TR,metropolitan,,0,0,1,1,3
İstanbul,TR,metropolitan,,2,1,1,4,10
Kadıköy,TR,district,İstanbul,2,1,1,4,4
Nilüfer,TR,district,Bursa,1,1,0,2,2
Üsküdar,TR,district,İstanbul,1,0,1,2,2" &&
	run twinreg --db "$T/r.db" report networks --as-of 2012-01-01 -f tsv &&
	expect_status 0 &&
	expect_tsv "network,country,members,full,associate,observer,member,undated,first_since
Net Alpha,FR,2,1,1,0,0,0,2010
Net Beta,BE,2,0,0,1,1,1,2011" &&
	run twinreg --db "$T/r.db" report timeline --as-of 2012-01-01 -f tsv &&
	expect_status 0 &&
	expect_tsv "year,sister_cities,partnerships,memberships,total
2009,1,0,0,1
2010,1,1,1,3
2011,2,2,2,6
undated,2,0,1,3"
'

# --from/--to (signed, or begun, in the span), a date known to the year
# or month counting in that year: to 2010 are #1 #4 #6, P2, M1 M5 (not
# Kyoto, "2011", nor M3, since "2011"); from 2011 are #2 #3, P1 P4 P5
# P6, M2 M3.
test_case '--from and --to count dates at any precision in their year' '
	for to in 2010 2010-12-31 31.12.2010; do
		run twinreg --db "$T/r.db" report countries --to "$to" -f tsv &&
		expect_status 0 &&
		expect_tsv "country,name,sister_cities,partnerships,memberships,total,undated
FR,France,1,1,2,4,0
BA,Bosnia and Herzegovina,1,0,0,1,0
DE,Germany,1,0,0,1,0" || return 1
	done &&
	for from in 2011 2011-01 2011-01-01; do
		run twinreg --db "$T/r.db" report countries --from "$from" -f tsv &&
		expect_status 0 &&
		expect_tsv "country,name,sister_cities,partnerships,memberships,total,undated
BA,Bosnia and Herzegovina,1,1,0,2,0
BE,Belgium,0,0,1,1,0
FR,France,0,0,1,1,0
GE,Georgia,0,1,0,1,0
JP,Japan,1,0,0,1,0
KR,South Korea,0,1,0,1,0
MK,North Macedonia,0,1,0,1,0" || return 1
	done &&
	run twinreg --db "$T/r.db" report networks --from 2011 --to 2011 -f tsv &&
	expect_status 0 &&
	expect_tsv "network,country,members,full,associate,observer,member,undated,first_since
Net Alpha,FR,1,0,1,0,0,0,2011-05
Net Beta,BE,1,0,0,0,1,0,2011"
'

# Other filters: --kind (agreements only), --status, --network, names
# without diacritics, country by Turkish name.
test_case '--kind, --status, --network, names and Turkish country names filter' '
	run twinreg --db "$T/r.db" report countries --kind sister_city -f tsv &&
	expect_status 0 &&
	expect_tsv "country,name,sister_cities,partnerships,memberships,total,undated
FR,France,3,0,0,3,2
BA,Bosnia and Herzegovina,2,0,0,2,0
DE,Germany,1,0,0,1,0
HU,Hungary,1,0,0,1,1
JP,Japan,1,0,0,1,0" &&
	run twinreg --db "$T/r.db" report countries --status dormant -f tsv &&
	expect_status 0 &&
	expect_tsv "country,name,sister_cities,partnerships,memberships,total,undated
BA,Bosnia and Herzegovina,1,0,0,1,0
HU,Hungary,1,0,0,1,1" &&
	run twinreg --db "$T/r.db" report networks --network "net alpha" -f tsv &&
	expect_status 0 &&
	expect_tsv "network,country,members,full,associate,observer,member,undated,first_since
Net Alpha,FR,3,1,1,0,1,0,2008" &&
	run twinreg --db "$T/r.db" report municipalities --municipality USKUDAR -f tsv &&
	expect_status 0 &&
	expect_tsv "municipality,country,kind,parent,sister_cities,partnerships,memberships,total,with_parts
İstanbul,TR,metropolitan,,0,0,0,0,4
Üsküdar,TR,district,İstanbul,2,1,1,4,4" &&
	run twinreg --db "$T/r.db" report countries --country Fransa -f tsv &&
	expect_status 0 &&
	expect_tsv "country,name,sister_cities,partnerships,memberships,total,undated
FR,France,3,1,3,7,2" &&
	run twinreg --db "$T/r.db" report timeline --partner saraybosna -f tsv &&
	expect_status 0 &&
	expect_tsv "year,sister_cities,partnerships,memberships,total
2009,1,0,0,1
2010,0,0,0,0
2011,0,1,0,1
undated,0,0,0,0"
'

# Bad spans: 64, nothing on stdout.
test_case 'bad spans and filters are usage errors' '
	for a in "--from 19" "--to abc" "--from 2012 --to 2010" "--from 20122"; do
		run twinreg --db "$T/r.db" report timeline $a &&
		expect_status 64 &&
		expect_out_empty || return 1
	done &&
	run twinreg --db "$T/r.db" report countries --as-of yesterday &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$T/r.db" report networks --kind sister_ctiy &&
	expect_status 64 &&
	expect_out_empty
'

# Municipalities come in Turkish order of name (Ç after C, ı before i),
# those of one name by country code, whatever order they were added in,
# every tie or filtered; their partners abroad are not listed.
test_case 'municipalities of one name are ordered by country' '
	twinreg --db "$T/m.db" init -q &&
	printf "%s\n" \
	    "municipality,municipality_country,sister_city,sister_city_country,signed_on,status,ended_on" \
	    "Ilıca,TR,Lyon,FR,2010,active," \
	    "Ilıca,AZ,Kyoto,JP,2011,active," \
	    "Çorum,TR,Lyon,FR,2012,active," \
	    "Ilıca,BA,Kyoto,JP,2013,active," \
	    "Cide,TR,Kyoto,JP,2014,active," > "$T/m.csv" &&
	twinreg --db "$T/m.db" -q import "$T/m.csv" &&
	for f in "" "--kind sister_city"; do
		run twinreg --db "$T/m.db" report municipalities $f -f tsv &&
		expect_status 0 &&
		expect_tsv "municipality,country,kind,parent,sister_cities,partnerships,memberships,total,with_parts
Cide,TR,,,1,0,0,1,1
Çorum,TR,,,1,0,0,1,1
Ilıca,AZ,,,1,0,0,1,1
Ilıca,BA,,,1,0,0,1,1
Ilıca,TR,,,1,0,0,1,1" || return 1
	done
'
