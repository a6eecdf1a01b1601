# tests/cli/0475-query-plans.sh: print "TABLE<TAB>PLAN LINE" for each
# SCAN (of the whole table, or of a whole index) of agreements or
# activities in a TWINREG_TRACE_PLANS file.  EXPLAIN QUERY PLAN names a
# table by its alias: each SQL line's FROM and JOIN clauses say which
# table an alias stands for; an alias given to several tables (the
# branches of a UNION) stands for them in the order the SQL names them,
# which is the order of the plan's steps.  A search of the dates index
# by kind alone counts as a scan: one kind is most of the agreements.
/^SQL: / {
	split("", n)
	split("", occ)
	split("", used)
	s = $0
	while (match(s, /(FROM|JOIN) +[a-z_]+( +[a-z_]+)?/)) {
		k = split(substr(s, RSTART, RLENGTH), w, / +/)
		t = w[2]
		a = t
		if (k >= 3 && w[3] !~ /^(WHERE|ON|JOIN|LEFT|ORDER|GROUP|USING|UNION|HAVING|LIMIT|AS|NATURAL|CROSS|INNER)$/)
			a = w[3]
		occ[a, ++n[a]] = t
		s = substr(s, RSTART + RLENGTH)
	}
	next
}
/^PLAN: *(SCAN|SEARCH) / {
	line = $0
	sub(/^PLAN: *(SCAN|SEARCH) +/, "", line)
	split(line, w, / /)
	a = w[1]
	if (!(a in n))
		next
	i = ++used[a]
	if (i > n[a])
		i = n[a]
	if (occ[a, i] !~ /^(agreements|activities)$/)
		next
	if ($0 ~ /^PLAN: *SCAN / || $0 ~ /INDEX agreements_dates \(kind=\?\)$/)
		print occ[a, i] "\t" $0
}
