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
 * failure a caller-owned struct twr_error (may be NULL) says why in one
 * line without a trailing full stop.  Objects the library allocates are
 * released with the matching *_free or twr_close; strings handed out stay
 * valid as each function's comment says.
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
	TWR_INTERNAL		/* a bug or no memory */
};

struct twr_error {
	enum twr_status status;
	char msg[512];
};

struct twr_db;			/* an open registry */
struct twr_rows;		/* a cursor over result rows */
struct twr_import;		/* an import in progress */

/* ---- opening ------------------------------------------------------ */

enum {
	TWR_OPEN_READ = 0,	/* read; an older registry is migrated */
	TWR_OPEN_WRITE = 1,	/* the command will write */
	TWR_OPEN_CREATE = 2,	/* create the file and schema if missing */
	TWR_OPEN_MEMORY = 4	/* a private in-memory registry; PATH unused */
};

/*
 * Open the registry at PATH with FLAGS, waiting up to BUSY_MS
 * milliseconds for locks.  On success store a handle in *DB and return
 * TWR_OK; release it with twr_close().  Without TWR_OPEN_CREATE a missing
 * file is TWR_NOINPUT and nothing is created on disk.  A registry written
 * by a newer version is refused (TWR_NOINPUT); an older one is migrated
 * forward in one transaction.  PATH is always a file name, never an
 * SQLite URI.
 */
enum twr_status twr_open(const char *path, unsigned flags, int busy_ms,
    struct twr_db **db, struct twr_error *err);

/* Close DB (NULL is a no-op). */
void twr_close(struct twr_db *db);

