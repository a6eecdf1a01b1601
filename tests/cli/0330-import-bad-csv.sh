# Import: broken CSV. A stray quote (Ank"ara) is an error and does not
# swallow the rest of the file; an unterminated quote is reported where it
# opened; a NUL byte; a field longer than 1 MiB is refused without reading
# on into memory; ragged rows (too few and too many fields). Every bad row
# is listed, then exit 65 with nothing written and nothing on stdout.

db=$T/r.db
twinreg --db "$db" init -q
# Something in the registry, so "unchanged" means something.
twinreg --db "$db" import -q "$DATA/import-sister-cities.csv"

H='municipality,municipality_country,sister_city,sister_city_country,signed_on,notes'

# --- Stray quotes -------------------------------------------------------------
# Both stray quotes are reported, and so is the bad country on the line
# between them: the parser went on after the first.
test_case 'stray quotes are reported and the parser goes on after them' '
	bad_import import-stray-quote.err "$DATA/import-stray-quote.csv" &&
	expect_err_has "import-stray-quote.csv:3:1:" &&
	expect_err_has "import-stray-quote.csv:4:4:" &&
	expect_err_has "import-stray-quote.csv:5:3:"
'

# A quote after a closing quote ("a""b"x) is a stray quote too.
test_case 'a quote after a closing quote is a stray quote' - <<\END
	printf '%s\nAdalar,TR,Veles,MK,2008,"a""b"x\n' "$H" > "$T/after-close.csv" &&
	run twinreg --db "$db" import "$T/after-close.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'after-close.csv:2:6: stray quote'
END

# Good: a quote written "" inside quotes is a quote (see 0310 too).
test_case 'a doubled quote inside quotes is a quote' - <<\END
	printf '%s\nAdalar,TR,Veles,MK,2008,"Ank""ara"\n' "$H" > "$T/doubled.csv" &&
	twinreg --db "$T/d.db" init -q &&
	run twinreg --db "$T/d.db" import "$T/doubled.csv" &&
	expect_status 0 &&
	run twinreg --db "$T/d.db" -f json show 3 &&
	expect_out_has '"field":"notes","value":"Ank\"ara"}'
END

# --- An unterminated quote ---------------------------------------------------
# Reported once, at the line and column where the quote opened.
test_case 'an unterminated quote is reported once, where it opened' '
	bad_import import-unterminated.err "$DATA/import-unterminated.csv" &&
	expect_err_has "import-unterminated.csv:3:5:" &&
	expect_err_lacks "unterminated.csv:4:" &&
	expect_err_lacks "unterminated.csv:5:"
'

# --- A NUL byte -----------------------------------------------------------------
test_case 'a NUL byte is refused at its field' - <<\END
	printf '%s\nAdalar,TR,Veles,MK,2008,ok\nAdalar,TR,Ve\000les,MK,2009,\nAdalar,TR,Veles,MK,2010,"a\000"\n' "$H" > "$T/nul.csv" &&
	bad_import import-nul.err "$T/nul.csv" &&
	expect_err_has 'nul.csv:3:3:' &&
	expect_err_has 'nul.csv:4:6:'
END

# --- Ragged rows ---------------------------------------------------------------
# Too few fields, too many (also when the extra ones are empty), and a row
# whose extra field follows a two-line field (its own line is named).
test_case 'rows with too few or too many fields are refused' '
	bad_import import-ragged.err "$DATA/import-ragged.csv" &&
	expect_err_has "import-ragged.csv:3:5:" &&
	expect_err_has "import-ragged.csv:4:6:" &&
	expect_err_has "import-ragged.csv:8:6:"
'

# --- A field longer than 1 MiB -------------------------------------------------
# Good: exactly 1 MiB (1,048,576 bytes) is a field like any other.
test_case 'a field of exactly 1 MiB is imported' - <<\END
	twinreg --db "$T/big.db" init -q &&
	{
		printf '%s\nAdalar,TR,Veles,MK,2008,' "$H" &&
		head -c 1048576 /dev/zero | tr '\0' a &&
		printf '\n'
	} > "$T/mib.csv" &&
	run twinreg --db "$T/big.db" import "$T/mib.csv" &&
	expect_status 0 &&
	run sql "$T/big.db" "SELECT length(notes) FROM agreements" &&
	expect_out 1048576
END

