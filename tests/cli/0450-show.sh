# `show ID` of an actor, an agreement and a membership: every field, the
# parties, aliases, ties and history; `show NAME` by any spelling; an
# unknown id or name is exit 1 (a did-you-mean for a name); a name of
# several actors is refused with their ids. History timestamps vary:
# they are replaced by TIME before comparing.
query_fixture
q --by editor update 58 --notes "left in 2015; talks to rejoin" -q

# expect_show ID GOLDEN [ARGS...]
expect_show() {
	id=$1
	g=$2
	shift 2
	run q show "$id" "$@"
	expect_status 0
	expect_err_empty
	untime
	expect_stdout "$g"
}

# An actor: fields, aliases, parent, ties (agreements and memberships),
# history.
test_case 'show of an actor lists fields, aliases, parent, ties and history' '
	expect_show 2 query-show-actor.table &&
	expect_show 5 query-show-actor-ties.table &&
	# a network: the agreement it is a third party of, and its member
	expect_show 38 query-show-network.table
'
# Agreements: a sister city (ended), a partnership with a third party
# and notes with a line break and a tab (escaped in the table).
test_case 'show of an agreement lists every field and its parties' '
	expect_show 46 query-show-sister-city.table &&
	expect_show 52 query-show-partnership.table
'
# Memberships; 58 with its update in the history, newest first.
test_case 'show of a membership, its update in the history' '
	expect_show 55 query-show-membership.table &&
	expect_show 58 query-show-membership-updated.table
'
# The machine formats carry the same: section, field, value.
test_case 'the machine formats carry the same' '
	expect_show 52 query-show-partnership.json -f json &&
	expect_show 58 query-show-membership-updated.csv -f csv
'

# Every field of the record kind is there, empty or not.
test_case 'every field of the record kind is there, empty or not' '
	run q show 46 -f tsv --no-header &&
	for f in id record municipality municipality_country sister_city \
		sister_city_country kind title signed_on signed_place status ended_on \
		council_decision_date council_decision_no ministry_approval_date \
		ministry_approval_no topics source notes other_parties; do
		check "sister city shows $f" grep -q "^record	$f	" "$T/out" || return 1
	done &&
	run q show 57 -f tsv --no-header &&
	for f in id record member member_country network network_country status \
		since until roles council_decision_date council_decision_no \
		ministry_approval_date ministry_approval_no source notes; do
		check "membership shows $f" grep -q "^record	$f	" "$T/out" || return 1
	done &&
	run q show 26 -f tsv --no-header &&
	for f in id record name country kind name_en aliases parent website notes; do
		check "actor shows $f" grep -q "^record	$f	" "$T/out" || return 1
	done &&
	expect_out_has "record	aliases	Cenova;Genoa"
'

# show NAME: the same as show ID, by any spelling.
test_case 'show NAME is show ID, by any spelling' - <<\END
	run q show 5 &&
	untime &&
	cp "$T/out" "$T/by-id" &&
	for n in Sarıyer sariyer SARIYER SARİYER; do
		run q show "$n" &&
		expect_status 0 &&
		untime &&
		check "show $n = show 5" cmp -s "$T/by-id" "$T/out" || return 1
	done &&
	run q show saraybosna &&
	expect_status 0 &&
	expect_out_has "name     Sarajevo" &&
	run q show Üsküp &&
	expect_status 0 &&
	expect_out_has "name     Skopje" &&
	run q show МОСКВА &&
	expect_status 0 &&
	expect_out_has "name     Москва" &&
	run q show mbb &&
	expect_status 0 &&
	expect_out_has "name     Marmara Belediyeler Birliği" &&
	# a name is an actor's; show of an agreement or membership is by id
	run q show "İstanbul" &&
	expect_status 0 &&
	expect_out_has "record   actor"
END

# Unknown ids: exit 1, nothing on stdout, one line.
test_case 'an unknown id is 1 with one line' '
	for id in 9999 0 59 123456789012; do
		run q show $id &&
		expect_status 1 &&
		expect_out_empty &&
		expect_err_has "twinreg: no record $id" &&
		check "one error line" test "$(wc -l < "$T/err")" -eq 1 || return 1
	done
'
# Unknown names: exit 1 with did-you-mean.
test_case 'an unknown name is 1 with a did-you-mean' - <<\END
	run q show sariyr &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "no actor named 'sariyr'; did you mean Sarıyer?" &&
	run q show genovva &&
	expect_status 1 &&
	expect_err_has "did you mean Genova?" &&
	run q show Θεσαλονίκη &&
	expect_status 1 &&
	expect_err_has "did you mean Θεσσαλονίκη?" &&
	run q show xyzzyq &&
	expect_status 1 &&
	expect_out_empty &&
	expect_err_has "no actor named 'xyzzyq'" &&
	run q -q show sariyr &&
	expect_status 1 &&
	expect_err_has "no actor named 'sariyr'"
END
# show needs exactly one ID or NAME.
test_case 'show needs exactly one ID or NAME' '
	run q show &&
	expect_status 64 &&
	expect_out_empty &&
	run q show 2 5 &&
	expect_status 64 &&
	expect_out_empty
'

# A name of two actors (Santa Ana, CR and US): refused with both ids.
test_case 'a name of two actors is refused with their ids' - <<\END
	printf 'name,country,kind\nSanta Ana,CR,municipality\nSanta Ana,US,municipality\n' > "$T/two.csv" &&
	q import -q "$T/two.csv" &&
	run q show "santa ana" &&
	check "ambiguous name: not 0" test "$(cat "$T/status")" -ne 0 &&
	expect_out_empty &&
	expect_err_has "59" &&
	expect_err_has "60" &&
	run q show 59 &&
	expect_status 0 &&
	expect_out_has "country  CR" &&
	run q list actors --municipality "SANTA ANA" -f tsv --no-header &&
	expect_status 0 &&
	expect_lines 2
END

# The sample: MBB's membership of NALAS (167, the fourth of
# memberships.csv after 120 actors, 33 sister cities and 10
# partnerships), MBB (1) and Almaty by name.
test_case 'the sample: a membership, an actor and a name' - <<\END
	run twinreg --sample show 167 &&
	expect_status 0 &&
	expect_out_has "roles                   vice-president from 2009-12;president 2012-05 to 2013-05;president from 2023-03-15" &&
	expect_out_has "network                 NALAS" &&
	run twinreg --sample show 1 &&
	expect_status 0 &&
	expect_out_has "aliases  Association of Marmara Municipalities;Marmara Municipalities Union;Marmara ve Boğazları Belediyeler Birliği;MBB;MMU;Union of Marmara Municipalities" &&
	expect_out_has "member of             167: NALAS (MK), full, since 2008" &&
	run twinreg --sample show almaty &&
	expect_status 0 &&
	expect_out_has "name     Almaty" &&
	check "Almaty has no parent" grep -q '^parent *$' "$T/out"
END
