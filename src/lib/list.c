/*
 * Filtered listings of agreements, memberships and actors.
 */
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "kinds.h"

struct sortkey {
	const char *name;	/* --sort value */
	const char *expr;	/* ORDER BY expression */
};

/* A listing: the table it lists, its columns and their SQL over the
 * table's FROM, and the names it sorts by. */
struct listing {
	const struct table *tab;
	const char *const *names;
	const char *const *exprs;
	size_t ncols;
	const struct sortkey *sorts;
};

static const enum twr_type t_list[] = { TWR_INT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT };

static const char *const n_ag[] = { "id", "kind", "party", "party_country",
	"partner", "partner_country", "signed_on", "status" };
static const char *const e_ag[] = { "g.id", "g.kind", "pa.name",
	"pa.country", "pb.name", "pb.country", "g.signed_on", "g.status" };
static const char *const n_sc[] = { "id", "municipality",
	"municipality_country", "sister_city", "sister_city_country",
	"signed_on", "status" };
static const char *const e_sc[] = { "g.id", "pa.name", "pa.country",
	"pb.name", "pb.country", "g.signed_on", "g.status" };
static const char *const n_pa[] = { "id", "kind", "party", "party_country",
	"partner", "partner_country", "signed_on", "signed_place", "status" };
static const char *const e_pa[] = { "g.id", "g.kind", "pa.name",
	"pa.country", "pb.name", "pb.country", "g.signed_on", "g.signed_place",
	"g.status" };
static const char *const n_m[] = { "id", "member", "member_country",
	"network", "network_country", "status", "since", "until", "roles" };
static const char *const e_m[] = { "g.id", "pa.name", "pa.country",
	"pb.name", "pb.country", "g.status", "g.since", "g.until", "g.roles" };
static const char *const n_a[] = { "id", "name", "country", "kind",
	"name_en", "parent" };
static const char *const e_a[] = { "g.id", "g.name", "g.country", "g.kind",
	"g.name_en", "pa.name" };

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
	{ "id", "g.id" },
	{ "name", "g.name COLLATE tr" },
	{ "country", "g.country" },
	{ "kind", "g.kind" },
	{ "name_en", "g.name_en COLLATE tr" },
	{ "parent", "pa.name COLLATE tr" },
	{ NULL, NULL }
};

#define L(tab, n, e, s) { &tab, n, e, ARRAY_SIZE(n), s }

static const struct listing listings[] = {
	[TWR_LIST_AGREEMENTS] = L(tab_agreements, n_ag, e_ag, s_ag),
	[TWR_LIST_SISTER_CITIES] = L(tab_agreements, n_sc, e_sc, s_ag),
	[TWR_LIST_PARTNERSHIPS] = L(tab_agreements, n_pa, e_pa, s_ag),
	[TWR_LIST_MEMBERSHIPS] = L(tab_memberships, n_m, e_m, s_m),
	[TWR_LIST_ACTORS] = L(tab_actors, n_a, e_a, s_a),
};

const char *const *
twr_sort_keys(enum twr_list_what what)
{
	static const char *names[ARRAY_SIZE(listings)][24];
	size_t i;

	if ((unsigned)what >= ARRAY_SIZE(listings))
		return NULL;
	if (names[what][0] == NULL)
		for (i = 0; listings[what].sorts[i].name != NULL; i++)
			names[what][i] = listings[what].sorts[i].name;
	return names[what];
}

/* Append ORDER BY for SORT ("name", "-signed", "country,name"). */
static enum twr_status
order_by(const struct listing *l, enum twr_list_what what, const char *sort,
    struct qb *q, struct twr_error *err)
{
	char *copy, *key, *save;
	struct twr_msg m;
	size_t i;
	int n = 0;

	qb_sql(q, " ORDER BY ");
	if (sort == NULL) {
		qb_sql(q, l->sorts[0].expr);
		return TWR_OK;
	}
	if ((copy = xstrdup(sort)) == NULL)
		return err_nomem(err);
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
			enum twr_status st;

			memset(&m, 0, sizeof(m));
			m.code = TWR_E_SORT;
			m.field = "sort";
			m.value = k;
			m.n[0] = what;
			st = err_msg(err, TWR_USAGE, &m);
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
			int p = 0;

			for (part = e ? strtok_r(e, ",", &s2) : NULL;
			    part != NULL; part = strtok_r(NULL, ",", &s2)) {
				qb_sql(q, p++ ? ", " : "");
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
twr_list(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *f, struct twr_rows **rows,
    struct twr_error *err)
{
	const struct listing *l;
	struct filter r;
	enum twr_status st;
	struct stmt *stmt;
	struct qb q;
	size_t i;

	LOCAL_ERR(err);
	*rows = NULL;
	if ((unsigned)what >= ARRAY_SIZE(listings))
		return err_code(err, TWR_USAGE, TWR_E_NO_SUCH_KIND);
	l = &listings[what];
	if ((st = filter_resolve(db, what, f, &r, err)) != TWR_OK)
		return st;
	qb_init(&q);
	qb_sql(&q, "SELECT ");
	for (i = 0; i < l->ncols; i++) {
		qb_sql(&q, i ? ", " : "");
		qb_sql(&q, l->exprs[i]);
	}
	qb_sql(&q, " FROM ");
	qb_sql(&q, l->tab->from);
	qb_sql(&q, " WHERE 1");
	filter_sql(&r, what, 1, &q);
	if ((st = order_by(l, what, f->sort, &q, err)) != TWR_OK)
		goto out;
	if (f->limit > 0) {
		qb_sql(&q, " LIMIT ");
		qb_int(&q, (long long)f->limit);
	}
	if ((stmt = qb_prepare(db, &q, err)) == NULL) {
		st = err->status;
		goto out;
	}
	if ((*rows = rows_from_stmt(stmt, l->ncols, l->names, t_list)) == NULL)
		st = err_nomem(err);
out:
	qb_free(&q);
	filter_free(&r);
	return st;
}
