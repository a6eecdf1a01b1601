# --columns on search and log: the result's columns by name, in the
# order given, or all; an unknown one is 64 naming the valid ones.  And
# list's default columns of agreements end with ended_on.

test_case 'search --columns: chosen, in that order' - <<\END
	run twinreg --sample -f tsv search kardeş --limit 3 &&
	expect_status 0 &&
	awk -F'\t' -v OFS='\t' '{ print $2, $1 }' "$T/out" > "$T/want" &&
	run twinreg --sample -f tsv search kardeş --limit 3 --columns record,id &&
	expect_status 0 &&
	expect_err_empty &&
	check "record then id, the same hits" cmp "$T/out" "$T/want" &&
	run twinreg --sample -f tsv search kardeş --limit 3 --columns all &&
	check "all: every column" test "$(head -n 1 "$T/out")" = \
		"id	record	field	match	summary" &&
	run twinreg --sample -f csv search kardeş --limit 1 --columns summary &&
	check "one column in csv" test "$(head -n 1 "$T/out" | tr -d '\r')" = "summary"
END

test_case 'log --columns, with --since and an id' - <<\END
	run twinreg --sample -f tsv log --columns change,action,field &&
	expect_status 0 &&
	expect_out "change	action	field
1	import	batch 1" &&
	db=$T/r.db &&
	new_registry "$db" &&
	run twinreg --db "$db" add actor --name Kadıköy --country TR --kind district &&
	run twinreg --db "$db" update 1 --website https://kadikoy.bel.tr &&
	run twinreg --db "$db" -f tsv --no-header log --columns record,field,new 1 &&
	expect_status 0 &&
	check "the update first" test "$(head -n 1 "$T/out")" = \
		"1	website	https://kadikoy.bel.tr"
END

test_case 'people'\''s formats: the headings of the chosen columns' - <<\END
	run twinreg --sample log --columns action,change &&
	expect_status 0 &&
	check "table header" eval 'head -n 1 "$T/out" | grep -q "^action  change$"'
END

test_case 'bad --columns: 64, the valid ones named, nothing on stdout' - <<\END
	run twinreg --sample search kardeş --columns rec &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "--columns: unknown column 'rec' (expected id, record, field, match, summary, or all)" &&
	run twinreg --sample log --columns change, &&
	expect_status 64 &&
	expect_err_has "unknown column '' (expected change, at, by, command, record, action, field, old, new, reason, or all)" &&
	run twinreg --sample log --columns all,change &&
	expect_status 64 &&
	expect_err_has "'all' with other columns" &&
	run twinreg --sample search --columns &&
	expect_status 64 &&
	# Too many: a column may come again, but not past the limit.
	ids48=$(printf "id,%.0s" $(seq 47))id &&
	run twinreg --sample list -f csv --columns "$ids48" &&
	expect_status 0 &&
	check "48 columns of id" test "$(head -n 1 "$T/out" | tr -d "\r")" = "$ids48" &&
	run twinreg --sample list --columns "$ids48,id" &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "--columns: 49 columns (expected at most 48)" &&
	run twinreg --sample search kardeş --columns "$ids48,id" &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "--columns: 49 columns (expected at most 48)" &&
	run twinreg --sample -f csv search kardeş --columns "$ids48" --limit 1 &&
	expect_status 0 &&
	check "search: 48 columns of id" test "$(head -n 1 "$T/out" | tr -d "\r")" = "$ids48"
END

# One rule for every --columns: blanks around a name do not count.
test_case 'search and log --columns take blanks as list does' - <<\END
	run twinreg --sample -f tsv log --columns 'change, action ,field' &&
	expect_status 0 &&
	expect_out "change	action	field
1	import	batch 1" &&
	run twinreg --sample -f tsv --no-header search kardeş --limit 2 --columns ' record , id' &&
	expect_status 0 &&
	expect_lines 2 &&
	check "record, then a number" grep -q "^[a-z]*	[0-9][0-9]*$" "$T/out" &&
	run twinreg --sample -f tsv --no-header list --columns ' id , party' &&
	expect_status 0 &&
	check "list takes them alike" test "$(head -n 1 "$T/out" | cut -f1 | tr -d 0-9)" = ""
END

test_case 'list: an ended tie shows when it ended' - <<\END
	db=$T/e.db &&
	new_registry "$db" &&
	run twinreg --db "$db" add sister-city --municipality Kadıköy \
		--municipality-country TR --sister-city Lyon \
		--sister-city-country FR --signed-on 2010-05-01 &&
	expect_status 0 &&
	id=$(cat "$T/out") &&
	run twinreg --db "$db" end "$id" --on 2019-12-31 &&
	expect_status 0 &&
	run twinreg --db "$db" -f tsv list &&
	expect_out "id	kind	party	party_country	partner	partner_country	signed_on	status	ended_on
$id	sister_city	Kadıköy	TR	Lyon	FR	2010-05-01	ended	2019-12-31"
END
