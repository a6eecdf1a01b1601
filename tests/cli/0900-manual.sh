# The manual and --help tell the same story: the SYNOPSIS lists every
# command with its usage line, every example of EXAMPLES runs, and every
# option, exit status and environment variable is in the help and the
# manual.
MAN=src/twinreg.1

# The usage lines of the SYNOPSIS block, without "twinreg ".
test_case 'the SYNOPSIS lists the commands of --help with their usage lines' - <<\END
	awk '/^\.Sh SYNOPSIS/ { s = 1 } s && /^\.Bd -literal/ { b = 1; next }
    b && /^\.Ed/ { exit } b { sub(/^twinreg /, ""); print }' "$MAN" > "$T/synopsis" &&
	check "synopsis found" test -s "$T/synopsis" &&

	# Every command of `twinreg --help`, in the same order.
	"$TWINREG" --help | awk '/^Commands:/ { c = 1; next } c && /^$/ { exit }
    c { print $1 }' > "$T/commands" &&
	awk '{ print $1 }' "$T/synopsis" > "$T/synopsis-commands" &&
	check "the manual lists the commands of --help" cmp -s "$T/commands" "$T/synopsis-commands" &&

	while read -r cmd; do
		"$TWINREG" help "$cmd" | head -n 1 | sed 's/^usage: twinreg //' > "$T/usage" &&
		if grep -qxF -f "$T/usage" "$T/synopsis"; then
			ok
		else
			not_ok "usage of '$cmd' differs from the manual: $(cat "$T/usage")"
		fi || return 1
	done < "$T/commands"
END

# The examples that read the built-in sample run and succeed (check
# finds problems in the sample: exit 1).
test_case 'every example on the sample runs and succeeds' - <<\END
	grep '^\$ twinreg --sample' "$MAN" | sed 's/^\$ twinreg //; s/\\e$//' > "$T/examples" &&
	check "examples found" test "$(wc -l < "$T/examples")" -ge 5 &&
	while read -r line; do
		eval "set -- $line" &&
		run twinreg "$@" &&
		s=$(cat "$T/status") &&
		if [ "$s" = 0 ] || { [ "$s" = 1 ] && [ "$2" = check ]; }; then
			ok
		else
			not_ok "example 'twinreg $line' exited $s"
		fi || return 1
	done < "$T/examples"
END

# The page is well-formed mdoc.  mandoc is needed to say so: without it
# this fails rather than skip, so that every run counts the same tests
# (the README's install line and .ci/run install it).
test_case 'the page is well-formed mdoc' '
	if command -v mandoc > /dev/null 2>&1; then
		run mandoc -Tlint -Wwarning "$MAN" &&
		expect_status 0 &&
		expect_out_empty
	else
		not_ok "mandoc is not installed: install it (apt-get install mandoc) to lint the manual"
	fi
'

# ---- The manual and the help cover every option ----------------------------

# longopts FILE...: the long options the option tables of the C files
# name ({ "name", ..._argument, ...), one a line.
longopts() {
	sed -n 's/.*{ "\([a-z][a-z-]*\)", *[a-z]*_argument.*/\1/p' "$@" | sort -u
}
# section Sh NAME: the lines of the manual's section NAME, up to the
# next; section Ss CMD: those of the subsection of command CMD (.Ss CMD
# ...), up to the next subsection or section.
section() {
	awk -v m="$1" -v n="$2" 'm == "Sh" && /^\.Sh / { s = (substr($0, 5) == n) }
    m == "Ss" && /^\.S[hs] / { s = ($1 == ".Ss" && $2 == n) } s' "$MAN"
}
# has_fl TEXT-FILE OPTION: the mdoc text documents --OPTION (Fl -OPTION).
has_fl() {
	grep -Eq "Fl -$2([^a-z-]|\$)" "$1"
}

# The global options: in every command's table (GLOBAL_LONGOPTS), in
# --help and in the manual's GLOBAL OPTIONS.
test_case 'every global option is in --help and in GLOBAL OPTIONS' - <<\END
	awk '/^#define GLOBAL_LONGOPTS/ { g = 1 } g { print } g && !/\\$/ { exit }' \
	    src/cmd/cmd.h > "$T/global.h" &&
	longopts "$T/global.h" > "$T/global" &&
	check "global options found" test "$(wc -l < "$T/global")" -ge 10 &&
	"$TWINREG" --help > "$T/help" &&
	section Sh "GLOBAL OPTIONS" > "$T/man.global" &&
	while read -r o; do
		check "--help names --$o" grep -Eq -- "--$o([^a-z-]|\$)" "$T/help" &&
		check "GLOBAL OPTIONS documents --$o" has_fl "$T/man.global" "$o" ||
		return 1
	done < "$T/global"
