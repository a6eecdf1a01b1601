/*
 * The search index: an FTS5 table of folded text, kept in step with
 * every write in the same transaction.  A row's rowid is the record's id
 * times 16 plus the number of the field it holds (fields[] below), so a
 * hit names its record and field without a join.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define FTS_SLOTS 16

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
	int rc;

	if (text == NULL || *text == '\0')
		return TWR_OK;
	if (db->fts_ins == NULL && (db->fts_ins = db_prepare(db,
	    "INSERT INTO search(rowid, text) VALUES(?, twr_fold(?))",
	    err)) == NULL)
		return err ? err->status : TWR_INTERNAL;
	sqlite3_bind_int64(db->fts_ins, 1, id * FTS_SLOTS + field);
	sqlite3_bind_text(db->fts_ins, 2, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(db->fts_ins);
	sqlite3_reset(db->fts_ins);
	sqlite3_clear_bindings(db->fts_ins);
	if (rc != SQLITE_DONE)
		return sql_err(db, rc, err, "cannot update the search index");
	return TWR_OK;
}

enum twr_status
fts_remove(struct twr_db *db, long long id, struct twr_error *err)
{
	int rc;

	if (db->fts_del == NULL && (db->fts_del = db_prepare(db,
	    "DELETE FROM search WHERE rowid BETWEEN ?1 AND ?1 + 15",
	    err)) == NULL)
		return err ? err->status : TWR_INTERNAL;
	sqlite3_bind_int64(db->fts_del, 1, id * FTS_SLOTS);
	rc = sqlite3_step(db->fts_del);
	sqlite3_reset(db->fts_del);
	if (rc != SQLITE_DONE)
		return sql_err(db, rc, err, "cannot update the search index");
	return TWR_OK;
}

enum twr_status
fts_sync(struct twr_db *db, enum rec_type type, long long id,
    struct twr_error *err)
{
	enum twr_status st;
	sqlite3_stmt *q;
	int i, rc;

	if ((st = fts_remove(db, id, err)) != TWR_OK)
		return st;
	if (type == REC_NONE)
		return TWR_OK;
	if ((q = db_prepare(db, sync_sql[type], err)) == NULL)
		return err ? err->status : TWR_INTERNAL;
	sqlite3_bind_int64(q, 1, id);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(q); i++)
			if ((st = fts_put(db, id, i, (const char *)
			    sqlite3_column_text(q, i), err)) != TWR_OK)
				break;
	} else if (rc != SQLITE_DONE)
		st = sql_err(db, rc, err, "cannot read the registry");
	sqlite3_finalize(q);
	return st;
}

enum twr_status
fts_rebuild(struct twr_db *db, struct twr_error *err)
{
	static const char sql[] =
	    "DELETE FROM search;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT id * 16, twr_fold(name) FROM actors;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT actor_id * 16 + 1, twr_fold(group_concat(alias, ' '))"
	    "  FROM aliases GROUP BY actor_id;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT id * 16 + 2, twr_fold(name_en) FROM actors"
	    "  WHERE name_en IS NOT NULL;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT id * 16, twr_fold(title) FROM agreements"
	    "  WHERE title IS NOT NULL;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT id * 16 + 1, twr_fold(signed_place) FROM agreements"
	    "  WHERE signed_place IS NOT NULL;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT id * 16 + 2, twr_fold(topics) FROM agreements"
	    "  WHERE topics IS NOT NULL;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT id * 16 + 3, twr_fold(notes) FROM agreements"
	    "  WHERE notes IS NOT NULL;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT id * 16, twr_fold(roles) FROM memberships"
	    "  WHERE roles IS NOT NULL;"
	    "INSERT INTO search(rowid, text)"
	    "  SELECT id * 16 + 1, twr_fold(notes) FROM memberships"
	    "  WHERE notes IS NOT NULL;";

	return db_exec(db, sql, err);
}
