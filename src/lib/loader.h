/*
 * Writing new records (loader.c): a row read from a file, or the fields
 * of an `add`, checked value by value (rec_read), then stored: its
 * actors found or created, its identity looked up, and a row whose
 * identity is already in the registry merged into that record.  Import
 * (import.c), `add` (edit.c) and bulk loading (bulk.c) share it.
 */
#ifndef TWR_LOADER_H
#define TWR_LOADER_H

#include "errlist.h"
#include "kinds.h"

/* A value of the record being stored. */
struct val {
	const char *p;		/* the stored form, or NULL for none */
	size_t off;		/* (while reading: where p will be) */
	int given;		/* its column was given */
	int bad;		/* it broke a rule (and was reported) */
	unsigned col;		/* CSV column, 1-based; 0 for add */
	unsigned long line;	/* its line; 0 for add */
	const struct column *c;	/* its column */
};

/* A record's values: the table's text fields, then the others. */
enum { RV_NAME_A = MAX_FIELDS, RV_CC_A, RV_NAME_B, RV_CC_B, RV_ALIASES,
	RV_PARENT, RV_PARTIES, RV_TIE_NAME, RV_TIE_CC, RV_TIE_KIND, RV_COUNT };

struct rec {
	const struct kind *k;
	struct val v[RV_COUNT];
	unsigned long line;	/* where the row starts */
	size_t file;		/* the file it came from, or NO_FILE */
};

/* The value of R that column C fills. */
struct val *rec_val(struct rec *r, const struct column *c);

/* A table loaded in bulk (bulk.c). */
struct bulk {
	int on;
	int ended;		/* was on, and ended before the load did */
	int declined;		/* the store loads it row by row */
	long long first_id;	/* rows from this id on came in bulk */
	long long at_start;	/* rows the table had when the load began */
	unsigned long rows;	/* rows this load added to the table */
	uint64_t *bloom;	/* identities seen */
	uint64_t nbits;		/* the filter's size, a power of 2 */
	struct stmt *pos;	/* remembers where a suspect row came from */
};

struct loader {
	struct twr_db *db;
	int add;			/* one record of `add` (else import) */
	int force;			/* add: beside an undated twin */
	char today[DATE_MAX];		/* UTC, for dates in the future */
	enum twr_on_conflict on_conflict;
	struct errlist *errs;		/* where bad values go */
	char *const *files;		/* file names, by index */
	size_t nfiles;
	unsigned long long input_bytes;	/* of the files read so far (bulk.c) */
	long long *file_first;		/* the first id given in each file */
	unsigned (*fcols)[MAX_FIELDS];	/* each file's CSV column of each
					   field, for bulk rows' messages */
	long long change, batch;	/* created on the first write */
	long long next_id, first_id;	/* ids to give; at the start */
	long long last_id;		/* the record last created */
	/* Counts. */
	unsigned long added, updated, unchanged, skipped, actors_created;
	struct twr_buf created;		/* the first actors created */
	/* Where the records this load created came from, for a conflict
	   between two of its rows: the line of id first_id + i (0: not
	   known), for the first LINES_MAX. */
	uint32_t *lines;
	size_t nlines, clines;
	/* Scratch, statements, and actors found by name. */
	struct twr_map actors;		/* "CC\x1fname" -> actor id */
	/* Activities: the actor a `with` names ("CC\x1fname"), until the
	   load makes an actor or stores an actor row; the one tie of
	   "actor\x1fother\x1fkind", until it stores a tie row. */
	struct twr_map withs, ties;
	/* The registry had no actors when the load began, and has had
	   only the stubs it made since: a name's actor is the stub made
	   for its folded form, found here, not asked of the store. */
	int fresh;
	struct twr_map folded;		/* "CC\x1ffolded name" -> stub */
	struct twr_map countries;	/* as written -> twr_countries */
	struct twr_buf key, fkey;
	struct stmt *ins[REC_NTYPES], *find[REC_NTYPES];	/* by type */
	struct stmt *tie_find;		/* activities: the tie of an actor */
	struct stmt *ahead[4];		/* loader_ahead's: actors, ties,
					   agreements, memberships */
	struct twr_map ahead_actors;	/* as actors, found for the rows
					   read ahead, until their next */
	struct twr_map known;		/* identity -> index in kept */
	struct known_tie *kept;		/* ties found by identity */
	size_t nkept;
	struct stmt *ins_alias, *ins_party, *ins_partner, *ins_stub;
	struct bulk bulk[3];		/* agreements, memberships,
					   activities */
};

