# --country takes an ISO 3166-1 code (alpha-2 or alpha-3), the English
# or the Turkish name, with or without hyphens, case and diacritics,
# and the older names the seeds use (Makedonya); an unknown country is
# a usage error (64) that suggests the nearest names.

# Bosnia and Herzegovina: Srebrenica 91, Vogošća 98, Brčko 103, Fojnica 112.
test_case 'every code and name of a country is that country' - <<\END
	ba="91 98 103 112" &&
	for c in BA ba BIH bih "Bosnia and Herzegovina" "bosnia and herzegovina" \
		"BOSNIA AND HERZEGOVINA" Bosna-Hersek bosna-hersek "Bosna Hersek" \
		"bosna hersek" "BOSNA HERSEK" "BOSNA-HERSEK"; do
		check "--country '$c' is BA" test "$(ids_of --sample list --country "$c")" = "$ba" || return 1
	done &&
	# North Macedonia: Veles 82, Dojran 97, Skopje 104.
	mk="82 97 104" &&
	for c in MK mk MKD "North Macedonia" "north macedonia" "Kuzey Makedonya" \
		"kuzey makedonya" kuzey-makedonya Makedonya makedonya MAKEDONYA Macedonia; do
		check "--country '$c' is MK" test "$(ids_of --sample list --country "$c")" = "$mk" || return 1
	done &&
	# Hungary (Macaristan): Pécs 95, Józsefváros 105, Kispest 109.
	for c in HU HUN Hungary Macaristan MACARİSTAN macaristan; do
		check "--country '$c' is HU" test "$(ids_of --sample list --country "$c")" = "95 105 109" || return 1
	done &&
	# Turkish letters folded: Karadağ, Güney Kore, Yunanistan, Kırgızistan.
	check "Güney Kore" test "$(ids_of --sample list --country "guney kore")" = 120 &&
	check "GÜNEY KORE" test "$(ids_of --sample list --country "GÜNEY KORE")" = 120 &&
	check "South Korea" test "$(ids_of --sample list --country "South Korea")" = 120 &&
	check "KOR" test "$(ids_of --sample list --country KOR)" = 120 &&
	check "Yunanistan" test "$(ids_of --sample list --country Yunanistan)" = 81 &&
	check "yunanistan" test "$(ids_of --sample list --country yunanistan)" = 81 &&
	check "Kırgızistan" test "$(ids_of --sample list --country kirgizistan)" = 84 &&
	check "Japonya" test "$(ids_of --sample list --country japonya)" = 93 &&
	check "Kosta Rika" test "$(ids_of --sample list --country "Kosta Rika")" = 85 &&
	check "Kostarika (the seed's spelling)" test "$(ids_of --sample list --country Kostarika)" = 85 &&
	# The user-assigned code of the TRNC, and its names.
	for c in XN "Kuzey Kıbrıs Türk Cumhuriyeti" KKTC "kuzey kibris turk cumhuriyeti" \
		TRNC "Turkish Republic of Northern Cyprus"; do
		check "--country '$c' is the TRNC" test "$(ids_of --sample list --country "$c")" = "96 118" || return 1
	done &&
	# Türkiye: every agreement has a Turkish party.
	for c in TR TUR Türkiye TÜRKİYE turkiye TURKIYE Turkey; do
		check "--country '$c' is TR" test "$(ids_of --sample list --country "$c" --limit 2)" = "80 81" || return 1
	done
END
# Kosovo is accepted, no tie there.
test_case 'Kosovo is accepted' '
	run twinreg --sample list --country XK -f csv --no-header &&
	expect_status 0 &&
	expect_out_empty &&
	run twinreg --sample list --country Kosova -f csv --no-header &&
	expect_status 0 &&
	expect_out_empty
'
# Memberships and actors too.
test_case 'memberships and actors take --country too' - <<\END
	check "memberships in BE networks" \
		test "$(ids_of --sample list memberships --country Belçika)" = "127 129" &&
	check "actors in Bosna Hersek" \
		test "$(ids_of --sample list actors --country "bosna hersek" | wc -w | tr -d ' ')" = 5
END

# Unknown countries: 64, nothing on stdout, a suggestion when one is near.
test_case 'an unknown country is a usage error with a suggestion when one is near' - <<\END
	run twinreg --sample list --country Bosnaa &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "unknown country 'Bosnaa'" &&
	expect_err_has "did you mean Bosnia and Herzegovina (BA)?" &&
	run twinreg --sample list --country Makedonia &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "North Macedonia (MK)" &&
	run twinreg --sample list --country Macaraistan &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "Hungary (HU)" &&
	run twinreg --sample list --country Narnia &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "unknown country 'Narnia'" &&
	expect_err_has "expected an ISO 3166-1 code or an English or Turkish country name" &&
	run twinreg --sample list memberships --country Narnia &&
	expect_status 64 &&
	run twinreg --sample list actors --country Narnia &&
	expect_status 64 &&
	run twinreg --sample list --country ZZ &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --sample list --country ZZZ &&
	expect_status 64
END
# An empty country is a usage error, and no country is "near" nothing.
test_case 'an empty country is a usage error without a guess' '
	run twinreg --sample list --country "" &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_lacks "did you mean"
'
