# check: one fixture per finding of SPEC's check section, each in a fresh
# registry (tests/data/report-check-*.csv over report-check-actors.csv,
# whose six actors take ids 1-6: Kadıköy, Üsküdar (TR), Lyon (FR), Köln
# (DE), Kyoto (JP), Net Alpha (FR network)).  Columns: id, severity,
# problem, fix.  Exit 1 with findings, 0 without.
#
# Art. 74 (council decision, ministry approval) applies to ties with a
# Turkish party; a planned agreement needs them only once it is signed.

# alive DB: every tie of DB in force today gets an activity dated today,
# so that none is dormant; not a pair registered twice, whose activity
# could not tell the two apart.  Dormancy has its own tests below.
alive() {
	_d=$(date -u +%F)
	{
		twinreg --db "$1" list --as-of "$_d" -f csv --no-header \
		    --columns party,party_country,partner,partner_country,kind
		twinreg --db "$1" list memberships --as-of "$_d" -f csv --no-header \
		    --columns member,member_country,network,network_country
	} | tr -d '\r' | awk -F, -v d="$_d" '
		BEGIN { print "actor,actor_country,type,title,date,with,with_country,tie_kind" }
		{ k = NF == 5 ? $5 : "membership"
		  key[NR] = ($1 < $3 ? $1 FS $3 : $3 FS $1) FS k; n[key[NR]]++
		  row[NR] = $1 "," $2 ",meeting,Meeting " NR "," d "," $3 "," $4 "," k }
		END { for (i = 1; i <= NR; i++) if (n[key[i]] == 1) print row[i] }' \
	    > "$T/alive.csv" &&
	twinreg --db "$1" -q import "$T/alive.csv"
}

# A fresh registry holding the actors and FILES, every tie alive; then
# `check -f tsv`.
check_fixture() {
	rm -f "$T/c.db"
	twinreg --db "$T/c.db" init -q
	run twinreg --db "$T/c.db" -q import "$DATA/report-check-actors.csv" "$@"
	expect_status 0
	alive "$T/c.db"
	run twinreg --db "$T/c.db" check -f tsv
}

# Clean: a Turkish tie with both, signed after the approval; a French-
# German tie (no Turkish party: art. 74 does not apply); a planned
# Turkish tie; an ended one; a Turkish membership with both, a French
# one with neither.
test_case 'a clean registry has no finding and exit 0' - <<\END
	check_fixture "$DATA/report-check-clean.csv" "$DATA/report-check-clean-memberships.csv" &&
	expect_status 0 &&
	expect_out "$(printf 'id\tseverity\tproblem\tfix')" &&
	expect_err_empty &&
	run twinreg --db "$T/c.db" check &&
	expect_status 0 &&
	expect_out_lacks warning &&
	expect_out_lacks error
END

# No council decision: Kadıköy-Lyon (7) and Lyon-Üsküdar (8, the Turkish
# party second) have only the approval; Kadıköy in Net Alpha (9) too.
test_case 'a Turkish tie without a council decision is a finding' '
	check_fixture "$DATA/report-check-council.csv" "$DATA/report-check-council-memberships.csv" &&
	expect_status 1 &&
	expect_stdout report-check-council.tsv &&
	expect_err_has "3 findings"
'

# No ministry approval: Kadıköy-Kyoto (7) has the council decision only;
# Lyon-Köln (8) has neither but no Turkish party: no finding.
test_case 'a Turkish tie without the ministry approval is a finding' '
	check_fixture "$DATA/report-check-ministry.csv" &&
	expect_status 1 &&
	expect_stdout report-check-ministry.tsv &&
	expect_out_lacks "	8	" &&
	check "only record 7" test "$(cut -f1 "$T/out" | sed 1d | sort -u)" = 7
'

# Signed before the ministry's approval (2011-05-10): 7 on 2011-03-01, 8
# in 2010 (the whole year before); not 9, signed 2011-06-01.
test_case 'signed before the approval is an error' - <<\END
	check_fixture "$DATA/report-check-before.csv" &&
	expect_status 1 &&
	expect_stdout report-check-before.tsv &&
	check "records 7 and 8 only" test "$(cut -f1 "$T/out" | sed 1d | tr '\n' ' ')" = "7 8 " &&
	check "signed-before findings are errors" test "$(cut -f2 "$T/out" | sed 1d | sort -u)" = error
END

