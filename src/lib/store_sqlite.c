/*
 * The SQLite store: a registry in one SQLite file, in WAL mode so that
 * readers never wait for a writer, with foreign keys on, PRAGMA
 * user_version for migrations and an FTS5 table for search.  A registry
 * its reader may not write (nor its directory) is read as an immutable
 * file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_sqlite.h"

/* Is E an errno of a device that failed, rather than of bad data? */
static int
io_errno(int e)
{
	return e == EIO || e == ENXIO || e == ERANGE;
}

/*
 * The errno of a read of SQ's registry or its log that failed as a
 * device fails (EIO), or 0: SQLite reports those as corruption and
 * keeps the errno with the file.
 */
static int
read_errno(sqlite3 *sq)
{
	sqlite3_file *log = NULL;
	int e = 0;

	if (sqlite3_file_control(sq, "main", SQLITE_FCNTL_LAST_ERRNO, &e) ==
	    SQLITE_OK && io_errno(e))
		return e;
	e = 0;
	if (sqlite3_file_control(sq, "main", SQLITE_FCNTL_JOURNAL_POINTER,
	    &log) == SQLITE_OK && log != NULL && log->pMethods != NULL &&
	    log->pMethods->xFileControl(log, SQLITE_FCNTL_LAST_ERRNO, &e) ==
	    SQLITE_OK && io_errno(e))
		return e;
	return 0;
}

enum twr_status
sq_err(struct twr_db *db, int rc, struct twr_error *err, int write)
{
	struct sq_db *e = db != NULL ? SQ(db) : NULL;
	struct twr_msg m;
	enum twr_status st;
	int eno;

	if (e != NULL)
		e->last_rc = rc;
	memset(&m, 0, sizeof(m));
	m.code = write ? TWR_E_STORE_WRITE : TWR_E_STORE_READ;
	m.detail = e != NULL && e->sq != NULL ? sqlite3_errmsg(e->sq) :
	    sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		m.code = TWR_E_BUSY;
		st = TWR_BUSY;
		break;
	case SQLITE_READONLY:
		m.code = TWR_E_STORE_READONLY;
		st = TWR_IOERR;
		break;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		st = TWR_IOERR;
		break;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		/* SQLite reports a read that failed with EIO as corruption:
		   a disk's error is an I/O error, not a damaged registry. */
		if (e != NULL && e->sq != NULL && (eno = read_errno(e->sq)) !=
		    0) {
			m.detail = strerror(eno);
			st = TWR_IOERR;
		} else
			st = TWR_NOINPUT;
		break;
	case SQLITE_CANTOPEN:
		st = TWR_CANTCREAT;
		break;
	case SQLITE_NOMEM:
		m.code = TWR_E_NOMEM;
		st = TWR_INTERNAL;
		break;
	default:
		st = TWR_INTERNAL;
	}
	return err_msg(err, st, &m);
}

/* ---- statements --------------------------------------------------- */

/* Tell DB's plan function (twr_set_plan_fn) of SQL and its plan. */
static void
trace_plan(struct twr_db *db, const char *sql)
{
	struct twr_plan_step *steps = NULL, *more;
	sqlite3_stmt *q = NULL;
	struct twr_buf b;
	int *ids = NULL, *more_ids;
	size_t n = 0, cap = 0, i;

	if (db->plan == NULL)
		return;
	buf_init(&b);
	buf_printf(&b, "EXPLAIN QUERY PLAN %s", sql);
	if (!b.oom && sqlite3_prepare_v2(SQ(db)->sq, b.p, -1, &q, NULL) ==
	    SQLITE_OK && q != NULL)
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(q,
			    3);
			int parent = sqlite3_column_int(q, 1);

			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				if ((more = realloc(steps, cap *
				    sizeof(*steps))) == NULL)
					break;
				steps = more;
				if ((more_ids = realloc(ids, cap *
				    sizeof(*ids))) == NULL)
					break;
				ids = more_ids;
			}
			ids[n] = sqlite3_column_int(q, 0);
			steps[n].depth = 0;
			for (i = 0; i < n; i++)
				if (ids[i] == parent)
					steps[n].depth = steps[i].depth + 1;
			if ((steps[n].detail = xstrdup(d ? d : "")) == NULL)
				break;
			n++;
		}
	sqlite3_finalize(q);
	buf_free(&b);
	db->plan(db->plan_arg, sql, steps, n);
	for (i = 0; i < n; i++)
		free((char *)steps[i].detail);
	free(steps);
	free(ids);
}

static struct stmt *
sq_prepare(struct twr_db *db, const char *sql, struct twr_error *err)
{
	struct sq_stmt *s;
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = sqlite3_prepare_v2(SQ(db)->sq, sql, -1, &st, NULL)) !=
	    SQLITE_OK) {
		sq_err(db, rc, err, 0);
		sqlite3_finalize(st);
		return NULL;
	}
	trace_plan(db, sql);
	if ((s = malloc(sizeof(*s))) == NULL) {
		sqlite3_finalize(st);
		err_nomem(err);
		return NULL;
	}
	s->base.ops = &store_sqlite;
	s->base.db = db;
	s->st = st;
	return &s->base;
}

#define STMT(s) (((struct sq_stmt *)(s))->st)

static void
sq_bind_int(struct stmt *st, int i, long long v)
{
	sqlite3_bind_int64(STMT(st), i, v);
}

