# update: change fields of a record, with the rules of import.
db=$T/r.db
edit_fixture

test_case 'setup: the ids of the records to update' '
	kotor=$(gid Kotor) &&
	napoli=$(gid Napoli) &&
	mem=$("$TWINREG" --db "$db" -f csv --no-header list memberships | cut -d, -f1) &&
	sariyer=$(aid Sarıyer) &&
	beyoglu=$(aid Beyoğlu) &&
	istanbul=$(aid İstanbul) &&
	check "setup: ids found" test -n "$kotor" -a -n "$napoli" -a -n "$mem" \
		-a -n "$sariyer" -a -n "$beyoglu" -a -n "$istanbul"
'

# Good: several fields at once, --FIELD=VALUE, '-' and '_' alike; nothing
# on stdout.
test_case 'several fields at once, in any spelling of their names' '
	run twinreg --db "$db" update "$kotor" --topics "culture;sport" \
		--council-decision-no=2009/41 --council_decision_date "11.12.2009" \
		--ministry-approval-date "13 Ocak 2010" &&
	expect_status 0 &&
	expect_out_empty &&
	fields "$kotor" > "$T/f" &&
	check "topics set" grep -qx "topics,culture;sport" "$T/f" &&
	check "decision no set" grep -qx "council_decision_no,2009/41" "$T/f" &&
	check "decision date as ISO" grep -qx "council_decision_date,2009-12-11" "$T/f" &&
	check "approval date as ISO" grep -qx "ministry_approval_date,2010-01-13" "$T/f" &&
	check "other fields kept" grep -qx "signed_on,2010" "$T/f"
'

# An empty value clears an optional field.
test_case 'an empty value clears an optional field' '
	run twinreg --db "$db" update "$kotor" --topics "" &&
	expect_status 0 &&
	fields "$kotor" > "$T/f" &&
	check "topics cleared" grep -qx "topics," "$T/f" &&
	check "the rest kept" grep -qx "council_decision_no,2009/41" "$T/f" &&
	run twinreg --db "$db" update "$mem" --since "" &&
	expect_status 0 &&
	fields "$mem" > "$T/f" &&
	check "since cleared" grep -qx "since," "$T/f"
'

# The same values again: nothing to change, no new history entry.
test_case 'the same values again add no history' '
	n0=$("$TWINREG" --db "$db" -f csv log "$kotor" | wc -l) &&
	run twinreg --db "$db" update "$kotor" --council-decision-no 2009/41 &&
	expect_status 0 &&
	expect_out_empty &&
	check "no history for a no-op" test "$("$TWINREG" --db "$db" -f csv log "$kotor" | wc -l)" = "$n0"
'

# Bad values: 65, the --field named, nothing on stdout, nothing written.
test_case 'bad values are 65, naming the --field, and write nothing' '
	snap before.sql &&
	run twinreg --db "$db" update "$kotor" --signed-on 2011-02-30 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "twinreg: --signed-on: " &&
	expect_err_has "2011-02-30" &&
	check "bad date: nothing written" same_as before.sql &&

	run twinreg --db "$db" update "$kotor" --status signed &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "--status" &&
	check "bad status: nothing written" same_as before.sql &&

	run twinreg --db "$db" update "$kotor" --sister-city-country Atlantis &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "twinreg: --sister-city-country: unknown country" &&
	check "bad country: nothing written" same_as before.sql &&

	run twinreg --db "$db" update "$mem" --status honorary &&
	expect_status 65 &&
	expect_out_empty &&
	check "bad membership status: nothing written" same_as before.sql
'

# Two good fields and one bad: nothing at all is written.
test_case 'one bad field among good ones writes none' '
	run twinreg --db "$db" update "$kotor" --notes "good" --title "good" \
		--ended-on 2011-13-01 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "--ended-on" &&
	check "one bad field: no field written" same_as before.sql
'

# Clearing a required field is refused.
test_case 'clearing a required field is refused' '
	for f in --sister-city --municipality-country --kind; do
		run twinreg --db "$db" update "$kotor" "$f" "" &&
		expect_status 65 &&
		expect_out_empty &&
		expect_err_has "$f" &&
		check "clearing $f: nothing written" same_as before.sql || return 1
	done &&
	for f in --member --member-country --network; do
		run twinreg --db "$db" update "$mem" "$f" "" &&
		expect_status 65 &&
		expect_err_has "$f" &&
		check "clearing $f: nothing written" same_as before.sql || return 1
	done &&
	for f in --name --country; do
		run twinreg --db "$db" update "$sariyer" "$f" "" &&
		expect_status 65 &&
		expect_err_has "$f" &&
		check "clearing actor $f: nothing written" same_as before.sql || return 1
	done
'

# An update that makes the record identical to another is refused, with
# the other's id.
test_case 'an update that makes a record identical to another, or a self-tie, is refused' '
	run twinreg --db "$db" update "$napoli" --municipality Sarıyer \
		--sister-city Kotor --sister-city-country ME --signed-on 2010 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "record $kotor " &&
	check "identical agreement: nothing written" same_as before.sql &&
	run twinreg --db "$db" update "$beyoglu" --name sariyer &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "$sariyer" &&
	check "identical actor: nothing written" same_as before.sql &&
	# The two parties the same actor: refused.
	run twinreg --db "$db" update "$kotor" --sister-city Sarıyer \
		--sister-city-country TR &&
	expect_status 65 &&
	expect_out_empty &&
	check "self-tie: nothing written" same_as before.sql
