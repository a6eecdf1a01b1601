# delete: a record goes, its fields stay in the history; an actor still
# named by ties stays.
db=$T/r.db
edit_fixture

# History as CSV without the times (they vary), nor the change numbers.
log_csv() {
	"$TWINREG" --db "$db" -f csv log "$@" | tr -d '\r' |
		sed -E 's/^[0-9]+,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z,/N,TIME,/'
}
kotor=$(gid Kotor)
napoli=$(gid Napoli)
mem=$("$TWINREG" --db "$db" -f csv --no-header list memberships | cut -d, -f1)

# A tie with every field set, to see them all kept.
test_case 'setup: a tie with every field set' '
	twinreg --db "$db" -q --by clerk add partnership --party Beyoğlu \
		--party-country TR --partner Kotor --partner-country ME \
		--kind cooperation_protocol --title "Protocol X" --signed-on 01.02.2003 \
		--signed-place Kotor --status dormant --council-decision-date 2002-12 \
		--council-decision-no 2002/44 --ministry-approval-date 2003-01-15 \
		--ministry-approval-no B.05 --topics "culture;youth" --source "seed 004" \
		--notes "a note, with a comma" > "$T/id" &&
	full=$(cat "$T/id") &&
	check "setup: ids found" test -n "$kotor" -a -n "$napoli" -a -n "$mem" -a -n "$full"
'

# Unknown id: 1.
test_case 'an unknown id is 1, usage errors 64, and nothing is written' '
	snap before.sql &&
	run twinreg --db "$db" delete 99999 &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "99999" &&
	check "unknown id: nothing written" same_as before.sql &&
	# Usage: 64.
	run twinreg --db "$db" delete &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$db" delete "$kotor" "$napoli" &&
	expect_status 64 &&
	run twinreg --db "$db" delete Kotor-ME &&
	expect_status 64 &&
	check "usage errors: nothing written" same_as before.sql
'

# An actor named by ties, or the parent of actors, is refused: 65, with a
# message saying what names it.
test_case 'an actor still named by ties or a parent is refused, naming what names it' '
	run twinreg --db "$db" delete "$(aid Kotor)" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "agreement" &&
	expect_err_lacks "0 memberships" &&
	expect_err_lacks "1 agreements" &&
	check "actor in ties: nothing written" same_as before.sql &&
	run twinreg --db "$db" delete "$(aid UCLG-MEWA)" &&
	expect_status 65 &&
	expect_err_has "membership" &&
	check "network with members: nothing written" same_as before.sql &&
	run twinreg --db "$db" delete "$(aid İstanbul)" &&
	expect_status 65 &&
	expect_err_has "parent" &&
	check "parent actor: nothing written" same_as before.sql
'

# Deleting a tie: 0, gone from show and list, its fields in the history.
test_case 'a deleted tie is gone and its fields stay in the history' '
	run twinreg --db "$db" --by "Ayşe" delete "$full" &&
	expect_status 0 &&
	expect_out_empty &&
	run twinreg --db "$db" show "$full" &&
	expect_status 1 &&
	"$TWINREG" --db "$db" -f csv --no-header list | cut -d, -f1 > "$T/ids" &&
	check "gone from list" test -z "$(grep -x "$full" "$T/ids")" &&
	check "the others still listed" grep -qx "$kotor" "$T/ids" &&
	log_csv "$full" | sed "s/,$full,/,ID,/" > "$T/out" &&
	expect_stdout edit-delete-log.csv
'
# Twice: unknown the second time.
test_case 'a deleted record is unknown to delete, update and end' '
	run twinreg --db "$db" delete "$full" &&
	expect_status 1 &&
	run twinreg --db "$db" update "$full" --notes x &&
	expect_status 1 &&
	run twinreg --db "$db" end "$full" --on 2020 &&
	expect_status 1
'

# A membership.
test_case 'a membership is deleted into the history' '
	run twinreg --db "$db" delete "$mem" &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv log "$mem" &&
	expect_out_has ",delete,""$mem"",delete,since,2005,"
'

# Once nothing names an actor, it can go; its fields stay in the history.
test_case 'an actor nothing names can go, its fields and aliases into the history' '
	run twinreg --db "$db" delete "$kotor" &&
	expect_status 0 &&
	kotor_actor=$(aid Kotor) &&
	run twinreg --db "$db" delete "$kotor_actor" &&
	expect_status 0 &&
	run twinreg --db "$db" show "$kotor_actor" &&
	expect_status 1 &&
	run twinreg --db "$db" -f csv log "$kotor_actor" &&
	expect_out_has ",delete,""$kotor_actor"",delete,name,Kotor," &&
	expect_out_has ",delete,""$kotor_actor"",delete,country,ME," &&
	# An actor with aliases keeps them in the history as well.
	twinreg --db "$db" -q add actor --name Tivat --country ME --aliases "Teodo;Tivatski" > "$T/id" &&
	tivat=$(cat "$T/id") &&
	run twinreg --db "$db" delete "$tivat" &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv log "$tivat" &&
	expect_out_has "Teodo"
'
