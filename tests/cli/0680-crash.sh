# kill -9 in the middle of a write leaves the registry as it was before.
db=$T/r.db
edit_fixture

# What a user can see of the registry: records and history.
state() {
	rm -rf "${T:?}/$1"
	"$TWINREG" --db "$db" export -o "$T/$1" 2> /dev/null
	"$TWINREG" --db "$db" -f csv log > "$T/$1/log.csv"
	"$TWINREG" --db "$db" -f csv list | wc -l | tr -d ' ' > "$T/$1/ties"
	"$TWINREG" --db "$db" -f csv list actors | wc -l | tr -d ' ' > "$T/$1/actors"
}
same_state() {
	diff -r "$T/$1" "$T/$2" > /dev/null
}
size() {
	if [ -f "$1" ]; then wc -c < "$1" | tr -d ' '; else echo 0; fi
}

# A 200,000-row import, killed while it writes.
awk 'BEGIN {
	print "municipality,municipality_country,sister_city,sister_city_country,signed_on,topics"
	for (i = 1; i <= 200000; i++)
		printf "Belde %d,TR,Town %d,DE,%d,culture;trade\n", i % 500, i, 1950 + i % 70
}' > "$T/huge.csv"
state before
"$TWINREG" --db "$db" -q import "$T/huge.csv" > /dev/null 2>&1 &
importer=$!
# Until it is writing: the write-ahead log grows past 1 MB (at most 30 s).
n=0
while [ "$(size "$db-wal")" -lt 1048576 ] && [ $n -lt 300 ] &&
	kill -0 "$importer" 2> /dev/null; do
	sleep 0.1
	n=$((n + 1))
done
kill -9 "$importer" 2> /dev/null
wait "$importer" 2> /dev/null
echo $? > "$T/status"
RUN="kill -9 the import"
# 137: it was killed, not finished.
expect_status 137
expect_sound "$db"
state after
check "after kill -9: the ties of before" test "$(cat "$T/after/ties")" = "$(cat "$T/before/ties")"
check "after kill -9: the actors of before" test "$(cat "$T/after/actors")" = "$(cat "$T/before/actors")"
check "after kill -9: the records and history of before" same_state before after
run twinreg --db "$db" check
check "check runs after the crash" test "$(cat "$T/status")" -le 1
# The registry is usable: not left locked, writes go in.
run twinreg --db "$db" --busy-timeout 2000 add actor --name Afterwards --country TR
expect_status 0
run twinreg --db "$db" -q import "$DATA/edit-sister-cities-2.csv" --on-conflict update
expect_status 0
expect_sound "$db"

# An update killed while it waits for the lock: nothing changes.
kotor=$(gid Kotor)
state before
# The lock is held until the update has been killed.
hold_lock
"$TWINREG" --db "$db" --busy-timeout 10000 update "$kotor" --notes 'never' \
	> /dev/null 2>&1 &
updater=$!
sleep 0.5
kill -9 "$updater"
wait "$updater" 2> /dev/null
echo $? > "$T/status"
RUN="kill -9 a waiting update"
expect_status 137
release_lock
state after
check "update killed while waiting: nothing changed" same_state before after

# Updates killed at any moment (an update takes a few ms: kill after 0 to
# 9 ms): every update is all or nothing, the record and its history agree,
# the database is sound.
i=1
while [ $i -le 40 ]; do
	"$TWINREG" --db "$db" -q update "$kotor" --notes "v$i" --title "t$i" \
		> /dev/null 2>&1 &
	p=$!
	sleep "0.00$((i % 10))"
	kill -9 "$p" 2> /dev/null
	wait "$p" 2> /dev/null
	i=$((i + 1))
done
expect_sound "$db"
"$TWINREG" --db "$db" -f csv show "$kotor" | tr -d '\r' > "$T/show"
notes=$(sed -n 's/^record,notes,//p' "$T/show")
title=$(sed -n 's/^record,title,//p' "$T/show")
check "notes and title from the same update" test "${notes#v}" = "${title#t}"
"$TWINREG" --db "$db" -f csv --no-header log "$kotor" | tr -d '\r' > "$T/log"
# Columns: change,at,by,command,record,action,field,old,new,reason.
last_notes=$(grep ',update,notes,' "$T/log" | head -n 1 | awk -F, '{ print $9 }')
last_title=$(grep ',update,title,' "$T/log" | head -n 1 | awk -F, '{ print $9 }')
check "the history's last notes is the record's" test "$last_notes" = "$notes"
check "the history's last title is the record's" test "$last_title" = "$title"
# Every change to notes also changed title (one change, both fields).
check "each change has both fields" test \
	"$(grep -c ',update,notes,' "$T/log")" = "$(grep -c ',update,title,' "$T/log")"
# The chain of old -> new values has no gap.
grep ',update,notes,' "$T/log" | awk -F, '
	NR > 1 && $9 != prev_old { bad++ }
	{ prev_old = $8 }
	END { exit bad > 0 }'
echo $? > "$T/status"
RUN="the notes history chain"
expect_status 0
