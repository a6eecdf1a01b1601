/*
 * The grouped reports: ties by partner country, by network, by
 * municipality (parents rolled up) and by year.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"


/*
 * Run the UNION of an agreements SELECT and a memberships SELECT (each
 * ending in "WHERE 1", filtered), wrapped as OUTER_HEAD ... OUTER_TAIL.
 */
static enum twr_status
grouped(struct twr_db *db, const struct filter *f, const char *head,
    const char *ag_sql, const char *m_sql, const char *tail,
    struct stmt **stp, struct twr_error *err)
{
	enum twr_status s = TWR_OK;
	struct qb q;

	qb_init(&q);
	qb_sql(&q, head);
	select_ties(f, TWR_LIST_AGREEMENTS, ag_sql, &q);
	qb_sql(&q, " UNION ALL ");
	select_ties(f, TWR_LIST_MEMBERSHIPS, m_sql, &q);
	qb_sql(&q, tail);
	if ((*stp = qb_prepare(db, &q, err)) == NULL)
		s = err->status;
	qb_free(&q);
	return s;
}

/* report countries of every tie, from the counts kept (the same
 * columns and order as the query over the ties below). */
#define COUNTRIES_KEPT "SELECT nullif(c.country, ''), NULL, sum(CASE WHEN " \
	"c.kind = 'sister_city' THEN c.n ELSE 0 END), sum(CASE WHEN c.kind " \
	"= 'sister_city' OR c.kind = 'membership' THEN 0 ELSE c.n END), " \
	"sum(CASE WHEN c.kind = 'membership' THEN c.n ELSE 0 END), " \
	"sum(c.n), sum(CASE WHEN c.year = 0 THEN c.n ELSE 0 END) FROM " \
	"tie_counts c GROUP BY c.country HAVING sum(c.n) <> 0 ORDER BY " \
	"sum(c.n) DESC, nullif(c.country, '')"

enum twr_status
report_countries(struct twr_db *db, const struct filter *f,
    struct twr_rows **rows, struct twr_error *err)
{
	static const char *const cols[] = { "country", "name",
	    "sister_cities", "partnerships", "memberships", "total",
	    "undated" };
	static const enum twr_type types[] = { TWR_TEXT, TWR_TEXT, TWR_INT,
	    TWR_INT, TWR_INT, TWR_INT, TWR_INT };
	struct stmt *st = NULL;
	enum twr_status s;
	struct twr_rows *tmp;

	/* Every tie: the counts kept by country. */
	if (f->every) {
		if ((st = st_prepare(db, COUNTRIES_KEPT, err)) == NULL)
			return err->status;
		s = TWR_OK;
	} else
		/* Truths are TRUE and FALSE, not 1 and 0, beside the
		   comparisons in the same columns: a store with booleans
		   must unite them. */
		s = grouped(db, f, "SELECT c, NULL, sum(sc), sum(pa), "
		    "sum(m), count(*), sum(u) FROM (",
		    "SELECT pb.country AS c, g.kind = 'sister_city' AS sc, "
		    "g.kind <> 'sister_city' AS pa, FALSE AS m, g.signed_on "
		    "IS NULL AS u FROM agreements g JOIN actors pb ON pb.id = "
		    "g.partner_id WHERE 1",
		    "SELECT n.country, FALSE, FALSE, TRUE, g.since IS NULL "
		    "FROM memberships g JOIN actors n ON n.id = g.network_id "
		    "WHERE 1",
		    ") GROUP BY c ORDER BY count(*) DESC, c", &st, err);
	if (s != TWR_OK)
		return s;
	if ((s = collect(st, 7, cols, types, &tmp, err)) != TWR_OK)
		return s;
	/* Fill in the country names. */
	{
		struct twr_rows *r = rows_new(7, cols, types, 0);
		struct twr_error e2;

		if (r == NULL) {
			twr_rows_free(tmp);
			return err_nomem(err);
		}
		while (twr_rows_next(tmp, &e2) == TWR_ROW) {
			const struct twr_row *row = twr_rows_get(tmp);
			const struct twr_country *c = row->vals[0] ?
			    country_by_code(row->vals[0]) : NULL;
			const char *v[7];
			size_t i;

			for (i = 0; i < 7; i++)
				v[i] = row->vals[i];
			v[1] = c ? c->name_en : "(unknown)";
			if (rows_add(r, v) == -1) {
				twr_rows_free(r);
				twr_rows_free(tmp);
				return err_nomem(err);
			}
		}
		twr_rows_free(tmp);
		*rows = r;
	}
	return TWR_OK;
}

