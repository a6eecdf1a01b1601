/*
 * Storing new records, from an import's rows or an `add`.
 *
 * A row whose identity (see the tables in kinds.c) is already in the
 * registry is merged: values the registry lacks are filled in, equal
 * ones change nothing, and a value that differs from a stored one is a
 * conflict that on_conflict decides (`add` always refuses).  An empty
 * cell never conflicts and never clears a stored value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "loader.h"
#include "records.h"
#include "values.h"

struct val *
rec_val(struct rec *r, const struct column *c)
{
	static const int at[] = { [R_NAME_A] = RV_NAME_A,
	    [R_COUNTRY_A] = RV_CC_A, [R_NAME_B] = RV_NAME_B,
	    [R_COUNTRY_B] = RV_CC_B, [R_ALIASES] = RV_ALIASES,
	    [R_PARENT] = RV_PARENT, [R_PARTIES] = RV_PARTIES };

	return &r->v[c->role == R_FIELD ? c->field : at[c->role]];
}

void
loader_bad(struct loader *l, const struct rec *r, const struct val *v,
    const struct twr_msg *m)
{
	struct twr_msg mm = *m;

	if (l->add) {
		if (v != NULL && v->c != NULL && mm.field == NULL)
			mm.field = v->c->name;
		errlist_add(l->errs, NO_FILE, 0, 0, &mm);
	} else
		errlist_add(l->errs, r->file, v ? v->line : r->line,
		    v ? v->col : 1, &mm);
}

/* Report a message of code CODE about V (see loader_bad). */
static struct twr_msg *
msg_of(struct twr_msg *m, enum twr_code code)
{
	memset(m, 0, sizeof(*m));
	m->code = code;
	return m;
}

/* ---- reading a row --------------------------------------------------- */

/* What a required column holds, for messages. */
static enum twr_expect
wanted(const struct column *c)
{
	return c->type == V_NAME ? TWR_X_NAME : c->type == V_COUNTRY ?
	    TWR_X_COUNTRY : c->type == V_TERM ? TWR_X_TERM : TWR_X_VALUE;
}

int
rec_read(struct loader *l, struct rec *r, const struct kind *k, size_t n,
    char *const *raw, const struct column *const *cols,
    const unsigned long *lines, struct twr_buf *arena, struct twr_error *err)
{
	unsigned long errors = l->errs->total;
	struct vmsg vm;
	struct twr_msg m;
	size_t i;
	int64_t known;

	memset(r->v, 0, sizeof(r->v));
	r->k = k;
	r->line = lines ? lines[0] : 0;
	buf_reset(arena);
	vmsg_init(&vm);
	for (i = 0; i < n; i++) {
		const struct column *c = cols[i];
		struct val *v = rec_val(r, c);
		char *s = trim_blanks(raw[i]);

		v->given = 1;
		v->col = lines ? (unsigned)i + 1 : 0;
		v->line = lines ? lines[i] : 0;
		v->c = c;
		v->off = (size_t)-1;
		if (*s == '\0')
			continue;
		v->off = arena->len;
		/* Countries repeat: remember how each was written. */
		if (c->type == V_COUNTRY && map_get(&l->countries, s,
		    strlen(s), &known)) {
			buf_adds(arena, twr_countries[known].code);
			buf_addc(arena, '\0');
			continue;
		}
		if (value_check(c->type, c->vocab, s, arena, &vm) == -1) {
			v->off = (size_t)-1;
			v->bad = 1;
			loader_bad(l, r, v, vmsg_get(&vm));
			continue;
		}
		if (c->type == V_COUNTRY)
			map_put(&l->countries, s, strlen(s),
			    country_by_code(arena->p + v->off) - twr_countries);
		buf_addc(arena, '\0');
	}
	vmsg_free(&vm);
	if (arena->oom)
		return err_nomem(err), -1;
	for (i = 0; i < k->ncols; i++) {
		const struct column *c = &k->cols[i];
		struct val *v = rec_val(r, c);

		if (!(c->flags & COL_REQUIRED) || v->bad ||
		    (v->given && v->off != (size_t)-1) ||
		    (!v->given && !l->add))
			continue;
		msg_of(&m, TWR_E_MISSING);
		m.field = c->name;
		m.n[0] = wanted(c);
		m.n[1] = v->given;
		if (v->given)
			loader_bad(l, r, v, &m);
		else
			loader_bad(l, r, NULL, &m);
	}
	if (l->errs->total != errors)
		return -1;
	for (i = 0; i < RV_COUNT; i++)
		r->v[i].p = r->v[i].given && r->v[i].off != (size_t)-1 ?
		    arena->p + r->v[i].off : NULL;
	if (k->agkind != NULL) {
		r->v[AG_KIND].p = k->agkind;
		r->v[AG_KIND].given = 1;
	}
	return 0;
}

