/*
 * Search: the index of folded text the store keeps, in step with every
 * write in the same transaction, and ranked searches over it.  An entry
 * is the record's id times SEARCH_SLOTS plus the number of its field (a
 * table's search fields in kinds.c), so a hit names its record and field
 * without a join.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"

/* SQL reading every search field of record ?1 of TAB (SLOT < 0), or
 * (slot, text) of field SLOT of every record from id ?1 on, into OUT. */
static void
search_sql(const struct table *tab, int slot, struct twr_buf *out)
{
	size_t i;

	if (slot >= 0) {
		buf_printf(out, "SELECT g.id * %d + %d AS slot, %s AS text "
		    "FROM %s g WHERE g.id >= ?1", SEARCH_SLOTS, slot,
		    tab->search[slot].expr, tab->name);
		return;
	}
	buf_adds(out, "SELECT ");
	for (i = 0; i < tab->nsearch; i++)
		buf_printf(out, "%s%s", i ? ", " : "", tab->search[i].expr);
	buf_printf(out, " FROM %s g WHERE g.id = ?1", tab->name);
}

enum twr_status
fts_put(struct twr_db *db, long long id, int field, const char *text,
    struct twr_error *err)
{
	return db->ops->search_put(db, id * SEARCH_SLOTS + field, text, err);
}

enum twr_status
fts_remove(struct twr_db *db, long long id, struct twr_error *err)
{
	return db->ops->search_remove(db, id, err);
}

enum twr_status
fts_sync(struct twr_db *db, enum rec_type type, long long id,
    struct twr_error *err)
{
	const struct table *tab = table_of(type);
	enum twr_status st, rc;
	struct twr_buf sql;
	struct stmt *q;
	int i;

	if ((st = fts_remove(db, id, err)) != TWR_OK || tab == NULL)
		return st;
	buf_init(&sql);
	search_sql(tab, -1, &sql);
	q = sql.oom ? NULL : st_prepare(db, sql.p, err);
	if (sql.oom)
		err_nomem(err);
	buf_free(&sql);
	if (q == NULL)
		return err->status;
	st_int(q, 1, id);
	if ((rc = st_step(q, err)) == TWR_ROW) {
		for (i = 0; i < st_ncols(q); i++)
			if ((st = fts_put(db, id, i, st_col_text(q, i), err)) !=
			    TWR_OK)
				break;
	} else if (rc != TWR_DONE)
		st = rc;
	st_free(q);
	return st;
}

enum twr_status
fts_fill(struct twr_db *db, enum rec_type type, long long first,
    struct twr_error *err)
{
	enum twr_status st = TWR_OK;
	struct twr_buf sql;
	size_t t, i;

	buf_init(&sql);
	for (t = 0; tables[t] != NULL && st == TWR_OK; t++) {
		if (type != REC_NONE && tables[t]->type != type)
			continue;
		for (i = 0; i < tables[t]->nsearch && st == TWR_OK; i++) {
			buf_reset(&sql);
			search_sql(tables[t], (int)i, &sql);
			st = sql.oom ? err_nomem(err) : db->ops->search_fill(db,
			    sql.p, first, err);
		}
	}
	buf_free(&sql);
	return st;
}

enum twr_status
search_rebuild(struct twr_db *db, struct twr_error *err)
{
	enum twr_status st;

	if ((st = db->ops->search_clear(db, err)) != TWR_OK)
		return st;
	return fts_fill(db, REC_NONE, 0, err);
}

/* ---- search --------------------------------------------------------- */

/* The columns (NULL-terminated, for twr_search_columns) and their types,
   as many. */
static const char *const hit_cols[] = { "id", "record", "field", "match",
	"summary", NULL };
static const enum twr_type hit_types[] = { TWR_INT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT, TWR_TEXT };

#define MATCH_MAX 100	/* display columns of a matched text */
#define NTYPES REC_NTYPES

struct hits {
	struct twr_db *db;
	struct twr_rows *rows;
	long long *seen;	/* ids already listed */
	size_t n, cap;
	unsigned long limit;
	/* Statements prepared once a call: each type's search fields and
	   summary, and the type of an id. */
	struct stmt *text[NTYPES], *summary[NTYPES], *type;
};

