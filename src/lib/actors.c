/*
 * Finding actors by name: the canonical name, any other spelling or the
 * English name, compared folded, so "sariyer", "SARIYER" and "Sarıyer"
 * find one actor and "Saraybosna" finds Sarajevo.
 */
#include <stdlib.h>
#include <string.h>

#include "actors.h"

/*
 * Ids of the actors KEY (folded) names in COUNTRY (NULL: any): those whose
 * canonical name it is if there are any, else those it is another
 * spelling or the English name of.
 */
enum twr_status
actor_lookup_key(struct twr_db *db, const char *key, const char *country,
    long long **ids, size_t *n, struct twr_error *err)
{
	static const char sql[] =
	    "SELECT id, 1 FROM actors WHERE name_key = ?1"
	    "  AND (?2 IS NULL OR country = ?2)"
	    " UNION "
	    "SELECT a.id, 2 FROM aliases al JOIN actors a ON a.id = al.actor_id"
	    "  WHERE al.alias_key = ?1 AND (?2 IS NULL OR a.country = ?2)"
	    " UNION "
	    "SELECT id, 2 FROM actors WHERE name_en_key = ?1"
	    "  AND (?2 IS NULL OR country = ?2)"
	    " ORDER BY 2, 1";
	struct stmt *st;
	long long *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc, best = 0;

	*ids = NULL;
	*n = 0;
	if ((st = st_cached(db, &db->lookup, sql, err)) == NULL)
		return err ? err->status : TWR_INTERNAL;
	st_ref(st, 1, key);
	st_opt(st, 2, country);
	while ((rc = st_step(st, err)) == TWR_ROW) {
		long long id = st_col_int(st, 0);
		int prio = st_col_int(st, 1);
		size_t i;

		if (best != 0 && prio != best)
			break;
		best = prio;
		for (i = 0; i < cnt && v[i] != id; i++)
			;
		if (i < cnt)
			continue;
		if (cnt == cap) {
			long long *p = realloc(v, (cap * 2 + 4) * sizeof(*v));

			if (p == NULL) {
				free(v);
				st_reset(st);
				return err_nomem(err);
			}
			v = p;
			cap = cap * 2 + 4;
		}
		v[cnt++] = id;
	}
	st_reset(st);
	if (rc != TWR_ROW && rc != TWR_DONE) {
		free(v);
		return rc;
	}
	*ids = v;
	*n = cnt;
	return TWR_OK;
}

enum twr_status
actor_lookup(struct twr_db *db, const char *name, const char *country,
    long long **ids, size_t *n, struct twr_error *err)
{
	enum twr_status st;
	char *key = fold_dup(name);

	if (key == NULL)
		return err_nomem(err);
	st = actor_lookup_key(db, key, country, ids, n, err);
	free(key);
	return st;
}

void
actor_suggest(struct twr_db *db, const char *name, struct twr_buf *out)
{
	struct stmt *st;
	char *key = fold_dup(name), *names[3] = { NULL, NULL, NULL };
	unsigned dist[3] = { ~0u, ~0u, ~0u }, cap, d;
	size_t len, j, k;

	if (key == NULL)
		return;
	len = strlen(key);
	cap = len <= 3 ? 1 : len < 6 ? 2 : (unsigned)len / 3;
	st = st_prepare(db, "SELECT name_key, name FROM actors UNION ALL "
	    "SELECT al.alias_key, a.name FROM aliases al JOIN actors a "
	    "ON a.id = al.actor_id", NULL);
	while (st != NULL && st_step(st, NULL) == TWR_ROW) {
		const char *k2 = st_col_text(st, 0);
		const char *nm = st_col_text(st, 1);

		d = edit_distance(key, k2, cap + 1);
		if (len >= 3 && strncmp(k2, key, len) == 0 && d > 1)
			d = 1;
		if (d > cap)
			continue;
		for (j = 0; j < 3 && (names[j] == NULL ||
		    strcmp(names[j], nm) != 0); j++)
			;
		if (j < 3)
			continue;
		for (j = 0; j < 3 && dist[j] <= d; j++)
			;
		if (j == 3)
			continue;
		free(names[2]);
		for (k = 2; k > j; k--) {
			names[k] = names[k - 1];
			dist[k] = dist[k - 1];
		}
		names[j] = xstrdup(nm);
		dist[j] = d;
	}
	st_free(st);
	free(key);
	for (j = 0; j < 3 && names[j] != NULL; j++) {
		if (j > 0)
			buf_adds(out, j + 1 < 3 && names[j + 1] != NULL ?
			    ", " : " or ");
		buf_adds(out, names[j]);
	}
	for (j = 0; j < 3; j++)
		free(names[j]);
}

