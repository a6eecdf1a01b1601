/*
 * The PostgreSQL store's own interfaces (store_pg*.c).  Nothing outside
 * these files includes libpq-fe.h.
 */
#ifndef TWR_STORE_PG_H
#define TWR_STORE_PG_H

#include "pq.h"

#include "internal.h"

#define PG_STREAMS 4	/* tables whose rows are gathered at once */

/* The engine state of an open registry (db->engine). */
struct pg_db {
	PGconn *conn;
	long long changes;	/* rows the last write changed */
	int busy_ms;
	int owner;		/* may drop indexes and COPY past row-level
				   security: owns the tables, or bypasses it
				   (1); -1 until a write asks (pg_begin) */
	struct twr_error late;	/* a failure of rows sent late, told at
				   commit */
	char sqlstate[6];	/* of the failure pg_err() told last */
	struct store_bulks bulk;	/* tables being loaded in bulk */
	unsigned long nnamed;	/* statements prepared on the server */
	/* Rows of INSERTs run again and again, gathered for COPY, a
	   stream a table (store_pg_copy.c). */
	struct pg_copy {
		struct pg_stream {
			struct pg_stmt *stmt;	/* whose rows, or NULL */
			struct twr_buf head;	/* COPY ... FROM STDIN */
			struct twr_buf rows;
			size_t nrows;		/* gathered */
			size_t sent;		/* sent since it began */
		} s[PG_STREAMS];
		/* The search index's rows of records written, as COPY
		   takes them: sent with the streams, and before anything
		   that names the index's tables. */
		struct twr_buf docs, terms;
	} copy;
	struct twr_buf forget;	/* DEALLOCATE of those no longer used */
	unsigned long ncursors;	/* cursors declared */
	unsigned long txns;	/* transactions ended (pg_rollback) */
	struct twr_buf analyze;	/* the tables loaded in bulk, "{a,b," (an
				   array's first elements), or empty */
};

/* Does E's role act as the owner?  Not known (-1) is no. */
#define PG_OWNER(e) ((e)->owner == 1)

/* Read whether the role of DB's connection acts as the owner. */
enum twr_status pg_read_owner(struct twr_db *db, struct twr_error *err);

/* Have TABLE's statistics made at the commit if it has none. */
void pg_note_analyze(struct pg_db *e, const char *table);

/* Let go of the prepared statements E no longer uses. */
void forget_now(struct pg_db *e);

#define PG_DERIVED_MAX 4	/* derived columns of one table */

struct pg_stmt {
	struct stmt base;
	char *sql;		/* PostgreSQL's, $N parameters */
	int nparams;
	char **vals;		/* the parameters as text; NULL for NULL */
	unsigned char *own;	/* vals[i] is ours to free */
	Oid *types;		/* 0: the server infers it */
	unsigned long runs;
	char name[24];		/* prepared on the server as, or "" */
	Oid *ptypes;		/* the types it was prepared for */
	unsigned fill;		/* pg_derived entries it writes, a bit each */
	int reads;		/* a SELECT: its failure is a read's */
	char *table, *cols;	/* an INSERT of a row of parameters: where */
	int skip_dup;		/* ... ON CONFLICT DO NOTHING: gathered only
				   while its table is loaded in bulk, when
				   no key but the new id's can be taken */
	/* A stream of a few rows costs more than its INSERTs: after one, its
	   rows go one by one until run number alone_until, a wait that
	   doubles each time it happens again. */
	unsigned long alone_until, alone_for;
	/* Such an INSERT's derived columns, its last parameters: their
	   pg_derived entries and the parameters they derive from. */
	int nderived;
	int dent[PG_DERIVED_MAX], dsrc[PG_DERIVED_MAX];
	PGresult *res;		/* all its rows, once run, or a batch */
	int row;
	/* Rows read a batch at a time (st_stream): from the cursor
	   named, of transaction number txn (txns when declared), or held
	   past transactions (hold). */
	int stream;
	char cursor[24];
	int hold;
	unsigned long txn;
};

#define PG(db) ((struct pg_db *)(db)->engine)

/* A column twinreg computes from another: the Turkish sort key (bytea)
 * of COL, or its folded form (FOLD). */
struct pg_derived {
	const char *table, *col, *to;
	int fold;
};

extern const struct pg_derived pg_derived[];
extern const size_t pg_nderived;

/* SQLite's SQL as PostgreSQL's, malloc'd, with *NPARAM its highest
 * parameter and (USED not NULL) *USED, malloc'd, a flag for each whether
 * the SQL names it; NULL when it has what PostgreSQL cannot be given. */
