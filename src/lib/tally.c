/*
 * Summary reports: what they share (tally.c), the yearly report
 * (report_yearly.c), the grouped ones (report_groups.c), and the one
 * entry (report.c).  Each is one
 * table of stable columns; the yearly report has several sections and a
 * `section` column.  Ties with no known date are counted in an explicit
 * `undated` row or column, never dropped; a date known only to the year
 * or month counts in that year.
 *
 * The filters of `list` select the ties; a filter that applies only to
 * agreements (--kind, --topic) leaves memberships out, and one that
 * applies only to memberships (--network) leaves agreements out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "vocab.h"

void
num(char *buf, long long v)
{
	/* By hand: a report makes three a row, and snprintf cost a
	   tenth of report yearly's time. */
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v :
	    (unsigned long long)v;
	char tmp[24], *p = tmp + sizeof(tmp);

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	memcpy(buf, p, (size_t)(tmp + sizeof(tmp) - p));
}

int
year_of(const char *d)
{
	return d != NULL ? atoi(d) : 0;
}

const char *
country_label(const char *code, char *buf, size_t size)
{
	const struct twr_country *c = code ? country_by_code(code) : NULL;

	if (c == NULL)
		snprintf(buf, size, "(unknown)");
	else
		snprintf(buf, size, "%s (%s)", c->name_en, c->code);
	return buf;
}

const char *
sql_all_kinds(void)
{
	static char sql[256];
	size_t i, n, len;

	if (sql[0] != '\0')
		return sql;
	len = (size_t)snprintf(sql, sizeof(sql), " AND g.kind IN (");
	n = vocab_count(TWR_V_AGREEMENT_KIND);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s'%s'",
		    i ? ", " : "", vocab_word(TWR_V_AGREEMENT_KIND, i));
	snprintf(sql + len, sizeof(sql) - len, ")");
	return sql;
}

const char *const fig_cols[] = { "section", "key", "count", "previous",
	"change" };
const enum twr_type fig_types[] = { TWR_TEXT, TWR_TEXT, TWR_INT, TWR_INT,
	TWR_INT };

/* Add a row of SEC, KEY and figures COUNT, PREV, COUNT - PREV (PREV < 0:
 * no previous year, all NULL). */
int
fig_row(struct twr_rows *r, const char *sec, const char *key, long long cnt,
    long long prev)
{
	char a[24], b[24], c[24];
	const char *v[5] = { sec, key, a, prev < 0 ? NULL : b,
		prev < 0 ? NULL : c };

	num(a, cnt);
	num(b, prev);
	num(c, cnt - prev);
	return rows_add(r, v);
}

/* ---- yearly -------------------------------------------------------------- */


long long *
tally_at(struct tally *t, const char *key)
{
	size_t klen = strlen(key);
	int64_t i;

	if (map_get(&t->at, key, klen, &i))
		return t->n[i];
	if (map_put(&t->at, key, klen, (int64_t)t->len) == -1)
		return NULL;
	if (t->len == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		char **k = realloc(t->keys, cap * sizeof(*k));
		long long (*n)[2] = k ? realloc(t->n, cap * sizeof(*n)) : NULL;

		if (k != NULL)
			t->keys = k;
		if (n == NULL)
			return NULL;
		t->n = n;
		t->cap = cap;
	}
	if ((t->keys[t->len] = xstrdup(key)) == NULL)
		return NULL;
	t->n[t->len][0] = t->n[t->len][1] = 0;
	return t->n[t->len++];
}

int
tally_add(struct tally *t, const char *key, const long long v[2])
{
	long long *n;

	if ((n = tally_at(t, key)) == NULL)
		return -1;
	n[0] += v[0];
	n[1] += v[1];
	return 0;
}

void
tally_free(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->len; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->n);
	map_free(&t->at);
	memset(t, 0, sizeof(*t));
}

/* Sort keys: most in the year first, then by key in Turkish order. */
static const struct tally *sort_tally;

int
by_count(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const long long *x = sort_tally->n[i], *y = sort_tally->n[j];

	if (x[0] != y[0])
		return x[0] > y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] > y[1] ? -1 : 1;
	return collate_tr(sort_tally->keys[i], strlen(sort_tally->keys[i]),
	    sort_tally->keys[j], strlen(sort_tally->keys[j]));
}

int
by_key_tr(const void *a, const void *b)
{
	const char *x = sort_tally->keys[*(const size_t *)a];
	const char *y = sort_tally->keys[*(const size_t *)b];

	return collate_tr(x, strlen(x), y, strlen(y));
}

/* Emit T as rows of SEC with a total, ordered by CMP. */
int
emit_tally(struct twr_rows *r, const char *sec, struct tally *t,
    int (*cmp)(const void *, const void *), int total, int prev)
{
	size_t *ord = calloc(t->len + 1, sizeof(*ord)), i;
	long long sum[2] = { 0, 0 };
	int rc = 0;

	if (ord == NULL)
		return -1;
	for (i = 0; i < t->len; i++)
		ord[i] = i;
	sort_tally = t;
	qsort(ord, t->len, sizeof(*ord), cmp);
	for (i = 0; i < t->len && rc == 0; i++) {
		const long long *n = t->n[ord[i]];

		if (n[0] == 0 && n[1] == 0)
			continue;
		rc = fig_row(r, sec, t->keys[ord[i]], n[0], prev ? n[1] : -1);
		sum[0] += n[0];
		sum[1] += n[1];
	}
	if (rc == 0 && total)
		rc = fig_row(r, sec, "total", sum[0], prev ? sum[1] : -1);
	free(ord);
	return rc;
}


