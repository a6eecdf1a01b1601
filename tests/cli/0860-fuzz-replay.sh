# The fuzz harnesses' seed corpus and every past finding (tests/fuzz),
# replayed through the harnesses built without libFuzzer
# ($FUZZ_REPLAY/replay-NAME, made by make check): none may crash, leak
# under a sanitizer, or break the promise its harness checks.
if [ -z "${FUZZ_REPLAY:-}" ]; then
	echo "skip 0860-fuzz-replay: FUZZ_REPLAY not set (run it with make check)"
else
	for name in import-actors import-sister-cities import-partnerships \
		import-memberships import-activities roundtrip; do
		test_case "the corpus and findings of $name replay cleanly" '
			mkdir -p "tests/fuzz/findings/$name" &&
			run "$FUZZ_REPLAY/replay-$name" "tests/fuzz/corpus/$name" "tests/fuzz/findings/$name" &&
			expect_status 0 &&
			expect_err_lacks "Sanitizer" &&
			expect_err_lacks "runtime error" &&
			check "$name: the corpus is there ($(cat "$T/out"))" \
				test "$(sed -n "s/^replayed \([0-9]*\) files$/\1/p" "$T/out")" -gt 3
		'
	done
fi
