# Exit statuses and their one line: --encoding '' is a usage error (64),
# --version on a full or closed stdout says so and exits 74.

test_case 'import --encoding with no name is a usage error, 64' '
	new_registry "$T/r.db" &&
	db=$T/r.db &&
	snap before &&
	run twinreg --db "$T/r.db" import --encoding "" "$DATA/import-actors.csv" &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "--encoding" &&
	check "the message, then the help hint" test "$(wc -l < "$T/err")" -le 2 &&
	check "nothing imported" same_as before &&
	run twinreg --db "$T/r.db" import --encoding=  "$DATA/import-actors.csv" &&
	expect_status 64 &&
	run twinreg --db "$T/r.db" import --encoding no-such-encoding "$DATA/import-actors.csv" &&
	expect_status 64
'

test_case '--version on a full disk is 74 with one line' '
	"$TWINREG" --version > /dev/full 2> "$T/err"
	echo $? > "$T/status" &&
	RUN="twinreg --version > /dev/full" &&
	expect_status 74 &&
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_err_has "twinreg: " &&
	expect_err_has "No space left on device"
'

test_case '--version with stdout closed is 74 with one line' '
	"$TWINREG" --version >&- 2> "$T/err"
	echo $? > "$T/status" &&
	RUN="twinreg --version >&-" &&
	expect_status 74 &&
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_err_has "twinreg: "
'

test_case '--version and --help on a good stdout are 0' '
	run twinreg --version &&
	expect_status 0 &&
	expect_out_has "twinreg " &&
	expect_err_empty &&
	"$TWINREG" --help > /dev/full 2> "$T/err"
	echo $? > "$T/status" &&
	RUN="twinreg --help > /dev/full" &&
	expect_status 74 &&
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1
'
