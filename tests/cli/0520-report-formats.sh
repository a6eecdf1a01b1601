# Every report gives the same figures in csv, tsv, json and jsonl (and
# markdown, where a report is one table without a bar): each output is
# turned into the same plain form, one row a line, fields joined by "|",
# null as empty, with awk alone (no python on CI).
#
# Checked on the fixture of 0500-report-yearly.sh and on the sample,
# whose names hold commas ("Palestine, State of") and Turkish letters.

# csv: RFC 4180 (quoted fields, "" inside quotes, CRLF); no newline is
# expected inside a field in these reports.
cat > "$T/csv.awk" <<'EOF'
{
	sub(/\r$/, "")
	out = ""; f = ""; q = 0; n = 0
	for (i = 1; i <= length($0); i++) {
		c = substr($0, i, 1)
		if (q) {
			if (c == "\"") {
				if (substr($0, i + 1, 1) == "\"") { f = f "\""; i++ }
				else q = 0
			} else f = f c
		} else if (c == "\"") q = 1
		else if (c == ",") { out = out (n++ ? "|" : "") f; f = "" }
		else f = f c
	}
	out = out (n ? "|" : "") f
	if (NR == 1) { head = out; next }
	if (NR == 2) print head
	print out
}
EOF
# tsv: tabs between fields; \t \n \r \\ escapes (none in these reports).
cat > "$T/tsv.awk" <<'EOF'
{
	gsub(/\t/, "|")
	if (NR == 1) { head = $0; next }
	if (NR == 2) print head
	print
}
EOF
# json and jsonl: one object a line ({...} or {...},), inside [ ] for json.
cat > "$T/json.awk" <<'EOF'
/^\[$/ || /^\]$/ || /^\[\]$/ { next }
{
	s = $0
	sub(/^\{/, "", s); sub(/,$/, "", s); sub(/\}$/, "", s)
	keys = ""; vals = ""; n = 0
	while (length(s) > 0) {
		k = str()                     # the key
		s = substr(s, 2)              # the colon
		if (substr(s, 1, 1) == "\"") v = str()
		else {
			j = index(s, ",")
			if (j == 0) j = length(s) + 1
			v = substr(s, 1, j - 1); s = substr(s, j)
			if (v == "null") v = ""
		}
		keys = keys (n ? "|" : "") k
		vals = vals (n++ ? "|" : "") v
		if (substr(s, 1, 1) == ",") s = substr(s, 2)
	}
	if (!done++) print keys
	print vals
}
# A JSON string at the start of s: its value, with s moved past it.
function str(   i, c, r) {
	r = ""
	for (i = 2; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\") {
			i++; c = substr(s, i, 1)
			if (c == "n") c = "\n"; else if (c == "t") c = "\t"
			r = r c
		} else if (c == "\"") break
		else r = r c
	}
	s = substr(s, i + 1)
	return r
}
EOF
# markdown: | a | b | rows after a header and a | --- | line.
cat > "$T/md.awk" <<'EOF'
/^\| --- / || /^\| -/ { next }
/^\|/ {
	s = $0
	sub(/^\| /, "", s); sub(/ \|$/, "", s); sub(/^\|$/, "", s)
	gsub(/ \| /, "|", s); gsub(/ \|\|/, "||", s); gsub(/\| \|/, "||", s)
	rows[++n] = s
}
END { if (n > 1) for (i = 1; i <= n; i++) print rows[i] }
EOF

# Compare one report's figures in every format; ARGS: db options.
same_figures() {
	what=$1
	shift
	"$TWINREG" "$@" -f csv > "$T/f.csv" 2> /dev/null
	awk -f "$T/csv.awk" "$T/f.csv" > "$T/n.csv"
	check "$what: csv has rows" test -s "$T/n.csv"
	"$TWINREG" "$@" -f tsv | awk -f "$T/tsv.awk" > "$T/n.tsv"
	"$TWINREG" "$@" -f json | awk -f "$T/json.awk" > "$T/n.json"
	"$TWINREG" "$@" -f jsonl | awk -f "$T/json.awk" > "$T/n.jsonl"
	for g in tsv json jsonl; do
		if cmp -s "$T/n.csv" "$T/n.$g"; then
			ok
		else
			not_ok "$what: $g figures differ from csv"
			diff "$T/n.csv" "$T/n.$g" | head -n 10 | sed 's/^/    /'
		fi
	done
}

test_case 'the report fixture is imported' '
	report_fixture "$T/r.db"
'

test_case 'every report gives the same figures in csv, tsv, json and jsonl' '
	for db in "--db $T/r.db" --sample; do
		for y in 2009 2010 2011 2012; do
			same_figures "$db yearly $y" $db report yearly --year "$y" || return 1
		done &&
		for r in countries municipalities networks timeline; do
			same_figures "$db $r" $db report "$r" || return 1
		done &&
		same_figures "$db timeline 2000-2005" $db report timeline --from 2000 --to 2005 &&
		same_figures "$db countries as-of" $db report countries --as-of 2011-01-01 || return 1
	done
'

# Markdown holds the same figures too (reports of one table, no bar).
test_case 'markdown gives the figures of csv' '
	for db in "--db $T/r.db" --sample; do
		for r in countries municipalities networks; do
			"$TWINREG" $db report "$r" -f csv | awk -f "$T/csv.awk" > "$T/n.csv" &&
			"$TWINREG" $db report "$r" -f markdown | awk -f "$T/md.awk" > "$T/n.md" &&
			if cmp -s "$T/n.csv" "$T/n.md"; then
				ok
			else
				not_ok "$db $r: markdown figures differ from csv" &&
				diff "$T/n.csv" "$T/n.md" | head -n 10 | sed "s/^/    /"
			fi || return 1
		done || return 1
	done
'

# The same figures as the table: the yearly total of the sample's 2011,
# read from each format (3 signed: CALM, DG Energy, CIFCA; 1 in 2010).
test_case 'the 2011 total of the sample reads the same in every format' - <<\END
	run twinreg --sample report yearly --year 2011 -f csv &&
	check "csv total" grep -q '^signed_by_kind,total,3,1,2' "$T/out" &&
	run twinreg --sample report yearly --year 2011 -f json &&
	expect_out_has '{"section":"signed_by_kind","key":"total","count":3,"previous":1,"change":2}' &&
	run twinreg --sample report yearly --year 2011 &&
	check "table total" grep -qE '^total +3 +1 +2$' "$T/out"
END

# The json output is one array; jsonl one object a line, no array.
test_case 'json is one array, jsonl one object a line' - <<\END
	run twinreg --db "$T/r.db" report countries -f json &&
	check "json starts with [" test "$(head -n 1 "$T/out")" = "[" &&
	check "json ends with ]" test "$(tail -n 1 "$T/out")" = "]" &&
	run twinreg --db "$T/r.db" report countries -f jsonl &&
	check "jsonl: objects only" test "$(grep -vc '^{.*}$' "$T/out")" = 0 &&
	expect_lines 9
END