enum twr_status
actor_insert(struct twr_db *db, struct stmt **cache, long long id,
    const char *name, const char *country, const char *kind,
    long long batch, struct twr_error *err)
{
	enum twr_status st;
	struct stmt *q;
	char *key;

	if ((q = st_cached(db, cache, "INSERT INTO actors(id, name, name_key, "
	    "country, kind, batch_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6)", err)) ==
	    NULL)
		return err->status;
	if ((key = fold_dup(name)) == NULL)
		return err_nomem(err);
	st_int(q, 1, id);
	st_ref(q, 2, name);
	st_ref(q, 3, key);
	st_opt(q, 4, country);
	st_opt(q, 5, kind);
	st_id(q, 6, batch);
	st = st_run(q, err);
	free(key);
	if (st != TWR_OK)
		return st;
	return fts_put(db, id, 0, name, err);
}

enum twr_status
actor_parent_of(struct twr_db *db, long long id, long long *parent,
    char **name, struct twr_error *err)
{
	struct stmt *q;
	enum twr_status st;

	*parent = 0;
	*name = NULL;
	if ((q = st_prepare(db, "SELECT a.parent_id, p.name FROM actors a "
	    "LEFT JOIN actors p ON p.id = a.parent_id WHERE a.id = ?1",
	    err)) == NULL)
		return err->status;
	st_int(q, 1, id);
	if ((st = st_step(q, err)) == TWR_ROW) {
		*parent = st_col_int(q, 0);
		if (st_col_text(q, 1) != NULL && (*name =
		    xstrdup(st_col_text(q, 1))) == NULL)
			st = err_nomem(err);
	}
	st_free(q);
	return st == TWR_ROW || st == TWR_DONE ? TWR_OK : st;
}

/* The statement adding an alias (?2, folded ?3) to actor ?1, unless it
   is the actor's name. */
#define ADD_ALIAS "INSERT INTO aliases(actor_id, alias, alias_key) " \
	"SELECT ?1, ?2, ?3 WHERE ?3 <> (SELECT name_key FROM actors WHERE " \
	"id = ?1) ON CONFLICT DO NOTHING"

enum twr_status
aliases_add(struct twr_db *db, struct stmt **cache, long long id,
    const char *list, int *added, struct twr_error *err)
{
	enum twr_status st = TWR_OK;
	char *copy, *item, *save = NULL, *key;
	struct stmt *q;

	if (list == NULL)
		return TWR_OK;
	if ((copy = xstrdup(list)) == NULL)
		return err_nomem(err);
	for (item = strtok_r(copy, ";", &save); item != NULL && st == TWR_OK;
	    item = strtok_r(NULL, ";", &save)) {
		if ((q = st_cached(db, cache, ADD_ALIAS, err)) == NULL) {
			st = err->status;
			break;
		}
		if ((key = fold_dup(item)) == NULL) {
			st = err_nomem(err);
			break;
		}
		st_int(q, 1, id);
		st_ref(q, 2, item);
		st_ref(q, 3, key);
		if ((st = st_run(q, err)) == TWR_OK && added != NULL)
			*added += (int)db_changes(db);
		free(key);
	}
	free(copy);
	return st;
}

enum twr_status
aliases_set(struct twr_db *db, long long id, const char *list,
    struct twr_error *err)
{
	struct stmt *cache = NULL;
	enum twr_status st;

	if ((st = db_run(db, "DELETE FROM aliases WHERE actor_id = ?1", id, 0,
	    NULL, err)) != TWR_OK)
		return st;
	st = aliases_add(db, &cache, id, list, NULL, err);
	st_free(cache);
	return st;
}

char *
alias_list(struct twr_db *db, long long id)
{
	return query_text(db, "SELECT group_concat(alias, ';') FROM (SELECT "
	    "alias FROM aliases WHERE actor_id = ?1 ORDER BY alias)", id);
}

/* Would making PARENT the parent of ID close a loop? */
int
parent_loop(struct twr_db *db, long long id, long long parent)
{
	struct stmt *q = st_prepare(db, "WITH RECURSIVE up(x, n) AS "
	    "(SELECT ?2, 0 UNION SELECT a.parent_id, n + 1 FROM actors a, up "
	    "WHERE a.id = up.x AND a.parent_id IS NOT NULL AND n < 100) "
	    "SELECT count(*) FROM up WHERE x = ?1", NULL);
	int loop = 0;

	if (q == NULL)
		return 0;
	st_int(q, 1, id);
	st_int(q, 2, parent);
	if (st_step(q, NULL) == TWR_ROW)
		loop = st_col_int(q, 0) > 0;
	st_free(q);
	return loop;
}
