/*
 * The CSV import of one kind (FUZZ_KIND_NAME, "actors"..., set when
 * built; none: guessed from the header): any bytes go
 * into a new registry in memory as a file of that kind.  Nothing may
 * crash, leak or read out of bounds; and a file that went in must go in
 * again changing nothing (SPEC: re-importing a file that is already in
 * the registry changes nothing).  A file of ties or activities is also
 * imported into a registry with ties, once row by row and once reading
 * rows ahead (as on a server, loader_ahead, with the ties of their
 * identities): both must tell and store the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "internal.h"

#ifndef FUZZ_KIND_NAME
#define FUZZ_KIND_NAME ""
#endif

/* What the activities' `with` may find: an alias, a name in two
   countries, two ties of one pair, a membership. */
static const char base_actors[] =
	"name,country,kind,aliases\nTown,TR,municipality,\n"
	"City,DE,municipality,Stadt\nCity,FR,municipality,\n"
	"Net,BE,network,\n";
static const char base_ties[] =
	"party,party_country,partner,partner_country,kind,signed_on\n"
	"Town,TR,City,DE,sister_city,2001\nTown,TR,City,DE,memorandum,2004\n"
	"Town,TR,City,FR,friendship,\n";
static const char base_members[] =
	"member,member_country,network,network_country,since\n"
	"Town,TR,Net,BE,2010\n";
static const char *const base[] = { base_actors, base_ties, base_members };
/* BASE's ties, one of them again otherwise: a conflict the end of their
   bulk load finds. */
static const char twice[] =
	"party,party_country,partner,partner_country,kind,signed_on,status\n"
	"Town,TR,City,DE,sister_city,2001,active\n"
	"Town,TR,City,DE,memorandum,2004,active\n"
	"Town,TR,City,FR,friendship,,active\n"
	"Town,TR,City,DE,sister_city,2001,dormant\n";

/* TEXT (SIZE bytes) imported, reading ahead or not, into a registry
   holding BASE, or (ONE) into an empty one with BASE's ties in the same
   import (their bulk load, a registry that began without actors): its
   status, counts, messages and records, malloc'd. */
static char *
with_ties(const char *text, size_t size, enum twr_kind kind, int one,
    int ahead)
{
	static const char *const names[] = { "a.csv", "t.csv", "m.csv",
		"fuzz.csv" };
	struct twr_import_opts opts = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0,
	    0, NULL, 0 };
	static struct fuzz_bytes ties;	/* the registry holding BASE */
	struct twr_import_stats s;
	struct twr_db *db = fuzz_open(1);
	const char *files[4];
	size_t lens[4], len[2], i;
	char *rec[2], *all, head[256];
	enum twr_status st;

	for (i = 0; i < 3; i++) {
		files[i] = base[i];
		lens[i] = strlen(base[i]);
	}
	files[3] = text;
	lens[3] = size;
	if (one) {
		files[1] = twice;
		lens[1] = strlen(twice);
	}
	if (!one && ties.p == NULL) {
		if (fuzz_import(db, &opts, 3, files, lens, names, &s) != TWR_OK)
			fuzz_fail("the registry with ties cannot be made");
		fuzz_keep(db, &ties);
	} else if (!one)
		fuzz_restore(db, &ties);
	fuzz_diag_reset();
	db->ahead = ahead ? AHEAD_IDENTS : 0;
	/* The activities alone; or the ties' files (not the actors') and
	   the activities, each of the kind its header says. */
	if (!one)
		opts.kind = kind;
	st = fuzz_import(db, &opts, one ? 3 : 1, files + (one ? 1 : 3),
	    lens + (one ? 1 : 3), names + (one ? 1 : 3), &s);
	db->ahead = 0;
	snprintf(head, sizeof(head), "%d: %lu rows, %lu added, %lu updated, "
	    "%lu unchanged, %lu skipped, %lu created, %lu errors, %lu bad\n",
	    (int)st, s.rows, s.added, s.updated, s.unchanged, s.skipped,
	    s.actors_created, s.errors, s.bad_rows);
	rec[0] = fuzz_export(db, TWR_KIND_ACTORS, 0, ',', &len[0]);
	rec[1] = fuzz_export(db, kind, 0, ',', &len[1]);
	if ((all = malloc(strlen(head) + strlen(fuzz_diags()) + len[0] +
	    len[1] + 1)) == NULL)
		fuzz_fail("out of memory");
	strcpy(all, head);
	strcat(all, fuzz_diags());
	strcat(all, rec[0]);
	strcat(all, rec[1]);
	free(rec[0]);
	free(rec[1]);
	return all;
}

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
	if (opts.kind != TWR_KIND_ACTORS && opts.kind != TWR_KIND_AUTO) {
		char *row = with_ties(text, size, opts.kind, size % 2, 0);
		char *ahead = with_ties(text, size, opts.kind, size % 2, 1);

		if (strcmp(row, ahead) != 0) {
			fprintf(stderr, "row by row:\n%s\nreading ahead:\n%s",
			    row, ahead);
			fuzz_fail("reading ahead told or stored otherwise");
		}
		free(row);
		free(ahead);
	}
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
