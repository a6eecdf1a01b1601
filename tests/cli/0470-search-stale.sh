# The search index follows every write: after add, update, delete and
# undo-import, search finds the new text and never the old (no stale
# hits, no hits of records that are gone).
query_fixture

# hits QUERY: "id<TAB>field" of every hit, one a line.
hits() {
	q search -f tsv --no-header --limit 0 -- "$1" | cut -f1,3
}

# Rename an actor: the new name is found, the old one is not a name.
test_case 'a renamed actor is found by its new name, not the old' - <<\END
	check "before: Agrigento by name" test "$(hits agrigento | head -n 1)" = "25	name" &&
	run q update 25 --name Akragas &&
	expect_status 0 &&
	check "the new name is found" test "$(hits akragas)" = "25	name" &&
	check "the old name is no name hit" test "$(hits agrigento | grep -c '	name$')" = 0 &&
	check "the alias still finds it" test "$(hits girgenti)" = "25	aliases"
END
# Change aliases: the old alias is gone from the index.
test_case 'changed aliases replace the old ones in the index' - <<\END
	run q update 26 --aliases "Zena;Gênes" &&
	expect_status 0 &&
	check "new alias" test "$(hits zena)" = "26	aliases" &&
	check "new alias, folded" test "$(hits genes)" = "26	aliases" &&
	check "old alias gone" test -z "$(hits cenova)" &&
	run q list --partner cenova -f tsv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "no actor named 'cenova'" &&
	run q list --partner zena -f tsv --no-header &&
	expect_status 0 &&
	expect_lines 2
END
# Change an agreement's topics, notes, title and place.
test_case 'changed topics, place and title replace the old' '
	run q update 54 --topics fencing --signed-place Budapest --title "Barátság" &&
	expect_status 0 &&
	check "new topic" test "$(hits fencing)" = "54	topics" &&
	check "old topic gone" test -z "$(hits archery)" &&
	check "old place gone" test -z "$(hits varoshaza)" &&
	check "new place" test "$(hits budapest)" = "54	signed_place" &&
	check "new title, folded" test "$(hits baratsag)" = "54	title" &&
	check "old title gone" test -z "$(hits dostluk)" &&
	run q list --topic archery -f tsv --no-header &&
	expect_out_empty &&
	run q list --topic fencing -f tsv --no-header &&
	expect_lines 1
'
# Change a membership's notes.
test_case 'changed and cleared notes leave nothing of the old' '
	run q update 58 --notes "rejoined talks" &&
	expect_status 0 &&
	check "new membership notes" test "$(hits rejoined)" = "58	notes" &&
	check "old membership notes gone" test -z "$(hits left)" &&
	# Clear a field: nothing of it is left.
	run q update 41 --notes "" &&
	expect_status 0 &&
	check "cleared notes gone" test -z "$(hits harbours)"
'

# Delete: the record is gone from search.
test_case 'deleted records are gone from search' - <<\END
	run q delete 54 &&
	expect_status 0 &&
	check "deleted agreement gone" test -z "$(hits fencing)" &&
	check "deleted agreement's place gone" test -z "$(hits budapest)" &&
	run q delete 58 &&
	expect_status 0 &&
	check "deleted membership gone" test -z "$(hits rejoined)"
END
# An actor only once nothing names it: Akragas (25) has no tie.
test_case 'a deleted actor is gone; a refused delete changes nothing' - <<\END
	run q delete 25 &&
	expect_status 0 &&
	check "deleted actor's name gone" test -z "$(hits akragas)" &&
	check "deleted actor's alias gone" test -z "$(hits girgenti)" &&
	run q show akragas &&
	expect_status 1 &&
	# a refused delete changes nothing in search
	run q delete 26 &&
	check "delete of a named actor refused" test "$(cat "$T/status")" -ne 0 &&
	check "its aliases still found" test "$(hits zena)" = "26	aliases"
END

# Add: found at once.
test_case 'added records are found at once' - <<\END
	run q add actor --name Çorlu --country TR --kind municipality --aliases Tzurulum &&
	expect_status 0 &&
	id=$(cat "$T/out") &&
	check "added actor by ASCII name" test "$(hits corlu)" = "$id	name" &&
	check "added actor by alias" test "$(hits tzurulum)" = "$id	aliases" &&
	run q add sister-city --municipality Çorlu --municipality-country TR \
		--sister-city Agrigento --sister-city-country IT --topics wine --signed-on 2022 &&
	expect_status 0 &&
	sc=$(cat "$T/out") &&
	check "added agreement's topic" test "$(hits wine)" = "$sc	topics" &&
	run q delete "$sc" &&
	check "and gone again" test -z "$(hits wine)"
