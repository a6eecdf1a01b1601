# store: sqlite (faults injected into the file's writes with strace)
# Faults injected into every kind of write an import, add, export -o
# FILE, export -o DIR and init make (strace -e inject: EIO and ENOSPC on
# write, pwrite64, fsync, fdatasync, ftruncate, rename, link, unlink):
# each run either succeeds whole (0, the registry and the output as a
# run without faults leaves them) or fails with 74 (73 for what init or
# -o could not create) and one line, the registry byte for byte as
# before and the output absent or as before.  Never another status, a
# half-written registry or output, or a success that wrote nothing.
# A sweep takes at most TWINREG_FAULT_POINTS calls of each syscall
# (default 10, spread over all its calls).  As root, with a tmpfs of
# 2 MiB: a disk that fills up under an import, an export and init.
db=$T/r.db
points=${TWINREG_FAULT_POINTS:-10}

# dump: the registry $db as SQL, with the times of its history (which
# differ from run to run) taken out.
dump() {
	sqlite3 "$db" .dump | sed 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z/TIME/g'
}

# restore: $db as it was before each run ($T/base.db).
restore() {
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	cp "$T/base.db" "$db"
}

# calls SYSCALL CMD...: how many calls of SYSCALL CMD makes, run as the
# sweep runs it (restore, then $_pre).
calls() {
	_sc=$1
	shift
	restore
	"$_pre" 2> /dev/null
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -c -U calls,name -e trace="$_sc" "$@" 2>&1 > /dev/null |
		awk -v s="$_sc" '$2 == s { print $1 }'
}

# whens N: the calls a sweep injects into, of N: all when N <= $points,
# else $points of them spread from the first to the last.
whens() {
	awk -v n="$1" -v p="$points" 'BEGIN {
		if (n <= p) { for (i = 1; i <= n; i++) print i; exit }
		for (i = 0; i < p; i++) print 1 + int(i * (n - 1) / (p - 1))
	}' | uniq
}

# inject SYSCALL ERROR WHEN CMD...: CMD with call WHEN of SYSCALL failing
# with ERROR, as run does.
inject() {
	_sc=$1 _er=$2 _wh=$3
	shift 3
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace="$_sc" \
		-e inject="$_sc":error="$_er":when="$_wh" \
		"$@" > "$T/out" 2> "$T/err" < /dev/null
	echo $? > "$T/status"
	RUN="$* with $_sc #$_wh failing ($_er)"
}

# failed_cleanly STATUSES: the run failed with one of STATUSES ("74" or
# "73 74") and one line on stderr.
failed_cleanly() {
	_st=$(cat "$T/status")
	case " $1 " in
	*" $_st "*) ok ;;
	*) not_ok "status $_st, expected 0 or $1" ; return 1 ;;
	esac
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1
}

# sweep NAME VERIFY SYSCALLS -- CMD...: for each SYSCALL and each of its
# calls whens picks, and EIO and ENOSPC in turn: restore, run CMD with
# the fault, and VERIFY (a function) what it left.
sweep() {
	_name=$1 _verify=$2
	shift 2
	_scs=
	while [ "$1" != -- ]; do _scs="$_scs $1"; shift; done
	shift
	_runs=0 _fails=0
	for _s in $_scs; do
		_n=$(calls "$_s" "$@")
		check "$_name makes $_s calls" test "${_n:-0}" -gt 0 || return 1
		_k=0
		for _w in $(whens "$_n"); do
			_k=$((_k + 1))
			if [ $((_k % 2)) -eq 1 ]; then _e=EIO; else _e=ENOSPC; fi
			restore
			"$_pre" 2> /dev/null
			inject "$_s" "$_e" "$_w" "$@"
			[ "$(cat "$T/status")" = 0 ] || _fails=$((_fails + 1))
			_runs=$((_runs + 1))
			"$_verify" || return 1
		done
	done
	echo "0870-fault-injection: $_name: $_runs faults, $_fails failed the command"
	check "$_name: some faults failed it ($_fails of $_runs)" test "$_fails" -gt 0
}

if ! command -v strace > /dev/null 2>&1; then
	echo "skip 0870-fault-injection: no strace"
else

