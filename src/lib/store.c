/*
 * The statement interface: each call goes to the engine that prepared
 * the statement.
 */
#include <stddef.h>

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
