# add prints the new id before it commits: with stdout full or closed it
# exits 74 with one line, adds nothing (no record, no actor, no history),
# and a retry then succeeds with the same record.
db=$T/r.db
edit_fixture

# add_to WHERE ARGS...: `twinreg --db $db add ARGS` with stdout on
# /dev/full (WHERE full) or closed (WHERE closed), as run does.
add_to() {
	_w=$1
	shift
	case $_w in
	full) "$TWINREG" --db "$db" add "$@" > /dev/full 2> "$T/err" ;;
	closed) "$TWINREG" --db "$db" add "$@" >&- 2> "$T/err" ;;
	esac
	echo $? > "$T/status"
	RUN="twinreg add $* ($_w stdout)"
}

# refused WHERE ARGS...: 74, one line, the registry as it was.
refused() {
	snap before
	add_to "$@"
	expect_status 74 &&
	check "one line on stderr" test "$(wc -l < "$T/err")" -eq 1 &&
	expect_err_has "nothing was added" &&
	check "$*: nothing added" same_as before
}

test_case 'add of an actor with stdout full or closed adds nothing' '
	refused full actor --name Kadıköy --country TR &&
	refused closed actor --name Kadıköy --country TR &&
	refused full actor -q --name Kadıköy --country TR &&
	run twinreg --db "$db" add actor --name Kadıköy --country TR &&
	expect_status 0 &&
	check "the retry prints an id" grep -Eqx "[0-9]+" "$T/out" &&
	run twinreg --db "$db" -f tsv --no-header list actors &&
	check "Kadıköy is there once" test "$(grep -c Kadıköy "$T/out")" -eq 1
'

# A sister city whose parties are new: neither they nor the tie are
# created, and no "created actor" line tells otherwise.
test_case 'add of a tie with new parties and stdout full creates no actor' '
	refused full sister-city --municipality Üsküdar --municipality-country TR \
		--sister-city Gaziantep --sister-city-country TR --signed-on 2001 &&
	refused full sister-city --municipality Üsküdar --municipality-country TR \
		--sister-city Bursa --sister-city-country TR &&
	expect_err_lacks "created actor" &&
	refused closed membership --member Üsküdar --member-country TR \
		--network UCLG-MEWA --network-country TR --since 2010 &&
	refused closed activity --actor Sarıyer --actor-country TR --type visit \
		--title "Ziyaret, \"resmî\"" --date 2019-05 &&
	run twinreg --db "$db" add sister-city --municipality Üsküdar \
		--municipality-country TR --sister-city Bursa --sister-city-country TR &&
	expect_status 0 &&
	expect_err_has "created actor" &&
	id=$(cat "$T/out") &&
	run twinreg --db "$db" -f csv show "$id" &&
	expect_out_has "record,sister_city,Bursa" &&
	run twinreg --db "$db" add sister-city --municipality Üsküdar \
		--municipality-country TR --sister-city Bursa --sister-city-country TR &&
	check "a second retry finds it there: not 0" test "$(cat "$T/status")" -ne 0
'

# Writes whose result is not printed need not wait for stdout.
test_case 'an update with stdout full still changes the record' '
	kotor=$(gid Kotor) &&
	"$TWINREG" --db "$db" -q update "$kotor" --notes "full stdout" > /dev/full 2> "$T/err" &&
	run twinreg --db "$db" -f csv show "$kotor" &&
	expect_out_has "record,notes,full stdout"
'
