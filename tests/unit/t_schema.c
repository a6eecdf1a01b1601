/*
 * The schema a registry is checked against on opening (sq_objects) is
 * what the migrations make: every table, index and trigger, in order,
 * an index's or trigger's SQL as SQLite keeps it.  A new migration that
 * forgets sq_objects fails here.
 */
#include <stdlib.h>

#include "store_sqlite.h"
#include "unit.h"

void
t_schema(void)
{
	struct twr_error err = { TWR_OK };
	struct twr_db *db = NULL;
	sqlite3_stmt *q = NULL;
	size_t i = 0;

	CHECK(twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 1000, &db,
	    &err) == TWR_OK);
	if (db == NULL)
		return;
	CHECK(sqlite3_prepare_v2(SQ(db)->sq, "SELECT type, name, sql FROM "
	    "sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid", -1,
	    &q, NULL) == SQLITE_OK);
	while (q != NULL && sqlite3_step(q) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(q, 0);
		const char *name = (const char *)sqlite3_column_text(q, 1);
		const char *sql = (const char *)sqlite3_column_text(q, 2);

		CHECK(i < sq_nobjects);
		if (i >= sq_nobjects)
			break;
		CHECK_STREQ(sq_objects[i].type, type);
		CHECK_STREQ(sq_objects[i].name, name);
		/* Tables by name; indexes and triggers by their SQL too. */
		CHECK((sq_objects[i].sql == NULL) == (strcmp(type, "table") ==
		    0));
		if (sq_objects[i].sql != NULL)
			CHECK_STREQ(sq_objects[i].sql, sql);
		i++;
	}
	CHECK(i == sq_nobjects);
	sqlite3_finalize(q);
	twr_close(db);
}
