# Shell completion: bash's real completion function (src/completion/
# twinreg.bash) driven as readline drives it, COMP_WORDS split where
# readline splits them, and what it puts in COMPREPLY; the hidden helper
# `twinreg __complete` it asks (never a noise, never a write, hidden from
# help); zsh's script; and make install putting both where Debian looks.

# comp WORD...: what bash completes the line "twinreg WORD..." with, the
# cursor at its end: COMP_WORDS are the words as readline cuts them (the
# last the one being completed, "" for none; "--kind=sis" is "--kind" "="
# "sis"), COMPREPLY one a line in $T/out, the compopt options asked for
# in $T/compopt.  $PROG (default $TWINREG) is the command's own word.
comp() {
	: > "$T/compopt"
	COMPOPT_LOG=$T/compopt run bash --norc --noprofile -c '
		. src/completion/twinreg.bash || exit 1
		compopt() { printf "%s\n" "$*" >> "$COMPOPT_LOG"; }
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_twinreg || exit
		((${#COMPREPLY[@]} == 0)) || printf "%s\n" "${COMPREPLY[@]}"
	' bash "${PROG:-$TWINREG}" "$@"
}

# helper WORD...: the helper itself, as the scripts call it.
helper() {
	run twinreg __complete "$@"
}

# expect_quiet: exit 0, nothing on stderr.
expect_quiet() {
	expect_status 0 &&
	expect_err_empty
}

# The commands of `twinreg --help`, one a line.
twinreg --help | awk '/^Commands:/ { c = 1; next } c && /^$/ { exit }
    c { print $1 }' > "$T/commands"

test_case 'the script loads in a plain bash and completes twinreg with _twinreg' '
	run bash --norc --noprofile -c ". src/completion/twinreg.bash && complete -p twinreg" &&
	expect_status 0 &&
	expect_out "complete -F _twinreg twinreg"
'

test_case 'commands: those of twinreg --help, the hidden helper not among them' '
	comp "" &&
	expect_quiet &&
	check "every command of --help, in its order" cmp -s "$T/commands" "$T/out" &&
	expect_out_lacks __complete &&
	comp li &&
	expect_out list &&
	comp he &&
	expect_out help &&
	comp help ex &&
	expect_out export &&
	comp nosuchcommand "" &&
	expect_quiet &&
	expect_out_empty &&
	run twinreg help &&
	expect_out_lacks __complete &&
	run twinreg --help &&
	expect_out_lacks __complete
'

test_case 'the twinreg on PATH when the command word is not one to run' '
	mkdir -p "$T/bin" &&
	ln -sf "$TWINREG" "$T/bin/twinreg" &&
	PATH=$T/bin:$PATH PROG=twinreg comp lis &&
	expect_quiet &&
	expect_out list
'

# Every option the help of a command names completes after "--": the
# options come from the tables the command parses with.
test_case 'options: each command offers every option its help names' - <<\END
	while read -r c; do
		w=$c
		[ "$c" != add ] || w="add sister-city"
		twinreg help "$c" | grep -o -e '--[a-z][a-z-]*' | sort -u > "$T/help-opts" &&
		comp $w -- &&
		sort -u "$T/out" > "$T/comp-opts" &&
		if [ -n "$(comm -23 "$T/help-opts" "$T/comp-opts")" ]; then
			not_ok "$w -- lacks: $(comm -23 "$T/help-opts" "$T/comp-opts" | tr '\n' ' ')"
		else
			ok
		fi || return 1
	done < "$T/commands" &&
	comp list --k &&
	expect_out --kind &&
	comp end --r &&
	expect_out --reason &&
	comp init -- &&
	expect_out_lacks --municipality &&
	expect_out_has --db &&
	comp add sister-city --sister-city-c &&
	expect_out --sister-city-country &&
	comp add actor --na &&
	expect_out "--name
--name-en" &&
	comp --sa &&
	expect_out --sample
END

# The sample: 1 is an actor, 121 a sister-city tie, 174 an activity.
test_case 'update ID: the fields of the kind of that record, of every kind for an unknown ID' '
	comp --sample update 1 -- &&
	expect_out_has --name-en &&
	expect_out_lacks --municipality &&
	expect_out_lacks --type &&
	comp --sample update 121 --si &&
	expect_out "--sister-city
--sister-city-country
--signed-on
--signed-place" &&
	comp --sample update 174 -- &&
	expect_out_has --programme &&
	expect_out_lacks --name-en &&
	expect_out_lacks --sister-city &&
	comp --sample update 99999 -- &&
	expect_out_has --name-en &&
	expect_out_has --sister-city &&
	expect_out_has --programme
'

test_case 'kinds: list WHAT, add KIND, report NAME, --kind of list, import and export' '
	comp list "" &&
	expect_out "sister-cities
partnerships
memberships
actors
activities" &&
	comp add "" &&
	expect_out "sister-city
partnership
membership
actor
activity" &&
	comp report ti &&
	expect_out timeline &&
	comp export --kind "" &&
	expect_out "actors
sister-cities
partnerships
memberships
activities" &&
	comp import --kind p &&
	expect_out partnerships &&
	comp list --kind = sis &&
	expect_out sister_city &&
	comp list --kind = &&
	expect_out_has cooperation_protocol &&
	comp list actors --kind met &&
	expect_out metropolitan &&
	comp list memberships --status f &&
	expect_out full &&
	comp add partnership --kind frie &&
	expect_out friendship &&
	comp import --on-conflict s &&
	expect_out skip
'

test_case 'formats: -f, --format and --format=' '
	comp list -f "" &&
	expect_out "table
csv
tsv
json
jsonl
markdown" &&
	comp -f j &&
	expect_out "json
jsonl" &&
	comp report --format = mark &&
	expect_out markdown
'

test_case 'columns and sort keys: after the last comma, each not listed yet' '
	comp list --columns id,pa &&
	expect_out "id,party
id,party_country
id,partner
id,partner_country" &&
	comp list actors --columns name,co &&
	expect_out name,country &&
	comp list --columns id,kind, &&
	expect_out_has id,kind,party &&
	expect_out_lacks id,kind,id &&
	expect_out_lacks id,kind,kind, &&
	comp list --columns a &&
	expect_out all &&
	comp list --columns = id,signed_o &&
	expect_out id,signed_on &&
	comp list --sort -signed_o &&
	expect_out -signed_on &&
	# search and log: their own columns.
	comp search --columns "" &&
	expect_out "all
id
record
field
match
summary" &&
	comp search --columns id,match, &&
	expect_out "id,match,record
id,match,field
id,match,summary" &&
	comp log --columns change,a &&
	expect_out "change,at
change,action" &&
	comp log --columns = re &&
	expect_out "record
reason"
'

# The sample: Küçükçekmece, Marmara Belediyeler Birliği (MBB), Sarajevo
# (also Saraybosna).
test_case 'names: a Turkish prefix, folded, quoted as the shell needs' '
	comp --sample list --municipality Küçükç &&
	expect_quiet &&
	expect_out Küçükçekmece &&
	check "readline quotes it" grep -qx -e "-o filenames" "$T/compopt" &&
	comp --sample list --municipality kucukc &&
	expect_out Küçükçekmece &&
	comp --sample list --municipality "KÜÇÜKÇ" &&
	expect_out Küçükçekmece &&
	comp --sample list --municipality "\"marmara b" &&
	expect_out "Marmara Belediyeler Birliği" &&
	check "readline quotes it, in the open quote" grep -qx -e "-o filenames" "$T/compopt" &&
	comp --sample list --municipality "Marmara\\ Beled" &&
	expect_out "Marmara Belediyeler Birliği" &&
	comp --sample list --municipality "'"'"'Marmara Bel" &&
	expect_out "Marmara Belediyeler Birliği" &&
	comp --sample list --partner = saraybos &&
	expect_out Saraybosna &&
	comp --sample show küçükçek &&
	expect_out Küçükçekmece &&
	comp --sample add sister-city --municipality Küçükç &&
	expect_out Küçükçekmece &&
	comp --sample list --network eurocit &&
	expect_out EUROCITIES &&
	comp --sample list --network küçük &&
	expect_out_empty
'

test_case 'names after --opt= in a UTF-8 locale: the word cut by characters' '
	LC_ALL=C.UTF-8 comp --sample list --municipality = Küçükç &&
	expect_quiet &&
	expect_out Küçükçekmece &&
	LC_ALL=C.UTF-8 comp --sample list --municipality = "\"Marmara Bel" &&
	expect_out "Marmara Belediyeler Birliği"
'

# A registry of its own, with a name the sample lacks.
db=$T/r.db
printf "name,country,kind\nÖzel Deneme Belediyesi,TR,district\nGüzelyurt,XN,municipality\nKars,TR,municipality\nKarşıyaka,TR,district\n" > "$T/actors.csv"
new_registry "$db" "$T/actors.csv"

test_case 'names come from the registry the line names: --db, --db=, TWINREG_DB, --sample' '
	comp --db "$db" list --municipality ozel &&
	expect_quiet &&
	expect_out "Özel Deneme Belediyesi" &&
	comp --db = "$db" list --partner "Özel D" &&
	expect_out "Özel Deneme Belediyesi" &&
	comp list --db "$db" --municipality ozel &&
	expect_out "Özel Deneme Belediyesi" &&
	TWINREG_DB=$db comp list --municipality ÖZEL &&
	expect_out "Özel Deneme Belediyesi" &&
	TWINREG_DB=$T/none.db comp --db "$db" list --municipality ozel &&
	expect_out "Özel Deneme Belediyesi" &&
	TWINREG_DB=$db comp --sample list --municipality ozel &&
	expect_out_empty &&
	run twinreg --db "$db" __complete list --municipality ozel &&
	expect_out "Özel Deneme Belediyesi"
'

# The shell puts in what its candidates have in common: with Kars and
# Karşıyaka for "kars" that would be "Kar", a letter typed taken back.
test_case 'names that begin with the word as typed come first, then but for case, then folded' '
	comp --db "$db" list --municipality Kar &&
	expect_quiet &&
	expect_out "Kars
Karşıyaka" &&
	comp --db "$db" list --municipality kars &&
	expect_out Kars &&
	comp --db "$db" list --municipality Karş &&
	expect_out Karşıyaka &&
	comp --db "$db" list --municipality karsi &&
	expect_out Karşıyaka &&
	comp --db "$db" list --municipality k &&
	expect_out "Kars
Karşıyaka"
'

test_case 'countries: the registry'"'"'s by code or name; every country for add' '
	comp --sample list --country bos &&
	expect_quiet &&
	expect_out "Bosnia and Herzegovina" &&
	comp --sample list --country "" &&
	expect_out_has "Bosnia and Herzegovina" &&
	expect_out_has Türkiye &&
	expect_out_lacks Brazil &&
	comp --sample list --country t &&
	expect_out_has TR &&
	expect_out_has Türkiye &&
	comp --sample list --country bosna &&
	expect_out Bosna-Hersek &&
	comp --db "$db" list --country "" &&
	expect_out "Turkish Republic of Northern Cyprus
Türkiye" &&
	comp --db "$db" list --country tu &&
	expect_out "Turkish Republic of Northern Cyprus" &&
	comp --db "$db" list --country tü &&
	expect_out Türkiye &&
	comp --sample list --country braz &&
	expect_out_empty &&
	comp --sample add sister-city --sister-city-country braz &&
	expect_out Brazil
'

# (twinreg speaks Turkish for a tr_* locale whether or not the system
# has it generated.)
test_case 'countries in Turkish under a Turkish locale' '
	LC_ALL=tr_TR.UTF-8 comp --sample list --country bos &&
	expect_out Bosna-Hersek
'

test_case 'file names where files go: import FILE, --db, -o' '
	comp import "" &&
	expect_quiet &&
	expect_out_empty &&
	check "bash completes file names" grep -qx -e "-o default" "$T/compopt" &&
	comp --db "" &&
	check "bash completes file names" grep -qx -e "-o default" "$T/compopt" &&
	comp list -o "" &&
	check "bash completes file names" grep -qx -e "-o default" "$T/compopt" &&
	comp list --kind "" &&
	check "no file names for --kind" test ! -s "$T/compopt" &&
	helper import "" &&
	expect_out ":files"
'

test_case 'no registry: no names, exit 0, nothing on stderr, nothing made' '
	cksum < "$T/actors.csv" > "$T/csv-before" &&
	helper --db "$T/none.db" list --municipality a &&
	expect_quiet &&
	expect_out_empty &&
	check "no registry made" test ! -e "$T/none.db" &&
	helper list --municipality a &&
	expect_quiet &&
	expect_out_empty &&
	check "no default registry made" test ! -e "$T/home/.local/share/twinreg" &&
	helper --db "$T" list --municipality a &&
	expect_quiet &&
	expect_out_empty &&
	helper --db "$T/actors.csv" list --country t &&
	expect_quiet &&
	expect_out_empty &&
	helper --db "postgresql://nowhere/x" show a &&
	expect_quiet &&
	expect_out_empty &&
	cksum < "$T/actors.csv" > "$T/csv-after" &&
	check "the CSV file untouched" cmp -s "$T/csv-before" "$T/csv-after"
'

test_case 'completing never writes to the registry' '
	cksum < "$db" > "$T/before" &&
	snap before &&
	for w in "list --municipality o" "list --country t" "list --network a" \
	    "show g" "add actor --country t" "update 1 --status a" ""; do
		helper --db "$db" $w "" > /dev/null || return 1
	done &&
	cksum < "$db" > "$T/after" &&
	check "the file is byte for byte the same" cmp -s "$T/before" "$T/after" &&
	check "the records are the same" same_as before
'

# An older registry is migrated by any command that opens it; completion
# must leave it as it is (and so offers none of its names).
test_case 'an older registry is not migrated by completion' '
	# A file of schema version 1: SQLite only.
	on_store sqlite || return 0
	rm -f "$T/v1.db" &&
	sqlite3 "$T/v1.db" < "$DATA/registry-v1.sql" > /dev/null &&
	cksum < "$T/v1.db" > "$T/v1-before" &&
	helper --db "$T/v1.db" list --municipality "" &&
	expect_quiet &&
	expect_out_empty &&
	run sqlite3 "$T/v1.db" "PRAGMA user_version" &&
	expect_out 1 &&
	cksum < "$T/v1.db" > "$T/v1-after" &&
	check "the file is byte for byte the same" cmp -s "$T/v1-before" "$T/v1-after"
'

test_case 'bad input never fails: exit 0, nothing on stderr' - <<\END
	for w in "nosuch --" "list --no-such-option x --k" "add nosuchkind --" \
	    "list --columns ,,,," "list --sort ---" "--db" "-" "--" "list -- --k" \
	    "add sister-city --no-such-field x --" "update x --" "__complete --" \
	    "help nosuch" "list --municipality"; do
		helper $w "" &&
		expect_quiet || return 1
	done &&
	helper "--kind=" &&
	expect_quiet &&
	helper list "--nosuch=x" &&
	expect_quiet &&
	expect_out_empty &&
	helper __complete "" &&
	expect_quiet &&
	expect_out_empty &&
	helper &&
	expect_quiet &&
	check "no word: the commands" cmp -s "$T/commands" "$T/out"
END

test_case 'zsh: _twinreg parses and completes through the same helper' - <<\END
	if command -v zsh > /dev/null 2>&1; then
		run zsh -n src/completion/_twinreg &&
		expect_quiet &&
		run zsh -f -c '
			compadd() { shift 2; print -rl -- "$@"; }
			_files() { print -r -- "(files)"; }
			fpath=(src/completion $fpath)
			autoload -Uz _twinreg
			words=("$1" --sample list --municipality "\"kucukc")
			CURRENT=5 PREFIX=kucukc _twinreg
			words=("$1" import "")
			CURRENT=3 PREFIX= _twinreg
			words=("$1" list --kind=s)
			CURRENT=3 PREFIX=--kind=s _twinreg
		' zsh "$TWINREG" &&
		expect_quiet &&
		expect_out "Küçükçekmece
(files)
--kind=sister_city
--kind=supporting_structure"
	else
		echo "skip 0895-completion: no zsh to check src/completion/_twinreg (apt-get install zsh)"
		ok
	fi
END

test_case 'make install puts the scripts where bash-completion and zsh look; uninstall removes them' '
	run make -s --no-print-directory install DESTDIR="$T/inst" PREFIX=/usr &&
	expect_status 0 &&
	check "bash: share/bash-completion/completions/twinreg" \
	    cmp -s src/completion/twinreg.bash "$T/inst/usr/share/bash-completion/completions/twinreg" &&
	check "zsh: share/zsh/vendor-completions/_twinreg" \
	    cmp -s src/completion/_twinreg "$T/inst/usr/share/zsh/vendor-completions/_twinreg" &&
	run bash --norc --noprofile -c ". \"$T/inst/usr/share/bash-completion/completions/twinreg\" && complete -p twinreg" &&
	expect_out "complete -F _twinreg twinreg" &&
	run make -s --no-print-directory uninstall DESTDIR="$T/inst" PREFIX=/usr &&
	expect_status 0 &&
	check "bash script removed" test ! -e "$T/inst/usr/share/bash-completion/completions/twinreg" &&
	check "zsh script removed" test ! -e "$T/inst/usr/share/zsh/vendor-completions/_twinreg"
'
