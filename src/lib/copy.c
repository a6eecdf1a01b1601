/*
 * Copying a registry whole into another, empty one, of either store: a
 * file into a shared register on PostgreSQL, or back.  Every table row
 * for row, ids and history included, read in one snapshot and written
 * in one transaction; the search index is built again where it lands.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Every table of the registry, parents before children, with its
 * columns (the same in every store) and the order rows are read in. */
static const struct {
	const char *table, *cols, *order;
} tables[] = {
	{ "changes", "id, at, by, command, args, reason", "id" },
	{ "batches", "id, change_id, files, rows, checksum, undone_by", "id" },
	/* Parents after their parts, at times: set once every actor is
	   there. */
	{ "actors", "id, name, name_key, country, kind, name_en, name_en_key, "
	  "website, source, notes, batch_id", "id" },
	{ "aliases", "actor_id, alias, alias_key", "actor_id, alias" },
	{ "agreements", "id, kind, party_id, partner_id, title, signed_on, "
	  "signed_place, status, ended_on, council_decision_date, "
	  "council_decision_no, ministry_approval_date, ministry_approval_no, "
	  "topics, source, notes, batch_id", "id" },
	{ "agreement_parties", "agreement_id, actor_id",
	  "agreement_id, actor_id" },
	{ "memberships", "id, member_id, network_id, status, since, until, "
	  "roles, council_decision_date, council_decision_no, "
	  "ministry_approval_date, ministry_approval_no, source, notes, "
	  "batch_id", "id" },
	{ "activities", "id, actor_id, type, title, date, until, place, "
	  "place_country, tie_id, programme, participants, source, notes, "
	  "batch_id", "id" },
	{ "activity_partners", "activity_id, actor_id",
	  "activity_id, actor_id" },
	/* In the order it was written, which is its order of display. */
	{ "history", "change_id, record_id, action, field, old, new, "
	  "old_ref, new_ref", "rowid" },
	{ "meta", "key, value", "key" },
};

/* The rows of FROM's TABLE into TO's; *N grows by those written. */
static enum twr_status
copy_table(struct twr_db *from, struct twr_db *to, size_t t,
    unsigned long *n, struct twr_error *err)
{
	struct twr_buf get, put;
	struct stmt *q = NULL, *ins = NULL;
	enum twr_status st;
	int i, ncols = 1;
	const char *c;

	for (c = tables[t].cols; *c != '\0'; c++)
		ncols += *c == ',';
	buf_init(&get);
	buf_init(&put);
	buf_printf(&get, "SELECT %s FROM %s ORDER BY %s", tables[t].cols,
	    tables[t].table, tables[t].order);
	/* meta is there already in a new registry: its values replaced. */
	if (strcmp(tables[t].table, "meta") == 0)
		buf_adds(&put, "UPDATE meta SET value = ?2 WHERE key = ?1");
	else {
		buf_printf(&put, "INSERT INTO %s(%s) VALUES(", tables[t].table,
		    tables[t].cols);
		for (i = 1; i <= ncols; i++)
			buf_printf(&put, "%s?%d", i > 1 ? ", " : "", i);
		buf_addc(&put, ')');
	}
	if (get.oom || put.oom) {
		st = err_nomem(err);
		goto out;
	}
	if ((q = st_prepare(from, buf_str(&get), err)) == NULL ||
	    (ins = st_prepare(to, buf_str(&put), err)) == NULL) {
		st = err->status;
		goto out;
	}
	st_stream(q);
	while ((st = st_step(q, err)) == TWR_ROW) {
		for (i = 0; i < ncols; i++) {
			const char *v = st_col_text(q, i);

			if (v == NULL)
				st_null(ins, i + 1);
			else
				st_ref(ins, i + 1, v);
		}
		if ((st = st_run(ins, err)) != TWR_OK)
			goto out;
		*n += (unsigned long)db_changes(to);
	}
	if (st == TWR_DONE)
		st = TWR_OK;
out:
	st_free(q);
	st_free(ins);
	buf_free(&get);
	buf_free(&put);
	return st;
}

/* The actors' parents, once every actor is there. */
static enum twr_status
copy_parents(struct twr_db *from, struct twr_db *to, struct twr_error *err)
{
	struct stmt *q, *up;
	enum twr_status st;

	if ((q = st_prepare(from, "SELECT id, parent_id FROM actors WHERE "
	    "parent_id IS NOT NULL ORDER BY id", err)) == NULL)
		return err->status;
	if ((up = st_prepare(to, "UPDATE actors SET parent_id = ?2 WHERE "
	    "id = ?1", err)) == NULL) {
		st_free(q);
		return err->status;
	}
	while ((st = st_step(q, err)) == TWR_ROW) {
		st_int(up, 1, st_col_int(q, 0));
		st_int(up, 2, st_col_int(q, 1));
		if ((st = st_run(up, err)) != TWR_OK)
			break;
	}
	st_free(q);
	st_free(up);
	return st == TWR_DONE ? TWR_OK : st;
}

/* Does TO hold a record or a change? */
static enum twr_status
is_empty(struct twr_db *to, int *empty, struct twr_error *err)
{
	struct stmt *q;
	enum twr_status st;

	if ((q = st_prepare(to, "SELECT (SELECT count(*) FROM changes) + "
	    "(SELECT count(*) FROM actors)", err)) == NULL)
		return err->status;
	if ((st = st_step(q, err)) == TWR_ROW) {
		*empty = st_col_int(q, 0) == 0;
		st = TWR_OK;
	}
	st_free(q);
	return st;
}

static enum twr_status
copy_once(struct twr_db *from, struct twr_db *to, unsigned long *rows,
    struct twr_error *err)
{
	enum twr_status st;
	size_t t;
	int empty = 0;

	*rows = 0;
	if ((st = twr_snapshot_begin(from, err)) != TWR_OK)
		return st;
	if ((st = db_begin_write(to, err)) != TWR_OK) {
		twr_snapshot_end(from);
		return st;
	}
	if ((st = is_empty(to, &empty, err)) == TWR_OK && !empty)
		st = err_code(err, TWR_USAGE, TWR_E_COPY_NOT_EMPTY);
	if (st == TWR_OK && to->ops->keep_authors != NULL)
		st = to->ops->keep_authors(to, err);
	for (t = 0; st == TWR_OK && t < ARRAY_SIZE(tables); t++) {
		st = copy_table(from, to, t, rows, err);
		if (st == TWR_OK && strcmp(tables[t].table, "actors") == 0)
			st = copy_parents(from, to, err);
	}
	if (st == TWR_OK)
		st = search_rebuild(to, err);
	twr_snapshot_end(from);
	if (st != TWR_OK) {
		db_rollback(to);
		return st;
	}
	return db_commit(to, err);
}

enum twr_status
twr_copy(struct twr_db *from, struct twr_db *to, unsigned long *rows,
    struct twr_error *err)
{
	enum twr_status st;

	LOCAL_ERR(err);
	RETRY_WRITE(st, err, copy_once(from, to, rows, err));
	return st;
}
