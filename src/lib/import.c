/*
 * Loading CSV files, and `add` (an import of one row).
 *
 * Every file of one call goes into one IMMEDIATE transaction.  Each row
 * is checked field by field; a bad row is reported with its file, line
 * and column and the reading goes on, so that every bad row is listed,
 * and at the end the transaction commits only if no row was bad.
 *
 * A row whose identity (agreement: the two parties in either order,
 * kind and date; membership: member, network and start; actor: name and
 * country) is already in the registry is merged: values the registry
 * lacks are filled in, equal ones change nothing, and a value that
 * differs from a stored one is a conflict that --on-conflict decides.
 * An empty cell never conflicts and never clears a stored value.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"
#include "record.h"
#include "sha256.h"

#define MAX_COLS 64
#define NOVAL ((size_t)-1)
#define CREATED_NOTES 10	/* "created actor" notes before a count */

enum { MODE_IMPORT, MODE_ADD };

/* A value of the row being read. */
struct val {
	size_t off;		/* normalized value in imp->arena, or NOVAL */
	const char *p;		/* the same as a pointer, once set */
	int given;		/* the column is in the input */
	int invalid;		/* its value was reported as bad */
	unsigned col;		/* CSV column, 1-based */
	unsigned long line;
	const struct colspec *spec;
};

/* A row's values: the table's text columns, then the others. */
enum { V_NAME_A = MAX_FIELDS, V_CC_A, V_NAME_B, V_CC_B, V_ALIASES,
	V_PARENT, V_OTHERS, REC_NVALS };

struct rec {
	struct val f[REC_NVALS];
	unsigned long line;		/* where the row starts */
};

static void
rec_init(struct rec *r)
{
	struct val *v = r->f;
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < REC_NVALS; i++)
		v[i].off = NOVAL;
}

/*
 * A table loaded in bulk: once an import has given a table many rows
 * (BULK_STEP, and a tenth of what it held), its secondary indexes are
 * dropped and rows are appended without the identity check; at the end
 * the indexes are built again (sorting is far cheaper than keeping an
 * index in step with rows that come in random order), rows whose
 * identity repeats are merged as usual, and the search index gets the
 * new rows in one statement.
 *
 * A merge needs the file, line and fields of the later row.  A Bloom
 * filter of fixed size (memory does not grow with the file) over the
 * identities seen so far picks the rows that may repeat one; only those
 * are remembered.  It has no false negatives, so every repeat is among
 * them.
 */
#define BULK_STEP 10000
/* Records whose line an import remembers (4 bytes each): memory stays
   the same however large the file. */
#define LINES_MAX (1 << 18)
#define BLOOM_BITS ((uint64_t)1 << 26)		/* 8 MiB */

struct bulk {
	int on;
	long long first_id;	/* rows from this id on came in bulk */
	long long at_start;	/* rows the table had when the import began */
	unsigned long rows;	/* rows this import added to the table */
	uint64_t *bloom;	/* identities seen, BLOOM_BITS bits */
	struct stmt *pos;	/* remembers where a suspect row came from */
};

struct twr_import {
	struct twr_db *db;
	struct twr_import_opts o;
	int mode;
	int errors_full;		/* stopped at --max-errors */
	enum twr_status failed;		/* a file could not be read */
	long long change, batch;	/* created on the first write */
	long long next_id, first_id;	/* ids to give; at the start */
	long long last_id;		/* the record an add created */
	struct twr_import_stats st;
	struct sha256 sha;
	struct twr_buf files;
	/* The file being read. */
	const char *fname;
	const struct kinddef *kd;
	const struct colspec *colmap[MAX_COLS];
	size_t ncsv;
	int header_done;
	int file_failed;
	/* Scratch. */
	struct twr_map actors;		/* "CC\x1fname" -> actor id */
	struct twr_map countries;	/* as written -> twr_countries index */
	struct twr_buf arena, msg, key;
	struct twr_buf created;		/* actors created, a line each */
	struct stmt *ins[3];		/* by rec_type - 1 */
	struct stmt *find[3];
	struct stmt *ins_alias, *ins_party, *ins_stub;
	/* Bulk loading (agreements, memberships), and what its messages
	   need: each file's name and the CSV column of each field. */
	struct bulk bulk[2];
	char **fnames;
	unsigned (*fcols)[MAX_FIELDS];
	size_t nfiles;
	/* Errors wait here, the first max_errors in file order, to be
	   told in that order at the end (bulk loading finds some late). */
	struct pending *errs;
	size_t nerrs, cerrs;
	int errs_lost;			/* out of memory keeping one */
	/* Where the records this import created came from, for conflicts
	   between two of its rows: the line of id first_id + i (0: not
	   known) for the first LINES_MAX, and the first id given while
	   reading each file. */
	uint32_t *lines;
	size_t nlines, clines;
	long long *ffirst;
	unsigned long bad_rows;
	unsigned long row_seq;		/* records read, for bad_rows */
	unsigned long bad_seq;		/* the record of the last error */
};

struct pending {
	size_t file;			/* index in fnames, or -1 */
	unsigned long line;
	unsigned col;
	char *field;			/* add: the option */
	char *msg;
};

/* ---- reporting ------------------------------------------------------ */

/* Stop reading once there are max_errors errors. */
static int
too_many(struct twr_import *imp)
{
	if (imp->st.errors < imp->o.max_errors)
		return 0;
	imp->errors_full = 1;
	return 1;
}

static int
pending_cmp(const struct pending *a, const struct pending *b)
{
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

/*
 * Keep an error of record SEQ for the end: the first max_errors in file
 * order are kept.
 */
static void
add_error(struct twr_import *imp, unsigned long seq, size_t file,
    unsigned long line, unsigned col, const char *field, const char *msg)
{
	struct pending e, *p;
	size_t i;

	imp->st.errors++;
	if (imp->bad_rows == 0 || seq != imp->bad_seq)
		imp->bad_rows++;
	imp->bad_seq = seq;
	e.file = file;
	e.line = line;
	e.col = col;
	if (imp->nerrs == imp->o.max_errors) {
		/* Full: it must come before the last kept to be kept. */
		if (pending_cmp(&e, &imp->errs[imp->nerrs - 1]) >= 0)
			return;
		free(imp->errs[imp->nerrs - 1].field);
		free(imp->errs[imp->nerrs - 1].msg);
		imp->nerrs--;
	}
	if (imp->nerrs == imp->cerrs) {
		size_t c = imp->cerrs ? 2 * imp->cerrs : 16;

		if (c > imp->o.max_errors)
			c = imp->o.max_errors;
		if ((p = realloc(imp->errs, c * sizeof(*p))) == NULL) {
			imp->errs_lost = 1;
			return;
		}
		imp->errs = p;
		imp->cerrs = c;
	}
	if ((e.field = xstrdup(field), field != NULL && e.field == NULL) ||
	    (e.msg = xstrdup(msg)) == NULL) {
		free(e.field);
		imp->errs_lost = 1;
		return;
	}
	/* Insert in order (errors mostly come in order: from the end). */
	for (i = imp->nerrs; i > 0 && pending_cmp(&e, &imp->errs[i - 1]) < 0;
	    i--)
		;
	p = &imp->errs[i];
	memmove(p + 1, p, (imp->nerrs - i) * sizeof(*p));
	*p = e;
	imp->nerrs++;
}

/* Tell the kept errors in order, and how many more there were. */
static void
flush_errors(struct twr_import *imp)
{
	size_t i, told = imp->nerrs;

	for (i = 0; i < imp->nerrs; i++) {
		struct pending *e = &imp->errs[i];

		diagf(imp->db, TWR_ERROR, e->file == (size_t)-1 ? NULL :
		    imp->fnames[e->file], e->line, e->col, e->field, "%s",
		    e->msg);
		free(e->field);
		free(e->msg);
	}
	imp->nerrs = 0;
	if (imp->errs_lost)
		diagf(imp->db, TWR_ERROR, NULL, 0, 0, NULL, "out of memory: "
		    "not every error is listed");
	else if (imp->errors_full || imp->st.errors > told)
		diagf(imp->db, TWR_ERROR, NULL, 0, 0, NULL, "too many errors: "
		    "the first %zu of %lu listed%s (--max-errors raises the "
		    "limit)", told, imp->st.errors, imp->errors_full ?
		    "; reading stopped there" : "");
}

/* The index of the file being read (or merged from) in imp->fnames. */
static size_t
file_index(const struct twr_import *imp)
{
	size_t i;

	for (i = 0; i < imp->nfiles; i++)
		if (imp->fnames[i] == imp->fname)
			return i;
	return (size_t)-1;
}

/* Report a bad value V (or the row at LINE when V is NULL). */
static void PRINTFLIKE(4, 5)
bad(struct twr_import *imp, const struct val *v, unsigned long line,
    const char *fmt, ...)
{
	char msg[1024], field[64];
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (imp->mode == MODE_ADD) {
		field[0] = '\0';
		if (v != NULL && v->spec != NULL) {
			snprintf(field, sizeof(field), "--%s", v->spec->name);
			for (i = 0; field[i] != '\0'; i++)
				if (field[i] == '_')
					field[i] = '-';
		}
		add_error(imp, 0, (size_t)-1, 0, 0, field[0] ? field : NULL,
		    msg);
	} else
		add_error(imp, imp->row_seq, file_index(imp), v ? v->line : line,
		    v ? v->col : 1, NULL, msg);
}

struct row_ctx {
	struct twr_import *imp;
	struct twr_error *err;
	enum twr_status st;
};

static int
on_csv_error(void *arg, unsigned long line, unsigned column, int dropped,
    const char *msg)
{
	struct twr_import *imp = ((struct row_ctx *)arg)->imp;

	add_error(imp, imp->row_seq, file_index(imp), line, column ? column :
	    1, NULL, msg);
	if (dropped) {
		imp->st.rows += imp->header_done;
		imp->row_seq++;
	}
	return too_many(imp) ? -1 : 0;
}

/* ---- statements ----------------------------------------------------- */

static const char *const ins_sql[] = {
	[REC_AGREEMENT - 1] = "INSERT INTO agreements(id, party_id, "
	    "partner_id, kind, title, signed_on, signed_place, status, "
	    "ended_on, council_decision_date, council_decision_no, "
	    "ministry_approval_date, ministry_approval_no, topics, source, "
	    "notes, batch_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "coalesce(?8, 'active'), ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	    "?17) ON CONFLICT DO NOTHING",
	[REC_MEMBERSHIP - 1] = "INSERT INTO memberships(id, member_id, "
	    "network_id, status, since, until, roles, council_decision_date, "
	    "council_decision_no, ministry_approval_date, "
	    "ministry_approval_no, source, notes, batch_id) VALUES(?1, ?2, "
	    "?3, coalesce(?4, 'member'), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	    "?13, ?14) ON CONFLICT DO NOTHING",
	[REC_ACTOR - 1] = "INSERT INTO actors(id, name, name_key, country, "
	    "kind, name_en, name_en_key, website, source, notes, parent_id, "
	    "batch_id) VALUES(?1, ?2, twr_fold(?2), ?3, ?4, ?5, twr_fold(?5), "
	    "?6, ?7, ?8, ?9, ?10)",
};

