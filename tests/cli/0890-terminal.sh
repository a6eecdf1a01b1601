# At a real terminal (tmux, 60 and 80 columns): tables narrowed to fit,
# each row on one line, cut with "…"; long output through the pager
# ($TWINREG_PAGER, $PAGER, less; not with --no-pager, an empty pager or
# cat, nor when piped); the pager's reader quitting early is no error;
# the progress line of a long import or export on stderr, redrawn in
# place and cleared, and none with -q or when stderr is not a terminal.
# Pipes and files get the bytes they always did (the golden files).
#
# Each terminal is a private tmux server (socket under $T) whose pane
# stays after its command ends; everything the command writes is kept
# raw (pipe-pane) and its screen captured with its scrollback.

# Without tmux (or less) the cases are skipped, except under CI, which
# installs them (.ci/run): there they fail.
if ! command -v tmux > /dev/null 2>&1 || ! command -v less > /dev/null 2>&1; then
	if [ -n "${CI:-}" ]; then
		test_case 'tmux and less are installed' 'not_ok "no tmux or less: install them (apt-get install tmux less)"'
	else
		echo "skip 0890-terminal: no tmux or less"
	fi
else

printf 'set -g remain-on-exit on\nset -g history-limit 20000\n' > "$T/tmux.conf"
# A server a terminal, each on a socket of its own: a new server on the
# socket of one that is still going away may fail to start.
sock=0
trap 'tm kill-server 2> /dev/null' EXIT
trap 'tm kill-server 2> /dev/null; exit 1' HUP INT TERM
tm() {
	tmux -u -S "$T/tmux.$sock" -f "$T/tmux.conf" "$@"
}
screen_now() {
	tm capture-pane -p
}
pane_dead() {
	[ "$(tm display -p '#{pane_dead}' 2> /dev/null)" = 1 ]
}
# The pager of the tests: notes that it ran, then shows its input.
printf '#!/bin/sh\necho ran >> "%s/pager.ran"\nexec cat\n' "$T" > "$T/pager"
chmod +x "$T/pager"

# term_start W SCRIPT: run shell SCRIPT in a fresh W x 30 terminal, in a
# known environment (no pager or width variables, UTF-8), $tw being
# twinreg; every byte it writes goes to $T/raw.
term_start() {
	tm kill-server 2> /dev/null
	sock=$((sock + 1))
	rm -f "$T/go" "$T/raw" "$T/done" "$T/pager.ran"
	cat > "$T/job.sh" <<EOF
unset PAGER TWINREG_PAGER LESS COLUMNS LINES TWINREG_DB
LC_ALL=C.UTF-8 HOME='$HOME'
export LC_ALL HOME
tw='$TWINREG'
T='$T'
n=0
while [ ! -f "\$T/go" ] && [ \$n -lt 500 ]; do sleep 0.02; n=\$((n + 1)); done
[ -f "\$T/go" ] || exit 1
$2
echo \$? > "\$T/done.tmp" && mv "\$T/done.tmp" "\$T/done"
EOF
	RUN="at a $1-column terminal: $2"
	tm new-session -d -x "$1" -y 30 "sh '$T/job.sh'" &&
	tm pipe-pane -o "cat > '$T/raw'" &&
	touch "$T/go"
}
# term_wait: wait (30 s at most) for the script to end; its status goes
# to $T/status (as run does), its screen with scrollback to $T/screen.
term_wait() {
	wait_until 600 pane_dead || { not_ok "the terminal's command did not end"; return 1; }
	cp "$T/done" "$T/status" 2> /dev/null || echo none > "$T/status"
	# (Without tmux's own last line, and the blank lines before it.)
	tm capture-pane -p -S - | grep -v "^Pane is dead" |
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$T/screen"
}
# term W SCRIPT: both.
term() {
	term_start "$1" "$2" && term_wait
}
# screen_has TEXT, screen_lacks TEXT, raw_has TEXT, raw_lacks TEXT
screen_has() {
	grep -F -q -e "$1" "$T/screen" && ok || not_ok "the screen lacks: $1"
}
screen_lacks() {
	grep -F -q -e "$1" "$T/screen" && not_ok "the screen has: $1" || ok
}
raw_has() {
	grep -F -q -e "$1" "$T/raw" && ok || not_ok "the terminal was not sent: $1"
}
raw_lacks() {
	grep -F -q -e "$1" "$T/raw" && not_ok "the terminal was sent: $1" || ok
}
# widest FILE: the display width of its widest line (UTF-8: lead bytes
# counted, wide characters twice; awk in the C locale counts bytes).
widest() {
	LC_ALL=C awk '
	{
		n = 0
		for (k = 1; k <= length($0); k++) {
			c = substr($0, k, 1)
			if (c < "\200" || c >= "\300") n++
			# CJK (U+3000..U+9FFF, lead byte E3..E9): two columns
			if (c >= "\343" && c <= "\351") n++
		}
		if (n > m) m = n
	}
	END { print m + 0 }' "$1"
}
# fits W N: the screen holds N lines (so no row was wrapped onto two),
# none wider than W, and at least one cut with "…".
fits() {
	check "the screen has $2 lines, as the output has" \
		test "$(grep -c '' "$T/screen")" -eq "$2" &&
	check "a line of the screen is wider than $1 columns" \
		test "$(widest "$T/screen")" -le "$1" &&
	screen_has "…"
}

