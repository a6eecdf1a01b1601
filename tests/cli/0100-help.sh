# Help, usage errors and the version.
run twinreg --help
expect_status 0
expect_out_has 'usage: twinreg [GLOBAL OPTIONS] COMMAND'
expect_out_has 'import'
expect_err_empty

run twinreg help list
expect_status 0
expect_out_has 'usage: twinreg list [sister-cities|partnerships|memberships|actors]'

run twinreg list --help
expect_status 0
expect_out_has 'usage: twinreg list'
expect_err_empty

run twinreg --version
expect_status 0
expect_out_has 'twinreg 1.0.0'

# No command, an unknown command, an unknown option: 64, one line and a
# pointer to help, nothing on stdout.
run twinreg
expect_status 64
expect_out_empty

run twinreg frobnicate
expect_status 64
expect_err_has "twinreg: unknown command 'frobnicate'"
expect_out_empty

run twinreg list --frobnicate
expect_status 64
expect_err_has "twinreg: unknown option '--frobnicate'"
expect_err_has "see 'twinreg help list'"

run twinreg list --limit
expect_status 64
expect_err_has "option '--limit' needs a value"

run twinreg help frobnicate
expect_status 64

run twinreg --format yaml --sample list
expect_status 64
expect_err_has "unknown format 'yaml'"