enum twr_status
report_networks(struct twr_db *db, const struct filter *f,
    struct twr_rows **rows, struct twr_error *err)
{
	static const char *const cols[] = { "network", "country", "members",
	    "full", "associate", "observer", "member", "undated",
	    "first_since" };
	static const enum twr_type types[] = { TWR_TEXT, TWR_TEXT, TWR_INT,
	    TWR_INT, TWR_INT, TWR_INT, TWR_INT, TWR_INT, TWR_TEXT };
	struct stmt *st;

	if ((st = ties_query(db, f, TWR_LIST_MEMBERSHIPS, "SELECT pb.name, "
	    "pb.country, count(*), sum(g.status = 'full'), "
	    "sum(g.status = 'associate'), sum(g.status = 'observer'), "
	    "sum(g.status = 'member'), sum(g.since IS NULL), min(g.since) "
	    "FROM memberships g JOIN actors pb ON pb.id = g.network_id "
	    "WHERE 1", " GROUP BY pb.id ORDER BY count(*) DESC, pb.name COLLATE "
	    "tr, pb.id", err)) == NULL)
		return err->status;
	return collect(st, 9, cols, types, rows, err);
}

struct actor_count {
	long long id, parent, sc, pa, m, parts;
	int listed;
	char *v[4];		/* listed: name, country, kind, parent's name */
};

/* The index of actor ID in A (N of them, sorted by id), or N. */
static size_t
actor_at(const struct actor_count *a, size_t n, long long id)
{
	_Static_assert(offsetof(struct actor_count, id) == 0,
	    "an actor_count begins with its id");
	return id_search(a, n, sizeof(*a), id);
}

/* Actors in Turkish order of name, then by country (none first), then
   by id. */