test_case 'a wide table is narrowed to 80 and to 60 columns, a row a line' '
	n=$(twinreg --sample list partnerships | grep -c "") &&
	term 80 "\$tw --sample --no-pager list partnerships" &&
	expect_status 0 &&
	fits 80 "$n" &&
	screen_has "id   kind" &&
	term 60 "\$tw --sample list partnerships --no-pager" &&
	expect_status 0 &&
	fits 60 "$n" &&
	check "every row is on a line of its own, starting with its id" \
		test "$(grep -c "^[0-9][0-9]* " "$T/screen")" -eq $((n - 2))
'

test_case 'headers are cut to fit too, and every other table fits' '
	term 60 "\$tw --sample --no-pager list" &&
	fits 60 "$(twinreg --sample list | grep -c "")" &&
	check "the header is not cut" \
		sh -c "sed -n 1p \"$T/screen\" | grep -q \"^id  .*…\"" &&
	term 60 "\$tw --sample --no-pager list actors" &&
	fits 60 "$(twinreg --sample list actors | grep -c "")" &&
	term 60 "\$tw --sample --no-pager report countries" &&
	fits 60 "$(twinreg --sample report countries | grep -c "")" &&
	term 60 "\$tw --sample --no-pager report timeline" &&
	fits 60 "$(twinreg --sample report timeline | grep -c "")" &&
	screen_has "1978" &&
	term 80 "\$tw --sample --no-pager check 2> /dev/null" &&
	expect_status 1 &&
	fits 80 "$(twinreg --sample check 2> /dev/null | grep -c "")"
'

# A narrow table stays as it is: nothing cut that fits.
test_case 'a table that fits is not cut' '
	term 80 "\$tw --sample --no-pager list memberships --max-width 7" &&
	expect_status 0 &&
	twinreg --sample list memberships --max-width 7 > "$T/want" &&
	check "the narrow table changed at a terminal" \
		test "$(widest "$T/want")" -le 80 &&
	check "the screen differs from the piped output" \
		cmp -s "$T/screen" "$T/want"
'

test_case 'pipes and files get the bytes they always did, with no pager' '
	term 60 "TWINREG_PAGER=\"\$T/pager\" COLUMNS=30 \$tw --sample list partnerships | cat > \"\$T/piped\"; \$tw --sample list partnerships > \"\$T/file\"" &&
	expect_status 0 &&
	check "the pager ran for a pipe" test ! -f "$T/pager.ran" &&
	cp "$T/piped" "$T/out" &&
	expect_stdout query-sample-partnerships.table &&
	cp "$T/file" "$T/out" &&
	expect_stdout query-sample-partnerships.table &&
	run twinreg --sample list partnerships &&
	expect_stdout query-sample-partnerships.table
