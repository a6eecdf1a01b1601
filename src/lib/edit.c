/*
 * Changing the registry one record at a time: add, update, end, delete.
 * Each is one transaction and one change in the history, with every
 * field's old and new value.  `add` stores through the loader (the
 * rules of an import row); `update` checks each value by the same rules
 * and writes through records.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "loader.h"
#include "records.h"
#include "values.h"

/* The CSV kinds whose columns a record of TYPE takes: an agreement
 * takes those of sister cities too. */
static size_t
kinds_of(enum rec_type type, const struct kind **k)
{
	k[0] = kind_of_type(type);
	k[1] = kind_of(TWR_KIND_SISTER_CITIES);
	return type == REC_AGREEMENT ? 2 : 1;
}

/*
 * The columns FIELDS name (one of the N kinds K) into COLS: TWR_USAGE
 * for a name no kind has, or a field given twice (the same column, or
 * two names of one field).
 */
static enum twr_status
find_columns(const struct kind **k, size_t nk, enum rec_type type,
    const struct twr_field *fields, size_t n, const struct column **cols,
    struct twr_error *err)
{
	struct twr_msg m;
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0, cols[i] = NULL; j < nk && cols[i] == NULL; j++)
			cols[i] = column_find(k[j], fields[i].name);
		if (cols[i] == NULL) {
			msg_of(&m, TWR_E_UNKNOWN_FIELD);
			m.field = fields[i].name;
			m.n[0] = k[0]->kind;
			m.n[1] = type;
			return err_msg(err, TWR_USAGE, &m);
		}
		for (j = 0; j < i; j++)
			if (cols[j] == cols[i] || (cols[j]->role ==
			    cols[i]->role && (cols[i]->role != R_FIELD ||
			    cols[j]->field == cols[i]->field))) {
				msg_of(&m, TWR_E_FIELD_TWICE);
				m.field = fields[i].name;
				return err_msg(err, TWR_USAGE, &m);
			}
	}
	return TWR_OK;
}

/* ---- add ------------------------------------------------------------- */

static enum twr_status
add_once(struct twr_db *db, enum twr_kind kind, const struct twr_field *fields,
    size_t n, unsigned flags, long long *id, struct twr_error *err)
{
	const struct column *cols[MAX_COLUMNS];
	const struct kind *k = kind_of(kind);
	char *raw[MAX_COLUMNS];
	struct twr_buf arena;
	struct errlist errs;
	struct loader l;
	struct twr_msg m;
	enum twr_status st;
	struct rec r;
	size_t i;

	*id = 0;
	if (k == NULL)
		return err_code(err, TWR_USAGE, TWR_E_NO_SUCH_KIND);
	if (n > MAX_COLUMNS)
		return err_code(err, TWR_USAGE, TWR_E_FIELD_TWICE);
	if ((st = find_columns(&k, 1, REC_NONE, fields, n, cols, err)) !=
	    TWR_OK)
		return st;
	for (i = 0; i < n; i++)
		if ((raw[i] = xstrdup(fields[i].value)) == NULL)
			break;
	if (i < n) {
		while (i-- > 0)
			free(raw[i]);
		return err_nomem(err);
	}
	if ((st = db_begin_write(db, err)) != TWR_OK)
		goto out;
	buf_init(&arena);
	errlist_init(&errs, 20);
	if ((st = loader_init(&l, db, 1, TWR_CONFLICT_FAIL, &errs, err)) ==
	    TWR_OK) {
		r.file = NO_FILE;
		l.force = (flags & TWR_ADD_FORCE) != 0;
		if (rec_read(&l, &r, k, n, raw, cols, NULL, &arena, err) == 0)
			st = loader_store(&l, &r, err);
		else if (arena.oom)
			st = err->status;
	}
	errlist_flush(&errs, db, NULL);
	if (st == TWR_OK && errs.total > 0) {
		msg_of(&m, TWR_E_BAD_VALUES);
		m.n[0] = (long long)errs.total;
		st = err_msg(err, TWR_DATAERR, &m);
	}
	if (st == TWR_OK)
		st = loader_finish(&l, NULL, 0, NULL, err);
	/* The actors created are told once they are, after the commit. */
	if (st == TWR_OK) {
		db->added = l.last_id;
		if ((st = db_commit(db, err)) == TWR_OK) {
			*id = l.last_id;
			loader_notes(&l, 0);
		}
	}
	if (st != TWR_OK)
		db_rollback(db);
	loader_free(&l);
	errlist_free(&errs);
	buf_free(&arena);
out:
	for (i = 0; i < n; i++)
		free(raw[i]);
	return st;
}

enum twr_status
twr_add(struct twr_db *db, enum twr_kind kind, const struct twr_field *fields,
    size_t n, unsigned flags, long long *id, struct twr_error *err)
{
	enum twr_status st;

	LOCAL_ERR(err);
	RETRY_WRITE(st, err, add_once(db, kind, fields, n, flags, id, err));
	return st;
}