/* The schema version this library writes (PRAGMA user_version). */
int twr_schema_version(void);

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
 * file (an `add` or `update`); FIELD then names the field.  LINE and
 * COLUMN are 1-based (COLUMN is the field's position in its row) and 0
 * when unknown.
 */
struct twr_diag {
	enum twr_severity severity;
	const char *file;
	unsigned long line;
	unsigned column;
	const char *field;
	const char *msg;
};

typedef void twr_diag_fn(void *arg, const struct twr_diag *diag);

/* Send DB's diagnostics to FN(ARG, ...); NULL drops them. */
void twr_set_diag_fn(struct twr_db *db, twr_diag_fn *fn, void *arg);

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

/* One row: N values, each NUL-terminated text, or NULL for no value. */
struct twr_row {
	size_t n;
	const char *const *vals;
};

enum {
	TWR_ROWS_SECTIONED = 1,	/* column 0 names a section; people's
				   formats print it as a heading */
	TWR_ROWS_PAIRS = 2	/* sectioned rows of a name and a value:
				   people's formats print no header */
};

/* The columns of R; valid until twr_rows_free(R). */
const struct twr_columns *twr_rows_columns(const struct twr_rows *r);

/* TWR_ROWS_* flags of R. */
unsigned twr_rows_flags(const struct twr_rows *r);

/* A title for R (a report's name and period), or NULL. */
const char *twr_rows_title(const struct twr_rows *r);

/*
 * Advance R.  Returns TWR_ROW when twr_rows_get() has a row, TWR_DONE at
 * the end, or an error status with ERR filled in.
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
	TWR_KIND_ACTORS
};

/*
 * Parse a kind name ("sister-cities", "partnerships", "memberships",
 * "actors", and for `add` the singular "sister-city", "partnership",
 * "membership", "actor").  Returns TWR_KIND_AUTO for an unknown name.
 */
enum twr_kind twr_kind_parse(const char *name);

/* The plural name of KIND ("sister-cities"...). */
const char *twr_kind_name(enum twr_kind kind);

/*
 * The CSV columns of KIND in SPEC order, NULL-terminated; required ones
 * are listed in *REQUIRED (also NULL-terminated) when REQUIRED is set.
 */
const char *const *twr_kind_columns(enum twr_kind kind,
    const char *const **required);

enum twr_on_conflict { TWR_CONFLICT_FAIL, TWR_CONFLICT_SKIP,
	TWR_CONFLICT_UPDATE };

struct twr_import_opts {
	enum twr_kind kind;		/* TWR_KIND_AUTO: from the header */
	enum twr_on_conflict on_conflict;
	int dry_run;			/* check and count, write nothing */
	unsigned max_errors;		/* stop after this many (0: 20) */
	const char *encoding;		/* NULL or "UTF-8": no conversion */
};

struct twr_import_stats {
	unsigned long files, rows;
	unsigned long added, updated, unchanged, skipped;
	unsigned long actors_created;
	unsigned long errors;		/* errors found */
	unsigned long bad_rows;		/* rows with one or more */
	long long batch;		/* the batch id, 0 when none */
};

/*
 * Begin an import into DB: every file given to twr_import_file() goes
 * into one write transaction.  Returns TWR_BUSY when the registry stays
 * locked, TWR_IOERR when it is read-only.
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
 * rows were bad, TWR_IOERR on a read error.
 */
enum twr_status twr_import_fd(struct twr_import *imp, const char *name,
    int fd, struct twr_error *err);

/* The same from memory: LEN bytes at DATA. */
enum twr_status twr_import_mem(struct twr_import *imp, const char *name,
    const char *data, size_t len, struct twr_error *err);

/*
 * Finish IMP and free it.  Report the bad rows kept; when there were
 * none, no file failed to be read and this is not a dry run, commit and
 * return TWR_OK; otherwise roll back and return TWR_DATAERR (bad rows),
 * the status of the failed read, or TWR_OK (dry run).  STATS (may be
 * NULL) gets the counts either way.
 */
enum twr_status twr_import_end(struct twr_import *imp,
    struct twr_import_stats *stats, struct twr_error *err);

/* ---- editing -------------------------------------------------------- */

/* A field of a record by its CSV column name, for add and update. */
struct twr_field {
	const char *name;	/* "signed_on"; '-' and '_' alike */
	const char *value;
};

/*
 * Add one record of KIND (singular or plural, see twr_kind_parse) from
 * N fields: the same rules as one CSV row.  Stores the new record's id
 * in *ID.  Returns TWR_DATAERR for a value that breaks a rule (reported
 * through the diagnostic callback) or when an identical record exists.
 */
enum twr_status twr_add(struct twr_db *db, enum twr_kind kind,
    const struct twr_field *fields, size_t n, long long *id,
    struct twr_error *err);

/*
 * Change N fields of record ID.  TWR_NOTFOUND for an unknown id,
 * TWR_DATAERR for a bad value or when the change would make the record
 * identical to another one (ERR names it).
 */
enum twr_status twr_update(struct twr_db *db, long long id,
    const struct twr_field *fields, size_t n, struct twr_error *err);

/* End agreement or membership ID on DATE, noting REASON (may be NULL). */
enum twr_status twr_end(struct twr_db *db, long long id, const char *date,
    const char *reason, struct twr_error *err);

/*
 * Delete record ID.  An actor that agreements or memberships still name
 * is refused (TWR_DATAERR).
 */
enum twr_status twr_delete(struct twr_db *db, long long id,
    struct twr_error *err);

/*
 * Revert import batch BATCH: remove the records it added and restore the
 * fields it changed.  Refused (TWR_DATAERR) when a later change touched
 * any of them; TWR_NOTFOUND for an unknown or already undone batch.
 * Stores the number of records removed and restored in *REMOVED and
 * *RESTORED (may be NULL).
 */
enum twr_status twr_undo_import(struct twr_db *db, long long batch,
    unsigned long *removed, unsigned long *restored, struct twr_error *err);

/* ---- queries -------------------------------------------------------- */

enum twr_list_what {
	TWR_LIST_AGREEMENTS,	/* every agreement */
	TWR_LIST_SISTER_CITIES,	/* kind sister_city */
	TWR_LIST_PARTNERSHIPS,	/* every other kind */
	TWR_LIST_MEMBERSHIPS,
	TWR_LIST_ACTORS
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
	const char *from, *to;		/* signed in that span (dates) */
	const char *as_of;		/* in force on that day */
	const char *sort;		/* a column name of the listing */
	int year;			/* signed (or begun) in that year */
	unsigned long limit;
};

/*
 * Check FILTER's values (dates, country, kind, status, sort) for WHAT.
 * Returns TWR_USAGE with ERR saying what is wrong, or TWR_OK.
 */
enum twr_status twr_filter_check(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *filter, struct twr_error *err);

/*
 * The records of WHAT matching FILTER, in a stable order (FILTER->sort,
 * else id).  A name that matches no actor yields no rows and a hint with
 * the closest names through the diagnostic callback.
 */
enum twr_status twr_list(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *filter, struct twr_rows **rows,
    struct twr_error *err);

/*
 * Record ID (digits) or, for an actor, a name: every field, its other
 * spellings and parties, then its history newest first, as sectioned
 * rows (section, field, value).  TWR_NOTFOUND when nothing matches, with
 * the closest names as a hint.
 */
enum twr_status twr_show(struct twr_db *db, const char *what,
    struct twr_rows **rows, struct twr_error *err);

/*
 * The history of changes, newest first: every change since SINCE (a
 * date, may be NULL), of record ID only when ID > 0.
 */
enum twr_status twr_log(struct twr_db *db, const char *since, long long id,
    struct twr_rows **rows, struct twr_error *err);

/*
 * Ranked full-text search for TEXT over names, other spellings, places,
 * titles, topics and notes: exact name hits first, then name prefixes,
 * then other text.  At most LIMIT hits (0: no limit).
 */
enum twr_status twr_search(struct twr_db *db, const char *text,
    unsigned long limit, struct twr_rows **rows, struct twr_error *err);

/* Data-quality and compliance findings: id, severity, problem, fix. */
enum twr_status twr_check(struct twr_db *db, const char *today,
    struct twr_rows **rows, struct twr_error *err);

/*
 * Every record of KIND in its CSV import format, every column, in an
 * order that depends only on the records' contents.
 */
enum twr_status twr_export(struct twr_db *db, enum twr_kind kind,
    struct twr_rows **rows, struct twr_error *err);

/* ---- reports -------------------------------------------------------- */

enum twr_report {
	TWR_REPORT_YEARLY,
	TWR_REPORT_COUNTRIES,
	TWR_REPORT_MUNICIPALITIES,
	TWR_REPORT_NETWORKS,
	TWR_REPORT_TIMELINE
};

struct twr_report_opts {
	int year;		/* yearly: the year */
	int from, to;		/* timeline: the span, 0 = from the data */
};

/*
 * Report WHICH over the records FILTER selects, as sectioned rows with
 * stable column names (see the manual).
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
