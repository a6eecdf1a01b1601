/*
 * Summary reports.  Each is one table of stable columns; the yearly
 * report has several sections and a `section` column.  Ties with no
 * known date are counted in an explicit `undated` row or column, never
 * dropped; a date known only to the year or month counts in that year.
 *
 * The filters of `list` select the ties; a filter that applies only to
 * agreements (--kind, --topic) leaves memberships out, and one that
 * applies only to memberships (--network) leaves agreements out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "record.h"

#define NKINDS 7
static const char *const kinds[NKINDS] = { "sister_city", "friendship",
	"goodwill", "memorandum", "cooperation_protocol",
	"supporting_structure", "partnership" };

static int
kind_index(const char *k)
{
	int i;

	for (i = 0; i < NKINDS; i++)
		if (k != NULL && strcmp(k, kinds[i]) == 0)
			return i;
	return NKINDS - 1;
}

/*
 * Start Q with SELECT_SQL (ending in "WHERE 1") and the filter's
 * conditions for WHAT, or with a query of no rows when the filter does
 * not apply to WHAT.
 */
static enum twr_status
select_ties(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *f, const char *select_sql, struct qb *q,
    struct twr_error *err)
{
	enum twr_status st;

	qb_sql(q, select_sql);
	if (!filter_applies(what, f)) {
		qb_sql(q, " AND 0");
		return TWR_OK;
	}
	if ((st = filter_where(db, what, f, q, err)) != TWR_OK)
		return st;
	if (q->nomatch)
		qb_sql(q, " AND 0");
	return TWR_OK;
}

/*
 * Check the filter's values once, up front: a value no kind of tie takes
 * is a usage error even where it would only leave a kind out.  Hints
 * about names come out here, once.
 */
static enum twr_status
check_filter(struct twr_db *db, const struct twr_filter *f,
    struct twr_error *err)
{
	struct twr_filter ag = *f, m = *f;
	struct qb q;
	enum twr_status st;

	if (f->status != NULL && !filter_applies(TWR_LIST_AGREEMENTS, f) &&
	    !filter_applies(TWR_LIST_MEMBERSHIPS, f))
		return set_err(err, TWR_USAGE, "--status: unknown status '%s' "
		    "(expected planned, active, dormant or ended for "
		    "agreements, full, associate, observer or member for "
		    "memberships)", f->status);
	/* Everything but --network as for agreements, then --network as
	   for memberships. */
	ag.network = NULL;
	if (!filter_applies(TWR_LIST_AGREEMENTS, &ag))
		ag.status = NULL;
	qb_init(&q);
	st = filter_where(db, TWR_LIST_AGREEMENTS, &ag, &q, err);
	qb_free(&q);
	if (st != TWR_OK || f->network == NULL)
		return st;
	memset(&m, 0, sizeof(m));
	m.network = f->network;
	qb_init(&q);
	st = filter_where(db, TWR_LIST_MEMBERSHIPS, &m, &q, err);
	qb_free(&q);
	return st;
}

static void
num(char *buf, long long v)
{
	snprintf(buf, 24, "%lld", v);
}

/* Add a row of SEC, KEY and figures COUNT, PREV, COUNT - PREV (PREV < 0:
 * no previous year, all NULL). */
static int
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

/* Counts by key for the year (0) and the year before (1). */
struct tally {
	char **keys;
	long long (*n)[2];
	size_t len, cap;
	struct twr_map at;	/* key -> index */
};

static long long *
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

static void
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

/* Sort keys: most in the year first, then by key. */
static const struct tally *sort_tally;

static int
by_count(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const long long *x = sort_tally->n[i], *y = sort_tally->n[j];

	if (x[0] != y[0])
		return x[0] > y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] > y[1] ? -1 : 1;
	return strcmp(sort_tally->keys[i], sort_tally->keys[j]);
}

static int
by_key_tr(const void *a, const void *b)
{
	const char *x = sort_tally->keys[*(const size_t *)a];
	const char *y = sort_tally->keys[*(const size_t *)b];

	return collate_tr(x, strlen(x), y, strlen(y));
}

/* Emit T as rows of SEC with a total, ordered by CMP. */
static int
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

