/*
 * Opening the registry, transactions, ids and the history of changes:
 * what every engine shares.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

void
twr_set_diag_fn(struct twr_db *db, twr_diag_fn *fn, void *arg)
{
	db->diag = fn;
	db->diag_arg = arg;
}

void
twr_set_progress_fn(struct twr_db *db, twr_progress_fn *fn, void *arg)
{
	db->progress = fn;
	db->progress_arg = arg;
}

void
twr_set_plan_fn(struct twr_db *db, twr_plan_fn *fn, void *arg)
{
	db->plan = fn;
	db->plan_arg = arg;
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
db_exec(struct twr_db *db, const char *sql, struct twr_error *err)
{
	return db->ops->exec(db, sql, err);
}

long long
db_changes(struct twr_db *db)
{
	return db->ops->changes(db);
}

enum twr_status
db_run(struct twr_db *db, const char *sql, long long a, long long b,
    unsigned long *n, struct twr_error *err)
{
	struct stmt *st = st_prepare(db, sql, err);
	enum twr_status s;

	if (st == NULL)
		return err_status(err);
	st_int(st, 1, a);
	if (strstr(sql, "?2") != NULL)
		st_int(st, 2, b);
	s = st_step(st, err);
	if ((s == TWR_ROW || s == TWR_DONE) && n != NULL)
		*n += (unsigned long)db_changes(db);
	st_free(st);
	return s == TWR_ROW || s == TWR_DONE ? TWR_OK : s;
}

enum twr_status
db_begin_write(struct twr_db *db, struct twr_error *err)
{
	enum twr_status st;

	if ((st = db->ops->begin(db, err)) != TWR_OK)
		return st;
	db->in_write = 1;
	return TWR_OK;
}

enum twr_status
db_commit(struct twr_db *db, struct twr_error *err)
{
	enum twr_status st;

	if (db->ops->flush != NULL && (st = db->ops->flush(db, err)) !=
	    TWR_OK) {
		db_rollback(db);
		return st;
	}
	if (db->commit_fn != NULL && db->commit_fn(db->commit_arg,
	    db->added) != 0) {
		db_rollback(db);
		return err_code(err, TWR_IOERR, TWR_E_NOT_COMMITTED);
	}
	st = db->ops->commit(db, err);
	db->in_write = 0;
	db->added = 0;
	return st;
}

int
twr_again(struct twr_error *err, enum twr_status st, int *tries)
{
	struct timespec ts;
	long ms;

	if (err == NULL || st != TWR_BUSY || err->m.code != TWR_E_TX_CONFLICT)
		return 0;
	if (++*tries >= TWR_TRIES) {
		err->m.n[0] = *tries;
		return 0;
	}
	/* Longer each time, and not in step with the other writer. */
	ms = 20L * *tries + (long)(getpid() % 20);
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
	return 1;
}

void
twr_set_commit_fn(struct twr_db *db, twr_commit_fn *fn, void *arg)
{
	if (db != NULL) {
		db->commit_fn = fn;
		db->commit_arg = arg;
	}
}

void
db_rollback(struct twr_db *db)
{
	db->ops->rollback(db);
	db->in_write = 0;
	db->added = 0;
}

enum twr_status
twr_snapshot_begin(struct twr_db *db, struct twr_error *err)
{
	enum twr_status st;

	LOCAL_ERR(err);
	if (db == NULL || db->in_write || db->in_snapshot)
		return err_code(err, TWR_USAGE, TWR_E_INTERNAL);
	if ((st = db->ops->snapshot(db, err)) == TWR_OK)
		db->in_snapshot = 1;
	return st;
}

void
twr_snapshot_end(struct twr_db *db)
{
	if (db != NULL && db->in_snapshot) {
		db->ops->rollback(db);
		db->in_snapshot = 0;
	}
}

enum twr_status
db_read_begin(struct twr_db *db, int *began, struct twr_error *err)
{
	enum twr_status st;

	*began = 0;
	if (db->in_write || db->in_snapshot)
		return TWR_OK;
	if ((st = twr_snapshot_begin(db, err)) == TWR_OK)
		*began = 1;
	return st;
}

void
db_read_end(struct twr_db *db, int began)
{
	if (began)
		twr_snapshot_end(db);
}

enum twr_status
db_take_ids(struct twr_db *db, long long count, long long *first,
    struct twr_error *err)
{
	struct stmt *st;
	enum twr_status s;

	st = st_prepare(db, "UPDATE meta SET value = " SQL_NEXT_ID " + ?1 "
	    "WHERE key = 'next_id' RETURNING value - ?1", err);
	if (st == NULL)
		return err_status(err);
	st_int(st, 1, count);
	if ((s = st_step(st, err)) == TWR_ROW)
		*first = st_col_int(st, 0);
	st_free(st);
	if (s == TWR_DONE)
		return err_code(err, TWR_INTERNAL, TWR_E_INTERNAL);
	return s == TWR_ROW ? TWR_OK : s;
}

