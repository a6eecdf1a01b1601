/*
 * Reading and writing single records: their type, a field, an actor
 * reference, their third parties.  Loading (loader.c) and editing
 * (edit.c) write through these.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "records.h"
#include "values.h"

enum rec_type
record_type(struct twr_db *db, long long id)
{
	struct stmt *st = st_prepare(db, record_type_sql(), NULL);
	enum rec_type t = REC_NONE;

	if (st == NULL)
		return REC_NONE;
	st_int(st, 1, id);
	if (st_step(st, NULL) == TWR_ROW)
		t = (enum rec_type)st_col_int(st, 0);
	st_free(st);
	return t;
}

const struct kind *
record_kind(struct twr_db *db, enum rec_type type, long long id)
{
	const struct kind *k;
	char *agkind;

	if (type != REC_AGREEMENT)
		return kind_of_type(type);
	agkind = query_text(db, "SELECT kind FROM agreements WHERE id = ?1",
	    id);
	k = kind_of_agreement(agkind);
	free(agkind);
	return k;
}

enum twr_kind
twr_record_kind(struct twr_db *db, long long id)
{
	const struct kind *k = record_kind(db, record_type(db, id), id);

	return k != NULL ? k->kind : TWR_KIND_AUTO;
}

enum twr_status
record_set(struct twr_db *db, const struct table *tab, long long id,
    int field, const char *text, struct twr_error *err)
{
	const char *col = tab->fields[field];
	char sql[200], *key = NULL;
	enum twr_status st;
	struct stmt *q;
	int keyed;

	/* An actor's names are found by their folded keys too.  TAB and
	   its fields are the fixed tables of kinds.c. */
	keyed = tab->type == REC_ACTOR && (field == A_NAME ||
	    field == A_NAME_EN);
	if (keyed && text != NULL && (key = fold_dup(text)) == NULL)
		return err_nomem(err);
	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?1%s%s%s WHERE id = ?2",
	    tab->name, col, keyed ? ", " : "", keyed ? col : "",
	    keyed ? "_key = ?3" : "");
	if ((q = st_prepare(db, sql, err)) == NULL) {
		free(key);
		return err->status;
	}
	st_opt(q, 1, text);
	st_int(q, 2, id);
	if (keyed)
		st_ref(q, 3, key);
	st = st_run(q, err);
	st_free(q);
	free(key);
	return st;
}

enum twr_status
record_set_ref(struct twr_db *db, const struct table *tab, long long id,
    int which, long long actor, struct twr_error *err)
{
	enum twr_status st;
	struct stmt *q;
	char sql[160];

	snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?1 WHERE id = ?2",
	    tab->name, tab->ref[which]);
	if ((q = st_prepare(db, sql, err)) == NULL)
		return err->status;
	st_id(q, 1, actor);
	st_int(q, 2, id);
	st = st_run(q, err);
	st_free(q);
	return st;
}

char *
others_list(struct twr_db *db, long long id)
{
	/* In the order of the actors' ids, stated for every store. */
	return query_text(db, record_type(db, id) == REC_ACTIVITY ?
	    "SELECT group_concat(n, ';') FROM (SELECT " SQL_LABEL("x")
	    " AS n FROM activity_partners ap JOIN actors x ON x.id = "
	    "ap.actor_id WHERE ap.activity_id = ?1 ORDER BY ap.actor_id)" :
	    "SELECT group_concat(n, ';') FROM (SELECT " SQL_LABEL("x")
	    " AS n FROM agreement_parties ap JOIN actors x ON x.id = "
	    "ap.actor_id WHERE ap.agreement_id = ?1 ORDER BY ap.actor_id)", id);
}

enum twr_status
resolve_actor(struct twr_db *db, const char *field, const char *name,
    const char *country, const char *kind, long long change, long long *id,
    struct twr_error *err)
{
	struct stmt *cache = NULL;
	enum twr_status st;
	struct twr_msg m;
	long long *ids;
	size_t n;

