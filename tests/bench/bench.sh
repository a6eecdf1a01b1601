#!/bin/sh
# make bench: twinreg side by side with the sqlite3 shell, in one run.
#
# 1. A deterministic CSV of 1,000,000 sister-city rows (tests/bench/gen.c:
#    5,000 municipalities, a third of them named with diacritics, quoted
#    commas and line breaks in some notes) and one of 100,000.
# 2. Import: twinreg into a fresh registry, with and without the search
#    index (its table swapped for a plain one), against the sqlite3 shell's
#    .import of the same file into one flat table; wall time, rows per
#    second, peak memory, and the ratio.
# 3. On the million-row registry, the median wall time of 9 runs of each
#    query, end to end (process start included), and a full export against
#    the shell's .mode csv dump of the same data.
# 4. A million activities on those ties (the first 1,000 on one tie):
#    their import beside the shell's .import of the same file, then the
#    activity queries, the floor (--version) in the same run.
#
# Timings depend on the machine and what else it runs: compare the ratios
# and medians of one run, not absolute numbers across runs.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
TWINREG=${TWINREG:-$top/twinreg}
CC=${CC:-cc}
RUNS=${RUNS:-9}
work=$(mktemp -d "${TMPDIR:-/tmp}/twinreg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
command -v sqlite3 > /dev/null || { echo "bench: needs the sqlite3 shell" >&2; exit 1; }

$CC -O2 -o "$work/gen" "$top/tests/bench/gen.c"
$CC -O2 -o "$work/runstat" "$top/tests/bench/runstat.c"
"$work/gen" 1000000 > "$work/1m.csv"
"$work/gen" 100000 > "$work/100k.csv"
"$work/gen" -a 1000000 1000000 > "$work/1m-activities.csv"

# Run a command once; print "WALL_MS MAXRSS_KIB".
measure() {
	"$work/runstat" "$@" > /dev/null 2> "$work/stat" || {
		cat "$work/stat" >&2
		echo "bench: failed: $*" >&2
		exit 1
	}
	tail -n 1 "$work/stat" | sed 's/wall_ms=\([0-9.]*\) maxrss_kib=\([0-9]*\).*/\1 \2/'
}

# The median wall time (ms) of $RUNS runs of a command.
median() {
	i=0
	: > "$work/times"
	while [ "$i" -lt "$RUNS" ]; do
		measure "$@" | cut -d ' ' -f 1 >> "$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

rate() {	# ROWS MS -> rows per second
	awk -v r="$1" -v ms="$2" 'BEGIN { printf "%.0f", r / (ms / 1000) }'
}

mib() {
	awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

echo "twinreg benchmark ($(uname -m), $(nproc) cores, SQLite $(sqlite3 -version | cut -d ' ' -f 1))"
echo
printf '%-48s %10s %12s %10s %8s\n' "import" "wall ms" "rows/s" "peak MiB" "ratio"
for n in 100k 1m; do
	rows=$([ "$n" = 1m ] && echo 1000000 || echo 100000)
	rm -f "$work/flat.db"
	set -- $(measure sqlite3 "$work/flat.db" ".import --csv $work/$n.csv flat")
	shell_ms=$1
	printf '%-48s %10s %12s %10s %8s\n' "sqlite3 .import, $n rows, flat table" \
	    "$1" "$(rate "$rows" "$1")" "$(mib "$2")" "1.00"
	for fts in with without; do
		rm -f "$work/r.db" "$work/r.db-wal" "$work/r.db-shm"
		"$TWINREG" --db "$work/r.db" -q init
		if [ "$fts" = without ]; then
			sqlite3 "$work/r.db" "DROP TABLE search; CREATE TABLE search(text);"
		fi
		set -- $(measure "$TWINREG" --db "$work/r.db" -q import "$work/$n.csv")
		printf '%-48s %10s %12s %10s %8s\n' \
		    "twinreg import, $n rows, $fts search index" "$1" \
		    "$(rate "$rows" "$1")" "$(mib "$2")" \
		    "$(awk -v a="$shell_ms" -v b="$1" 'BEGIN { printf "%.2f", a / b }')"
	done
done
# The million-row registry, with its search index, for the queries.
rm -f "$work/r.db" "$work/r.db-wal" "$work/r.db-shm"
"$TWINREG" --db "$work/r.db" -q init
"$TWINREG" --db "$work/r.db" -q import "$work/1m.csv"
echo
sqlite3 "$work/r.db" "SELECT 'registry: ' || (SELECT count(*) FROM agreements) || ' agreements, ' || (SELECT count(*) FROM actors) || ' actors, ' || printf('%.1f', (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size) / 1048576.0) || ' MiB; search index ' || printf('%.1f', (SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%') / 1048576.0) || ' MiB'"

db="--db $work/r.db"
town=$(sed -n 2p "$work/1m.csv" | cut -d , -f 1)
mid=$(sqlite3 "$work/r.db" "SELECT id FROM agreements ORDER BY id LIMIT 1 OFFSET 500000")
word=$(sed -n 1000p "$work/1m.csv" | cut -d , -f 3)
echo
printf '%-52s %12s\n' "query on the million-row registry" "median ms"
q() {
	label=$1
	shift
	printf '%-52s %12s\n' "$label" "$(median "$@")"
}
q "list --municipality '$town'" "$TWINREG" $db list --municipality "$town"
q "list --country TR --year 2011" "$TWINREG" $db list --country TR --year 2011
q "show $mid" "$TWINREG" $db show "$mid"
q "search '$word' (one word)" "$TWINREG" $db search "$word"
q "search 'joint festival' (two words)" "$TWINREG" $db search "joint festival"
q "report yearly --year 2011" "$TWINREG" $db report yearly --year 2011
q "report timeline" "$TWINREG" $db report timeline
q "process start (--version)" "$TWINREG" --version

echo
printf '%-52s %10s %12s %8s\n' "export, 1,000,000 sister cities" "wall ms" "rows/s" "ratio"
set -- $(measure sqlite3 "$work/r.db" ".mode csv" ".headers on" \
    ".output $work/dump.csv" "SELECT pa.name, pa.country, pb.name, pb.country, g.signed_on, g.status, g.ended_on, g.council_decision_date, g.council_decision_no, g.ministry_approval_date, g.ministry_approval_no, g.topics, g.source, g.notes, g.title, g.signed_place FROM agreements g JOIN actors pa ON pa.id = g.party_id JOIN actors pb ON pb.id = g.partner_id WHERE g.kind = 'sister_city'")
shell_ms=$1
printf '%-52s %10s %12s %8s\n' "sqlite3 .mode csv dump of the same columns" "$1" \
    "$(rate 1000000 "$1")" "1.00"
set -- $(measure "$TWINREG" $db export --kind sister-cities -o "$work/export.csv")
printf '%-52s %10s %12s %8s\n' "twinreg export --kind sister-cities" "$1" \
    "$(rate 1000000 "$1")" \
    "$(awk -v a="$shell_ms" -v b="$1" 'BEGIN { printf "%.2f", a / b }')"

# 4. A million activities over the million ties.
echo
printf '%-52s %10s %12s %10s %8s\n' "import, 1,000,000 activities" "wall ms" "rows/s" "peak MiB" "ratio"
rm -f "$work/flat.db"
set -- $(measure sqlite3 "$work/flat.db" ".import --csv $work/1m-activities.csv flat")
shell_ms=$1
printf '%-52s %10s %12s %10s %8s\n' "sqlite3 .import, flat table" "$1" \
    "$(rate 1000000 "$1")" "$(mib "$2")" "1.00"
set -- $(measure "$TWINREG" $db -q import "$work/1m-activities.csv")
printf '%-52s %10s %12s %10s %8s\n' "twinreg import (each row finds its tie)" "$1" \
    "$(rate 1000000 "$1")" "$(mib "$2")" \
    "$(awk -v a="$shell_ms" -v b="$1" 'BEGIN { printf "%.2f", a / b }')"
tie=$(sqlite3 "$work/r.db" "SELECT min(id) FROM agreements")
year=2020
echo
printf '%-52s %12s\n' "activity queries (1M ties, 1M activities)" "median ms"
q "list activities --municipality '$town'" "$TWINREG" $db list activities --municipality "$town"
q "show $tie (a tie with 1,000 activities)" "$TWINREG" $db show "$tie"
q "list --dormant --municipality '$town'" "$TWINREG" $db list --dormant --as-of 2025-06-30 --municipality "$town"
q "list --dormant (every tie, csv)" "$TWINREG" $db list --dormant --as-of 2025-06-30 -f csv
q "report activities --year $year --municipality '$town'" "$TWINREG" $db report activities --year $year --municipality "$town"
runs=$RUNS RUNS=3
q "report activities --year $year (every tie; 3 runs)" "$TWINREG" $db report activities --year $year -f csv
RUNS=$runs
q "process start (--version)" "$TWINREG" --version
