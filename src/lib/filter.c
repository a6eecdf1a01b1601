/*
 * Filters: resolved once, then turned into SQL conditions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "filter.h"
#include "values.h"
#include "vocab.h"

static int
is_ag(enum twr_list_what what)
{
	return what == TWR_LIST_AGREEMENTS || what == TWR_LIST_SISTER_CITIES ||
	    what == TWR_LIST_PARTNERSHIPS;
}

/* Filter FIELD (with VALUE, when only that value does not apply) does
   not apply to WHAT. */
static enum twr_status
not_for(const char *field, const char *value, enum twr_list_what what,
    struct twr_error *err)
{
	struct twr_msg m;

	memset(&m, 0, sizeof(m));
	m.code = TWR_E_NOT_FOR;
	m.field = field;
	m.value = value;
	m.n[0] = what;
	return err_msg(err, TWR_USAGE, &m);
}

/* Grow SET by ID; returns 0 or -1. */
static int
idset_add(long long **ids, size_t *n, long long id)
{
	long long *p;

	if ((*n & (*n - 1)) == 0) {
		if ((p = realloc(*ids, (*n ? *n * 2 : 16) * sizeof(*p))) ==
		    NULL)
			return -1;
		*ids = p;
	}
	(*ids)[(*n)++] = id;
	return 0;
}

/* Read the ids Q gives into *IDS, *N. */
static enum twr_status
read_ids(struct stmt *q, long long **ids, size_t *n, struct twr_error *err)
{
	enum twr_status st;

	while ((st = st_step(q, err)) == TWR_ROW)
		if (idset_add(ids, n, st_col_int(q, 0)) == -1) {
			st_free(q);
			return err_nomem(err);
		}
	st_free(q);
	return st == TWR_DONE ? TWR_OK : st;
}

/* The agreements that name one of the actors of S as a third party. */
static enum twr_status
third_parties(struct twr_db *db, struct idset *s, struct twr_error *err)
{
	struct stmt *st;
	struct qb q;

	qb_init(&q);
	qb_sql(&q, "SELECT DISTINCT agreement_id FROM agreement_parties "
	    "WHERE actor_id");
	qb_ids(&q, s->ids, s->n);
	st = qb_prepare(db, &q, err);
	qb_free(&q);
	if (st == NULL)
		return err->status;
	return read_ids(st, &s->third, &s->nthird, err);
}

/* The actors NAME (given for FIELD) names, into S; none is
 * TWR_NOTFOUND, with the nearest names (as an unknown country is). */
static enum twr_status
resolve_name(struct twr_db *db, const char *field,
    const char *name, struct idset *s, struct twr_error *err)
{
	enum twr_status st;
	struct twr_buf hint;
	struct twr_msg m;

	if ((st = actor_lookup(db, name, NULL, &s->ids, &s->n, err)) !=
	    TWR_OK)
		return st;
	if (s->n > 0)
		return third_parties(db, s, err);
	buf_init(&hint);
	actor_suggest(db, name, &hint);
	memset(&m, 0, sizeof(m));
	m.code = TWR_E_NO_SUCH_NAME;
	m.field = field;
	m.value = name;
	m.hint = hint.len > 0 ? hint.p : NULL;
	st = err_msg(err, TWR_NOTFOUND, &m);
	buf_free(&hint);
	return st;
}

/* The word TEXT of vocabulary V given for FIELD, or TWR_USAGE. */
static enum twr_status
resolve_word(const char *field, enum twr_vocab v, const char *text,
    const char **out, struct twr_error *err)
{
	struct twr_msg m;

	if ((*out = vocab_find(v, text)) != NULL)
		return TWR_OK;
	memset(&m, 0, sizeof(m));
	m.code = TWR_E_TERM;
	m.field = field;
	m.value = text;
	m.n[0] = v;
	return err_msg(err, TWR_USAGE, &m);
}

static enum twr_status
resolve_country(struct twr_db *db, struct filter *r, enum twr_list_what what,
    struct twr_error *err)
{
	const struct twr_country *c;
	struct twr_buf hint;
	struct twr_msg m;
	enum twr_status st;
	struct stmt *q;

