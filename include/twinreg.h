/*
 * twinreg: a registry of the international ties of municipalities.
 *
 * This is the core library's only public header.  The library owns the
 * registry (an SQLite file), loading CSV files into it, and every query
 * and report.  It never prints, never exits, and never reads argv or the
 * environment: it reports through return values, struct twr_error and the
 * diagnostic callback, and the caller decides what to show.
 *
 * Conventions: functions return enum twr_status; TWR_OK is success.  On
 * failure a caller-owned struct twr_error (every function takes NULL too)
 * says what went wrong in parts (struct twr_msg), which the front end puts
 * into words in the user's language: the library never words a message.
 * Objects the library allocates are released with the matching *_free or
 * twr_close; strings handed out stay valid as each function's comment
 * says.  Output pointers are set to NULL (or 0) on failure.
 */
#ifndef TWINREG_H
#define TWINREG_H

#include <stddef.h>

#define TWR_VERSION "1.0.0"

enum twr_status {
	TWR_OK = 0,
	TWR_ROW,		/* twr_rows_next(): a row is ready */
	TWR_DONE,		/* twr_rows_next(): no more rows */
	TWR_NOTFOUND,		/* no record with that id */
	TWR_USAGE,		/* a bad argument value */
	TWR_DATAERR,		/* bad input data; nothing was written */
	TWR_NOINPUT,		/* an input or the registry cannot be opened */
	TWR_CANTCREAT,		/* the registry or an output cannot be created */
	TWR_IOERR,		/* read or write failed, read-only registry */
	TWR_BUSY,		/* registry locked past the busy timeout */
	TWR_NOPERM,		/* a shared register's office may not
				   change that */
	TWR_INTERNAL		/* a bug or no memory */
};

/* The years a date filter or a report may name. */
#define TWR_YEAR_MIN 1000
#define TWR_YEAR_MAX 9998

/*
 * What a message is about.  Each code says which parts of struct twr_msg
 * it fills; the others are NULL or 0.
 */
