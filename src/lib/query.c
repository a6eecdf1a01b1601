/*
 * Filtered listings of agreements, memberships and actors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "record.h"

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
		set_err(err, TWR_INTERNAL, "out of memory");
		return NULL;
	}
	if ((st = st_prepare(db, buf_str(&q->sql), err)) == NULL)
		return NULL;
	for (i = 0; i < q->n; i++) {
		if (q->binds[i].is_int)
			st_int(st, (int)i + 1, q->binds[i].i);
		else
			st_opt(st, (int)i + 1, q->binds[i].s);
	}
	return st;
}

/* ---- filters --------------------------------------------------------- */

/* Append " IN (id, ...)" for N ids. */
static void
id_list(struct qb *q, const long long *ids, size_t n)
{
	size_t i;

	qb_sql(q, " IN (");
	for (i = 0; i < n; i++) {
		qb_sql(q, i ? ", " : "");
		qb_int(q, ids[i]);
	}
	qb_sql(q, ")");
}

/*
 * The agreements that name one of the N actors IDS as a third party,
 * malloc'd into *OUT (*NOUT of them).
 */
static enum twr_status
third_parties(struct twr_db *db, const long long *ids, size_t n,
    long long **out, size_t *nout, struct twr_error *err)
{
	struct stmt *st;
	long long *v = NULL, *nv;
	size_t len = 0, cap = 0;
	struct qb q;
	int rc;

	*out = NULL;
	*nout = 0;
	qb_init(&q);
	qb_sql(&q, "SELECT DISTINCT agreement_id FROM agreement_parties "
	    "WHERE actor_id");
	id_list(&q, ids, n);
	st = qb_prepare(db, &q, err);
	qb_free(&q);
	if (st == NULL)
		return err->status;
	while ((rc = st_step(st, err)) == TWR_ROW) {
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				free(v);
				st_free(st);
				return set_err(err, TWR_INTERNAL, "out of memory");
			}
			v = nv;
		}
		v[len++] = st_col_int(st, 0);
	}
	st_free(st);
	if (rc != TWR_DONE) {
		free(v);
		return (enum twr_status)rc;
	}
	*out = v;
	*nout = len;
	return TWR_OK;
}

/*
 * Append " AND (...)": a record of WHAT (alias g or a) with one of the
 * actors IDS as a party (or member, or network).  INDEXED writes it so
 * that the party indexes serve it; otherwise on plain columns, for a
 * query that reads the dates index instead.  An agreement's third
 * parties are looked up first, so that the query names their agreements.
 */
static enum twr_status
party_in(struct twr_db *db, struct qb *q, enum twr_list_what what,
    const char *opt, const long long *ids, size_t n, int indexed,
    struct twr_error *err)
{
	static const char *const by_index[] = { "min(g.party_id, g.partner_id)",
	    "max(g.party_id, g.partner_id)" };
	static const char *const by_column[] = { "g.party_id", "g.partner_id" };
	long long *third;
	size_t k, nthird;
	enum twr_status st;

	qb_sql(q, " AND (");
	if (what == TWR_LIST_ACTORS) {
		qb_sql(q, "a.id");
		id_list(q, ids, n);
	} else if (what == TWR_LIST_MEMBERSHIPS) {
		if (strcmp(opt, "--municipality") == 0)
			qb_sql(q, "g.member_id");
		else if (strcmp(opt, "--country") == 0) {
			qb_sql(q, "g.member_id");
			id_list(q, ids, n);
			qb_sql(q, " OR g.network_id");
		} else
			qb_sql(q, "g.network_id");
		id_list(q, ids, n);
	} else {
		for (k = 0; k < 2; k++) {
			qb_sql(q, k ? " OR " : "");
			qb_sql(q, indexed ? by_index[k] : by_column[k]);
			id_list(q, ids, n);
		}
		if ((st = third_parties(db, ids, n, &third, &nthird, err)) !=
		    TWR_OK)
			return st;
		if (nthird > 0) {
			qb_sql(q, " OR g.id");
			id_list(q, third, nthird);
		}
		free(third);
	}
	qb_sql(q, ")");
	return TWR_OK;
}

