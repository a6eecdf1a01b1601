/*
 * Asking ahead: where each statement is a round trip to a server, an
 * import reads rows ahead (import.c) and asks about what they name in a
 * few statements, before it stores them one by one: the actors of their
 * names, the ties an activity's `with` names, and the ties there are of
 * their identities.  The answers go where the rows look first (the
 * load's maps, and the ties known here); an answer a row would not get
 * as it stands when the row comes is not kept, so the rows find what
 * they would have found one by one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "loader.h"

/* The questions one statement asks. */
#define AHEAD_SLOTS 256

/* actor_lookup_key's question (actors.c) about the folded names and
   countries k(ki, k1, k2) at once, each answer with its question's
   index. */
static const char ahead_actors[] =
    "WITH k(ki, k1, k2) AS (%s)"
    " SELECT k.ki, a.id, 1 FROM k JOIN actors a ON a.name_key = k.k1"
    "  AND (k.k2 IS NULL OR a.country = k.k2)"
    " UNION "
    "SELECT k.ki, a.id, 2 FROM k JOIN aliases al ON al.alias_key = k.k1"
    "  JOIN actors a ON a.id = al.actor_id"
    "  AND (k.k2 IS NULL OR a.country = k.k2)"
    " UNION "
    "SELECT k.ki, a.id, 2 FROM k JOIN actors a ON a.name_en_key = k.k1"
    "  AND (k.k2 IS NULL OR a.country = k.k2)"
    " ORDER BY 1, 3, 2";
/* activity_tie's question about the ties k(ki, k1, k2, k3) at once. */
static const char ahead_ties[] =
    "WITH k(ki, k1, k2, k3) AS (%s)"
    " SELECT k.ki, g.id FROM k JOIN agreements g ON min(g.party_id, "
    "g.partner_id) = min(k.k1, k.k2) AND max(g.party_id, g.partner_id) = "
    "max(k.k1, k.k2) AND (k.k3 IS NULL OR g.kind = k.k3)"
    " UNION ALL "
    "SELECT k.ki, m.id FROM k JOIN memberships m ON m.member_id = k.k1 AND "
    "m.network_id = k.k2 AND (k.k3 IS NULL OR k.k3 = 'membership')"
    " ORDER BY 1";

enum ask_what { ASK_ACTORS, ASK_TIES, ASK_IDENTS };

/* A question asked ahead: the map its answer goes to and the key there,
   what it binds, and the answer (the first id, and how many; a tie of
   an identity's fields). */
struct asked {
	struct twr_map *to;
	char *key;
	size_t len;
	char *fkey;			/* an actor's folded name */
	const char *cc, *kind;
	long long a, o;			/* a tie's actors */
	const char *ident[IDENT_FIELDS];	/* an identity's fields */
	long long id;
	size_t n;
	char **fields;			/* an identity's tie's, NFIELDS */
	size_t nfields;
};

struct asking {
	struct asked *q;
	size_t n;
	struct twr_map seen;		/* "map\x1ekey" of those asked */
	struct twr_buf tag;
};

/* A tie found by its identity, for ahead_known. */
struct known_tie {
	long long id;
	char **fields;			/* its nfields, malloc'd */
	size_t nfields;
	int used;			/* a row merged into it: no longer so */
};

/* Ask about key KEY (LEN bytes) of map TO unless TO has it or it is
   asked already: the new question (TAG names TO), or NULL (*OOM when out
   of memory). */
static struct asked *
ask(struct asking *as, struct twr_map *to, char tag, const char *key,
    size_t len, int *oom)
{
	struct asked *q = &as->q[as->n];
	int64_t v;

	if (map_get(to, key, len, &v))
		return NULL;
	buf_reset(&as->tag);
	buf_addc(&as->tag, tag);
	buf_add(&as->tag, key, len);
	if (as->tag.oom) {
		*oom = 1;
		return NULL;
	}
	if (map_get(&as->seen, as->tag.p, as->tag.len, &v))
		return NULL;
	memset(q, 0, sizeof(*q));
	if ((q->key = malloc(len + 1)) == NULL || map_put(&as->seen,
	    as->tag.p, as->tag.len, 1) == -1) {
		free(q->key);
		*oom = 1;
		return NULL;
	}
	memcpy(q->key, key, len);
	q->key[len] = '\0';
	q->len = len;
	q->to = to;
	as->n++;
	return q;
}

