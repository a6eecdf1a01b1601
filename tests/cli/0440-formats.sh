# Output formats: the same listing in table, csv, tsv, json, jsonl and
# markdown (golden files); --no-header; csv is RFC 4180 (CRLF, quoted
# commas, quotes and line breaks); json is one array of objects with the
# same keys in the same order and numbers for ids; csv, json and jsonl
# parse back to exactly what tsv prints. The parsers are awk: python is
# not assumed.
query_fixture

# esc.awk: a value as tsv prints it (backslash, tab, newline and carriage
# return escaped); both parsers below use it.
cat > "$T/esc.awk" <<'EOF'
function esc(v,   o, k, c) {
	o = ""
	for (k = 1; k <= length(v); k++) {
		c = substr(v, k, 1)
		if (c == "\\") o = o "\\\\"
		else if (c == "\t") o = o "\\t"
		else if (c == "\n") o = o "\\n"
		else if (c == "\r") o = o "\\r"
		else o = o c
	}
	return o
}
EOF

# json2tsv.awk: parse a JSON array of flat objects (string, number,
# null, true, false values); print the keys of the objects, then one
# line of values an object, escaped as twinreg's tsv escapes them
# (\\ \t \n \r). Fails on anything else, on objects whose keys differ,
# and on raw control characters in strings.
cat > "$T/json2tsv.awk" <<'EOF'
function err(m) { printf "json error at byte %d: %s\n", i, m > "/dev/stderr"; failed = 1; exit 1 }
function ws() { while (i <= n && index(" \t\r\n", substr(s, i, 1))) i++ }
function peek() { ws(); return substr(s, i, 1) }
function lit(c) { if (peek() != c) err("expected " c); i++ }
function hex(h,   k, v, d) {
	v = 0
	for (k = 1; k <= 4; k++) {
		d = index("0123456789abcdef", tolower(substr(h, k, 1)))
		if (!d) err("bad \\u escape")
		v = v * 16 + d - 1
	}
	return v
}
function utf8(c) {
	if (c < 1) err("\\u0000")
	if (c < 128) return sprintf("%c", c)
	if (c < 2048) return sprintf("%c%c", 192 + int(c / 64), 128 + c % 64)
	if (c >= 55296 && c < 57344) err("surrogate")
	return sprintf("%c%c%c", 224 + int(c / 4096), 128 + int(c / 64) % 64, 128 + c % 64)
}
function str(   out, c, e) {
	if (peek() != "\"") err("expected a string")
	i++
	out = ""
	while (1) {
		if (i > n) err("unterminated string")
		c = substr(s, i, 1)
		if (c == "\"") { i++; return out }
		if (c == "\\") {
			e = substr(s, i + 1, 1)
			i += 2
			if (e == "n") out = out "\n"
			else if (e == "t") out = out "\t"
			else if (e == "r") out = out "\r"
			else if (e == "b") out = out "\b"
			else if (e == "f") out = out "\f"
			else if (e == "\"" || e == "\\" || e == "/") out = out e
			else if (e == "u") { out = out utf8(hex(substr(s, i, 4))); i += 4 }
			else err("bad escape \\" e)
			continue
		}
		if (c < " ") err("raw control character in a string")
		out = out c
		i++
	}
}
function val(   t) {
	if (peek() == "\"") return str()
	t = substr(s, i)
	if (match(t, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) {
		i += RLENGTH
		return substr(t, 1, RLENGTH)
	}
	if (substr(t, 1, 4) == "null") { i += 4; return "" }
	if (substr(t, 1, 4) == "true") { i += 4; return "true" }
	if (substr(t, 1, 5) == "false") { i += 5; return "false" }
	err("expected a value")
}
{ s = s $0 "\n" }
END {
	if (failed) exit 1
	n = length(s)
	i = 1
	nobj = 0
	lit("[")
	if (peek() == "]") i++
	else while (1) {
		lit("{")
		line = ""
		keys = ""
		nk = 0
		if (peek() != "}") while (1) {
			k = str()
			lit(":")
			v = val()
			line = line (nk ? "\t" : "") esc(v)
			keys = keys (nk ? "\t" : "") k
			nk++
			c = peek()
			if (c == ",") { i++; continue }
			if (c == "}") break
			err("expected , or }")
		}
		lit("}")
		if (nobj == 0) firstkeys = keys
		else if (keys != firstkeys) err("object " nobj + 1 " has other keys")
		row[++nobj] = line
		c = peek()
		if (c == ",") { i++; continue }
		if (c == "]") { i++; break }
		err("expected , or ]")
	}
	ws()
	if (i <= n) err("data after the array")
	if (nobj) print firstkeys
	for (k = 1; k <= nobj; k++) print row[k]
}
EOF

# csv2tsv.awk: parse RFC 4180 CSV whose records end in CRLF; print each
# record with tsv escaping. Fails on a record without CRLF, a stray
# quote, an unterminated quote or records of different lengths.
cat > "$T/csv2tsv.awk" <<'EOF'
function err(m) { printf "csv error at byte %d: %s\n", i, m > "/dev/stderr"; failed = 1; exit 1 }
{ s = s $0 "\n" }
END {
	if (failed) exit 1
	n = length(s)
	i = 1
	nrec = 0
	while (i <= n) {
		line = ""
		nf = 0
		while (1) {
			f = ""
			if (substr(s, i, 1) == "\"") {
				i++
				while (1) {
					if (i > n) err("unterminated quote")
					c = substr(s, i, 1)
					if (c == "\"") {
						if (substr(s, i + 1, 1) == "\"") { f = f "\""; i += 2; continue }
						i++
						break
					}
					f = f c
					i++
				}
			} else {
				while (i <= n) {
					c = substr(s, i, 1)
					if (c == "," || c == "\r" || c == "\n") break
					if (c == "\"") err("quote in an unquoted field")
					f = f c
					i++
				}
			}
			line = line (nf ? "\t" : "") esc(f)
			nf++
			c = substr(s, i, 1)
			if (c == ",") { i++; continue }
			if (c == "\r" && substr(s, i + 1, 1) == "\n") { i += 2; break }
			err("record " nrec + 1 " does not end in CRLF")
		}
		if (nrec == 0) nf0 = nf
		else if (nf != nf0) err("record " nrec + 1 " has " nf " fields, not " nf0)
		print line
		nrec++
	}
}
EOF

# The parsers themselves must be able to fail.
test_case 'the awk parsers of this script can fail' - <<\END
	{
		printf '[{"id":1,"a":"x"},{"a":"x","id":1}]\n' | awk -f "$T/esc.awk" -f "$T/json2tsv.awk" > /dev/null 2>&1
		check "json2tsv rejects objects with other keys" test $? -ne 0
	} &&
	{
		printf '[{"id":1}\n' | awk -f "$T/esc.awk" -f "$T/json2tsv.awk" > /dev/null 2>&1
		check "json2tsv rejects an open array" test $? -ne 0
	} &&
	{
		printf 'a,b\nc,d\n' | awk -f "$T/esc.awk" -f "$T/csv2tsv.awk" > /dev/null 2>&1
		check "csv2tsv rejects LF records" test $? -ne 0
	} &&
	{
		printf 'a,b\r\nc"d,e\r\n' | awk -f "$T/esc.awk" -f "$T/csv2tsv.awk" > /dev/null 2>&1
		check "csv2tsv rejects a stray quote" test $? -ne 0
	} &&
	printf '[{"id":1,"n":"a\\u00e7\\tb"}]' | awk -f "$T/esc.awk" -f "$T/json2tsv.awk" > "$T/p" &&
	check "json2tsv decodes" test "$(sed -n 2p "$T/p")" = "1	aç\\tb"
END

# The golden listing in each format: every agreement of the fixture.
test_case 'each format prints the golden listing' '
	run q list &&
	expect_status 0 &&
	expect_err_empty &&
	expect_stdout query-formats.table &&
	run q list -f csv &&
	expect_status 0 &&
	expect_err_empty &&
	expect_stdout query-formats.csv &&
	run q list -f tsv &&
	expect_status 0 &&
	expect_stdout query-formats.tsv &&
	run q list -f json &&
	expect_status 0 &&
	expect_stdout query-formats.json &&
	run q list -f jsonl &&
	expect_status 0 &&
	expect_stdout query-formats.jsonl &&
	run q list -f markdown &&
	expect_status 0 &&
	expect_stdout query-formats.md
'
# --format=FMT and the option after the command are the same.
test_case '--format=FMT and the option after the command are the same' '
	run q list --format=json &&
	expect_stdout query-formats.json &&
	run q --format csv list &&
	expect_stdout query-formats.csv
'

# The row count agrees across the formats: 14 agreements.
test_case 'wc -l) | every format has the same number of rows' - <<\END
	n_table=$(q list | wc -l) &&
	n_csv=$(q list -f csv --no-header | grep -c "$(printf '\r')\$") &&
	n_tsv=$(q list -f tsv --no-header | wc -l) &&
	n_json=$(q list -f json | grep -c '^{"id":[0-9][0-9]*,') &&
	n_jsonl=$(q list -f jsonl | wc -l) &&
	n_md=$(q list -f markdown | grep -c '^| [0-9]') &&
	check "table rows" test $((n_table - 2)) -eq 14 &&
	check "csv rows" test "$n_csv" -eq 14 &&
	check "tsv rows" test "$n_tsv" -eq 14 &&
	check "json objects" test "$n_json" -eq 14 &&
	check "jsonl lines" test "$n_jsonl" -eq 14 &&
	check "markdown rows" test "$n_md" -eq 14
END

# csv, json and jsonl parse to what tsv prints, header and all.
test_case 'csv, json and jsonl parse to what tsv prints, for every kind and the sample' - <<\END
	q list -f tsv > "$T/tsv" &&
	{
		q list -f csv | awk -f "$T/esc.awk" -f "$T/csv2tsv.awk" > "$T/from-csv"
		check "csv parses (RFC 4180, CRLF)" test $? -eq 0
	} &&
	check "csv = tsv" cmp -s "$T/tsv" "$T/from-csv" &&
	{
		q list -f json | awk -f "$T/esc.awk" -f "$T/json2tsv.awk" > "$T/from-json"
		check "json parses" test $? -eq 0
	} &&
	check "json = tsv" cmp -s "$T/tsv" "$T/from-json" &&
	q list -f jsonl | awk 'BEGIN { print "[" } NR > 1 { print "," } { print } END { print "]" }' |
		awk -f "$T/esc.awk" -f "$T/json2tsv.awk" > "$T/from-jsonl" &&
	check "jsonl = tsv" cmp -s "$T/tsv" "$T/from-jsonl" &&
	for k in sister-cities partnerships memberships actors; do
		q list $k -f tsv > "$T/tsv" &&
		q list $k -f csv | awk -f "$T/esc.awk" -f "$T/csv2tsv.awk" > "$T/from-csv" &&
		check "$k: csv = tsv" cmp -s "$T/tsv" "$T/from-csv" &&
		q list $k -f json | awk -f "$T/esc.awk" -f "$T/json2tsv.awk" > "$T/from-json" &&
		check "$k: json = tsv" cmp -s "$T/tsv" "$T/from-json" || return 1
	done &&
	# The sample too.
	for k in "" sister-cities partnerships memberships actors; do
		"$TWINREG" --sample list $k -f tsv > "$T/tsv" &&
		"$TWINREG" --sample list $k -f csv | awk -f "$T/esc.awk" -f "$T/csv2tsv.awk" > "$T/from-csv" &&
		check "sample $k: csv = tsv" cmp -s "$T/tsv" "$T/from-csv" &&
		"$TWINREG" --sample list $k -f json | awk -f "$T/esc.awk" -f "$T/json2tsv.awk" > "$T/from-json" &&
		check "sample $k: json = tsv" cmp -s "$T/tsv" "$T/from-json" || return 1
	done
END

# json: ids are numbers, empty values are null, the keys are the columns.
test_case 'json ids are numbers, empty values null, keys the columns' - <<\END
	run q list -f json &&
	expect_out_has '{"id":41,"kind":"sister_city","party":"Beyoğlu","party_country":"TR","partner":"Genova","partner_country":"IT","signed_on":"2001-05-10","status":"active","ended_on":null}' &&
	expect_out_has '{"id":47,"kind":"sister_city","party":"Küçükçekmece","party_country":"TR","partner":"Győr","partner_country":"HU","signed_on":null,"status":"planned","ended_on":null}' &&
	expect_out_lacks '"id":"' &&
	check "json starts with [" test "$(head -n 1 "$T/out")" = "[" &&
	check "json ends with ]" test "$(tail -n 1 "$T/out")" = "]" &&
	run q list memberships -f jsonl --limit 1 &&
	expect_out '{"id":55,"member":"Marmara Belediyeler Birliği","member_country":"TR","network":"NALAS","network_country":"MK","status":"full","since":"2008","until":null,"roles":"vice-president from 2009-12"}' &&
	run q list actors -f json --limit 1 &&
	expect_out '[
{"id":1,"name":"İstanbul","country":"TR","kind":"metropolitan","name_en":"Istanbul","parent":null}
]' &&
	# the same keys with --no-header (it is for table, csv and tsv)
	run q list -f json --no-header &&
	expect_stdout query-formats.json
