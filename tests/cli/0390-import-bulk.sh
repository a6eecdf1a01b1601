# store: sqlite (the bulk load's dropped and rebuilt indexes, read from sqlite_schema)
# Import: a large file (30,000 sister-city rows, made here with awk) into
# an empty registry, the bulk-load path (indexes dropped and rebuilt):
# counts, integrity, foreign keys, the schema and its indexes as init made
# them; a conflict and a bad value late in the file (past row 15,000)
# reported with their own FILE:LINE:COLUMN and nothing written; the same
# file in chunks of 5,000 rows gives byte-identical export output.

N=30000
# Unique pairs: municipality i%300 ("Şehir"), partner i ("Città"), a date
# at day precision, a note with a quoted comma.
awk -v n=$N 'BEGIN {
	print "municipality,municipality_country,sister_city,sister_city_country,signed_on,notes"
	for (i = 1; i <= n; i++)
		printf "Şehir %d,TR,Città %d,IT,%d-%02d-%02d,\"note %d, ok\"\n",
		    i % 300, i, 1950 + i % 70, 1 + i % 12, 1 + i % 28, i
}' > "$T/big.csv"

test_case 'setup: a file of 30,000 rows and the schema init makes' '
	check "the big file has $N rows" [ "$(wc -l < "$T/big.csv")" -eq $((N + 1)) ] &&

	# The schema as init makes it (rootpage aside).
	twinreg --db "$T/fresh.db" init -q
'
schema() {
	sqlite3 "$1" "SELECT type, name, tbl_name, sql FROM sqlite_schema
	    ORDER BY type, name"
}

# counts_true DB: the counts of DB's ties kept (tie_counts,
# party_counts) are those counted from the ties.
counts_true() {
	sqlite3 "$1" "SELECT kind, country, year, n FROM tie_counts WHERE n <> 0
	    ORDER BY 1, 2, 3; SELECT actor_id, kind, n FROM party_counts
	    WHERE n <> 0 ORDER BY 1, 2" > "$T/kept" &&
	sqlite3 "$1" "SELECT g.kind, coalesce(a.country, ''),
	    coalesce(CAST(substr(g.signed_on, 1, 4) AS INTEGER), 0), count(*)
	    FROM agreements g JOIN actors a ON a.id = g.partner_id
	    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3; SELECT party_id, kind, count(*)
	    FROM agreements GROUP BY 1, 2 ORDER BY 1, 2" > "$T/counted" &&
	check "the counts kept are those of the ties ($1)" \
	    cmp -s "$T/kept" "$T/counted" &&
	check "the counts of $1 are not empty" test -s "$T/kept"
}

test_case 'init makes indexes' '
	schema "$T/fresh.db" > "$T/fresh.schema" &&
	check "init makes indexes" grep -q "^index|" "$T/fresh.schema"
'

# --- Good: the whole file into an empty registry --------------------------
test_case '30,000 rows go into an empty registry, its indexes rebuilt as init made them' - <<\END
	db=$T/r.db &&
	twinreg --db "$db" init -q &&
	run twinreg --db "$db" import "$T/big.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "$N rows from 1 file: $N added, 0 updated, 0 unchanged, 0 skipped; 30300 actors created" &&
	run sqlite3 "$db" "SELECT count(*) FROM agreements; SELECT count(*) FROM actors;
    SELECT count(*) FROM agreements WHERE signed_on IS NULL OR length(signed_on) <> 10" &&
	expect_out "$N
30300
0" &&
	run twinreg --db "$db" -f csv --no-header list sister-cities &&
	expect_lines $N &&
	expect_sound "$db" &&
	run sqlite3 "$db" "PRAGMA foreign_key_check" &&
	expect_out_empty &&
	# Its triggers left out while it loads, then every row counted.
	counts_true "$db" &&
	check "the counts hold every row" test "$(sqlite3 "$db" \
	    "SELECT sum(n) FROM tie_counts")" = $N &&
	# The indexes (and triggers) are back, each as init made it.
	schema "$db" > "$T/big.schema" &&
	check "bulk load leaves the schema and its indexes as init made them" \
	    cmp -s "$T/fresh.schema" "$T/big.schema" &&
	# And the registry answers through them as before.
	run twinreg --db "$db" -f csv --no-header list --municipality 'Şehir 17' &&
	expect_status 0 &&
	expect_lines 100 &&
	run twinreg --db "$db" -f json show 3 &&
	expect_out_has '"field":"notes","value":"note 1, ok"}'
