# Import: the four kinds of CSV file, the kind guessed from the header or
# named with --kind, columns in any order, and the header's errors (a header
# that fits no kind, an unknown, a duplicate or a missing column) and empty
# required values.

db=$T/r.db
twinreg --db "$db" init -q

# --- Good: each kind, its kind guessed from the header --------------------
# The fixtures put their columns in an order of their own.
test_case 'each kind of file is imported, its kind guessed from the header' '
	for k in actors sister-cities partnerships memberships; do
		run twinreg --db "$db" import "$DATA/import-$k.csv" &&
		expect_status 0 &&
		expect_out_empty &&
		expect_err_has "from 1 file:" || return 1
	done
'

# What went in is what the files say, dates in ISO form at the precision
# given, countries as codes, names resolved through other spellings
# (Saraybosna is Sarajevo), defaults filled in (status active / member).
# Actors without a parent in the file have none in the registry.
test_case 'what went in is what the files say' '
	for k in actors sister-cities partnerships memberships; do
		run twinreg --db "$db" export --kind "$k" &&
		expect_status 0 &&
		expect_stdout "import-kinds-$k.out" || return 1
	done &&

	run twinreg --db "$db" -f csv list actors &&
	expect_out_has "2,Sarıyer,TR,district,,İstanbul" &&
	expect_out_has "3,Sarajevo,BA,municipality,Sarajevo," &&
	expect_out_lacks "Sarajevo,BA,municipality,Sarajevo,İstanbul" &&
	expect_out_lacks "NALAS,MK,network,,İstanbul"
'

# Re-importing them all, guessed again, in one call: nothing new.
test_case 're-importing the four files at once changes nothing' '
	snap all &&
	run twinreg --db "$db" import "$DATA/import-actors.csv" \
	    "$DATA/import-sister-cities.csv" "$DATA/import-partnerships.csv" \
	    "$DATA/import-memberships.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "0 added, 0 updated" &&
	snap again &&
	check "re-import of all four kinds changes nothing" \
	    cmp -s "$T/all.dump" "$T/again.dump"
'

# --- Good: --kind given gives the same registry as the guess ---------------
test_case '--kind gives the same registry as the guess' '
	db2=$T/k.db &&
	twinreg --db "$db2" init -q &&
	for k in actors sister-cities partnerships memberships; do
		run twinreg --db "$db2" import --kind "$k" "$DATA/import-$k.csv" &&
		expect_status 0 &&
		expect_out_empty || return 1
	done &&
	for k in actors sister-cities partnerships memberships; do
		twinreg --db "$db" export --kind "$k" > "$T/guess-$k.csv" &&
		twinreg --db "$db2" export --kind "$k" > "$T/kind-$k.csv" &&
		check "--kind $k: same records as with the kind guessed" \
		    cmp -s "$T/guess-$k.csv" "$T/kind-$k.csv" || return 1
	done
'

# --- Bad: --kind that does not fit the file --------------------------------
# The required columns that are missing are named, at the header's column
# 1 (the header's fault, not a cell's), then every column the kind does
# not know, with its column number.
test_case '--kind that does not fit the file names every column it does not know' '
	bad_import import-wrong-kind.err --kind actors "$DATA/import-partnerships.csv"
'

# --- Bad: the header ---------------------------------------------------------
# A header that fits no kind: the error says so and points to --kind.
test_case 'a header that fits no kind points to --kind' '
	bad_import import-no-kind.err "$DATA/import-no-kind.csv"
'
# An unknown column: line 1, its column, the known columns listed.
test_case 'an unknown column is named with its column and the known ones' - <<\END
	bad_import import-unknown-column.err "$DATA/import-unknown-column.csv" &&
	expect_err_has 'import-unknown-column.csv:1:6:' &&
	expect_err_has "'mayor'" &&
	expect_err_has 'municipality, municipality_country, sister_city'
END
# A column given twice (the second at column 5).
test_case 'a column given twice is refused at its second place' '
	bad_import import-duplicate-column.err "$DATA/import-duplicate-column.csv" &&
	expect_err_has "import-duplicate-column.csv:1:5:"
'
# A required column missing (a partnerships header without kind): told at
# the header's column 1, never at a column past its end (here 7 of 6).
test_case 'a missing required column is named, at column 1 of the header' - <<\END
	bad_import import-missing-column.err "$DATA/import-missing-column.csv" &&
	expect_err_has "'kind'" &&
	expect_err_has "import-missing-column.csv:1:1: missing column 'kind'"
END

# The header's columns are known with --kind too.
test_case 'with --kind the header columns are checked too' '
	bad_import import-unknown-column-kind.err --kind sister-cities \
	    "$DATA/import-unknown-column.csv"
'

# --- Bad: a required value empty -------------------------------------------
# Empty, "" and blanks alike; every bad row listed, the good rows around
# them not loaded either.
test_case 'empty required values are refused in every kind' '
	bad_import import-empty-required.err "$DATA/import-empty-required.csv" &&
	bad_import import-actors-empty.err "$DATA/import-actors-empty.csv" &&
	bad_import import-partnerships-no-kind.err "$DATA/import-partnerships-no-kind.csv" &&
	bad_import import-memberships-empty.err "$DATA/import-memberships-empty.csv"
'

# Nothing of those files reached the registry, not even their good rows.
test_case 'no row of a refused file reached the registry' '
	run twinreg --db "$db" -f csv list --municipality Sarıyer &&
	expect_out_lacks ",2011," &&
	expect_out_lacks ",2015,"
'