	memset(&m, 0, sizeof(m));
	m.field = "country";
	if (*r->f->country == '\0') {
		m.code = TWR_E_EMPTY_COUNTRY;
		return err_msg(err, TWR_USAGE, &m);
	}
	if ((c = country_find(r->f->country)) == NULL) {
		buf_init(&hint);
		country_suggest(r->f->country, &hint);
		m.code = TWR_E_COUNTRY;
		m.value = r->f->country;
		m.hint = hint.len > 0 ? hint.p : NULL;
		st = err_msg(err, TWR_NOTFOUND, &m);
		buf_free(&hint);
		return st;
	}
	snprintf(r->cc, sizeof(r->cc), "%s", c->code);
	if (what == TWR_LIST_ACTORS)
		return TWR_OK;
	if ((q = st_prepare(db, "SELECT id FROM actors WHERE country = ?1 "
	    "ORDER BY id", err)) == NULL)
		return err->status;
	st_ref(q, 1, r->cc);
	if ((st = read_ids(q, &r->country.ids, &r->country.n, err)) != TWR_OK)
		return st;
	/* An activity's place may be in a country no actor is. */
	if (r->country.n == 0 && what != TWR_LIST_ACTIVITIES)
		r->nomatch = 1;
	else if (what != TWR_LIST_MEMBERSHIPS)
		st = third_parties(db, &r->country, err);
	return st;
}

/*
 * Dormant ties: in force on the day of reference (--as-of, else today)
 * with no activity in the YEARS years up to it, the window's first day
 * included; a tie with no activity in it counts from its signing, and
 * an undated tie with only undated activity is not dormant: nothing
 * places it or its activity before the window.
 */
static enum twr_status
resolve_dormant(struct filter *r, enum twr_list_what what,
    struct twr_error *err)
{
	const struct twr_filter *f = r->f;
	char day[DATE_MAX], next[DATE_MAX];
	struct twr_msg m;

	if (f->dormant == 0)
		return TWR_OK;
	if (what == TWR_LIST_ACTORS || what == TWR_LIST_ACTIVITIES)
		return not_for("dormant", NULL, what, err);
	memset(&m, 0, sizeof(m));
	if (f->dormant < 1 || f->dormant > DORMANT_MAX) {
		m.code = TWR_E_RANGE;
		m.field = "dormant";
		m.n[0] = f->dormant;
		m.n[1] = 1;
		m.n[2] = DORMANT_MAX;
		return err_msg(err, TWR_USAGE, &m);
	}
	if (f->as_of != NULL) {
		if (date_option("as_of", f->as_of, next, err) != TWR_OK)
			return err->status;
		date_first(next, day);
	} else if (f->today == NULL || twr_date_parse(f->today, day) == -1 ||
	    strlen(day) != 10) {
		m.code = TWR_E_TODAY;
		m.value = f->today;
		return err_msg(err, TWR_USAGE, &m);
	}
	date_years_before(day, f->dormant, r->window);
	/* In force on the day, and activity up to its end. */
	date_after(day, next);
	date_bound(next, r->dormant_end);
	if (r->as_of[0] == '\0')
		snprintf(r->as_of, sizeof(r->as_of), "%s", r->dormant_end);
	return TWR_OK;
}

/* Keep in B the tighter of its bound and BOUND: the later of two lower
   bounds (LOWER), the earlier of two upper ones. */
static void
tighten(char *b, const char *bound, int lower)
{
	if (b[0] == '\0' || (lower ? strcmp(bound, b) > 0 :
	    strcmp(bound, b) < 0))
		snprintf(b, DATE_MAX, "%s", bound);
}

static enum twr_status
resolve_dates(struct filter *r, enum twr_list_what what,
    struct twr_error *err)
{
	const struct twr_filter *f = r->f;
	enum twr_status st;
	char d1[DATE_MAX], d2[DATE_MAX];
	struct twr_msg m;