END

# Each command's own options (its option table, list's filters, -o):
# in `twinreg help COMMAND` and in the command's subsection of the
# manual (report's filters in list's, where they are described).  report
# takes list's --sort and --limit only to refuse them: its help leaves
# them out (0500).
test_case 'every option of every command is in its help and its subsection' - <<\END
	awk '/^#define FILTER_LONGOPTS/ { g = 1 } g { print } g && !/\\$/ { exit }' \
	    src/cmd/cmd.h > "$T/filter.h" &&
	longopts "$T/filter.h" > "$T/filters" &&
	check "filters found" test "$(wc -l < "$T/filters")" -ge 15 &&
	section Ss list > "$T/man.list" &&
	"$TWINREG" --help | awk '/^Commands:/ { c = 1; next } c && /^$/ { exit }
    c { print $1 }' > "$T/commands" &&
	n=0 &&
	while read -r cmd; do
		case $cmd in
		undo-import) src=src/cmd/undo.c ;;
		grant | revoke) src=src/cmd/office.c ;;
		help) src=src/main.c ;;
		*) src=src/cmd/$cmd.c ;;
		esac &&
		check "$src exists" test -f "$src" &&
		{
			longopts "$src"
			if grep -q FILTER_LONGOPTS "$src"; then cat "$T/filters"; fi
			if grep -q OUTPUT_LONGOPT "$src"; then echo output; fi
		} | sort -u > "$T/opts.all" &&
		if [ "$cmd" = report ]; then
			grep -vxE 'sort|limit' "$T/opts.all" > "$T/opts"
		else
			cp "$T/opts.all" "$T/opts"
		fi &&
		"$TWINREG" help "$cmd" > "$T/help" &&
		section Ss "$cmd" > "$T/man.cmd" &&
		while read -r o; do
			n=$((n + 1)) &&
			check "help $cmd names --$o" \
			    grep -Eq -- "--$o([^a-z-]|\$)" "$T/help" &&
			if grep -qx "$o" "$T/filters"; then
				check "the manual documents $cmd's --$o (list)" \
				    has_fl "$T/man.list" "$o"
			else
				check "the manual documents $cmd's --$o" \
				    has_fl "$T/man.cmd" "$o"
			fi || return 1
		done < "$T/opts" || return 1
	done < "$T/commands" &&
	check "options of commands found" test "$n" -ge 40
END

# The exit statuses --help lists are those of EXIT STATUS, and the
# other way round.
test_case 'EXIT STATUS lists the exit statuses of --help' - <<\END
	"$TWINREG" --help | awk '/^Exit status:/ { e = 1 } e && /^See / { exit }
    e' | grep -oE '(^|[^0-9])[0-9]+ [A-Za-z]' | grep -oE '[0-9]+' | sort -n > "$T/help.codes" &&
	section Sh "EXIT STATUS" | sed -n 's/^\.It \([0-9][0-9]*\)$/\1/p' | sort -n > "$T/man.codes" &&
	check "--help lists exit statuses" test "$(wc -l < "$T/help.codes")" -ge 9 &&
	check "EXIT STATUS lists the same statuses as --help: $(tr '\n' ' ' < "$T/help.codes")" \
	    cmp -s "$T/help.codes" "$T/man.codes"
END

# ENVIRONMENT names every variable the sources read (getenv) and the
# locale variables --help names.
test_case 'ENVIRONMENT names every variable twinreg reads' - <<\END
	{
		grep -ho 'getenv("[A-Z_]*")' src/main.c src/cmd/*.c src/fmt/*.c src/lib/*.c |
		    sed 's/getenv("\(.*\)")/\1/'
		"$TWINREG" --help | grep -oE '(^|[^A-Z_])(LANG|LC_[A-Z]+)' | grep -oE '[A-Z_]+'
	} | sort -u > "$T/vars" &&
	check "variables found" test "$(wc -l < "$T/vars")" -ge 5 &&
	section Sh ENVIRONMENT > "$T/man.env" &&
	while read -r v; do
		check "ENVIRONMENT names $v" grep -Eq "^\.It .*Ev $v( |\$)" "$T/man.env" ||
		return 1
	done < "$T/vars"
END
