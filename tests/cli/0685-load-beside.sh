# store: sqlite (a load into an empty registry, written beside it and renamed into place)
# An import into a registry that holds nothing writes a new registry
# beside it and renames it into place at the commit: the same registry as
# when the rows go in one by one, in WAL mode after; when another
# connection stays open at the commit, the rows are copied in instead;
# readers read the registry as it was meanwhile; kill -9 at any moment
# leaves the registry as it was or the new one whole; a failed or dry
# import leaves the file byte for byte as it was.

inode() {
	ls -i "$1" | awk '{ print $1 }'
}
# beside DB: the files a load left beside DB (DB.XXXXXX).
beside() {
	ls "$1".?????? 2> /dev/null | wc -l | tr -d ' '
}
# loading DB: a load is writing beside DB.
loading() {
	[ "$(beside "$1")" = 1 ]
}
journal() {
	sqlite3 "$1" "PRAGMA journal_mode"
}
# the_same A B: the registries A and B hold the same records, history
# aside (when and by what command), the same counts and search index.
the_same() {
	"$TWINREG" --db "$1" export -o "$T/a.export" 2> /dev/null &&
	"$TWINREG" --db "$2" export -o "$T/b.export" 2> /dev/null &&
	diff -r "$T/a.export" "$T/b.export" > /dev/null &&
	rm -rf "$T/a.export" "$T/b.export" &&
	for q in "SELECT * FROM tie_counts WHERE n <> 0 ORDER BY 1, 2, 3" \
	    "SELECT * FROM party_counts WHERE n <> 0 ORDER BY 1, 2" \
	    "SELECT rowid, text FROM search ORDER BY rowid" \
	    "SELECT rowid FROM search WHERE search MATCH 'culture' ORDER BY rowid" \
	    "SELECT * FROM meta ORDER BY 1" \
	    "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"; do
		[ "$(sqlite3 "$1" "$q" | md5sum)" = "$(sqlite3 "$2" "$q" | md5sum)" ] ||
		    return 1
	done
}

many_ties 20000 > "$T/ties.csv"

test_case 'an import into a registry that holds nothing puts a new file in its place' '
	twinreg --db "$T/a.db" -q init &&
	before=$(inode "$T/a.db") &&
	run twinreg --db "$T/a.db" -q import "$T/ties.csv" &&
	expect_status 0 &&
	check "a new file in place" [ "$(inode "$T/a.db")" != "$before" ] &&
	check "nothing left beside it" [ "$(beside "$T/a.db")" = 0 ] &&
	check "in WAL mode" [ "$(journal "$T/a.db")" = wal ] &&
	expect_sound "$T/a.db" &&
	run twinreg --db "$T/a.db" -f csv --no-header list --municipality "Belde 7" &&
	expect_status 0 &&
	check "its ties there" [ "$(wc -l < "$T/out")" -eq 40 ] &&
	# The same rows into a registry that holds something go in as
	# before, into the file itself.
	twinreg --db "$T/b.db" -q init &&
	twinreg --db "$T/b.db" -q add actor --name "Belde 0" --country TR > /dev/null &&
	before=$(inode "$T/b.db") &&
	run twinreg --db "$T/b.db" -q import "$T/ties.csv" &&
	expect_status 0 &&
	check "the same file" [ "$(inode "$T/b.db")" = "$before" ] &&
	check "the same ties as the new file" [ "$(rows --db "$T/a.db" list)" = "$(rows --db "$T/b.db" list)" ]
'

test_case 'with a reader that stays open, the rows are copied in: the same registry' '
	twinreg --db "$T/c.db" -q init &&
	before=$(inode "$T/c.db") &&
	rm -f "$T/go" &&
	{ (echo "SELECT count(*) FROM meta;"
	   while [ ! -f "$T/go" ]; do sleep 0.05; done) |
	    sqlite3 "$T/c.db" > /dev/null & } &&
	reader=$! &&
	sleep 0.3 &&
	run twinreg --db "$T/c.db" --busy-timeout 300 -q import "$T/ties.csv" &&
	: > "$T/go" &&
	wait "$reader" &&
	expect_status 0 &&
	check "the same file" [ "$(inode "$T/c.db")" = "$before" ] &&
	check "nothing left beside it" [ "$(beside "$T/c.db")" = 0 ] &&
	expect_sound "$T/c.db" &&
	check "records, counts, search index and schema as the new file holds them" the_same "$T/a.db" "$T/c.db"