new_registry "$db" "$DATA/query-actors.csv"
cp "$db" "$T/base.db"
dump > "$T/before.sql"
_pre=true

# ---- import ------------------------------------------------------------

# The registry after the import, run without a fault.
twinreg --db "$db" import "$DATA/query-sister-cities.csv" "$DATA/query-memberships.csv" 2> /dev/null
dump > "$T/after-import.sql"
check "the import changes the registry" test "$(cmp "$T/before.sql" "$T/after-import.sql" 2>&1)" != ""

verify_import() {
	if [ "$(cat "$T/status")" = 0 ]; then
		dump > "$T/now.sql" &&
		check "a success is the whole import" cmp -s "$T/after-import.sql" "$T/now.sql"
	else
		failed_cleanly 74 &&
		dump > "$T/now.sql" &&
		check "a failed import leaves the registry as it was" cmp -s "$T/before.sql" "$T/now.sql"
	fi &&
	expect_sound "$db"
}

test_case 'an import: each failed write, sync or truncate is 74 and changes nothing' '
	sweep import verify_import pwrite64 fdatasync ftruncate write -- \
		"$TWINREG" --db "$db" import "$DATA/query-sister-cities.csv" "$DATA/query-memberships.csv"
'

# ---- add ---------------------------------------------------------------------

restore
twinreg --db "$db" -q add sister-city --municipality Yenikent --municipality-country TR \
	--sister-city Neustadt --sister-city-country DE --signed-on 2001 > /dev/null
dump > "$T/after-add.sql"

verify_add() {
	if [ "$(cat "$T/status")" = 0 ]; then
		dump > "$T/now.sql" &&
		check "a success adds the record" cmp -s "$T/after-add.sql" "$T/now.sql" &&
		check "and prints its id" grep -Eqx "[0-9]+" "$T/out"
	else
		failed_cleanly 74 &&
		dump > "$T/now.sql" &&
		check "a failed add adds nothing" cmp -s "$T/before.sql" "$T/now.sql"
	fi
}

test_case 'add: each failed write or sync is 74 and adds nothing' '
	sweep add verify_add pwrite64 fdatasync -- \
		"$TWINREG" --db "$db" -q add sister-city --municipality Yenikent \
		--municipality-country TR --sister-city Neustadt --sister-city-country DE \
		--signed-on 2001
'

# ---- export -o FILE ------------------------------------------------------

restore
twinreg --db "$db" export --kind actors -o "$T/new.csv"
printf 'an older export\r\n' > "$T/old.csv"

verify_export_file() {
	if [ "$(cat "$T/status")" = 0 ]; then
		check "a success writes the whole export" cmp -s "$T/new.csv" "$T/a.csv"
	else
		failed_cleanly "73 74" &&
		check "a failed export leaves the file as it was" cmp -s "$T/old.csv" "$T/a.csv"
	fi &&
	check "no temporary file left" test -z "$(ls "$T" | grep "^a\.csv\.")" &&
	dump > "$T/now.sql" &&
	check "the registry is as it was" cmp -s "$T/before.sql" "$T/now.sql"
}
put_old_file() {
	cp "$T/old.csv" "$T/a.csv"
}

test_case 'export -o FILE: each failed write, sync or rename is 74 and the file stays' '
	_pre=put_old_file &&
	sweep "export -o FILE" verify_export_file write fsync rename pwrite64 -- \
		"$TWINREG" --db "$db" export --kind actors -o "$T/a.csv"
'

# ---- export -o DIR ---------------------------------------------------------

restore
rm -rf "$T/new.d" "$T/old.d"
twinreg --db "$db" export -o "$T/new.d"
mkdir -p "$T/old.d"
for k in actors sister-cities partnerships memberships activities; do
	printf 'an older %s\r\n' "$k" > "$T/old.d/$k.csv"
done

verify_export_dir() {
	if [ "$(cat "$T/status")" = 0 ]; then
		check "a success writes every file" diff -r "$T/new.d" "$T/d"
	else
		failed_cleanly "73 74" &&
		check "a failed export leaves every file as it was" diff -r "$T/old.d" "$T/d"
	fi &&
	dump > "$T/now.sql" &&
	check "the registry is as it was" cmp -s "$T/before.sql" "$T/now.sql"
}
put_old_dir() {
	rm -rf "$T/d"
	cp -R "$T/old.d" "$T/d"
}

