/*
 * Filtered listings of agreements, memberships, actors and activities:
 * each listing's own columns, or any chosen from its kind's fields and
 * the derived ones, in a stable order.
 */
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "kinds.h"

struct sortkey {
	const char *name;	/* --sort value */
	const char *expr;	/* ORDER BY expression */
};

/* A column a listing can show: its name, SQL and type. */
struct lcol {
	const char *name;
	const char *expr;
	enum twr_type type;
};

/* A listing: the table it lists, its own columns, the kind whose fields
 * may be chosen too, derived columns, and the names it sorts by. */
struct listing {
	const struct table *tab;
	const struct lcol *own;		/* ends with a NULL name */
	enum twr_kind kind;
	const struct lcol *derived;	/* ends with a NULL name */
	const struct sortkey *sorts;
};

#define ID { "id", "g.id", TWR_INT }
#define END { NULL, NULL, TWR_TEXT }
/* The date of a tie's last activity. */
#define LAST_ACTIVITY { "last_activity", "(SELECT max(date) FROM activities " \
	"WHERE tie_id = g.id)", TWR_TEXT }

static const struct lcol c_ag[] = { ID, { "kind", "g.kind", TWR_TEXT },
	{ "party", "pa.name", TWR_TEXT },
	{ "party_country", "pa.country", TWR_TEXT },
	{ "partner", "pb.name", TWR_TEXT },
	{ "partner_country", "pb.country", TWR_TEXT },
	{ "signed_on", "g.signed_on", TWR_TEXT },
	{ "status", "g.status", TWR_TEXT },
	{ "ended_on", "g.ended_on", TWR_TEXT }, END };
static const struct lcol c_sc[] = { ID,
	{ "municipality", "pa.name", TWR_TEXT },
	{ "municipality_country", "pa.country", TWR_TEXT },
	{ "sister_city", "pb.name", TWR_TEXT },
	{ "sister_city_country", "pb.country", TWR_TEXT },
	{ "signed_on", "g.signed_on", TWR_TEXT },
	{ "status", "g.status", TWR_TEXT },
	{ "ended_on", "g.ended_on", TWR_TEXT }, END };
static const struct lcol c_pa[] = { ID, { "kind", "g.kind", TWR_TEXT },
	{ "party", "pa.name", TWR_TEXT },
	{ "party_country", "pa.country", TWR_TEXT },
	{ "partner", "pb.name", TWR_TEXT },
	{ "partner_country", "pb.country", TWR_TEXT },
	{ "signed_on", "g.signed_on", TWR_TEXT },
	{ "signed_place", "g.signed_place", TWR_TEXT },
	{ "status", "g.status", TWR_TEXT },
	{ "ended_on", "g.ended_on", TWR_TEXT }, END };
static const struct lcol c_m[] = { ID, { "member", "pa.name", TWR_TEXT },
	{ "member_country", "pa.country", TWR_TEXT },
	{ "network", "pb.name", TWR_TEXT },
	{ "network_country", "pb.country", TWR_TEXT },
	{ "status", "g.status", TWR_TEXT }, { "since", "g.since", TWR_TEXT },
	{ "until", "g.until", TWR_TEXT }, { "roles", "g.roles", TWR_TEXT },
	END };
static const struct lcol c_a[] = { ID, { "name", "g.name", TWR_TEXT },
	{ "country", "g.country", TWR_TEXT }, { "kind", "g.kind", TWR_TEXT },
	{ "name_en", "g.name_en", TWR_TEXT },
	{ "parent", "pa.name", TWR_TEXT }, END };
static const struct lcol c_ac[] = { ID, { "actor", "pa.name", TWR_TEXT },
	{ "type", "g.type", TWR_TEXT }, { "title", "g.title", TWR_TEXT },
	{ "date", "g.date", TWR_TEXT }, { "place", "g.place", TWR_TEXT },
	{ "with", "pb.name", TWR_TEXT }, END };

static const struct lcol d_ties[] = { { "kind", "g.kind", TWR_TEXT },
	LAST_ACTIVITY, END };
static const struct lcol d_none[] = { END };
static const struct lcol d_ac[] = { { "tie", "g.tie_id", TWR_INT }, END };

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

static const struct sortkey s_ac[] = {
	{ "id", "g.id" },
	{ "actor", "pa.name COLLATE tr" },
	{ "municipality", "pa.name COLLATE tr" },
	{ "type", "g.type" },
	{ "title", "g.title COLLATE tr" },
	{ "date", "g.date" },
	{ "place", "g.place COLLATE tr" },
	{ "country", "g.place_country" },
	{ "with", "pb.name COLLATE tr" },
	{ NULL, NULL }
};