'

test_case 'a failed or a dry import into a registry that holds nothing leaves it byte for byte' '
	twinreg --db "$T/d.db" -q init &&
	cp "$T/d.db" "$T/d.before" &&
	before=$(inode "$T/d.db") &&
	{ cat "$T/ties.csv"; echo "Belde 1,TR,Town x,DE,not a date,culture"; } > "$T/bad.csv" &&
	run twinreg --db "$T/d.db" import "$T/bad.csv" &&
	expect_status 65 &&
	expect_err_has "bad.csv:20002:" &&
	check "the file as it was" cmp -s "$T/d.db" "$T/d.before" &&
	check "the same file" [ "$(inode "$T/d.db")" = "$before" ] &&
	check "nothing left beside it" [ "$(beside "$T/d.db")" = 0 ] &&
	run twinreg --db "$T/d.db" import --dry-run "$T/ties.csv" &&
	expect_status 0 &&
	check "the file as it was after a dry run" cmp -s "$T/d.db" "$T/d.before" &&
	check "nothing left beside it after a dry run" [ "$(beside "$T/d.db")" = 0 ]
'

test_case 'readers read the registry as it was while it loads' '
	many_ties 150000 > "$T/more.csv" &&
	twinreg --db "$T/e.db" -q init &&
	{ "$TWINREG" --db "$T/e.db" -q import "$T/more.csv" > /dev/null 2>&1 & } &&
	importer=$! &&
	wait_until 600 loading "$T/e.db" &&
	run twinreg --db "$T/e.db" -f tsv --no-header list &&
	expect_status 0 &&
	check "no ties yet" [ ! -s "$T/out" ] &&
	wait_status "$importer" "the import" &&
	expect_status 0 &&
	check "then every tie" [ "$(rows --db "$T/e.db" list)" = 150000 ]
'

# Killed after 0.1 to 1.5 s: reading, loading, building the indexes,
# committing, or done.
test_case 'kill -9 at any moment of the load: the registry as it was, or the new one whole' '
	n=0 &&
	for d in 0.1 0.3 0.5 0.8 1.1 1.5; do
		rm -f "$T/k.db" "$T/k.db"* &&
		twinreg --db "$T/k.db" -q init &&
		{ "$TWINREG" --db "$T/k.db" -q import "$T/more.csv" > /dev/null 2>&1 & } &&
		p=$! &&
		sleep "$d" &&
		kill_status "$p" "the import, killed after $d s" &&
		expect_sound "$T/k.db" &&
		ties=$(rows --db "$T/k.db" list) &&
		check "after $d s: no tie or every tie ($ties)" [ "$ties" = 0 -o "$ties" = 150000 ] &&
		run twinreg --db "$T/k.db" -q add actor --name After --country TR &&
		expect_status 0 &&
		check "after $d s: in WAL mode once written" [ "$(journal "$T/k.db")" = wal ] &&
		n=$((n + (ties > 0))) || return 1
	done &&
	echo "$n" > "$T/landed"
'

test_case 'a registry left out of WAL mode is put back in it by the next write' '
	twinreg --db "$T/w.db" -q init &&
	sqlite3 "$T/w.db" "PRAGMA journal_mode = DELETE" > /dev/null &&
	check "out of WAL mode" [ "$(journal "$T/w.db")" = delete ] &&
	run twinreg --db "$T/w.db" list &&
	check "a read leaves it" [ "$(journal "$T/w.db")" = delete ] &&
	run twinreg --db "$T/w.db" -q add actor --name Again --country TR &&
	expect_status 0 &&
	check "in WAL mode again" [ "$(journal "$T/w.db")" = wal ]
'