# Bad: one byte more unquoted, and a quoted field past the limit. The error names the field's line and column and the limit. Each
# case gets a registry of its own, so that one wrongly loaded row does not
# hide the next case.
fresh() {
	new_registry "$T/f.db" "$DATA/import-sister-cities.csv"
	registry_dump "$T/f.db" > "$T/f0.dump"
}
# Unquoted, one byte over the limit.
test_case 'an unquoted field one byte over 1 MiB is refused and writes nothing' - <<\END
	{
		printf '%s\nAdalar,TR,Veles,MK,2008,' "$H" &&
		head -c 1048577 /dev/zero | tr '\0' a &&
		printf '\nSarıyer,TR,Nacka,SE,2011,ok\n'
	} > "$T/long.csv" &&
	fresh &&
	run twinreg --db "$T/f.db" import "$T/long.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'long.csv:2:6: field longer than 1048576 bytes' &&
	registry_dump "$T/f.db" > "$T/f1.dump" &&
	check "unquoted long field: registry unchanged" cmp -s "$T/f0.dump" "$T/f1.dump"
END

# Quoted and closed, 1,100,000 bytes.
test_case 'a quoted field over 1 MiB is refused and writes nothing' - <<\END
	{
		printf '%s\nAdalar,TR,Veles,MK,2008,"' "$H" &&
		head -c 1100000 /dev/zero | tr '\0' a &&
		printf '"\nSarıyer,TR,Nacka,SE,2011,ok\n'
	} > "$T/longq.csv" &&
	fresh &&
	run twinreg --db "$T/f.db" import "$T/longq.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has 'longq.csv:2:6: field longer than 1048576 bytes' &&
	registry_dump "$T/f.db" > "$T/f1.dump" &&
	check "quoted long field: registry unchanged" cmp -s "$T/f0.dump" "$T/f1.dump"
END

# An unterminated quote with 300 MB behind it, from a pipe: refused at the
# line where the quote opened, after reading little more than the limit.
# Memory stays bounded: the peak is about that of the same refusal with
# 2 MB behind the quote, not 300 MB more (the difference, not the peak
# itself, since a sanitizer build has a large peak of its own). Standard
# input, so nothing of that size ever lands on disk.
if /usr/bin/time -f %M -o "$T/rss" true 2>/dev/null; then
	timed="/usr/bin/time -f %M -o $T/rss"
else
	timed=
fi
# huge BYTES: the unterminated field with BYTES behind the quote.
huge() {
	{
		printf '%s\nAdalar,TR,Veles,MK,2008,ok\nSarıyer,TR,Nacka,SE,2011,"' "$H"
		head -c "$1" /dev/zero 2>/dev/null | tr '\0' a 2>/dev/null
	} | $timed "$TWINREG" --db "$db" import - > "$T/out" 2> "$T/err"
	echo $? > "$T/status"
	RUN="twinreg import - ($1 bytes in an unterminated field)"
}

test_case 'an unterminated quote with 300 MB behind it is refused in bounded memory' '
	snap before &&
	huge 2000000 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_stderr import-huge-field.err &&
	if [ -n "$timed" ]; then small=$(tail -n 1 "$T/rss"); fi &&
	huge 300000000 &&
	expect_status 65 &&
	expect_out_empty &&
	expect_stderr import-huge-field.err &&
	if [ -n "$timed" ]; then
		big=$(tail -n 1 "$T/rss") &&
		check "peak memory with 300 MB behind the quote (${big} kB) within 64 MiB of that with 2 MB (${small} kB)" \
		    [ "$big" -lt $((small + 65536)) ]
	fi &&
	snap after &&
	check "huge field: registry unchanged" cmp -s "$T/before.dump" "$T/after.dump" &&
	expect_sound "$db"
'

# --- Files bad before their first row -----------------------------------------
# Each file's errors are its own: two empty files, or a bad header after an
# empty file, are as many bad rows as files (each error on its line 1),
# not one.
test_case 'files that fail before their first row are counted each' - <<\END
	: > "$T/e1.csv" &&
	: > "$T/e2.csv" &&
	printf 'foo,bar\nA,B\n' > "$T/h.csv" &&
	snap before &&
	run twinreg --db "$db" import "$T/e1.csv" "$T/e2.csv" &&
	expect_status 65 &&
	expect_out_empty &&
	expect_err_has "e1.csv:1:1: empty file" &&
	expect_err_has "e2.csv:1:1: empty file" &&
	expect_err_has "twinreg: 2 bad rows; nothing was written" &&
	run twinreg --db "$db" import "$T/e1.csv" "$T/h.csv" "$T/e2.csv" &&
	expect_status 65 &&
	check "three errors" test "$(grep -c ':1:1: ' "$T/err")" -eq 3 &&
	expect_err_has "twinreg: 3 bad rows; nothing was written" &&
	check "nothing written" same_as before
END