	if ((f->year != 0 || f->from != NULL || f->to != NULL ||
	    f->as_of != NULL) && what == TWR_LIST_ACTORS)
		return not_for(f->year ? "year" : f->as_of ? "as_of" :
		    f->from ? "from" : "to", NULL, what, err);
	if (f->as_of != NULL && what == TWR_LIST_ACTIVITIES)
		return not_for("as_of", NULL, what, err);
	if (f->year != 0) {
		if (f->year < TWR_YEAR_MIN || f->year > TWR_YEAR_MAX) {
			memset(&m, 0, sizeof(m));
			m.code = TWR_E_YEAR;
			m.field = "year";
			m.n[0] = f->year;
			return err_msg(err, TWR_USAGE, &m);
		}
		snprintf(r->from, sizeof(r->from), "%04d", f->year % 10000);
		snprintf(r->to, sizeof(r->to), "%04d", (f->year + 1) % 10000);
	}
	/* Dates of any precision compare as text, each as its first day,
	   against bounds in their shortest form (date_bound). */
	if (f->from != NULL) {
		if ((st = date_option("from", f->from, d1, err)) != TWR_OK)
			return st;
		date_bound(d1, d2);
		tighten(r->from, d2, 1);
	}
	if (f->to != NULL) {
		if ((st = date_option("to", f->to, d1, err)) != TWR_OK)
			return st;
		date_after(d1, d2);		/* the whole period, to its end */
		date_bound(d2, d1);
		tighten(r->to, d1, 0);
	}
	if (f->as_of != NULL) {
		/* In force on the day: begun before the day after it, not
		   ended before the day after it. */
		if ((st = date_option("as_of", f->as_of, d1, err)) != TWR_OK)
			return st;
		date_first(d1, d2);
		date_after(d2, d1);
		date_bound(d1, r->as_of);
	}
	return resolve_dormant(r, what, err);
}

/* What a tie may lack (TWR_V_LACKS), as conditions on an agreement and
   on a membership g: neither the date nor the number of a decision or
   an approval, no value, or not one activity.  A membership has no
   topics and no place of signing (M NULL); its start is its since. */
static const struct lack {
	const char *word, *ag, *m;
} lacks[] = {
	{ "council-decision", "g.council_decision_date IS NULL AND "
	  "g.council_decision_no IS NULL", "g.council_decision_date IS NULL "
	  "AND g.council_decision_no IS NULL" },
	{ "ministry-approval", "g.ministry_approval_date IS NULL AND "
	  "g.ministry_approval_no IS NULL", "g.ministry_approval_date IS NULL "
	  "AND g.ministry_approval_no IS NULL" },
	{ "signed-on", "g.signed_on IS NULL", "g.since IS NULL" },
	{ "signed-place", "g.signed_place IS NULL", NULL },
	{ "topics", "g.topics IS NULL", NULL },
	{ "source", "g.source IS NULL", "g.source IS NULL" },
	{ "activity", "NOT EXISTS (SELECT 1 FROM activities a WHERE "
	  "a.tie_id = g.id)", "NOT EXISTS (SELECT 1 FROM activities a WHERE "
	  "a.tie_id = g.id)" },
};

/* The condition for ties of WHAT (agreements, else memberships) that
   lack WORD, or NULL when they cannot have it. */
static const char *
lack_sql(const char *word, enum twr_list_what what)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lacks); i++)
		if (strcmp(word, lacks[i].word) == 0)
			return what == TWR_LIST_MEMBERSHIPS ? lacks[i].m :
			    lacks[i].ag;
	return NULL;
}

/* Was no filter given? */
static int
filter_none(const struct filter *r)
{
	const struct twr_filter *f = r->f;

	return f->municipality == NULL && f->partner == NULL &&
	    f->network == NULL && f->country == NULL && f->kind == NULL &&
	    f->status == NULL && f->topic == NULL && f->lacks == NULL &&
	    f->from == NULL && f->to == NULL && f->as_of == NULL &&
	    f->type == NULL && f->tie == 0 && f->dormant == 0 &&
	    f->year == 0;
}

