# store: pg (a register of an older schema on PostgreSQL)
# A shared register made by an older twinreg is brought forward once, by
# its owner, in one transaction: an office's role works at the older
# schema (7, 8 and 9 only speed reports: until 8 a report reads the
# ties, not the counts; until 9 the ties in force are counted without
# the index of those planned or ended; 10 guards more of what an office
# writes) and upgrades nothing; the owner's next
# command upgrades it and keeps every record and change; one older than the first schema on the
# server, or newer than this twinreg, is refused with 66.
db=$T/r.db
url=$(pg_url "$db")
ro=t0795_office
uo=$(printf '%s&user=%s\n' "$url" $ro)
twinreg --db "$db" -q init &&
twinreg --db "$db" -q import "$DATA/query-actors.csv" \
    "$DATA/query-sister-cities.csv" "$DATA/query-memberships.csv" &&
pg_psql postgres -c "CREATE ROLE $ro LOGIN" 2> /dev/null
twinreg --db "$db" -q grant $ro Çekmeköy

version() {
	sql "$db" "SELECT value FROM meta WHERE key = 'schema_version'"
}
# pinned: the settings of both twr_n() (empty when none).
pinned() {
	sql "$db" "SELECT coalesce(array_to_string(proconfig, ';'), '') FROM
	    pg_proc WHERE proname = 'twr_n' ORDER BY 1" | tr '\n' ' '
}
# As the first release made a register (schema 6): twr_n() with the
# search path pinned, no counts of the ties (8), no index of the
# agreements planned or ended (9), an office's aliases, search terms and
# history of any actor, the next id as it likes, no actors of its own,
# ids and parents as it likes, and the owner's functions to run (10).
as_of_6() {
	sql "$db" "ALTER POLICY adds ON aliases WITH CHECK (true);
	    ALTER POLICY changes ON aliases WITH CHECK (true);
	    ALTER POLICY adds ON history WITH CHECK (EXISTS (SELECT 1 FROM
	    changes c WHERE c.id = change_id AND c.by = current_user));
	    ALTER POLICY adds ON search_docs WITH CHECK
	    (twr_may_record(slot / 16));
	    ALTER POLICY adds ON search_terms WITH CHECK
	    (twr_may_record(slot / 16));
	    ALTER POLICY changes ON search_docs USING
	    (twr_may_record(slot / 16)) WITH CHECK (twr_may_record(slot / 16));
	    ALTER POLICY changes ON search_terms USING
	    (twr_may_record(slot / 16)) WITH CHECK (twr_may_record(slot / 16));
	    ALTER POLICY deletes ON search_docs USING
	    (twr_may_record(slot / 16));
	    ALTER POLICY deletes ON search_terms USING
	    (twr_may_record(slot / 16));
	    ALTER POLICY changes ON history USING (EXISTS (SELECT 1 FROM
	    changes c WHERE c.id = change_id AND c.by = current_user))
	    WITH CHECK (EXISTS (SELECT 1 FROM changes c WHERE c.id =
	    change_id AND c.by = current_user));
	    ALTER POLICY deletes ON history USING (EXISTS (SELECT 1 FROM
	    changes c WHERE c.id = change_id AND c.by = current_user));
	    ALTER POLICY adds ON agreements WITH CHECK (twr_may(party_id) OR
	    twr_may(partner_id));
	    ALTER POLICY changes ON agreements WITH CHECK (twr_may(party_id)
	    OR twr_may(partner_id));
	    ALTER POLICY adds ON memberships WITH CHECK (twr_may(member_id) OR
	    twr_may(network_id));
	    ALTER POLICY changes ON memberships WITH CHECK
	    (twr_may(member_id) OR twr_may(network_id));
	    ALTER POLICY adds ON activities WITH CHECK (twr_may(actor_id) AND
	    (tie_id IS NULL OR twr_may_record(tie_id)));
	    ALTER POLICY changes ON activities WITH CHECK (twr_may(actor_id)
	    AND (tie_id IS NULL OR twr_may_record(tie_id)));
	    ALTER POLICY adds ON actors WITH CHECK (true);
	    ALTER POLICY changes ON actors WITH CHECK (true);
	    DROP POLICY parts ON actors; DROP TRIGGER batches_id_kept ON batches;
	    DROP FUNCTION twr_keep_id, twr_in_line, twr_part_ok, twr_is_record,
	    twr_id_free;
	    ALTER TABLE search_docs DROP CONSTRAINT search_docs_ntok;
	    DROP TRIGGER offices_gone ON offices;
	    DROP FUNCTION twr_offices_gone;
	    GRANT CREATE ON SCHEMA public TO PUBLIC;
	    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC;
	    DROP TRIGGER meta_office ON meta; DROP TRIGGER actors_added ON actors;
	    DROP TRIGGER actors_made ON actors; DROP TABLE made_actors;
	    DROP FUNCTION twr_may_id, twr_made, twr_fresh, twr_actors_added,
	    twr_actors_made, twr_meta_check;
	    DROP TABLE fresh_actors;
	    ALTER FUNCTION twr_n(boolean) SET search_path FROM CURRENT;
	    ALTER FUNCTION twr_n(bigint) SET search_path FROM CURRENT;
	    DROP FUNCTION twr_agreements_insert, twr_agreements_delete,
	    twr_agreements_update, twr_memberships_insert,
	    twr_memberships_delete, twr_memberships_update, twr_actor_moved
	    CASCADE; DROP TABLE tie_counts, party_counts;
	    DROP INDEX agreements_exceptions;
	    UPDATE meta SET value = 6 WHERE key = 'schema_version'"
}

