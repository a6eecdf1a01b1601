# export: every record of a kind in its import format, lossless:
# export, import into an empty registry, export again gives the same
# bytes, for every kind, on the fixtures and on the sample.
#
# tests/data/report-export-*.csv fills every column: other spellings,
# a parent, web sites, sources, notes with quotes, commas, a newline and
# a tab, topics, roles, titles, places, other parties, council decisions
# and approvals, Turkish dates and kind names (stored as ISO dates and
# kind codes), dates at year, month and day precision.
KINDS="actors sister-cities partnerships memberships activities"

# Import FILES (files or directories) into a new registry DB.
load() {
	db=$1
	shift
	rm -f "$db"
	twinreg --db "$db" init -q
	run twinreg --db "$db" -q import "$@"
	expect_status 0
}

# export -o DIR, import DIR into a new registry, export again: the same.
# The directory is imported whole: its files in any order.
round_trip() {
	what=$1 db=$2
	rm -rf "$T/a" "$T/b"
	run twinreg --db "$db" export -o "$T/a"
	expect_status 0
	expect_out_empty
	for k in $KINDS; do
		check "$what: $k.csv written" test -f "$T/a/$k.csv"
	done
	load "$T/copy.db" "$T/a"
	run twinreg --db "$T/copy.db" export -o "$T/b"
	expect_status 0
	for k in $KINDS; do
		if cmp -s "$T/a/$k.csv" "$T/b/$k.csv"; then
			ok
		else
			not_ok "$what: $k.csv differs after export, import, export"
			diff "$T/a/$k.csv" "$T/b/$k.csv" | head -n 10 | sed 's/^/    /'
		fi
	done
}

# The export fixture, with its golden export (the parent column is only
# Çankaya's: the other actors have none).
test_case 'export of each kind is the golden file; -o FILE writes the same' '
	load "$T/x.db" "$DATA/report-export-actors.csv" \
	    "$DATA/report-export-sister-cities.csv" \
	    "$DATA/report-export-partnerships.csv" \
	    "$DATA/report-export-memberships.csv" \
	    "$DATA/report-export-activities.csv" &&
	for k in $KINDS; do
		run twinreg --db "$T/x.db" export --kind "$k" &&
		expect_status 0 &&
		expect_err_empty &&
		expect_stdout "report-export-out-$k.csv" &&
		# -o FILE writes the same bytes, and nothing on stdout.
		cp "$T/out" "$T/stdout.csv" &&
		run twinreg --db "$T/x.db" export --kind "$k" -o "$T/one.csv" &&
		expect_status 0 &&
		expect_out_empty &&
		check "export --kind $k -o FILE = stdout" cmp -s "$T/stdout.csv" "$T/one.csv" || return 1
	done
'

test_case 'export, import and export again gives the same bytes' '
	round_trip "export fixture" "$T/x.db"
'
# Each kind alone, the actors first.
test_case 'each kind alone round-trips; importing the export again changes nothing' '
	rm -rf "$T/a" &&
	twinreg --db "$T/x.db" export -o "$T/a" &&
	rm -f "$T/k.db" &&
	twinreg --db "$T/k.db" init -q &&
	for k in $KINDS; do
		run twinreg --db "$T/k.db" -q import --kind "$k" "$T/a/$k.csv" &&
		expect_status 0 &&
		run twinreg --db "$T/k.db" export --kind "$k" &&
		check "kind $k alone: the same" cmp -s "$T/out" "$T/a/$k.csv" || return 1
	done &&
	# Importing the export again changes nothing.
	run twinreg --db "$T/x.db" import "$T/a/actors.csv" "$T/a/sister-cities.csv" \
	    "$T/a/partnerships.csv" "$T/a/memberships.csv" &&
	expect_status 0 &&
	expect_err_has "0 added, 0 updated, 13 unchanged"
'

# The report fixture and the sample.
test_case 'the report fixture and the sample round-trip' '
	load "$T/r.db" "$DATA/report-actors.csv" "$DATA/report-sister-cities.csv" \
	    "$DATA/report-partnerships.csv" "$DATA/report-memberships.csv" \
	    "$DATA/report-activities.csv" &&
	round_trip "report fixture" "$T/r.db" &&
	rm -rf "$T/s" &&
	run twinreg --sample export -o "$T/s" &&
	expect_status 0 &&
	rm -f "$T/s.db" &&
	twinreg --db "$T/s.db" init -q &&
	run twinreg --db "$T/s.db" -q import "$T/s" &&
	expect_status 0 &&
	# the 120 actors of data/actors.csv and its 118 activities (SEEDS.md)
	run twinreg --db "$T/s.db" list actors -f tsv --no-header &&
	expect_lines 120 &&
	run twinreg --db "$T/s.db" list activities -f tsv --no-header &&
	expect_lines 118 &&
	round_trip "sample" "$T/s.db" &&
	for k in $KINDS; do
		check "sample $k: its copy exports the same" cmp -s "$T/s/$k.csv" "$T/a/$k.csv" || return 1
	done