enum twr_code {
	TWR_E_NONE = 0,		/* detail: words from the engine or system */
	TWR_E_NOMEM,		/* out of memory */
	TWR_E_INTERNAL,		/* a bug; detail says where */
	/* The registry and its engine. */
	TWR_E_BUSY,		/* locked past the busy timeout */
	TWR_E_STORE_READ,	/* reading failed; detail */
	TWR_E_STORE_WRITE,	/* writing failed; detail */
	TWR_E_STORE_READONLY,	/* a write to a read-only registry */
	TWR_E_EMPTY_PATH,	/* no registry path */
	TWR_E_OPEN,		/* value: path; detail; n[0] 1: it is missing */
	TWR_E_OPEN_DIR,		/* value: path is a directory (n[0] 1: not
				   a regular file: a FIFO, a device) */
	TWR_E_NOT_REGISTRY,	/* value: path; n[0] 1: not even SQLite */
	TWR_E_EMPTY_REGISTRY,	/* value: path is an empty file (n[0] 1: a
				   database without tables) */
	TWR_E_NEWER,		/* value: path; n[0]: its schema, n[1]: ours */
	TWR_E_NEEDS_UPGRADE,	/* value: path; n[0]: from, n[1]: to */
	TWR_E_NO_LIBPQ,		/* detail: why libpq, which a registry on
				   PostgreSQL needs, cannot be loaded */
	TWR_E_NEEDS_OWNER,	/* value: a shared register's URI; n[0]:
				   from, n[1]: to, an upgrade only its
				   owner may make */
	TWR_E_WAL_UNREADABLE,	/* value: path; its -wal is the owner's */
	TWR_E_REGISTRY_READONLY,/* value: path, which a write needs */
	TWR_E_SCHEMA_MISSING,	/* value: path; value2: the first table
				   or index of ours it lacks (or holds
				   changed); n[0]: 0 a table, 1 an index;
				   n[1]: how many lack */
	TWR_E_SCHEMA_DUPLICATES,/* value: path; value2: a unique index that
				   cannot be made again: two records have
				   the same identity */
	TWR_E_BAD_VERSION,	/* value: path has tables its schema
				   version n[0] (PRAGMA user_version) does
				   not match: 0 (reset), or one whose
				   migrations fail on them; n[1]: the
				   version this library writes */
	/* A value (of an import row, add, update or a filter: field). */
	TWR_E_CONTROL,		/* a control character in text */
	TWR_E_ONE_LINE,		/* n[0]: 1 a line break (else a control
				   character), n[1]: 1 in a name */
	TWR_E_COUNTRY,		/* value: no country; hint: the nearest */
	TWR_E_DATE,		/* value: not a date */
	TWR_E_NO_SUCH_DATE,	/* value: a day the calendar lacks */
	TWR_E_TERM,		/* value: not a word of vocabulary n[0] */
	TWR_E_LIST_ITEM,	/* value: a list item with a line break */
	TWR_E_PARTY,		/* value: not "Name (CC)" */
	TWR_E_PARTY_COUNTRY,	/* value: country code, value2: name */
	TWR_E_COUNT,		/* value: not a whole number */
	TWR_E_MISSING,		/* field: empty; n[0]: enum twr_expect; n[1]
				   0: not given at all (add); n[2]: for
				   TWR_X_TERM, enum twr_vocab */
	TWR_E_EMPTY,		/* field: may not be made empty */
	/* A record. */
	TWR_E_AMBIGUOUS,	/* value: a name of n[0] actors, value2: their
				   ids; n[1] 1: the country was given */
	TWR_E_NAMES_IN,		/* value: the name of n[0] actors of country
				   value2 */
	TWR_E_SAME_ACTOR,	/* value, value2: names of one actor id; n[0]:
				   enum twr_rec of the tie */
	TWR_E_CONFLICT,		/* field, value: stored, value2: given; id:
				   the record; detail: "file:line" of the row
				   that made it in this import, n[0] 1: made
				   by this import */
	TWR_E_EXISTS,		/* id: the record of that identity; n[0]:
				   enum twr_rec */
	TWR_E_PARENT,		/* value: parent, value2: actor, a loop */
	TWR_E_OWN_PARENT,	/* field: an actor as its own parent */
	TWR_E_PARENT_LOOP,	/* id: the parent, id2: the actor it is in */
	TWR_E_SAME_PARTIES,	/* id: the one actor both parties would be */
	TWR_E_NOT_FOUND,	/* id: no such record */
	TWR_E_NO_HISTORY,	/* id: no record and no history of one */
	TWR_E_IN_USE,		/* id: actor named by n[0] agreements, n[1]
				   memberships, n[2] actors (as parent), n[3]
				   activities */
	TWR_E_TIE_IN_USE,	/* id: a tie n[0] activities belong to */
	TWR_E_NO_TIE,		/* value: no tie of actor value2 (with_country
				   detail, when given), of kind hint when
				   given */
	TWR_E_TIES_N,		/* value: the other party of n[0] ties of
				   actor value2; tie_kind tells them apart */
	TWR_E_UNDATED_TWIN,	/* id: a tie of the same parties and kind,
				   either undated; n[0]: enum twr_rec_type */
	TWR_E_FUTURE_SIGNING,	/* field: value, a signing date after
				   today, of a tie not planned */
	TWR_E_ENDED_UNDATED,	/* id: status ended without an end date */
	TWR_E_ENDED_IN_FORCE,	/* id: status value, yet ended on value2 */
	TWR_E_END_BEFORE_START,	/* field: value (the end) is before value2,
				   the start */
	TWR_E_END_ACTOR,	/* id: an actor cannot be ended */
	TWR_E_END_ACTIVITY,	/* id: an activity is not ended (its until is
				   set with update) */
	TWR_E_NOTHING_TO_UPDATE,
	TWR_E_UNKNOWN_FIELD,	/* field: no column of enum twr_kind n[0] */
	TWR_E_FIELD_TWICE,	/* field: given twice */
	TWR_E_BAD_VALUES,	/* n[0] values were bad; nothing written */
	/* CSV input (file, line and column in struct twr_diag). */
	TWR_E_NO_KIND,		/* the header names no kind */
	TWR_E_TOO_MANY_COLUMNS,	/* n[0] columns, at most n[1] */
	TWR_E_UNKNOWN_COLUMN,	/* value: a header cell; n[0]: enum twr_kind */
	TWR_E_COLUMN_TWICE,	/* value: a header cell */
	TWR_E_MISSING_COLUMN,	/* field: required; n[0]: enum twr_kind */
	TWR_E_FIELD_COUNT,	/* n[0] fields, n[1] in the header */
	TWR_E_EMPTY_INPUT,	/* no header row */
	TWR_E_CSV_LONG,		/* a field longer than n[0] bytes */
	TWR_E_CSV_NUL,		/* a NUL byte */
	TWR_E_CSV_CONVERTED,	/* value: encoding; invalid after it */
	TWR_E_CSV_UTF8,		/* n[0]: an invalid UTF-8 byte */
	TWR_E_CSV_BYTE,		/* n[0]: a byte invalid in encoding value */
	TWR_E_CSV_INCOMPLETE,	/* a character cut at the end (value) */
	TWR_E_CSV_QUOTE,	/* a stray quote */
	TWR_E_CSV_UNTERMINATED,	/* a quoted field open at the end */
	TWR_E_TOO_MANY_ERRORS,	/* n[0] of n[1] listed; n[2] 1: stopped */
	TWR_E_ERRORS_LOST,	/* out of memory keeping errors */
	TWR_E_BAD_ROWS,		/* n[0] bad rows (n[1] 1: or more, reading
				   stopped); nothing written */
	TWR_E_ENCODING,		/* value: an encoding iconv lacks */
	TWR_E_READ_FILE,	/* value: file; detail: why */
	TWR_E_NOTHING_WRITTEN,	/* a file failed; nothing written */
	TWR_E_NOT_COMMITTED,	/* the commit hook refused; nothing written */
	TWR_E_LIKELY_ENCODING,	/* the file is not in encoding value (NULL:
				   UTF-8) but likely in value2 */
	TWR_E_HEADER_DELIM,	/* value: a one-column header split at
				   n[0] but holding n[1], another
				   separator */
	TWR_E_COUNTRY_NEEDED,	/* id: an actor other than a network would
				   have no country */
	TWR_E_NO_SUCH_KIND,	/* an enum twr_kind out of range */
	/* Queries and filters (field: the filter, "as_of"). */
	TWR_E_NO_SUCH_NAME,	/* value: no actor's name; hint */
	TWR_E_NAMES_N,		/* value names n[0] actors, value2: ids */
	TWR_E_EMPTY_COUNTRY,	/* field: empty country */
	TWR_E_NOT_FOR,		/* field: a filter; n[0]: enum
				   twr_list_what it does not apply to */
	TWR_E_YEAR,		/* n[0]: not a year in range */
	TWR_E_SORT,		/* value: no sort key of n[0] (listing) */
	TWR_E_COLUMN,		/* value: no column of listing n[0], or
				   (n[0] -1) of twr_rows_pick's rows */
	TWR_E_STATUS_ANY,	/* value: a status of no tie */
	TWR_E_FROM_AFTER_TO,	/* n[0] after n[1] */
	TWR_E_RANGE,		/* field: n[0] is not from n[1] to n[2] */
	TWR_E_NO_SUCH_REPORT,
	TWR_E_TODAY,		/* value: today is not a full date */
	TWR_E_NOTHING_TO_SEARCH,/* value: no letters or digits */
	/* Import batches. */
	TWR_E_NO_BATCH,		/* id: no such import batch */
	TWR_E_UNDONE,		/* id: batch undone by change id2 */
	TWR_E_CHANGED_AFTER,	/* id: batch; id2: record changed by change
				   n[0], value: by, value2: command */
	TWR_E_ACTOR_USED,	/* id: batch; id2: its actor; n[0]: record */
	/* A shared register (PostgreSQL). */
	TWR_E_NOPERM,		/* value: the database role; detail: the
				   server's words */
	TWR_E_NO_OFFICES,	/* a registry in a file has no offices */
	TWR_E_NO_ROLE,		/* value: no such database role */
	TWR_E_NOT_GRANTED,	/* value: role; id: an actor not granted */
	TWR_E_NOT_ACTOR,	/* id: a record that is not an actor */
	TWR_E_URL_PASSWORD,	/* a PostgreSQL URI with a password */
	TWR_E_URL_BAD,		/* a PostgreSQL URI libpq cannot read;
				   detail: libpq's words */
	TWR_E_COPY_NOT_EMPTY,	/* the registry copied into holds records */
	TWR_E_TX_CONFLICT,	/* status TWR_BUSY: another transaction's
				   change conflicted (a serialization
				   failure or deadlock); n[0]: the tries;
				   detail: the server's words */
	/* Notes. */
	TWR_N_CREATED_ACTOR,	/* id, value: name, value2: country; n[0] 1:
				   would be (dry run) */
	TWR_N_CREATED_MORE,	/* n[0] more; n[1] 1: dry run */
	TWR_N_UNCHANGED,	/* id: already has those values */
	TWR_N_ALREADY_ENDED,	/* id ended on value already */
	TWR_N_END_REPLACED	/* id: end date value replaced by value2 */
};

