# Usage errors of `list`: a filter that does not apply to the kind,
# bad values of dates, years, numbers, kinds, statuses and sort fields.
# Each: exit 64, nothing on stdout, an error naming the option and
# what was expected, then a pointer to the help.

# bad OPTION EXPECTED ARGS...: `twinreg --sample ARGS` is a usage error
# about OPTION whose message holds EXPECTED.
bad() {
	opt=$1
	want=$2
	shift 2
	run twinreg --sample "$@"
	expect_status 64
	expect_out_empty
	first=$(head -n 1 "$T/err")
	case $first in
	"twinreg: $opt"*) ok ;;
	*) not_ok "first error line is not about $opt: $first" ;;
	esac
	expect_err_has "$want"
	expect_err_has "see 'twinreg help list'"
	check "at most two lines on stderr" test "$(wc -l < "$T/err")" -le 2
}

# Filters that do not apply to the kind.
test_case 'a filter that does not apply to the kind is a usage error' '
	for o in "--topic culture" "--status active" "--year 2010" "--from 2010" \
		"--to 2010" "--as-of 2010" "--partner Genova" "--network ALDA"; do
		set -- $o &&
		bad "$1" "does not apply to actors" list actors $o || return 1
	done &&
	bad --network "does not apply to agreements" list --network ALDA &&
	bad --network "does not apply to sister cities" list sister-cities --network ALDA &&
	bad --network "does not apply" list partnerships --network ALDA &&
	bad --topic "does not apply to memberships" list memberships --topic culture &&
	bad --kind "does not apply to memberships" list memberships --kind goodwill
'

# The same filters where they apply are fine.
test_case 'the same filters where they apply are fine' '
	for o in "--topic culture" "--status active" "--year 2010" "--from 2010" \
		"--to 2010" "--as-of 2010" "--partner Genova" "--kind goodwill"; do
		run twinreg --sample list $o &&
		expect_status 0 || return 1
	done &&
	run twinreg --sample list memberships --network ALDA --status member --year 2017 &&
	expect_status 0 &&
	expect_lines 3
'

# Bad years, dates and numbers.
test_case 'bad years, dates and numbers are usage errors' - <<\END
	bad --year "a year from 1000 to 9998" list --year 20x &&
	bad --year "a year from 1000 to 9998" list --year 99999 &&
	bad --year "a year from 1000 to 9998" list --year "" &&
	bad --year "a year from 1000 to 9998" list memberships --year 201 &&
	bad --from "no such date '2011-02-30'" list --from 2011-02-30 &&
	bad --from "no such date '2011-13'" list --from 2011-13 &&
	bad --to "YYYY-MM-DD" list --to garbage &&
	bad --to "no such date '31.02.2011'" list --to 31.02.2011 &&
	bad --as-of "no such date '2011-13-01'" list --as-of 2011-13-01 &&
	bad --as-of "YYYY-MM-DD" list memberships --as-of yesterday &&
	bad --limit "whole number" list --limit abc &&
	bad --limit "whole number" list --limit -1 &&
	bad --limit "whole number" list --limit 0 &&
	bad --limit "whole number" list --limit 1.5 &&
	bad --limit "whole number" list --limit 99999999999999999999999 &&
	bad --max-width "2 or more" list --max-width x &&
	bad --max-width "2 or more" list --max-width 0 &&
	bad --delimiter "bad separator '|' (expected ',', ';' or tab)" list -f csv --delimiter "|" &&
	bad --delimiter "bad separator" list -f csv --delimiter ";;"
END

# Bad kinds and statuses, with the list of what is allowed.
test_case 'bad kinds and statuses list what is allowed' '
	bad --kind "sister_city, friendship, goodwill" list --kind foo &&
	bad --kind "metropolitan, district" list actors --kind foo &&
	bad --kind "metropolitan, district" list actors --kind goodwill &&
	bad --status "planned, active, dormant or ended" list --status foo &&
	bad --status "full, associate, observer or member" list memberships --status active
'

# --sort: only the fields of the kind, optionally with '-'.
test_case '--sort takes only the fields of the kind' - <<\END
	bad --sort "unknown field 'foo'" list --sort foo &&
	bad --sort "unknown field" list --sort -foo &&
	bad --sort "unknown field" list --sort "name;drop table actors" &&
	bad --sort "unknown field" list --sort "name,foo" &&
	bad --sort "unknown field" list --sort "" &&
	bad --sort "unknown field" list memberships --sort signed_on &&
	bad --sort "unknown field" list actors --sort signed_on &&
	bad --sort "unknown field" list actors --sort member &&
	bad --sort "id, name, country, kind, name_en, parent" list actors --sort foo
END
# Empty fields of a sort list are usage errors too, never SQL that
# fails (exit 70, "syntax error").
test_case 'empty fields of a sort list are usage errors, never failed SQL' '
	bad --sort "unknown field" list --sort "," &&
	expect_err_lacks "syntax error" &&
	bad --sort "unknown field" list --sort ",," &&
	bad --sort "unknown field" list actors --sort "," &&
	expect_err_lacks "syntax error" &&
	bad --sort "unknown field" list memberships --sort "," &&
	bad --sort "unknown field" list --sort "name,-" &&
	bad --sort "unknown field" list --sort " "
'