# The same pair twice: Kadıköy-Lyon 2005-06-01 (7) and Lyon-Kadıköy
# undated (8), each naming the other; Kadıköy-Köln and Üsküdar-Köln
# (same partner, different municipality) are not a pair twice.  7 and
# 8 are dormant too: no activity can name one of them (alive skips them).
test_case 'the same pair twice names the other record' '
	check_fixture "$DATA/report-check-twice.csv" &&
	expect_status 1 &&
	expect_stdout report-check-twice.tsv &&
	expect_out_has "record 8" &&
	expect_out_has "record 7"
'

# The same parties under another kind are another tie: a protocol of
# Kadıköy and Lyon beside their sister cities (7, 8) is named by
# neither, and names neither.
test_case 'the same parties under another kind are not a pair twice' '
	printf "%s\n" "party,party_country,partner,partner_country,kind,signed_on" \
	    "Kadıköy,TR,Lyon,FR,cooperation_protocol,2010-05-01" > "$T/protocol.csv" &&
	check_fixture "$DATA/report-check-twice.csv" "$T/protocol.csv" &&
	expect_status 1 &&
	proto=$(twinreg --db "$T/c.db" -f tsv --no-header list partnerships | cut -f1) &&
	check "the protocol is in the registry" [ -n "$proto" ] &&
	check "7 and 8 still name each other" [ "$(grep -c "the same parties have another" "$T/out")" -eq 2 ] &&
	awk -F "\t" -v p="$proto" '"'"'$3 ~ /^the same parties/ && ($1 == p || $3 ~ ("record " p "$"))'"'"' "$T/out" > "$T/named" &&
	check "the protocol ($proto) names none and none names it: $(cat "$T/named")" [ ! -s "$T/named" ]
'

# End before start: Kadıköy-Lyon signed 2012-05-01, ended 2011-01-01 (7);
# Kadıköy in Net Alpha since 2012 until 2010 (9).  Not Kadıköy-Köln
# (2012-05 to 2012) nor Üsküdar in Net Alpha (2012-05 to 2012): the same
# year, at a coarser precision.
# legacy_fixture SQL FILE...: check_fixture FILE..., the registry then
# changed by SQL as only a registry written by an older twinreg (or by
# another program) can be: twinreg refuses such values when it writes.
legacy_fixture() {
	_sql=$1
	shift
	rm -f "$T/c.db"
	twinreg --db "$T/c.db" init -q
	run twinreg --db "$T/c.db" -q import "$DATA/report-check-actors.csv" "$@"
	expect_status 0
	sql "$T/c.db" "$_sql"
	alive "$T/c.db"
	run twinreg --db "$T/c.db" check -f tsv
}

test_case 'an end before the start is a finding, not at a coarser precision' - <<\END
	sed 's/,ended,2011-01-01,/,ended,,/' "$DATA/report-check-endbefore.csv" > "$T/eb.csv" &&
	sed 's/,member,2012,2010,/,member,2012,,/' "$DATA/report-check-endbefore-memberships.csv" > "$T/ebm.csv" &&
	legacy_fixture "UPDATE agreements SET ended_on = '2011-01-01' WHERE id = 7;
		UPDATE memberships SET until = '2010' WHERE id = 9;" "$T/eb.csv" "$T/ebm.csv" &&
	expect_status 1 &&
	expect_stdout report-check-endbefore.tsv &&
	check "records 7 and 9 only" test "$(cut -f1 "$T/out" | sed 1d | tr '\n' ' ')" = "7 9 "
END

# A date in the future: Kadıköy-Lyon signed 2999-01-01 (7), Kadıköy in Net
# Alpha since 2999 (9); not Üsküdar-Kyoto (8), planned for 2999.
test_case 'a date in the future is a finding, a planned one is not' '
	sed "s/,2999-01-01,active,/,,active,/" "$DATA/report-check-future.csv" > "$T/fu.csv" &&
	legacy_fixture "UPDATE agreements SET signed_on = '\''2999-01-01'\'' WHERE id = 7;" \
		"$T/fu.csv" "$DATA/report-check-future-memberships.csv" &&
	expect_status 1 &&
	expect_stdout report-check-future.tsv &&
	expect_out_has "2999"
'