'

test_case 'long output goes through $TWINREG_PAGER, else $PAGER' '
	term 80 "TWINREG_PAGER=\"\$T/pager\" \$tw --sample list" &&
	expect_status 0 &&
	check "TWINREG_PAGER did not run" test -f "$T/pager.ran" &&
	screen_has "Marmara" &&
	fits 80 "$(twinreg --sample list | grep -c "")" &&
	term 80 "PAGER=\"\$T/pager\" \$tw --sample list" &&
	check "PAGER did not run" test -f "$T/pager.ran" &&
	term 80 "TWINREG_PAGER=\"\$T/pager\" PAGER=false \$tw --sample show 154" &&
	expect_status 0 &&
	check "TWINREG_PAGER did not run before PAGER" test -f "$T/pager.ran" &&
	screen_has "Al-Fayhaa"
'

test_case 'no pager with --no-pager, an empty pager or cat' '
	term 80 "TWINREG_PAGER=\"\$T/pager\" \$tw --no-pager --sample list" &&
	expect_status 0 &&
	check "the pager ran with --no-pager" test ! -f "$T/pager.ran" &&
	screen_has "Marmara" &&
	term 80 "PAGER=\"\$T/pager\" \$tw --sample list --no-pager" &&
	check "the pager ran with --no-pager after the command" \
		test ! -f "$T/pager.ran" &&
	term 80 "TWINREG_PAGER= PAGER=\"\$T/pager\" \$tw --sample list" &&
	check "an empty TWINREG_PAGER did not mean none" \
		test ! -f "$T/pager.ran" &&
	screen_has "Marmara" &&
	term 80 "TWINREG_PAGER=cat PAGER=\"\$T/pager\" \$tw --sample list" &&
	check "TWINREG_PAGER=cat did not mean none" test ! -f "$T/pager.ran" &&
	screen_has "Marmara"
'

test_case 'the exit status is the command'"'"'s, through the pager' '
	term 80 "TWINREG_PAGER=\"\$T/pager\" \$tw --sample check" &&
	expect_status 1 &&
	check "the pager did not run" test -f "$T/pager.ran" &&
	term 80 "TWINREG_PAGER=\"\$T/pager\" \$tw --sample show 999999" &&
	expect_status 1 &&
	screen_has "twinreg: "
'

test_case 'a pager that cannot run is skipped: the output printed directly' '
	term 80 "TWINREG_PAGER=\"\$T/no-such-pager\" \$tw --sample list 2> \"\$T/err\"" &&
	expect_status 0 &&
	screen_has "Marmara" &&
	fits 80 "$(twinreg --sample list | grep -c "")" &&
	expect_err_has "twinreg: warning: cannot run the pager" &&
	term 80 "TWINREG_PAGER=no-such-pager-x \$tw --sample list partnerships" &&
	expect_status 0 &&
	screen_has "163  " &&
	screen_has "no-such-pager-x"
'

# less itself (LESS=FRX when LESS is not set): quitting on the first
# page leaves twinreg writing to a closed pipe, which is no error.
test_case 'quitting less early is no error, and the status stays 0' '
	term_start 80 "\$tw --sample list; echo \"status=\$?\"" &&
	wait_until 200 eval "screen_now | grep -q \"^:\"" &&
	check "less did not show the first page" \
		eval "screen_now | grep -q \"^id \"" &&
	tm send-keys q &&
	term_wait &&
	expect_status 0 &&
	screen_has "status=0" &&
	screen_lacks "twinreg:" &&
	screen_lacks "Broken pipe" &&
	# Short output: less -F leaves at once, no key needed.
	term 80 "\$tw --sample list memberships" &&
	expect_status 0 &&
	screen_has "member"
'

# ---- progress ------------------------------------------------------------

