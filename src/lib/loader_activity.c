/*
 * Storing an activity row: its actor found or created, the tie its
 * `with` names found among the actor's ties, its partners, and the row
 * merged into the activity of its identity (actor, type, title, date).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "loader.h"
#include "records.h"

#define INSERT_PARTNER "INSERT INTO activity_partners(activity_id, " \
	"actor_id) VALUES(?1, ?2) ON CONFLICT DO NOTHING"

/* The ties of actor ?1 whose other party is ?2, of kind ?3 (NULL: any;
   "membership" for a membership); the pair as the identity index has
   it. */
#define TIES_OF "SELECT id FROM agreements WHERE min(party_id, " \
	"partner_id) = min(?1, ?2) AND max(party_id, partner_id) = max(?1, " \
	"?2) AND (?3 IS NULL OR kind = ?3) UNION ALL SELECT id FROM memberships " \
	"WHERE member_id = ?1 AND network_id = ?2 AND (?3 IS NULL OR ?3 = " \
	"'membership')"

enum twr_status
activity_tie(struct twr_db *db, struct stmt **cache, long long actor,
    long long other, const char *kind, long long *tie, size_t *n,
    struct twr_error *err)
{
	struct stmt *q, *local = NULL;
	enum twr_status st;

	*tie = 0;
	*n = 0;
	if (cache == NULL)
		cache = &local;
	if ((q = st_cached(db, cache, TIES_OF, err)) == NULL)
		return err->status;
	st_int(q, 1, actor);
	st_int(q, 2, other);
	st_opt(q, 3, kind);
	/* The first of several by id; no ORDER BY, which would lead the
	   planner away from the identity index. */
	while ((st = st_step(q, err)) == TWR_ROW)
		if ((*n)++ == 0 || st_col_int(q, 0) < *tie)
			*tie = st_col_int(q, 0);
	st_reset(q);
	st_free(local);
	return st == TWR_DONE ? TWR_OK : st;
}

/* Answers kept for `with`, at most: a file of one town's activities
   names a few ties again and again, and a file of many towns' names the
   same partners; a million rows of as many ties would keep them all
   (some 50 MiB) for nothing. */
#define NAMES_KEPT 65536
#define TIES_KEPT 4096

int
keep_answer(struct loader *l, struct twr_map *m, const char *key,
    size_t len, int64_t id)
{
	if (m->n >= (m == &l->withs ? NAMES_KEPT : TIES_KEPT))
		map_clear(m);
	return map_put(m, key, len, id);
}

/* The actor of `with` W in country CC in *ID when *N is 1: asked, and
   kept until the load makes an actor (which could be another of that
   name). */
static enum twr_status
with_actor(struct loader *l, const char *w, const char *cc, long long *id,
    size_t *n, struct twr_error *err)
{
	long long *ids = NULL;
	enum twr_status st;
	int64_t cached;

	actor_key(l, w, cc);
	if (map_get(&l->withs, l->key.p, l->key.len, &cached)) {
		*id = cached;
		*n = 1;
		return TWR_OK;
	}
	if ((st = actor_lookup(l->db, w, cc, &ids, n, err)) != TWR_OK)
		return st;
	*id = *n == 1 ? ids[0] : 0;
	free(ids);
	if (*n == 1 && (l->key.oom || keep_answer(l, &l->withs, l->key.p,
	    l->key.len, *id) == -1))
		return err_nomem(err);
	return TWR_OK;
}

/* The key of L->ties for the tie of actor A with OTHER of KIND (NULL:
   any) in KEY: its length, or 0 when it does not fit (a kind is a word
   of kinds.c: it fits). */
int
tie_key(char *key, size_t size, long long a, long long other,
    const char *kind)
{
	int len = snprintf(key, size, "%lld\x1f%lld\x1f%s", a, other,
	    kind ? kind : "");

	return len < 0 || (size_t)len >= size ? 0 : len;
}

/* The one tie of actor A with OTHER of KIND (NULL: any) in *TIE when *NT
   is 1: from the load's ties, or asked and kept. */