/* ---- statements ----------------------------------------------------- */

static const char *const ins_sql[] = {
	[REC_AGREEMENT] = "INSERT INTO agreements(id, party_id, "
	    "partner_id, kind, title, signed_on, signed_place, status, "
	    "ended_on, council_decision_date, council_decision_no, "
	    "ministry_approval_date, ministry_approval_no, topics, source, "
	    "notes, batch_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "coalesce(?8, 'active'), ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	    "?17) ON CONFLICT DO NOTHING",
	[REC_MEMBERSHIP] = "INSERT INTO memberships(id, member_id, "
	    "network_id, status, since, until, roles, council_decision_date, "
	    "council_decision_no, ministry_approval_date, "
	    "ministry_approval_no, source, notes, batch_id) VALUES(?1, ?2, "
	    "?3, coalesce(?4, 'member'), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	    "?13, ?14) ON CONFLICT DO NOTHING",
	[REC_ACTOR] = "INSERT INTO actors(id, name, name_key, country, "
	    "kind, name_en, name_en_key, website, source, notes, parent_id, "
	    "batch_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12)",
};

/* Bind the row's fields from parameter FIRST on; they stay put in the
   arena until the step. */
static void
bind_fields(struct stmt *q, int first, const struct rec *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		st_ref(q, first + (int)i, r->v[i].p);
}

/* ---- the change this load makes ------------------------------------ */

enum twr_status
loader_change(struct loader *l, struct twr_error *err)
{
	enum twr_status st;
	struct stmt *q;

	if (l->change != 0)
		return TWR_OK;
	if ((st = change_begin(l->db, l->add ? "add" : "import", NULL,
	    &l->change, err)) != TWR_OK)
		return st;
	if (l->add)
		return TWR_OK;
	q = st_prepare(l->db, "INSERT INTO batches(change_id, files, rows, "
	    "checksum) VALUES(?1, '', 0, '') RETURNING id", err);
	if (q == NULL)
		return err->status;
	st_int(q, 1, l->change);
	if ((st = st_step(q, err)) == TWR_ROW)
		l->batch = st_col_int(q, 0);
	st_free(q);
	return st == TWR_ROW ? TWR_OK : st;
}

/* Note record ID, created from the row at LINE: its history when added,
 * where it came from when imported. */
static enum twr_status
note_added(struct loader *l, long long id, unsigned long line,
    struct twr_error *err)
{
	size_t i = (size_t)(id - l->first_id);

	l->last_id = id;
	if (l->add)
		return change_field(l->db, l->change, id, "add", NULL, NULL,
		    NULL, err);
	if (i >= LINES_MAX)
		return TWR_OK;
	if (i >= l->clines) {
		size_t c = l->clines ? 2 * l->clines : 1024;
		uint32_t *p;

		while (c <= i)
			c *= 2;
		if ((p = realloc(l->lines, c * sizeof(*p))) == NULL)
			return err_nomem(err);
		l->lines = p;
		l->clines = c;
	}
	if (i >= l->nlines) {
		memset(l->lines + l->nlines, 0, (i + 1 - l->nlines) *
		    sizeof(*l->lines));
		l->nlines = i + 1;
	}
	l->lines[i] = line <= UINT32_MAX ? (uint32_t)line : 0;
	return TWR_OK;
}