/* The stored record with the identity of the one bound (see bind_find). */
static const char *const find_sql[] = {
	[REC_AGREEMENT - 1] = "SELECT id, kind, title, signed_on, "
	    "signed_place, status, ended_on, council_decision_date, "
	    "council_decision_no, ministry_approval_date, "
	    "ministry_approval_no, topics, source, notes FROM agreements "
	    "WHERE min(party_id, partner_id) = min(?1, ?2) "
	    "AND max(party_id, partner_id) = max(?1, ?2) AND kind = ?3 "
	    "AND coalesce(signed_on, '') = coalesce(?4, '')",
	[REC_MEMBERSHIP - 1] = "SELECT id, status, since, until, roles, "
	    "council_decision_date, council_decision_no, "
	    "ministry_approval_date, ministry_approval_no, source, notes "
	    "FROM memberships WHERE member_id = ?1 AND network_id = ?2 "
	    "AND coalesce(since, '') = coalesce(?4, '')",
	[REC_ACTOR - 1] = "SELECT id, name, country, kind, name_en, website, "
	    "source, notes FROM actors WHERE id = ?1",
};

static struct stmt *
stmt(struct twr_import *imp, struct stmt **slot, const char *sql,
    struct twr_error *err)
{
	/* Callers bind every parameter they use, each time. */
	if (*slot == NULL)
		*slot = st_prepare(imp->db, sql, err);
	else
		st_reset(*slot);
	return *slot;
}

static enum twr_status
step_done(struct twr_import *imp, struct stmt *st, struct twr_error *err)
{
	int rc = st_step(st, err);

	st_reset(st);
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

/* ---- the change this call makes ------------------------------------ */

/* Record the change (and for an import the batch) before the first
 * write. */
static enum twr_status
ensure_change(struct twr_import *imp, struct twr_error *err)
{
	enum twr_status st;
	struct stmt *q;
	int rc;

	if (imp->change != 0)
		return TWR_OK;
	if ((st = change_begin(imp->db, imp->mode == MODE_ADD ? "add" :
	    "import", NULL, &imp->change, err)) != TWR_OK)
		return st;
	if (imp->mode == MODE_ADD)
		return TWR_OK;
	q = st_prepare(imp->db, "INSERT INTO batches(change_id, files, rows, "
	    "checksum) VALUES(?1, '', 0, '') RETURNING id", err);
	if (q == NULL)
		return err->status;
	st_int(q, 1, imp->change);
	if ((rc = st_step(q, err)) == TWR_ROW)
		imp->batch = st_col_int(q, 0);
	st_free(q);
	return rc == TWR_ROW ? TWR_OK : (enum twr_status)rc;
}

static void
bind_batch(struct twr_import *imp, struct stmt *st, int i)
{
	if (imp->batch != 0)
		st_int(st, i, imp->batch);
	else
		st_null(st, i);
}

/* Note record ID, created from the row at LINE: its history when added,
 * where it came from when imported. */
static enum twr_status
note_added(struct twr_import *imp, long long id, unsigned long line,
    struct twr_error *err)
{
	size_t i = (size_t)(id - imp->first_id);

	if (imp->mode == MODE_ADD)
		return change_field(imp->db, imp->change, id, "add", NULL,
		    NULL, NULL, err);
	if (i >= LINES_MAX)
		return TWR_OK;
	if (i >= imp->clines) {
		size_t c = imp->clines ? 2 * imp->clines : 1024;
		uint32_t *l;

		while (c <= i)
			c *= 2;
		if ((l = realloc(imp->lines, c * sizeof(*l))) == NULL)
			return set_err(err, TWR_INTERNAL, "out of memory");
		imp->lines = l;
		imp->clines = c;
	}
	if (i >= imp->nlines) {
		memset(imp->lines + imp->nlines, 0, (i + 1 - imp->nlines) *
		    sizeof(*imp->lines));
		imp->nlines = i + 1;
	}
	imp->lines[i] = line <= UINT32_MAX ? (uint32_t)line : 0;
	return TWR_OK;
}

/*
 * Name stored record ID for a conflict in BUF: "record ID" when it was in
 * the registry, the row it came from when this import created it.  *WHERE
 * gets where its value is.
 */
static void
conflict_with(struct twr_import *imp, long long id, char *buf, size_t size,
    const char **where)
{
	size_t i = (size_t)(id - imp->first_id), file = imp->nfiles;
	unsigned long line;

	*where = "in the registry";
	if (id < imp->first_id) {
		snprintf(buf, size, "record %lld", id);
		return;
	}
	*where = "there";
	line = i < imp->nlines ? imp->lines[i] : 0;
	while (file > 0 && imp->ffirst[file - 1] > id)
		file--;
	if (file > 0 && line > 0)
		snprintf(buf, size, "the row at %s:%lu", imp->fnames[file - 1],
		    line);
	else
		snprintf(buf, size, "record %lld, added earlier by this import",
		    id);
}

/* ---- actors ----------------------------------------------------------- */

/*
 * The actor NAME names in COUNTRY (NULL: unknown), created with KIND
 * when the registry has none.  V is the value to blame for an
 * ambiguous name.  Returns 0 and stores the id, or -1 (reported, or an
 * error in ERR when *FAILED is set).
 */
static int
resolve(struct twr_import *imp, const struct val *v, const char *name,
    const char *country, const char *kind, long long *id,
    struct twr_error *err, int *failed)
{
	long long *ids = NULL;
	size_t n = 0;
	int64_t cached;

	buf_reset(&imp->key);
	buf_adds(&imp->key, country ? country : "");
	buf_addc(&imp->key, '\x1f');
	buf_adds(&imp->key, name);
	if (map_get(&imp->actors, imp->key.p, imp->key.len, &cached)) {
		*id = cached;
		return 0;
	}
	if (actor_lookup(imp->db, name, country, &ids, &n, err) != TWR_OK) {
		*failed = 1;
		return -1;
	}
	if (n > 1) {
		struct twr_buf b;
		size_t i;

		buf_init(&b);
		for (i = 0; i < n && i < 5; i++)
			buf_printf(&b, "%s%lld", i ? ", " : "", ids[i]);
		bad(imp, v, 0, "'%s' names %zu actors (%s)%s", name, n,
		    buf_str(&b), country ? "; rename one or remove the other "
		    "spelling" : "; give the country");
		buf_free(&b);
		free(ids);
		return -1;
	}
	if (n == 1) {
		*id = ids[0];
		free(ids);
		goto found;
	}
	if (ensure_change(imp, err) != TWR_OK) {
		*failed = 1;
		return -1;
	}
	*id = imp->next_id++;
	if (actor_insert(imp->db, &imp->ins_stub, *id, name, country, kind,
	    imp->batch, err) != TWR_OK ||
	    note_added(imp, *id, v->line, err) != TWR_OK) {
		*failed = 1;
		return -1;
	}
	/* Said at the end, and only if the import goes in. */
	if (imp->st.actors_created < CREATED_NOTES)
		buf_printf(&imp->created, "%lld '%s'%s%s%s\n", *id, name,
		    country ? " (" : "", country ? country : "",
		    country ? ")" : "");
	imp->st.actors_created++;
found:
	if (map_put(&imp->actors, imp->key.p, imp->key.len, *id) == -1) {
		set_err(err, TWR_INTERNAL, "out of memory");
		*failed = 1;
		return -1;
	}
	return 0;
}

/* ---- bulk loading -------------------------------------------------------- */

static struct bulk *
bulk_of(struct twr_import *imp, enum rec_type type)
{
	return type == REC_AGREEMENT ? &imp->bulk[0] :
	    type == REC_MEMBERSHIP ? &imp->bulk[1] : NULL;
}

/* Did record ID come in bulk (its search entries come at the end)? */
static int
in_bulk(struct twr_import *imp, enum rec_type type, long long id)
{
	struct bulk *b = bulk_of(imp, type);

	return b != NULL && b->on && id >= b->first_id;
}

/* Index the text fields of a new record R of TYPE. */
static enum twr_status
fts_new(struct twr_import *imp, enum rec_type type, long long id,
    const struct rec *r, struct twr_error *err);

/* ---- merging into a stored record ------------------------------------ */

static enum twr_status
set_column(struct twr_import *imp, const char *table, const char *column,
    long long id, const char *value, struct twr_error *err)
{
	char sql[160];
	struct stmt *q;
	int rc;

	/* TABLE and COLUMN come from the fixed tables of record.c. */
	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?%s WHERE id = ?",
	    table, column, strcmp(column, "name_en") == 0 ?
	    ", name_en_key = twr_fold(?1)" : "");
	if ((q = st_prepare(imp->db, sql, err)) == NULL)
		return err ? err->status : TWR_INTERNAL;
	st_opt(q, 1, value);
	st_int(q, 2, id);
	rc = st_step(q, err);
	st_free(q);
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

static int
in_ident(const struct tabledef *tab, int field)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tab->ident) && tab->ident[i] >= 0; i++)
		if (tab->ident[i] == field)
			return 1;
	return 0;
}

