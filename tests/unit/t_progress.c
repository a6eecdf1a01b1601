/*
 * The progress function (twr_set_progress_fn): an import from memory, a
 * file and a pipe tells rows and bytes of a known or unknown size, an
 * export its rows of a counted total, each ending with one call marked
 * done; none once it is unset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "twinreg.h"
#include "unit.h"

#define NROWS 10000

/* What the progress function was told. */
static struct {
	unsigned calls, dones;
	int backwards;			/* bytes or rows went down */
	struct twr_progress last;
} told;

static void
tell(void *arg, const struct twr_progress *p)
{
	(void)arg;
	if (told.calls > 0 && !told.last.done && (p->rows < told.last.rows ||
	    p->bytes < told.last.bytes))
		told.backwards = 1;
	told.calls++;
	told.dones += p->done != 0;
	told.last = *p;
}

/* NROWS actors as CSV, malloc'd; *LEN its length. */
static char *
actors_csv(size_t *len)
{
	char *s = malloc(NROWS * 32 + 64), *p = s;
	int i;

	if (s == NULL)
		return NULL;
	p += sprintf(p, "name,country,kind\n");
	for (i = 0; i < NROWS; i++)
		p += sprintf(p, "Belediye %05d,TR,district\n", i);
	*len = (size_t)(p - s);
	return s;
}

static struct twr_db *
open_db(void)
{
	struct twr_db *db;

	if (twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 1000, &db,
	    NULL) != TWR_OK)
		return NULL;
	twr_set_author(db, "unit", "unit test");
	return db;
}

/* Import LEN bytes of CSV into DB from memory (HOW 0), a file (1) or a
   pipe (2); returns the import's status. */
static enum twr_status
load(struct twr_db *db, const char *csv, size_t len, int how)
{
	struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 1, 0,
		NULL };
	struct twr_import *imp;
	enum twr_status st;
	FILE *f = NULL;
	int fds[2] = { -1, -1 };

	memset(&told, 0, sizeof(told));
	if (twr_import_begin(db, &o, &imp, NULL) != TWR_OK)
		return TWR_INTERNAL;
	if (how == 0)
		st = twr_import_mem(imp, "a.csv", csv, len, NULL);
	else if (how == 1 && (f = tmpfile()) != NULL &&
	    fwrite(csv, 1, len, f) == len && fflush(f) == 0 &&
	    lseek(fileno(f), 0, SEEK_SET) == 0)
		st = twr_import_fd(imp, "a.csv", fileno(f), NULL);
	else if (how == 2 && len < 65536 && pipe(fds) == 0 &&
	    write(fds[1], csv, len) == (ssize_t)len && close(fds[1]) == 0)
		st = twr_import_fd(imp, "a.csv", fds[0], NULL);
	else
		st = TWR_INTERNAL;
	if (f != NULL)
		fclose(f);
	if (fds[0] != -1)
		close(fds[0]);
	twr_import_end(imp, NULL, NULL);
	return st;
}

void
t_progress(void)
{
	struct twr_rows *r;
	struct twr_db *db = open_db();
	size_t len, small;
	char *csv = actors_csv(&len);
	int n;

	CHECK(db != NULL && csv != NULL);
	if (db == NULL || csv == NULL)
		goto out;
	twr_set_progress_fn(db, tell, NULL);
	/* From memory: a call a 64 KiB piece, the last one done. */
	CHECK(load(db, csv, len, 0) == TWR_OK);
	CHECK(told.calls >= len / 65536 + 1 && told.dones == 1);
	CHECK(told.last.done && told.last.rows == NROWS);
	CHECK(told.last.bytes == len && told.last.size == len);
	CHECK(!told.backwards);
	/* From a file: its size known. */
	CHECK(load(db, csv, len, 1) == TWR_OK);
	CHECK(told.dones == 1 && told.last.rows == NROWS);
	CHECK(told.last.bytes == len && told.last.size == len);
	CHECK(!told.backwards);
	/* From a pipe: the size is not known. */
	small = (size_t)(strchr(csv + 60000, '\n') + 1 - csv);
	CHECK(load(db, csv, small, 2) == TWR_OK);
	CHECK(told.dones == 1 && told.last.size == 0 &&
	    told.last.bytes == small && told.last.rows > 2000);
	/* Export: rows of a counted total, every 4096 and at the end. */
	CHECK(load(db, csv, len, 0) == TWR_OK);
	{
		struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL,
			0, 0, NULL };
		struct twr_import *imp;

		CHECK(twr_import_begin(db, &o, &imp, NULL) == TWR_OK &&
		    twr_import_mem(imp, "a.csv", csv, len, NULL) == TWR_OK &&
		    twr_import_end(imp, NULL, NULL) == TWR_OK);
	}
	memset(&told, 0, sizeof(told));
	CHECK(twr_export(db, TWR_KIND_ACTORS, NULL, &r, NULL) == TWR_OK);
	for (n = 0; twr_rows_next(r, NULL) == TWR_ROW; n++)
		;
	twr_rows_free(r);
	CHECK(n == NROWS);
	CHECK(told.calls == NROWS / 4096 + 1 && told.dones == 1);
	CHECK(told.last.rows == NROWS && told.last.total == NROWS);
	CHECK(!told.backwards);
	/* Unset: never called. */
	twr_set_progress_fn(db, NULL, NULL);
	memset(&told, 0, sizeof(told));
	CHECK(load(db, csv, len, 0) == TWR_OK && told.calls == 0);
	CHECK(twr_export(db, TWR_KIND_ACTORS, NULL, &r, NULL) == TWR_OK);
	while (twr_rows_next(r, NULL) == TWR_ROW)
		;
	twr_rows_free(r);
	CHECK(told.calls == 0);
out:
	free(csv);
	twr_close(db);
}
