# Messages in Turkish: po/tr.po translates every message of the sources;
# under tr_TR.UTF-8 help, errors and the people's formats (table,
# markdown) speak Turkish, with Turkish case (İ, ı) in the headings;
# csv, tsv, json and jsonl are the same bytes in every locale; the
# catalogue of the build tree is found without an install, an empty
# TWINREG_LOCALEDIR gives English, and make install puts the catalogue
# where the installed binary looks.
#
# The tests run with LC_ALL=C (tests/lib.sh); a command that should speak
# Turkish gets LC_ALL=tr_TR.UTF-8 of its own.  With the locale (CI makes
# it) that is the system's; without it twinreg speaks Turkish all the
# same (LANGUAGE over C.UTF-8), which a made-up tr_ZZ checks below.

# trk ARGS...: twinreg in Turkish.
trk() {
	LC_ALL=tr_TR.UTF-8 "$TWINREG" "$@"
}
# same_column EN TR: the option lines ("  -x ..." or "  --x ...") of two
# help texts name the same options in the same order, each description
# beginning in the same column (23 characters of option, or as wide as
# the English has it); and every indented line of TR starts in a column
# that some line of EN starts in.
same_column() {
	awk 'NR == FNR {
		if ($0 !~ /^  -/)
			next
		s = substr($0, 3)
		d = match(s, /  +[^ ]/) ? RSTART + RLENGTH + 1 : 24
		pre[++n] = substr($0, 1, d - 1)
		next
	}
	/^  -/ {
		if (++m > n || substr($0, 1, length(pre[m])) != pre[m] ||
		    substr($0, length(pre[m]) + 1, 1) == " ")
			bad = 1
	}
	END { exit bad || m != n }' "$1" "$2" &&
	awk '/^ / { match($0, /^ */); print RLENGTH }' "$1" | sort -u > "$T/ind.a" &&
	awk '/^ / { match($0, /^ */); print RLENGTH }' "$2" | sort -u > "$T/ind.b" &&
	test -z "$(comm -13 "$T/ind.a" "$T/ind.b")"
}

# ---- The catalogue -----------------------------------------------------------

test_case 'po/tr.po: every message translated, none fuzzy, format strings checked' - <<\END
	run msgfmt --check --statistics -o /dev/null po/tr.po &&
	expect_status 0 &&
	expect_err_has " translated messages." &&
	expect_err_lacks "untranslated" &&
	expect_err_lacks "fuzzy" &&
	check "no entry marked fuzzy" eval '! grep -q "^#,.*fuzzy" po/tr.po' &&
	check "no obsolete entry" eval '! grep -q "^#~" po/tr.po' &&
	check "the header says Turkish, UTF-8 and its plural forms" \
	    eval 'grep -q "^\"Language: tr\\\\n\"$" po/tr.po &&
	    grep -q "charset=UTF-8" po/tr.po &&
	    grep -q "^\"Plural-Forms: nplurals=2; plural=(n != 1);\\\\n\"$" po/tr.po &&
	    grep -q "^\"Last-Translator: twinreg developers" po/tr.po'
END

# The template made now from the sources, with the Makefile's own command
# (its xgettext options and files), into $T: po/twinreg.pot is left alone.
test_case 'every msgid of the sources is in po/tr.po (xgettext, msgcmp)' - <<\END
	cmd=$(unset MAKEFLAGS MFLAGS MAKELEVEL; make -s --no-print-directory -n pot) &&
	case $cmd in
	*"-o po/twinreg.pot "*) ok ;;
	*) not_ok "make -n pot: no '-o po/twinreg.pot' in: $cmd" ;;
	esac &&
	cmd=$(printf '%s\n' "$cmd" | sed "s#-o po/twinreg.pot #-o '$T/sources.pot' #") &&
	cp po/twinreg.pot "$T/tree.pot" &&
	eval "$cmd" &&
	check "the template from the sources has messages" \
	    test "$(grep -c '^msgid ' "$T/sources.pot")" -gt 400 &&
	run msgcmp -N po/tr.po "$T/sources.pot" &&
	expect_status 0 &&
	expect_err_lacks "used but not defined" &&
	check "po/twinreg.pot in the tree is left as it was" cmp -s po/twinreg.pot "$T/tree.pot"
END