/* What a missing value should have been (TWR_E_MISSING). */
enum twr_expect { TWR_X_VALUE, TWR_X_NAME, TWR_X_COUNTRY, TWR_X_TERM };

/* The kinds of records, for messages. */
enum twr_rec { TWR_REC_NONE, TWR_REC_ACTOR, TWR_REC_AGREEMENT,
	TWR_REC_MEMBERSHIP, TWR_REC_ACTIVITY };

/* The parts of a message; strings are NULL when not given. */
struct twr_msg {
	enum twr_code code;
	const char *field;	/* a column ("signed_on") or filter */
	const char *value;	/* the value at fault */
	const char *value2;	/* a second value */
	const char *hint;	/* the nearest names ("A, B or C") */
	const char *detail;	/* the engine's or system's own words */
	long long id, id2;	/* records */
	long long n[4];		/* numbers */
};

/* A failure: its status, what went wrong, and where in the input (an
 * import's row a PostgreSQL register refused; FILE NULL for none). */
struct twr_error {
	enum twr_status status;
	struct twr_msg m;
	char text[1024];	/* where m's strings (and FILE) are kept */
	const char *file;
	unsigned long line;
	unsigned column;
};

struct twr_db;			/* an open registry */
struct twr_rows;		/* a cursor over result rows */
struct twr_import;		/* an import in progress */

/* ---- opening ------------------------------------------------------ */

enum {
	TWR_OPEN_READ = 0,	/* read; an older registry is migrated */
	TWR_OPEN_WRITE = 1,	/* the command will write */
	TWR_OPEN_CREATE = 2,	/* create the file and schema if missing */
	TWR_OPEN_MEMORY = 4,	/* a private in-memory registry; PATH unused */
	TWR_OPEN_NOWRITE = 8	/* read, changing nothing: a registry that
				   would need migrating is refused */
};

/*
 * Open the registry at PATH with FLAGS, waiting up to BUSY_MS
 * milliseconds for locks.  On success store a handle in *DB and return
 * TWR_OK; release it with twr_close().  On failure *DB is NULL and the
 * status says why: TWR_NOINPUT for a registry that is missing (without
 * TWR_OPEN_CREATE nothing is created on disk), unreadable, not a
 * registry or written by a newer version; TWR_CANTCREAT when it cannot
 * be created; TWR_IOERR when a write needs what a read-only registry
 * cannot give; TWR_USAGE for an empty PATH.  An older registry is
 * migrated forward in one transaction.  PATH is a file name (never an
 * SQLite URI), or a PostgreSQL URI ("postgresql://..." or
 * "postgres://...", as libpq reads it) naming a database that holds the
 * registry, or, with TWR_OPEN_CREATE, a database without tables.
 */
