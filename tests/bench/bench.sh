#!/bin/sh
# make bench: twinreg side by side with the sqlite3 shell, in one run.
#
# 1. Deterministic CSVs of 10,000, 100,000 and 1,000,000 sister-city rows
#    (tests/bench/gen.c: 5,000 municipalities, a third of them named with
#    diacritics, quoted commas and line breaks in some notes).
# 2. Import at each size, three ways: the sqlite3 shell's .import into
#    one flat table (the floor: those bytes into SQLite and nothing
#    else), the shell running tests/bench/registry.sql (a plain SQL
#    script that builds the same registry: the fair peer), and twinreg
#    import; wall and CPU time, rows per second, peak memory, twinreg's
#    ratios to both (the other's wall time over twinreg's).  The two
#    smaller sizes take the median of 3 runs each.
# 3. On the million-row registry, every README query (and the issue's
#    --country --year): the median wall and CPU time of $RUNS runs, end to
#    end (process start included), and the ratios of the wall and CPU
#    medians to those of `--version` (the process start) in the same
#    run; then a
#    full export against the shell's .mode csv dump of the same data.
# 4. A million activities on those ties (the first 1,000 on one tie):
#    their import beside the shell's .import of the same file, then the
#    activity queries, against the process start too.
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
"$work/gen" 10000 > "$work/10k.csv"
"$work/gen" -a 1000000 1000000 > "$work/1m-activities.csv"
"$work/gen" -a 100000 100000 > "$work/100k-activities.csv"

# Run a command once; print "WALL_MS MAXRSS_KIB CPU_MS".
measure() {
	"$work/runstat" "$@" > /dev/null 2> "$work/stat" || {
		cat "$work/stat" >&2
		echo "bench: failed: $*" >&2
		exit 1
	}
	tail -n 1 "$work/stat" | sed 's/wall_ms=\([0-9.]*\) maxrss_kib=\([0-9]*\) status=[0-9]* cpu_ms=\([0-9.]*\).*/\1 \2 \3/'
}

# mid FILE: the median of the numbers of FILE, one a line.
mid() {
	sort -n "$1" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# The median wall and CPU times (ms) of $RUNS runs of a command:
# "WALL_MS CPU_MS".
median() {
	i=0
	: > "$work/times"
	: > "$work/cpus"
	while [ "$i" -lt "$RUNS" ]; do
		measure "$@" > "$work/one"
		cut -d ' ' -f 1 "$work/one" >> "$work/times"
		cut -d ' ' -f 3 "$work/one" >> "$work/cpus"
		i=$((i + 1))
	done
	echo "$(mid "$work/times") $(mid "$work/cpus")"
}

rate() {	# ROWS MS -> rows per second
	awk -v r="$1" -v ms="$2" 'BEGIN { printf "%.0f", r / (ms / 1000) }'
}

mib() {
	awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

echo "twinreg benchmark ($(uname -m), $(nproc) cores, SQLite $(sqlite3 -version | cut -d ' ' -f 1))"
echo

div() {	# A B -> A / B, two decimals
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# imp N SETUP CMD...: run SETUP then measure CMD, N times; the medians
# "WALL_MS MAXRSS_KIB CPU_MS" (peak memory: the largest).
imp() {
	_n=$1
	_setup=$2
	shift 2
	: > "$work/iw"
	: > "$work/ic"
	: > "$work/im"
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		eval "$_setup"
		measure "$@" > "$work/one"
		cut -d ' ' -f 1 "$work/one" >> "$work/iw"
		cut -d ' ' -f 2 "$work/one" >> "$work/im"
		cut -d ' ' -f 3 "$work/one" >> "$work/ic"
		_i=$((_i + 1))
	done
	echo "$(mid "$work/iw") $(sort -n "$work/im" | tail -n 1) $(mid "$work/ic")"
}

fresh() {	# a new registry at $work/r.db
	rm -f "$work/r.db" "$work/r.db-wal" "$work/r.db-shm"
	"$TWINREG" --db "$work/r.db" -q init
}

fmt='%-40s %9s %9s %10s %9s %9s %9s\n'
printf "$fmt" "import" "wall ms" "CPU ms" "rows/s" "peak MiB" "x floor" "x script"
for n in 10k 100k 1m; do
	case $n in
	10k) rows=10000 reps=3 ;;
	100k) rows=100000 reps=3 ;;
	*) rows=1000000 reps=1 ;;
	esac
	sed "s|@CSV@|$work/$n.csv|g" "$top/tests/bench/registry.sql" > "$work/registry.sql"
	set -- $(imp $reps 'rm -f "$work/flat.db"' sqlite3 "$work/flat.db" ".import --csv $work/$n.csv flat")
	floor=$1
	printf "$fmt" "sqlite3 .import, $n, flat table" "$1" "$3" \
	    "$(rate "$rows" "$1")" "$(mib "$2")" "1.00" ""
	set -- $(imp $reps fresh sqlite3 "$work/r.db" ".read $work/registry.sql")
	script=$1
	printf "$fmt" "sqlite3 registry.sql, $n" "$1" "$3" \
	    "$(rate "$rows" "$1")" "$(mib "$2")" "$(div "$floor" "$1")" "1.00"
	set -- $(imp $reps fresh "$TWINREG" --db "$work/r.db" -q import "$work/$n.csv")
	printf "$fmt" "twinreg import, $n" "$1" "$3" \
	    "$(rate "$rows" "$1")" "$(mib "$2")" "$(div "$floor" "$1")" \
	    "$(div "$script" "$1")"
	awk -v c="$3" -v r="$rows" 'BEGIN { printf "%-40s %9.1f\n", "  twinreg CPU us a row", c * 1000 / r }'
