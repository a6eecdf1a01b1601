# A file as Excel in a Turkish locale saves it ("CSV (noktalı virgülle
# ayrılmış)"): windows-1254, ';' between fields, CRLF, no byte-order
# mark, Turkish headers, day-first dates (dd.mm.yyyy), a cell with ';'
# or '"' quoted, a letter windows-1254 lacks already gone (Excel writes
# Vogošća as the Turkish office spells it, Vogoşça).  Made byte for byte
# in tests/data/excel-tr-sister-cities.csv; it imports with --encoding
# windows-1254 alone.
db=$T/x.db
XL=$DATA/excel-tr-sister-cities.csv

test_case 'the file is what Excel writes' - <<\END
	check "CRLF on every line" test "$(tr -cd '\r' < "$XL" | wc -c)" = 4 &&
	check "no byte-order mark, windows-1254 (Ç is 0xC7)" \
		test "$(head -c 1 "$XL" | od -An -tx1 | tr -d ' ')" = 62 &&
	check "ş is 0xFE" eval 'od -An -tx1 "$XL" | grep -q " fe"' &&
	check "not UTF-8" eval '! iconv -f UTF-8 -t UTF-8 "$XL" > /dev/null 2>&1'
END

test_case 'it imports with --encoding windows-1254 alone' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" import --dry-run --encoding windows-1254 "$XL" &&
	expect_status 0 &&
	expect_err_has "3 rows from 1 file: 3 added" &&
	expect_err_has "fields separated by ';'" &&
	run twinreg --db "$db" import --encoding windows-1254 "$XL" &&
	expect_status 0 &&
	run twinreg --db "$db" -f tsv --no-header list sister-cities --columns municipality,sister_city,sister_city_country,signed_on,status,council_decision_date,ministry_approval_no,topics &&
	expect_out "Çekmeköy	Vogoşça	BA	2011-09-22	active	2011-07-05	E.2011.77	kültür;gençlik
Üsküdar	Ohri	MK	2008-11-03	ended			
Şişli	Düsseldorf	DE		planned			ekonomi" &&
	run twinreg --db "$db" -f tsv --no-header list --partner Ohri --columns notes &&
	expect_out 'Belgede "Ohrid" yazılı'
END

test_case 'without --encoding: one error naming it; registry as it was' - <<\END
	new_registry "$db" &&
	snap before &&
	run twinreg --db "$db" import "$XL" &&
	expect_status 65 &&
	expect_err_has "it looks like windows-1254 (expected --encoding windows-1254)" &&
	check "one error line, then the summary" test "$(wc -l < "$T/err")" -le 2 &&
	check "nothing written" same_as before
END

test_case 'and back to Excel: --bom, ; and Turkish headers import the same' - <<\END
	run twinreg --db "$db" import --encoding windows-1254 "$XL" &&
	run twinreg --db "$db" --bom --delimiter ';' export --kind sister-cities --headers tr -o "$T/back.csv" &&
	expect_status 0 &&
	check "a byte-order mark first" test "$(head -c 3 "$T/back.csv" | od -An -tx1 | tr -d ' ')" = efbbbf &&
	check "Turkish headers, ;" eval 'head -n 1 "$T/back.csv" | grep -q "^.*belediye;belediye ülkesi;kardeş şehir;"' &&
	new_registry "$T/y.db" &&
	run twinreg --db "$T/y.db" import "$T/back.csv" &&
	expect_status 0 &&
	"$TWINREG" --db "$db" export --kind sister-cities > "$T/a.csv" &&
	"$TWINREG" --db "$T/y.db" export --kind sister-cities > "$T/b.csv" &&
	check "the same records" cmp "$T/a.csv" "$T/b.csv"
END

test_case 'a header split at the wrong separator: a hint naming the right one' - <<\END
	new_registry "$db" &&
	snap before &&
	run twinreg --db "$db" import --encoding windows-1254 --delimiter , "$XL" &&
	expect_status 65 &&
	expect_err_has "excel-tr-sister-cities.csv:1:1: the header is one column, 'belediye;belediye ülkesi;" &&
	expect_err_has "(expected columns separated by ','; give --delimiter ';' for such a file)" &&
	check "nothing written" same_as before &&
	printf 'name,country,kind\nKadıköy,TR,district\n' > "$T/comma.csv" &&
	run twinreg --db "$db" import --delimiter tab "$T/comma.csv" &&
	expect_status 65 &&
	expect_err_has "(expected columns separated by tab; give --delimiter ',' for such a file)" &&
	printf 'name\tcountry\tkind\nKadıköy\tTR\tdistrict\n' > "$T/tab.csv" &&
	run twinreg --db "$db" import --delimiter ';' "$T/tab.csv" &&
	expect_status 65 &&
	expect_err_has "(expected columns separated by ';'; give --delimiter tab for such a file)" &&
	run twinreg --db "$db" import "$T/tab.csv" &&
	expect_status 0
END