static int
seen(struct hits *h, long long id)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->seen[i] == id)
			return 1;
	return 0;
}

/* S cut to MATCH_MAX display columns, malloc'd. */
static char *
cut_text(const char *s)
{
	struct twr_buf b;
	size_t i = 0, w = 0, len, n;
	uint32_t cp;

	if (s == NULL)
		return NULL;
	buf_init(&b);
	n = strlen(s);
	while (i < n) {
		len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		len = len ? len : 1;
		if (w + twr_text_width(s + i, len) > MATCH_MAX) {
			buf_adds(&b, "\xE2\x80\xA6");
			break;
		}
		w += twr_text_width(s + i, len);
		buf_add(&b, s + i, len);
		i += len;
	}
	if (b.p == NULL)
		buf_add(&b, "", 0);
	return b.p;
}

/* Run *SLOT (prepared from SQL the first time) for ID; TWR_ROW with
   it on its row, or else. */
static enum twr_status
run_for(struct hits *h, struct stmt **slot, const char *sql, long long id,
    struct twr_error *err)
{
	if (st_cached(h->db, slot, sql, err) == NULL)
		return err->status;
	st_int(*slot, 1, id);
	return st_step(*slot, err);
}

/* Add record ID (field FIELD) to the hits unless listed or full. */
static enum twr_status
add_hit(struct hits *h, long long id, enum rec_type type, int field,
    struct twr_error *err)
{
	const struct table *tab = table_of(type);
	char idtxt[24], *match = NULL, *sum = NULL;
	const char *v[5];
	struct twr_buf sql;
	enum twr_status st;
	int rc;

	if (seen(h, id) || (h->limit > 0 && h->n >= h->limit) || tab == NULL)
		return TWR_OK;
	if (h->n == h->cap) {
		long long *p = realloc(h->seen, (h->cap * 2 + 16) * sizeof(*p));

		if (p == NULL)
			return err_nomem(err);
		h->seen = p;
		h->cap = h->cap * 2 + 16;
	}
	h->seen[h->n++] = id;
	buf_init(&sql);
	search_sql(tab, -1, &sql);
	if (sql.oom)
		return err_nomem(err);
	st = run_for(h, &h->text[type], sql.p, id, err);
	buf_free(&sql);
	if (st == TWR_ROW && field < st_ncols(h->text[type]))
		match = cut_text(st_col_text(h->text[type], field));
	else if (st != TWR_ROW && st != TWR_DONE)
		return st;
	if ((st = run_for(h, &h->summary[type], tab->summary, id, err)) ==
	    TWR_ROW)
		sum = xstrdup(st_col_text(h->summary[type], 0));
	else if (st != TWR_DONE) {
		free(match);
		return st;
	}
	snprintf(idtxt, sizeof(idtxt), "%lld", id);
	v[0] = idtxt;
	v[1] = tab->record_word;
	v[2] = (size_t)field < tab->nsearch ? tab->search[field].name : "?";
	v[3] = match;
	v[4] = sum;
	rc = rows_add(h->rows, v);
	free(match);
	free(sum);
	return rc == -1 ? err_nomem(err) : TWR_OK;
}

/* Actors whose name, other spelling or English name is KEY (PREFIX = 0)
 * or starts with KEY (PREFIX = 1), in Turkish order. */