/* ---- a record's state ------------------------------------------------- */

/* The current state of a record: its text fields and its actors. */
struct state {
	char *f[MAX_FIELDS];
	long long a, b;		/* parties, member and network, or parent */
	char *aliases;		/* actors */
	char *others;		/* agreements: "Name (CC);..." */
};

static void
state_free(struct state *s)
{
	size_t i;

	for (i = 0; i < MAX_FIELDS; i++)
		free(s->f[i]);
	free(s->aliases);
	free(s->others);
	memset(s, 0, sizeof(*s));
}

static enum twr_status
state_load(struct twr_db *db, const struct table *tab, long long id,
    struct state *s, struct twr_error *err)
{
	struct twr_buf sql;
	struct stmt *st;
	enum twr_status rc;
	size_t i;

	memset(s, 0, sizeof(*s));
	buf_init(&sql);
	buf_adds(&sql, "SELECT ");
	for (i = 0; i < tab->nfields; i++)
		buf_printf(&sql, "%s, ", tab->fields[i]);
	buf_printf(&sql, "%s, %s FROM %s WHERE id = ?1", tab->ref[0],
	    tab->ref[1] != NULL ? tab->ref[1] : "0", tab->name);
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
		    TWR_E_INTERNAL) : rc;
	}
	for (i = 0; i < tab->nfields; i++)
		s->f[i] = xstrdup(st_col_text(st, (int)i));
	s->a = st_col_int(st, (int)tab->nfields);
	s->b = st_col_int(st, (int)tab->nfields + 1);
	st_free(st);
	if (tab->type == REC_ACTOR)
		s->aliases = alias_list(db, id);
	if (tab->type == REC_AGREEMENT || tab->type == REC_ACTIVITY)
		s->others = others_list(db, id);
	return TWR_OK;
}

static int
same(const char *a, const char *b)
{
	return (a == NULL || *a == '\0') ? (b == NULL || *b == '\0') :
	    (b != NULL && strcmp(a, b) == 0);
}

/* ---- update ----------------------------------------------------------- */

/* Is the identity of the record as it would be taken by another?  The
 * other's id in *OTHER (0: none). */
static enum twr_status
identity_taken(struct twr_db *db, const struct table *tab, long long id,
    const struct state *s, long long *other, struct twr_error *err)
{
	struct twr_buf sql;
	struct stmt *st;
	enum twr_status rc;
	char *key = NULL;

	*other = 0;
	buf_init(&sql);
	buf_printf(&sql, "SELECT id FROM %s WHERE %s AND id <> ?6", tab->name,
	    tab->ident_sql);
	st = sql.oom ? NULL : st_prepare(db, sql.p, err);
	if (sql.oom)
		err_nomem(err);
	buf_free(&sql);
	if (st == NULL)
		return err->status;
	st_int(st, 1, s->a);
	st_int(st, 2, s->b);
	st_opt(st, 5, tab->ident[2] >= 0 ? s->f[tab->ident[2]] : NULL);
	if (tab->type == REC_ACTOR) {
		/* An actor is its folded name and its country. */
		if ((key = fold_dup(s->f[A_NAME] ? s->f[A_NAME] : "")) ==
		    NULL) {
			st_free(st);
			return err_nomem(err);
		}
		st_ref(st, 3, key);
	} else
		st_opt(st, 3, s->f[tab->ident[0]]);
	st_opt(st, 4, tab->type == REC_ACTOR ? s->f[A_COUNTRY] :
	    tab->ident[1] >= 0 ? s->f[tab->ident[1]] : NULL);
	st_int(st, 6, id);
	if ((rc = st_step(st, err)) == TWR_ROW)
		*other = st_col_int(st, 0);
	st_free(st);
	free(key);
	return rc == TWR_ROW || rc == TWR_DONE ? TWR_OK : rc;
}

/* One given field, checked and normalized. */
struct given {
	const struct column *c;
	const char *name;	/* as given */
	char *value;		/* NULL: clear the field */
};

/* Check the values of the N given fields G; errors go through the
 * diagnostic callback and are counted in *ERRORS. */