/* The SQL of FMT with the VALUES of AHEAD_SLOTS rows of an index and
   NPARAM parameters; NULL when out of memory. */
static char *
ahead_sql(const char *fmt, int nparam)
{
	struct twr_buf v, sql;
	int i, j;

	buf_init(&v);
	buf_init(&sql);
	buf_adds(&v, "VALUES ");
	for (i = 0; i < AHEAD_SLOTS; i++) {
		buf_printf(&v, "%s(%d", i ? ", " : "", i);
		for (j = 1; j <= nparam; j++)
			buf_printf(&v, ", ?%d", i * nparam + j);
		buf_addc(&v, ')');
	}
	buf_printf(&sql, fmt, buf_str(&v));
	buf_free(&v);
	if (sql.oom) {
		buf_free(&sql);
		return NULL;
	}
	return sql.p;
}

/* find_ident's question (merge.c) about the identities k(ki, k1, ..., k5)
   of TAB's ties at once: its WHERE with ?N made k.kN. */
static char *
idents_sql(const struct table *tab)
{
	struct twr_buf fmt;
	const char *p;
	char *sql;
	size_t i;

	buf_init(&fmt);
	buf_adds(&fmt, "WITH k(ki, k1, k2, k3, k4, k5) AS (%s) SELECT k.ki, "
	    "t.id");
	for (i = 0; i < tab->nfields; i++)
		buf_printf(&fmt, ", t.%s", tab->fields[i]);
	buf_printf(&fmt, " FROM k JOIN %s t ON ", tab->name);
	for (p = tab->ident_sql; *p != '\0'; p++)
		if (*p == '?' && p[1] >= '1' && p[1] <= '5')
			buf_printf(&fmt, "k.k%c", *++p);
		else if (*p == '%')
			buf_adds(&fmt, "%%");
		else
			buf_addc(&fmt, *p);
	buf_adds(&fmt, " ORDER BY 1");
	sql = fmt.oom ? NULL : ahead_sql(fmt.p, 5);
	buf_free(&fmt);
	return sql;
}

/* Bind question Q (NULL: none, in a slot after the last) of WHAT to the
   parameters of slot K of ST. */
static void
bind_asked(struct stmt *st, enum ask_what what, size_t k,
    const struct asked *q)
{
	static const int nparam[] = { 2, 3, 5 };
	int p = (int)k * nparam[what] + 1, j;

	switch (what) {
	case ASK_ACTORS:
		st_opt(st, p, q ? q->fkey : NULL);
		st_opt(st, p + 1, q ? q->cc : NULL);
		break;
	case ASK_TIES:
		st_int(st, p, q ? q->a : 0);
		st_int(st, p + 1, q ? q->o : 0);
		st_opt(st, p + 2, q ? q->kind : NULL);
		break;
	case ASK_IDENTS:
		/* (No id is -1: a number still, which keeps a server's
		   types of the parameters.) */
		st_int(st, p, q ? q->a : -1);
		st_int(st, p + 1, q ? q->o : -1);
		for (j = 0; j < IDENT_FIELDS; j++)
			st_opt(st, p + 2 + j, q ? q->ident[j] : NULL);
		break;
	}
}

/* Take the row ST is on as the answer to Q (BEST the rank of Q's
   answers). */
static int
answer(struct stmt *st, enum ask_what what, const struct table *tab,
    struct asked *q, int *best)
{
	long long id = st_col_int(st, 1);
	int rank = what == ASK_ACTORS ? (int)st_col_int(st, 2) : 0;
	size_t i;

