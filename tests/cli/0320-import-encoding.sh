# Import: legacy Turkish encodings through --encoding (windows-1254 and
# iso-8859-9), an unknown encoding, a byte the encoding lacks, and invalid
# UTF-8 without --encoding. The legacy fixtures are made here with printf:
# 0xDD İ, 0xFE ş, 0xF0 ğ, 0xFD ı, 0xC7 Ç, 0xF6 ö, 0xFC ü, 0xDC Ü, 0xDE Ş,
# 0xD0 Ğ, 0xD6 Ö, 0xE7 ç; 0x80 is € in windows-1254.

db=$T/r.db
twinreg --db "$db" init -q

H='municipality,municipality_country,sister_city,sister_city_country,signed_on,notes'

# A windows-1254 file as a Windows program writes it: CRLF, a Turkish month
# name, a quoted note with a comma, the euro sign and a line break.
printf '%s\r\n' "$H" > "$T/w1254.csv"
printf '\335stanbul,TR,Ni\376,RS,13 Aral\375k 2010,"\360\375\307\366 \376ehir, \200 5"\r\n' >> "$T/w1254.csv"
printf 'Ey\374psultan,TR,\334sk\374p,MK,1 \336ubat 2001,"\326\347 \320\r\nsat\375r"\r\n' >> "$T/w1254.csv"

# The same text in UTF-8.
printf '%s\n' "$H" > "$T/utf8.csv"
printf 'İstanbul,TR,Niş,RS,13 Aralık 2010,"ğıÇö şehir, € 5"\n' >> "$T/utf8.csv"
printf 'Eyüpsultan,TR,Üsküp,MK,1 Şubat 2001,"Öç Ğ\nsatır"\n' >> "$T/utf8.csv"

# --- Good: windows-1254 ------------------------------------------------------
test_case 'a windows-1254 file is read as Turkish text' - <<\END
	run twinreg --db "$db" import --encoding windows-1254 "$T/w1254.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has '2 rows from 1 file: 2 added' &&
	run twinreg --db "$db" -f csv --no-header list &&
	expect_out_has '3,sister_city,İstanbul,TR,Niş,RS,2010-12-13,active' &&
	expect_out_has '6,sister_city,Eyüpsultan,TR,Üsküp,MK,2001-02-01,active' &&
	expect_lines 2 &&
	run twinreg --db "$db" -f json show 3 &&
	expect_out_has '"field":"notes","value":"ğıÇö şehir, € 5"}'
END

# The UTF-8 text of the same records is the same records.
test_case 'windows-1254 and the same text in UTF-8 are the same records' '
	twinreg --db "$T/u.db" init -q &&
	run twinreg --db "$T/u.db" import "$T/utf8.csv" &&
	expect_status 0 &&
	twinreg --db "$db" export --kind sister-cities > "$T/w.out" &&
	twinreg --db "$T/u.db" export --kind sister-cities > "$T/u.out" &&
	check "windows-1254 and UTF-8 give the same records" cmp -s "$T/w.out" "$T/u.out" &&
	snap w &&
	run twinreg --db "$db" import "$T/utf8.csv" &&
	expect_status 0 &&
	expect_err_has "0 added, 0 updated, 2 unchanged" &&
	snap w2 &&
	check "UTF-8 re-import of the converted file changes nothing" \
	    cmp -s "$T/w.dump" "$T/w2.dump"
'

# The encoding name in another case, and from standard input.
test_case 'the encoding name in any case, from standard input' '
	twinreg --db "$T/s.db" init -q &&
	run_in "$T/w1254.csv" twinreg --db "$T/s.db" import --encoding WINDOWS-1254 - &&
	expect_status 0 &&
	twinreg --db "$T/s.db" export --kind sister-cities > "$T/s.out" &&
	check "windows-1254 from stdin: the same records" cmp -s "$T/w.out" "$T/s.out"
'

# --- Good: iso-8859-9 ----------------------------------------------------------
# The Turkish letters sit at the same bytes (no euro sign in this one).
test_case 'an iso-8859-9 file is read as Turkish text' - <<\END
	printf '%s\n' "$H" > "$T/i8859.csv" &&
	printf '\335zmir,TR,Ni\376,RS,2011,\360\375\307\366 \376ehir\n' >> "$T/i8859.csv" &&
	twinreg --db "$T/i.db" init -q &&
	run twinreg --db "$T/i.db" import --encoding iso-8859-9 "$T/i8859.csv" &&
	expect_status 0 &&
	expect_out_empty &&
	run twinreg --db "$T/i.db" -f csv --no-header list &&
	expect_out_has '3,sister_city,İzmir,TR,Niş,RS,2011,active' &&
	expect_lines 1 &&
	run twinreg --db "$T/i.db" -f json show 3 &&
	expect_out_has '"field":"notes","value":"ğıÇö şehir"}'