enum twr_status twr_open(const char *path, unsigned flags, int busy_ms,
    struct twr_db **db, struct twr_error *err);

/* Does PATH name a PostgreSQL database rather than a file? */
int twr_is_url(const char *path);

/*
 * A shared register's offices (PostgreSQL): let the database role ROLE
 * add, change, end and delete the ties of the actor ACTOR names (an id
 * or a name, as for twr_show) and of its parts (GRANT = 1), or no
 * longer (GRANT = 0).  Run by the register's owner; one change in the
 * history.  TWR_USAGE for a registry in a file (TWR_E_NO_OFFICES), a
 * role the server lacks (TWR_E_NO_ROLE), a record that is not an actor
 * (TWR_E_NOT_ACTOR), or a revoke of what was not granted
 * (TWR_E_NOT_GRANTED); TWR_NOTFOUND for no such actor; TWR_NOPERM when
 * the caller may not grant.  On success *LABEL (malloc'd) is the actor's
 * "Name (CC)", and *CHANGED 0 for a grant given already (nothing
 * written).
 */
enum twr_status twr_office(struct twr_db *db, const char *role,
    const char *actor, int grant, char **label, int *changed,
    struct twr_error *err);

/*
 * Copy every record of FROM, its history and its import batches, into
 * TO, a registry without records (of either store), ids kept; *ROWS
 * the rows copied.  FROM is read in one snapshot, TO written in one
 * transaction.  TWR_USAGE (TWR_E_COPY_NOT_EMPTY) when TO holds records.
 */
enum twr_status twr_copy(struct twr_db *from, struct twr_db *to,
    unsigned long *rows, struct twr_error *err);

/* Close DB and free it (NULL is a no-op). */
void twr_close(struct twr_db *db);

/*
 * Who is changing the registry and with what command line; both are
 * copied and written into the history of every later change.
 */
void twr_set_author(struct twr_db *db, const char *by, const char *command);

/* ---- diagnostics ---------------------------------------------------- */

enum twr_severity { TWR_NOTE, TWR_WARNING, TWR_ERROR };

/*
 * One message about the data: an error in an input row, a notice such as
 * an actor created on import, a hint such as the names closest to one
 * that matched nothing.  FILE is NULL when the data did not come from a
 * file (an `add` or `update`, whose m.field names the field).  LINE and
 * COLUMN are 1-based (COLUMN is the field's position in its row) and 0
 * when unknown.  Every pointer is valid during the callback only.
 */
struct twr_diag {
	enum twr_severity severity;
	const char *file;
	unsigned long line;
	unsigned column;
	struct twr_msg m;
};

typedef void twr_diag_fn(void *arg, const struct twr_diag *diag);

/* Send DB's diagnostics to FN(ARG, ...); NULL drops them. */
void twr_set_diag_fn(struct twr_db *db, twr_diag_fn *fn, void *arg);

/*
 * Before DB commits a write, call FN(ARG, ID), ID the record the write
 * added (0 for none): the caller reports the result while it can still
 * be undone.  A nonzero return rolls the write back, and the call that
 * wrote returns TWR_IOERR (code TWR_E_NOT_COMMITTED).  NULL: no hook.
 */
typedef int twr_commit_fn(void *arg, long long id);
void twr_set_commit_fn(struct twr_db *db, twr_commit_fn *fn, void *arg);

/*
 * How far a long import or export has gone.  Import: ROWS records read
 * so far in all its files, BYTES read of the file being read and its
 * SIZE (0 when not known: a pipe).  Export: ROWS written out so far of
 * TOTAL.  DONE is 1 on a file's or an export's last call (an import
 * still checks and commits after its last file).
 */
struct twr_progress {
	unsigned long long rows;
	unsigned long long total;	/* export: rows in all */
	unsigned long long bytes;	/* import: of the current file */
	unsigned long long size;	/* its size, 0 when unknown */
	int done;
};

/*
 * Call FN(ARG, P) every few thousand rows of an import or an export of
 * DB, and once at the end (NULL: never; the default).  With one set,
 * twr_export() counts the rows first, for TOTAL.  P is valid during the
 * call only.
 */
typedef void twr_progress_fn(void *arg, const struct twr_progress *p);
void twr_set_progress_fn(struct twr_db *db, twr_progress_fn *fn, void *arg);

/*
 * Call FN(ARG, SQL, STEPS, N) for every statement prepared on DB from now
 * on (NULL: never; the default): its SQL and the plan the engine chose
 * for it, unbound (SQLite's EXPLAIN QUERY PLAN), N steps in order, each
 * its text and its depth in the plan's tree (0 at the top).  On
 * PostgreSQL, whose plans depend on the values bound, N is 0: the
 * statement alone, as the library wrote it.  A debugging hook: the tests
 * of query plans read what the front end writes of it, and the tests of
 * snapshots act between two statements from it.  The arguments are
 * valid during the call only.
 */
struct twr_plan_step {
	int depth;
	const char *detail;
};
typedef void twr_plan_fn(void *arg, const char *sql,
    const struct twr_plan_step *steps, size_t n);
void twr_set_plan_fn(struct twr_db *db, twr_plan_fn *fn, void *arg);

/* ---- rows ----------------------------------------------------------- */