done
# The million-row registry twinreg just made, with its search index, for
# the queries.
echo
sqlite3 "$work/r.db" "SELECT 'registry: ' || (SELECT count(*) FROM agreements) || ' agreements, ' || (SELECT count(*) FROM actors) || ' actors, ' || printf('%.1f', (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size) / 1048576.0) || ' MiB; search index ' || printf('%.1f', (SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%') / 1048576.0) || ' MiB; agreements_dates ' || printf('%.1f', (SELECT sum(pgsize) FROM dbstat WHERE name = 'agreements_dates') / 1048576.0) || ' MiB'"

db="--db $work/r.db"
town=$(sed -n 2p "$work/1m.csv" | cut -d , -f 1)
mid=$(sqlite3 "$work/r.db" "SELECT id FROM agreements ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM agreements)")
actor=$(sqlite3 "$work/r.db" "SELECT id FROM actors WHERE name = '$town'")
# A word of the notes, in one row in forty (gen.c).
word=delegation
qfmt='%-56s %9s %9s %9s %9s\n'
# q LABEL CMD...: the medians of CMD, and each over that of the process
# start ($start: "WALL CPU").
q() {
	label=$1
	shift
	set -- $(median "$@") $start
	printf "$qfmt" "$label" "$1" "$2" "$(div "$1" "$3")" "$(div "$2" "$4")"
}
"$TWINREG" $db list --year 2011 > /dev/null	# warm the caches
start=$(median "$TWINREG" --version)
echo
printf "$qfmt" "query on the million-row registry" "wall ms" "CPU ms" "x start" "CPU x"
q "process start (--version)" "$TWINREG" --version
q "list sister-cities --municipality '$town'" "$TWINREG" $db list sister-cities --municipality "$town"
q "list --country BA (every tie, csv)" "$TWINREG" $db list --country BA -f csv
q "list --country TR --year 2011" "$TWINREG" $db list --country TR --year 2011
q "list memberships --municipality '$town'" "$TWINREG" $db list memberships --municipality "$town"
q "list --year 2011 --sort name" "$TWINREG" $db list --year 2011 --sort name -f csv
q "search '$word' (one word)" "$TWINREG" $db search "$word"
q "search 'joint festival' (two words)" "$TWINREG" $db search "joint festival"
q "show $mid (an agreement)" "$TWINREG" $db show "$mid"
q "show $actor (an actor with $(sqlite3 "$work/r.db" "SELECT count(*) FROM agreements WHERE $actor IN (party_id, partner_id)") ties)" "$TWINREG" $db show "$actor"
q "report yearly --year 2011" "$TWINREG" $db report yearly --year 2011
q "report countries" "$TWINREG" $db report countries
q "report municipalities" "$TWINREG" $db report municipalities
q "report networks" "$TWINREG" $db report networks
q "report timeline" "$TWINREG" $db report timeline

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
start=$(median "$TWINREG" --version)
echo
printf "$qfmt" "activity queries (1M ties, 1M activities)" "wall ms" "CPU ms" "x start" "CPU x"
q "process start (--version)" "$TWINREG" --version
q "list activities --municipality '$town'" "$TWINREG" $db list activities --municipality "$town"
q "show $tie (a tie with 1,000 activities)" "$TWINREG" $db show "$tie"
q "list --dormant --municipality '$town'" "$TWINREG" $db list --dormant --as-of 2025-06-30 --municipality "$town"
q "list --dormant (every tie, csv)" "$TWINREG" $db list --dormant --as-of 2025-06-30 -f csv
# The same rows from the shell, by the SQL twinreg runs (its bounds for
# --as-of 2025-06-30 and 3 years written in): what printing some 890,000
# dormant ties costs without twinreg.
w=2022-06-30 e=2025-07
q "sqlite3 -csv, the same SQL (every tie)" sqlite3 -csv -header "$work/r.db" \
    "SELECT g.id, g.kind, pa.name AS party, pa.country AS party_country, pb.name AS partner, pb.country AS partner_country, g.signed_on, g.status, g.ended_on FROM agreements g JOIN actors pa ON pa.id = g.party_id JOIN actors pb ON pb.id = g.partner_id WHERE (g.signed_on IS NULL OR g.signed_on < '$e') AND g.status <> 'planned' AND (g.ended_on IS NULL OR g.ended_on >= '$e') AND NOT (g.status = 'ended' AND g.ended_on IS NULL) AND NOT (g.signed_on IS NOT NULL AND g.signed_on >= substr('$w', 1, length(g.signed_on))) AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.tie_id = g.id AND a.date >= substr('$w', 1, length(a.date)) AND a.date < '$e') AND NOT (g.signed_on IS NULL AND EXISTS (SELECT 1 FROM activities a WHERE a.tie_id = g.id AND a.date IS NULL)) ORDER BY g.id"