test_case 'msgcmp fails when the sources have a msgid that tr.po lacks' - <<\END
	{ cat "$T/sources.pot" && printf '\nmsgid "%s"\nmsgstr ""\n' \
	    "a message nobody has translated"; } > "$T/more.pot" &&
	run msgcmp -N po/tr.po "$T/more.pot" &&
	check "msgcmp exits non-zero" test "$(cat "$T/status")" -ne 0 &&
	expect_err_has "used but not defined"
END

# ---- Help and messages in Turkish ---------------------------------------------

test_case '--help in Turkish, the option column as in English, 80 columns' - <<\END
	run trk --help &&
	expect_status 0 &&
	expect_err_empty &&
	expect_out_has "kullanım: twinreg [GENEL SEÇENEKLER] KOMUT [SEÇENEKLER] [ARGÜMANLAR]" &&
	expect_out_has "Belediyelerin uluslararası ilişkilerinin sicili: kardeş şehirler," &&
	expect_out_has "Komutlar:" &&
	expect_out_has "  import       CSV dosyalarını yükle ('-': standart girdi); ya hepsi ya hiçbiri" &&
	expect_out_has "  check        veri kalitesi ve mevzuata uygunluk bulguları; varsa çıkış 1" &&
	expect_out_has "Genel seçenekler (KOMUT'tan önce ya da sonra):" &&
	expect_out_has "  --db PATH            sicil dosyası (verilmezse \$TWINREG_DB, o da" &&
	expect_out_has "                         table     okumak için hizalı sütunlar (varsayılan)" &&
	expect_out_has "  -h, --help           bu yardım; bir komut için 'twinreg help KOMUT'" &&
	expect_out_has "Çıkış durumu: 0 başarılı, 1 bulgu var ya da numara bilinmiyor," &&
	expect_out_lacks "Global options" &&
	expect_out_lacks "usage:" &&
	cp "$T/out" "$T/help.tr" &&
	run twinreg --help &&
	expect_out_has "usage: twinreg [GLOBAL OPTIONS] COMMAND" &&
	check "--help: the same options in the same 23-column option column" \
	    same_column "$T/out" "$T/help.tr" &&
	check "--help: no Turkish line wider than 80 characters" \
	    test "$(LC_ALL=C.UTF-8 wc -L < "$T/help.tr")" -le 80
END

test_case 'help list in Turkish: filters, order, the option column' - <<\END
	run trk help list &&
	expect_status 0 &&
	expect_out_has "kullanım: twinreg list [sister-cities|partnerships|memberships|actors|activities] [FILTERS]" &&
	expect_out_has "süzgeçlere uyan kayıtlar; sözcük yoksa bütün anlaşmalar" &&
	expect_out_has "Süzgeçler:" &&
	expect_out_has "  --municipality NAME  anlaşmanın taraflarından biri ya da üye" &&
	expect_out_has "  --country C          taraflardan birinin ülkesi: ISO kodu, İngilizce" &&
	expect_out_has "  --as-of DATE         DATE gününde yürürlükte" &&
	expect_out_has "  --sort FIELD[,...]   bu sütunlara göre sırala; -FIELD azalan sırada" &&
	expect_out_has "Genel seçenekler (twinreg --help) burada da geçerlidir." &&
	expect_out_lacks "Filters:" &&
	cp "$T/out" "$T/list.tr" &&
	run twinreg help list &&
	check "help list: the same options in the same option column" \
	    same_column "$T/out" "$T/list.tr" &&
	for c in import add update end log search report export check; do
		LC_ALL=tr_TR.UTF-8 "$TWINREG" help $c > "$T/h.tr" &&
		"$TWINREG" help $c > "$T/h.en" &&
		check "help $c: the same option column in Turkish" \
		    same_column "$T/h.en" "$T/h.tr" &&
		check "help $c: Turkish, not English" \
		    eval '! grep -q "Global options" "$T/h.tr"' || return 1
	done
END

