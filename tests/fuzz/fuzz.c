/* The harnesses' shared part (fuzz.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "fuzz.h"
#include "store_sqlite.h"

extern const struct printer printer_csv;

static char diag_text[4096];
static size_t diag_len;

/* Keep a line a diagnostic; every string of it is read, so that one
   that is freed or unterminated shows. */
static void
keep_diag(void *arg, const struct twr_diag *d)
{
	const struct twr_msg *m = &d->m;
	int n;

	(void)arg;
	if (diag_len >= sizeof(diag_text) - 1)
		return;
	n = snprintf(diag_text + diag_len, sizeof(diag_text) - diag_len,
	    "%s:%lu:%u: code %d field '%s' value '%s' value2 '%s' hint '%s' "
	    "detail '%s'\n", d->file ? d->file : "", d->line, d->column,
	    (int)m->code, m->field ? m->field : "", m->value ? m->value : "",
	    m->value2 ? m->value2 : "", m->hint ? m->hint : "",
	    m->detail ? m->detail : "");
	if (n > 0)
		diag_len += (size_t)n < sizeof(diag_text) - diag_len ?
		    (size_t)n : sizeof(diag_text) - diag_len - 1;
}

const char *
fuzz_diags(void)
{
	return diag_text;
}

void
fuzz_diag_reset(void)
{
	diag_len = 0;
	diag_text[0] = '\0';
}

void
fuzz_fail(const char *why)
{
	fprintf(stderr, "fuzz: %s\n%s", why, diag_text);
	abort();
}

void
fuzz_keep(struct twr_db *db, struct fuzz_bytes *b)
{
	sqlite3_int64 size;

	if ((b->p = sqlite3_serialize(SQ(db)->sq, "main", &size, 0)) == NULL)
		fuzz_fail("cannot keep a registry's bytes");
	b->size = (long long)size;
}

void
fuzz_restore(struct twr_db *db, const struct fuzz_bytes *b)
{
	unsigned char *copy;

	if ((copy = sqlite3_malloc64((sqlite3_uint64)b->size)) == NULL)
		fuzz_fail("out of memory");
	memcpy(copy, b->p, (size_t)b->size);
	if (sqlite3_deserialize(SQ(db)->sq, "main", copy, b->size, b->size,
	    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
	    SQLITE_OK)
		fuzz_fail("cannot put a registry back (a transaction left "
		    "open?)");
}

struct twr_db *
fuzz_open(int slot)
{
	static struct twr_db *dbs[2];
	static struct fuzz_bytes empty;	/* an empty registry's bytes */
	struct twr_error err = { TWR_OK };

	if (dbs[slot] == NULL) {
		if (twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 0,
		    &dbs[slot], &err) != TWR_OK)
			fuzz_fail("cannot open a registry in memory");
		twr_set_diag_fn(dbs[slot], keep_diag, NULL);
		twr_set_author(dbs[slot], "fuzz", "fuzz");
	}
	if (empty.p == NULL)
		fuzz_keep(dbs[slot], &empty);
	else
		/* Empty again: the bytes of an empty registry, in its
		   place. */
		fuzz_restore(dbs[slot], &empty);
	return dbs[slot];
}

enum twr_status
fuzz_import(struct twr_db *db, const struct twr_import_opts *opts, size_t n,
    const char *const *data, const size_t *lens, const char *const *names,
    struct twr_import_stats *stats)
{
	struct twr_error err = { TWR_OK };
	struct twr_import *imp = NULL;
	enum twr_status st;
	size_t i;

	memset(stats, 0, sizeof(*stats));
	if ((st = twr_import_begin(db, opts, &imp, &err)) != TWR_OK)
		return st;
	for (i = 0; i < n; i++)
		if (twr_import_mem(imp, names[i], data[i], lens[i], &err) !=
		    TWR_OK)
			break;
	return twr_import_end(imp, stats, &err);
}

char *
fuzz_export(struct twr_db *db, enum twr_kind kind, int bom, char delim,
    size_t *len)
{
	struct twr_error err = { TWR_OK };
	struct twr_rows *rows = NULL;
	struct out o;
	char *text = NULL;
	int st;

	if (twr_export(db, kind, NULL, &rows, &err) != TWR_OK)
		fuzz_fail("export failed");
	memset(&o, 0, sizeof(o));
	if ((o.fp = open_memstream(&text, len)) == NULL)
		fuzz_fail("out of memory");
	o.bom = bom;
	o.delim = delim;
	st = print_rows(&printer_csv, &o, rows, &err);
	twr_rows_free(rows);
	if (fclose(o.fp) != 0 || st != TWR_OK)
		fuzz_fail("printing the export failed");
	return text;
}