/*
 * Merge the row R into stored record ID, whose text columns FOUND holds
 * (a statement on its row, columns from 1).  EXTRA_NEW/EXTRA_OLD carry a
 * set-valued field (aliases, other parties) that only grows.
 */
static enum twr_status
merge(struct twr_import *imp, const struct tabledef *tab, long long id,
    struct stmt *found, struct rec *r, struct twr_error *err)
{
	const struct val *conflict = NULL;
	const char *old_c = NULL;
	int change[MAX_FIELDS] = { 0 }, any = 0;
	char *old[MAX_FIELDS] = { NULL };
	enum twr_status st = TWR_OK;
	size_t i;

	for (i = 0; i < tab->nfields; i++) {
		const char *o = st_col_text(found,
		    (int)i + 1);
		const struct val *v = &r->f[i];

		old[i] = xstrdup(o);
		if (!v->given || v->p == NULL || in_ident(tab, (int)i))
			continue;
		if (o == NULL) {
			change[i] = 1;
		} else if (strcmp(o, v->p) != 0) {
			if (conflict == NULL) {
				conflict = v;
				old_c = old[i];
			}
			change[i] = 2;
		}
	}
	if (conflict != NULL && (imp->mode == MODE_ADD ||
	    imp->o.on_conflict == TWR_CONFLICT_FAIL)) {
		char who[512];
		const char *where;

		conflict_with(imp, id, who, sizeof(who), &where);
		bad(imp, conflict, 0, "conflicts with %s: %s is '%s' %s and "
		    "'%s' here (expected the same value; --on-conflict update "
		    "or skip decides)", who, conflict->spec->name, old_c, where,
		    conflict->p);
		goto out;
	}
	if (conflict != NULL && imp->o.on_conflict == TWR_CONFLICT_SKIP) {
		imp->st.skipped++;
		goto out;
	}
	for (i = 0; i < tab->nfields; i++) {
		if (change[i] == 0)
			continue;
		if ((st = ensure_change(imp, err)) != TWR_OK ||
		    (st = set_column(imp, tab->table, tab->fields[i], id,
		    r->f[i].p, err)) != TWR_OK ||
		    (st = change_field(imp->db, imp->change, id, "update",
		    tab->fields[i], old[i], r->f[i].p, err)) != TWR_OK)
			goto out;
		any = 1;
	}
	if (any) {
		imp->st.updated++;
		if (!in_bulk(imp, tab->type, id))
			st = fts_sync(imp->db, tab->type, id, err);
	} else
		imp->st.unchanged++;
out:
	for (i = 0; i < tab->nfields; i++)
		free(old[i]);
	return st;
}

/* ---- bulk loading, continued ----------------------------------------- */

/* Search-index fields of agreements and memberships, by field number. */
static const int fts_fields[2][4] = {
	{ AG_TITLE, AG_SIGNED_PLACE, AG_TOPICS, AG_NOTES },
	{ M_ROLES, M_NOTES, -1, -1 },
};

static enum twr_status
fts_new(struct twr_import *imp, enum rec_type type, long long id,
    const struct rec *r, struct twr_error *err)
{
	const int *f = fts_fields[type == REC_AGREEMENT ? 0 : 1];
	enum twr_status st = TWR_OK;
	int i;

	for (i = 0; i < 4 && f[i] >= 0 && st == TWR_OK; i++)
		st = fts_put(imp->db, id, i, r->f[f[i]].p, err);
	return st;
}

/* A hash of an identity: two actors (in order for agreements), a kind
 * (NULL for memberships) and a date. */
static uint64_t
ident_hash(long long a, long long b, const char *kind, const char *date)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;

	h = (h ^ (uint64_t)a) * 0xff51afd7ed558ccdULL;
	h = (h ^ (uint64_t)b) * 0xc4ceb9fe1a85ec53ULL;
	if (kind != NULL)
		h ^= hash_bytes(kind, strlen(kind));
	h = (h ^ (h >> 31)) * 0x94d049bb133111ebULL;
	if (date != NULL)
		h ^= hash_bytes(date, strlen(date)) * 3;
	return h ^ (h >> 29);
}

/* Add H to the filter; returns 1 when it may have been there already. */
static int
bloom_add(uint64_t *bits, uint64_t h)
{
	uint64_t h1 = h, h2 = (h >> 32) | (h << 32) | 1;
	int i, was = 1;

	for (i = 0; i < 4; i++) {
		uint64_t bit = (h1 + (uint64_t)i * h2) % BLOOM_BITS;

		if (!(bits[bit / 64] & ((uint64_t)1 << (bit % 64)))) {
			was = 0;
			bits[bit / 64] |= (uint64_t)1 << (bit % 64);
		}
	}
	return was;
}

/* Note bulk row ID (identity A, B, KIND, DATE); a row that may repeat an
 * identity seen before is remembered with its place and given fields. */
static enum twr_status
bulk_row(struct twr_import *imp, struct bulk *b, const struct rec *r,
    long long id, long long x, long long y, const char *kind,
    const char *date, struct twr_error *err)
{
	long long given = 0;
	int i;

	if (kind != NULL && x > y) {
		long long t = x;

		x = y;
		y = t;
	}
	if (!bloom_add(b->bloom, ident_hash(x, y, kind, date)))
		return TWR_OK;
	for (i = 0; i < MAX_FIELDS; i++)
		if (r->f[i].given && r->f[i].p != NULL)
			given |= 1LL << i;
	st_reset(b->pos);
	st_int(b->pos, 1, id);
	st_int(b->pos, 2, (long long)imp->nfiles - 1);
	st_int(b->pos, 3, (long long)r->line);
	st_int(b->pos, 4, given);
	return step_done(imp, b->pos, err);
}

/* Switch table TAB to bulk loading: drop its secondary indexes. */
static enum twr_status
bulk_on(struct twr_import *imp, struct bulk *b, const struct tabledef *tab,
    struct twr_error *err)
{
	struct stmt *q;
	enum twr_status st;
	int rc;

