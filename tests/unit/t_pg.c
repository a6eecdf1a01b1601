/*
 * The library on a PostgreSQL register, every call without a twr_error
 * (NULL): `unit --pg URL`, URL an empty database (make check-pg gives
 * one of its cluster).  Each call must make a stand-in of its own.
 */
#include <stdio.h>
#include <string.h>

#include "twinreg.h"
#include "unit.h"

/* URL with its database named NAME, and a user and password when PW. */
static void
other_url(char *out, size_t n, const char *url, const char *name, int pw)
{
	const char *q = strchr(url, '?');

	snprintf(out, n, "postgresql://%s/%s%s", pw ? "twr:secret@" : "",
	    name, q ? q : "");
}

void
t_pg(const char *url)
{
	struct twr_field f[4] = { { "municipality", "Kadıköy" },
		{ "municipality-country", "TR" }, { "sister-city", "Lyon" },
		{ "sister-city-country", "FR" } };
	struct twr_db *db = NULL, *other = NULL;
	long long id = 0;
	char u[1024];

	/* An empty database: made a register, then written and read. */
	CHECK(twr_open(url, TWR_OPEN_WRITE | TWR_OPEN_CREATE, 1000, &db,
	    NULL) == TWR_OK && db != NULL);
	if (db == NULL)
		return;
	twr_set_author(db, "unit", "unit test");
	twr_set_diag_fn(db, unit_count_errors, NULL);
	CHECK(twr_add(db, TWR_KIND_SISTER_CITIES, f, 4, 0, &id, NULL) ==
	    TWR_OK && id > 0);
	/* The same tie again: refused, and said through the diagnostics. */
	unit_errors = 0;
	CHECK(twr_add(db, TWR_KIND_SISTER_CITIES, f, 4, 0, &id, NULL) ==
	    TWR_DATAERR && id == 0 && unit_errors == 1);
	CHECK(twr_end(db, 999999, "2020-01-01", NULL, NULL) ==
	    TWR_NOTFOUND);
	twr_close(db);
	db = NULL;
	CHECK(twr_open(url, TWR_OPEN_NOWRITE, 1000, &db, NULL) == TWR_OK &&
	    db != NULL);
	twr_close(db);
	db = NULL;
	/* A database that is not there; a password in the URL. */
	other_url(u, sizeof(u), url, "twr_unit_none", 0);
	CHECK(twr_open(u, TWR_OPEN_READ, 1000, &db, NULL) == TWR_NOINPUT &&
	    db == NULL);
	other_url(u, sizeof(u), url, "twr_unit_none", 1);
	CHECK(twr_open(u, TWR_OPEN_READ, 1000, &db, NULL) == TWR_USAGE &&
	    db == NULL);
	/* The counts of the reports over every tie, kept by the server's
	   triggers: a random registry added to this one. */
	CHECK(twr_open(url, TWR_OPEN_WRITE, 1000, &db, NULL) == TWR_OK &&
	    db != NULL);
	if (db != NULL) {
		t_counts_in(db, 7);
		twr_set_author(db, "unit", "unit test");
		t_snapshot_errors(db);
		/* A report beside another connection's write. */
		CHECK(twr_open(url, TWR_OPEN_WRITE, 1000, &other, NULL) ==
		    TWR_OK && other != NULL);
		if (other != NULL) {
			twr_set_author(other, "unit", "unit test");
			t_stream_in(db, other, 1);
			t_snapshot_between(db, other);
			twr_close(other);
		}
		twr_close(db);
	}
}
