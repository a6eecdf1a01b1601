# store: pg (the server's conflicts, locks and crashes; its schema's version)
# Nothing lost on a shared register: a transaction the server refuses for
# a conflict is run again a bounded number of times, then exits 75; a
# writer waits for another's lock as long as --busy-timeout says; kill -9
# in a write leaves the register as it was; a register of a newer schema
# is refused.
db=$T/r.db
url=$(pg_url "$db")
dbname=${url#postgresql:///}
dbname=${dbname%%\?*}
twinreg --db "$db" -q init &&
twinreg --db "$db" -q import "$DATA/query-actors.csv" \
    "$DATA/query-sister-cities.csv" "$DATA/query-partnerships.csv"
tie=$(twinreg --db "$db" -f tsv --no-header list --municipality Çekmeköy |
    head -n 1 | cut -f1)
changes() {
	sql "$db" "SELECT count(*) FROM changes"
}
notes() {
	sql "$db" "SELECT notes FROM agreements WHERE id = $tie"
}
source_of() {
	sql "$db" "SELECT source FROM agreements WHERE id = $tie"
}

# fail_when COND TABLE [DB]: a write to TABLE (of registry DB, $db if
# none) fails as a serialization failure would (the server's SQLSTATE
# 40001) when COND holds of n, the number of the write (the sequence tries
# counts every attempt, for a sequence is not rolled back); fail_first N
# TABLE: the next N writes fail.
fail_when() {
	sql "${3:-$db}" "SET client_min_messages = warning;
	    DROP TRIGGER IF EXISTS fail_first ON $2;
	    DROP SEQUENCE IF EXISTS tries;
	    CREATE SEQUENCE tries;
	    CREATE OR REPLACE FUNCTION fail_first() RETURNS trigger
	    LANGUAGE plpgsql AS \$f\$ DECLARE n bigint := nextval('tries');
	    BEGIN
		IF $1 THEN
			RAISE EXCEPTION 'could not serialize access'
			    USING ERRCODE = 'serialization_failure';
		END IF;
		RETURN NEW;
	    END \$f\$;
	    CREATE TRIGGER fail_first BEFORE INSERT OR UPDATE ON $2
	    FOR EACH ROW EXECUTE FUNCTION fail_first()" > /dev/null
}
fail_first() {
	fail_when "n <= $1" "$2"
}
tries() {
	sql "${1:-$db}" "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM tries"
}
no_failures() {
	sql "$db" "SET client_min_messages = warning;
	    DROP TRIGGER IF EXISTS fail_first ON agreements;
	    DROP TRIGGER IF EXISTS fail_first ON actors;
	    DROP TRIGGER IF EXISTS fail_first ON search_docs;
	    DROP FUNCTION IF EXISTS fail_first; DROP SEQUENCE IF EXISTS tries" \
	    > /dev/null 2>&1
}

test_case 'a serialization failure is retried, and the write lands once' '
	fail_first 2 agreements &&
	n=$(changes) &&
	run twinreg --db "$db" update "$tie" --notes "third time" &&
	expect_status 0 &&
	expect_err_empty &&
	check "three tries" test "$(tries)" -eq 3 &&
	check "one change in the history" test "$(changes)" -eq $((n + 1)) &&
	check "the note written" test "$(notes)" = "third time" &&
	no_failures
'

test_case 'a conflict that does not pass: five tries, exit 75, nothing written' '
	snap before &&
	fail_first 1000 agreements &&
	run twinreg --db "$db" update "$tie" --notes "never" &&
	expect_status 75 &&
	expect_err_has "twinreg: a change made at the same time conflicted with this one (could not serialize access); nothing was written (tries: 5); try again" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_out_empty &&
	check "five tries" test "$(tries)" -eq 5 &&
	run twinreg --db "$db" end "$tie" --on 2024-01-01 &&
	expect_status 75 &&
	expect_err_has "nothing was written (tries: 5); try again" &&
	run twinreg --db "$db" add sister-city --municipality Çekmeköy \
	    --municipality-country TR --sister-city Budva \
	    --sister-city-country ME &&
	expect_status 75 &&
	expect_err_has "nothing was written (tries: 5); try again" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_out_empty &&
	no_failures &&
	same_as before
'

test_case 'an import from files is run again whole; from a pipe it cannot be' '
	printf "municipality,municipality_country,sister_city,sister_city_country\nÇekmeköy,TR,Ohrid,MK\nÇekmeköy,TR,Bitola,MK\n" > "$T/two.csv" &&
	fail_first 1 actors &&
	n=$(changes) &&
	run twinreg --db "$db" import "$T/two.csv" &&
	expect_status 0 &&
	expect_err_has "2 rows from 1 file: 2 added" &&
	check "a failed try, then one for each actor" test "$(tries)" -eq 3 &&
	check "one change" test "$(changes)" -eq $((n + 1)) &&
	run twinreg --db "$db" -f tsv --no-header list --municipality Çekmeköy \
	    --columns partner &&
	expect_out_has "Bitola" &&
	printf "municipality,municipality_country,sister_city,sister_city_country\nÇekmeköy,TR,Struga,MK\n" > "$T/one.csv" &&
	no_failures &&
	snap before &&
	fail_first 1 actors &&
	run sh -c "cat \"\$1\" | \"\$2\" --db \"\$3\" import -" sh "$T/one.csv" \
	    "$TWINREG" "$url" &&
	expect_status 75 &&
	expect_err_has "(tries: 1); try again" &&
	check "one try" test "$(tries)" -eq 1 &&
	no_failures &&
	same_as before
'

test_case 'add prints its id once, however many tries it took' '
	fail_first 1 search_docs &&
	run twinreg --db "$db" add actor --name Promptly --country TR &&
	expect_status 0 &&
	check "one line on stdout" test "$(wc -l < "$T/out")" -eq 1 &&
	check "the id printed is the actor added" test "$(cat "$T/out")" = \
	    "$(sql "$db" "SELECT id FROM actors WHERE name = '"'"'Promptly'"'"'")" &&
	check "two tries" test "$(tries)" -eq 2 &&
	no_failures
'

# conflict_in_import N COND TABLE: N generated ties imported into a new
# registry ($fresh) whose write to TABLE fails once, when COND holds:
# the import runs again whole and lands every tie once, indexes sound.
conflict_in_import() {
	fresh=$T/fresh-$1.db &&
	twinreg --db "$fresh" -q init &&
	many_ties "$1" > "$T/$1.csv" &&
	fail_when "$2" "$3" "$fresh" &&
	run twinreg --db "$fresh" import "$T/$1.csv" &&
	expect_status 0 &&
	expect_err_has "$1 rows from 1 file: $1 added" &&
	check "$1 ties" test "$(sql "$fresh" "SELECT count(*) FROM agreements")" -eq "$1" &&
	expect_sound "$fresh"
}

test_case 'a bulk import into an empty registry runs again whole after a conflict' '
	conflict_in_import 200 "n = 20" actors &&
	check "the failed try, then every actor once" test "$(tries "$fresh")" -gt 20
'

# Rows go by COPY a megabyte at a time: a failure in a COPY of the
# middle of an import is told (and run again for), never lost, and
# leaves nothing written.
test_case 'a conflict in the middle of a COPY: the import runs again whole' '
	conflict_in_import 20000 "n = 15000" agreements &&
	check "the failed try, then every tie once" test "$(tries "$fresh")" -eq 35000
'

test_case 'a failure in the middle of a COPY: one line, nothing written' '
	fresh=$T/fresh3.db &&
	twinreg --db "$fresh" -q init &&
	sql "$fresh" "CREATE SEQUENCE tries;
	    CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
	    \$f\$ BEGIN IF nextval('"'"'tries'"'"') = 15000 THEN
	    RAISE EXCEPTION '"'"'row 15000 refused'"'"'; END IF;
	    RETURN NEW; END \$f\$;
	    CREATE TRIGGER refuse BEFORE INSERT ON agreements FOR EACH ROW
	    EXECUTE FUNCTION refuse()" > /dev/null &&
	db=$fresh snap before &&
	run twinreg --db "$fresh" import "$T/20000.csv" &&
	expect_status 70 &&
	expect_err_has "twinreg: cannot update the registry: row 15000 refused" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	db=$fresh same_as before &&
	check "no ties" test "$(sql "$fresh" "SELECT count(*) FROM agreements")" -eq 0
'

test_case 'copy --to a server runs again whole after a conflict' '
	to=$T/to.db &&
	twinreg --db "$to" -q init &&
	fail_when "n = 3" actors "$to" &&
	run twinreg --db "$db" copy --to "$(pg_url "$to")" &&
	expect_status 0 &&
	check "the failed try, then every actor" test "$(tries "$to")" -gt 3 &&
	check "the actors all there" test "$(sql "$to" "SELECT count(*) FROM actors")" -eq "$(sql "$db" "SELECT count(*) FROM actors")" &&
	check "the ties all there" test "$(sql "$to" "SELECT count(*) FROM agreements")" -eq "$(sql "$db" "SELECT count(*) FROM agreements")"
'

# A gate: a session that runs $gate waits there until open_gate, so that
# a test orders the steps of two sessions without timing them.
sql "$db" "CREATE TABLE gate(open int)"
gate='DO $g$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM gate) LOOP PERFORM pg_sleep(0.02); END LOOP; END $g$;'
open_gate() {
	sql "$db" "INSERT INTO gate VALUES (1)"
}
shut_gate() {
	sql "$db" "DELETE FROM gate"
}
# sessions COND: how many sessions of other clients the server has where
# COND holds (application_name names the client: PGAPPNAME).
sessions() {
	sql "$db" "SELECT count(*) FROM pg_stat_activity
	    WHERE pid <> pg_backend_pid() AND $1"
}
# holds_xid APP: a session of APP has written (has a transaction id);
# waits APP: one waits for a lock.
holds_xid() {
	test "$(sessions "application_name = '$1' AND backend_xid IS NOT NULL")" -eq 1
}
waits() {
	test "$(sessions "application_name = '$1' AND wait_event_type = 'Lock'")" -eq 1
}
# active APP: a session of APP runs a statement; meta_locked: one holds
# the register's write lock.
active() {
	test "$(sessions "application_name = '$1' AND state = 'active'")" -eq 1
}
meta_locked() {
	test "$(sql "$db" "SELECT count(*) FROM pg_locks WHERE relation =
	    'meta'::regclass AND mode = 'ExclusiveLock' AND granted")" -eq 1
}
deadlocks() {
	sql "$db" "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
}
# more_deadlocks N: the server has counted more than N deadlocks here.
more_deadlocks() {
	test "$(deadlocks)" -gt "$1"
}

test_case 'a deadlock with a psql session: twinreg gives way, runs again, both land' '
	shut_gate &&
	d0=$(deadlocks) &&
	{ PGAPPNAME=t0790_psql PGOPTIONS="-c deadlock_timeout=60s" \
	    pg_psql "$dbname" -c "BEGIN;
	    UPDATE agreements SET source = '"'"'psql'"'"' WHERE id = $tie;
	    $gate
	    LOCK TABLE meta IN EXCLUSIVE MODE;
	    COMMIT" > /dev/null 2> "$T/psql.err" & } &&
	psql_pid=$! &&
	wait_until 2000 holds_xid t0790_psql &&
	{ PGAPPNAME=t0790_twinreg PGOPTIONS="-c deadlock_timeout=2s" \
	    "$TWINREG" --db "$db" --busy-timeout 60000 update "$tie" \
	    --notes "after the deadlock" > "$T/tw.out" 2> "$T/tw.err" & } &&
	tw_pid=$! &&
	wait_until 2000 waits t0790_twinreg &&
	open_gate &&
	wait_status $tw_pid "twinreg update, in a deadlock" &&
	check "twinreg ran again and landed ($(cat "$T/tw.err"))" \
	    test "$(cat "$T/status")" -eq 0 &&
	wait_status $psql_pid "psql" &&
	check "psql committed ($(cat "$T/psql.err"))" test "$(cat "$T/status")" -eq 0 &&
	wait_until 200 more_deadlocks "$d0" &&
	check "both changes there" test "$(notes),$(source_of)" = "after the deadlock,psql"
'
open_gate	# whatever became of the case, no session waits on

test_case 'a writer waits for the lock as long as --busy-timeout, then exits 75' '
	shut_gate &&
	{ PGAPPNAME=t0790_psql pg_psql "$dbname" -c "BEGIN;
	    LOCK TABLE meta IN EXCLUSIVE MODE;
	    $gate
	    COMMIT" > /dev/null 2>&1 & } &&
	holder=$! &&
	wait_until 2000 active t0790_psql &&
	wait_until 2000 meta_locked &&
	snap before &&
	run twinreg --db "$db" --busy-timeout 200 update "$tie" --notes "too soon" &&
	expect_status 75 &&
	expect_err_has "twinreg: the registry is busy (another twinreg is writing to it); try again later" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	same_as before &&
	{ PGAPPNAME=t0790_twinreg "$TWINREG" --db "$db" --busy-timeout 60000 \
	    update "$tie" --notes "waited" > /dev/null 2> "$T/tw.err" & } &&
	tw_pid=$! &&
	wait_until 2000 waits t0790_twinreg &&
	open_gate &&
	wait_status $tw_pid "twinreg update, waiting" &&
	expect_status 0 &&
	wait_status $holder "the lock holder" &&
	expect_status 0 &&
	check "the note written" test "$(notes)" = "waited"
'
open_gate

# A 100,000-row import, to be killed while the server takes its rows.
many_ties 100000 > "$T/huge.csv"

# writers: how many sessions hold changes not yet committed; loading:
# the import in the background has sent rows the server holds
# uncommitted, or has ended.
writers() {
	sessions "backend_xid IS NOT NULL AND datname = current_database()"
}
loading() {
	[ "$(writers)" -ge 1 ] || ! kill -0 "$importer" 2> /dev/null
}
no_writer() {
	[ "$(writers)" -eq 0 ]
}

test_case 'an import killed while it writes leaves the register as it was' '
	state before &&
	{ "$TWINREG" --db "$db" -q import "$T/huge.csv" > /dev/null 2>&1 & } &&
	importer=$! &&
	wait_until 600 loading &&
	sleep 0.3 &&
	kill_status "$importer" "kill -9 the import" &&
	expect_status 137 &&
	wait_until 400 no_writer &&
	state after &&
	check "after kill -9: the records and history of before" same_state before after &&
	run twinreg --db "$db" --busy-timeout 10000 add actor --name Afterwards --country TR &&
	expect_status 0 &&
	expect_sound "$db"
'

test_case 'a register of a newer schema is refused, and left as it is' '
	sql "$db" "UPDATE meta SET value = '"'"'99'"'"' WHERE key = '"'"'schema_version'"'"'" &&
	snap before &&
	run twinreg --db "$db" list &&
	expect_status 66 &&
	expect_err_has "was written by a newer twinreg (schema version 99; this twinreg knows up to 10)" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_out_empty &&
	run twinreg --db "$db" add actor --name Later --country TR &&
	expect_status 66 &&
	same_as before &&
	sql "$db" "UPDATE meta SET value = '"'"'9'"'"' WHERE key = '"'"'schema_version'"'"'" &&
	run twinreg --db "$db" list actors &&
	expect_status 0
'

finish
