# store: sqlite (SQLite's write lock (hold_lock) and --busy-timeout)
# Several writers at once: none lost; past --busy-timeout a clear 75.
db=$T/r.db
edit_fixture

nactors() {
	rows --db "$db" list actors
}
nties() {
	rows --db "$db" list
}

# Two writers, 100 adds each, at once: every add exits 0 with its own id,
# all 200 are there, and 200 changes are in the history.
a0=$(nactors)
t0=$(nties)
c0=$("$TWINREG" --db "$db" -f csv --no-header log | cut -d, -f1 | sort -u | wc -l)
writer() {
	i=1
	while [ $i -le 100 ]; do
		if [ "$1" = A ]; then
			"$TWINREG" --db "$db" --by "writer $1" add actor \
				--name "Actor $1 $i" --country TR >> "$T/ids.$1" 2>> "$T/err.$1"
		else
			"$TWINREG" --db "$db" --by "writer $1" add sister-city \
				--municipality Sarıyer --municipality-country TR \
				--sister-city "Town $1 $i" --sister-city-country DE \
				--signed-on 2001 >> "$T/ids.$1" 2>> "$T/err.$1"
		fi
		echo "$?" >> "$T/status.$1"
		i=$((i + 1))
	done
}
: > "$T/ids.A"; : > "$T/ids.B"; : > "$T/status.A"; : > "$T/status.B"
writer A &
writer B &
wait

test_case 'two writers at once: every add lands with its own id and its history' - <<\END
	check "writer A: 100 exits, all 0" test "$(grep -cx 0 "$T/status.A")" = 100 &&
	check "writer B: 100 exits, all 0" test "$(grep -cx 0 "$T/status.B")" = 100 &&
	check "writer A: 100 ids" test "$(grep -cEx '[0-9]+' "$T/ids.A")" = 100 &&
	check "writer B: 100 ids" test "$(grep -cEx '[0-9]+' "$T/ids.B")" = 100 &&
	check "200 distinct ids" test "$(sort -u "$T/ids.A" "$T/ids.B" | wc -l | tr -d ' ')" = 200 &&
	check "100 actors added" test "$(nactors)" = $((a0 + 100 + 100)) &&
	check "100 ties added" test "$(nties)" = $((t0 + 100)) &&
	c1=$("$TWINREG" --db "$db" -f csv --no-header log | cut -d, -f1 | sort -u | wc -l) &&
	check "200 changes in the history" test "$c1" = $((c0 + 200)) &&
	run twinreg --db "$db" -f csv --no-header log &&
	check "the history names both writers" test "$(grep -c ',writer A,add,' "$T/out")" -ge 100 &&
	check "the history names both writers" test "$(grep -c ',writer B,add,' "$T/out")" -ge 100 &&
	expect_sound "$db"
END

# The same record added by two writers at once: one wins (0, an id), the
# other is told the record is there (65), never two records.
racer() {
	i=1
	while [ $i -le 30 ]; do
		"$TWINREG" --db "$db" -q add sister-city --municipality "Twin $i" \
			--municipality-country TR --sister-city "Other $i" \
			--sister-city-country FR --signed-on 1990 > /dev/null 2>> "$T/rerr.$1"
		echo "$i $?" >> "$T/race.$1"
		i=$((i + 1))
	done
}
: > "$T/race.A"; : > "$T/race.B"
racer A &
racer B &
wait
sort "$T/race.A" "$T/race.B" | awk '{ s[$1] = s[$1] " " $2 } END { for (i in s) print s[i] }' |
	sort | uniq -c | sed 's/^ *//' > "$T/race"

test_case 'the same record added by two writers: one wins, the other is told' '
	check "each race: one 0 and one 65" grep -qx "30  0 65" "$T/race" &&
	check "30 racing ties, no duplicate" test "$(nties)" = $((t0 + 100 + 30)) &&
	t0=$((t0 + 30)) &&
	check "the loser names the record" grep -q "record [0-9]" "$T/rerr.A" "$T/rerr.B"
'

test_case 'past --busy-timeout every write is a clear 75 at once, and writes nothing' '
	snap before.sql &&
	hold_lock &&
	start=$(date +%s) &&
	run twinreg --db "$db" --busy-timeout 200 add actor --name Busy --country TR &&
	check "--busy-timeout 200 gives up soon" test $(($(date +%s) - start)) -le 2 &&
	expect_status 75 &&
	expect_out_empty &&
	expect_err_has "busy" &&
	expect_err_has "try again" &&
	check "one line on stderr" test "$(wc -l < "$T/err")" = 1 &&
	for c in "update $(gid Kotor) --notes x" "end $(gid Kotor) --on 2020" \
		"delete $(gid Napoli)" "undo-import 2" "import $DATA/edit-sister-cities-3.csv"; do
		run twinreg --db "$db" --busy-timeout 100 $c &&
		expect_status 75 &&
		expect_out_empty &&
		expect_err_has "busy" || return 1
	done
'
# Readers are not held up by a writer (a cron report while staff edit).
test_case 'readers are not held up by a writer' '
	run twinreg --db "$db" --busy-timeout 100 -f csv list &&
	expect_status 0 &&
	expect_lines $((t0 + 100 + 1)) &&
	run twinreg --db "$db" --busy-timeout 100 report countries &&
	expect_status 0 &&
	run twinreg --db "$db" --busy-timeout 100 show "$(gid Kotor)" &&
	expect_status 0 &&
	run twinreg --db "$db" --busy-timeout 100 log &&
	expect_status 0 &&
	check "the busy writes did not wait long" test $(($(date +%s) - start)) -lt 6
'
# A write with time enough waits for the lock and succeeds (the lock goes
# a second after it starts).
test_case 'a write with time enough waits for the lock and succeeds' '
	(sleep 1; : > "$T/release") &
	run twinreg --db "$db" --busy-timeout 20000 add actor --name Patient --country TR &&
	expect_status 0 &&
	check "patient write: an id" grep -Eqx "[0-9]+" "$T/out" &&
	release_lock &&
	check "the write that failed with 75 did not happen" test -z "$(aid Busy)" &&
	check "the patient write happened" test -n "$(aid Patient)" &&
	check "nothing else changed" test "$(nties)" = $((t0 + 100))
'

# --busy-timeout 0: no wait at all; a bad value is a usage error.
test_case '--busy-timeout 0 does not wait; a bad value is a usage error' '
	hold_lock &&
	run twinreg --db "$db" --busy-timeout 0 add actor --name Hasty --country TR &&
	expect_status 75 &&
	release_lock &&
	run twinreg --db "$db" --busy-timeout soon add actor --name Hasty --country TR &&
	expect_status 64 &&
	run twinreg --db "$db" --busy-timeout -5 add actor --name Hasty --country TR &&
	expect_status 64 &&
	check "no Hasty" test -z "$(aid Hasty)"
'
