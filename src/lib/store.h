/*
 * The store: the database engine behind the registry.  Everything above
 * it (records, rules, import, queries, reports) speaks SQL through the
 * statement interface below and calls the store for what engines do
 * differently: opening and schema, transactions, the search index and
 * bulk loading.  An engine is one `struct store_ops` in its own files
 * (store_sqlite.c), the way git keeps its ref backends.
 *
 * SQL given to an engine is the common subset both engines read: "?N"
 * parameters, no engine functions, text compared byte by byte.
 */
#ifndef TWR_STORE_H
#define TWR_STORE_H

#include "twinreg.h"

struct twr_db;
struct store_ops;

/* A prepared statement; each engine's own extends it. */
struct stmt {
	const struct store_ops *ops;
	struct twr_db *db;
};

/* What a search index match gives: record id * SEARCH_SLOTS + slot. */
#define SEARCH_SLOTS 16

/* Called with each match of a search, best first; nonzero stops. */
typedef int search_fn(void *arg, long long slot);

/* Called when bulk_end finds an identity taken twice: merge, then the
 * index is built again. */
typedef enum twr_status bulk_dedupe_fn(void *arg, struct twr_error *err);

struct store_ops {
	const char *name;		/* "sqlite" */

	/* Open WHERE (a file name) per TWR_OPEN_* FLAGS into DB->engine,
	   creating or migrating the schema.  On failure nothing is left
	   open and ERR says why. */
	enum twr_status (*open)(struct twr_db *db, const char *where,
	    unsigned flags, int busy_ms, struct twr_error *err);
	void (*close)(struct twr_db *db);

	/* A write transaction, taken at once (waiting per the busy
	   timeout); commit or roll back. */
	enum twr_status (*begin)(struct twr_db *db, struct twr_error *err);
	/* Send what the engine holds back (rows gathered for COPY), so
	   that what fails, fails before the commit hook tells anything;
	   NULL when it holds nothing back. */
	enum twr_status (*flush)(struct twr_db *db, struct twr_error *err);
	enum twr_status (*commit)(struct twr_db *db, struct twr_error *err);
	void (*rollback)(struct twr_db *db);
	/* A read transaction: every read until rollback sees the registry
	   as it was when this returned. */
	enum twr_status (*snapshot)(struct twr_db *db, struct twr_error *err);

	/* Statements: see the st_* functions below. */
	struct stmt *(*prepare)(struct twr_db *db, const char *sql,
	    struct twr_error *err);
	void (*bind_int)(struct stmt *st, int i, long long v);
	void (*bind_text)(struct stmt *st, int i, const char *s, int copy);
	void (*bind_null)(struct stmt *st, int i);
	enum twr_status (*step)(struct stmt *st, struct twr_error *err);
	long long (*col_int)(struct stmt *st, int i);
	const char *(*col_text)(struct stmt *st, int i);
	int (*col_count)(struct stmt *st);
	void (*reset)(struct stmt *st);
	void (*finalize)(struct stmt *st);
	/* Its rows may be many, read one at a time to the end: the engine
	   need not hold them all at once.  NULL where it never does. */
	void (*stream)(struct stmt *st);
	/* Rows the last write statement changed. */
	long long (*changes)(struct twr_db *db);
	/* Run SQL of one or more statements without parameters. */
	enum twr_status (*exec)(struct twr_db *db, const char *sql,
	    struct twr_error *err);

	/* The search index: folded TEXT as slot SLOT (record id *
	   SEARCH_SLOTS + field); every slot of record ID removed; the
	   slots of records from id FIRST on indexed from their rows
	   (SQL gives slot and text); matches of the folded words of KEY,
	   the last one as a prefix, best first. */
	enum twr_status (*search_put)(struct twr_db *db, long long slot,
	    const char *text, struct twr_error *err);
	enum twr_status (*search_remove)(struct twr_db *db, long long id,
	    struct twr_error *err);
	enum twr_status (*search_fill)(struct twr_db *db, const char *sql,
	    long long first, struct twr_error *err);
	enum twr_status (*search_match)(struct twr_db *db, const char *key,
	    long long limit, search_fn *fn, void *arg, struct twr_error *err);
	enum twr_status (*search_clear)(struct twr_db *db,
	    struct twr_error *err);

	/* Bulk loading into TABLE: take away what slows appending rows
	   (its secondary indexes), and put it back; a unique index that
	   an identity taken twice breaks calls DEDUPE(ARG) first.
	   bulk_begin may decline (TWR_DONE): TABLE is loaded row by row. */
	enum twr_status (*bulk_begin)(struct twr_db *db, const char *table,
	    struct twr_error *err);
	enum twr_status (*bulk_end)(struct twr_db *db, const char *table,
	    bulk_dedupe_fn *dedupe, void *arg, struct twr_error *err);

