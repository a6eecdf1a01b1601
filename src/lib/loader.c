/*
 * Storing new records, from an import's rows or an `add`: a tie's row
 * here, an actor's in loader_actor.c, both on merge.c; a load's start,
 * its notes and its end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "loader.h"
#include "records.h"
#include "values.h"

/* ---- actors ----------------------------------------------------------- */

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

/* ---- storing a tie --------------------------------------------------- */

#define INSERT_PARTY "INSERT INTO agreement_parties(agreement_id, " \
	"actor_id) VALUES(?1, ?2) ON CONFLICT DO NOTHING"

/* Search-index the fields of new record ID from R. */
enum twr_status
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
 * The rules of a tie's dates, at write time: an end not before the
 * start; a signing date not after today, unless the tie is planned (a
 * future end is a scheduled end).  -1 when R breaks one (told).
 */
static int
tie_dates_bad(struct loader *l, struct rec *r, int ag)
{
	int s = ag ? AG_SIGNED_ON : M_SINCE, e = ag ? AG_ENDED_ON : M_UNTIL;
	const char *status = ag ? r->v[AG_STATUS].p : NULL;
	struct twr_msg m;

	if (ends_before(r->v[e].p, r->v[s].p)) {
		msg_of(&m, TWR_E_END_BEFORE_START);
		m.value = r->v[e].p;
		m.value2 = r->v[s].p;
		loader_bad(l, r, &r->v[e], &m);
		return -1;
	}
	if (ag && ends_before(l->today, r->v[s].p) && (status == NULL ||
	    strcmp(status, "planned") != 0)) {
		msg_of(&m, TWR_E_FUTURE_SIGNING);
		m.value = r->v[s].p;
		m.value2 = l->today;
		loader_bad(l, r, &r->v[s], &m);
		return -1;
	}
	return 0;
}

/*
 * A tie of the same parties (A, B) and kind as R where either is
 * undated, into *TWIN (0: none): `add` takes it for the same tie.
 */
static enum twr_status
undated_twin(struct loader *l, struct rec *r, int ag, long long a,
    long long b, long long *twin, struct twr_error *err)
{
	static const char *const sql[2] = {
		"SELECT id FROM memberships WHERE member_id = ?1 AND "
		"network_id = ?2 AND (since IS NULL OR ?3 IS NULL) LIMIT 1",
		"SELECT id FROM agreements WHERE min(party_id, partner_id) = "
		"min(?1, ?2) AND max(party_id, partner_id) = max(?1, ?2) AND "
		"kind = ?4 AND (signed_on IS NULL OR ?3 IS NULL) LIMIT 1"
	};
	enum twr_status st;
	struct stmt *q;

	*twin = 0;
	if ((q = st_prepare(l->db, sql[ag], err)) == NULL)
		return err->status;
	st_int(q, 1, a);
	st_int(q, 2, b);
	st_ref(q, 3, r->v[ag ? AG_SIGNED_ON : M_SINCE].p);
	if (ag)
		st_ref(q, 4, r->v[AG_KIND].p);
	if ((st = st_step(q, err)) == TWR_ROW) {
		*twin = st_col_int(q, 0);
		st = TWR_OK;
	} else if (st == TWR_DONE)
		st = TWR_OK;
	st_free(q);
	return st;
}

static enum twr_status merge_tie(struct loader *l, struct rec *r,
    long long id, long long a, long long b, const char *const *stored,
    struct twr_error *err);

