# --sort on a name sorts in Turkish order: ç after c, ğ after g, ı before
# i (Ilgaz, Isparta before İnegöl, İzmir), ö after o, ş after s, ü after
# u; case does not matter; letters of other Latin alphabets sort with
# their base letter (Brčko with Brc..., Žabljak with Za...); Greek,
# Cyrillic and CJK names come after the Latin ones. Neither byte order
# (Ç, İ, Ö, Ş, Ü after Z) nor diacritic-blind order (Çan before Cide,
# Kilis before Kırklareli) passes.
query_fixture

# The names of `list actors ARGS`, one a line.
names() {
	run q list actors -f tsv --no-header "$@"
	cut -f2 "$T/out" > "$T/names"
}

cat > "$T/want" <<'EOF'
Agrigento
Ağaçlı
ALDA
Beyoğlu
Brčko
Cide
Çan
Çekmeköy
Esenyurt
EUROCITIES
Genova
Győr
Ilgaz
Isparta
İnegöl
İstanbul
İzmir
Kırklareli
Kilis
Küçükçekmece
Marmara Belediyeler Birliği
NALAS
Ordu
Orduzu
Ödemiş
Sarajevo
Sarıyer
Skopje
Sultanbeyli
Székesfehérvár
Şile
UCLG-MEWA
Urla
Ünye
Vogošća
Žabljak
Zonguldak
Θεσσαλονίκη
Москва
文京区
EOF

test_case 'actors sort in Turkish order' '
	names --sort name &&
	expect_status 0 &&
	expect_err_empty &&
	check "actors in Turkish order" cmp -s "$T/want" "$T/names" &&
	cmp -s "$T/want" "$T/names" || diff "$T/want" "$T/names" | head -n 20 | sed "s/^/    /"
'

# Descending is the exact reverse.
test_case 'descending is the exact reverse' - <<\END
	names --sort -name &&
	expect_status 0 &&
	awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }' "$T/want" > "$T/rwant" &&
	check "actors in reverse Turkish order" cmp -s "$T/rwant" "$T/names"
END

# Pairs, each one letter rule (first before second).
before() {
	a=$(grep -n -x -F "$1" "$T/names" | cut -d: -f1)
	b=$(grep -n -x -F "$2" "$T/names" | cut -d: -f1)
	if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then
		ok
	else
		not_ok "'$1' (line $a) should come before '$2' (line $b)"
	fi
}

test_case 'each letter rule of Turkish order holds' '
	names --sort name &&
	before Beyoğlu Çekmeköy &&
	before Çekmeköy Esenyurt &&
	before Cide Çan &&
	before Çan Çekmeköy &&
	before Agrigento Ağaçlı &&
	before Ağaçlı ALDA &&
	before Ilgaz İzmir &&
	before Isparta İnegöl &&
	before Kırklareli Kilis &&
	before Kilis Küçükçekmece &&
	before Ordu Ödemiş &&
	before Orduzu Ödemiş &&
	before Sarajevo Sarıyer &&
	before Sultanbeyli Şile &&
	before Székesfehérvár Şile &&
	before Urla Ünye &&
	before Ünye Vogošća &&
	before Zonguldak Θεσσαλονίκη &&
	before Θεσσαλονίκη Москва &&
	before Москва 文京区
'

# The same order in other listings: sister cities by municipality, and
# agreements by partner.
test_case 'the same order in other listings' - <<\END
	run q list sister-cities --sort municipality -f tsv --no-header &&
	expect_status 0 &&
	cut -f2 "$T/out" | uniq | tr '\n' ' ' > "$T/got" &&
	check "municipalities in Turkish order" test "$(cat "$T/got")" = \
		"Beyoğlu Çekmeköy Esenyurt İnegöl İstanbul İzmir Kırklareli Küçükçekmece Sarıyer " &&
	run q list sister-cities --sort -municipality -f tsv --no-header &&
	cut -f2 "$T/out" | uniq | tr '\n' ' ' > "$T/got" &&
	check "municipalities in reverse Turkish order" test "$(cat "$T/got")" = \
		"Sarıyer Küçükçekmece Kırklareli İzmir İstanbul İnegöl Esenyurt Çekmeköy Beyoğlu " &&
	run q list --sort partner -f tsv --no-header &&
	cut -f5 "$T/out" | uniq | tr '\n' ' ' > "$T/got" &&
	check "partners in Turkish order" test "$(cat "$T/got")" = \
		"ALDA Brčko Genova Győr Sarajevo Skopje Székesfehérvár Vogošća Žabljak Θεσσαλονίκη Москва 文京区 " &&
	run q list memberships --sort member -f tsv --no-header &&
	cut -f2 "$T/out" | uniq | tr '\n' ' ' > "$T/got" &&
	check "members in Turkish order" test "$(cat "$T/got")" = \
		"İzmir Marmara Belediyeler Birliği Sarıyer "
END

# The sample: Istanbul districts as a Turkish reader expects them.  The
# 14 districts with a sister city (SEEDS.md: Ataşehir has none since the
# Santa Ana correction), then actors, the districts with activities only
# among them.
test_case 'the sample districts sort as a Turkish reader expects' - <<\END
	run twinreg --sample list sister-cities --sort municipality -f tsv --no-header &&
	expect_status 0 &&
	cut -f2 "$T/out" | uniq | tr '\n' ' ' > "$T/got" &&
	check "sample districts in Turkish order" test "$(cat "$T/got")" = \
		"Adalar Avcılar Bağcılar Başakşehir Beykoz Beyoğlu Çekmeköy Esenyurt Küçükçekmece Maltepe Pendik Sancaktepe Sarıyer Ümraniye " &&
	run twinreg --sample list actors --sort name -f tsv --no-header &&
	cut -f2 "$T/out" > "$T/names" &&
	before Bağcılar Bayrampaşa &&
	before Başakşehir Bayrampaşa &&
	before Beyoğlu Bilma &&
	before Comrat Çekmeköy &&
	before Congresul\ Autorităților\ Locale\ din\ Moldova Çekmeköy &&
	before Hilvan İstanbul &&
	before Kıbrıs\ Türk\ Belediyeler\ Birliği Kispest &&
	before Kispest Küçükçekmece &&
	before Sarajevo Sarıyer &&
	before Sarıyer Şanlıurfa &&
	before Ümraniye Vogošća &&
	# The districts that have activities only (no sister city).
	before Ataşehir Avcılar &&
	before Beşiktaş Beykoz &&
	before Esenler Esenyurt &&
	before Sultanbeyli Şanlıurfa &&
	before Şile Şişli &&
	before Şişli Tuzla &&
	before Tuzla Ümraniye &&
	before Ümraniye Üsküdar
END
