# store: sqlite (the registry file: made by init, WAL mode, the default paths, file: names)
# init creates a registry once; reading a missing one creates nothing.
test_case 'init creates a registry and says so' '
	run twinreg --db "$T/r.db" init &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "created registry" &&
	check "registry file exists" test -f "$T/r.db"
'

test_case 'init of an existing registry leaves it and says so' '
	run twinreg --db "$T/r.db" init &&
	expect_status 0 &&
	expect_err_has "already exists"
'

test_case 'the registry is sound, of schema 7, in WAL mode' '
	run sqlite3 "$T/r.db" "PRAGMA integrity_check; PRAGMA user_version; PRAGMA journal_mode;" &&
	expect_out "ok
7
wal"
'

# A read command on a mistyped path: 66, and no empty file left behind.
test_case 'a read of a missing registry is 66 and creates nothing' '
	run twinreg --db "$T/typo.db" list &&
	expect_status 66 &&
	expect_err_has "cannot open registry" &&
	check "no file created for a read" test ! -e "$T/typo.db"
'

# Names SQLite would read as URIs are plain file names here.
test_case 'names SQLite would read as URIs are plain file names' '
	run twinreg --db "file:$T/x.db?mode=memory" list &&
	expect_status 66 &&
	(cd "$T" && "$TWINREG" --db "file:u.db?mode=memory" init -q) 2>/dev/null &&
	check "a file: name is a file" test -f "$T/file:u.db?mode=memory"
'

# Not a registry, or not creatable: 66 and 73.
test_case 'a file that is no registry is refused, one that cannot be created is 73' '
	echo "hello" > "$T/text.db" &&
	run twinreg --db "$T/text.db" list &&
	expect_status 66 &&
	expect_err_has "not a twinreg registry" &&
	run twinreg --db "$T/text.db" init &&
	expect_status 73 &&
	run twinreg --db "$T/no/such/dir/r.db" init &&
	expect_status 73
'

# The default path: $TWINREG_DB, then $XDG_DATA_HOME, then ~/.local/share.
test_case 'the default path is $TWINREG_DB, then $XDG_DATA_HOME, then ~/.local/share' '
	XDG_DATA_HOME=$T/xdg twinreg init -q &&
	check "XDG default" test -f "$T/xdg/twinreg/registry.db" &&
	TWINREG_DB=$T/env.db twinreg init -q &&
	check "TWINREG_DB" test -f "$T/env.db" &&
	twinreg init -q &&
	check "HOME default" test -f "$HOME/.local/share/twinreg/registry.db"
'

# A registry from a newer twinreg is refused, not damaged.
test_case 'a registry from a newer twinreg is refused, not damaged' '
	cp "$T/r.db" "$T/new.db" &&
	sqlite3 "$T/new.db" "PRAGMA user_version = 99" &&
	run twinreg --db "$T/new.db" list &&
	expect_status 66 &&
	expect_err_has "newer twinreg" &&
	run sqlite3 "$T/new.db" "PRAGMA user_version" &&
	expect_out 99
'