/*
 * A column's type.  TWR_BAR holds a whole number that people's formats
 * draw as a bar; formats for scripts leave the column out (the same
 * number is always in another column).
 */
enum twr_type { TWR_TEXT, TWR_INT, TWR_BAR };

struct twr_columns {
	size_t n;
	const char *const *names;
	const enum twr_type *types;
};

/*
 * One row: N values, each NUL-terminated text, or NULL for no value.  A
 * value of a TWR_INT or TWR_BAR column is also in NUMS as a number.
 */
struct twr_row {
	size_t n;
	const char *const *vals;
	const long long *nums;
};

enum {
	TWR_ROWS_SECTIONED = 1,	/* column 0 names a section; people's
				   formats print it as a heading */
	TWR_ROWS_PAIRS = 2	/* sectioned rows of a name and a value:
				   people's formats print no header */
};

/* The columns of R; valid until twr_rows_pick(R) or twr_rows_free(R). */
const struct twr_columns *twr_rows_columns(const struct twr_rows *r);

/*
 * Keep of R only the columns SPEC names, in its order: names separated by
 * commas (blanks around each ignored, '-' and '_' alike; a column may
 * come again, up to 48 in all), or "all" for every one.  Sectioned rows
 * whose first column is not picked first are sectioned no more, and
 * pairs stay pairs only with every column in place.  Call it before
 * twr_rows_next().  Returns TWR_USAGE for a name R has no column of
 * (TWR_E_COLUMN, n[0] -1: the columns are twr_rows_columns(R)'s) or too
 * many names (TWR_E_TOO_MANY_COLUMNS), R unchanged.
 */
enum twr_status twr_rows_pick(struct twr_rows *r, const char *spec,
    struct twr_error *err);

/* TWR_ROWS_* flags of R. */
unsigned twr_rows_flags(const struct twr_rows *r);

/*
 * What R is, for a title: the report (enum twr_report) and its period,
 * FROM to TO (years; both 0 when the report has none).  Returns 0, or -1
 * when R is not a report.
 */
int twr_rows_report(const struct twr_rows *r, int *report, int *from,
    int *to);

/*
 * Advance R.  Returns TWR_ROW when twr_rows_get() has a row, TWR_DONE at
 * the end, or an error status with ERR filled in (R may not be advanced
 * again then).
 */
enum twr_status twr_rows_next(struct twr_rows *r, struct twr_error *err);

/* The current row; valid until the next twr_rows_next() or free. */
const struct twr_row *twr_rows_get(const struct twr_rows *r);

/* Release R (NULL is a no-op). */
void twr_rows_free(struct twr_rows *r);

/* ---- records and import ------------------------------------------- */

enum twr_kind {
	TWR_KIND_AUTO = 0,	/* guess from the CSV header */
	TWR_KIND_SISTER_CITIES,
	TWR_KIND_PARTNERSHIPS,
	TWR_KIND_MEMBERSHIPS,
	TWR_KIND_ACTORS,
	TWR_KIND_ACTIVITIES
};

/*
 * Parse a kind name ("sister-cities", "partnerships", "memberships",
 * "actors", and for `add` the singular "sister-city", "partnership",
 * "membership", "actor").  Returns TWR_KIND_AUTO for an unknown name.
 */
enum twr_kind twr_kind_parse(const char *name);

/* The plural name of KIND ("sister-cities"...), or NULL for none. */
const char *twr_kind_name(enum twr_kind kind);
/* The singular name of KIND ("sister-city"...), or NULL for none. */
const char *twr_kind_singular(enum twr_kind kind);
/*
 * The kind of record ID in DB (an agreement's by its kind: sister-cities
 * or partnerships), or TWR_KIND_AUTO when there is no such record or it
 * cannot be read.
 */
enum twr_kind twr_record_kind(struct twr_db *db, long long id);

/* The kinds in the order `export -o DIR` writes them (actors first),
 * ending with TWR_KIND_AUTO. */
extern const enum twr_kind twr_kinds[];

/*
 * The CSV columns of KIND in the order export writes them, NULL-
 * terminated, or NULL for an unknown KIND; *REQUIRED (when REQUIRED is
 * not NULL) gets a parallel array of 1 for required, 0 for optional.
 * Both are static.
 */
const char *const *twr_kind_columns(enum twr_kind kind,
    const unsigned char **required);

/*
 * The name of the country with ISO code CODE, in Turkish when TURKISH
 * ("Bosna-Hersek"), else in English; NULL for an unknown code.
 */
const char *twr_country_name(const char *code, int turkish);

/*
 * The Turkish header of COLUMN of KIND's CSV ("imza tarihi" for
 * signed_on), or NULL: import takes it as well as the English one.
 */
const char *twr_column_tr(enum twr_kind kind, const char *column);

/* The lists of words a value may be. */
enum twr_vocab {
	TWR_V_AGREEMENT_KIND,	/* sister_city, friendship... */
	TWR_V_AGREEMENT_STATUS,	/* planned, active, dormant, ended */
	TWR_V_MEMBERSHIP_STATUS,/* full, associate, observer, member */
	TWR_V_ACTOR_KIND,	/* metropolitan, district... */
	TWR_V_ACTIVITY_TYPE,	/* visit, hosting, meeting... */
	TWR_V_TIE_KIND,		/* an agreement kind, or membership */
	TWR_V_LACKS,		/* what --lacks names a tie without */
	TWR_V_COUNT
};