/*
 * A conflict with stored record ID about FIELD (OLD here, NEW given):
 * it names the row ID came from when this load created it.
 */
static void
conflict(struct loader *l, const struct rec *r, const struct val *v,
    long long id, const char *field, const char *old, const char *new_)
{
	size_t i = (size_t)(id - l->first_id), file = l->nfiles;
	unsigned long line;
	struct twr_msg m;
	char where[512];

	msg_of(&m, TWR_E_CONFLICT);
	m.id = id;
	m.field = field;
	m.value = old;
	m.value2 = new_;
	if (id >= l->first_id) {
		m.n[0] = 1;
		line = i < l->nlines ? l->lines[i] : 0;
		while (file > 0 && l->file_first[file - 1] > id)
			file--;
		if (file > 0 && line > 0) {
			snprintf(where, sizeof(where), "%s:%lu",
			    l->files[file - 1], line);
			m.detail = where;
		}
	}
	loader_bad(l, r, v, &m);
}

/* ---- actors ----------------------------------------------------------- */

/*
 * The actor NAME names in COUNTRY (NULL: unknown), created with KIND
 * when the registry has none.  V is the value to blame for an ambiguous
 * name.  Returns 0 and stores the id, or -1 (reported; or a failure in
 * ERR when *FAILED is set).
 */
static int
resolve(struct loader *l, const struct rec *r, const struct val *v,
    const char *name, const char *country, const char *kind, long long *id,
    struct twr_error *err, int *failed)
{
	long long *ids = NULL;
	size_t n = 0;
	int64_t cached;

	buf_reset(&l->key);
	buf_adds(&l->key, country ? country : "");
	buf_addc(&l->key, '\x1f');
	buf_adds(&l->key, name);
	if (map_get(&l->actors, l->key.p, l->key.len, &cached)) {
		*id = cached;
		return 0;
	}
	if (actor_lookup(l->db, name, country, &ids, &n, err) != TWR_OK) {
		*failed = 1;
		return -1;
	}
	if (n > 1) {
		struct twr_buf b;
		struct twr_msg m;
		size_t i;

		buf_init(&b);
		for (i = 0; i < n && i < 5; i++)
			buf_printf(&b, "%s%lld", i ? ", " : "", ids[i]);
		msg_of(&m, TWR_E_AMBIGUOUS);
		m.value = name;
		m.value2 = buf_str(&b);
		m.n[0] = (long long)n;
		m.n[1] = country != NULL;
		loader_bad(l, r, v, &m);
		buf_free(&b);
		free(ids);
		return -1;
	}
	if (n == 1) {
		*id = ids[0];
		free(ids);
		goto found;
	}
	if (loader_change(l, err) != TWR_OK) {
		*failed = 1;
		return -1;
	}
	*id = l->next_id++;
	if (actor_insert(l->db, &l->ins_stub, *id, name, country, kind,
	    l->batch, err) != TWR_OK || note_added(l, *id, v->line, err) !=
	    TWR_OK) {
		*failed = 1;
		return -1;
	}
	/* Told at the end, and only if the load goes in. */
	if (l->actors_created < CREATED_NOTES)
		buf_printf(&l->created, "%lld\x1f%s\x1f%s\n", *id, name,
		    country ? country : "");
	l->actors_created++;
found:
	if (map_put(&l->actors, l->key.p, l->key.len, *id) == -1) {
		err_nomem(err);
		*failed = 1;
		return -1;
	}
	return 0;
}

void
loader_notes(struct loader *l, int dry)
{
	const char *p = buf_str(&l->created), *nl;
	struct twr_msg m;
	char name[512], cc[8];

	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		long long id = strtoll(p, NULL, 10);
		const char *a = strchr(p, '\x1f') + 1, *b = strchr(a, '\x1f');

		snprintf(name, sizeof(name), "%.*s", (int)(b - a), a);
		snprintf(cc, sizeof(cc), "%.*s", (int)(nl - b - 1), b + 1);
		msg_of(&m, TWR_N_CREATED_ACTOR);
		m.id = id;
		m.value = name;
		m.value2 = cc[0] ? cc : NULL;
		m.n[0] = dry;
		diag_msg(l->db, TWR_NOTE, NULL, 0, 0, &m);
	}
	if (l->actors_created > CREATED_NOTES) {
		msg_of(&m, TWR_N_CREATED_MORE);
		m.n[0] = (long long)(l->actors_created - CREATED_NOTES);
		m.n[1] = dry;
		diag_msg(l->db, TWR_NOTE, NULL, 0, 0, &m);
	}
}