static enum twr_status
one_tie(struct loader *l, long long a, long long other, const char *kind,
    long long *tie, size_t *nt, struct twr_error *err)
{
	enum twr_status st;
	int64_t cached;
	char key[80];
	int len;

	len = tie_key(key, sizeof(key), a, other, kind);
	if (len > 0 && map_get(&l->ties, key, (size_t)len, &cached)) {
		*tie = cached;
		*nt = 1;
		return TWR_OK;
	}
	/* The ties' indexes, if a bulk load set them aside. */
	if ((st = bulk_ties_ready(l, err)) != TWR_OK || (st = activity_tie(
	    l->db, &l->tie_find, a, other, kind, tie, nt, err)) != TWR_OK)
		return st;
	if (len > 0 && *nt == 1 && keep_answer(l, &l->ties, key, (size_t)len,
	    *tie) == -1)
		return err_nomem(err);
	return TWR_OK;
}

/* The tie of actor A that R's `with` names, in *TIE (0: none given).
   -1 when it names none or several (reported), or a failure. */
static int
find_tie(struct loader *l, struct rec *r, long long a, long long *tie,
    struct twr_error *err, int *failed)
{
	const struct val *w = &r->v[RV_TIE_NAME];
	struct twr_msg m;
	size_t n, nt = 0;	/* no tie looked up when N is not 1 */
	long long other;

	*tie = 0;
	if (w->p == NULL) {
		if (r->v[RV_TIE_KIND].p == NULL && r->v[RV_TIE_CC].p == NULL)
			return 0;
		msg_of(&m, TWR_E_MISSING);
		m.field = "with";
		m.n[0] = TWR_X_NAME;
		m.n[1] = 1;
		loader_bad(l, r, r->v[RV_TIE_KIND].p ? &r->v[RV_TIE_KIND] :
		    &r->v[RV_TIE_CC], &m);
		return -1;
	}
	if (with_actor(l, w->p, r->v[RV_TIE_CC].p, &other, &n, err) !=
	    TWR_OK || (n == 1 && one_tie(l, a, other, r->v[RV_TIE_KIND].p, tie,
	    &nt, err) != TWR_OK)) {
		*failed = 1;
		return -1;
	}
	if (n == 1 && nt == 1)
		return 0;
	msg_of(&m, n > 1 ? TWR_E_AMBIGUOUS : nt > 1 ? TWR_E_TIES_N :
	    TWR_E_NO_TIE);
	m.value = w->p;
	m.value2 = r->v[RV_NAME_A].p;
	m.hint = r->v[RV_TIE_KIND].p;
	m.n[0] = (long long)(n > 1 ? n : nt);
	m.n[1] = n > 1 && r->v[RV_TIE_CC].p != NULL;
	loader_bad(l, r, w, &m);
	return -1;
}

/* An end before its start: the whole period of END lies before START. */
int
ends_before(const char *end, const char *start)
{
	return end != NULL && start != NULL && strcmp(start, end) > 0 &&
	    strncmp(start, end, strlen(end)) != 0;
}

/* Merge R's tie and partners into stored activity ID. */
static enum twr_status
merge_rest(struct loader *l, struct rec *r, long long id, long long tie,
    long long a, struct twr_error *err)
{
	unsigned long errors = l->errs->total, skipped = l->skipped;
	long long old = 0;
	enum twr_status st;
	struct stmt *q;
	int added = 0, failed = 0;
	char was[24], now[24];

	if (l->errs->total != errors || l->skipped != skipped)
		return TWR_OK;
	if ((q = st_prepare(l->db, "SELECT tie_id FROM activities WHERE "
	    "id = ?1", err)) == NULL)
		return err->status;
	st_int(q, 1, id);
	if ((st = st_step(q, err)) == TWR_ROW)
		old = st_col_int(q, 0);
	st_free(q);
	if (st != TWR_ROW && st != TWR_DONE)
		return st;
	if (tie != 0 && old != 0 && tie != old) {
		snprintf(was, sizeof(was), "tie %lld", old);
		snprintf(now, sizeof(now), "tie %lld", tie);
		if (l->on_conflict == TWR_CONFLICT_FAIL) {
			conflict(l, r, &r->v[RV_TIE_NAME], id, "with", was, now);
			return TWR_OK;
		}
		if (l->on_conflict == TWR_CONFLICT_SKIP) {
			l->skipped++;
			return TWR_OK;
		}
	}
	if (tie != 0 && tie != old) {
		if ((st = loader_change(l, err)) != TWR_OK ||
		    (st = record_set_ref(l->db, &tab_activities, id, 1, tie,
		    err)) != TWR_OK || (st = change_tie(l->db, l->change, id,
		    "update", old, tie, err)) != TWR_OK)
			return st;
		added = 1;
	}
	if (add_parties(l, r, &r->v[RV_PARTIES], id, a, 0, &l->ins_partner,
	    INSERT_PARTNER, &added, err, &failed) == -1)
		return failed ? err->status : TWR_OK;
	if (added > 0 && l->unchanged > 0) {
		l->unchanged--;		/* it did change after all */
		l->updated++;
	}
	return TWR_OK;
}

