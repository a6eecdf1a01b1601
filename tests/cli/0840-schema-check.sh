# store: sqlite (the SQLite schema checked on open, altered with sqlite3)
# Opening a registry checks its schema (tables, indexes, triggers)
# against what this twinreg makes.  An index it lacks is made again by
# a command that writes, and refuses a command that only reads (66, one
# line): never used silently, so an import twice never stores a record
# twice.  A missing table, a reset schema version, a damaged file: 66 and
# one line; a read that fails (EIO): 74.
db=$T/r.db
q="'"
new_registry "$db" "$DATA/query-actors.csv" "$DATA/query-sister-cities.csv" \
	"$DATA/query-memberships.csv"
cp "$db" "$T/good.db"

# fresh: $db a copy of the good registry.
fresh() {
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$T/good.db" "$db"
}

# refused STATUS TEXT ARGS...: `twinreg --db $db ARGS` exits STATUS with
# one line holding TEXT, and the registry is as it was.
refused() {
	_rs=$1 _rt=$2
	shift 2
	snap before
	run twinreg --db "$db" "$@"
	expect_status "$_rs" &&
	check "$*: one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_err_has "$_rt" &&
	check "$*: the registry as it was" same_as before
}

# has_index NAME: the registry has index NAME.
has_index() {
	test "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = '$1'")" = 1
}

test_case 'an identity index dropped: a read is refused with 66 and one line' '
	for ix in actors_ident agreements_ident memberships_ident activities_ident; do
		fresh &&
		sqlite3 "$db" "DROP INDEX $ix" &&
		refused 66 "$ix" list &&
		refused 66 "lacks its index" export --kind actors &&
		refused 66 "$ix" report countries &&
		refused 66 "$ix" -f json show 1 || return 1
	done
'

# The finding of the issue: an import twice stored duplicates.
test_case 'an import into a registry without its identity index stores nothing twice' '
	fresh &&
	sqlite3 "$db" "DROP INDEX actors_ident; DROP INDEX agreements_ident" &&
	run twinreg --db "$db" import "$DATA/query-sister-cities.csv" &&
	expect_status 0 &&
	expect_err_has "0 added" &&
	run twinreg --db "$db" import "$DATA/query-actors.csv" "$DATA/query-sister-cities.csv" &&
	expect_status 0 &&
	expect_err_has "0 added" &&
	check "actors_ident is back" has_index actors_ident &&
	check "agreements_ident is back" has_index agreements_ident &&
	check "as many actors as before" test "$(rows --db "$db" list actors)" = "$(rows --db "$T/good.db" list actors)" &&
	check "as many agreements as before" test "$(rows --db "$db" list)" = "$(rows --db "$T/good.db" list)" &&
	expect_sound "$db" &&
	run twinreg --db "$db" list &&
	expect_status 0
'

test_case 'add, update and init make the missing indexes again' '
	fresh &&
	sqlite3 "$db" "DROP INDEX actors_country; DROP INDEX history_change" &&
	run twinreg --db "$db" -q add actor --name Yeni --country TR &&
	expect_status 0 &&
	check "actors_country is back" has_index actors_country &&
	check "history_change is back" has_index history_change &&
	sqlite3 "$db" "DROP INDEX memberships_network" &&
	run twinreg --db "$db" init &&
	expect_status 0 &&
	expect_err_has "already exists" &&
	check "memberships_network is back" has_index memberships_network &&
	run twinreg --db "$db" list actors &&
	expect_status 0 &&
	check "the schema is what a new registry has" test \
		"$(sqlite3 "$db" "SELECT type, name, sql FROM sqlite_schema ORDER BY name")" = \
		"$(sqlite3 "$T/good.db" "SELECT type, name, sql FROM sqlite_schema ORDER BY name")"
'

# The counts the reports over every tie read are kept by triggers: one
# missing may have missed a change, so a read is refused and a write
# makes it again and counts every tie again.
test_case 'a trigger dropped: a read is refused with 66, a write makes it again and recounts' '
	fresh &&
	cp "$T/good.db" "$T/want.db" &&
	sqlite3 "$T/want.db" "DELETE FROM agreements WHERE id = (SELECT min(id) FROM agreements)" &&
	"$TWINREG" --db "$T/want.db" report countries > "$T/want" &&
	sqlite3 "$db" "DROP TRIGGER agreements_uncounted; DELETE FROM agreements WHERE id = (SELECT min(id) FROM agreements)" &&
	refused 66 "lacks its trigger ${q}agreements_uncounted${q}" report countries &&
	run twinreg --db "$db" init &&
	expect_err_has "already exists" &&
	run twinreg --db "$db" report countries &&
	expect_status 0 &&
	check "the counts are those of the ties" cmp -s "$T/out" "$T/want" &&
	check "the report changed" test "$(cat "$T/want")" != "$("$TWINREG" --db "$T/good.db" report countries)" &&
	check "the schema is what a new registry has" test \
		"$(sqlite3 "$db" "SELECT type, name, sql FROM sqlite_schema ORDER BY name")" = \
		"$(sqlite3 "$T/good.db" "SELECT type, name, sql FROM sqlite_schema ORDER BY name")"