/* The stored words of vocabulary V, NULL-terminated (static), or NULL. */
const char *const *twr_vocab_words(enum twr_vocab v);

enum twr_on_conflict { TWR_CONFLICT_FAIL, TWR_CONFLICT_SKIP,
	TWR_CONFLICT_UPDATE };

struct twr_import_opts {
	enum twr_kind kind;		/* TWR_KIND_AUTO: from the header */
	enum twr_on_conflict on_conflict;
	int dry_run;			/* check and count, write nothing */
	unsigned max_errors;		/* stop after this many (0: 20) */
	const char *encoding;		/* NULL or "UTF-8": no conversion */
	char delimiter;			/* ',', ';', '\t'; 0: from the header */
};

struct twr_import_stats {
	unsigned long files, rows;
	unsigned long added, updated, unchanged, skipped;
	unsigned long actors_created;
	unsigned long errors;		/* errors found */
	char delimiter;			/* the separator of the last file */
	unsigned long bad_rows;		/* rows with one or more */
	long long batch;		/* the batch id, 0 when none */
};

/*
 * Begin an import into DB: every file given to twr_import_fd() or
 * twr_import_mem() goes into one write transaction.  Stores the import
 * in *IMP (finish it with twr_import_end(), which frees it); on failure
 * *IMP is NULL and the status is TWR_BUSY when the registry stays locked,
 * TWR_IOERR when it is read-only, TWR_INTERNAL when memory ran out.
 */
enum twr_status twr_import_begin(struct twr_db *db,
    const struct twr_import_opts *opts, struct twr_import **imp,
    struct twr_error *err);

/*
 * Read one CSV file from file descriptor FD (not closed), naming it NAME
 * in diagnostics.  Bad rows are counted and kept, to be reported through
 * the diagnostic callback by twr_import_end in file order (the first
 * max_errors of them); reading goes on to the end of the file (or to the
 * error limit) so that every bad row is found.  Returns TWR_OK even when
 * rows were bad; TWR_IOERR when the file cannot be read, TWR_USAGE for
 * an encoding iconv does not know, or the status of a failed write:
 * then nothing will be written, and IMP must still be ended.
 */
enum twr_status twr_import_fd(struct twr_import *imp, const char *name,
    int fd, struct twr_error *err);

/*
 * Let every read of DB until twr_snapshot_end() see the registry as it
 * was when this returned, whatever other processes write meanwhile (a
 * set of files exported from one state).  No write may come between,
 * nor another snapshot (TWR_USAGE); twr_report() and twr_show() read in
 * one of their own unless DB is in one.  twr_snapshot_end() ends DB's
 * snapshot, if it has one.
 */
enum twr_status twr_snapshot_begin(struct twr_db *db, struct twr_error *err);
void twr_snapshot_end(struct twr_db *db);

/*
 * The kind the header of a CSV file names, from its first LEN bytes at
 * DATA in ENCODING (NULL: UTF-8), as the import would guess it; or
 * TWR_KIND_AUTO when the bytes hold no whole header naming one.  Import
 * files in the order of twr_kind_rank() so that each finds what it names.
 */
enum twr_kind twr_import_guess(const char *data, size_t len,
    const char *encoding);

/* The place of records of kind K in a load: actors first, then the ties,
   then activities; TWR_KIND_AUTO last. */
int twr_kind_rank(enum twr_kind k);

/* The same from memory: LEN bytes at DATA, which the caller keeps. */
enum twr_status twr_import_mem(struct twr_import *imp, const char *name,
    const char *data, size_t len, struct twr_error *err);

/*
 * Finish IMP and free it (NULL is TWR_USAGE).  Report the bad rows kept;
 * when there were none, no file failed to be read and this is not a dry
 * run, commit and return TWR_OK; otherwise roll back and return
 * TWR_DATAERR (bad rows), the status of the failed read, or TWR_OK (dry
 * run).  STATS (may be NULL) gets the counts either way.
 */
enum twr_status twr_import_end(struct twr_import *imp,
    struct twr_import_stats *stats, struct twr_error *err);

/*
 * After a write that failed with status ST: whether to run it again.  A
 * shared register may refuse a transaction that conflicted with another
 * (TWR_BUSY, code TWR_E_TX_CONFLICT: a serialization failure or a deadlock),
 * rolled back whole; running it again may succeed.  Counts the tries in
 * *TRIES (start at 0) and waits a little before saying yes; after
 * TWR_TRIES tries in all it says no, and ERR's n[0] holds their number.
 * The functions that write in one call do this themselves; an import,
 * which the caller feeds, is run again by the caller.
 */
#define TWR_TRIES 5
int twr_again(struct twr_error *err, enum twr_status st, int *tries);

/* ---- editing -------------------------------------------------------- */

/* A field of a record by its CSV column name, for add and update. */
struct twr_field {
	const char *name;	/* "signed_on"; '-' and '_' alike */
	const char *value;
};

/*
 * Add one record of KIND from N fields: the same rules as one CSV row,
 * in one transaction.  Stores the new record's id in *ID (0 on
 * failure).  Returns TWR_USAGE for a field KIND does not have or one
 * given twice; TWR_DATAERR for a value that breaks a rule (each reported
 * through the diagnostic callback, m.field naming it) or when a record
 * of the same identity exists; the status of a failed write.  Nothing is
 * written on failure.
 */
