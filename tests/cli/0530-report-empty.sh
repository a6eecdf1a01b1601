# Reports on an empty registry and with filters that match nothing:
# exit 0, the columns (and the yearly sections) all there, zeros.

twinreg --db "$T/e.db" init -q

test_case 'the yearly report of an empty registry has every section, all zero' - <<\END
	run twinreg --db "$T/e.db" report yearly --year 2011 -f csv &&
	expect_status 0 &&
	expect_err_empty &&
	tr -d '\r' < "$T/out" > "$T/o" &&
	check "empty yearly: header" test "$(head -n 1 "$T/o")" = "section,key,count,previous,change" &&
	check "empty yearly: signed 0" grep -qx 'signed_by_kind,total,0,0,0' "$T/o" &&
	check "empty yearly: every kind listed" test "$(grep -c '^signed_by_kind,' "$T/o")" = 8 &&
	check "empty yearly: undated row" grep -qx 'in_force_at_end_by_kind,undated,0,0,0' "$T/o" &&
	check "empty yearly: by municipality" grep -qx 'by_municipality,total,0,0,0' "$T/o" &&
	check "empty yearly: no figure but 0" test "$(cut -d, -f3- "$T/o" | sed 1d | tr -d '0,\n')" = "" &&

	run twinreg --db "$T/e.db" report yearly --year 2011 &&
	expect_status 0 &&
	for s in signed_by_kind signed_by_partner_country memberships_begun \
	    memberships_ended in_force_at_end_by_kind new_partner_countries \
	    by_municipality; do
		check "empty yearly table has section $s" grep -qx "$s" "$T/out" || return 1
	done
END

test_case 'the other reports of an empty registry are their headers only' - <<\END
	for f in csv tsv; do
		run twinreg --db "$T/e.db" report countries -f "$f" &&
		expect_status 0 &&
		expect_lines 1 &&
		run twinreg --db "$T/e.db" report municipalities -f "$f" &&
		expect_lines 1 &&
		run twinreg --db "$T/e.db" report networks -f "$f" &&
		expect_lines 1 || return 1
	done &&
	run twinreg --db "$T/e.db" report countries -f tsv &&
	expect_out "$(printf 'country\tname\tsister_cities\tpartnerships\tmemberships\ttotal\tundated')" &&
	run twinreg --db "$T/e.db" report networks -f csv --no-header &&
	expect_status 0 &&
	expect_out_empty &&
	for r in countries municipalities networks; do
		run twinreg --db "$T/e.db" report "$r" -f json &&
		expect_status 0 &&
		expect_out "[]" &&
		run twinreg --db "$T/e.db" report "$r" -f jsonl &&
		expect_status 0 &&
		expect_out_empty || return 1
	done &&
	run twinreg --db "$T/e.db" report countries &&
	expect_status 0 &&
	expect_out_has 'country' &&
	expect_out_has 'undated'
END

# The timeline of nothing: the undated row, zero.
test_case 'the timeline of nothing is the undated row, zero' - <<\END
	run twinreg --db "$T/e.db" report timeline -f tsv &&
	expect_status 0 &&
	expect_out "$(printf 'year\tsister_cities\tpartnerships\tmemberships\ttotal\nundated\t0\t0\t0\t0')" &&
	run twinreg --db "$T/e.db" report timeline --from 2010 --to 2012 -f csv &&
	expect_status 0 &&
	tr -d '\r' < "$T/out" > "$T/o" &&
	check "empty timeline span: 3 years and undated" \
	    test "$(sed 1d "$T/o" | tr '\n' ' ')" = "2010,0,0,0,0 2011,0,0,0,0 2012,0,0,0,0 undated,0,0,0,0 " &&
	run twinreg --db "$T/e.db" report timeline &&
	expect_status 0 &&
	expect_out_lacks '█'
END

# The fixture, with filters that match nothing.
test_case 'the report fixture is imported' '
	report_fixture "$T/r.db"
'

# A country no tie has; a kind no agreement has; a year with no tie.
test_case 'filters that match nothing give headers and zeros' - <<\END
	for flt in "--country NZ" "--kind supporting_structure" "--topic nothing" \
	    "--partner Debrecen --kind memorandum"; do
		for r in countries municipalities networks; do
			run twinreg --db "$T/r.db" report "$r" $flt -f csv &&
			expect_status 0 &&
			expect_err_empty &&
			expect_lines 1 || return 1
		done &&
		run twinreg --db "$T/r.db" report yearly --year 2011 $flt -f csv &&
		expect_status 0 &&
		check "yearly $flt: total 0" grep -q '^signed_by_kind,total,0,0,0' "$T/out" &&
		check "yearly $flt: in force 0" grep -q '^in_force_at_end_by_kind,undated,0,0,0' "$T/out" &&
		run twinreg --db "$T/r.db" report timeline $flt -f csv &&
		expect_status 0 &&
		tr -d '\r' < "$T/out" > "$T/o" &&
		check "timeline $flt: only undated 0" \
		    test "$(sed 1d "$T/o")" = "undated,0,0,0,0" || return 1
	done
END

# Signed before 1900: nothing.  The yearly report either applies --to
# (zeros) or refuses it (64); it does not ignore it.
test_case '--to before any tie gives nothing; the yearly report applies or refuses it' - <<\END
	for r in countries municipalities networks; do
		run twinreg --db "$T/r.db" report "$r" --to 1900-01-01 -f csv &&
		expect_status 0 &&
		expect_lines 1 || return 1
	done &&
	run twinreg --db "$T/r.db" report yearly --year 2011 --to 1900-01-01 -f csv &&
	check "yearly --to 1900-01-01 is applied or refused, not ignored" \
	    eval 'test "$(cat "$T/status")" = 64 || grep -q "^signed_by_kind,total,0,0,0" "$T/out"' &&
	run twinreg --db "$T/r.db" report yearly --year 2011 --from 2011-01-01 -f csv &&
	check "yearly --from 2011-01-01 is applied or refused, not ignored" \
	    eval 'test "$(cat "$T/status")" = 64 || grep -q "^signed_by_kind,total,4,0,4" "$T/out"'
END

# A name that no actor has: exit 1 and the error once (as list, and as
# an unknown country), not an empty report.
test_case 'a name no actor has is exit 1 with one message, not an empty report' '
	run twinreg --db "$T/r.db" report countries --municipality Atlantis -f csv &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "--municipality: no actor named '\''Atlantis'\''" &&
	check "the error is said once" test "$(grep -c Atlantis "$T/err")" = 1 &&
	run twinreg --db "$T/r.db" report yearly --year 2011 --partner Atlantis -q -f csv &&
	expect_status 1 &&
	expect_out_empty
'

# A name that exists but has no tie of that kind.
test_case 'a name with no tie of the kind gives an empty report' '
	run twinreg --db "$T/r.db" report networks --municipality "Kadıköy" --network "Net Beta" -f csv &&
	expect_status 0 &&
	expect_lines 1
'
