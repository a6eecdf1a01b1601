# The seeds' activities and the facts the activities' round corrected or
# added, on the built-in sample.  Every expected value is data/SEEDS.md's
# ("Activities", "Counts", "Corrections made with the activities",
# "Corrected spellings") or a row of data/*.csv, never what the binary
# printed.
#
# `list activities` is not there yet: the activities are read from
# `twinreg --sample export --kind activities` (CSV, CRLF line ends),
# loaded with sqlite3's CSV reader (quoted commas, CRLF) into $T/act.db:
#   e   the sample's export of activities
#   d   data/activities.csv itself
#   sc, pa, me, ac   the sample's export of sister cities, partnerships,
#       memberships and actors
#   v   e with `tab`, the table of its first source: T1-T8 (seed 004's
#       Tablo 1-8) or seed 000, seed 001, seed 002 (SEEDS.md counts each
#       record under its first source).
#
# Ids in the sample: actors 1-120 in the order of data/actors.csv, then
# sister cities 121-153, partnerships 154-163, memberships 164-173.

# act_sql SQL: run SQL on $T/act.db, rows as "a|b|c".
act_sql() {
	sqlite3 -batch "$T/act.db" "$1"
}

test_case 'the sample exports its activities; they load as a table' - <<\END
	run twinreg --sample export --kind activities &&
	expect_status 0 &&
	expect_err_empty &&
	check "activities header" test "$(head -n 1 "$T/out" | tr -d '\r')" = \
		"actor,actor_country,type,title,date,until,place,place_country,with,with_country,tie_kind,partners,programme,participants,source,notes" &&
	check "CRLF line ends" test "$(head -n 1 "$T/out" | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n' &&
	cp "$T/out" "$T/activities.csv" &&
	rm -rf "$T/x" "$T/act.db" &&
	twinreg --sample export -o "$T/x" &&
	sqlite3 -batch "$T/act.db" \
		".import --csv $T/activities.csv e" \
		".import --csv data/activities.csv d" \
		".import --csv $T/x/sister-cities.csv sc" \
		".import --csv $T/x/partnerships.csv pa" \
		".import --csv $T/x/memberships.csv me" \
		".import --csv $T/x/actors.csv ac" &&
	act_sql "CREATE VIEW v AS SELECT *,
		CASE WHEN first LIKE 'seed 004, Tablo %' THEN 'T' || substr(first, 17, 1)
		ELSE substr(first, 1, 8) END AS tab
		FROM (SELECT *, CASE WHEN instr(source, ' / ') > 0
			THEN substr(source, 1, instr(source, ' / ') - 1) ELSE source END AS first
			FROM e)" &&
	check "no CR left in the last column" test "$(act_sql "SELECT count(*) FROM e WHERE notes LIKE '%' || char(13) || '%'")" = 0
END

# The export has the records of data/activities.csv: as many rows, and
# each row of the file has one with the same actor, type, title and date
# in the export (and the other way round).
test_case 'the export of activities has the records of data/activities.csv' - <<\END
	check "118 rows in data/activities.csv" test "$(act_sql 'SELECT count(*) FROM d')" = 118 &&
	check "118 activities exported" test "$(act_sql 'SELECT count(*) FROM e')" = 118 &&
	check "every row of the file is in the export" test "$(act_sql 'SELECT count(*) FROM d
		WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.actor = d.actor AND e.type = d.type
			AND e.title = d.title AND e.date = d.date)')" = 0 &&
	check "every exported activity is in the file" test "$(act_sql 'SELECT count(*) FROM e
		WHERE NOT EXISTS (SELECT 1 FROM d WHERE e.actor = d.actor AND e.type = d.type
			AND e.title = d.title AND e.date = d.date)')" = 0 &&
	check "no two records of one actor share type, title and date" \
		test "$(act_sql 'SELECT count(*) FROM (SELECT 1 FROM e
			GROUP BY actor, type, title, date HAVING count(*) > 1)')" = 0
END

