# Writes keep records consistent: add refuses a second tie of the same
# parties and kind when either is undated (--force adds it anyway); an
# end before the start and a signing date after today (unless planned)
# are refused at write time, by add, import, update and end; status and
# end date go together: ending sets both, reactivating clears the date,
# status ended needs a date, a tie in force has no end date past (a
# future one is a scheduled end).  Every refusal is 65 and leaves the
# registry as it was, records and history alike, byte for byte.
db=$T/w.db

# refused PATTERN ARGS...: `twinreg --db $db ARGS` exits 65 with
# PATTERN on stderr, nothing on stdout, and the registry as it was.
refused() {
	_rp=$1
	shift
	snap before
	cp "$db" "$T/before.db"
	run twinreg --db "$db" "$@"
	expect_status 65
	expect_out_empty
	expect_err_has "$_rp"
	check "$*: the registry as it was" same_as before
	check "$*: byte for byte" cmp -s "$db" "$T/before.db"
}
# status_end ID: "STATUS ENDED_ON" of agreement ID.
status_end() {
	"$TWINREG" --db "$db" -f tsv --no-header list --columns id,status,ended_on |
		awk -F'\t' -v id="$1" '$1 == id { print $2 " " $3 }'
}
LYON="--municipality Kadıköy --municipality-country TR --sister-city Lyon --sister-city-country FR"

test_case 'add: a second tie beside an undated one is refused, --force adds it' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" add sister-city $LYON &&
	expect_status 0 &&
	undated=$(cat "$T/out") &&
	refused "agreement $undated is of the same parties and kind, and one of the two has no signing date" \
		add sister-city $LYON --signed-on 2010-05-01 &&
	expect_err_has "twinreg update $undated --signed-on DATE" &&
	expect_err_has "--force" &&
	run twinreg --db "$db" add sister-city $LYON --signed-on 2010-05-01 --force &&
	expect_status 0 &&
	dated=$(cat "$T/out") &&
	check "a second tie" test "$dated" -gt "$undated" &&
	check "two ties with Lyon" test "$(rows --db "$db" list --partner Lyon)" = 2 &&
	run twinreg --db "$db" add --force sister-city $LYON --signed-on 2011 &&
	expect_status 0 &&
	check "--force before the kind: a third" test "$(rows --db "$db" list --partner Lyon)" = 3
END

test_case 'add: an undated tie beside a dated one, either order of parties' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" add sister-city $LYON --signed-on 2010-05-01 &&
	id=$(cat "$T/out") &&
	refused "agreement $id is of the same parties and kind" \
		add sister-city --municipality Lyon --municipality-country FR \
		--sister-city Kadıköy --sister-city-country TR &&
	run twinreg --db "$db" add sister-city $LYON --signed-on 2012 &&
	expect_status 0 &&
	run twinreg --db "$db" add partnership --party Kadıköy --party-country TR \
		--partner Lyon --partner-country FR --kind memorandum &&
	expect_status 0
END

test_case 'add: memberships too' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" add membership --member Kadıköy --member-country TR \
		--network Eurocities --network-country BE --since 2012 &&
	id=$(cat "$T/out") &&
	refused "membership $id is of the same member and network, and one of the two has no start date" \
		add membership --member Kadıköy --member-country TR \
		--network Eurocities --network-country BE &&
	run twinreg --db "$db" add membership --member Kadıköy --member-country TR \
		--network Eurocities --network-country BE --force &&
	expect_status 0
END