static enum twr_status
store_tie(struct loader *l, struct rec *r, struct twr_error *err)
{
	const struct table *tab = r->k->tab;
	int failed = 0, added = 0, ag = tab->type == REC_AGREEMENT;
	const char *const *known, *stored[MAX_FIELDS];
	long long a, b, id;
	enum twr_status st;
	struct stmt *q;
	struct twr_msg m;

	/* It may add a tie an activity's `with` finds beside another. */
	map_clear(&l->ties);
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
	if (tie_dates_bad(l, r, ag) == -1)
		return TWR_OK;
	if (l->add && !l->force) {
		if ((st = undated_twin(l, r, ag, a, b, &id, err)) != TWR_OK)
			return st;
		if (id != 0) {
			msg_of(&m, TWR_E_UNDATED_TWIN);
			m.id = id;
			m.n[0] = tab->type;
			loader_bad(l, r, NULL, &m);
			return TWR_OK;
		}
	}
	if ((st = loader_change(l, err)) != TWR_OK)
		return st;
	/* A tie of its identity, found ahead: the INSERT would not go in. */
	if (!l->add && (id = ahead_known(l, tab, a, b, r, &known)) != 0)
		return merge_tie(l, r, id, a, b, known, err);
	if ((q = st_cached(l->db, &l->ins[tab->type], ins_sql[tab->type],
	    err)) == NULL)
		return err->status;
	id = l->next_id;
	st_int(q, 1, id);
	st_int(q, 2, a);
	st_int(q, 3, b);
	bind_insert(q, tab->type, r, tab->nfields);
	st_id(q, 4 + (int)tab->nfields, l->batch);
	if ((st = st_run(q, err)) != TWR_OK)
		return st;
	if (db_changes(l->db) == 1) {
		l->next_id++;
		l->added++;
		if (ag && add_parties(l, r, &r->v[RV_PARTIES], id, a, b,
		    &l->ins_party, INSERT_PARTY, &added, err, &failed) == -1)
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
	if ((st = find_ident(l, tab, a, b, r, &q, err)) != TWR_ROW) {
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
	stored_fields(tab, q, stored);
	st = merge_tie(l, r, id, a, b, stored, err);
	st_reset(q);
	return st;
}

/* Merge tie row R (actors A, B) into stored tie ID of fields STORED. */
static enum twr_status
merge_tie(struct loader *l, struct rec *r, long long id, long long a,
    long long b, const char *const *stored, struct twr_error *err)
{
	const struct table *tab = r->k->tab;
	int failed = 0, added = 0;
	enum twr_status st;
	char *before = NULL;

	if (tab->type == REC_AGREEMENT && r->v[RV_PARTIES].p != NULL) {
		before = others_list(l->db, id);
		if (add_parties(l, r, &r->v[RV_PARTIES], id, a, b,
		    &l->ins_party, INSERT_PARTY, &added, err, &failed) == -1) {
			free(before);
			return failed ? err->status : TWR_OK;
		}
	}
	st = merge_stored(l, tab, id, stored, r, err);
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

enum twr_status
loader_store(struct loader *l, struct rec *r, struct twr_error *err)
{
	switch (r->k->tab->type) {
	case REC_ACTOR:
		/* It may add an actor or a spelling a `with` names. */
		map_clear(&l->withs);
		return loader_store_actor(l, r, err);
	case REC_ACTIVITY:
		return loader_store_activity(l, r, err);
	default:
		return store_tie(l, r, err);
	}
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
	today_utc_date(l->today);
	map_init(&l->actors);
	map_init(&l->withs);
	map_init(&l->ties);
	map_init(&l->folded);
	map_init(&l->countries);
	buf_init(&l->key);
	buf_init(&l->fkey);
	buf_init(&l->created);
	q = st_prepare(db, "SELECT " SQL_NEXT_ID ", (SELECT count(*) FROM "
	    "agreements), "
	    "(SELECT count(*) FROM memberships), (SELECT count(*) FROM "
	    "activities), (SELECT count(*) FROM (SELECT 1 FROM actors LIMIT "
	    "1)) FROM meta WHERE key = 'next_id'", err);
	if (q == NULL)
		return err->status;
	if ((st = st_step(q, err)) == TWR_ROW) {
		l->next_id = l->first_id = st_col_int(q, 0);
		l->bulk[0].at_start = st_col_int(q, 1);
		l->bulk[1].at_start = st_col_int(q, 2);
		l->bulk[2].at_start = st_col_int(q, 3);
		l->fresh = st_col_int(q, 4) == 0;
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
	st_free(l->ins_partner);
	st_free(l->tie_find);
	for (i = 0; i < ARRAY_SIZE(l->ahead); i++)
		st_free(l->ahead[i]);
	ahead_free(l);
	bulk_free(l);
	free(l->lines);
	map_free(&l->actors);
	map_free(&l->withs);
	map_free(&l->ties);
	map_free(&l->folded);
	map_free(&l->countries);
	buf_free(&l->key);
	buf_free(&l->fkey);
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
