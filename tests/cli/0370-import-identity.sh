# Import: record identity. Re-importing changes nothing; an agreement is
# its two parties (either order, any spelling of the names: case,
# diacritics, other spellings; any form of the country) + kind + signed_on;
# another date is another record. A row that changes a stored value is a
# conflict: --on-conflict fail (the default, 65), skip, update (history
# keeps the old and the new value); a row that only fills empty fields is
# merged without a conflict.

db=$T/r.db
twinreg --db "$db" init -q

# The id of the agreement of Sarıyer and Nacka signed in 2010.
tie_id() {
	"$TWINREG" --db "$db" -f csv --no-header list --municipality Sarıyer \
	    --partner Nacka --year 2010 | cut -d, -f1
}

test_case 'the first import adds the two ties' - <<\END
	twinreg --db "$db" import -q "$DATA/import-identity-actors.csv" &&
	run twinreg --db "$db" import "$DATA/import-identity.csv" &&
	expect_status 0 &&
	expect_err_has '2 rows from 1 file: 2 added' &&
	id=$(tie_id) &&
	check "one Sarıyer-Nacka tie of 2010 (id '$id')" [ -n "$id" ]
END

# --- Re-import of the same file: nothing changes, not even the log --------
test_case 're-importing the same file changes neither the registry nor the log' '
	state a &&
	run twinreg --db "$db" import "$DATA/import-identity.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "2 rows from 1 file: 0 added, 0 updated, 2 unchanged, 0 skipped" &&
	state b &&
	check "re-import changes neither the registry nor the log" same_state a b &&
	run twinreg --db "$db" import --dry-run "$DATA/import-identity.csv" &&
	expect_status 0 &&
	expect_err_has "0 added, 0 updated, 2 unchanged"
'

# --- The same pairs in the other order, spelled otherwise ------------------
# SARIYER / sariyer / Sarıyer Belediyesi (an other spelling) / Sarıyer;
# Nacka / nacka / Nacka kommun; Sweden / SWE / SE; KUCUKCEKMECE.
# An empty notes cell is no change.
test_case 'the same pairs in the other order and other spellings are the same records' '
	run twinreg --db "$db" import "$DATA/import-identity-same.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "4 rows from 1 file: 0 added, 0 updated, 4 unchanged, 0 skipped; 0 actors created" &&
	state c &&
	check "other order and spellings: the same records" same_state a c &&
	run twinreg --db "$db" -f csv --no-header list actors &&
	expect_lines 4
'

# --- Another date is another record ----------------------------------------
test_case 'another date is another record' '
	run twinreg --db "$db" import "$DATA/import-identity-dates.csv" &&
	expect_status 0 &&
	expect_err_has "3 rows from 1 file: 3 added" &&
	run twinreg --db "$db" -f csv --no-header list --municipality sariyer &&
	expect_lines 4 &&
	expect_out_has ",Nacka,SE,2010," &&
	expect_out_has ",Nacka,SE,2011," &&
	expect_out_has ",Nacka,SE,2010-05," &&
	expect_out_has ",Nacka,SE,,"
'

# --- A conflict: fail (the default) -----------------------------------------
# The error names the row's file:line:column, the record it conflicts
# with, the field, both values, and the way out.
test_case 'a conflicting row fails the import by default, naming the record, field and values' - <<\END
	state before &&
	run twinreg --db "$db" import "$DATA/import-identity-conflict.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_stderr import-identity-conflict.err &&
	expect_err_has "import-identity-conflict.csv:3:6: conflicts with record $id: notes" &&
	expect_err_has "'first tie'" &&
	expect_err_has "'a different note'" &&
	state after &&
	check "conflict: registry and log unchanged" same_state before after &&
	run twinreg --db "$db" import --on-conflict fail "$DATA/import-identity-conflict.csv" &&
	expect_status 65 &&
	expect_stderr import-identity-conflict.err &&
	state after &&
	check "--on-conflict fail: registry and log unchanged" same_state before after
END

# --- skip: the conflicting row is left out, the rest goes in ---------------
test_case '--on-conflict skip leaves the conflicting row out and loads the rest' - <<\END
	run twinreg --db "$db" import --on-conflict skip "$DATA/import-identity-conflict.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has '3 rows from 1 file: 1 added, 0 updated, 1 unchanged, 1 skipped' &&
	run twinreg --db "$db" -f json show "$id" &&
	expect_out_has '"field":"notes","value":"first tie"}' &&
	run twinreg --db "$db" -f csv --no-header list --municipality Adalar &&
	expect_lines 1 &&
	# Skipping again with nothing new writes nothing, not even a log entry.
	state s1 &&
	run twinreg --db "$db" import --on-conflict skip "$DATA/import-identity-conflict.csv" &&
	expect_status 0 &&
	expect_err_has '0 added, 0 updated, 2 unchanged, 1 skipped' &&
	state s2 &&
	check "skip with nothing new: registry and log unchanged" same_state s1 s2