	if ((st = imp->db->ops->bulk_begin(imp->db, tab->table, err)) != TWR_OK)
		return st;
	if ((st = db_exec(imp->db, "CREATE TEMP TABLE IF NOT EXISTS bulk_pos("
	    "id INTEGER PRIMARY KEY, file INTEGER NOT NULL, line INTEGER NOT "
	    "NULL, given INTEGER NOT NULL)", err)) != TWR_OK)
		return st;
	if ((b->pos = st_prepare(imp->db, "INSERT INTO bulk_pos VALUES(?, "
	    "?, ?, ?)", err)) == NULL)
		return err->status;
	/* Every identity the table has goes into the filter. */
	if ((b->bloom = calloc(BLOOM_BITS / 64, sizeof(uint64_t))) == NULL)
		return set_err(err, TWR_INTERNAL, "out of memory");
	q = st_prepare(imp->db, tab->type == REC_AGREEMENT ?
	    "SELECT min(party_id, partner_id), max(party_id, partner_id), "
	    "kind, signed_on FROM agreements" :
	    "SELECT member_id, network_id, NULL, since FROM memberships", err);
	if (q == NULL)
		return err->status;
	while ((rc = st_step(q, err)) == TWR_ROW)
		bloom_add(b->bloom, ident_hash(st_col_int(q, 0),
		    st_col_int(q, 1),
		    st_col_text(q, 2),
		    st_col_text(q, 3)));
	st_free(q);
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	b->first_id = imp->next_id;
	b->on = 1;
	return TWR_OK;
}

/* The colspec that names field FIELD of TAB, for messages. */
static const struct colspec *
field_spec(const struct tabledef *tab, int field)
{
	const struct kinddef *kd = kinddef_of(tab->type == REC_AGREEMENT ?
	    TWR_KIND_PARTNERSHIPS : TWR_KIND_MEMBERSHIPS);
	size_t i;

	for (i = 0; i < kd->ncols; i++)
		if (kd->cols[i].role == R_FIELD && kd->cols[i].field == field)
			return &kd->cols[i];
	return NULL;
}

/* Merge bulk row DUP into KEEP, the first record of its identity. */
static enum twr_status
merge_dup(struct twr_import *imp, const struct tabledef *tab, long long keep,
    long long dup, struct twr_error *err)
{
	struct twr_buf sql;
	struct stmt *pos = NULL, *vals = NULL, *found = NULL;
	enum twr_status st;
	long long given, file;
	struct rec r;
	size_t i;
	int rc;

	rec_init(&r);
	buf_init(&sql);
	buf_adds(&sql, "SELECT id");
	for (i = 0; i < tab->nfields; i++)
		buf_printf(&sql, ", %s", tab->fields[i]);
	buf_printf(&sql, " FROM %s WHERE id = ?", tab->table);
	if ((pos = st_prepare(imp->db, "SELECT file, line, given FROM "
	    "bulk_pos WHERE id = ?", err)) == NULL ||
	    (vals = st_prepare(imp->db, buf_str(&sql), err)) == NULL ||
	    (found = st_prepare(imp->db, buf_str(&sql), err)) == NULL) {
		st = err->status;
		goto out;
	}
	st_int(pos, 1, dup);
	st_int(vals, 1, dup);
	st_int(found, 1, keep);
	if (st_step(pos, err) != TWR_ROW || st_step(vals, err) !=
	    TWR_ROW || (rc = st_step(found, err)) != TWR_ROW) {
		st = set_err(err, TWR_INTERNAL, "bulk row %lld lost", dup);
		goto out;
	}
	file = st_col_int(pos, 0);
	given = st_col_int(pos, 2);
	imp->fname = imp->fnames[file];
	imp->row_seq++;
	for (i = 0; i < tab->nfields; i++) {
		r.f[i].p = st_col_text(vals, (int)i + 1);
		r.f[i].given = (given >> i) & 1;
		r.f[i].line = (unsigned long)st_col_int(pos, 1);
		r.f[i].col = imp->fcols[file][i];
		r.f[i].spec = field_spec(tab, (int)i);
	}
	imp->st.added--;
	if ((st = merge(imp, tab, keep, found, &r, err)) != TWR_OK)
		goto out;
	if (tab->type == REC_AGREEMENT) {
		char *before = others_list(imp->db, keep), *after;

		unsigned long added = 0;

		st = db_run(imp->db, "INSERT OR IGNORE INTO agreement_parties"
		    "(agreement_id, actor_id) SELECT ?1, actor_id FROM "
		    "agreement_parties WHERE agreement_id = ?2 AND actor_id NOT "
		    "IN (SELECT party_id FROM agreements WHERE id = ?1 UNION "
		    "SELECT partner_id FROM agreements WHERE id = ?1)", keep,
		    dup, &added, err);
		if (st == TWR_OK && added > 0) {
			after = others_list(imp->db, keep);
			st = change_field(imp->db, imp->change, keep, "update",
			    "other_parties", before, after, err);
			free(after);
		}
		free(before);
		if (st != TWR_OK)
			goto out;
	}
	buf_reset(&sql);
	buf_printf(&sql, "DELETE FROM %s WHERE id = ?1", tab->table);
	st = db_run(imp->db, buf_str(&sql), dup, 0, NULL, err);
out:
	st_free(pos);
	st_free(vals);
	st_free(found);
	buf_free(&sql);
	return st;
}

/* Merge every bulk row whose identity an earlier record has. */
static enum twr_status
dedupe(struct twr_import *imp, const struct tabledef *tab,
    struct twr_error *err)
{
	static const char *const sql[] = {
		"SELECT g.id, min(g.party_id, g.partner_id), "
		"max(g.party_id, g.partner_id), g.kind, "
		"coalesce(g.signed_on, '') FROM agreements g WHERE "
		"(min(g.party_id, g.partner_id), max(g.party_id, g.partner_id), "
		"g.kind, coalesce(g.signed_on, '')) IN (SELECT "
		"min(party_id, partner_id), max(party_id, partner_id), kind, "
		"coalesce(signed_on, '') FROM agreements GROUP BY 1, 2, 3, 4 "
		"HAVING count(*) > 1) ORDER BY 2, 3, 4, 5, 1",
		"SELECT g.id, g.member_id, g.network_id, '', "
		"coalesce(g.since, '') FROM memberships g WHERE (g.member_id, "
		"g.network_id, coalesce(g.since, '')) IN (SELECT member_id, "
		"network_id, coalesce(since, '') FROM memberships GROUP BY 1, 2, "
		"3 HAVING count(*) > 1) ORDER BY 2, 3, 5, 1",
	};
	enum twr_status st = TWR_OK;
	long long keep = 0, key[2] = { 0, 0 };
	char *kind = NULL, *date = NULL;
	struct stmt *q;
	int rc;

	/* The ORDER BY sorts every row first, so deleting as we go does
	   not disturb the scan. */
	q = st_prepare(imp->db, sql[tab->type == REC_AGREEMENT ? 0 : 1], err);
	if (q == NULL)
		return err->status;
	while (st == TWR_OK && (rc = st_step(q, err)) == TWR_ROW) {
		long long id = st_col_int(q, 0);
		long long a = st_col_int(q, 1);
		long long b = st_col_int(q, 2);
		const char *k = st_col_text(q, 3);
		const char *d = st_col_text(q, 4);

		if (keep != 0 && a == key[0] && b == key[1] &&
		    strcmp(k, kind) == 0 && strcmp(d, date) == 0) {
			st = merge_dup(imp, tab, keep, id, err);
			continue;
		}
		keep = id;
		key[0] = a;
		key[1] = b;
		free(kind);
		free(date);
		kind = xstrdup(k);
		date = xstrdup(d);
	}
	st_free(q);
	free(kind);
	free(date);
	return st;
}

/* Build the indexes of a bulk-loaded table again, and index its new
 * rows for search. */
struct dedupe_ctx {
	struct twr_import *imp;
	const struct tabledef *tab;
};

static enum twr_status
dedupe_cb(void *arg, struct twr_error *err)
{
	struct dedupe_ctx *c = arg;

	return dedupe(c->imp, c->tab, err);
}

static enum twr_status
bulk_finish(struct twr_import *imp, struct bulk *b,
    const struct tabledef *tab, struct twr_error *err)
{
	struct dedupe_ctx c = { imp, tab };
	enum twr_status st;
	size_t i;

	if (!b->on)
		return TWR_OK;
	b->on = 0;
	/* An identity that came twice is merged, then the index built. */
	if ((st = imp->db->ops->bulk_end(imp->db, tab->table, dedupe_cb, &c,
	    err)) != TWR_OK)
		return st;
	for (i = 0; search_sources[i].sql != NULL; i++)
		if (search_sources[i].type == tab->type && (st =
		    imp->db->ops->search_fill(imp->db, search_sources[i].sql,
		    b->first_id, err)) != TWR_OK)
			return st;
	return TWR_OK;
}

/* ---- storing a row ------------------------------------------------- */

/* Bind the row's fields; they stay put in imp->arena until the step. */
static void
bind_fields(struct stmt *q, int first, const struct rec *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (r->f[i].p == NULL)
			st_null(q, first + (int)i);
		else
			st_ref(q, first + (int)i, r->f[i].p);
}

/* Add the third and further parties LIST ("Name (CC);...") to
 * agreement ID, skipping those already there; *ADDED counts new ones. */