static enum twr_status
check_values(struct twr_db *db, struct given *g, const struct twr_field *f,
    size_t n, unsigned *errors, struct twr_error *err)
{
	struct twr_buf out;
	struct vmsg vm;
	struct twr_msg m;
	enum twr_status st = TWR_OK;
	size_t i;

	buf_init(&out);
	vmsg_init(&vm);
	for (i = 0; i < n && st == TWR_OK; i++) {
		char *raw = xstrdup(f[i].value);

		if (raw == NULL) {
			st = err_nomem(err);
			break;
		}
		trim_blanks(raw);
		g[i].value = NULL;
		buf_reset(&out);
		if (*raw == '\0') {
			if ((g[i].c->flags & COL_REQUIRED) || g[i].c->role ==
			    R_NAME_A || g[i].c->role == R_NAME_B) {
				msg_of(&m, TWR_E_EMPTY);
				m.field = g[i].c->name;
				diag_msg(db, TWR_ERROR, NULL, 0, 0, &m);
				(*errors)++;
			}
		} else if (value_check(g[i].c->type, g[i].c->vocab, raw, &out,
		    &vm) == -1) {
			m = *vmsg_get(&vm);
			m.field = g[i].c->name;
			diag_msg(db, TWR_ERROR, NULL, 0, 0, &m);
			(*errors)++;
		} else if ((g[i].value = xstrdup(buf_str(&out))) == NULL)
			st = err_nomem(err);
		free(raw);
	}
	vmsg_free(&vm);
	buf_free(&out);
	return st;
}

/* Set party SIDE of S from the given name and country, each defaulting
 * to the current party's. */
static enum twr_status
apply_party(struct twr_db *db, enum rec_type type, const struct given *g,
    size_t n, int side, struct state *s, long long change,
    struct twr_error *err)
{
	const char *name = NULL, *cc = NULL, *field = NULL;
	long long *cur = side ? &s->b : &s->a;
	char *cur_name, *cur_cc;
	enum twr_status st = TWR_OK;
	struct twr_msg m;
	int set = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		enum role r = g[i].c->role;

		if (r == (side ? R_NAME_B : R_NAME_A)) {
			name = g[i].value;
			field = g[i].c->name;
			set = 1;
		} else if (r == (side ? R_COUNTRY_B : R_COUNTRY_A)) {
			cc = g[i].value;
			if (field == NULL)
				field = g[i].c->name;
			set = 1;
		}
	}
	if (!set)
		return TWR_OK;
	cur_name = query_text(db, "SELECT name FROM actors WHERE id = ?1",
	    *cur);
	cur_cc = query_text(db, "SELECT country FROM actors WHERE id = ?1",
	    *cur);
	/* A name alone: the one actor of that name in any country, else a
	   new one in the current party's country. */
	if (name != NULL && cc == NULL) {
		long long *ids;
		size_t k;

		if ((st = actor_lookup(db, name, NULL, &ids, &k, err)) ==
		    TWR_OK && k == 1)
			*cur = ids[0];
		free(ids);
		if (st == TWR_OK && k > 1) {
			msg_of(&m, TWR_E_AMBIGUOUS);
			m.field = field;
			m.value = name;
			m.n[0] = (long long)k;
			st = err_msg(err, TWR_DATAERR, &m);
		}
		if (st != TWR_OK || k == 1)
			goto out;
	}
	st = resolve_actor(db, field, name ? name : cur_name, cc ? cc :
	    cur_cc, side && type == REC_MEMBERSHIP ? "network" : NULL,
	    change, cur, err);
out:
	free(cur_name);
	free(cur_cc);
	return st;
}

/* The tie an activity's with, with_country and tie_kind name among
 * the ties of its actor S->a, into S->b: the values given in G, each
 * defaulting to the current tie's.  OLD_ACTOR is the actor before the
 * update: a tie is checked again when the actor changes. */
static enum twr_status
apply_tie(struct twr_db *db, const struct given *g, size_t n,
    struct state *s, long long old_actor, struct twr_error *err)
{
	const char *name = NULL, *cc = NULL, *kind = NULL;
	char *cur_name = NULL, *cur_kind = NULL, *actor = NULL;
	struct twr_msg m;
	enum twr_status st = TWR_OK;
	long long *ids = NULL, tie;
	size_t i, k = 0, nt = 0;
	int given = 0, cleared = 0;

