# Sourced by the activities' scripts (0700, 0720): the same figures in
# every format.  Each output is turned into one plain form, one row a
# line, fields joined by "|", null as empty, with awk alone (no python
# or jq on CI), as tests/cli/0520-report-formats.sh does for the other
# reports.  No newline is expected inside a field here.
#
#   figures_awk              writes the awk programs into $T
#   same_figures WHAT ARGS   `twinreg ARGS -f F` for csv, tsv, json,
#                            jsonl and markdown: one assertion a format,
#                            each against csv
#   section_out NAME         drop section NAME from the table or
#                            markdown report in $T/out (sections are
#                            headed by NAME or "## NAME")
#   rows_out NAME            drop the rows of section NAME from the csv,
#                            tsv, json or jsonl report in $T/out

figures_awk() {
	# csv: RFC 4180 (quoted fields, "" inside quotes, CRLF).
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
	print out
}
EOF
	# tsv: tabs between fields.
	cat > "$T/tsv.awk" <<'EOF'
{ gsub(/\t/, "|"); print }
EOF
	# json and jsonl: one object a line ({...} or {...},), inside [ ]
	# for json; the keys of the first object make the header.
	cat > "$T/json.awk" <<'EOF'
/^\[$/ || /^\]$/ || /^\[\]$/ { next }
{
	s = $0
	sub(/^\{/, "", s); sub(/,$/, "", s); sub(/\}$/, "", s)
	keys = ""; vals = ""; n = 0
	while (length(s) > 0) {
		k = str()
		s = substr(s, 2)
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
	# markdown: "| a | b |" rows; the "| --- |" line and headings left
	# out.  A report's sections become one table with a section column,
	# as in csv: "## NAME" sets it, the first table's header is kept.
	cat > "$T/md.awk" <<'EOF'
/^## / { sec = substr($0, 4); next }
/^\| -/ { next }
/^\|/ {
	n = split($0, c, "|")
	s = ""
	for (i = 2; i < n; i++) {
		v = c[i]; sub(/^ /, "", v); sub(/ $/, "", v)
		s = s (i > 2 ? "|" : "") v
	}
	if (s ~ /^(key|id)\|/) {
		if (head++) next
		print (sec != "" ? "section|" : "") s
		next
	}
	print (sec != "" ? sec "|" : "") s
}
EOF
}

# same_figures WHAT ARGS...: the figures of `twinreg ARGS` read the same
# in csv, tsv, json, jsonl and markdown.
same_figures() {
	_sf=$1
	shift
	"$TWINREG" "$@" -f csv > "$T/f.csv" 2> /dev/null
	awk -f "$T/csv.awk" "$T/f.csv" > "$T/n.csv"
	check "$_sf: csv has rows" test "$(wc -l < "$T/n.csv")" -gt 1
	"$TWINREG" "$@" -f tsv 2> /dev/null | awk -f "$T/tsv.awk" > "$T/n.tsv"
	"$TWINREG" "$@" -f json 2> /dev/null | awk -f "$T/json.awk" > "$T/n.json"
	"$TWINREG" "$@" -f jsonl 2> /dev/null | awk -f "$T/json.awk" > "$T/n.jsonl"
	"$TWINREG" "$@" -f markdown 2> /dev/null | awk -f "$T/md.awk" > "$T/n.markdown"
	for _g in tsv json jsonl markdown; do
		if cmp -s "$T/n.csv" "$T/n.$_g"; then
			ok
		else
			not_ok "$_sf: $_g figures differ from csv"
			diff "$T/n.csv" "$T/n.$_g" | head -n 10 | sed 's/^/    /'
		fi
	done
}

# section_out NAME: $T/out without section NAME of a table or markdown
# report (from its heading to the next one).
section_out() {
	awk -v n="$1" '
		/^(## )?[a-z_]+$/ { skip = ($0 == n || $0 == "## " n) }
		!skip' "$T/out" > "$T/out.s" && mv "$T/out.s" "$T/out"
}
# rows_out NAME: $T/out without the rows of section NAME (csv, tsv,
# json, jsonl).
rows_out() {
	grep -v -e "^$1," -e "^$1	" -e "\"section\":\"$1\"" "$T/out" > "$T/out.s"
	mv "$T/out.s" "$T/out"
}