static int
add_parties(struct twr_import *imp, const struct val *v, long long id,
    long long a, long long b, int *added, struct twr_error *err,
    int *failed)
{
	char *copy, *item, *save = NULL, *name, *cc;
	struct stmt *q;
	long long pid;
	int rc = 0;

	if (v->p == NULL)
		return 0;
	if ((copy = xstrdup(v->p)) == NULL) {
		set_err(err, TWR_INTERNAL, "out of memory");
		*failed = 1;
		return -1;
	}
	for (item = strtok_r(copy, ";", &save); item != NULL && rc == 0;
	    item = strtok_r(NULL, ";", &save)) {
		if (party_split(item, &name, &cc) == -1 ||
		    (rc = resolve(imp, v, name, cc, NULL, &pid, err,
		    failed)) == -1)
			break;
		if (pid == a || pid == b)
			continue;
		q = stmt(imp, &imp->ins_party, "INSERT OR IGNORE INTO "
		    "agreement_parties(agreement_id, actor_id) VALUES(?, ?)",
		    err);
		if (q == NULL) {
			*failed = 1;
			rc = -1;
			break;
		}
		st_int(q, 1, id);
		st_int(q, 2, pid);
		if (step_done(imp, q, err) != TWR_OK) {
			*failed = 1;
			rc = -1;
			break;
		}
		*added += db_changes(imp->db);
	}
	free(copy);
	return rc;
}

/* Add the other spellings LIST to actor ID; *ADDED counts new ones. */
static int
add_aliases(struct twr_import *imp, long long id, const char *list,
    int *added, struct twr_error *err)
{
	char *copy, *item, *save = NULL;
	struct stmt *q;

	if (list == NULL)
		return 0;
	if ((copy = xstrdup(list)) == NULL) {
		set_err(err, TWR_INTERNAL, "out of memory");
		return -1;
	}
	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save)) {
		q = stmt(imp, &imp->ins_alias, "INSERT OR IGNORE INTO aliases("
		    "actor_id, alias, alias_key) SELECT ?1, ?2, twr_fold(?2) "
		    "WHERE twr_fold(?2) <> (SELECT name_key FROM actors "
		    "WHERE id = ?1)", err);
		if (q == NULL) {
			free(copy);
			return -1;
		}
		st_int(q, 1, id);
		st_ref(q, 2, item);
		if (step_done(imp, q, err) != TWR_OK) {
			free(copy);
			return -1;
		}
		*added += db_changes(imp->db);
	}
	free(copy);
	return 0;
}

static enum twr_status
store_tie(struct twr_import *imp, struct rec *r, struct twr_error *err)
{
	const struct tabledef *tab = imp->kd->tab;
	int t = (int)tab->type - 1, failed = 0, added = 0;
	int ag = tab->type == REC_AGREEMENT;
	long long a, b, id;
	enum twr_status st;
	struct stmt *q;
	char *before = NULL;
	int rc;

	if (resolve(imp, &r->f[V_NAME_A], r->f[V_NAME_A].p, r->f[V_CC_A].p, NULL, &a, err,
	    &failed) == -1 || resolve(imp, &r->f[V_NAME_B], r->f[V_NAME_B].p, r->f[V_CC_B].p,
	    ag ? NULL : "network", &b, err, &failed) == -1)
		return failed ? err->status : TWR_OK;
	if (a == b) {
		bad(imp, &r->f[V_NAME_B], 0, "'%s' is the same actor as '%s' (%lld) "
		    "(expected two different %s)", r->f[V_NAME_B].p, r->f[V_NAME_A].p, a,
		    ag ? "parties" : "actors, a member and a network");
		return TWR_OK;
	}
	if ((st = ensure_change(imp, err)) != TWR_OK ||
	    (q = stmt(imp, &imp->ins[t], ins_sql[t], err)) == NULL)
		return st != TWR_OK ? st : err->status;
	id = imp->next_id;
	st_int(q, 1, id);
	st_int(q, 2, a);
	st_int(q, 3, b);
	bind_fields(q, 4, r, tab->nfields);
	bind_batch(imp, q, 4 + (int)tab->nfields);
	if ((st = step_done(imp, q, err)) != TWR_OK)
		return st;
	if (db_changes(imp->db) == 1) {
		struct bulk *bk = bulk_of(imp, tab->type);

		imp->next_id++;
		imp->last_id = id;
		imp->st.added++;
		if (ag && add_parties(imp, &r->f[V_OTHERS], id, a, b, &added, err,
		    &failed) == -1)
			return failed ? err->status : TWR_OK;
		if (note_added(imp, id, r->line, err) != TWR_OK)
			return err->status;
		if (bk->on)
			return bulk_row(imp, bk, r, id, a, b, ag ?
			    r->f[AG_KIND].p : NULL, r->f[ag ? AG_SIGNED_ON :
			    M_SINCE].p, err);
		if ((st = fts_new(imp, tab->type, id, r, err)) != TWR_OK)
			return st;
		if (imp->mode == MODE_IMPORT && ++bk->rows % BULK_STEP == 0 &&
		    bk->rows * 10 >= (unsigned long)bk->at_start)
			return bulk_on(imp, bk, tab, err);
		return TWR_OK;
	}
	/* Its identity is taken: merge into that record. */
	if ((q = stmt(imp, &imp->find[t], find_sql[t], err)) == NULL)
		return err->status;
	st_int(q, 1, a);
	st_int(q, 2, b);
	st_opt(q, 3, ag ? r->f[AG_KIND].p : NULL);
	st_opt(q, 4, r->f[ag ? AG_SIGNED_ON : M_SINCE].p);
	if ((rc = st_step(q, err)) != TWR_ROW) {
		st_reset(q);
		return (rc == TWR_DONE ? set_err(err, TWR_INTERNAL, "a record went missing") : (enum twr_status)rc);
	}
	id = st_col_int(q, 0);
	if (imp->mode == MODE_ADD) {
		st_reset(q);
		bad(imp, NULL, 0, "record %lld has the same %s; change it with "
		    "'twinreg update %lld'", id, ag ? "parties, kind and "
		    "signing date" : "member, network and start", id);
		return TWR_OK;
	}
	if (ag && r->f[V_OTHERS].p != NULL) {
		before = others_list(imp->db, id);
		if (add_parties(imp, &r->f[V_OTHERS], id, a, b, &added, err,
		    &failed) == -1) {
			st_reset(q);
			free(before);
			return failed ? err->status : TWR_OK;
		}
	}
	st = merge(imp, tab, id, q, r, err);
	st_reset(q);
	if (st == TWR_OK && added > 0) {
		char *after = others_list(imp->db, id);

		st = change_field(imp->db, imp->change, id, "update",
		    "other_parties", before, after, err);
		free(after);
		if (imp->st.unchanged > 0 && st == TWR_OK) {
			imp->st.unchanged--;	/* it did change after all */
			imp->st.updated++;
		}
	}
	free(before);
	return st;
}