/* ---- merging into a stored record ------------------------------------ */

static int
in_ident(const struct table *tab, int field)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tab->ident) && tab->ident[i] >= 0; i++)
		if (tab->ident[i] == field)
			return 1;
	return 0;
}

enum twr_status
loader_merge(struct loader *l, const struct table *tab, long long id,
    struct stmt *found, struct rec *r, struct twr_error *err)
{
	const struct val *first = NULL;
	const char *old_c = NULL;
	int change[MAX_FIELDS] = { 0 }, any = 0;
	char *old[MAX_FIELDS] = { NULL };
	enum twr_status st = TWR_OK;
	size_t i;

	for (i = 0; i < tab->nfields; i++) {
		const char *o = st_col_text(found, (int)i + 1);
		const struct val *v = &r->v[i];

		old[i] = xstrdup(o);
		if (!v->given || v->p == NULL || in_ident(tab, (int)i))
			continue;
		if (o == NULL) {
			change[i] = 1;
		} else if (strcmp(o, v->p) != 0) {
			if (first == NULL) {
				first = v;
				old_c = old[i];
			}
			change[i] = 2;
		}
	}
	if (first != NULL && (l->add || l->on_conflict == TWR_CONFLICT_FAIL)) {
		conflict(l, r, first, id, first->c->name, old_c, first->p);
		goto out;
	}
	if (first != NULL && l->on_conflict == TWR_CONFLICT_SKIP) {
		l->skipped++;
		goto out;
	}
	for (i = 0; i < tab->nfields; i++) {
		if (change[i] == 0)
			continue;
		if ((st = loader_change(l, err)) != TWR_OK ||
		    (st = record_set(l->db, tab, id, (int)i, r->v[i].p,
		    err)) != TWR_OK ||
		    (st = change_field(l->db, l->change, id, "update",
		    tab->fields[i], old[i], r->v[i].p, err)) != TWR_OK)
			goto out;
		any = 1;
	}
	if (any) {
		l->updated++;
		if (!bulk_has(l, tab->type, id))
			st = fts_sync(l->db, tab->type, id, err);
	} else
		l->unchanged++;
out:
	for (i = 0; i < tab->nfields; i++)
		free(old[i]);
	return st;
}

/* ---- storing a tie --------------------------------------------------- */

/* Add the third and further parties V ("Name (CC);...") to agreement
 * ID, skipping those already there; *ADDED counts new ones. */
static int
add_parties(struct loader *l, const struct rec *r, const struct val *v,
    long long id, long long a, long long b, int *added,
    struct twr_error *err, int *failed)
{
	char *copy, *item, *save = NULL, *name, *cc;
	struct stmt *q;
	long long pid;
	int rc = 0;

	if (v->p == NULL)
		return 0;
	if ((copy = xstrdup(v->p)) == NULL) {
		err_nomem(err);
		*failed = 1;
		return -1;
	}
	for (item = strtok_r(copy, ";", &save); item != NULL && rc == 0;
	    item = strtok_r(NULL, ";", &save)) {
		if (party_split(item, &name, &cc) == -1 ||
		    (rc = resolve(l, r, v, name, cc, NULL, &pid, err,
		    failed)) == -1)
			break;
		if (pid == a || pid == b)
			continue;
		if ((q = st_cached(l->db, &l->ins_party, "INSERT INTO "
		    "agreement_parties(agreement_id, actor_id) VALUES(?1, ?2) "
		    "ON CONFLICT DO NOTHING", err)) == NULL) {
			*failed = 1;
			rc = -1;
			break;
		}
		st_int(q, 1, id);
		st_int(q, 2, pid);
		if (st_run(q, err) != TWR_OK) {
			*failed = 1;
			rc = -1;
			break;
		}
		*added += (int)db_changes(l->db);
	}
	free(copy);
	return rc;
}

