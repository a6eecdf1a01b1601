/*
 * What every writer of new records shares (merge.c): a load's change
 * and batch, where its records came from, finding actors by name, and
 * merging a row into the stored record of its identity.
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
struct twr_msg *
msg_of(struct twr_msg *m, enum twr_code code)
{
	memset(m, 0, sizeof(*m));
	m->code = code;
	return m;
}

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
enum twr_status
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
void
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

void
actor_key(struct loader *l, const char *name, const char *country)
{
	buf_reset(&l->key);
	buf_adds(&l->key, country ? country : "");
	buf_addc(&l->key, '\x1f');
	buf_adds(&l->key, name);
}

/*
 * The actor NAME names in COUNTRY (NULL: unknown), created with KIND
 * when the registry has none.  V is the value to blame for an ambiguous
 * name.  Returns 0 and stores the id, or -1 (reported; or a failure in
 * ERR when *FAILED is set).
 */
int
resolve(struct loader *l, const struct rec *r, const struct val *v,
    const char *name, const char *country, const char *kind, long long *id,
    struct twr_error *err, int *failed)
{
	long long *ids = NULL;
	size_t n = 0;
	int64_t cached;
	char *fkey;

	actor_key(l, name, country);
	if (map_get(&l->actors, l->key.p, l->key.len, &cached)) {
		*id = cached;
		return 0;
	}
	if (l->fresh && country != NULL) {
		/* Another spelling of a stub's name (its folded form), or
		   an actor the registry does not have. */
		if ((fkey = fold_dup(name)) == NULL) {
			err_nomem(err);
			*failed = 1;
			return -1;
		}
		buf_reset(&l->fkey);
		buf_adds(&l->fkey, country);
		buf_addc(&l->fkey, '\x1f');
		buf_adds(&l->fkey, fkey);
		free(fkey);
		if (l->fkey.oom) {
			err_nomem(err);
			*failed = 1;
			return -1;
		}
		if (map_get(&l->folded, l->fkey.p, l->fkey.len, &cached)) {
			*id = cached;
			goto found;
		}
	} else if (country != NULL && map_get(&l->ahead_actors, l->key.p,
	    l->key.len, &cached)) {
		/* Asked about ahead (loader_ahead.c): the one actor. */
		*id = cached;
		goto found;
	} else if (actor_lookup(l->db, name, country, &ids, &n, err) !=
	    TWR_OK) {
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
	map_clear(&l->withs);	/* a `with` may name it beside another */
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
	if (l->fresh && country != NULL && map_put(&l->folded, l->fkey.p,
	    l->fkey.len, *id) == -1) {
		err_nomem(err);
		*failed = 1;
		return -1;
	}
found:
	if (map_put(&l->actors, l->key.p, l->key.len, *id) == -1) {
		err_nomem(err);
		*failed = 1;
		return -1;
	}
	return 0;
}

static int
in_ident(const struct table *tab, int field)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tab->ident) && tab->ident[i] >= 0; i++)
		if (tab->ident[i] == field)
			return 1;
	return 0;
}

void
stored_fields(const struct table *tab, struct stmt *found,
    const char **stored)
{
	size_t i;

	for (i = 0; i < tab->nfields; i++)
		stored[i] = st_col_text(found, (int)i + 1);
}

enum twr_status
loader_merge(struct loader *l, const struct table *tab, long long id,
    struct stmt *found, struct rec *r, struct twr_error *err)
{
	const char *stored[MAX_FIELDS];

	stored_fields(tab, found, stored);
	return merge_stored(l, tab, id, stored, r, err);
}

enum twr_status
merge_stored(struct loader *l, const struct table *tab, long long id,
    const char *const *stored, struct rec *r, struct twr_error *err)
{
	const struct val *first = NULL;
	const char *old_c = NULL;
	int change[MAX_FIELDS] = { 0 }, any = 0;
	char *old[MAX_FIELDS] = { NULL };
	enum twr_status st = TWR_OK;
	size_t i;

	for (i = 0; i < tab->nfields; i++) {
		const char *o = stored[i];
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

void
ident_fields(const struct table *tab, const struct rec *r, const char **f)
{
	int i;

	for (i = 0; i < IDENT_FIELDS; i++)
		f[i] = tab->ident[i] >= 0 ? r->v[tab->ident[i]].p : NULL;
}

/*
 * The stored record of TAB with the identity of R and actors A and B,
 * or for actors the one of id A: TWR_ROW with *FOUND on its row (id,
 * then the fields), TWR_DONE, or a failure.
 */
enum twr_status
find_ident(struct loader *l, const struct table *tab, long long a,
    long long b, const struct rec *r, struct stmt **found,
    struct twr_error *err)
{
	const char *f[IDENT_FIELDS] = { NULL, NULL, NULL };
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
	if (tab->type != REC_ACTOR)
		ident_fields(tab, r, f);
	for (i = 0; i < IDENT_FIELDS; i++)
		st_opt(q, 3 + (int)i, f[i]);
	*found = q;
	return st_step(q, err);
}

/* The INSERT of each table, every field. */
const char *const ins_sql[] = {
	[REC_AGREEMENT] = "INSERT INTO agreements(id, party_id, "
	    "partner_id, kind, title, signed_on, signed_place, status, "
	    "ended_on, council_decision_date, council_decision_no, "
	    "ministry_approval_date, ministry_approval_no, topics, source, "
	    "notes, batch_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) ON CONFLICT DO NOTHING",
	[REC_MEMBERSHIP] = "INSERT INTO memberships(id, member_id, "
	    "network_id, status, since, until, roles, council_decision_date, "
	    "council_decision_no, ministry_approval_date, "
	    "ministry_approval_no, source, notes, batch_id) VALUES(?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
	    "ON CONFLICT DO NOTHING",
	[REC_ACTOR] = "INSERT INTO actors(id, name, name_key, country, "
	    "kind, name_en, name_en_key, website, source, notes, parent_id, "
	    "batch_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12)",
	[REC_ACTIVITY] = "INSERT INTO activities(id, actor_id, type, title, "
	    "date, until, place, place_country, programme, participants, "
	    "source, notes, tie_id, batch_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO NOTHING",
};

/* Bind the row's fields from parameter FIRST on; they stay put in the
   arena until the step. */
void
bind_fields(struct stmt *q, int first, const struct rec *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		st_ref(q, first + (int)i, r->v[i].p);
}

/* The status a tie's INSERT gives a row without one (the column's
   default, which a NULL bound would not take); its field's place. */
static const struct {
	size_t field;
	const char *value;
} ins_default[] = {
	[REC_AGREEMENT] = { AG_STATUS, "active" },
	[REC_MEMBERSHIP] = { M_STATUS, "member" },
};

void
bind_insert(struct stmt *q, enum rec_type type, const struct rec *r,
    size_t n)
{
	size_t f = ins_default[type].field;

	bind_fields(q, 4, r, n);
	if (r->v[f].p == NULL)
		st_ref(q, 4 + (int)f, ins_default[type].value);
}

int
add_parties(struct loader *l, const struct rec *r, const struct val *v,
    long long id, long long a, long long b, struct stmt **cache,
    const char *insert, int *added, struct twr_error *err, int *failed)
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
		if ((q = st_cached(l->db, cache, insert, err)) == NULL) {
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