# SEEDS.md, "Activities by source": seed 004's tables, then MBB's pages.
test_case 'activities by source are the counts of SEEDS.md' - <<\END
	run act_sql 'SELECT tab, count(*) FROM v GROUP BY tab ORDER BY tab' &&
	expect_out "T1|21
T2|1
T3|13
T4|20
T5|11
T6|4
T7|23
T8|12
seed 000|7
seed 001|3
seed 002|3" &&
	check "seed 004: 105" test "$(act_sql "SELECT count(*) FROM v WHERE tab LIKE 'T%'")" = 105 &&
	check "seeds 000, 001, 002 (MBB): 13" test "$(act_sql "SELECT count(*) FROM v WHERE tab LIKE 'seed%'")" = 13 &&
	# "Counting every seed a record cites".
	run act_sql "SELECT s, (SELECT count(*) FROM e WHERE source LIKE '%' || s || ',%')
		FROM (SELECT 'seed 000' AS s UNION SELECT 'seed 001' UNION SELECT 'seed 002'
			UNION SELECT 'seed 004') ORDER BY s" &&
	expect_out "seed 000|7
seed 001|9
seed 002|10
seed 004|105" &&
	# Tables 2-8 are cited as "seed 004, Tablo N (District)", the district
	# being the record's actor.
	check "Tablo N (District) names the actor" test "$(act_sql "SELECT count(*) FROM v
		WHERE tab BETWEEN 'T2' AND 'T8'
		AND first <> 'seed 004, Tablo ' || substr(tab, 2) || ' (' || actor || ')'")" = 0 &&
	check "Tablo 1 is cited plainly" test "$(act_sql "SELECT count(*) FROM v
		WHERE tab = 'T1' AND first <> 'seed 004, Tablo 1'")" = 0
END