q "report activities --year $year --municipality '$town'" "$TWINREG" $db report activities --year $year --municipality "$town"
runs=$RUNS RUNS=3
q "report activities --year $year (every tie; 3 runs)" "$TWINREG" $db report activities --year $year -f csv
q "report yearly --year $year (with activities; 3 runs)" "$TWINREG" $db report yearly --year $year
RUNS=$runs

# 5. The same registry on PostgreSQL (when a server is installed): a
#    cluster of this run's own on a Unix socket (as nobody when run as
#    root), the registry moved there with `copy --to`, then the queries
#    on both stores side by side (wall time: the server's work is not the
#    process's CPU), and an import of 10,000 and 100,000 rows into each,
#    then of 100,000 activities onto the 100,000 ties, and of the ties
#    again.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
	echo
	echo "bench: no PostgreSQL server (postgresql): the second store skipped"
	exit 0
fi
pg=$work/pg
mkdir "$pg"
as=
if [ "$(id -u)" -eq 0 ]; then
	chown nobody "$pg" && chmod o+x "$work"
	as="runuser -u nobody --"
fi
$as "$pgbin/initdb" -D "$pg/data" -U twr -A trust -E UTF8 --locale=C \
    > /dev/null
$as "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/log" -w \
    -o "-c listen_addresses='' -k $pg" start > /dev/null