test_case 'a usage error in Turkish keeps its (beklenen: ...) shape and exit 64' - <<\END
	run trk --sample list --frob &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "twinreg: bilinmeyen seçenek '--frob'" &&
	expect_err_has "twinreg: bkz. 'twinreg help list'" &&
	run trk --sample -f xml list &&
	expect_status 64 &&
	expect_err_has "twinreg: bilinmeyen biçim 'xml' (beklenen: table, csv, tsv, json, jsonl ya da markdown)" &&
	expect_err_has "twinreg: bkz. 'twinreg help'" &&
	expect_err_lacks "expected" &&
	run trk --sample list --status bogus &&
	expect_status 64 &&
	expect_err_has "twinreg: --status: bilinmeyen durum 'bogus' (beklenen: planned, active, dormant ya da ended)" &&
	run trk --sample report yearly --year 20x1 &&
	expect_status 64 &&
	expect_err_has "twinreg: --year: hatalı yıl '20x1' (beklenen: " &&
	# The English message has the same shape.
	run twinreg --sample -f xml list &&
	expect_status 64 &&
	expect_err_has "twinreg: unknown format 'xml' (expected table, csv, tsv, json, jsonl or markdown)"
END

test_case 'an import data error in Turkish keeps file:line:column, exit 65' - <<\END
	db=$T/bad.db &&
	twinreg --db "$db" init -q &&
	printf '%s\n' 'municipality,municipality_country,sister_city,sister_city_country,signed_on,status' \
	    'Adalar,TR,Nacka,XX,2011-13-01,bogus' 'Adalar,TR' > "$T/bad.csv" &&
	snap before &&
	run trk --db "$db" import "$T/bad.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	strip_T &&
	expect_err_has "twinreg: bad.csv:2:4: bilinmeyen ülke 'XX' (beklenen: ISO 3166-1 kodu ya da İngilizce veya Türkçe ülke adı)" &&
	expect_err_has "twinreg: bad.csv:2:5: böyle bir tarih yok: '2011-13-01' (beklenen: takvimde var olan bir tarih)" &&
	expect_err_has "twinreg: bad.csv:2:6: bilinmeyen durum 'bogus' (beklenen: planned, active, dormant ya da ended)" &&
	expect_err_has "twinreg: bad.csv:3:3: 2 alan (beklenen: başlık satırındaki gibi 6)" &&
	expect_err_has "twinreg: 2 hatalı satır; hiçbir şey yazılmadı" &&
	check "nothing written" same_as before &&
	grep -o 'bad\.csv:[0-9]*:[0-9]*:' "$T/err" > "$T/where.tr" &&
	run twinreg --db "$db" import "$T/bad.csv" &&
	expect_status 65 &&
	expect_err_has "2011-13-01' (expected a date of the calendar)" &&
	strip_T &&
	grep -o 'bad\.csv:[0-9]*:[0-9]*:' "$T/err" > "$T/where.en" &&
	check "the same file:line:column in both languages" cmp -s "$T/where.en" "$T/where.tr" &&
	check "four rows named" test "$(wc -l < "$T/where.tr")" -eq 4
END

test_case 'an import in Turkish: the summary says rows and actors, never "bulgus"' - <<\END
	db=$T/ok.db &&
	twinreg --db "$db" init -q &&
	run trk --db "$db" import data/actors.csv data/sister-cities.csv &&
	expect_status 0 &&
	expect_err_has "twinreg: 153 satır (2 dosya): 153 eklendi, 0 güncellendi, 0 değişmedi, 0 atlandı; 0 kurum oluşturuldu" &&
	expect_err_has "twinreg: aktarım 1 (geri almak için: 'twinreg undo-import 1')" &&
	expect_err_lacks "satırs" &&
	run trk --db "$db" undo-import 1 &&
	expect_status 0 &&
	expect_err_has "twinreg: 1 numaralı aktarım geri alındı: 153 kayıt kaldırıldı, 0 kayıt geri yüklendi"
END

# ---- The people's formats in Turkish ---------------------------------------------

test_case 'the report fixture is imported' '
	report_fixture "$T/r.db"
'