# exceptions: 1 when the register has the index of agreements planned
# or ended, on the columns SQLite's has, else 0.
exceptions() {
	sql "$db" "SELECT count(*) FROM pg_indexes WHERE indexname =
	    'agreements_exceptions' AND indexdef LIKE
	    '%(kind, signed_on, status, ended_on) WHERE%'"
}

# definers: how many functions that run as the owner an office may run
# (0 from version 10).
definers() {
	sql "$db" "SELECT count(*) FROM pg_proc WHERE prosecdef AND
	    has_function_privilege('$ro', oid, 'EXECUTE')"
}
# guards: how many of the checks of version 10 the register has (4).
guards() {
	sql "$db" "SELECT count(*) FROM pg_policies WHERE
	    (tablename = 'aliases' AND policyname = 'adds' AND with_check
	    LIKE '%twr_made%') OR (tablename IN ('search_terms', 'history')
	    AND policyname = 'deletes' AND qual LIKE '%twr_may_id%') OR
	    (tablename = 'made_actors' AND policyname = 'adds')"
}

test_case 'a new register is of schema 10, its twr_n() not pinned' '
	check "the guards of an office" test "$(guards)" = 4 &&
	check "an office runs no function of the owner'"'"'s" test "$(definers)" = 0 &&
	check "version 10" test "$(version)" = 10 &&
	check "nothing pinned" test "$(pinned)" = "  " &&
	check "the index of agreements planned or ended" test "$(exceptions)" = 1
'

test_case 'an office reads a register of schema 6 and leaves the upgrade to the owner' '
	state old &&
	as_of_6 &&
	check "pinned as the first release made it" test "$(pinned)" != "  " &&
	snap before &&
	run twinreg --db "$uo" list --municipality Çekmeköy &&
	expect_status 0 &&
	expect_out_has "Vogošća" &&
	run twinreg --db "$uo" -f tsv report countries &&
	expect_status 0 &&
	expect_out_has "BA" &&
	cp "$T/out" "$T/countries-6" &&
	run twinreg --db "$uo" report yearly --year 2011 &&
	expect_status 0 &&
	cp "$T/out" "$T/yearly-6" &&
	same_as before &&
	check "still 6" test "$(version)" = 6 &&
	check "no index of agreements planned or ended" test "$(exceptions)" = 0 &&
	check "the owner'"'"'s functions run by anyone" test "$(definers)" -gt 0
'

