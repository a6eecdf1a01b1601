/*
 * The history of changes (log) and reverting an import batch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "kinds.h"
#include "records.h"

/* The columns (NULL-terminated, for twr_log_columns) and their types,
   as many. */
static const char *const log_cols[] = { "change", "at", "by", "command",
	"record", "action", "field", "old", "new", "reason", NULL };
static const enum twr_type log_types[] = { TWR_INT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT, TWR_INT, TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT };

const char *const *
twr_log_columns(void)
{
	return log_cols;
}

enum twr_status
twr_log(struct twr_db *db, const char *since, long long id,
    struct twr_rows **rows, struct twr_error *err)
{
	/* Field changes; import batches (the records they added carry the
	   batch, not a row a field); changes of neither kind (undo). */
	static const char sql[] =
	    "SELECT c.id, c.at, c.by, c.command, h.record_id, h.action, "
	    "  h.field, h.old, h.new, c.reason FROM history h "
	    "  JOIN changes c ON c.id = h.change_id "
	    "  WHERE c.at >= ?1 AND (?2 = 0 OR h.record_id = ?2) "
	    "UNION ALL "
	    "SELECT c.id, c.at, c.by, c.command, NULL, 'import', "
	    "  'batch ' || b.id, NULL, b.files || ': ' || b.rows || "
	    "CASE b.rows WHEN 1 THEN ' row, ' ELSE ' rows, ' END || "
	    "'sha256 ' || b.checksum || CASE WHEN b.undone_by IS NULL THEN '' "
	    "ELSE ', undone by change ' || b.undone_by END, NULL "
	    "  FROM batches b JOIN changes c ON c.id = b.change_id "
	    "  WHERE c.at >= ?1 AND (?2 = 0 OR b.id IN (SELECT batch_id FROM "
	    "  actors WHERE id = ?2 UNION ALL SELECT batch_id FROM agreements "
	    "  WHERE id = ?2 UNION ALL SELECT batch_id FROM memberships WHERE "
	    "  id = ?2 UNION ALL SELECT batch_id FROM activities WHERE id = "
	    "  ?2)) "
	    "UNION ALL "
	    "SELECT c.id, c.at, c.by, c.command, NULL, c.command, NULL, NULL, "
	    "  NULL, c.reason FROM changes c WHERE c.at >= ?1 AND ?2 = 0 "
	    "  AND NOT EXISTS (SELECT 1 FROM history h WHERE h.change_id = c.id) "
	    "  AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.change_id = c.id) "
	    "ORDER BY 1 DESC, 5, 7";
	char from[DATE_MAX];
	struct stmt *st;

	LOCAL_ERR(err);
	*rows = NULL;
	if (since != NULL && date_option("since", since, from, err) !=
	    TWR_OK)
		return err->status;
	if (id > 0 && record_type(db, id) == REC_NONE) {
		/* A record that is gone may still have a history. */
		struct stmt *q = st_prepare(db, "SELECT 1 FROM history WHERE "
		    "record_id = ? LIMIT 1", err);
		int rc;

		if (q == NULL)
			return err->status;
		st_int(q, 1, id);
		rc = st_step(q, err);
		st_free(q);
		if (rc != TWR_ROW && rc != TWR_DONE)
			return (enum twr_status)rc;
		if (rc != TWR_ROW) {
			struct twr_msg m;

			memset(&m, 0, sizeof(m));
			m.code = TWR_E_NO_HISTORY;
			m.id = id;
			return err_msg(err, TWR_NOTFOUND, &m);
		}
	}
	if ((st = st_prepare(db, sql, err)) == NULL)
		return err->status;
	st_opt(st, 1, since != NULL ? from : "0");
	st_int(st, 2, id > 0 ? id : 0);
	if ((*rows = rows_from_stmt(st, ARRAY_SIZE(log_types), log_cols,
	    log_types)) == NULL)
		return err_nomem(err);
	return TWR_OK;
}

/* ---- undo-import ------------------------------------------------------ */