	if (q->n == 0)
		*best = rank;
	else if (rank != *best || (what == ASK_ACTORS && id == q->id))
		return 0;
	if (what == ASK_IDENTS && q->n == 0) {
		if ((q->fields = calloc(tab->nfields,
		    sizeof(*q->fields))) == NULL)
			return -1;
		q->nfields = tab->nfields;
		for (i = 0; i < tab->nfields; i++) {
			const char *t = st_col_text(st, (int)i + 2);

			if (t != NULL && (q->fields[i] = strdup(t)) == NULL)
				return -1;
		}
	}
	if (q->n++ == 0 || id < q->id)
		q->id = id;
	return 0;
}

/* Ask the questions of AS about WHAT (identities: of TAB's ties),
   AHEAD_SLOTS a statement, into their answers. */
static enum twr_status
ask_all(struct loader *l, struct asking *as, enum ask_what what,
    const struct table *tab, struct twr_error *err)
{
	struct stmt **slot = &l->ahead[what == ASK_IDENTS ?
	    2 + (tab->type == REC_MEMBERSHIP) : what];
	enum twr_status st = TWR_OK;
	size_t at, i, k;
	int best = 0;

	for (at = 0; at < as->n && st == TWR_OK; at += AHEAD_SLOTS) {
		if (*slot == NULL) {
			char *sql = what == ASK_IDENTS ? idents_sql(tab) :
			    ahead_sql(what == ASK_ACTORS ? ahead_actors :
			    ahead_ties, what == ASK_ACTORS ? 2 : 3);

			if (sql == NULL)
				return err_nomem(err);
			*slot = st_prepare(l->db, sql, err);
			free(sql);
			if (*slot == NULL)
				return err->status;
		}
		for (k = 0; k < AHEAD_SLOTS; k++)
			bind_asked(*slot, what, k, at + k < as->n ?
			    &as->q[at + k] : NULL);
		/* Rows by index (an actor's by rank, then id): the answers
		   as actor_lookup_key, activity_tie and find_ident give
		   them. */
		while ((st = st_step(*slot, err)) == TWR_ROW) {
			i = at + (size_t)st_col_int(*slot, 0);
			if (i < as->n && answer(*slot, what, tab, &as->q[i],
			    &best) == -1) {
				st_reset(*slot);
				return err_nomem(err);
			}
		}
		st_reset(*slot);
		if (st == TWR_DONE)
			st = TWR_OK;
	}
	return st;
}

/* Keep the answers of AS that name one actor or tie, as with_actor,
   resolve and one_tie would keep them; and the ties of the identities
   asked about that there is one of. */
static enum twr_status
keep_all(struct loader *l, struct asking *as, struct twr_error *err)
{
	struct known_tie *t;
	size_t i;

	for (i = 0; i < as->n; i++) {
		struct asked *q = &as->q[i];

		if (q->n != 1)
			continue;
		if (q->to == &l->known) {
			t = &l->kept[l->nkept];
			memset(t, 0, sizeof(*t));
			t->id = q->id;
			t->fields = q->fields;
			t->nfields = q->nfields;
			q->fields = NULL;
			q->nfields = 0;
			if (map_put(&l->known, q->key, q->len,
			    (int64_t)l->nkept++) == -1)
				return err_nomem(err);
			continue;
		}
		if ((q->to == &l->ahead_actors ? map_put(q->to, q->key, q->len,
		    q->id) : keep_answer(l, q->to, q->key, q->len, q->id)) == -1)
			return err_nomem(err);
	}
	return TWR_OK;
}

static void
asking_reset(struct asking *as)
{
	size_t i, j;

	for (i = 0; i < as->n; i++) {
		free(as->q[i].key);
		free(as->q[i].fkey);
		for (j = 0; j < as->q[i].nfields; j++)
			free(as->q[i].fields[j]);
		free(as->q[i].fields);
	}
	as->n = 0;
	map_clear(&as->seen);
}

/* The key of L->known for TAB's identity of fields F (ident_fields)
   with actors A, B (in either order, where the identity is), in L->key. */