# 100,000 rows, on either store.
rows=100000
awk -v n=$rows 'BEGIN {
	print "municipality,municipality_country,sister_city,sister_city_country,signed_on"
	split("DE FR IT BA GR HU JP KR BG RO", c, " ")
	for (i = 0; i < n; i++)
		printf "Belediye %d,TR,Şehir %d,%s,%d-%02d-%02d\n", i % 1000,
		    int(i / 1000), c[int(i / 1000) % 10 + 1], 1960 + i % 60,
		    i % 12 + 1, i % 28 + 1
}' > "$T/big.csv"

# However fast the machine, the import must last past the half second
# before the first drawing: each read(2) of the file is held up 15 ms by
# strace (some 70 reads of 64 KiB). Without strace the case is skipped,
# except under CI, which installs it.
if command -v strace > /dev/null 2>&1; then
	slow="ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace=read -e inject=read:delay_enter=15000"
	test_case 'a long import shows its progress at a terminal, on one line' '
	twinreg --db "$T/p.db" init -q &&
	term 60 "$slow \$tw --db \"\$T/p.db\" import \"\$T/big.csv\"" &&
	expect_status 0 &&
	raw_has "rows/s" &&
	raw_has "%, " &&
	raw_has " left" &&
	raw_has "rows read; finishing" &&
	screen_lacks "rows/s" &&
	screen_has "$rows rows from 1 file: $rows added" &&
	# Each drawing of the line: a carriage return, the line, and
	# the rest of the old one cleared; none wider than the terminal.
	tr "\r" "\n" < "$T/raw" | grep "rows/s" > "$T/lines" &&
	check "a progress line is not cleared to its end" \
		sh -c "! grep -v \"$(printf "\033")\\[K\$\" \"$T/lines\"" &&
	sed "s/$(printf "\033")\\[K\$//" "$T/lines" > "$T/lines2" &&
	check "a progress line is wider than the terminal" \
		test "$(widest "$T/lines2")" -lt 60
'
elif [ -n "${CI:-}" ]; then
	test_case 'strace is installed' 'not_ok "no strace: install it (apt-get install strace)"'
else
	echo "skip 0890-terminal: no strace, the import progress is not checked"
	"$TWINREG" --db "$T/p.db" init -q &&
		"$TWINREG" --db "$T/p.db" -q import "$T/big.csv"
fi

test_case 'no progress with -q, or when stderr is not a terminal' '
	twinreg --db "$T/q.db" init -q &&
	term 80 "\$tw --db \"\$T/q.db\" -q import \"\$T/big.csv\"" &&
	expect_status 0 &&
	raw_lacks "rows/s" &&
	check "the terminal was sent something with -q" test ! -s "$T/raw" &&
	twinreg --db "$T/s.db" init -q &&
	run twinreg --db "$T/s.db" import "$T/big.csv" &&
	expect_status 0 &&
	expect_err_has "$rows rows from 1 file" &&
	expect_err_lacks "rows/s" &&
	check "stderr has a carriage return or an escape" \
		sh -c "! tr -d \"\\n\" < \"$T/err\" | grep -q \"[$(printf "\r\033")]\""
'

# The export is held up by a slow reader for a second, so that however
# fast the machine its progress is drawn; rows of a counted total.
test_case 'a long export shows its progress, not with -q' '
	term 80 "\$tw --db \"\$T/p.db\" export --kind sister-cities | (sleep 1; cat > \"\$T/x.csv\")" &&
	expect_status 0 &&
	raw_has "rows/s" &&
	raw_has "%, " &&
	screen_lacks "rows/s" &&
	check "the export is not whole" \
		test "$(grep -c "" "$T/x.csv")" -eq $((rows + 1)) &&
	term 80 "\$tw --db \"\$T/p.db\" export -q --kind sister-cities | (sleep 1; cat > \"\$T/x.csv\")" &&
	raw_lacks "rows/s" &&
	run twinreg --db "$T/p.db" export --kind sister-cities -o "$T/y.csv" &&
	expect_status 0 &&
	expect_err_empty &&
	check "exports differ" cmp -s "$T/x.csv" "$T/y.csv"
'

tm kill-server 2> /dev/null

fi
