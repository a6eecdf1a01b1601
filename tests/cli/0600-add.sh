# add: one record from flags, with the rules and messages of import.
db=$T/r.db
twinreg --db "$db" init -q
twinreg --db "$db" -q --by setup import "$DATA/edit-actors.csv"
twinreg --db "$db" -q --by setup import "$DATA/edit-sister-cities.csv"

# The registry as SQL text, to show that a refused command wrote nothing.
# The id of an actor by its exact name.

# A sister city between two known actors: the new id and nothing else on
# stdout, nothing on stderr (no actor had to be created).
test_case 'add prints the new id alone and stores every field given' '
	run twinreg --db "$db" add sister-city --municipality Beyoğlu \
		--municipality-country TR --sister-city Kotor --sister-city-country ME \
		--signed-on 2015-06-01 --topics "culture;youth" &&
	expect_status 0 &&
	expect_err_empty &&
	check "stdout is one id" grep -Eqx "[0-9]+" "$T/out" &&
	expect_lines 1 &&
	sc=$(cat "$T/out") &&
	run twinreg --db "$db" -f csv show "$sc" &&
	expect_status 0 &&
	expect_out_has "record,municipality,Beyoğlu" &&
	expect_out_has "record,sister_city,Kotor" &&
	expect_out_has "record,sister_city_country,ME" &&
	expect_out_has "record,signed_on,2015-06-01" &&
	expect_out_has "record,topics,culture;youth" &&
	expect_out_has "record,status,active"
'

# --FIELD=VALUE, '_' in field names, Turkish dates, kinds and countries.
test_case '--FIELD=VALUE, _ in names, Turkish dates, kinds and countries' '
	run twinreg --db "$db" add partnership --party=Sarıyer --party_country=Türkiye \
		--partner Napoli --partner_country=Italy --kind="iyi niyet protokolü" \
		--signed_on "13 Aralık 2010" --signed-place Napoli &&
	expect_status 0 &&
	expect_err_empty &&
	pa=$(cat "$T/out") &&
	check "a partnership id is a number" grep -Eqx "[0-9]+" "$T/out" &&
	check "a new id" test "$pa" != "$sc" &&
	run twinreg --db "$db" -f csv show "$pa" &&
	expect_out_has "record,kind,goodwill" &&
	expect_out_has "record,signed_on,2010-12-13" &&
	expect_out_has "record,party_country,TR" &&
	expect_out_has "record,partner_country,IT" &&
	expect_out_has "record,signed_place,Napoli"
'

# Actors the add names and the registry lacks are created, and said so on
# stderr; stdout stays the id alone.
test_case 'actors the registry lacks are created and said so, not with -q' - <<\END
	run twinreg --db "$db" add sister-city --municipality Kadıköy \
		--municipality-country TR --sister-city Bitola --sister-city-country MK \
		--signed-on 1998 &&
	expect_status 0 &&
	expect_lines 1 &&
	check "stdout is one id" grep -Eqx '[0-9]+' "$T/out" &&
	expect_err_has "created actor" &&
	expect_err_has "'Kadıköy' (TR)" &&
	expect_err_has "'Bitola' (MK)" &&
	check "Kadıköy is an actor now" test -n "$(aid Kadıköy)" &&
	check "Bitola is an actor now" test -n "$(aid Bitola)" &&
	# ... and -q keeps that note off stderr.
	run twinreg --db "$db" -q add membership --member Kadıköy --member-country TR \
		--network EUROCITIES --network-country BE --since 2004 --status full &&
	expect_status 0 &&
	expect_err_empty &&
	check "stdout is one id" grep -Eqx '[0-9]+' "$T/out" &&
	check "EUROCITIES is an actor now" test -n "$(aid EUROCITIES)"
END

# An actor, with aliases and a parent that exists.
test_case 'an actor with aliases and a known parent' - <<\END
	run twinreg --db "$db" add actor --name Üsküdar --country TR --kind district \
		--aliases 'Uskudar;Scutari' --parent İstanbul &&
	expect_status 0 &&
	expect_err_empty &&
	us=$(cat "$T/out") &&
	check "Üsküdar has the printed id" test "$(aid Üsküdar)" = "$us" &&
	run twinreg --db "$db" -f csv show "$us" &&
	expect_out_has 'record,parent,"İstanbul (TR' &&
	expect_out_has 'Scutari' &&
	run twinreg --db "$db" -f csv --no-header list actors &&
	expect_out_has "$us,Üsküdar,TR,district"