	for (i = 0; i < n; i++)
		switch (g[i].c->role) {
		case R_TIE_NAME:
			name = g[i].value;
			cleared = name == NULL;
			given = 1;
			break;
		case R_TIE_COUNTRY:
			cc = g[i].value;
			given = 1;
			break;
		case R_TIE_KIND:
			kind = g[i].value;
			given = 1;
			break;
		default:
			break;
		}
	if (cleared) {
		s->b = 0;
		return TWR_OK;
	}
	if (!given && (s->b == 0 || s->a == old_actor))
		return TWR_OK;
	/* What is not given stays as the current tie has it: its other
	   party (as the actor before the update saw it) and its kind. */
	if (s->b != 0) {
		struct stmt *q = st_prepare(db, "SELECT x.name, t.kind FROM "
		    "actors x, (SELECT CASE WHEN party_id = ?2 THEN partner_id "
		    "ELSE party_id END AS other, kind FROM agreements WHERE id = "
		    "?1 UNION ALL SELECT network_id, 'membership' FROM "
		    "memberships WHERE id = ?1) t WHERE x.id = t.other", err);

		if (q == NULL)
			return err->status;
		st_int(q, 1, s->b);
		st_int(q, 2, old_actor);
		if ((st = st_step(q, err)) == TWR_ROW) {
			cur_name = xstrdup(st_col_text(q, 0));
			cur_kind = xstrdup(st_col_text(q, 1));
		}
		st_free(q);
		if (st != TWR_ROW && st != TWR_DONE)
			return st;
		st = TWR_OK;
	}
	if (name == NULL)
		name = cur_name;
	actor = query_text(db, "SELECT name FROM actors WHERE id = ?1", s->a);
	memset(&m, 0, sizeof(m));
	m.field = "with";
	if (name == NULL) {
		m.code = TWR_E_MISSING;
		m.n[0] = TWR_X_NAME;
		m.n[1] = 1;
		st = err_msg(err, TWR_DATAERR, &m);
		goto out;
	}
	if ((st = actor_lookup(db, name, cc, &ids, &k, err)) != TWR_OK)
		goto out;
	if (k == 1 && (st = activity_tie(db, NULL, s->a, ids[0], kind, &tie,
	    &nt, err)) != TWR_OK)
		goto out;
	/* Several ties with that party, no kind given: the current tie's
	   kind tells them apart, if it can. */
	if (k == 1 && nt > 1 && kind == NULL && cur_kind != NULL) {
		long long t2;
		size_t n2;

		if ((st = activity_tie(db, NULL, s->a, ids[0], cur_kind, &t2,
		    &n2, err)) != TWR_OK)
			goto out;
		if (n2 == 1) {
			tie = t2;
			nt = 1;
		}
	}
	if (k == 1 && nt == 1) {
		s->b = tie;
		goto out;
	}
	m.code = k > 1 ? TWR_E_AMBIGUOUS : nt > 1 ? TWR_E_TIES_N : TWR_E_NO_TIE;
	m.value = name;
	m.value2 = actor;
	m.hint = kind;
	m.n[0] = (long long)(k > 1 ? k : nt);
	m.n[1] = k > 1 && cc != NULL;
	st = err_msg(err, TWR_DATAERR, &m);
out:
	free(ids);
	free(cur_name);
	free(cur_kind);
	free(actor);
	return st;
}

/* Apply G to the state S of record ID of TYPE, resolving actors. */
static enum twr_status
apply(struct twr_db *db, enum rec_type type, long long id,
    const struct given *g, size_t n, struct state *s, long long change,
    struct twr_error *err)
{
	enum twr_status st;
	struct twr_msg m;
	size_t i;
	int side;

	for (i = 0; i < n; i++) {
		char **to = g[i].c->role == R_FIELD ? &s->f[g[i].c->field] :
		    g[i].c->role == R_ALIASES ? &s->aliases :
		    g[i].c->role == R_PARTIES ? &s->others : NULL;

		if (to != NULL) {
			free(*to);
			*to = xstrdup(g[i].value);
		}
	}
	for (side = 0; side < 2 && type != REC_ACTOR; side++) {
		long long was = s->a;

		if ((st = apply_party(db, type, g, n, side, s, change, err)) !=
		    TWR_OK)
			return st;
		if (type == REC_ACTIVITY && side == 0 &&
		    (st = apply_tie(db, g, n, s, was, err)) != TWR_OK)
			return st;
	}
	for (i = 0; type == REC_ACTOR && i < n; i++) {
		const char *pcc;
		char *pname;

		if (g[i].c->role != R_PARENT)
			continue;
		if (g[i].value == NULL) {
			s->a = 0;
			continue;
		}
		if ((pname = parent_split(g[i].value, s->f[A_COUNTRY],
		    &pcc)) == NULL)
			return err_nomem(err);
		st = resolve_actor(db, g[i].c->name, pname, pcc, NULL, change,
		    &s->a, err);
		free(pname);
		if (st != TWR_OK)
			return st;
		if (s->a == id) {
			msg_of(&m, TWR_E_OWN_PARENT);
			m.field = g[i].c->name;
			return err_msg(err, TWR_DATAERR, &m);
		}
	}
	return TWR_OK;
}

/* Fields a record may not be without. */
static int
needed(const struct table *tab, size_t i)
{
	return (tab->type == REC_AGREEMENT && (i == AG_KIND ||
	    i == AG_STATUS)) || (tab->type == REC_MEMBERSHIP &&
	    i == M_STATUS) || (tab->type == REC_ACTOR && i == A_NAME);
}