/* Records whose line a load remembers (4 bytes each): memory stays the
   same however large the file. */
#define LINES_MAX (1 << 18)
/* Notes of created actors told one by one; the rest as a count. */
#define CREATED_NOTES 10

/*
 * Start a load into DB inside the write transaction the caller has
 * begun: ADD for one record of `add`; bad values go to ERRS.
 */
enum twr_status loader_init(struct loader *l, struct twr_db *db, int add,
    enum twr_on_conflict on_conflict, struct errlist *errs,
    struct twr_error *err);
void loader_free(struct loader *l);

/*
 * Check the N raw values RAW (trimmed in place) of the columns COLS of
 * kind K into R, the stored forms in ARENA, each at LINES[i] (NULL for
 * add) and CSV column i + 1.  Bad values are reported; returns 0, or -1
 * when one was bad (or ERR says a failure when memory ran out).
 */
int rec_read(struct loader *l, struct rec *r, const struct kind *k,
    size_t n, char *const *raw, const struct column *const *cols,
    const unsigned long *lines, struct twr_buf *arena, struct twr_error *err);

/* The values of a row read ahead (a rec's, copied), for loader_ahead. */
struct ahead_row {
	const char *v[RV_COUNT];
};
/*
 * Where each statement costs a round trip (DB->ahead), an import asks
 * about the actors (and activities' ties, and with AHEAD_IDENTS the ties
 * there are of the same identity) of N rows of kind K at once, before it
 * stores them (loader_ahead.c): the answers are kept as those the rows
 * would get.
 */
enum twr_status loader_ahead(struct loader *l, const struct kind *k,
    const struct ahead_row *rows, size_t n, struct twr_error *err);
/* The stored tie of TAB with the identity of R and actors A and B, as
 * loader_ahead found it, if it did and nothing of the load may have
 * changed it since: its id, and its fields in *STORED; else 0. */
long long ahead_known(struct loader *l, const struct table *tab, long long a,
    long long b, const struct rec *r, const char *const **stored);
void ahead_free(struct loader *l);

/* Store R: a new record, or merged into the one of its identity. */
enum twr_status loader_store(struct loader *l, struct rec *r,
    struct twr_error *err);

/*
 * Report what is wrong with value V of R (NULL: the row itself, at its
 * line): M, at V's place.
 */
void loader_bad(struct loader *l, const struct rec *r, const struct val *v,
    const struct twr_msg *m);

/* Record the change (and for an import the batch) before the first
 * write. */
enum twr_status loader_change(struct loader *l, struct twr_error *err);

/* Tell the actors created (TWR_N_CREATED_*), as would be for DRY. */
void loader_notes(struct loader *l, int dry);

/* Write what a load keeps in the registry (the next id, the batch's
 * files, rows and CHECKSUM). */
enum twr_status loader_finish(struct loader *l, const char *files,
    unsigned long rows, const char *checksum, struct twr_error *err);

/* Merge R into stored record ID, whose fields FOUND holds (columns from
 * 1), per on_conflict (bulk.c uses it too); merge_stored with the fields
 * in STORED. */
enum twr_status loader_merge(struct loader *l, const struct table *tab,
    long long id, struct stmt *found, struct rec *r, struct twr_error *err);
/* The fields of TAB's record FOUND is on (columns from 1) into STORED,
 * valid until FOUND is stepped or reset. */
void stored_fields(const struct table *tab, struct stmt *found,
    const char **stored);
enum twr_status merge_stored(struct loader *l, const struct table *tab,
    long long id, const char *const *stored, struct rec *r,
    struct twr_error *err);

/* ---- shared by the loader's files --------------------------------- */

/* M cleared, with CODE. */
struct twr_msg *msg_of(struct twr_msg *m, enum twr_code code);
/* The INSERT of each table (rec_type), all of its fields. */
extern const char *const ins_sql[];
/* Note record ID, created from the row at LINE. */
enum twr_status note_added(struct loader *l, long long id,
    unsigned long line, struct twr_error *err);
/* Report a conflict of V of R with stored record ID about FIELD (OLD
 * stored, NEW given). */
void conflict(struct loader *l, const struct rec *r, const struct val *v,
    long long id, const char *field, const char *old, const char *new_);
/* NAME in COUNTRY (NULL: unknown) as a key of the load's actors, in
 * L->key. */
void actor_key(struct loader *l, const char *name, const char *country);
/* The actor NAME names in COUNTRY, created with KIND when none; V the
 * value to blame.  0 and *ID, or -1 (reported; a failure in ERR when
 * *FAILED). */
