/*
 * Finding actors by name: the canonical name, any other spelling or the
 * English name, compared folded, so "sariyer", "SARIYER" and "Sarıyer"
 * find one actor and "Saraybosna" finds Sarajevo.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
	if ((st = st_prepare(db, sql, err)) == NULL)
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
				st_free(st);
				return set_err(err, TWR_INTERNAL,
				    "out of memory");
			}
			v = p;
			cap = cap * 2 + 4;
		}
		v[cnt++] = id;
	}
	st_free(st);
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
		return set_err(err, TWR_INTERNAL, "out of memory");
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
	struct stmt *q;
	int rc;

	if (*cache == NULL && (*cache = st_prepare(db, "INSERT INTO actors(id, "
	    "name, name_key, country, kind, batch_id) VALUES(?1, ?2, "
	    "twr_fold(?2), ?3, ?4, ?5)", err)) == NULL)
		return err->status;
	q = *cache;
	st_reset(q);
	st_int(q, 1, id);
	st_ref(q, 2, name);
	st_opt(q, 3, country);
	st_opt(q, 4, kind);
	if (batch != 0)
		st_int(q, 5, batch);
	else
		st_null(q, 5);
	rc = st_step(q, err);
	st_reset(q);
	if (rc != TWR_DONE)
		return rc;
	return fts_put(db, id, 0, name, err);
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
