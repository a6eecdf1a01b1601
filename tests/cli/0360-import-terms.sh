# Import: agreement kinds and statuses as SPEC names them or in the Turkish
# terms of DOMAIN.md (kardeş şehir, iyi niyet protokolü, mutabakat zaptı,
# işbirliği protokolü, destekleyici kurum anlaşması...), in any case;
# membership statuses and actor kinds likewise; unknown ones refused with
# the list of known values.

db=$T/r.db
twinreg --db "$db" init -q

# --- Good: agreements ------------------------------------------------------
test_case 'agreement kinds and statuses in English or Turkish are imported' '
	run twinreg --db "$db" import "$DATA/import-terms.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "13 rows from 1 file: 13 added" &&
	run twinreg --db "$db" -f csv --no-header list &&
	expect_lines 13 &&
	expect_out_has ",goodwill,Marmara Belediyeler Birliği,TR,Al-Fayhaa,LB,2010,active" &&
	expect_out_has ",goodwill,Marmara Belediyeler Birliği,TR,CIFCA,CN,2011,active" &&
	expect_out_has ",friendship,Marmara Belediyeler Birliği,TR,ATO,KW,1982,active" &&
	expect_out_has ",supporting_structure,Marmara Belediyeler Birliği,TR,European Commission DG Energy,BE,2011,active" &&
	expect_out_has ",memorandum,Marmara Belediyeler Birliği,TR,APLA,LB,2012,dormant" &&
	expect_out_has ",cooperation_protocol,Marmara Belediyeler Birliği,TR,KTBB,XN,,planned" &&
	expect_out_has ",cooperation_protocol,Marmara Belediyeler Birliği,TR,CALM,MA,2013,ended" &&
	expect_out_has ",sister_city,Sarıyer,TR,Nacka,SE,2010,active" &&
	expect_out_has ",sister_city,Sarıyer,TR,Sarajevo,BA,2011,dormant" &&
	expect_out_has ",sister_city,Sarıyer,TR,Veles,MK,2012,ended" &&
	expect_out_has ",goodwill,Sarıyer,TR,Ohrid,MK,,planned" &&
	expect_out_has ",memorandum,Sarıyer,TR,Bitola,MK,2014,active" &&
	expect_out_has ",partnership,Sarıyer,TR,Tuzla,BA,2015,active"
'

# list sister-cities is kind sister_city, whatever term the file used.
test_case 'list sister-cities is kind sister_city whatever the term' '
	run twinreg --db "$db" -f csv --no-header list sister-cities &&
	expect_lines 3
'

# The kind is part of the identity: the Turkish and the English term of a
# kind are the same record.
test_case 'the Turkish and English terms of a kind are the same record' - <<\END
	snap t &&
	printf 'party,party_country,partner,partner_country,kind,signed_on\nSarıyer,TR,Nacka,SE,sister_city,2010\nMarmara Belediyeler Birliği,TR,CIFCA,CN,goodwill,2011\nMarmara Belediyeler Birliği,TR,APLA,LB,memorandum,2012\n' > "$T/en.csv" &&
	run twinreg --db "$db" import "$T/en.csv" &&
	expect_status 0 &&
	expect_err_has '0 added, 0 updated, 3 unchanged' &&
	snap t2 &&
	check "English terms of the same kinds: nothing new" cmp -s "$T/t.dump" "$T/t2.dump"
END

# --- Good: membership statuses and actor kinds -----------------------------
test_case 'membership statuses in any term are imported' '
	run twinreg --db "$db" import "$DATA/import-member-terms.csv" &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv --no-header list memberships &&
	expect_lines 5 &&
	expect_out_has ",Marmara Belediyeler Birliği,TR,NALAS,MK,full,2008," &&
	expect_out_has ",Marmara Belediyeler Birliği,TR,ATO,KW,observer,2010," &&
	expect_out_has ",Marmara Belediyeler Birliği,TR,UCLG-MEWA,TR,member,2014," &&
	expect_out_has ",Beyoğlu,TR,EUROCITIES,BE,associate,2004," &&
	# No status: member.
	expect_out_has ",Beyoğlu,TR,ICLEI,DE,member,2009,"
'

test_case 'actor kinds in any term are imported' '
	run twinreg --db "$db" import "$DATA/import-actor-kinds.csv" &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv --no-header list actors &&
	expect_out_has ",İstanbul,TR,metropolitan," &&
	expect_out_has ",Beyoğlu,TR,district," &&
	expect_out_has ",Nacka,SE,municipality," &&
	expect_out_has ",Marmara Belediyeler Birliği,TR,union," &&
	expect_out_has ",NALAS,MK,network," &&
	expect_out_has ",European Commission DG Energy,BE,public_body,"
'

# --- Bad -------------------------------------------------------------------
# An unknown kind lists the kinds and a Turkish example; an empty kind is
# missing; an unknown status lists the statuses. The good last row is not
# loaded.
test_case 'unknown kinds and statuses are refused with the known ones' - <<\END
	bad_import import-terms-bad.err "$DATA/import-terms-bad.csv" &&
	expect_err_has "import-terms-bad.csv:2:5: unknown agreement kind 'dostane ilişki'" &&
	expect_err_has 'sister_city, friendship, goodwill, memorandum, cooperation_protocol, supporting_structure or partnership' &&
	expect_err_has "import-terms-bad.csv:3:6: unknown status 'sleeping'" &&
	expect_err_has 'import-terms-bad.csv:4:5:' &&
	expect_err_has "import-terms-bad.csv:5:6: unknown status 'sona'"
END

test_case 'an unknown membership status is refused' - <<\END
	bad_import import-member-terms-bad.err "$DATA/import-member-terms-bad.csv" &&
	expect_err_has "import-member-terms-bad.csv:2:5: unknown membership status 'gold'" &&
	# An agreement status is no membership status.
	expect_err_has "import-member-terms-bad.csv:3:5: unknown membership status 'active'"
END

test_case 'an unknown actor kind is refused' - <<\END
	bad_import import-actor-kinds-bad.err "$DATA/import-actor-kinds-bad.csv" &&
	expect_err_has "import-actor-kinds-bad.csv:2:3: unknown actor kind 'planet'"
END
