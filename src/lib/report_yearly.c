/*
 * The yearly report: what was signed in a year, begun and ended, in
 * force at its end, the partner countries new in it, and the counts by
 * municipality, each beside the year before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "vocab.h"

/* The parameters of in_force()'s queries: the years after Y and after
 * the year before, as text ("2012" and "2011" for Y 2011). */
#define AFTER_Y "?1"
#define AFTER_PREV "?2"
/* "In force at the end of the year before A" for an agreement g, in SQL:
 * A is the parameter of the next year; dates compare as text at any
 * precision.  Every part is true or false, never NULL, so that NOT and
 * sum() count. */
#define IN_FORCE(a) \
	"(g.status <> 'planned' AND (g.signed_on IS NULL OR g.signed_on < " \
	a ") AND (g.ended_on IS NOT NULL AND g.ended_on >= " a " OR " \
	"g.ended_on IS NULL AND g.status <> 'ended'))"


/* Add the rows of ST (freed), a key and two counts, times SIGN to T. */
static enum twr_status
add_rows(struct stmt *st, int sign, struct tally *t, struct twr_error *err)
{
	long long *n;
	int rc;

	while ((rc = st_step(st, err)) == TWR_ROW) {
		const char *key = st_col_text(st, 0);

		if ((n = tally_at(t, key)) == NULL) {
			st_free(st);
			return err_nomem(err);
		}
		n[0] += sign * st_col_int(st, 1);
		n[1] += sign * st_col_int(st, 2);
	}
	st_free(st);
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

/*
 * Run SQL (rows of a key and two counts, for year Y and the year before;
 * AFTER_Y and AFTER_PREV name Y + 1 and Y) over the ties F selects, with
 * EXTRA; add the counts times SIGN to T.
 */
static enum twr_status
in_force(struct twr_db *db, const struct filter *f, int y,
    const char *sql, const char *extra, int sign, struct tally *t,
    struct twr_error *err)
{
	struct stmt *st = NULL;
	char after[2][16];
	struct qb q;

	snprintf(after[0], sizeof(after[0]), "%04d", y + 1);
	snprintf(after[1], sizeof(after[1]), "%04d", y);
	qb_init(&q);
	qb_arg(&q, after[0]);
	qb_arg(&q, after[1]);
	select_ties(f, TWR_LIST_AGREEMENTS, sql, &q);
	if (extra != NULL)
		qb_sql(&q, extra);
	qb_sql(&q, " GROUP BY 1");
	st = qb_prepare(db, &q, err);
	qb_free(&q);
	if (st == NULL)
		return err->status;
	return add_rows(st, sign, t, err);
}

/*
 * The counts kept (tie_counts) of every tie by SQL (rows of a key and
 * two counts; ?1 is Y, ?2 the year before, unless Y is 0), added to T.
 */
static enum twr_status
kept(struct twr_db *db, int y, const char *sql, struct tally *t,
    struct twr_error *err)
{
	struct stmt *st;

	if ((st = st_prepare(db, sql, err)) == NULL)
		return err->status;
	if (y != 0) {
		st_int(st, 1, y);
		st_int(st, 2, y - 1);
	}
	return add_rows(st, 1, t, err);
}

/*
 * The partner countries of the ties F selects whose first tie was
 * signed in Y, in T (a row of 1 each), and the number whose first was
 * in Y - 1 in *BEFORE: one query, each partner's first date (a read of
 * agreements_partner, which has them in order, never of the table nor
 * of an actor a row), then each country's first year from AN.
 */
static enum twr_status
new_countries(struct twr_db *db, const struct filter *f, int y,
    const struct actor_names *an, struct tally *t, long long *before,
    struct twr_error *err)
{
	struct tally first = { 0 };
	enum twr_status rc;
	struct stmt *st;
	char label[160];
	long long *n;
	size_t i;

	/* Every tie: each country's first year, kept. */
	if (f->every)
		st = st_prepare(db, "SELECT c.country, min(c.year) FROM "
		    "tie_counts c WHERE c.kind <> 'membership' AND c.year > 0 "
		    "AND c.n <> 0 AND c.country <> '' GROUP BY c.country", err);
	else
		st = ties_query(db, f, TWR_LIST_AGREEMENTS, "SELECT "
		    "g.partner_id, min(g.signed_on) FROM agreements g WHERE "
		    "g.signed_on IS NOT NULL", " GROUP BY g.partner_id", err);
	if (st == NULL)
		return err->status;
	/* Each country's first year, in n[0] (0: none yet). */
	while ((rc = st_step(st, err)) == TWR_ROW) {
		long pb = f->every ? 0 : names_at(an, st_col_int(st, 0));
		const char *country = f->every ? st_col_text(st, 0) : pb < 0 ?
		    NULL : an->country[pb];
		int year = year_of(st_col_text(st, 1));

		if (country == NULL)
			continue;
		if ((n = tally_at(&first, country)) == NULL) {
			rc = err_nomem(err);
			break;
		}
		if (n[0] == 0 || year < n[0])
			n[0] = year;
	}
	st_free(st);
	for (i = 0; rc == TWR_DONE && i < first.len; i++) {
		if (first.n[i][0] == y - 1)
			(*before)++;
		if (first.n[i][0] != y)
			continue;
		country_label(first.keys[i], label, sizeof(label));
		if ((n = tally_at(t, label)) == NULL)
			rc = err_nomem(err);
		else
			n[0] = 1;
	}
	tally_free(&first);
	return rc == TWR_DONE ? TWR_OK : rc;
}

/* F for agreements signed from year Y1 (0: any) to the end of Y2. */
static struct filter
span_of(const struct filter *f, int y1, int y2)
{
	struct filter s = *f;

	s.every = 0;
	s.from[0] = '\0';
	if (y1 != 0)
		snprintf(s.from, sizeof(s.from), "%04d", y1);
	snprintf(s.to, sizeof(s.to), "%04d", (y2 + 1) % 10000);
	return s;
}

enum twr_status
report_yearly(struct twr_db *db, int y, const struct filter *f,
    struct twr_rows **rows, struct twr_error *err)
{
	struct tally by_kind = { 0 }, by_country = { 0 }, begun = { 0 },
	    ended = { 0 }, force = { 0 }, newc = { 0 }, munic = { 0 };
	long long undated[2] = { 0, 0 }, new_before = 0, *n, *kn;
	size_t nkinds = vocab_count(TWR_V_AGREEMENT_KIND), k;
	struct filter span = span_of(f, y - 1, y);
	struct actor_names an;
	struct twr_rows *r = NULL;
	struct stmt *st = NULL;
	enum twr_status s;
	long long (*party)[2] = NULL, (*partner)[2] = NULL;
	char label[160], last_kind[64];
	int rc, fail = 0;

	if ((s = names_load(db, &an, err)) != TWR_OK)
		return s;
	for (k = 0; k < nkinds; k++) {
		tally_at(&by_kind, vocab_word(TWR_V_AGREEMENT_KIND, k));
		tally_at(&force, vocab_word(TWR_V_AGREEMENT_KIND, k));
	}
	/* Agreements signed in the year and the year before: a range of
	   the dates index. */
	if ((st = ties_query(db, &span, TWR_LIST_AGREEMENTS, "SELECT g.kind, "
	    "g.signed_on, g.party_id, g.partner_id FROM agreements g WHERE 1",
	    NULL, err)) == NULL) {
		s = err->status;
		goto out;
	}
	/* Counted by actor (an index of AN) here, then by label and by
	   country once an actor: not a tally's search a row.  The rows come
	   by kind. */
	if ((party = calloc(an.n + 1, sizeof(*party))) == NULL ||
	    (partner = calloc(an.n + 1, sizeof(*partner))) == NULL) {
		s = err_nomem(err);
		goto out;
	}
	kn = NULL;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		const char *kind = st_col_text(st, 0);
		int j = year_of(st_col_text(st, 1)) == y ? 0 : 1;
		long pa = names_at(&an, st_col_int(st, 2));
		long pb = names_at(&an, st_col_int(st, 3));

		if (kn == NULL || strcmp(kind, last_kind) != 0) {
			if ((kn = tally_at(&by_kind, kind)) == NULL) {
				fail = 1;
				break;
			}
			snprintf(last_kind, sizeof(last_kind), "%s", kind);
		}
		kn[j]++;
		/* No partner: the last slot, of no country. */
		partner[pb >= 0 ? (size_t)pb : an.n][j]++;
		if (pa >= 0)
			party[pa][j]++;
	}
	st_free(st);
	st = NULL;
	if (!fail && rc != TWR_DONE) {
		s = (enum twr_status)rc;
		goto out;
	}
	for (k = 0; k <= an.n && !fail; k++) {
		if (partner[k][0] != 0 || partner[k][1] != 0)
			fail = tally_add(&by_country, country_label(k < an.n ?
			    an.country[k] : NULL, label, sizeof(label)),
			    partner[k]) == -1;
		if (!fail && k < an.n && (party[k][0] != 0 || party[k][1] != 0))
			fail = tally_add(&munic, an.label[k], party[k]) == -1;
	}
	/* In force at the end of each year: the ties signed by then (a
	   count over the dates index; the year before has those of Y
	   fewer, a short range) less the planned and ended ones that are
	   not in force (the small exceptions index). */
	span = span_of(f, 0, y);
	if (!fail && f->every)
		/* Every tie: signed by then, kept by year. */
		s = kept(db, y, "SELECT c.kind, sum(CASE WHEN c.year <= ?1 "
		    "THEN c.n ELSE 0 END), sum(CASE WHEN c.year <= ?2 THEN c.n "
		    "ELSE 0 END) FROM tie_counts c WHERE c.kind <> 'membership' "
		    "AND c.year > 0 GROUP BY c.kind", &force, err);
	else if (!fail && (s = in_force(db, &span, y, "SELECT g.kind, "
	    "count(*), count(*) FROM agreements g WHERE 1", NULL, 1, &force,
	    err)) == TWR_OK)
		s = in_force(db, &span, y, "SELECT g.kind, 0, count(*) FROM "
		    "agreements g WHERE 1", " AND g.signed_on >= " AFTER_PREV,
		    -1, &force, err);
	if (!fail && s == TWR_OK)
		s = in_force(db, &span, y, "SELECT g.kind, sum(NOT "
		    IN_FORCE(AFTER_Y) "), sum(g.signed_on < " AFTER_PREV " AND "
		    "NOT " IN_FORCE(AFTER_PREV) ") FROM agreements g WHERE ("
		    EXCEPTIONS ")", NULL, -1, &force, err);
	if (!fail && s != TWR_OK)
		goto out;
	{
		struct tally und = { 0 };

		struct twr_buf undated_sql;

		buf_init(&undated_sql);
		buf_adds(&undated_sql, sql_all_kinds());
		buf_adds(&undated_sql, " AND g.signed_on IS NULL");
		if (undated_sql.oom)
			s = err_nomem(err);
		else if (!fail && (s = f->every ? kept(db, 0, "SELECT "
		    "'undated', sum(c.n), sum(c.n) FROM tie_counts c WHERE "
		    "c.kind <> 'membership' AND c.year = 0", &und, err) :
		    in_force(db, f, y, "SELECT 'undated', count(*), count(*) "
		    "FROM agreements g WHERE 1", undated_sql.p, 1, &und, err)) ==
		    TWR_OK)
			s = in_force(db, f, y, "SELECT 'undated', sum(NOT "
			    IN_FORCE(AFTER_Y) "), sum(NOT " IN_FORCE(AFTER_PREV)
			    ") FROM agreements g WHERE (" EXCEPTIONS ")",
			    undated_sql.p, -1, &und, err);
		buf_free(&undated_sql);
		if (s == TWR_OK && (n = tally_at(&und, "undated")) != NULL) {
			undated[0] = n[0];
			undated[1] = n[1];
		}
		tally_free(&und);
		if (s != TWR_OK)
			goto out;
	}
	/* A partner country is new in a year when no tie with it (within
	   the filters) was signed before that year.  The section counts
	   countries: a row (of 1) for each new in Y, and a total that
	   compares with the number new in Y - 1. */
	if (!fail && (s = new_countries(db, f, y, &an, &newc, &new_before,
	    err)) != TWR_OK)
		goto out;
	/* The memberships. */
	if (!fail && (st = ties_query(db, f, TWR_LIST_MEMBERSHIPS, "SELECT "
	    "g.since, g.until, g.network_id, g.member_id FROM memberships g "
	    "WHERE 1", NULL, err)) == NULL) {
		s = err->status;
		goto out;
	}
	while (!fail && (rc = st_step(st, err)) == TWR_ROW) {
		int sy = year_of(st_col_text(st, 0));
		int uy = year_of(st_col_text(st, 1));
		long net = names_at(&an, st_col_int(st, 2));
		long mem = names_at(&an, st_col_int(st, 3));
		int j;

		if (net < 0 || mem < 0)
			continue;
		for (j = 0; j < 2 && !fail; j++) {
			if (sy == y - j) {
				if ((n = tally_at(&begun, an.label[net])) ==
				    NULL || tally_at(&munic, an.label[mem]) ==
				    NULL) {
					fail = 1;
					break;
				}
				n[j]++;
				tally_at(&munic, an.label[mem])[j]++;
			}
			if (uy == y - j) {
				if ((n = tally_at(&ended, an.label[net])) ==
				    NULL)
					fail = 1;
				else
					n[j]++;
			}
		}
	}
	st_free(st);
	st = NULL;
	if (!fail && rc != TWR_DONE) {
		s = (enum twr_status)rc;
		goto out;
	}
	if (fail || (r = rows_new(5, fig_cols, fig_types,
	    TWR_ROWS_SECTIONED)) == NULL) {
		s = err_nomem(err);
		goto out;
	}
	rows_set_report(r, TWR_REPORT_YEARLY, y - 1, y);
	/* Kinds in their fixed order, with zeros. */
	for (k = 0; k < nkinds && !fail; k++)
		fail = fig_row(r, "signed_by_kind", by_kind.keys[k],
		    by_kind.n[k][0], by_kind.n[k][1]) == -1;
	if (!fail) {
		long long a = 0, b = 0;

		for (k = 0; k < nkinds; k++) {
			a += by_kind.n[k][0];
			b += by_kind.n[k][1];
		}
		fail = fig_row(r, "signed_by_kind", "total", a, b) == -1;
	}
	fail = fail || emit_tally(r, "signed_by_partner_country", &by_country,
	    by_count, 1, 1) == -1;
	fail = fail || emit_tally(r, "memberships_begun", &begun, by_count, 1,
	    1) == -1;
	fail = fail || emit_tally(r, "memberships_ended", &ended, by_count, 1,
	    1) == -1;
	for (k = 0; k < nkinds && !fail; k++)
		fail = fig_row(r, "in_force_at_end_by_kind", force.keys[k],
		    force.n[k][0], force.n[k][1]) == -1;
	if (!fail) {
		long long a = 0, b = 0;

		for (k = 0; k < nkinds; k++) {
			a += force.n[k][0];
			b += force.n[k][1];
		}
		fail = fig_row(r, "in_force_at_end_by_kind", "total (dated)",
		    a, b) == -1 || fig_row(r, "in_force_at_end_by_kind",
		    "undated", undated[0], undated[1]) == -1;
	}
	fail = fail || emit_tally(r, "new_partner_countries", &newc, by_count,
	    0, 1) == -1;
	if (!fail) {
		long long a = 0;

		for (k = 0; k < newc.len; k++)
			a += newc.n[k][0];
		fail = fig_row(r, "new_partner_countries", "total", a,
		    new_before) == -1;
	}
	fail = fail || emit_tally(r, "by_municipality", &munic, by_key_tr, 1,
	    1) == -1;
	if (fail) {
		s = err_nomem(err);
		goto out;
	}
	if ((s = yearly_activities(db, f, y, r, err)) != TWR_OK)
		goto out;
	*rows = r;
	r = NULL;
	s = TWR_OK;
out:
	st_free(st);
	twr_rows_free(r);
	names_free(&an);
	free(party);
	free(partner);
	tally_free(&by_kind);
	tally_free(&by_country);
	tally_free(&begun);
	tally_free(&ended);
	tally_free(&force);
	tally_free(&newc);
	tally_free(&munic);
	return s;
}

