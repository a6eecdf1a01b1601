# store: sqlite (migrating registries of older SQLite schemas, read with sqlite3)
# A registry of schema version 1 (before search and actor ids in the
# history) is upgraded when opened: the search index is built from the
# records it holds, the history gains its columns, nothing else moves.
# tests/data/registry-v1.sql is such a registry, frozen: the actors and
# sister cities of tests/data/edit-*.csv, imported by version 1.
test_case 'a version 1 registry has no search index' - <<\END
	db=$T/r.db &&
	sqlite3 "$db" < "$DATA/registry-v1.sql" > /dev/null &&
	run sqlite3 "$db" "PRAGMA user_version; SELECT count(*) FROM sqlite_schema WHERE name = 'search'" &&
	expect_out "1
0" &&
	# Its records, as version 1 stored them.
	sqlite3 "$db" "SELECT * FROM agreements ORDER BY id; SELECT * FROM actors ORDER BY id; SELECT * FROM history; SELECT * FROM batches" > "$T/v1-records"
END

# Any command upgrades it; the first one here only reads.
test_case 'a read upgrades a version 1 registry and keeps every record and the history' - <<\END
	run twinreg --db "$db" -f csv --no-header list --partner Kotor &&
	expect_status 0 &&
	expect_err_empty &&
	expect_out_has ',sister_city,Sarıyer,TR,Kotor,ME,' &&
	run sqlite3 "$db" "PRAGMA user_version; PRAGMA integrity_check; SELECT count(*) FROM pragma_table_info('history') WHERE name IN ('old_ref', 'new_ref'); SELECT count(*) FROM sqlite_schema WHERE name IN ('activities', 'activity_partners'); SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema WHERE tbl_name = 'agreements' AND type = 'index' AND sql IS NOT NULL ORDER BY name)" &&
	expect_out "7
ok
2
2
agreements_dates agreements_exceptions agreements_hi agreements_ident agreements_partner agreements_party" &&
	# Version 7 counts every tie it holds, by kind, partner country and
	# year, and by party.
	run sqlite3 "$db" "SELECT (SELECT sum(n) FROM tie_counts) = (SELECT count(*) FROM agreements) + (SELECT count(*) FROM memberships), (SELECT sum(n) FROM party_counts) = (SELECT count(*) FROM agreements) + (SELECT count(*) FROM memberships), (SELECT count(*) FROM agreements) > 0" &&
	expect_out "1|1|1" &&
	sqlite3 "$db" "SELECT * FROM agreements ORDER BY id; SELECT * FROM actors ORDER BY id; SELECT change_id, record_id, action, field, old, new FROM history; SELECT * FROM batches" > "$T/upgraded-records" &&
	check "the upgrade keeps every record and the history" \
	    cmp -s "$T/v1-records" "$T/upgraded-records"
END

# Version 5's indexes serve an actor's agreements: show of an actor
# searches them by party and by partner, never reads them all.
test_case 'the upgraded registry finds the agreements of an actor by index' - <<\END
	id=$(sqlite3 "$db" "SELECT id FROM actors WHERE name = 'Kotor'") &&
	rm -f "$T/plans" &&
	TWINREG_TRACE_PLANS=$T/plans run twinreg --db "$db" show "$id" &&
	expect_status 0 &&
	expect_out_has Sarıyer &&
	check "by agreements_party" grep -q "SEARCH g USING INDEX agreements_party (party_id=?)" "$T/plans" &&
	check "by agreements_partner" grep -q "SEARCH g USING INDEX agreements_partner (partner_id=?)" "$T/plans"
END

# Search finds what version 1 held, by every spelling.
test_case 'search finds what version 1 held, by every spelling' '
	run twinreg --db "$db" -f csv --no-header search kotor &&
	expect_status 0 &&
	expect_out_has "Kotor (ME)" &&
	run twinreg --db "$db" -f csv --no-header search napoli &&
	expect_status 0 &&
	expect_out_has "Napoli"
'

# Upgraded once: opening again changes nothing.
test_case 'a second open of the upgraded registry changes nothing' '
	sqlite3 "$db" .dump > "$T/once.sql" &&
	twinreg --db "$db" list > /dev/null &&
	sqlite3 "$db" .dump > "$T/twice.sql" &&
	check "a second open changes nothing" cmp -s "$T/once.sql" "$T/twice.sql"
'

# New records are found too, as in any registry.
test_case 'new records of the upgraded registry are found' '
	run twinreg --db "$db" -q add actor --name Tivat --country ME &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv --no-header search tivat &&
	expect_out_has "Tivat (ME)"
'
