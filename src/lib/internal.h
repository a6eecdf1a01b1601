/*
 * The core library's internal interfaces.  Nothing here prints or exits.
 */
#ifndef TWR_INTERNAL_H
#define TWR_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "twinreg.h"
#include "store.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTFLIKE(f, a)
#endif

/* ---- util.c: growable buffers, hash map, errors --------------------- */

struct twr_buf {
	char *p;		/* NUL-terminated once anything was added */
	size_t len, cap;
	int oom;		/* an allocation failed; contents incomplete */
};

void buf_init(struct twr_buf *b);
void buf_free(struct twr_buf *b);
void buf_reset(struct twr_buf *b);
void buf_add(struct twr_buf *b, const char *s, size_t n);
void buf_adds(struct twr_buf *b, const char *s);
void buf_addc(struct twr_buf *b, char c);
void buf_printf(struct twr_buf *b, const char *fmt, ...) PRINTFLIKE(2, 3);
const char *buf_str(struct twr_buf *b);	/* "" when empty */

/* A map from byte strings to 64-bit values; keys are copied. */
struct twr_map {
	struct twr_map_ent *ents;	/* open addressing; cap a power of 2 */
	size_t cap, n;
};

void map_init(struct twr_map *m);
void map_free(struct twr_map *m);
/* Returns 1 and stores the value in *V when KEY is there, else 0. */
int map_get(const struct twr_map *m, const char *key, size_t n, int64_t *v);
/* Returns 0, or -1 when out of memory. */
int map_put(struct twr_map *m, const char *key, size_t n, int64_t v);
void map_clear(struct twr_map *m);

/* Counts by key, two a key (a report's for the year, n[i][0], and the
 * year before, n[i][1]); tally.c. */
struct tally {
	char **keys;
	long long (*n)[2];
	size_t len, cap;
	struct twr_map at;	/* key -> index */
};

/* The counts of KEY in T, added with zeros if new; NULL when out of
 * memory. */
long long *tally_at(struct tally *t, const char *key);
/* Add the two counts V to KEY's in T; -1 when out of memory. */
int tally_add(struct tally *t, const char *key, const long long v[2]);
void tally_free(struct tally *t);

char *xstrdup(const char *s);	/* NULL stays NULL */
/* The index of the element with id ID among N of SIZE bytes at BASE,
   each beginning with its id (a long long), sorted by it; or N. */
size_t id_search(const void *base, size_t n, size_t size, long long id);
uint64_t hash_bytes(const void *p, size_t n);

/*
 * Public functions take an ERR that may be NULL; LOCAL_ERR(err) at their
 * start points it at a stand-in, so that code below may always write to
 * it.
 */
#define LOCAL_ERR(err) \
	struct twr_error err##_stand_in; \
	if ((err) == NULL) \
		(err) = &err##_stand_in

/*
 * Run CALL, a write that is one transaction, into ST; again while
 * twr_again() says the conflict that refused it may pass (the shared
 * register's serialization failures).  ERR must not be NULL (LOCAL_ERR
 * first, in the caller's scope).
 */
#define RETRY_WRITE(st, err, call) do { \
	int tries_ = 0; \
	do \
		(st) = (call); \
	while (twr_again((err), (st), &tries_)); \
} while (0)

/* The status ERR holds (TWR_INTERNAL when ERR is NULL). */
static inline enum twr_status
err_status(const struct twr_error *err)
{
	return err != NULL ? err->status : TWR_INTERNAL;
}

/* ---- msg.c: messages in parts ----------------------------------------- */

/* Set ERR (may be NULL) to status ST and message M, whose strings are
 * copied (cut to fit); returns ST. */
enum twr_status err_msg(struct twr_error *err, enum twr_status st,
    const struct twr_msg *m);
/* ERR failed at FILE:LINE:COLUMN of the input (FILE copied). */
void err_at(struct twr_error *err, const char *file, unsigned long line,
    unsigned column);
/* The same for a message of CODE alone. */
enum twr_status err_code(struct twr_error *err, enum twr_status st,
    enum twr_code code);
/* TWR_INTERNAL: out of memory. */
enum twr_status err_nomem(struct twr_error *err);
/* Tell M through DB's diagnostic callback. */
void diag_msg(struct twr_db *db, enum twr_severity sev, const char *file,
    unsigned long line, unsigned column, const struct twr_msg *m);
