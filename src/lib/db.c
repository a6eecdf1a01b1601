/*
 * Opening the registry, its migrations, transactions, ids and history.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "schema.h"

int
twr_schema_version(void)
{
	return twr_migrations[twr_nmigrations - 1].version;
}

void
diagf(struct twr_db *db, enum twr_severity sev, const char *file,
    unsigned long line, unsigned column, const char *field,
    const char *fmt, ...)
{
	struct twr_diag d;
	char msg[1024];
	va_list ap;

	if (db->diag == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	d.severity = sev;
	d.file = file;
	d.line = line;
	d.column = column;
	d.field = field;
	d.msg = msg;
	db->diag(db->diag_arg, &d);
}

void
twr_set_diag_fn(struct twr_db *db, twr_diag_fn *fn, void *arg)
{
	db->diag = fn;
	db->diag_arg = arg;
}

void
twr_set_author(struct twr_db *db, const char *by, const char *command)
{
	free(db->by);
	free(db->command);
	db->by = xstrdup(by != NULL ? by : "unknown");
	db->command = xstrdup(command);
}

enum twr_status
sql_err(struct twr_db *db, int rc, struct twr_error *err, const char *what)
{
	const char *msg = db->sq != NULL ? sqlite3_errmsg(db->sq) :
	    sqlite3_errstr(rc);

	db->last_rc = rc;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return set_err(err, TWR_BUSY, "the registry is busy (another "
		    "twinreg is writing to it); try again later");
	case SQLITE_READONLY:
		return set_err(err, TWR_IOERR, "%s: the registry is read-only",
		    what);
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return set_err(err, TWR_IOERR, "%s: %s", what, msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return set_err(err, TWR_NOINPUT, "%s: %s", what, msg);
	case SQLITE_CANTOPEN:
		return set_err(err, TWR_CANTCREAT, "%s: %s", what, msg);
	case SQLITE_NOMEM:
		return set_err(err, TWR_INTERNAL, "%s: out of memory", what);
	}
	return set_err(err, TWR_INTERNAL, "%s: %s", what, msg);
}

sqlite3_stmt *
db_prepare(struct twr_db *db, const char *sql, struct twr_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL)) !=
	    SQLITE_OK) {
		sql_err(db, rc, err, "cannot read the registry");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

enum twr_status
db_exec(struct twr_db *db, const char *sql, struct twr_error *err)
{
	int rc;

	if ((rc = sqlite3_exec(db->sq, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return sql_err(db, rc, err, "cannot update the registry");
	return TWR_OK;
}

enum twr_status
db_run(struct twr_db *db, const char *sql, long long a, long long b,
    unsigned long *n, struct twr_error *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;

	if (st == NULL)
		return err->status;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sql_err(db, rc, err, "cannot update the registry");
	if (n != NULL)
		*n += (unsigned long)sqlite3_changes(db->sq);
	return TWR_OK;
}

enum twr_status
db_begin_write(struct twr_db *db, struct twr_error *err)
{
	enum twr_status st;

	/* IMMEDIATE: take the write lock now, waiting per busy_timeout;
	   a read that later turns into a write fails at once under WAL. */
	if ((st = db_exec(db, "BEGIN IMMEDIATE", err)) != TWR_OK)
		return st;
	db->in_write = 1;
	return TWR_OK;
}

enum twr_status
db_commit(struct twr_db *db, struct twr_error *err)
{
	int rc;

	if ((rc = sqlite3_exec(db->sq, "COMMIT", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		enum twr_status st = sql_err(db, rc, err,
		    "cannot write the registry");

		db_rollback(db);
		return st;
	}
	db->in_write = 0;
	return TWR_OK;
}

void
db_rollback(struct twr_db *db)
{
	if (!sqlite3_get_autocommit(db->sq))
		sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
	db->in_write = 0;
}

void
bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text == NULL || *text == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

enum twr_status
db_take_ids(struct twr_db *db, long long count, long long *first,
    struct twr_error *err)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "UPDATE meta SET value = value + ?1 "
	    "WHERE key = 'next_id' RETURNING value - ?1", err);
	if (st == NULL)
		return err ? err->status : TWR_INTERNAL;
	sqlite3_bind_int64(st, 1, count);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sql_err(db, rc, err, "cannot update the registry");
	}
	*first = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return TWR_OK;
}

