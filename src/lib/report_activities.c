/*
 * The activities report: what the actors the filters select did, by
 * municipality, by type, by partner country and by tie, and the ties in
 * force that had none: the international chapter of a municipality's
 * annual activity report (faaliyet raporu).  With a year, each figure
 * stands beside the year before; without, every activity counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "vocab.h"

/* An activity's partner country: its tie's other party's, else its
   first partner's, else its place's when abroad; none for what an actor
   did at home alone. */
#define PARTNER_COUNTRY "coalesce(pb.country, (SELECT min(x.country) FROM " \
	"activity_partners ap JOIN actors x ON x.id = ap.actor_id WHERE " \
	"ap.activity_id = g.id), CASE WHEN g.place_country IS NOT " \
	"pa.country THEN g.place_country END)"

/* A tie as the report names it: "Party - Partner, kind (id)". */
#define TIE_LABEL(kind) "pa.name || ' - ' || pb.name || ', ' || " kind " || " \
	"' (' || g.id || ')'"

struct counts {
	struct tally munic, type, country, tie;
};

static void
counts_free(struct counts *c)
{
	tally_free(&c->munic);
	tally_free(&c->type);
	tally_free(&c->country);
	tally_free(&c->tie);
}

/* Does F name actors (a municipality, a partner, a network, a country),
   whose ties are few enough to test one by one, rather than every tie? */
static int
few_actors(const struct filter *f)
{
	return f->mun.n > 0 || f->partner.n > 0 || f->network.n > 0 ||
	    f->cc[0] != '\0';
}

/* Count every activity F selects, dated in Y or Y - 1 (Y 0: any). */
static enum twr_status
count_activities(struct twr_db *db, const struct filter *f, int y,
    struct counts *c, struct twr_error *err)
{
	enum twr_status rc;
	struct stmt *st;
	char label[512], cl[160];
	long long *n;
	size_t k;
	int j;

	for (k = 0; k < vocab_count(TWR_V_ACTIVITY_TYPE); k++)
		if (tally_at(&c->type, vocab_word(TWR_V_ACTIVITY_TYPE, k)) ==
		    NULL)
			return err_nomem(err);
	if ((st = ties_query(db, f, TWR_LIST_ACTIVITIES, "SELECT "
	    SQL_LABEL("pa") ", g.type, " PARTNER_COUNTRY ", pb.name, "
	    "coalesce(t.kind, CASE WHEN tm.id IS NOT NULL THEN 'membership' "
	    "END), g.tie_id, g.date, pa.name FROM " ACTIVITY_FROM " WHERE 1",
	    NULL, err)) == NULL)
		return err->status;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		j = y == 0 ? 0 : year_of(st_col_text(st, 6)) == y ? 0 : 1;
		if (st_col_null(st, 2))
			snprintf(cl, sizeof(cl), "(none)");
		else
			country_label(st_col_text(st, 2), cl, sizeof(cl));
		if ((n = tally_at(&c->munic, st_col_text(st, 0))) == NULL)
			goto oom;
		n[j]++;
		if ((n = tally_at(&c->type, st_col_text(st, 1))) == NULL)
			goto oom;
		n[j]++;
		if ((n = tally_at(&c->country, cl)) == NULL)
			goto oom;
		n[j]++;
		if (st_col_null(st, 5))
			continue;
		snprintf(label, sizeof(label), "%s - %s, %s (%s)",
		    st_col_text(st, 7), st_col_text(st, 3), st_col_text(st, 4),
		    st_col_text(st, 5));
		if ((n = tally_at(&c->tie, label)) == NULL)
			goto oom;
		n[j]++;
	}
	st_free(st);
	return rc == TWR_DONE ? TWR_OK : rc;
oom:
	st_free(st);
	return err_nomem(err);
}

/* The ties F selects in force at the end of Y (Y 0: today's, all of
   them) with no activity in Y (Y 0: none at all), as rows of SEC. */
