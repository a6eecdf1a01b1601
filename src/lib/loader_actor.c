/*
 * Storing an actor row: a new actor, or one merged into the actor of
 * its name and country, its parent and other spellings with it.
 */
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "loader.h"
#include "records.h"
#include "values.h"

/* The parent R names for actor ID (0: a new one, N its matches) in
 * *PARENT (0: none); -1 when it is bad (reported) or failed. */
static int
actor_parent(struct loader *l, struct rec *r, long long id, size_t n,
    long long *parent, struct twr_error *err, int *failed)
{
	const char *name = r->v[A_NAME].p, *cc = r->v[A_COUNTRY].p, *pcc;
	char *pname, *k1, *k2;
	struct twr_msg m;
	int self, rc;

	*parent = 0;
	if (r->v[RV_PARENT].p == NULL)
		return 0;
	if ((pname = parent_split(r->v[RV_PARENT].p, cc, &pcc)) == NULL) {
		err_nomem(err);
		*failed = 1;
		return -1;
	}
	k1 = fold_dup(pname);
	k2 = fold_dup(name);
	self = k1 != NULL && k2 != NULL && strcmp(k1, k2) == 0 &&
	    (pcc == cc || (pcc != NULL && cc != NULL && strcmp(pcc, cc) == 0));
	free(k1);
	free(k2);
	rc = self ? 0 : resolve(l, r, &r->v[RV_PARENT], pname, pcc, NULL,
	    parent, err, failed);
	free(pname);
	if (rc == -1)
		return -1;
	if (self || *parent == id || (n == 1 && parent_loop(l->db, id,
	    *parent))) {
		msg_of(&m, TWR_E_PARENT);
		m.value = r->v[RV_PARENT].p;
		m.value2 = name;
		loader_bad(l, r, &r->v[RV_PARENT], &m);
		return -1;
	}
	return 0;
}

static enum twr_status
insert_actor(struct loader *l, struct rec *r, long long parent,
    struct twr_error *err)
{
	char *key = fold_dup(r->v[A_NAME].p);
	char *key_en = r->v[A_NAME_EN].p ? fold_dup(r->v[A_NAME_EN].p) : NULL;
	long long id = l->next_id;
	enum twr_status st;
	struct stmt *q;
	int added = 0;

	if (key == NULL || (r->v[A_NAME_EN].p != NULL && key_en == NULL)) {
		st = err_nomem(err);
		goto out;
	}
	if ((q = st_cached(l->db, &l->ins[REC_ACTOR], ins_sql[REC_ACTOR],
	    err)) == NULL) {
		st = err->status;
		goto out;
	}
	/* Every parameter, every time: the statement is reused. */
	st_int(q, 1, id);
	st_ref(q, 2, r->v[A_NAME].p);
	st_ref(q, 3, key);
	st_ref(q, 4, r->v[A_COUNTRY].p);
	st_ref(q, 5, r->v[A_KIND].p);
	st_ref(q, 6, r->v[A_NAME_EN].p);
	st_ref(q, 7, key_en);
	st_ref(q, 8, r->v[A_WEBSITE].p);
	st_ref(q, 9, r->v[A_SOURCE].p);
	st_ref(q, 10, r->v[A_NOTES].p);
	st_id(q, 11, parent);
	st_id(q, 12, l->batch);
	if ((st = st_run(q, err)) != TWR_OK)
		goto out;
	l->next_id++;
	l->added++;
	if ((st = aliases_add(l->db, &l->ins_alias, id, r->v[RV_ALIASES].p,
	    &added, err)) != TWR_OK ||
	    (st = note_added(l, id, r->line, err)) != TWR_OK)
		goto out;
	/* Rows naming it by this spelling now find it. */
	st = fts_sync(l->db, REC_ACTOR, id, err);
out:
	free(key);
	free(key_en);
	return st;
}

/* Merge R into stored actor ID, whose parent is OLD_PARENT. */
static enum twr_status
merge_actor(struct loader *l, struct rec *r, long long id, long long parent,
    struct twr_error *err)
{
	unsigned long errors = l->errs->total, skipped = l->skipped;
	long long old_parent;
	char *before = NULL, *old_name = NULL;
	int added = 0, moved = 0;
	enum twr_status st;
	struct stmt *q;

