# A random registry, to be made through the command line: awk -v seed=N
# -v dir=DIR -f tests/prop/gen.awk writes DIR/actors.csv,
# DIR/sister-cities.csv, DIR/partnerships.csv, DIR/memberships.csv and
# DIR/activities.csv (rows the import accepts, mostly) and prints a shell
# script of add, update, end and delete commands ("cmd ARGS" runs
# `twinreg ARGS` on the registry) to run after the imports.  The same
# seed gives the same files and script (with one awk: mawk and gawk
# each draw their own numbers).
#
# Values hold what a registry may hold: Turkish letters, quotes, commas,
# semicolons, blanks, tabs and line breaks (where text may have them),
# a leading '=', '+', '-', '@' or "'", names like "X (DE)", dates of year,
# month or day precision, Turkish words for kinds and types, actors with
# and without a parent, networks without a country, activities of ties
# told apart by tie_kind, ties added and actors renamed after the
# activities that name them.
#
# With -v hard=1 it also makes what is known not to round-trip yet:
# actors renamed to a name with ';' or "(CC)" inside (which a list of
# parties cannot hold), two ties of one kind between the same two
# parties (which an activity's with and tie_kind cannot tell apart).

function rnd(n) { return int(rand() * n) }
function pick(list,   a, n) { n = split(list, a, "|"); return a[rnd(n) + 1] }
function maybe(p) { return rand() < p }

# A value's possible first characters: a formula character, a quote.
function lead() {
	if (!maybe(0.35))
		return ""
	return pick("=|+|-|@|'|''|'=|'-|''+|'@|=HYPERLINK(|-1 |+90 |@x ")
}

function word() {
	return pick("İstanbul|Kadıköy|Şişli|Çankaya|Gölcük|Ağrı|Üsküdar|Iğdır|Ödemiş|Belde|Sarıyer|Zürich|Kraków|Rīga|São Paulo|Ελλάδα|Москва|東京|Ñandú|Straße|Beşiktaş|Eyüpsultan|IŞIK|ığdır|Wien|Napoli|Città")
}

# A name: unique by its number, which folding keeps.
function name(i,   s) {
	s = lead() word()
	if (maybe(0.3))
		s = s " " word()
	if (maybe(0.15))
		s = s pick(" (Kuzey)|'s|.|-Merkez| & Co| (eski)")
	if (hard && maybe(0.1))
		s = s pick(" (DE)| (TR)|;")
	return s " " i
}

# One line of text (V_LINE): quotes, commas, semicolons, blanks inside.
function line(   s) {
	s = lead() word()
	if (maybe(0.5))
		s = s pick(", \"tırnak\"|; iki|, üç, dört| 'tek'| \"\"| / 12|: x|  çift  boşluk|\\n literal|%s %d")
	if (maybe(0.3))
		s = s " " word()
	return s
}

# Free text (V_TEXT): line breaks and tabs too.
function text(   s, k, n) {
	n = 1 + rnd(3)
	s = line()
	for (k = 1; k < n; k++)
		s = s pick("\n|\t|\n\n|, |\r\n") line()
	return s
}

# A list (topics, roles, aliases): items apart by ';'.
function list(tag,   s, k, n) {
	n = 1 + rnd(3)
	s = ""
	for (k = 1; k <= n; k++)
		s = s (k > 1 ? ";" : "") lead() word() " " tag k
	return s
}

function opt(v, p) { return maybe(p) ? v : "" }

function date(   y, m, d, f) {
	y = 1950 + rnd(74)
	m = 1 + rnd(12)
	d = 1 + rnd(28)
	f = rnd(6)
	if (f == 0) return y
	if (f == 1) return sprintf("%d-%02d", y, m)
	if (f == 2) return sprintf("%02d.%02d.%d", d, m, y)
	if (f == 3) return d " " pick("Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık") " " y
	return sprintf("%d-%02d-%02d", y, m, d)
}

# A date at or after D's year: the end of a span that began on D.
function later(d,   y) {
	y = substr(d, length(d) - 3) + 0
	if (d ~ /^[0-9][0-9][0-9][0-9]/)
		y = substr(d, 1, 4) + 0
	return (y + 1 + rnd(20)) ""
}

function country() { return pick("TR|DE|BA|FR|IT|XK|XN|AT|GR|Almanya|Bosna Hersek|Fransa|Kosova|KKTC|Türkiye|gb") }

