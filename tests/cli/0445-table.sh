# The table format: columns aligned by display width (Turkish, Greek,
# Cyrillic, CJK two columns wide, combining marks zero), control
# characters escaped (\x1b, \t, \n) so that a value cannot drive the
# terminal, while csv and json carry them raw (quoted) or escaped the
# JSON way; data is never cut unless --max-width asks, and then with "…".
query_fixture

# Wide characters: 文京区 is six columns, Θεσσαλονίκη and Москва one
# column a letter.
test_case 'columns are aligned by display width (wide, Greek, Cyrillic)' '
	run q list sister-cities --municipality beyoglu &&
	expect_status 0 &&
	expect_out "id  municipality  municipality_country  sister_city  sister_city_country  signed_on   status  ended_on
--  ------------  --------------------  -----------  -------------------  ----------  ------  --------
41  Beyoğlu       TR                    Genova       IT                   2001-05-10  active
42  Beyoğlu       TR                    文京区       JP                   2016-06     active" &&
	run q list --sort partner --from 1997 --to 2000 &&
	expect_out "id  kind         party     party_country  partner      partner_country  signed_on   status  ended_on
--  -----------  --------  -------------  -----------  ---------------  ----------  ------  ----------
46  sister_city  Sarıyer   TR             Brčko        BA               1998-09-01  ended   2010-12-31
48  sister_city  İzmir     TR             Θεσσαλονίκη  GR               2000-04-20  active
51  sister_city  İstanbul  TR             Москва       RU               1997-07-09  active"
'

# A combining mark (Bunkyo + U+0304, decomposed) takes no column.
test_case 'a combining mark takes no column' - <<\END
	printf 'name,country,kind\nBunkyo\314\204,JP,district\nXy,TR,district\n' > "$T/nfd.csv" &&
	"$TWINREG" --db "$T/n.db" init -q &&
	"$TWINREG" --db "$T/n.db" import -q "$T/nfd.csv" &&
	run twinreg --db "$T/n.db" list actors &&
	expect_status 0 &&
	expect_out "id  name    country  kind      name_en  parent
--  ------  -------  --------  -------  ------
 1  $(printf 'Bunkyo\314\204')  JP       district
 2  Xy      TR       district"
END

# Every row of the sample's tables has its columns at the same display
# columns: the header's column starts are where each row has two spaces
# then a non-space (checked on partnerships, whose values have no
# double spaces). Display width is counted in awk over UTF-8 lead bytes
# (no wide characters in this listing).
test_case 'every row of the sample partnerships is aligned with its header' - <<\END
	run twinreg --sample list partnerships &&
	expect_status 0 &&
	awk '
function w(s,   n, k, c) {
	n = 0
	for (k = 1; k <= length(s); k++) {
		c = substr(s, k, 1)
		if (c < "\200" || c >= "\300") n++
	}
	return n
}
NR == 2 {
	# the rule: runs of dashes give the column starts
	m = split($0, p, "  ")
	pos = 1
	for (k = 1; k <= m; k++) { start[k] = pos; pos += length(p[k]) + 2 }
	cols = m
	next
}
NR > 2 {
	for (k = 2; k <= cols; k++) {
		# an empty last column leaves the row short
		if (w($0) < start[k]) continue
		# the display prefix up to column start[k] - 1 ends in two spaces
		pre = ""
		col = 0
		for (b = 1; b <= length($0) && col < start[k] - 1; b++) {
			c = substr($0, b, 1)
			pre = pre c
			if (c < "\200" || c >= "\300") col++
		}
		while (b <= length($0) && substr($0, b, 1) >= "\200" && substr($0, b, 1) < "\300") { pre = pre substr($0, b, 1); b++ }
		if (substr(pre, length(pre) - 1) != "  ") { print "row " NR - 2 " column " k; bad = 1 }
	}
}
END { exit bad }' "$T/out" > "$T/misaligned" &&
	check "sample partnerships aligned by display width" test ! -s "$T/misaligned"
END

# Control characters. They cannot come in through import, add or update
# (0300/0600 tests), but a registry is a file other tools can write:
# the printers must not pass them to a terminal.
test_case 'control characters are escaped in table, show and markdown, raw in csv, escaped in json and tsv' - <<\END
	copy_registry "$qdb" "$T/c.db" &&
	if on_store pg; then c=chr; else c=char; fi &&
	sql "$T/c.db" "UPDATE actors SET name_en = 'Esc' || $c(27) || '[31mRed' || $c(9) || 'Tab' || $c(10) || 'NL' || $c(13) || 'CR' || $c(127) || 'Del' || $c(155) || 'Csi' WHERE id = 2" &&
	run twinreg --db "$T/c.db" list actors --kind district --limit 1 &&
	expect_status 0 &&
	expect_out "id  name     country  kind      name_en                                    parent