static enum twr_status
idle_ties(struct twr_db *db, const struct filter *f, int y,
    struct twr_rows *r, struct twr_error *err)
{
	static const char *const sql[2] = {
		"SELECT " TIE_LABEL("g.kind") " FROM agreements g JOIN actors "
		"pa ON pa.id = g.party_id JOIN actors pb ON pb.id = "
		"g.partner_id WHERE 1",
		"SELECT " TIE_LABEL("'membership'") " FROM memberships g JOIN "
		"actors pa ON pa.id = g.member_id JOIN actors pb ON pb.id = "
		"g.network_id WHERE 1",
	};
	struct filter ties = *f;
	enum twr_status rc = TWR_OK;
	long long total = 0;
	struct stmt *st;
	struct qb q;
	int t;
	/* A year's report on every tie (no actor named) or on a few. */
	int every = y != 0 && !few_actors(f);

	/* In force at the end of the year, or today: its dates are not the
	   span. */
	ties.every = 0;
	ties.from[0] = ties.to[0] = '\0';
	if (y != 0)
		snprintf(ties.as_of, sizeof(ties.as_of), "%04d", (y + 1) %
		    10000);
	else if (f->f->today != NULL) {
		char day[DATE_MAX], next[DATE_MAX];

		if (twr_date_parse(f->f->today, day) == 0) {
			date_after(day, next);
			date_bound(next, ties.as_of);
		}
	}
	for (t = 0; t < 2 && rc == TWR_OK; t++) {
		qb_init(&q);
		select_ties(&ties, t ? TWR_LIST_MEMBERSHIPS :
		    TWR_LIST_AGREEMENTS, sql[t], &q);
		if (every) {
			/* The year's activities, once: the ties are read in
			   the dates index's order, and a probe of
			   activities_tie a tie would jump about it (a
			   million ties: 4.0 s, against 1.1 s). */
			qb_sql(&q, " AND g.id NOT IN (SELECT a.tie_id FROM "
			    "activities a WHERE a.tie_id IS NOT NULL");
		} else
			qb_sql(&q, " AND NOT EXISTS (SELECT 1 FROM activities "
			    "a WHERE a.tie_id = g.id");
		if (y != 0) {
			char a[8], b[8];

			snprintf(a, sizeof(a), "%04d", y % 10000);
			snprintf(b, sizeof(b), "%04d", (y + 1) % 10000);
			qb_sql(&q, " AND a.date >= ");
			qb_text(&q, a);
			qb_sql(&q, " AND a.date < ");
			qb_text(&q, b);
		}
		qb_sql(&q, ") ORDER BY pa.name COLLATE tr, pb.name COLLATE tr, "
		    "g.id");
		st = qb_prepare(db, &q, err);
		qb_free(&q);
		if (st == NULL)
			return err->status;
		while ((rc = st_step(st, err)) == TWR_ROW) {
			if (fig_row(r, "ties_without_activity",
			    st_col_text(st, 0), 1, -1) == -1) {
				st_free(st);
				return err_nomem(err);
			}
			total++;
		}
		st_free(st);
		rc = rc == TWR_DONE ? TWR_OK : rc;
	}
	if (rc == TWR_OK && fig_row(r, "ties_without_activity", "total",
	    total, -1) == -1)
		return err_nomem(err);
	return rc;
}

enum twr_status
report_activities(struct twr_db *db, int y, const struct filter *f,
    struct twr_rows **rows, struct twr_error *err)
{
	struct filter span = *f;
	struct twr_rows *r = NULL;
	struct counts c;
	enum twr_status s;
	size_t k, nt = vocab_count(TWR_V_ACTIVITY_TYPE);
	long long sum[2] = { 0, 0 };
	int prev = y != 0, fail = 0;

