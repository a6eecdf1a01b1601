/*
 * The search index: an FTS5 table of folded text, kept in step with
 * every write in the same transaction.  A row's rowid is the record's id
 * times 16 plus the number of the field it holds (fields[] below), so a
 * hit names its record and field without a join.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The indexed fields of each kind of record, by field number. */
static const char *const actor_fields[] = { "name", "aliases", "name_en" };
static const char *const agreement_fields[] = { "title", "signed_place",
	"topics", "notes" };
static const char *const membership_fields[] = { "roles", "notes" };

/* SQL reading the indexed fields of one record (?1), in field order. */
static const char *const sync_sql[] = {
	[REC_ACTOR] = "SELECT name, (SELECT group_concat(alias, ' ') FROM "
	    "aliases WHERE actor_id = ?1), name_en FROM actors WHERE id = ?1",
	[REC_AGREEMENT] = "SELECT title, signed_place, topics, notes "
	    "FROM agreements WHERE id = ?1",
	[REC_MEMBERSHIP] = "SELECT roles, notes FROM memberships "
	    "WHERE id = ?1",
};

const struct search_source search_sources[] = {
	{ REC_ACTOR, "SELECT id * 16 AS slot, name AS text FROM actors "
	  "WHERE id >= ?1" },
	{ REC_ACTOR, "SELECT actor_id * 16 + 1 AS slot, group_concat(alias, ' ') AS text "
	  "FROM aliases WHERE actor_id >= ?1 GROUP BY actor_id" },
	{ REC_ACTOR, "SELECT id * 16 + 2 AS slot, name_en AS text FROM actors WHERE id >= ?1" },
	{ REC_AGREEMENT, "SELECT id * 16 AS slot, title AS text FROM agreements "
	  "WHERE id >= ?1" },
	{ REC_AGREEMENT, "SELECT id * 16 + 1 AS slot, signed_place AS text FROM agreements "
	  "WHERE id >= ?1" },
	{ REC_AGREEMENT, "SELECT id * 16 + 2 AS slot, topics AS text FROM agreements "
	  "WHERE id >= ?1" },
	{ REC_AGREEMENT, "SELECT id * 16 + 3 AS slot, notes AS text FROM agreements "
	  "WHERE id >= ?1" },
	{ REC_MEMBERSHIP, "SELECT id * 16 AS slot, roles AS text FROM memberships "
	  "WHERE id >= ?1" },
	{ REC_MEMBERSHIP, "SELECT id * 16 + 1 AS slot, notes AS text FROM memberships "
	  "WHERE id >= ?1" },
	{ REC_NONE, NULL }
};

