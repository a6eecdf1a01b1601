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

/* The record section: every column of the record's CSV kind. */
static enum twr_status
record_rows(struct twr_db *db, struct twr_rows *r, enum rec_type type,
    long long id, struct twr_error *err)
{
	static const char *const sql[] = {
		[REC_ACTOR] = "SELECT a.name, a.country, a.kind, a.name_en, "
		    "(SELECT group_concat(alias, ';') FROM (SELECT alias FROM "
		    "aliases WHERE actor_id = a.id ORDER BY alias COLLATE tr)), "
		    "p.name || ' (' || coalesce(p.country, '?') || ', id ' || "
		    "p.id || ')', a.website, a.source, a.notes FROM actors a "
		    "LEFT JOIN actors p ON p.id = a.parent_id WHERE a.id = ?",
		[REC_AGREEMENT] = "SELECT pa.name, pa.country, pb.name, "
		    "pb.country, g.kind, g.title, g.signed_on, g.signed_place, "
		    "g.status, g.ended_on, g.council_decision_date, "
		    "g.council_decision_no, g.ministry_approval_date, "
		    "g.ministry_approval_no, g.topics, g.source, g.notes, "
		    "(SELECT group_concat(x.name || ' (' || coalesce(x.country, "
		    "'?') || ')', ';') FROM agreement_parties ap JOIN actors x "
		    "ON x.id = ap.actor_id WHERE ap.agreement_id = g.id), "
		    "pa.id, pb.id FROM agreements g "
		    "JOIN actors pa ON pa.id = g.party_id "
		    "JOIN actors pb ON pb.id = g.partner_id WHERE g.id = ?",
		[REC_MEMBERSHIP] = "SELECT pa.name, pa.country, pb.name, "
		    "pb.country, g.status, g.since, g.until, g.roles, "
		    "g.council_decision_date, g.council_decision_no, "
		    "g.ministry_approval_date, g.ministry_approval_no, g.source, "
		    "g.notes, pa.id, pb.id FROM memberships g "
		    "JOIN actors pa ON pa.id = g.member_id "
		    "JOIN actors pb ON pb.id = g.network_id WHERE g.id = ?",
	};
	/* Labels of the SELECT's columns in the order shown; NULL: the
	   kind's own name for that party (municipality, party...). */
	static const struct { const char *label; int col; } ag[] = {
		{ NULL, 0 }, { NULL, 1 }, { NULL, 18 }, { NULL, 2 },
		{ NULL, 3 }, { NULL, 19 }, { "kind", 4 }, { "title", 5 },
		{ "signed_on", 6 }, { "signed_place", 7 }, { "status", 8 },
		{ "ended_on", 9 }, { "council_decision_date", 10 },
		{ "council_decision_no", 11 }, { "ministry_approval_date", 12 },
		{ "ministry_approval_no", 13 }, { "topics", 14 },
		{ "source", 15 }, { "notes", 16 }, { "other_parties", 17 },
	}, mem[] = {
		{ "member", 0 }, { "member_country", 1 }, { "member_id", 14 },
		{ "network", 2 }, { "network_country", 3 },
		{ "network_id", 15 }, { "status", 4 }, { "since", 5 },
		{ "until", 6 }, { "roles", 7 }, { "council_decision_date", 8 },
		{ "council_decision_no", 9 }, { "ministry_approval_date", 10 },
		{ "ministry_approval_no", 11 }, { "source", 12 },
		{ "notes", 13 },
	}, act[] = {
		{ "name", 0 }, { "country", 1 }, { "kind", 2 },
		{ "name_en", 3 }, { "aliases", 4 }, { "parent", 5 },
		{ "website", 6 }, { "source", 7 }, { "notes", 8 },
	};
	static const char *const sister[] = { "municipality",
	    "municipality_country", "municipality_id", "sister_city",
	    "sister_city_country", "sister_city_id" };
	static const char *const other[] = { "party", "party_country",
	    "party_id", "partner", "partner_country", "partner_id" };
	const struct kind *kd;
	struct stmt *st;
	char idtxt[32];
	size_t i, n;
	int rc;

	if ((st = st_prepare(db, sql[type], err)) == NULL)
		return err->status;
	st_int(st, 1, id);
	if ((rc = st_step(st, err)) != TWR_ROW) {
		st_free(st);
		return (rc == TWR_DONE ? err_code(err, TWR_INTERNAL, TWR_E_INTERNAL) : (enum twr_status)rc);
	}
	snprintf(idtxt, sizeof(idtxt), "%lld", id);
	if (type == REC_AGREEMENT)
		kd = kind_of_agreement(st_col_text(st, 4));
	else
		kd = kind_of(type == REC_ACTOR ? TWR_KIND_ACTORS :
		    TWR_KIND_MEMBERSHIPS);
	add3(r, "record", "id", idtxt);
	add3(r, "record", "record", kd->singular);
	n = type == REC_AGREEMENT ? ARRAY_SIZE(ag) : type == REC_MEMBERSHIP ?
	    ARRAY_SIZE(mem) : ARRAY_SIZE(act);
	for (i = 0; i < n; i++) {
		const char *label;
		int col;

		if (type == REC_AGREEMENT) {
			label = ag[i].label ? ag[i].label : kd->agkind ?
			    sister[i] : other[i];
			col = ag[i].col;
		} else if (type == REC_MEMBERSHIP) {
			label = mem[i].label;
			col = mem[i].col;
		} else {
			label = act[i].label;
			col = act[i].col;
		}
		if (add3(r, "record", label, st_col_text(st, col)) == -1) {
			st_free(st);
			return err_nomem(err);
		}
	}
	st_free(st);
	return TWR_OK;
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
	    "'') || coalesce(' (' || c.reason || ')', ''), c.id AS cid "
	    "FROM history h JOIN changes c ON c.id = h.change_id "
	    "WHERE h.record_id = ?1 "
	    "UNION ALL "
	    "SELECT c.at, c.by || ': import batch ' || b.id || ' (' || b.files "
	    "|| ')' || CASE WHEN b.undone_by IS NULL THEN '' ELSE ', undone' "
	    "END, c.id FROM batches b JOIN changes c ON c.id = b.change_id "
	    "WHERE b.id = (SELECT batch_id FROM actors WHERE id = ?1 UNION ALL "
	    "SELECT batch_id FROM agreements WHERE id = ?1 UNION ALL "
	    "SELECT batch_id FROM memberships WHERE id = ?1) "
	    "ORDER BY cid DESC";

	return add_query(db, r, "history", sql, id, err);
}

