# A search query is text, never FTS5 or SQL syntax: queries made of
# punctuation or FTS operators (" * AND OR NOT NEAR( column: - ^ { })
# and SQL-looking text give exit 0, no SQL error, at most a warning;
# punctuation around a word does not change what it finds.
query_fixture

# no_sql_error: the last run ended 0 with no trace of SQL on stderr and
# at most one warning line.
no_sql_error() {
	expect_status 0
	expect_err_lacks "SQL"
	expect_err_lacks "sql"
	expect_err_lacks "fts5"
	expect_err_lacks "syntax error"
	expect_err_lacks "cannot"
	expect_err_lacks "malformed"
	check "at most one line on stderr" test "$(wc -l < "$T/err")" -le 1
}

test_case 'FTS and SQL syntax in a query is text, never an error' - <<\END
	for s in '"' '""' '"""' "'" "''" '*' '**' 'AND' 'OR' 'NOT' 'NEAR' 'NEAR(' \
		'NEAR(ordu' 'NEAR(ordu genova)' 'NEAR(ordu genova, 2)' 'x OR y' \
		'ordu OR genova' 'ordu NOT genova' 'ordu AND' 'AND ordu' 'OR OR' \
		'(' ')' '((' '(ordu' 'a:b' 'name:ordu' 'text:ordu' '{name}: ordu' \
		'{text} : x' '^' '^ordu' '+ordu' 'ordu -genova' '-' '--' '-a' '-ordu' \
		':' ';' '\' '\"' '%' '_' '$' '|' 'a|b' '&' '.' '!' '~' '@' '#' '?' \
		'NULL' 'SELECT * FROM actors' "'; DROP TABLE actors; --" \
		"x' OR '1'='1" 'ordu"' '"ordu' "ordu'" 'ordu*' '*ordu' 'ord*u' \
		'"black sea"' 'black-sea' 'ordu:' ' ' '' ','; do
		run q search -- "$s" &&
		no_sql_error &&
		run twinreg --sample search -- "$s" &&
		no_sql_error || return 1
	done
END

# The registry is untouched by such queries.
test_case 'such queries leave the registry untouched' '
	run sql "$qdb" "SELECT count(*) FROM actors" &&
	expect_out 40 &&
	expect_sound "$qdb" &&
	run q list actors -f tsv --no-header &&
	expect_lines 40
'

# A query with nothing to search for says so on stderr (not with -q) and
# lists nothing.
test_case 'a query with nothing to search for says so, except with -q' - <<\END
	run q search -f csv --no-header '"' &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "nothing to search for" &&
	run q -q search -f csv --no-header '"' &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_empty &&
	run q search -f csv --no-header -- '***' &&
	expect_status 0 &&
	expect_out_empty
END

# Quotes, stars, brackets and other punctuation around a word: the word.
test_case 'punctuation around a word finds what the word finds' - <<\END
	q search -f tsv --no-header ordu | cut -f1 > "$T/plain" &&
	check "ordu finds three" test "$(wc -l < "$T/plain" | tr -d ' ')" = 3 &&
	for s in '"ordu"' '"ordu' 'ordu"' "ordu'" 'ordu*' '(ordu)' 'ordu;' '^ordu' \
		'+ordu' '#ordu' 'ordu:' 'ORDU!'; do
		run q search -f tsv --no-header -- "$s" &&
		expect_status 0 &&
		cut -f1 "$T/out" > "$T/got" &&
		check "'$s' finds what ordu finds" cmp -s "$T/plain" "$T/got" || return 1
	done
END
# Operators are words: "AND" finds the word "and" in a name.
test_case 'operators are words' '
	run q search -f tsv --no-header AND &&
	expect_status 0 &&
	expect_out_has "39	actor	name_en	United Cities and Local Governments Middle East and West Asia"
'
# Two words both required, wherever the hyphen or quote.
test_case 'two words are both required wherever the hyphen or quote' - <<\END
	for s in '"black sea"' 'black-sea' 'Black Sea' 'sea black'; do
		run q search -f tsv --no-header -- "$s" &&
		expect_status 0 &&
		expect_out "49	agreement	notes	Signed at the Black Sea festival in Ordu.	Kırklareli - Žabljak, sister_city, 2016" || return 1
	done &&
	run q search -f tsv --no-header "x OR y" &&
	expect_status 0 &&
	expect_out_empty &&
	# an option-looking query after --
	run q search -f tsv --no-header -- -ordu &&
	expect_status 0 &&
	cut -f1 "$T/out" > "$T/got" &&
	check "-ordu after -- finds ordu" cmp -s "$T/plain" "$T/got"
END
# A long query and bytes that are not UTF-8 do no harm.
test_case 'a long query and bytes that are not UTF-8 do no harm' - <<\END
	long=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "ordu%d ", i }') &&
	run q search -- "$long" &&
	no_sql_error &&
	run q search -- "$(printf 'ord\377u')" &&
	no_sql_error &&
	run q search -- "$(printf '\303')" &&
	no_sql_error
END