test_case 'export -o DIR: each failed write, sync, link or rename is 74 and no file changes' '
	_pre=put_old_dir &&
	sweep "export -o DIR" verify_export_dir write fsync link rename -- \
		"$TWINREG" --db "$db" export -o "$T/d"
'

# ---- init ------------------------------------------------------------------

verify_init() {
	if [ "$(cat "$T/status")" = 0 ]; then
		run sqlite3 "$T/n.db" "PRAGMA integrity_check; PRAGMA user_version" &&
		expect_out "ok
7"
	else
		failed_cleanly "73 74" &&
		check "a failed init leaves no registry" test ! -e "$T/n.db" &&
		check "nor a temporary file: $(ls "$T" | grep "^n\.db\." | tr "\n" " ")" \
			test -z "$(ls "$T" | grep "^n\.db\.")"
	fi
}
no_registry() {
	rm -f "$T"/n.db "$T"/n.db-* "$T"/n.db.*
}

test_case 'init: each failed write, sync, link or unlink is 73 or 74 and leaves no file' '
	_pre=no_registry &&
	sweep init verify_init pwrite64 fdatasync fsync ftruncate link -- \
		"$TWINREG" --db "$T/n.db" init
'
_pre=true

fi

# ---- a full disk ---------------------------------------------------------------

# A tmpfs of 2 MiB, filled by a 6 MB import.
if [ "$(id -u)" != 0 ]; then
	echo "skip 0870-fault-injection (full disk): not root, cannot mount a tmpfs"
elif ! mkdir -p "$T/mnt" || ! mount -t tmpfs -o size=2m tmpfs "$T/mnt" 2> "$T/mount.err"; then
	echo "skip 0870-fault-injection (full disk): mount -t tmpfs failed: $(cat "$T/mount.err")"
else
	trap 'umount "$T/mnt" 2> /dev/null' EXIT
	awk 'BEGIN {
		print "municipality,municipality_country,sister_city,sister_city_country,signed_on,notes"
		for (i = 1; i <= 40000; i++)
			printf "Belde %d,TR,Kasaba numarası %d,DE,%d,Bir not: disk dolana kadar yazılan satırlardan biri\n", i % 300, i, 1950 + i % 70
	}' > "$T/big.csv"
	db=$T/mnt/r.db

	test_case 'a disk that fills up under an import: 74, one line, the registry as it was' '
		twinreg --db "$db" init -q &&
		twinreg --db "$db" -q import "$DATA/query-actors.csv" &&
		snap before &&
		run twinreg --db "$db" import "$T/big.csv" &&
		expect_status 74 &&
		check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
		check "the registry as it was" same_as before &&
		expect_sound "$db" &&
		run twinreg --db "$db" -q add actor --name Sonra --country TR &&
		expect_status 0
	'

	test_case 'a full disk under export -o and init: 73 or 74, nothing half-written' '
		dd if=/dev/zero of="$T/mnt/filler" bs=4096 2> /dev/null ;
		run twinreg --db "$db" export -o "$T/mnt/out" &&
		check "export -o DIR fails (status $(cat "$T/status"))" test "$(cat "$T/status")" -eq 73 -o "$(cat "$T/status")" -eq 74 &&
		check "no directory left" test ! -e "$T/mnt/out" &&
		run twinreg --db "$db" export --kind actors -o "$T/mnt/a.csv" &&
		check "export -o FILE fails (status $(cat "$T/status"))" test "$(cat "$T/status")" -eq 73 -o "$(cat "$T/status")" -eq 74 &&
		check "no file left" test -z "$(ls "$T/mnt" | grep "^a\.csv")" &&
		run twinreg --db "$T/mnt/n.db" init &&
		check "init fails (status $(cat "$T/status"))" test "$(cat "$T/status")" -eq 73 -o "$(cat "$T/status")" -eq 74 &&
		check "no registry left" test -z "$(ls "$T/mnt" | grep "^n\.db")" &&
		rm -f "$T/mnt/filler" &&
		expect_sound "$db"
	'
	umount "$T/mnt"
	trap - EXIT
fi