static int
by_name_tr(const void *x, const void *y)
{
	const struct actor_count *a = *(const struct actor_count *const *)x;
	const struct actor_count *b = *(const struct actor_count *const *)y;
	int c;

	if ((c = collate_tr(a->v[0], strlen(a->v[0]), b->v[0],
	    strlen(b->v[0]))) != 0)
		return c;
	if (a->v[1] == NULL || b->v[1] == NULL)
		c = (a->v[1] != NULL) - (b->v[1] != NULL);
	else
		c = strcmp(a->v[1], b->v[1]);
	if (c != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * The municipalities report: each actor with a tie as party (member)
 * and every parent of one, its ties counted, and those of its parts
 * rolled up.  Every actor is read twice in the order of ids, which costs
 * less than finding those counted in SQL (a recursive walk) and sorting
 * them there: those listed are sorted here.
 */
enum twr_status
report_municipalities(struct twr_db *db, const struct filter *f,
    struct twr_rows **rows, struct twr_error *err)
{
	static const char *const cols[] = { "municipality", "country", "kind",
	    "parent", "sister_cities", "partnerships", "memberships", "total",
	    "with_parts" };
	static const enum twr_type types[] = { TWR_TEXT, TWR_TEXT, TWR_TEXT,
	    TWR_TEXT, TWR_INT, TWR_INT, TWR_INT, TWR_INT, TWR_INT };
	struct actor_count *a = NULL, **ord = NULL;
	size_t na = 0, cap = 0, nl = 0, i, j;
	struct stmt *st = NULL;
	struct twr_rows *r = NULL;
	int rc;
	enum twr_status s;

	/* Every actor and its parent, to walk up parents; then the ties'
	   counts (of every tie: the counts kept). */
	if ((st = st_prepare(db, "SELECT id, coalesce(parent_id, 0) FROM "
	    "actors ORDER BY id", err)) == NULL)
		return err->status;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		if (na == cap) {
			struct actor_count *p;

			cap = cap ? cap * 2 : 256;
			if ((p = realloc(a, cap * sizeof(*a))) == NULL) {
				s = err_nomem(err);
				goto out;
			}
			a = p;
		}
		memset(&a[na], 0, sizeof(a[na]));
		a[na].id = st_col_int(st, 0);
		a[na].parent = st_col_int(st, 1);
		na++;
	}
	if (rc != TWR_DONE) {
		s = (enum twr_status)rc;
		goto out;
	}
	st_free(st);
	st = NULL;
	if (f->every) {
		if ((st = st_prepare(db, "SELECT c.actor_id, sum(CASE WHEN "
		    "c.kind = 'sister_city' THEN c.n ELSE 0 END), sum(CASE WHEN "
		    "c.kind = 'sister_city' OR c.kind = 'membership' THEN 0 "
		    "ELSE c.n END), sum(CASE WHEN c.kind = 'membership' THEN "
		    "c.n ELSE 0 END) FROM party_counts c GROUP BY c.actor_id "
		    "HAVING sum(c.n) <> 0", err)) == NULL) {
			s = err->status;
			goto out;
		}
	} else if ((s = grouped(db, f, "SELECT p, sum(sc), sum(pa), sum(m) FROM (",
	    "SELECT g.party_id AS p, g.kind = 'sister_city' AS sc, "
	    "g.kind <> 'sister_city' AS pa, FALSE AS m FROM agreements g "
	    "WHERE 1",
	    "SELECT g.member_id, FALSE, FALSE, TRUE FROM memberships g "
	    "WHERE 1",
	    ") GROUP BY p", &st, err)) != TWR_OK)
		goto out;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		long long total;

		if ((i = actor_at(a, na, st_col_int(st, 0))) == na)
			continue;
		a[i].sc = st_col_int(st, 1);
		a[i].pa = st_col_int(st, 2);
		a[i].m = st_col_int(st, 3);
		total = a[i].sc + a[i].pa + a[i].m;
		/* Roll the total up to every ancestor. */
		for (j = 0; j < 100 && i < na; j++) {
			a[i].parts += total;
			nl += !a[i].listed;
			a[i].listed = 1;
			i = a[i].parent == 0 ? na : actor_at(a, na, a[i].parent);
		}
	}
	if (rc != TWR_DONE) {
		s = (enum twr_status)rc;
		goto out;
	}
	st_free(st);
	st = NULL;
	/* The names of those counted, then those in Turkish order. */
	if ((ord = calloc(nl + 1, sizeof(*ord))) == NULL) {
		s = err_nomem(err);
		goto out;
	}
	if ((st = st_prepare(db, "SELECT a.id, a.name, a.country, a.kind, "
	    "p.name FROM actors a LEFT JOIN actors p ON p.id = a.parent_id "
	    "ORDER BY a.id", err)) == NULL) {
		s = err->status;
		goto out;
	}
	nl = 0;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		if ((i = actor_at(a, na, st_col_int(st, 0))) == na ||
		    !a[i].listed)
			continue;
		for (j = 0; j < 4; j++)
			if (!st_col_null(st, (int)j + 1) && (a[i].v[j] =
			    strdup(st_col_text(st, (int)j + 1))) == NULL) {
				s = err_nomem(err);
				goto out;
			}
		ord[nl++] = &a[i];
	}
	if (rc != TWR_DONE) {
		s = (enum twr_status)rc;
		goto out;
	}
	qsort(ord, nl, sizeof(*ord), by_name_tr);
	if ((r = rows_new(9, cols, types, 0)) == NULL) {
		s = err_nomem(err);
		goto out;
	}
	for (i = 0; i < nl; i++) {
		const struct actor_count *c = ord[i];
		char v4[24], v5[24], v6[24], v7[24], v8[24];
		const char *v[9];

		num(v4, c->sc);
		num(v5, c->pa);
		num(v6, c->m);
		num(v7, c->sc + c->pa + c->m);
		num(v8, c->parts);
		for (j = 0; j < 4; j++)
			v[j] = c->v[j];
		v[4] = v4;
		v[5] = v5;
		v[6] = v6;
		v[7] = v7;
		v[8] = v8;
		if (rows_add(r, v) == -1) {
			s = err_nomem(err);
			goto out;
		}
	}
	*rows = r;
	r = NULL;
	s = TWR_OK;
out:
	st_free(st);
	twr_rows_free(r);
	for (i = 0; i < na; i++)
		for (j = 0; j < 4; j++)
			free(a[i].v[j]);
	free(ord);
	free(a);
	return s;
}

/* report timeline of every tie, from the counts kept: what (0 a
 * partnership, 1 a sister city, 2 a membership), year (0 undated), the
 * number. */
#define TIMELINE_KEPT "SELECT CASE WHEN c.kind = 'membership' THEN 2 WHEN " \
	"c.kind = 'sister_city' THEN 1 ELSE 0 END, c.year, sum(c.n) FROM " \
	"tie_counts c GROUP BY 1, 2 HAVING sum(c.n) <> 0"

enum twr_status
report_timeline(struct twr_db *db, const struct twr_report_opts *o,
    const struct filter *f, struct twr_rows **rows,
    struct twr_error *err)
{
	static const char *const cols[] = { "year", "sister_cities",
	    "partnerships", "memberships", "total", "bar" };
	static const enum twr_type types[] = { TWR_TEXT, TWR_INT, TWR_INT,
	    TWR_INT, TWR_INT, TWR_BAR };
	struct { long long sc, pa, m; } *yr = NULL, und = { 0, 0, 0 };
	struct stmt *st = NULL;
	struct twr_rows *r = NULL;
	int lo = 0, hi = 0, from, to, y, rc;