enum twr_status
filter_resolve(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *f, struct filter *r, struct twr_error *err)
{
	int ties = what == FILTER_TIES, act = what == TWR_LIST_ACTORS;
	int mem = what == TWR_LIST_MEMBERSHIPS;
	enum twr_status st;
	struct twr_msg m;

	memset(r, 0, sizeof(*r));
	r->f = f;
	r->every = filter_none(r) && !db->no_counts;
	if (f->municipality != NULL && (st = resolve_name(db,
	    "municipality", f->municipality, &r->mun, err)) != TWR_OK)
		goto fail;
	if (f->partner != NULL) {
		if (act) {
			st = not_for("partner", NULL, what, err);
			goto fail;
		}
		if ((st = resolve_name(db, "partner", f->partner,
		    &r->partner, err)) != TWR_OK)
			goto fail;
	}
	if (f->network != NULL) {
		if (!mem && !ties) {
			st = not_for("network", NULL, what, err);
			goto fail;
		}
		if ((st = resolve_name(db, "network", f->network,
		    &r->network, err)) != TWR_OK)
			goto fail;
	}
	if (f->country != NULL && (st = resolve_country(db, r, what, err)) !=
	    TWR_OK)
		goto fail;
	if (f->kind != NULL) {
		if (mem || what == TWR_LIST_ACTIVITIES) {
			st = not_for("kind", NULL, what, err);
			goto fail;
		}
		if ((st = resolve_word("kind", act ? TWR_V_ACTOR_KIND :
		    TWR_V_AGREEMENT_KIND, f->kind, &r->kind, err)) != TWR_OK)
			goto fail;
	}
	if (f->status != NULL) {
		if (act || what == TWR_LIST_ACTIVITIES) {
			st = not_for("status", NULL, what, err);
			goto fail;
		}
		r->ag_status = vocab_find(TWR_V_AGREEMENT_STATUS, f->status);
		r->m_status = vocab_find(TWR_V_MEMBERSHIP_STATUS, f->status);
		if (ties && r->ag_status == NULL && r->m_status == NULL) {
			memset(&m, 0, sizeof(m));
			m.code = TWR_E_STATUS_ANY;
			m.field = "status";
			m.value = f->status;
			st = err_msg(err, TWR_USAGE, &m);
			goto fail;
		}
		if (!ties && (st = resolve_word("status", mem ?
		    TWR_V_MEMBERSHIP_STATUS : TWR_V_AGREEMENT_STATUS,
		    f->status, mem ? &r->m_status : &r->ag_status, err)) !=
		    TWR_OK)
			goto fail;
	}
	if (f->type != NULL) {
		if (what != TWR_LIST_ACTIVITIES) {
			st = not_for("type", NULL, what, err);
			goto fail;
		}
		if ((st = resolve_word("type", TWR_V_ACTIVITY_TYPE, f->type,
		    &r->type, err)) != TWR_OK)
			goto fail;
	}
	if (f->tie != 0 && what != TWR_LIST_ACTIVITIES) {
		st = not_for("tie", NULL, what, err);
		goto fail;
	}
	if (f->topic != NULL) {
		if (!is_ag(what) && !ties) {
			st = not_for("topic", NULL, what, err);
			goto fail;
		}
		if ((r->topic = fold_dup(f->topic)) == NULL) {
			st = err_nomem(err);
			goto fail;
		}
	}
	if (f->lacks != NULL) {
		if (act || what == TWR_LIST_ACTIVITIES) {
			st = not_for("lacks", NULL, what, err);
			goto fail;
		}
		if ((st = resolve_word("lacks", TWR_V_LACKS, f->lacks,
		    &r->lacks, err)) != TWR_OK)
			goto fail;
		if (mem && lack_sql(r->lacks, what) == NULL) {
			st = not_for("lacks", f->lacks, what, err);
			goto fail;
		}
	}
	if ((st = resolve_dates(r, what, err)) != TWR_OK)
		goto fail;
	return TWR_OK;
fail:
	filter_free(r);
	return st;
}

static void
idset_free(struct idset *s)
{
	free(s->ids);
	free(s->third);
}

void
filter_free(struct filter *r)
{
	idset_free(&r->mun);
	idset_free(&r->partner);
	idset_free(&r->network);
	idset_free(&r->country);
	free(r->topic);
	memset(r, 0, sizeof(*r));
}

int
filter_applies(const struct filter *r, enum twr_list_what what)
{
	const struct twr_filter *f = r->f;

	if (what == TWR_LIST_ACTIVITIES)
		return f->kind == NULL && f->topic == NULL && f->status ==
		    NULL && f->network == NULL;
	if (what == TWR_LIST_MEMBERSHIPS)
		return f->kind == NULL && f->topic == NULL &&
		    (f->status == NULL || r->m_status != NULL) &&
		    (r->lacks == NULL || lack_sql(r->lacks, what) != NULL);
	return f->network == NULL && (f->status == NULL ||
	    r->ag_status != NULL);
}

/*
 * Append " AND (...)": a record of WHAT with one of the actors S as a
 * party (or member, or network): FIELD says which.  INDEXED writes it so
 * that the party indexes serve it; otherwise on plain columns.
 */