END

# csv: RFC 4180 quoting of commas and quotes (partnerships' places).
test_case 'csv quotes commas, quotes and line breaks' - <<\END
	run q list partnerships -f csv &&
	expect_status 0 &&
	expect_stdout query-formats-partnerships.csv &&
	expect_out_has '"Strasbourg, France"' &&
	expect_out_has '"Győr, ""Városháza"" (town hall)"' &&
	# a line break inside a value: quoted, the record still ends in CRLF
	run q show 52 -f csv &&
	expect_status 0 &&
	{
		awk -f "$T/esc.awk" -f "$T/csv2tsv.awk" "$T/out" > "$T/from-csv"
		check "show csv parses" test $? -eq 0
	} &&
	grep '^record	notes	' "$T/from-csv" > "$T/notes-csv" &&
	check "notes with quotes, a line break and a tab survive csv" test \
		"$(cat "$T/notes-csv")" = 'record	notes	Signed at the "Local Democracy" week, Strasbourg.\nSecond line\twith a tab.' &&
	run q show 52 -f json &&
	{
		awk -f "$T/esc.awk" -f "$T/json2tsv.awk" "$T/out" > "$T/from-json"
		check "show json parses" test $? -eq 0
	} &&
	check "notes survive json" test \
		"$(grep '^record	notes	' "$T/from-json")" = "$(cat "$T/notes-csv")" &&
	run q show 52 -f tsv &&
	check "notes in tsv" test "$(grep '^record	notes	' "$T/out")" = "$(cat "$T/notes-csv")"