'

# The current state, not the history: an update shows in the export and
# survives the trip.
test_case 'an update shows in the export and survives the trip' '
	twinreg --db "$T/x.db" -q update "$(twinreg --db "$T/x.db" list sister-cities --partner Wien -f tsv --no-header | cut -f1)" --status dormant --notes "Quiet since 2019." &&
	run twinreg --db "$T/x.db" export --kind sister-cities &&
	expect_out_has "Quiet since 2019." &&
	expect_out_has ",dormant," &&
	expect_out_lacks "Partnerschaft" &&
	round_trip "after an update" "$T/x.db"
'

# A parent named after its child in the registry (the child was added
# first): the export still imports.
test_case 'a parent added after its child still imports' '
	rm -f "$T/p.db" &&
	twinreg --db "$T/p.db" init -q &&
	twinreg --db "$T/p.db" -q add actor --name Adalar --country TR --kind district > /dev/null &&
	twinreg --db "$T/p.db" -q add actor --name İstanbul --country TR --kind metropolitan > /dev/null &&
	twinreg --db "$T/p.db" -q update 1 --parent İstanbul &&
	round_trip "parent added after its child" "$T/p.db" &&
	run twinreg --db "$T/copy.db" list actors -f csv &&
	expect_out_has "Adalar,TR,district,,İstanbul"
'

# An empty registry: a header a kind, and it imports back.
test_case 'an empty registry exports a header a kind, which imports back' '
	twinreg --db "$T/e.db" init -q &&
	round_trip "empty registry" "$T/e.db" &&
	check "empty: one line each" test "$(cat "$T/a"/*.csv | wc -l)" = 5
'

# --bom: EF BB BF first, then the same bytes; it imports back.
test_case '--bom puts EF BB BF first and imports back' - <<\END
	for k in $KINDS; do
		twinreg --db "$T/x.db" export --kind "$k" -o "$T/plain-$k.csv" &&
		run twinreg --db "$T/x.db" export --kind "$k" --bom &&
		expect_status 0 &&
		check "--bom $k: starts with EF BB BF" \
		    test "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' \n')" = efbbbf &&
		tail -c +4 "$T/out" > "$T/nobom.csv" &&
		check "--bom $k: then the plain export" cmp -s "$T/nobom.csv" "$T/plain-$k.csv" || return 1
	done &&
	rm -rf "$T/bom" &&
	run twinreg --db "$T/x.db" export --bom -o "$T/bom" &&
	expect_status 0 &&
	for k in $KINDS; do
		check "--bom -o DIR: $k.csv has the mark" \
		    test "$(head -c 3 "$T/bom/$k.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf || return 1
	done &&
	load "$T/bom.db" "$T/bom" &&
	for k in $KINDS; do
		run twinreg --db "$T/bom.db" export --kind "$k" &&
		check "--bom $k: imports back to the same registry" cmp -s "$T/out" "$T/plain-$k.csv" || return 1
	done
END

# Usage errors: 64, nothing on stdout, nothing written.
test_case 'usage errors are 64 and write nothing' '
	run twinreg --db "$T/x.db" export &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "--kind" &&
	run twinreg --db "$T/x.db" export -f json --kind actors &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$T/x.db" export -f json -o "$T/json" &&
	expect_status 64 &&
	check "-f json: no directory" test ! -e "$T/json" &&
	run twinreg --db "$T/x.db" export -f tsv --kind actors &&
	expect_status 64 &&
	run twinreg --db "$T/x.db" export -f csv --kind actors &&
	expect_status 0 &&
	run twinreg --db "$T/x.db" export --kind cities &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --db "$T/x.db" export --kind actors extra &&
	expect_status 64 &&
	expect_out_empty
'

# Paths that cannot be created: 73, nothing left behind.
test_case 'paths that cannot be created are 73; -o DIR replaces the five files' - <<\END
	run twinreg --db "$T/x.db" export --kind actors -o "$T/no/such/actors.csv" &&
	expect_status 73 &&
	expect_out_empty &&
	check "no directory made for a file" test ! -e "$T/no" &&
	run twinreg --db "$T/x.db" export -o "$T/no/such/dir" &&
	expect_status 73 &&
	expect_out_empty &&
	check "no directory made for a directory" test ! -e "$T/no" &&
	# -o DIR over an existing directory: the five files are replaced, no
	# temporary file is left.
	mkdir -p "$T/again" &&
	echo stale > "$T/again/actors.csv" &&
	run twinreg --db "$T/x.db" export -o "$T/again" &&
	expect_status 0 &&
	check "-o DIR: the five files only" \
	    test "$(ls -A "$T/again" | tr '\n' ' ')" = "activities.csv actors.csv memberships.csv partnerships.csv sister-cities.csv " &&
	check "-o DIR: actors replaced" cmp -s "$T/again/actors.csv" "$T/plain-actors.csv"
