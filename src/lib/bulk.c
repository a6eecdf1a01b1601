/*
 * Bulk loading.  Once a load has given a table many rows (BULK_STEP, and
 * a tenth of what it held; from the first row when it held none), the
 * store takes away what slows appending
 * (the table's secondary indexes) and rows are appended without the
 * identity check; at the end the indexes are built again (sorting is far
 * cheaper than keeping an index in step with rows that come in random
 * order), rows whose identity repeats are merged as usual, and the
 * search index gets the new rows in one statement a field.
 *
 * A merge needs the file, line and fields of the later row.  A Bloom
 * filter of fixed size (memory does not grow with the file) over the
 * identities seen so far picks the rows that may repeat one; only those
 * are remembered.  It has no false negatives, so every repeat is among
 * them.
 */
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "records.h"

#define BULK_STEP 10000
/* The Bloom filter's size: 16 bits a row the table may hold at the end
   (fewer than one row in a thousand then taken for a repeat), between
   128 KiB and 8 MiB.  A small import pays for no more pages than it
   needs; a table that ends bigger than its filter only remembers more
   rows. */
#define BLOOM_MIN ((uint64_t)1 << 20)
#define BLOOM_MAX ((uint64_t)1 << 26)
#define BLOOM_BITS_A_ROW 16
/* The fewest bytes of CSV a row takes, to guess rows from bytes. */
#define ROW_BYTES 32

/* A hash of an identity: two actors (the smaller first when either
 * order is the same tie) and its fields (each may be NULL). */
static uint64_t
ident_hash(long long a, long long b, const char *const *f)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	int i;

	h = (h ^ (uint64_t)a) * 0xff51afd7ed558ccdULL;
	h = (h ^ (uint64_t)b) * 0xc4ceb9fe1a85ec53ULL;
	for (i = 0; i < IDENT_FIELDS; i++) {
		if (f[i] != NULL)
			h ^= hash_bytes(f[i], strlen(f[i])) * (uint64_t)(2 * i + 1);
		h = (h ^ (h >> 31)) * 0x94d049bb133111ebULL;
	}
	return h ^ (h >> 29);
}

/* Add H to the filter; returns 1 when it may have been there already. */
static int
bloom_add(uint64_t *bits, uint64_t nbits, uint64_t h)
{
	uint64_t h1 = h, h2 = (h >> 32) | (h << 32) | 1;
	int i, was = 1;

	for (i = 0; i < 4; i++) {
		uint64_t bit = (h1 + (uint64_t)i * h2) & (nbits - 1);

		if (!(bits[bit / 64] & ((uint64_t)1 << (bit % 64)))) {
			was = 0;
			bits[bit / 64] |= (uint64_t)1 << (bit % 64);
		}
	}
	return was;
}

/* The second actor of TAB's identity, as SQL: an activity has one. */
static const char *
ident_b(const struct table *tab)
{
	return tab->type == REC_ACTIVITY ? "0" : tab->ref[1];
}

/* The identity fields of TAB, as SQL over its columns, for the filter:
   the actors (in order when either way is the same), then the fields. */
static void
ident_select(const struct table *tab, struct twr_buf *out)
{
	int i;

	if (tab->ident_either)
		buf_printf(out, "SELECT min(%s, %s), max(%s, %s)", tab->ref[0],
		    tab->ref[1], tab->ref[0], tab->ref[1]);
	else
		buf_printf(out, "SELECT %s, %s", tab->ref[0], ident_b(tab));
	for (i = 0; i < IDENT_FIELDS; i++)
		buf_printf(out, ", %s", tab->ident[i] >= 0 ?
		    tab->fields[tab->ident[i]] : "NULL");
	buf_printf(out, " FROM %s", tab->name);
}

/* Switch TAB to bulk loading. */
static enum twr_status
bulk_on(struct loader *l, struct bulk *b, const struct table *tab,
    struct twr_error *err)
{
	struct twr_buf sql;
	enum twr_status st, rc;
	struct stmt *q;