	/* Agreements by kind and date in the order of the dates index (no
	   sorting), memberships by year; summed by year here. */
	{
		const char *const sql[] = {
			"SELECT g.kind = 'sister_city', g.signed_on, count(*) "
			"FROM agreements g WHERE 1",
			"SELECT 2, g.since, count(*) FROM memberships g WHERE 1",
		};
		static const char *const tail[] = { " GROUP BY g.kind, "
			"g.signed_on", " GROUP BY g.since" };
		struct { int y; long long sc, pa, m; } *got = NULL;
		size_t ng = 0, cg = 0, i;
		int t;

		for (t = 0; t < 2; t++) {
			struct twr_buf tl;

			/* Every tie: the counts kept, in one query. */
			if (f->every) {
				if (t == 1)
					break;
				if ((st = st_prepare(db, TIMELINE_KEPT, err)) ==
				    NULL)
					return err->status;
				goto rows;
			}
			buf_init(&tl);
			if (t == 0)
				buf_adds(&tl, sql_all_kinds());
			buf_adds(&tl, tail[t]);
			st = tl.oom ? NULL : ties_query(db, f, t ?
			    TWR_LIST_MEMBERSHIPS : TWR_LIST_AGREEMENTS, sql[t],
			    tl.p, err);
			if (tl.oom)
				err_nomem(err);
			buf_free(&tl);
			if (st == NULL) {
				free(got);
				return err->status;
			}
rows:
			while ((rc = st_step(st, err)) == TWR_ROW) {
				int what = st_col_int(st, 0);
				long long c = st_col_int(st, 2);

				if ((y = year_of(st_col_text(st, 1))) == 0) {
					*(what == 2 ? &und.m : what ? &und.sc :
					    &und.pa) += c;
					continue;
				}
				if (ng == 0 || got[ng - 1].y != y) {
					for (i = 0; i < ng && got[i].y != y;
					    i++)
						;
					if (i == ng) {
						if (ng == cg) {
							void *p = realloc(got,
							    (cg = cg ? cg * 2 :
							    64) * sizeof(*got));

							if (p == NULL) {
								rc = err_nomem(
								    err);
								break;
							}
							got = p;
						}
						memset(&got[ng], 0,
						    sizeof(got[0]));
						got[ng++].y = y;
					}
				} else
					i = ng - 1;
				*(what == 2 ? &got[i].m : what ? &got[i].sc :
				    &got[i].pa) += c;
			}
			st_free(st);
			if (rc != TWR_DONE) {
				free(got);
				return (enum twr_status)rc;
			}
		}
		for (i = 0; i < ng; i++) {
			if (lo == 0 || got[i].y < lo)
				lo = got[i].y;
			if (got[i].y > hi)
				hi = got[i].y;
		}
		from = o->from ? o->from : lo;
		to = o->to ? o->to : hi;
		if (from == 0 && to != 0)
			from = to;
		if (to == 0 && from != 0)
			to = from;
		if (to < from) {
			struct twr_msg m;

			free(got);
			memset(&m, 0, sizeof(m));
			m.code = TWR_E_FROM_AFTER_TO;
			m.n[0] = from;
			m.n[1] = to;
			return err_msg(err, TWR_USAGE, &m);
		}
		if (from != 0 && (yr = calloc((size_t)(to - from + 1),
		    sizeof(*yr))) == NULL) {
			free(got);
			return err_nomem(err);
		}
		for (i = 0; i < ng; i++) {
			if (got[i].y < from || got[i].y > to)
				continue;
			yr[got[i].y - from].sc += got[i].sc;
			yr[got[i].y - from].pa += got[i].pa;
			yr[got[i].y - from].m += got[i].m;
		}
		free(got);
	}
	if ((r = rows_new(6, cols, types, 0)) == NULL) {
		free(yr);
		return err_nomem(err);
	}
	rows_set_report(r, TWR_REPORT_TIMELINE, from, to);
	for (y = from; from != 0 && y <= to; y++) {
		char a[24], b[24], c[24], d[24], e[24];
		const char *v[6] = { a, b, c, d, e, e };

		snprintf(a, sizeof(a), "%04d", y);
		num(b, yr[y - from].sc);
		num(c, yr[y - from].pa);
		num(d, yr[y - from].m);
		num(e, yr[y - from].sc + yr[y - from].pa + yr[y - from].m);
		if (rows_add(r, v) == -1)
			goto oom;
	}
	{
		char b[24], c[24], d[24], e[24];
		const char *v[6] = { "undated", b, c, d, e, e };

		num(b, und.sc);
		num(c, und.pa);
		num(d, und.m);
		num(e, und.sc + und.pa + und.m);
		if (rows_add(r, v) == -1)
			goto oom;
	}
	free(yr);
	*rows = r;
	return TWR_OK;
oom:
	free(yr);
	twr_rows_free(r);
	return err_nomem(err);
}