END
# -o a device or a pipe writes to it: a file renamed over it would take
# its place (as root, over /dev/null itself).  Through a link to
# /dev/null, which stays a link; and a FIFO, read while it is written.
test_case '-o a device or a FIFO writes to it and leaves it what it was' - <<\END
	rm -f "$T/null" "$T/fifo" "$T/fifo.got" &&
	ln -s /dev/null "$T/null" &&
	run twinreg --db "$T/x.db" export --kind actors -o "$T/null" &&
	expect_status 0 &&
	expect_out_empty &&
	check "-o a link to /dev/null: still the link" test -L "$T/null" &&
	check "-o /dev/null: still a device" test -c /dev/null &&
	check "no file left beside it" test -z "$(ls "$T" | grep '^null\.')" &&
	mkfifo "$T/fifo" &&
	{ timeout 20 cat "$T/fifo" > "$T/fifo.got" & } &&
	run twinreg --db "$T/x.db" export --kind actors -o "$T/fifo" &&
	wait &&
	expect_status 0 &&
	check "-o FIFO: still a FIFO" test -p "$T/fifo" &&
	check "-o FIFO: the export came through it" \
	    cmp -s "$T/fifo.got" "$T/plain-actors.csv"
END
# -o a symbolic link writes its target (by a file beside the target,
# renamed into place) and the link stays; a file replaced keeps its
# permissions, for -o FILE and the five files of -o DIR alike.
test_case '-o a link writes its target and keeps the link; a file keeps its mode' - <<\END
	rm -rf "$T/lk" && mkdir -p "$T/lk/a" "$T/lk/b" &&
	echo old > "$T/lk/b/target.csv" &&
	ln -s ../b/target.csv "$T/lk/a/link.csv" &&
	run twinreg --db "$T/x.db" export --kind actors -o "$T/lk/a/link.csv" &&
	expect_status 0 &&
	check "-o LINK: still a link" test -L "$T/lk/a/link.csv" &&
	check "-o LINK: to the same target" \
	    test "$(readlink "$T/lk/a/link.csv")" = ../b/target.csv &&
	check "-o LINK: the target holds the export" \
	    cmp -s "$T/lk/b/target.csv" "$T/plain-actors.csv" &&
	check "-o LINK: no file left beside the link" \
	    test "$(ls -A "$T/lk/a")" = link.csv &&
	check "-o LINK: no file left beside the target" \
	    test "$(ls -A "$T/lk/b")" = target.csv &&
	ln -s ../b/new.csv "$T/lk/a/dangling.csv" &&
	run twinreg --db "$T/x.db" list actors -f csv -o "$T/lk/a/dangling.csv" &&
	expect_status 0 &&
	check "-o a dangling link: still a link" test -L "$T/lk/a/dangling.csv" &&
	check "-o a dangling link: its target made" test -f "$T/lk/b/new.csv" &&
	echo old > "$T/lk/priv.csv" && chmod 600 "$T/lk/priv.csv" &&
	run twinreg --db "$T/x.db" export --kind actors -o "$T/lk/priv.csv" &&
	expect_status 0 &&
	check "-o FILE: the export written" cmp -s "$T/lk/priv.csv" "$T/plain-actors.csv" &&
	check "-o FILE: a 0600 file stays 0600" test "$(stat -c %a "$T/lk/priv.csv")" = 600 &&
	chmod 640 "$T/lk/b/target.csv" &&
	run twinreg --db "$T/x.db" list actors -f csv -o "$T/lk/a/link.csv" &&
	expect_status 0 &&
	check "-o LINK: the target keeps its 0640" test "$(stat -c %a "$T/lk/b/target.csv")" = 640 &&
	mkdir "$T/lk/dir" &&
	run twinreg --db "$T/x.db" export -o "$T/lk/dir" &&
	expect_status 0 &&
	chmod 600 "$T/lk/dir/actors.csv" &&
	run twinreg --db "$T/x.db" export -o "$T/lk/dir" &&
	expect_status 0 &&
	check "-o DIR: actors.csv stays 0600" test "$(stat -c %a "$T/lk/dir/actors.csv")" = 600 &&
	check "-o DIR: the others as they were made" \
	    test "$(stat -c %a "$T/lk/dir/memberships.csv")" = "$(stat -c %a "$T/lk/dir/sister-cities.csv")"
END
# A registry that cannot be opened: 66, nothing written.
test_case 'a missing registry is 66 and nothing is written' '
	run twinreg --db "$T/missing.db" export -o "$T/m" &&
	expect_status 66 &&
	check "no export without a registry" test ! -e "$T/m"
'
