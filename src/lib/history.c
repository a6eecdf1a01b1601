/*
 * The history of changes (log) and reverting an import batch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

static const char *const log_cols[] = { "change", "at", "by", "command",
	"record", "action", "field", "old", "new", "reason" };
static const enum twr_type log_types[] = { TWR_INT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT, TWR_INT, TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT };

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
	    "  id = ?2)) "
	    "UNION ALL "
	    "SELECT c.id, c.at, c.by, c.command, NULL, c.command, NULL, NULL, "
	    "  NULL, c.reason FROM changes c WHERE c.at >= ?1 AND ?2 = 0 "
	    "  AND NOT EXISTS (SELECT 1 FROM history h WHERE h.change_id = c.id) "
	    "  AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.change_id = c.id) "
	    "ORDER BY 1 DESC, 5, 7";
	char from[DATE_MAX];
	struct stmt *st;

	*rows = NULL;
	if (since != NULL && date_option("--since", since, from, err) !=
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
		if (rc != TWR_ROW)
			return set_err(err, TWR_NOTFOUND, "no record %lld, and no "
			    "history of one", id);
	}
	if ((st = st_prepare(db, sql, err)) == NULL)
		return err->status;
	st_opt(st, 1, since != NULL ? from : "0");
	st_int(st, 2, id > 0 ? id : 0);
	if ((*rows = rows_from_stmt(st, ARRAY_SIZE(log_cols), log_cols,
	    log_types)) == NULL)
		return set_err(err, TWR_INTERNAL, "out of memory");
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
	    "UNION ALL SELECT id, parent_id, batch_id FROM actors) u "
	    "ON u.x = a.id WHERE a.batch_id = ?1 "
	    "AND u.batch_id IS NOT ?1 LIMIT 1";
	struct stmt *st;
	enum twr_status s = TWR_OK;
	int rc;

	if ((st = st_prepare(db, later, err)) == NULL)
		return err->status;
	st_int(st, 1, batch);
	st_int(st, 2, change);
	if ((rc = st_step(st, err)) == TWR_ROW)
		s = set_err(err, TWR_DATAERR, "batch %lld cannot be undone: "
		    "record %lld was changed after it (change %lld by %s, %s)",
		    batch, st_col_int(st, 0),
		    st_col_int(st, 1), st_col_text(st, 2),
		    st_col_text(st, 3));
	else if (rc != TWR_DONE)
		s = (enum twr_status)rc;
	st_free(st);
	if (s != TWR_OK)
		return s;
	if ((st = st_prepare(db, users, err)) == NULL)
		return err->status;
	st_int(st, 1, batch);
	if ((rc = st_step(st, err)) == TWR_ROW)
		s = set_err(err, TWR_DATAERR, "batch %lld cannot be undone: "
		    "actor %lld, which it added, is used by record %lld, added "
		    "later", batch, st_col_int(st, 0),
		    st_col_int(st, 1));
	else if (rc != TWR_DONE)
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
	struct stmt *st;
	enum twr_status s = TWR_OK;
	long long last = 0;
	int rc;

	st = st_prepare(db, "SELECT h.record_id, h.field, h.old, h.new, "
	    "h.old_ref, h.new_ref, CASE WHEN EXISTS (SELECT 1 FROM actors WHERE id = h.record_id) "
	    "THEN 'actors' WHEN EXISTS (SELECT 1 FROM agreements WHERE id = "
	    "h.record_id) THEN 'agreements' ELSE 'memberships' END "
	    "FROM history h WHERE h.change_id = ? AND h.action = 'update' "
	    "ORDER BY h.record_id, h.rowid DESC", err);
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
		const char *table = st_col_text(st, 6);

		if (strcmp(field, "aliases") == 0)
			s = set_aliases(db, id, old, err);
		else if (strcmp(field, "other_parties") == 0)
			s = set_others(db, id, old, undo, err);
		else if (strcmp(field, "parent") == 0) {
			s = exec_update(db, table, "parent_id", id, NULL,
			    old_ref, 1, err);
			if (s == TWR_OK)
				s = change_ref(db, undo, id, "update", field,
				    new_ref, old_ref, err);
		} else {
			s = exec_update(db, table, field, id, old, 0, 0, err);
			if (s == TWR_OK)
				s = change_field(db, undo, id, "update", field,
				    new_, old, err);
		}
		if (s == TWR_OK && id != last) {
			enum rec_type t = strcmp(table, "actors") == 0 ?
			    REC_ACTOR : strcmp(table, "agreements") == 0 ?
			    REC_AGREEMENT : REC_MEMBERSHIP;

			s = fts_sync(db, t, id, err);
			(*n)++;
			last = id;
		}
	}
	st_free(st);
	if (s == TWR_OK && rc != TWR_DONE)
		s = (enum twr_status)rc;
	return s;
}

enum twr_status
twr_undo_import(struct twr_db *db, long long batch, unsigned long *removed,
    unsigned long *restored, struct twr_error *err)
{
	enum twr_status st;
	struct stmt *q;
	long long change, undo, undone;
	unsigned long rm = 0, rs = 0;
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
	if (rc != TWR_ROW) {
		st = rc == TWR_DONE ? set_err(err, TWR_NOTFOUND, "no import "
		    "batch %lld", batch) : (enum twr_status)rc;
		goto fail;
	}
	if (undone != 0) {
		st = set_err(err, TWR_DATAERR, "batch %lld was already undone "
		    "(change %lld)", batch, undone);
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
	    "batch_id = ?1 UNION ALL SELECT ?2, id, 'delete' FROM actors "
	    "WHERE batch_id = ?1", batch, undo, NULL, err)) != TWR_OK)
		goto fail;
	if ((st = db_run(db, "DELETE FROM search WHERE rowid / 16 IN ("
	    "SELECT id FROM agreements WHERE batch_id = ?1 UNION ALL "
	    "SELECT id FROM memberships WHERE batch_id = ?1 UNION ALL "
	    "SELECT id FROM actors WHERE batch_id = ?1)", batch, 0, NULL,
	    err)) != TWR_OK ||
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