static void
sq_bind_text(struct stmt *st, int i, const char *s, int copy)
{
	sqlite3_bind_text(STMT(st), i, s, -1, copy ? SQLITE_TRANSIENT :
	    SQLITE_STATIC);
}

static void
sq_bind_null(struct stmt *st, int i)
{
	sqlite3_bind_null(STMT(st), i);
}

static enum twr_status
sq_step(struct stmt *st, struct twr_error *err)
{
	int rc = sqlite3_step(STMT(st));

	if (rc == SQLITE_ROW)
		return TWR_ROW;
	if (rc == SQLITE_DONE)
		return TWR_DONE;
	return sq_err(st->db, rc, err, !sqlite3_stmt_readonly(STMT(st)));
}

static long long
sq_col_int(struct stmt *st, int i)
{
	return sqlite3_column_int64(STMT(st), i);
}

static const char *
sq_col_text(struct stmt *st, int i)
{
	return (const char *)sqlite3_column_text(STMT(st), i);
}

static int
sq_col_count(struct stmt *st)
{
	return sqlite3_column_count(STMT(st));
}

static void
sq_reset(struct stmt *st)
{
	sqlite3_reset(STMT(st));
}

static void
sq_finalize(struct stmt *st)
{
	sqlite3_finalize(STMT(st));
	free(st);
}

static long long
sq_changes(struct twr_db *db)
{
	return sqlite3_changes(SQ(db)->sq);
}

static enum twr_status
sq_exec(struct twr_db *db, const char *sql, struct twr_error *err)
{
	int rc;

	if ((rc = sqlite3_exec(SQ(db)->sq, sql, NULL, NULL, NULL)) !=
	    SQLITE_OK)
		return sq_err(db, rc, err, 1);
	return TWR_OK;
}

/* ---- transactions ----------------------------------------------- */

static enum twr_status
sq_begin(struct twr_db *db, struct twr_error *err)
{
	/* IMMEDIATE: take the write lock now, waiting per busy_timeout;
	   a read that later turns into a write fails at once under WAL. */
	return sq_exec(db, "BEGIN IMMEDIATE", err);
}

static void
sq_rollback(struct twr_db *db)
{
	/* The indexes a bulk load dropped are back. */
	bulk_drop(&SQ(db)->bulk, NULL);
	if (!sqlite3_get_autocommit(SQ(db)->sq))
		sqlite3_exec(SQ(db)->sq, "ROLLBACK", NULL, NULL, NULL);
}

static enum twr_status
sq_snapshot(struct twr_db *db, struct twr_error *err)
{
	int rc;

	/* A deferred transaction takes its snapshot at its first read. */
	if ((rc = sqlite3_exec(SQ(db)->sq, "BEGIN; SELECT count(*) FROM "
	    "meta", NULL, NULL, NULL)) != SQLITE_OK) {
		sq_rollback(db);
		return sq_err(db, rc, err, 0);
	}
	return TWR_OK;
}

