# Every filter of SPEC on the query fixture registry (ids: see
# 0405-list-fixture.sh), each with a match and a no-match. Sister
# cities 41-51, partnerships 52-54, memberships 55-58.
query_fixture

# Default: all, by id.
test_case 'by default every record of the kind, by id' '
	expect_ids "41 42 43 44 45 46 47 48 49 50 51 52 53 54" list &&
	expect_ids "41 42 43 44 45 46 47 48 49 50 51" list sister-cities &&
	expect_ids "52 53 54" list partnerships &&
	expect_ids "55 56 57 58" list memberships
'

# --municipality: either party of an agreement (also a third party),
# or the member of a membership.
test_case '--municipality is either party, or the member' '
	expect_ids "41 42 54" list --municipality Beyoğlu &&
	expect_ids "41 53" list --municipality Genova &&
	expect_ids "52" list --municipality NALAS &&
	expect_ids "" list --municipality Agrigento &&
	expect_err_empty &&
	expect_ids "41 42" list sister-cities --municipality Beyoğlu &&
	expect_ids "54" list partnerships --municipality Beyoğlu &&
	expect_ids "55 56" list memberships --municipality "Marmara Belediyeler Birliği" &&
	expect_ids "" list memberships --municipality Beyoğlu &&
	# the network is not the member
	expect_ids "" list memberships --municipality ALDA &&
	# actors by name
	expect_ids "26" list actors --municipality Genova
'

# --partner: with --municipality, ties between the two in either order.
test_case '--partner with --municipality: ties between the two in either order' '
	expect_ids "41 53" list --partner Genova &&
	expect_ids "41" list --municipality Beyoğlu --partner Genova &&
	expect_ids "41" list --municipality Genova --partner Beyoğlu &&
	expect_ids "" list --municipality Sarıyer --partner Genova &&
	expect_ids "56" list memberships --partner ALDA &&
	expect_ids "" list memberships --partner Sarajevo
'

# --network (memberships).
test_case '--network' '
	expect_ids "55" list memberships --network NALAS &&
	expect_ids "57" list memberships --network UCLG-MEWA &&
	expect_ids "" list memberships --network Sarajevo
'

# --country: either party's country; the network's country too.
test_case '--country is either party or the network' '
	expect_ids "47 50 54" list --country HU &&
	expect_ids "41 53" list --country IT &&
	expect_ids "" list --country FI &&
	expect_ids "41 42 43 44 45 46 47 48 49 50 51 52 53 54" list --country TR &&
	expect_ids "52" list partnerships --country FR &&
	expect_ids "58" list memberships --country BE &&
	expect_ids "" list memberships --country DE &&
	expect_ids "27 28 29" list actors --country BA &&
	expect_ids "" list actors --country FI
'

# --kind: an agreement kind (a Turkish term too), or an actor kind.
test_case '--kind takes an agreement kind, a Turkish term or an actor kind' '
	expect_ids "54" list --kind friendship &&
	expect_ids "53" list --kind cooperation_protocol &&
	expect_ids "" list --kind goodwill &&
	expect_ids "41 42 43 44 45 46 47 48 49 50 51" list --kind "kardeş şehir" &&
	expect_ids "37 38 39 40" list actors --kind network &&
	expect_ids "24" list actors --kind union &&
	expect_ids "" list actors --kind region
'

# --status.
test_case '--status' '
	expect_ids "46" list --status ended &&
	expect_ids "47" list --status planned &&
	expect_ids "44" list --status dormant &&
	expect_ids "41 42 43 45 48 49 50 51 52 53 54" list --status active &&
	expect_ids "58" list memberships --status observer &&
	expect_ids "55" list memberships --status full &&
	expect_ids "" list memberships --status associate
'

# --year: signed in that year; memberships: begun in it.
test_case '--year: signed, or begun, in that year' '
	expect_ids "42 49" list --year 2016 &&
	expect_ids "54" list --year 2020 &&
	expect_ids "" list --year 1990 &&
	expect_ids "57" list memberships --year 2014 &&
	expect_ids "" list memberships --year 2009
'

# --from / --to: signed in the span, both ends included, at any
# precision (2016 and 2016-06 are in 2016).
test_case '--from and --to: signed in the span, at any precision' '
	expect_ids "42 44 49 52 54" list --from 2015 &&
	expect_ids "46 48 51" list --to 2000 &&
	expect_ids "41 53" list --from 2001-05-10 --to 2005-07-01 &&
	expect_ids "42 49" list --from 2016 --to 2016 &&
	expect_ids "51" list --from 09.07.1997 --to 1997-07-09 &&
	expect_ids "" list --from 2021 &&
	expect_ids "" list --from 2002 --to 2004 &&
	expect_ids "57 58" list memberships --from 2010 --to 2014 &&
	expect_ids "" list memberships --from 2018
'

# --as-of: in force on that day: signed by then, not ended by then,
# not planned.
test_case '--as-of: in force on that day' '
	expect_ids "41 46 48 51" list --as-of 2005-01-01 &&
	expect_ids "41 46 48 51 53" list --as-of 2005-07-01 &&
	expect_ids "41 48 50 51 53" list --as-of 2011-01-01 &&
	expect_ids "46 51" list --as-of 1999-01-01 &&
	expect_ids "" list --as-of 1990 &&
	expect_ids "55 58" list memberships --as-of 2012 &&
	expect_ids "55 57" list memberships --as-of 2016 &&
	expect_ids "" list memberships --as-of 2007
'

# --topic: one of the agreement's topics, any case.
test_case '--topic: one of the topics, any case' '
	expect_ids "41 42 48 53" list --topic culture &&
	expect_ids "41 42 48 53" list --topic CULTURE &&
	expect_ids "54" list --topic archery &&
	expect_ids "52" list --topic "local democracy" &&
	expect_ids "" list --topic port &&
	expect_ids "" list --topic music
'

# --limit: the first N of the order.
test_case '--limit: the first N of the order' '
	expect_ids "41 42" list --limit 2 &&
	expect_ids "41 42 43 44 45 46 47 48 49 50 51 52 53 54" list --limit 100 &&
	expect_ids "55" list memberships --limit 1 &&
	expect_ids "1 2 3" list actors --limit 3
'

# Filters combine (all must hold).
test_case 'filters combine' '
	expect_ids "41" list --country IT --year 2001 &&
	expect_ids "" list --country IT --year 2016 &&
	expect_ids "48 53" list --municipality izmir --topic ports --status active &&
	expect_ids "53" list partnerships --municipality izmir --kind cooperation_protocol --as-of 2010 &&
	expect_ids "49 42" list --year 2016 --sort -id
'