END

# UTF-8 named explicitly is the default.
test_case 'UTF-8 named explicitly is the default' '
	run twinreg --db "$T/u.db" import --encoding UTF-8 "$T/utf8.csv" &&
	expect_status 0 &&
	expect_err_has "0 added, 0 updated, 2 unchanged"
'

# --- Bad: an unknown encoding: usage error 64, nothing read or written -------
test_case 'an unknown encoding is a usage error and writes nothing' - <<\END
	snap before &&
	run twinreg --db "$db" import --encoding klingon "$T/w1254.csv" &&
	expect_status 64 &&
	expect_out_empty &&
	expect_err_has "unknown encoding 'klingon'" &&
	run twinreg --db "$db" import --encoding "$T/w1254.csv" &&
	expect_status 64 &&
	expect_out_empty &&
	snap after &&
	check "unknown encoding: registry unchanged" cmp -s "$T/before.dump" "$T/after.dump"
END

# --- Bad: a byte windows-1254 does not have (0x81) ---------------------------
test_case 'a byte windows-1254 lacks is refused at its line and field' - <<\END
	printf '%s\n' "$H" > "$T/w1254-bad.csv" &&
	printf 'Adalar,TR,Veles,MK,2008,\n' >> "$T/w1254-bad.csv" &&
	printf 'Ey\374psultan,TR,Bad\201name,MK,2009,\n' >> "$T/w1254-bad.csv" &&
	snap before &&
	run twinreg --db "$db" import --encoding windows-1254 "$T/w1254-bad.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	strip_T &&
	expect_stderr import-w1254-bad.err &&
	expect_err_has 'w1254-bad.csv:3:3:' &&
	expect_err_has '0x81' &&
	# It says what was expected, like every other data error.
	expect_err_has '(expected' &&
	snap after &&
	check "bad byte: registry unchanged" cmp -s "$T/before.dump" "$T/after.dump"
END

# --- Bad: a legacy file read as UTF-8 ---------------------------------------
# Its Turkish letters are windows-1254's: one error names that encoding
# and the option (not one for every byte); nothing is written.
test_case 'a windows-1254 file read as UTF-8 gets one error naming --encoding windows-1254' - <<\END
	printf '%s\n' "$H" > "$T/legacy.csv" &&
	printf '\335stanbul,TR,Nice,FR,2010,\n' >> "$T/legacy.csv" &&
	printf 'Adalar,TR,Veles,MK,2008,good\n' >> "$T/legacy.csv" &&
	printf 'Adalar,TR,Nacka,SE,2009,"two\nlines \376"\n' >> "$T/legacy.csv" &&
	printf 'Bak\375rk\366y,TR,Veles,MK,2008,\n' >> "$T/legacy.csv" &&
	snap before &&
	run twinreg --db "$db" import "$T/legacy.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	strip_T &&
	expect_stderr import-invalid-utf8.err &&
	expect_err_has 'legacy.csv:1:1: the file is not UTF-8; it looks like windows-1254 (expected --encoding windows-1254)' &&
	check "one error, then the closing line" test "$(wc -l < "$T/err")" = 2 &&
	snap after &&
	check "invalid UTF-8: registry unchanged" cmp -s "$T/before.dump" "$T/after.dump"
END

# Other invalid UTF-8: an overlong form, a surrogate, a sequence cut short
# at the end of the file, a byte above 0xF4.
test_case 'overlong forms, surrogates, cut sequences and bytes above F4 are invalid UTF-8' - <<\END
	for b in '\300\257' '\355\240\200' '\370\210\200\200\200' '\342\202'; do
		printf "%s\\nAdalar,TR,Veles,MK,2008,x$b" "$H" > "$T/u8.csv" &&
		run twinreg --db "$db" import "$T/u8.csv" &&
		expect_status 65 &&
		expect_out_empty &&
		expect_err_has 'u8.csv:2:6: invalid UTF-8' || return 1
	done
END