	memset(&c, 0, sizeof(c));
	/* The activities of the year and the year before, by date. */
	if (y != 0) {
		span.every = 0;
		snprintf(span.from, sizeof(span.from), "%04d", (y - 1) % 10000);
		snprintf(span.to, sizeof(span.to), "%04d", (y + 1) % 10000);
	}
	if ((s = count_activities(db, &span, y, &c, err)) != TWR_OK)
		goto out;
	if ((r = rows_new(5, fig_cols, fig_types, TWR_ROWS_SECTIONED)) ==
	    NULL) {
		s = err_nomem(err);
		goto out;
	}
	rows_set_report(r, TWR_REPORT_ACTIVITIES, y ? y - 1 : 0, y);
	fail = emit_tally(r, "by_municipality", &c.munic, by_key_tr, 1,
	    prev) == -1;
	/* Types in their fixed order, with zeros. */
	for (k = 0; k < nt && !fail; k++) {
		fail = fig_row(r, "by_type", c.type.keys[k], c.type.n[k][0],
		    prev ? c.type.n[k][1] : -1) == -1;
		sum[0] += c.type.n[k][0];
		sum[1] += c.type.n[k][1];
	}
	fail = fail || fig_row(r, "by_type", "total", sum[0], prev ? sum[1] :
	    -1) == -1;
	fail = fail || emit_tally(r, "by_partner_country", &c.country,
	    by_count, 1, prev) == -1;
	fail = fail || emit_tally(r, "by_tie", &c.tie, by_count, 1,
	    prev) == -1;
	if (fail) {
		s = err_nomem(err);
		goto out;
	}
	if ((s = idle_ties(db, f, y, r, err)) != TWR_OK)
		goto out;
	*rows = r;
	r = NULL;
out:
	twr_rows_free(r);
	counts_free(&c);
	return s;
}

/* Run Q (freed), a count, and add SIGN times it to *N. */
static enum twr_status
add_count(struct twr_db *db, struct qb *q, int sign, long long *n,
    struct twr_error *err)
{
	enum twr_status rc;
	struct stmt *st;

	st = qb_prepare(db, q, err);
	qb_free(q);
	if (st == NULL)
		return err->status;
	if ((rc = st_step(st, err)) == TWR_ROW)
		*n += sign * st_col_int(st, 0);
	st_free(st);
	return rc == TWR_ROW ? TWR_OK : rc;
}

/* The number of ties F selects (both kinds), into *N; with LO, those
   with an activity dated from LO to before HI: the agreements found from
   the activities of those dates (ties are many), each membership by its
   own activities (memberships are few, a year's activities many). */
static enum twr_status
count_ties(struct twr_db *db, const struct filter *f, const char *lo,
    const char *hi, long long *n, struct twr_error *err)
{
	static const char *const head[2] = {
		"SELECT count(*) FROM agreements g WHERE 1",
		"SELECT count(*) FROM memberships g WHERE 1",
	};
	enum twr_status rc;
	struct qb q;
	int t;

	*n = 0;
	for (t = 0; t < 2; t++) {
		qb_init(&q);
		select_ties(f, t ? TWR_LIST_MEMBERSHIPS : TWR_LIST_AGREEMENTS,
		    head[t], &q);
		if (lo != NULL) {
			qb_sql(&q, t ? " AND EXISTS (SELECT 1 FROM activities "
			    "a WHERE a.tie_id = g.id AND a.date >= " : " AND g.id "
			    "IN (SELECT tie_id FROM activities WHERE tie_id IS NOT "
			    "NULL AND date >= ");
			qb_text(&q, lo);
			qb_sql(&q, t ? " AND a.date < " : " AND date < ");
			qb_text(&q, hi);
			qb_sql(&q, ")");
		}
		if ((rc = add_count(db, &q, 1, n, err)) != TWR_OK)
			return rc;
	}
	return TWR_OK;
}

/* A date of W's year (Y) before W, a whole date, at the date's own
 * precision, as count_dormant's C1 compares: the year alone is not
 * before it, a month before W's month is, and a day before W.  As a
 * range of the dates index: after the year alone, before W, not W's
 * month alone. */
static void
early_in_year(struct qb *q, const char *y, const char *w)
{
	qb_sql(q, "g.signed_on > ");
	qb_text(q, y);
	qb_sql(q, " AND g.signed_on < ");
	qb_text(q, w);
	qb_sql(q, " AND g.signed_on <> substr(");
	qb_text(q, w);
	qb_sql(q, ", 1, 7)");
}

/*
 * For every tie (E selects all, as of the end of a year, with a window),
 * add to *N the agreements in force and not begun in the window, as
 * count_dormant's C1 counts them, without reading every tie: those
 * signed before the window's year or undated (the counts kept) and
 * those of the window's year signed before its last day (a year's
 * range of the dates index, read without its columns), less those of
 * them not in force (from the exceptions index: every exception less
 * those in force).
 */
