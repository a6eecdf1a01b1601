#!/bin/sh
# Run the unit tests ($UNIT) and every end-to-end test (tests/cli/*.sh)
# against $TWINREG; end with "N passed, N failed" and exit 1 on failure.
#
#   sh tests/run.sh            all
#   sh tests/run.sh cli [PAT]  end-to-end tests whose name holds PAT
#   TWR_STORE=pg sh tests/run.sh cli [PAT]
#                              the same on PostgreSQL (tests/pg.sh)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${TWINREG:=$top/twinreg}"
export TWINREG
pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/twinreg-tests.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# TWR_STORE=pg: the end-to-end tests on PostgreSQL (tests/pg.sh), on a
# cluster of this run's own; $TWINREG becomes a wrapper that gives the
# binary the database of each registry path.
case ${TWR_STORE:-sqlite} in
sqlite) ;;
pg)
	export TWR_STORE
	. "$top/tests/pg.sh"
	# The cluster goes however the run ends; a signal ends the run (not
	# only the script it came in), and exit runs the EXIT trap.
	trap 'pg_stop; rm -rf "$tmp"' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	# The caller's own PostgreSQL settings reach neither twinreg nor psql.
	unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGPASSFILE \
	    PGSERVICE PGSERVICEFILE PGOPTIONS PGAPPNAME PGSSLMODE \
	    PGCONNECT_TIMEOUT PGCLIENTENCODING PGDATESTYLE PGTZ \
	    PGTARGETSESSIONATTRS PGSYSCONFDIR PGDATA
	# The wrapper runs the binary from any directory the scripts cd to.
	case $TWINREG in /*) ;; *) TWINREG=$PWD/$TWINREG ;; esac
	# No cluster is a failure, not a run of nothing.
	if ! pg_start "$tmp" "$top/tests/pg.sh" "$TWINREG"; then
		echo "FAIL pg: cannot start a PostgreSQL cluster: $pg_error"
		echo "$pass passed, $((fail + 1)) failed"
		exit 1
	fi
	TWINREG=$tmp/pg-bin/twinreg
	;;
*)
	echo "tests/run.sh: TWR_STORE is sqlite or pg, not '$TWR_STORE'" >&2
	exit 2
	;;
esac

# unit ARGS...: run "$UNIT ARGS" and count its results; one that ends
# without its "N passed, N failed" line (a crash) is a failure.
unit() {
	_u_args=$*
	"$UNIT" "$@" > "$tmp/unit.out" 2>&1
	_u_rc=$?
	cat "$tmp/unit.out"
	_u_last=$(tail -n 1 "$tmp/unit.out")
	case $_u_last in
	*[0-9]" passed, "*[0-9]" failed") ;;
	*)
		echo "FAIL unit $_u_args: exit $_u_rc before its count"
		fail=$((fail + 1))
		return
		;;
	esac
	set -- $_u_last
	pass=$(($pass + $1))
	fail=$(($fail + $3))
	if [ "$_u_rc" -ne 0 ] && [ "$3" -eq 0 ]; then
		echo "FAIL unit $_u_args: exit $_u_rc"
		fail=$((fail + 1))
	fi
}
if [ "${1:-}" != cli ] && [ -n "${UNIT:-}" ]; then
	unit
fi
# On PostgreSQL, the library's calls on a register of the cluster's
# (tests/unit/t_pg.c), unless only some scripts are asked for.
if [ "${TWR_STORE:-sqlite}" = pg ] && [ -n "${UNIT:-}" ] &&
    [ -z "${2:-}" ]; then
	if _u_url=$(pg_url "$tmp/unit-pg.db"); then
		unit --pg "$_u_url"
	else
		echo "FAIL unit pg: no database"
		fail=$((fail + 1))
	fi
fi
pat=${2:-}
for t in "$top"/tests/cli/*.sh; do
	name=$(basename "$t" .sh)
	case $name in *"$pat"*) ;; *) continue ;; esac
	# A script about one store's own says so in a line "# store: sqlite"
	# or "# store: pg"; it runs with that store only.
	if grep -q '^# store: ' "$t" &&
	    ! grep -q "^# store: ${TWR_STORE:-sqlite}\b" "$t"; then
		echo "skip cli $name ($(sed -n 's/^# store: \([a-z]*\).*/\1/p' "$t" | head -n 1) only)"
		continue
	fi
	mkdir -p "$tmp/$name"
	(
		cd "$top" || exit 1
		T="$tmp/$name"
		export T
		. tests/lib.sh
		. "$t"
		finish
	) > "$tmp/$name.out" 2>&1
	c=$(tail -n 1 "$tmp/$name.out")
	case $c in
	"counts "*)
		sed '$d' "$tmp/$name.out"
		set -- $c
		pass=$((pass + $2))
		fail=$((fail + $3))
		if [ "$3" -eq 0 ]; then echo "ok   cli $name"; else echo "FAIL cli $name"; fi
		;;
	*)
		cat "$tmp/$name.out"
		echo "FAIL cli $name: did not finish"
		fail=$((fail + 1))
		;;
	esac
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
