# `list` of each kind on the built-in sample (data/SEEDS.md gives the
# counts): agreements by default, sister-cities, partnerships,
# memberships, actors; each listing carries the record's id, and ids are
# one space for all kinds.

# The header of each kind (csv without the CR).
test_case 'each kind has its header' - <<\END
	run twinreg --sample list -f csv --limit 1 &&
	expect_status 0 &&
	expect_err_empty &&
	check "agreements header" test "$(head -n 1 "$T/out" | tr -d '\r')" = \
		"id,kind,party,party_country,partner,partner_country,signed_on,status,ended_on" &&
	run twinreg --sample list sister-cities -f csv --limit 1 &&
	check "sister-cities header" test "$(head -n 1 "$T/out" | tr -d '\r')" = \
		"id,municipality,municipality_country,sister_city,sister_city_country,signed_on,status,ended_on" &&
	run twinreg --sample list partnerships -f csv --limit 1 &&
	check "partnerships header" test "$(head -n 1 "$T/out" | tr -d '\r')" = \
		"id,kind,party,party_country,partner,partner_country,signed_on,signed_place,status,ended_on" &&
	run twinreg --sample list memberships -f csv --limit 1 &&
	check "memberships header" test "$(head -n 1 "$T/out" | tr -d '\r')" = \
		"id,member,member_country,network,network_country,status,since,until,roles" &&
	run twinreg --sample list actors -f csv --limit 1 &&
	check "actors header" test "$(head -n 1 "$T/out" | tr -d '\r')" = \
		"id,name,country,kind,name_en,parent"
END

# Counts of SEEDS.md ("Totals"): 33 sister cities and 10 other
# agreements (7 of MBB, Beyoğlu - Yecheon, Nicosia, TBB - SALAR) are 43
# agreements; 10 memberships; 120 actors.
test_case 'the counts of SEEDS.md' '
	check "43 agreements by default" test "$(rows --sample list)" = 43 &&
	check "33 sister cities" test "$(rows --sample list sister-cities)" = 33 &&
	check "10 partnerships" test "$(rows --sample list partnerships)" = 10 &&
	check "10 memberships" test "$(rows --sample list memberships)" = 10 &&
	check "120 actors" test "$(rows --sample list actors)" = 120 &&
	check "sister-cities are the agreements of kind sister_city" \
		test "$(rows --sample list --kind sister_city)" = 33 &&
	check "no partnership is a sister city" \
		test "$(rows --sample list partnerships --kind sister_city)" = 0
'

# The table: a header, a rule, then one line a record.
test_case 'the table is a header, a rule and a line a record' '
	run twinreg --sample list &&
	expect_status 0 &&
	expect_err_empty &&
	expect_lines 45 &&
	run twinreg --sample list memberships &&
	expect_lines 12 &&
	expect_stdout query-sample-memberships.table &&
	run twinreg --sample list partnerships &&
	expect_stdout query-sample-partnerships.table
'

# One id space: the ids of every kind are distinct, 173 in all (43
# agreements, 10 memberships, 120 actors; activities cannot be listed
# yet).
test_case 'ids of every kind are one space, 173 distinct' - <<\END
	for k in agreements memberships actors; do
		w=$k &&
		if [ "$k" = agreements ]; then w=; fi &&
		"$TWINREG" --sample -f tsv --no-header list $w | cut -f1 || return 1
	done > "$T/ids" &&
	check "173 ids" test "$(wc -l < "$T/ids" | tr -d ' ')" = 173 &&
	check "ids are distinct" test "$(sort -u "$T/ids" | wc -l | tr -d ' ')" = 173
END

# Filters on the sample (SEEDS.md).
test_case 'filters on the sample give the counts of SEEDS.md' - <<\END
	check "Beyoğlu: 4 sister cities and Yecheon" \
		test "$(rows --sample list --municipality beyoglu)" = 5 &&
	check "BA partners" test "$(rows --sample list --country BA)" = 4 &&
	check "Makedonya" test "$(rows --sample list --country Makedonya)" = 3 &&
	check "XN (TRNC code): Güzelyurt, KTBB, Lefkoşa - Lefkosia" \
		test "$(rows --sample list --country XN)" = 3 &&
	check "CY: Lefkoşa - Lefkosia" test "$(rows --sample list --country CY)" = 1 &&
	check "partnerships: 2" test "$(rows --sample list --kind partnership)" = 2 &&
	check "goodwill" test "$(rows --sample list --kind goodwill)" = 3 &&
	check "signed in 2011" test "$(rows --sample list --year 2011)" = 3 &&
	check "signed 2009-2010" test "$(rows --sample list --from 2009 --to 2010)" = 2 &&
	check "archery" test "$(rows --sample list --topic archery)" = 1 &&
	check "MBB's other agreements" \
		test "$(rows --sample list partnerships --municipality mbb)" = 7 &&
	check "MBB's memberships" test "$(rows --sample list memberships --municipality MBB)" = 6 &&
	check "UCLG-MEWA members" test "$(rows --sample list memberships --network uclg-mewa)" = 2 &&
	check "full members" test "$(rows --sample list memberships --status full)" = 2 &&
	check "memberships begun in 2010" test "$(rows --sample list memberships --year 2010)" = 3 &&
	check "networks (WeGO the tenth)" test "$(rows --sample list actors --kind network)" = 10 &&
	check "metropolitans" test "$(rows --sample list actors --kind metropolitan)" = 5 &&
	check "Turkish actors" test "$(rows --sample list actors --country TR)" = 36 &&
	check "no ended tie" test "$(rows --sample list --status ended)" = 0
END

test_case 'a row in tsv' '
	run twinreg --sample list --municipality kucukcekmece -f tsv --no-header &&
	expect_out "146	sister_city	Küçükçekmece	TR	Józsefváros	HU		active	"
'

# An actor without a parent in data/actors.csv has none in the registry
# (Almaty, Astana, Beijing have an empty parent column).
test_case 'an actor without a parent in the data has none in the registry' - <<\END
	run twinreg --sample list actors --country KZ -f tsv &&
	expect_out "id	name	country	kind	name_en	parent
56	Almaty	KZ	municipality	Almaty	
106	Astana	KZ	municipality	Astana	" &&
	run twinreg --sample list actors --country CN -f tsv --no-header &&
	expect_out "7	CIFCA	CN	union	China International Friendship Cities Association	
84	Beijing	CN	municipality	Beijing	" &&
	# Only the 26 Istanbul districts have İstanbul as their parent; 6
	# more actors have a parent (Hilvan, Józsefváros, Kispest, Bunkyō,
	# Sicap-Liberté, Comrat).
	run twinreg --sample list actors -f tsv --no-header &&
	check "26 children of İstanbul" \
		test "$(awk -F '\t' '$6 == "İstanbul"' "$T/out" | wc -l | tr -d ' ')" = 26 &&
	check "32 actors with a parent" \
		test "$(awk -F '\t' '$6 != ""' "$T/out" | wc -l | tr -d ' ')" = 32
END

# The sample is read-only and in memory: nothing is created.
test_case 'the sample creates no registry' '
	check "no registry created" test ! -e "$HOME/.local/share/twinreg/registry.db"
'
