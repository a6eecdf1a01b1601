# The seed data (issue 3, item 7): every file in data/ imports cleanly
# into a fresh registry (activities.csv once the ties its `with` names
# are there), and together they hold what data/SEEDS.md counts from the
# five seed documents (checked against /work/shared/seeds/: seed 004
# Table 1 and Table 7 for the district sister cities, seeds 000-002 for
# the union's ties, seed 003 for Nicosia, seed 004 Table 7 for TBB -
# SALAR).  The built-in sample (--sample) holds the same; it works from
# any directory, and writes to it succeed and vanish.  The activities'
# counts are checked in 0585-seed-activities.sh.

# What the registry reached with ARGS holds, one fact a line.
summary() {
	"$TWINREG" "$@" list sister-cities -f tsv --no-header > "$T/sc"
	"$TWINREG" "$@" list partnerships -f tsv --no-header > "$T/pa"
	"$TWINREG" "$@" list memberships -f tsv --no-header > "$T/me"
	"$TWINREG" "$@" list actors -f tsv --no-header > "$T/ac"
	"$TWINREG" "$@" list -f tsv --no-header > "$T/ag"
	echo "sister cities $(wc -l < "$T/sc" | tr -d ' ')"
	echo "partnerships $(wc -l < "$T/pa" | tr -d ' ')"
	echo "agreements $(wc -l < "$T/ag" | tr -d ' ')"
	echo "memberships $(wc -l < "$T/me" | tr -d ' ')"
	echo "actors $(wc -l < "$T/ac" | tr -d ' ')"
	echo "actor countries $(cut -f3 "$T/ac" | sort -u | wc -l | tr -d ' ')"
	tally 2 "district: " < "$T/sc"
	tally 5 "partner country: " < "$T/sc"
	echo "partner countries $(cut -f5 "$T/sc" | sort -u | wc -l | tr -d ' ')"
	echo "dated sister cities $(awk -F'\t' '$6 != ""' "$T/sc" | wc -l | tr -d ' ')"
	tally 2 "kind: " < "$T/ag"
	tally 8 "status: " < "$T/ag"
	awk -F'\t' '{ print substr($7, 1, 4) }' "$T/ag" | sed 's/^$/undated/' |
	    tally 1 "signed: "
	awk -F'\t' '{ print "agreement: " $3 " - " $5 " (" $6 "), " $2 ", " \
	    ($7 == "" ? "undated" : $7) ", " ($8 == "" ? "no place" : $8) }' \
	    "$T/pa" | LC_ALL=C sort
	awk -F'\t' '{ print "membership: " $2 " in " $4 " (" $5 "), " $6 ", " \
	    ($7 == "" ? "undated" : "since " $7) ($8 == "" ? "" : " until " $8) \
	    ($9 == "" ? "" : ", roles " $9) }' "$T/me" | LC_ALL=C sort
	tally 6 "membership status: " < "$T/me"
	tally 4 "network: " < "$T/me"
	awk -F'\t' '{ print substr($7, 1, 4) }' "$T/me" | sed 's/^$/undated/' |
	    tally 1 "begun: "
	echo "ended memberships $(awk -F'\t' '$8 != ""' "$T/me" | wc -l | tr -d ' ')"
	tally 4 "actor kind: " < "$T/ac"
	awk -F'\t' '$6 != ""' "$T/ac" | tally 6 "parent: "
	echo "actors with a parent $(awk -F'\t' '$6 != ""' "$T/ac" | wc -l | tr -d ' ')"
}
# Count the values of tab-separated column K, each line PREFIX VALUE N.
tally() {
	awk -F'\t' -v k="$1" -v p="$2" '{ n[$k]++ }
	    END { for (x in n) print p x " " n[x] }' | LC_ALL=C sort
}