/* Search-index the fields of new record ID from R. */
static enum twr_status
index_new(struct loader *l, const struct table *tab, long long id,
    const struct rec *r, struct twr_error *err)
{
	enum twr_status st = TWR_OK;
	size_t i;

	for (i = 0; i < tab->nsearch && st == TWR_OK; i++)
		if (tab->search[i].field >= 0)
			st = fts_put(l->db, id, (int)i,
			    r->v[tab->search[i].field].p, err);
	return st;
}

/*
 * The stored record of TAB with identity A, B, F1, F2 (the actors and
 * the identity's fields), or for actors the one of id A: TWR_ROW with
 * *FOUND on its row (id, then the fields), TWR_DONE, or a failure.
 */
static enum twr_status
find_ident(struct loader *l, const struct table *tab, long long a,
    long long b, const char *f1, const char *f2, struct stmt **found,
    struct twr_error *err)
{
	struct twr_buf sql;
	struct stmt *q;
	size_t i;

	q = l->find[tab->type];
	if (q == NULL) {
		buf_init(&sql);
		buf_adds(&sql, "SELECT id");
		for (i = 0; i < tab->nfields; i++)
			buf_printf(&sql, ", %s", tab->fields[i]);
		buf_printf(&sql, " FROM %s WHERE %s", tab->name,
		    tab->type == REC_ACTOR ? "id = ?1" : tab->ident_sql);
		if (sql.oom) {
			buf_free(&sql);
			return err_nomem(err);
		}
		q = l->find[tab->type] = st_prepare(l->db, sql.p, err);
		buf_free(&sql);
		if (q == NULL)
			return err->status;
	}
	st_reset(q);
	st_id(q, 1, a);
	st_id(q, 2, b);
	st_opt(q, 3, f1);
	st_opt(q, 4, f2);
	*found = q;
	return st_step(q, err);
}

static enum twr_status
store_tie(struct loader *l, struct rec *r, struct twr_error *err)
{
	const struct table *tab = r->k->tab;
	int failed = 0, added = 0, ag = tab->type == REC_AGREEMENT;
	const char *f1 = r->v[tab->ident[0]].p;
	const char *f2 = tab->ident[1] >= 0 ? r->v[tab->ident[1]].p : NULL;
	long long a, b, id;
	enum twr_status st;
	struct stmt *q;
	struct twr_msg m;
	char *before = NULL;

	if (resolve(l, r, &r->v[RV_NAME_A], r->v[RV_NAME_A].p, r->v[RV_CC_A].p,
	    NULL, &a, err, &failed) == -1 || resolve(l, r, &r->v[RV_NAME_B],
	    r->v[RV_NAME_B].p, r->v[RV_CC_B].p, ag ? NULL : "network", &b, err,
	    &failed) == -1)
		return failed ? err->status : TWR_OK;
	if (a == b) {
		msg_of(&m, TWR_E_SAME_ACTOR);
		m.value = r->v[RV_NAME_B].p;
		m.value2 = r->v[RV_NAME_A].p;
		m.id = a;
		m.n[0] = tab->type;
		loader_bad(l, r, &r->v[RV_NAME_B], &m);
		return TWR_OK;
	}
	if ((st = loader_change(l, err)) != TWR_OK)
		return st;
	if ((q = st_cached(l->db, &l->ins[tab->type], ins_sql[tab->type],
	    err)) == NULL)
		return err->status;
	id = l->next_id;
	st_int(q, 1, id);
	st_int(q, 2, a);
	st_int(q, 3, b);
	bind_fields(q, 4, r, tab->nfields);
	st_id(q, 4 + (int)tab->nfields, l->batch);
	if ((st = st_run(q, err)) != TWR_OK)
		return st;
	if (db_changes(l->db) == 1) {
		l->next_id++;
		l->added++;
		if (ag && add_parties(l, r, &r->v[RV_PARTIES], id, a, b, &added,
		    err, &failed) == -1)
			return failed ? err->status : TWR_OK;
		if ((st = note_added(l, id, r->line, err)) != TWR_OK)
			return st;
		if (bulk_has(l, tab->type, id))
			return bulk_row(l, r, id, a, b, err);
		if ((st = index_new(l, tab, id, r, err)) != TWR_OK)
			return st;
		return l->add ? TWR_OK : bulk_count(l, tab, err);
	}
	/* Its identity is taken: merge into that record. */
	if ((st = find_ident(l, tab, a, b, f1, f2, &q, err)) != TWR_ROW) {
		st_reset(q);
		return st == TWR_DONE ? err_code(err, TWR_INTERNAL,
		    TWR_E_INTERNAL) : st;
	}
	id = st_col_int(q, 0);
	if (l->add) {
		st_reset(q);
		msg_of(&m, TWR_E_EXISTS);
		m.id = id;
		m.n[0] = tab->type;
		loader_bad(l, r, NULL, &m);
		return TWR_OK;
	}
	if (ag && r->v[RV_PARTIES].p != NULL) {
		before = others_list(l->db, id);
		if (add_parties(l, r, &r->v[RV_PARTIES], id, a, b, &added, err,
		    &failed) == -1) {
			st_reset(q);
			free(before);
			return failed ? err->status : TWR_OK;
		}
	}
	st = loader_merge(l, tab, id, q, r, err);
	st_reset(q);
	if (st == TWR_OK && added > 0) {
		char *after = others_list(l->db, id);

		st = change_field(l->db, l->change, id, "update",
		    "other_parties", before, after, err);
		free(after);
		if (l->unchanged > 0 && st == TWR_OK) {
			l->unchanged--;	/* it did change after all */
			l->updated++;
		}
	}
	free(before);
	return st;
}