static void
party_in(struct qb *q, enum twr_list_what what, const char *field,
    const struct idset *s, int indexed)
{
	static const char *const by_index[] = { "min(g.party_id, g.partner_id)",
	    "max(g.party_id, g.partner_id)" };
	static const char *const by_column[] = { "g.party_id", "g.partner_id" };
	size_t k;

	qb_sql(q, " AND (");
	if (what == TWR_LIST_ACTORS) {
		qb_sql(q, "g.id");
		qb_ids(q, s->ids, s->n);
	} else if (what == TWR_LIST_MEMBERSHIPS) {
		if (strcmp(field, "municipality") == 0)
			qb_sql(q, "g.member_id");
		else if (strcmp(field, "country") == 0) {
			qb_sql(q, "g.member_id");
			qb_ids(q, s->ids, s->n);
			qb_sql(q, " OR g.network_id");
		} else
			qb_sql(q, "g.network_id");
		qb_ids(q, s->ids, s->n);
	} else {
		for (k = 0; k < 2; k++) {
			qb_sql(q, k ? " OR " : "");
			qb_sql(q, indexed ? by_index[k] : by_column[k]);
			qb_ids(q, s->ids, s->n);
		}
		if (s->nthird > 0) {
			qb_sql(q, " OR g.id");
			qb_ids(q, s->third, s->nthird);
		}
	}
	qb_sql(q, ")");
}

/* " AND g.kind IN (...)": the agreement kinds, but for EXCEPT; COL is
   g.kind or +g.kind. */
static void
kinds_in(struct qb *q, const char *col, const char *except)
{
	size_t i, n = vocab_count(TWR_V_AGREEMENT_KIND), k = 0;

	qb_sql(q, " AND ");
	qb_sql(q, col);
	qb_sql(q, " IN (");
	for (i = 0; i < n; i++) {
		const char *w = vocab_word(TWR_V_AGREEMENT_KIND, i);

		if (except != NULL && strcmp(w, except) == 0)
			continue;
		qb_sql(q, k++ ? ", " : "");
		qb_text(q, w);
	}
	qb_sql(q, ")");
}

/* " AND (...)" of the ids of S, as the partner of activity g: its tie's
   other party or one of its partners. */
static void
activity_partner(struct qb *q, const struct idset *s)
{
	qb_sql(q, " AND (pb.id");
	qb_ids(q, s->ids, s->n);
	qb_sql(q, " OR g.id IN (SELECT activity_id FROM activity_partners "
	    "WHERE actor_id");
	qb_ids(q, s->ids, s->n);
	qb_sql(q, "))");
}

/* The conditions of R for activities g (with pb the tie's other
   party). */
static void
activity_sql(const struct filter *r, struct qb *q)
{
	if (r->mun.n > 0) {
		qb_sql(q, " AND g.actor_id");
		qb_ids(q, r->mun.ids, r->mun.n);
	}
	if (r->partner.n > 0)
		activity_partner(q, &r->partner);
	/* The place's country, the tie's other party's, or a partner's. */
	if (r->cc[0] != '\0') {
		qb_sql(q, " AND (g.place_country = ");
		qb_text(q, r->cc);
		qb_sql(q, " OR pb.country = ");
		qb_text(q, r->cc);
		qb_sql(q, " OR g.id IN (SELECT ap.activity_id FROM "
		    "activity_partners ap JOIN actors x ON x.id = ap.actor_id "
		    "WHERE x.country = ");
		qb_text(q, r->cc);
		qb_sql(q, "))");
	}
	if (r->type != NULL) {
		qb_sql(q, " AND g.type = ");
		qb_text(q, r->type);
	}
	if (r->f->tie != 0) {
		qb_sql(q, " AND g.tie_id = ");
		qb_int(q, r->f->tie);
	}
	if (r->from[0] != '\0') {
		qb_sql(q, " AND g.date >= ");
		qb_text(q, r->from);
	}
	if (r->to[0] != '\0') {
		qb_sql(q, " AND g.date < ");
		qb_text(q, r->to);
	}
}

/*
 * The dormancy of ties g (DATE_COL their start): none of their activity
 * in the window, not begun in it, and, undated, no undated activity.  A
 * date of any precision is in the window when its period reaches it.
 */
static void
dormant_sql(const struct filter *r, const char *date_col, struct qb *q)
{
	qb_sql(q, " AND NOT (");
	qb_sql(q, date_col);
	qb_sql(q, " IS NOT NULL AND ");
	qb_sql(q, date_col);
	qb_sql(q, " >= substr(");
	qb_text(q, r->window);
	qb_sql(q, ", 1, length(");
	qb_sql(q, date_col);
	/* Correlated: a tie's activities by the (tie_id, date) index. */
	qb_sql(q, "))) AND NOT EXISTS (SELECT 1 FROM activities a WHERE "
	    "a.tie_id = g.id AND a.date >= substr(");
	qb_text(q, r->window);
	qb_sql(q, ", 1, length(a.date)) AND a.date < ");
	qb_text(q, r->dormant_end);
	qb_sql(q, ") AND NOT (");
	qb_sql(q, date_col);
	qb_sql(q, " IS NULL AND EXISTS (SELECT 1 FROM activities a WHERE "
	    "a.tie_id = g.id AND a.date IS NULL))");
}