# SEEDS.md, "Activities by actor and source table": actor, T1-T8, seeds
# 000-002, total, with a tie (sorted bytewise).  24 Istanbul districts
# and MBB; all Turkish.
test_case 'activities by actor are the counts of SEEDS.md' - <<\END
	run act_sql "SELECT actor, sum(tab = 'T1'), sum(tab = 'T2'), sum(tab = 'T3'),
		sum(tab = 'T4'), sum(tab = 'T5'), sum(tab = 'T6'), sum(tab = 'T7'),
		sum(tab = 'T8'), sum(tab LIKE 'seed%'), count(*), sum(\"with\" <> '')
		FROM v GROUP BY actor ORDER BY actor" &&
	expect_out "Ataşehir|2|1|0|0|0|0|0|1|0|4|0
Avcılar|1|0|0|2|0|0|0|0|0|3|1
Bayrampaşa|2|0|0|0|9|0|0|0|0|11|0
Bağcılar|2|0|0|0|0|0|0|0|0|2|2
Başakşehir|0|0|0|0|0|0|1|0|0|1|0
Beykoz|4|0|0|1|0|0|0|0|0|5|2
Beylikdüzü|0|0|0|4|1|0|1|0|0|6|2
Beyoğlu|1|0|1|5|0|0|5|3|0|15|2
Beşiktaş|0|0|1|0|0|1|0|0|0|2|0
Esenler|0|0|0|0|0|0|0|5|0|5|0
Esenyurt|4|0|1|2|0|0|0|0|0|7|2
Kadıköy|0|0|0|0|0|0|2|0|0|2|0
Kartal|0|0|0|0|0|0|2|0|0|2|0
Küçükçekmece|0|0|0|0|0|0|1|0|0|1|0
Maltepe|0|0|5|0|0|0|1|0|0|6|0
Marmara Belediyeler Birliği|0|0|0|0|0|0|0|0|13|13|10
Pendik|1|0|1|0|0|0|5|2|0|9|2
Sarıyer|0|0|0|1|0|0|2|1|0|4|0
Sultanbeyli|0|0|0|0|0|0|1|0|0|1|0
Tuzla|0|0|1|0|0|0|0|0|0|1|0
Çekmeköy|2|0|0|0|0|0|0|0|0|2|2
Ümraniye|2|0|3|4|0|0|0|0|0|9|1
Üsküdar|0|0|0|0|0|0|1|0|0|1|0
Şile|0|0|0|0|0|3|0|0|0|3|0
Şişli|0|0|0|1|1|0|1|0|0|3|0" &&
	check "25 actors: 24 districts and MBB" test "$(act_sql 'SELECT count(DISTINCT actor) FROM e')" = 25 &&
	check "every actor is Turkish" test "$(act_sql "SELECT count(*) FROM e WHERE actor_country <> 'TR'")" = 0 &&
	check "24 of them are İstanbul's districts" test "$(act_sql "SELECT count(DISTINCT e.actor) FROM e
		JOIN ac ON ac.name = e.actor AND ac.country = e.actor_country
		WHERE ac.parent = 'İstanbul' AND ac.kind = 'district'")" = 24 &&
	check "no activity of Adalar or Sancaktepe" \
		test "$(act_sql "SELECT count(*) FROM e WHERE actor IN ('Adalar', 'Sancaktepe')")" = 0
END

# SEEDS.md, "Activities by type and source table" (award: 0, no row).
test_case 'activities by type are the counts of SEEDS.md' - <<\END
	run act_sql "SELECT type, sum(tab = 'T1'), sum(tab = 'T2'), sum(tab = 'T3'),
		sum(tab = 'T4'), sum(tab = 'T5'), sum(tab = 'T6'), sum(tab = 'T7'),
		sum(tab = 'T8'), sum(tab LIKE 'seed%'), count(*)
		FROM v GROUP BY type ORDER BY type" &&
	expect_out "aid|2|0|1|0|0|0|1|0|0|4
event|13|0|1|1|0|0|0|0|0|15
exchange|1|0|0|0|0|0|7|0|4|12
exhibition|0|0|0|0|0|4|0|1|0|5
festival|3|0|11|2|0|0|2|0|0|18
hosting|0|0|0|0|7|0|0|1|1|9
meeting|1|0|0|15|0|0|1|1|2|20
other|0|0|0|0|0|0|0|0|4|4
project|0|0|0|1|0|0|10|0|1|12
study_visit|0|0|0|0|0|0|0|9|0|9
training|0|1|0|1|0|0|2|0|1|5
visit|1|0|0|0|4|0|0|0|0|5"
END

# SEEDS.md, "With a tie": 26 records have a `with`, 92 not; each `with`
# is the other party of a tie of the actor: sister_city 14, membership 6,
# goodwill 3, cooperation_protocol 3; 19 of the 53 ties have an activity
# (12 sister cities, 5 other agreements, 2 memberships).
test_case 'activities with a tie are the counts of SEEDS.md' - <<\END
	check "26 with a tie" test "$(act_sql "SELECT count(*) FROM e WHERE \"with\" <> ''")" = 26 &&
	check "92 without" test "$(act_sql "SELECT count(*) FROM e WHERE \"with\" = ''")" = 92 &&
	check "no tie_kind" test "$(act_sql "SELECT count(*) FROM e WHERE tie_kind <> ''")" = 0 &&
	act_sql "CREATE VIEW w AS SELECT e.actor, e.\"with\", CASE
		WHEN EXISTS (SELECT 1 FROM sc WHERE sc.municipality = e.actor
			AND sc.sister_city = e.\"with\" AND sc.sister_city_country = e.with_country)
			THEN 'sister_city'
		WHEN EXISTS (SELECT 1 FROM me WHERE me.member = e.actor
			AND me.network = e.\"with\" AND me.network_country = e.with_country)
			THEN 'membership'
		ELSE (SELECT pa.kind FROM pa WHERE pa.party = e.actor
			AND pa.partner = e.\"with\" AND pa.partner_country = e.with_country)
		END AS kind FROM e WHERE e.\"with\" <> ''" &&
	run act_sql "SELECT ifnull(kind, 'no tie'), count(*) FROM w GROUP BY kind ORDER BY kind" &&
	expect_out "cooperation_protocol|3
goodwill|3
membership|6
sister_city|14" &&
	run act_sql "SELECT actor, \"with\", count(*) FROM w GROUP BY actor, \"with\" ORDER BY actor, \"with\"" &&
	expect_out "Avcılar|Razgrad|1
Bağcılar|Almaty|1
Bağcılar|Hamm|1
Beykoz|Srebrenica|2
Beylikdüzü|EUROCITIES|2
Beyoğlu|Bunkyō|1
Beyoğlu|Pécs|1
Esenyurt|Brčko|1
Esenyurt|Skopje|1
Marmara Belediyeler Birliği|APLA|1
Marmara Belediyeler Birliği|Al-Fayhaa|1
Marmara Belediyeler Birliği|CIFCA|1
Marmara Belediyeler Birliği|Congresul Autorităților Locale din Moldova|1
Marmara Belediyeler Birliği|Kıbrıs Türk Belediyeler Birliği|2
Marmara Belediyeler Birliği|NALAS|4
Pendik|Kispest|2
Çekmeköy|Dojran|1
Çekmeköy|Vogošća|1
Ümraniye|Fojnica|1" &&
	run act_sql "SELECT CASE WHEN kind IN ('sister_city', 'membership') THEN kind ELSE 'other agreement' END,
		count(DISTINCT actor || '|' || \"with\") FROM w GROUP BY 1 ORDER BY 1" &&
	expect_out "membership|2
other agreement|5
sister_city|12"
END

# SEEDS.md, "Other figures".
test_case 'dates, places, partners, programmes and participants are the counts of SEEDS.md' - <<\END
	check "11 dated" test "$(act_sql "SELECT count(*) FROM e WHERE date <> ''")" = 11 &&
	check "1 with an until" test "$(act_sql "SELECT count(*) FROM e WHERE until <> ''")" = 1 &&
	run act_sql "SELECT substr(date, 1, 4), count(*) FROM e WHERE date <> '' GROUP BY 1 ORDER BY 1" &&
	expect_out "2004|1
2009|1
2012|1
2014|1
2016|1
2017|3
2023|3" &&
	check "42 with a place" test "$(act_sql "SELECT count(*) FROM e WHERE place <> ''")" = 42 &&
	check "52 with a place_country" test "$(act_sql "SELECT count(*) FROM e WHERE place_country <> ''")" = 52 &&
	run act_sql "SELECT place_country, count(*) FROM e WHERE place_country <> ''
		GROUP BY 1 ORDER BY count(*) DESC, 1" &&
	expect_out "TR|14
BA|9
DE|5
GB|4
MK|4
AE|2
HU|2
IT|2
KZ|2
BG|1
ET|1
FI|1
KE|1
LB|1
OM|1
US|1
XK|1" &&
	# A place is always an actor's canonical name, in that actor's country.
	check "every place is an actor of its country" test "$(act_sql "SELECT count(*) FROM e
		WHERE place <> '' AND NOT EXISTS (SELECT 1 FROM ac
			WHERE ac.name = e.place AND ac.country = e.place_country)")" = 0 &&
	check "16 with partners" test "$(act_sql "SELECT count(*) FROM e WHERE partners <> ''")" = 16 &&
	run act_sql "SELECT programme, count(*) FROM e WHERE programme <> '' GROUP BY 1 ORDER BY count(*) DESC, 1" &&
	expect_out "Erasmus+|5
EVS|2
Black Sea Basin JOP 2014-2020|1
FP7|1
Horizon 2020|1
IPA|1
TUSELOG|1" &&
	check "8 with participants" test "$(act_sql "SELECT count(*) FROM e WHERE participants <> ''")" = 8 &&
	check "8,625 participants in all" test "$(act_sql "SELECT sum(participants) FROM e WHERE participants <> ''")" = 8625
END

# SEEDS.md, "Totals": of 120 actors, 76 are in ties or parents of actors
# in ties, 38 are named only by activities (as actor, with, partner or
# place) and 6 by neither: Beijing, Jeddah, Tripoli, Bursa (places of
# signature), Strasbourg and Mecca (seats).
test_case 'actors: 76 in ties, 38 only in activities, 6 in neither' - <<\END
	act_sql "CREATE VIEW tied AS
		WITH RECURSIVE t(name, country) AS (
			SELECT municipality, municipality_country FROM sc
			UNION SELECT sister_city, sister_city_country FROM sc
			UNION SELECT party, party_country FROM pa
			UNION SELECT partner, partner_country FROM pa
			UNION SELECT member, member_country FROM me
			UNION SELECT network, network_country FROM me
			UNION SELECT ac.parent, ac.country FROM ac JOIN t
				ON ac.name = t.name AND ac.country = t.country AND ac.parent <> '')
		SELECT name, country FROM t;
	CREATE VIEW named AS
		WITH RECURSIVE p(rest, one) AS (
			SELECT partners || ';', NULL FROM e
			UNION ALL SELECT substr(rest, instr(rest, ';') + 1), substr(rest, 1, instr(rest, ';') - 1)
				FROM p WHERE rest <> '')
		SELECT actor AS name, actor_country AS country FROM e
		UNION SELECT \"with\", with_country FROM e WHERE \"with\" <> ''
		UNION SELECT place, place_country FROM e WHERE place <> ''
		UNION SELECT substr(one, 1, length(one) - 5), substr(one, length(one) - 2, 2)
			FROM p WHERE one <> ''" &&
	check "120 actors" test "$(act_sql 'SELECT count(*) FROM ac')" = 120 &&
	check "76 in ties or parents of actors in ties" test "$(act_sql 'SELECT count(*) FROM ac
		WHERE EXISTS (SELECT 1 FROM tied WHERE tied.name = ac.name AND tied.country = ac.country)')" = 76 &&
	check "38 named only by activities" test "$(act_sql 'SELECT count(*) FROM ac
		WHERE NOT EXISTS (SELECT 1 FROM tied WHERE tied.name = ac.name AND tied.country = ac.country)
		AND EXISTS (SELECT 1 FROM named WHERE named.name = ac.name AND named.country = ac.country)')" = 38 &&
	run act_sql 'SELECT name FROM ac
		WHERE NOT EXISTS (SELECT 1 FROM tied WHERE tied.name = ac.name AND tied.country = ac.country)
		AND NOT EXISTS (SELECT 1 FROM named WHERE named.name = ac.name AND named.country = ac.country)
		ORDER BY name' &&
	expect_out "Beijing
Bursa
Jeddah
Mecca
Strasbourg
Tripoli" &&
	check "every partner of an activity is an actor" test "$(act_sql 'SELECT count(*) FROM named
		WHERE NOT EXISTS (SELECT 1 FROM ac WHERE ac.name = named.name AND ac.country = named.country)')" = 0
END

# SEEDS.md, "Correction (Santa Ana)": Santa Ana (CR) is the last of
# Adalar's six sister cities (row 6 of sister-cities.csv, id 126), not
# Ataşehir's; Ataşehir has no sister city and its festivals are its own
# activities, without a `with`.
test_case 'Santa Ana is a sister city of Adalar; Ataşehir has none' - <<\END
	run twinreg --sample list sister-cities --partner "Santa Ana" -f tsv --no-header &&
	expect_status 0 &&
	expect_out "126	Adalar	TR	Santa Ana	CR		active	" &&
	run twinreg --sample list --municipality Adalar -f tsv --no-header &&
	expect_status 0 &&
	check "Adalar: six sister cities" test "$(cut -f2,5 "$T/out" | tr '\t\n' ',;')" = \
		"sister_city,Nacka;sister_city,Palaio Faliro;sister_city,Veles;sister_city,Pokhara;sister_city,Cholpon-Ata;sister_city,Santa Ana;" &&
	check "Adalar: ids 121-126" test "$(cut -f1 "$T/out" | tr '\n' ' ')" = "121 122 123 124 125 126 " &&
	# Ataşehir (and the seed's Atasehir) is known and has no tie: no rows,
	# no warning.
	for n in Ataşehir Atasehir; do
		run twinreg --sample list --municipality "$n" -f tsv --no-header &&
		expect_status 0 &&
		expect_out_empty &&
		expect_err_empty || return 1
	done &&
	run twinreg --sample list memberships --municipality Ataşehir -f tsv --no-header &&
	expect_out_empty &&
	check "Ataşehir is still an actor (19)" test "$(ids_of --sample list actors --municipality Ataşehir)" = 19 &&
	run act_sql "SELECT type, source, \"with\" FROM e WHERE actor = 'Ataşehir' AND type = 'festival' ORDER BY title" &&
	expect_out "festival|seed 004, Tablo 1|
festival|seed 004, Tablo 1|" &&
	check "no activity of Ataşehir has a with" \
		test "$(act_sql "SELECT count(*) FROM e WHERE actor = 'Ataşehir' AND \"with\" <> ''")" = 0 &&
	check "no activity is with Santa Ana" \
		test "$(act_sql "SELECT count(*) FROM e WHERE \"with\" = 'Santa Ana' OR place = 'Santa Ana'")" = 0
END

# SEEDS.md, "Included": Lefkoşa (XN) - Lefkosia (CY), partnership since
# 1978, no place (seed 003; id 162); TBB - SALAR, partnership, undated
# (TUSELOG, seed 004 Table 7; id 163).  Kartal is not a party: its
# TUSELOG activity names TBB and SALAR as partners.
test_case 'the Nicosia and TBB - SALAR partnerships; Kartal in TUSELOG' - <<\END
	for n in Lefkoşa "North Nicosia"; do
		run twinreg --sample list partnerships --municipality "$n" -f tsv --no-header &&
		expect_status 0 &&
		expect_out "162	partnership	Lefkoşa	XN	Lefkosia	CY	1978		active	" || return 1
	done &&
	for n in Lefkosia Nicosia; do
		check "--partner $n is the Nicosia partnership" \
			test "$(ids_of --sample list --partner "$n")" = 162 || return 1
	done &&
	for n in "Türkiye Belediyeler Birliği" TBB; do
		run twinreg --sample list partnerships --municipality "$n" -f tsv --no-header &&
		expect_status 0 &&
		expect_out "163	partnership	Türkiye Belediyeler Birliği	TR	Sveriges Kommuner och Regioner	SE			active	" || return 1
	done &&
	for n in SALAR "İsveç Bölgeler ve Yerel Yönetimler Birliği"; do
		check "--partner $n is TBB - SALAR" test "$(ids_of --sample list --partner "$n")" = 163 || return 1
	done &&
	check "two partnerships of kind partnership" \
		test "$(ids_of --sample list --kind partnership)" = "162 163" &&
	check "Kartal: no agreement" test "$(rows --sample list --municipality Kartal)" = 0 &&
	check "Kartal: one TUSELOG project" test "$(act_sql "SELECT type FROM e
		WHERE actor = 'Kartal' AND programme = 'TUSELOG'")" = project &&
	# partners is a set (the export sorts it): both, and no other.
	check "Kartal in TUSELOG: partners TBB and SALAR" test "$(act_sql "SELECT partners FROM e
		WHERE actor = 'Kartal' AND programme = 'TUSELOG'" | tr ';' '\n' | LC_ALL=C sort | tr '\n' ';')" = \
		"Sveriges Kommuner och Regioner (SE);Türkiye Belediyeler Birliği (TR);"
END

# SEEDS.md, "Corrected spellings" and "Canonical names": every spelling
# the seeds use finds its actor.  First the ones a Turkish reader types
# most, by search (the actor first, by its aliases).
test_case 'spellings of the seeds find their actor by search' - <<\END
	for pair in "Tetova 89" "Kalkandelen 89" "Strazburg 111" "Mekke 112" \
		"Saraybosna 83" "Üsküp 74" "Cenova 61" "Cidde 85"; do
		set -- $pair &&
		run twinreg --sample search "$1" -f tsv --no-header &&
		expect_status 0 &&
		check "search $1: actor $2 first, by alias" \
			test "$(head -n 1 "$T/out" | cut -f1-3)" = "$2	actor	aliases" || return 1
	done &&
	run twinreg --sample search Tetova -f tsv --no-header &&
	expect_out_has "Tetovo (MK), municipality"
END

# Other seed spellings (SEEDS.md, "Corrected spellings", and the Turkish
# names of bodies; 0425-names.sh has Komrat, Brcko, Vogoşça, Pecs,
# Bunkyo), by --municipality; ids are rows of data/actors.csv.  Tetova
# again, as a filter.
test_case 'spellings of the seeds name their actor in a filter' - <<\END
	while read -r id name; do
		check "$name is actor $id" \
			test "$(ids_of --sample list actors --municipality "$name")" = "$id" || return 1
	done <<EOF &&
89 Tetova
95 Floransa
97 Londra
108 Beyrut
93 Vardar-Yenicesi
55 Razgard
62 Bunkya
63 Ayadomoun
81 Revanna
67 Doyran
60 Srebrenitsa
72 Sicap Liberte
50 Paleo Faliro
53 Çolpon Ata
56 Almatı
80 Cibuti
44 Şanlı Urfa
48 Gagavuz Yeri
114 WEGO
4 Arap Şehirleri Teşkilatı
16 Avrupa Bilim Merkezleri
116 Türkiye Ulusal Ajansı
EOF
	# The ties by the seed's names of their partners.
	check "--partner Üsküp: Esenyurt - Skopje" test "$(ids_of --sample list --partner Üsküp)" = 145 &&
	check "--partner Cenova: Beyoğlu - Genova" test "$(ids_of --sample list --partner Cenova)" = 133 &&
	check "--partner Razgard: Avcılar - Razgrad" test "$(ids_of --sample list --partner Razgard)" = 127 &&
	# Places without a tie: known, so no rows and no warning.
	for n in Tetova Mekke; do
		run twinreg --sample list --partner "$n" -f tsv --no-header &&
		expect_status 0 &&
		expect_out_empty &&
		expect_err_empty || return 1
	done
END

# The seeds' country spellings (countries-extra.csv): Macaraistan (a typo
# for Macaristan) is Hungary, Kostarika Costa Rica, Habeşistan Ethiopia,
# Kuzey İrlanda the United Kingdom, Makedonya North Macedonia.
test_case 'country spellings of the seeds are their countries' - <<\END
	run twinreg --sample list --country Macaraistan -f tsv --no-header &&
	expect_status 0 &&
	expect_err_empty &&
	check "Macaraistan: Pécs, Józsefváros, Kispest" \
		test "$(cut -f1,5 "$T/out" | tr '\t\n' ' ;')" = "136 Pécs;146 Józsefváros;150 Kispest;" &&
	check "Macaraistan: the Hungarian actors" \
		test "$(ids_of --sample list actors --country Macaraistan)" = "45 64 75 79" &&
	check "Kostarika: Adalar - Santa Ana" test "$(ids_of --sample list --country Kostarika)" = 126 &&
	check "Kuzey İrlanda: London, Belfast, Plymouth (GB)" \
		test "$(ids_of --sample list actors --country "Kuzey İrlanda")" = "97 103 110" &&
	check "Makedonya: the Macedonian actors" \
		test "$(ids_of --sample list actors --country Makedonya)" = "9 51 67 74 89 90" &&
	# Ethiopia: no actor, but the name is known (status 0, not 64).
	run twinreg --sample list actors --country Habeşistan -f tsv --no-header &&
	expect_status 0 &&
	expect_err_empty &&
	expect_out_empty &&
	check "Ethiopia is a place_country of an activity" \
		test "$(act_sql "SELECT count(*) FROM e WHERE place_country = 'ET'")" = 1
END

# Actors' notes are searched: Vorarlberg is only in Bregenz's notes (99),
# "publications" only in TBB's (119), in all of data/*.csv.
test_case 'the notes of actors are searched' - <<\END
	run twinreg --sample search Vorarlberg -f tsv --no-header &&
	expect_status 0 &&
	check "Vorarlberg: Bregenz's notes, only" test "$(cut -f1-3 "$T/out")" = "99	actor	notes" &&
	expect_out_has "Bregenz (AT), municipality" &&
	run twinreg --sample search publications -f tsv --no-header &&
	check "publications: TBB's notes, only" test "$(cut -f1-3 "$T/out")" = "119	actor	notes"
END