# The counts of data/SEEDS.md ("Expected counts"), sorted bytewise.
# Santa Ana (CR) is Adalar's sixth sister city; Ataşehir has none.
# Partnerships: 7 of MBB, Beyoğlu - Yecheon, Lefkoşa - Lefkosia (1978)
# and TBB - SALAR (undated).  120 actors in 38 countries.
# Parents: the 26 Istanbul districts in İstanbul, Hilvan in Şanlıurfa,
# Józsefváros and Kispest in Budapest, Bunkyō in Tokyo, Sicap-Liberté in
# Dakar, Comrat in Gagauzia; no other actor has one.
cat > "$T/expected" <<'EOF'
sister cities 33
partnerships 10
agreements 43
memberships 10
actors 120
actor countries 38
district: Adalar 6
district: Avcılar 1
district: Bağcılar 2
district: Başakşehir 1
district: Beykoz 2
district: Beyoğlu 4
district: Esenyurt 4
district: Küçükçekmece 1
district: Maltepe 3
district: Pendik 1
district: Sancaktepe 1
district: Sarıyer 1
district: Çekmeköy 5
district: Ümraniye 1
partner country: BA 4
partner country: BG 2
partner country: CR 1
partner country: DE 1
partner country: DJ 1
partner country: GR 1
partner country: HU 3
partner country: IT 2
partner country: JP 1
partner country: KG 1
partner country: KZ 1
partner country: LB 2
partner country: MA 1
partner country: MD 1
partner country: MK 3
partner country: MY 1
partner country: NE 2
partner country: NP 1
partner country: SE 1
partner country: SN 1
partner country: TR 1
partner country: XN 1
partner countries 22
dated sister cities 0
kind: cooperation_protocol 3
kind: friendship 1
kind: goodwill 3
kind: partnership 2
kind: sister_city 33
kind: supporting_structure 1
status: active 43
signed: 1978 1
signed: 1982 1
signed: 2004 1
signed: 2009 1
signed: 2010 1
signed: 2011 3
signed: undated 35
agreement: Beyoğlu - Yecheon (KR), cooperation_protocol, undated, no place
agreement: Lefkoşa - Lefkosia (CY), partnership, 1978, no place
agreement: Marmara Belediyeler Birliği - APLA (PS), cooperation_protocol, 2009-10-26, Bursa, Türkiye
agreement: Marmara Belediyeler Birliği - ATO (KW), friendship, 1982-01-11, Jeddah, Saudi Arabia
agreement: Marmara Belediyeler Birliği - Al-Fayhaa (LB), goodwill, 2010-12-13, Tripoli, Lebanon
agreement: Marmara Belediyeler Birliği - CIFCA (CN), goodwill, 2011-09-22, Beijing, China
agreement: Marmara Belediyeler Birliği - Congresul Autorităților Locale din Moldova (MD), goodwill, 2011-01-26, İstanbul, Türkiye
agreement: Marmara Belediyeler Birliği - European Commission Directorate-General for Energy (BE), supporting_structure, 2011-02-24, Sarajevo, Bosnia and Herzegovina
agreement: Marmara Belediyeler Birliği - Kıbrıs Türk Belediyeler Birliği (XN), cooperation_protocol, 2004-03-04, no place
agreement: Türkiye Belediyeler Birliği - Sveriges Kommuner och Regioner (SE), partnership, undated, no place
membership: Beylikdüzü in EUROCITIES (BE), member, undated
membership: Kartal in ICLEI (DE), member, undated
membership: Marmara Belediyeler Birliği in ALDA (FR), member, since 2017
membership: Marmara Belediyeler Birliği in ATO (KW), observer, since 2010
membership: Marmara Belediyeler Birliği in NALAS (MK), full, since 2008, roles vice-president from 2009-12;president 2012-05 to 2013-05;president from 2023-03-15
membership: Marmara Belediyeler Birliği in OICC (SA), associate, since 2010
membership: Marmara Belediyeler Birliği in Türk Dünyası Belediyeler Birliği (TR), full, since 2010
membership: Marmara Belediyeler Birliği in UCLG-MEWA (TR), member, since 2014
membership: Sancaktepe in Ecsite (BE), member, undated
membership: Sarıyer in UCLG-MEWA (TR), member, undated
membership status: associate 1
membership status: full 2
membership status: member 6
membership status: observer 1
network: ALDA 1
network: ATO 1
network: EUROCITIES 1
network: Ecsite 1
network: ICLEI 1
network: NALAS 1
network: OICC 1
network: Türk Dünyası Belediyeler Birliği 1
network: UCLG-MEWA 2
begun: 2008 1
begun: 2010 3
begun: 2014 1
begun: 2017 1
begun: undated 4
ended memberships 0
actor kind: district 31
actor kind: metropolitan 5
actor kind: municipality 61
actor kind: network 10
actor kind: public_body 4
actor kind: region 1
actor kind: union 8
parent: Budapest 2
parent: Dakar 1
parent: Gagauzia 1
parent: Tokyo 1
parent: İstanbul 26
parent: Şanlıurfa 1
actors with a parent 32
EOF

