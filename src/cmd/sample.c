/* The built-in sample registry: the seed data, in memory. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "sample.h"

/* Errors in the built-in data are bugs; say which file and line. */
static void
sample_diag(void *arg, const struct twr_diag *d)
{
	struct twr_error *err = arg;
	struct sbuf b;
	char where[512];

	if (d->severity != TWR_ERROR || err->m.detail != NULL)
		return;
	b.len = 0;
	b.p[0] = '\0';
	say(&b, &d->m);
	snprintf(where, sizeof(where), "built-in sample: %s:%lu:%u: %s",
	    d->file ? d->file : "", d->line, d->column, b.p);
	memset(&err->m, 0, sizeof(err->m));
	snprintf(err->text, sizeof(err->text), "%s", where);
	err->m.code = TWR_E_INTERNAL;
	err->m.detail = err->text;
}

enum twr_status
sample_open(int busy_ms, struct twr_db **dbp, struct twr_error *err)
{
	struct twr_import_opts opts = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0,
		0, NULL };
	struct twr_import *imp;
	struct twr_error e2 = { TWR_OK };
	enum twr_status st;
	size_t i;

	if ((st = twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, busy_ms,
	    dbp, err)) != TWR_OK)
		return st;
	twr_set_author(*dbp, "twinreg", "twinreg --sample");
	twr_set_diag_fn(*dbp, sample_diag, &e2);
	if ((st = twr_import_begin(*dbp, &opts, &imp, err)) != TWR_OK)
		goto fail;
	for (i = 0; i < sample_nfiles; i++)
		if ((st = twr_import_mem(imp, sample_files[i].name,
		    sample_files[i].data, sample_files[i].len, err)) != TWR_OK)
			break;
	if (st != TWR_OK) {
		twr_import_end(imp, NULL, &e2);
		goto fail;
	}
	if ((st = twr_import_end(imp, NULL, err)) != TWR_OK) {
		if (e2.m.detail != NULL) {
			*err = e2;
			err->m.detail = err->text;
		}
		err->status = TWR_INTERNAL;
		st = TWR_INTERNAL;
		goto fail;
	}
	twr_set_diag_fn(*dbp, NULL, NULL);
	return TWR_OK;
fail:
	twr_close(*dbp);
	*dbp = NULL;
	return st;
}
