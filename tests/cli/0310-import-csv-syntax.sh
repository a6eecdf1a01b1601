# Import: the CSV syntax of SPEC. UTF-8 with and without a byte-order mark,
# CRLF line ends, RFC 4180 quoting (commas, doubled quotes and line breaks
# inside quotes), blank lines, blanks around unquoted values, and the
# header's spelling; errors keep the physical line numbers of the file.

db=$T/r.db
twinreg --db "$db" init -q

# The id of the agreement of a municipality (there is one per test here).
agreement_of() {
	"$TWINREG" --db "$1" -f csv --no-header list --municipality "$2" |
	    cut -d, -f1
}

# --- Good: quoting, blank lines and blanks (LF, no BOM) ---------------------
test_case 'a file with quoting, blank lines and blanks is imported' '
	run twinreg --db "$db" import "$DATA/import-quoting.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "5 rows from 1 file: 5 added"
'

# The stored values: commas and doubled quotes inside quotes kept, line
# breaks inside quotes kept, blanks around unquoted values dropped, ""
# empty. export writes them back quoted.
test_case 'quoted commas, quotes and line breaks are kept and written back quoted' - <<\END
	run twinreg --db "$db" export --kind sister-cities &&
	expect_status 0 &&
	expect_stdout import-quoting.out &&

	id=$(agreement_of "$db" Adalar) &&
	run twinreg --db "$db" -f json show "$id" &&
	expect_status 0 &&
	expect_out_has '"field":"notes","value":"first line\nsecond line, with a comma\n\"third\" line"}' &&
	id=$(agreement_of "$db" Beyoğlu) &&
	run twinreg --db "$db" -f json show "$id" &&
	expect_out_has '"field":"notes","value":"the mayor said \"welcome\""}' &&
	expect_out_has '"field":"title","value":"The \"Twin Towns\" protocol"}' &&
	id=$(agreement_of "$db" Küçükçekmece) &&
	run twinreg --db "$db" -f json show "$id" &&
	expect_out_has '"field":"title","value":"Friendship, cooperation and culture"}' &&
	id=$(agreement_of "$db" Sarıyer) &&
	run twinreg --db "$db" -f json show "$id" &&
	expect_out_has '"field":"municipality","value":"Sarıyer"}' &&
	expect_out_has '"field":"municipality_country","value":"TR"}' &&
	expect_out_has '"field":"notes","value":"a note with blanks around"}' &&
	expect_out_has '"field":"signed_on","value":"2010"}' &&
	# "" is an empty value, not a quote.
	id=$(agreement_of "$db" Beylikdüzü) &&
	run twinreg --db "$db" -f json show "$id" &&
	expect_out_has '"field":"notes","value":null}' &&
	expect_out_has '"field":"signed_on","value":"2009"}'
END

# "   Sarıyer   " is the actor Sarıyer, not a second one with blanks.
test_case 'blanks around an unquoted name are no part of it' '
	run twinreg --db "$db" -f csv --no-header list actors &&
	expect_out_has ",Sarıyer,TR," &&
	expect_out_lacks " Sarıyer" &&
	expect_lines 10 &&
	twinreg --db "$db" export --kind sister-cities > "$T/lf.csv"
'