	/* Offices of a shared register: role ROLE may change the ties of
	   actor ACTOR and its parts (GRANT), or no longer; TWR_DONE for a
	   grant given already (nothing changed), TWR_USAGE
	   (TWR_E_NOT_GRANTED) for a revoke of what was not granted.  NULL
	   for an engine without roles. */
	enum twr_status (*office)(struct twr_db *db, const char *role,
	    long long actor, int grant, struct twr_error *err);
	/* In this write transaction (a copy), changes keep the authors
	   given, where the engine would write the connection's own.  NULL
	   where it keeps them always. */
	enum twr_status (*keep_authors)(struct twr_db *db,
	    struct twr_error *err);
};

/* The tables an engine is loading in bulk, each with the SQL of the
 * indexes (a file's triggers too, last) it took away (store.c). */
struct store_bulk {
	char *table;
	char **index_sql;	/* unique ones first */
	size_t nindex;
};
struct store_bulks {
	struct store_bulk b[4];
	size_t n;
};

/* Fail with status ST, message CODE about registry WHERE (a path or a
   URI), with VALUE2, DETAIL and numbers N0, N1 as CODE has them; open_err
   without VALUE2.  Both engines' open failures. */
enum twr_status registry_err(struct twr_error *err, enum twr_status st,
    enum twr_code code, const char *where, const char *value2,
    const char *detail, long long n0, long long n1);
enum twr_status open_err(struct twr_error *err, enum twr_status st,
    enum twr_code code, const char *where, const char *detail, long long n0,
    long long n1);

/* TABLE's entry in BS, or NULL. */
struct store_bulk *bulk_find(struct store_bulks *bs, const char *table);
/* A new entry for TABLE; NULL with ERR filled in when BS is full or out
 * of memory. */
struct store_bulk *bulk_add(struct store_bulks *bs, const char *table,
    struct twr_error *err);
/* Keep SQL that builds an index (or a key) again in B; -1 when out of
 * memory. */
int bulk_keep(struct store_bulk *b, const char *sql);
/* Let go of B (every entry when B is NULL). */
void bulk_drop(struct store_bulks *bs, struct store_bulk *b);

/* The engines: a file, and a PostgreSQL database (store_pg*.c). */
extern const struct store_ops store_sqlite;
extern const struct store_ops store_pg;

/* ---- statements (store.c) ------------------------------------------ */

/*
 * Prepare SQL.  Returns the statement, or NULL with ERR filled in (ERR
 * may be NULL).  Release it with st_free().
 */
struct stmt *st_prepare(struct twr_db *db, const char *sql,
    struct twr_error *err);
/*
 * Bind parameter I (from 1): a number; text, copied (st_text) or kept by
 * the caller unchanged until the statement is reset (st_ref), NULL
 * binding NULL; text where "" too binds NULL (st_opt); NULL.
 */
void st_int(struct stmt *st, int i, long long v);
void st_text(struct stmt *st, int i, const char *s);
void st_ref(struct stmt *st, int i, const char *s);
void st_opt(struct stmt *st, int i, const char *s);
void st_null(struct stmt *st, int i);
/* Bind a record or actor id, or NULL for 0. */
void st_id(struct stmt *st, int i, long long id);
/*
 * Run ST to its next row: TWR_ROW, TWR_DONE, or an error status with ERR
 * (may be NULL) filled in.
 */
enum twr_status st_step(struct stmt *st, struct twr_error *err);
/* Run a statement that returns no rows to its end: TWR_OK or an error.
 * The statement is reset for the next use. */
enum twr_status st_run(struct stmt *st, struct twr_error *err);
/* Column I (from 0) of the current row: a number (0 for NULL), text
 * (NULL for NULL; valid until the next step), whether it is NULL. */
long long st_col_int(struct stmt *st, int i);
const char *st_col_text(struct stmt *st, int i);
int st_col_null(struct stmt *st, int i);
int st_ncols(struct stmt *st);
/* Make ST ready to run again; its bindings stay. */
void st_reset(struct stmt *st);
/*
 * Say, before its first step, that ST (a SELECT) may give many rows,
 * read one at a time: an engine that would hold them all in memory
 * fetches them a batch at a time.  Its rows are read before the
 * transaction they were first read in ends (outside one, at any time).
 */
void st_stream(struct stmt *st);
/* Release ST (NULL is a no-op). */
void st_free(struct stmt *st);

/*
 * A statement kept in *SLOT across calls: prepared on first use, reset
 * on later ones.  The owner frees it with st_free(*SLOT).
 */
struct stmt *st_cached(struct twr_db *db, struct stmt **slot, const char *sql,
    struct twr_error *err);

#endif