END

# --- Bad: a late conflict and a late bad value, nothing written ------------
# Row 20,001 of the data repeats the identity of data row 10 (line 11)
# with another note; row 25,001 has an impossible date.
test_case 'a late conflict and a late bad date are reported in file order and nothing is written' - <<\END
	awk 'NR == 20002 { print "Şehir 10,TR,Città 10,IT,1960-11-11,\"another note\"" }
     NR == 25002 { print "Şehir 1,TR,Late City,IT,2011-02-30," }
     { print }' "$T/big.csv" > "$T/bigc.csv" &&
	check "the conflicting row is at line 20002" \
	    [ "$(sed -n 20002p "$T/bigc.csv")" = 'Şehir 10,TR,Città 10,IT,1960-11-11,"another note"' ] &&
	check "the bad date is at line 25003" \
	    [ "$(sed -n 25003p "$T/bigc.csv")" = 'Şehir 1,TR,Late City,IT,2011-02-30,' ] &&
	check "the earlier row is at line 11" \
	    [ "$(sed -n 11p "$T/bigc.csv")" = 'Şehir 10,TR,Città 10,IT,1960-11-11,"note 10, ok"' ] &&
	twinreg --db "$T/c.db" init -q &&
	sqlite3 "$T/c.db" .dump > "$T/c0.dump" &&
	run twinreg --db "$T/c.db" import "$T/bigc.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'bigc.csv:20002:6: conflicts with the row at ' &&
	expect_err_has "bigc.csv:11: notes is 'note 10, ok' there and 'another note' here" &&
	expect_err_has "'another note'" &&
	expect_err_has "bigc.csv:25003:5: no such date '2011-02-30'" &&
	check "two errors and the summary" [ "$(wc -l < "$T/err")" -eq 3 ] &&
	# Listed in the order of the file.
	check "the errors come in file order (line 20002 first)" \
	    [ "$(head -n 1 "$T/err" | grep -c 'bigc.csv:20002:')" -eq 1 ] &&
	# --max-errors 1 lists the first bad row of the file.
	run twinreg --db "$T/c.db" import --max-errors 1 "$T/bigc.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'bigc.csv:20002:6:' &&
	expect_err_lacks 'bigc.csv:25003:' &&
	sqlite3 "$T/c.db" .dump > "$T/c1.dump" &&
	check "late errors: nothing written" cmp -s "$T/c0.dump" "$T/c1.dump" &&
	expect_sound "$T/c.db" &&
	schema "$T/c.db" > "$T/c.schema" &&
	check "after the failed bulk load the indexes are there" \
	    cmp -s "$T/fresh.schema" "$T/c.schema"
END