/* ---- storing an actor -------------------------------------------- */

/* The parent R names for actor ID (0: a new one, N its matches) in
 * *PARENT (0: none); -1 when it is bad (reported) or failed. */
static int
actor_parent(struct loader *l, struct rec *r, long long id, size_t n,
    long long *parent, struct twr_error *err, int *failed)
{
	const char *name = r->v[A_NAME].p, *cc = r->v[A_COUNTRY].p, *pcc;
	char *pname, *k1, *k2;
	struct twr_msg m;
	int self, rc;

	*parent = 0;
	if (r->v[RV_PARENT].p == NULL)
		return 0;
	if ((pname = parent_split(r->v[RV_PARENT].p, cc, &pcc)) == NULL) {
		err_nomem(err);
		*failed = 1;
		return -1;
	}
	k1 = fold_dup(pname);
	k2 = fold_dup(name);
	self = k1 != NULL && k2 != NULL && strcmp(k1, k2) == 0 &&
	    strcmp(pcc, cc) == 0;
	free(k1);
	free(k2);
	rc = self ? 0 : resolve(l, r, &r->v[RV_PARENT], pname, pcc, NULL,
	    parent, err, failed);
	free(pname);
	if (rc == -1)
		return -1;
	if (self || *parent == id || (n == 1 && parent_loop(l->db, id,
	    *parent))) {
		msg_of(&m, TWR_E_PARENT);
		m.value = r->v[RV_PARENT].p;
		m.value2 = name;
		loader_bad(l, r, &r->v[RV_PARENT], &m);
		return -1;
	}
	return 0;
}

static enum twr_status
insert_actor(struct loader *l, struct rec *r, long long parent,
    struct twr_error *err)
{
	char *key = fold_dup(r->v[A_NAME].p);
	char *key_en = r->v[A_NAME_EN].p ? fold_dup(r->v[A_NAME_EN].p) : NULL;
	long long id = l->next_id;
	enum twr_status st;
	struct stmt *q;
	int added = 0;