static enum twr_status
alive_before_window(struct twr_db *db, const struct filter *e,
    long long *n, struct twr_error *err)
{
	static const char head[] = "SELECT count(*) FROM agreements g WHERE 1";
	struct filter any = *e, alive = *e;
	enum twr_status rc;
	struct stmt *st;
	char w[8];
	struct qb q;
	int i;

	snprintf(w, sizeof(w), "%.4s", e->window);
	if ((st = st_prepare(db, "SELECT sum(c.n) FROM tie_counts c WHERE "
	    "c.kind <> 'membership' AND c.year < ?1", err)) == NULL)
		return err->status;
	st_int(st, 1, atoi(w));
	if ((rc = st_step(st, err)) == TWR_ROW)
		*n += st_col_int(st, 0);
	st_free(st);
	if (rc != TWR_ROW)
		return rc;
	/* The window's year, every tie. */
	any.window[0] = any.as_of[0] = '\0';
	snprintf(any.from, sizeof(any.from), "%s", w);
	snprintf(any.to, sizeof(any.to), "%04d", (atoi(w) + 1) % 10000);
	qb_init(&q);
	select_ties(&any, TWR_LIST_AGREEMENTS, head, &q);
	qb_sql(&q, " AND ");
	early_in_year(&q, w, e->window);
	if ((rc = add_count(db, &q, 1, n, err)) != TWR_OK)
		return rc;
	/* Exceptions of both, then those in force (E's as of). */
	any.from[0] = any.to[0] = '\0';
	alive.window[0] = '\0';
	for (i = 0; i < 2; i++) {
		qb_init(&q);
		select_ties(i ? &alive : &any, TWR_LIST_AGREEMENTS, head, &q);
		qb_sql(&q, " AND (" EXCEPTIONS ") AND (g.signed_on IS NULL OR "
		    "g.signed_on < ");
		qb_text(&q, w);
		qb_sql(&q, " OR ");
		early_in_year(&q, w, e->window);
		qb_sql(&q, ")");
		if ((rc = add_count(db, &q, i ? 1 : -1, n, err)) != TWR_OK)
			return rc;
	}
	return TWR_OK;
}

/*
 * The number of ties E selects that are dormant (E has a window), into
 * *N, for many ties (no actor or country among E's filters), as those
 * in force and not begun in the window (C1: one read of
 * the dates index) less those of them with an activity in the window
 * or, undated, an undated one (C2: found from the activities of the
 * window, by id).  The same ties as filter_sql's dormancy test, whose
 * NOT EXISTS for every tie in force costs an index search a tie.
 */
static enum twr_status
count_dormant(struct twr_db *db, const struct filter *e, int every,
    long long *n, struct twr_error *err)
{
	static const char *const head[2] = {
		"SELECT count(*) FROM agreements g WHERE 1",
		"SELECT count(*) FROM memberships g WHERE 1",
	};
	static const char *const date_col[2] = { "g.signed_on", "g.since" };
	struct filter alive = *e;
	enum twr_status rc;
	struct qb q;
	int t, c;

	*n = 0;
	alive.window[0] = '\0';
	for (t = 0; t < 2; t++)
		for (c = 0; c < 2; c++) {
			const char *d = date_col[t];

			if (every && t == 0 && c == 0) {
				if ((rc = alive_before_window(db, e, n, err)) !=
				    TWR_OK)
					return rc;
				continue;
			}
			qb_init(&q);
			select_ties(&alive, t ? TWR_LIST_MEMBERSHIPS :
			    TWR_LIST_AGREEMENTS, head[t], &q);
			qb_sql(&q, " AND NOT (");
			qb_sql(&q, d);
			qb_sql(&q, " IS NOT NULL AND ");
			qb_sql(&q, d);
			qb_sql(&q, " >= substr(");
			qb_text(&q, e->window);
			qb_sql(&q, ", 1, length(");
			qb_sql(&q, d);
			qb_sql(&q, ")))");
			if (c == 1 && t == 0) {
				/* The agreements found from the activities
				   (a date of any precision in the window is
				   at least the window's year); memberships,
				   few, each by its own. */
				qb_sql(&q, " AND g.id IN (SELECT tie_id FROM "
				    "activities WHERE date >= substr(");
				qb_text(&q, e->window);
				qb_sql(&q, ", 1, 4) AND date < ");
				qb_text(&q, e->dormant_end);
				qb_sql(&q, " UNION ALL SELECT tie_id FROM "
				    "activities WHERE date IS NULL)");
			}
			if (c == 1) {
				qb_sql(&q, " AND (EXISTS (SELECT 1 FROM "
				    "activities a WHERE a.tie_id = g.id AND "
				    "a.date >= substr(");
				qb_text(&q, e->window);
				qb_sql(&q, ", 1, length(a.date)) AND a.date < ");
				qb_text(&q, e->dormant_end);
				qb_sql(&q, ") OR ");
				qb_sql(&q, d);
				qb_sql(&q, " IS NULL AND EXISTS (SELECT 1 FROM "
				    "activities a WHERE a.tie_id = g.id AND "
				    "a.date IS NULL))");
			}
			if ((rc = add_count(db, &q, c ? -1 : 1, n, err)) !=
			    TWR_OK)
				return rc;
		}
	return TWR_OK;
}