enum twr_status twr_add(struct twr_db *db, enum twr_kind kind,
    const struct twr_field *fields, size_t n, unsigned flags, long long *id,
    struct twr_error *err);
/* FLAGS of twr_add: add a tie beside one of the same parties and kind
   when either is undated (else refused as TWR_E_UNDATED_TWIN). */
#define TWR_ADD_FORCE 1

/*
 * Change N fields of record ID, in one transaction.  Returns
 * TWR_NOTFOUND for an unknown id; TWR_USAGE for no field, a field the
 * record does not have or one given twice; TWR_DATAERR for a bad value
 * (reported through the diagnostic callback) or when the change would
 * make the record identical to another one (ERR names it); the status
 * of a failed write.  Nothing is written on failure.
 */
enum twr_status twr_update(struct twr_db *db, long long id,
    const struct twr_field *fields, size_t n, struct twr_error *err);

/*
 * End agreement or membership ID on DATE, noting REASON (may be NULL),
 * in one transaction.  Returns TWR_NOTFOUND for an unknown id,
 * TWR_USAGE for an actor or a DATE that is not a date, or the status of
 * a failed write; nothing is written on failure.
 */
enum twr_status twr_end(struct twr_db *db, long long id, const char *date,
    const char *reason, struct twr_error *err);

/*
 * Delete record ID, keeping its fields in the history.  Returns
 * TWR_NOTFOUND for an unknown id, TWR_DATAERR for an actor that other
 * records still name (ERR counts them), or the status of a failed
 * write; nothing is written on failure.
 */
enum twr_status twr_delete(struct twr_db *db, long long id,
    struct twr_error *err);

/*
 * Revert import batch BATCH: remove the records it added and restore the
 * fields it changed, in one transaction.  Returns TWR_NOTFOUND for an
 * unknown batch; TWR_DATAERR when it was undone already or a later
 * change touched what it did; the status of a failed write.  Stores the
 * number of records removed and restored in *REMOVED and *RESTORED
 * (each may be NULL; untouched on failure).
 */
enum twr_status twr_undo_import(struct twr_db *db, long long batch,
    unsigned long *removed, unsigned long *restored, struct twr_error *err);

/* ---- queries -------------------------------------------------------- */

enum twr_list_what {
	TWR_LIST_AGREEMENTS,	/* every agreement */
	TWR_LIST_SISTER_CITIES,	/* kind sister_city */
	TWR_LIST_PARTNERSHIPS,	/* every other kind */
	TWR_LIST_MEMBERSHIPS,
	TWR_LIST_ACTORS,
	TWR_LIST_ACTIVITIES
};

/* The filters of `list` and `report`; NULL or 0 means not given. */
struct twr_filter {
	const char *municipality;	/* either party, or the member */
	const char *partner;		/* the other party, or the network */
	const char *network;
	const char *country;		/* ISO code, English or Turkish name */
	const char *kind;
	const char *status;
	const char *topic;
	const char *lacks;		/* ties without it: a word of
					   TWR_V_LACKS */
	const char *from, *to;		/* signed in that span (dates) */
	const char *as_of;		/* in force on that day */
	const char *type;		/* activities: the type */
	long long tie;			/* activities: of that tie (id) */
	int dormant;			/* ties in force with no activity in
					   that many years before as_of */
	const char *today;		/* as_of when not given (dormant) */
	const char *sort;		/* a column name of the listing */
	const char *columns;		/* the columns to list, ','-separated,
					   or "all"; NULL: the listing's own */
	int year;			/* signed (or begun) in that year */
	unsigned long limit;
};

/* The columns `list` of WHAT can show, NULL-terminated (static), or
 * NULL for an unknown WHAT: the listing's own first, then every field
 * of its kind of record, then derived ones (last_activity). */
const char *const *twr_list_columns(enum twr_list_what what);

/* The names --sort takes for WHAT, NULL-terminated (static), or NULL. */
const char *const *twr_sort_keys(enum twr_list_what what);

/*
 * The records of WHAT matching FILTER, in a stable order (FILTER->sort,
 * else id), in *ROWS (free with twr_rows_free; NULL on failure).  A
 * name that matches no actor yields no rows and a warning with the
 * closest names through the diagnostic callback.  Returns TWR_USAGE for
 * a filter value that is not valid or does not apply to WHAT, or the
 * status of a failed read.
 */
enum twr_status twr_list(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *filter, struct twr_rows **rows,
    struct twr_error *err);

/*
 * Record ID (digits) or, for an actor, a name: every field, its other
 * spellings and parties, then its history newest first, as sectioned
 * rows (section, field, value) in *ROWS (free with twr_rows_free; NULL
 * on failure).  Returns TWR_NOTFOUND when nothing matches (ERR has the
 * closest names as a hint), TWR_USAGE for a name of several actors, or
 * the status of a failed read.
 */
enum twr_status twr_show(struct twr_db *db, const char *what,
    struct twr_rows **rows, struct twr_error *err);

/*
 * The history of changes, newest first, in *ROWS (free with
 * twr_rows_free; NULL on failure): every change since SINCE (a date, may
 * be NULL), of record ID only when ID > 0.  Returns TWR_USAGE for a
 * SINCE that is not a date, TWR_NOTFOUND for an ID that never was a
 * record, or the status of a failed read.
 */