static const struct listing listings[] = {
	[TWR_LIST_AGREEMENTS] = { &tab_agreements, c_ag,
	    TWR_KIND_PARTNERSHIPS, d_ties, s_ag },
	[TWR_LIST_SISTER_CITIES] = { &tab_agreements, c_sc,
	    TWR_KIND_SISTER_CITIES, d_ties, s_ag },
	[TWR_LIST_PARTNERSHIPS] = { &tab_agreements, c_pa,
	    TWR_KIND_PARTNERSHIPS, d_ties, s_ag },
	[TWR_LIST_MEMBERSHIPS] = { &tab_memberships, c_m,
	    TWR_KIND_MEMBERSHIPS, d_ties + 1, s_m },
	[TWR_LIST_ACTORS] = { &tab_actors, c_a, TWR_KIND_ACTORS, d_none,
	    s_a },
	[TWR_LIST_ACTIVITIES] = { &tab_activities, c_ac, TWR_KIND_ACTIVITIES,
	    d_ac, s_ac },
};

#define NLIST ARRAY_SIZE(listings)
#define MAX_LCOLS 48
#if PICK_MAX > MAX_LCOLS
#error "a listing's chosen columns must fit MAX_LCOLS"
#endif

/* Every column of listing L, the own first, each name once. */
static size_t
all_columns(const struct listing *l, struct lcol *out)
{
	const struct kind *k = kind_of(l->kind);
	size_t n = 0, i, j;

	for (i = 0; l->own[i].name != NULL; i++)
		out[n++] = l->own[i];
	for (i = 0; i < k->ncols; i++) {
		for (j = 0; j < n && strcmp(out[j].name, k->cols[i].name) != 0;
		    j++)
			;
		if (j < n)
			continue;
		out[n].name = k->cols[i].name;
		out[n].expr = k->cols[i].expr;
		out[n].type = k->cols[i].type == V_COUNT ? TWR_INT : TWR_TEXT;
		n++;
	}
	for (i = 0; l->derived[i].name != NULL; i++) {
		for (j = 0; j < n && strcmp(out[j].name, l->derived[i].name) !=
		    0; j++)
			;
		if (j == n)
			out[n++] = l->derived[i];
	}
	return n;
}

const char *const *
twr_list_columns(enum twr_list_what what)
{
	static const char *names[NLIST][MAX_LCOLS + 1];
	struct lcol cols[MAX_LCOLS];
	size_t i, n;

	if ((unsigned)what >= NLIST)
		return NULL;
	if (names[what][0] == NULL) {
		n = all_columns(&listings[what], cols);
		for (i = 0; i < n; i++)
			names[what][i] = cols[i].name;
	}
	return names[what];
}

const char *const *
twr_sort_keys(enum twr_list_what what)
{
	static const char *names[NLIST][24];
	size_t i;

	if ((unsigned)what >= NLIST)
		return NULL;
	if (names[what][0] == NULL)
		for (i = 0; listings[what].sorts[i].name != NULL; i++)
			names[what][i] = listings[what].sorts[i].name;
	return names[what];
}

/* The columns of the listing of WHAT: its own, or those LIST names (","
 * separated, or "all"), into COLS (*N of them). */
static enum twr_status
choose_columns(enum twr_list_what what, const char *list, struct lcol *cols,
    size_t *n, struct twr_error *err)
{
	struct lcol all[MAX_LCOLS];
	const char *names[MAX_LCOLS];
	size_t na = all_columns(&listings[what], all), i, idx[PICK_MAX];
	enum twr_status st;

	*n = 0;
	if (list == NULL) {
		for (i = 0; listings[what].own[i].name != NULL; i++)
			cols[(*n)++] = listings[what].own[i];
		return TWR_OK;
	}
	for (i = 0; i < na; i++)
		names[i] = all[i].name;
	if ((st = pick_columns(names, na, list, what, idx, n, err)) !=
	    TWR_OK)
		return st;
	for (i = 0; i < *n; i++)
		cols[i] = all[idx[i]];
	return TWR_OK;
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
	const char *names[MAX_LCOLS];
	enum twr_type types[MAX_LCOLS];
	struct lcol cols[MAX_LCOLS];
	const struct listing *l;
	struct filter r;
	enum twr_status st;
	struct stmt *stmt;
	struct qb q;
	size_t i, n;

	LOCAL_ERR(err);
	*rows = NULL;
	if ((unsigned)what >= NLIST)
		return err_code(err, TWR_USAGE, TWR_E_NO_SUCH_KIND);
	l = &listings[what];
	if ((st = choose_columns(what, f->columns, cols, &n, err)) != TWR_OK)
		return st;
	if ((st = filter_resolve(db, what, f, &r, err)) != TWR_OK)
		return st;
	qb_init(&q);
	qb_sql(&q, "SELECT ");
	for (i = 0; i < n; i++) {
		qb_sql(&q, i ? ", " : "");
		qb_sql(&q, cols[i].expr);
		names[i] = cols[i].name;
		types[i] = cols[i].type;
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
	if ((*rows = rows_from_stmt(stmt, n, names, types)) == NULL)
		st = err_nomem(err);
out:
	qb_free(&q);
	filter_free(&r);
	return st;
}