test_case 'report yearly 2011 in Turkish: title, sections, headings, kinds, countries' - <<\END
	run trk --db "$T/r.db" report yearly --year 2011 &&
	expect_status 0 &&
	expect_err_empty &&
	check "the title comes first" \
	    test "$(head -n 1 "$T/out")" = "Yıllık rapor 2011 (2010 ile karşılaştırmalı)" &&
	expect_out_has "türe göre imzalanan" &&
	expect_out_has "ortak ülkeye göre imzalanan" &&
	expect_out_has "başlayan üyelikler" &&
	expect_out_has "sona eren üyelikler" &&
	expect_out_has "yıl sonunda yürürlükte, türe göre" &&
	expect_out_has "yeni ortak ülkeler" &&
	expect_out_has "belediyeye göre" &&
	expect_out_has "kalem                sayı  önceki yıl  değişim" &&
	expect_out_has "kardeş şehir            2           2        0" &&
	expect_out_has "iyi niyet               1           0        1" &&
	expect_out_has "mutabakat zaptı         1           0        1" &&
	expect_out_has "işbirliği protokolü     0           1       -1" &&
	expect_out_has "destek yapısı" &&
	expect_out_has "ortaklık" &&
	expect_out_has "Bosna-Hersek (BA)     2           0        2" &&
	expect_out_has "Güney Kore (KR)" &&
	expect_out_has "Almanya (DE)" &&
	expect_out_has "toplam (tarihli)" &&
	expect_out_has "tarihsiz" &&
	expect_out_lacks "signed_by_kind" &&
	expect_out_lacks "Bosnia and Herzegovina (BA)" &&
	expect_out_lacks "sister_city" &&
	expect_out_lacks "Yearly report" &&
	# markdown: the same words, as headings.
	run trk --db "$T/r.db" -f markdown report yearly --year 2011 &&
	expect_status 0 &&
	expect_out_has "# Yıllık rapor 2011 (2010 ile karşılaştırmalı)" &&
	expect_out_has "## türe göre imzalanan" &&
	expect_out_has "| kalem | sayı | önceki yıl | değişim |" &&
	expect_out_has "| Bosna-Hersek (BA) | 2 | 0 | 2 |"
END

test_case 'list in Turkish: headings, kinds and statuses' - <<\END
	run trk --sample list &&
	expect_status 0 &&
	check "list: the Turkish headings" eval 'head -n 1 "$T/out" |
	    grep -q "^no   tür  *taraf  *taraf ülkesi  *ortak  *ortak ülkesi  *imza tarihi  *durum  *bitiş tarihi$"' &&
	expect_out_has "kardeş şehir" &&
	expect_out_has "etkin" &&
	expect_out_lacks "sister_city" &&
	run trk --sample list sister-cities --columns all &&
	expect_status 0 &&
	check "list sister-cities: the Turkish headings" eval 'head -n 1 "$T/out" |
	    grep -q "^no   belediye  *belediye ülkesi  *kardeş şehir  *kardeş şehir ülkesi  *imza tarihi  *durum  *bitiş tarihi  *meclis karar tarihi  *meclis karar no  *bakanlık onay tarihi  *bakanlık onay no  *konular  *kaynak  *notlar  *başlık  *imza yeri  *diğer taraflar  *tür  *son etkinlik$"' &&
	run trk --sample list memberships &&
	check "list memberships: the Turkish headings" eval 'head -n 1 "$T/out" |
	    grep -q "^no   üye  *üye ülkesi  *ağ  *ağ ülkesi  *durum  *başlangıç  *bitiş  *görevler$"' &&
	run trk --sample list activities --columns id,actor,type,date,with,tie_kind,participants &&
	check "list activities: the Turkish headings" eval 'head -n 1 "$T/out" |
	    grep -q "^no   kurum  *tür  *tarih  *ilişkili taraf  *ilişki türü  *katılımcı sayısı$"' &&
	run trk --sample list actors &&
	check "list actors: the Turkish headings, İngilizce with a dotted capital" eval 'head -n 1 "$T/out" |
	    grep -q "^no   ad  *ülke  *tür  *İngilizce ad  *bağlı olduğu$"' &&
	expect_out_has "birlik" &&
	expect_out_has "ilçe belediyesi"
END

test_case 'show in Turkish: sections, field names, tie kinds' - <<\END
	run trk --sample show 1 &&
	expect_status 0 &&
	expect_err_empty &&
	check "show: the first section is kayıt" test "$(head -n 1 "$T/out")" = "kayıt" &&
	expect_out_has "İngilizce ad  Marmara Municipalities Union" &&
	expect_out_has "diğer adlar   " &&
	expect_out_has "bağlı olduğu" &&
	expect_out_has "web sitesi" &&
	expect_out_has "ilişkiler" &&
	expect_out_has "işbirliği protokolü  158: APLA (PS), 2009-10-26" &&
	expect_out_has "iyi niyet            154: Al-Fayhaa (LB), 2010-12-13" &&
	expect_out_has "geçmiş" &&
	expect_out_lacks "name_en" &&
	run trk --sample show 121 &&
	expect_out_has "belediye              Adalar" &&
	expect_out_has "kardeş şehir ülkesi   SE" &&
	expect_out_has "meclis karar tarihi" &&
	expect_out_has "bakanlık onay no"