# Compare a summary with the expectation, line by line.
expect_summary() {
	if cmp -s "$T/expected" "$T/got"; then
		ok
	else
		not_ok "$1 differs from data/SEEDS.md"
		diff "$T/expected" "$T/got" | head -n 30 | sed 's/^/    /'
	fi
}

# Each tie file alone into a fresh registry (the parties it names are
# made as it goes), then all five together, actors first (activities.csv
# alone is refused: its `with` names ties that are not there yet).
test_case 'each data file imports cleanly into a fresh registry' '
	for f in actors sister-cities partnerships memberships; do
		rm -f "$T/one.db" &&
		twinreg --db "$T/one.db" init -q &&
		run twinreg --db "$T/one.db" import "data/$f.csv" &&
		expect_status 0 &&
		expect_out_empty &&
		expect_err_lacks "error" &&
		expect_sound "$T/one.db" || return 1
	done &&
	run twinreg --db "$T/one.db" list memberships -f tsv --no-header &&
	expect_lines 10
'

# 120 actors, 33 sister cities, 10 partnerships, 10 memberships and 118
# activities: 291 rows.  Activities name their ties (`with`), so
# activities.csv imports after the tie files, not alone.
test_case 'the five data files hold what SEEDS.md counts, and import once' '
	twinreg --db "$T/d.db" init -q &&
	run twinreg --db "$T/d.db" import data/actors.csv data/sister-cities.csv \
	    data/partnerships.csv data/memberships.csv data/activities.csv &&
	expect_status 0 &&
	expect_err_has "291 rows from 5 files: 291 added" &&
	expect_err_has "0 actors created" &&
	summary --db "$T/d.db" > "$T/got" &&
	expect_summary "data/*.csv imported" &&
	# Imported again: nothing changes.
	run twinreg --db "$T/d.db" import data/actors.csv data/sister-cities.csv \
	    data/partnerships.csv data/memberships.csv data/activities.csv &&
	expect_status 0 &&
	expect_err_has "0 added, 0 updated, 291 unchanged"
'

# Every data row names its source.
test_case 'every data row names its source' - <<\END
	for f in sister-cities partnerships memberships activities; do
		run twinreg --db "$T/d.db" export --kind "$f" &&
		check "$f: every row has a source" \
		    test "$(tr -d '\r' < "$T/out" | awk -F, 'NR > 1 && !/seed 00/' | wc -l)" = 0 || return 1
	done
END

# The sample: the same, and the same export as the imported files.
test_case 'the sample holds the same as the data files' '
	summary --sample > "$T/got" &&
	expect_summary "the sample" &&
	for k in actors sister-cities partnerships memberships activities; do
		twinreg --db "$T/d.db" export --kind "$k" > "$T/d-$k.csv" &&
		twinreg --sample export --kind "$k" > "$T/s-$k.csv" &&
		check "sample $k = data/$k.csv imported" cmp -s "$T/d-$k.csv" "$T/s-$k.csv" || return 1
	done
