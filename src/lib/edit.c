/*
 * Changing one record: update, end, delete.  Each is one transaction and
 * one change in the history, with every field's old and new value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

static const struct tabledef *
tab_of(enum rec_type type)
{
	return type == REC_AGREEMENT ? &tab_agreements :
	    type == REC_MEMBERSHIP ? &tab_memberships : &tab_actors;
}

static const char *
type_name(enum rec_type type)
{
	return type == REC_AGREEMENT ? "an agreement" :
	    type == REC_MEMBERSHIP ? "a membership" : "an actor";
}

/* "--signed-on" for field NAME. */
static void
flag_name(const char *name, char *out, size_t size)
{
	size_t i;

	snprintf(out, size, "--%s", name);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '_')
			out[i] = '-';
}

/* The current state of a record: its text fields and its actor ids. */
struct state {
	char *f[MAX_FIELDS];
	long long a, b;		/* parties, member and network, or parent */
	char *aliases;		/* actors */
	char *others;		/* agreements: "Name (CC);..." */
};

static void
state_free(struct state *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(s->f[i]);
	free(s->aliases);
	free(s->others);
	memset(s, 0, sizeof(*s));
}

static char *
query_text(struct twr_db *db, const char *sql, long long id)
{
	struct stmt *st = st_prepare(db, sql, NULL);
	char *s = NULL;

	if (st == NULL)
		return NULL;
	st_int(st, 1, id);
	if (st_step(st, NULL) == TWR_ROW)
		s = xstrdup(st_col_text(st, 0));
	st_free(st);
	return s;
}

static enum twr_status
state_load(struct twr_db *db, const struct tabledef *tab, long long id,
    struct state *s, struct twr_error *err)
{
	struct twr_buf sql;
	struct stmt *st;
	size_t i;
	int rc;

	memset(s, 0, sizeof(*s));
	buf_init(&sql);
	buf_adds(&sql, "SELECT ");
	for (i = 0; i < tab->nfields; i++)
		buf_printf(&sql, "%s, ", tab->fields[i]);
	if (tab->a_col != NULL)
		buf_printf(&sql, "%s, %s", tab->a_col, tab->b_col);
	else
		buf_adds(&sql, "parent_id, 0");
	buf_printf(&sql, " FROM %s WHERE id = ?", tab->table);
	st = st_prepare(db, buf_str(&sql), err);
	buf_free(&sql);
	if (st == NULL)
		return err->status;
	st_int(st, 1, id);
	if ((rc = st_step(st, err)) != TWR_ROW) {
		st_free(st);
		return (rc == TWR_DONE ? set_err(err, TWR_INTERNAL, "a record went missing") : (enum twr_status)rc);
	}
	for (i = 0; i < tab->nfields; i++)
		s->f[i] = xstrdup(st_col_text(st,
		    (int)i));
	s->a = st_col_int(st, (int)tab->nfields);
	s->b = st_col_int(st, (int)tab->nfields + 1);
	st_free(st);
	if (tab->type == REC_ACTOR)
		s->aliases = alias_list(db, id);
	if (tab->type == REC_AGREEMENT)
		s->others = others_list(db, id);
	return TWR_OK;
}

char *
others_list(struct twr_db *db, long long id)
{
	return query_text(db, "SELECT group_concat(x.name || ' (' || "
	    "coalesce(x.country, '?') || ')', ';') FROM agreement_parties ap "
	    "JOIN actors x ON x.id = ap.actor_id WHERE ap.agreement_id = ?",
	    id);
}

char *
alias_list(struct twr_db *db, long long id)
{
	return query_text(db, "SELECT group_concat(alias, ';') FROM (SELECT "
	    "alias FROM aliases WHERE actor_id = ? ORDER BY alias)", id);
}

static int
same(const char *a, const char *b)
{
	return (a == NULL || *a == '\0') ? (b == NULL || *b == '\0') :
	    (b != NULL && strcmp(a, b) == 0);
}

enum twr_status
exec_update(struct twr_db *db, const char *table, const char *column,
    long long id, const char *text, long long num, int is_num,
    struct twr_error *err)
{
	char sql[200];
	struct stmt *st;
	int rc;

