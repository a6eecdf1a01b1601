# History: every kind of change (import batch, add, update, end, delete,
# undo-import) is kept, with who, which command and each field's old and
# new value; `show ID` lists a record's history newest first, `log` the
# registry's.
db=$T/r.db
today=$(date -u +%Y-%m-%d)
year=$(date -u +%Y)
twinreg --db "$db" init -q

# Times vary: a placeholder of the same width keeps tables aligned.
notime() {
	untime YYYY-MM-DDTHH:MM:SSZ
}

# Import batches.
test_case 'import batches are kept; an import invents no parent' - <<\END
	run twinreg --db "$db" --by imp import "$DATA/edit-actors.csv" &&
	expect_status 0 &&
	expect_err_has 'batch 1' &&
	run twinreg --db "$db" --by imp import "$DATA/edit-sister-cities.csv" \
		"$DATA/edit-memberships.csv" &&
	expect_status 0 &&
	run twinreg --db "$db" --by imp import --on-conflict update \
		"$DATA/edit-sister-cities-2.csv" &&
	expect_status 0 &&
	# An import does not invent a parent: UCLG-MEWA's parent cell is empty.
	run twinreg --db "$db" -f csv --no-header list actors &&
	expect_out_has 'UCLG-MEWA,TR,network,United Cities and Local Governments Middle East and West Asia,' &&
	check "UCLG-MEWA has no parent" \
		grep -q '^[0-9]*,UCLG-MEWA,TR,network,United Cities and Local Governments Middle East and West Asia,'"$(printf '\r')"'$' "$T/out"
END

# What is not a change leaves no history: a dry run, a failed import, the
# same files again.
test_case 'a dry run, a failed import and a re-import leave no history' - <<\END
	"$TWINREG" --db "$db" log > "$T/log.before" &&
	run twinreg --db "$db" --by imp import --dry-run "$DATA/edit-sister-cities-3.csv" &&
	expect_status 0 &&
	printf 'municipality,municipality_country,sister_city,sister_city_country,signed_on\nSarıyer,TR,Kotor,ME,2011-02-30\n' > "$T/bad.csv" &&
	run twinreg --db "$db" --by imp import "$T/bad.csv" &&
	expect_status 65 &&
	run twinreg --db "$db" --by imp import "$DATA/edit-sister-cities-2.csv" \
		"$DATA/edit-memberships.csv" &&
	expect_status 0 &&
	expect_err_has '0 added, 0 updated' &&
	run twinreg --db "$db" log &&
	check "no history for a dry run, a failed import, a re-import" cmp -s "$T/out" "$T/log.before"
END

# Add, update, end, delete.
test_case 'add, update, end, delete and an import are logged, newest first' '
	run twinreg --db "$db" --by ayse add sister-city --municipality Üsküdar \
		--municipality-country TR --sister-city Rabat --sister-city-country MA \
		--signed-on 2001 &&
	expect_status 0 &&
	rabat=$(cat "$T/out") &&
	kotor=$(gid Kotor) &&
	napoli=$(gid Napoli) &&
	bitola=$(gid Bitola) &&
	run twinreg --db "$db" --by mehmet update "$kotor" \
		--notes "twinned at the Kotor festival" --status active &&
	expect_status 0 &&
	run twinreg --db "$db" --by ayse end "$napoli" --on 2020-09-01 \
		--reason "no contact since 2015" &&
	expect_status 0 &&
	run twinreg --db "$db" --by mehmet delete "$rabat" &&
	expect_status 0 &&
	# One more batch, undone.
	run twinreg --db "$db" --by imp import --on-conflict update \
		"$DATA/edit-sister-cities-3.csv" &&
	expect_status 0 &&
	tirana=$(gid Tirana) &&
	tirana_actor=$(aid Tirana) &&

	# The whole log, newest first.
	run twinreg --db "$db" log &&
	expect_status 0 &&
	expect_err_empty &&
	notime &&
	expect_stdout edit-history-log.txt
'

test_case 'an undo is a change of its own and the batch says it was undone' '
	run twinreg --db "$db" --by imp undo-import 4 &&
	expect_status 0 &&
	# The undo is a change of its own, newest; the batch says it was undone.
	run twinreg --db "$db" -f csv --no-header log &&
	head -n 1 "$T/out" > "$T/first" &&
	check "undo-import is the newest change" grep -q "^9,[^,]*,imp,undo-import," "$T/first" &&
	expect_out_has ",imp,undo-import,""$bitola"",update,topics,education," &&
	expect_out_has "undone by change 9"
'