END

test_case 'check in Turkish: headings, severities, Law 5393 art. 74, the count' - <<\END
	run trk --sample check &&
	expect_status 1 &&
	check "check: the Turkish headings" eval 'head -n 1 "$T/out" |
	    grep -q "^no   önem   sorun  *düzeltme$"' &&
	expect_out_has "121  uyarı  meclis kararı yok (5393 sayılı Belediye Kanunu md. 74)" &&
	expect_out_has "İçişleri Bakanlığı onayı yok (5393 sayılı Belediye Kanunu md. 74)" &&
	expect_out_has "twinreg update 121 --council-decision-date DATE --council-decision-no N" &&
	expect_out_has "atıl: " &&
	expect_out_lacks "warning" &&
	check "check: the count on stderr, singular after the number" \
	    grep -q '^twinreg: [0-9][0-9]* bulgu$' "$T/err"
END

test_case 'the other reports in Turkish: titles and headings' - <<\END
	run trk --sample report activities --year 2023 &&
	expect_status 0 &&
	check "activities: the title" \
	    test "$(head -n 1 "$T/out")" = "Etkinlikler 2023 (2022 ile karşılaştırmalı)" &&
	expect_out_has "türe göre" &&
	expect_out_has "toplantı" &&
	expect_out_has "etkinliği olmayan ilişkiler" &&
	run trk --sample report timeline --from 2009 --to 2010 &&
	check "timeline: the title" test "$(head -n 1 "$T/out")" = "Zaman çizelgesi 2009-2010" &&
	expect_out_has "yıl      kardeş şehirler  işbirliği protokolleri  ağ üyelikleri  toplam  grafik" &&
	run trk --sample report networks &&
	check "networks: the Turkish headings" eval 'head -n 1 "$T/out" |
	    grep -q "^ağ  *ülke  *üye sayısı  *tam üye  *ortak üye  *gözlemci  *üye  *tarihsiz  *ilk üyelik$"'
END

# Turkish case: a dotted capital İ and a dotless ı where Turkish has them,
# no İ lowered to i + U+0307, no ASCII I or i where Turkish wants İ or ı in
# the words these translations use.
test_case 'Turkish case is right in the headings and the catalogue' - <<\END
	run trk --sample list actors --columns all &&
	check "a heading with a dotted capital İ" eval 'head -n 1 "$T/out" | grep -q "İngilizce ad"' &&
	run trk --sample report municipalities &&
	check "headings with a dotless ı" eval 'head -n 1 "$T/out" |
	    grep -q "bağlı olduğu  *kardeş şehirler  *işbirliği protokolleri  *ağ üyelikleri  *toplam  *bağlılar dahil"' &&
	combining=$(printf '\314\207') &&
	check "no combining dot above (İ lowered the C way) in tr.po" \
	    eval '! grep -q "$combining" po/tr.po' &&
	awk '/^msgid/ { s = 0 } /^msgstr/ { s = 1 } s' po/tr.po > "$T/msgstr" &&
	for w in Ingilizce ingilizce Içişleri Icisleri Istanbul Turkce Türkce \
	    bakanlik Bakanligi sayili atil yil yili sayi katilimci iliski \
	    iliskiler ulke turu; do
		check "tr.po: no misspelt '$w'" eval '! grep -q -w "$w" "$T/msgstr"' || return 1
	done &&
	for w in "" sister-cities partnerships memberships actors activities; do
		LC_ALL=tr_TR.UTF-8 "$TWINREG" --sample list $w --columns all | head -n 1 || return 1
	done > "$T/headings" &&
	check "the headings of the lists are lower case but for İngilizce" \
	    eval '! sed "s/İngilizce//" "$T/headings" |
	    LC_ALL=C.UTF-8 grep -q "[[:upper:]ÇĞİÖŞÜ]"'
END

# ---- Machine formats: the same bytes in every locale ----------------------------

