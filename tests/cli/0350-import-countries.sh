# Import: countries by ISO 3166-1 alpha-2 and alpha-3 code, English and
# Turkish name, in any case (Lübnan, Bosna-Hersek, "Bosna Hersek",
# Makedonya, KKTC/XN, Kosova/XK); an unknown country is refused with a
# did-you-mean where one is close.

db=$T/r.db
twinreg --db "$db" init -q

# --- Good ------------------------------------------------------------------
test_case 'every form of a country is that country' - <<\END
	run twinreg --db "$db" import "$DATA/import-countries.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	# Every form of Türkiye is one country: one Beyoğlu, 19 partners.
	expect_err_has '19 rows from 1 file: 19 added' &&
	expect_err_has '20 actors created' &&
	run twinreg --db "$db" -f csv --no-header list &&
	expect_lines 19 &&
	for want in 'Trablus,LB,2001' 'Tyre,LB,2002' 'Sidon,LB,2003' 'Byblos,LB,2004' \
	    'Mostar,BA,2005' 'Tuzla,BA,2006' 'Zenica,BA,2007' 'Üsküp,MK,2008' \
	    'Ohrid,MK,2009' 'Bitola,MK,2010' 'Lefkoşa,XN,2011' 'Girne,XN,2012' \
	    'Gazimağusa,XN,2013' 'Prizren,XK,2014' 'Priştine,XK,2015' \
	    'Peja,XK,2016' 'Köln,DE,2017' 'Bonn,DE,2018' 'Mainz,DE,2019'; do
		expect_out_has ",Beyoğlu,TR,$want,active" || return 1
	done &&
	run sql "$db" "SELECT count(*) FROM actors WHERE name = 'Beyoğlu'" &&
	expect_out 1
END

# Actors' country takes the same forms; the actor is found again by name
# and country whatever form the country is written in.
test_case 'an actor is found again by name whatever form its country takes' - <<\END
	printf 'name,country,kind\nLefkoşa,Kuzey Kıbrıs Türk Cumhuriyeti,municipality\nPrizren,Kosova,municipality\nTrablus,Lebanon,municipality\n' > "$T/a.csv" &&
	run twinreg --db "$db" import "$T/a.csv" &&
	expect_status 0 &&
	expect_err_has '0 added, 3 updated' &&
	expect_err_has '0 actors created'
END

# --- Bad -------------------------------------------------------------------
# Misspellings get a suggestion, a code that is no country gets none;
# every bad row is listed and the good last row is not loaded.
test_case 'unknown countries are refused, with a suggestion when one is near' - <<\END
	snap before &&
	run twinreg --db "$db" import "$DATA/import-countries-bad.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_stderr import-countries-bad.err &&
	expect_err_has "import-countries-bad.csv:2:4: unknown country 'Germny'" &&
	expect_err_has 'did you mean Germany (DE)?' &&
	expect_err_has 'did you mean Lebanon (LB)?' &&
	expect_err_has "import-countries-bad.csv:4:2: unknown country 'Turky'" &&
	snap after &&
	check "bad countries: registry unchanged" cmp -s "$T/before.dump" "$T/after.dump" &&
	run twinreg --db "$db" -f csv list --partner Köln &&
	expect_out_lacks '2005'
END

# A value with a line break is shown on one line: each error is one line
# of stderr (SPEC: "Errors go to stderr, one line each").
test_case 'an error about a value with a line break is one line' - <<\END
	printf 'municipality,municipality_country,sister_city,sister_city_country\nBeyoğlu,TR,Köln,"Ger\nmany"\n' > "$T/nl.csv" &&
	run twinreg --db "$db" import "$T/nl.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'nl.csv:2:4: unknown country' &&
	check "error with a line break in the value is one line (2 lines in all)" \
	    [ "$(wc -l < "$T/err")" -eq 2 ] &&
	snap after &&
	check "registry unchanged" cmp -s "$T/before.dump" "$T/after.dump"
END