static void
ident_key(struct loader *l, const struct table *tab, long long a,
    long long b, const char *const *f)
{
	size_t k;

	buf_reset(&l->key);
	buf_printf(&l->key, "%d\x1f%lld\x1f%lld", (int)tab->type,
	    tab->ident_either && b < a ? b : a,
	    tab->ident_either && b < a ? a : b);
	for (k = 0; k < IDENT_FIELDS; k++) {
		buf_addc(&l->key, '\x1f');
		if (f[k] != NULL)
			buf_adds(&l->key, f[k]);
	}
}

void
ahead_free(struct loader *l)
{
	size_t i, j;

	for (i = 0; i < l->nkept; i++) {
		for (j = 0; j < l->kept[i].nfields; j++)
			free(l->kept[i].fields[j]);
		free(l->kept[i].fields);
	}
	free(l->kept);
	l->kept = NULL;
	l->nkept = 0;
	map_clear(&l->known);
	map_clear(&l->ahead_actors);
}

long long
ahead_known(struct loader *l, const struct table *tab, long long a,
    long long b, const struct rec *r, const char *const **stored)
{
	const char *f[IDENT_FIELDS];
	struct known_tie *t;
	int64_t at;

	if (l->nkept == 0 || bulk_of(l, tab->type)->on)
		return 0;
	ident_fields(tab, r, f);
	ident_key(l, tab, a, b, f);
	if (l->key.oom || !map_get(&l->known, l->key.p, l->key.len, &at))
		return 0;
	t = &l->kept[at];
	if (t->used)
		return 0;
	/* The first row of the identity merges into it: the rows after
	   it ask the store. */
	t->used = 1;
	*stored = (const char *const *)t->fields;
	return t->id;
}

/* Ask about the actors of row R, and of a tie's other party, where the
   load would ask the store (resolve: not for a registry it began with no
   actors, nor a name without a country, which an actor made later in
   the load could make ambiguous); about `with` (which such an actor
   clears from l->withs). */
static void
ask_actors(struct loader *l, struct asking *as, const struct kind *k,
    const struct ahead_row *r, int *oom)
{
	static const int at[3][2] = { { RV_NAME_A, RV_CC_A },
		{ RV_NAME_B, RV_CC_B }, { RV_TIE_NAME, RV_TIE_CC } };
	struct asked *q;
	int64_t v;
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *name = r->v[at[i][0]], *cc = r->v[at[i][1]];
		int with = i == 2;

		/* An activity's actor and `with`; a tie's two parties. */
		if (name == NULL || (k->tab->type == REC_ACTIVITY ? i == 1 :
		    with) || (!with && (l->fresh || cc == NULL)))
			continue;
		actor_key(l, name, cc);
		/* A party's answer is kept apart until a row takes it
		   (resolve): a row that stops before it would not have
		   asked, and a later file of actors may change it. */
		if (!l->key.oom && (with || !map_get(&l->actors, l->key.p,
		    l->key.len, &v)) && (q = ask(as, with ? &l->withs :
		    &l->ahead_actors, with ? 'w' : 'a', l->key.p, l->key.len,
		    oom)) != NULL) {
			q->cc = cc;
			*oom |= (q->fkey = fold_dup(name)) == NULL;
		}
		*oom |= l->key.oom;
	}
}

/* The actor of NAME in CC the load has found, or asked about ahead, in
   *ID: of a `with` (WITH), or a party. */
static int
found(struct loader *l, int with, const char *name, const char *cc,
    int64_t *id)
{
	actor_key(l, name, cc);
	if (l->key.oom)
		return 0;
	if (with)
		return map_get(&l->withs, l->key.p, l->key.len, id);
	return map_get(&l->actors, l->key.p, l->key.len, id) ||
	    map_get(&l->ahead_actors, l->key.p, l->key.len, id);
}

/* Ask about the tie of row R: an activity's `with`, or (AHEAD_IDENTS)
   the tie of a tie's identity. */
