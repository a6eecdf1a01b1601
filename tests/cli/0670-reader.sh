# A reader during a large import sees the registry before it or after it,
# never halfway (a cron report while an import runs).
db=$T/r.db
edit_fixture

# 50,000 sister-city rows, 50,500 new actors.
awk 'BEGIN {
	print "municipality,municipality_country,sister_city,sister_city_country,signed_on"
	for (i = 1; i <= 50000; i++)
		printf "Belde %d,TR,Town %d,DE,%d\n", i % 500, i, 1950 + i % 70
}' > "$T/big.csv"

before_list=$("$TWINREG" --db "$db" -f csv list | wc -l | tr -d ' ')
before_actors=$("$TWINREG" --db "$db" -f csv list actors | wc -l | tr -d ' ')
"$TWINREG" --db "$db" -f csv report countries > "$T/rep.before"

# However fast the machine, the import lasts past the first reads: with
# strace each read(2) of its file (some 35 of 64 KiB) is held up 30 ms.
slow=
if command -v strace > /dev/null 2>&1; then
	slow="env ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace=read -e inject=read:delay_enter=30000"
fi
$slow "$TWINREG" --db "$db" -q import "$T/big.csv" \
	> "$T/imp.out" 2> "$T/imp.err" &
importer=$!
# A writer meanwhile waits its turn (a long enough --busy-timeout) and gets
# in; its record and all the import's are there after.
sleep 0.3
"$TWINREG" --db "$db" --busy-timeout 60000 add actor --name 'Meanwhile' \
	--country TR > "$T/add.out" 2> "$T/add.err" &
adder=$!
: > "$T/seen"
: > "$T/reads"
during=0
n=0
while kill -0 "$importer" 2> /dev/null && [ $n -lt 2000 ]; do
	"$TWINREG" --db "$db" -f csv list > "$T/l" 2>> "$T/rerr"
	echo "list $?" >> "$T/reads"
	wc -l < "$T/l" | tr -d ' ' >> "$T/seen"
	"$TWINREG" --db "$db" -f csv list actors > "$T/a" 2>> "$T/rerr"
	echo "actors $?" >> "$T/reads"
	wc -l < "$T/a" | tr -d ' ' >> "$T/seen.actors"
	"$TWINREG" --db "$db" -f csv report countries > "$T/rep" 2>> "$T/rerr"
	echo "report $?" >> "$T/reads"
	cksum < "$T/rep" >> "$T/seen.reports"
	if kill -0 "$importer" 2> /dev/null; then
		during=$((during + 1))
	fi
	n=$((n + 1))
done

test_case 'the import and a writer waiting its turn both land' '
	wait_status "$importer" "twinreg import big.csv (in the background)" &&
	expect_status 0 &&
	wait_status "$adder" "twinreg add during the import" &&
	expect_status 0 &&
	check "the add printed its id" grep -Eqx "[0-9]+" "$T/add.out"
'

test_case 'readers during the import saw the registry before or after it, never between' - <<\END
	after_list=$("$TWINREG" --db "$db" -f csv list | wc -l | tr -d ' ') &&
	after_actors=$("$TWINREG" --db "$db" -f csv list actors | wc -l | tr -d ' ') &&
	"$TWINREG" --db "$db" -f csv report countries > "$T/rep.after" &&
	check "the import added 50,000 ties" test "$after_list" = $((before_list + 50000)) &&
	check "the import and the add: 50,501 actors" test "$after_actors" = $((before_actors + 50501)) &&
	check "reads were made while the import ran" test "$during" -ge 1 &&
	check "every read succeeded" test -z "$(grep -v ' 0$' "$T/reads")" &&
	check "reader errors: none" test ! -s "$T/rerr" &&
	check "list saw before or after, never between" \
		test -z "$(grep -v -x -e "$before_list" -e "$after_list" "$T/seen")" &&
	# (the one added actor may come before or after the import)
	check "list actors saw before or after, never between" \
		test -z "$(grep -v -x -e "$before_actors" -e $((before_actors + 1)) \
		-e $((after_actors - 1)) -e "$after_actors" "$T/seen.actors")" &&
	# Each report printed is the one before or the one after.
	b=$(cksum < "$T/rep.before") &&
	a=$(cksum < "$T/rep.after") &&
	check "report saw before or after, never between" \
		test -z "$(grep -v -x -e "$b" -e "$a" "$T/seen.reports")" &&
	check "the report changed with the import" test "$a" != "$b" &&

	expect_sound "$db"
END