END

# --- update: the row's value wins; the history keeps old and new -----------
test_case "--on-conflict update takes the row's value and keeps old and new in the history" - <<\END
	run twinreg --db "$db" import --on-conflict update "$DATA/import-identity-conflict.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has '0 added, 1 updated, 2 unchanged, 0 skipped' &&
	run twinreg --db "$db" -f json show "$id" &&
	expect_out_has '"field":"notes","value":"a different note"}' &&
	expect_out_has "notes 'first tie' -> 'a different note'" &&
	run twinreg --db "$db" -f csv log "$id" &&
	expect_status 0 &&
	expect_out_has ",update,notes,first tie,a different note" &&
	# Updating with the same values again changes nothing.
	state u1 &&
	run twinreg --db "$db" import --on-conflict update "$DATA/import-identity-conflict.csv" &&
	expect_status 0 &&
	expect_err_has '0 added, 0 updated, 3 unchanged' &&
	state u2 &&
	check "update with the same values: registry and log unchanged" same_state u1 u2
END

# --- A row that only fills empty fields is merged, no conflict -------------
test_case 'a row that only fills empty fields is merged without a conflict' - <<\END
	run twinreg --db "$db" import "$DATA/import-identity-fill.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has '1 row from 1 file: 0 added, 1 updated, 0 unchanged' &&
	run twinreg --db "$db" -f json show "$id" &&
	expect_out_has '"field":"council_decision_no","value":"2010/45"}' &&
	expect_out_has '"field":"topics","value":"culture;youth"}' &&
	expect_out_has '"field":"notes","value":"a different note"}' &&
	run twinreg --db "$db" -f csv log "$id" &&
	expect_out_has ',update,council_decision_no,,2010/45'
END

# --- Two rows of one file with the same identity ---------------------------
# The same values: one record. Different values: a conflict that names the
# earlier row (not a record of the registry, which was never written).
test_case 'two rows of one file with the same identity: one record, or a conflict naming the earlier row' - <<\END
	twinreg --db "$T/d.db" init -q &&
	printf 'municipality,municipality_country,sister_city,sister_city_country,signed_on,notes\nBeyoğlu,TR,Saint-Gilles,BE,2006,n1\nSaint-Gilles,BE,BEYOĞLU,TR,2006,n1\n' > "$T/twice.csv" &&
	run twinreg --db "$T/d.db" import "$T/twice.csv" &&
	expect_status 0 &&
	expect_err_has '2 rows from 1 file: 1 added, 0 updated, 1 unchanged' &&
	rm -f "$T/d.db" &&
	twinreg --db "$T/d.db" init -q &&
	registry_dump "$T/d.db" > "$T/d0.dump" &&
	run twinreg --db "$T/d.db" import "$DATA/import-identity-dup.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'import-identity-dup.csv:4:6:' &&
	expect_err_has "'n1'" &&
	expect_err_has "'n2'" &&
	check "in-file conflict names the earlier row (line 2)" \
	    grep -Eq '(line 2|import-identity-dup\.csv:2)([^0-9]|$)' "$T/err" &&
	expect_err_lacks 'in the registry' &&
	registry_dump "$T/d.db" > "$T/d1.dump" &&
	check "in-file conflict: nothing written" cmp -s "$T/d0.dump" "$T/d1.dump" &&
	# The same when the earlier row also created an actor as a third party.
	printf '%s\n' 'party,party_country,partner,partner_country,kind,signed_on,other_parties,notes' \
	    'Adalar,TR,Veles,MK,memorandum,2010,Ohrid (MK),n1' \
	    'Adalar,TR,Veles,MK,memorandum,2010,,n2' > "$T/third.csv" &&
	run twinreg --db "$T/d.db" import "$T/third.csv" &&
	expect_status 65 &&
	expect_err_has "third.csv:3:8: conflicts with the row at $T/third.csv:2: notes is 'n1' there and 'n2' here"
END