test_case 'csv, tsv, json and jsonl are the same bytes under C, C.UTF-8 and tr_TR.UTF-8' - <<\END
	for f in csv tsv json jsonl; do
		for c in "list" "list sister-cities --columns all" "list memberships" \
		    "list actors --columns all" "list activities --columns all" \
		    "report yearly --year 2011" "report activities" "report countries" \
		    "report timeline" "search Saraybosna"; do
			LC_ALL=C "$TWINREG" --db "$T/r.db" -f $f $c > "$T/m.c" 2>&1 &&
			LC_ALL=C.UTF-8 "$TWINREG" --db "$T/r.db" -f $f $c > "$T/m.cu" 2>&1 &&
			LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$T/r.db" -f $f $c > "$T/m.tr" 2>&1 &&
			check "-f $f $c: not empty" test -s "$T/m.c" &&
			check "-f $f $c: C.UTF-8 as C" cmp -s "$T/m.c" "$T/m.cu" &&
			check "-f $f $c: tr_TR.UTF-8 as C" cmp -s "$T/m.c" "$T/m.tr" || return 1
		done || return 1
	done &&
	run trk --db "$T/r.db" -f csv report yearly --year 2011 &&
	expect_out_has "section,key,count,previous,change" &&
	expect_out_has "signed_by_kind,sister_city,2,2,0" &&
	expect_out_has "signed_by_partner_country,Bosnia and Herzegovina (BA),2,0,2"
END

# check words its findings (problem, fix) in the front end: in the reader's
# language for a table, the same English in every locale for scripts.
test_case 'check: csv, tsv, json and jsonl are the same bytes in every locale; the table speaks Turkish' - <<\END
	for f in csv tsv json jsonl; do
		LC_ALL=C "$TWINREG" --sample -f $f check > "$T/k.c" 2> /dev/null
		check "-f $f check: exit 1 under C" test $? -eq 1 &&
		LC_ALL=tr_TR.UTF-8 "$TWINREG" --sample -f $f check > "$T/k.tr" 2> /dev/null
		check "-f $f check: exit 1 under tr_TR.UTF-8" test $? -eq 1 &&
		check "-f $f check: not empty" test -s "$T/k.c" &&
		check "-f $f check: tr_TR.UTF-8 as C" cmp -s "$T/k.c" "$T/k.tr" || return 1
	done &&
	LC_ALL=C "$TWINREG" --sample -f jsonl check 2> /dev/null | head -n 1 > "$T/k.1" &&
	check "jsonl check: the problem in English" \
	    grep -q '"problem":"no council decision (Municipal Law 5393 art. 74)"' "$T/k.1" &&
	run trk --sample check &&
	expect_status 1 &&
	expect_out_has "meclis kararı yok (5393 sayılı Belediye Kanunu md. 74)"
END

test_case 'export is the same bytes in every locale, one kind or the five files' - <<\END
	for k in sister-cities partnerships memberships actors activities; do
		for h in en tr; do
			LC_ALL=C "$TWINREG" --db "$T/r.db" export --kind $k --headers $h > "$T/e.c" &&
			LC_ALL=C.UTF-8 "$TWINREG" --db "$T/r.db" export --kind $k --headers $h > "$T/e.cu" &&
			LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$T/r.db" export --kind $k --headers $h > "$T/e.tr" &&
			check "export $k --headers $h: C.UTF-8 as C" cmp -s "$T/e.c" "$T/e.cu" &&
			check "export $k --headers $h: tr_TR.UTF-8 as C" cmp -s "$T/e.c" "$T/e.tr" || return 1
		done || return 1
	done &&
	LC_ALL=C "$TWINREG" --db "$T/r.db" export -o "$T/x.c" 2> /dev/null &&
	LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$T/r.db" export -o "$T/x.tr" 2> /dev/null &&
	check "export -o DIR: the same five files" diff -r "$T/x.c" "$T/x.tr" &&
	check "export -o DIR: five files" test "$(ls "$T/x.tr" | wc -l)" -eq 5
END

test_case 'a table in Turkish is the same bytes on two runs' - <<\END
	for c in "list" "list activities --columns all" "report yearly --year 2011" \
	    "report activities" "report timeline" "report municipalities"; do
		LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$T/r.db" $c > "$T/t.1" 2>&1 &&
		LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$T/r.db" $c > "$T/t.2" 2>&1 &&
		check "$c: the same table twice" cmp -s "$T/t.1" "$T/t.2" &&
		LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$T/r.db" -f markdown $c > "$T/t.1" 2>&1 &&
		LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "$T/r.db" -f markdown $c > "$T/t.2" 2>&1 &&
		check "$c: the same markdown twice" cmp -s "$T/t.1" "$T/t.2" || return 1
	done
END