'
# The sample's reports agree: the yearly report of 2011 (3 signed: CALM,
# DG Energy, CIFCA; 1 in 2010: Al-Fayhaa), the undated row of the
# timeline (33 sister cities; Yecheon and TBB - SALAR; 4 memberships)
# and its first year, 1978 (Lefkoşa - Lefkosia).
test_case 'the sample reports agree with SEEDS.md' - <<\END
	run twinreg --sample report yearly --year 2011 -f csv &&
	check "sample 2011: 3 signed, 1 the year before" grep -q '^signed_by_kind,total,3,1,2' "$T/out" &&
	run twinreg --sample report timeline -f csv &&
	check "sample timeline: undated 33 2 4" grep -q '^undated,33,2,4,39' "$T/out" &&
	check "sample timeline: 1978 first, 1 partnership" \
	    test "$(sed -n 2p "$T/out" | tr -d '\r')" = 1978,0,1,0,1 &&
	check "sample timeline: 2010: 1 agreement, 3 memberships" grep -q '^2010,0,1,3,4' "$T/out" &&
	run twinreg --sample report municipalities -f csv &&
	check "sample: İstanbul's districts roll up to 38" grep -q '^İstanbul,TR,metropolitan,,0,0,0,0,38' "$T/out"
END

# --sample from any directory, with no registry anywhere; nothing is
# read from the source tree.
test_case '--sample works from any directory and writes no file' '
	case $TWINREG in
	/*) tw=$TWINREG ;;
	*) tw=$PWD/$TWINREG ;;
	esac &&
	twinreg --sample list sister-cities > "$T/here" &&
	mkdir "$T/empty" &&
	(cd / && "$tw" --sample list sister-cities) > "$T/root" 2> "$T/root.err" &&
	check "--sample from /: the same listing" cmp -s "$T/here" "$T/root" &&
	check "--sample from /: nothing on stderr" test ! -s "$T/root.err" &&
	{
		(cd "$T/empty" && env -i PATH="$PATH" HOME="$T/empty" "$tw" --sample report countries) > "$T/e.out" 2>&1
		s=$?
	} &&
	check "--sample from an empty directory and environment: exit 0" test "$s" = 0 &&
	check "--sample: countries report" grep -q "Bosnia and Herzegovina" "$T/e.out" &&
	check "--sample creates no file" test -z "$(ls -A "$T/empty")" &&
	check "--sample creates no default registry" test ! -e "$HOME/.local/share/twinreg"
'

# Writes to the sample succeed and vanish: the next process sees the
# seed data again.
test_case 'writes to the sample succeed and vanish' - <<\END
	run twinreg --sample add sister-city --municipality Kadıköy --municipality-country TR \
	    --sister-city Nantes --sister-city-country FR &&
	expect_status 0 &&
	check "add to the sample prints an id" grep -qE '^[0-9]+$' "$T/out" &&
	id=$(cat "$T/out") &&
	run twinreg --sample list sister-cities --partner Nantes -f tsv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "no actor named 'Nantes'" &&
	run twinreg --sample show "$id" &&
	check "the added id is unknown to the next process" test "$(cat "$T/status")" != 0 &&
	# 121 is Adalar - Nacka, the first tie (80 is now an actor, Djibouti).
	run twinreg --sample delete 121 &&
	expect_status 0 &&
	summary --sample > "$T/got" &&
	expect_summary "the sample after writes" &&
	run twinreg --sample import "$DATA/report-actors.csv" &&
	expect_status 0 &&
	run twinreg --sample list actors -f tsv --no-header &&
	expect_lines 120 &&
	check "--sample writes no file" test ! -e "$HOME/.local/share/twinreg"
END
