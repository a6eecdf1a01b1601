/*
 * Words for shell completion: names of actors and networks and countries
 * that start with what has been typed.  A keystroke waits for them, so
 * every name is read through an index, one range of keys, never by a
 * scan of the records.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Actors whose name starts with ?1 (is at least ?1 and below ?2), or,
   when it does not, an other spelling or English name that does: each
   range read in key order, at most ?3 of each. */
#define OTHER_NAME(tab, col, key, id) \
    "SELECT w FROM (SELECT " col " AS w FROM " tab " WHERE " key " >= ?1 " \
    "AND " key " < ?2 AND NOT EXISTS (SELECT 1 FROM actors n WHERE n.id = " \
    id " AND n.name_key >= ?1 AND n.name_key < ?2) ORDER BY " key \
    " LIMIT ?3)"
static const char actor_sql[] =
    "SELECT w FROM (SELECT name AS w FROM actors WHERE name_key >= ?1 "
    "AND name_key < ?2 ORDER BY name_key LIMIT ?3) UNION "
    OTHER_NAME("aliases", "alias", "alias_key", "aliases.actor_id")
    " UNION "
    OTHER_NAME("actors", "name_en", "name_en_key", "actors.id");

/* The networks that have members, found by skipping from one to the
   next through memberships' index on network_id: one probe a network,
   however many members. */
#define NETWORK_IDS \
    "WITH RECURSIVE n(id) AS (SELECT min(network_id) FROM memberships " \
    "UNION ALL SELECT (SELECT min(network_id) FROM memberships WHERE " \
    "network_id > n.id) FROM n WHERE n.id IS NOT NULL) "
static const char network_sql[] = NETWORK_IDS
    "SELECT a.name FROM n JOIN actors a ON a.id = n.id WHERE "
    "a.name_key >= ?1 AND a.name_key < ?2 UNION "
    "SELECT al.alias FROM n JOIN aliases al ON al.actor_id = n.id JOIN "
    "actors a ON a.id = n.id WHERE al.alias_key >= ?1 AND al.alias_key < "
    "?2 AND NOT (a.name_key >= ?1 AND a.name_key < ?2) UNION "
    "SELECT a.name_en FROM n JOIN actors a ON a.id = n.id WHERE "
    "a.name_en_key >= ?1 AND a.name_en_key < ?2 AND NOT (a.name_key >= ?1 "
    "AND a.name_key < ?2)";

/* The actors' countries, skipping through their index in the same way. */
static const char country_sql[] =
    "WITH RECURSIVE c(code) AS (SELECT min(country) FROM actors "
    "UNION ALL SELECT (SELECT min(country) FROM actors WHERE country > "
    "c.code) FROM c WHERE c.code IS NOT NULL) "
    "SELECT code FROM c WHERE code IS NOT NULL";

static const char *const word_col[] = { "word" };
static const enum twr_type word_type[] = { TWR_TEXT };

/*
 * The folded form of PREFIX, a word boundary kept at its end ("New "
 * begins "New York", not "Newcastle"), into *KEY, and the key just above
 * every key that starts with it into *UPPER; both malloc'd.  Returns 0
 * or -1 when out of memory.
 */
static int
key_range(const char *prefix, char **key, char **upper)
{
	struct twr_buf b;
	size_t n = strlen(prefix);
	unsigned char last = n > 0 ? (unsigned char)prefix[n - 1] : 'a';

	buf_init(&b);
	fold_text(&b, prefix, n);
	if (b.len > 0 && last < 0x80 && !isalnum(last))
		buf_addc(&b, ' ');
	buf_addc(&b, '\0');
	if (b.oom) {
		buf_free(&b);
		return -1;
	}
	*key = b.p;
	*upper = text_above(b.p);
	if (*upper == NULL) {
		buf_free(&b);
		return -1;
	}
	return 0;
}

/* Does folded NAME start with KEY (folded too)? */
static int
name_starts(const char *name, const char *key)
{
	char *f = fold_dup(name);
	int yes = f != NULL && strncmp(f, key, strlen(key)) == 0;

	free(f);
	return yes;
}

struct words {
	const char **v;
	size_t n, cap;
	int oom;
};

/* Add S to W unless it is there; whether it was added. */
static int
words_add(struct words *w, const char *s)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->v[i], s) == 0)
			return 0;
	if (w->n == w->cap) {
		const char **p = realloc(w->v, (w->cap * 2 + 16) *
		    sizeof(*p));

		if (p == NULL) {
			w->oom = 1;
			return 0;
		}
		w->v = p;
		w->cap = w->cap * 2 + 16;
	}
	w->v[w->n++] = s;
	return 1;
}

static int
words_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	return collate_tr(x, strlen(x), y, strlen(y));
}

/* The first LIMIT names SQL gives for the key range of PREFIX, in
 * Turkish order (sorted here: a union's order by position is not what
 * every store can sort in Turkish), into R. */
