# Help, usage errors and the version.
test_case '--help prints the usage and the commands' '
	run twinreg --help &&
	expect_status 0 &&
	expect_out_has "usage: twinreg [GLOBAL OPTIONS] COMMAND" &&
	expect_out_has "import" &&
	expect_err_empty
'

test_case 'help COMMAND prints the usage of the command' '
	run twinreg help list &&
	expect_status 0 &&
	expect_out_has "usage: twinreg list [sister-cities|partnerships|memberships|actors|activities]"
'

test_case 'COMMAND --help prints its usage on stdout' '
	run twinreg list --help &&
	expect_status 0 &&
	expect_out_has "usage: twinreg list" &&
	expect_err_empty
'

test_case '--version prints the version' '
	run twinreg --version &&
	expect_status 0 &&
	expect_out_has "twinreg 1.0.0"
'

# No command, an unknown command, an unknown option: 64, one line and a
# pointer to help, nothing on stdout.
test_case 'no command is a usage error' '
	run twinreg &&
	expect_status 64 &&
	expect_out_empty
'

test_case 'an unknown command is a usage error' - <<\END
	run twinreg frobnicate &&
	expect_status 64 &&
	expect_err_has "twinreg: unknown command 'frobnicate'" &&
	expect_out_empty
END

test_case 'an unknown option names itself and the help' - <<\END
	run twinreg list --frobnicate &&
	expect_status 64 &&
	expect_err_has "twinreg: unknown option '--frobnicate'" &&
	expect_err_has "see 'twinreg help list'"
END

test_case 'an option without its value is a usage error' - <<\END
	run twinreg list --limit &&
	expect_status 64 &&
	expect_err_has "option '--limit' needs a value"
END

test_case 'help of an unknown command is a usage error' '
	run twinreg help frobnicate &&
	expect_status 64 &&
	expect_err_has "twinreg: unknown command '"'"'frobnicate'"'"'" &&
	expect_err_has "twinreg: see '"'"'twinreg help'"'"'" &&
	expect_err_lacks "help help"
'

test_case '--sample and --db together are a usage error, nothing written' '
	run twinreg --db "$T/u.db" --sample add actor --name Yeni --country TR &&
	expect_status 64 &&
	expect_err_has "twinreg: --sample and --db name two registries; give one" &&
	expect_out_empty &&
	check "no registry made" test ! -e "$T/u.db" &&
	run twinreg --sample --db "$T/u.db" list &&
	expect_status 64 &&
	TWINREG_DB=$T/u.db run twinreg --sample list actors --country BA &&
	expect_status 0 &&
	expect_out_has "Sarajevo"
'

test_case 'an unknown format is a usage error' - <<\END
	run twinreg --format yaml --sample list &&
	expect_status 64 &&
	expect_err_has "unknown format 'yaml'"
END