	if ((st = l->db->ops->bulk_begin(l->db, tab->name, err)) == TWR_DONE) {
		b->declined = 1;
		return TWR_OK;
	}
	if (st != TWR_OK)
		return st;
	if ((st = db_exec(l->db, "CREATE TEMP TABLE IF NOT EXISTS bulk_pos("
	    "id INTEGER PRIMARY KEY, file INTEGER NOT NULL, line INTEGER NOT "
	    "NULL, given INTEGER NOT NULL)", err)) != TWR_OK)
		return st;
	if ((b->pos = st_prepare(l->db, "INSERT INTO bulk_pos VALUES(?1, ?2, "
	    "?3, ?4)", err)) == NULL)
		return err->status;
	/* Every identity the table has goes into the filter, sized to
	   what it holds and what the input may add. */
	for (b->nbits = BLOOM_MIN; b->nbits < BLOOM_MAX && b->nbits <
	    BLOOM_BITS_A_ROW * ((uint64_t)b->at_start + l->input_bytes /
	    ROW_BYTES); b->nbits *= 2)
		;
	if ((b->bloom = calloc(b->nbits / 64, sizeof(uint64_t))) == NULL)
		return err_nomem(err);
	buf_init(&sql);
	ident_select(tab, &sql);
	if (sql.oom) {
		buf_free(&sql);
		return err_nomem(err);
	}
	q = st_prepare(l->db, sql.p, err);
	buf_free(&sql);
	if (q == NULL)
		return err->status;
	while ((rc = st_step(q, err)) == TWR_ROW) {
		const char *f[IDENT_FIELDS];
		int i;

		for (i = 0; i < IDENT_FIELDS; i++)
			f[i] = st_col_text(q, 2 + i);
		bloom_add(b->bloom, b->nbits, ident_hash(st_col_int(q, 0),
		    st_col_int(q, 1), f));
	}
	st_free(q);
	if (rc != TWR_DONE)
		return rc;
	b->first_id = l->next_id;
	b->on = 1;
	return TWR_OK;
}

enum twr_status
bulk_count(struct loader *l, const struct table *tab, struct twr_error *err)
{
	struct bulk *b = bulk_of(l, tab->type);

	if (b == NULL || b->on || b->ended || b->declined)
		return TWR_OK;
	b->rows++;
	/* A table that starts empty is loaded in bulk from its first row:
	   there is nothing to keep in step, and a small import should not
	   pay for every index row by row (the first row goes the usual
	   way, the others in bulk). */
	if (b->at_start != 0 && (b->rows % BULK_STEP != 0 ||
	    b->rows * 10 < (unsigned long)b->at_start))
		return TWR_OK;
	return bulk_on(l, b, tab, err);
}

enum twr_status
bulk_row(struct loader *l, const struct rec *r, long long id, long long a,
    long long b, struct twr_error *err)
{
	const struct table *tab = r->k->tab;
	struct bulk *bk = bulk_of(l, tab->type);
	const char *f[IDENT_FIELDS];
	long long given = 0;
	int i;

	if (tab->ident_either && a > b) {
		long long t = a;

		a = b;
		b = t;
	}
	ident_fields(tab, r, f);
	if (!bloom_add(bk->bloom, bk->nbits, ident_hash(a, b, f)))
		return TWR_OK;
	for (i = 0; i < MAX_FIELDS; i++)
		if (r->v[i].given && r->v[i].p != NULL)
			given |= 1LL << i;
	st_reset(bk->pos);
	st_int(bk->pos, 1, id);
	st_int(bk->pos, 2, (long long)r->file);
	st_int(bk->pos, 3, (long long)r->line);
	st_int(bk->pos, 4, given);
	return st_run(bk->pos, err);
}

