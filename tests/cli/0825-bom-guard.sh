# --bom output is for spreadsheets: no cell starts with '=', '+', '-',
# '@', a tab or a carriage return (OWASP CSV injection): a "'" goes
# first.  It still imports back to the same registry: export, import into
# an empty registry, export gives the same bytes, with and without --bom,
# with ',' and with ';' between fields.  Cells that start with "'" before
# one of those keep their quotes through the trip.
db=$T/r.db
KINDS="actors sister-cities partnerships memberships activities"
new_registry "$db" "$DATA/bom-actors.csv" "$DATA/bom-sister-cities.csv" \
	"$DATA/bom-partnerships.csv" "$DATA/bom-memberships.csv" \
	"$DATA/bom-activities.csv"
# Values with a leading "'" as add and update store them, verbatim.
twinreg --db "$db" -q add actor --name "'=Added" --country TR --notes "'+'" > /dev/null
twinreg --db "$db" -q add actor --name "''@Two" --country TR --notes "'''-" > /dev/null
twinreg --db "$db" -q update "$(aid "@Kuzey")" --website "'@x" --name-en "'-y"

# A single quote, for the bodies of the cases.
q="'"

# formula_cells FILE [SEP]: the cells of the csv FILE (after its
# byte-order mark) that start with a formula character, one a line,
# read by sqlite3's own CSV reader.
formula_cells() {
	tail -c +4 "$1" > "$T/cells.csv"
	sqlite3 :memory: ".mode csv" ".separator '${2:-,}'" ".import $T/cells.csv t" \
		".mode list" "SELECT group_concat('SELECT \"' || name || '\" AS c FROM t', ' UNION ALL ') FROM pragma_table_info('t')" \
		> "$T/cells.sql" &&
	sqlite3 :memory: ".mode csv" ".separator '${2:-,}'" ".import $T/cells.csv t" \
		".mode list" "SELECT c FROM ($(cat "$T/cells.sql")) WHERE substr(c, 1, 1) IN ('=', '+', '-', '@', char(9), char(13))"
}

# bom_first FILE: FILE starts with a UTF-8 byte-order mark.
bom_first() {
	test "$(head -c 3 "$1" | od -An -tx1 | tr -d ' ')" = efbbbf
}

test_case 'the fixture holds values that start with each formula character' '
	run twinreg --db "$db" export -o "$T/plain" &&
	expect_status 0 &&
	for c in = + - @; do
		check "a value starts with $c" grep -q -e "^$c" -e ",$c" "$T/plain/actors.csv" || return 1
	done &&
	run twinreg --db "$db" -f tsv show "$(aid "@Kuzey")" &&
	expect_out_has "$(printf "record\twebsite\t%s@x" "$q")"
'

test_case 'export --bom starts no cell with a formula character' '
	run twinreg --db "$db" --bom export -o "$T/bom" &&
	expect_status 0 &&
	for k in $KINDS; do
		check "$k.csv starts with a byte-order mark" bom_first "$T/bom/$k.csv" &&
		formula_cells "$T/bom/$k.csv" > "$T/bad" &&
		check "$k.csv: no formula cell: $(head -n 3 "$T/bad" | tr "\n" " ")" test ! -s "$T/bad" &&
		check "$k.csv: the guard is there" grep -q "${q}[-=+@]" "$T/bom/$k.csv" || return 1
	done &&
	formula_cells "$T/plain/actors.csv" > "$T/bad" &&
	check "without --bom the values are as stored" test -s "$T/bad"
'

# trip NAME OPTS...: export OPTS -o $T/NAME.a, import it into an empty
# registry, export OPTS -o $T/NAME.b: the same bytes; the copy's plain
# export is the registry's.
trip() {
	_n=$1
	shift
	rm -rf "$T/$_n.a" "$T/$_n.b" "$T/$_n.db"
	twinreg --db "$db" "$@" export -o "$T/$_n.a" &&
	new_registry "$T/$_n.db" &&
	run twinreg --db "$T/$_n.db" -q import "$T/$_n.a" &&
	expect_status 0 &&
	twinreg --db "$T/$_n.db" "$@" export -o "$T/$_n.b" &&
	check "$_n: export, import, export gives the same bytes" diff -r "$T/$_n.a" "$T/$_n.b" &&
	rm -rf "$T/$_n.p" &&
	twinreg --db "$T/$_n.db" export -o "$T/$_n.p" &&
	check "$_n: the copy holds what the registry holds" diff -r "$T/plain" "$T/$_n.p"
}

test_case 'the --bom export imports back to the same registry' '
	trip bom --bom
'
test_case 'with ; between fields too, the separator guessed on import' '
	trip semi --bom --delimiter ";" &&
	check "the export has ; between fields" grep -q "^.*;TR;" "$T/semi.a/actors.csv" &&
	formula_cells "$T/semi.a/memberships.csv" ";" > "$T/bad" &&
	check "no formula cell with ;" test ! -s "$T/bad"
'
test_case 'without --bom the trip is the same, a leading quote kept' '
	trip plain2 &&
	trip semi2 --delimiter ";"
'

# export --kind and the listings, csv and tsv, with --bom.
test_case 'export --kind, list and report with --bom start no cell with a formula character' '
	for k in $KINDS; do
		twinreg --db "$db" export --bom --kind "$k" > "$T/one.csv" &&
		formula_cells "$T/one.csv" > "$T/bad" &&
		check "export --kind $k: no formula cell" test ! -s "$T/bad" || return 1
	done &&
	for k in actors sister-cities partnerships memberships activities; do
		twinreg --db "$db" --bom -f csv list $k --columns all > "$T/l.csv" &&
		formula_cells "$T/l.csv" > "$T/bad" &&
		check "list $k -f csv: no formula cell" test ! -s "$T/bad" &&
		twinreg --db "$db" --bom -f tsv list $k --columns all > "$T/l.tsv" &&
		check "list $k -f tsv starts with a byte-order mark" bom_first "$T/l.tsv" &&
		tail -c +4 "$T/l.tsv" | awk -F "\t" "{ for (i = 1; i <= NF; i++) if (\$i ~ /^[-=+@\r]/) print }" > "$T/bad" &&
		check "list $k -f tsv: no formula cell: $(head -n 1 "$T/bad")" test ! -s "$T/bad" || return 1
	done &&
	twinreg --db "$db" --bom -f csv report municipalities > "$T/rep.csv" &&
	formula_cells "$T/rep.csv" > "$T/bad" &&
	check "report -f csv: no formula cell" test ! -s "$T/bad"
'

# Values that only a quote protects keep it in the registry (tsv
# without --bom prints values as they are).
test_case 'a value with a leading quote before a formula character is kept whole' - <<\END
	run twinreg --db "$T/bom.db" -f tsv list actors --columns name,notes &&
	tr '\t' '|' < "$T/out" > "$T/out.p" && mv "$T/out.p" "$T/out" &&
	expect_out_has "'=Added|'+'" &&
	expect_out_has "''@Two|'''-" &&
	expect_out_has "'=Tırnak|" &&
	expect_out_has "@Kuzey|'''=two quotes" &&
	expect_out_has '=HYPERLINK(Kadıköy)|=HYPERLINK("http://example.com","tıkla")' &&
	expect_out_lacks "''=Tırnak"
END
