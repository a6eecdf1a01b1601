/*
 * The statement interface: each call goes to the engine that prepared
 * the statement.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct stmt *
st_prepare(struct twr_db *db, const char *sql, struct twr_error *err)
{
	return db->ops->prepare(db, sql, err);
}

void
st_int(struct stmt *st, int i, long long v)
{
	st->ops->bind_int(st, i, v);
}

void
st_text(struct stmt *st, int i, const char *s)
{
	if (s == NULL)
		st->ops->bind_null(st, i);
	else
		st->ops->bind_text(st, i, s, 1);
}

void
st_ref(struct stmt *st, int i, const char *s)
{
	if (s == NULL)
		st->ops->bind_null(st, i);
	else
		st->ops->bind_text(st, i, s, 0);
}

void
st_opt(struct stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		st->ops->bind_null(st, i);
	else
		st->ops->bind_text(st, i, s, 1);
}

void
st_null(struct stmt *st, int i)
{
	st->ops->bind_null(st, i);
}

void
st_id(struct stmt *st, int i, long long id)
{
	if (id != 0)
		st->ops->bind_int(st, i, id);
	else
		st->ops->bind_null(st, i);
}

void
st_stream(struct stmt *st)
{
	if (st->ops->stream != NULL)
		st->ops->stream(st);
}

enum twr_status
st_step(struct stmt *st, struct twr_error *err)
{
	return st->ops->step(st, err);
}

enum twr_status
st_run(struct stmt *st, struct twr_error *err)
{
	enum twr_status s = st->ops->step(st, err);

	st->ops->reset(st);
	if (s == TWR_ROW || s == TWR_DONE)
		return TWR_OK;
	return s;
}

long long
st_col_int(struct stmt *st, int i)
{
	return st->ops->col_int(st, i);
}

const char *
st_col_text(struct stmt *st, int i)
{
	return st->ops->col_text(st, i);
}

int
st_col_null(struct stmt *st, int i)
{
	return st->ops->col_text(st, i) == NULL;
}

int
st_ncols(struct stmt *st)
{
	return st->ops->col_count(st);
}

void
st_reset(struct stmt *st)
{
	st->ops->reset(st);
}

void
st_free(struct stmt *st)
{
	if (st != NULL)
		st->ops->finalize(st);
}

struct stmt *
st_cached(struct twr_db *db, struct stmt **slot, const char *sql,
    struct twr_error *err)
{
	if (*slot == NULL)
		*slot = st_prepare(db, sql, err);
	else
		st_reset(*slot);
	return *slot;
}

char *
query_text(struct twr_db *db, const char *sql, long long id)
{
	struct stmt *st = st_prepare(db, sql, NULL);
	char *s = NULL;

	if (st == NULL)
		return NULL;
	st_int(st, 1, id);
	if (st_step(st, NULL) == TWR_ROW)
		s = xstrdup(st_col_text(st, 0));
	st_free(st);
	return s;
}

/* ---- bulk loading's bookkeeping ------------------------------------- */

struct store_bulk *
bulk_find(struct store_bulks *bs, const char *table)
{
	size_t i;

	for (i = 0; i < bs->n; i++)
		if (strcmp(bs->b[i].table, table) == 0)
			return &bs->b[i];
	return NULL;
}

struct store_bulk *
bulk_add(struct store_bulks *bs, const char *table, struct twr_error *err)
{
	struct store_bulk *b;

	if (bs->n == ARRAY_SIZE(bs->b)) {
		err_code(err, TWR_INTERNAL, TWR_E_INTERNAL);
		return NULL;
	}
	b = &bs->b[bs->n];
	if ((b->table = xstrdup(table)) == NULL) {
		err_nomem(err);
		return NULL;
	}
	bs->n++;
	return b;
}

int
bulk_keep(struct store_bulk *b, const char *sql)
{
	char **p = realloc(b->index_sql, (b->nindex + 1) * sizeof(*p));

	if (p == NULL)
		return -1;
	b->index_sql = p;
	if ((p[b->nindex] = xstrdup(sql)) == NULL)
		return -1;
	b->nindex++;
	return 0;
}

static void
bulk_clear(struct store_bulk *b)
{
	size_t i;

	for (i = 0; i < b->nindex; i++)
		free(b->index_sql[i]);
	free(b->index_sql);
	free(b->table);
	memset(b, 0, sizeof(*b));
}

void
bulk_drop(struct store_bulks *bs, struct store_bulk *b)
{
	if (b == NULL) {
		while (bs->n > 0)
			bulk_clear(&bs->b[--bs->n]);
		return;
	}
	bulk_clear(b);
	*b = bs->b[--bs->n];
	memset(&bs->b[bs->n], 0, sizeof(bs->b[0]));
}

/* ---- opening: what a failure says -------------------------------------- */

enum twr_status
registry_err(struct twr_error *err, enum twr_status st, enum twr_code code,
    const char *where, const char *value2, const char *detail, long long n0,
    long long n1)
{
	struct twr_msg m;

	memset(&m, 0, sizeof(m));
	m.code = code;
	m.value = where;
	m.value2 = value2;
	m.detail = detail;
	m.n[0] = n0;
	m.n[1] = n1;
	return err_msg(err, st, &m);
}

enum twr_status
open_err(struct twr_error *err, enum twr_status st, enum twr_code code,
    const char *where, const char *detail, long long n0, long long n1)
{
	return registry_err(err, st, code, where, NULL, detail, n0, n1);
}
