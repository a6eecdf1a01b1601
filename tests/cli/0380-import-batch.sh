# Import as a whole: every bad row of every file listed, then 65, nothing
# on stdout and the registry exactly as it was; all files of one call in
# one transaction; --dry-run; --max-errors; '-' for standard input; a file
# that cannot be opened (66, nothing written).

db=$T/r.db
twinreg --db "$db" init -q
# Something in the registry to keep.
twinreg --db "$db" import -q "$DATA/import-sister-cities.csv"

healthy() {
	if on_store pg; then
		[ "$(pg_sound "$db")" = ok ]
	else
		[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] &&
		    [ -z "$(sqlite3 "$db" 'PRAGMA foreign_key_check')" ]
	fi
}

# --- Every bad row of every file is listed; nothing is written ---------------
# A good file, then two bad ones: the errors of both bad files, in order,
# and not even the good file's rows go in.
test_case 'every bad row of every file is listed and nothing is written, not even the good file' '
	state before &&
	check "export -o wrote the registry" test -s "$T/before/export/sister-cities.csv" &&
	run twinreg --db "$db" import "$DATA/import-batch-good.csv" \
	    "$DATA/import-batch-bad.csv" "$DATA/import-batch-bad2.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_stderr import-batch-bad.err &&
	state after &&
	check "failed call: export, dump and log the same" same_state before after &&
	check "failed call: integrity and foreign keys ok" healthy &&
	run twinreg --db "$db" -f csv list --municipality Adalar &&
	expect_out_lacks "Veles" &&
	expect_out_lacks "2008"
'

# The good file second: still nothing of it.
test_case 'a good file after a bad one is not loaded either' '
	run twinreg --db "$db" import "$DATA/import-batch-bad.csv" "$DATA/import-batch-good.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	state after &&
	check "bad file first: nothing written" same_state before after
'

# --- --dry-run reports the same, writes nothing ------------------------------
test_case '--dry-run of bad files reports the same and writes nothing' '
	run twinreg --db "$db" import --dry-run "$DATA/import-batch-good.csv" \
	    "$DATA/import-batch-bad.csv" "$DATA/import-batch-bad2.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_stderr import-batch-bad.err &&
	state after &&
	check "dry run of bad files: nothing written" same_state before after
'

test_case '--dry-run of a good file counts what a real import adds and writes nothing' '
	run twinreg --db "$db" import --dry-run "$DATA/import-batch-good.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "dry run" &&
	expect_err_has "; fields separated by '\''," &&
	grep -F "3 rows from 1 file" "$T/err" | sed "s/.*3 rows/3 rows/; s/; fields separated.*//" > "$T/dry.sum" &&
	state after &&
	check "good dry run: nothing written, not even the log" same_state before after &&
	run twinreg --db "$db" import "$DATA/import-batch-good.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	grep -F "3 rows from 1 file" "$T/err" | sed "s/.*3 rows/3 rows/" > "$T/real.sum" &&
	check "dry run counts = real counts" cmp -s "$T/dry.sum" "$T/real.sum" &&
	check "the counts are there" grep -q "3 added" "$T/real.sum" &&
	state loaded &&
	check "after a good import: integrity and foreign keys ok" healthy
'

# --- One transaction for all files: a good call of two files -----------------
test_case 'the files of one call are one transaction and one batch' - <<\END
	twinreg --db "$T/two.db" init -q &&
	run twinreg --db "$T/two.db" import "$DATA/import-batch-good.csv" "$DATA/import-sister-cities.csv" &&
	expect_status 0 &&
	expect_err_has '5 rows from 2 files: 5 added' &&
	run twinreg --db "$T/two.db" -f csv log &&
	expect_status 0 &&
	# One import batch for the call, naming both files.
	check "one batch for one call" [ "$(grep -c ',import,batch ' "$T/out")" -eq 1 ] &&
	expect_out_has 'import-batch-good.csv' &&
	expect_out_has 'import-sister-cities.csv'
END

# --- --max-errors ------------------------------------------------------------
# 25 bad rows: 20 listed by default, then a line saying listing stopped.
test_case '--max-errors limits the errors listed (20 by default)' - <<\END
	awk 'BEGIN { print "municipality,municipality_country,sister_city,sister_city_country,signed_on"
	for (i = 1; i <= 25; i++) printf "Adalar,TR,City %d,Frnace,2001\n", i }' > "$T/many.csv" &&
	run twinreg --db "$db" import "$T/many.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	check "20 errors listed by default" [ "$(grep -c 'many.csv:[0-9]*:4: unknown country' "$T/err")" -eq 20 ] &&
	expect_err_has 'many.csv:21:4:' &&
	expect_err_lacks 'many.csv:22:4:' &&
	expect_err_has 'too many errors' &&
	run twinreg --db "$db" import --max-errors 3 "$T/many.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	check "3 errors listed with --max-errors 3" [ "$(grep -c 'many.csv:' "$T/err")" -eq 3 ] &&
	expect_err_has 'many.csv:4:4:' &&
	expect_err_lacks 'many.csv:5:4:' &&
	run twinreg --db "$db" import --max-errors 100 "$T/many.csv" &&
	expect_status 65 &&
	check "all 25 listed with --max-errors 100" [ "$(grep -c 'many.csv:' "$T/err")" -eq 25 ] &&
	expect_err_lacks 'too many errors' &&
	run twinreg --db "$db" import --max-errors 0 "$T/many.csv" &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$db" import --max-errors many "$T/many.csv" &&
	expect_status 64 &&
	state after &&
	check "--max-errors runs: nothing written" same_state loaded after
END

