# Names in filters match the canonical name or any other spelling,
# without regard to case or diacritics, Turkish ı/İ included; a name
# that matches no actor gives no rows, exit 0, and a did-you-mean
# warning on stderr (none with -q).

# Turkish case pairs: SARIYER, sariyer, Sarıyer, SARİYER all find
# Sarıyer (sister city 152 Ravenna, membership 173 UCLG-MEWA).
test_case 'Turkish case pairs find the same actor' - <<\END
	for n in Sarıyer SARIYER sariyer sarıyer SARİYER Sariyer; do
		check "$n finds Sarıyer" test "$(ids_of --sample list --municipality "$n")" = 152 &&
		check "$n finds Sarıyer's membership" \
			test "$(ids_of --sample list memberships --municipality "$n")" = 173 || return 1
	done &&
	for n in İstanbul ISTANBUL istanbul İSTANBUL ıstanbul Istanbul; do
		check "$n finds İstanbul" test "$(ids_of --sample list actors --municipality "$n")" = 17 || return 1
	done &&
	for n in kucukcekmece KÜÇÜKÇEKMECE KUCUKCEKMECE Küçükçekmece küçükçekmece; do
		check "$n finds Küçükçekmece" test "$(ids_of --sample list --municipality "$n")" = 146 || return 1
	done &&
	for n in cekmekoy ÇEKMEKÖY Cekmekoy; do
		check "$n finds Çekmeköy" \
			test "$(ids_of --sample list --municipality "$n")" = "137 138 139 140 141" || return 1
	done &&
	for n in beyoglu BEYOĞLU BEYOGLU Beyoğlu; do
		check "$n finds Beyoğlu" \
			test "$(ids_of --sample list sister-cities --municipality "$n")" = "133 134 135 136" || return 1
	done &&
	check "bagcilar finds Bağcılar" test "$(ids_of --sample list --municipality bagcilar)" = "128 129" &&
	check "umraniye finds Ümraniye" test "$(ids_of --sample list --municipality UMRANIYE)" = 153 &&
	check "basaksehir finds Başakşehir" test "$(ids_of --sample list --municipality basaksehir)" = 130 &&
	check "sanliurfa finds Şanlıurfa" test "$(ids_of --sample list actors --municipality sanliurfa)" = 44
END

# Other spellings: aliases of the sample.
test_case 'other spellings find their actor' '
	check "saraybosna is Sarajevo" test "$(ids_of --sample list actors --municipality saraybosna)" = 83 &&
	check "uskup is Skopje" test "$(ids_of --sample list --partner uskup)" = 145 &&
	check "Üsküp is Skopje" test "$(ids_of --sample list --partner Üsküp)" = 145 &&
	check "ÜSKÜP is Skopje" test "$(ids_of --sample list --partner ÜSKÜP)" = 145 &&
	check "cenova is Genova" test "$(ids_of --sample list --partner cenova)" = 133 &&
	check "Genoa is Genova" test "$(ids_of --sample list --partner Genoa)" = 133 &&
	check "mbb is Marmara Belediyeler Birliği" \
		test "$(ids_of --sample list memberships --municipality mbb)" = "164 165 166 167 168 169" &&
	check "MBB" test "$(ids_of --sample list partnerships --municipality MBB --limit 1)" = 154 &&
	check "komrat is Comrat" test "$(ids_of --sample list --partner komrat)" = 147 &&
	check "brcko is Brčko" test "$(ids_of --sample list --partner brcko)" = 144 &&
	check "vogosca is Vogošća" test "$(ids_of --sample list --partner vogosca)" = 139 &&
	check "Vogoşça (Turkish letters) is Vogošća" test "$(ids_of --sample list --partner Vogoşça)" = 139 &&
	check "pecs is Pécs" test "$(ids_of --sample list --partner pecs)" = 136 &&
	check "bunkyo is Bunkyō" test "$(ids_of --sample list --partner bunkyo)" = 134 &&
	check "文京区 is Bunkyō" test "$(ids_of --sample list --partner 文京区)" = 134 &&
	check "Скопје is Skopje" test "$(ids_of --sample list --partner Скопје)" = 145 &&
	check "Μόρφου is Güzelyurt" test "$(ids_of --sample list --partner Μόρφου)" = 137 &&
	check "arap sehirleri teskilati is ATO" \
		test "$(ids_of --sample list memberships --network "arap sehirleri teskilati")" = 165
'

# Saraybosna is a place of signature and of activities, not a party: a
# known name with no tie lists nothing and warns of nothing.
test_case 'a known name with no tie lists nothing and warns of nothing' '
	run twinreg --sample list --partner saraybosna &&
	expect_status 0 &&
	expect_lines 2 &&
	expect_err_empty
'

