# `list` of each kind on a small registry built with `twinreg import`
# from tests/data/query-*.csv. The ids the import gives (used by the
# 04xx tests):
#   actors 1-40 in file order: 1 İstanbul, 2 Beyoğlu, 3 Çekmeköy,
#     4 Esenyurt, 5 Sarıyer, 6 Küçükçekmece, 9 İzmir, 10 Ilgaz,
#     11 Isparta, 18 Ordu, 19 Orduzu, 24 Marmara Belediyeler Birliği,
#     25 Agrigento, 26 Genova, 27 Sarajevo, 28 Vogošća, 29 Brčko,
#     30 Skopje, 31 Žabljak, 32 Győr, 33 Székesfehérvár, 34 Θεσσαλονίκη,
#     35 Москва, 36 文京区, 37 ALDA, 38 NALAS, 39 UCLG-MEWA, 40 EUROCITIES
#   sister cities 41-51, partnerships 52-54, memberships 55-58.
test_case 'the query fixture is imported with the ids the 04xx tests use' '
	qdb=$T/q.db &&
	q init -q &&
	run q --by tester import "$DATA/query-actors.csv" "$DATA/query-sister-cities.csv" \
		"$DATA/query-partnerships.csv" "$DATA/query-memberships.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "58 rows from 4 files: 58 added"
'

# No word: every agreement (sister cities and the others), by id.
test_case 'each kind lists in its table format' '
	run q list &&
	expect_status 0 &&
	expect_err_empty &&
	expect_stdout query-list.table &&
	run q list sister-cities &&
	expect_status 0 &&
	expect_stdout query-list-sister-cities.table &&
	run q list partnerships &&
	expect_status 0 &&
	expect_stdout query-list-partnerships.table &&
	run q list memberships &&
	expect_status 0 &&
	expect_stdout query-list-memberships.table &&
	# Actors: only the Istanbul districts have a parent (query-actors.csv).
	run q list actors &&
	expect_status 0 &&
	expect_stdout query-list-actors.table
'

# The words are the only kinds; anything else is a usage error.
test_case 'a word that is no kind is a usage error' '
	run q list sister-city &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "sister-city" &&
	run q list agreements extra &&
	expect_status 64 &&
	expect_out_empty
'

# An empty registry lists nothing, with status 0 (a header in table).
test_case 'an empty registry lists nothing, with status 0' '
	e=$T/empty.db &&
	"$TWINREG" --db "$e" init -q &&
	for k in "" sister-cities partnerships memberships actors; do
		run twinreg --db "$e" list $k -f csv --no-header &&
		expect_status 0 &&
		expect_out_empty &&
		expect_err_empty &&
		run twinreg --db "$e" list $k -f json &&
		expect_out "[]" &&
		run twinreg --db "$e" list $k -f jsonl &&
		expect_out_empty || return 1
	done &&
	run twinreg --db "$e" list &&
	expect_lines 2 &&
	expect_out_has "id  kind"
'