static enum twr_status
store_actor(struct twr_import *imp, struct rec *r, struct twr_error *err)
{
	const char *name = r->f[A_NAME].p, *cc = r->f[A_COUNTRY].p;
	long long *ids = NULL, id, parent = 0, old_parent = 0;
	int failed = 0, added = 0, moved = 0, rc;
	unsigned long errors, skipped;
	size_t n = 0;
	enum twr_status st;
	struct stmt *q;
	char *before = NULL;

	if ((st = actor_lookup(imp->db, name, cc, &ids, &n, err)) != TWR_OK)
		return st;
	if (n > 1) {
		free(ids);
		bad(imp, &r->f[A_NAME], 0, "'%s' names %zu actors in %s "
		    "(expected one; rename one or remove the other spelling)",
		    name, n, cc);
		return TWR_OK;
	}
	id = n == 1 ? ids[0] : 0;
	free(ids);
	if ((st = ensure_change(imp, err)) != TWR_OK)
		return st;
	if (r->f[V_PARENT].p != NULL) {
		const char *pcc;
		char *pname = parent_split(r->f[V_PARENT].p, cc, &pcc);
		char *k1, *k2;
		int self;

		if (pname == NULL)
			return set_err(err, TWR_INTERNAL, "out of memory");
		k1 = fold_dup(pname);
		k2 = fold_dup(name);
		self = k1 != NULL && k2 != NULL && strcmp(k1, k2) == 0 &&
		    strcmp(pcc, cc) == 0;
		free(k1);
		free(k2);
		rc = self ? 0 : resolve(imp, &r->f[V_PARENT], pname, pcc, NULL,
		    &parent, err, &failed);
		free(pname);
		if (rc == -1)
			return failed ? err->status : TWR_OK;
		if (self || parent == id || (n == 1 && parent_loop(imp->db, id,
		    parent))) {
			bad(imp, &r->f[V_PARENT], 0, "'%s' cannot be the parent of "
			    "'%s' (expected an actor that is not part of it)",
			    r->f[V_PARENT].p, name);
			return TWR_OK;
		}
	}
	if (n == 0) {
		/* Its id comes after any parent created for it. */
		id = imp->next_id;
		if ((q = stmt(imp, &imp->ins[REC_ACTOR - 1],
		    ins_sql[REC_ACTOR - 1], err)) == NULL)
			return err->status;
		st_int(q, 1, id);
		st_opt(q, 2, name);
		st_opt(q, 3, cc);
		st_opt(q, 4, r->f[A_KIND].p);
		st_opt(q, 5, r->f[A_NAME_EN].p);
		st_opt(q, 6, r->f[A_WEBSITE].p);
		st_opt(q, 7, r->f[A_SOURCE].p);
		st_opt(q, 8, r->f[A_NOTES].p);
		/* Every parameter, every time: the statement is reused. */
		if (parent != 0)
			st_int(q, 9, parent);
		else
			st_null(q, 9);
		bind_batch(imp, q, 10);
		if ((st = step_done(imp, q, err)) != TWR_OK)
			return st;
		imp->next_id++;
		imp->last_id = id;
		imp->st.added++;
		if (add_aliases(imp, id, r->f[V_ALIASES].p, &added, err) == -1 ||
		    note_added(imp, id, r->line, err) != TWR_OK)
			return err->status;
		/* Rows naming it by this spelling now find it. */
		return fts_sync(imp->db, REC_ACTOR, id, err);
	}
	if (imp->mode == MODE_ADD) {
		bad(imp, &r->f[A_NAME], 0, "actor %lld is already '%s' in %s; "
		    "change it with 'twinreg update %lld'", id, name, cc, id);
		return TWR_OK;
	}
	if ((q = stmt(imp, &imp->find[REC_ACTOR - 1], find_sql[REC_ACTOR - 1],
	    err)) == NULL)
		return err->status;
	st_int(q, 1, id);
	if ((rc = st_step(q, err)) != TWR_ROW) {
		st_reset(q);
		return (enum twr_status)rc;
	}
	/* The parent: fill it in, or a conflict like any field. */
	{
		struct stmt *p = st_prepare(imp->db, "SELECT parent_id, "
		    "(SELECT name FROM actors WHERE id = a.parent_id) FROM "
		    "actors a WHERE id = ?", err);

		if (p == NULL) {
			st_reset(q);
			return err->status;
		}
		st_int(p, 1, id);
		if (st_step(p, err) == TWR_ROW)
			old_parent = st_col_int(p, 0);
		if (parent != 0 && old_parent != 0 && parent != old_parent &&
		    imp->o.on_conflict != TWR_CONFLICT_UPDATE) {
			char who[512];
			const char *where;

			conflict_with(imp, id, who, sizeof(who), &where);
			if (imp->o.on_conflict == TWR_CONFLICT_FAIL)
				bad(imp, &r->f[V_PARENT], 0, "conflicts with "
				    "%s: parent is '%s' %s and '%s' here "
				    "(expected the same value; --on-conflict "
				    "update or skip decides)", who,
				    st_col_text(p, 1), where,
				    r->f[V_PARENT].p);
			else
				imp->st.skipped++;
			st_free(p);
			st_reset(q);
			return TWR_OK;
		}
		st_free(p);
	}
	before = alias_list(imp->db, id);
	errors = imp->st.errors;
	skipped = imp->st.skipped;
	st = merge(imp, &tab_actors, id, q, r, err);
	st_reset(q);
	if (st != TWR_OK || imp->st.errors != errors ||
	    imp->st.skipped != skipped) {
		free(before);
		return st;
	}
	if (parent != 0 && parent != old_parent) {
		st = exec_update(imp->db, "actors", "parent_id", id, NULL,
		    parent, 1, err);
		if (st == TWR_OK)
			st = change_ref(imp->db, imp->change, id, "update",
			    "parent", old_parent, parent, err);
		if (st != TWR_OK) {
			free(before);
			return st;
		}
		moved = 1;
	}
	if (add_aliases(imp, id, r->f[V_ALIASES].p, &added, err) == -1) {
		free(before);
		return err->status;
	}
	if (added > 0) {
		char *after = alias_list(imp->db, id);

		st = change_field(imp->db, imp->change, id, "update",
		    "aliases", before, after, err);
		free(after);
		if (st == TWR_OK)
			st = fts_sync(imp->db, REC_ACTOR, id, err);
	}
	if (added > 0 || moved) {
		if (imp->st.unchanged > 0) {
			imp->st.unchanged--;
			imp->st.updated++;
		}
	}
	free(before);
	return st;
}

/* ---- reading a row --------------------------------------------------- */

static struct val *
val_of(struct rec *r, const struct colspec *c)
{
	static const int at[] = { [R_NAME_A] = V_NAME_A,
	    [R_COUNTRY_A] = V_CC_A, [R_NAME_B] = V_NAME_B,
	    [R_COUNTRY_B] = V_CC_B, [R_ALIASES] = V_ALIASES,
	    [R_PARENT] = V_PARENT, [R_OTHER_PARTIES] = V_OTHERS };

	return &r->f[c->role == R_FIELD ? c->field : at[c->role]];
}

static void
rec_finish(struct twr_import *imp, struct rec *r)
{
	struct val *v = r->f;
	size_t i, n = REC_NVALS;

	for (i = 0; i < n; i++)
		v[i].p = v[i].off == NOVAL ? NULL : imp->arena.p + v[i].off;
}

/* Describe what a required column holds, for messages. */
static const char *
wanted(const struct colspec *c)
{
	switch (c->type) {
	case FT_NAME:
		return "a name";
	case FT_COUNTRY:
		return "a country: an ISO code or an English or Turkish name";
	case FT_AGKIND:
		return "an agreement kind";
	default:
		return "a value";
	}
}

/*
 * Check and store one row: NVALS raw values for the colspecs SPECS, at
 * LINES (file mode) or named by field (add mode).
 */
static enum twr_status
take_row(struct twr_import *imp, size_t n, char *const *raw,
    const struct colspec *const *specs, const unsigned long *lines,
    struct twr_error *err)
{
	unsigned long errors = imp->st.errors;
	const struct kinddef *kd = imp->kd;
	struct rec r;
	int64_t known;
	size_t i;

	rec_init(&r);
	r.line = lines ? lines[0] : 0;
	buf_reset(&imp->arena);
	for (i = 0; i < n; i++) {
		const struct colspec *c = specs[i];
		struct val *v = val_of(&r, c);
		char *s = trim_blanks(raw[i]);

		v->given = 1;
		v->col = (unsigned)i + 1;
		v->line = lines ? lines[i] : 0;
		v->spec = c;
		if (*s == '\0')
			continue;
		buf_reset(&imp->msg);
		v->off = imp->arena.len;
		/* Countries repeat: remember how each was written. */
		if (c->type == FT_COUNTRY && map_get(&imp->countries, s,
		    strlen(s), &known)) {
			buf_adds(&imp->arena, twr_countries[known].code);
			buf_addc(&imp->arena, '\0');
			continue;
		}
		if (value_norm(c->type, s, &imp->arena, &imp->msg) == -1) {
			v->off = NOVAL;
			v->invalid = 1;
			bad(imp, v, 0, "%s", buf_str(&imp->msg));
			continue;
		}
		if (c->type == FT_COUNTRY)
			map_put(&imp->countries, s, strlen(s),
			    country_by_code(imp->arena.p + v->off) -
			    twr_countries);
		buf_addc(&imp->arena, '\0');
	}
	if (imp->arena.oom)
		return set_err(err, TWR_INTERNAL, "out of memory");
	for (i = 0; i < kd->ncols; i++) {
		const struct colspec *c = &kd->cols[i];
		struct val *v = val_of(&r, c);

		if (c->required && v->given && v->off == NOVAL &&
		    !v->invalid)
			bad(imp, v, 0, "missing %s (expected %s)", c->name,
			    wanted(c));
		else if (c->required && !v->given && imp->mode == MODE_ADD)
			bad(imp, NULL, 0, "missing --%s (expected %s)",
			    c->name, wanted(c));
	}
	if (imp->st.errors != errors)
		return TWR_OK;
	rec_finish(imp, &r);
	if (kd->agkind != NULL) {
		r.f[AG_KIND].p = kd->agkind;
		r.f[AG_KIND].given = 1;
	}
	return kd->tab->type == REC_ACTOR ? store_actor(imp, &r, err) :
	    store_tie(imp, &r, err);
}