/* M and its strings in one malloc'd block (free() it), or NULL. */
struct twr_msg *msg_copy(const struct twr_msg *m);

/* Trim ASCII blanks at both ends of S in place; returns S. */
char *trim_blanks(char *s);
/* Are column names A and B the same, '-' and '_' alike? */
int column_name_eq(const char *a, const char *b);
/* Parse a whole non-negative decimal number; returns 0 or -1. */
int parse_int64(const char *s, long long *out);

/* ---- unicode.c ------------------------------------------------------ */

/* Decode one code point from S (N > 0 bytes); returns its length, or 0
 * for an invalid sequence (then *CP is U+FFFD). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Returns 1 when S (N bytes) is valid UTF-8, else 0 with the offset of
 * the first bad byte in *BAD. */
int utf8_valid(const char *s, size_t n, size_t *bad);
void utf8_put(struct twr_buf *b, uint32_t cp);

/*
 * Append to OUT the folded form of S (N bytes): letters lower-cased and
 * without diacritics (ı and İ become i), every run of other characters
 * one space, none at either end.  Every comparison of names, and the
 * search index, goes through this one function.
 */
void fold_text(struct twr_buf *out, const char *s, size_t n);
/* fold_text into a new string; NULL when out of memory. */
char *fold_dup(const char *s);

/* Compare A (NA bytes) and B (NB bytes) in Turkish alphabetical order. */
int collate_tr(const void *a, size_t na, const void *b, size_t nb);
/* The valid UTF-8 text just above every text that starts with S
 * (malloc'd; NULL when out of memory): the upper bound of a prefix's
 * range of keys in any store. */
char *text_above(const char *s);
/* A key of S (N bytes) whose byte order is collate_tr's, into OUT. */
void coll_key(struct twr_buf *out, const char *s, size_t n);

/* Levenshtein distance of two folded strings, capped at CAP. */
unsigned edit_distance(const char *a, const char *b, unsigned cap);

/* ---- country.c -------------------------------------------------------- */

struct twr_country {
	const char *code;	/* alpha-2, or XK, XN */
	const char *code3;
	const char *name_en;
	const char *name_tr;
	const char *other;	/* other names, ';'-separated, or NULL */
};

/* The country TEXT names (code, English, Turkish or other name), or NULL. */
const struct twr_country *country_find(const char *text);
/* The country with alpha-2 CODE, or NULL. */
const struct twr_country *country_by_code(const char *code);
/* Append up to 3 names nearest to TEXT ("A, B or C") to OUT. */
void country_suggest(const char *text, struct twr_buf *out);
/* The generated table (countries.c). */
extern const struct twr_country twr_countries[];
extern const size_t twr_ncountries;

/* ---- date.c ------------------------------------------------------------ */

#define DATE_MAX 11	/* "YYYY-MM-DD" and NUL */

/* twr_date_parse(), setting *NO_SUCH_DAY when TEXT has the shape of a
 * date but names no day of the calendar (2011-02-30, 31.06.2001). */
int date_parse(const char *text, char *out, int *no_such_day);
/* Parse the date TEXT given for FIELD (a filter or argument, "as_of")
 * into OUT (DATE_MAX bytes), or say why not in ERR (TWR_USAGE). */
enum twr_status date_option(const char *field, const char *text, char *out,
    struct twr_error *err);

/* The first day after the period ISO names, as ISO at full precision
 * ("2011" -> "2012-01-01"); OUT holds DATE_MAX bytes. */
void date_after(const char *iso, char *out);
/* The year of ISO date text. */
int date_year(const char *iso);
/* The same day YEARS years before DAY (YYYY-MM-DD), into OUT; 29
 * February becomes the 28th in a year without it. */
void date_years_before(const char *day, int years, char *out);

/*
 * The first day of the period ISO names, in full ("2011" ->
 * "2011-01-01"); OUT holds DATE_MAX bytes.
 */
void date_first(const char *iso, char *out);

/*
 * A bound for comparing dates of any precision as text, each counting as
 * its first day: the shortest text whose first day is ISO's.  A stored
 * date is on or after ISO's first day exactly when it is >= the bound
 * ("2011-01-01" -> "2011", which "2011" and "2011-05" are >= but
 * "2010-12" is not).
 */
void date_bound(const char *iso, char *out);

/* ---- db.c ------------------------------------------------------------ */