/* A reason the batch made by CHANGE cannot be undone, or TWR_OK. */
static enum twr_status
undo_blocked(struct twr_db *db, long long batch, long long change,
    struct twr_error *err)
{
	/* The records the batch added or changed... */
#define TOUCHED \
	"(SELECT id FROM agreements WHERE batch_id = ?1 UNION ALL " \
	"SELECT id FROM memberships WHERE batch_id = ?1 UNION ALL " \
	"SELECT id FROM activities WHERE batch_id = ?1 UNION ALL " \
	"SELECT id FROM actors WHERE batch_id = ?1 UNION ALL " \
	"SELECT record_id FROM history WHERE change_id = ?2)"
	/* (Changes of batches undone since, and the undoing itself, no
	   longer count: batches can be undone newest first.) */
	static const char later[] =
	    "SELECT h.record_id, c.id, c.by, c.command FROM history h "
	    "JOIN changes c ON c.id = h.change_id WHERE h.change_id > ?2 "
	    "AND h.change_id NOT IN (SELECT change_id FROM batches WHERE "
	    "undone_by IS NOT NULL UNION SELECT undone_by FROM batches WHERE "
	    "undone_by IS NOT NULL) AND (h.record_id IN " TOUCHED " OR "
	    "(h.action = 'delete' AND h.field = 'batch' AND "
	    "h.old = CAST(?1 AS TEXT))) LIMIT 1";
	/* ...and records of others that use the actors it added. */
	static const char users[] =
	    "SELECT a.id, u.id FROM actors a JOIN ("
	    "SELECT id, party_id AS x, batch_id FROM agreements UNION ALL "
	    "SELECT id, partner_id, batch_id FROM agreements UNION ALL "
	    "SELECT p.agreement_id, p.actor_id, g.batch_id FROM "
	    "agreement_parties p JOIN agreements g ON g.id = p.agreement_id "
	    "UNION ALL SELECT id, member_id, batch_id FROM memberships "
	    "UNION ALL SELECT id, network_id, batch_id FROM memberships "
	    "UNION ALL SELECT id, parent_id, batch_id FROM actors "
	    "UNION ALL SELECT id, actor_id, batch_id FROM activities "
	    "UNION ALL SELECT p.activity_id, p.actor_id, g.batch_id FROM "
	    "activity_partners p JOIN activities g ON g.id = p.activity_id) u "
	    "ON u.x = a.id WHERE a.batch_id = ?1 "
	    "AND u.batch_id IS DISTINCT FROM ?1 LIMIT 1";
	/* ...and activities of others that belong to the ties it added. */
	static const char ties[] =
	    "SELECT t.id, a.id FROM (SELECT id FROM agreements WHERE "
	    "batch_id = ?1 UNION ALL SELECT id FROM memberships WHERE "
	    "batch_id = ?1) t JOIN activities a ON a.tie_id = t.id WHERE "
	    "a.batch_id IS DISTINCT FROM ?1 LIMIT 1";
	struct stmt *st;
	enum twr_status s = TWR_OK;
	struct twr_msg m;
	int rc;

	if ((st = st_prepare(db, later, err)) == NULL)
		return err->status;
	st_int(st, 1, batch);
	st_int(st, 2, change);
	if ((rc = st_step(st, err)) == TWR_ROW) {
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_CHANGED_AFTER;
		m.id = batch;
		m.id2 = st_col_int(st, 0);
		m.n[0] = st_col_int(st, 1);
		m.value = st_col_text(st, 2);
		m.value2 = st_col_text(st, 3);
		s = err_msg(err, TWR_DATAERR, &m);
	}
	else if (rc != TWR_DONE)
		s = (enum twr_status)rc;
	st_free(st);
	if (s != TWR_OK)
		return s;
	if ((st = st_prepare(db, users, err)) == NULL)
		return err->status;
	st_int(st, 1, batch);
	if ((rc = st_step(st, err)) == TWR_ROW) {
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_ACTOR_USED;
		m.id = batch;
		m.id2 = st_col_int(st, 0);
		m.n[0] = st_col_int(st, 1);
		s = err_msg(err, TWR_DATAERR, &m);
	}
	else if (rc != TWR_DONE)
		s = (enum twr_status)rc;
	st_free(st);
	if (s != TWR_OK)
		return s;
	if ((st = st_prepare(db, ties, err)) == NULL)
		return err->status;
	st_int(st, 1, batch);
	if ((rc = st_step(st, err)) == TWR_ROW) {
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_ACTOR_USED;
		m.id = batch;
		m.id2 = st_col_int(st, 0);
		m.n[0] = st_col_int(st, 1);
		m.n[1] = 1;
		s = err_msg(err, TWR_DATAERR, &m);
	} else if (rc != TWR_DONE)
		s = (enum twr_status)rc;
	st_free(st);
	return s;
#undef TOUCHED
}

