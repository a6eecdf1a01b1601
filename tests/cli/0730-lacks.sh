# list --lacks FIELD and report --lacks FIELD: the ties without a
# council decision, the Ministry's approval, a date, a place of signing,
# topics, a source or any activity, on a registry made for it
# (tests/data/lacks-*.csv; each tie's notes say what it has).
#
# Ids (actors 1-6 first):
#   7  L1 Kadıköy-Lyon      every field; an activity
#   8  L2 Kadıköy-Mostar    council date only; no approval, place, topics
#   9  L3 Üsküdar-Mostar    council number, approval number; no date,
#                           no source
#   10 L4 Üsküdar-Tuzla     approval date only; no council decision
#   11 M1 Kadıköy in Eurocities: council, approval, source; an activity
#   12 M2 Üsküdar in Eurocities: nothing
# A decision or an approval is there when its date or its number is.
db=$T/l.db

test_case 'the registry loads with the ids above' '
	new_registry "$db" &&
	run twinreg --db "$db" import "$DATA/lacks-actors.csv" \
		"$DATA/lacks-sister-cities.csv" "$DATA/lacks-memberships.csv" \
		"$DATA/lacks-activities.csv" &&
	expect_status 0 &&
	expect_listed "7 8 9 10" --columns id &&
	expect_listed "11 12" memberships --columns id &&
	run twinreg --db "$db" -f tsv --no-header list --columns id,notes &&
	check "9 is L3" grep -q "^9	L3:" "$T/out"
'

test_case 'each field, agreements and memberships' '
	expect_listed "10" --lacks council-decision &&
	expect_listed "12" memberships --lacks council-decision &&
	expect_listed "8" --lacks ministry-approval &&
	expect_listed "12" memberships --lacks ministry-approval &&
	expect_listed "9" --lacks signed-on &&
	expect_listed "12" memberships --lacks signed-on &&
	expect_listed "8 9" --lacks signed-place &&
	expect_listed "8" --lacks topics &&
	expect_listed "9" --lacks source &&
	expect_listed "12" memberships --lacks source &&
	expect_listed "8 9 10" --lacks activity &&
	expect_listed "12" memberships --lacks activity
'

test_case 'the law'\''s question is one command naming both parties' '
	run twinreg --db "$db" -f tsv list sister-cities --lacks ministry-approval &&
	expect_status 0 &&
	expect_out "id	municipality	municipality_country	sister_city	sister_city_country	signed_on	status	ended_on
8	Kadıköy	TR	Mostar	BA	2011-06-01	active	"
'

test_case 'spellings: _ for -, Turkish words, any case' '
	expect_listed "8" --lacks ministry_approval &&
	expect_listed "8" --lacks "Bakanlık onayı" &&
	expect_listed "10" --lacks "meclis kararı" &&
	expect_listed "9" --lacks KAYNAK &&
	expect_listed "8 9 10" --lacks faaliyet
'

test_case 'with the other filters' '
	expect_listed "10" --lacks council-decision --municipality Üsküdar &&
	expect_listed "" --lacks council-decision --municipality Kadıköy &&
	expect_listed "8 9" --lacks signed-place --country BA &&
	expect_listed "8 9" --lacks activity --partner Mostar &&
	expect_listed "8" --lacks topics --year 2011 &&
	expect_listed "" --lacks topics --year 2010
'

test_case 'report: the same ties counted' '
	run twinreg --db "$db" -f tsv report countries --lacks ministry-approval &&
	expect_status 0 &&
	expect_out "country	name	sister_cities	partnerships	memberships	total	undated
BA	Bosnia and Herzegovina	1	0	0	1	0
BE	Belgium	0	0	1	1	1" &&
	run twinreg --db "$db" -f tsv report countries --lacks topics &&
	expect_status 0 &&
	check "topics: memberships left out" test "$(tail -n +2 "$T/out")" = \
		"BA	Bosnia and Herzegovina	1	0	0	1	0" &&
	run twinreg --db "$db" -f tsv report municipalities --lacks council-decision &&
	expect_status 0 &&
	check "Üsküdar: L4 and M2" grep -q "^Üsküdar	TR	district		1	0	1	2	2$" "$T/out" &&
	check "Kadıköy lacks none" eval "! grep -q ^Kadıköy \"\$T/out\""
'

test_case 'bad input: an unknown field, a kind that has no such field' - <<\END
	cp "$db" "$T/before.db" &&
	snap before &&
	run twinreg --db "$db" list --lacks bogus &&
	expect_status 64 &&
	expect_err_has "unknown field 'bogus' (expected council-decision, ministry-approval, signed-on, signed-place, topics, source or activity)" &&
	expect_out_empty &&
	run twinreg --db "$db" list memberships --lacks topics &&
	expect_status 64 &&
	expect_err_has "twinreg: --lacks topics does not apply to memberships" &&
	run twinreg --db "$db" list memberships --lacks ministry-approval &&
	expect_status 0 &&
	run twinreg --db "$db" list actors --lacks source &&
	expect_status 64 &&
	expect_err_has "--lacks does not apply to actors" &&
	run twinreg --db "$db" list activities --lacks source &&
	expect_status 64 &&
	expect_err_has "--lacks does not apply to activities" &&
	run twinreg --db "$db" list --lacks &&
	expect_status 64 &&
	check "the registry as it was" cmp "$db" "$T/before.db" &&
	check "its records as they were" same_as before
END