	/* TABLE and COLUMN come from the fixed tables of record.c. */
	if (strcmp(column, "name") == 0 && strcmp(table, "actors") == 0)
		snprintf(sql, sizeof(sql), "UPDATE actors SET name = ?1, "
		    "name_key = twr_fold(?1) WHERE id = ?2");
	else if (strcmp(column, "name_en") == 0)
		snprintf(sql, sizeof(sql), "UPDATE actors SET name_en = ?1, "
		    "name_en_key = twr_fold(?1) WHERE id = ?2");
	else
		snprintf(sql, sizeof(sql), "UPDATE %s SET %s = ?1 WHERE id = ?2",
		    table, column);
	if ((st = st_prepare(db, sql, err)) == NULL)
		return err->status;
	if (is_num && num != 0)
		st_int(st, 1, num);
	else if (is_num)
		st_null(st, 1);
	else
		st_opt(st, 1, text);
	st_int(st, 2, id);
	rc = st_step(st, err);
	st_free(st);
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

/*
 * The actor NAME names in COUNTRY, created (with KIND) when the registry
 * has none; FLAG names the option for messages.
 */
static enum twr_status
resolve_actor(struct twr_db *db, const char *flag, const char *name,
    const char *country, const char *kind, long long change, long long *id,
    struct twr_error *err)
{
	struct stmt *cache = NULL;
	enum twr_status st;
	long long *ids;
	size_t n;

	if ((st = actor_lookup(db, name, country, &ids, &n, err)) != TWR_OK)
		return st;
	if (n == 1)
		*id = ids[0];
	free(ids);
	if (n > 1)
		return set_err(err, TWR_DATAERR, "%s: '%s' names %zu actors; "
		    "give the country or rename one", flag, name, n);
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
	diagf(db, TWR_NOTE, NULL, 0, 0, NULL, "created actor %lld '%s'%s%s%s",
	    *id, name, country ? " (" : "", country ? country : "",
	    country ? ")" : "");
	return TWR_OK;
}

enum twr_status
set_aliases(struct twr_db *db, long long id, const char *list,
    struct twr_error *err)
{
	struct stmt *st;
	char *copy, *item, *save = NULL;
	enum twr_status s;
	int rc = TWR_DONE;