struct twr_db {
	const struct store_ops *ops;	/* the engine */
	void *engine;			/* its state */
	twr_diag_fn *diag;
	void *diag_arg;
	char *by;		/* author of changes */
	char *command;		/* command line of changes */
	int in_write;		/* inside db_begin_write .. db_commit */
	int in_snapshot;	/* inside twr_snapshot_begin .. _end */
	struct stmt *lookup;	/* actor_lookup_key's, prepared once */
	twr_commit_fn *commit_fn;
	void *commit_arg;
	long long added;	/* the record the write added, for commit_fn */
	twr_progress_fn *progress;	/* twr_set_progress_fn()'s */
	void *progress_arg;
	twr_plan_fn *plan;		/* twr_set_plan_fn()'s */
	void *plan_arg;
	/* The registry keeps no counts of its ties (tie_counts): a shared
	   register its owner has not yet upgraded.  Reports read the ties. */
	int no_counts;
	/* Each statement is a round trip to a server: an import asks
	   about many rows at once (loader_ahead), AHEAD_LOOKUPS or also
	   AHEAD_IDENTS; 0: row by row. */
	int ahead;
};

/* DB->ahead: the actors and activities' ties of rows read ahead asked
 * about at once; and the ties of their identities, where an INSERT of a
 * tie whose identity is taken does nothing else than fail to insert it
 * (on a server, the owner's: an office's is checked first). */
#define AHEAD_LOOKUPS 1
#define AHEAD_IDENTS 2

/* Run SQL (no rows, no parameters) on DB; returns TWR_OK or an error. */
enum twr_status db_exec(struct twr_db *db, const char *sql,
    struct twr_error *err);
/* Run SQL (a write) with ?1 = A and, when it has a ?2, ?2 = B; *N (may
 * be NULL) grows by the rows it changed. */
enum twr_status db_run(struct twr_db *db, const char *sql, long long a,
    long long b, unsigned long *n, struct twr_error *err);
/* Rows the last write statement changed. */
long long db_changes(struct twr_db *db);

/* A write transaction (one per command that writes); commit or roll
 * back.  Rolling back outside a transaction does nothing. */
enum twr_status db_begin_write(struct twr_db *db, struct twr_error *err);
enum twr_status db_commit(struct twr_db *db, struct twr_error *err);
void db_rollback(struct twr_db *db);
/* A read of many statements (a report, show) sees one state of the
 * registry, whatever others commit meanwhile: a snapshot, unless DB is
 * in one or in a write already, which it reads in.  *BEGAN is 1 when it
 * began one, for db_read_end. */
enum twr_status db_read_begin(struct twr_db *db, int *began,
    struct twr_error *err);
/* End the snapshot db_read_begin began (BEGAN), if it did. */
void db_read_end(struct twr_db *db, int began);

/* Reserve COUNT new record ids; the first is stored in *FIRST. */
enum twr_status db_take_ids(struct twr_db *db, long long count,
    long long *first, struct twr_error *err);

/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into OUT (21 bytes). */
void now_utc(char *out);
/* Today in UTC, "YYYY-MM-DD", into OUT (DATE_MAX bytes). */
void today_utc_date(char *out);

/*
 * Start a change (one history entry) of COMMAND on DB; *CHANGE gets its
 * id.  Must be inside a write transaction.
 */
enum twr_status change_begin(struct twr_db *db, const char *command,
    const char *reason, long long *change, struct twr_error *err);
/* Record that CHANGE did ACTION to RECORD's FIELD (OLD -> NEW). */
enum twr_status change_field(struct twr_db *db, long long change,
    long long record, const char *action, const char *field,
    const char *old, const char *new_, struct twr_error *err);
/* The same for a FIELD that names an actor (0: none): its label is
 * kept for people, its id for undo. */
enum twr_status change_ref(struct twr_db *db, long long change,
    long long record, const char *action, const char *field,
    long long old, long long new_, struct twr_error *err);
/* The same for the tie (agreement or membership) an activity belongs
 * to, kept as its summary line. */
enum twr_status change_tie(struct twr_db *db, long long change,
    long long record, const char *action, long long old, long long new_,
    struct twr_error *err);
/* The summary line of tie ID, malloc'd, or NULL. */
char *tie_label(struct twr_db *db, long long id);
/* SQL of meta's row 'next_id' for the next id to give: its value, or
 * past the highest id of any record, should a record have taken an id
 * meta had yet to give (on PostgreSQL an office's psql may). */