/* Merge bulk row DUP into KEEP, the first record of its identity. */
static enum twr_status
merge_dup(struct loader *l, const struct table *tab, long long keep,
    long long dup, struct twr_error *err)
{
	struct twr_buf sql;
	struct stmt *pos = NULL, *vals = NULL, *found = NULL;
	enum twr_status st;
	long long given;
	struct rec r;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.k = kind_of_type(tab->type);
	buf_init(&sql);
	buf_adds(&sql, "SELECT id");
	for (i = 0; i < tab->nfields; i++)
		buf_printf(&sql, ", %s", tab->fields[i]);
	buf_printf(&sql, " FROM %s WHERE id = ?1", tab->name);
	if (sql.oom) {
		st = err_nomem(err);
		goto out;
	}
	if ((pos = st_prepare(l->db, "SELECT file, line, given FROM "
	    "bulk_pos WHERE id = ?1", err)) == NULL ||
	    (vals = st_prepare(l->db, sql.p, err)) == NULL ||
	    (found = st_prepare(l->db, sql.p, err)) == NULL) {
		st = err->status;
		goto out;
	}
	st_int(pos, 1, dup);
	st_int(vals, 1, dup);
	st_int(found, 1, keep);
	if ((st = st_step(pos, err)) != TWR_ROW ||
	    (st = st_step(vals, err)) != TWR_ROW ||
	    (st = st_step(found, err)) != TWR_ROW) {
		if (st == TWR_DONE)
			st = err_code(err, TWR_INTERNAL, TWR_E_INTERNAL);
		goto out;
	}
	r.file = (size_t)st_col_int(pos, 0);
	r.line = (unsigned long)st_col_int(pos, 1);
	given = st_col_int(pos, 2);
	l->errs->seq++;			/* a record of its own */
	for (i = 0; i < tab->nfields; i++) {
		r.v[i].p = st_col_text(vals, (int)i + 1);
		r.v[i].given = (given >> i) & 1;
		r.v[i].line = r.line;
		r.v[i].col = l->fcols[r.file][i];
		r.v[i].c = column_of_field(r.k, (int)i);
	}
	l->added--;
	if ((st = loader_merge(l, tab, keep, found, &r, err)) != TWR_OK)
		goto out;
	if (tab->type == REC_ACTIVITY)
		st = db_run(l->db, "INSERT INTO activity_partners(activity_id, "
		    "actor_id) SELECT ?1, actor_id FROM activity_partners WHERE "
		    "activity_id = ?2 ON CONFLICT DO NOTHING", keep, dup, NULL,
		    err);
	if (st != TWR_OK)
		goto out;
	if (tab->type == REC_AGREEMENT) {
		char *before = others_list(l->db, keep), *after;
		unsigned long added = 0;

		st = db_run(l->db, "INSERT INTO agreement_parties(agreement_id, "
		    "actor_id) SELECT ?1, actor_id FROM agreement_parties WHERE "
		    "agreement_id = ?2 AND actor_id NOT IN (SELECT party_id FROM "
		    "agreements WHERE id = ?1 UNION SELECT partner_id FROM "
		    "agreements WHERE id = ?1) ON CONFLICT DO NOTHING", keep,
		    dup, &added, err);
		if (st == TWR_OK && added > 0) {
			after = others_list(l->db, keep);
			st = change_field(l->db, l->change, keep, "update",
			    "other_parties", before, after, err);
			free(after);
		}
		free(before);
		if (st != TWR_OK)
			goto out;
	}
	buf_reset(&sql);
	buf_printf(&sql, "DELETE FROM %s WHERE id = ?1", tab->name);
	st = sql.oom ? err_nomem(err) : db_run(l->db, sql.p, dup, 0, NULL,
	    err);
out:
	st_free(pos);
	st_free(vals);
	st_free(found);
	buf_free(&sql);
	return st;
}

struct dedupe_ctx {
	struct loader *l;
	const struct table *tab;
};