static int
year_of(const char *d)
{
	return d != NULL ? atoi(d) : 0;
}

static const char *
country_label(const char *code, char *buf, size_t size)
{
	const struct twr_country *c = code ? country_by_code(code) : NULL;

	if (c == NULL)
		snprintf(buf, size, "(unknown)");
	else
		snprintf(buf, size, "%s (%s)", c->name_en, c->code);
	return buf;
}

static const char *const fig_cols[] = { "section", "key", "count",
	"previous", "change" };
static const enum twr_type fig_types[] = { TWR_TEXT, TWR_TEXT, TWR_INT,
	TWR_INT, TWR_INT };

/* Actors by id, for labels: "Name (CC)" and the country. */
struct actor_names {
	long long *id;
	char **label;
	char **country;
	size_t n;
};

static void
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
	memset(a, 0, sizeof(*a));
}

static enum twr_status
names_load(struct twr_db *db, struct actor_names *a, struct twr_error *err)
{
	struct stmt *st;
	size_t cap = 0;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((st = st_prepare(db, "SELECT id, name || ' (' || coalesce(country, "
	    "'?') || ')', country FROM actors ORDER BY id", err)) == NULL)
		return err->status;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		if (a->n == cap) {
			cap = cap ? cap * 2 : 256;
			if ((a->id = realloc(a->id, cap * sizeof(*a->id))) ==
			    NULL || (a->label = realloc(a->label, cap *
			    sizeof(*a->label))) == NULL || (a->country =
			    realloc(a->country, cap * sizeof(*a->country))) ==
			    NULL) {
				st_free(st);
				return set_err(err, TWR_INTERNAL,
				    "out of memory");
			}
		}
		a->id[a->n] = st_col_int(st, 0);
		a->label[a->n] = xstrdup(st_col_text(st, 1));
		a->country[a->n] = xstrdup(st_col_text(st, 2));
		a->n++;
	}
	st_free(st);
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

