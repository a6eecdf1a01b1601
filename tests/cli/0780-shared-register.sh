# store: pg (offices' roles, row-level security, copy between stores)
# A register shared by many offices on PostgreSQL: grant and revoke, an
# office that changes only its own ties (through twinreg and psql), the
# role in the history, a password kept out of the URI, a copy from a file
# to the server and back, and writers of several roles at once.

db=$T/r.db
url=$(pg_url "$db")
dbname=${url#postgresql:///}
dbname=${dbname%%\?*}
# Roles live in the cluster, the same for every script of the run.
ra=t0780_cekmekoy
rb=t0780_istanbul
rr=t0780_reporter
as_role() {
	printf '%s&user=%s\n' "$url" "$1"
}
ua=$(as_role $ra)
ub=$(as_role $rb)
ur=$(as_role $rr)
# psql_as ROLE SQL: run SQL on the register as ROLE.
psql_as() {
	"$TWR_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$TWR_PG_DIR" \
	    -U "$1" -d "$dbname" -c "$2"
}
twinreg --db "$db" -q init &&
twinreg --db "$db" -q import "$DATA/query-actors.csv" \
    "$DATA/query-sister-cities.csv" "$DATA/query-partnerships.csv" \
    "$DATA/query-memberships.csv" &&
for r in $ra $rb $rr; do
	pg_psql postgres -c "CREATE ROLE $r LOGIN" 2> /dev/null
done
# The ties of Çekmeköy (a district of İstanbul) and of Esenyurt.
tie_cek=$(twinreg --db "$db" -f tsv --no-header list --municipality Çekmeköy |
    head -n 1 | cut -f1)
tie_esen=$(twinreg --db "$db" -f tsv --no-header list --municipality Esenyurt |
    head -n 1 | cut -f1)

test_case 'the owner grants a municipality to an office role' '
	run twinreg --db "$db" grant $ra çekmeköy &&
	expect_status 0 &&
	expect_err_has "twinreg: role '"'"'$ra'"'"' may now change the ties of Çekmeköy (TR) and its parts" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	run twinreg --db "$db" grant $rb İstanbul &&
	expect_status 0 &&
	cek=$(pg_psql "$dbname" -At -c "SELECT id FROM actors WHERE name = '"'"'Çekmeköy'"'"'") &&
	run twinreg --db "$db" -f csv log --columns record,action,field,old,new &&
	expect_out_has "$cek,grant,office,,$ra" &&
	check "tie ids found" test -n "$tie_cek" -a -n "$tie_esen"
'

test_case 'a grant given already changes nothing, and makes the role'"'"'s access whole' '
	snap before &&
	pg_psql "$dbname" -c "REVOKE INSERT ON actors FROM $ra" > /dev/null &&
	run twinreg --db "$db" grant $ra Çekmeköy &&
	expect_status 0 &&
	check "its access whole again" test "$(pg_psql "$dbname" -At -c "SELECT has_table_privilege('"'"'$ra'"'"', '"'"'actors'"'"', '"'"'INSERT'"'"')")" = t &&
	expect_err_has "twinreg: role '"'"'$ra'"'"' may already change the ties of Çekmeköy (TR); nothing changed" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	same_as before
'

test_case 'a grant names a role the server has, and an actor' '
	snap before &&
	run twinreg --db "$db" grant t0780_nobody Çekmeköy &&
	expect_status 64 &&
	expect_err_has "twinreg: the database has no role '"'"'t0780_nobody'"'"' (create it with createuser)" &&
	run twinreg --db "$db" grant $ra Atlantis &&
	expect_status 1 &&
	run twinreg --db "$db" grant $ra "$tie_cek" &&
	expect_status 64 &&
	expect_err_has "is not an actor" &&
	run twinreg --db "$db" grant $ra &&
	expect_status 64 &&
	same_as before
'

test_case 'an office changes its own ties, and not those of others' '
	run twinreg --db "$ua" update "$tie_cek" --notes "ours" &&
	expect_status 0 &&
	snap before &&
	run twinreg --db "$ua" update "$tie_esen" --notes "theirs" &&
	expect_status 77 &&
	expect_err_has "twinreg: role '"'"'$ra'"'"' may not change this" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_out_empty &&
	run twinreg --db "$ua" end "$tie_esen" --on 2020-01-01 &&
	expect_status 77 &&
	run twinreg --db "$ua" delete "$tie_esen" &&
	expect_status 77 &&
	run twinreg --db "$ua" add sister-city --municipality Esenyurt \
	    --municipality-country TR --sister-city Budva \
	    --sister-city-country ME &&
	expect_status 77 &&
	same_as before
'

test_case 'a municipality granted covers its parts' '
	run twinreg --db "$ub" update "$tie_esen" --notes "by the metropolitan" &&
	expect_status 0 &&
	run twinreg --db "$ub" -f tsv --no-header show "$tie_esen" &&
	expect_out_has "by the metropolitan"
'

test_case 'the history names the role, not a self-declared --by' '
	run twinreg --db "$ua" --by somebody-else add sister-city \
	    --municipality Çekmeköy --municipality-country TR \
	    --sister-city Budva --sister-city-country ME &&
	expect_status 0 &&
	run twinreg --db "$(as_role twr)" --by somebody-else update "$tie_cek" --notes "the owner" &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv log &&
	expect_out_has ",$ra,add," &&
	expect_out_has ",twr,update,$tie_cek," &&
	expect_out_lacks "somebody-else"
'

test_case 'psql cannot go around it either' '
	run psql_as $ra "UPDATE agreements SET notes = '"'"'psql'"'"' WHERE id = $tie_esen" &&
	expect_status 1 &&
	expect_err_has "may not change" &&
	run psql_as $ra "DELETE FROM agreements WHERE id = $tie_esen" &&
	expect_status 1 &&
	run psql_as $ra "UPDATE agreements SET party_id = (SELECT id FROM actors WHERE name = '"'"'Çekmeköy'"'"') WHERE id = $tie_esen" &&
	expect_status 1 &&
	run psql_as $ra "INSERT INTO agreements(id, kind, party_id, partner_id) SELECT 9999, '"'"'sister_city'"'"', a.id, b.id FROM actors a, actors b WHERE a.name = '"'"'Esenyurt'"'"' AND b.name = '"'"'Genova'"'"'" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run psql_as $ra "UPDATE agreements SET notes = '"'"'psql ours'"'"' WHERE id = $tie_cek" &&
	expect_status 0 &&
	run psql_as $ra "INSERT INTO changes(at, by, command) VALUES('"'"'x'"'"', '"'"'forged'"'"', '"'"'psql'"'"')" &&
	expect_status 0 &&
	run pg_psql "$dbname" -At -c "SELECT by FROM changes ORDER BY id DESC LIMIT 1" &&
	expect_out "$ra"
'

# pg_val SQL: one value of the register, as its owner reads it.
pg_val() {
	pg_psql "$dbname" -At -c "$1"
}

test_case 'an office names, indexes and writes history only of actors it may change' '
	esen=$(pg_val "SELECT id FROM actors WHERE name = '"'"'Esenyurt'"'"'") &&
	terms=$(pg_val "SELECT count(*) FROM search_terms WHERE slot / 16 = $esen") &&
	check "Esenyurt indexed" test "$terms" -gt 0 &&
	snap before &&
	run twinreg --db "$ua" update "$esen" --aliases "Esen Köy" &&
	expect_status 77 &&
	expect_err_has "twinreg: role '"'"'$ra'"'"' may not change this" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	run psql_as $ra "INSERT INTO aliases(actor_id, alias, alias_key) VALUES($esen, '"'"'Hacked'"'"', '"'"'hacked'"'"')" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run psql_as $ra "INSERT INTO search_terms(term, slot, n) VALUES('"'"'hacked'"'"', $esen * 16, 1)" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run psql_as $ra "DELETE FROM search_terms WHERE slot / 16 = $esen" &&
	expect_status 0 &&
	check "its terms kept" test "$(pg_val "SELECT count(*) FROM search_terms WHERE slot / 16 = $esen")" = "$terms" &&
	run psql_as $ra "BEGIN; INSERT INTO changes(id, at, by, command) VALUES(0, '"'"'1999-01-01T00:00:00Z'"'"', '"'"'x'"'"', '"'"'update'"'"'); INSERT INTO history(change_id, record_id, action, field, old, new) SELECT max(id), $tie_esen, '"'"'update'"'"', '"'"'notes'"'"', '"'"'real'"'"', '"'"'forged'"'"' FROM changes; COMMIT" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run psql_as $ra "UPDATE meta SET value = 5 WHERE key = '"'"'next_id'"'"'" &&
	expect_status 1 &&
	expect_err_has "may not change meta next_id" &&
	run psql_as $ra "UPDATE meta SET value = value + 2000000000 WHERE key = '"'"'next_id'"'"'" &&
	expect_status 1 &&
	run psql_as $ra "DELETE FROM meta WHERE key = '"'"'next_id'"'"'" &&
	expect_status 1 &&
	same_as before &&
	run twinreg --db "$ua" -q add actor --name Yenice --country MK --aliases "Yenidže" &&
	expect_status 0 &&
	run twinreg --db "$db" search yenidze &&
	expect_out_has "Yenice"
'

test_case 'a change has the server'"'"'s id and time, whatever an office gives' '
	last=$(pg_val "SELECT max(id) FROM changes") &&
	run psql_as $ra "INSERT INTO changes(id, at, by, command) VALUES(0, '"'"'1999-01-01T00:00:00Z'"'"', '"'"'x'"'"', '"'"'psql'"'"')" &&
	expect_status 0 &&
	run pg_val "SELECT id || '"'"' '"'"' || at FROM changes ORDER BY id DESC LIMIT 1" &&
	expect_out_has "$((last + 1)) $(date -u +%Y-)"
'

test_case 'an office moves an actor only between parents it may change' '
	cek=$(pg_val "SELECT id FROM actors WHERE name = '"'"'Çekmeköy'"'"'") &&
	snap before &&
	run twinreg --db "$ua" update "$cek" --parent "" &&
	expect_status 77 &&
	expect_err_has "twinreg: role '"'"'$ra'"'"' may not change this" &&
	run twinreg --db "$ua" update "$cek" --parent Esenyurt &&
	expect_status 77 &&
	run psql_as $ra "UPDATE actors SET parent_id = NULL WHERE id = $cek" &&
	expect_status 1 &&
	expect_err_has "may not change actors" &&
	same_as before &&
	run twinreg --db "$ub" update "$cek" --parent "" &&
	expect_status 77 &&
	same_as before &&
	run twinreg --db "$ub" update "$cek" --parent Esenyurt &&
	expect_status 0 &&
	run twinreg --db "$ua" update "$cek" --parent İstanbul &&
	expect_status 77 &&
	run twinreg --db "$ub" update "$cek" --parent İstanbul &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv log --columns record,by,field,old,new &&
	expect_out_has "$cek,$rb,parent,İstanbul (TR),Esenyurt (TR)" &&
	run twinreg --db "$ua" update "$cek" --website https://cekmekoy.bel.tr &&
	expect_status 0 &&
	run psql_as $ra "DELETE FROM actors WHERE id = (SELECT id FROM actors WHERE name = '"'"'Esenyurt'"'"')" &&
	expect_status 1 &&
	expect_err_has "may not change actors"
'

test_case 'psql: no function of the owner'"'"'s, no id of another record, no part abroad, no loop' '
	snap before &&
	run psql_as $ra "CREATE TEMP TABLE t(id bigint); CREATE TRIGGER x AFTER INSERT ON t REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION twr_actors_added()" &&
	expect_status 1 &&
	expect_err_has "permission denied for function twr_actors_added" &&
	run psql_as $ra "CREATE TEMP TABLE s(slot bigint, ntok integer); CREATE TRIGGER x AFTER INSERT ON s REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION twr_search_added()" &&
	expect_status 1 &&
	expect_err_has "permission denied" &&
	cek=$(pg_val "SELECT id FROM actors WHERE name = '"'"'Çekmeköy'"'"'") &&
	ist=$(pg_val "SELECT id FROM actors WHERE name = '"'"'İstanbul'"'"'") &&
	esen=$(pg_val "SELECT id FROM actors WHERE name = '"'"'Esenyurt'"'"'") &&
	run psql_as $ra "INSERT INTO agreements(id, kind, party_id, partner_id) VALUES($esen, '"'"'friendship'"'"', $cek, $ist)" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	next=$(pg_val "SELECT value FROM meta WHERE key = '"'"'next_id'"'"'") &&
	run psql_as $ra "UPDATE agreements SET id = $next WHERE id = $tie_cek" &&
	expect_status 1 &&
	expect_err_has "may not change agreements" &&
	run psql_as $ra "INSERT INTO search_docs VALUES($next * 16, 1)" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run psql_as $ra "UPDATE search_docs SET ntok = 2000000000 WHERE slot / 16 = $tie_cek" &&
	expect_status 1 &&
	expect_err_has "permission denied" &&
	run psql_as $ra "BEGIN; INSERT INTO changes(at, by, command) VALUES('"'"'x'"'"', '"'"'x'"'"', '"'"'import'"'"'); INSERT INTO batches(id, change_id, files, rows, checksum) SELECT 9223372036854775807, max(id), '"'"'f'"'"', 0, '"'"'c'"'"' FROM changes; SELECT id FROM batches ORDER BY id DESC LIMIT 1; ROLLBACK" &&
	expect_status 0 &&
	expect_out_lacks "9223372036854775807" &&
	run psql_as $rb "UPDATE actors SET parent_id = $cek WHERE id = $ist" &&
	expect_status 1 &&
	expect_err_has "may not change actors" &&
	same_as before &&
	run twinreg --db "$ua" add actor --name Berlin --country DE --parent "Çekmeköy (TR)" &&
	expect_status 77 &&
	expect_err_has "twinreg: role '"'"'$ra'"'"' may not change this" &&
	run psql_as $ra "INSERT INTO agreements(id, kind, party_id, partner_id) VALUES($next + 999999990, '"'"'friendship'"'"', $cek, $ist)" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	same_as before &&
	run psql_as $ra "INSERT INTO agreements(id, kind, party_id, partner_id) VALUES($next, '"'"'friendship'"'"', $cek, $ist)" &&
	expect_status 0 &&
	run twinreg --db "$db" -q add actor --name Sonraki --country TR &&
	expect_status 0 &&
	expect_out "$((next + 1))" &&
	run twinreg --db "$db" -q delete "$next" &&
	expect_status 0 &&
	run twinreg --db "$db" -q delete "$((next + 1))" &&
	expect_status 0
'

test_case 'an actor an office added is its own only while no other office'"'"'s tie names it' '
	run twinreg --db "$ua" -q add sister-city --municipality Çekmeköy \
	    --municipality-country TR --sister-city Foocity --sister-city-country IT &&
	expect_status 0 &&
	foo=$(pg_val "SELECT id FROM actors WHERE name = '"'"'Foocity'"'"'") &&
	run twinreg --db "$ua" update "$foo" --notes "ours yet" &&
	expect_status 0 &&
	run twinreg --db "$ub" -q add sister-city --municipality İstanbul \
	    --municipality-country TR --sister-city Foocity --sister-city-country IT &&
	expect_status 0 &&
	snap before &&
	run twinreg --db "$ua" update "$foo" --notes "still ours?" &&
	expect_status 77 &&
	run twinreg --db "$ua" update "$foo" --country TR --parent "Çekmeköy (TR)" &&
	expect_status 77 &&
	run twinreg --db "$ua" add actor --name Yenimahalle --country TR --parent "Esenyurt (TR)" &&
	expect_status 77 &&
	run psql_as $ra "UPDATE meta SET value = NULL WHERE key = '"'"'next_id'"'"'" &&
	expect_status 1 &&
	expect_err_has "may not change meta next_id" &&
	next=$(pg_val "SELECT value FROM meta WHERE key = '"'"'next_id'"'"'") &&
	run psql_as $ra "BEGIN; INSERT INTO changes(at, by, command) VALUES('"'"'x'"'"', '"'"'x'"'"', '"'"'update'"'"'); INSERT INTO history(change_id, record_id, action, field, new) SELECT max(id), $next, '"'"'update'"'"', '"'"'notes'"'"', '"'"'before it was'"'"' FROM changes; COMMIT" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run psql_as $ra "INSERT INTO search_docs VALUES($tie_cek * 16 + 15, 2000000000)" &&
	expect_status 1 &&
	expect_err_has "search_docs_ntok" &&
	same_as before
'

test_case 'an office changes a part of its own abroad, which only the owner makes' '
	run twinreg --db "$db" -q add actor --name Partnerstadt --country DE --parent "Çekmeköy (TR)" &&
	expect_status 0 &&
	run twinreg --db "$ua" update "$(cat "$T/out")" --notes "a part abroad" &&
	expect_status 0
'

test_case 'a role whose last office goes with its actor writes no more' '
	pg_psql postgres -c "CREATE ROLE t0780_gone LOGIN" 2> /dev/null
	run twinreg --db "$db" -q add actor --name Yokköy --country TR &&
	expect_status 0 &&
	yok=$(cat "$T/out") &&
	run twinreg --db "$db" grant t0780_gone "$yok" &&
	expect_status 0 &&
	check "it may write" test "$(pg_val "SELECT has_table_privilege('"'"'t0780_gone'"'"', '"'"'actors'"'"', '"'"'INSERT'"'"')")" = t &&
	run twinreg --db "$db" delete "$yok" &&
	expect_status 0 &&
	check "its grant gone" test "$(pg_val "SELECT count(*) FROM offices WHERE role = '"'"'t0780_gone'"'"'")" = 0 &&
	check "and its writes" test "$(pg_val "SELECT has_table_privilege('"'"'t0780_gone'"'"', '"'"'actors'"'"', '"'"'INSERT'"'"')")" = f
'

test_case 'everyone who may connect reads; a role without a grant writes nothing' '
	run twinreg --db "$ur" list --municipality Çekmeköy &&
	expect_status 0 &&
	expect_out_has "Vogošća" &&
	run twinreg --db "$ur" report countries &&
	expect_status 0 &&
	snap before &&
	run twinreg --db "$ur" update "$tie_cek" --notes x &&
	expect_status 77 &&
	expect_err_has "role '"'"'$rr'"'"' may not change this" &&
	same_as before
'

test_case 'revoke takes a grant back, and only one that was given' '
	run twinreg --db "$db" revoke $ra Çekmeköy &&
	expect_status 0 &&
	expect_err_has "twinreg: role '"'"'$ra'"'"' may no longer change the ties of Çekmeköy (TR)" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	run twinreg --db "$db" -f csv log --columns action,field,old,new &&
	expect_out_has "revoke,office,$ra," &&
	run twinreg --db "$ua" update "$tie_cek" --notes "no longer" &&
	expect_status 77 &&
	run twinreg --db "$db" revoke $ra Çekmeköy &&
	expect_status 64 &&
	expect_err_has "was not granted" &&
	run twinreg --db "$ua" list --municipality Çekmeköy &&
	expect_status 0
'

test_case 'an office role cannot grant' '
	run twinreg --db "$ub" grant $rb Esenyurt &&
	expect_status 77
'

test_case 'grant and revoke refuse a registry in a file' '
	"$TWR_PG_REAL" --db "$T/file.db" -q init &&
	run "$TWR_PG_REAL" --db "$T/file.db" grant $ra İstanbul &&
	expect_status 64 &&
	expect_err_has "twinreg: a registry in a file has no offices: grant and revoke are for a register on PostgreSQL"
'

test_case 'a password stays out of the URI' '
	run twinreg --db "postgresql://twr:s3cret@localhost/x" list &&
	expect_status 64 &&
	expect_err_lacks "s3cret" &&
	expect_err_has "~/.pgpass" &&
	run twinreg --db "$url&password=s3cret" list &&
	expect_status 64 &&
	expect_err_lacks "s3cret" &&
	run twinreg --db "$url&password=s3cret" init &&
	expect_status 64 &&
	expect_err_has "~/.pgpass" &&
	run twinreg --db "postgresql://twr:s3%zzcret@/x?host=$TWR_PG_DIR" list &&
	expect_status 64 &&
	expect_err_has "~/.pgpass" &&
	expect_err_lacks "s3%zzcret"
'

test_case 'a URI libpq cannot read is the user'"'"'s to mend (64), not a password' '
	snap before &&
	for cmd in list init; do
		run twinreg --db "$url&sslmod=require" $cmd &&
		expect_status 64 &&
		expect_err_has "twinreg: the registry'"'"'s URI cannot be read (invalid URI query parameter: \"sslmod\")" &&
		expect_err_lacks "password" &&
		check "one line" test "$(wc -l < "$T/err")" -eq 1 || return 1
	done &&
	same_as before
'

test_case 'a database without a registry, and init of one that has it' '
	pg_psql postgres -c "CREATE DATABASE t0780_empty" &&
	run twinreg --db "postgresql:///t0780_empty?host=$TWR_PG_DIR&user=twr" list &&
	expect_status 66 &&
	expect_err_has "holds no registry (create one with '"'"'twinreg init'"'"')" &&
	pg_psql t0780_empty -c "CREATE TABLE other(x integer)" &&
	for cmd in list:66 init:73; do
		run twinreg --db "postgresql:///t0780_empty?host=$TWR_PG_DIR&user=twr" ${cmd%:*} &&
		expect_status ${cmd#*:} &&
		expect_err_has "is not a twinreg registry" &&
		check "one line" test "$(wc -l < "$T/err")" -eq 1 || return 1
	done &&
	check "init made nothing there" test "$(pg_psql t0780_empty -Atc "SELECT count(*) FROM pg_class WHERE relnamespace = '"'"'public'"'"'::regnamespace")" = 1 &&
	run twinreg --db "$url" init &&
	expect_status 0 &&
	expect_err_has "already exists"
'

test_case 'copy: a file to the server and back, record for record, history too' '
	f1=$T/one.db && f2=$T/two.db &&
	"$TWR_PG_REAL" --db "$f1" -q init &&
	"$TWR_PG_REAL" --db "$f1" -q --by clerk import "$DATA/query-actors.csv" \
	    "$DATA/query-sister-cities.csv" "$DATA/query-partnerships.csv" \
	    "$DATA/query-memberships.csv" &&
	"$TWR_PG_REAL" --db "$f1" -q --by editor update 46 --notes "kept" &&
	"$TWR_PG_REAL" --db "$f1" -q --by editor end 47 --on 2019-05-01 &&
	pg_psql postgres -c "CREATE DATABASE t0780_copy" &&
	u2="postgresql:///t0780_copy?host=$TWR_PG_DIR&user=twr" &&
	run "$TWR_PG_REAL" --db "$f1" copy --to "$u2" &&
	expect_status 0 &&
	expect_err_has "copied" &&
	run "$TWR_PG_REAL" --db "$u2" copy --to "$f2" &&
	expect_status 0 &&
	for t in changes batches actors aliases agreements agreement_parties \
	    memberships activities activity_partners history meta; do
		sqlite3 "$f1" "SELECT * FROM $t ORDER BY 1, 2" > "$T/a.$t" &&
		sqlite3 "$f2" "SELECT * FROM $t ORDER BY 1, 2" > "$T/b.$t" &&
		check "table $t the same after the round trip" \
		    cmp -s "$T/a.$t" "$T/b.$t" || return 1
	done &&
	for c in "log" "show 46" "list --sort name" "search genova" \
	    "report countries"; do
		"$TWR_PG_REAL" --db "$f1" -f csv $c > "$T/a.out" &&
		"$TWR_PG_REAL" --db "$u2" -f csv $c > "$T/b.out" &&
		check "$c the same on the server" cmp -s "$T/a.out" "$T/b.out" ||
		    return 1
	done &&
	run "$TWR_PG_REAL" --db "$f1" copy --to "$u2" &&
	expect_status 64 &&
	expect_err_has "holds records"
'

test_case 'eight writers of four roles and two reporters at once: every write counted' '
	for r in 1 2 3 4; do
		pg_psql postgres -c "CREATE ROLE t0780_w$r LOGIN" 2> /dev/null
	done
	twinreg --db "$db" -q grant t0780_w1 Sarıyer &&
	twinreg --db "$db" -q grant t0780_w2 Kilis &&
	twinreg --db "$db" -q grant t0780_w3 Ordu &&
	twinreg --db "$db" -q grant t0780_w4 Ilgaz &&
	before=$(twinreg --db "$db" -f tsv --no-header list activities | wc -l) &&
	pids= &&
	i=0 &&
	for m in Sarıyer Sarıyer Kilis Kilis Ordu Ordu Ilgaz Ilgaz; do
		i=$((i + 1))
		r=$(( (i + 1) / 2 ))
		(
			for n in 1 2 3 4 5 6 7 8 9 10; do
				"$TWINREG" --db "$(as_role t0780_w$r)" -q \
				    --busy-timeout 60000 add activity --actor "$m" \
				    --actor-country TR --type visit \
				    --title "visit $i.$n" || exit 1
			done
		) > /dev/null 2> "$T/w$i.err" &
		pids="$pids $!"
	done
	for k in 1 2; do
		(
			while [ ! -e "$T/done" ]; do
				"$TWINREG" --db "$ur" -f csv report activities > \
				    /dev/null || exit 1
				"$TWINREG" --db "$ur" -f csv list activities > \
				    /dev/null || exit 1
			done
		) 2> "$T/r$k.err" &
		rpids="${rpids:-} $!"
	done
	ok=0
	for p in $pids; do
		wait $p && ok=$((ok + 1))
	done
	touch "$T/done"
	rok=0
	for p in $rpids; do
		wait $p && rok=$((rok + 1))
	done
	check "all 8 writers succeeded ($(cat "$T"/w*.err))" test $ok -eq 8 &&
	check "both reporters read throughout ($(cat "$T"/r*.err))" test $rok -eq 2 &&
	after=$(twinreg --db "$db" -f tsv --no-header list activities | wc -l) &&
	check "80 writes, every one there (before $before, after $after)" \
	    test $((after - before)) -eq 80 &&
	for r in 1 2 3 4; do
		check "20 changes by role t0780_w$r" test "$(twinreg --db "$db" \
		    -f csv log | grep -c ",t0780_w$r,add,")" -eq 20 || return 1
	done
'

test_case 'a table of its session does not stand in for the register in a check' '
	twinreg --db "$db" -q grant $ra Çekmeköy &&
	run "$TWR_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$TWR_PG_DIR" \
	    -U $ra -d "$dbname" -c "CREATE TEMP TABLE meta(key text);
	    CREATE TEMP TABLE offices(role text, actor_id bigint);
	    INSERT INTO offices SELECT current_user, id FROM actors;
	    UPDATE agreements SET notes = 1 WHERE id = $tie_esen" &&
	expect_status 1 &&
	expect_err_has "may not change"
'

# stats DB: the tables of the registry DB that have the server's
# statistics (rows of pg_stats, made by ANALYZE only) of those a bulk
# load fills; fresh_stats DB: a new registry there, autovacuum (which
# makes them too) kept off those tables.
stats() {
	sql "$1" "SELECT coalesce(string_agg(t, ' ' ORDER BY t), '') FROM
	    (SELECT DISTINCT tablename AS t FROM pg_stats WHERE schemaname =
	    'public' AND tablename IN ('agreements', 'memberships',
	    'search_docs', 'search_terms')) s"
}
fresh_stats() {
	twinreg --db "$1" -q init &&
	for t in agreements memberships search_docs search_terms; do
		sql "$1" "ALTER TABLE $t SET (autovacuum_enabled = off)" ||
		    return 1
	done
}
analyzed() {	# how many times DB's table $2 has been analyzed
	sql "$1" "SELECT analyze_count FROM pg_stat_user_tables WHERE
	    relname = '$2'"
}
test_case 'the owner'"'"'s import into an empty register gives the planner its statistics' '
	fresh_stats "$T/stats.db" &&
	check "none before the import" [ -z "$(stats "$T/stats.db")" ] &&
	run twinreg --db "$T/stats.db" import "$DATA/query-sister-cities.csv" &&
	expect_status 0 &&
	check "the ties and the search index analyzed" [ "$(stats "$T/stats.db")" = "agreements search_docs search_terms" ] &&
	n=$(analyzed "$T/stats.db" search_terms) &&
	run twinreg --db "$T/stats.db" import "$DATA/query-memberships.csv" &&
	expect_status 0 &&
	check "then the memberships" [ "$(stats "$T/stats.db")" = "agreements memberships search_docs search_terms" ] &&
	check "statistics there are kept: the search index not analyzed again" [ "$(analyzed "$T/stats.db" search_terms)" = "$n" ]
'

test_case 'an import whose statistics cannot be made is kept without them' '
	fresh_stats "$T/stats2.db" &&
	# A lock that ANALYZE waits for, as autovacuum would hold it.
	pg_map "$T/stats2.db" &&
	{ pg_psql "$pg_mapped" -c "BEGIN; LOCK TABLE search_terms IN SHARE UPDATE EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT" > /dev/null 2>&1 & } &&
	# Held before the import begins, until it is over (then cancelled).
	held="SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = '"'"'search_terms'"'"' AND l.mode = '"'"'ShareUpdateExclusiveLock'"'"' AND l.granted" &&
	i=0 && while [ "$(sql "$T/stats2.db" "$held")" != 1 ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done &&
	check "the lock held" [ "$(sql "$T/stats2.db" "$held")" = 1 ] &&
	run twinreg --db "$T/stats2.db" --busy-timeout 200 import "$DATA/query-sister-cities.csv" &&
	check "the lock still held after" [ "$(sql "$T/stats2.db" "$held")" = 1 ] &&
	sql "$T/stats2.db" "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '"'"'%pg_sleep(60)%'"'"' AND pid <> pg_backend_pid()" > /dev/null &&
	wait &&
	expect_status 0 &&
	expect_err_has "added" &&
	check "the ties there" [ "$(sql "$T/stats2.db" "SELECT count(*) > 0 FROM agreements")" = t ] &&
	check "no statistics" [ -z "$(stats "$T/stats2.db")" ]
'

test_case 'a copy to an empty register gives the planner its statistics' '
	many_ties 1200 > "$T/many.csv" &&
	f3=$T/many.db &&
	"$TWR_PG_REAL" --db "$f3" -q init &&
	"$TWR_PG_REAL" --db "$f3" -q import "$T/many.csv" &&
	fresh_stats "$T/stats3.db" &&
	run "$TWR_PG_REAL" --db "$f3" copy --to "$(pg_url "$T/stats3.db")" &&
	expect_status 0 &&
	check "the ties and the search index analyzed" [ "$(stats "$T/stats3.db")" = "agreements search_docs search_terms" ]
'

test_case 'an office imports its own ties, new partners and all, row by row' '
	printf "municipality,municipality_country,sister_city,sister_city_country,signed_on\nÇekmeköy,TR,Ohrid,MK,2019\nÇekmeköy,TR,Bitola,MK,2020\nÇekmeköy,TR,Struga,MK,2021\n" > "$T/own.csv" &&
	run twinreg --db "$ua" import "$T/own.csv" &&
	expect_status 0 &&
	expect_err_has "3 rows from 1 file: 3 added" &&
	run twinreg --db "$db" -f tsv --no-header list --municipality Çekmeköy --sort partner --columns partner &&
	expect_out_has "Bitola" &&
	expect_out_has "Struga"
'

test_case 'an office'"'"'s import with a row it may not write names the row, and writes nothing' '
	printf "municipality,municipality_country,sister_city,sister_city_country,signed_on\nÇekmeköy,TR,Kumanovo,MK,2019\nEsenyurt,TR,Kumanovo,MK,2020\n" > "$T/mixed.csv" &&
	snap before &&
	run twinreg --db "$ua" import "$T/mixed.csv" &&
	expect_status 77 &&
	expect_err_has "twinreg: $T/mixed.csv:3:1: role '"'"'$ra'"'"' may not change this" &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_out_empty &&
	same_as before
'

test_case 'an office changes, deletes and undoes the actors it added, and no other office'"'"'s' '
	printf "municipality,municipality_country,sister_city,sister_city_country,signed_on\nÇekmeköy,TR,Prilep,MK,2022\n" > "$T/prilep.csv" &&
	snap before &&
	run twinreg --db "$ua" import "$T/prilep.csv" &&
	expect_status 0 &&
	expect_err_has "1 actor created" &&
	batch=$(pg_val "SELECT max(id) FROM batches") &&
	run twinreg --db "$ua" undo-import "$batch" &&
	expect_status 0 &&
	run twinreg --db "$db" -f tsv --no-header list actors --country MK --columns name &&
	expect_out_lacks "Prilep" &&
	run twinreg --db "$ua" -q add actor --name Kicevo --country MK &&
	expect_status 0 &&
	made=$(cat "$T/out") &&
	run twinreg --db "$ua" update "$made" --name Kičevo --aliases Kicevo &&
	expect_status 0 &&
	run twinreg --db "$ub" update "$made" --notes "not theirs" &&
	expect_status 77 &&
	run psql_as $rb "INSERT INTO made_actors VALUES($made, '"'"'$rb'"'"')" &&
	expect_status 1 &&
	esen=$(pg_val "SELECT id FROM actors WHERE name = '"'"'Esenyurt'"'"'") &&
	run psql_as $ra "INSERT INTO made_actors VALUES($esen, '"'"'$ra'"'"')" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run twinreg --db "$db" search kicevo &&
	expect_out_has "Kičevo" &&
	run twinreg --db "$ua" delete "$made" &&
	expect_status 0 &&
	run twinreg --db "$db" -f tsv --no-header list actors --country MK --columns name &&
	expect_out_lacks "Kičevo"
'

test_case 'an office cannot tie its activity to another office'"'"'s tie, nor forge history' '
	snap before &&
	run psql_as $ra "INSERT INTO activities(id, actor_id, type, title, tie_id) SELECT 99999, id, '"'"'visit'"'"', '"'"'On their tie'"'"', $tie_esen FROM actors WHERE name = '"'"'Çekmeköy'"'"'" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run psql_as $ra "INSERT INTO history(change_id, record_id, action) VALUES(1, $tie_esen, '"'"'update'"'"')" &&
	expect_status 1 &&
	expect_err_has "row-level security" &&
	run psql_as $ra "UPDATE search_total SET docs = 0" &&
	expect_status 1 &&
	run psql_as $ra "UPDATE meta SET value = 99 WHERE key = '"'"'schema_version'"'"'" &&
	expect_status 0 &&
	same_as before
'