'

# Unknown id: 1, nothing written.
test_case 'an unknown id is 1 and writes nothing' '
	run twinreg --db "$db" update 99999 --notes x &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "99999" &&
	check "unknown id: nothing written" same_as before.sql
'

# Usage errors: 64.
test_case 'usage errors are 64 and write nothing' - <<\END
	run twinreg --db "$db" update "$kotor" --colour red &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "'--colour'" &&
	check "unknown field: nothing written" same_as before.sql &&
	run twinreg --db "$db" update "$kotor" --since 2001 &&
	expect_status 64 &&
	expect_err_has "'--since'" &&
	check "a membership field on an agreement: nothing written" same_as before.sql &&
	run twinreg --db "$db" update "$kotor" &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$db" update --notes x &&
	expect_status 64 &&
	run twinreg --db "$db" update abc --notes x &&
	expect_status 64 &&
	run twinreg --db "$db" update "$kotor" --notes &&
	expect_status 64 &&
	check "usage errors: nothing written" same_as before.sql
END

# A party changed by name alone: a known actor is that actor, with its
# country.
test_case 'a party changed by name is that actor, or a new one in the country it had' - <<\END
	run twinreg --db "$db" update "$kotor" --sister-city napoli &&
	expect_status 0 &&
	expect_err_empty &&
	fields "$kotor" > "$T/f" &&
	check "partner is Napoli" grep -qx 'sister_city,Napoli' "$T/f" &&
	check "with Napoli's country" grep -qx 'sister_city_country,IT' "$T/f" &&
	check "Napoli's id" grep -qx "sister_city_id,$(aid Napoli)" "$T/f" &&
	# An unknown name alone: a new actor in the country the party had, said so.
	run twinreg --db "$db" update "$kotor" --sister-city Roma &&
	expect_status 0 &&
	expect_err_has "created actor" &&
	expect_err_has "'Roma' (IT)" &&
	fields "$kotor" > "$T/f" &&
	check "partner is Roma (IT)" grep -qx 'sister_city_country,IT' "$T/f" &&
	# Name and country: that actor.
	run twinreg --db "$db" update "$kotor" --sister-city Kotor --sister-city-country ME &&
	expect_status 0 &&
	fields "$kotor" > "$T/f" &&
	check "back to Kotor" grep -qx "sister_city_id,$(aid Kotor)" "$T/f"
END

# Actors: name, aliases, parent.
test_case "an actor's name and aliases change how it is found" '
	run twinreg --db "$db" update "$sariyer" --name "Sarıyer Belediyesi" \
		--aliases "Sariyer;Sarıyer İlçesi" &&
	expect_status 0 &&
	expect_out_empty &&
	run twinreg --db "$db" -f csv --no-header list &&
	expect_out_has ",Sarıyer Belediyesi,TR,Kotor,ME," &&
	run twinreg --db "$db" -f csv --no-header list --municipality "sariyer ilcesi" &&
	expect_status 0 &&
	expect_lines 1 &&
	expect_out_has "$kotor," &&
	run twinreg --db "$db" update "$sariyer" --aliases "" &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv --no-header list --municipality "sariyer ilcesi" &&
	expect_out_empty
'

# A parent that makes a loop is refused: itself, its own part, a longer
# ring.
test_case 'a parent that makes a loop is refused; clearing the parent is allowed' - <<\END
	snap before.sql &&
	run twinreg --db "$db" update "$istanbul" --parent İstanbul &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has '--parent' &&
	check "own parent: nothing written" same_as before.sql &&
	run twinreg --db "$db" update "$istanbul" --parent 'Sarıyer Belediyesi' &&
	expect_status 65 &&
	expect_err_has '--parent' &&
	check "parent loop: nothing written" same_as before.sql &&
	run twinreg --db "$db" update "$beyoglu" --parent 'Sarıyer Belediyesi' &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv show "$beyoglu" &&
	expect_out_has 'record,parent,"Sarıyer Belediyesi (TR' &&
	snap before.sql &&
	run twinreg --db "$db" update "$sariyer" --parent Beyoğlu &&
	expect_status 65 &&
	expect_err_has '--parent' &&
	check "two-step loop: nothing written" same_as before.sql &&
	# Clearing the parent is allowed.
	run twinreg --db "$db" update "$beyoglu" --parent '' &&
	expect_status 0 &&
	fields "$beyoglu" > "$T/f" &&
	check "parent cleared" grep -qx 'parent,' "$T/f"
END

# Every update is kept: who, the command, each field's old and new value.
test_case 'every update keeps who, the command and each old and new value' '
	run twinreg --db "$db" --by "Ayşe" update "$mem" --roles "vice-president" \
		--until 2020 &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv log "$mem" &&
	expect_out_has ",Ayşe,update,""$mem"",update,roles,,vice-president" &&
	expect_out_has ",Ayşe,update,""$mem"",update,until,,2020" &&
	expect_out_has ",update,""$mem"",update,since,2005,"
'
