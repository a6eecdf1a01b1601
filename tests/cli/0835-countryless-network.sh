# A network may have no country (import and add accept a membership whose
# network_country is empty); its registry still round-trips: export,
# import into an empty registry, export gives the same bytes.
db=$T/r.db
new_registry "$db"
printf '%s\n' \
	'member,member_country,network,network_country,status,since' \
	'Kadıköy,TR,Eurocities,,full,2010' \
	'Beşiktaş,TR,"Ağ, ""yeni""",,,2012-04' > "$T/m.csv"
twinreg --db "$db" -q import "$T/m.csv"
twinreg --db "$db" -q add membership --member Sarıyer --member-country TR \
	--network "Yeni Ağ" --since 2015 > /dev/null

test_case 'the networks have no country and are networks' '
	run twinreg --db "$db" -f tsv --no-header list actors --columns name,country,kind &&
	expect_status 0 &&
	expect_out_has "$(printf "Eurocities\t\tnetwork")" &&
	expect_out_has "$(printf "Yeni Ağ\t\tnetwork")"
'

test_case 'export, import into an empty registry, export: the same bytes' '
	run twinreg --db "$db" export -o "$T/a" &&
	expect_status 0 &&
	new_registry "$T/copy.db" &&
	run twinreg --db "$T/copy.db" import "$T/a" &&
	expect_status 0 &&
	run twinreg --db "$T/copy.db" export -o "$T/b" &&
	expect_status 0 &&
	check "the same bytes" diff -r "$T/a" "$T/b"
'

# Each file alone, actors first, and with ; and --bom.
test_case 'kind by kind, and with --bom --delimiter ;, the same' '
	new_registry "$T/k.db" &&
	run twinreg --db "$T/k.db" import "$T/a/actors.csv" &&
	expect_status 0 &&
	run twinreg --db "$T/k.db" import "$T/a/memberships.csv" &&
	expect_status 0 &&
	rm -rf "$T/c" &&
	twinreg --db "$T/k.db" export -o "$T/c" &&
	check "kind by kind: the same bytes" diff -r "$T/a" "$T/c" &&
	rm -rf "$T/s" "$T/s2" &&
	twinreg --db "$db" --bom --delimiter ";" export -o "$T/s" &&
	new_registry "$T/s.db" &&
	run twinreg --db "$T/s.db" import "$T/s" &&
	expect_status 0 &&
	twinreg --db "$T/s.db" --bom --delimiter ";" export -o "$T/s2" &&
	check "with ; and --bom: the same bytes" diff -r "$T/s" "$T/s2"
'

# Only a network may lack a country.
test_case 'an actor that is no network still needs a country' '
	printf "name,country,kind\nYersiz,,district\n" > "$T/a.csv" &&
	snap before &&
	run twinreg --db "$db" import "$T/a.csv" &&
	expect_status 65 &&
	check "nothing imported" same_as before
'