static enum twr_status
sq_commit(struct twr_db *db, struct twr_error *err)
{
	int rc;

	if ((rc = sqlite3_exec(SQ(db)->sq, "COMMIT", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		enum twr_status st = sq_err(db, rc, err,
		    1);

		sq_rollback(db);
		return st;
	}
	return TWR_OK;
}

/* ---- search: FTS5 over folded text -------------------------------- */

static enum twr_status
sq_search_put(struct twr_db *db, long long slot, const char *text,
    struct twr_error *err)
{
	struct sq_db *e = SQ(db);
	int rc;

	if (text == NULL || *text == '\0')
		return TWR_OK;
	if (e->fts_ins == NULL && (rc = sqlite3_prepare_v2(e->sq,
	    "INSERT INTO search(rowid, text) VALUES(?, twr_fold(?))", -1,
	    &e->fts_ins, NULL)) != SQLITE_OK)
		return sq_err(db, rc, err, 1);
	sqlite3_bind_int64(e->fts_ins, 1, slot);
	sqlite3_bind_text(e->fts_ins, 2, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(e->fts_ins);
	sqlite3_reset(e->fts_ins);
	sqlite3_clear_bindings(e->fts_ins);
	if (rc != SQLITE_DONE)
		return sq_err(db, rc, err, 1);
	return TWR_OK;
}

static enum twr_status
sq_search_remove(struct twr_db *db, long long id, struct twr_error *err)
{
	struct sq_db *e = SQ(db);
	int rc;

	if (e->fts_del == NULL && (rc = sqlite3_prepare_v2(e->sq,
	    "DELETE FROM search WHERE rowid BETWEEN ?1 AND ?1 + 15", -1,
	    &e->fts_del, NULL)) != SQLITE_OK)
		return sq_err(db, rc, err, 1);
	sqlite3_bind_int64(e->fts_del, 1, id * SEARCH_SLOTS);
	rc = sqlite3_step(e->fts_del);
	sqlite3_reset(e->fts_del);
	if (rc != SQLITE_DONE)
		return sq_err(db, rc, err, 1);
	return TWR_OK;
}

/* Index what SQL (slot, text; ?1 the first id) selects, in one
   statement. */
static enum twr_status
sq_search_fill(struct twr_db *db, const char *sql, long long first,
    struct twr_error *err)
{
	struct twr_buf q;
	sqlite3_stmt *st = NULL;
	int rc;

	buf_init(&q);
	buf_printf(&q, "INSERT INTO search(rowid, text) SELECT slot, "
	    "twr_fold(text) FROM (%s) WHERE text IS NOT NULL", sql);
	if (q.oom) {
		buf_free(&q);
		return err_nomem(err);
	}
	rc = sqlite3_prepare_v2(SQ(db)->sq, q.p, -1, &st, NULL);
	buf_free(&q);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, first);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		return sq_err(db, rc, err, 1);
	return TWR_OK;
}

static enum twr_status
sq_search_clear(struct twr_db *db, struct twr_error *err)
{
	return sq_exec(db, "DELETE FROM search", err);
}

/*
 * The one term of the search index that the word W (N bytes) begins,
 * malloc'd, or NULL: when there are none or several, or W is not
 * plain lowercase ASCII (which the tokenizer takes as it is), or the
 * index's terms cannot be read.  A prefix query makes FTS5 merge the rows
 * of every term the prefix begins before its first row (a word in 50,000
 * texts: 53 ms, against 12 for the word); a prefix that begins one term
 * finds, as that term, the same rows with the same ranks.
 */
static char *
only_term(struct twr_db *db, const char *w, size_t n)
{
	static const char sql[] = "SELECT term FROM temp.search_terms "
	    "WHERE term >= ?1 AND term < ?2 LIMIT 2";
	sqlite3_stmt *st = NULL;
	char *hi, *term = NULL;
	size_t i;

	if (n == 0 || n > 1000)
		return NULL;
	for (i = 0; i < n; i++)
		if (!(w[i] >= 'a' && w[i] <= 'z') && !(w[i] >= '0' &&
		    w[i] <= '9'))
			return NULL;
	if (!SQ(db)->search_terms) {
		if (sqlite3_exec(SQ(db)->sq, "CREATE VIRTUAL TABLE temp."
		    "search_terms USING fts5vocab(main, search, row)", NULL,
		    NULL, NULL) != SQLITE_OK)
			return NULL;
		SQ(db)->search_terms = 1;
	}
	/* The terms from W up to W with its last letter the next one. */
	if ((hi = malloc(n)) == NULL)
		return NULL;
	memcpy(hi, w, n);
	hi[n - 1]++;
	if (sqlite3_prepare_v2(SQ(db)->sq, sql, -1, &st, NULL) == SQLITE_OK) {
		trace_plan(db, sql);
		sqlite3_bind_text(st, 1, w, (int)n, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hi, (int)n, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			term = xstrdup((const char *)sqlite3_column_text(st,
			    0));
			if (sqlite3_step(st) != SQLITE_DONE) {
				free(term);
				term = NULL;
			}
		}
	}
	sqlite3_finalize(st);
	free(hi);
	return term;
}

/* The FTS5 query for the folded words of KEY: every word, the last one
 * as a prefix (or as the one term it begins, LAST, if not NULL), each
 * quoted so nothing in it is query syntax. */
static void
fts_query(const char *key, const char *last, struct twr_buf *q)
{
	const char *p = key, *sp;

	while (*p != '\0') {
		size_t len = (sp = strchr(p, ' ')) ? (size_t)(sp - p) :
		    strlen(p);

		buf_addc(q, '"');
		if (sp == NULL && last != NULL)
			buf_add(q, last, strlen(last));
		else
			buf_add(q, p, len);
		buf_addc(q, '"');
		if (sp == NULL && last == NULL)
			buf_addc(q, '*');
		else if (sp != NULL)
			buf_addc(q, ' ');
		p += len + (sp != NULL);
	}
}

#define RANKED "2000"	/* text matches ranked, the most recent */

static enum twr_status
sq_search_match(struct twr_db *db, const char *key, long long limit,
    search_fn *fn, void *arg, struct twr_error *err)
{
	const char *sp = strrchr(key, ' '), *w = sp != NULL ? sp + 1 : key;
	char *last = only_term(db, w, strlen(w));
	struct twr_buf q;
	sqlite3_stmt *st = NULL;
	int rc;

	buf_init(&q);
	fts_query(key, last, &q);
	free(last);
	if (q.oom) {
		buf_free(&q);
		return err_nomem(err);
	}
	/* bm25 orders the best matches first, ties by rowid.  Ranking
	   costs a score a match, so with very many matches only the most
	   recent RANKED are ranked. */
#define MATCH_SQL "SELECT rowid FROM (SELECT rowid, rank FROM search WHERE " \
	    "search MATCH ? ORDER BY rowid DESC LIMIT " RANKED ") ORDER BY " \
	    "rank, rowid LIMIT ?"
	rc = sqlite3_prepare_v2(SQ(db)->sq, MATCH_SQL, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		trace_plan(db, MATCH_SQL);
		sqlite3_bind_text(st, 1, q.p, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if (fn(arg, sqlite3_column_int64(st, 0)) != 0) {
				rc = SQLITE_DONE;
				break;
			}
	}
	sqlite3_finalize(st);
	buf_free(&q);
	if (rc != SQLITE_DONE)
		return sq_err(db, rc, err, 0);
	return TWR_OK;
}

/* ---- bulk loading ------------------------------------------------- */

/* 0 a table, 1 an index, 2 a trigger. */
static int
object_kind(const char *type)
{
	return strcmp(type, "index") == 0 ? 1 :
	    strcmp(type, "trigger") == 0 ? 2 : 0;
}

/*
 * Count the ties of TABLE (agreements or memberships) again into
 * tie_counts and party_counts, as the triggers count them: one scan,
 * tallied here, where GROUP BY would sort every tie.
 */
static enum twr_status
recount(struct twr_db *db, const char *table, struct twr_error *err)
{
	static const char *const scan[2] = {
		"SELECT g.kind, coalesce(a.country, ''), coalesce(CAST(substr("
		"g.signed_on, 1, 4) AS INTEGER), 0), g.party_id FROM agreements "
		"g JOIN actors a ON a.id = g.partner_id",
		"SELECT 'membership', coalesce(a.country, ''), coalesce(CAST("
		"substr(g.since, 1, 4) AS INTEGER), 0), g.member_id FROM "
		"memberships g JOIN actors a ON a.id = g.network_id",
	};
	static const char *const clear[2] = {
		"DELETE FROM tie_counts WHERE kind <> 'membership';"
		"DELETE FROM party_counts WHERE kind <> 'membership'",
		"DELETE FROM tie_counts WHERE kind = 'membership';"
		"DELETE FROM party_counts WHERE kind = 'membership'",
	};
	int m = strcmp(table, "memberships") == 0, rc;
	struct tally t[2];
	struct stmt *st;
	enum twr_status s;
	long long *n;
	char key[128];
	size_t i, k;

	memset(t, 0, sizeof(t));
	if ((st = st_prepare(db, scan[m], err)) == NULL)
		return err->status;
	/* Keys: kind US country US year; party US kind. */
	while ((rc = st_step(st, err)) == TWR_ROW) {
		snprintf(key, sizeof(key), "%s\x1f%s\x1f%lld", st_col_text(st,
		    0), st_col_text(st, 1), st_col_int(st, 2));
		if ((n = tally_at(&t[0], key)) == NULL)
			break;
		n[0]++;
		snprintf(key, sizeof(key), "%lld\x1f%s", st_col_int(st, 3),
		    st_col_text(st, 0));
		if ((n = tally_at(&t[1], key)) == NULL)
			break;
		n[0]++;
	}
	st_free(st);
	s = rc == TWR_ROW ? err_nomem(err) : rc != TWR_DONE ?
	    (enum twr_status)rc : sq_exec(db, clear[m], err);
	for (k = 0; k < 2 && s == TWR_OK; k++) {
		if ((st = st_prepare(db, k ? "INSERT INTO party_counts "
		    "VALUES(?1, ?2, ?3)" : "INSERT INTO tie_counts VALUES(?1, "
		    "?2, ?3, ?4)", err)) == NULL) {
			s = err->status;
			break;
		}
		for (i = 0; i < t[k].len && s == TWR_OK; i++) {
			char *a = t[k].keys[i], *b = strchr(a, '\x1f'), *c;

			*b++ = '\0';
			st_reset(st);
			if (k) {
				st_int(st, 1, atoll(a));
				st_text(st, 2, b);
				st_int(st, 3, t[k].n[i][0]);
			} else {
				c = strchr(b, '\x1f');
				*c++ = '\0';
				st_text(st, 1, a);
				st_text(st, 2, b);
				st_int(st, 3, atoll(c));
				st_int(st, 4, t[k].n[i][0]);
			}
			s = st_run(st, err);
		}
		st_free(st);
	}
	tally_free(&t[0]);
	tally_free(&t[1]);
	return s;
}

/* Every tie counted again. */
static enum twr_status
recount_all(struct twr_db *db, struct twr_error *err)
{
	enum twr_status st;

	if ((st = recount(db, "agreements", err)) != TWR_OK)
		return st;
	return recount(db, "memberships", err);
}

/* Take TABLE's secondary indexes and its triggers (the counts of its
   rows) away, remembering how to make them again. */
static enum twr_status
sq_bulk_begin(struct twr_db *db, const char *table, struct twr_error *err)
{
	struct sq_db *e = SQ(db);
	struct store_bulk *b;
	sqlite3_stmt *q = NULL;
	enum twr_status st = TWR_OK;
	struct twr_buf drop;
	int rc;

	if (bulk_find(&e->bulk, table) != NULL)
		return TWR_OK;
	if ((b = bulk_add(&e->bulk, table, err)) == NULL)
		return err->status;
	/* Unique indexes first: they are built first at the end; the
	   triggers last. */
	if ((rc = sqlite3_prepare_v2(e->sq, "SELECT name, sql, type FROM "
	    "sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name = "
	    "? AND sql IS NOT NULL ORDER BY type = 'trigger', sql NOT LIKE "
	    "'CREATE UNIQUE%', name", -1, &q, NULL)) != SQLITE_OK)
		return sq_err(db, rc, err, 0);
	sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
	buf_init(&drop);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (bulk_keep(b, (const char *)sqlite3_column_text(q, 1)) ==
		    -1) {
			st = err_nomem(err);
			break;
		}
		buf_printf(&drop, "DROP %s \"%s\";",
		    object_kind((const char *)sqlite3_column_text(q, 2)) == 2 ?
		    "TRIGGER" : "INDEX", (const char *)sqlite3_column_text(q,
		    0));
	}
	sqlite3_finalize(q);
	if (st == TWR_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		st = sq_err(db, rc, err, 0);
	/* Dropped once the scan of the schema is over. */
	if (st == TWR_OK)
		st = sq_exec(db, buf_str(&drop), err);
	buf_free(&drop);
	return st;
}

/* Build TABLE's indexes again; an identity taken twice is merged by
   DEDUPE first.  Then its triggers, and its ties counted again. */
static enum twr_status
sq_bulk_end(struct twr_db *db, const char *table, bulk_dedupe_fn *dedupe,
    void *arg, struct twr_error *err)
{
	struct sq_db *e = SQ(db);
	struct store_bulk *b = bulk_find(&e->bulk, table);
	enum twr_status st = TWR_OK;
	int rc, triggers = 0;
	size_t i;

	if (b == NULL)
		return TWR_OK;
	/* Sort with a second thread where SQLite may. */
	sqlite3_exec(e->sq, "PRAGMA threads = 2", NULL, NULL, NULL);
	for (i = 0; i < b->nindex && st == TWR_OK; i++) {
		rc = sqlite3_exec(e->sq, b->index_sql[i], NULL, NULL, NULL);
		if ((rc & 0xff) == SQLITE_CONSTRAINT && dedupe != NULL) {
			if ((st = dedupe(arg, err)) != TWR_OK)
				break;
			rc = sqlite3_exec(e->sq, b->index_sql[i], NULL, NULL,
			    NULL);
		}
		if (rc != SQLITE_OK)
			st = sq_err(db, rc, err, 1);
		triggers |= strncmp(b->index_sql[i], "CREATE TRIGGER", 14) == 0;
	}
	if (st == TWR_OK && triggers)
		st = recount(db, table, err);
	bulk_drop(&e->bulk, b);
	return st;
}

/* ---- SQL functions ------------------------------------------------- */

static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	struct twr_buf b;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	buf_init(&b);
	fold_text(&b, s, (size_t)sqlite3_value_bytes(argv[0]));
	if (b.oom) {
		buf_free(&b);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, b.p, (int)b.len, free);
}

static int
sql_collate_tr(void *unused, int na, const void *a, int nb, const void *b)
{
	(void)unused;
	return collate_tr(a, (size_t)na, b, (size_t)nb);
}

/* ---- opening -------------------------------------------------------- */

static int
schema_version(void)
{
	return sq_migrations[sq_nmigrations - 1].version;
}

static enum twr_status
read_int(struct twr_db *db, const char *sql, long long *v,
    struct twr_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = sqlite3_prepare_v2(SQ(db)->sq, sql, -1, &st, NULL)) !=
	    SQLITE_OK)
		return sq_err(db, rc, err, 0);
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_err(db, rc, err, 0);
	return TWR_OK;
}