/* The index of actor ID in A, or -1. */
static long
names_at(const struct actor_names *a, long long id)
{
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (a->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->n && a->id[lo] == id ? (long)lo : -1;
}

/* Prepare SELECT_SQL (ending in "WHERE 1") for WHAT with the filters of
 * F, then TAIL (may be NULL). */
static struct stmt *
ties_query(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *f, const char *select_sql, const char *tail,
    struct twr_error *err)
{
	struct stmt *st = NULL;
	struct qb q;

	qb_init(&q);
	if (select_ties(db, what, f, select_sql, &q, err) == TWR_OK) {
		if (tail != NULL)
			qb_sql(&q, tail);
		st = qb_prepare(db, &q, err);
	}
	qb_free(&q);
	return st;
}

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
#define ALL_KINDS " AND g.kind IN ('sister_city', 'friendship', " \
	"'goodwill', 'memorandum', 'cooperation_protocol', " \
	"'supporting_structure', 'partnership')"

/* The agreements that may not be in force, as the exceptions index has
 * them. */
#define EXCEPTIONS "g.status = 'planned' OR g.status = 'ended' OR " \
	"g.ended_on IS NOT NULL"

/*
 * Run SQL (rows of a key and two counts, for year Y and the year before;
 * AFTER_Y and AFTER_PREV name Y + 1 and Y) over the ties F selects, with
 * EXTRA; add the counts times SIGN to T.
 */
static enum twr_status
in_force(struct twr_db *db, const struct twr_filter *f, int y,
    const char *sql, const char *extra, int sign, struct tally *t,
    struct twr_error *err)
{
	struct stmt *st = NULL;
	char after[2][16];
	struct qb q;
	long long *n;
	int rc;

	snprintf(after[0], sizeof(after[0]), "%04d", y + 1);
	snprintf(after[1], sizeof(after[1]), "%04d", y);
	qb_init(&q);
	qb_arg(&q, after[0]);
	qb_arg(&q, after[1]);
	if (select_ties(db, TWR_LIST_AGREEMENTS, f, sql, &q, err) == TWR_OK) {
		if (extra != NULL)
			qb_sql(&q, extra);
		qb_sql(&q, " GROUP BY 1");
		st = qb_prepare(db, &q, err);
	}
	qb_free(&q);
	if (st == NULL)
		return err->status;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		const char *key = st_col_text(st, 0);

		if ((n = tally_at(t, strcmp(key, "undated") == 0 ? key :
		    kinds[kind_index(key)])) == NULL) {
			st_free(st);
			return set_err(err, TWR_INTERNAL, "out of memory");
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
 * Is year Y the first with a tie to the partner country of LABEL
 * ("Name (CC)") among the ties F selects?  *NEW is set to 1 if so.
 */
static enum twr_status
first_tie(struct twr_db *db, const struct twr_filter *f, const char *label,
    int y, int *new_, struct twr_error *err)
{
	struct twr_filter earlier = *f;
	const char *cc = strrchr(label, '(');
	char before[16], code[8];
	struct stmt *st = NULL;
	struct qb q;
	int rc;

	*new_ = 0;
	if (cc == NULL || strcmp(label, "(unknown)") == 0)
		return TWR_OK;
	snprintf(code, sizeof(code), "%.*s", (int)strcspn(cc + 1, ")"),
	    cc + 1);
	if (country_by_code(code) == NULL)
		return TWR_OK;
	snprintf(before, sizeof(before), "%04d", y - 1);
	earlier.from = NULL;
	earlier.to = before;
	qb_init(&q);
	if (select_ties(db, TWR_LIST_AGREEMENTS, &earlier, "SELECT 1 FROM "
	    "agreements g WHERE 1", &q, err) == TWR_OK) {
		qb_sql(&q, " AND g.partner_id IN (SELECT id FROM actors WHERE "
		    "country = ");
		qb_text(&q, code);
		qb_sql(&q, ") LIMIT 1");
		st = qb_prepare(db, &q, err);
	}
	qb_free(&q);
	if (st == NULL)
		return err->status;
	rc = st_step(st, err);
	st_free(st);
	if (rc != TWR_ROW && rc != TWR_DONE)
		return (enum twr_status)rc;
	*new_ = rc == TWR_DONE;
	return TWR_OK;
}

static enum twr_status
yearly(struct twr_db *db, int y, const struct twr_filter *f,
    struct twr_rows **rows, struct twr_error *err)
{
	struct tally by_kind = { 0 }, by_country = { 0 }, begun = { 0 },
	    ended = { 0 }, force = { 0 }, newc = { 0 }, munic = { 0 };
	long long undated[2] = { 0, 0 }, new_before = 0, *n;
	struct twr_filter span = *f;
	struct actor_names an;
	struct twr_rows *r = NULL;
	struct stmt *st = NULL;
	enum twr_status s;
	char title[64], from[16], to[16], label[160];
	size_t i;
	int rc, k, isnew, fail = 0;

	if ((s = names_load(db, &an, err)) != TWR_OK)
		return s;
	for (k = 0; k < NKINDS; k++) {
		tally_at(&by_kind, kinds[k]);
		tally_at(&force, kinds[k]);
	}
	/* Agreements signed in the year and the year before: a range of
	   the dates index. */
	snprintf(from, sizeof(from), "%04d", y - 1);
	snprintf(to, sizeof(to), "%04d", y);
	span.from = from;
	span.to = to;
	if ((st = ties_query(db, TWR_LIST_AGREEMENTS, &span, "SELECT g.kind, "
	    "g.signed_on, g.party_id, g.partner_id FROM agreements g WHERE 1",
	    NULL, err)) == NULL) {
		s = err->status;
		goto out;
	}
	while ((rc = st_step(st, err)) == TWR_ROW && !fail) {
		const char *kind = st_col_text(st, 0);
		int j = year_of(st_col_text(st, 1)) == y ?
		    0 : 1;
		long pa = names_at(&an, st_col_int(st, 2));
		long pb = names_at(&an, st_col_int(st, 3));

		country_label(pb >= 0 ? an.country[pb] : NULL, label,
		    sizeof(label));
		if ((n = tally_at(&by_kind, kinds[kind_index(kind)])) == NULL ||
		    tally_at(&by_country, label) == NULL || (pa >= 0 &&
		    tally_at(&munic, an.label[pa]) == NULL)) {
			fail = 1;
			break;
		}
		n[j]++;
		tally_at(&by_country, label)[j]++;
		if (pa >= 0)
			tally_at(&munic, an.label[pa])[j]++;
	}
	st_free(st);
	st = NULL;
	if (!fail && rc != TWR_DONE) {
		s = (enum twr_status)rc;
		goto out;
	}
	/* In force at the end of each year: the ties signed by then (a
	   count over the dates index; the year before has those of Y
	   fewer, a short range) less the planned and ended ones that are
	   not in force (the small exceptions index). */
	span.from = NULL;
	if (!fail && ((s = in_force(db, &span, y, "SELECT g.kind, count(*), "
	    "count(*) FROM agreements g WHERE 1", NULL, 1, &force, err)) !=
	    TWR_OK || (s = in_force(db, &span, y, "SELECT g.kind, 0, "
	    "count(*) FROM agreements g WHERE 1", " AND g.signed_on >= "
	    AFTER_PREV, -1, &force, err)) != TWR_OK || (s = in_force(db,
	    &span, y, "SELECT g.kind, sum(NOT " IN_FORCE(AFTER_Y) "), "
	    "sum(g.signed_on < " AFTER_PREV " AND NOT " IN_FORCE(AFTER_PREV)
	    ") FROM agreements g WHERE (" EXCEPTIONS ")", NULL, -1, &force,
	    err)) != TWR_OK))
		goto out;
	{
		struct tally und = { 0 };

		if (!fail && (s = in_force(db, f, y, "SELECT 'undated', "
		    "count(*), count(*) FROM agreements g WHERE 1", ALL_KINDS
		    " AND g.signed_on IS NULL", 1, &und, err)) == TWR_OK)
			s = in_force(db, f, y, "SELECT 'undated', sum(NOT "
			    IN_FORCE(AFTER_Y) "), sum(NOT " IN_FORCE(AFTER_PREV)
			    ") FROM agreements g WHERE (" EXCEPTIONS ")",
			    ALL_KINDS " AND g.signed_on IS NULL", -1, &und,
			    err);
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
	for (i = 0; i < by_country.len && !fail; i++) {
		int j;

		for (j = 0; j < 2 && !fail; j++) {
			if (by_country.n[i][j] == 0)
				continue;
			if ((s = first_tie(db, f, by_country.keys[i], y - j,
			    &isnew, err)) != TWR_OK)
				goto out;
			if (!isnew)
				continue;
			if (j == 0) {
				if ((n = tally_at(&newc, by_country.keys[i])) ==
				    NULL)
					fail = 1;
				else
					n[0] = 1;
			} else
				new_before++;
		}
	}
	/* The memberships. */
	if (!fail && (st = ties_query(db, TWR_LIST_MEMBERSHIPS, f, "SELECT "
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
	if (fail || (r = rows_new(5, fig_cols, fig_types,
	    TWR_ROWS_SECTIONED)) == NULL) {
		s = set_err(err, TWR_INTERNAL, "out of memory");
		goto out;
	}
	snprintf(title, sizeof(title), "Yearly report %d (compared with %d)",
	    y, y - 1);
	rows_set_title(r, title);
	/* Kinds in their fixed order, with zeros. */
	for (k = 0; k < NKINDS && !fail; k++)
		fail = fig_row(r, "signed_by_kind", kinds[k],
		    by_kind.n[k][0], by_kind.n[k][1]) == -1;
	if (!fail) {
		long long a = 0, b = 0;

		for (k = 0; k < NKINDS; k++) {
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
	for (k = 0; k < NKINDS && !fail; k++)
		fail = fig_row(r, "in_force_at_end_by_kind", kinds[k],
		    force.n[k][0], force.n[k][1]) == -1;
	if (!fail) {
		long long a = 0, b = 0;

		for (k = 0; k < NKINDS; k++) {
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

		for (i = 0; i < newc.len; i++)
			a += newc.n[i][0];
		fail = fig_row(r, "new_partner_countries", "total", a,
		    new_before) == -1;
	}
	fail = fail || emit_tally(r, "by_municipality", &munic, by_key_tr, 1,
	    1) == -1;
	if (fail) {
		s = set_err(err, TWR_INTERNAL, "out of memory");
		goto out;
	}
	*rows = r;
	r = NULL;
	s = TWR_OK;
out:
	st_free(st);
	twr_rows_free(r);
	names_free(&an);
	tally_free(&by_kind);
	tally_free(&by_country);
	tally_free(&begun);
	tally_free(&ended);
	tally_free(&force);
	tally_free(&newc);
	tally_free(&munic);
	return s;
}

/* ---- grouped reports ---------------------------------------------------- */

/*
 * Run the UNION of an agreements SELECT and a memberships SELECT (each
 * ending in "WHERE 1", filtered), wrapped as OUTER_HEAD ... OUTER_TAIL.
 */
static enum twr_status
grouped(struct twr_db *db, const struct twr_filter *f, const char *head,
    const char *ag_sql, const char *m_sql, const char *tail,
    struct stmt **stp, struct twr_error *err)
{
	enum twr_status s;
	struct qb q;

	qb_init(&q);
	qb_sql(&q, head);
	if ((s = select_ties(db, TWR_LIST_AGREEMENTS, f, ag_sql, &q, err)) !=
	    TWR_OK)
		goto out;
	qb_sql(&q, " UNION ALL ");
	if ((s = select_ties(db, TWR_LIST_MEMBERSHIPS, f, m_sql, &q, err)) !=
	    TWR_OK)
		goto out;
	qb_sql(&q, tail);
	if ((*stp = qb_prepare(db, &q, err)) == NULL)
		s = err->status;
out:
	qb_free(&q);
	return s;
}

/* Copy every row of ST into a new rows object of N columns. */
static enum twr_status
collect(struct twr_db *db, struct stmt *st, size_t n,
    const char *const *names, const enum twr_type *types,
    struct twr_rows **rows, struct twr_error *err)
{
	struct twr_rows *r = rows_new(n, names, types, 0);
	const char *v[16];
	size_t i;
	int rc;

	if (r == NULL) {
		st_free(st);
		return set_err(err, TWR_INTERNAL, "out of memory");
	}
	while ((rc = st_step(st, err)) == TWR_ROW) {
		for (i = 0; i < n; i++)
			v[i] = st_col_text(st, (int)i);
		if (rows_add(r, v) == -1) {
			rc = set_err(err, TWR_INTERNAL, "out of memory");
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

static enum twr_status
countries(struct twr_db *db, const struct twr_filter *f,
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

	s = grouped(db, f, "SELECT c, NULL, sum(sc), sum(pa), sum(m), "
	    "count(*), sum(u) FROM (",
	    "SELECT pb.country AS c, g.kind = 'sister_city' AS sc, "
	    "g.kind <> 'sister_city' AS pa, 0 AS m, g.signed_on IS NULL AS u "
	    "FROM agreements g JOIN actors pb ON pb.id = g.partner_id WHERE 1",
	    "SELECT n.country, 0, 0, 1, g.since IS NULL FROM memberships g "
	    "JOIN actors n ON n.id = g.network_id WHERE 1",
	    ") GROUP BY c ORDER BY count(*) DESC, c", &st, err);
	if (s != TWR_OK)
		return s;
	if ((s = collect(db, st, 7, cols, types, &tmp, err)) != TWR_OK)
		return s;
	/* Fill in the country names. */
	{
		struct twr_rows *r = rows_new(7, cols, types, 0);
		struct twr_error e2;

		if (r == NULL) {
			twr_rows_free(tmp);
			return set_err(err, TWR_INTERNAL, "out of memory");
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
				return set_err(err, TWR_INTERNAL,
				    "out of memory");
			}
		}
		twr_rows_free(tmp);
		*rows = r;
	}
	return TWR_OK;
}

static enum twr_status
networks(struct twr_db *db, const struct twr_filter *f,
    struct twr_rows **rows, struct twr_error *err)
{
	static const char *const cols[] = { "network", "country", "members",
	    "full", "associate", "observer", "member", "undated",
	    "first_since" };
	static const enum twr_type types[] = { TWR_TEXT, TWR_TEXT, TWR_INT,
	    TWR_INT, TWR_INT, TWR_INT, TWR_INT, TWR_INT, TWR_TEXT };
	struct stmt *st;
	enum twr_status s;
	struct qb q;

	qb_init(&q);
	if ((s = select_ties(db, TWR_LIST_MEMBERSHIPS, f, "SELECT n.name, "
	    "n.country, count(*), sum(g.status = 'full'), "
	    "sum(g.status = 'associate'), sum(g.status = 'observer'), "
	    "sum(g.status = 'member'), sum(g.since IS NULL), min(g.since) "
	    "FROM memberships g JOIN actors n ON n.id = g.network_id WHERE 1",
	    &q, err)) != TWR_OK) {
		qb_free(&q);
		return s;
	}
	qb_sql(&q, " GROUP BY n.id ORDER BY count(*) DESC, n.name COLLATE tr, "
	    "n.id");
	st = qb_prepare(db, &q, err);
	qb_free(&q);
	if (st == NULL)
		return err->status;
	return collect(db, st, 9, cols, types, rows, err);
}

struct actor_count {
	long long id, parent, sc, pa, m, parts;
	int listed;
};

/* The index of actor ID in A (N of them, sorted by id), or N. */
static size_t
actor_at(const struct actor_count *a, size_t n, long long id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && a[lo].id == id ? lo : n;
}

static enum twr_status
municipalities(struct twr_db *db, const struct twr_filter *f,
    struct twr_rows **rows, struct twr_error *err)
{
	static const char *const cols[] = { "municipality", "country", "kind",
	    "parent", "sister_cities", "partnerships", "memberships", "total",
	    "with_parts" };
	static const enum twr_type types[] = { TWR_TEXT, TWR_TEXT, TWR_TEXT,
	    TWR_TEXT, TWR_INT, TWR_INT, TWR_INT, TWR_INT, TWR_INT };
	struct actor_count *a = NULL;
	size_t na = 0, cap = 0, i, j;
	struct stmt *st = NULL;
	struct twr_rows *r = NULL;
	enum twr_status s;
	int rc;

	/* Every actor, to walk up parents; then the ties' counts. */
	if ((st = st_prepare(db, "SELECT id, coalesce(parent_id, 0) FROM "
	    "actors ORDER BY id", err)) == NULL)
		return err->status;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		if (na == cap) {
			struct actor_count *p;

			cap = cap ? cap * 2 : 256;
			if ((p = realloc(a, cap * sizeof(*a))) == NULL) {
				s = set_err(err, TWR_INTERNAL, "out of memory");
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
	if ((s = grouped(db, f, "SELECT p, sum(sc), sum(pa), sum(m) FROM (",
	    "SELECT g.party_id AS p, g.kind = 'sister_city' AS sc, "
	    "g.kind <> 'sister_city' AS pa, 0 AS m FROM agreements g WHERE 1",
	    "SELECT g.member_id, 0, 0, 1 FROM memberships g WHERE 1",
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
	/* The actors counted, in Turkish order of name. */
	if ((r = rows_new(9, cols, types, 0)) == NULL) {
		s = set_err(err, TWR_INTERNAL, "out of memory");
		goto out;
	}
	if ((st = st_prepare(db, "SELECT a.id, a.name, a.country, a.kind, "
	    "p.name FROM actors a LEFT JOIN actors p ON p.id = a.parent_id "
	    "ORDER BY a.name COLLATE tr, a.country, a.id", err)) == NULL) {
		s = err->status;
		goto out;
	}
	while ((rc = st_step(st, err)) == TWR_ROW) {
		char v4[24], v5[24], v6[24], v7[24], v8[24];
		const char *v[9];

		if ((i = actor_at(a, na, st_col_int(st, 0))) == na ||
		    !a[i].listed)
			continue;
		num(v4, a[i].sc);
		num(v5, a[i].pa);
		num(v6, a[i].m);
		num(v7, a[i].sc + a[i].pa + a[i].m);
		num(v8, a[i].parts);
		for (j = 0; j < 4; j++)
			v[j] = st_col_text(st, (int)j + 1);
		v[4] = v4;
		v[5] = v5;
		v[6] = v6;
		v[7] = v7;
		v[8] = v8;
		if (rows_add(r, v) == -1) {
			s = set_err(err, TWR_INTERNAL, "out of memory");
			goto out;
		}
	}
	if (rc != TWR_DONE) {
		s = (enum twr_status)rc;
		goto out;
	}
	*rows = r;
	r = NULL;
	s = TWR_OK;
out:
	st_free(st);
	twr_rows_free(r);
	free(a);
	return s;
}

static enum twr_status
timeline(struct twr_db *db, const struct twr_report_opts *o,
    const struct twr_filter *f, struct twr_rows **rows,
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
	char title[80];

	/* Agreements by kind and date in the order of the dates index (no
	   sorting), memberships by year; summed by year here. */
	{
		static const char *const sql[] = {
			"SELECT g.kind = 'sister_city', g.signed_on, count(*) "
			"FROM agreements g WHERE 1" ALL_KINDS,
			"SELECT 2, g.since, count(*) FROM memberships g WHERE 1",
		};
		static const char *const tail[] = { " GROUP BY g.kind, "
			"g.signed_on", " GROUP BY g.since" };
		struct { int y; long long sc, pa, m; } *got = NULL;
		size_t ng = 0, cg = 0, i;
		int t;

		for (t = 0; t < 2; t++) {
			if ((st = ties_query(db, t ? TWR_LIST_MEMBERSHIPS :
			    TWR_LIST_AGREEMENTS, f, sql[t], tail[t], err)) ==
			    NULL) {
				free(got);
				return err->status;
			}
			while ((rc = st_step(st, err)) == TWR_ROW) {
				int what = st_col_int(st, 0);
				long long c = st_col_int(st, 2);
				const char *d = st_col_text(st, 1);

				if (d == NULL) {
					*(what == 2 ? &und.m : what ? &und.sc :
					    &und.pa) += c;
					continue;
				}
				y = year_of(d);
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
								rc = set_err(err,
								    TWR_INTERNAL,
								    "out of memory");
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
			free(got);
			return set_err(err, TWR_USAGE, "--from %d is after --to "
			    "%d", from, to);
		}
		if (from != 0 && (yr = calloc((size_t)(to - from + 1),
		    sizeof(*yr))) == NULL) {
			free(got);
			return set_err(err, TWR_INTERNAL, "out of memory");
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
		return set_err(err, TWR_INTERNAL, "out of memory");
	}
	if (from != 0)
		snprintf(title, sizeof(title), "Timeline %d-%d", from, to);
	else
		snprintf(title, sizeof(title), "Timeline");
	rows_set_title(r, title);
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
	return set_err(err, TWR_INTERNAL, "out of memory");
}

static enum twr_status run_report(struct twr_db *, enum twr_report,
    const struct twr_report_opts *, const struct twr_filter *,
    struct twr_rows **, struct twr_error *);

enum twr_status
twr_report(struct twr_db *db, enum twr_report which,
    const struct twr_report_opts *opts, const struct twr_filter *filter,
    struct twr_rows **rows, struct twr_error *err)
{
	twr_diag_fn *fn;
	enum twr_status s;

	*rows = NULL;
	if ((s = check_filter(db, filter, err)) != TWR_OK)
		return s;
	/* The report's own queries would repeat the hints. */
	fn = db->diag;
	db->diag = NULL;
	s = run_report(db, which, opts, filter, rows, err);
	db->diag = fn;
	return s;
}

static enum twr_status
run_report(struct twr_db *db, enum twr_report which,
    const struct twr_report_opts *opts, const struct twr_filter *filter,
    struct twr_rows **rows, struct twr_error *err)
{
	switch (which) {
	case TWR_REPORT_YEARLY:
		if (opts->year < 1001 || opts->year > 9999)
			return set_err(err, TWR_USAGE, "--year: %d is not a "
			    "year (expected four digits)", opts->year);
		return yearly(db, opts->year, filter, rows, err);
	case TWR_REPORT_COUNTRIES:
		return countries(db, filter, rows, err);
	case TWR_REPORT_MUNICIPALITIES:
		return municipalities(db, filter, rows, err);
	case TWR_REPORT_NETWORKS:
		return networks(db, filter, rows, err);
	case TWR_REPORT_TIMELINE:
		return timeline(db, opts, filter, rows, err);
	}
	return set_err(err, TWR_USAGE, "unknown report");
}