/* Merge every bulk row whose identity an earlier record has. */
static enum twr_status
dedupe(void *arg, struct twr_error *err)
{
	struct dedupe_ctx *c = arg;
	const struct table *tab = c->tab;
	enum twr_status st = TWR_OK, rc;
	long long keep = 0, key[2] = { 0, 0 };
	char *f[IDENT_FIELDS] = { NULL, NULL, NULL };
	struct twr_buf sql, id;
	struct stmt *q;
	size_t i;

	/* The identities taken twice, every row of them in order: the
	   ORDER BY sorts every row first, so deleting as we go does not
	   disturb the scan.  An identity as stored: the actors, then the
	   fields, NULL as ''. */
	buf_init(&id);
	buf_init(&sql);
	buf_adds(&sql, "SELECT id, ");
	if (tab->ident_either)
		buf_printf(&sql, "min(%s, %s) AS a, max(%s, %s) AS b",
		    tab->ref[0], tab->ref[1], tab->ref[0], tab->ref[1]);
	else
		buf_printf(&sql, "%s AS a, %s AS b", tab->ref[0], ident_b(tab));
	for (i = 0; i < IDENT_FIELDS; i++)
		buf_printf(&sql, ", coalesce(%s, '') AS f%d", tab->ident[i] >= 0 ?
		    tab->fields[tab->ident[i]] : "NULL", (int)i);
	buf_printf(&sql, " FROM %s", tab->name);
	buf_printf(&id, "SELECT t.id, t.a, t.b, t.f0, t.f1, t.f2 FROM (%s) t "
	    "WHERE (t.a, t.b, t.f0, t.f1, t.f2) IN (SELECT a, b, f0, f1, f2 "
	    "FROM (%s) GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) "
	    "ORDER BY 2, 3, 4, 5, 6, 1", buf_str(&sql), buf_str(&sql));
	buf_free(&sql);
	if (id.oom) {
		buf_free(&id);
		return err_nomem(err);
	}
	q = st_prepare(c->l->db, id.p, err);
	buf_free(&id);
	if (q == NULL)
		return err->status;
	while (st == TWR_OK && (rc = st_step(q, err)) == TWR_ROW) {
		long long rid = st_col_int(q, 0);
		long long a = st_col_int(q, 1), b = st_col_int(q, 2);
		int same = keep != 0 && a == key[0] && b == key[1];

		for (i = 0; i < IDENT_FIELDS && same; i++)
			same = strcmp(st_col_text(q, 3 + (int)i), f[i]) == 0;
		if (same) {
			st = merge_dup(c->l, tab, keep, rid, err);
			continue;
		}
		keep = rid;
		key[0] = a;
		key[1] = b;
		for (i = 0; i < IDENT_FIELDS; i++) {
			free(f[i]);
			if ((f[i] = xstrdup(st_col_text(q, 3 + (int)i))) ==
			    NULL)
				st = err_nomem(err);
		}
	}
	if (st == TWR_OK && rc != TWR_DONE)
		st = rc;
	st_free(q);
	for (i = 0; i < IDENT_FIELDS; i++)
		free(f[i]);
	return st;
}

static const struct table *const bulk_tabs[3] = { &tab_agreements,
    &tab_memberships, &tab_activities };

/* End the bulk loading of table I of bulk_tabs (if on): its indexes
   made again, identities that came twice merged, its new rows indexed
   for search. */
static enum twr_status
bulk_end_table(struct loader *l, size_t i, struct twr_error *err)
{
	struct dedupe_ctx c = { l, bulk_tabs[i] };
	enum twr_status st;

	if (!l->bulk[i].on)
		return TWR_OK;
	l->bulk[i].ended = 1;
	/* On while the identities taken twice are merged: a row of the
	   load merged into is indexed with the others by fts_fill, not by
	   the merge as well (its search entries twice: exit 70). */
	st = l->db->ops->bulk_end(l->db, bulk_tabs[i]->name, dedupe, &c, err);
	l->bulk[i].on = 0;
	if (st != TWR_OK)
		return st;
	return fts_fill(l->db, bulk_tabs[i]->type, l->bulk[i].first_id, err);
}

enum twr_status
bulk_ties_ready(struct loader *l, struct twr_error *err)
{
	enum twr_status st;

	if ((st = bulk_end_table(l, 0, err)) != TWR_OK)
		return st;
	return bulk_end_table(l, 1, err);
}

enum twr_status
bulk_finish(struct loader *l, struct twr_error *err)
{
	enum twr_status st = TWR_OK;
	int any = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bulk_tabs) && st == TWR_OK; i++) {
		any |= l->bulk[i].on || l->bulk[i].ended;
		st = bulk_end_table(l, i, err);
	}
	if (st == TWR_OK && any)
		st = db_exec(l->db, "DROP TABLE bulk_pos", err);
	return st;
}

void
bulk_free(struct loader *l)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(l->bulk); i++) {
		free(l->bulk[i].bloom);
		st_free(l->bulk[i].pos);
		memset(&l->bulk[i], 0, sizeof(l->bulk[i]));
	}
}