static enum twr_status
migrate(struct twr_db *db, int from, struct twr_error *err)
{
	enum twr_status st;
	char sql[64];
	size_t i;
	int after = 0;

	if ((st = sq_begin(db, err)) != TWR_OK)
		return st;
	for (i = 0; i < sq_nmigrations; i++) {
		const char *const *then = sq_migrations[i].then;

		if (sq_migrations[i].version <= from)
			continue;
		if ((st = sq_exec(db, sq_migrations[i].sql, err)) != TWR_OK)
			goto fail;
		while (then != NULL && *then != NULL)
			if ((st = sq_exec(db, *then++, err)) != TWR_OK)
				goto fail;
		after |= sq_migrations[i].after;
	}
	if ((after & SQ_REINDEX) && (st = search_rebuild(db, err)) != TWR_OK)
		goto fail;
	if ((after & SQ_RECOUNT) && (st = recount_all(db, err)) != TWR_OK)
		goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    schema_version());
	if ((st = sq_exec(db, sql, err)) != TWR_OK)
		goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
	    TWR_APPLICATION_ID);
	if ((st = sq_exec(db, sql, err)) != TWR_OK)
		goto fail;
	return sq_commit(db, err);
fail:
	sq_rollback(db);
	return st;
}

/*
 * PATH as SQLite must see it to take it as a plain file name: SQLite here
 * reads names that start with "file:" as URIs and ":memory:" as memory.
 */