void
filter_sql(const struct filter *r, enum twr_list_what what, int indexed,
    struct qb *q)
{
	const struct twr_filter *f = r->f;
	int ag = is_ag(what), act = what == TWR_LIST_ACTORS;
	const char *cond;
	/* How the rows are best found: by a party named by name (few rows),
	   else by the dates index when a span is given (a country then
	   filters the index entries), else by party. */
	int by_name = f->municipality || f->partner || f->network;
	int by_dates = ag && !by_name && (r->from[0] || r->to[0]);
	const char *date_col = !ag ? "g.since" : by_name ? "+g.signed_on" :
	    "g.signed_on";
	/* Found by party: a kind must not draw the planner to the dates
	   index, whose entries of one kind are most of the agreements. */
	const char *kind_col = by_name || (r->cc[0] && !by_dates) ?
	    "+g.kind" : "g.kind";

	if (r->nomatch) {
		qb_sql(q, " AND 0");
		return;
	}
	if (what == TWR_LIST_ACTIVITIES) {
		activity_sql(r, q);
		return;
	}
	/* Kinds as a list of values, so that a span of dates is one range
	   of the dates index a kind. */
	if (what == TWR_LIST_SISTER_CITIES) {
		qb_sql(q, " AND ");
		qb_sql(q, kind_col);
		qb_sql(q, " = 'sister_city'");
	} else if (what == TWR_LIST_PARTNERSHIPS)
		kinds_in(q, kind_col, "sister_city");
	else if (by_dates && r->kind == NULL)
		kinds_in(q, kind_col, NULL);
	if (r->mun.n > 0)
		party_in(q, what, "municipality", &r->mun, 1);
	if (r->partner.n > 0)
		party_in(q, what, "partner", &r->partner, 1);
	if (r->network.n > 0)
		party_in(q, what, "network", &r->network, 1);
	if (r->cc[0] != '\0') {
		if (act) {
			qb_sql(q, " AND g.country = ");
			qb_text(q, r->cc);
		} else
			party_in(q, what, "country", &r->country, indexed &&
			    !by_dates);
	}
	if (r->kind != NULL) {
		qb_sql(q, " AND ");
		qb_sql(q, kind_col);
		qb_sql(q, " = ");
		qb_text(q, r->kind);
	}
	if (!act && (ag ? r->ag_status : r->m_status) != NULL) {
		qb_sql(q, " AND g.status = ");
		qb_text(q, ag ? r->ag_status : r->m_status);
	}
	if (r->topic != NULL && ag) {
		qb_sql(q, " AND instr(' ' || twr_fold(g.topics) || ' ', ' ' || ");
		qb_text(q, r->topic);
		qb_sql(q, " || ' ') > 0");
	}
	if (r->from[0] != '\0') {
		qb_sql(q, " AND ");
		qb_sql(q, date_col);
		qb_sql(q, " >= ");
		qb_text(q, r->from);
	}
	if (r->to[0] != '\0') {
		qb_sql(q, " AND ");
		qb_sql(q, date_col);
		qb_sql(q, " < ");
		qb_text(q, r->to);
	}
	if (r->as_of[0] != '\0') {
		if (ag) {
			qb_sql(q, " AND (g.signed_on IS NULL OR g.signed_on < ");
			qb_text(q, r->as_of);
			qb_sql(q, ") AND g.status <> 'planned' AND "
			    "(g.ended_on IS NULL OR g.ended_on >= ");
			qb_text(q, r->as_of);
			qb_sql(q, ") AND NOT (g.status = 'ended' AND "
			    "g.ended_on IS NULL)");
		} else {
			qb_sql(q, " AND (g.since IS NULL OR g.since < ");
			qb_text(q, r->as_of);
			qb_sql(q, ") AND (g.until IS NULL OR g.until >= ");
			qb_text(q, r->as_of);
			qb_sql(q, ")");
		}
	}
	if (r->window[0] != '\0')
		dormant_sql(r, ag ? "g.signed_on" : "g.since", q);
	if (r->lacks != NULL && (cond = lack_sql(r->lacks, ag ?
	    TWR_LIST_AGREEMENTS : TWR_LIST_MEMBERSHIPS)) != NULL) {
		qb_sql(q, " AND ");
		qb_sql(q, cond);
	}
}