# --- Good: the same file with a BOM, with CRLF, with both -------------------
# Each gives the same registry content as the plain file.
test_case 'a BOM, CRLF or both give the same records as the plain file' - <<\END
	printf '\357\273\277' > "$T/bom.csv" &&
	cat "$DATA/import-quoting.csv" >> "$T/bom.csv" &&
	sed 's/$/\r/' "$DATA/import-quoting.csv" > "$T/crlf.csv" &&
	printf '\357\273\277' > "$T/bomcrlf.csv" &&
	cat "$T/crlf.csv" >> "$T/bomcrlf.csv" &&
	check "the CRLF fixture has CRLF line ends" grep -q "$(printf '\r')\$" "$T/crlf.csv" &&
	for v in bom crlf bomcrlf; do
		rm -f "$T/$v.db" &&
		twinreg --db "$T/$v.db" init -q &&
		run twinreg --db "$T/$v.db" import "$T/$v.csv" &&
		expect_status 0 &&
		expect_out_empty &&
		expect_err_has '5 rows from 1 file: 5 added' &&
		twinreg --db "$T/$v.db" export --kind sister-cities > "$T/$v.out" &&
		check "$v: same records as the plain UTF-8 file" cmp -s "$T/lf.csv" "$T/$v.out" &&
		# No carriage return and no BOM stored anywhere.
		if on_store pg; then c=chr; else c=char; fi &&
		run sql "$T/$v.db" "SELECT count(*) FROM agreements WHERE
	    coalesce(notes,'') || coalesce(title,'') LIKE '%' || $c(13) || '%'" &&
		expect_out 0 &&
		run sql "$T/$v.db" "SELECT count(*) FROM actors WHERE name LIKE
	    $c(65279) || '%' OR name LIKE '%' || $c(13)" &&
		expect_out 0 || return 1
	done
END

# Re-importing the BOM/CRLF file into the LF registry changes nothing: the
# same text is the same record.
test_case 're-importing the file with BOM and CRLF changes nothing' '
	snap lf &&
	run twinreg --db "$db" import "$T/bomcrlf.csv" &&
	expect_status 0 &&
	expect_err_has "0 added, 0 updated, 5 unchanged" &&
	snap lf2 &&
	check "BOM+CRLF re-import changes nothing" cmp -s "$T/lf.dump" "$T/lf2.dump"
'

# --- Good: the header's spelling -------------------------------------------
# Case, '-', '_' and blanks alike in column names (twinreg(1)).
test_case 'column names match whatever their case, hyphens and blanks' '
	run twinreg --db "$T/h.db" init -q &&
	run twinreg --db "$T/h.db" import "$DATA/import-header-spelling.csv" &&
	expect_status 0 &&
	run twinreg --db "$T/h.db" -f csv --no-header list &&
	expect_out_has ",sister_city,Sarıyer,TR,Nacka,SE,2010,active"
'

# A BOM before the header is not part of the first column's name.
test_case 'a BOM before the header is no part of the first column name' - <<\END
	printf '\357\273\277name,country\nNacka,SE\n' > "$T/bom-actors.csv" &&
	run twinreg --db "$T/h.db" import "$T/bom-actors.csv" &&
	expect_status 0 &&
	expect_err_has '1 row from 1 file: 0 added, 0 updated, 1 unchanged'
END

# --- Bad: errors carry the physical line of the field ----------------------
# Blank lines and line breaks inside quotes count as lines: a bad value
# after a three-line field is reported on the line where it stands.
test_case 'errors name the physical line of the field' '
	db3=$T/bad.db &&
	twinreg --db "$db3" init -q &&
	registry_dump "$db3" > "$T/b0.dump" &&
	run twinreg --db "$db3" import "$DATA/import-quoting-bad.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_stderr import-quoting-bad.err &&
	registry_dump "$db3" > "$T/b1.dump" &&
	check "failed import left the registry as it was" cmp -s "$T/b0.dump" "$T/b1.dump"
'

# The same file with a BOM and CRLF: the same errors at the same places.
test_case 'a BOM and CRLF move no error to another line or column' - <<\END
	printf '\357\273\277' > "$T/import-quoting-bad.csv" &&
	sed 's/$/\r/' "$DATA/import-quoting-bad.csv" >> "$T/import-quoting-bad.csv" &&
	run twinreg --db "$db3" import "$T/import-quoting-bad.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	sed "s|$T/|$DATA/|" "$T/err" > "$T/err.crlf" &&
	check "BOM+CRLF file: the same errors at the same lines and columns" \
	    cmp -s "$T/err.crlf" "$GOLDEN/import-quoting-bad.err"
END