/* Put back the values the batch's CHANGE replaced; *N counts records. */
static enum twr_status
restore(struct twr_db *db, long long change, long long undo,
    unsigned long *n, struct twr_error *err)
{
	const struct table *tab = NULL;
	struct stmt *st;
	enum twr_status s = TWR_OK;
	long long last = 0, gone = 0;
	int rc;

	st = st_prepare(db, "SELECT h.record_id, h.field, h.old, h.new, "
	    "h.old_ref, h.new_ref FROM history h WHERE h.change_id = ?1 AND "
	    "h.action = 'update' ORDER BY h.record_id, h.rowid DESC", err);
	if (st == NULL)
		return err->status;
	st_int(st, 1, change);
	while (s == TWR_OK && (rc = st_step(st, err)) == TWR_ROW) {
		long long id = st_col_int(st, 0);
		const char *field = st_col_text(st, 1);
		const char *old = st_col_text(st, 2);
		const char *new_ = st_col_text(st, 3);
		long long old_ref = st_col_int(st, 4);
		long long new_ref = st_col_int(st, 5);

		if (id == gone)
			continue;
		if (id != last) {
			enum rec_type type = record_type(db, id);

			/* A record the batch added, then changed: gone with
			   the rest of what it added. */
			if (type == REC_NONE) {
				gone = id;
				continue;
			}
			if (last != 0 && (s = fts_sync(db, tab->type, last,
			    err)) != TWR_OK)
				break;
			if ((tab = table_of(type)) == NULL) {
				s = err_code(err, TWR_INTERNAL,
				    TWR_E_INTERNAL);
				break;
			}
			(*n)++;
			last = id;
		}
		if (strcmp(field, "aliases") == 0)
			s = aliases_set(db, id, old, err);
		else if (strcmp(field, "other_parties") == 0 ||
		    strcmp(field, "partners") == 0)
			s = others_set(db, id, old, undo, err);
		else if (strcmp(field, "parent") == 0) {
			s = record_set_ref(db, tab, id, 0, old_ref, err);
			if (s == TWR_OK)
				s = change_ref(db, undo, id, "update", field,
				    new_ref, old_ref, err);
		} else if (strcmp(field, "tie") == 0) {
			s = record_set_ref(db, tab, id, 1, old_ref, err);
			if (s == TWR_OK)
				s = change_tie(db, undo, id, "update", new_ref,
				    old_ref, err);
		} else {
			s = record_set_named(db, tab, id, field, old, err);
			if (s == TWR_OK)
				s = change_field(db, undo, id, "update", field,
				    new_, old, err);
		}
	}
	st_free(st);
	if (s == TWR_OK && rc != TWR_DONE)
		s = (enum twr_status)rc;
	if (s == TWR_OK && last != 0)
		s = fts_sync(db, tab->type, last, err);
	return s;
}

/* Take the records batch BATCH added out of the search index. */
static enum twr_status
unindex_batch(struct twr_db *db, long long batch, struct twr_error *err)
{
	struct stmt *st;
	enum twr_status s = TWR_OK, rc;

	st = st_prepare(db, "SELECT id FROM agreements WHERE batch_id = ?1 "
	    "UNION ALL SELECT id FROM memberships WHERE batch_id = ?1 "
	    "UNION ALL SELECT id FROM activities WHERE batch_id = ?1 "
	    "UNION ALL SELECT id FROM actors WHERE batch_id = ?1", err);
	if (st == NULL)
		return err->status;
	st_int(st, 1, batch);
	while (s == TWR_OK && (rc = st_step(st, err)) == TWR_ROW)
		s = fts_remove(db, st_col_int(st, 0), err);
	st_free(st);
	return s == TWR_OK && rc != TWR_DONE ? rc : s;
}