# --- Actors and memberships ------------------------------------------------
# actor = name + country: another country is another actor.
test_case 'an actor is its name and country' - <<\END
	printf 'name,country\nSARIYER,Türkiye\nNacka,NO\n' > "$T/act.csv" &&
	run twinreg --db "$db" import "$T/act.csv" &&
	expect_status 0 &&
	expect_err_has '2 rows from 1 file: 1 added, 0 updated, 1 unchanged' &&
	run twinreg --db "$db" -f csv --no-header list actors &&
	expect_out_has ',Nacka,NO,' &&
	expect_out_has ',Nacka,SE,'
END

# membership = member + network + since.
test_case 'a membership is its member, network and since' - <<\END
	run twinreg --db "$db" import "$DATA/import-identity-members.csv" &&
	expect_status 0 &&
	printf 'network,since,member,member_country,status\neurocities,2008,BEYOGLU,TUR,full\nEUROCITIES,2012,Beyoğlu,TR,observer\n' > "$T/m.csv" &&
	run twinreg --db "$db" import "$T/m.csv" &&
	expect_status 0 &&
	expect_err_has '2 rows from 1 file: 1 added, 0 updated, 1 unchanged' &&
	printf 'member,member_country,network,status,since\nBeyoğlu,TR,EUROCITIES,associate,2008\n' > "$T/m2.csv" &&
	state m &&
	run twinreg --db "$db" import "$T/m2.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'm2.csv:2:4: conflicts with record' &&
	expect_err_has 'status' &&
	state m2 &&
	check "membership conflict: registry unchanged" same_state m m2
END

test_case 'into an empty registry, every spelling of a name is one actor, its country another' - <<\END
	fresh=$T/fresh.db &&
	twinreg --db "$fresh" -q init &&
	printf 'municipality,municipality_country,sister_city,sister_city_country\nSarıyer,TR,Genova,IT\nSARIYER,TR,Bonn,DE\nsariyer,Türkiye,Köln,DE\nSarıyer,CY,Genova,IT\nGENOVA,IT,Köln,DE\n' > "$T/fresh.csv" &&
	run twinreg --db "$fresh" import "$T/fresh.csv" &&
	expect_status 0 &&
	expect_err_has '5 rows from 1 file: 5 added, 0 updated, 0 unchanged, 0 skipped; 5 actors created' &&
	run twinreg --db "$fresh" -f tsv --no-header list actors --columns name,country &&
	expect_out "$(printf 'Sarıyer\tTR\nGenova\tIT\nBonn\tDE\nKöln\tDE\nSarıyer\tCY')" &&
	run twinreg --db "$fresh" -f tsv --no-header list --municipality Sarıyer --country DE --columns partner &&
	expect_out "$(printf 'Bonn\nKöln')"
END

test_case 'into an empty registry, the ties of an import find its actors by their other names' - <<\END
	fresh=$T/fresh2.db &&
	twinreg --db "$fresh" -q init &&
	printf 'name,country,aliases,name_en\nBeyoğlu,TR,Pera,\nKöln,DE,,Cologne\n' > "$T/fresh-actors.csv" &&
	printf 'municipality,municipality_country,sister_city,sister_city_country\nPera,TR,Cologne,DE\n' > "$T/fresh-ties.csv" &&
	run twinreg --db "$fresh" import "$T/fresh-actors.csv" "$T/fresh-ties.csv" &&
	expect_status 0 &&
	expect_err_has '3 rows from 2 files: 3 added' &&
	run twinreg --db "$fresh" -f tsv --no-header list --columns party,partner &&
	expect_out "$(printf 'Beyoğlu\tKöln')"
END

# A table loaded in bulk from its first row (an empty registry): a row of
# the load that a later row of its identity fills in is merged when the
# load ends, and indexed for search with the others, once.
test_case 'a row loaded in bulk that another fills in is indexed for search once' - <<\END
	printf '%s\n' 'member,member_country,network,network_country,since,notes' \
	    'B,TR,M,BE,2001,' 'A,TR,N,BE,2001,' 'A,TR,N,BE,2001,filled in' \
	    > "$T/fill.csv" &&
	twinreg --db "$T/f.db" init -q &&
	run twinreg --db "$T/f.db" import --on-conflict update "$T/fill.csv" &&
	expect_status 0 &&
	expect_err_has "3 rows from 1 file: 2 added, 1 updated" &&
	run twinreg --db "$T/f.db" search "filled" -f csv --no-header &&
	expect_status 0 &&
	check "one hit, the notes of A in N" \
	    [ "$(cut -d, -f1-3 "$T/out")" = "$(twinreg --db "$T/f.db" list memberships --municipality A -f csv --no-header | cut -d, -f1),membership,notes" ]
END