/* Write what changed from OLD to CUR of record ID; *CHANGED counts it. */
static enum twr_status
write_changes(struct twr_db *db, const struct table *tab, long long id,
    const struct state *old, const struct state *cur, long long change,
    unsigned *changed, struct twr_error *err)
{
	long long was[2] = { old->a, old->b }, now[2] = { cur->a, cur->b };
	enum twr_status st;
	struct twr_msg m;
	char *after;
	size_t i;

	for (i = 0; i < tab->nfields; i++) {
		if (same(old->f[i], cur->f[i]))
			continue;
		if (cur->f[i] == NULL && needed(tab, i)) {
			msg_of(&m, TWR_E_EMPTY);
			m.field = tab->fields[i];
			return err_msg(err, TWR_DATAERR, &m);
		}
		if ((st = record_set(db, tab, id, (int)i, cur->f[i], err)) !=
		    TWR_OK || (st = change_field(db, change, id, "update",
		    tab->fields[i], old->f[i], cur->f[i], err)) != TWR_OK)
			return st;
		(*changed)++;
	}
	for (i = 0; i < 2; i++) {
		if (was[i] == now[i] || tab->ref[i] == NULL)
			continue;
		if ((st = record_set_ref(db, tab, id, (int)i, now[i], err)) !=
		    TWR_OK)
			return st;
		st = tab->type == REC_ACTIVITY && i == 1 ? change_tie(db, change,
		    id, "update", was[i], now[i], err) : change_ref(db, change,
		    id, "update", tab->ref_name[i], was[i], now[i], err);
		if (st != TWR_OK)
			return st;
		(*changed)++;
	}
	if (tab->type == REC_ACTOR && !same(old->aliases, cur->aliases)) {
		if ((st = aliases_set(db, id, cur->aliases, err)) != TWR_OK)
			return st;
		after = alias_list(db, id);
		st = TWR_OK;
		if (!same(old->aliases, after)) {
			st = change_field(db, change, id, "update", "aliases",
			    old->aliases, after, err);
			(*changed)++;
		}
		free(after);
		if (st != TWR_OK)
			return st;
	}
	if ((tab->type == REC_AGREEMENT || tab->type == REC_ACTIVITY) &&
	    !same(old->others, cur->others)) {
		if ((st = others_set(db, id, cur->others, change, err)) !=
		    TWR_OK)
			return st;
		after = others_list(db, id);
		st = TWR_OK;
		if (!same(old->others, after)) {
			st = change_field(db, change, id, "update",
			    tab->type == REC_ACTIVITY ? "partners" :
			    "other_parties", old->others, after, err);
			(*changed)++;
		}
		free(after);
		if (st != TWR_OK)
			return st;
	}
	return TWR_OK;
}

/*
 * Keep a tie's status and dates consistent as an update takes it from
 * OLD to CUR: reactivating an ended agreement clears its end date, and
 * an end date up to today given alone ends it (the history keeps both).
 * Refused: an end before the start; status ended without an end date;
 * in force with an end date past; a signing date after today unless
 * planned.
 */
static enum twr_status
tie_consistent(enum rec_type type, long long id, const struct state *old,
    struct state *cur, struct twr_error *err)
{
	int ag = type == REC_AGREEMENT;
	int s = ag ? AG_SIGNED_ON : M_SINCE, e = ag ? AG_ENDED_ON : M_UNTIL;
	int status_changed, end_changed, dates_changed;
	char today[DATE_MAX], *v;
	const char *now;
	struct twr_msg m;

	today_utc_date(today);
	memset(&m, 0, sizeof(m));
	m.id = id;
	end_changed = !same(old->f[e], cur->f[e]);
	dates_changed = end_changed || !same(old->f[s], cur->f[s]);
	if (ag) {
		status_changed = !same(old->f[AG_STATUS], cur->f[AG_STATUS]);
		if (status_changed && same(old->f[AG_STATUS], "ended") &&
		    !end_changed && cur->f[e] != NULL) {
			free(cur->f[e]);
			cur->f[e] = NULL;
		} else if (!status_changed && end_changed && cur->f[e] !=
		    NULL && !ends_before(today, cur->f[e]) &&
		    !same(cur->f[AG_STATUS], "ended")) {
			if ((v = xstrdup("ended")) == NULL)
				return err_nomem(err);
			free(cur->f[AG_STATUS]);
			cur->f[AG_STATUS] = v;
			status_changed = 1;
		}
		now = cur->f[AG_STATUS];
		if ((status_changed || end_changed) && same(now, "ended") &&
		    cur->f[e] == NULL) {
			m.code = TWR_E_ENDED_UNDATED;
			m.field = "status";
			return err_msg(err, TWR_DATAERR, &m);
		}
		if ((status_changed || end_changed) && !same(now, "ended") &&
		    cur->f[e] != NULL && !ends_before(today, cur->f[e])) {
			m.code = TWR_E_ENDED_IN_FORCE;
			m.field = "status";
			m.value = now;
			m.value2 = cur->f[e];
			return err_msg(err, TWR_DATAERR, &m);
		}
		if ((status_changed || dates_changed) &&
		    ends_before(today, cur->f[s]) && !same(now, "planned")) {
			m.code = TWR_E_FUTURE_SIGNING;
			m.field = "signed_on";
			m.value = cur->f[s];
			m.value2 = today;
			return err_msg(err, TWR_DATAERR, &m);
		}
	}
	if (dates_changed && ends_before(cur->f[e], cur->f[s])) {
		m.code = TWR_E_END_BEFORE_START;
		m.field = ag ? "ended_on" : "until";
		m.value = cur->f[e];
		m.value2 = cur->f[s];
		return err_msg(err, TWR_DATAERR, &m);
	}
	return TWR_OK;
}