static void
ask_tie(struct loader *l, struct asking *as, const struct kind *k,
    const struct ahead_row *r, int *oom)
{
	const struct table *tab = k->tab;
	const char *f[IDENT_FIELDS];
	struct asked *q;
	int64_t a, o;
	char key[80];
	int len, j;

	if (!found(l, 0, r->v[RV_NAME_A], r->v[RV_CC_A], &a))
		return;
	if (tab->type == REC_ACTIVITY) {
		if (r->v[RV_TIE_NAME] == NULL || !found(l, 1,
		    r->v[RV_TIE_NAME], r->v[RV_TIE_CC], &o))
			return;
		if ((len = tie_key(key, sizeof(key), a, o,
		    r->v[RV_TIE_KIND])) > 0 && (q = ask(as, &l->ties, 't', key,
		    (size_t)len, oom)) != NULL) {
			q->a = a;
			q->o = o;
			q->kind = r->v[RV_TIE_KIND];
		}
		return;
	}
	if (!found(l, 0, r->v[RV_NAME_B], r->v[RV_CC_B], &o) ||
	    a == o)
		return;
	/* (ident_fields of the values read ahead.) */
	for (j = 0; j < IDENT_FIELDS; j++)
		f[j] = tab->ident[j] >= 0 ? r->v[tab->ident[j]] : NULL;
	ident_key(l, tab, a, o, f);
	if (!l->key.oom && (q = ask(as, &l->known, 'i', l->key.p, l->key.len,
	    oom)) != NULL) {
		q->a = a;
		q->o = o;
		memcpy(q->ident, f, sizeof(f));
	}
	*oom |= l->key.oom;
}

/*
 * First the actors, then the ties between those found.  A question
 * names no actor or tie the load could make, or change, before the row
 * that asks it, but for a tie of an identity, which the first row of
 * that identity merges into (ahead_known gives it once).  Not while the
 * ties' tables are loaded in bulk: an activity's row that first asks for
 * a tie ends that (bulk_ties_ready), and what the end finds (ties given
 * twice, merged) is told as of that row; a tie of an identity may be
 * there twice.
 */
enum twr_status
loader_ahead(struct loader *l, const struct kind *k,
    const struct ahead_row *rows, size_t n, struct twr_error *err)
{
	enum ask_what what = k->tab->type == REC_ACTIVITY ? ASK_TIES :
	    ASK_IDENTS;
	struct asking as;
	enum twr_status st = TWR_OK;
	size_t i;
	int oom = 0;

	ahead_free(l);
	memset(&as, 0, sizeof(as));
	map_init(&as.seen);
	buf_init(&as.tag);
	if ((as.q = calloc(3 * n + 1, sizeof(*as.q))) == NULL)
		return err_nomem(err);
	for (i = 0; i < n && !oom; i++)
		ask_actors(l, &as, k, &rows[i], &oom);
	if (!oom && as.n > 0 && ((st = ask_all(l, &as, ASK_ACTORS, k->tab,
	    err)) != TWR_OK || (st = keep_all(l, &as, err)) != TWR_OK))
		goto done;
	asking_reset(&as);
	if (bulk_of(l, REC_AGREEMENT)->on || bulk_of(l, REC_MEMBERSHIP)->on ||
	    (what == ASK_IDENTS &&
	    l->db->ahead < AHEAD_IDENTS))
		n = 0;
	if (n > 0 && what == ASK_IDENTS && (l->kept = calloc(n,
	    sizeof(*l->kept))) == NULL)
		oom = 1;
	for (i = 0; i < n && !oom; i++)
		ask_tie(l, &as, k, &rows[i], &oom);
	if (!oom && as.n > 0 && ((st = ask_all(l, &as, what, k->tab, err)) !=
	    TWR_OK || (st = keep_all(l, &as, err)) != TWR_OK))
		goto done;
done:
	if (oom && st == TWR_OK)
		st = err_nomem(err);
	asking_reset(&as);
	map_free(&as.seen);
	buf_free(&as.tag);
	free(as.q);
	return st;
}