#define SQL_NEXT_ID "max(value, (SELECT coalesce(max(id), 0) + 1 FROM " \
	"actors), (SELECT coalesce(max(id), 0) + 1 FROM agreements), " \
	"(SELECT coalesce(max(id), 0) + 1 FROM memberships), (SELECT " \
	"coalesce(max(id), 0) + 1 FROM activities))"
/* SQL for the label "Name (CC)" of the actor whose id is SQL ID. */
#define SQL_ACTOR_LABEL(id) "(SELECT name || ' (' || coalesce(country, " \
	"'?') || ')' FROM actors WHERE id = " id ")"

/* ---- search index (search.c) ------------------------------------------ */

enum rec_type { REC_NONE = TWR_REC_NONE, REC_ACTOR = TWR_REC_ACTOR,
	REC_AGREEMENT = TWR_REC_AGREEMENT, REC_MEMBERSHIP = TWR_REC_MEMBERSHIP,
	REC_ACTIVITY = TWR_REC_ACTIVITY, REC_NTYPES };

/* Bring the search index of record ID (of TYPE) up to date with its
 * row: remove what was indexed, index what is there now. */
enum twr_status fts_sync(struct twr_db *db, enum rec_type type, long long id,
    struct twr_error *err);
/* Index TEXT (may be NULL) as field FIELD of record ID. */
enum twr_status fts_put(struct twr_db *db, long long id, int field,
    const char *text, struct twr_error *err);
/* Remove record ID from the search index. */
enum twr_status fts_remove(struct twr_db *db, long long id,
    struct twr_error *err);
/* Index the fields of every record of TYPE from id FIRST on (REC_NONE:
 * of every type), in one statement a field. */
enum twr_status fts_fill(struct twr_db *db, enum rec_type type,
    long long first, struct twr_error *err);
/* Index every record anew (migrations). */
enum twr_status search_rebuild(struct twr_db *db, struct twr_error *err);

/* ---- rows.c ------------------------------------------------------------ */

/* Rows from a prepared statement (taken over) with the given columns. */
struct twr_rows *rows_from_stmt(struct stmt *st, size_t ncols,
    const char *const *names, const enum twr_type *types);
/* Rows built in memory. */
struct twr_rows *rows_new(size_t ncols, const char *const *names,
    const enum twr_type *types, unsigned flags);
/* Append a row of NCOLS values (copied; NULL allowed). Returns 0 or -1. */
int rows_add(struct twr_rows *r, const char *const *vals);

#define PICK_MAX 48	/* columns a --columns may name, one coming again */
/*
 * The columns SPEC names among the N names NAMES: every one for "all",
 * else the names between its commas (blanks around them ignored), in
 * that order.  Their indexes into IDX (room for PICK_MAX), their number
 * into *NIDX.  A name none has is TWR_USAGE, TWR_E_COLUMN with n[0]
 * WHAT; more than PICK_MAX is TWR_E_TOO_MANY_COLUMNS.
 */
enum twr_status pick_columns(const char *const *names, size_t n,
    const char *spec, long long what, size_t *idx, size_t *nidx,
    struct twr_error *err);
/* Mark R as report REPORT of the period FROM to TO. */
void rows_set_report(struct twr_rows *r, int report, int from, int to);
/* Tell DB's progress function (if any) of R's rows as they are read,
 * TOTAL of them in all. */
void rows_set_progress(struct twr_rows *r, struct twr_db *db,
    unsigned long long total);

/* ---- records (records.c) ------------------------------------------- */

/* The kind of record ID (REC_NONE for none). */
enum rec_type record_type(struct twr_db *db, long long id);
/* The record WHAT names: an id (digits), or an actor's name, into *ID
 * and *TYPE.  TWR_NOTFOUND when none (an actor's closest names in the
 * hint), TWR_USAGE for a name of several actors. */
enum twr_status record_named(struct twr_db *db, const char *what,
    long long *id, enum rec_type *type, struct twr_error *err);
/* The kind (kinds.h) of record ID of type TYPE: an agreement's by its
   kind; NULL for REC_NONE. */
const struct kind *record_kind(struct twr_db *db, enum rec_type type,
    long long id);
/* SQL giving the rec_type of record ?1 (no row for none). */
const char *record_type_sql(void);
/* The text of the first column of the first row SQL gives for ?1 = ID,
 * malloc'd, or NULL (none, NULL, or a failure). */
char *query_text(struct twr_db *db, const char *sql, long long id);

#endif
