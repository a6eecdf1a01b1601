# store: sqlite (registry files on a machine without libpq)
# libpq is loaded when a registry on PostgreSQL is opened, not when
# twinreg starts: the binary does not link it, a registry file works on
# a machine without it, and a URI there is refused with 66 and one line
# that names the package (and not the URI, which may hold a password).
db=$T/r.db

test_case 'the binary does not link libpq' '
	check "ldd runs" ldd "$TWINREG" > "$T/ldd" &&
	check "libc is there" grep -q "libc.so" "$T/ldd" &&
	check "libpq is not" test "$(grep -c libpq "$T/ldd")" -eq 0
'

# Without libpq: a mount namespace where its file is empty, which takes
# root (as CI runs) and unshare(1); elsewhere the case is skipped, and
# says so.
libpq=$( (ldconfig -p || /sbin/ldconfig -p) 2> /dev/null |
    sed -n "s/.*libpq\.so\.5 .* => //p" | head -n 1)
without_libpq() {
	unshare --mount sh -c 'mount --bind /dev/null "$1" && shift && exec "$@"' \
	    sh "$libpq" "$@"
}
if [ "$(id -u)" -ne 0 ] || ! unshare --mount sh -c \
    'mount --bind /dev/null /dev/null' > /dev/null 2>&1; then
	echo "0817-libpq-lazy: no mount namespace here (not root, or a container without CAP_SYS_ADMIN): the case without libpq skipped"
else
test_case 'a registry file works where libpq is missing; a URI is refused with 66' '
	check "libpq found by ldconfig" test -n "$libpq" &&
	run without_libpq "$TWINREG" --db "$db" -q init &&
	expect_status 0 &&
	run without_libpq "$TWINREG" --db "$db" -q add actor --name Yeni --country TR &&
	expect_status 0 &&
	run without_libpq "$TWINREG" --db "$db" list actors -f tsv --no-header &&
	expect_status 0 &&
	expect_out_has "Yeni" &&
	run without_libpq "$TWINREG" --db "postgresql://u:secret@nowhere/register" list &&
	expect_status 66 &&
	expect_err_has "twinreg: a registry on PostgreSQL needs libpq (Debian'"'"'s libpq5): " &&
	check "one line" test "$(wc -l < "$T/err")" -eq 1 &&
	check "the URI not echoed" test "$(grep -c secret "$T/err")" -eq 0 &&
	expect_out_empty &&
	run without_libpq "$TWINREG" --db "postgresql://nowhere/register" init &&
	expect_status 73 &&
	expect_err_has "needs libpq (Debian'"'"'s libpq5)" &&
	run without_libpq env LC_ALL=tr_TR.UTF-8 "$TWINREG" --db "postgresql://nowhere/register" list &&
	expect_status 66 &&
	expect_err_has "PostgreSQL'"'"'deki bir sicil için libpq gerekir (Debian'"'"'da libpq5)"
'
fi