void
now_utc(char *out)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum twr_status
change_begin(struct twr_db *db, const char *command, const char *reason,
    long long *change, struct twr_error *err)
{
	sqlite3_stmt *st;
	char at[21];
	int rc;

	now_utc(at);
	st = db_prepare(db, "INSERT INTO changes(at, by, command, args, reason)"
	    " VALUES(?, ?, ?, ?, ?)", err);
	if (st == NULL)
		return err ? err->status : TWR_INTERNAL;
	bind_text(st, 1, at);
	bind_text(st, 2, db->by != NULL ? db->by : "unknown");
	bind_text(st, 3, command);
	bind_text(st, 4, db->command);
	bind_text(st, 5, reason);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_err(db, rc, err, "cannot update the registry");
	*change = sqlite3_last_insert_rowid(db->sq);
	return TWR_OK;
}

static enum twr_status
history_add(struct twr_db *db, long long change, long long record,
    const char *action, const char *field, const char *old,
    const char *new_, long long old_ref, long long new_ref,
    struct twr_error *err)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db, "INSERT INTO history(change_id, record_id, action, "
	    "field, old, new, old_ref, new_ref) VALUES(?1, ?2, ?3, ?4, "
	    "coalesce(?5, " SQL_ACTOR_LABEL("?7") "), coalesce(?6, "
	    SQL_ACTOR_LABEL("?8") "), ?7, ?8)", err);
	if (st == NULL)
		return err ? err->status : TWR_INTERNAL;
	sqlite3_bind_int64(st, 1, change);
	sqlite3_bind_int64(st, 2, record);
	bind_text(st, 3, action);
	bind_text(st, 4, field);
	bind_text(st, 5, old);
	bind_text(st, 6, new_);
	if (old_ref != 0)
		sqlite3_bind_int64(st, 7, old_ref);
	if (new_ref != 0)
		sqlite3_bind_int64(st, 8, new_ref);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_err(db, rc, err, "cannot update the registry");
	return TWR_OK;
}

enum twr_status
change_field(struct twr_db *db, long long change, long long record,
    const char *action, const char *field, const char *old,
    const char *new_, struct twr_error *err)
{
	return history_add(db, change, record, action, field, old, new_, 0,
	    0, err);
}