char *pg_sql(const char *sql, int *nparam, unsigned char **used);

#define TWR_PG_APPLICATION_ID 0x54575247	/* "TWRG", as SQLite's */

/* The first line of S (a libpq message) in BUF (N bytes); NULL for NULL. */
const char *pg_first_line(const char *s, char *buf, size_t n);
enum twr_status pg_err(struct twr_db *db, PGresult *res,
    struct twr_error *err, int write);
/* Run SQL (PostgreSQL's) with N text parameters VALS (none: SQL may be
 * several statements, the last one's result given); its result, or
 * NULL with ERR (if not NULL) filled in. */
PGresult *pg_run(struct twr_db *db, const char *sql, int n,
    const char *const *vals, int write, struct twr_error *err);
enum twr_status pg_exec_raw(struct twr_db *db, const char *sql,
    struct twr_error *err);
/* The condition on a row of TABLE that an office's role may write, or
 * NULL (store_pg_open.c). */
const char *pg_guard(const char *table);
/* The value of derived column D for TEXT, as the server takes it (a
 * sort key as bytea's hex text), into OUT. */
void pg_derived_text(struct twr_buf *out, const struct pg_derived *d,
    const char *text);
/* The derived columns of TABLE, a bit each entry of pg_derived. */
unsigned pg_derived_of(const char *table);
/* Compute the derived columns BITS names where they are empty. */
enum twr_status pg_fill_derived(struct twr_db *db, unsigned bits,
    struct twr_error *err);

/* store_pg_open.c */
enum twr_status pg_open(struct twr_db *db, const char *where, unsigned flags,
    int busy_ms, struct twr_error *err);
void pg_close(struct twr_db *db);
enum twr_status pg_bulk_begin(struct twr_db *db, const char *table,
    struct twr_error *err);
enum twr_status pg_bulk_end(struct twr_db *db, const char *table,
    bulk_dedupe_fn *dedupe, void *arg, struct twr_error *err);
enum twr_status pg_keep_authors(struct twr_db *db, struct twr_error *err);
enum twr_status pg_office(struct twr_db *db, const char *role,
    long long actor, int grant, struct twr_error *err);

/* store_pg_copy.c: is SQL an INSERT of a row of parameters (*TABLE and
 * *COLS malloc'd)?  Gather S's row for COPY, in its table's stream; send
 * every stream and end it (before anything else is asked of the server);
 * send and end S's; forget them all (a rollback). */
int pg_copy_shape(const char *sql, char **table, char **cols, int *skip);
/* Give S, such an INSERT, its table's derived columns as parameters
 * after its own (0, or -1 when out of memory); compute them from the
 * values bound (0 or -1). */
int pg_insert_derived(struct pg_stmt *s);
int pg_derive_params(struct pg_stmt *s);
/* Send the search index's rows gathered (copy.docs, copy.terms; memory
   running out there is told here). */
enum twr_status pg_copy_search_send(struct twr_db *db, struct twr_error *err);
enum twr_status pg_copy_row(struct twr_db *db, struct pg_stmt *s,
    struct twr_error *err);
enum twr_status pg_copy_flush(struct twr_db *db, struct twr_error *err);
enum twr_status pg_copy_end(struct twr_db *db, struct pg_stmt *s,
    struct twr_error *err);
/* Send the gathered rows if SQL may read or change their table. */
enum twr_status pg_copy_touch(struct twr_db *db, const char *sql,
    struct twr_error *err);
/* Are rows gathered for a table of the derived columns BITS? */
int pg_copy_pending(struct twr_db *db, unsigned bits);
void pg_copy_drop(struct twr_db *db);
/* V (NULL: \N) as a value of COPY's text format, into OUT. */
void pg_copy_value(struct twr_buf *out, const char *v);
/* Run HEAD (COPY ... FROM STDIN) with ROWS. */
enum twr_status pg_copy_in(struct twr_db *db, const char *head,
    const struct twr_buf *rows, struct twr_error *err);

/* store_pg_search.c */
enum twr_status pg_search_put(struct twr_db *db, long long slot,
    const char *text, struct twr_error *err);
enum twr_status pg_search_remove(struct twr_db *db, long long id,
    struct twr_error *err);
enum twr_status pg_search_fill(struct twr_db *db, const char *sql,
    long long first, struct twr_error *err);
enum twr_status pg_search_match(struct twr_db *db, const char *key,
    long long limit, search_fn *fn, void *arg, struct twr_error *err);
enum twr_status pg_search_clear(struct twr_db *db, struct twr_error *err);

#endif