# A conflict between two rows both loaded in bulk (data rows 15,000 and
# 25,000, lines 15001 and 25001) names the earlier row too, in another
# file when it came from one.
test_case 'a conflict between two rows loaded in bulk names the earlier row' - <<\END
	row=$(sed -n 15001p "$T/big.csv") &&
	same_id=${row%,\"*} &&
	awk -v r="$same_id,changed" 'NR == 25001 { print r; next } { print }' \
	    "$T/big.csv" > "$T/bigd.csv" &&
	check "line 25001 repeats the identity of line 15001" \
	    [ "$(sed -n 25001p "$T/bigd.csv")" = "$same_id,changed" ] &&
	twinreg --db "$T/d.db" init -q &&
	run twinreg --db "$T/d.db" import "$T/bigd.csv" &&
	expect_status 65 &&
	expect_err_has "bigd.csv:25001:6: conflicts with the row at $T/bigd.csv:15001: notes is 'note 15000, ok' there and 'changed' here" &&
	printf '%s\n' 'municipality,municipality_country,sister_city,sister_city_country,signed_on,notes' \
	    "$same_id,other" > "$T/second.csv" &&
	run twinreg --db "$T/d.db" import "$T/big.csv" "$T/second.csv" &&
	expect_status 65 &&
	expect_err_has "second.csv:2:6: conflicts with the row at $T/big.csv:15001:"
END

# --- Good: the same file in six chunks gives the same export --------------
test_case 'the file in six chunks gives a byte-identical export' '
	twinreg --db "$T/ch.db" init -q &&
	head -n 1 "$T/big.csv" > "$T/header" &&
	i=0 &&
	while [ $i -lt 6 ]; do
		{
			cat "$T/header" &&
			sed -n "$((i * 5000 + 2)),$((i * 5000 + 5001))p" "$T/big.csv"
		} > "$T/chunk$i.csv" &&
		run twinreg --db "$T/ch.db" import "$T/chunk$i.csv" &&
		expect_status 0 &&
		expect_err_has "5000 rows from 1 file: 5000 added" &&
		i=$((i + 1)) || return 1
	done &&
	twinreg --db "$db" export -o "$T/whole.export" &&
	twinreg --db "$T/ch.db" export -o "$T/chunks.export" &&
	check "export wrote sister-cities.csv" test -s "$T/whole.export/sister-cities.csv" &&
	check "one file or six chunks: byte-identical export" \
	    diff -rq "$T/whole.export" "$T/chunks.export" &&
	# The first chunk counted at its end, the others row by row.
	counts_true "$T/ch.db" &&
	expect_sound "$T/ch.db"
'

# Re-importing the whole file into the chunk-loaded registry changes nothing.
test_case 're-importing 30,000 rows changes nothing' '
	sqlite3 "$T/ch.db" .dump > "$T/ch0.dump" &&
	run twinreg --db "$T/ch.db" import "$T/big.csv" &&
	expect_status 0 &&
	expect_err_has "$N rows from 1 file: 0 added, 0 updated, $N unchanged" &&
	sqlite3 "$T/ch.db" .dump > "$T/ch1.dump" &&
	check "re-import of 30,000 rows changes nothing" cmp -s "$T/ch0.dump" "$T/ch1.dump"
'

# Ties and their activities in one import: the ties go in bulk, and their
# indexes are made again before the first activity looks its tie up (not
# one search of every tie an activity).  A tie given twice is one tie;
# its activities find it; a tie after the activities goes in one by one.
test_case 'ties and activities in one import: each activity on its tie, as in two imports' - <<\END
	awk 'BEGIN {
		print "municipality,municipality_country,sister_city,sister_city_country,signed_on"
		for (i = 1; i <= 3000; i++)
			printf "Şehir %d,TR,Città %d,IT,2001-01-01\n", i % 30, i
		print "Şehir 1,TR,Città 1,IT,2001-01-01"
	}' > "$T/t.csv" &&
	awk 'BEGIN {
		print "actor,actor_country,type,title,date,with,with_country,tie_kind"
		for (i = 1; i <= 3000; i++)
			printf "Şehir %d,TR,visit,Visit %d,2010-05-05,Città %d,IT,sister_city\n", i % 30, i, i
	}' > "$T/a.csv" &&
	printf "municipality,municipality_country,sister_city,sister_city_country,signed_on\nŞehir 1,TR,Città 9999,IT,2002\n" > "$T/t2.csv" &&
	rm -f "$T/one.db" "$T/two.db" &&
	twinreg --db "$T/one.db" init -q &&
	run twinreg --db "$T/one.db" import "$T/t.csv" "$T/a.csv" "$T/t2.csv" &&
	expect_status 0 &&
	expect_err_has "6002 rows from 3 files: 6001 added, 0 updated, 1 unchanged" &&
	twinreg --db "$T/two.db" init -q &&
	twinreg --db "$T/two.db" -q import "$T/t.csv" &&
	twinreg --db "$T/two.db" -q import "$T/a.csv" &&
	twinreg --db "$T/two.db" -q import "$T/t2.csv" &&
	for k in actors sister-cities activities; do
		"$TWINREG" --db "$T/one.db" export --kind $k > "$T/one.$k" &&
		"$TWINREG" --db "$T/two.db" export --kind $k > "$T/two.$k" &&
		check "$k: the same as in three imports" cmp "$T/one.$k" "$T/two.$k" || return 1
	done &&
	check "3000 activities, each on a tie" test "$(sqlite3 "$T/one.db" \
		"SELECT count(*) FROM activities a JOIN agreements g ON g.id = a.tie_id")" = 3000 &&
	check "the indexes as init made them" eval \
		'test "$(schema "$T/one.db" | sort)" = "$(schema "$T/fresh.db" | sort)"' &&
	run twinreg --db "$T/one.db" search "Visit 2999" &&
	expect_out_has "Visit 2999"
END