# A record's history in show, newest first.
test_case "show lists a record's history, newest first" '
	run twinreg --db "$db" show "$kotor" &&
	expect_status 0 &&
	notime &&
	expect_stdout edit-history-show-kotor.txt &&
	run twinreg --db "$db" show "$napoli" &&
	notime &&
	expect_stdout edit-history-show-napoli.txt &&
	run twinreg --db "$db" show "$bitola" &&
	notime &&
	expect_stdout edit-history-show-bitola.txt
'

# log ID: that record's changes only, newest first; a deleted record's too.
test_case "log ID lists that record's changes only, a deleted one's too" - <<\END
	run twinreg --db "$db" -f csv --no-header log "$kotor" &&
	expect_status 0 &&
	check "log ID: only that record or its batch" \
		sh -c "cut -d, -f5 '$T/out' | grep -v -x -e '$kotor' -e '' | grep -q . && exit 1 || exit 0" &&
	cut -d, -f1 "$T/out" > "$T/changes" &&
	check "log ID: newest first" sh -c "sort -n -r -c '$T/changes'" &&
	run twinreg --db "$db" -f csv --no-header log "$rabat" &&
	expect_out_has ',mehmet,delete,'"$rabat"',delete,party,Üsküdar (TR),' &&
	expect_out_has ',ayse,add,'"$rabat"',add,'
END

# The records an undone batch removed keep a trace of it: the tie and the
# actor it had added were in the registry and left it by change 9.
test_case 'records an undone batch removed keep a trace of it' '
	run twinreg --db "$db" -f csv --no-header log "$tirana" &&
	expect_out_has ",undo-import,""$tirana""," &&
	run twinreg --db "$db" -f csv --no-header log "$tirana_actor" &&
	expect_out_has ",undo-import,""$tirana_actor"","
'

# The batch line: files, rows and the files' checksum.
test_case 'the batch line names files, rows and checksum' '
	run twinreg --db "$db" -f csv --no-header log &&
	if command -v sha256sum > /dev/null; then
		sum=$(sha256sum < "$DATA/edit-sister-cities-2.csv" | cut -d" " -f1) &&
		expect_out_has "tests/data/edit-sister-cities-2.csv: 2 rows, sha256 $sum"
	fi
'

# --since: on or after the day (UTC).
test_case '--since keeps changes on or after the day' '
	run twinreg --db "$db" -f csv --no-header log --since "$today" &&
	expect_status 0 &&
	n=$("$TWINREG" --db "$db" -f csv --no-header log | wc -l) &&
	expect_lines "$n" &&
	run twinreg --db "$db" -f csv --no-header log --since "$((year + 1))" &&
	expect_status 0 &&
	expect_out_empty &&
	run twinreg --db "$db" -f csv --no-header log --since "$((year + 1))" "$kotor" &&
	expect_status 0 &&
	expect_out_empty &&
	run twinreg --db "$db" -f csv --no-header log --since 2000 "$kotor" &&
	expect_status 0 &&
	expect_lines "$("$TWINREG" --db "$db" -f csv --no-header log "$kotor" | wc -l)" &&
	run twinreg --db "$db" log --since 2011-02-30 &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "--since" &&
	run twinreg --db "$db" log --since &&
	expect_status 64 &&
	run twinreg --db "$db" log "$kotor" "$napoli" &&
	expect_status 64
'

# Without --by, who is the login name.
test_case "without --by the change is the login name's; --by '' is refused" '
	env -u LOGNAME -u USER "$TWINREG" --db "$db" -q update "$kotor" --notes "by me" 2>/dev/null &&
	run twinreg --db "$db" -f csv --no-header log "$kotor" &&
	expect_out_has ",$(id -un),update,$kotor,update,notes,twinned at the Kotor festival,by me" &&
	run twinreg --db "$db" --by "" update "$kotor" --notes x &&
	expect_status 64
'

# An id that never was a record: 1, as for show; a deleted one still has
# its history.
test_case 'an id that never was is 1; a deleted one has its history' '
	run twinreg --db "$db" log 99999 &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "no record 99999" &&
	run twinreg --db "$db" -f csv --no-header log "$rabat" &&
	expect_status 0 &&
	expect_out_has ",delete,""$rabat"",delete,"
'

# Only a change needs its author (the case above): a read asks the
# system's user database (NSS: /etc/passwd, nscd, on an office's machine
# perhaps LDAP) nothing.
test_case 'a read asks the user database nothing' '
	command -v strace > /dev/null || { not_ok "strace is needed (.ci/run installs it)"; return 1; } &&
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=openat,connect -o "$T/trace" "$TWINREG" --db "$db" list > /dev/null 2>&1 &&
	check "list opened the registry (the trace works)" grep -q "r.db" "$T/trace" &&
	check "list asked nothing of /etc/passwd or nscd" sh -c "! grep -q -e /etc/passwd -e nscd \"\$1\"" - "$T/trace"
'