void
names_free(struct actor_names *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->label[i]);
		free(a->country[i]);
	}
	free(a->id);
	free(a->label);
	free(a->country);
	free(a->pos);
	memset(a, 0, sizeof(*a));
}

/* Grow A's arrays to hold CAP actors; -1 when out of memory (A is
   whole, to be freed). */
static int
names_grow(struct actor_names *a, size_t cap)
{
	long long *id;
	char **label, **country;

	if ((id = realloc(a->id, cap * sizeof(*id))) == NULL)
		return -1;
	a->id = id;
	if ((label = realloc(a->label, cap * sizeof(*label))) == NULL)
		return -1;
	a->label = label;
	if ((country = realloc(a->country, cap * sizeof(*country))) == NULL)
		return -1;
	a->country = country;
	return 0;
}

enum twr_status
names_load(struct twr_db *db, struct actor_names *a, struct twr_error *err)
{
	enum twr_status s = TWR_OK;
	struct stmt *st;
	size_t cap = 0;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((st = st_prepare(db, "SELECT g.id, " SQL_LABEL("g") ", g.country "
	    "FROM actors g ORDER BY g.id", err)) == NULL)
		return err->status;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		if (a->n == cap && names_grow(a, cap = cap ? cap * 2 : 256) ==
		    -1) {
			s = err_nomem(err);
			break;
		}
		a->id[a->n] = st_col_int(st, 0);
		a->label[a->n] = xstrdup(st_col_text(st, 1));
		a->country[a->n] = xstrdup(st_col_text(st, 2));
		a->n++;
		if (a->label[a->n - 1] == NULL || (a->country[a->n - 1] ==
		    NULL && !st_col_null(st, 2))) {
			s = err_nomem(err);
			break;
		}
	}
	st_free(st);
	if (s == TWR_OK && rc != TWR_DONE)
		s = (enum twr_status)rc;
	if (s != TWR_OK) {
		names_free(a);
		return s;
	}
	names_index(a);
	return TWR_OK;
}

void
names_index(struct actor_names *a)
{
	unsigned long long span;
	size_t i;

	if (a->n == 0)
		return;
	/* In unsigned arithmetic: ids may be any 64-bit numbers. */
	span = (unsigned long long)a->id[a->n - 1] -
	    (unsigned long long)a->id[0] + 1;
	if (span == 0 || span / 4 >= a->n || (a->pos = malloc((size_t)span *
	    sizeof(*a->pos))) == NULL)
		return;
	a->lo = a->id[0];
	a->span = (size_t)span;
	for (i = 0; i < a->span; i++)
		a->pos[i] = -1;
	for (i = 0; i < a->n; i++)
		a->pos[(unsigned long long)a->id[i] -
		    (unsigned long long)a->lo] = (long)i;
}

/* The index of actor ID in A, or -1. */
long
names_at(const struct actor_names *a, long long id)
{
	size_t i;

	if (a->pos != NULL) {
		unsigned long long d = (unsigned long long)id -
		    (unsigned long long)a->lo;

		return d < a->span ? a->pos[d] : -1;
	}
	i = id_search(a->id, a->n, sizeof(*a->id), id);
	return i < a->n ? (long)i : -1;
}

/* Copy every row of ST into a new rows object of N columns. */
enum twr_status
collect(struct stmt *st, size_t n,
    const char *const *names, const enum twr_type *types,
    struct twr_rows **rows, struct twr_error *err)
{
	struct twr_rows *r = rows_new(n, names, types, 0);
	const char *v[16];
	size_t i;
	int rc;

	if (r == NULL) {
		st_free(st);
		return err_nomem(err);
	}
	while ((rc = st_step(st, err)) == TWR_ROW) {
		for (i = 0; i < n; i++)
			v[i] = st_col_text(st, (int)i);
		if (rows_add(r, v) == -1) {
			rc = err_nomem(err);
			break;
		}
	}
	st_free(st);
	if (rc != TWR_DONE) {
		twr_rows_free(r);
		return (enum twr_status)rc;
	}
	*rows = r;
	return TWR_OK;
}

/* Start Q with SELECT_SQL (ending in "WHERE 1") and F's conditions for
 * WHAT, or no rows when F does not apply to WHAT. */
void
select_ties(const struct filter *f, enum twr_list_what what,
    const char *select_sql, struct qb *q)
{
	qb_sql(q, select_sql);
	if (!filter_applies(f, what))
		qb_sql(q, " AND 0");
	else
		filter_sql(f, what, 1, q);
}

struct stmt *
ties_query(struct twr_db *db, const struct filter *f,
    enum twr_list_what what, const char *select_sql, const char *tail,
    struct twr_error *err)
{
	struct stmt *st;
	struct qb q;

	qb_init(&q);
	select_ties(f, what, select_sql, &q);
	if (tail != NULL)
		qb_sql(&q, tail);
	st = qb_prepare(db, &q, err);
	qb_free(&q);
	return st;
}

