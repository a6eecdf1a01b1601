# store: sqlite (kill -9 in a write: the WAL file and its recovery)
# kill -9 in the middle of a write leaves the registry as it was before,
# and a write that was not killed is there whole.
db=$T/r.db
edit_fixture

# A 200,000-row import, to be killed while it writes.
many_ties 200000 > "$T/huge.csv"

# writing: the import in the background is writing (its write-ahead log
# past 1 MB), or has ended.
writing() {
	[ "$(size "$db-wal")" -ge 1048576 ] || ! kill -0 "$importer" 2> /dev/null
}

test_case 'an import killed while it writes leaves the registry as it was' '
	state before &&
	ties=$(rows --db "$db" list) &&
	actors=$(rows --db "$db" list actors) &&
	{ "$TWINREG" --db "$db" -q import "$T/huge.csv" > /dev/null 2>&1 & } &&
	importer=$! &&
	wait_until 600 writing &&
	kill_status "$importer" "kill -9 the import" &&
	expect_status 137 &&
	expect_sound "$db" &&
	state after &&
	check "after kill -9: the ties of before" test "$(rows --db "$db" list)" = "$ties" &&
	check "after kill -9: the actors of before" \
		test "$(rows --db "$db" list actors)" = "$actors" &&
	check "after kill -9: the records and history of before" same_state before after
'

test_case 'the registry is usable after the crash: not locked, writes go in' '
	run twinreg --db "$db" check &&
	check "check runs after the crash" test "$(cat "$T/status")" -le 1 &&
	run twinreg --db "$db" --busy-timeout 2000 add actor --name Afterwards --country TR &&
	expect_status 0 &&
	run twinreg --db "$db" -q import "$DATA/edit-sister-cities-2.csv" --on-conflict update &&
	expect_status 0 &&
	expect_sound "$db"
'

# The lock is held until the update has been killed.
test_case 'an update killed while it waits for the lock changes nothing' '
	kotor=$(gid Kotor) &&
	state before &&
	hold_lock &&
	{ "$TWINREG" --db "$db" --busy-timeout 10000 update "$kotor" --notes never \
		> /dev/null 2>&1 & } &&
	updater=$! &&
	sleep 0.5 &&
	kill_status "$updater" "kill -9 a waiting update" &&
	expect_status 137 &&
	release_lock &&
	state after &&
	check "update killed while waiting: nothing changed" same_state before after
'

# Updates killed at any moment.  Update N sets notes vN and title tN, so
# the history tells which landed.  An update takes a few ms: most are
# killed after 0 to 9 ms; every eighth is left to finish, so that some
# surely land.
test_case 'forty updates of one record, most of them killed after 0 to 9 ms' '
	notes0=$(fields "$kotor" | sed -n "s/^notes,//p") &&
	title0=$(fields "$kotor" | sed -n "s/^title,//p") &&
	: > "$T/killed" &&
	: > "$T/finished" &&
	i=1 &&
	while [ $i -le 40 ]; do
		{ "$TWINREG" --db "$db" -q update "$kotor" --notes "v$i" --title "t$i" \
			> /dev/null 2>&1 & } &&
		p=$! &&
		if [ $((i % 8)) -eq 0 ]; then
			wait_status "$p" "update $i (not killed)" &&
			expect_status 0 &&
			echo "$i" >> "$T/finished"
		else
			sleep "0.00$((i % 10))" &&
			kill_status "$p" "update $i (killed)" &&
			echo "$i $(cat "$T/status")" >> "$T/killed"
		fi &&
		i=$((i + 1)) || return 1
	done &&
	check "every killed update was killed (137) or had finished (0)" \
		test -z "$(grep -v -e " 137\$" -e " 0\$" "$T/killed")" &&
	expect_sound "$db"
'

# landed FIELD PREFIX: "CHANGE N" for each update of the loop whose FIELD
# went to PREFIX N, from $T/log, in change order.
landed() {
	awk -F, -v f="$1" -v p="$2" '$7 == f && index($9, p) == 1 &&
		substr($9, 2) ~ /^[0-9]+$/ { print $1, substr($9, 2) }' "$T/log" |
		sort -n
}
# chain FIELD FIRST: the last value of FIELD along its changes in $T/log,
# oldest first, from FIRST; "gap" if a change's old value is not the new
# value of the change before it.
chain() {
	awk -F, -v f="$1" '$7 == f' "$T/log" | sort -t, -k1,1n |
		awk -F, -v prev="$2" '$8 != prev { gap = 1 } { prev = $9 }
			END { print gap ? "gap" : prev }'
}

# Columns of log: change,at,by,command,record,action,field,old,new,reason.
test_case 'each update landed whole or not at all, and the record and history agree' - <<\END
	"$TWINREG" --db "$db" -f csv --no-header log "$kotor" | tr -d '\r' |
		awk -F, '$4 == "update" && $6 == "update"' > "$T/log" &&
	landed notes v > "$T/notes.landed" &&
	landed title t > "$T/title.landed" &&
	i=1 &&
	while [ $i -le 40 ]; do
		check "update $i: its notes and title both in one change, or neither" \
			test "$(grep " $i\$" "$T/notes.landed")" = \
			"$(grep " $i\$" "$T/title.landed")" || return 1
		i=$((i + 1))
	done &&
	check "some updates landed" test -s "$T/notes.landed" &&
	while read -r i; do
		check "update $i, not killed, landed" grep -q " $i\$" "$T/notes.landed" ||
			return 1
	done < "$T/finished" &&
	check "no update landed twice" \
		test -z "$(cut -d' ' -f2 "$T/notes.landed" | sort | uniq -d)" &&
	notes=$(fields "$kotor" | sed -n 's/^notes,//p') &&
	title=$(fields "$kotor" | sed -n 's/^title,//p') &&
	last=$(tail -n 1 "$T/notes.landed" | cut -d' ' -f2) &&
	check "the record holds the last update that landed ($last): notes '$notes', title '$title'" \
		test -n "$last" -a "$notes" = "v$last" -a "$title" = "t$last" &&
	check "the history of notes goes from '$notes0' to '$notes' without a gap" \
		test "$(chain notes "$notes0")" = "$notes" &&
	check "the history of title goes from '$title0' to '$title' without a gap" \
		test "$(chain title "$title0")" = "$title"
END
