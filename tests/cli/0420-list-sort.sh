# --sort on each allowed field of each kind, ascending and descending
# ('-FIELD'), several fields, and ties broken by id (stable output).
# Names sort in Turkish order (0435-turkish-order.sh has the details).
# Query fixture registry: ids in 0405-list-fixture.sh.
query_fixture

# Every allowed field of agreements is accepted and keeps all rows.
test_case 'every allowed sort field of every kind keeps all rows' '
	for f in id kind party municipality name partner sister_city country \
		party_country municipality_country partner_country sister_city_country \
		signed signed_on signed_place date status; do
		for s in "$f" "-$f"; do
			run q list --sort "$s" -f tsv --no-header &&
			expect_status 0 &&
			expect_lines 14 || return 1
		done || return 1
	done &&
	for f in id member municipality name network country member_country \
		network_country status since date until roles; do
		for s in "$f" "-$f"; do
			run q list memberships --sort "$s" -f tsv --no-header &&
			expect_status 0 &&
			expect_lines 4 || return 1
		done || return 1
	done &&
	for f in id name country kind name_en parent; do
		for s in "$f" "-$f"; do
			run q list actors --sort "$s" -f tsv --no-header &&
			expect_status 0 &&
			expect_lines 40 || return 1
		done || return 1
	done
'

# Agreements.
test_case 'agreements sort on each field, either way, ties by id' '
	all="41 42 43 44 45 46 47 48 49 50 51 52 53 54" &&
	expect_ids "$all" list --sort id &&
	expect_ids "54 53 52 51 50 49 48 47 46 45 44 43 42 41" list --sort -id &&
	expect_ids "53 54 52 41 42 43 44 45 46 47 48 49 50 51" list --sort kind &&
	expect_ids "41 42 43 44 45 46 47 48 49 50 51 52 54 53" list --sort -kind &&
	# parties: Beyoğlu, Çekmeköy, Esenyurt, İnegöl, İstanbul, İzmir,
	# Kırklareli, Küçükçekmece, Marmara..., Sarıyer
	expect_ids "41 42 54 43 44 45 50 51 48 53 49 47 52 46" list --sort party &&
	expect_ids "41 42 54 43 44 45 50 51 48 53 49 47 52 46" list --sort municipality &&
	expect_ids "46 52 47 49 48 53 51 50 44 45 43 41 42 54" list --sort -party &&
	# partners: ALDA, Brčko, Genova x2, Győr x2, Sarajevo, Skopje,
	# Székesfehérvár, Vogošća, Žabljak, then Greek, Cyrillic, CJK
	expect_ids "52 46 41 53 47 54 45 44 50 43 49 48 51 42" list --sort partner &&
	expect_ids "42 51 48 49 43 50 44 45 47 54 41 53 46 52" list --sort -partner &&
	expect_ids "41 42 43 44 45 46 47 48 49 50 51" list sister-cities --sort id &&
	expect_ids "41 42 43 44 45 50 51 48 49 47 46" list sister-cities --sort municipality &&
	expect_ids "46 41 47 45 44 50 43 49 48 51 42" list sister-cities --sort sister_city &&
	# dates: undated first, then by date at any precision (2016 < 2016-06)
	expect_ids "47 51 46 48 41 53 50 43 45 44 49 42 52 54" list --sort signed_on &&
	expect_ids "47 51 46 48 41 53 50 43 45 44 49 42 52 54" list --sort date &&
	expect_ids "54 52 42 49 44 45 43 50 53 41 48 46 51 47" list --sort -signed_on &&
	expect_ids "54 52 42" list --sort -signed --limit 3 &&
	# status: active, dormant, ended, planned; ties by id
	expect_ids "41 42 43 45 48 49 50 51 52 53 54 44 46 47" list --sort status &&
	expect_ids "47 46 44 41 42 43 45 48 49 50 51 52 53 54" list --sort -status &&
	expect_ids "41 42 43 44 45 46 47 48 49 50 51 53 54 52" list --sort signed_place &&
	# partner countries: BA BA BA FR GR HU HU HU IT IT JP ME MK RU
	expect_ids "43 45 46 52 48 47 50 54 41 53 42 49 44 51" list --sort partner_country &&
	expect_ids "41 42 43 44 45 46 47 48 49 50 51 52 53 54" list --sort party_country &&
	# several fields: municipality, then newest first
	expect_ids "42 41 43 44 45 50 51 48 49 47 46" list sister-cities --sort municipality,-signed_on &&
	expect_ids "41 42 43 45 44 50 51 48 49 47 46" list sister-cities --sort municipality,signed_on &&
	expect_ids "42 41 54" list --municipality beyoglu --sort -kind,-signed_on
'

# Memberships: 55 MBB-NALAS full 2008, 56 MBB-ALDA member 2017,
# 57 Sarıyer-UCLG-MEWA member 2014-05, 58 İzmir-EUROCITIES observer
# 2010-2015.
test_case 'memberships sort on each field' '
	expect_ids "58 57 56 55" list memberships --sort -id &&
	expect_ids "58 55 56 57" list memberships --sort member &&
	expect_ids "57 55 56 58" list memberships --sort -member &&
	expect_ids "56 58 55 57" list memberships --sort network &&
	expect_ids "57 55 58 56" list memberships --sort -network &&
	expect_ids "55 58 57 56" list memberships --sort since &&
	expect_ids "56 57 58 55" list memberships --sort -since &&
	expect_ids "55 56 57 58" list memberships --sort until &&
	expect_ids "58 55 56 57" list memberships --sort -until &&
	expect_ids "55 56 57 58" list memberships --sort status &&
	expect_ids "58 56 57 55" list memberships --sort -status &&
	expect_ids "58 56 55 57" list memberships --sort network_country
'

# Actors.
test_case 'actors sort on each field' '
	expect_ids "40 39 38" list actors --sort -id --limit 3 &&
	expect_ids "29 27 28 40 37 34 32 33 25 26 36 31 38 30 35" \
		list actors --sort country,name --limit 15 &&
	expect_ids "1 2 3 4 5" list actors --sort -country --limit 5 &&
	expect_ids "2 3 4 5 6 7 8 36" list actors --sort kind --limit 8 &&
	expect_ids "24 37 38 39 40" list actors --sort -kind --limit 5 &&
	expect_ids "17 25 2 29 36" list actors --sort name_en --limit 5 &&
	# without a parent first (by id), then the children of İstanbul
	expect_ids "1 9 10" list actors --sort parent --limit 3 &&
	expect_ids "2 3 4 5 6 7 8" list actors --sort -parent --limit 7
'
