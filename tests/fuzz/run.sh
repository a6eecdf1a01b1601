#!/bin/sh
# Run each fuzz harness (make fuzz) for SECONDS: run.sh SECONDS NAME...
# New inputs go to build/fuzz/corpus/NAME (not into the repository); a
# crash leaves build/fuzz/NAME-crash-* and fails the run: copy it into
# tests/fuzz/findings/NAME/ once fixed, so that make check replays it.
# Each harness ends with libFuzzer's final stats (execs/s, coverage).
set -u
secs=$1
shift
cd "$(dirname "$0")/../.." || exit 1
fail=0
for name in "$@"; do
	mkdir -p "build/fuzz/corpus/$name" "tests/fuzz/findings/$name"
	echo "fuzz: $name for $secs s"
	if ! "build/fuzz/$name" -max_total_time="$secs" -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 -dict=tests/fuzz/csv.dict \
		-artifact_prefix="build/fuzz/$name-" "build/fuzz/corpus/$name" \
		"tests/fuzz/corpus/$name" "tests/fuzz/findings/$name" \
		> "build/fuzz/$name.log" 2>&1; then
		fail=1
		echo "FAIL fuzz $name: see build/fuzz/$name.log"
		grep -E "ERROR|SUMMARY|fuzz:|Test unit written" "build/fuzz/$name.log" | head -n 10
	fi
	grep -E "^stat::|(INITED|DONE) +cov:" "build/fuzz/$name.log" | tail -n 6
done
exit $fail