enum twr_status
change_ref(struct twr_db *db, long long change, long long record,
    const char *action, const char *field, long long old, long long new_,
    struct twr_error *err)
{
	return history_add(db, change, record, action, field, NULL, NULL,
	    old, new_, err);
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

/* twr_date_after(ISO): the first day after the period ISO names, as a
 * bound (date_bound) to compare with dates of any precision. */
static void
sql_date_after(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *d = (const char *)sqlite3_value_text(argv[0]);
	char day[DATE_MAX], out[DATE_MAX];

	(void)argc;
	if (d == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	date_after(d, day);
	date_bound(day, out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* ---- opening ----------------------------------------------------- */

static enum twr_status
read_int(struct twr_db *db, const char *sql, long long *v,
    struct twr_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = db_prepare(db, sql, err)) == NULL)
		return err ? err->status : TWR_INTERNAL;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_err(db, rc, err, "cannot read the registry");
	return TWR_OK;
}

static enum twr_status
migrate(struct twr_db *db, int from, struct twr_error *err)
{
	enum twr_status st;
	char sql[64];
	size_t i;

	if ((st = db_begin_write(db, err)) != TWR_OK)
		return st;
	for (i = 0; i < twr_nmigrations; i++) {
		if (twr_migrations[i].version <= from)
			continue;
		if ((st = db_exec(db, twr_migrations[i].sql, err)) != TWR_OK)
			goto fail;
		if (twr_migrations[i].fixup != NULL &&
		    (st = twr_migrations[i].fixup(db, err)) != TWR_OK)
			goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    twr_schema_version());
	if ((st = db_exec(db, sql, err)) != TWR_OK)
		goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
	    TWR_APPLICATION_ID);
	if ((st = db_exec(db, sql, err)) != TWR_OK)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
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
read_only(const struct twr_db *db)
{
	return (db->last_rc & 0xff) == SQLITE_READONLY ||
	    (db->last_rc & 0xff) == SQLITE_CANTOPEN;
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
			return set_err(err, TWR_NOINPUT, "'%s' is not a "
			    "twinreg registry (not an SQLite database)", path);
		return st;
	}
	if (tables == 0 && version == 0) {
		if (!(flags & TWR_OPEN_CREATE))
			return set_err(err, TWR_NOINPUT, "'%s' is an empty "
			    "file, not a registry (create one with "
			    "'twinreg init')", path);
		if (!(flags & TWR_OPEN_MEMORY) && (st = db_exec(db,
		    "PRAGMA journal_mode = WAL", err)) != TWR_OK)
			return st == TWR_INTERNAL ? TWR_CANTCREAT : st;
		return migrate(db, 0, err);
	}
	if (appid != TWR_APPLICATION_ID)
		return set_err(err, TWR_NOINPUT, "'%s' is not a twinreg "
		    "registry", path);
	if (version > twr_schema_version())
		return set_err(err, TWR_NOINPUT, "registry '%s' was written by "
		    "a newer twinreg (schema version %lld; this twinreg knows "
		    "up to %d): upgrade twinreg", path, version,
		    twr_schema_version());
	if (version < twr_schema_version() &&
	    (st = migrate(db, (int)version, err)) != TWR_OK && read_only(db))
		return set_err(err, TWR_IOERR, "registry '%s' needs an upgrade "
		    "from schema version %lld to %d, which needs write access "
		    "to it and its directory: run twinreg once as a user who "
		    "can write it", path, version, twr_schema_version());
	return st;
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
setup(struct twr_db *db, struct twr_error *err)
{
	sqlite3_busy_timeout(db->sq, db->busy_ms);
	sqlite3_extended_result_codes(db->sq, 1);
	sqlite3_create_function(db->sq, "twr_fold", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_fold, NULL, NULL);
	sqlite3_create_function(db->sq, "twr_date_after", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_date_after, NULL, NULL);
	sqlite3_create_collation(db->sq, "tr", SQLITE_UTF8, NULL, collate_tr);
	return db_exec(db, "PRAGMA foreign_keys = ON", err);
}

/*
 * PATH is ours to read but not to write, nor its directory (where a WAL
 * registry keeps its -shm file): read it as a file nothing changes.  Not
 * while it has a write-ahead log, whose changes that would miss.
 */
static enum twr_status
read_immutable(struct twr_db *db, const char *path, unsigned flags,
    struct twr_error *err)
{
	struct twr_buf wal;
	struct stat sb;
	enum twr_status st;
	int has_wal;

	buf_init(&wal);
	buf_printf(&wal, "%s-wal", path);
	has_wal = !wal.oom && stat(buf_str(&wal), &sb) == 0 && sb.st_size > 0;
	buf_free(&wal);
	if (has_wal)
		return set_err(err, TWR_IOERR, "cannot read registry '%s': its "
		    "-wal file holds changes that only its owner's twinreg can "
		    "read (the directory is not ours to write); try again "
		    "after the owner's next command", path);
	sqlite3_close(db->sq);
	db->sq = NULL;
	if (open_immutable(path, &db->sq) != SQLITE_OK)
		return set_err(err, TWR_NOINPUT, "cannot open registry '%s': %s",
		    path, db->sq ? sqlite3_errmsg(db->sq) : "out of memory");
	if ((st = setup(db, err)) != TWR_OK)
		return st;
	return check_and_migrate(db, path, flags, err);
}


enum twr_status
twr_open(const char *path, unsigned flags, int busy_ms, struct twr_db **dbp,
    struct twr_error *err)
{
	struct twr_db *db;
	struct stat sb;
	enum twr_status st;
	char *name = NULL;
	int rc, oflags;

	*dbp = NULL;
	if (!(flags & TWR_OPEN_MEMORY)) {
		if (path == NULL || *path == '\0')
			return set_err(err, TWR_USAGE, "empty registry path");
		if (stat(path, &sb) == -1) {
			if (errno != ENOENT || !(flags & TWR_OPEN_CREATE))
				return set_err(err, TWR_NOINPUT, "cannot open "
				    "registry '%s': %s%s", path,
				    strerror(errno), errno == ENOENT ?
				    " (create it with 'twinreg init')" : "");
		} else if (S_ISDIR(sb.st_mode))
			return set_err(err, TWR_NOINPUT, "cannot open registry "
			    "'%s': it is a directory", path);
		if ((name = plain_path(path)) == NULL)
			return set_err(err, TWR_INTERNAL, "out of memory");
	}
	if ((db = calloc(1, sizeof(*db))) == NULL) {
		free(name);
		return set_err(err, TWR_INTERNAL, "out of memory");
	}
	db->busy_ms = busy_ms;
	/* One connection, one thread: no mutex around every call. */
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE |
	    SQLITE_OPEN_NOMUTEX;
	if (flags & (TWR_OPEN_CREATE | TWR_OPEN_MEMORY))
		oflags |= SQLITE_OPEN_CREATE;
	if (flags & TWR_OPEN_MEMORY)
		oflags |= SQLITE_OPEN_MEMORY;
	rc = sqlite3_open_v2(flags & TWR_OPEN_MEMORY ? ":memory:" : name,
	    &db->sq, oflags, NULL);
	if (rc != SQLITE_OK && !(flags & (TWR_OPEN_WRITE | TWR_OPEN_CREATE))) {
		/* A registry we may only read is fine for reading. */
		sqlite3_close(db->sq);
		db->sq = NULL;
		rc = sqlite3_open_v2(name, &db->sq, SQLITE_OPEN_READONLY |
		    SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, NULL);
	}
	free(name);
	if (rc != SQLITE_OK) {
		st = set_err(err, (flags & TWR_OPEN_CREATE) ? TWR_CANTCREAT :
		    TWR_NOINPUT, "cannot open registry '%s': %s", path,
		    db->sq ? sqlite3_errmsg(db->sq) : sqlite3_errstr(rc));
		twr_close(db);
		return st;
	}
	if ((st = setup(db, err)) == TWR_OK)
		st = check_and_migrate(db, flags & TWR_OPEN_MEMORY ? "(memory)" :
		    path, flags, err);
	if (st != TWR_OK && read_only(db) && !(flags & (TWR_OPEN_WRITE |
	    TWR_OPEN_CREATE | TWR_OPEN_MEMORY)))
		st = read_immutable(db, path, flags, err);
	if (st != TWR_OK && read_only(db) && (flags & TWR_OPEN_WRITE))
		st = set_err(err, TWR_IOERR, "cannot write registry '%s': it is "
		    "read-only (the file or its directory)", path);
	if (st != TWR_OK) {
		twr_close(db);
		return st;
	}
	*dbp = db;
	return TWR_OK;
}

void
twr_close(struct twr_db *db)
{
	if (db == NULL)
		return;
	sqlite3_finalize(db->fts_ins);
	sqlite3_finalize(db->fts_del);
	sqlite3_close_v2(db->sq);
	free(db->by);
	free(db->command);
	free(db);
}