void
today_utc_date(char *out)
{
	char now[21];

	now_utc(now);
	memcpy(out, now, 10);	/* "YYYY-MM-DD" of "YYYY-MM-DDTHH..." */
	out[10] = '\0';
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
	struct stmt *st;
	enum twr_status s;
	char at[21];

	now_utc(at);
	st = st_prepare(db, "INSERT INTO changes(at, by, command, args, reason)"
	    " VALUES(?1, ?2, ?3, ?4, ?5) RETURNING id", err);
	if (st == NULL)
		return err_status(err);
	st_opt(st, 1, at);
	st_opt(st, 2, db->by != NULL ? db->by : "unknown");
	st_opt(st, 3, command);
	st_opt(st, 4, db->command);
	st_opt(st, 5, reason);
	if ((s = st_step(st, err)) == TWR_ROW)
		*change = st_col_int(st, 0);
	st_free(st);
	return s == TWR_ROW ? TWR_OK : s == TWR_DONE ?
	    err_code(err, TWR_INTERNAL, TWR_E_INTERNAL) : s;
}

static enum twr_status
history_add(struct twr_db *db, long long change, long long record,
    const char *action, const char *field, const char *old,
    const char *new_, long long old_ref, long long new_ref,
    struct twr_error *err)
{
	struct stmt *st;
	enum twr_status s;

	st = st_prepare(db, "INSERT INTO history(change_id, record_id, action, "
	    "field, old, new, old_ref, new_ref) VALUES(?1, ?2, ?3, ?4, "
	    "coalesce(?5, " SQL_ACTOR_LABEL("?7") "), coalesce(?6, "
	    SQL_ACTOR_LABEL("?8") "), ?7, ?8)", err);
	if (st == NULL)
		return err_status(err);
	st_int(st, 1, change);
	st_int(st, 2, record);
	st_opt(st, 3, action);
	st_opt(st, 4, field);
	st_opt(st, 5, old);
	st_opt(st, 6, new_);
	st_id(st, 7, old_ref);
	st_id(st, 8, new_ref);
	s = st_run(st, err);
	st_free(st);
	return s;
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
change_tie(struct twr_db *db, long long change, long long record,
    const char *action, long long old, long long new_, struct twr_error *err)
{
	char *was = NULL, *now = NULL;
	enum twr_status st;

	/* A tie is labelled by its summary line, as search shows it. */
	if (old != 0)
		was = tie_label(db, old);
	if (new_ != 0)
		now = tie_label(db, new_);
	st = history_add(db, change, record, action, "tie", was, now, old,
	    new_, err);
	free(was);
	free(now);
	return st;
}

enum twr_status
change_ref(struct twr_db *db, long long change, long long record,
    const char *action, const char *field, long long old, long long new_,
    struct twr_error *err)
{
	return history_add(db, change, record, action, field, NULL, NULL,
	    old, new_, err);
}

/* ---- offices of a shared register ----------------------------------- */

static enum twr_status
office_once(struct twr_db *db, const char *role, const char *actor,
    int grant, long long *id, int *changed, struct twr_error *err)
{
	enum twr_status st;
	enum rec_type type;
	struct twr_msg m;
	long long change;

	memset(&m, 0, sizeof(m));
	if (db->ops->office == NULL)
		return err_code(err, TWR_USAGE, TWR_E_NO_OFFICES);
	if ((st = record_named(db, actor, id, &type, err)) != TWR_OK)
		return st;
	if (type != REC_ACTOR) {
		m.code = TWR_E_NOT_ACTOR;
		m.id = *id;
		return err_msg(err, TWR_USAGE, &m);
	}
	if ((st = db_begin_write(db, err)) != TWR_OK)
		return st;
	/* Granted already: the role's access made whole again, and no
	   change in the history. */
	if ((st = db->ops->office(db, role, *id, grant, err)) == TWR_DONE) {
		*changed = 0;
		return db_commit(db, err);
	}
	/* The history names the role on the actor granted. */
	if (st == TWR_OK && (st = change_begin(db, grant ? "grant" : "revoke",
	    NULL, &change, err)) == TWR_OK && (st = change_field(db, change,
	    *id, grant ? "grant" : "revoke", "office", grant ? NULL : role,
	    grant ? role : NULL, err)) == TWR_OK)
		return db_commit(db, err);
	db_rollback(db);
	return st;
}

enum twr_status
twr_office(struct twr_db *db, const char *role, const char *actor,
    int grant, char **label, int *changed, struct twr_error *err)
{
	enum twr_status st;
	long long id = 0;

	LOCAL_ERR(err);
	*label = NULL;
	*changed = 1;
	RETRY_WRITE(st, err, office_once(db, role, actor, grant, &id, changed,
	    err));
	/* Done: the actor named as the register has it, else as given. */
	if (st == TWR_OK && (*label = query_text(db, "SELECT "
	    SQL_ACTOR_LABEL("?1"), id)) == NULL && (*label =
	    strdup(actor)) == NULL)
		return err_nomem(err);
	return st;
}

/* ---- opening ----------------------------------------------------- */

int
twr_is_url(const char *path)
{
	return path != NULL && (strncmp(path, "postgresql://", 13) == 0 ||
	    strncmp(path, "postgres://", 11) == 0);
}

enum twr_status
twr_open(const char *path, unsigned flags, int busy_ms, struct twr_db **dbp,
    struct twr_error *err)
{
	struct twr_db *db;
	enum twr_status st;

	LOCAL_ERR(err);
	*dbp = NULL;
	if ((db = calloc(1, sizeof(*db))) == NULL)
		return err_nomem(err);
	db->ops = twr_is_url(path) ? &store_pg : &store_sqlite;
	if ((st = db->ops->open(db, path, flags, busy_ms, err)) != TWR_OK) {
		free(db);
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
	st_free(db->lookup);
	db->ops->close(db);
	free(db->by);
	free(db->command);
	free(db);
}