--  -------  -------  --------  -----------------------------------------  --------
 2  Beyoğlu  TR       district  Esc\\x1b[31mRed\\tTab\\nNL\\rCR\\x7fDel\\x9bCsi  İstanbul" &&
	check "no ESC byte in the table" test "$(tr -d -c '\033' < "$T/out" | wc -c)" -eq 0 &&
	check "no CR in the table" test "$(tr -d -c '\015' < "$T/out" | wc -c)" -eq 0 &&
	check "no tab in the table" test "$(tr -d -c '\011' < "$T/out" | wc -c)" -eq 0 &&
	expect_lines 3 &&
	run twinreg --db "$T/c.db" show 2 &&
	expect_status 0 &&
	expect_out_has "name_en  Esc\\x1b[31mRed\\tTab\\nNL\\rCR\\x7fDel\\x9bCsi" &&
	check "no ESC byte in show" test "$(tr -d -c '\033' < "$T/out" | wc -c)" -eq 0 &&
	# markdown is for people too
	run twinreg --db "$T/c.db" list actors --kind district --limit 1 -f markdown &&
	check "no ESC byte in markdown" test "$(tr -d -c '\033' < "$T/out" | wc -c)" -eq 0 &&
	check "no CR in markdown" test "$(tr -d -c '\015' < "$T/out" | wc -c)" -eq 0 &&
	expect_lines 3 &&
	# csv: raw, and quoted because of the line breaks
	run twinreg --db "$T/c.db" list actors --kind district --limit 1 -f csv --no-header &&
	expect_status 0 &&
	printf ' 2,Beyoğlu,TR,district,"Esc\033[31mRed\tTab\nNL\rCR\177Del\302\233Csi",İstanbul\r\n' | sed 's/^ //' > "$T/want" &&
	check "csv carries control characters raw, quoted" cmp -s "$T/want" "$T/out" &&
	# json: C0 controls and DEL escaped (U+009B may be raw: JSON allows it)
	run twinreg --db "$T/c.db" list actors --kind district --limit 1 -f jsonl &&
	expect_out_has '{"id":2,"name":"Beyoğlu","country":"TR","kind":"district","name_en":"Esc\u001b[31mRed\tTab\nNL\rCR' &&
	check "no ESC byte in json" test "$(tr -d -c '\033' < "$T/out" | wc -c)" -eq 0 &&
	check "no CR in json" test "$(tr -d -c '\015' < "$T/out" | wc -c)" -eq 0 &&
	expect_lines 1 &&
	# tsv: one line a record, tab and line breaks escaped
	run twinreg --db "$T/c.db" list actors --kind district --limit 1 -f tsv --no-header &&
	expect_lines 1 &&
	expect_out_has 'Red\tTab\nNL\rCR'
END

# Control characters that import accepts (tab and line breaks in notes)
# in a search hit: escaped in the table, one line a hit.
test_case 'a search hit with a tab and line breaks is one line, escaped' - <<\END
	run q search "second line" &&
	expect_status 0 &&
	expect_lines 3 &&
	expect_out_has 'Strasbourg.\nSecond line\twith a tab.' &&
	check "no tab in the search table" test "$(tr -d -c '\011' < "$T/out" | wc -c)" -eq 0
END

# Never cut unless asked: long names in full, whatever the terminal.
test_case 'values are never cut unless --max-width asks' '
	run q list actors --kind network &&
	expect_status 0 &&
	expect_out_has "Network of Associations of Local Authorities of South-East Europe" &&
	expect_out_lacks "…" &&
	COLUMNS=40 "$TWINREG" --db "$qdb" list actors --kind network > "$T/out" 2> "$T/err" &&
	expect_out_has "Network of Associations of Local Authorities of South-East Europe" &&
	expect_out_lacks "…"
'
# --max-width N: cells wider than N end in "…", N columns in all; the
# header is cut the same way; other cells untouched.
test_case '--max-width cuts wider cells and headers with an ellipsis, on a character' - <<\END
	run q list partnerships --max-width 12 &&
	expect_status 0 &&
	expect_out 'id  kind          party         party_count…  partner  partner_cou…  signed_on   signed_place  status  ended_on
--  ------------  ------------  ------------  -------  ------------  ----------  ------------  ------  --------
52  memorandum    Marmara Bel…  TR            ALDA     FR            2018-04-12  Strasbourg,…  active
53  cooperation…  İzmir         TR            Genova   IT            2005-07-01  Genova, Ita…  active
54  friendship    Beyoğlu       TR            Győr     HU            2020-02-29  Győr, "Váro…  active' &&
	# Wide characters are cut on a character, never in one.
	run q list --municipality beyoglu --max-width 3 &&
	expect_out_has "id  ki…  pa…  pa…  pa…  pa…  si…  st…  en…" &&
	expect_out_has "42  si…  Be…  TR   文…  JP   20…  ac…" &&
	run q list --municipality beyoglu --max-width 5 &&
	expect_out_has "42  sist…  Beyo…  TR     文京…  JP     2016…  acti…" &&
	run q list --municipality beyoglu --max-width 6 &&
	expect_out_has "id  kind    party   party…  partn…  partn…  signe…  status  ended…" &&
	expect_out_has "42  siste…  Beyoğ…  TR      文京区  JP      2016-…  active" &&
	run q list --partner Θεσσαλονίκη --max-width 5 &&
	expect_out_has "48  sist…  İzmir  TR     Θεσσ…  GR     2000…  acti…"
END
# --max-width is for the table only: csv, json and tsv are whole.
test_case '--max-width is for the table only' '
	run q list partnerships --max-width 5 -f csv &&
	expect_out_lacks "…" &&
	expect_out_has "Marmara Belediyeler Birliği" &&
	run q list partnerships --max-width 5 -f json &&
	expect_out_lacks "…" &&
	run q list partnerships --max-width 5 -f tsv &&
	expect_out_lacks "…"
'