END

# An actor named as parent that the registry lacks is created too (as a
# party is), not refused with a message about a parent loop.
test_case 'a parent the registry lacks is created too' - <<\END
	run twinreg --db "$db" add actor --name Karşıyaka --country TR --kind district \
		--parent İzmir &&
	expect_status 0 &&
	expect_err_has "'İzmir'" &&
	check "İzmir is an actor now" test -n "$(aid İzmir)"
END

# Bad values: 65, one error naming the --field and what was expected,
# nothing on stdout, nothing written.  (Every refused command below is
# preceded by a snapshot of the registry.)
test_case 'bad values are 65, naming the --field, and write nothing' '
	snap before.sql &&
	run twinreg --db "$db" add sister-city --municipality Sarıyer \
		--municipality-country TR --sister-city Budva --sister-city-country ME \
		--signed-on 2011-02-30 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "twinreg: --signed-on: " &&
	expect_err_has "2011-02-30" &&
	check "bad date: nothing written" same_as before.sql &&

	snap before.sql &&
	run twinreg --db "$db" add sister-city --municipality Sarıyer \
		--municipality-country TR --sister-city Budva --sister-city-country XQ &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "twinreg: --sister-city-country: unknown country" &&
	expect_err_has "XQ" &&
	check "unknown country: nothing written (no actor either)" same_as before.sql &&

	snap before.sql &&
	run twinreg --db "$db" add sister-city --municipality Sarıyer \
		--municipality-country TR --sister-city Budva &&
	expect_status 65 &&
	expect_out_empty &&
	check "the error names --sister-city-country" \
		grep -Eq "missing --sister[-_]city[-_]country" "$T/err" &&
	check "missing field: nothing written" same_as before.sql &&

	snap before.sql &&
	run twinreg --db "$db" add partnership --party Sarıyer --party-country TR \
		--partner Budva --partner-country ME --kind kardeş &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "twinreg: --kind: unknown agreement kind" &&
	check "bad kind: nothing written" same_as before.sql &&

	snap before.sql &&
	run twinreg --db "$db" add membership --member Sarıyer --member-country TR \
		--network NALAS --status honorary &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "twinreg: --status: " &&
	check "bad status: nothing written" same_as before.sql &&

	snap before.sql &&
	run twinreg --db "$db" add actor --name Budva &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "missing --country" &&
	check "actor without country: nothing written" same_as before.sql &&

	snap before.sql &&
	run twinreg --db "$db" add actor --name Budva --country ME --kind spaceport &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "twinreg: --kind: " &&
	check "bad actor kind: nothing written" same_as before.sql
'

# One code path: the same bad values give import's messages, with the
# --field where import gives file:line:column.
test_case 'the messages of add are those of import' - <<\END
	printf 'municipality,municipality_country,sister_city,sister_city_country,signed_on,status\nSarıyer,TR,Budva,XQ,2011-02-30,weird\n' > "$T/bad.csv" &&
	"$TWINREG" --db "$db" import "$T/bad.csv" 2>&1 |
		sed -n 's/^twinreg: [^ ]*bad\.csv:2:[0-9]*: /twinreg: FIELD: /p' > "$T/import.err"
END

test_case 'an identity already there is refused, naming the record, in either order' - <<\END
	snap before.sql &&
	run twinreg --db "$db" add sister-city --municipality Sarıyer \
		--municipality-country TR --sister-city Budva --sister-city-country XQ \
		--signed-on 2011-02-30 --status weird &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'twinreg: --sister-city-country: ' &&
	expect_err_has 'twinreg: --signed-on: ' &&
	expect_err_has 'twinreg: --status: ' &&
	sed -n 's/^twinreg: --[a-z_-]*: /twinreg: FIELD: /p' "$T/err" > "$T/add.err" &&
	check "import found three errors" test "$(wc -l < "$T/import.err")" = 3 &&
	check "add's messages are import's" cmp -s "$T/import.err" "$T/add.err" &&
	check "three bad values: nothing written" same_as before.sql
END