	if (key == NULL || (r->v[A_NAME_EN].p != NULL && key_en == NULL)) {
		st = err_nomem(err);
		goto out;
	}
	if ((q = st_cached(l->db, &l->ins[REC_ACTOR], ins_sql[REC_ACTOR],
	    err)) == NULL) {
		st = err->status;
		goto out;
	}
	/* Every parameter, every time: the statement is reused. */
	st_int(q, 1, id);
	st_ref(q, 2, r->v[A_NAME].p);
	st_ref(q, 3, key);
	st_ref(q, 4, r->v[A_COUNTRY].p);
	st_ref(q, 5, r->v[A_KIND].p);
	st_ref(q, 6, r->v[A_NAME_EN].p);
	st_ref(q, 7, key_en);
	st_ref(q, 8, r->v[A_WEBSITE].p);
	st_ref(q, 9, r->v[A_SOURCE].p);
	st_ref(q, 10, r->v[A_NOTES].p);
	st_id(q, 11, parent);
	st_id(q, 12, l->batch);
	if ((st = st_run(q, err)) != TWR_OK)
		goto out;
	l->next_id++;
	l->added++;
	if ((st = aliases_add(l->db, &l->ins_alias, id, r->v[RV_ALIASES].p,
	    &added, err)) != TWR_OK ||
	    (st = note_added(l, id, r->line, err)) != TWR_OK)
		goto out;
	/* Rows naming it by this spelling now find it. */
	st = fts_sync(l->db, REC_ACTOR, id, err);
out:
	free(key);
	free(key_en);
	return st;
}

/* Merge R into stored actor ID, whose parent is OLD_PARENT. */
static enum twr_status
merge_actor(struct loader *l, struct rec *r, long long id, long long parent,
    struct twr_error *err)
{
	unsigned long errors = l->errs->total, skipped = l->skipped;
	long long old_parent;
	char *before = NULL, *old_name = NULL;
	int added = 0, moved = 0;
	enum twr_status st;
	struct stmt *q;

	if ((st = actor_parent_of(l->db, id, &old_parent, &old_name, err)) !=
	    TWR_OK)
		return st;
	/* The parent: fill it in, or a conflict like any field. */
	if (parent != 0 && old_parent != 0 && parent != old_parent &&
	    l->on_conflict != TWR_CONFLICT_UPDATE) {
		if (l->on_conflict == TWR_CONFLICT_FAIL)
			conflict(l, r, &r->v[RV_PARENT], id, "parent",
			    old_name, r->v[RV_PARENT].p);
		else
			l->skipped++;
		free(old_name);
		return TWR_OK;
	}
	free(old_name);
	if ((st = find_ident(l, &tab_actors, id, 0, NULL, NULL, &q, err)) !=
	    TWR_ROW) {
		st_reset(q);
		return st == TWR_DONE ? err_code(err, TWR_INTERNAL,
		    TWR_E_INTERNAL) : st;
	}
	before = alias_list(l->db, id);
	st = loader_merge(l, &tab_actors, id, q, r, err);
	st_reset(q);
	if (st != TWR_OK || l->errs->total != errors || l->skipped != skipped)
		goto out;
	if (parent != 0 && parent != old_parent) {
		if ((st = record_set_ref(l->db, &tab_actors, id, 0, parent,
		    err)) != TWR_OK || (st = change_ref(l->db, l->change, id,
		    "update", "parent", old_parent, parent, err)) != TWR_OK)
			goto out;
		moved = 1;
	}
	if ((st = aliases_add(l->db, &l->ins_alias, id, r->v[RV_ALIASES].p,
	    &added, err)) != TWR_OK)
		goto out;
	if (added > 0) {
		char *after = alias_list(l->db, id);

		st = change_field(l->db, l->change, id, "update", "aliases",
		    before, after, err);
		free(after);
		if (st == TWR_OK)
			st = fts_sync(l->db, REC_ACTOR, id, err);
	}
	if ((added > 0 || moved) && l->unchanged > 0) {
		l->unchanged--;
		l->updated++;
	}
out:
	free(before);
	return st;
}