test_case 'the owner'"'"'s next command upgrades it, every record and change kept' '
	check "still 6 before" test "$(version)" = 6 &&
	run twinreg --db "$db" list --municipality Çekmeköy &&
	expect_status 0 &&
	expect_out_has "Vogošća" &&
	check "version 10" test "$(version)" = 10 &&
	check "twr_n() no longer pinned" test "$(pinned)" = "  " &&
	check "the index of agreements planned or ended made" test "$(exceptions)" = 1 &&
	check "an office names only actors it may change" test "$(guards)" = 4 &&
	check "an office runs no function of the owner'"'"'s" test "$(definers)" = 0 &&
	check "nor makes objects in the register'"'"'s schema" test "$(sql "$db" "SELECT has_schema_privilege('"'"'$ro'"'"', '"'"'public'"'"', '"'"'CREATE'"'"')")" = f &&
	run twinreg --db "$uo" -f tsv report countries &&
	check "report countries from the counts as from the ties" cmp -s "$T/out" "$T/countries-6" &&
	run twinreg --db "$uo" report yearly --year 2011 &&
	check "report yearly from the counts as from the ties" cmp -s "$T/out" "$T/yearly-6" &&
	state new &&
	check "export and history the same" diff -r "$T/old/export" "$T/new/export" &&
	check "the history the same" cmp -s "$T/old/log.csv" "$T/new/log.csv" &&
	run twinreg --db "$uo" list --municipality Çekmeköy &&
	expect_status 0 &&
	run twinreg --db "$db" list &&
	expect_status 0 &&
	run twinreg --db "$uo" -q add actor --name Sonraki --country TR &&
	expect_status 0 &&
	check "an office granted before adds an actor of its own" test "$(sql "$db" "SELECT count(*) FROM made_actors m JOIN actors a USING (id) WHERE a.name = '"'"'Sonraki'"'"' AND m.role = '"'"'$ro'"'"'")" = 1 &&
	check "once: still 10" test "$(version)" = 10
'

test_case 'an upgrade that fails leaves the register at its old schema' '
	as_of_6 &&
	sql "$db" "CREATE FUNCTION t0795_fail() RETURNS event_trigger
	    LANGUAGE plpgsql AS \$\$BEGIN RAISE EXCEPTION '"'"'no'"'"'; END\$\$;
	    CREATE EVENT TRIGGER t0795_fail ON ddl_command_end
	    EXECUTE FUNCTION t0795_fail()" &&
	snap before &&
	run twinreg --db "$db" list &&
	expect_status 70 &&
	expect_err_has "twinreg: cannot update the registry: no" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_out_empty &&
	check "still 6" test "$(version)" = 6 &&
	same_as before &&
	sql "$db" "DROP EVENT TRIGGER t0795_fail" &&
	run twinreg --db "$db" list &&
	expect_status 0 &&
	check "now 10" test "$(version)" = 10 &&
	check "and its index" test "$(exceptions)" = 1
'

test_case 'a register of schema 8 that has the index of 9 already is upgraded' '
	sql "$db" "UPDATE meta SET value = 8 WHERE key = '"'"'schema_version'"'"'" &&
	check "the index there" test "$(exceptions)" = 1 &&
	run twinreg --db "$db" list &&
	expect_status 0 &&
	check "now 10" test "$(version)" = 10 &&
	check "its index kept" test "$(exceptions)" = 1
'

test_case 'a register older than the first schema on the server is refused with 66' '
	sql "$db" "UPDATE meta SET value = 5 WHERE key = '"'"'schema_version'"'"'" &&
	snap before &&
	run twinreg --db "$db" list &&
	expect_status 66 &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_err_has "is damaged" &&
	same_as before &&
	sql "$db" "UPDATE meta SET value = 10 WHERE key = '"'"'schema_version'"'"'"
'

test_case 'a database whose meta is another program'"'"'s is no registry: 66' '
	other=$T/other.db &&
	twinreg --db "$other" -q init &&
	sql "$other" "DROP TABLE meta CASCADE; CREATE TABLE meta(x integer)" &&
	run twinreg --db "$other" list &&
	expect_status 66 &&
	expect_err_has "is not a twinreg registry" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1
'

test_case 'an office writes to a register of schema 6, which stays at 6' '
	as_of_6 &&
	run twinreg --db "$uo" -q add actor --name Yeni --country TR &&
	expect_status 0 &&
	check "its id on stdout" grep -qx "[0-9][0-9]*" "$T/out" &&
	check "still 6" test "$(version)" = 6 &&
	check "still pinned" test "$(pinned)" != "  " &&
	run twinreg --db "$db" -f tsv --no-header list actors --country TR --columns name &&
	expect_status 0 &&
	expect_out_has "Yeni" &&
	check "the owner'"'"'s list made it 10" test "$(version)" = 10 &&
	check "every tie counted" test "$(sql "$db" "SELECT (SELECT sum(n) FROM tie_counts) = (SELECT count(*) FROM agreements) + (SELECT count(*) FROM memberships)")" = t
'
