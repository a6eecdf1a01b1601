# The manual and --help tell the same story: the SYNOPSIS lists every
# command with its usage line, and every example of EXAMPLES runs.
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