# "The future" is today's date (UTC), computed here: next year is in the
# future, last year is not.
test_case 'the future is counted from today' - <<\END
	now=$(date -u +%Y) &&
	{
		echo 'municipality,municipality_country,sister_city,sister_city_country,signed_on,status,ended_on,council_decision_date,council_decision_no,ministry_approval_date,ministry_approval_no'
		echo "Kadıköy,TR,Lyon,FR,,active,,2001-01-10,2001/1,2001-03-01,E.1"
		echo "Kadıköy,TR,Köln,DE,$((now - 1))-12-31,active,,2001-01-10,2001/2,2001-03-01,E.2"
	} > "$T/when.csv" &&
	legacy_fixture "UPDATE agreements SET signed_on = '$((now + 1))-01-01' WHERE id = 7;" "$T/when.csv" &&
	expect_status 1 &&
	expect_out "$(printf 'id\tseverity\tproblem\tfix\n7\twarning\tdate in the future: signed_on %s-01-01\tcorrect it with twinreg update 7' $((now + 1)))"
END

# An actor without a country: a membership row without network_country
# creates 'Mystery Net' (7) with none.  It is of kind network: no other
# finding.
test_case 'an actor without a country is a finding until it has one' '
	check_fixture "$DATA/report-check-nocountry-memberships.csv" &&
	expect_status 1 &&
	expect_stdout report-check-nocountry.tsv &&
	expect_out_has "Mystery Net" &&
	run twinreg --db "$T/c.db" list actors -f csv &&
	expect_out_has "Mystery Net,,network" &&
	# Given a country, the finding goes.
	twinreg --db "$T/c.db" -q update 7 --country TR &&
	run twinreg --db "$T/c.db" check &&
	expect_status 0
'

# A membership in an actor that is not a network: Kadıköy in Lyon (a
# municipality, 3).
test_case 'a membership in an actor that is no network is a finding' '
	check_fixture "$DATA/report-check-notnetwork-memberships.csv" &&
	expect_status 1 &&
	expect_stdout report-check-notnetwork.tsv &&
	expect_out_has "Lyon"
'

# The columns, in every format; the summary on stderr, not with --quiet.
test_case 'findings in every format, the summary on stderr; usage and missing registry' - <<\END
	check_fixture "$DATA/report-check-council.csv" &&
	run twinreg --db "$T/c.db" check -f csv &&
	expect_status 1 &&
	check "csv header" test "$(head -n 1 "$T/out" | tr -d '\r')" = "id,severity,problem,fix" &&
	run twinreg --db "$T/c.db" check -f jsonl &&
	expect_status 1 &&
	expect_out_has '{"id":7,"severity":"warning","problem":"no council decision' &&
	run twinreg --db "$T/c.db" check -f json &&
	expect_status 1 &&
	check "json array" test "$(head -c 1 "$T/out")" = "[" &&
	run twinreg --db "$T/c.db" check &&
	expect_status 1 &&
	expect_out_has 'severity' &&
	expect_out_has 'twinreg update 7' &&
	run twinreg --db "$T/c.db" check -q &&
	expect_status 1 &&
	expect_err_empty &&
	expect_lines 4 &&
	# check takes no arguments.
	run twinreg --db "$T/c.db" check everything &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$T/missing.db" check &&
	expect_status 66 &&
	expect_out_empty
END

# Every finding together, in one registry: exit 1, each problem there.
test_case 'every finding in one registry; fixing the dates clears the finding' - <<\END
	rm -f "$T/c.db" &&
	twinreg --db "$T/c.db" init -q &&
	run twinreg --db "$T/c.db" -q import "$DATA/report-check-actors.csv" \
	    "$DATA/report-check-before.csv" "$DATA/report-check-nocountry-memberships.csv" \
	    "$DATA/report-check-notnetwork-memberships.csv" &&
	expect_status 0 &&
	alive "$T/c.db" &&
	run twinreg --db "$T/c.db" check -f tsv &&
	expect_status 1 &&
	expect_out_has "before the Ministry's approval" &&
	expect_out_has "has no country" &&
	expect_out_has "not network" &&
	# Fixing the dates through update clears the finding.
	twinreg --db "$T/c.db" -q update 7 --ministry-approval-date 2011-02-01 &&
	twinreg --db "$T/c.db" -q update 8 --ministry-approval-date 2009-12-01 &&
	run twinreg --db "$T/c.db" check -f tsv &&
	expect_status 1 &&
	expect_out_lacks "before the Ministry's approval"
END