static enum twr_status
update_once(struct twr_db *db, long long id, const struct twr_field *fields,
    size_t n, struct twr_error *err)
{
	const struct column *cols[MAX_COLUMNS];
	const struct kind *k[2];
	const struct table *tab;
	struct given *g = NULL;
	struct state old, cur;
	enum rec_type type;
	enum twr_status st;
	struct twr_msg m;
	long long change = 0, other;
	unsigned errors = 0, changed = 0;
	size_t i, nk;

	memset(&old, 0, sizeof(old));
	memset(&cur, 0, sizeof(cur));
	if ((type = record_type(db, id)) == REC_NONE) {
		msg_of(&m, TWR_E_NOT_FOUND);
		m.id = id;
		return err_msg(err, TWR_NOTFOUND, &m);
	}
	if (n == 0)
		return err_code(err, TWR_USAGE, TWR_E_NOTHING_TO_UPDATE);
	if (n > MAX_COLUMNS)
		return err_code(err, TWR_USAGE, TWR_E_FIELD_TWICE);
	tab = table_of(type);
	nk = kinds_of(type, k);
	if ((st = find_columns(k, nk, type, fields, n, cols, err)) != TWR_OK)
		return st;
	if ((g = calloc(n, sizeof(*g))) == NULL)
		return err_nomem(err);
	for (i = 0; i < n; i++)
		g[i].c = cols[i];
	if ((st = check_values(db, g, fields, n, &errors, err)) != TWR_OK)
		goto out;
	if (errors > 0) {
		msg_of(&m, TWR_E_BAD_VALUES);
		m.n[0] = errors;
		m.n[1] = 1;
		st = err_msg(err, TWR_DATAERR, &m);
		goto out;
	}
	if ((st = db_begin_write(db, err)) != TWR_OK)
		goto out;
	if ((st = change_begin(db, "update", NULL, &change, err)) != TWR_OK ||
	    (st = state_load(db, tab, id, &old, err)) != TWR_OK ||
	    (st = state_load(db, tab, id, &cur, err)) != TWR_OK ||
	    (st = apply(db, type, id, g, n, &cur, change, err)) != TWR_OK)
		goto fail;
	if ((type == REC_AGREEMENT || type == REC_MEMBERSHIP) &&
	    (st = tie_consistent(type, id, &old, &cur, err)) != TWR_OK)
		goto fail;
	if (type != REC_ACTOR && cur.a == cur.b) {
		msg_of(&m, TWR_E_SAME_PARTIES);
		m.id = cur.a;
		st = err_msg(err, TWR_DATAERR, &m);
		goto fail;
	}
	if (type == REC_ACTOR && cur.a != 0 && cur.a != old.a &&
	    parent_loop(db, id, cur.a)) {
		msg_of(&m, TWR_E_PARENT_LOOP);
		m.field = "parent";
		m.id = cur.a;
		m.id2 = id;
		st = err_msg(err, TWR_DATAERR, &m);
		goto fail;
	}
	/* Only a network may be (or stay) without a country. */
	if (type == REC_ACTOR && cur.f[A_COUNTRY] == NULL &&
	    (cur.f[A_KIND] == NULL || strcmp(cur.f[A_KIND], "network") != 0)) {
		msg_of(&m, TWR_E_COUNTRY_NEEDED);
		m.id = id;
		st = err_msg(err, TWR_DATAERR, &m);
		goto fail;
	}
	if (type == REC_ACTIVITY && ends_before(cur.f[AC_UNTIL],
	    cur.f[AC_DATE])) {
		msg_of(&m, TWR_E_END_BEFORE_START);
		m.field = "until";
		m.value = cur.f[AC_UNTIL];
		m.value2 = cur.f[AC_DATE];
		st = err_msg(err, TWR_DATAERR, &m);
		goto fail;
	}
	if ((st = identity_taken(db, tab, id, &cur, &other, err)) != TWR_OK)
		goto fail;
	if (other != 0) {
		msg_of(&m, TWR_E_EXISTS);
		m.id = other;
		m.n[0] = type;
		m.n[1] = 1;
		st = err_msg(err, TWR_DATAERR, &m);
		goto fail;
	}
	if ((st = write_changes(db, tab, id, &old, &cur, change, &changed,
	    err)) != TWR_OK)
		goto fail;
	if (changed == 0) {
		db_rollback(db);
		msg_of(&m, TWR_N_UNCHANGED);
		m.id = id;
		diag_msg(db, TWR_NOTE, NULL, 0, 0, &m);
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
	for (i = 0; g != NULL && i < n; i++)
		free(g[i].value);
	free(g);
	state_free(&old);
	state_free(&cur);
	return st;
}

enum twr_status
twr_update(struct twr_db *db, long long id, const struct twr_field *fields,
    size_t n, struct twr_error *err)
{
	enum twr_status st;

	LOCAL_ERR(err);
	RETRY_WRITE(st, err, update_once(db, id, fields, n, err));
	return st;
}

/* ---- end and delete -------------------------------------------------- */

static enum twr_status
end_once(struct twr_db *db, long long id, const char *date,
    const char *reason, struct twr_error *err)
{
	const struct table *tab;
	const char *was;
	char iso[DATE_MAX];
	struct state s;
	enum rec_type type;
	enum twr_status st;
	struct twr_msg m;
	long long change;
	int ag, field;

	memset(&s, 0, sizeof(s));
	if ((type = record_type(db, id)) == REC_NONE) {
		msg_of(&m, TWR_E_NOT_FOUND);
		m.id = id;
		return err_msg(err, TWR_NOTFOUND, &m);
	}
	if (type == REC_ACTOR || type == REC_ACTIVITY) {
		/* Only a tie ends (an activity's until is a field). */
		msg_of(&m, type == REC_ACTOR ? TWR_E_END_ACTOR :
		    TWR_E_END_ACTIVITY);
		m.id = id;
		return err_msg(err, TWR_USAGE, &m);
	}
	if ((st = date_option("on", date, iso, err)) != TWR_OK)
		return st;
	ag = type == REC_AGREEMENT;
	tab = table_of(type);
	field = ag ? AG_ENDED_ON : M_UNTIL;
	if ((st = db_begin_write(db, err)) != TWR_OK)
		return st;
	if ((st = state_load(db, tab, id, &s, err)) != TWR_OK)
		goto fail;
	was = s.f[field];
	if (ends_before(iso, s.f[ag ? AG_SIGNED_ON : M_SINCE])) {
		msg_of(&m, TWR_E_END_BEFORE_START);
		m.field = "on";
		m.value = iso;
		m.value2 = s.f[ag ? AG_SIGNED_ON : M_SINCE];
		st = err_msg(err, TWR_DATAERR, &m);
		goto fail;
	}
	if (same(was, iso) && (!ag || same(s.f[AG_STATUS], "ended"))) {
		db_rollback(db);
		msg_of(&m, TWR_N_ALREADY_ENDED);
		m.id = id;
		m.value = iso;
		diag_msg(db, TWR_NOTE, NULL, 0, 0, &m);
		state_free(&s);
		return TWR_OK;
	}
	if ((st = change_begin(db, "end", reason, &change, err)) != TWR_OK)
		goto fail;
	if (ag && !same(s.f[AG_STATUS], "ended") &&
	    ((st = record_set(db, tab, id, AG_STATUS, "ended", err)) !=
	    TWR_OK || (st = change_field(db, change, id, "end", "status",
	    s.f[AG_STATUS], "ended", err)) != TWR_OK))
		goto fail;
	if (!same(was, iso) && ((st = record_set(db, tab, id, field, iso,
	    err)) != TWR_OK || (st = change_field(db, change, id, "end",
	    tab->fields[field], was, iso, err)) != TWR_OK))
		goto fail;
	if ((st = db_commit(db, err)) != TWR_OK)
		goto fail;
	if (was != NULL && !same(was, iso)) {
		msg_of(&m, TWR_N_END_REPLACED);
		m.id = id;
		m.value = was;
		m.value2 = iso;
		diag_msg(db, TWR_NOTE, NULL, 0, 0, &m);
	}
	state_free(&s);
	return TWR_OK;
fail:
	state_free(&s);
	db_rollback(db);
	return st;
}

enum twr_status
twr_end(struct twr_db *db, long long id, const char *date,
    const char *reason, struct twr_error *err)
{
	enum twr_status st;

	LOCAL_ERR(err);
	RETRY_WRITE(st, err, end_once(db, id, date, reason, err));
	return st;
}

/* Refuse to delete tie ID while activities belong to it. */
static enum twr_status
tie_unused(struct twr_db *db, long long id, struct twr_error *err)
{
	char *n = query_text(db, "SELECT count(*) FROM activities WHERE "
	    "tie_id = ?1", id);
	struct twr_msg m;
	long long c = n != NULL ? strtoll(n, NULL, 10) : 0;

	free(n);
	if (c == 0)
		return TWR_OK;
	msg_of(&m, TWR_E_TIE_IN_USE);
	m.id = id;
	m.n[0] = c;
	return err_msg(err, TWR_DATAERR, &m);
}

/* Refuse to delete actor ID while other records name it. */
static enum twr_status
actor_unused(struct twr_db *db, long long id, struct twr_error *err)
{
	struct stmt *q;
	enum twr_status st;
	struct twr_msg m;

	q = st_prepare(db, "SELECT (SELECT count(*) FROM agreements WHERE "
	    "party_id = ?1 OR partner_id = ?1) + (SELECT count(*) FROM "
	    "agreement_parties WHERE actor_id = ?1), (SELECT count(*) FROM "
	    "memberships WHERE member_id = ?1 OR network_id = ?1), (SELECT "
	    "count(*) FROM actors WHERE parent_id = ?1), (SELECT count(*) FROM "
	    "activities WHERE actor_id = ?1) + (SELECT count(*) FROM "
	    "activity_partners WHERE actor_id = ?1)", err);
	if (q == NULL)
		return err->status;
	st_int(q, 1, id);
	if ((st = st_step(q, err)) == TWR_ROW && st_col_int(q, 0) +
	    st_col_int(q, 1) + st_col_int(q, 2) + st_col_int(q, 3) > 0) {
		msg_of(&m, TWR_E_IN_USE);
		m.id = id;
		m.n[0] = st_col_int(q, 0);
		m.n[1] = st_col_int(q, 1);
		m.n[2] = st_col_int(q, 2);
		m.n[3] = st_col_int(q, 3);
		st_free(q);
		return err_msg(err, TWR_DATAERR, &m);
	}
	st_free(q);
	return st == TWR_ROW || st == TWR_DONE ? TWR_OK : st;
}

static enum twr_status
delete_once(struct twr_db *db, long long id, struct twr_error *err)
{
	const struct table *tab;
	struct state s;
	enum rec_type type;
	enum twr_status st;
	struct twr_msg m;
	long long change;
	char sql[80], *b;
	size_t i;

	memset(&s, 0, sizeof(s));
	if ((type = record_type(db, id)) == REC_NONE) {
		msg_of(&m, TWR_E_NOT_FOUND);
		m.id = id;
		return err_msg(err, TWR_NOTFOUND, &m);
	}
	tab = table_of(type);
	if ((st = db_begin_write(db, err)) != TWR_OK)
		return st;
	if ((type == REC_ACTOR && (st = actor_unused(db, id, err)) !=
	    TWR_OK) || ((type == REC_AGREEMENT || type == REC_MEMBERSHIP) &&
	    (st = tie_unused(db, id, err)) != TWR_OK) ||
	    (st = change_begin(db, "delete", NULL, &change, err)) != TWR_OK ||
	    (st = state_load(db, tab, id, &s, err)) != TWR_OK)
		goto fail;
	/* The history keeps what was deleted, field by field. */
	for (i = 0; i < tab->nfields && st == TWR_OK; i++)
		if (s.f[i] != NULL)
			st = change_field(db, change, id, "delete",
			    tab->fields[i], s.f[i], NULL, err);
	if (st == TWR_OK && s.a != 0)
		st = change_ref(db, change, id, "delete", tab->ref_name[0],
		    s.a, 0, err);
	if (st == TWR_OK && s.b != 0)
		st = type == REC_ACTIVITY ? change_tie(db, change, id, "delete",
		    s.b, 0, err) : change_ref(db, change, id, "delete",
		    tab->ref_name[1], s.b, 0, err);
	if (st == TWR_OK && s.aliases != NULL)
		st = change_field(db, change, id, "delete", "aliases",
		    s.aliases, NULL, err);
	/* The import that added it, so that undoing that import knows the
	   record has gone since. */
	snprintf(sql, sizeof(sql), "SELECT batch_id FROM %s WHERE id = ?1",
	    tab->name);
	if (st == TWR_OK && (b = query_text(db, sql, id)) != NULL) {
		st = change_field(db, change, id, "delete", "batch", b, NULL,
		    err);
		free(b);
	}
	if (st == TWR_OK && s.others != NULL)
		st = change_field(db, change, id, "delete", type ==
		    REC_ACTIVITY ? "partners" : "other_parties", s.others,
		    NULL, err);
	if (st != TWR_OK)
		goto fail;
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?1", tab->name);
	if ((st = db_run(db, sql, id, 0, NULL, err)) != TWR_OK ||
	    (st = fts_remove(db, id, err)) != TWR_OK)
		goto fail;
	state_free(&s);
	return db_commit(db, err);
fail:
	state_free(&s);
	db_rollback(db);
	return st;
}

enum twr_status
twr_delete(struct twr_db *db, long long id, struct twr_error *err)
{
	enum twr_status st;

	LOCAL_ERR(err);
	RETRY_WRITE(st, err, delete_once(db, id, err));
	return st;
}