END

# --no-header: no header row in table, csv and tsv; the rows unchanged.
test_case '--no-header drops only the header, in table, csv and tsv' '
	run q list -f csv --no-header &&
	expect_status 0 &&
	sed 1d "$GOLDEN/query-formats.csv" > "$T/want" &&
	check "csv --no-header" cmp -s "$T/want" "$T/out" &&
	run q list -f tsv --no-header &&
	sed 1d "$GOLDEN/query-formats.tsv" > "$T/want" &&
	check "tsv --no-header" cmp -s "$T/want" "$T/out" &&
	run q list --no-header &&
	expect_lines 14 &&
	expect_out_lacks "party_country" &&
	expect_out_lacks "----" &&
	check "table --no-header starts with the first row" \
		test "$(head -c 3 "$T/out")" = "41 " &&
	run q --no-header list memberships &&
	expect_stdout query-formats-memberships-noheader.table &&
	run q list -f csv --no-header --municipality xyzzyq -q &&
	expect_out_empty
'

# markdown: a header and a separator, cells between pipes; a pipe in a
# value is escaped.
test_case 'markdown is a table with a separator; a pipe in a value is escaped' - <<\END
	run q list memberships -f markdown &&
	expect_status 0 &&
	expect_out "| id | member | member_country | network | network_country | status | since | until | roles |
| --: | --- | --- | --- | --- | --- | --- | --- | --- |
| 55 | Marmara Belediyeler Birliği | TR | NALAS | MK | full | 2008 |  | vice-president from 2009-12 |
| 56 | Marmara Belediyeler Birliği | TR | ALDA | FR | member | 2017 |  |  |
| 57 | Sarıyer | TR | UCLG-MEWA | TR | member | 2014-05 |  |  |
| 58 | İzmir | TR | EUROCITIES | BE | observer | 2010 | 2015 |  |" &&
	q update 57 --roles "a|b" -q &&
	run q list memberships -f markdown --limit 3 &&
	expect_out_has '| 57 | Sarıyer | TR | UCLG-MEWA | TR | member | 2014-05 |  | a\|b |'
END

# An unknown format: 64 before anything is read.
test_case 'an unknown format is a usage error' - <<\END
	run q list -f xml &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "unknown format 'xml'" &&
	run q list -f &&
	expect_status 64 &&
	expect_out_empty
END