# --- The summary counts rows, not errors ---------------------------------
# One row with two bad fields is one bad row.
test_case 'the summary counts bad rows, not errors' - <<\END
	printf 'municipality,municipality_country,sister_city,sister_city_country,signed_on\nAdalar,Frnace,Nacka,SE,2011-02-30\n' > "$T/two-errors.csv" &&
	run twinreg --db "$db" import "$T/two-errors.csv" &&
	expect_status 65 &&
	expect_err_has 'two-errors.csv:2:2:' &&
	expect_err_has 'two-errors.csv:2:5:' &&
	expect_err_lacks '2 bad rows' &&
	expect_err_has '1 bad row'
END
# A row dropped for a stray quote is a bad row of its own, and the limit
# stops reading at it.
test_case 'a row dropped for a stray quote is a bad row and the limit stops at it' - <<\END
	printf 'municipality,municipality_country,sister_city,sister_city_country,signed_on\nAdalar,TR,Na"cka,SE,2011\nAdalar,TR,Nacka,Frnace,2011\nAdalar,TR,Nacka,SE,2011-02-30\n' > "$T/quote.csv" &&
	run twinreg --db "$db" import "$T/quote.csv" &&
	expect_status 65 &&
	expect_err_has 'quote.csv:2:3: stray quote' &&
	expect_err_has 'quote.csv:3:4:' &&
	expect_err_has 'quote.csv:4:5:' &&
	expect_err_has '3 bad rows; nothing was written' &&
	run twinreg --db "$db" import --max-errors 1 "$T/quote.csv" &&
	expect_status 65 &&
	expect_err_has 'quote.csv:2:3: stray quote' &&
	expect_err_lacks 'quote.csv:3:' &&
	expect_err_has 'reading stopped after the first 1 (--max-errors raises the limit)' &&
	expect_err_has '1 bad row or more; nothing was written'
END

# --- Standard input --------------------------------------------------------------
test_case "'-' reads standard input, alone or with files" '
	twinreg --db "$T/in.db" init -q &&
	run_in "$DATA/import-batch-good.csv" twinreg --db "$T/in.db" import - &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "3 rows from 1 file: 3 added" &&
	run twinreg --db "$T/in.db" -f csv --no-header list &&
	expect_lines 3 &&
	run_in "$DATA/import-batch-bad.csv" twinreg --db "$T/in.db" import - &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has ":3:4: unknown country" &&
	expect_err_has ":7:3: missing sister_city" &&
	# A file and standard input in one call.
	run_in "$DATA/import-sister-cities.csv" twinreg --db "$T/in.db" import "$DATA/import-batch-good.csv" - &&
	expect_status 0 &&
	expect_err_has "5 rows from 2 files: 2 added, 0 updated, 3 unchanged"
'

# --- Files that cannot be opened: 66, nothing written ------------------------
test_case 'a file that cannot be opened is 66 and nothing is written' '
	state before &&
	run twinreg --db "$db" import "$DATA/import-sister-cities.csv" "$T/no-such.csv" &&
	expect_status 66 &&
	expect_out_empty &&
	expect_err_has "no-such.csv" &&
	expect_err_has "cannot open" &&
	check "one line on stderr" [ "$(wc -l < "$T/err")" -eq 1 ] &&
	state after &&
	check "missing file: nothing written" same_state before after
'
# A new file first and the missing one last: the first not loaded either.
test_case 'a good file then a missing one: nothing written' - <<\END
	printf 'municipality,municipality_country,sister_city,sister_city_country\nŞile,TR,Ohrid,MK\n' > "$T/new.csv" &&
	run twinreg --db "$db" import "$T/new.csv" "$T/no-such.csv" &&
	expect_status 66 &&
	expect_out_empty &&
	state after &&
	check "good file then missing file: nothing written" same_state before after
END

# A directory as FILE.
test_case 'a directory as FILE is 66 and nothing is written' '
	mkdir -p "$T/adir" &&
	run twinreg --db "$db" import "$T/new.csv" "$T/adir" &&
	expect_status 66 &&
	expect_out_empty &&
	expect_err_has "adir" &&
	state after &&
	check "directory: nothing written" same_state before after
'

# With --dry-run too.
test_case '--dry-run of a missing file is 66' '
	run twinreg --db "$db" import --dry-run "$T/no-such.csv" &&
	expect_status 66 &&
	expect_out_empty
'

# A file without read permission (not testable as root).
test_case 'an unreadable file is 66 and nothing is written (not as root)' '
	if [ "$(id -u)" != 0 ]; then
		cp "$T/new.csv" "$T/locked.csv" &&
		chmod 000 "$T/locked.csv" &&
		run twinreg --db "$db" import "$T/locked.csv" &&
		expect_status 66 &&
		expect_out_empty &&
		state after &&
		check "unreadable file: nothing written" same_state before after
	fi
'

# A file that opens but fails while it is read (EIO from /proc/self/mem):
# 74, and the good file before it is not loaded either.
test_case 'a file that fails while read is 74 and the good file before it is not loaded' - <<\END
	if [ -r /proc/self/mem ]; then
		run twinreg --db "$db" import "$T/new.csv" /proc/self/mem &&
		expect_status 74 &&
		expect_out_empty &&
		expect_err_has "cannot read '/proc/self/mem'" &&
		check "one line on stderr" [ "$(wc -l < "$T/err")" -eq 1 ] &&
		state after &&
		check "read error: nothing written" same_state before after
	fi
END

# No FILE at all is a usage error.
test_case 'no FILE is a usage error, and the registry is sound after all' '
	run twinreg --db "$db" import &&
	expect_status 64 &&
	expect_out_empty &&
	check "after all failures: integrity and foreign keys ok" healthy
'