static enum twr_status
names(struct twr_db *db, const char *sql, const char *prefix,
    unsigned limit, struct twr_rows *r, struct twr_error *err)
{
	struct words w = { NULL, 0, 0, 0 };
	enum twr_status st;
	struct stmt *q;
	char *key, *upper, *name;
	size_t i;

	if (key_range(prefix, &key, &upper) == -1)
		return err_nomem(err);
	if ((q = st_prepare(db, sql, err)) == NULL) {
		free(key);
		free(upper);
		return err->status;
	}
	st_ref(q, 1, key);
	st_ref(q, 2, upper);
	st_int(q, 3, limit);
	while ((st = st_step(q, err)) == TWR_ROW) {
		const char *n = st_col_text(q, 0);

		if (n == NULL)
			continue;
		if ((name = xstrdup(n)) == NULL)
			w.oom = 1;
		else if (!words_add(&w, name))
			free(name);
		if (w.oom) {
			st = err_nomem(err);
			break;
		}
	}
	if (st == TWR_DONE) {
		st = TWR_OK;
		if (w.n > 0)
			qsort(w.v, w.n, sizeof(*w.v), words_cmp);
		for (i = 0; i < w.n && i < limit && st == TWR_OK; i++)
			if (rows_add(r, &w.v[i]) == -1)
				st = err_nomem(err);
	}
	for (i = 0; i < w.n; i++)
		free((char *)w.v[i]);
	free(w.v);
	st_free(q);
	free(key);
	free(upper);
	return st;
}

/* The words country C gives for PREFIX (folded: KEY) into W. */
static void
country_words(const struct twr_country *c, const char *prefix,
    const char *key, int turkish, struct words *w)
{
	const char *first = turkish ? c->name_tr : c->name_en;
	const char *second = turkish ? c->name_en : c->name_tr;
	size_t n = strlen(prefix), i;

	if (n >= 1 && n <= 2) {
		for (i = 0; i < n && toupper((unsigned char)prefix[i]) ==
		    c->code[i]; i++)
			;
		if (i == n)
			words_add(w, c->code);
	}
	if (first != NULL && name_starts(first, key))
		words_add(w, first);
	else if (second != NULL && strlen(key) >= 3 &&
	    name_starts(second, key))
		words_add(w, second);
}

/* Countries for PREFIX: every one twinreg knows, or (DB not NULL) those
   of the registry's actors. */
static enum twr_status
countries(struct twr_db *db, const char *prefix, int turkish,
    unsigned limit, struct twr_rows *r, struct twr_error *err)
{
	struct words w = { NULL, 0, 0, 0 };
	enum twr_status st = TWR_OK;
	const struct twr_country *c;
	struct stmt *q = NULL;
	char *key;
	size_t i;

	if ((key = fold_dup(prefix)) == NULL)
		return err_nomem(err);
	if (db == NULL)
		for (i = 0; i < twr_ncountries; i++)
			country_words(&twr_countries[i], prefix, key, turkish,
			    &w);
	else if ((q = st_prepare(db, country_sql, err)) == NULL)
		st = err->status;
	else {
		while ((st = st_step(q, err)) == TWR_ROW)
			if ((c = country_by_code(st_col_text(q, 0))) != NULL)
				country_words(c, prefix, key, turkish, &w);
		if (st == TWR_DONE)
			st = TWR_OK;
		st_free(q);
	}
	if (st == TWR_OK && w.oom)
		st = err_nomem(err);
	if (st == TWR_OK && w.n > 0) {
		if (w.n > 0)
			qsort(w.v, w.n, sizeof(*w.v), words_cmp);
		for (i = 0; i < w.n && i < limit && st == TWR_OK; i++)
			if (rows_add(r, &w.v[i]) == -1)
				st = err_nomem(err);
	}
	free(w.v);
	free(key);
	return st;
}

enum twr_status
twr_complete(struct twr_db *db, enum twr_complete what, const char *prefix,
    int turkish, unsigned limit, struct twr_rows **rowsp,
    struct twr_error *err)
{
	struct twr_rows *r;
	enum twr_status st;

	LOCAL_ERR(err);
	*rowsp = NULL;
	if ((r = rows_new(1, word_col, word_type, 0)) == NULL)
		return err_nomem(err);
	if (prefix == NULL)
		prefix = "";
	if (db == NULL && what != TWR_COMPLETE_ANY_COUNTRY) {
		*rowsp = r;		/* no registry, no names */
		return TWR_OK;
	}
	switch (what) {
	case TWR_COMPLETE_ACTOR:
		st = names(db, actor_sql, prefix, limit, r, err);
		break;
	case TWR_COMPLETE_NETWORK:
		st = names(db, network_sql, prefix, limit, r, err);
		break;
	case TWR_COMPLETE_COUNTRY:
		st = countries(db, prefix, turkish, limit, r, err);
		break;
	default:
		st = countries(NULL, prefix, turkish, limit, r, err);
		break;
	}
	if (st != TWR_OK) {
		twr_rows_free(r);
		return st;
	}
	*rowsp = r;
	return TWR_OK;
}