END

# Import, then undo-import: the batch's text is found, then gone.
test_case 'an undone import takes its text out of the index' - <<\END
	printf 'party,party_country,partner,partner_country,kind,signed_on,topics,notes\nOrdu,TR,Genova,IT,friendship,2019,hazelnuts,Fındık festival\n' > "$T/p.csv" &&
	q import "$T/p.csv" 2> "$T/imp" &&
	batch=$(sed -n 's/.*import batch \([0-9][0-9]*\).*/\1/p' "$T/imp" | head -n 1) &&
	check "the import names its batch" test -n "$batch" &&
	p=$(hits hazelnuts | cut -f1) &&
	check "imported topic found" test -n "$p" &&
	check "imported notes found by ASCII" test "$(hits findik)" = "$p	notes" &&
	run q undo-import "$batch" &&
	expect_status 0 &&
	check "undone import: topic gone" test -z "$(hits hazelnuts)" &&
	check "undone import: notes gone" test -z "$(hits findik)"
END

# The index agrees with the data: every listed actor is found by its name.
test_case 'cut -f1,2 | every listed actor is found by its name' '
	q list actors -f tsv --no-header | cut -f1,2 > "$T/actors" &&
	while IFS="	" read -r id name; do
		got=$(q search -f tsv --no-header -- "$name" | cut -f1 | grep -x -c "$id") &&
		check "actor $id ($name) found by its name" test "$got" = 1 || return 1
	done < "$T/actors"
'
# Behind twinreg's back: a record deleted by SQL leaves its entries in
# the index.  Its hit is left out and the next hit takes its place, in
# whichever batch of hits it is read.
test_case 'a hit whose record is gone is left out, the next in its place' - <<\END
	all=$(q search -f tsv --no-header --limit 0 -- culture | cut -f1) &&
	check "four hits" test "$(printf '%s\n' "$all" | wc -l)" = 4 &&
	gone=$(printf '%s\n' "$all" | sed -n 2p) &&
	sql "$qdb" "DELETE FROM agreement_parties WHERE agreement_id = $gone;
	    DELETE FROM agreements WHERE id = $gone" &&
	run q search -f tsv --no-header --limit 2 -- culture &&
	expect_status 0 &&
	check "the first and the third, not the gone one" \
	    test "$(cut -f1 "$T/out" | tr '\n' ' ')" = "$(printf '%s\n' "$all" | sed -n '1p;3p' | tr '\n' ' ')" &&
	run q search -f tsv --no-header --limit 0 -- culture &&
	check "every other hit, in order" test "$(cut -f1 "$T/out")" = "$(printf '%s\n' "$all" | sed 2d)"
END

# Hits are read 64 at a time: gone records at the ends of a batch and
# in the next are left out, their places taken, whatever the limit.
test_case 'gone records across the batches of hits: left out, places taken' - <<\END
	b=$T/batches.db &&
	awk 'BEGIN { print "municipality,municipality_country,sister_city,sister_city_country,signed_on,notes"
		for (i = 1; i <= 150; i++) printf "Belde %d,TR,Town %d,DE,%d,beacon\n", i, i, 1850 + i }' > "$T/150.csv" &&
	"$TWINREG" --db "$b" -q init &&
	"$TWINREG" --db "$b" -q import "$T/150.csv" &&
	all=$("$TWINREG" --db "$b" search -f tsv --no-header --limit 0 -- beacon | cut -f1) &&
	check "150 hits" test "$(printf '%s\n' "$all" | wc -l)" -eq 150 &&
	gone=$(printf '%s\n' "$all" | sed -n '64p;65p;128p' | tr '\n' ',' | sed 's/,$//') &&
	sql "$b" "DELETE FROM agreement_parties WHERE agreement_id IN ($gone);
	    DELETE FROM agreements WHERE id IN ($gone)" &&
	left=$(printf '%s\n' "$all" | sed '64d;65d;128d') &&
	run "$TWINREG" --db "$b" search -f tsv --no-header --limit 0 -- beacon &&
	expect_status 0 &&
	check "every other hit, in order" test "$(cut -f1 "$T/out")" = "$left" &&
	for n in 63 64 65 66 128; do
		run "$TWINREG" --db "$b" search -f tsv --no-header --limit $n -- beacon &&
		check "--limit $n: the first $n of the others" \
		    test "$(cut -f1 "$T/out")" = "$(printf '%s\n' "$left" | head -n $n)" || return 1
	done
END
