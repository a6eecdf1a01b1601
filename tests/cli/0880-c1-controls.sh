# C1 control characters (U+0080..U+009F; 0x9B is a terminal's CSI) in
# values: json and jsonl escape them as \u0080.., table and markdown
# show them as \x80..; no output for people or scripts carries them raw
# but csv and tsv, which keep every value as it is (and round-trip).
# U+2028 and U+2029 (line ends to JavaScript) are escaped in json too.
db=$T/r.db
new_registry "$db"
c1=$(printf 'a\302\205b\302\233c\302\200d\302\237e')
ls=$(printf 'x\342\200\250y\342\200\251z')
twinreg --db "$db" -q add actor --name Kontrol --country TR --notes "$c1" > /dev/null
twinreg --db "$db" -q add actor --name Satır --country TR --notes "$ls" > /dev/null
printf 'name,country,notes,source\nİçe Aktarılan,TR,"%s","%s"\n' "$c1" "$c1" > "$T/c1.csv"
twinreg --db "$db" -q import "$T/c1.csv"

# raw_c1 FILE: FILE holds a C1 control character as UTF-8.
raw_c1() {
	LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1"
}

test_case 'the registry holds the C1 characters as given' '
	run twinreg --db "$db" -f csv list actors --columns notes &&
	check "csv keeps them" raw_c1 "$T/out" &&
	expect_out_has "$c1"
'

test_case 'json and jsonl escape C1 controls, U+2028 and U+2029' - <<\END
	for f in json jsonl; do
		run twinreg --db "$db" -f $f list actors --columns all &&
		expect_status 0 &&
		check "$f: no raw C1 character" sh -c '! LC_ALL=C grep -q "$(printf "\302[\200-\237]")" "$1"' - "$T/out" &&
		expect_out_has 'a\u0085b\u009bc\u0080d\u009fe' &&
		expect_out_has 'x\u2028y\u2029z' || return 1
	done &&
	run twinreg --db "$db" -f json show "$(aid Kontrol)" &&
	expect_out_has '\u009b' &&
	check "show -f json: no raw C1 character" sh -c '! LC_ALL=C grep -q "$(printf "\302[\200-\237]")" "$1"' - "$T/out"
END

# The escapes decode to the value: the JSON is valid and the same text.
test_case 'the json is valid and decodes to the stored value' - <<\END
	twinreg --db "$db" -f json list actors --columns name,notes > "$T/a.json" &&
	run sqlite3 :memory: "SELECT json_valid(readfile('$T/a.json')), json_extract(readfile('$T/a.json'), '\$[0].notes') = CAST(x'61c28562c29b63c28064c29f65' AS TEXT)" &&
	expect_out "1|1"
END

test_case 'table and markdown show C1 controls as \x80..\x9f' - <<\END
	for f in table markdown; do
		run twinreg --db "$db" -f $f list actors --columns name,notes &&
		expect_status 0 &&
		check "$f: no raw C1 character" sh -c '! LC_ALL=C grep -q "$(printf "\302[\200-\237]")" "$1"' - "$T/out" &&
		expect_out_has 'x85' &&
		expect_out_has 'x9b' || return 1
	done &&
	run twinreg --db "$db" show "$(aid Kontrol)" &&
	expect_out_has 'a\x85b\x9bc\x80d\x9fe' &&
	run twinreg --db "$db" search Aktarılan &&
	check "search: no raw C1 character" sh -c '! LC_ALL=C grep -q "$(printf "\302[\200-\237]")" "$1"' - "$T/out"
END

test_case 'the C1 characters survive export and import' '
	twinreg --db "$db" export -o "$T/a" &&
	new_registry "$T/b.db" &&
	run twinreg --db "$T/b.db" -q import "$T/a" &&
	expect_status 0 &&
	twinreg --db "$T/b.db" export -o "$T/b" &&
	check "the same bytes" diff -r "$T/a" "$T/b" &&
	check "the export keeps them" raw_c1 "$T/a/actors.csv"
'