enum twr_status
twr_show(struct twr_db *db, const char *what, struct twr_rows **rowsp,
    struct twr_error *err)
{
	struct twr_rows *r;
	enum twr_status st;
	enum rec_type type;
	struct twr_msg m;
	struct twr_buf b;
	long long id, *ids;
	size_t n, i;

	LOCAL_ERR(err);
	*rowsp = NULL;
	memset(&m, 0, sizeof(m));
	if (parse_int64(what, &id) == 0) {
		if ((type = record_type(db, id)) == REC_NONE) {
			m.code = TWR_E_NOT_FOUND;
			m.id = id;
			return err_msg(err, TWR_NOTFOUND, &m);
		}
	} else {
		if ((st = actor_lookup(db, what, NULL, &ids, &n, err)) !=
		    TWR_OK)
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
					buf_printf(&b, "%s%lld", i ? ", " : "",
					    ids[i]);
				m.code = TWR_E_NAMES_N;
				m.n[0] = (long long)n;
				m.value2 = buf_str(&b);
				st = err_msg(err, TWR_USAGE, &m);
			}
			buf_free(&b);
			free(ids);
			return st;
		}
		id = ids[0];
		free(ids);
		type = REC_ACTOR;
	}
	if ((r = rows_new(3, show_cols, show_types, TWR_ROWS_SECTIONED |
	    TWR_ROWS_PAIRS)) == NULL)
		return err_nomem(err);
	if ((st = record_rows(db, r, type, id, err)) != TWR_OK ||
	    (type == REC_ACTOR && (st = actor_ties(db, r, id, err)) !=
	    TWR_OK) || (st = history_rows(db, r, id, err)) != TWR_OK) {
		twr_rows_free(r);
		return st;
	}
	*rowsp = r;
	return TWR_OK;
}