	if ((s = db_run(db, "DELETE FROM aliases WHERE actor_id = ?1", id, 0,
	    NULL, err)) != TWR_OK)
		return s;
	if (list == NULL || (copy = xstrdup(list)) == NULL)
		return TWR_OK;
	st = st_prepare(db, "INSERT OR IGNORE INTO aliases(actor_id, alias, "
	    "alias_key) SELECT ?1, ?2, twr_fold(?2) WHERE twr_fold(?2) <> "
	    "(SELECT name_key FROM actors WHERE id = ?1)", err);
	for (item = strtok_r(copy, ";", &save); st != NULL && item != NULL &&
	    rc == TWR_DONE; item = strtok_r(NULL, ";", &save)) {
		st_reset(st);
		st_int(st, 1, id);
		st_ref(st, 2, item);
		rc = st_step(st, err);
	}
	st_free(st);
	free(copy);
	if (st == NULL)
		return err->status;
	if (rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

enum twr_status
set_others(struct twr_db *db, long long id, const char *list,
    long long change, struct twr_error *err)
{
	char *copy, *item, *save = NULL, *name, *cc;
	enum twr_status s;
	long long pid;

	if ((s = db_run(db, "DELETE FROM agreement_parties WHERE agreement_id "
	    "= ?1", id, 0, NULL, err)) != TWR_OK)
		return s;
	if (list == NULL || (copy = xstrdup(list)) == NULL)
		return TWR_OK;
	for (item = strtok_r(copy, ";", &save); item != NULL && s == TWR_OK;
	    item = strtok_r(NULL, ";", &save)) {
		if (party_split(item, &name, &cc) == -1)
			continue;
		if ((s = resolve_actor(db, "--other-parties", name, cc, NULL,
		    change, &pid, err)) != TWR_OK)
			break;
		s = db_run(db, "INSERT OR IGNORE INTO agreement_parties("
		    "agreement_id, actor_id) SELECT ?1, ?2 WHERE ?2 NOT IN "
		    "(SELECT party_id FROM agreements WHERE id = ?1 UNION "
		    "SELECT partner_id FROM agreements WHERE id = ?1)", id, pid,
		    NULL, err);
	}
	free(copy);
	return s;
}

/* Is the identity of the record as it would be taken by another? */
static enum twr_status
identity_taken(struct twr_db *db, enum rec_type type, long long id,
    const struct state *s, long long *other, struct twr_error *err)
{
	static const char *const sql[] = {
		[REC_AGREEMENT] = "SELECT id FROM agreements WHERE "
		    "min(party_id, partner_id) = min(?1, ?2) AND "
		    "max(party_id, partner_id) = max(?1, ?2) AND kind = ?3 AND "
		    "coalesce(signed_on, '') = coalesce(?4, '') AND id <> ?5",
		[REC_MEMBERSHIP] = "SELECT id FROM memberships WHERE "
		    "member_id = ?1 AND network_id = ?2 AND "
		    "coalesce(since, '') = coalesce(?4, '') AND id <> ?5",
		[REC_ACTOR] = "SELECT id FROM actors WHERE "
		    "name_key = twr_fold(?3) AND coalesce(country, '') = "
		    "coalesce(?4, '') AND id <> ?5",
	};
	struct stmt *st;
	int rc;

	if ((st = st_prepare(db, sql[type], err)) == NULL)
		return err->status;
	st_int(st, 1, s->a);
	st_int(st, 2, s->b);
	switch (type) {
	case REC_AGREEMENT:
		st_opt(st, 3, s->f[AG_KIND]);
		st_opt(st, 4, s->f[AG_SIGNED_ON]);
		break;
	case REC_MEMBERSHIP:
		st_opt(st, 4, s->f[M_SINCE]);
		break;
	default:
		st_opt(st, 3, s->f[A_NAME]);
		st_opt(st, 4, s->f[A_COUNTRY]);
	}
	st_int(st, 5, id);
	*other = 0;
	if ((rc = st_step(st, err)) == TWR_ROW)
		*other = st_col_int(st, 0);
	st_free(st);
	if (rc != TWR_ROW && rc != TWR_DONE)
		return (enum twr_status)rc;
	return TWR_OK;
}

/* One given field, checked and normalized. */
struct given {
	const struct colspec *c;
	char *value;		/* NULL: clear the field */
	char flag[48];
};

/* Check the fields given for a record of TYPE; errors go through the
 * diagnostic callback and are counted in *ERRORS. */
static enum twr_status
check_fields(struct twr_db *db, enum rec_type type,
    const struct twr_field *fields, size_t n, struct given *g,
    unsigned *errors, struct twr_error *err)
{
	const struct kinddef *kds[2];
	struct twr_buf out, msg;
	size_t i, j, nk;

	kds[0] = type == REC_AGREEMENT ? kinddef_of(TWR_KIND_PARTNERSHIPS) :
	    kinddef_of(type == REC_MEMBERSHIP ? TWR_KIND_MEMBERSHIPS :
	    TWR_KIND_ACTORS);
	kds[1] = kinddef_of(TWR_KIND_SISTER_CITIES);
	nk = type == REC_AGREEMENT ? 2 : 1;
	buf_init(&out);
	buf_init(&msg);
	for (i = 0; i < n; i++) {
		char *raw;

		for (j = 0, g[i].c = NULL; j < nk && g[i].c == NULL; j++)
			g[i].c = colspec_find(kds[j], fields[i].name);
		flag_name(fields[i].name, g[i].flag, sizeof(g[i].flag));
		if (g[i].c == NULL) {
			kind_columns_text(kds[0], &out);
			set_err(err, TWR_USAGE, "unknown field '%s' for %s "
			    "(expected %s)", g[i].flag, type_name(type),
			    buf_str(&out));
			goto fail;
		}
		for (j = 0; j < i; j++)
			if (g[j].c == g[i].c ||
			    (g[j].c->role == g[i].c->role && g[i].c->role !=
			    R_FIELD) || (g[i].c->role == R_FIELD &&
			    g[j].c->role == R_FIELD && g[j].c->field ==
			    g[i].c->field)) {
				set_err(err, TWR_USAGE, "field '%s' given "
				    "twice", g[i].flag);
				goto fail;
			}
		if ((raw = xstrdup(fields[i].value)) == NULL) {
			set_err(err, TWR_INTERNAL, "out of memory");
			goto fail;
		}
		trim_blanks(raw);
		g[i].value = NULL;
		if (*raw == '\0') {
			if (g[i].c->required || g[i].c->role == R_NAME_A ||
			    g[i].c->role == R_NAME_B) {
				diagf(db, TWR_ERROR, NULL, 0, 0, g[i].flag,
				    "cannot be empty (expected a value)");
				(*errors)++;
			}
			free(raw);
			continue;
		}
		buf_reset(&out);
		buf_reset(&msg);
		if (value_norm(g[i].c->type, raw, &out, &msg) == -1) {
			diagf(db, TWR_ERROR, NULL, 0, 0, g[i].flag, "%s",
			    buf_str(&msg));
			(*errors)++;
		} else if ((g[i].value = xstrdup(buf_str(&out))) == NULL) {
			free(raw);
			set_err(err, TWR_INTERNAL, "out of memory");
			goto fail;
		}
		free(raw);
	}
	buf_free(&out);
	buf_free(&msg);
	return TWR_OK;
fail:
	buf_free(&out);
	buf_free(&msg);
	return err->status;
}

/* Apply G to the state S of record ID, resolving actors. */
static enum twr_status
apply(struct twr_db *db, enum rec_type type, long long id,
    const struct given *g, size_t n, struct state *s, long long change,
    struct twr_error *err)
{
	enum twr_status st;
	size_t i, side;

	for (i = 0; i < n; i++) {
		if (g[i].c->role == R_FIELD) {
			free(s->f[g[i].c->field]);
			s->f[g[i].c->field] = xstrdup(g[i].value);
		} else if (g[i].c->role == R_ALIASES) {
			free(s->aliases);
			s->aliases = xstrdup(g[i].value);
		} else if (g[i].c->role == R_OTHER_PARTIES) {
			free(s->others);
			s->others = xstrdup(g[i].value);
		}
	}
	/* A party: its name and country, each defaulting to the current
	   party's. */
	for (side = 0; side < 2; side++) {
		const char *name = NULL, *cc = NULL, *flag = NULL;
		long long cur = side ? s->b : s->a;
		char *cur_name, *cur_cc;
		int set = 0;

		if (type == REC_ACTOR)
			break;
		for (i = 0; i < n; i++) {
			enum role r = g[i].c->role;

			if (r == (side ? R_NAME_B : R_NAME_A)) {
				name = g[i].value;
				flag = g[i].flag;
				set = 1;
			} else if (r == (side ? R_COUNTRY_B : R_COUNTRY_A)) {
				cc = g[i].value;
				if (flag == NULL)
					flag = g[i].flag;
				set = 1;
			}
		}
		if (!set)
			continue;
		cur_name = query_text(db, "SELECT name FROM actors WHERE id = ?",
		    cur);
		cur_cc = query_text(db, "SELECT country FROM actors WHERE "
		    "id = ?", cur);
		/* A name alone: the one actor of that name in any country,
		   else a new one in the current party's country. */
		if (name != NULL && cc == NULL) {
			long long *ids;
			size_t k;

			st = actor_lookup(db, name, NULL, &ids, &k, err);
			if (st == TWR_OK && k == 1) {
				*(side ? &s->b : &s->a) = ids[0];
			}
			free(ids);
			if (st == TWR_OK && k > 1)
				st = set_err(err, TWR_DATAERR, "%s: '%s' names "
				    "%zu actors; give the country too", flag,
				    name, k);
			if (st != TWR_OK || k == 1) {
				free(cur_name);
				free(cur_cc);
				if (st != TWR_OK)
					return st;
				continue;
			}
		}
		st = resolve_actor(db, flag, name ? name : cur_name, cc ? cc :
		    cur_cc, side && type == REC_MEMBERSHIP ? "network" : NULL,
		    change, side ? &s->b : &s->a, err);
		free(cur_name);
		free(cur_cc);
		if (st != TWR_OK)
			return st;
	}
	for (i = 0; type == REC_ACTOR && i < n; i++) {
		if (g[i].c->role != R_PARENT)
			continue;
		if (g[i].value == NULL) {
			s->a = 0;
			continue;
		}
		{
			const char *pcc;
			char *pname = parent_split(g[i].value, s->f[A_COUNTRY],
			    &pcc);

			if (pname == NULL)
				return set_err(err, TWR_INTERNAL,
				    "out of memory");
			st = resolve_actor(db, g[i].flag, pname, pcc, NULL,
			    change, &s->a, err);
			free(pname);
			if (st != TWR_OK)
				return st;
		}
		if (s->a == id)
			return set_err(err, TWR_DATAERR, "%s: an actor cannot "
			    "be its own parent", g[i].flag);
	}
	return TWR_OK;
}

enum twr_status
twr_update(struct twr_db *db, long long id, const struct twr_field *fields,
    size_t n, struct twr_error *err)
{
	const struct tabledef *tab;
	struct given *g;
	struct state old, cur;
	enum rec_type type;
	enum twr_status st;
	long long change = 0, other;
	unsigned errors = 0, changed = 0;
	size_t i;

	if ((type = record_type(db, id)) == REC_NONE)
		return set_err(err, TWR_NOTFOUND, "no record %lld", id);
	if (n == 0)
		return set_err(err, TWR_USAGE, "nothing to update (give "
		    "--FIELD VALUE)");
	tab = tab_of(type);
	if ((g = calloc(n, sizeof(*g))) == NULL)
		return set_err(err, TWR_INTERNAL, "out of memory");
	memset(&old, 0, sizeof(old));
	memset(&cur, 0, sizeof(cur));
	if ((st = check_fields(db, type, fields, n, g, &errors, err)) !=
	    TWR_OK)
		goto out;
	if (errors > 0) {
		st = set_err(err, TWR_DATAERR, "%u bad value%s; nothing was "
		    "changed", errors, errors == 1 ? "" : "s");
		goto out;
	}
	if ((st = db_begin_write(db, err)) != TWR_OK)
		goto out;
	if ((st = change_begin(db, "update", NULL, &change, err)) != TWR_OK ||
	    (st = state_load(db, tab, id, &old, err)) != TWR_OK ||
	    (st = state_load(db, tab, id, &cur, err)) != TWR_OK ||
	    (st = apply(db, type, id, g, n, &cur, change, err)) != TWR_OK)
		goto fail;
	if (type != REC_ACTOR && cur.a == cur.b) {
		st = set_err(err, TWR_DATAERR, "the two parties would be the "
		    "same actor (%lld)", cur.a);
		goto fail;
	}
	if (type == REC_ACTOR && cur.a != 0 && cur.a != old.a &&
	    parent_loop(db, id, cur.a)) {
		st = set_err(err, TWR_DATAERR, "--parent: %lld is part of "
		    "actor %lld (expected an actor that is not part of it)",
		    cur.a, id);
		goto fail;
	}
	if ((st = identity_taken(db, type, id, &cur, &other, err)) != TWR_OK)
		goto fail;
	if (other != 0) {
		st = set_err(err, TWR_DATAERR, "record %lld already has the same "
		    "%s; the update would make the two identical", other,
		    type == REC_AGREEMENT ? "parties, kind and signing date" :
		    type == REC_MEMBERSHIP ? "member, network and start" :
		    "name and country");
		goto fail;
	}
	for (i = 0; i < tab->nfields; i++) {
		if (same(old.f[i], cur.f[i]))
			continue;
		if (cur.f[i] == NULL && (type != REC_ACTOR || i != A_COUNTRY) &&
		    ((type == REC_AGREEMENT && (i == AG_KIND ||
		    i == AG_STATUS)) || (type == REC_MEMBERSHIP &&
		    i == M_STATUS) || (type == REC_ACTOR && i == A_NAME))) {
			st = set_err(err, TWR_DATAERR, "--%s cannot be empty",
			    tab->fields[i]);
			goto fail;
		}
		if ((st = exec_update(db, tab->table, tab->fields[i], id,
		    cur.f[i], 0, 0, err)) != TWR_OK ||
		    (st = change_field(db, change, id, "update",
		    tab->fields[i], old.f[i], cur.f[i], err)) != TWR_OK)
			goto fail;
		changed++;
	}
	if (cur.a != old.a || cur.b != old.b) {
		const char *cols[2] = { tab->a_col ? tab->a_col : "parent_id",
			tab->b_col }, *names[2] = { tab->a_name, tab->b_name };
		long long was[2] = { old.a, old.b }, now[2] = { cur.a, cur.b };
		int k;

		for (k = 0; k < 2; k++) {
			if (was[k] == now[k] || cols[k] == NULL)
				continue;
			if ((st = exec_update(db, tab->table, cols[k], id, NULL,
			    now[k], 1, err)) != TWR_OK || (st = change_ref(db,
			    change, id, "update", names[k], was[k], now[k],
			    err)) != TWR_OK)
				goto fail;
			changed++;
		}
	}
	if (type == REC_ACTOR && !same(old.aliases, cur.aliases)) {
		char *now;

		if ((st = set_aliases(db, id, cur.aliases, err)) != TWR_OK)
			goto fail;
		now = alias_list(db, id);
		if (!same(old.aliases, now)) {
			st = change_field(db, change, id, "update", "aliases",
			    old.aliases, now, err);
			changed++;
		}
		free(now);
		if (st != TWR_OK)
			goto fail;
	}
	if (type == REC_AGREEMENT && !same(old.others, cur.others)) {
		char *now;

		if ((st = set_others(db, id, cur.others, change, err)) != TWR_OK)
			goto fail;
		now = others_list(db, id);
		if (!same(old.others, now)) {
			st = change_field(db, change, id, "update",
			    "other_parties", old.others, now, err);
			changed++;
		}
		free(now);
		if (st != TWR_OK)
			goto fail;
	}
	if (changed == 0) {
		db_rollback(db);
		diagf(db, TWR_NOTE, NULL, 0, 0, NULL, "record %lld unchanged: "
		    "it already has those values", id);
		st = TWR_OK;
		goto out;
	}
	if ((st = fts_sync(db, type, id, err)) != TWR_OK)
		goto fail;
	st = db_commit(db, err);
	goto out;
fail:
	db_rollback(db);
out:
	for (i = 0; i < n; i++)
		free(g[i].value);
	free(g);
	state_free(&old, tab->nfields);
	state_free(&cur, tab->nfields);
	return st;
}

enum twr_status
twr_end(struct twr_db *db, long long id, const char *date,
    const char *reason, struct twr_error *err)
{
	const char *was;
	char iso[DATE_MAX];
	const struct tabledef *tab;
	struct state s;
	enum rec_type type;
	enum twr_status st;
	long long change;
	int ag;

	if ((type = record_type(db, id)) == REC_NONE)
		return set_err(err, TWR_NOTFOUND, "no record %lld", id);
	if (type == REC_ACTOR)
		return set_err(err, TWR_USAGE, "record %lld is an actor: end its "
		    "agreements and memberships, or delete it", id);
	if ((st = date_option("--on", date, iso, err)) != TWR_OK)
		return st;
	ag = type == REC_AGREEMENT;
	tab = tab_of(type);
	if ((st = db_begin_write(db, err)) != TWR_OK)
		return st;
	if ((st = state_load(db, tab, id, &s, err)) != TWR_OK)
		goto fail;
	was = s.f[ag ? AG_ENDED_ON : M_UNTIL];
	if (same(was, iso) && (!ag || same(s.f[AG_STATUS], "ended"))) {
		db_rollback(db);
		diagf(db, TWR_NOTE, NULL, 0, 0, NULL, "record %lld already ended "
		    "on %s", id, iso);
		state_free(&s, tab->nfields);
		return TWR_OK;
	}
	if ((st = change_begin(db, "end", reason, &change, err)) != TWR_OK)
		goto fail;
	if (ag && !same(s.f[AG_STATUS], "ended") &&
	    ((st = exec_update(db, tab->table, "status", id, "ended", 0, 0,
	    err)) != TWR_OK || (st = change_field(db, change, id, "end",
	    "status", s.f[AG_STATUS], "ended", err)) != TWR_OK))
		goto fail;
	if (!same(was, iso) && ((st = exec_update(db, tab->table, ag ?
	    "ended_on" : "until", id, iso, 0, 0, err)) != TWR_OK ||
	    (st = change_field(db, change, id, "end", ag ? "ended_on" :
	    "until", was, iso, err)) != TWR_OK))
		goto fail;
	if ((st = db_commit(db, err)) != TWR_OK)
		goto fail;
	if (was != NULL && !same(was, iso))
		diagf(db, TWR_NOTE, NULL, 0, 0, NULL, "record %lld: end date %s "
		    "replaced by %s", id, was, iso);
	state_free(&s, tab->nfields);
	return TWR_OK;
fail:
	state_free(&s, tab->nfields);
	db_rollback(db);
	return st;
}

enum twr_status
twr_delete(struct twr_db *db, long long id, struct twr_error *err)
{
	const struct tabledef *tab;
	struct state s;
	enum rec_type type;
	enum twr_status st;
	long long change;
	struct stmt *q;
	size_t i;

	if ((type = record_type(db, id)) == REC_NONE)
		return set_err(err, TWR_NOTFOUND, "no record %lld", id);
	tab = tab_of(type);
	if ((st = db_begin_write(db, err)) != TWR_OK)
		return st;
	if (type == REC_ACTOR) {
		q = st_prepare(db, "SELECT (SELECT count(*) FROM agreements "
		    "WHERE party_id = ?1 OR partner_id = ?1) + (SELECT count(*) "
		    "FROM agreement_parties WHERE actor_id = ?1), (SELECT "
		    "count(*) FROM memberships WHERE member_id = ?1 OR "
		    "network_id = ?1), (SELECT count(*) FROM actors WHERE "
		    "parent_id = ?1)", err);
		if (q == NULL) {
			st = err->status;
			goto fail;
		}
		st_int(q, 1, id);
		if (st_step(q, err) == TWR_ROW &&
		    st_col_int(q, 0) + st_col_int(q, 1) +
		    st_col_int(q, 2) > 0) {
			static const char *const what[3][2] = {
				{ "agreement", "agreements" },
				{ "membership", "memberships" },
				{ "actor (as its parent)", "actors (as their "
				    "parent)" },
			};
			struct twr_buf users;
			int k, told = 0;

			buf_init(&users);
			for (k = 0; k < 3; k++) {
				long long c = st_col_int(q, k);

				if (c == 0)
					continue;
				if (told++ > 0)
					buf_adds(&users, ", ");
				buf_printf(&users, "%lld %s", c,
				    what[k][c != 1]);
			}
			st = set_err(err, TWR_DATAERR, "actor %lld is named by "
			    "%s; delete or change those first", id,
			    buf_str(&users));
			buf_free(&users);
			st_free(q);
			goto fail;
		}
		st_free(q);
	}
	if ((st = change_begin(db, "delete", NULL, &change, err)) != TWR_OK ||
	    (st = state_load(db, tab, id, &s, err)) != TWR_OK)
		goto fail;
	/* The history keeps what was deleted, field by field. */
	for (i = 0; i < tab->nfields && st == TWR_OK; i++)
		if (s.f[i] != NULL)
			st = change_field(db, change, id, "delete",
			    tab->fields[i], s.f[i], NULL, err);
	if (st == TWR_OK && s.a != 0)
		st = change_ref(db, change, id, "delete", tab->a_name, s.a, 0,
		    err);
	if (st == TWR_OK && s.b != 0)
		st = change_ref(db, change, id, "delete", tab->b_name, s.b, 0,
		    err);
	if (st == TWR_OK && s.aliases != NULL)
		st = change_field(db, change, id, "delete", "aliases",
		    s.aliases, NULL, err);
	if (st == TWR_OK) {
		/* The import that added it, so that undoing that import
		   knows the record has gone since. */
		char sql[80], *b;

		snprintf(sql, sizeof(sql), "SELECT batch_id FROM %s WHERE "
		    "id = ?", tab->table);
		if ((b = query_text(db, sql, id)) != NULL)
			st = change_field(db, change, id, "delete", "batch",
			    b, NULL, err);
		free(b);
	}
	if (st == TWR_OK && s.others != NULL)
		st = change_field(db, change, id, "delete", "other_parties",
		    s.others, NULL, err);
	state_free(&s, tab->nfields);
	if (st != TWR_OK)
		goto fail;
	{
		char sql[64];

		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?1",
		    tab->table);
		if ((st = db_run(db, sql, id, 0, NULL, err)) != TWR_OK ||
		    (st = fts_remove(db, id, err)) != TWR_OK)
			goto fail;
	}
	return db_commit(db, err);
fail:
	db_rollback(db);
	return st;
}