trap '$as "$pgbin/pg_ctl" -D "$pg/data" -m immediate stop > /dev/null 2>&1; rm -rf "$work"' EXIT INT TERM
pgdb() {	# a new database NAME; its URL
	"$pgbin/createdb" -h "$pg" -U twr "$1" && echo "postgresql:///$1?host=$pg&user=twr"
}
url=$(pgdb bench)
echo
set -- $(measure "$TWINREG" $db -q copy --to "$url")
printf '%-52s %10s\n' "copy --to PostgreSQL (1M ties, 1M activities)" "$1"
"$pgbin/psql" -X -q -h "$pg" -U twr -d bench -c "VACUUM ANALYZE"
pdb="--db $url"
# qq LABEL ARGS...: the median wall time of twinreg ARGS on each store.
qq() {
	label=$1
	shift
	set -- $(median "$TWINREG" $db "$@") $(median "$TWINREG" $pdb "$@")
	printf '%-56s %9s %9s %9s\n' "$label" "$1" "$3" "$(div "$3" "$1")"
}
echo
printf '%-56s %9s %9s %9s\n' "the same queries, wall ms" "SQLite" "PgSQL" "ratio"
qq "list sister-cities --municipality '$town'" list sister-cities --municipality "$town"
qq "list --country TR --year 2011" list --country TR --year 2011
qq "list memberships --municipality '$town'" list memberships --municipality "$town"
qq "search '$word' (one word)" search "$word"
qq "search 'joint festival' (two words)" search "joint festival"
qq "show $mid (an agreement)" show "$mid"
qq "show $actor (an actor)" show "$actor"
qq "list activities --municipality '$town'" list activities --municipality "$town"
qq "show $tie (a tie with 1,000 activities)" show "$tie"
qq "list --dormant --municipality '$town'" list --dormant --as-of 2025-06-30 --municipality "$town"
qq "report activities --year $year --municipality '$town'" report activities --year $year --municipality "$town"
runs=$RUNS RUNS=3
qq "report yearly --year 2011 (3 runs)" report yearly --year 2011
qq "report countries (3 runs)" report countries
qq "report timeline (3 runs)" report timeline
RUNS=$runs
# The million ties out of each store: the server's rows come from a
# cursor, a thousand at a time, not all at once.
echo
printf '%-52s %10s %10s %10s %10s\n' "export --kind sister-cities (1M rows)" \
    "SQLite ms" "PgSQL ms" "SQLite MiB" "PgSQL MiB"
set -- $(measure "$TWINREG" $db export --kind sister-cities -o "$work/export.csv")
set -- "$1" "$2" $(measure "$TWINREG" $pdb export --kind sister-cities -o "$work/export-pg.csv")
cmp -s "$work/export.csv" "$work/export-pg.csv" || echo "bench: the stores' exports differ" >&2
printf '%-52s %10s %10s %10s %10s\n' "wall time, peak memory" "$1" "$3" \
    "$(mib "$2")" "$(mib "$4")"
echo
printf '%-52s %10s %10s %8s\n' "import into an empty registry, wall ms" "SQLite" "PgSQL" "ratio"
for n in 10k 100k; do
	rm -f "$work/i.db"
	"$TWINREG" --db "$work/i.db" -q init
	set -- $(measure "$TWINREG" --db "$work/i.db" -q import "$work/$n.csv")
	u=$(pgdb "i$n")
	"$TWINREG" --db "$u" -q init
	set -- "$1" $(measure "$TWINREG" --db "$u" -q import "$work/$n.csv")
	printf '%-52s %10s %10s %8s\n' "$n sister-city rows" "$1" "$2" "$(div "$2" "$1")"
done
# Activities onto those 100,000 ties: each row's actor and tie looked up
# (on the server, 256 rows' at once).
set -- $(measure "$TWINREG" --db "$work/i.db" -q import "$work/100k-activities.csv")
set -- "$1" $(measure "$TWINREG" --db "$u" -q import "$work/100k-activities.csv")
printf '%-52s %10s %10s %8s\n' "100k activities onto them" "$1" "$2" "$(div "$2" "$1")"
# The 100,000 ties again: each row's tie found by its identity, nothing
# changed (on the server, 256 rows' ties at once).
set -- $(measure "$TWINREG" --db "$work/i.db" -q import "$work/100k.csv")
set -- "$1" $(measure "$TWINREG" --db "$u" -q import "$work/100k.csv")
printf '%-52s %10s %10s %8s\n' "100k sister-city rows again (unchanged)" "$1" "$2" "$(div "$2" "$1")"