static enum twr_status
undo_once(struct twr_db *db, long long batch, unsigned long *removed,
    unsigned long *restored, struct twr_error *err)
{
	enum twr_status st;
	struct stmt *q;
	long long change, undo, undone;
	unsigned long rm = 0, rs = 0;
	struct twr_msg m;
	char reason[64];
	int rc;

	if ((st = db_begin_write(db, err)) != TWR_OK)
		return st;
	if ((q = st_prepare(db, "SELECT change_id, undone_by FROM batches "
	    "WHERE id = ?", err)) == NULL) {
		st = err->status;
		goto fail;
	}
	st_int(q, 1, batch);
	rc = st_step(q, err);
	change = rc == TWR_ROW ? st_col_int(q, 0) : 0;
	undone = rc == TWR_ROW ? st_col_int(q, 1) : 0;
	st_free(q);
	memset(&m, 0, sizeof(m));
	m.id = batch;
	if (rc != TWR_ROW) {
		m.code = TWR_E_NO_BATCH;
		st = rc == TWR_DONE ? err_msg(err, TWR_NOTFOUND, &m) :
		    (enum twr_status)rc;
		goto fail;
	}
	if (undone != 0) {
		m.code = TWR_E_UNDONE;
		m.id2 = undone;
		st = err_msg(err, TWR_DATAERR, &m);
		goto fail;
	}
	if ((st = undo_blocked(db, batch, change, err)) != TWR_OK)
		goto fail;
	snprintf(reason, sizeof(reason), "batch %lld", batch);
	if ((st = change_begin(db, "undo-import", reason, &undo, err)) !=
	    TWR_OK)
		goto fail;
	/* The records it added go, with their search entries; the history
	   says so. */
	if ((st = db_run(db, "INSERT INTO history(change_id, record_id, action) "
	    "SELECT ?2, id, 'delete' FROM agreements WHERE batch_id = ?1 "
	    "UNION ALL SELECT ?2, id, 'delete' FROM memberships WHERE "
	    "batch_id = ?1 UNION ALL SELECT ?2, id, 'delete' FROM activities "
	    "WHERE batch_id = ?1 UNION ALL SELECT ?2, id, 'delete' FROM "
	    "actors WHERE batch_id = ?1", batch, undo, NULL, err)) != TWR_OK)
		goto fail;
	if ((st = unindex_batch(db, batch, err)) != TWR_OK ||
	    (st = db_run(db, "DELETE FROM activities WHERE batch_id = ?1", batch,
	    0, &rm, err)) != TWR_OK ||
	    (st = db_run(db, "DELETE FROM agreements WHERE batch_id = ?1", batch,
	    0, &rm, err)) != TWR_OK ||
	    (st = db_run(db, "DELETE FROM memberships WHERE batch_id = ?1", batch,
	    0, &rm, err)) != TWR_OK ||
	    (st = db_run(db, "DELETE FROM actors WHERE batch_id = ?1", batch, 0,
	    &rm, err)) != TWR_OK ||
	    (st = restore(db, change, undo, &rs, err)) != TWR_OK ||
	    (st = db_run(db, "UPDATE batches SET undone_by = ?2 WHERE id = ?1",
	    batch, undo, NULL, err)) != TWR_OK)
		goto fail;
	if ((st = db_commit(db, err)) != TWR_OK)
		return st;
	if (removed != NULL)
		*removed = rm;
	if (restored != NULL)
		*restored = rs;
	return TWR_OK;
fail:
	db_rollback(db);
	return st;
}

enum twr_status
twr_undo_import(struct twr_db *db, long long batch, unsigned long *removed,
    unsigned long *restored, struct twr_error *err)
{
	enum twr_status st;

	LOCAL_ERR(err);
	RETRY_WRITE(st, err, undo_once(db, batch, removed, restored, err));
	return st;
}