# The same identity again is refused, naming the record there.
test_case 'an existing actor is refused; the same name in another country is another actor' '
	snap before.sql &&
	run twinreg --db "$db" add sister-city --municipality beyoglu \
		--municipality-country TUR --sister-city KOTOR --sister-city-country Karadağ \
		--signed-on 2015-06-01 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "record $sc " &&
	check "existing identity: nothing written" same_as before.sql
'
# add actor of one already there names it as the registry has it (another
# spelling finds it), with its country, in English and in Turkish.
test_case 'add actor of an actor already there names it and its country' - <<\END
	snap before.sql &&
	id=$(twinreg --db "$db" -f csv --no-header list actors --columns id,name | tr -d '\r' |
	    sed -n 's/,Sarıyer$//p') &&
	check "Sarıyer has an id" test -n "$id" &&
	run twinreg --db "$db" add actor --name sariyer --country TR &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "twinreg: --name: actor $id is already 'Sarıyer' in TR; change it with 'twinreg update $id'" &&
	run env LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$db" add actor --name Sarıyer --country TR &&
	expect_status 65 &&
	expect_err_has "twinreg: --name: $id numaralı kurum zaten 'Sarıyer' adıyla kayıtlı, ülke: TR; değiştirmek için: 'twinreg update $id'" &&
	check "refused: nothing written" same_as before.sql &&
	twinreg --db "$db" -q add actor --name Foonet --kind network > /dev/null &&
	snap before.sql &&
	run twinreg --db "$db" add actor --name FOONET --kind network &&
	expect_status 65 &&
	expect_err_has "is already 'Foonet', of no country; change it with" &&
	check "refused: nothing written" same_as before.sql
END

# Either order of the parties is the same agreement.
test_case 'usage errors are 64 and write nothing' - <<\END
	snap before.sql &&
	run twinreg --db "$db" add sister-city --municipality Kotor \
		--municipality-country ME --sister-city Beyoğlu --sister-city-country TR \
		--signed-on 2015-06-01 &&
	expect_status 65 &&
	expect_err_has "record $sc " &&
	check "parties swapped: nothing written" same_as before.sql &&
	# An actor's identity is its name and country.
	snap before.sql &&
	run twinreg --db "$db" add actor --name sarıyer --country TUR &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "actor $(aid Sarıyer) " &&
	check "existing actor: nothing written" same_as before.sql &&
	# Same name in another country is another actor.
	run twinreg --db "$db" add actor --name Sarıyer --country CY &&
	expect_status 0 &&

	# Usage errors: 64, a pointer to help, nothing written.
	snap before.sql &&
	run twinreg --db "$db" add sister-city --municipality Sarıyer \
		--municipality-country TR --sister-city Budva --sister-city-country ME \
		--colour red &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "unknown field '--colour'" &&
	expect_err_has "twinreg help add" &&
	check "unknown field: nothing written" same_as before.sql &&

	snap before.sql &&
	run twinreg --db "$db" add actor --name Budva --country ME --website &&
	expect_status 64 &&
	expect_out_empty &&
	check "field without value: nothing written" same_as before.sql &&

	snap before.sql &&
	run twinreg --db "$db" add town --name Budva --country ME &&
	expect_status 64 &&
	expect_out_empty &&
	check "unknown record kind: nothing written" same_as before.sql &&

	run twinreg --db "$db" add &&
	expect_status 64 &&
	expect_out_empty &&

	# A field of another kind of record is unknown here.
	snap before.sql &&
	run twinreg --db "$db" add actor --name Budva --country ME --signed-on 2001 &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "'--signed-on'" &&
	check "field of another kind: nothing written" same_as before.sql
END

# No registry: 66, and none created.
test_case 'without a registry add is 66 and creates none' '
	run twinreg --db "$T/none.db" add actor --name Budva --country ME &&
	expect_status 66 &&
	expect_out_empty &&
	check "no registry created by add" test ! -e "$T/none.db"
'

# Each add is one change in the history, with who made it.
test_case 'each add is one change in the history, with who made it' '
	run twinreg --db "$db" --by "Ayşe Yılmaz" add actor --name Tivat --country ME &&
	expect_status 0 &&
	bu=$(cat "$T/out") &&
	run twinreg --db "$db" -f csv log "$bu" &&
	expect_status 0 &&
	expect_out_has ",Ayşe Yılmaz,add," &&
	expect_lines 2
'