	if ((st = actor_parent_of(l->db, id, &old_parent, &old_name, err)) !=
	    TWR_OK)
		return st;
	/* The parent: fill it in, or a conflict like any field. */
	if (parent != 0 && old_parent != 0 && parent != old_parent &&
	    l->on_conflict != TWR_CONFLICT_UPDATE) {
		if (l->on_conflict == TWR_CONFLICT_FAIL)
			conflict(l, r, &r->v[RV_PARENT], id, "parent",
			    old_name, r->v[RV_PARENT].p);
		else
			l->skipped++;
		free(old_name);
		return TWR_OK;
	}
	free(old_name);
	if ((st = find_ident(l, &tab_actors, id, 0, r, &q, err)) !=
	    TWR_ROW) {
		st_reset(q);
		return st == TWR_DONE ? err_code(err, TWR_INTERNAL,
		    TWR_E_INTERNAL) : st;
	}
	before = alias_list(l->db, id);
	st = loader_merge(l, &tab_actors, id, q, r, err);
	st_reset(q);
	if (st != TWR_OK || l->errs->total != errors || l->skipped != skipped)
		goto out;
	if (parent != 0 && parent != old_parent) {
		if ((st = record_set_ref(l->db, &tab_actors, id, 0, parent,
		    err)) != TWR_OK || (st = change_ref(l->db, l->change, id,
		    "update", "parent", old_parent, parent, err)) != TWR_OK)
			goto out;
		moved = 1;
	}
	if ((st = aliases_add(l->db, &l->ins_alias, id, r->v[RV_ALIASES].p,
	    &added, err)) != TWR_OK)
		goto out;
	if (added > 0) {
		char *after = alias_list(l->db, id);

		st = change_field(l->db, l->change, id, "update", "aliases",
		    before, after, err);
		free(after);
		if (st == TWR_OK)
			st = fts_sync(l->db, REC_ACTOR, id, err);
	}
	if ((added > 0 || moved) && l->unchanged > 0) {
		l->unchanged--;
		l->updated++;
	}
out:
	free(before);
	return st;
}

enum twr_status
loader_store_actor(struct loader *l, struct rec *r, struct twr_error *err)
{
	const char *name = r->v[A_NAME].p, *cc = r->v[A_COUNTRY].p;
	long long *ids = NULL, id, parent = 0;
	int failed = 0;
	size_t n = 0;
	enum twr_status st;
	struct twr_msg m;

	/* Actors of the registry's own: the names of those to come are
	   asked of the store. */
	l->fresh = 0;
	/* Only a network, an international body, may have no country (as
	   a membership's network may be named without one). */
	if (cc == NULL && (r->v[A_KIND].p == NULL ||
	    strcmp(r->v[A_KIND].p, "network") != 0)) {
		msg_of(&m, TWR_E_MISSING);
		m.field = "country";
		m.n[0] = TWR_X_COUNTRY;
		m.n[1] = r->v[A_COUNTRY].given;
		loader_bad(l, r, r->v[A_COUNTRY].given ? &r->v[A_COUNTRY] :
		    NULL, &m);
		return TWR_OK;
	}
	if ((st = actor_lookup(l->db, name, cc, &ids, &n, err)) != TWR_OK)
		return st;
	if (n > 1) {
		free(ids);
		msg_of(&m, TWR_E_NAMES_IN);
		m.value = name;
		m.value2 = cc;
		m.n[0] = (long long)n;
		loader_bad(l, r, &r->v[A_NAME], &m);
		return TWR_OK;
	}
	id = n == 1 ? ids[0] : 0;
	free(ids);
	if ((st = loader_change(l, err)) != TWR_OK)
		return st;
	if (actor_parent(l, r, id, n, &parent, err, &failed) == -1)
		return failed ? err->status : TWR_OK;
	/* A new actor's id comes after any parent created for it. */
	if (n == 0)
		return insert_actor(l, r, parent, err);
	if (l->add) {
		/* The actor as the registry has it: NAME may be another
		   spelling of it. */
		char *have = query_text(l->db,
		    "SELECT name FROM actors WHERE id = ?1", id);
		char *have_cc = query_text(l->db,
		    "SELECT country FROM actors WHERE id = ?1", id);

		msg_of(&m, TWR_E_EXISTS);
		m.id = id;
		m.n[0] = REC_ACTOR;
		m.value = have != NULL ? have : name;
		m.value2 = have_cc;
		loader_bad(l, r, &r->v[A_NAME], &m);
		free(have);
		free(have_cc);
		return TWR_OK;
	}
	return merge_actor(l, r, id, parent, err);
}