# The sample: every tie lacks both (SEEDS.md); 52 of its 53 ties have a
# Turkish party, 2 findings each.  Its dormant ties depend on today.  Lefkoşa (XN) - Lefkosia (CY), 162,
# has none: art. 74 does not apply.
test_case 'every tie of the sample lacks both art. 74 papers' - <<\END
	run twinreg --sample check -f tsv &&
	expect_status 1 &&
	check "sample: 104 art. 74 findings" \
	    test "$(grep -c 'Municipal Law 5393 art. 74' "$T/out")" = 104 &&
	check "sample: 52 ties named" test "$(grep 'art. 74' "$T/out" | cut -f1 | sort -u | wc -l | tr -d ' ')" = 52 &&
	check "sample: not the Nicosia partnership" test "$(grep 'art. 74' "$T/out" | awk -F '\t' '$1 == 162' | wc -l | tr -d ' ')" = 0 &&
	# The other findings are dormant ties, as many as list --dormant
	# finds today (none is marked dormant).
	grep -v 'art. 74' "$T/out" | sed 1d > "$T/rest" &&
	check "sample: the rest are dormant ties" test "$(grep -vc '	dormant: ' "$T/rest")" = 0 &&
	twinreg --sample list --dormant -f tsv --no-header | cut -f1 > "$T/d" &&
	twinreg --sample list memberships --dormant -f tsv --no-header | cut -f1 >> "$T/d" &&
	check "sample: the dormant ties of list --dormant" \
	    test "$(sort -n "$T/d" | tr '\n' ' ')" = "$(cut -f1 "$T/rest" | sort -n | tr '\n' ' ')" &&
	check "sample: some are dormant" test -s "$T/d"
END

# Dormancy and activities outside their tie's life
# (tests/data/report-check-activities*.csv; actors 1-6 as above).  Every
# tie has its art. 74 papers, approved before signing:
#   7  Kadıköy-Lyon   2001-05-01 active; activities 2000-01-01 (before it
#      was signed: a finding) and 2002-03-04: dormant, the last 2002-03-04
#   8  Kadıköy-Köln   2001-05-01 marked dormant: no finding
#   9  Üsküdar-Kyoto  undated, active, no activity: dormant
#   10 Kadıköy-Kyoto  2001-05-01, ended 2005-06-30; activities 2005-06
#      (the month it ended: no finding) and 2005-07 (after: a finding)
#   11 Üsküdar in Net Alpha since 2001: an activity today (added here)
# Activities take ids 12-15 in file order, today's 16.
test_case 'dormant ties and activities outside their tie are findings' - <<\END
	rm -f "$T/c.db" &&
	twinreg --db "$T/c.db" init -q &&
	run twinreg --db "$T/c.db" -q import "$DATA/report-check-actors.csv" \
	    "$DATA/report-check-activities-ties.csv" \
	    "$DATA/report-check-activities-memberships.csv" \
	    "$DATA/report-check-activities.csv" &&
	expect_status 0 &&
	twinreg --db "$T/c.db" -q add activity --actor Üsküdar --actor-country TR \
	    --type meeting --title Today --date "$(date -u +%F)" --with 'Net Alpha' > /dev/null &&
	run twinreg --db "$T/c.db" check -f tsv &&
	expect_status 1 &&
	expect_stdout report-check-activities.tsv &&
	check "tie 7 dormant, last activity 2002-03-04" \
	    grep -q "^7	warning	dormant: no activity in the last 3 years (the last on 2002-03-04)" "$T/out" &&
	check "tie 9 dormant, no dated activity" grep -q "^9	warning	dormant: no dated activity" "$T/out" &&
	check "activity 12 before tie 7" grep -q "^12	warning	dated 2000-01-01, before its tie 7 began on 2001-05-01" "$T/out" &&
	check "activity 15 after tie 10" grep -q "^15	warning	dated 2005-07, after its tie 10 ended on 2005-06-30" "$T/out" &&
	check "only 7, 9, 12 and 15" test "$(sed 1d "$T/out" | cut -f1 | tr '\n' ' ')" = "7 9 12 15 " &&
	# An activity in the window wakes tie 7; dating the early one after
	# the signing clears its finding.
	twinreg --db "$T/c.db" -q add activity --actor Kadıköy --actor-country TR \
	    --type visit --title Again --date "$(date -u +%Y)" --with Lyon > /dev/null &&
	twinreg --db "$T/c.db" -q update 12 --date 2001-06 &&
	run twinreg --db "$T/c.db" check -f tsv &&
	check "left: 9 and 15" test "$(sed 1d "$T/out" | cut -f1 | tr '\n' ' ')" = "9 15 " &&
	# Marking tie 9 dormant clears its finding; dating activity 15 on
	# the day tie 10 ended clears the last.
	twinreg --db "$T/c.db" -q update 9 --status dormant &&
	twinreg --db "$T/c.db" -q update 15 --date 2005-06-30 &&
	run twinreg --db "$T/c.db" check &&
	expect_status 0
END