static enum twr_status
store_actor(struct loader *l, struct rec *r, struct twr_error *err)
{
	const char *name = r->v[A_NAME].p, *cc = r->v[A_COUNTRY].p;
	long long *ids = NULL, id, parent = 0;
	int failed = 0;
	size_t n = 0;
	enum twr_status st;
	struct twr_msg m;

	if ((st = actor_lookup(l->db, name, cc, &ids, &n, err)) != TWR_OK)
		return st;
	if (n > 1) {
		free(ids);
		msg_of(&m, TWR_E_NAMES_IN);
		m.value = name;
		m.value2 = cc;
		m.n[0] = (long long)n;
		loader_bad(l, r, &r->v[A_NAME], &m);
		return TWR_OK;
	}
	id = n == 1 ? ids[0] : 0;
	free(ids);
	if ((st = loader_change(l, err)) != TWR_OK)
		return st;
	if (actor_parent(l, r, id, n, &parent, err, &failed) == -1)
		return failed ? err->status : TWR_OK;
	/* A new actor's id comes after any parent created for it. */
	if (n == 0)
		return insert_actor(l, r, parent, err);
	if (l->add) {
		msg_of(&m, TWR_E_EXISTS);
		m.id = id;
		m.n[0] = REC_ACTOR;
		loader_bad(l, r, &r->v[A_NAME], &m);
		return TWR_OK;
	}
	return merge_actor(l, r, id, parent, err);
}

enum twr_status
loader_store(struct loader *l, struct rec *r, struct twr_error *err)
{
	return r->k->tab->type == REC_ACTOR ? store_actor(l, r, err) :
	    store_tie(l, r, err);
}

/* ---- a load's start and end ------------------------------------------ */

enum twr_status
loader_init(struct loader *l, struct twr_db *db, int add,
    enum twr_on_conflict on_conflict, struct errlist *errs,
    struct twr_error *err)
{
	enum twr_status st;
	struct stmt *q;

	memset(l, 0, sizeof(*l));
	l->db = db;
	l->add = add;
	l->on_conflict = on_conflict;
	l->errs = errs;
	map_init(&l->actors);
	map_init(&l->countries);
	buf_init(&l->key);
	buf_init(&l->created);
	q = st_prepare(db, "SELECT value, (SELECT count(*) FROM agreements), "
	    "(SELECT count(*) FROM memberships) FROM meta WHERE key = "
	    "'next_id'", err);
	if (q == NULL)
		return err->status;
	if ((st = st_step(q, err)) == TWR_ROW) {
		l->next_id = l->first_id = st_col_int(q, 0);
		l->bulk[0].at_start = st_col_int(q, 1);
		l->bulk[1].at_start = st_col_int(q, 2);
	}
	st_free(q);
	if (st == TWR_DONE)
		return err_code(err, TWR_INTERNAL, TWR_E_INTERNAL);
	return st == TWR_ROW ? TWR_OK : st;
}

void
loader_free(struct loader *l)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(l->ins); i++) {
		st_free(l->ins[i]);
		st_free(l->find[i]);
	}
	st_free(l->ins_alias);
	st_free(l->ins_party);
	st_free(l->ins_stub);
	bulk_free(l);
	free(l->lines);
	map_free(&l->actors);
	map_free(&l->countries);
	buf_free(&l->key);
	buf_free(&l->created);
	memset(l, 0, sizeof(*l));
}

enum twr_status
loader_finish(struct loader *l, const char *files, unsigned long rows,
    const char *checksum, struct twr_error *err)
{
	enum twr_status st;
	struct stmt *q;

	if (l->batch != 0) {
		q = st_prepare(l->db, "UPDATE batches SET files = ?1, rows = "
		    "?2, checksum = ?3 WHERE id = ?4", err);
		if (q == NULL)
			return err->status;
		st_opt(q, 1, files);
		st_int(q, 2, (long long)rows);
		st_opt(q, 3, checksum);
		st_int(q, 4, l->batch);
		st = st_run(q, err);
		st_free(q);
		if (st != TWR_OK)
			return st;
	}
	if (l->next_id == l->first_id)
		return TWR_OK;
	q = st_prepare(l->db, "UPDATE meta SET value = ?1 WHERE key = "
	    "'next_id'", err);
	if (q == NULL)
		return err->status;
	st_int(q, 1, l->next_id);
	st = st_run(q, err);
	st_free(q);
	return st;
}
