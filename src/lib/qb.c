/*
 * Building queries: SQL text from fixed pieces, values only as bound
 * parameters.
 */
#include <stdlib.h>
#include <string.h>

#include "qb.h"

void
qb_init(struct qb *q)
{
	memset(q, 0, sizeof(*q));
	buf_init(&q->sql);
}

void
qb_free(struct qb *q)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		free(q->binds[i].s);
	free(q->binds);
	buf_free(&q->sql);
}

void
qb_sql(struct qb *q, const char *sql)
{
	buf_adds(&q->sql, sql);
}

static struct qbind *
qb_bind(struct qb *q)
{
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 16;
		struct qbind *b = realloc(q->binds, cap * sizeof(*b));

		if (b == NULL) {
			q->sql.oom = 1;
			return NULL;
		}
		q->binds = b;
		q->cap = cap;
	}
	memset(&q->binds[q->n], 0, sizeof(q->binds[0]));
	return &q->binds[q->n++];
}

/* A new parameter in the SQL text.  (A plain "?" unless it must be
   numbered: SQLite looks each "?N" up in a list as it compiles.) */
static struct qbind *
qb_new(struct qb *q)
{
	if (q->numbered)
		buf_printf(&q->sql, "?%zu", q->n + 1);
	else
		buf_adds(&q->sql, "?");
	return qb_bind(q);
}

void
qb_int(struct qb *q, long long v)
{
	struct qbind *b = qb_new(q);

	if (b != NULL) {
		b->is_int = 1;
		b->i = v;
	}
}

void
qb_text(struct qb *q, const char *s)
{
	struct qbind *b = qb_new(q);

	if (b != NULL && (b->s = xstrdup(s)) == NULL)
		q->sql.oom = 1;
}

void
qb_arg(struct qb *q, const char *s)
{
	struct qbind *b;

	q->numbered = 1;
	b = qb_bind(q);

	if (b != NULL && (b->s = xstrdup(s)) == NULL)
		q->sql.oom = 1;
}

struct stmt *
qb_prepare(struct twr_db *db, struct qb *q, struct twr_error *err)
{
	struct stmt *st;
	size_t i;

	if (q->sql.oom) {
		err_nomem(err);
		return NULL;
	}
	if ((st = st_prepare(db, buf_str(&q->sql), err)) == NULL)
		return NULL;
	for (i = 0; i < q->n; i++) {
		if (q->binds[i].is_int)
			st_int(st, (int)i + 1, q->binds[i].i);
		else
			st_text(st, (int)i + 1, q->binds[i].s);
	}
	return st;
}

void
qb_ids(struct qb *q, const long long *ids, size_t n)
{
	size_t i;

	/* No ids: a list no store refuses ("IN ()" is SQLite's only). */
	if (n == 0) {
		qb_sql(q, " IN (SELECT 0 WHERE 1 = 0)");
		return;
	}
	qb_sql(q, " IN (");
	for (i = 0; i < n; i++) {
		qb_sql(q, i ? ", " : "");
		qb_int(q, ids[i]);
	}
	qb_sql(q, ")");
}