/* The condition for the actors NAME names (OPT is the option). */
static enum twr_status
name_filter(struct twr_db *db, enum twr_list_what what, const char *opt,
    const char *name, struct qb *q, struct twr_error *err)
{
	long long *ids;
	size_t n;
	enum twr_status st;

	if ((st = actor_lookup(db, name, NULL, &ids, &n, err)) != TWR_OK)
		return st;
	if (n == 0) {
		struct twr_buf hint;

		buf_init(&hint);
		actor_suggest(db, name, &hint);
		diagf(db, TWR_WARNING, NULL, 0, 0, NULL, "%s: no actor named "
		    "'%s'%s%s%s", opt, name, hint.len ? "; did you mean " : "",
		    buf_str(&hint), hint.len ? "?" : "");
		buf_free(&hint);
		q->nomatch = 1;
		return TWR_OK;
	}
	st = party_in(db, q, what, opt, ids, n, 1, err);
	free(ids);
	return st;
}

/* The ids of the actors of COUNTRY (CODE). */
static enum twr_status
country_ids(struct twr_db *db, const char *code, long long **ids, size_t *n,
    struct twr_error *err)
{
	struct stmt *st = st_prepare(db, "SELECT id FROM actors WHERE "
	    "country = ? ORDER BY id", err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (st == NULL)
		return err->status;
	st_ref(st, 1, code);
	while ((rc = st_step(st, err)) == TWR_ROW) {
		if (*n == cap) {
			long long *p = realloc(*ids, (cap = cap * 2 + 64) *
			    sizeof(*p));

			if (p == NULL) {
				st_free(st);
				return set_err(err, TWR_INTERNAL,
				    "out of memory");
			}
			*ids = p;
		}
		(*ids)[(*n)++] = st_col_int(st, 0);
	}
	st_free(st);
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

static enum twr_status
check_date(const char *opt, const char *text, char *out,
    struct twr_error *err)
{
	return date_option(opt, text, out, err);
}

static enum twr_status
check_term(const char *opt, enum ftype type, const char *text,
    struct twr_buf *out, struct twr_error *err)
{
	struct twr_buf msg;
	enum twr_status st = TWR_OK;

	buf_init(&msg);
	if (value_norm(type, text, out, &msg) == -1)
		st = set_err(err, TWR_USAGE, "%s: %s", opt, buf_str(&msg));
	buf_free(&msg);
	return st;
}

static enum twr_status
not_for(const char *opt, enum twr_list_what what, struct twr_error *err)
{
	static const char *const names[] = { "agreements", "sister cities",
	    "partnerships", "memberships", "actors" };

	return set_err(err, TWR_USAGE, "%s does not apply to %s", opt,
	    names[what]);
}

#define OTHER_KINDS "'friendship', 'goodwill', 'memorandum', " \
	"'cooperation_protocol', 'supporting_structure', 'partnership'"

int
filter_applies(enum twr_list_what what, const struct twr_filter *f)
{
	struct twr_buf v;
	int ok = 1;

	if (what == TWR_LIST_MEMBERSHIPS)
		ok = f->kind == NULL && f->topic == NULL;
	else if (what == TWR_LIST_ACTORS)
		ok = f->partner == NULL && f->network == NULL &&
		    f->status == NULL && f->topic == NULL && f->year == 0 &&
		    f->from == NULL && f->to == NULL && f->as_of == NULL;
	else
		ok = f->network == NULL;
	if (ok && f->status != NULL) {
		struct twr_buf msg;

		buf_init(&v);
		buf_init(&msg);
		ok = value_norm(what == TWR_LIST_MEMBERSHIPS ? FT_MSTATUS :
		    FT_AGSTATUS, f->status, &v, &msg) == 0;
		buf_free(&v);
		buf_free(&msg);
	}
	return ok;
}

enum twr_status
filter_where(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *f, struct qb *q, struct twr_error *err)
{
	int ag = what <= TWR_LIST_PARTNERSHIPS, mem = what ==
	    TWR_LIST_MEMBERSHIPS, act = what == TWR_LIST_ACTORS;
	/* How SQLite should find the rows: by a party named by name (few
	   rows), else by the dates index when a span is given (a country
	   then filters the index entries), else by party. */
	int by_name = f->municipality || f->partner || f->network;
	int by_dates = ag && !by_name && (f->year || f->from || f->to);
	const char *date_col = !ag ? "g.since" : by_name ? "+g.signed_on" :
	    "g.signed_on";
	char d1[16], d2[16];
	struct twr_buf v;
	enum twr_status st;

	buf_init(&v);
	/* Kinds as a list of values, so that a span of dates is one range
	   of the dates index a kind. */
	if (what == TWR_LIST_SISTER_CITIES)
		qb_sql(q, " AND g.kind = 'sister_city'");
	else if (what == TWR_LIST_PARTNERSHIPS)
		qb_sql(q, " AND g.kind IN (" OTHER_KINDS ")");
	else if (by_dates && f->kind == NULL)
		qb_sql(q, " AND g.kind IN ('sister_city', " OTHER_KINDS ")");
	if (f->municipality != NULL && (st = name_filter(db, what,
	    "--municipality", f->municipality, q, err)) != TWR_OK)
		goto out;
	if (f->partner != NULL) {
		if (act) {
			st = not_for("--partner", what, err);
			goto out;
		}
		if ((st = name_filter(db, what, "--partner", f->partner, q,
		    err)) != TWR_OK)
			goto out;
	}
	if (f->network != NULL) {
		if (!mem) {
			st = not_for("--network", what, err);
			goto out;
		}
		if ((st = name_filter(db, what, "--network", f->network, q,
		    err)) != TWR_OK)
			goto out;
	}
	if (f->country != NULL) {
		const struct twr_country *c = country_find(f->country);

		if (*f->country == '\0') {
			st = set_err(err, TWR_USAGE, "--country: empty (expected "
			    "an ISO 3166-1 code or an English or Turkish name)");
			goto out;
		}
		if (c == NULL) {
			country_suggest(f->country, &v);
			st = set_err(err, TWR_USAGE, "--country: unknown country "
			    "'%s' (expected an ISO 3166-1 code or an English "
			    "or Turkish name%s%s%s)", f->country, v.len ?
			    "; did you mean " : "", buf_str(&v), v.len ? "?" :
			    "");
			goto out;
		}
		if (act) {
			qb_sql(q, " AND a.country = ");
			qb_text(q, c->code);
		} else {
			long long *ids;
			size_t n;

			if ((st = country_ids(db, c->code, &ids, &n, err)) !=
			    TWR_OK)
				goto out;
			if (n == 0)
				q->nomatch = 1;
			else
				st = party_in(db, q, what, "--country", ids, n,
				    !by_dates, err);
			free(ids);
			if (st != TWR_OK)
				goto out;
		}
	}
	if (f->kind != NULL) {
		if (mem) {
			st = not_for("--kind", what, err);
			goto out;
		}
		buf_reset(&v);
		if ((st = check_term("--kind", act ? FT_AKIND : FT_AGKIND,
		    f->kind, &v, err)) != TWR_OK)
			goto out;
		qb_sql(q, act ? " AND a.kind = " : " AND g.kind = ");
		qb_text(q, buf_str(&v));
	}
	if (f->status != NULL) {
		if (act) {
			st = not_for("--status", what, err);
			goto out;
		}
		buf_reset(&v);
		if ((st = check_term("--status", ag ? FT_AGSTATUS : FT_MSTATUS,
		    f->status, &v, err)) != TWR_OK)
			goto out;
		qb_sql(q, " AND g.status = ");
		qb_text(q, buf_str(&v));
	}
	if (f->topic != NULL) {
		char *key;

		if (!ag) {
			st = not_for("--topic", what, err);
			goto out;
		}
		if ((key = fold_dup(f->topic)) == NULL) {
			st = set_err(err, TWR_INTERNAL, "out of memory");
			goto out;
		}
		qb_sql(q, " AND instr(' ' || twr_fold(g.topics) || ' ', ' ' || ");
		qb_text(q, key);
		qb_sql(q, " || ' ') > 0");
		free(key);
	}
	if ((f->year != 0 || f->from != NULL || f->to != NULL ||
	    f->as_of != NULL) && act) {
		st = not_for(f->year ? "--year" : f->as_of ? "--as-of" :
		    f->from ? "--from" : "--to", what, err);
		goto out;
	}
	if (f->year != 0) {
		if (f->year < 1000 || f->year > 9998) {
			st = set_err(err, TWR_USAGE, "--year: %d is not a year "
			    "(expected four digits)", f->year);
			goto out;
		}
		snprintf(d1, sizeof(d1), "%04d", f->year);
		snprintf(d2, sizeof(d2), "%04d", f->year + 1);
		qb_sql(q, " AND ");
		qb_sql(q, date_col);
		qb_sql(q, " >= ");
		qb_text(q, d1);
		qb_sql(q, " AND ");
		qb_sql(q, date_col);
		qb_sql(q, " < ");
		qb_text(q, d2);
	}
	/* Dates of any precision compare as text, each as its first day,
	   against bounds in their shortest form (date_bound). */
	if (f->from != NULL) {
		if ((st = check_date("--from", f->from, d1, err)) != TWR_OK)
			goto out;
		date_bound(d1, d2);
		qb_sql(q, " AND ");
		qb_sql(q, date_col);
		qb_sql(q, " >= ");
		qb_text(q, d2);
	}
	if (f->to != NULL) {
		if ((st = check_date("--to", f->to, d1, err)) != TWR_OK)
			goto out;
		date_after(d1, d2);		/* the whole period, to its end */
		date_bound(d2, d1);
		qb_sql(q, " AND ");
		qb_sql(q, date_col);
		qb_sql(q, " < ");
		qb_text(q, d1);
	}
	if (f->as_of != NULL) {
		if ((st = check_date("--as-of", f->as_of, d1, err)) != TWR_OK)
			goto out;
		/* In force on the day: begun before the day after it, not
		   ended before the day after it. */
		date_first(d1, d2);
		date_after(d2, d1);
		date_bound(d1, d2);
		if (ag) {
			qb_sql(q, " AND (g.signed_on IS NULL OR g.signed_on < ");
			qb_text(q, d2);
			qb_sql(q, ") AND g.status <> 'planned' AND "
			    "(g.ended_on IS NULL OR g.ended_on >= ");
			qb_text(q, d2);
			qb_sql(q, ") AND NOT (g.status = 'ended' AND "
			    "g.ended_on IS NULL)");
		} else {
			qb_sql(q, " AND (g.since IS NULL OR g.since < ");
			qb_text(q, d2);
			qb_sql(q, ") AND (g.until IS NULL OR g.until >= ");
			qb_text(q, d2);
			qb_sql(q, ")");
		}
	}
	st = TWR_OK;
out:
	buf_free(&v);
	return st;
}

/* ---- listings -------------------------------------------------------- */

struct sortkey {
	const char *name;	/* --sort value */
	const char *expr;	/* ORDER BY expression */
};

struct listing {
	const char *select;	/* SELECT ... FROM ... WHERE 1 */
	size_t ncols;
	const char *const *names;
	const enum twr_type *types;
	const struct sortkey *sorts;
};

static const enum twr_type t_ag[] = { TWR_INT, TWR_TEXT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT };

#define AG_FROM " FROM agreements g JOIN actors pa ON pa.id = g.party_id " \
	"JOIN actors pb ON pb.id = g.partner_id WHERE 1"

static const char *const n_ag[] = { "id", "kind", "party", "party_country",
	"partner", "partner_country", "signed_on", "status" };
static const char *const n_sc[] = { "id", "municipality",
	"municipality_country", "sister_city", "sister_city_country",
	"signed_on", "status" };
static const char *const n_pa[] = { "id", "kind", "party", "party_country",
	"partner", "partner_country", "signed_on", "signed_place", "status" };
static const char *const n_m[] = { "id", "member", "member_country",
	"network", "network_country", "status", "since", "until", "roles" };
static const char *const n_a[] = { "id", "name", "country", "kind",
	"name_en", "parent" };

static const struct sortkey s_ag[] = {
	{ "id", "g.id" },
	{ "kind", "g.kind" },
	{ "party", "pa.name COLLATE tr" },
	{ "municipality", "pa.name COLLATE tr" },
	{ "name", "pa.name COLLATE tr, pb.name COLLATE tr" },
	{ "partner", "pb.name COLLATE tr" },
	{ "sister_city", "pb.name COLLATE tr" },
	{ "country", "pa.country, pb.country" },
	{ "party_country", "pa.country" },
	{ "municipality_country", "pa.country" },
	{ "partner_country", "pb.country" },
	{ "sister_city_country", "pb.country" },
	{ "signed", "g.signed_on" },
	{ "signed_on", "g.signed_on" },
	{ "signed_place", "g.signed_place COLLATE tr" },
	{ "date", "g.signed_on" },
	{ "status", "g.status" },
	{ NULL, NULL }
};

static const struct sortkey s_m[] = {
	{ "id", "g.id" },
	{ "member", "pa.name COLLATE tr" },
	{ "municipality", "pa.name COLLATE tr" },
	{ "name", "pa.name COLLATE tr, pb.name COLLATE tr" },
	{ "network", "pb.name COLLATE tr" },
	{ "country", "pa.country" },
	{ "member_country", "pa.country" },
	{ "network_country", "pb.country" },
	{ "status", "g.status" },
	{ "since", "g.since" },
	{ "date", "g.since" },
	{ "until", "g.until" },
	{ "roles", "g.roles COLLATE tr" },
	{ NULL, NULL }
};

static const struct sortkey s_a[] = {
	{ "id", "a.id" },
	{ "name", "a.name COLLATE tr" },
	{ "country", "a.country" },
	{ "kind", "a.kind" },
	{ "name_en", "a.name_en COLLATE tr" },
	{ "parent", "p.name COLLATE tr" },
	{ NULL, NULL }
};

static const struct listing listings[] = {
	[TWR_LIST_AGREEMENTS] = { "SELECT g.id, g.kind, pa.name, pa.country, "
	    "pb.name, pb.country, g.signed_on, g.status" AG_FROM,
	    ARRAY_SIZE(n_ag), n_ag, t_ag, s_ag },
	[TWR_LIST_SISTER_CITIES] = { "SELECT g.id, pa.name, pa.country, "
	    "pb.name, pb.country, g.signed_on, g.status" AG_FROM,
	    ARRAY_SIZE(n_sc), n_sc, t_ag, s_ag },
	[TWR_LIST_PARTNERSHIPS] = { "SELECT g.id, g.kind, pa.name, "
	    "pa.country, pb.name, pb.country, g.signed_on, g.signed_place, "
	    "g.status" AG_FROM, ARRAY_SIZE(n_pa), n_pa, t_ag, s_ag },
	[TWR_LIST_MEMBERSHIPS] = { "SELECT g.id, pa.name, pa.country, "
	    "pb.name, pb.country, g.status, g.since, g.until, g.roles "
	    "FROM memberships g JOIN actors pa ON pa.id = g.member_id "
	    "JOIN actors pb ON pb.id = g.network_id WHERE 1",
	    ARRAY_SIZE(n_m), n_m, t_ag, s_m },
	[TWR_LIST_ACTORS] = { "SELECT a.id, a.name, a.country, a.kind, "
	    "a.name_en, p.name FROM actors a LEFT JOIN actors p "
	    "ON p.id = a.parent_id WHERE 1", ARRAY_SIZE(n_a), n_a, t_ag, s_a },
};

/* Append ORDER BY for SORT ("name", "-signed", "country,name"). */
static enum twr_status
order_by(const struct listing *l, const char *sort, struct qb *q,
    struct twr_error *err)
{
	char *copy, *key, *save;
	size_t i;
	int n = 0;

	qb_sql(q, " ORDER BY ");
	if (sort == NULL) {
		qb_sql(q, l->sorts[0].expr);
		return TWR_OK;
	}
	if ((copy = xstrdup(sort)) == NULL)
		return set_err(err, TWR_INTERNAL, "out of memory");
	/* Every piece between commas must name a field: "name,," is as
	   wrong as "nmae". */
	for (key = copy; key != NULL; key = save) {
		int desc;
		const char *k;

		if ((save = strchr(key, ',')) != NULL)
			*save++ = '\0';
		trim_blanks(key);
		desc = *key == '-';
		k = trim_blanks(key + desc);

		for (i = 0; l->sorts[i].name != NULL &&
		    strcmp(l->sorts[i].name, k) != 0; i++)
			;
		if (l->sorts[i].name == NULL) {
			struct twr_buf names;
			enum twr_status st;

			buf_init(&names);
			for (i = 0; l->sorts[i].name != NULL; i++)
				buf_printf(&names, "%s%s", i ? ", " : "",
				    l->sorts[i].name);
			st = set_err(err, TWR_USAGE, "--sort: unknown field "
			    "'%s' (expected %s, a leading '-' for descending)",
			    k, buf_str(&names));
			buf_free(&names);
			free(copy);
			return st;
		}
		if (n++ > 0)
			qb_sql(q, ", ");
		if (!desc)
			qb_sql(q, l->sorts[i].expr);
		else {
			/* Each part of a multi-column key descends. */
			char *e = xstrdup(l->sorts[i].expr), *part, *s2 = NULL;
			int m = 0;

			for (part = strtok_r(e, ",", &s2); part != NULL;
			    part = strtok_r(NULL, ",", &s2)) {
				qb_sql(q, m++ ? ", " : "");
				qb_sql(q, trim_blanks(part));
				qb_sql(q, " DESC");
			}
			free(e);
		}
	}
	free(copy);
	/* The id makes the order total, so output is stable. */
	qb_sql(q, ", ");
	qb_sql(q, l->sorts[0].expr);
	return TWR_OK;
}

enum twr_status
twr_filter_check(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *filter, struct twr_error *err)
{
	struct qb q;
	enum twr_status st;
	twr_diag_fn *fn = db->diag;

	qb_init(&q);
	db->diag = NULL;		/* hints come with the real query */
	st = filter_where(db, what, filter, &q, err);
	db->diag = fn;
	if (st == TWR_OK)
		st = order_by(&listings[what], filter->sort, &q, err);
	qb_free(&q);
	return st;
}

enum twr_status
twr_list(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *f, struct twr_rows **rows,
    struct twr_error *err)
{
	const struct listing *l = &listings[what];
	enum twr_status st;
	struct stmt *stmt;
	struct qb q;

	*rows = NULL;
	qb_init(&q);
	qb_sql(&q, l->select);
	if ((st = filter_where(db, what, f, &q, err)) != TWR_OK ||
	    (st = order_by(l, f->sort, &q, err)) != TWR_OK) {
		qb_free(&q);
		return st;
	}
	if (q.nomatch) {
		qb_free(&q);
		qb_init(&q);
		qb_sql(&q, l->select);
		qb_sql(&q, " AND 0");
	}
	if (f->limit > 0) {
		qb_sql(&q, " LIMIT ");
		qb_int(&q, (long long)f->limit);
	}
	stmt = qb_prepare(db, &q, err);
	qb_free(&q);
	if (stmt == NULL)
		return err->status;
	if ((*rows = rows_from_stmt(stmt, l->ncols, l->names, l->types)) ==
	    NULL)
		return set_err(err, TWR_INTERNAL, "out of memory");
	return TWR_OK;
}
