# end: an agreement ends (status ended, ended_on), a membership ends (until).
db=$T/r.db
edit_fixture

# refused STATUS TEXT LABEL ARGS...: end ARGS exits STATUS with nothing
# on stdout and TEXT on stderr, the registry as before.sql holds it.
refused() {
	st=$1 text=$2 label=$3
	shift 3
	run twinreg --db "$db" end "$@" &&
	expect_status "$st" &&
	expect_out_empty &&
	expect_err_has "$text" &&
	check "$label: nothing written" same_as before.sql
}

test_case 'setup: the ids of the records to end' '
	kotor=$(gid Kotor) &&
	napoli=$(gid Napoli) &&
	mem=$("$TWINREG" --db "$db" -f csv --no-header list memberships | cut -d, -f1) &&
	sariyer=$(aid Sarıyer) &&
	check "setup: ids found" test -n "$kotor" -a -n "$napoli" -a -n "$mem" -a -n "$sariyer"
'

# An agreement: status ended, ended_on the day given (any date form).
test_case 'an agreement ends: status ended, ended_on, the reason kept' '
	run twinreg --db "$db" --by Ayşe end "$kotor" --on "3 Mart 2021" \
		--reason "council decision 2021/7" &&
	expect_status 0 &&
	expect_out_empty &&
	fields "$kotor" > "$T/f" &&
	check "status ended" grep -qx "status,ended" "$T/f" &&
	check "ended_on set, as ISO" grep -qx "ended_on,2021-03-03" "$T/f" &&
	check "signed_on kept" grep -qx "signed_on,2010" "$T/f" &&
	# Gone from what is in force later, still in force before.
	run twinreg --db "$db" -f csv --no-header list --as-of 2022-01-01 &&
	expect_out_lacks "$kotor," &&
	run twinreg --db "$db" -f csv --no-header list --status ended &&
	expect_out_has "$kotor," &&
	# The history keeps it, with who and why.
	run twinreg --db "$db" -f csv log "$kotor" &&
	expect_out_has ",Ayşe,end,""$kotor"",end,status,active,ended" &&
	expect_out_has ",Ayşe,end,""$kotor"",end,ended_on,,2021-03-03" &&
	run twinreg --db "$db" show "$kotor" &&
	expect_out_has "council decision 2021/7" &&
	# log lists the reason too: it is what the reason is kept for.
	run twinreg --db "$db" log "$kotor" &&
	expect_out_has "council decision 2021/7"
'

# A membership: until set, the rest kept.
test_case 'a membership ends: until set, the rest kept' '
	run twinreg --db "$db" end "$mem" --on 2019-06 &&
	expect_status 0 &&
	expect_out_empty &&
	fields "$mem" > "$T/f" &&
	check "until set" grep -qx "until,2019-06" "$T/f" &&
	check "since kept" grep -qx "since,2005" "$T/f" &&
	check "membership status kept" grep -qx "status,member" "$T/f" &&
	run twinreg --db "$db" -f csv log "$mem" &&
	expect_out_has ",end,""$mem"",end,until,,2019-06"
'

# Refusals, with the registry left as it was.
test_case 'refusals write nothing: an actor, an activity, an unknown id, bad dates, usage errors' - <<\END
	snap before.sql &&
	# An actor does not end.
	refused 64 actor actor "$sariyer" --on 2020 &&
	# Nor an activity: its until is a field, set with update (end once
	# wrote the day into its date).
	run twinreg --db "$db" -q add activity --actor Sarıyer --actor-country TR \
		--type visit --title "Ziyaret" --date 2019-05-01 &&
	expect_status 0 &&
	act=$(cat "$T/out") &&
	snap before.sql &&
	refused 64 "record $act is an activity: give the day it ended with 'twinreg update $act --until DATE'" \
	    activity "$act" --on 2020 &&
	# Unknown id.
	refused 1 99999 "unknown id" 99999 --on 2020 &&
	# A bad date names --on and the value.
	for d in 2011-02-30 yesterday 31.13.2020 ''; do
		refused 64 --on "bad date '$d'" "$napoli" --on "$d" || return 1
	done
END

test_case 'an impossible day is told as such, not as a bad format' - <<\END
	run twinreg --db "$db" end "$napoli" --on 2011-02-30 &&
	expect_err_has '2011-02-30' &&
	# --on is required.
	refused 64 --on "no --on" "$napoli" &&
	run twinreg --db "$db" end "$napoli" --reason 'no --on' &&
	expect_status 64 &&
	check "only --reason: nothing written" same_as before.sql &&
	run twinreg --db "$db" end --on 2020 &&
	expect_status 64 &&
	run twinreg --db "$db" end "$napoli" --on 2020 --status dormant &&
	expect_status 64 &&
	expect_err_has "'--status'" &&
	check "usage errors: nothing written" same_as before.sql &&
	run twinreg --db "$db" end "$napoli" --on 2020 &&
	expect_status 0 &&

	# An impossible day is told as such, not as a bad format.
	run twinreg --db "$db" end "$napoli" --on 2011-02-30 &&
	expect_err_has "no such date '2011-02-30'" &&
	run twinreg --db "$db" end "$napoli" --on 31.13.2020 &&
	expect_err_has "no such date '31.13.2020'" &&
	run twinreg --db "$db" end "$napoli" --on yesterday &&
	expect_err_has "bad date 'yesterday' (expected YYYY"
END

# Ending again on the same day changes nothing and says so; on another
# day moves the end, says what it was, and keeps both in the history.
test_case 'ending again on the same day changes nothing; on another day moves the end' '
	snap before.sql &&
	run twinreg --db "$db" end "$kotor" --on 2021-03-03 &&
	expect_status 0 &&
	expect_err_has "already ended on 2021-03-03" &&
	check "same end again: nothing written" same_as before.sql &&
	run twinreg --db "$db" end "$kotor" --on 2021-04 &&
	expect_status 0 &&
	expect_out_empty &&
	expect_err_has "record ""$kotor"": end date 2021-03-03 replaced by 2021-04" &&
	run twinreg --db "$db" -f csv log "$kotor" &&
	expect_out_has ",end,""$kotor"",end,ended_on,2021-03-03,2021-04" &&
	run twinreg --db "$db" -q end "$kotor" --on 2021-05 &&
	expect_err_empty
'
# Reactivated, an ended tie loses its end date (the history keeps it);
# ended again, it gets both back.
test_case 'reactivated: the end date goes; ended again: both come back' '
	run twinreg --db "$db" update "$kotor" --status active &&
	expect_status 0 &&
	run twinreg --db "$db" -f csv log "$kotor" &&
	expect_out_has ",update,""$kotor"",update,ended_on,2021-05,," &&
	expect_out_has ",update,""$kotor"",update,status,ended,active," &&
	run twinreg --db "$db" -f tsv --no-header list --columns id,status,ended_on &&
	expect_out_has "$kotor	active	" &&
	run twinreg --db "$db" end "$kotor" --on 2021-05 &&
	expect_status 0 &&
	expect_err_empty &&
	run twinreg --db "$db" -f csv log "$kotor" &&
	expect_out_has ",end,""$kotor"",end,status,active,ended" &&
	expect_out_has ",end,""$kotor"",end,ended_on,,2021-05,"
'