# A CSV cell: quoted when it must be, quotes doubled.
function cell(s) {
	if (s ~ /[,"\r\n]/ || s ~ /^[ \t]/ || s ~ /[ \t]$/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}

# A shell word for S.
function shq(s) {
	gsub(/'/, "'\\''", s)
	return "'" s "'"
}

function row(file, n, v,   s, k) {
	s = cell(v[1])
	for (k = 2; k <= n; k++)
		s = s "," cell(v[k])
	printf "%s\r\n", s > file
}

# Ties between two parties, either way round, counted.
function pair(a, b) { return a < b ? a "," b : b "," a }
function tie_pair(a, b) { npair[pair(a, b)]++ }

# The label of actor K as other_parties and partners write it.
function label(k) { return aname[k] " (" (acc[k] == "" ? "XX" : acc[k]) ")" }

BEGIN {
	srand(seed)
	tr_kind["friendship"] = "dostluk"
	tr_kind["goodwill"] = "iyi niyet protokolü"
	tr_kind["memorandum"] = "mutabakat zaptı"
	tr_kind["cooperation_protocol"] = "işbirliği protokolü"
	tr_kind["supporting_structure"] = "destekleyici kurum"
	tr_kind["partnership"] = "ortaklık"
	na = 3 + rnd(8)
	# Actors, some networks without a country, some with a parent
	# (written by name, or "Name (CC)" in another country).
	f = dir "/actors.csv"
	print "name,country,kind,name_en,aliases,parent,website,source,notes" > f
	for (i = 1; i <= na; i++) {
		aname[i] = name(i)
		akind[i] = opt(pick("metropolitan|district|municipality|union|network|public_body|region|ilçe|büyükşehir|belediye|ağ"), 0.7)
		acc[i] = (akind[i] ~ /^(network|ağ)$/ && maybe(0.5)) ? "" : pick("TR|DE|BA|FR|IT|XK|XN|AT|GR")
		par = ""
		if (i > 1 && maybe(0.3)) {
			p = 1 + rnd(i - 1)
			par = maybe(0.5) || acc[p] == "" ? label(p) : aname[p]
			if (acc[p] != acc[i] && acc[p] != "")
				par = label(p)
			if (acc[p] == "")
				par = ""
		}
		v[1] = aname[i]; v[2] = acc[i]; v[3] = akind[i]
		v[4] = opt(line(), 0.3); v[5] = opt(list("takma ad " i), 0.3)
		v[6] = par; v[7] = opt(lead() "https://example.org/" i, 0.3)
		v[8] = opt(text(), 0.3); v[9] = opt(text(), 0.5)
		row(f, 9, v)
	}
	close(f)

	# Ties: each pair of parties, kind and date once.
	nt = 0
	f = dir "/sister-cities.csv"
	print "municipality,municipality_country,sister_city,sister_city_country,signed_on,status,ended_on,council_decision_date,council_decision_no,ministry_approval_date,ministry_approval_no,topics,source,notes,title,signed_place,other_parties" > f
	n = rnd(na)
	for (k = 1; k <= n; k++) {
		a = 1 + rnd(na); b = 1 + rnd(na)
		if (a == b || acc[a] == "" || acc[b] == "" || (a "," b) in used || (b "," a) in used)
			continue
		used[a "," b] = 1
		nt++; ta[nt] = a; tb[nt] = b; tk[nt] = "sister_city"
		tie_pair(a, b)
		d = opt(date(), 0.8)
		v[1] = aname[a]; v[2] = acc[a]; v[3] = aname[b]; v[4] = acc[b]
		v[5] = d; v[6] = opt(pick("planned|active|dormant|ended|aktif|pasif|sona erdi"), 0.5)
		v[7] = d != "" && maybe(0.3) ? later(d) : ""
		v[8] = opt(date(), 0.3); v[9] = opt(line(), 0.3)
		v[10] = opt(date(), 0.3); v[11] = opt(line(), 0.3)
		v[12] = opt(list("konu"), 0.4); v[13] = opt(text(), 0.3)
		v[14] = opt(text(), 0.4); v[15] = opt(line(), 0.3)
		v[16] = opt(line(), 0.3)
		c = 1 + rnd(na)
		v[17] = c != a && c != b && acc[c] != "" && maybe(0.3) ? label(c) : ""
		row(f, 17, v)
	}
	close(f)
	f = dir "/partnerships.csv"
	print "party,party_country,partner,partner_country,kind,title,signed_on,signed_place,status,ended_on,council_decision_date,council_decision_no,ministry_approval_date,ministry_approval_no,topics,source,notes,other_parties" > f
	n = rnd(na)
	for (k = 1; k <= n; k++) {
		a = 1 + rnd(na); b = 1 + rnd(na)
		if (a == b || acc[a] == "" || acc[b] == "" || (a ";" b) in used || (b ";" a) in used)
			continue
		used[a ";" b] = 1
		kind = pick("friendship|goodwill|memorandum|cooperation_protocol|supporting_structure|partnership")
		nt++; ta[nt] = a; tb[nt] = b; tk[nt] = kind
		tie_pair(a, b)
		if (maybe(0.3))
			kind = tr_kind[kind]
		d = opt(date(), 0.8)
		v[1] = aname[a]; v[2] = acc[a]; v[3] = aname[b]; v[4] = acc[b]
		v[5] = kind; v[6] = opt(line(), 0.5); v[7] = d; v[8] = opt(line(), 0.3)
		v[9] = opt(pick("planned|active|dormant|ended"), 0.5)
		v[10] = d != "" && maybe(0.3) ? later(d) : ""
		v[11] = opt(date(), 0.3); v[12] = opt(line(), 0.3)
		v[13] = opt(date(), 0.3); v[14] = opt(line(), 0.3)
		v[15] = opt(list("alan"), 0.4); v[16] = opt(text(), 0.3)
		v[17] = opt(text(), 0.4)
		c = 1 + rnd(na)
		v[18] = c != a && c != b && acc[c] != "" && maybe(0.3) ? label(c) : ""
		row(f, 18, v)
	}
	close(f)
	# Memberships: in a network actor, or in a new network named here,
	# with or without its country.
	f = dir "/memberships.csv"
	print "member,member_country,network,network_country,status,since,until,roles,council_decision_date,council_decision_no,ministry_approval_date,ministry_approval_no,source,notes" > f
	n = rnd(na)
	for (k = 1; k <= n; k++) {
		a = 1 + rnd(na)
		if (acc[a] == "")
			continue
		if (maybe(0.5)) {
			b = 1 + rnd(na)
			if (b == a || (a ":" b) in used)
				continue
			net = aname[b]; ncc = acc[b]
		} else {
			b = "n" k
			if ((a ":" b) in used)
				continue
			net = lead() "Ağ " word() " " seed "-" k
			ncc = opt(country(), 0.5)
			nname[b] = net; ncountry[b] = ncc
		}
		used[a ":" b] = 1
		d = opt(date(), 0.7)
		nt++; ta[nt] = a; tb[nt] = b; tk[nt] = "membership"
		tie_pair(a, b)
		v[1] = aname[a]; v[2] = acc[a]; v[3] = net; v[4] = ncc
		v[5] = opt(pick("full|associate|observer|member|tam üye|gözlemci"), 0.5)
		v[6] = d; v[7] = d != "" && maybe(0.3) ? later(d) : ""
		v[8] = opt(list("görev"), 0.3); v[9] = opt(date(), 0.2)
		v[10] = opt(line(), 0.2); v[11] = opt(date(), 0.2)
		v[12] = opt(line(), 0.2); v[13] = opt(text(), 0.3)
		v[14] = opt(text(), 0.3)
		row(f, 14, v)
	}
	close(f)
	# Activities: of a party of a tie (with the other party), or of an
	# actor alone.
	f = dir "/activities.csv"
	print "actor,actor_country,type,title,date,until,place,place_country,with,with_country,tie_kind,partners,programme,participants,source,notes" > f
	n = rnd(2 * na)
	for (k = 1; k <= n; k++) {
		w = ""; wcc = ""; tkind = ""
		if (nt > 0 && maybe(0.6)) {
			t = 1 + rnd(nt)
			a = ta[t]
			if (tk[t] == "membership") {
				b = tb[t]
				w = b ~ /^n/ ? nname[b] : aname[b]
				wcc = b ~ /^n/ ? ncountry[b] : acc[b]
			} else {
				b = tb[t]
				if (maybe(0.5)) { a = tb[t]; b = ta[t] }
				w = aname[b]; wcc = acc[b]
			}
			# Needed when the two have more than one tie.
			tkind = npair[pair(a, b)] > 1 || maybe(0.3) ? tk[t] : ""
			if (tkind == "sister_city" && maybe(0.5))
				tkind = "kardeş şehir"
		} else
			a = 1 + rnd(na)
		if (acc[a] == "")
			continue
		d = opt(date(), 0.8)
		v[1] = aname[a]; v[2] = acc[a]
		v[3] = pick("visit|hosting|meeting|event|festival|exhibition|training|project|exchange|aid|study_visit|award|other|ziyaret|ağırlama|toplantı|kongre|sergi|fuar|eğitim|proje|değişim|yardım|inceleme gezisi|ödül")
		v[4] = lead() "Etkinlik " k " " line()
		v[5] = d; v[6] = d != "" && maybe(0.3) ? later(d) : ""
		v[7] = opt(line(), 0.4); v[8] = opt(country(), 0.3)
		v[9] = w; v[10] = wcc; v[11] = tkind
		c = 1 + rnd(na)
		v[12] = c != a && acc[c] != "" && maybe(0.3) ? label(c) : ""
		v[13] = opt(line(), 0.3); v[14] = opt(rnd(500), 0.3)
		v[15] = opt(text(), 0.3); v[16] = opt(text(), 0.4)
		row(f, 16, v)
	}
	close(f)

	# Commands: adds of every kind, updates, ends and deletes of ids
	# that may or may not be there.
	n = 3 + rnd(8)
	for (k = 1; k <= n; k++) {
		c = rnd(11)
		a = 1 + rnd(na); b = 1 + rnd(na)
		if (c == 0)
			printf "cmd add actor --name %s --country %s --notes %s --aliases %s\n", shq(name(100 + k)), pick("TR|DE|FR"), shq(text()), shq(list("ek " k))
		else if (c == 1)
			printf "cmd add actor --name %s --kind network --name-en %s\n", shq(name(200 + k)), shq(line())
		else if (c == 2 && acc[a] != "")
			printf "cmd add sister-city --municipality %s --municipality-country %s --sister-city %s --sister-city-country %s --signed-on %s --notes %s --topics %s\n", shq(aname[a]), acc[a], shq(name(300 + k)), pick("DE|IT|BA"), shq(date()), shq(text()), shq(list("t"))
		else if (c == 3 && acc[a] != "")
			printf "cmd add membership --member %s --member-country %s --network %s --since %s --roles %s\n", shq(aname[a]), acc[a], shq(lead() "Yeni Ağ " seed "-" k), shq(date()), shq(list("r"))
		else if (c == 4 && acc[a] != "")
			printf "cmd add activity --actor %s --actor-country %s --type %s --title %s --date %s --notes %s\n", shq(aname[a]), acc[a], pick("visit|ziyaret|toplantı|award"), shq("Ek etkinlik " k " " line()), shq(date()), shq(text())
		else if (c == 5)
			printf "cmd update %d --notes %s\n", 1 + rnd(3 * na), shq(text())
		else if (c == 6)
			printf "cmd update %d --source %s\n", 1 + rnd(3 * na), shq(text())
		else if (c == 8 && acc[a] != "" && acc[b] != "" && a != b && (hard || !((a ";" b) in used) && !((b ";" a) in used))) {
			# A second tie of the two, after their activities.
			used[a ";" b] = 1
			printf "cmd add partnership --party %s --party-country %s --partner %s --partner-country %s --kind %s --signed-on %s\n", shq(aname[a]), acc[a], shq(aname[b]), acc[b], hard ? "memorandum" : pick("friendship|goodwill|memorandum|cooperation_protocol|supporting_structure|partnership"), shq(date())
		} else if (c == 9 && acc[a] != "" && acc[b] != "" && a != b && (hard || !((a "," b) in used) && !((b "," a) in used))) {
			used[a "," b] = 1
			printf "cmd add sister-city --municipality %s --municipality-country %s --sister-city %s --sister-city-country %s --signed-on %s\n", shq(aname[a]), acc[a], shq(aname[b]), acc[b], shq(date())
		} else if (c == 10) {
			# A new name, after the rows that name the actor.
			nn = name(400 + k)
			if (hard && maybe(0.5))
				nn = word() pick(";| (DE) |;x (TR)") word() " " 400 + k
			printf "cmd update %d --name %s\n", 1 + rnd(na), shq(nn)
		} else if (c == 7 && maybe(0.5))
			printf "cmd end %d --on %s --reason %s\n", 1 + rnd(3 * na), later("1990"), shq(line())
		else
			printf "cmd delete %d\n", 1 + rnd(3 * na)
	}
}