const char *
fts_field_name(enum rec_type type, int field)
{
	switch (type) {
	case REC_ACTOR:
		return field < 3 ? actor_fields[field] : "?";
	case REC_AGREEMENT:
		return field < 4 ? agreement_fields[field] : "?";
	case REC_MEMBERSHIP:
		return field < 2 ? membership_fields[field] : "?";
	default:
		return "?";
	}
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
	enum twr_status st, rc;
	struct stmt *q;
	int i;

	if ((st = fts_remove(db, id, err)) != TWR_OK)
		return st;
	if (type == REC_NONE)
		return TWR_OK;
	if ((q = st_prepare(db, sync_sql[type], err)) == NULL)
		return err_status(err);
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

/* ---- search --------------------------------------------------------- */

static const char *const hit_cols[] = { "id", "record", "field", "match",
	"summary" };
static const enum twr_type hit_types[] = { TWR_INT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT, TWR_TEXT };

#define MATCH_MAX 100	/* display columns of a matched text */

struct hits {
	struct twr_db *db;
	struct twr_rows *rows;
	long long *seen;	/* ids already listed */
	size_t n, cap;
	unsigned long limit;
	struct stmt *summary[4], *text[4];
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

/* A one-line summary of record ID, for the hit list. */
static const char *const summary_sql[] = {
	[REC_ACTOR] = "SELECT name || ' (' || coalesce(country, '?') || ')' || "
	    "coalesce(', ' || kind, '') FROM actors WHERE id = ?",
	[REC_AGREEMENT] = "SELECT pa.name || ' - ' || pb.name || ', ' || "
	    "g.kind || coalesce(', ' || g.signed_on, '') FROM agreements g "
	    "JOIN actors pa ON pa.id = g.party_id JOIN actors pb ON pb.id = "
	    "g.partner_id WHERE g.id = ?",
	[REC_MEMBERSHIP] = "SELECT m.name || ' in ' || n.name || ', ' || "
	    "g.status || coalesce(', since ' || g.since, '') FROM memberships "
	    "g JOIN actors m ON m.id = g.member_id JOIN actors n ON n.id = "
	    "g.network_id WHERE g.id = ?",
};

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

/* Add record ID (field FIELD) to the hits unless listed or full. */
static enum twr_status
add_hit(struct hits *h, long long id, enum rec_type type, int field,
    struct twr_error *err)
{
	static const char *const names[] = { "", "actor", "agreement",
	    "membership" };
	char idtxt[24], *match = NULL, *sum = NULL;
	const char *v[5];
	struct stmt *st;
	int rc;

	if (seen(h, id) || (h->limit > 0 && h->n >= h->limit) ||
	    type == REC_NONE)
		return TWR_OK;
	if (h->n == h->cap) {
		long long *p = realloc(h->seen, (h->cap * 2 + 16) * sizeof(*p));

		if (p == NULL)
			return set_err(err, TWR_INTERNAL, "out of memory");
		h->seen = p;
		h->cap = h->cap * 2 + 16;
	}
	h->seen[h->n++] = id;
	if (h->text[type] == NULL && (h->text[type] = st_prepare(h->db,
	    sync_sql[type], err)) == NULL)
		return err->status;
	if (h->summary[type] == NULL && (h->summary[type] = st_prepare(h->db,
	    summary_sql[type], err)) == NULL)
		return err->status;
	st = h->text[type];
	st_reset(st);
	st_int(st, 1, id);
	if ((rc = st_step(st, err)) == TWR_ROW &&
	    field < st_ncols(st))
		match = cut_text(st_col_text(st, field));
	st = h->summary[type];
	st_reset(st);
	st_int(st, 1, id);
	if (st_step(st, err) == TWR_ROW)
		sum = xstrdup(st_col_text(st, 0));
	snprintf(idtxt, sizeof(idtxt), "%lld", id);
	v[0] = idtxt;
	v[1] = names[type];
	v[2] = fts_field_name(type, field);
	v[3] = match;
	v[4] = sum;
	rc = rows_add(h->rows, v);
	free(match);
	free(sum);
	return rc == -1 ? set_err(err, TWR_INTERNAL, "out of memory") : TWR_OK;
}

/* Actors whose name, other spelling or English name is KEY (PREFIX = 0)
 * or starts with KEY (PREFIX = 1), in Turkish order. */
static enum twr_status
name_hits(struct hits *h, const char *key, int prefix, struct twr_error *err)
{
	static const char exact[] =
	    "SELECT id, 0, name FROM actors WHERE name_key = ?1 UNION "
	    "SELECT a.id, 1, a.name FROM aliases al JOIN actors a ON a.id = "
	    "al.actor_id WHERE al.alias_key = ?1 UNION "
	    "SELECT id, 2, name FROM actors WHERE name_en_key = ?1 "
	    "ORDER BY 2, 3 COLLATE tr, 1";
	static const char starts[] =
	    "SELECT id, 0, name FROM actors WHERE name_key > ?1 AND "
	    "name_key < ?2 UNION "
	    "SELECT a.id, 1, a.name FROM aliases al JOIN actors a ON a.id = "
	    "al.actor_id WHERE al.alias_key > ?1 AND al.alias_key < ?2 UNION "
	    "SELECT id, 2, name FROM actors WHERE name_en_key > ?1 AND "
	    "name_en_key < ?2 ORDER BY 3 COLLATE tr, 1, 2";
	enum twr_status s = TWR_OK;
	struct stmt *st;
	char *upper;
	size_t n = strlen(key);
	int rc;

	if ((st = st_prepare(h->db, prefix ? starts : exact, err)) == NULL)
		return err->status;
	/* Every key starting with KEY sorts below KEY with its last byte
	   raised by one. */
	if ((upper = xstrdup(key)) == NULL) {
		st_free(st);
		return set_err(err, TWR_INTERNAL, "out of memory");
	}
	upper[n - 1]++;
	st_ref(st, 1, key);
	st_ref(st, 2, upper);
	while (s == TWR_OK && (rc = st_step(st, err)) == TWR_ROW)
		s = add_hit(h, st_col_int(st, 0), REC_ACTOR,
		    st_col_int(st, 1), err);
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

	if (seen(c->h, id))
		return 0;
	c->st = add_hit(c->h, id, record_type(c->h->db, id),
	    (int)(slot % SEARCH_SLOTS), c->err);
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

enum twr_status
twr_search(struct twr_db *db, const char *text, unsigned long limit,
    struct twr_rows **rows, struct twr_error *err)
{
	struct hits h;
	enum twr_status s;
	char *key;
	size_t i;

	LOCAL_ERR(err);
	*rows = NULL;
	memset(&h, 0, sizeof(h));
	h.db = db;
	h.limit = limit;
	if ((key = fold_dup(text)) == NULL || (h.rows = rows_new(5, hit_cols,
	    hit_types, 0)) == NULL) {
		free(key);
		return set_err(err, TWR_INTERNAL, "out of memory");
	}
	if (*key == '\0')
		diagf(db, TWR_WARNING, NULL, 0, 0, NULL, "nothing to search "
		    "for in '%s' (expected letters or digits)", text);
	else if ((s = name_hits(&h, key, 0, err)) != TWR_OK ||
	    (s = name_hits(&h, key, 1, err)) != TWR_OK ||
	    (s = text_hits(&h, key, err)) != TWR_OK) {
		twr_rows_free(h.rows);
		h.rows = NULL;
	}
	for (i = 0; i < 4; i++) {
		st_free(h.summary[i]);
		st_free(h.text[i]);
	}
	free(h.seen);
	free(key);
	if (h.rows == NULL)
		return err->status;
	*rows = h.rows;
	return TWR_OK;
}