# ---- Where the catalogue is found ------------------------------------------------

test_case 'the build tree catalogue is found without an install, from any directory' - <<\END
	check "make built the catalogue" test -s build/locale/tr/LC_MESSAGES/twinreg.mo &&
	run sh -c 'cd / && unset TWINREG_LOCALEDIR && LC_ALL=tr_TR.UTF-8 "$TWINREG" --sample report yearly --year 2011' &&
	expect_status 0 &&
	expect_out_has "Yıllık rapor 2011 (2010 ile karşılaştırmalı)" &&
	run sh -c 'cd / && unset TWINREG_LOCALEDIR && LANG=tr_TR.UTF-8 LC_ALL= "$TWINREG" help show' &&
	expect_out_has "kullanım: twinreg show ID|NAME"
END

test_case 'TWINREG_LOCALEDIR: an empty directory gives English, a catalogue Turkish' - <<\END
	mkdir -p "$T/nolocale" "$T/loc/tr/LC_MESSAGES" &&
	run env TWINREG_LOCALEDIR="$T/nolocale" LC_ALL=tr_TR.UTF-8 "$TWINREG" --help &&
	expect_status 0 &&
	expect_out_has "usage: twinreg [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]" &&
	expect_out_lacks "kullanım" &&
	run env TWINREG_LOCALEDIR="$T/nolocale" LC_ALL=tr_TR.UTF-8 "$TWINREG" --sample report yearly --year 2011 &&
	expect_out_has "Yearly report 2011 (compared with 2010)" &&
	expect_out_has "signed_by_kind" &&
	expect_out_has "Belgium (BE)" &&
	run env TWINREG_LOCALEDIR="$T/nolocale" LC_ALL=tr_TR.UTF-8 "$TWINREG" --sample list --frob &&
	expect_err_has "twinreg: unknown option '--frob'" &&
	cp build/locale/tr/LC_MESSAGES/twinreg.mo "$T/loc/tr/LC_MESSAGES/" &&
	run env TWINREG_LOCALEDIR="$T/loc" LC_ALL=tr_TR.UTF-8 "$TWINREG" --help &&
	expect_out_has "kullanım: twinreg [GENEL SEÇENEKLER]"
END

test_case 'make install puts the catalogue under share/locale/tr/LC_MESSAGES' - <<\END
	run make -s --no-print-directory install DESTDIR="$T/inst" PREFIX=/usr &&
	expect_status 0 &&
	check "usr/share/locale/tr/LC_MESSAGES/twinreg.mo installed" \
	    test -s "$T/inst/usr/share/locale/tr/LC_MESSAGES/twinreg.mo" &&
	check "the installed catalogue is the one built" \
	    cmp -s build/locale/tr/LC_MESSAGES/twinreg.mo \
	    "$T/inst/usr/share/locale/tr/LC_MESSAGES/twinreg.mo" &&
	check "the binary installed" test -x "$T/inst/usr/bin/twinreg" &&
	run env TWINREG_LOCALEDIR="$T/inst/usr/share/locale" LC_ALL=tr_TR.UTF-8 \
	    "$T/inst/usr/bin/twinreg" --sample list actors --limit 1 &&
	expect_status 0 &&
	expect_out_has "İngilizce ad"
END

test_case 'Turkish without the tr_TR locale: the language of LANG all the same' - <<\END
	check "no locale tr_ZZ" eval '! locale -a 2> /dev/null | grep -qi "^tr_ZZ"' &&
	LANG=tr_ZZ.UTF-8 LC_ALL= LC_MESSAGES= LANGUAGE= "$TWINREG" help > "$T/zz" &&
	check "help in Turkish" eval 'head -n 1 "$T/zz" | grep -q "^kullanım: twinreg"' &&
	LC_ALL=tr_ZZ.UTF-8 "$TWINREG" --sample list --limit 1 > "$T/zz" &&
	check "headings in Turkish" eval 'head -n 1 "$T/zz" | grep -q "^no   tür"' &&
	LC_ALL=de_ZZ.UTF-8 "$TWINREG" help > "$T/zz" &&
	check "a language without a catalogue: English" eval 'head -n 1 "$T/zz" | grep -q "^usage: twinreg"' &&
	LC_ALL=C "$TWINREG" help > "$T/zz" &&
	check "C: English" eval 'head -n 1 "$T/zz" | grep -q "^usage: twinreg"'
END