/* F as of the end of year Y: in force then, and for dormancy the three
   years up to its last day. */
static struct filter
end_of(const struct filter *f, int y)
{
	struct filter e = *f;

	e.every = 0;
	e.from[0] = e.to[0] = '\0';
	snprintf(e.as_of, sizeof(e.as_of), "%04d", (y + 1) % 10000);
	snprintf(e.window, sizeof(e.window), "%04u-12-31", (unsigned)(y - 3) %
	    10000u);
	snprintf(e.dormant_end, sizeof(e.dormant_end), "%04d", (y + 1) %
	    10000);
	return e;
}

enum twr_status
yearly_activities(struct twr_db *db, const struct filter *f, int y,
    struct twr_rows *r, struct twr_error *err)
{
	struct filter span = *f, e;
	enum twr_status s = TWR_OK;
	struct counts c;
	long long sum[2] = { 0, 0 }, n[2];
	char lo[8], hi[8];
	size_t k, nt = vocab_count(TWR_V_ACTIVITY_TYPE);
	int j;

	memset(&c, 0, sizeof(c));
	span.every = 0;
	snprintf(span.from, sizeof(span.from), "%04d", (y - 1) % 10000);
	snprintf(span.to, sizeof(span.to), "%04d", (y + 1) % 10000);
	if ((s = count_activities(db, &span, y, &c, err)) != TWR_OK)
		goto out;
	for (k = 0; k < nt && s == TWR_OK; k++) {
		if (fig_row(r, "activities_by_type", c.type.keys[k],
		    c.type.n[k][0], c.type.n[k][1]) == -1)
			s = err_nomem(err);
		sum[0] += c.type.n[k][0];
		sum[1] += c.type.n[k][1];
	}
	if (s == TWR_OK && fig_row(r, "activities_by_type", "total", sum[0],
	    sum[1]) == -1)
		s = err_nomem(err);
	/* Ties with an activity in the year, in force at its end or not,
	   and those dormant at its end. */
	for (j = 0; j < 2 && s == TWR_OK; j++) {
		snprintf(lo, sizeof(lo), "%04d", (y - j) % 10000);
		snprintf(hi, sizeof(hi), "%04d", (y - j + 1) % 10000);
		s = count_ties(db, f, lo, hi, &n[j], err);
	}
	if (s == TWR_OK && fig_row(r, "ties_with_activity", "total", n[0],
	    n[1]) == -1)
		s = err_nomem(err);
	for (j = 0; j < 2 && s == TWR_OK; j++) {
		e = end_of(f, y - j);
		/* Ties of a few actors: the test a tie costs less. */
		s = few_actors(f) ? count_ties(db, &e, NULL, NULL,
		    &n[j], err) : count_dormant(db, &e, f->every, &n[j], err);
	}
	if (s == TWR_OK && fig_row(r, "ties_dormant_at_end", "total", n[0],
	    n[1]) == -1)
		s = err_nomem(err);
out:
	counts_free(&c);
	return s;
}
