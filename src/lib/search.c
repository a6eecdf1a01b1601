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

/* SQL reading the id and every search field of the records g of TAB
 * (SLOT < 0; the caller adds which), or (slot, text) of field SLOT of
 * every record from id ?1 on, into OUT. */
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
	buf_adds(out, "SELECT g.id");
	for (i = 0; i < tab->nsearch; i++)
		buf_printf(out, ", %s", tab->search[i].expr);
	buf_printf(out, " FROM %s g", tab->name);
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
	buf_adds(&sql, " WHERE g.id = ?1");
	q = sql.oom ? NULL : st_prepare(db, sql.p, err);
	if (sql.oom)
		err_nomem(err);
	buf_free(&sql);
	if (q == NULL)
		return err->status;
	st_int(q, 1, id);
	if ((rc = st_step(q, err)) == TWR_ROW) {
		for (i = 1; i < st_ncols(q); i++)
			if ((st = fts_put(db, id, i - 1, st_col_text(q, i),
			    err)) != TWR_OK)
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
/* Hits are read together, this many at a time: their records' types,
   then each type's fields and summaries, a statement each, not three
   statements a hit (on a server, a round trip each). */
#define HIT_BATCH 64

struct hit {
	long long id;
	enum rec_type type;	/* REC_NONE: not known yet */
	int field;
	char *match, *sum;
};

struct hits {
	struct twr_db *db;
	struct twr_rows *rows;
	long long *seen;	/* ids listed or waiting */
	size_t nseen, cap;
	struct hit wait[HIT_BATCH];	/* hits not yet read, in order */
	size_t nwait;
	size_t nrows;		/* hits listed */
	unsigned long limit;
	/* Statements prepared once a call, each of HIT_BATCH ids: each
	   type's search fields and summary, and the types of ids. */
	struct stmt *text[NTYPES], *summary[NTYPES], *type;
};

static int
seen(struct hits *h, long long id)
{
	size_t i;

	for (i = 0; i < h->nseen; i++)
		if (h->seen[i] == id)
			return 1;
	return 0;
}

/* Are there as many hits as asked, listed or waiting? */
static int
full(const struct hits *h)
{
	return h->limit > 0 && h->nrows + h->nwait >= h->limit;
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

/* " WHERE g.id IN (?1, ..., ?HIT_BATCH)" */
static void
ids_in(struct twr_buf *sql)
{
	int i;

	buf_adds(sql, " WHERE g.id IN (");
	for (i = 1; i <= HIT_BATCH; i++)
		buf_printf(sql, "%s?%d", i > 1 ? ", " : "", i);
	buf_addc(sql, ')');
}

/* Prepare *SLOT from SQL the first time (with ids_in added, but for
   TYPE REC_NONE: the types' SQL has its own), and bind the ids of the
   waiting hits of TYPE (REC_NONE: those of unknown type), the first of
   them again in the places left.  TWR_DONE when there are none. */
static enum twr_status
run_for(struct hits *h, struct stmt **slot, struct twr_buf *sql,
    enum rec_type type, struct twr_error *err)
{
	size_t i, k = 0;
	long long first = 0;

	for (i = 0; i < h->nwait; i++)
		if (h->wait[i].type == type && k++ == 0)
			first = h->wait[i].id;
	if (k == 0)
		return TWR_DONE;
	if (type != REC_NONE)
		ids_in(sql);
	if (sql->oom)
		return err_nomem(err);
	if (st_cached(h->db, slot, sql->p, err) == NULL)
		return err->status;
	for (i = 0, k = 0; i < h->nwait; i++)
		if (h->wait[i].type == type)
			st_int(*slot, (int)++k, h->wait[i].id);
	while (k < HIT_BATCH)
		st_int(*slot, (int)++k, first);
	return TWR_OK;
}

/* Run *SLOT (run_for) over TYPE's waiting hits: FN on each row for the
   hits of its id (column 0). */
static enum twr_status
each_row(struct hits *h, struct stmt **slot, struct twr_buf *sql,
    enum rec_type type, void (*fn)(struct hit *, struct stmt *),
    struct twr_error *err)
{
	enum twr_status rc = run_for(h, slot, sql, type, err);
	struct stmt *q = *slot;
	size_t i;

	if (rc != TWR_OK)
		return rc == TWR_DONE ? TWR_OK : rc;
	while ((rc = st_step(q, err)) == TWR_ROW)
		for (i = 0; i < h->nwait; i++)
			if (h->wait[i].type == type &&
			    h->wait[i].id == st_col_int(q, 0))
				fn(&h->wait[i], q);
	return rc == TWR_DONE ? TWR_OK : rc;
}

static void
got_type(struct hit *w, struct stmt *q)
{
	w->type = (enum rec_type)st_col_int(q, 1);
}

static void
got_match(struct hit *w, struct stmt *q)
{
	if (w->field + 1 < st_ncols(q))
		w->match = cut_text(st_col_text(q, w->field + 1));
}

static void
got_summary(struct hit *w, struct stmt *q)
{
	w->sum = xstrdup(st_col_text(q, 1));
}

static void
wait_clear(struct hits *h)
{
	size_t i;

	for (i = 0; i < h->nwait; i++) {
		free(h->wait[i].match);
		free(h->wait[i].sum);
	}
	h->nwait = 0;
}

/* Read the waiting hits (the types of those of unknown type, then each
   type's fields and summaries) and list them in order; a hit whose
   record is gone is left out. */
static enum twr_status
flush(struct hits *h, struct twr_error *err)
{
	enum twr_status st;
	struct twr_buf sql;
	const struct table *tab;
	const char *v[5];
	char idtxt[24];
	size_t i, t;
	int rc = 0;

	if (h->nwait == 0)
		return TWR_OK;
	buf_init(&sql);
	for (t = 0; tables[t] != NULL; t++) {
		buf_printf(&sql, "%sSELECT g.id, %d FROM %s g", t ?
		    " UNION ALL " : "", (int)tables[t]->type, tables[t]->name);
		ids_in(&sql);
	}
	st = each_row(h, &h->type, &sql, REC_NONE, got_type, err);
	for (t = 0; tables[t] != NULL && st == TWR_OK; t++) {
		tab = tables[t];
		buf_reset(&sql);
		search_sql(tab, -1, &sql);
		st = each_row(h, &h->text[tab->type], &sql, tab->type,
		    got_match, err);
		if (st != TWR_OK)
			break;
		buf_reset(&sql);
		buf_printf(&sql, "SELECT g.id, %s FROM %s", tab->summary,
		    tab->from);
		st = each_row(h, &h->summary[tab->type], &sql, tab->type,
		    got_summary, err);
	}
	buf_free(&sql);
	for (i = 0; i < h->nwait && st == TWR_OK && rc == 0; i++) {
		if ((tab = table_of(h->wait[i].type)) == NULL)
			continue;
		snprintf(idtxt, sizeof(idtxt), "%lld", h->wait[i].id);
		v[0] = idtxt;
		v[1] = tab->record_word;
		v[2] = (size_t)h->wait[i].field < tab->nsearch ?
		    tab->search[h->wait[i].field].name : "?";
		v[3] = h->wait[i].match;
		v[4] = h->wait[i].sum;
		if ((rc = rows_add(h->rows, v)) == 0)
			h->nrows++;
	}
	wait_clear(h);
	return rc == -1 ? err_nomem(err) : st;
}

/* Add record ID (field FIELD, of TYPE or REC_NONE when not known) to
   the hits unless listed or full. */
static enum twr_status
add_hit(struct hits *h, long long id, enum rec_type type, int field,
    struct twr_error *err)
{
	if (seen(h, id) || full(h))
		return TWR_OK;
	if (h->nseen == h->cap) {
		long long *p = realloc(h->seen, (h->cap * 2 + 16) * sizeof(*p));

		if (p == NULL)
			return err_nomem(err);
		h->seen = p;
		h->cap = h->cap * 2 + 16;
	}
	h->seen[h->nseen++] = id;
	memset(&h->wait[h->nwait], 0, sizeof(h->wait[0]));
	h->wait[h->nwait].id = id;
	h->wait[h->nwait].type = type;
	h->wait[h->nwait++].field = field;
	return h->nwait == HIT_BATCH ? flush(h, err) : TWR_OK;
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

	/* Enough: the slots ranked lower need no more reading.  Hits of
	   records gone are left out when read, and their places taken. */
	if (full(c->h) && c->h->nwait > 0 &&
	    (c->st = flush(c->h, c->err)) != TWR_OK)
		return 1;
	if (full(c->h))
		return 1;
	if (seen(c->h, id))
		return 0;
	c->st = add_hit(c->h, id, REC_NONE, (int)(slot % SEARCH_SLOTS),
	    c->err);
	return c->st != TWR_OK;
}

static enum twr_status
text_hits(struct hits *h, const char *key, struct twr_error *err)
{
	struct text_ctx c = { h, err, TWR_OK };
	enum twr_status s;

	s = h->db->ops->search_match(h->db, key, h->limit > 0 ?
	    (long long)h->limit * 4 + (long long)h->nseen : 0, text_hit, &c,
	    err);
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
	    (s = text_hits(&h, key, err)) != TWR_OK ||
	    (s = flush(&h, err)) != TWR_OK) {
		twr_rows_free(h.rows);
		h.rows = NULL;
	}
	for (i = 0; i < NTYPES; i++) {
		st_free(h.summary[i]);
		st_free(h.text[i]);
	}
	st_free(h.type);
	wait_clear(&h);
	free(h.seen);
	free(key);
	if (h.rows == NULL)
		return s;
	*rows = h.rows;
	return TWR_OK;
}