int resolve(struct loader *l, const struct rec *r, const struct val *v,
    const char *name, const char *country, const char *kind, long long *id,
    struct twr_error *err, int *failed);
/* The most fields an identity has beside its actors. */
#define IDENT_FIELDS 3
/* The identity fields of R (of table TAB) into F, NULL where none. */
void ident_fields(const struct table *tab, const struct rec *r,
    const char **f);
/* The stored record of TAB with R's identity and actors A, B (actors:
 * id A): TWR_ROW with *FOUND on it, TWR_DONE, or a failure. */
enum twr_status find_ident(struct loader *l, const struct table *tab,
    long long a, long long b, const struct rec *r, struct stmt **found,
    struct twr_error *err);
/* The tie (agreement or membership) of ACTOR with OTHER of KIND (NULL:
 * any) in *TIE when there is one; *N how many there are. */
enum twr_status activity_tie(struct twr_db *db, struct stmt **cache,
    long long actor, long long other, const char *kind, long long *tie,
    size_t *n, struct twr_error *err);
/* Keep ID for KEY (LEN bytes) in M, L->withs or L->ties, emptied first
 * when it holds as many as it keeps; -1 when out of memory. */
int keep_answer(struct loader *l, struct twr_map *m, const char *key,
    size_t len, int64_t id);
/* The key of L->ties for the tie of actor A with OTHER of KIND (NULL:
 * any) in KEY (SIZE bytes): its length, or 0 when it does not fit. */
int tie_key(char *key, size_t size, long long a, long long other,
    const char *kind);
/* Does END's whole period lie before START's? */
int ends_before(const char *end, const char *start);
/* Bind R's N fields to parameters FIRST on; they stay put in the arena
 * until the step. */
void bind_fields(struct stmt *q, int first, const struct rec *r, size_t n);
/* Bind a tie's row (TYPE: an agreement or membership) to ins_sql's INSERT
   from its fourth parameter, its status defaulted. */
void bind_insert(struct stmt *q, enum rec_type type, const struct rec *r,
    size_t n);
/* Search-index the fields of new record ID of TAB from R. */
enum twr_status index_new(struct loader *l, const struct table *tab,
    long long id, const struct rec *r, struct twr_error *err);
/* Store actor row R (loader_actor.c), activity row R
 * (loader_activity.c). */
enum twr_status loader_store_actor(struct loader *l, struct rec *r,
    struct twr_error *err);
enum twr_status loader_store_activity(struct loader *l, struct rec *r,
    struct twr_error *err);
/* Add the actors V names ("Name (CC);...") to record ID through INSERT
 * (?1 the record, ?2 the actor), skipping A and B; *ADDED counts new
 * ones.  0, or -1 (reported, or a failure when *FAILED). */
int add_parties(struct loader *l, const struct rec *r, const struct val *v,
    long long id, long long a, long long b, struct stmt **cache,
    const char *insert, int *added, struct twr_error *err, int *failed);

/* ---- bulk loading (bulk.c) ---------------------------------------- */

/* Count a new row ID of TAB; switch the table to bulk loading once the
 * load has given it many. */
enum twr_status bulk_count(struct loader *l, const struct table *tab,
    struct twr_error *err);
/* The bulk loading of TYPE's table, or NULL (actors). */
static inline struct bulk *
bulk_of(struct loader *l, enum rec_type type)
{
	return type == REC_AGREEMENT ? &l->bulk[0] :
	    type == REC_MEMBERSHIP ? &l->bulk[1] :
	    type == REC_ACTIVITY ? &l->bulk[2] : NULL;
}

/* Is record ID of TYPE loaded in bulk (search entries at the end)? */
static inline int
bulk_has(struct loader *l, enum rec_type type, long long id)
{
	const struct bulk *b = bulk_of(l, type);

	return b != NULL && b->on && id >= b->first_id;
}
/* Note bulk row ID of R, identity actors A and B. */
enum twr_status bulk_row(struct loader *l, const struct rec *r, long long id,
    long long a, long long b, struct twr_error *err);
/* End the bulk loading of the ties' tables, if on, before a lookup of
 * ties that needs their indexes (an activity's tie); their later rows go
 * in one by one. */
enum twr_status bulk_ties_ready(struct loader *l, struct twr_error *err);
/* Build the indexes again, merge identities that came twice, index the
 * new rows for search. */
enum twr_status bulk_finish(struct loader *l, struct twr_error *err);
void bulk_free(struct loader *l);

#endif
