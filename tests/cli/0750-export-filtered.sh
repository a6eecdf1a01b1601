# export with list's filters: the ties they select (as a report counts
# them), the activities of those ties, and every actor these name with
# its parents; a filtered export imports into an empty registry and
# exports again to the same bytes.

# roundtrip ARGS...: export --sample ARGS -o DIR, import DIR into an
# empty registry, export it again: the same files.
roundtrip() {
	rm -rf "$T/x" "$T/y" "$T/x.db"
	run twinreg --sample export "$@" -o "$T/x" &&
	expect_status 0 &&
	run twinreg --db "$T/x.db" init &&
	run twinreg --db "$T/x.db" import "$T/x" &&
	expect_status 0 &&
	run twinreg --db "$T/x.db" export -o "$T/y" &&
	for f in actors sister-cities partnerships memberships activities; do
		check "export $*: $f.csv the same again" \
			cmp "$T/x/$f.csv" "$T/y/$f.csv" || return 1
	done
}

# csv_records FILE: its records (lines but the header; no cell of the sample
# spans lines in these files).
csv_records() {
	echo $(($(wc -l < "$1") - 1))
}

test_case 'filtered exports import into an empty registry, the same again' - <<\END
	for a in "--municipality Çekmeköy" "--country BA" "--year 2011" \
	    "--lacks ministry-approval" "--dormant" "--network UCLG-MEWA" \
	    "--status ended" "--agreement-kind goodwill" "--partner Srebrenica" \
	    "--as-of 2015-01-01" "--topic culture" "--municipality MBB"; do
		roundtrip $a || return 1
	done
END

test_case 'the ties list selects, with every field' - <<\END
	run twinreg --sample -f tsv --no-header list sister-cities \
		--municipality Çekmeköy --columns id &&
	n=$(wc -l < "$T/out") &&
	check "Çekmeköy has sister cities" test "$n" -gt 0 &&
	run twinreg --sample export --kind sister-cities --municipality Çekmeköy &&
	expect_status 0 &&
	expect_err_empty &&
	check "as many rows as list" test "$(csv_records "$T/out")" = "$n" &&
	check "every field: the header of the import format" \
		eval 'head -n 1 "$T/out" | grep -q "council_decision_date.*ministry_approval_no.*topics,source,notes"' &&
	check "every row Çekmeköy" eval \
		'test "$(tail -n +2 "$T/out" | grep -vc "^Çekmeköy,TR,")" = 0' &&
	run twinreg --sample export --kind partnerships --municipality Çekmeköy &&
	check "no partnerships of Çekmeköy" test "$(csv_records "$T/out")" = 0
END

test_case 'actors: those the ties name, and their parents' - <<\END
	run twinreg --sample export --kind actors --municipality Çekmeköy &&
	expect_status 0 &&
	check "İstanbul, Çekmeköy's parent, first" \
		eval 'sed -n 2p "$T/out" | grep -q "^İstanbul,TR,metropolitan"' &&
	expect_out_has "Çekmeköy,TR,district" &&
	expect_out_has "Vogošća,BA" &&
	expect_out_lacks "Adalar" &&
	run twinreg --sample export --municipality Çekmeköy -o "$T/d" &&
	run twinreg --sample export --kind actors --municipality Çekmeköy \
		-o "$T/actors.csv" &&
	check "the same actors alone and in DIR" cmp "$T/actors.csv" "$T/d/actors.csv"
END

test_case 'activities: those of the selected ties' - <<\END
	run twinreg --sample export --kind activities --country BA &&
	expect_status 0 &&
	check "some" test "$(csv_records "$T/out")" -gt 0 &&
	check "each with a tie in BA" eval \
		'test "$(tail -n +2 "$T/out" | grep -vc ",BA,")" = 0' &&
	run twinreg --sample export --kind activities &&
	check "fewer than all" test "$(csv_records "$T/out")" -gt 50
END

test_case 'a name with no tie: headers only; matching nothing: 1' - <<\END
	run twinreg --sample export --kind sister-cities --partner "Santa Ana" --year 1990 &&
	expect_status 0 &&
	check "header only" test "$(csv_records "$T/out")" = 0 &&
	run twinreg --sample export --municipality Nowhere -o "$T/n" &&
	expect_status 1 &&
	expect_err_has "no actor named 'Nowhere'" &&
	check "no directory made" test ! -e "$T/n"
END

test_case 'bad filters: 64 and nothing written' - <<\END
	run twinreg --sample export --type visit -o "$T/t" &&
	expect_status 64 &&
	check "no directory" test ! -e "$T/t" &&
	run twinreg --sample export --kind actors --sort id &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --sample export --kind actors --year 20111 &&
	expect_status 64 &&
	expect_out_empty &&
	run twinreg --sample export --kind actors --lacks bogus &&
	expect_status 64 &&
	expect_err_has "unknown field 'bogus'" &&
	run twinreg --sample export --kind actors --agreement-kind bogus &&
	expect_status 64 &&
	expect_err_has "unknown agreement kind 'bogus'"
END
