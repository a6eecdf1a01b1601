# store: sqlite (SQLite's query plans)
# The query plans of the README's queries (and the activity queries):
# none may fall back to reading agreements or activities whole where an
# index should serve it.
#
# TWINREG_TRACE_PLANS=FILE (a debugging hook, not for users: the
# library tells twr_set_plan_fn() each statement it prepares and its
# plan, and write_plan() in src/cmd/cmd.c appends them to FILE).  tests/plans/scans.awk prints the SCANs of agreements or
# activities in it, whatever alias the SQL gave them.  A query that
# selects few ties (by name, by country, by id, by word) must have none;
# a report over every tie may read an index whole but never the table.
# Plans, not timings: nothing here depends on the machine's speed.

db=$T/r.db
SCANS=tests/plans/scans.awk

# plan ARGS...: run twinreg ARGS on $db with the hook, exit 0 expected;
# $T/plans holds the plans, $T/scans the scans of the two big tables.
plan() {
	rm -f "$T/plans"
	TWINREG_TRACE_PLANS=$T/plans run twinreg --db "$db" "$@" &&
	expect_status 0 &&
	check "plans written for $*" grep -q '^PLAN: ' "$T/plans" &&
	awk -f "$SCANS" "$T/plans" > "$T/scans"
}

# no_scan ARGS...: ARGS reads agreements and activities by index only.
no_scan() {
	plan "$@" &&
	check "no scan of agreements or activities in $*: $(cat "$T/scans")" \
	    test ! -s "$T/scans"
}

# no_table_scan ARGS...: ARGS may read an index whole, never the table.
no_table_scan() {
	plan "$@" &&
	check "no full table scan in $*: $(grep -v USING "$T/scans")" \
	    sh -c '! grep -v USING "$1"' - "$T/scans"
}

test_case 'the reports registry' '
	report_fixture "$db"
'

test_case 'the hook writes each statement and its plan, only when asked' '
	plan show 1 &&
	check "an SQL line" grep -q "^SQL: SELECT" "$T/plans" &&
	check "a search by the primary key" grep -q \
	    "^PLAN: .*SEARCH .* USING INTEGER PRIMARY KEY" "$T/plans" &&
	rm -f "$T/plans" &&
	run twinreg --db "$db" show 1 &&
	expect_status 0 &&
	check "no file without the variable" test ! -e "$T/plans"
'

test_case 'the check finds a scan of agreements under any alias' - <<\END
	printf '%s\n' \
	    'SQL: SELECT g.id FROM agreements g JOIN actors pa ON pa.id = g.party_id' \
	    'PLAN: SCAN g' 'PLAN: SEARCH pa USING INTEGER PRIMARY KEY (rowid=?)' '' \
	    'SQL: SELECT count(*) FROM activities WHERE date > ?' \
	    'PLAN: SCAN activities USING COVERING INDEX activities_date' '' \
	    'SQL: SELECT g.id FROM memberships g' 'PLAN: SCAN g' '' \
	    'SQL: SELECT g.id FROM actors g' 'PLAN: SCAN g' '' \
	    'SQL: SELECT 1 FROM agreements g WHERE 1 UNION ALL SELECT 2 FROM memberships g' \
	    'PLAN: COMPOUND QUERY' 'PLAN:   SCAN g USING INDEX agreements_party' \
	    'PLAN:   SCAN g' '' \
	    'SQL: SELECT g.id FROM agreements g WHERE g.kind = ? AND (g.party_id IN (?) OR g.partner_id IN (?))' \
	    'PLAN: SEARCH g USING COVERING INDEX agreements_dates (kind=?)' > "$T/fake" &&
	awk -f "$SCANS" "$T/fake" > "$T/out" &&
	expect_lines 4 &&
	expect_out_has "agreements	PLAN: SEARCH g USING COVERING INDEX agreements_dates (kind=?)" &&
	expect_out_has "agreements	PLAN:   SCAN g USING INDEX agreements_party" &&
	expect_out_has "agreements	PLAN: SCAN g" &&
	expect_out_has 'activities	PLAN: SCAN activities USING COVERING'
END

