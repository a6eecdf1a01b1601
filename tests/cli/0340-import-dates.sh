# Import: every date form of SPEC (YYYY, YYYY-MM, YYYY-MM-DD, DD.MM.YYYY,
# a day, month name and year in Turkish or English), stored as ISO 8601 at
# the precision given; impossible days and text that is no date rejected
# with FILE:LINE:COLUMN.

db=$T/r.db
twinreg --db "$db" init -q

# --- Good ------------------------------------------------------------------
# signed_on in every form; ended_on, council_decision_date and
# ministry_approval_date take the same forms.
test_case 'every date form of SPEC is imported' '
	run twinreg --db "$db" import "$DATA/import-dates.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "10 rows from 1 file: 10 added" &&
	run twinreg --db "$db" export --kind sister-cities &&
	expect_status 0 &&
	expect_stdout import-dates.out
'

# Stored as ISO text at the precision given (not padded to a full day).
test_case 'dates are stored as ISO text at the precision given' '
	run sql "$db" "SELECT DISTINCT signed_on FROM agreements ORDER BY 1" &&
	expect_out "1982
1982-01
1982-01-11
2000-02-29
2010-12-13
2012-02-29"
'

# The precision shows in listings too.
test_case 'listings show the precision' '
	run twinreg --db "$db" -f csv --no-header list --municipality Adalar &&
	expect_out_has ",Nacka,SE,1982,active" &&
	expect_out_has ",Veles,MK,1982-01,active"
'

# Re-import: the same dates in the same or another form are the same
# records (11.01.1982 = 1982-01-11 = January 11, 1982).
test_case 'the same dates in other forms are the same records' - <<\END
	snap a &&
	run twinreg --db "$db" import "$DATA/import-dates.csv" &&
	expect_status 0 &&
	expect_err_has '0 added, 0 updated, 10 unchanged' &&
	printf 'municipality,municipality_country,sister_city,sister_city_country,signed_on\nAdalar,TR,Palaio Faliro,GR,"January 11, 1982"\nAdalar,TR,Pokhara,NP,11 Ocak 1982\nSarıyer,TR,Sarajevo,BA,13.12.2010\n' > "$T/same.csv" &&
	run twinreg --db "$db" import "$T/same.csv" &&
	expect_status 0 &&
	expect_err_has '0 added, 0 updated, 3 unchanged' &&
	snap b &&
	check "same dates in other forms change nothing" cmp -s "$T/a.dump" "$T/b.dump"
END

# Membership dates take the same forms.
test_case 'membership dates take the same forms' - <<\END
	printf 'member,member_country,network,network_country,since,until\nBeyoğlu,TR,EUROCITIES,BE,11.01.1982,13 Aralık 2010\nAdalar,TR,EUROCITIES,BE,2004-06,"March 15, 2023"\n' > "$T/m.csv" &&
	run twinreg --db "$db" import "$T/m.csv" &&
	expect_status 0 &&
	run twinreg --db "$db" export --kind memberships &&
	expect_out_has 'Adalar,TR,EUROCITIES,BE,member,2004-06,2023-03-15,' &&
	expect_out_has 'Beyoğlu,TR,EUROCITIES,BE,member,1982-01-11,2010-12-13,'
END

# --- Bad ---------------------------------------------------------------------
# Impossible days in every form (2011-02-30, 29.02.2011 in a common year,
# 31 April, 30 Şubat, February 30, month 13, 1900 was no leap year, day 32)
# are "no such date"; text that is no date in any form is "bad date" with
# the forms listed. Every bad row is listed; the good last row is not
# loaded either.
test_case 'impossible days and text that is no date are refused at their field' - <<\END
	snap before &&
	run twinreg --db "$db" import "$DATA/import-dates-bad.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_stderr import-dates-bad.err &&
	expect_err_has 'import-dates-bad.csv:2:5:' &&
	expect_err_has 'import-dates-bad.csv:3:5:' &&
	expect_err_has 'import-dates-bad.csv:9:7:' &&
	# An impossible day in the DD.MM.YYYY or month-name form is not reported
	# as a malformed date: its form is one of those SPEC lists.
	expect_err_lacks "bad date '29.02.2011'" &&
	expect_err_lacks "bad date '30 Şubat 2012'" &&
	snap after &&
	check "bad dates: registry unchanged" cmp -s "$T/before.dump" "$T/after.dump"
END

# The same with --dry-run: the same errors, nothing written.
test_case '--dry-run lists the same date errors' '
	cp "$T/err" "$T/err.real" &&
	run twinreg --db "$db" import --dry-run "$DATA/import-dates-bad.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	check "--dry-run lists the same date errors" cmp -s "$T/err" "$T/err.real"
'

# A bad date in a membership file.
test_case 'a bad membership date is refused' - <<\END
	printf 'member,member_country,network,since\nAdalar,TR,ICLEI,31.06.2001\n' > "$T/mbad.csv" &&
	run twinreg --db "$db" import "$T/mbad.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "mbad.csv:2:4: no such date '31.06.2001'" &&
	snap after &&
	check "bad membership date: registry unchanged" cmp -s "$T/before.dump" "$T/after.dump"
END