enum twr_status twr_log(struct twr_db *db, const char *since, long long id,
    struct twr_rows **rows, struct twr_error *err);
/* The columns of twr_log's rows, NULL-terminated (static). */
const char *const *twr_log_columns(void);

/*
 * Ranked full-text search for TEXT over names, other spellings, places,
 * titles, topics and notes: exact name hits first, then name prefixes,
 * then other text.  At most LIMIT hits (0: no limit), in *ROWS (free
 * with twr_rows_free; NULL on failure).  TEXT without letters or digits
 * gives no rows and a warning.  Returns the status of a failed read.
 */
enum twr_status twr_search(struct twr_db *db, const char *text,
    unsigned long limit, struct twr_rows **rows, struct twr_error *err);
/* The columns of twr_search's rows, NULL-terminated (static). */
const char *const *twr_search_columns(void);

/*
 * Data-quality and compliance findings as of TODAY (YYYY-MM-DD), one a
 * row in *ROWS (free with twr_rows_free; NULL on failure): id,
 * severity, finding (a word naming it), field, value, other (values the
 * finding names) and the fields to set to fix it.  Returns TWR_USAGE for
 * a TODAY that is not a full date, or the status of a failed read.
 */
enum twr_status twr_check(struct twr_db *db, const char *today,
    struct twr_rows **rows, struct twr_error *err);

/*
 * Every record of KIND in its CSV import format, every column, in the
 * order the records were added (an actor's parent before it), in *ROWS
 * (free with twr_rows_free; NULL on failure).  With FILTER (may be NULL:
 * every record), only the ties it selects as a report counts them (its
 * sort, columns and limit are not used), the activities of those ties,
 * and the actors any of them name, with their parents: the kinds
 * exported with one FILTER import into an empty registry.  Returns
 * TWR_USAGE for an unknown KIND or a filter that does not apply to ties
 * (activities' type and tie), TWR_NOTFOUND for a name of no actor, or
 * the status of a failed read.
 */
enum twr_status twr_export(struct twr_db *db, enum twr_kind kind,
    const struct twr_filter *filter, struct twr_rows **rows,
    struct twr_error *err);

/* ---- completion ----------------------------------------------------- */

/* What twr_complete() completes. */
enum twr_complete {
	TWR_COMPLETE_ACTOR,	/* actors: names, other spellings, English
				   names */
	TWR_COMPLETE_NETWORK,	/* the networks that have members */
	TWR_COMPLETE_COUNTRY,	/* the countries of the registry's actors */
	TWR_COMPLETE_ANY_COUNTRY	/* every country twinreg knows */
};

/*
 * Up to LIMIT words of WHAT that start with PREFIX, compared folded as
 * names are ("kucukc" and "KÜÇÜKÇ" both begin "Küçükçekmece"), each
 * spelled as stored, in Turkish alphabetical order, as rows of one text
 * column "word" in *ROWS (free with twr_rows_free; NULL on failure).
 * Countries are their names, in Turkish when TURKISH, else in English
 * (the other language's name when only that one starts with a PREFIX of
 * three letters or more), and their code when PREFIX is one or two
 * letters that begin it.
 * Names are read through their indexes, a range of keys at a time: the
 * time taken does not grow with the registry.  DB may be NULL: then
 * there are no rows but those of TWR_COMPLETE_ANY_COUNTRY.  Returns
 * TWR_OK, or the status of a failed read.
 */
enum twr_status twr_complete(struct twr_db *db, enum twr_complete what,
    const char *prefix, int turkish, unsigned limit, struct twr_rows **rows,
    struct twr_error *err);

/* ---- reports -------------------------------------------------------- */

enum twr_report {
	TWR_REPORT_YEARLY,
	TWR_REPORT_COUNTRIES,
	TWR_REPORT_MUNICIPALITIES,
	TWR_REPORT_NETWORKS,
	TWR_REPORT_TIMELINE,
	TWR_REPORT_ACTIVITIES
};

struct twr_report_opts {
	int year;		/* yearly: the year */
	int from, to;		/* timeline: the span, 0 = from the data */
};

/*
 * Report WHICH over the records FILTER selects, as rows with stable
 * column names (see the manual) in *ROWS (free with twr_rows_free; NULL
 * on failure); the yearly report's rows are sectioned.  Returns
 * TWR_USAGE for a bad filter or year (TWR_YEAR_MIN to TWR_YEAR_MAX), or
 * the status of a failed read.
 */
enum twr_status twr_report(struct twr_db *db, enum twr_report which,
    const struct twr_report_opts *opts, const struct twr_filter *filter,
    struct twr_rows **rows, struct twr_error *err);

/* ---- text helpers the front end shares ------------------------------ */

/*
 * Display width of UTF-8 text S (N bytes) in terminal columns: wide
 * (CJK) characters count 2, combining marks 0.
 */
size_t twr_text_width(const char *s, size_t n);

/*
 * Parse TEXT as a date in any accepted form (YYYY, YYYY-MM, YYYY-MM-DD,
 * DD.MM.YYYY, "13 Aralık 2010", "January 11, 1982") and write it as ISO
 * 8601 at the precision given into OUT (at least 11 bytes).  Returns 0,
 * or -1 for text that is not a date or an impossible day such as
 * 2011-02-30; OUT is then unchanged.
 */
int twr_date_parse(const char *text, char *out);

#endif
