/*
 * One record, every field, its parties or other spellings, its ties, and
 * its history newest first: sectioned rows (section, field, value).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "kinds.h"

static const char *const show_cols[] = { "section", "field", "value" };
static const enum twr_type show_types[] = { TWR_TEXT, TWR_TEXT, TWR_TEXT };

static int
add3(struct twr_rows *r, const char *sec, const char *field,
    const char *value)
{
	const char *v[3] = { sec, field, value };

	return rows_add(r, v);
}

/* Append the rows SQL (one parameter, ID) yields as (SEC, col0, col1). */
static enum twr_status
add_query(struct twr_db *db, struct twr_rows *r, const char *sec,
    const char *sql, long long id, struct twr_error *err)
{
	struct stmt *st = st_prepare(db, sql, err);
	int rc;

	if (st == NULL)
		return err->status;
	st_int(st, 1, id);
	while ((rc = st_step(st, err)) == TWR_ROW)
		if (add3(r, sec, st_col_text(st, 0),
		    st_col_text(st, 1)) == -1) {
			st_free(st);
			return err_nomem(err);
		}
	st_free(st);
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

/* The column of K or, for an agreement's kind and names the sister
 * cities' lack, of the partnerships, named NAME. */
static const struct column *
show_column(const struct kind *k, const char *name)
{
	const struct column *c = column_find(k, name);

	if (c == NULL && k->tab->type == REC_AGREEMENT)
		c = column_find(kind_of(TWR_KIND_PARTNERSHIPS), name);
	return c;
}

/*
 * The record section: its id and kind, its actors (name, country, id),
 * then the fields of its table's show list (kinds.c).
 */
static enum twr_status
record_rows(struct twr_db *db, struct twr_rows *r, enum rec_type type,
    long long id, struct twr_error *err)
{
	const struct table *tab = table_of(type);
	const char *labels[MAX_COLUMNS + 8];
	const struct kind *k;
	struct twr_buf sql;
	struct stmt *st;
	char idtxt[32], idname[64];
	size_t i, n = 0;
	int rc, side;

	k = record_kind(db, type, id);
	buf_init(&sql);
	buf_adds(&sql, "SELECT g.id");
	/* Each actor of a tie or activity: its name, country and id. */
	for (side = 0; side < 2 && type != REC_ACTOR; side++)
		for (i = 0; i < k->ncols; i++) {
			const struct column *c = &k->cols[i];

			if (c->role != (side ? R_NAME_B : R_NAME_A) &&
			    c->role != (side ? R_COUNTRY_B : R_COUNTRY_A))
				continue;
			buf_printf(&sql, ", %s", c->expr);
			labels[n++] = c->name;
			if (c->role == (side ? R_COUNTRY_B : R_COUNTRY_A)) {
				buf_printf(&sql, ", %s.id", side ? "pb" : "pa");
				labels[n++] = NULL;	/* the id, named below */
			}
		}
	for (i = 0; tab->show[i].name != NULL; i++) {
		const struct column *c = show_column(k, tab->show[i].name);

		buf_printf(&sql, ", %s", tab->show[i].expr != NULL ?
		    tab->show[i].expr : c != NULL ? c->expr : "NULL");
		labels[n++] = tab->show[i].name;
	}
	buf_printf(&sql, " FROM %s WHERE g.id = ?1", tab->from);
	st = sql.oom ? NULL : st_prepare(db, sql.p, err);
	if (sql.oom)
		err_nomem(err);
	buf_free(&sql);
	if (st == NULL)
		return err->status;
	st_int(st, 1, id);
	if ((rc = st_step(st, err)) != TWR_ROW) {
		st_free(st);
		return rc == TWR_DONE ? err_code(err, TWR_INTERNAL,
		    TWR_E_INTERNAL) : (enum twr_status)rc;
	}
	snprintf(idtxt, sizeof(idtxt), "%lld", id);
	rc = add3(r, "record", "id", idtxt) | add3(r, "record", "record",
	    k->singular);
	for (i = 0; i < n && rc == 0; i++) {
		const char *label = labels[i];

		if (label == NULL) {
			/* "municipality_id" after "municipality_country". */
			snprintf(idname, sizeof(idname), "%.*s_id",
			    (int)(strlen(labels[i - 1]) - strlen("_country")),
			    labels[i - 1]);
			label = idname;
		}
		rc = add3(r, "record", label, st_col_text(st, (int)i + 1));
	}
	st_free(st);
	return rc == -1 ? err_nomem(err) : TWR_OK;
}

/* A tie's activities, newest first (the undated last: NULL is the
   least), each "ID: DATE, ACTOR, TITLE", and the date of its last one
   (both read from the activities_tie index: nothing is sorted, and the
   last date is one step, not a count). */
static enum twr_status
tie_activities(struct twr_db *db, struct twr_rows *r, long long id,
    struct twr_error *err)
{
	static const char last[] = "SELECT 'last_activity', (SELECT "
	    "max(date) FROM activities WHERE tie_id = ?1) WHERE EXISTS "
	    "(SELECT 1 FROM activities WHERE tie_id = ?1)";
	static const char list[] = "SELECT g.type, g.id, g.date, pa.name, "
	    "g.title FROM activities g JOIN actors pa ON pa.id = g.actor_id "
	    "WHERE g.tie_id = ?1 ORDER BY g.date DESC, g.id DESC";
	enum twr_status st;
	struct stmt *q;
	struct twr_buf line;
	int rc;

	if ((st = add_query(db, r, "record", last, id, err)) != TWR_OK)
		return st;
	if ((q = st_prepare(db, list, err)) == NULL)
		return err->status;
	st_int(q, 1, id);
	buf_init(&line);
	while ((rc = st_step(q, err)) == TWR_ROW) {
		buf_reset(&line);
		buf_printf(&line, "%lld: ", st_col_int(q, 1));
		if (!st_col_null(q, 2)) {
			buf_adds(&line, st_col_text(q, 2));
			buf_adds(&line, ", ");
		}
		buf_adds(&line, st_col_text(q, 3));
		buf_adds(&line, ", ");
		buf_adds(&line, st_col_text(q, 4));
		if (line.oom || add3(r, "activities", st_col_text(q, 0),
		    buf_str(&line)) == -1) {
			rc = err_nomem(err);
			break;
		}
	}
	buf_free(&line);
	st_free(q);
	return rc == TWR_DONE ? TWR_OK : (enum twr_status)rc;
}

/* The ties of actor ID, and the actors that are part of it. */
static enum twr_status
actor_ties(struct twr_db *db, struct twr_rows *r, long long id,
    struct twr_error *err)
{
	static const char ties[] =
	    "SELECT g.kind, g.id || ': ' || o.name || ' (' || "
	    "coalesce(o.country, '?') || ')' || coalesce(', ' || g.signed_on, "
	    "'') || CASE g.status WHEN 'active' THEN '' ELSE ', ' || g.status "
	    "END FROM agreements g JOIN actors o ON o.id = CASE g.party_id "
	    "WHEN ?1 THEN g.partner_id ELSE g.party_id END "
	    "WHERE g.party_id = ?1 OR g.partner_id = ?1 "
	    "ORDER BY g.kind, o.name COLLATE tr, g.id";
	static const char more[] =
	    "SELECT g.kind, g.id || ': ' || pa.name || ' - ' || pb.name "
	    "|| coalesce(', ' || g.signed_on, '') FROM agreement_parties ap "
	    "JOIN agreements g ON g.id = ap.agreement_id "
	    "JOIN actors pa ON pa.id = g.party_id "
	    "JOIN actors pb ON pb.id = g.partner_id WHERE ap.actor_id = ?1 "
	    "ORDER BY g.id";
	static const char member[] =
	    "SELECT 'member of', g.id || ': ' || n.name || ' (' || "
	    "coalesce(n.country, '?') || '), ' || g.status || "
	    "coalesce(', since ' || g.since, '') || coalesce(', until ' || "
	    "g.until, '') FROM memberships g JOIN actors n ON n.id = "
	    "g.network_id WHERE g.member_id = ?1 "
	    "ORDER BY n.name COLLATE tr, g.id";
	static const char members[] =
	    "SELECT 'has member', g.id || ': ' || m.name || ' (' || "
	    "coalesce(m.country, '?') || '), ' || g.status FROM memberships g "
	    "JOIN actors m ON m.id = g.member_id WHERE g.network_id = ?1 "
	    "ORDER BY m.name COLLATE tr, g.id";
	static const char parts[] =
	    "SELECT 'part', id || ': ' || name FROM actors WHERE parent_id = ?1 "
	    "ORDER BY name COLLATE tr, id";
	enum twr_status st;

	if ((st = add_query(db, r, "ties", ties, id, err)) != TWR_OK ||
	    (st = add_query(db, r, "ties", more, id, err)) != TWR_OK ||
	    (st = add_query(db, r, "ties", member, id, err)) != TWR_OK ||
	    (st = add_query(db, r, "ties", members, id, err)) != TWR_OK)
		return st;
	return add_query(db, r, "parts", parts, id, err);
}

static enum twr_status
history_rows(struct twr_db *db, struct twr_rows *r, long long id,
    struct twr_error *err)
{
	/* Field changes, and the import batch that created the record,
	   newest first; (when, what) pairs. */
	static const char sql[] =
	    "SELECT c.at, c.by || ': ' || c.command || "
	    "CASE h.action WHEN 'add' THEN ' (added)' "
	    "WHEN 'delete' THEN ' (deleted)' ELSE '' END || "
	    "coalesce(': ' || h.field || ' ' || coalesce('''' || h.old || '''', "
	    "'(none)') || ' -> ' || coalesce('''' || h.new || '''', '(none)'), "
	    "'') || coalesce(' (' || c.reason || ')', ''), c.id AS cid, "
	    "h.rowid AS hid FROM history h JOIN changes c ON c.id = "
	    "h.change_id WHERE h.record_id = ?1 "
	    "UNION ALL "
	    "SELECT c.at, c.by || ': import batch ' || b.id || ' (' || b.files "
	    "|| ')' || CASE WHEN b.undone_by IS NULL THEN '' ELSE ', undone' "
	    "END, c.id, 0 FROM batches b JOIN changes c ON c.id = b.change_id "
	    "WHERE b.id = (SELECT batch_id FROM actors WHERE id = ?1 UNION ALL "
	    "SELECT batch_id FROM agreements WHERE id = ?1 UNION ALL "
	    "SELECT batch_id FROM memberships WHERE id = ?1 UNION ALL "
	    "SELECT batch_id FROM activities WHERE id = ?1) "
	    "ORDER BY cid DESC, hid";

	return add_query(db, r, "history", sql, id, err);
}

enum twr_status
record_named(struct twr_db *db, const char *what, long long *id,
    enum rec_type *type, struct twr_error *err)
{
	enum twr_status st;
	struct twr_msg m;
	struct twr_buf b;
	long long *ids;
	size_t n, i;

	memset(&m, 0, sizeof(m));
	if (parse_int64(what, id) == 0) {
		if ((*type = record_type(db, *id)) == REC_NONE) {
			m.code = TWR_E_NOT_FOUND;
			m.id = *id;
			return err_msg(err, TWR_NOTFOUND, &m);
		}
		return TWR_OK;
	}
	if ((st = actor_lookup(db, what, NULL, &ids, &n, err)) != TWR_OK)
		return st;
	if (n != 1) {
		buf_init(&b);
		m.value = what;
		if (n == 0) {
			actor_suggest(db, what, &b);
			m.code = TWR_E_NO_SUCH_NAME;
			m.hint = b.len ? b.p : NULL;
			st = err_msg(err, TWR_NOTFOUND, &m);
		} else {
			for (i = 0; i < n; i++)
				buf_printf(&b, "%s%lld", i ? ", " : "", ids[i]);
			m.code = TWR_E_NAMES_N;
			m.n[0] = (long long)n;
			m.value2 = buf_str(&b);
			st = err_msg(err, TWR_USAGE, &m);
		}
		buf_free(&b);
		free(ids);
		return st;
	}
	*id = ids[0];
	free(ids);
	*type = REC_ACTOR;
	return TWR_OK;
}

enum twr_status
twr_show(struct twr_db *db, const char *what, struct twr_rows **rowsp,
    struct twr_error *err)
{
	struct twr_rows *r = NULL;
	enum twr_status st;
	enum rec_type type;
	long long id;
	int snap;

	LOCAL_ERR(err);
	*rowsp = NULL;
	/* The record, its ties and its history as of one moment. */
	if ((st = db_read_begin(db, &snap, err)) != TWR_OK)
		return st;
	if ((st = record_named(db, what, &id, &type, err)) != TWR_OK)
		goto out;
	if ((r = rows_new(3, show_cols, show_types, TWR_ROWS_SECTIONED |
	    TWR_ROWS_PAIRS)) == NULL) {
		st = err_nomem(err);
		goto out;
	}
	if ((st = record_rows(db, r, type, id, err)) != TWR_OK ||
	    (type == REC_ACTOR && (st = actor_ties(db, r, id, err)) !=
	    TWR_OK) || ((type == REC_AGREEMENT || type == REC_MEMBERSHIP) &&
	    (st = tie_activities(db, r, id, err)) != TWR_OK) ||
	    (st = history_rows(db, r, id, err)) != TWR_OK)
		goto out;
	*rowsp = r;
	r = NULL;
out:
	twr_rows_free(r);
	db_read_end(db, snap);
	return st;
}
