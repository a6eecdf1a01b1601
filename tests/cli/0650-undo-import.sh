# undo-import BATCH: revert exactly that batch, or refuse and write nothing.
db=$T/r.db

# The registry's records in the import format, in directory $1.
export_to() {
	rm -rf "${T:?}/$1"
	"$TWINREG" --db "$db" export -o "$T/$1" 2> /dev/null
}
same_export() {
	diff -r "$T/$1" "$T/$2" > /dev/null
}
# A fresh registry with batches 1 (actors), 2 (sister cities, membership)
# and 3 (changes a row of batch 2, adds a tie and two actors).
fresh() {
	new_registry "$db" "$DATA/edit-actors.csv"
	"$TWINREG" --db "$db" -q import "$DATA/edit-sister-cities.csv" \
		"$DATA/edit-memberships.csv"
	export_to "$1"
	"$TWINREG" --db "$db" -q import --on-conflict update \
		"$DATA/edit-sister-cities-2.csv"
}

# Undo the last batch: the tie it added and the actors it created are
# gone, the fields it changed are back; the registry exports as before it.
test_case 'undoing the last batch brings the registry back to before it' - <<\END
	fresh before3 &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has 'batch 3' &&
	export_to after3 &&
	check "undo 3: the registry as before batch 3" same_export before3 after3 &&
	check "Kadıköy gone" test -z "$(aid Kadıköy)" &&
	check "Bitola gone" test -z "$(aid Bitola)" &&
	check "Kotor's tie kept" test -n "$(gid Kotor)" &&
	fields "$(gid Kotor)" > "$T/f" &&
	check "status restored" grep -qx 'status,active' "$T/f" &&
	check "topics restored" grep -qx 'topics,culture' "$T/f" &&
	expect_sound "$db"
END
# Twice: refused, nothing written.
test_case 'undoing a batch twice is refused and writes nothing' '
	snap before.sql &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "already undone" &&
	check "already undone: nothing written" same_as before.sql
'
# Then batch 2 may go too (batch 3, which changed its row, is undone), and
# then batch 1: an empty registry again.
test_case 'undoing every batch in turn leaves an empty registry' '
	rm -f "$T/empty.db" &&
	"$TWINREG" --db "$T/empty.db" init -q &&
	"$TWINREG" --db "$T/empty.db" export -o "$T/empty" 2> /dev/null &&
	run twinreg --db "$db" undo-import 2 &&
	expect_status 0 &&
	run twinreg --db "$db" undo-import 1 &&
	expect_status 0 &&
	export_to after1 &&
	check "undo 2 then 1: an empty registry" same_export empty after1
'

# Unknown batch: 1; not a number or none: 64.
test_case 'an unknown batch is 1; not a number or none is 64' '
	snap before.sql &&
	run twinreg --db "$db" undo-import 99 &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "99" &&
	run twinreg --db "$db" undo-import batch-2 &&
	expect_status 64 &&
	run twinreg --db "$db" undo-import &&
	expect_status 64 &&
	run twinreg --db "$db" undo-import 2 3 &&
	expect_status 64 &&
	check "usage errors: nothing written" same_as before.sql
'

# A batch whose row a later import changed: refused, with what touched it.
test_case 'a batch whose row a later import changed is refused' '
	fresh x &&
	snap before.sql &&
	run twinreg --db "$db" undo-import 2 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "record $(gid Kotor)" &&
	check "later import: nothing written" same_as before.sql
'

# A batch whose row a later update changed: refused.
test_case 'a batch whose row a later update changed is refused' '
	fresh x &&
	"$TWINREG" --db "$db" -q update "$(gid Bitola)" --notes "checked" &&
	snap before.sql &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "record $(gid Bitola)" &&
	check "later update: nothing written" same_as before.sql
'

# ... a later end: refused.
test_case 'a batch whose row a later end changed is refused' '
	fresh x &&
	"$TWINREG" --db "$db" -q end "$(gid Bitola)" --on 2020 &&
	snap before.sql &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 65 &&
	expect_out_empty &&
	check "later end: nothing written" same_as before.sql
'

# ... a later update of an actor it created: refused.
test_case 'a batch whose actor was updated later is refused' '
	fresh x &&
	"$TWINREG" --db "$db" -q update "$(aid Kadıköy)" --kind district &&
	snap before.sql &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "$(aid Kadıköy)" &&
	check "later update of its actor: nothing written" same_as before.sql
'

# ... a later record using an actor it added: refused, naming it.
test_case 'a batch whose actor a later record uses is refused until that record goes' '
	fresh x &&
	"$TWINREG" --db "$db" -q add membership --member Kadıköy --member-country TR \
		--network UCLG-MEWA --network-country TR --since 2012 > "$T/id" &&
	m=$(cat "$T/id") &&
	snap before.sql &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "$m" &&
	check "later use of its actor: nothing written" same_as before.sql &&
	# Once that record is gone, the batch can go.
	"$TWINREG" --db "$db" -q delete "$m" &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 0 &&
	check "Kadıköy gone after all" test -z "$(aid Kadıköy)"
'

# ... actors it created that a later import names: refused.
test_case 'a batch whose actor a later import names is refused until that batch is undone' - <<\END
	fresh x &&
	printf 'member,member_country,network,network_country,since\nKadıköy,TR,UCLG-MEWA,TR,2012\n' > "$T/later.csv" &&
	"$TWINREG" --db "$db" -q import "$T/later.csv" &&
	snap before.sql &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 65 &&
	check "later import using its actor: nothing written" same_as before.sql &&
	# The later batch undone first, then this one.
	run twinreg --db "$db" undo-import 4 &&
	expect_status 0 &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 0 &&
	export_to after34 &&
	check "undo 4 then 3: as before 3" same_export x after34
END

# An actors batch whose actors the ties of a later batch name: refused.
test_case 'an actors batch whose actors later ties name is refused' '
	fresh x &&
	snap before.sql &&
	run twinreg --db "$db" undo-import 1 &&
	expect_status 65 &&
	check "actors in use: nothing written" same_as before.sql
'

# A change to a record outside the batch does not block it.
test_case 'a change outside the batch does not block it' '
	fresh before3 &&
	"$TWINREG" --db "$db" -q update "$(gid Napoli)" --notes "unrelated" &&
	run twinreg --db "$db" undo-import 3 &&
	expect_status 0
'

# A parent the batch changed comes back, even after that parent was
# renamed (the history keeps its id, not only its name).
test_case 'a parent the batch changed comes back, even after a rename' - <<\END
	rm -f "$db" &&
	twinreg --db "$db" init -q &&
	printf 'name,country,parent\nP,TR,\nQ,TR,\nX,TR,P\n' > "$T/p1.csv" &&
	printf 'name,country,parent\nX,TR,Q\n' > "$T/p2.csv" &&
	twinreg --db "$db" -q import "$T/p1.csv" &&
	twinreg --db "$db" -q import --on-conflict update "$T/p2.csv" &&
	run twinreg --db "$db" -f csv --no-header log "$(aid X)" &&
	expect_out_has ',update,parent,P (TR),Q (TR),' &&
	twinreg --db "$db" -q update "$(aid P)" --name P2 &&
	run twinreg --db "$db" undo-import 2 &&
	expect_status 0 &&
	expect_err_has '1 restored' &&
	run twinreg --db "$db" -f csv --no-header list actors &&
	expect_out_has ',X,TR,,,P2' &&
	run twinreg --db "$db" -f csv --no-header log "$(aid X)" &&
	expect_out_has ',undo-import,'"$(aid X)"',update,parent,Q (TR),P2 (TR),'
END
