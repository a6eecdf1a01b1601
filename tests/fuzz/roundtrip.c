/*
 * The round trip (SPEC: `export` then `import` into an empty registry
 * gives the same registry): the input is up to 6 CSV files apart by a
 * form feed, imported in one call (the kinds guessed from their headers,
 * in load order, as `import` does).  When they go in, every kind is
 * exported (with --bom and --delimiter ';' as the input's length says),
 * imported into a new registry, and exported again: the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define MAXFILES 6

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct twr_import_opts opts = { TWR_KIND_AUTO, TWR_CONFLICT_UPDATE, 0,
	    0, NULL, 0 };
	const char *text = (const char *)data, *end = text + size, *p;
	const char *part[MAXFILES], *name[MAXFILES], *tmp;
	const char *names[] = { "a.csv", "b.csv", "c.csv", "d.csv", "e.csv",
	    "f.csv" };
	size_t len[MAXFILES], n = 0, i, j, k, tl, nk;
	char *out1[8], *out2[8];
	size_t len1[8], len2[8];
	struct twr_import_stats s;
	struct twr_db *db, *copy;
	int bom = size % 2, rank[MAXFILES], r;
	char delim = size % 4 >= 2 ? ';' : 0, why[128];

	/* The pieces, in load order (actors first). */
	for (;;) {
		p = n == MAXFILES - 1 ? NULL : memchr(text, '\f',
		    (size_t)(end - text));
		part[n] = text;
		len[n] = (size_t)((p != NULL ? p : end) - text);
		name[n] = names[n];
		rank[n] = twr_kind_rank(twr_import_guess(part[n], len[n], NULL));
		n++;
		if (p == NULL)
			break;
		text = p + 1;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && rank[j - 1] > rank[j]; j--) {
			r = rank[j], rank[j] = rank[j - 1], rank[j - 1] = r;
			tmp = part[j], part[j] = part[j - 1], part[j - 1] = tmp;
			tl = len[j], len[j] = len[j - 1], len[j - 1] = tl;
		}
	fuzz_diag_reset();
	db = fuzz_open(0);
	if (fuzz_import(db, &opts, n, part, len, name, &s) != TWR_OK ||
	    s.errors != 0)
		return 0;
	for (nk = 0; twr_kinds[nk] != TWR_KIND_AUTO; nk++)
		out1[nk] = fuzz_export(db, twr_kinds[nk], bom, delim,
		    &len1[nk]);

	/* Into an empty registry, actors first, as `import DIR` does. */
	copy = fuzz_open(1);
	fuzz_diag_reset();
	for (k = 0; k < nk; k++)
		name[k] = twr_kind_name(twr_kinds[k]);
	opts.on_conflict = TWR_CONFLICT_FAIL;
	if (fuzz_import(copy, &opts, nk, (const char *const *)out1, len1,
	    name, &s) != TWR_OK || s.errors != 0) {
		for (k = 0; k < nk; k++)
			fprintf(stderr, "--- %s\n%.*s", name[k], (int)len1[k],
			    out1[k]);
		fuzz_fail("the export does not import into an empty registry");
	}
	for (k = 0; k < nk; k++) {
		out2[k] = fuzz_export(copy, twr_kinds[k], bom, delim,
		    &len2[k]);
		if (len1[k] != len2[k] || memcmp(out1[k], out2[k], len1[k]) !=
		    0) {
			fprintf(stderr, "--- first\n%.*s--- again\n%.*s",
			    (int)len1[k], out1[k], (int)len2[k], out2[k]);
			snprintf(why, sizeof(why), "export, import, export of "
			    "%s differs", twr_kind_name(twr_kinds[k]));
			fuzz_fail(why);
		}
		free(out2[k]);
	}
	for (k = 0; k < nk; k++)
		free(out1[k]);
	return 0;
}