'

# An identity index that lost its UNIQUE is no identity index.
test_case 'an index made otherwise is refused by a read and made again by a write' '
	fresh &&
	sqlite3 "$db" "DROP INDEX memberships_ident; CREATE INDEX memberships_ident ON memberships(member_id)" &&
	refused 66 memberships_ident list memberships &&
	run twinreg --db "$db" import "$DATA/query-memberships.csv" &&
	expect_status 0 &&
	expect_err_has "0 added" &&
	run sqlite3 "$db" "SELECT sql FROM sqlite_schema WHERE name = ${q}memberships_ident${q}" &&
	expect_out_has "CREATE UNIQUE INDEX" &&
	run twinreg --db "$db" list memberships &&
	expect_status 0
'

# Records stored twice while the index was gone: refused, not merged.
test_case 'records stored twice cannot get their index back: 66 and one line' '
	fresh &&
	sqlite3 "$db" "DROP INDEX actors_ident; INSERT INTO actors(id, name, name_key, country) SELECT 1000 + id, name, name_key, country FROM actors WHERE id = (SELECT min(id) FROM actors)" &&
	refused 66 "actors_ident" -q add actor --name Yeni --country TR &&
	expect_err_has "same identity" &&
	refused 66 "actors_ident" import "$DATA/query-actors.csv" &&
	refused 66 "actors_ident" list
'

test_case 'a missing table is 66 with one line, for reads and writes' '
	fresh &&
	sqlite3 "$db" "DROP TABLE aliases" &&
	refused 66 "lacks its table ${q}aliases" list &&
	refused 66 "damaged" import "$DATA/query-actors.csv" &&
	refused 73 "damaged" init
'

# user_version reset to 0: no "table meta already exists" (70).
test_case 'a registry whose schema version was reset is refused with 66 and one line' '
	fresh &&
	sqlite3 "$db" "PRAGMA user_version = 0" &&
	refused 66 "no schema version" list &&
	refused 66 "no schema version" import "$DATA/query-actors.csv" &&
	refused 66 "no schema version" -q add actor --name Yeni --country TR &&
	expect_err_lacks "already exists" &&
	run twinreg --db "$db" init &&
	check "init does not take it for empty ($(cat "$T/status"))" test "$(cat "$T/status")" -eq 73 -o "$(cat "$T/status")" -eq 66 &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	run sqlite3 "$db" "PRAGMA user_version" &&
	expect_out 0
'

# Set back to an older version: its migrations would make what is there.
test_case 'a registry whose schema version was set back is refused with 66 and one line' '
	for v in 1 2 3 4; do
		fresh &&
		sqlite3 "$db" "PRAGMA user_version = $v" &&
		refused 66 "schema version $v" list &&
		refused 66 "damaged" import "$DATA/query-actors.csv" &&
		run sqlite3 "$db" "PRAGMA user_version" &&
		expect_out "$v" || return 1
	done
'

test_case 'a damaged file is 66 with one line' '
	fresh &&
	head -c 8192 "$T/good.db" > "$db" &&
	run twinreg --db "$db" list &&
	expect_status 66 &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	fresh &&
	# The first page of the actors table overwritten with zeros.
	page=$(sqlite3 "$db" "SELECT rootpage FROM sqlite_schema WHERE name = ${q}actors${q}") &&
	dd if=/dev/zero of="$db" bs=4096 seek=$((page - 1)) count=1 conv=notrunc 2> /dev/null &&
	run twinreg --db "$db" list actors &&
	expect_status 66 &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1
'

# A read that fails as a disk fails is an I/O error, 74, whichever read
# of the registry it is.
if command -v strace > /dev/null 2>&1; then
	test_case 'a read of the registry that fails (EIO) is 74 with one line' '
		fresh &&
		n=$(ASAN_OPTIONS=detect_leaks=0 strace -f -qq -c -U calls,name -e trace=pread64 "$TWINREG" --db "$db" list 2>&1 > /dev/null |
			awk "\$2 == \"pread64\" { print \$1 }") &&
		check "list reads the registry with pread64 ($n)" test "${n:-0}" -gt 3 &&
		i=3 && fails=0 &&
		while [ "$i" -le "$n" ]; do
			ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace=pread64 -e inject=pread64:error=EIO:when=$i \
				"$TWINREG" --db "$db" list > "$T/out" 2> "$T/err"
			s=$?
			RUN="list with pread64 #$i failing (EIO)" &&
			if [ "$s" -ne 0 ]; then
				fails=$((fails + 1)) &&
				echo "$s" > "$T/status" &&
				expect_status 74 &&
				check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
				expect_err_has "Input/output error"
			fi &&
			i=$((i + 1)) || return 1
		done &&
		check "some reads failed ($fails)" test "$fails" -gt 2
	'
else
	echo "skip 0840-schema-check: no strace to make a read fail"
fi
