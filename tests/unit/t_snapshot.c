/*
 * A report reads one state of the registry: another connection's tie,
 * committed while the report runs (between two of its statements),
 * counts in none of its figures, and in the next report in all.  A
 * failed report or show leaves no snapshot open.  Both on SQLite (here)
 * and on PostgreSQL (t_pg.c): the plan hook, which each store calls as
 * it prepares a statement, commits the other connection's tie.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "twinreg.h"
#include "unit.h"

struct writer {
	struct twr_db *other;	/* the second connection */
	int done;		/* its tie was added */
	int failed;		/* and the add failed */
	long long id;		/* the tie's id */
};

/* Add a sister city of 2011 through the other connection, once, when
   the report first reads the counts of the ties in force. */
static void
write_between(void *arg, const char *sql, const struct twr_plan_step *steps,
    size_t n)
{
	static const struct twr_field f[] = { { "municipality", "Beykoz" },
		{ "municipality-country", "TR" }, { "sister-city", "Sopot" },
		{ "sister-city-country", "PL" }, { "signed-on", "2011-06-01" } };
	struct writer *w = arg;

	(void)steps;
	(void)n;
	if (w->done || strstr(sql, "tie_counts") == NULL)
		return;
	w->done = 1;
	w->failed = twr_add(w->other, TWR_KIND_SISTER_CITIES, f, 5, 0, &w->id,
	    NULL) != TWR_OK;
}

/* The sister cities signed in 2011 and those in force at its end, by
   the yearly report of 2011 on DB, into N (-1: not there); 0 when the
   report was made. */
static int
figures(struct twr_db *db, long long n[2])
{
	static const char *const sec[2] = { "signed_by_kind",
		"in_force_at_end_by_kind" };
	struct twr_report_opts ro = { 2011, 0, 0 };
	struct twr_rows *r = NULL;
	int i;

	n[0] = n[1] = -1;
	if (twr_report(db, TWR_REPORT_YEARLY, &ro, NULL, &r, NULL) != TWR_OK)
		return -1;
	while (twr_rows_next(r, NULL) == TWR_ROW) {
		const struct twr_row *row = twr_rows_get(r);

		for (i = 0; i < 2; i++)
			if (strcmp(row->vals[0], sec[i]) == 0 &&
			    strcmp(row->vals[1], "sister_city") == 0)
				n[i] = row->nums[2];
	}
	twr_rows_free(r);
	return 0;
}

void
t_snapshot_between(struct twr_db *db, struct twr_db *other)
{
	struct writer w = { NULL, 0, 0, 0 };
	long long base[2], n[2];

	w.other = other;
	CHECK(figures(db, base) == 0 && base[0] >= 0 && base[1] >= 0);
	/* The other's tie comes after the signed ones were counted, before
	   those in force: a report without a snapshot says one more in
	   force than signed. */
	twr_set_plan_fn(db, write_between, &w);
	CHECK(figures(db, n) == 0 && n[0] == base[0] && n[1] == base[1]);
	CHECK(w.done && !w.failed);
	twr_set_plan_fn(db, NULL, NULL);
	CHECK(figures(db, n) == 0 && n[0] == base[0] + 1 &&
	    n[1] == base[1] + 1);
	/* Gone again, for the caller's next test. */
	CHECK(w.done && !w.failed && twr_delete(db, w.id, NULL) == TWR_OK);
}

void
t_snapshot_errors(struct twr_db *db)
{
	static const struct twr_field f[] = { { "municipality", "Tuzla" },
		{ "municipality-country", "TR" }, { "sister-city", "Ohrid" },
		{ "sister-city-country", "MK" }, { "signed-on", "2011-05-01" } };
	struct twr_report_opts ro = { 2011, 0, 0 };
	struct twr_filter bad;
	struct twr_rows *r = NULL;
	long long id = 0;

	/* A report whose filter names nobody, a show of no record: each
	   fails, and its snapshot is over (a write of the same connection
	   would be refused inside one). */
	memset(&bad, 0, sizeof(bad));
	bad.municipality = "Nowhere At All";
	CHECK(twr_report(db, TWR_REPORT_YEARLY, &ro, &bad, &r, NULL) !=
	    TWR_OK && r == NULL);
	CHECK(twr_add(db, TWR_KIND_SISTER_CITIES, f, 5, 0, &id, NULL) ==
	    TWR_OK && id > 0);
	CHECK(twr_show(db, "999999999", &r, NULL) != TWR_OK && r == NULL);
	CHECK(twr_end(db, id, "2012-01-01", NULL, NULL) == TWR_OK);
	/* Inside a snapshot of the caller's, a report reads in it. */
	CHECK(twr_snapshot_begin(db, NULL) == TWR_OK);
	CHECK(twr_snapshot_begin(db, NULL) == TWR_USAGE);
	CHECK(twr_report(db, TWR_REPORT_YEARLY, &ro, NULL, &r, NULL) ==
	    TWR_OK);
	twr_rows_free(r);
	twr_snapshot_end(db);
	CHECK(twr_delete(db, id, NULL) == TWR_OK);
}

void
t_snapshot(void)
{
	static const struct twr_field f[] = { { "municipality", "Kadıköy" },
		{ "municipality-country", "TR" }, { "sister-city", "Lyon" },
		{ "sister-city-country", "FR" }, { "signed-on", "2011-03-01" } };
	char dir[] = "/tmp/twr-unit-XXXXXX", path[64];
	struct twr_db *db = NULL, *other = NULL;
	struct twr_rows *r = NULL;
	long long id = 0, n[2];

	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/r.db", dir);
	CHECK(twr_open(path, TWR_OPEN_WRITE | TWR_OPEN_CREATE, 1000, &db,
	    NULL) == TWR_OK);
	CHECK(twr_open(path, TWR_OPEN_WRITE, 1000, &other, NULL) ==
	    TWR_OK);
	if (db == NULL || other == NULL)
		goto out;
	twr_set_author(db, "unit", "unit test");
	twr_set_author(other, "unit", "unit test");
	CHECK(twr_add(db, TWR_KIND_SISTER_CITIES, f, 5, 0, &id, NULL) ==
	    TWR_OK);
	CHECK(figures(db, n) == 0 && n[0] == 1 && n[1] == 1);
	t_snapshot_between(db, other);
	/* A show reads in one too, and leaves no transaction open: its
	   connection writes after it. */
	CHECK(twr_show(db, "Lyon", &r, NULL) == TWR_OK && r != NULL);
	twr_rows_free(r);
	CHECK(twr_end(db, id, "2012-01-01", NULL, NULL) == TWR_OK);
	t_snapshot_errors(db);
out:
	twr_close(other);
	twr_close(db);
	unlink(path);
	CHECK(rmdir(dir) == 0);
}
