# The round trip, as a property: whatever registry import, add, update,
# end and delete make, export, import into an empty registry and export
# again gives the same bytes, with and without --bom, with ',' or ';' (or
# a tab) between fields.  Registries are random (tests/prop/gen.awk),
# made through the command line, one a seed, for
# TWINREG_PROPTEST_SECONDS seconds (default 20).  A failure prints its
# seed; TWINREG_PROPTEST_SEED=N starts from seed N:
#
#   TWINREG_PROPTEST_SEED=N TWINREG_PROPTEST_SECONDS=1 sh tests/run.sh cli 0850
secs=${TWINREG_PROPTEST_SECONDS:-20}
seed0=${TWINREG_PROPTEST_SEED:-$(date +%s)}

# The statuses a command that makes the registry may end with: done, no
# such record, a usage or data error (of random input); nothing else.
made_ok() {
	case $1 in 0 | 1 | 64 | 65) return 0 ;; esac
	return 1
}

# cmd ARGS...: `twinreg ARGS` on the registry being made (gen.awk's
# commands); a status made_ok refuses is told and kept in $bad.
cmd() {
	"$TWINREG" --db "$T/p.db" -q "$@" > /dev/null 2> "$T/g/err"
	_cs=$?
	if made_ok $_cs; then
		[ $_cs -ne 0 ] || cmds_ok=$((cmds_ok + 1))
	else
		bad="twinreg $1 $2 ended $_cs: $(head -n 2 "$T/g/err")"
	fi
	cmds=$((cmds + 1))
}

# build SEED: the registry $T/p.db made from seed SEED: its five files
# imported one by one, then its commands; 1 with $bad set when a command
# ended otherwise than made_ok allows.
build() {
	rm -rf "$T/g" "$T/p.db" "$T/p.db-wal" "$T/p.db-shm"
	mkdir -p "$T/g"
	bad=
	"$TWINREG" --db "$T/p.db" init -q &&
	awk -v seed="$1" -v dir="$T/g" -v hard="${TWINREG_PROPTEST_HARD:-0}" -f tests/prop/gen.awk > "$T/g/commands.sh" ||
		{ bad="the generator failed"; return 1; }
	for k in actors sister-cities partnerships memberships activities; do
		"$TWINREG" --db "$T/p.db" -q import "$T/g/$k.csv" > /dev/null 2> "$T/g/err"
		_bs=$?
		if ! made_ok $_bs; then
			bad="import $k.csv ended $_bs: $(head -n 2 "$T/g/err")"
			return 1
		fi
		[ $_bs -ne 0 ] || imports_ok=$((imports_ok + 1))
		imports=$((imports + 1))
	done
	. "$T/g/commands.sh"
	[ -z "$bad" ]
}

# trip SEED OPTS...: export OPTS, import into an empty registry, export
# OPTS again: the same bytes, and the copy's plain export the
# registry's; told with SEED when not.
trip() {
	_s=$1
	shift
	rm -rf "$T/a" "$T/b" "$T/c" "$T/d" "$T/q.db" "$T/q.db-wal" "$T/q.db-shm"
	if ! "$TWINREG" --db "$T/p.db" "$@" export -o "$T/a" 2> "$T/err"; then
		not_ok "seed $_s: export $* failed: $(head -n 2 "$T/err")"
		return 1
	fi
	"$TWINREG" --db "$T/q.db" init -q
	if ! "$TWINREG" --db "$T/q.db" -q import "$T/a" 2> "$T/err"; then
		not_ok "seed $_s: export $* does not import back: $(head -n 3 "$T/err")"
		return 1
	fi
	"$TWINREG" --db "$T/q.db" "$@" export -o "$T/b"
	if ! diff -r "$T/a" "$T/b" > "$T/diff"; then
		not_ok "seed $_s: export $*, import, export differs"
		head -n 20 "$T/diff" | sed 's/^/    /'
		return 1
	fi
	"$TWINREG" --db "$T/p.db" export -o "$T/c"
	"$TWINREG" --db "$T/q.db" export -o "$T/d"
	if ! diff -r "$T/c" "$T/d" > "$T/diff"; then
		not_ok "seed $_s: after export $* and import back, the registry differs"
		head -n 20 "$T/diff" | sed 's/^/    /'
		return 1
	fi
	ok
}

test_case 'random registries made by the command line round-trip' '
	end=$(($(date +%s) + secs)) &&
	seed=$seed0 && n=0 && records=0 &&
	imports=0 && imports_ok=0 && cmds=0 && cmds_ok=0 &&
	while :; do
		if ! build "$seed"; then
			not_ok "seed $seed: $bad"
			break
		fi
		records=$((records + $(rows --db "$T/p.db" list actors) + $(rows --db "$T/p.db" list) + $(rows --db "$T/p.db" list memberships) + $(rows --db "$T/p.db" list activities))) &&
		trip "$seed" || break
		case $((seed % 4)) in
		0) trip "$seed" --bom ;;
		1) trip "$seed" --delimiter ";" ;;
		2) trip "$seed" --bom --delimiter ";" ;;
		3) trip "$seed" --delimiter tab ;;
		esac || break
		n=$((n + 1))
		seed=$((seed + 1))
		[ "$(date +%s)" -lt "$end" ] || break
	done
	echo "0850-roundtrip-property: seeds $seed0 to $seed: $n registries, $records records; $imports_ok of $imports imports and $cmds_ok of $cmds commands succeeded" &&
	check "some registries were tried ($n)" test "$n" -ge 1 &&
	check "the registries were not empty ($records records)" test "$records" -ge "$n" &&
	check "most imports succeeded ($imports_ok of $imports)" test "$((imports_ok * 2))" -ge "$imports"
'
