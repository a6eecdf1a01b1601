# store: sqlite (-o naming the registry file, its -wal, -shm, -journal, or links)
# No output option ever writes over the registry: -o naming the registry,
# its -wal, -shm or -journal file, or a symbolic or hard link to one of
# them, is refused with 73 and one line before anything is written, for
# export --kind, export -o DIR and report -o.
db=$T/r.db
twinreg --db "$db" init -q
twinreg --db "$db" -q import "$DATA/query-actors.csv" \
	"$DATA/query-sister-cities.csv" "$DATA/query-memberships.csv"

# refused ARGS...: `twinreg --db $db ARGS` exits 73 with one line on
# stderr naming what it refused, nothing on stdout, and the registry file
# and its records are as they were.
refused() {
	snap before
	cp "$db" "$T/bytes.before"
	run twinreg --db "$db" "$@"
	expect_status 73 &&
	expect_out_empty &&
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_err_has "registry" &&
	check "$*: the registry file as it was" cmp -s "$db" "$T/bytes.before" &&
	check "$*: the records as they were" same_as before
}

test_case 'export --kind -o and report -o over the registry are refused' '
	for o in "$db" "$db-wal" "$db-shm" "$db-journal"; do
		refused export --kind actors -o "$o" &&
		refused export --kind sister-cities --bom -o "$o" &&
		refused report countries -o "$o" &&
		refused report yearly --year 2011 -f csv -o "$o" || return 1
	done
'

# The same file by another name: a relative name, a name with ./ and ..
test_case 'the registry by another name is refused' '
	mkdir -p "$T/sub" &&
	(cd "$T/sub" && refused export --kind actors -o ../r.db) &&
	refused export --kind actors -o "$T/sub/../r.db" &&
	refused report countries -o "$T/./r.db-wal"
'

test_case 'a symbolic or hard link to the registry or its files is refused' '
	ln -s "$db" "$T/sym.db" &&
	ln -s r.db-wal "$T/sym-wal" &&
	ln -s "$T/r.db-journal" "$T/dangling" &&
	ln "$db" "$T/hard.db" &&
	ln -s sym.db "$T/sym2.db" &&
	for o in "$T/sym.db" "$T/sym-wal" "$T/dangling" "$T/hard.db" "$T/sym2.db"; do
		refused export --kind actors -o "$o" &&
		refused report municipalities -o "$o" || return 1
	done &&
	check "the dangling link still dangles" test ! -e "$T/r.db-journal"
'

# copy --to is an output too: a copy into the registry's -wal was lost as
# the registry closed (SQLite removes its -wal), yet said "copied".
test_case 'copy --to the registry, its files or a link to one is refused' '
	for o in "$db" "$db-wal" "$db-shm" "$db-journal" "$T/sub/../r.db-wal" \
	    "$T/sym.db" "$T/sym-wal" "$T/dangling" "$T/hard.db"; do
		refused copy --to "$o" &&
		expect_err_lacks "copied" || return 1
	done &&
	check "no -wal left by copy" test ! -e "$db-wal" &&
	check "no -journal left by copy" test ! -e "$db-journal" &&
	run twinreg --db "$db" -q copy --to "$T/other.db" &&
	expect_status 0 &&
	check "a copy beside the registry is made" test -s "$T/other.db"
'

# A live write-ahead log (a writer holds the lock), and a hard link to it.
test_case 'a live -wal and a hard link to it are refused' '
	hold_lock &&
	ln "$db-wal" "$T/hard-wal" &&
	cp "$db-wal" "$T/wal.before" &&
	run twinreg --db "$db" export --kind actors -o "$db-wal" &&
	expect_status 73 &&
	run twinreg --db "$db" report countries -o "$T/hard-wal" &&
	expect_status 73 &&
	check "the live -wal as it was" cmp -s "$db-wal" "$T/wal.before" &&
	release_lock &&
	expect_sound "$db"
'

# export -o DIR: a file of DIR that would be the registry, or a link to
# it or its -wal, refuses the whole export: no file of DIR changes.
test_case 'export -o DIR over the registry changes none of DIR files' '
	mkdir -p "$T/d" &&
	twinreg --db "$T/d/sister-cities.csv" init -q &&
	twinreg --db "$T/d/sister-cities.csv" -q import "$DATA/query-actors.csv" &&
	echo old > "$T/d/actors.csv" &&
	ls "$T/d" > "$T/d.before" &&
	db=$T/d/sister-cities.csv &&
	refused export -o "$T/d" &&
	refused --bom export -o "$T/d" &&
	check "actors.csv not written" test "$(cat "$T/d/actors.csv")" = old &&
	ls "$T/d" > "$T/d.after" &&
	check "no other file in DIR" cmp -s "$T/d.before" "$T/d.after" &&
	db=$T/r.db &&
	mkdir -p "$T/e" &&
	ln -s "$db" "$T/e/partnerships.csv" &&
	refused export -o "$T/e" &&
	check "no file written beside the link" test "$(ls "$T/e")" = partnerships.csv &&
	rm "$T/e/partnerships.csv" &&
	ln "$db" "$T/e/memberships.csv" &&
	refused export -o "$T/e" &&
	check "no file written beside the hard link" test "$(ls "$T/e")" = memberships.csv &&
	rm "$T/e/memberships.csv" &&
	ln -s ../r.db-wal "$T/e/activities.csv" &&
	refused export -o "$T/e" &&
	check "no file written beside the -wal link" test "$(ls "$T/e")" = activities.csv
'

# The registry itself as DIR is no directory: 73, and it is unharmed.
test_case 'export -o REGISTRY (a directory expected) is 73 and harms nothing' '
	snap before &&
	cp "$db" "$T/bytes.before" &&
	run twinreg --db "$db" export -o "$db" &&
	expect_status 73 &&
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	check "the registry file as it was" cmp -s "$db" "$T/bytes.before" &&
	check "the records as they were" same_as before
'

# Other files are still written: the guard is no blanket refusal.
test_case 'an output beside the registry is written' '
	run twinreg --db "$db" export --kind actors -o "$T/r.db.csv" &&
	expect_status 0 &&
	check "r.db.csv written" test -s "$T/r.db.csv" &&
	run twinreg --db "$db" report countries -o "$T/r.db-wal.txt" &&
	expect_status 0 &&
	run twinreg --db "$db" export -o "$T/xout" &&
	expect_status 0 &&
	check "export -o DIR wrote actors.csv" test -s "$T/xout/actors.csv" &&
	expect_sound "$db"
'