# A name that matches nothing is not an empty result: exit 1, as for an
# unknown id (and an unknown country), nothing on stdout, one line on
# stderr with a did-you-mean hint, even with -q (an error, not a note).
test_case 'a name that matches nothing: exit 1, nothing on stdout, a did-you-mean' '
	run twinreg --sample list --municipality sariyr -f csv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "--municipality: no actor named '\''sariyr'\''; did you mean Sarıyer?" &&
	check "one line on stderr" test "$(wc -l < "$T/err")" = 1 &&
	run twinreg --sample -q list --municipality sariyr -f json &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "did you mean Sarıyer?" &&
	run twinreg --sample list --partner genovva -f csv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "--partner" &&
	expect_err_has "did you mean Genova?" &&
	run twinreg --sample list memberships --network nalsa -f csv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "--network" &&
	expect_err_has "NALAS" &&
	run twinreg --sample list actors --municipality istanbull -f csv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "did you mean İstanbul?" &&
	run twinreg --sample list --municipality "kucuk cekmece" -f csv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "did you mean Küçükçekmece?" &&
	run twinreg --sample list --municipality sariyr &&
	expect_status 1 &&
	expect_out_empty
'
# Nothing near: the error without a guess.
test_case 'nothing near: the error without a guess' - <<\END
	run twinreg --sample list --municipality xyzzyq -f csv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "no actor named 'xyzzyq'" &&
	expect_err_lacks "did you mean"
END

# A name in a filter goes to SQL as a value: quotes and wildcards are
# plain characters.
test_case 'quotes and wildcards in a name are plain characters' - <<\END
	for n in "'" "Sar%" "%" "_" "Sar_yer" "x' OR '1'='1" '"'; do
		run twinreg --sample -q list --municipality "$n" -f csv --no-header &&
		expect_status 1 &&
		expect_out_empty &&
		expect_err_has "no actor named '$n'" || return 1
	done &&
	run twinreg --sample list actors --municipality "%" -f csv --no-header &&
	expect_status 1 &&
	expect_out_empty
END

# The fixture: names from other scripts and Latin diacritics.
test_case 'names in Greek, Cyrillic, CJK and Latin diacritics, any case' '
	query_fixture &&
	for n in Θεσσαλονίκη θεσσαλονικη ΘΕΣΣΑΛΟΝΙΚΗ selanik Thessaloniki; do
		check "$n finds Θεσσαλονίκη" test "$(ids_of --db "$qdb" list --partner "$n")" = 48 || return 1
	done &&
	for n in Москва москва МОСКВА moskova Moscow; do
		check "$n finds Москва" test "$(ids_of --db "$qdb" list --partner "$n")" = 51 || return 1
	done &&
	for n in Žabljak zabljak ŽABLJAK Жабљак; do
		check "$n finds Žabljak" test "$(ids_of --db "$qdb" list --partner "$n")" = 49 || return 1
	done &&
	for n in Győr gyor GYŐR győr raab; do
		check "$n finds Győr" test "$(ids_of --db "$qdb" list --partner "$n")" = "47 54" || return 1
	done &&
	for n in szekesfehervar SZÉKESFEHÉRVÁR "istolni belgrad" "İSTOLNİ BELGRAD"; do
		check "$n finds Székesfehérvár" test "$(ids_of --db "$qdb" list --partner "$n")" = 50 || return 1
	done &&
	for n in ISPARTA ısparta Isparta isparta İSPARTA; do
		check "$n finds Isparta" test "$(ids_of --db "$qdb" list actors --municipality "$n")" = 11 || return 1
	done &&
	for n in ILGAZ ilgaz ılgaz; do
		check "$n finds Ilgaz" test "$(ids_of --db "$qdb" list actors --municipality "$n")" = 10 || return 1
	done &&
	for n in izmir IZMIR İZMİR ızmir smyrna σμύρνη ΣΜΎΡΝΗ; do
		check "$n finds İzmir" test "$(ids_of --db "$qdb" list --municipality "$n")" = "48 53" || return 1
	done &&
	check "sarajevo in Cyrillic" test "$(ids_of --db "$qdb" list --partner сарајево)" = 45 &&
	check "pera is Beyoğlu" test "$(ids_of --db "$qdb" list --municipality pera)" = "41 42 54" &&
	check "kostantiniyye is İstanbul" test "$(ids_of --db "$qdb" list --municipality kostantiniyye)" = 51 &&
	run q list --partner Θεσαλονίκη -f csv --no-header &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "Θεσσαλονίκη"
'

# The same folding is record identity on import: other cases and ASCII
# forms of stored names are the same actors and ties, not new ones.
test_case 'other cases and ASCII forms of stored names are the same records on import' - <<\END
	printf 'name,country,kind\nSARIYER,TR,district\nısparta,TR,municipality\nKUCUKCEKMECE,TR,district\nİZMİR,TR,metropolitan\n' > "$T/same-actors.csv" &&
	printf 'municipality,municipality_country,sister_city,sister_city_country,signed_on\nSARIYER,TR,BRCKO,BA,1998-09-01\nizmir,TR,ΘΕΣΣΑΛΟΝΊΚΗ,GR,2000-04-20\n' > "$T/same-ties.csv" &&
	run q import "$T/same-actors.csv" "$T/same-ties.csv" &&
	expect_status 0 &&
	expect_err_has "6 rows from 2 files: 0 added, 0 updated, 6 unchanged" &&
	run q list actors -f tsv --no-header &&
	expect_lines 40 &&
	run q list -f tsv --no-header &&
	expect_lines 14
END
