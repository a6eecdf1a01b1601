/*
 * The CSV import of one kind (FUZZ_KIND_NAME, "actors"..., set when
 * built; none: guessed from the header): any bytes go
 * into a new registry in memory as a file of that kind.  Nothing may
 * crash, leak or read out of bounds; and a file that went in must go in
 * again changing nothing (SPEC: re-importing a file that is already in
 * the registry changes nothing).
 */
#include <stdio.h>

#include "fuzz.h"

#ifndef FUZZ_KIND_NAME
#define FUZZ_KIND_NAME ""
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct twr_import_opts opts = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0,
	    0, NULL, 0 };
	struct twr_import_stats s1, s2;
	const char *text = (const char *)data, *name = "fuzz.csv";
	struct twr_db *db = fuzz_open(0);
	char why[256];

	opts.kind = twr_kind_parse(FUZZ_KIND_NAME);
	fuzz_diag_reset();
	if (fuzz_import(db, &opts, 1, &text, &size, &name, &s1) == TWR_OK &&
	    s1.errors == 0) {
		fuzz_diag_reset();
		if (fuzz_import(db, &opts, 1, &text, &size, &name, &s2) !=
		    TWR_OK)
			fuzz_fail("a file that went in does not go in again");
		if (s2.added != 0 || s2.updated != 0 || s2.actors_created !=
		    0 || s2.unchanged + s2.skipped != s1.rows - s1.skipped) {
			snprintf(why, sizeof(why), "a file imported again "
			    "changed the registry: %lu rows, %lu added, %lu "
			    "updated, %lu unchanged, %lu actors created (first: "
			    "%lu added, %lu updated, %lu unchanged)", s2.rows,
			    s2.added, s2.updated, s2.unchanged,
			    s2.actors_created, s1.added, s1.updated,
			    s1.unchanged);
			fuzz_fail(why);
		}
	}
	return 0;
}