static char *
plain_path(const char *path)
{
	struct twr_buf b;

	buf_init(&b);
	if (path[0] != '/' && (strncmp(path, "file:", 5) == 0 ||
	    path[0] == ':'))
		buf_adds(&b, "./");
	buf_adds(&b, path);
	return b.oom ? (buf_free(&b), NULL) : b.p;
}

/* Did the last error say that we may not write the registry, or the
 * files SQLite keeps beside it? */
static int
read_only(struct twr_db *db)
{
	int rc = SQ(db)->last_rc & 0xff;

	return rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN;
}

/* SQL texts A and B alike but for blanks (as they may differ in a
   registry an older SQLite or a dump made). */
static int
same_sql(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
			a++;
		while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
			b++;
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

/* Drop what is left of the index or trigger O and make it again. */
static enum twr_status
remake(struct twr_db *db, const struct sq_object *o, struct twr_error *err)
{
	char drop[128];

	/* The names are ours (sq_objects), never a user's. */
	snprintf(drop, sizeof(drop), "DROP %s IF EXISTS \"%s\"",
	    object_kind(o->type) == 2 ? "TRIGGER" : "INDEX", o->name);
	if (sqlite3_exec(SQ(db)->sq, drop, NULL, NULL, NULL) != SQLITE_OK)
		return sq_err(db, sqlite3_errcode(SQ(db)->sq), err, 1);
	return sq_exec(db, o->sql, err);
}

/*
 * Check the registry's schema against sq_objects, in one query.  A table
 * it lacks refuses it.  An index it lacks (or holds with
 * other SQL) is made again when DB is opened to write, in a write
 * transaction of its own, and refuses it when DB is opened only to read:
 * a registry without its identity indexes would take a record twice.
 */
static enum twr_status
check_schema(struct twr_db *db, const char *path, unsigned flags,
    struct twr_error *err)
{
	unsigned char *ok = calloc(sq_nobjects, 1);
	sqlite3_stmt *q = NULL;
	enum twr_status st = TWR_OK;
	size_t i, nbad = 0, first = sq_nobjects;
	int rc;

	if (ok == NULL)
		return err_nomem(err);
	if ((rc = sqlite3_prepare_v2(SQ(db)->sq, "SELECT type, name, sql "
	    "FROM sqlite_schema", -1, &q, NULL)) == SQLITE_OK)
		rc = SQLITE_ROW;
	while (rc == SQLITE_ROW && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(q, 0);
		const char *name = (const char *)sqlite3_column_text(q, 1);
		const char *sql = (const char *)sqlite3_column_text(q, 2);

		for (i = 0; type != NULL && name != NULL && i < sq_nobjects;
		    i++)
			if (strcmp(sq_objects[i].name, name) == 0 &&
			    strcmp(sq_objects[i].type, type) == 0) {
				ok[i] = sq_objects[i].sql == NULL || (sql !=
				    NULL && same_sql(sq_objects[i].sql, sql));
				break;
			}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(ok);
		return sq_err(db, rc, err, 0);
	}
	/* A missing table first: nothing can make it again. */
	for (i = 0; i < sq_nobjects; i++)
		if (!ok[i]) {
			nbad++;
			if (first == sq_nobjects || (sq_objects[i].sql ==
			    NULL && sq_objects[first].sql != NULL))
				first = i;
		}
	if (nbad == 0 || sq_objects[first].sql == NULL ||
	    !(flags & TWR_OPEN_WRITE)) {
		free(ok);
		if (nbad == 0)
			return TWR_OK;
		return registry_err(err, TWR_NOINPUT, TWR_E_SCHEMA_MISSING,
		    path, sq_objects[first].name, NULL,
		    object_kind(sq_objects[first].type), (long long)nbad);
	}
	if ((st = sq_begin(db, err)) != TWR_OK) {
		free(ok);
		return st;
	}
	for (i = 0; i < sq_nobjects && st == TWR_OK; i++)
		if (!ok[i] && (st = remake(db, &sq_objects[i], err)) !=
		    TWR_OK && (SQ(db)->last_rc & 0xff) == SQLITE_CONSTRAINT)
			st = registry_err(err, TWR_NOINPUT,
			    TWR_E_SCHEMA_DUPLICATES, path, sq_objects[i].name,
			    NULL, object_kind(sq_objects[i].type), 0);
	/* A trigger that was missing may have missed changes. */
	for (i = 0; i < sq_nobjects && st == TWR_OK; i++)
		if (!ok[i] && object_kind(sq_objects[i].type) == 2) {
			st = recount_all(db, err);
			break;
		}
	free(ok);
	if (st != TWR_OK) {
		sq_rollback(db);
		return st;
	}
	return sq_commit(db, err);
}

static enum twr_status
check_and_migrate(struct twr_db *db, const char *path, unsigned flags,
    struct twr_error *err)
{
	long long version, appid, tables;
	enum twr_status st;

	if ((st = read_int(db, "PRAGMA user_version", &version, err)) !=
	    TWR_OK || (st = read_int(db, "PRAGMA application_id", &appid,
	    err)) != TWR_OK || (st = read_int(db, "SELECT count(*) FROM "
	    "sqlite_schema", &tables, err)) != TWR_OK) {
		if (st == TWR_NOINPUT)
			return open_err(err, TWR_NOINPUT, TWR_E_NOT_REGISTRY,
			    path, NULL, 1, 0);
		return st;
	}
	if (tables == 0 && version == 0) {
		if (!(flags & TWR_OPEN_CREATE))
			return open_err(err, TWR_NOINPUT, TWR_E_EMPTY_REGISTRY,
			    path, NULL, 0, 0);
		if (!(flags & TWR_OPEN_MEMORY) && (st = sq_exec(db,
		    "PRAGMA journal_mode = WAL", err)) != TWR_OK)
			return st == TWR_INTERNAL ? TWR_CANTCREAT : st;
		return migrate(db, 0, err);
	}
	if (appid != TWR_APPLICATION_ID)
		return open_err(err, TWR_NOINPUT, TWR_E_NOT_REGISTRY, path,
		    NULL, 0, 0);
	if (version > schema_version())
		return open_err(err, TWR_NOINPUT, TWR_E_NEWER, path, NULL,
		    version, schema_version());
	/* Our tables at version 0: PRAGMA user_version was reset.  Which
	   migrations it has had is not known; none may run again. */
	if (version == 0)
		return open_err(err, TWR_NOINPUT, TWR_E_BAD_VERSION, path,
		    NULL, 0, schema_version());
	if (version < schema_version() && (flags & TWR_OPEN_NOWRITE))
		return open_err(err, TWR_IOERR, TWR_E_NEEDS_UPGRADE, path, NULL,
		    version, schema_version());
	if (version < schema_version() &&
	    (st = migrate(db, (int)version, err)) != TWR_OK) {
		if (read_only(db))
			return open_err(err, TWR_IOERR, TWR_E_NEEDS_UPGRADE,
			    path, NULL, version, schema_version());
		/* A migration that finds what it makes already there: the
		   version was set back. */
		if ((SQ(db)->last_rc & 0xff) == SQLITE_ERROR)
			return open_err(err, TWR_NOINPUT, TWR_E_BAD_VERSION,
			    path, NULL, version, schema_version());
		return st;
	}
	return check_schema(db, path, flags, err);
}

/*
 * Open PATH to read only, as a file nothing writes to: what a user who
 * can read the registry but not write its directory (where SQLite keeps
 * the -shm file of a WAL registry) can still do.  The URI names PATH
 * with '%', '?' and '#' escaped.
 */
static int
open_immutable(const char *path, sqlite3 **sq)
{
	struct twr_buf uri;
	const char *p;
	int rc;

	buf_init(&uri);
	buf_adds(&uri, "file:");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	}
	buf_adds(&uri, "?immutable=1");
	rc = uri.oom ? SQLITE_NOMEM : sqlite3_open_v2(buf_str(&uri), sq,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	buf_free(&uri);
	return rc;
}

/* Give DB's connection its functions, collation and settings. */
static enum twr_status
setup(struct twr_db *db, int busy_ms, struct twr_error *err)
{
	sqlite3 *sq = SQ(db)->sq;

	sqlite3_busy_timeout(sq, busy_ms);
	sqlite3_extended_result_codes(sq, 1);
	sqlite3_create_function(sq, "twr_fold", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_fold, NULL, NULL);
	sqlite3_create_collation(sq, "tr", SQLITE_UTF8, NULL, sql_collate_tr);
	return sq_exec(db, "PRAGMA foreign_keys = ON", err);
}

/*
 * PATH is ours to read but not to write, nor its directory (where a WAL
 * registry keeps its -shm file): read it as a file nothing changes.  Not
 * while it has a write-ahead log, whose changes that would miss.
 */
static enum twr_status
read_immutable(struct twr_db *db, const char *path, unsigned flags,
    int busy_ms, struct twr_error *err)
{
	struct sq_db *e = SQ(db);
	struct twr_buf wal;
	struct stat sb;
	enum twr_status st;
	int has_wal;

	buf_init(&wal);
	buf_printf(&wal, "%s-wal", path);
	has_wal = !wal.oom && stat(buf_str(&wal), &sb) == 0 && sb.st_size > 0;
	buf_free(&wal);
	if (has_wal)
		return open_err(err, TWR_IOERR, TWR_E_WAL_UNREADABLE, path,
		    NULL, 0, 0);
	sqlite3_close(e->sq);
	e->sq = NULL;
	if (open_immutable(path, &e->sq) != SQLITE_OK)
		return open_err(err, TWR_NOINPUT, TWR_E_OPEN, path, e->sq ?
		    sqlite3_errmsg(e->sq) : NULL, 0, 0);
	if ((st = setup(db, busy_ms, err)) != TWR_OK)
		return st;
	return check_and_migrate(db, path, flags, err);
}

static void
sq_close(struct twr_db *db)
{
	struct sq_db *e = SQ(db);

	if (e == NULL)
		return;
	bulk_drop(&e->bulk, NULL);
	sqlite3_finalize(e->fts_ins);
	sqlite3_finalize(e->fts_del);
	sqlite3_close_v2(e->sq);
	free(e);
	db->engine = NULL;
}

static enum twr_status sq_open(struct twr_db *, const char *, unsigned, int,
    struct twr_error *);

/* Remove the registry PATH and the files SQLite keeps beside it. */
static void
remove_registry(const char *path)
{
	static const char *const side[] = { "-wal", "-shm", "-journal" };
	size_t i, n = strlen(path) + sizeof("-journal");
	char *name = malloc(n);

	unlink(path);
	for (i = 0; name != NULL && i < ARRAY_SIZE(side); i++) {
		snprintf(name, n, "%s%s", path, side[i]);
		unlink(name);
	}
	free(name);
}

/*
 * Create the registry PATH whole or not at all: built beside it under a
 * temporary name, made durable, then linked into place (never over a
 * file that appeared meanwhile).  An interruption leaves no PATH, or a
 * complete registry.
 */
static enum twr_status
sq_create(struct twr_db *db, const char *path, int busy_ms,
    struct twr_error *err)
{
	size_t n = strlen(path) + sizeof(".XXXXXX");
	char *tmp = malloc(n);
	enum twr_status st;
	mode_t mask;
	int fd, e, rc, log, done;

	if (tmp == NULL)
		return err_nomem(err);
	snprintf(tmp, n, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		st = open_err(err, TWR_CANTCREAT, TWR_E_OPEN, path,
		    strerror(errno), 0, 0);
		free(tmp);
		return st;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	st = sq_open(db, tmp, TWR_OPEN_CREATE | TWR_OPEN_WRITE, busy_ms, err);
	if (st == TWR_OK) {
		/* The log into the file, told if it fails (closing would
		   try it too, but silently: a file left empty). */
		if ((rc = sqlite3_wal_checkpoint_v2(SQ(db)->sq, "main",
		    SQLITE_CHECKPOINT_TRUNCATE, &log, &done)) != SQLITE_OK)
			st = sq_err(db, rc, err, 1);
		else if (log != 0 || done != 0)
			st = open_err(err, TWR_IOERR, TWR_E_OPEN, path,
			    "the log was not written into the file", 0, 0);
		sq_close(db);
	}
	if (st == TWR_OK) {
		if ((fd = open(tmp, O_RDONLY)) == -1 || fsync(fd) == -1)
			st = open_err(err, TWR_IOERR, TWR_E_OPEN, path,
			    strerror(errno), 0, 0);
		if (fd != -1)
			close(fd);
	}
	if (st == TWR_OK && link(tmp, path) == -1) {
		e = errno;
		st = open_err(err, TWR_CANTCREAT, TWR_E_OPEN, path,
		    strerror(e), 0, 0);
	}
	/* With what SQLite may have left beside it when a write failed. */
	remove_registry(tmp);
	free(tmp);
	return st;
}

static enum twr_status
sq_open(struct twr_db *db, const char *path, unsigned flags, int busy_ms,
    struct twr_error *err)
{
	struct sq_db *e;
	struct stat sb;
	enum twr_status st;
	char *name = NULL;
	int rc, oflags, created = 0;

	if (!(flags & TWR_OPEN_MEMORY)) {
		if (path == NULL || *path == '\0')
			return err_code(err, TWR_USAGE, TWR_E_EMPTY_PATH);
		if (stat(path, &sb) == -1) {
			if (errno != ENOENT || !(flags & TWR_OPEN_CREATE))
				return open_err(err, TWR_NOINPUT, TWR_E_OPEN,
				    path, strerror(errno), errno == ENOENT,
				    0);
			/* A new registry: built whole, then opened. */
			if ((st = sq_create(db, path, busy_ms, err)) != TWR_OK)
				return st;
			flags &= ~(unsigned)TWR_OPEN_CREATE;
			created = 1;
		} else if (S_ISDIR(sb.st_mode))
			return open_err(err, TWR_NOINPUT, TWR_E_OPEN_DIR,
			    path, NULL, 0, 0);
		else if (!S_ISREG(sb.st_mode))
			/* A FIFO or a device would block or mislead. */
			return open_err(err, TWR_NOINPUT, TWR_E_OPEN_DIR,
			    path, NULL, 1, 0);
		if ((name = plain_path(path)) == NULL) {
			st = err_nomem(err);
			goto fail;
		}
	}
	if ((e = calloc(1, sizeof(*e))) == NULL) {
		free(name);
		st = err_nomem(err);
		goto fail;
	}
	db->engine = e;
	/*
	 * Before SQLite's first use: no count of the memory it holds, which
	 * nothing reads, and which costs a lock around every allocation
	 * (a tenth of the time of show of a tie with 1,000 activities).
	 * Refused, harmlessly, once SQLite has started.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* One connection, one thread: no mutex around every call. */
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE |
	    SQLITE_OPEN_NOMUTEX;
	if (flags & (TWR_OPEN_CREATE | TWR_OPEN_MEMORY))
		oflags |= SQLITE_OPEN_CREATE;
	if (flags & TWR_OPEN_MEMORY)
		oflags |= SQLITE_OPEN_MEMORY;
	/* Opened to change nothing, it cannot. */
	if ((flags & TWR_OPEN_NOWRITE) && !(flags & TWR_OPEN_MEMORY))
		oflags = SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE |
		    SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(flags & TWR_OPEN_MEMORY ? ":memory:" : name,
	    &e->sq, oflags, NULL);
	if (rc != SQLITE_OK && !(flags & (TWR_OPEN_WRITE | TWR_OPEN_CREATE))) {
		/* A registry we may only read is fine for reading. */
		sqlite3_close(e->sq);
		e->sq = NULL;
		rc = sqlite3_open_v2(name, &e->sq, SQLITE_OPEN_READONLY |
		    SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, NULL);
	}
	free(name);
	if (rc != SQLITE_OK) {
		st = open_err(err, (flags & TWR_OPEN_CREATE) ? TWR_CANTCREAT :
		    TWR_NOINPUT, TWR_E_OPEN, path, e->sq ?
		    sqlite3_errmsg(e->sq) : sqlite3_errstr(rc), 0, 0);
		sq_close(db);
		goto fail;
	}
	if ((st = setup(db, busy_ms, err)) == TWR_OK)
		st = check_and_migrate(db, flags & TWR_OPEN_MEMORY ? "(memory)" :
		    path, flags, err);
	if (st != TWR_OK && read_only(db) && !(flags & (TWR_OPEN_WRITE |
	    TWR_OPEN_CREATE | TWR_OPEN_MEMORY)))
		st = read_immutable(db, path, flags, busy_ms, err);
	if (st != TWR_OK && read_only(db) && (flags & TWR_OPEN_WRITE))
		st = open_err(err, TWR_IOERR, TWR_E_REGISTRY_READONLY, path,
		    NULL, 0, 0);
	/*
	 * A command that only reads touches each page of its answer about
	 * once: a page cache of 512 KiB (SQLite's default is 2 MiB) keeps
	 * the tree's upper pages and reuses the rest, where a larger one
	 * costs a fresh page of memory, and its fault, for every page
	 * read (list and show of a town or a tie with a thousand
	 * activities, 10-20% of their time).
	 */
	if (st == TWR_OK && !(flags & (TWR_OPEN_WRITE | TWR_OPEN_CREATE)))
		st = sq_exec(db, "PRAGMA cache_size = -512", err);
	if (st == TWR_OK)
		return TWR_OK;
	sq_close(db);
fail:
	/* A registry this call made and cannot open goes again: a failed
	   init leaves nothing. */
	if (created)
		remove_registry(path);
	return st;
}

const struct store_ops store_sqlite = {
	"sqlite",
	sq_open, sq_close,
	sq_begin, NULL, sq_commit, sq_rollback, sq_snapshot,
	sq_prepare, sq_bind_int, sq_bind_text, sq_bind_null, sq_step,
	sq_col_int, sq_col_text, sq_col_count, sq_reset, sq_finalize, NULL,
	sq_changes, sq_exec,
	sq_search_put, sq_search_remove, sq_search_fill, sq_search_match,
	sq_search_clear,
	sq_bulk_begin, sq_bulk_end,
	NULL, NULL,
};