	if ((st = actor_lookup(db, name, country, &ids, &n, err)) != TWR_OK)
		return st;
	if (n == 1)
		*id = ids[0];
	free(ids);
	if (n > 1) {
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_AMBIGUOUS;
		m.field = field;
		m.value = name;
		m.n[0] = (long long)n;
		m.n[1] = 1;
		return err_msg(err, TWR_DATAERR, &m);
	}
	if (n == 1)
		return TWR_OK;
	if ((st = db_take_ids(db, 1, id, err)) != TWR_OK ||
	    (st = actor_insert(db, &cache, *id, name, country, kind, 0,
	    err)) != TWR_OK ||
	    (st = change_field(db, change, *id, "add", NULL, NULL, NULL,
	    err)) != TWR_OK) {
		st_free(cache);
		return st;
	}
	st_free(cache);
	memset(&m, 0, sizeof(m));
	m.code = TWR_N_CREATED_ACTOR;
	m.id = *id;
	m.value = name;
	m.value2 = country;
	diag_msg(db, TWR_NOTE, NULL, 0, 0, &m);
	return TWR_OK;
}

enum twr_status
others_set(struct twr_db *db, long long id, const char *list,
    long long change, struct twr_error *err)
{
	int activity = record_type(db, id) == REC_ACTIVITY;
	char *copy, *item, *save = NULL, *name, *cc;
	enum twr_status s;
	long long pid;

	if ((s = db_run(db, activity ? "DELETE FROM activity_partners WHERE "
	    "activity_id = ?1" : "DELETE FROM agreement_parties WHERE "
	    "agreement_id = ?1", id, 0, NULL, err)) != TWR_OK)
		return s;
	if (list == NULL || (copy = xstrdup(list)) == NULL)
		return TWR_OK;
	for (item = strtok_r(copy, ";", &save); item != NULL && s == TWR_OK;
	    item = strtok_r(NULL, ";", &save)) {
		if (party_split(item, &name, &cc) == -1)
			continue;
		if ((s = resolve_actor(db, activity ? "partners" :
		    "other_parties", name, cc, NULL, change, &pid, err)) !=
		    TWR_OK)
			break;
		s = activity ? db_run(db, "INSERT INTO activity_partners("
		    "activity_id, actor_id) SELECT ?1, ?2 WHERE ?2 <> (SELECT "
		    "actor_id FROM activities WHERE id = ?1) ON CONFLICT DO "
		    "NOTHING", id, pid, NULL, err) :
		    db_run(db, "INSERT INTO agreement_parties(agreement_id, "
		    "actor_id) SELECT ?1, ?2 WHERE ?2 NOT IN (SELECT party_id "
		    "FROM agreements WHERE id = ?1 UNION SELECT partner_id FROM "
		    "agreements WHERE id = ?1) ON CONFLICT DO NOTHING", id, pid,
		    NULL, err);
	}
	free(copy);
	return s;
}


enum twr_status
record_set_named(struct twr_db *db, const struct table *tab, long long id,
    const char *column, const char *text, struct twr_error *err)
{
	size_t i;

	for (i = 0; i < tab->nfields; i++)
		if (strcmp(tab->fields[i], column) == 0)
			return record_set(db, tab, id, (int)i, text, err);
	return err_code(err, TWR_INTERNAL, TWR_E_INTERNAL);
}

char *
tie_label(struct twr_db *db, long long id)
{
	enum rec_type t = record_type(db, id);
	const struct table *tab = table_of(t);
	struct twr_buf sql;
	char *s;

	if (t != REC_AGREEMENT && t != REC_MEMBERSHIP)
		return NULL;
	buf_init(&sql);
	buf_printf(&sql, "SELECT %s FROM %s WHERE g.id = ?1", tab->summary,
	    tab->from);
	s = sql.oom ? NULL : query_text(db, sql.p, id);
	buf_free(&sql);
	return s;
}