enum twr_status
loader_store_activity(struct loader *l, struct rec *r, struct twr_error *err)
{
	const struct table *tab = &tab_activities;
	int failed = 0, added = 0;
	long long a, tie, id;
	enum twr_status st;
	struct stmt *q;
	struct twr_msg m;

	if (resolve(l, r, &r->v[RV_NAME_A], r->v[RV_NAME_A].p,
	    r->v[RV_CC_A].p, NULL, &a, err, &failed) == -1 ||
	    find_tie(l, r, a, &tie, err, &failed) == -1)
		return failed ? err->status : TWR_OK;
	if (ends_before(r->v[AC_UNTIL].p, r->v[AC_DATE].p)) {
		msg_of(&m, TWR_E_END_BEFORE_START);
		m.value = r->v[AC_UNTIL].p;
		m.value2 = r->v[AC_DATE].p;
		loader_bad(l, r, &r->v[AC_UNTIL], &m);
		return TWR_OK;
	}
	if ((st = loader_change(l, err)) != TWR_OK)
		return st;
	if ((q = st_cached(l->db, &l->ins[REC_ACTIVITY], ins_sql[REC_ACTIVITY],
	    err)) == NULL)
		return err->status;
	id = l->next_id;
	st_int(q, 1, id);
	st_int(q, 2, a);
	bind_fields(q, 3, r, tab->nfields);
	st_id(q, 3 + (int)tab->nfields, tie);
	st_id(q, 4 + (int)tab->nfields, l->batch);
	if ((st = st_run(q, err)) != TWR_OK)
		return st;
	if (db_changes(l->db) == 1) {
		l->next_id++;
		l->added++;
		if (add_parties(l, r, &r->v[RV_PARTIES], id, a, 0,
		    &l->ins_partner, INSERT_PARTNER, &added, err, &failed) == -1)
			return failed ? err->status : TWR_OK;
		if ((st = note_added(l, id, r->line, err)) != TWR_OK)
			return st;
		if (bulk_has(l, REC_ACTIVITY, id))
			return bulk_row(l, r, id, a, 0, err);
		if ((st = index_new(l, tab, id, r, err)) != TWR_OK)
			return st;
		return l->add ? TWR_OK : bulk_count(l, tab, err);
	}
	/* Its identity is taken: merge into that activity. */
	if ((st = find_ident(l, tab, a, 0, r, &q, err)) != TWR_ROW) {
		st_reset(q);
		return st == TWR_DONE ? err_code(err, TWR_INTERNAL,
		    TWR_E_INTERNAL) : st;
	}
	id = st_col_int(q, 0);
	if (l->add) {
		st_reset(q);
		msg_of(&m, TWR_E_EXISTS);
		m.id = id;
		m.n[0] = REC_ACTIVITY;
		loader_bad(l, r, NULL, &m);
		return TWR_OK;
	}
	st = loader_merge(l, tab, id, q, r, err);
	st_reset(q);
	if (st == TWR_OK)
		st = merge_rest(l, r, id, tie, a, err);
	if (st == TWR_OK && !bulk_has(l, REC_ACTIVITY, id) && added > 0)
		st = fts_sync(l->db, REC_ACTIVITY, id, err);
	return st;
}
