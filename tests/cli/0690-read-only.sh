# store: sqlite (a read-only registry file)
# A read-only registry file: writes fail with 74 and a clear message, reads
# work.  Root ignores file modes: as root the commands run as the user
# nobody (setpriv), in a directory of its own; without setpriv the case is
# skipped.
if [ "$(id -u)" != 0 ]; then
	dir=$T/ro
	mkdir "$dir"
	as() {
		"$@"
	}
elif command -v setpriv > /dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$TWINREG" --version > /dev/null 2>&1; then
	dir=$(mktemp -d "${TMPDIR:-/tmp}/twinreg-ro.XXXXXX")
	as() {
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	}
else
	dir=
	echo "# 0690-read-only skipped: running as root without setpriv"
	return 0
fi

test_case 'setup: a registry of the edit fixture, its file read-only' '
	db=$dir/r.db &&
	twinreg --db "$db" init -q &&
	twinreg --db "$db" -q import "$DATA/edit-actors.csv" &&
	twinreg --db "$db" -q import "$DATA/edit-sister-cities.csv" \
		"$DATA/edit-memberships.csv" &&
	kotor=$("$TWINREG" --db "$db" -f csv --no-header list --partner Kotor | cut -d, -f1) &&
	if [ "$(id -u)" = 0 ]; then chown -R 65534:65534 "$dir"; fi &&
	chmod 444 "$db" &&
	sqlite3 "$db" .dump > "$T/before.sql" 2> /dev/null &&
	cp "$db" "$T/before.db"
'

test_case 'every write to a read-only registry is 74, said as a write, and changes nothing' '
	for c in "add actor --name Tivat --country ME" \
		"update $kotor --notes x" "end $kotor --on 2020" "delete $kotor" \
		"undo-import 2" "import $DATA/edit-sister-cities-3.csv"; do
		run as "$TWINREG" --db "$db" $c &&
		expect_status 74 &&
		expect_out_empty &&
		expect_err_has "read-only" &&
		# A write is refused as a write, not as a failed read.
		expect_err_lacks "cannot read" &&
		check "one line on stderr: $c" test "$(wc -l < "$T/err")" = 1 || return 1
	done &&
	check "the file is unchanged" cmp -s "$db" "$T/before.db"
'

test_case 'every read of a read-only registry works' '
	run as "$TWINREG" --db "$db" -f csv --no-header list &&
	expect_status 0 &&
	expect_out_has "$kotor,sister_city,Sarıyer,TR,Kotor,ME" &&
	run as "$TWINREG" --db "$db" show "$kotor" &&
	expect_status 0 &&
	run as "$TWINREG" --db "$db" report countries &&
	expect_status 0 &&
	run as "$TWINREG" --db "$db" log &&
	expect_status 0 &&
	expect_out_has "batch 2" &&
	run as "$TWINREG" --db "$db" export --kind actors &&
	expect_status 0 &&
	expect_out_has "UCLG-MEWA" &&
	run as "$TWINREG" --db "$db" search Kotor &&
	expect_status 0
'

# The directory read-only too (a report run by another user than the
# staff who own the registry): reads still work, writes still say 74.
test_case 'in a read-only directory too reads work and writes are 74' '
	rm -f "$db-wal" "$db-shm" &&
	chmod 555 "$dir" &&
	run as "$TWINREG" --db "$db" -f csv --no-header list &&
	expect_status 0 &&
	expect_out_has "$kotor,sister_city,Sarıyer,TR,Kotor,ME" &&
	run as "$TWINREG" --db "$db" report countries &&
	expect_status 0 &&
	run as "$TWINREG" --db "$db" update "$kotor" --notes x &&
	expect_status 74 &&
	expect_err_has "read-only" &&
	check "the file is still unchanged" cmp -s "$db" "$T/before.db"
'

# While its owner writes (root here: its -wal and -shm files beside
# it), such a reader reads through them.
test_case "a reader reads through its owner's -wal and -shm, and refuses a -wal without its -shm" - <<\END
	if [ "$(id -u)" = 0 ]; then
		chmod 644 "$db" &&
		hold_lock &&
		check "the writer made a -shm file" test -f "$db-shm" &&
		run as "$TWINREG" --db "$db" -f csv --no-header list &&
		expect_status 0 &&
		expect_out_has "$kotor,sister_city,Sarıyer,TR,Kotor,ME" &&
		release_lock &&
		# A -wal file holding changes without its -shm (its writer
		# killed): told to wait, not shown the registry without them.
		cp "$db" "$T/main.db" &&
		rm -f "$T/release" &&
		{
			(echo "UPDATE agreements SET notes = 'in the log' WHERE id = $kotor;"
			 while [ ! -f "$T/release" ]; do sleep 0.05; done) |
				sqlite3 "$db" &
		} &&
		holder=$! &&
		wait_until 200 test -s "$db-wal" &&
		cp "$db-wal" "$T/wal" &&
		release_lock &&
		cp "$T/main.db" "$db" &&
		rm -f "$db-shm" &&
		cp "$T/wal" "$db-wal" &&
		run as "$TWINREG" --db "$db" -f csv --no-header list &&
		expect_status 74 &&
		expect_out_empty &&
		expect_err_has '-wal file holds changes' &&
		rm -f "$db-wal" &&
		cp "$T/before.db" "$db" &&
		chmod 444 "$db"
	fi
END

chmod 755 "$dir"
if [ "$dir" != "$T/ro" ]; then rm -rf "$dir"; fi

# A registry of an older schema that the user cannot write cannot be
# upgraded: 74, saying so, and the file as it was.
test_case 'a registry of an older schema that the user cannot write is 74 and left as it was' '
	rm -rf "$dir" &&
	mkdir -p "$dir" &&
	sqlite3 "$dir/v1.db" < "$DATA/registry-v1.sql" > /dev/null &&
	if [ "$(id -u)" = 0 ]; then chown -R 65534:65534 "$dir"; fi &&
	chmod 444 "$dir/v1.db" &&
	cp "$dir/v1.db" "$T/v1-before.db" &&
	run as "$TWINREG" --db "$dir/v1.db" list &&
	expect_status 74 &&
	expect_out_empty &&
	expect_err_has "needs an upgrade from schema version 1 to 7" &&
	check "one line on stderr" test "$(wc -l < "$T/err")" = 1 &&
	check "the old registry is unchanged" cmp -s "$dir/v1.db" "$T/v1-before.db" &&
	if [ "$dir" != "$T/ro" ]; then rm -rf "$dir"; fi
'