test_case 'add and import: an end before the start, a signing in the future' - <<\END
	new_registry "$db" &&
	refused "--ended-on: 2009 is before 2010 (expected an end on or after the start)" \
		add sister-city $LYON --signed-on 2010 --ended-on 2009 &&
	refused "--signed-on: signing date 2999-01-01 is after today" \
		add sister-city $LYON --signed-on 2999-01-01 &&
	expect_err_has "status planned" &&
	refused "--until: 2011 is before 2012" \
		add membership --member Kadıköy --member-country TR \
		--network Eurocities --network-country BE --since 2012 --until 2011 &&
	run twinreg --db "$db" add sister-city $LYON --signed-on 2999-01-01 --status planned &&
	expect_status 0 &&
	printf "municipality,municipality_country,sister_city,sister_city_country,signed_on,status,ended_on\nKadıköy,TR,Nice,FR,2010,active,\nKadıköy,TR,Köln,DE,2998,active,\nKadıköy,TR,Riga,LV,2010-05,ended,2010-04\n" > "$T/bad.csv" &&
	refused "bad.csv:3:5: signing date 2998 is after today" import "$T/bad.csv" &&
	expect_err_has "bad.csv:4:7: 2010-04 is before 2010-05" &&
	check "Nice not added either" test "$(rows --db "$db" list --partner Nice 2>/dev/null)" = 0
END

test_case 'a future end date is a scheduled end, and allowed' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" add sister-city $LYON --signed-on 2010 --ended-on 2999-12-31 &&
	expect_status 0 &&
	id=$(cat "$T/out") &&
	check "active, ending 2999-12-31" test "$(status_end "$id")" = "active 2999-12-31" &&
	run twinreg --db "$db" -f tsv check &&
	expect_out_has "$id	" &&
	expect_out_lacks "future" &&
	expect_out_lacks "2999"
END

test_case 'end before signing is refused' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" add sister-city $LYON --signed-on 2010-05-01 &&
	id=$(cat "$T/out") &&
	refused "--on: 2010-04-30 is before 2010-05-01" end "$id" --on 2010-04-30 &&
	run twinreg --db "$db" end "$id" --on 2010-05 &&
	expect_status 0 &&
	check "ended 2010-05 (the month it was signed in)" test "$(status_end "$id")" = "ended 2010-05"
END

test_case 'update: status and end date together' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" add sister-city $LYON --signed-on 2010-05-01 &&
	id=$(cat "$T/out") &&
	refused "record $id would be ended without an end date" update "$id" --status ended &&
	expect_err_has "twinreg end $id --on DATE" &&
	run twinreg --db "$db" update "$id" --ended-on 2019-12-31 &&
	expect_status 0 &&
	check "an end date past, given alone, ends it" test "$(status_end "$id")" = "ended 2019-12-31" &&
	run twinreg --db "$db" update "$id" --status active &&
	expect_status 0 &&
	check "reactivated: the end date goes" test "$(status_end "$id")" = "active " &&
	run twinreg --db "$db" -f csv log "$id" &&
	expect_out_has "update,ended_on,2019-12-31,," &&
	refused "record $id would be dormant yet ended on 2018 (expected status ended" \
		update "$id" --status dormant --ended-on 2018 &&
	refused "--ended-on: 2009 is before 2010-05-01" update "$id" --ended-on 2009 &&
	refused "signing date 2999 is after today" update "$id" --signed-on 2999 &&
	run twinreg --db "$db" update "$id" --status ended --ended-on 2020 &&
	expect_status 0 &&
	check "both given: both set" test "$(status_end "$id")" = "ended 2020" &&
	run twinreg --db "$db" update "$id" --status active --ended-on 2999-06-30 &&
	expect_status 0 &&
	check "a scheduled end" test "$(status_end "$id")" = "active 2999-06-30"
END

test_case 'update: a planned tie may be signed later, not an active one' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" add sister-city $LYON --status planned --signed-on 2999 &&
	id=$(cat "$T/out") &&
	refused "signing date 2999 is after today" update "$id" --status active &&
	run twinreg --db "$db" update "$id" --status active --signed-on 2020-01-01 &&
	expect_status 0
END

test_case 'update: a membership ends after it begins' - <<\END
	new_registry "$db" &&
	run twinreg --db "$db" add membership --member Kadıköy --member-country TR \
		--network Eurocities --network-country BE --since 2012 &&
	id=$(cat "$T/out") &&
	refused "--until: 2011 is before 2012" update "$id" --until 2011 &&
	refused "2011 is before 2012" end "$id" --on 2011
END
