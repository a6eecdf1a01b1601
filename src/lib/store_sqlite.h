/*
 * The SQLite store's own interfaces (store_sqlite*.c): its connection,
 * its statements and its schema.  Nothing outside these files includes
 * sqlite3.h.
 */
#ifndef TWR_STORE_SQLITE_H
#define TWR_STORE_SQLITE_H

#include <sqlite3.h>

#include "internal.h"

/* The engine state of an open registry (db->engine). */
struct sq_db {
	sqlite3 *sq;
	int last_rc;		/* the SQLite error sq_err() told last */
	sqlite3_stmt *fts_ins;	/* search index statements, kept */
	sqlite3_stmt *fts_del;
	int search_terms;	/* temp.search_terms made (only_term) */
	struct store_bulks bulk;	/* tables being loaded in bulk */
};

struct sq_stmt {
	struct stmt base;
	sqlite3_stmt *st;
};

#define SQ(db) ((struct sq_db *)(db)->engine)

/* Map an SQLite failure RC on DB (of a WRITE, else a read) to a status
 * and message. */
enum twr_status sq_err(struct twr_db *db, int rc, struct twr_error *err,
    int write);

/* One migration of the schema: SQL leaves the registry at VERSION
 * (PRAGMA user_version); when it changes what is searched, the search
 * index is built anew (SQ_REINDEX), when it changes what the reports
 * count, every tie is counted again (SQ_RECOUNT), once every migration
 * has run, in the same transaction. */
#define SQ_REINDEX 1
#define SQ_RECOUNT 2
struct sq_migration {
	int version;
	const char *sql;
	int after;	/* SQ_REINDEX, SQ_RECOUNT */
	/* More statements after SQL (NULL-terminated), where one string
	   would be too long. */
	const char *const *then;
};

extern const struct sq_migration sq_migrations[];
extern const size_t sq_nmigrations;

/* A table, index or trigger of the current schema: TYPE and NAME as
 * sqlite_schema has them; SQL that makes it (an index or a trigger), or
 * NULL (a table, checked by name). */
struct sq_object {
	const char *type;
	const char *name;
	const char *sql;
};

extern const struct sq_object sq_objects[];
extern const size_t sq_nobjects;


#define TWR_APPLICATION_ID 0x54575247	/* "TWRG" */

#endif