/* Match header cell NAME to a column: case, '-', ' ' and '_' alike. */
static const struct colspec *
header_col(const struct kinddef *kd, const char *name)
{
	char norm[64];
	size_t i;

	for (i = 0; name[i] != '\0' && i + 1 < sizeof(norm); i++) {
		char c = name[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		norm[i] = c == ' ' || c == '-' ? '_' : c;
	}
	norm[i] = '\0';
	return colspec_find(kd, norm);
}

/* Guess the kind of records from header cells. */
static const struct kinddef *
guess_kind(const struct csv_row *row)
{
	static const struct { const char *col; enum twr_kind kind; } hints[] = {
		{ "sister_city", TWR_KIND_SISTER_CITIES },
		{ "municipality", TWR_KIND_SISTER_CITIES },
		{ "partner", TWR_KIND_PARTNERSHIPS },
		{ "party", TWR_KIND_PARTNERSHIPS },
		{ "member", TWR_KIND_MEMBERSHIPS },
		{ "network", TWR_KIND_MEMBERSHIPS },
		{ "name", TWR_KIND_ACTORS },
	};
	size_t h, i;

	for (h = 0; h < ARRAY_SIZE(hints); h++)
		for (i = 0; i < row->n; i++) {
			const struct kinddef *kd = kinddef_of(hints[h].kind);
			char tmp[64];

			snprintf(tmp, sizeof(tmp), "%s", row->vals[i]);
			if (header_col(kd, trim_blanks(tmp)) ==
			    colspec_find(kd, hints[h].col))
				return kd;
		}
	return NULL;
}

static void
take_header(struct twr_import *imp, struct csv_row *row)
{
	const struct kinddef *kd;
	unsigned long errors = imp->st.errors;
	struct twr_buf names;
	size_t i, j;

	imp->header_done = 1;
	if (row->bad) {
		imp->file_failed = 1;
		return;
	}
	if (imp->o.kind != TWR_KIND_AUTO)
		kd = kinddef_of(imp->o.kind);
	else if ((kd = guess_kind(row)) == NULL) {
		imp->file_failed = 1;
		bad(imp, NULL, row->line, "cannot tell the kind of records "
		    "from the header (expected the columns of sister-cities, "
		    "partnerships, memberships or actors; --kind names it)");
		return;
	}
	imp->kd = kd;
	if (row->n > MAX_COLS) {
		imp->file_failed = 1;
		bad(imp, NULL, row->line, "%zu columns (expected at most %d)",
		    row->n, MAX_COLS);
		return;
	}
	buf_init(&names);
	kind_columns_text(kd, &names);
	imp->ncsv = row->n;
	for (i = 0; i < row->n; i++) {
		struct val v = { 0, NULL, 1, 0, (unsigned)i + 1, row->lines[i],
			NULL };
		const char *cell = trim_blanks(row->vals[i]);

		imp->colmap[i] = header_col(kd, cell);
		if (imp->colmap[i] == NULL) {
			bad(imp, &v, 0, "unknown column '%s' for %s (expected "
			    "%s)", cell, kd->plural, buf_str(&names));
			continue;
		}
		for (j = 0; j < i; j++)
			if (imp->colmap[j] == imp->colmap[i])
				bad(imp, &v, 0, "column '%s' given twice "
				    "(expected each column once)", cell);
	}
	buf_free(&names);
	for (i = 0; i < row->n; i++)
		if (imp->colmap[i] != NULL && imp->colmap[i]->role == R_FIELD)
			imp->fcols[imp->nfiles - 1][imp->colmap[i]->field] =
			    (unsigned)i + 1;
	for (i = 0; i < kd->ncols; i++) {
		struct val v = { 0, NULL, 1, 0, (unsigned)row->n + 1,
			row->line, NULL };

		if (!kd->cols[i].required)
			continue;
		for (j = 0; j < row->n && imp->colmap[j] != &kd->cols[i]; j++)
			;
		if (j == row->n)
			bad(imp, &v, 0, "missing column '%s' (required for %s)",
			    kd->cols[i].name, kd->plural);
	}
	if (imp->st.errors != errors)
		imp->file_failed = 1;
}

/* Take record ROW of the file being read; -1 stops reading. */
static int
row_in(struct row_ctx *ctx, struct twr_import *imp, struct csv_row *row)
{
	struct val v;

	if (!imp->header_done) {
		take_header(imp, row);
		return imp->file_failed || too_many(imp) ? -1 : 0;
	}
	imp->st.rows++;
	if (row->bad)
		return too_many(imp) ? -1 : 0;
	if (row->n != imp->ncsv) {
		memset(&v, 0, sizeof(v));
		v.line = row->lines[row->n < imp->ncsv ? row->n - 1 :
		    imp->ncsv];
		v.col = (unsigned)(row->n < imp->ncsv ? row->n : imp->ncsv) + 1;
		bad(imp, &v, 0, "%zu fields (expected %zu, as in the header)",
		    row->n, imp->ncsv);
		return too_many(imp) ? -1 : 0;
	}
	ctx->st = take_row(imp, row->n, row->vals, imp->colmap, row->lines,
	    ctx->err);
	if (ctx->st != TWR_OK)
		return -1;
	return too_many(imp) ? -1 : 0;
}

static int
on_row(void *arg, struct csv_row *row)
{
	struct row_ctx *ctx = arg;
	int rc = row_in(ctx, ctx->imp, row);

	ctx->imp->row_seq++;
	return rc;
}

/* ---- the public interface ------------------------------------------- */

static enum twr_status
begin(struct twr_db *db, const struct twr_import_opts *opts, int mode,
    struct twr_import **impp, struct twr_error *err)
{
	struct twr_import *imp;
	enum twr_status st;
	struct stmt *q;

	*impp = NULL;
	if ((imp = calloc(1, sizeof(*imp))) == NULL)
		return set_err(err, TWR_INTERNAL, "out of memory");
	imp->db = db;
	imp->mode = mode;
	if (opts != NULL)
		imp->o = *opts;
	if (imp->o.max_errors == 0)
		imp->o.max_errors = 20;
	sha256_init(&imp->sha);
	map_init(&imp->actors);
	map_init(&imp->countries);
	buf_init(&imp->arena);
	buf_init(&imp->msg);
	buf_init(&imp->key);
	buf_init(&imp->files);
	buf_init(&imp->created);
	if ((st = db_begin_write(db, err)) != TWR_OK) {
		free(imp);
		return st;
	}
	q = st_prepare(db, "SELECT value FROM meta WHERE key = 'next_id'", err);
	if (q == NULL || st_step(q, err) != TWR_ROW) {
		st_free(q);
		db_rollback(db);
		free(imp);
		return err && err->status ? err->status : set_err(err,
		    TWR_INTERNAL, "the registry has no next_id");
	}
	imp->next_id = imp->first_id = st_col_int(q, 0);
	st_free(q);
	q = st_prepare(db, "SELECT (SELECT count(*) FROM agreements), "
	    "(SELECT count(*) FROM memberships)", err);
	if (q != NULL && st_step(q, err) == TWR_ROW) {
		imp->bulk[0].at_start = st_col_int(q, 0);
		imp->bulk[1].at_start = st_col_int(q, 1);
	}
	st_free(q);
	*impp = imp;
	return TWR_OK;
}

enum twr_status
twr_import_begin(struct twr_db *db, const struct twr_import_opts *opts,
    struct twr_import **imp, struct twr_error *err)
{
	return begin(db, opts, MODE_IMPORT, imp, err);
}

/* Start reading file NAME. */
static enum twr_status
file_begin(struct twr_import *imp, const char *name, struct csv_in *in,
    struct row_ctx *ctx, struct twr_error *err)
{
	{
		char **fn = realloc(imp->fnames, (imp->nfiles + 1) *
		    sizeof(*fn));
		unsigned (*fc)[MAX_FIELDS] = fn ? realloc(imp->fcols,
		    (imp->nfiles + 1) * sizeof(*fc)) : NULL;
		long long *ff = fc ? realloc(imp->ffirst, (imp->nfiles + 1) *
		    sizeof(*ff)) : NULL;

		if (fn != NULL)
			imp->fnames = fn;
		if (fc != NULL)
			imp->fcols = fc;
		if (ff != NULL)
			imp->ffirst = ff;
		if (ff == NULL || (fn[imp->nfiles] = xstrdup(name)) == NULL)
			return set_err(err, TWR_INTERNAL, "out of memory");
		ff[imp->nfiles] = imp->next_id;
		memset(fc[imp->nfiles], 0, sizeof(fc[0]));
		name = fn[imp->nfiles++];
	}
	imp->fname = name;
	imp->kd = NULL;
	imp->header_done = 0;
	imp->file_failed = 0;
	imp->st.files++;
	if (imp->files.len > 0)
		buf_adds(&imp->files, ", ");
	buf_adds(&imp->files, name);
	ctx->imp = imp;
	ctx->err = err;
	ctx->st = TWR_OK;
	if (csvin_init(in, imp->o.encoding, on_row, on_csv_error, ctx) == -1)
		return set_err(err, TWR_USAGE, "unknown encoding '%s' (expected "
		    "UTF-8, windows-1254, iso-8859-9 or another name iconv "
		    "knows)", imp->o.encoding);
	return TWR_OK;
}

static enum twr_status
file_end(struct twr_import *imp, struct csv_in *in, struct row_ctx *ctx)
{
	csvin_finish(in);
	csvin_free(in);
	if (ctx->st != TWR_OK)
		return ctx->st;
	if (!imp->header_done)
		add_error(imp, imp->row_seq, file_index(imp), 1, 1, NULL,
		    "empty file (expected a header row naming the columns)");
	return TWR_OK;
}

static enum twr_status
read_fd(struct twr_import *imp, const char *name, int fd,
    struct twr_error *err)
{
	char buf[1 << 16];
	struct row_ctx ctx;
	struct csv_in in;
	enum twr_status st;
	ssize_t n;

	if ((st = file_begin(imp, name, &in, &ctx, err)) != TWR_OK)
		return st;
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			csvin_free(&in);
			return set_err(err, TWR_IOERR, "cannot read '%s': %s",
			    name, strerror(errno));
		}
		if (n == 0)
			break;
		sha256_update(&imp->sha, buf, (size_t)n);
		if (csvin_feed(&in, buf, (size_t)n) == -1)
			break;
	}
	return file_end(imp, &in, &ctx);
}