static enum twr_status
name_hits(struct hits *h, const char *key, int prefix, struct twr_error *err)
{
	/* The order is the actor's name's, read by a join (not by
	   position) so that every store can sort it in Turkish. */
	static const char exact[] =
	    "SELECT u.id, u.f FROM (SELECT id, 0 AS f FROM actors WHERE "
	    "name_key = ?1 UNION "
	    "SELECT a.id, 1 FROM aliases al JOIN actors a ON a.id = "
	    "al.actor_id WHERE al.alias_key = ?1 UNION "
	    "SELECT id, 2 FROM actors WHERE name_en_key = ?1) u "
	    "JOIN actors k ON k.id = u.id ORDER BY u.f, k.name COLLATE tr, "
	    "u.id";
	static const char starts[] =
	    "SELECT u.id, u.f FROM (SELECT id, 0 AS f FROM actors WHERE "
	    "name_key > ?1 AND name_key < ?2 UNION "
	    "SELECT a.id, 1 FROM aliases al JOIN actors a ON a.id = "
	    "al.actor_id WHERE al.alias_key > ?1 AND al.alias_key < ?2 UNION "
	    "SELECT id, 2 FROM actors WHERE name_en_key > ?1 AND "
	    "name_en_key < ?2) u JOIN actors k ON k.id = u.id "
	    "ORDER BY k.name COLLATE tr, u.id, u.f";
	enum twr_status s = TWR_OK, rc;
	struct stmt *st;
	char *upper;

	if ((st = st_prepare(h->db, prefix ? starts : exact, err)) == NULL)
		return err->status;
	if ((upper = text_above(key)) == NULL) {
		st_free(st);
		return err_nomem(err);
	}
	st_ref(st, 1, key);
	st_ref(st, 2, upper);
	while (s == TWR_OK && (rc = st_step(st, err)) == TWR_ROW)
		s = add_hit(h, st_col_int(st, 0), REC_ACTOR,
		    (int)st_col_int(st, 1), err);
	if (s == TWR_OK && rc != TWR_DONE)
		s = rc;
	st_free(st);
	free(upper);
	return s;
}

struct text_ctx {
	struct hits *h;
	struct twr_error *err;
	enum twr_status st;
};

static int
text_hit(void *arg, long long slot)
{
	struct text_ctx *c = arg;
	long long id = slot / SEARCH_SLOTS;
	enum rec_type type = REC_NONE;

	/* Enough: the slots ranked lower need no more reading. */
	if (c->h->limit > 0 && c->h->n >= c->h->limit)
		return 1;
	if (seen(c->h, id))
		return 0;
	if ((c->st = run_for(c->h, &c->h->type, record_type_sql(), id,
	    c->err)) == TWR_ROW)
		type = (enum rec_type)st_col_int(c->h->type, 0);
	else if (c->st != TWR_DONE)
		return 1;
	c->st = add_hit(c->h, id, type, (int)(slot % SEARCH_SLOTS), c->err);
	return c->st != TWR_OK;
}

static enum twr_status
text_hits(struct hits *h, const char *key, struct twr_error *err)
{
	struct text_ctx c = { h, err, TWR_OK };
	enum twr_status s;

	s = h->db->ops->search_match(h->db, key, h->limit > 0 ?
	    (long long)h->limit * 4 + (long long)h->n : 0, text_hit, &c, err);
	return c.st != TWR_OK ? c.st : s;
}

const char *const *
twr_search_columns(void)
{
	return hit_cols;
}

enum twr_status
twr_search(struct twr_db *db, const char *text, unsigned long limit,
    struct twr_rows **rows, struct twr_error *err)
{
	struct hits h;
	enum twr_status s = TWR_OK;
	struct twr_msg m;
	char *key;
	size_t i;

	LOCAL_ERR(err);
	*rows = NULL;
	memset(&h, 0, sizeof(h));
	h.db = db;
	h.limit = limit;
	if ((key = fold_dup(text)) == NULL || (h.rows = rows_new(
	    ARRAY_SIZE(hit_types), hit_cols, hit_types, 0)) == NULL) {
		free(key);
		return err_nomem(err);
	}
	if (*key == '\0') {
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_NOTHING_TO_SEARCH;
		m.value = text;
		diag_msg(db, TWR_WARNING, NULL, 0, 0, &m);
	} else if ((s = name_hits(&h, key, 0, err)) != TWR_OK ||
	    (s = name_hits(&h, key, 1, err)) != TWR_OK ||
	    (s = text_hits(&h, key, err)) != TWR_OK) {
		twr_rows_free(h.rows);
		h.rows = NULL;
	}
	for (i = 0; i < NTYPES; i++) {
		st_free(h.summary[i]);
		st_free(h.text[i]);
	}
	st_free(h.type);
	free(h.seen);
	free(key);
	if (h.rows == NULL)
		return s;
	*rows = h.rows;
	return TWR_OK;
}