test_case 'list by municipality, country, year, kind: no scan' '
	no_scan list sister-cities --municipality kadikoy &&
	no_scan list --municipality kadikoy &&
	no_scan list --country "Bosna Hersek" &&
	no_scan list --country TR --year 2011 &&
	no_scan list sister-cities --country TR --year 2011 &&
	no_scan list partnerships --municipality kadikoy &&
	no_scan list memberships --municipality kadikoy &&
	no_scan list --year 2011 --sort name &&
	no_scan list --partner lyon
'

test_case 'show, search: no scan' '
	no_scan show 1 &&
	no_scan show 5 &&
	no_scan search lyon &&
	no_scan search "twinning committee"
'

test_case 'activities and dormancy of one municipality: no scan' '
	no_scan list activities --municipality kadikoy &&
	no_scan list activities --year 2011 &&
	no_scan list --dormant --as-of 2012-06-30 --municipality kadikoy &&
	no_scan report activities --year 2011 --municipality kadikoy
'

# An actor's activities come from one index that holds every column
# they are listed and counted by, not from the table's rows one by one.
test_case 'a municipality'"'"'s activities: the covering index, not the table' - <<\END
	for args in "list activities --municipality kadikoy" \
	    "list activities --municipality kadikoy --year 2011 --type visit" \
	    "report activities --year 2011 --municipality kadikoy"; do
		plan $args &&
		# The plan of the statement that reads the activities.
		awk '/^SQL: / { ours = index($0, "FROM activities g JOIN actors pa") > 0 }
		    ours && /^PLAN: / { print }' "$T/plans" > "$T/ours" &&
		check "$args: activities_actor covers" grep -q \
		    "SEARCH g USING COVERING INDEX activities_actor (actor_id=?" \
		    "$T/ours" || return 1
	done
END

test_case 'reports over every tie: an index read whole at most' '
	no_table_scan report yearly --year 2011 &&
	no_table_scan report countries &&
	no_table_scan report municipalities &&
	no_table_scan report networks &&
	no_table_scan report timeline &&
	no_table_scan report activities --year 2011
'
# check reads every tie (it judges each), but finds a tie's twins (the
# same parties and kind) by the identity's index, never by a search of
# every tie of its kind for each tie (10 s for 10,000 ties).
test_case 'check finds the same parties twice by the identity index' '
	rm -f "$T/plans" &&
	TWINREG_TRACE_PLANS=$T/plans run twinreg --db "$db" check &&
	expect_status 1 &&
	check "the twins of a tie by agreements_ident" grep -q "SEARCH o USING INDEX agreements_ident" "$T/plans" &&
	check "no tie searched by its kind alone" sh -c "! grep -q \"SEARCH o USING .*INDEX agreements_dates (kind=?)\" \"\$1\"" - "$T/plans"
'

# (list --dormant without a name lists every dormant tie in id order, its
# columns from the table: it reads the table, as list does.)

# The same commands on a registry with more ties, countries and years
# prepare as many statements: a fixed number of queries, whatever the
# data (not one a country, a year or a hit).
test_case 'reports and search prepare as many statements on more data' - <<\END
	for args in "report yearly --year 2011" "report timeline" \
	    "report countries" "search lyon" "report activities --year 2011"; do
		plan $args &&
		grep -c "^SQL: " "$T/plans" > "$T/n.$(echo $args | tr -c a-z0-9 _)" ||
		return 1
	done &&
	printf '%s\n' 'municipality,municipality_country,sister_city,sister_city_country,signed_on' \
	    'Kadıköy,TR,Lyon 2,FR,1999-01-02' 'Kadıköy,TR,Osaka,JP,2001' \
	    'Üsküdar,TR,Lima,PE,2003-04-05' 'Bursa,TR,Quito,EC,2005' \
	    'Bursa,TR,Lyon 3,FR,2011-02-03' 'Bursa,TR,Oslo,NO,2011-06' > "$T/more.csv" &&
	run twinreg --db "$db" -q import "$T/more.csv" &&
	expect_status 0 &&
	for args in "report yearly --year 2011" "report timeline" \
	    "report countries" "search lyon" "report activities --year 2011"; do
		plan $args &&
		check "as many statements for $args" test \
		    "$(grep -c "^SQL: " "$T/plans")" = \
		    "$(cat "$T/n.$(echo $args | tr -c a-z0-9 _)")" || return 1
	done
END