static enum twr_status
read_mem(struct twr_import *imp, const char *name, const char *data,
    size_t len, struct twr_error *err)
{
	struct row_ctx ctx;
	struct csv_in in;
	enum twr_status st;

	if ((st = file_begin(imp, name, &in, &ctx, err)) != TWR_OK)
		return st;
	sha256_update(&imp->sha, data, len);
	csvin_feed(&in, data, len);
	return file_end(imp, &in, &ctx);
}

enum twr_status
twr_import_fd(struct twr_import *imp, const char *name, int fd,
    struct twr_error *err)
{
	enum twr_status st = read_fd(imp, name, fd, err);

	if (st != TWR_OK && imp->failed == TWR_OK)
		imp->failed = st;
	return st;
}

enum twr_status
twr_import_mem(struct twr_import *imp, const char *name, const char *data,
    size_t len, struct twr_error *err)
{
	enum twr_status st = read_mem(imp, name, data, len, err);

	if (st != TWR_OK && imp->failed == TWR_OK)
		imp->failed = st;
	return st;
}

static void
import_free(struct twr_import *imp)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		st_free(imp->ins[i]);
		st_free(imp->find[i]);
	}
	st_free(imp->ins_alias);
	st_free(imp->ins_party);
	st_free(imp->ins_stub);
	for (i = 0; i < 2; i++) {
		free(imp->bulk[i].bloom);
		st_free(imp->bulk[i].pos);
	}
	for (i = 0; i < imp->nerrs; i++) {
		free(imp->errs[i].field);
		free(imp->errs[i].msg);
	}
	free(imp->errs);
	free(imp->lines);
	free(imp->ffirst);
	for (i = 0; i < imp->nfiles; i++)
		free(imp->fnames[i]);
	free(imp->fnames);
	free(imp->fcols);
	map_free(&imp->actors);
	map_free(&imp->countries);
	buf_free(&imp->arena);
	buf_free(&imp->msg);
	buf_free(&imp->key);
	buf_free(&imp->files);
	buf_free(&imp->created);
	free(imp);
}

enum twr_status
twr_import_end(struct twr_import *imp, struct twr_import_stats *stats,
    struct twr_error *err)
{
	struct twr_db *db = imp->db;
	enum twr_status st = TWR_OK;
	struct stmt *q;
	char sum[65];
	int rc;

	/* A file that could not be read: nothing goes in. */
	if (imp->failed != TWR_OK) {
		flush_errors(imp);
		db_rollback(db);
		st = set_err(err, imp->failed, "nothing was written");
		import_free(imp);
		return st;
	}
	/* Tables loaded in bulk get their indexes back (and their repeated
	   identities merged) before anything is decided. */
	if (imp->bulk[0].on || imp->bulk[1].on) {
		if ((st = bulk_finish(imp, &imp->bulk[0], &tab_agreements,
		    err)) != TWR_OK || (st = bulk_finish(imp, &imp->bulk[1],
		    &tab_memberships, err)) != TWR_OK ||
		    (st = db_exec(db, "DROP TABLE bulk_pos", err)) !=
		    TWR_OK) {
			flush_errors(imp);
			db_rollback(db);
			import_free(imp);
			return st;
		}
	}
	flush_errors(imp);
	imp->st.batch = imp->batch;
	imp->st.bad_rows = imp->bad_rows;
	if (imp->st.errors == 0) {
		const char *p = buf_str(&imp->created), *nl;
		const char *verb = imp->o.dry_run ? "would create" : "created";

		for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
			diagf(db, TWR_NOTE, NULL, 0, 0, NULL, "%s actor %.*s",
			    verb, (int)(nl - p), p);
		if (imp->st.actors_created > CREATED_NOTES)
			diagf(db, TWR_NOTE, NULL, 0, 0, NULL, "%s %lu more "
			    "actors", verb,
			    imp->st.actors_created - CREATED_NOTES);
	}
	if (stats != NULL)
		*stats = imp->st;
	/* Nothing new: leave the registry exactly as it was, history too. */
	if (imp->st.errors > 0 || imp->o.dry_run || imp->st.added +
	    imp->st.updated + imp->st.actors_created == 0) {
		db_rollback(db);
		if (stats != NULL)
			stats->batch = 0;
		unsigned long n = imp->mode == MODE_ADD ? imp->st.errors :
		    imp->bad_rows;

		st = n > 0 ? set_err(err, TWR_DATAERR, "%lu bad %s%s; nothing "
		    "was written", n, imp->mode == MODE_ADD ? "value" : "row",
		    n == 1 ? "" : "s") : TWR_OK;
		import_free(imp);
		return st;
	}
	if (imp->batch != 0) {
		sha256_hex(&imp->sha, sum);
		q = st_prepare(db, "UPDATE batches SET files = ?, rows = ?, "
		    "checksum = ? WHERE id = ?", err);
		if (q == NULL) {
			st = err->status;
			goto fail;
		}
		st_opt(q, 1, buf_str(&imp->files));
		st_int(q, 2, (long long)imp->st.rows);
		st_opt(q, 3, sum);
		st_int(q, 4, imp->batch);
		rc = st_step(q, err);
		st_free(q);
		if (rc != TWR_DONE) {
			st = (enum twr_status)rc;
			goto fail;
		}
	}
	if (imp->next_id == imp->first_id) {
		import_free(imp);
		return db_commit(db, err);
	}
	q = st_prepare(db, "UPDATE meta SET value = ? WHERE key = 'next_id'",
	    err);
	if (q == NULL) {
		st = err->status;
		goto fail;
	}
	st_int(q, 1, imp->next_id);
	rc = st_step(q, err);
	st_free(q);
	if (rc != TWR_DONE) {
		st = (enum twr_status)rc;
		goto fail;
	}
	import_free(imp);
	return db_commit(db, err);
fail:
	db_rollback(db);
	import_free(imp);
	return st;
}

/* ---- add ---------------------------------------------------------------- */

enum twr_status
twr_add(struct twr_db *db, enum twr_kind kind, const struct twr_field *fields,
    size_t n, long long *id, struct twr_error *err)
{
	const struct colspec *specs[MAX_COLS];
	char *raw[MAX_COLS];
	struct twr_import *imp;
	struct twr_import_stats stats;
	struct twr_buf names;
	enum twr_status st;
	size_t i, j;

	*id = 0;
	if (kinddef_of(kind) == NULL)
		return set_err(err, TWR_USAGE, "unknown kind of record");
	if (n > MAX_COLS)
		return set_err(err, TWR_USAGE, "too many fields");
	for (i = 0; i < n; i++) {
		specs[i] = colspec_find(kinddef_of(kind), fields[i].name);
		if (specs[i] == NULL) {
			buf_init(&names);
			kind_columns_text(kinddef_of(kind), &names);
			st = set_err(err, TWR_USAGE, "unknown field '--%s' for "
			    "a %s (expected %s)", fields[i].name,
			    kinddef_of(kind)->singular, buf_str(&names));
			buf_free(&names);
			return st;
		}
		for (j = 0; j < i; j++)
			if (specs[j] == specs[i])
				return set_err(err, TWR_USAGE, "field '--%s' "
				    "given twice", fields[i].name);
	}
	if ((st = begin(db, NULL, MODE_ADD, &imp, err)) != TWR_OK)
		return st;
	imp->kd = kinddef_of(kind);
	for (i = 0; i < n; i++)
		if ((raw[i] = xstrdup(fields[i].value)) == NULL)
			break;
	if (i < n)
		st = set_err(err, TWR_INTERNAL, "out of memory");
	else
		st = take_row(imp, n, raw, specs, NULL, err);
	while (i-- > 0)
		free(raw[i]);
	if (st != TWR_OK) {
		flush_errors(imp);
		db_rollback(db);
		import_free(imp);
		return st;
	}
	*id = imp->last_id;
	if ((st = twr_import_end(imp, &stats, err)) != TWR_OK)
		*id = 0;
	return st;
}
