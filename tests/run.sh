#!/bin/sh
# Run the unit tests ($UNIT) and every end-to-end test (tests/cli/*.sh)
# against $TWINREG; end with "N passed, N failed" and exit 1 on failure.
#
#   sh tests/run.sh            all
#   sh tests/run.sh cli [PAT]  end-to-end tests whose name holds PAT
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${TWINREG:=$top/twinreg}"
export TWINREG
pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/twinreg-tests.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ "${1:-}" != cli ] && [ -n "${UNIT:-}" ]; then
	"$UNIT" > "$tmp/unit.out" 2>&1
	cat "$tmp/unit.out"
	set -- $(tail -n 1 "$tmp/unit.out")
	pass=$((pass + ${1:-0}))
	fail=$((fail + ${3:-1}))
	set --
fi
pat=${2:-}
for t in "$top"/tests/cli/*.sh; do
	name=$(basename "$t" .sh)
	case $name in *"$pat"*) ;; *) continue ;; esac
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
