/*
 * The public API (twinreg.h) as a program other than the CLI uses it:
 * open, import from memory, list with a filter, a report, edits, and
 * every function called with bad input and a NULL err, which must not
 * crash and must give the status the header promises.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "twinreg.h"
#include "unit.h"

static const char actors[] =
    "name,country,kind\n"
    "Sarıyer,TR,district\n"
    "Ravenna,IT,municipality\n"
    "NALAS,MK,network\n";
static const char sister[] =
    "municipality,municipality_country,sister_city,sister_city_country,"
    "signed_on\n"
    "Sarıyer,TR,Ravenna,IT,2011-05-02\n";
static const char members[] =
    "member,member_country,network,network_country,since\n"
    "Sarıyer,TR,NALAS,MK,2012\n";

/* Messages the library tells, counted by severity and the last code. */
static int diags[3];
static enum twr_code last_code;

static void
count_diag(void *arg, const struct twr_diag *d)
{
	(void)arg;
	diags[d->severity]++;
	last_code = d->m.code;
}

/* Rows of R counted (R freed); -1 on a read error. */
static long
count_rows(struct twr_rows *r)
{
	long n = 0;
	enum twr_status st;

	while ((st = twr_rows_next(r, NULL)) == TWR_ROW)
		n++;
	twr_rows_free(r);
	return st == TWR_DONE ? n : -1;
}

static struct twr_db *
sample(void)
{
	static const struct unit_file files[] = {
		{ "actors.csv", actors }, { "sister.csv", sister },
		{ "members.csv", members },
	};

	return unit_registry(files, sizeof(files) / sizeof(files[0]), count_diag);
}

/* The id of the one sister-city agreement. */
static long long
agreement_id(struct twr_db *db)
{
	struct twr_filter f = { 0 };
	struct twr_rows *r;
	long long id = 0;

	if (twr_list(db, TWR_LIST_SISTER_CITIES, &f, &r, NULL) != TWR_OK)
		return 0;
	if (twr_rows_next(r, NULL) == TWR_ROW)
		id = twr_rows_get(r)->nums[0];
	twr_rows_free(r);
	return id;
}

static void
good_paths(struct twr_db *db)
{
	struct twr_filter f = { 0 };
	struct twr_report_opts ro = { 2011, 0, 0 };
	struct twr_import_stats s;
	struct twr_import *imp;
	struct twr_error err;
	struct twr_rows *r;
	const struct twr_row *row;
	struct twr_field fl[2] = { { "notes", "checked" },
		{ "council-decision-no", "12" } };
	long long id = agreement_id(db);
	int report, from, to;

	CHECK(id > 0);
	/* A filter by name, either spelling. */
	f.municipality = "sariyer";
	CHECK(twr_list(db, TWR_LIST_AGREEMENTS, &f, &r, &err) == TWR_OK);
	CHECK(count_rows(r) == 1);
	f.municipality = NULL;
	f.country = "Italya";
	CHECK(twr_list(db, TWR_LIST_AGREEMENTS, &f, &r, &err) == TWR_OK);
	CHECK(count_rows(r) == 1);
	/* A report is rows with a known shape, numbers typed. */
	f.country = NULL;
	CHECK(twr_report(db, TWR_REPORT_YEARLY, &ro, &f, &r, &err) == TWR_OK);
	CHECK(twr_rows_report(r, &report, &from, &to) == 0 &&
	    report == TWR_REPORT_YEARLY && from == 2010 && to == 2011);
	CHECK(twr_rows_next(r, NULL) == TWR_ROW);
	row = twr_rows_get(r);
	CHECK(row->n == 5 && twr_rows_columns(r)->types[2] == TWR_INT);
	CHECK_STREQ(row->vals[1], "sister_city");
	CHECK(row->nums[2] == 1 && row->nums[3] == 0);
	twr_rows_free(r);
	/* An update, and its history. */
	CHECK(twr_update(db, id, fl, 2, &err) == TWR_OK);
	CHECK(twr_log(db, NULL, id, &r, &err) == TWR_OK);
	CHECK(count_rows(r) == 3);	/* the import batch and two fields */
	/* Re-importing changes nothing; a dry run writes nothing. */
	CHECK(twr_import_begin(db, NULL, &imp, &err) == TWR_OK);
	CHECK(twr_import_mem(imp, "s.csv", sister, sizeof(sister) - 1, &err) ==
	    TWR_OK);
	CHECK(twr_import_end(imp, &s, &err) == TWR_OK);
	CHECK(s.added == 0 && s.unchanged == 1 && s.batch == 0);
	/* Search, show, export, check. */
	CHECK(twr_search(db, "ravena", 0, &r, &err) == TWR_OK);
	CHECK(count_rows(r) == 0);
	CHECK(twr_search(db, "raven", 0, &r, &err) == TWR_OK);
	CHECK(count_rows(r) == 1);
	CHECK(twr_show(db, "Ravenna", &r, &err) == TWR_OK);
	CHECK(count_rows(r) > 5);
	CHECK(twr_export(db, TWR_KIND_ACTORS, NULL, &r, &err) == TWR_OK);
	CHECK(count_rows(r) == 3);
	CHECK(twr_check(db, "2024-01-01", &r, &err) == TWR_OK);
	CHECK(count_rows(r) > 0);
}

/* Every function, bad input, no err: the status it promises. */
static void
bad_input(struct twr_db *db)
{
	struct twr_filter f = { 0 };
	struct twr_report_opts ro = { 0, 0, 0 };
	struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0, 0,
		"no-such-encoding" };
	struct twr_import *imp;
	struct twr_rows *r = (struct twr_rows *)&f;
	struct twr_db *bad = (struct twr_db *)&f;
	struct twr_field unknown = { "colour", "red" };
	struct twr_field empty = { "notes", "x" };
	unsigned long removed = 7, restored = 7;
	long long id = 7;
	int fd;

	CHECK(twr_open("", 0, 0, &bad, NULL) == TWR_USAGE && bad == NULL);
	bad = (struct twr_db *)&f;
	CHECK(twr_open("/nonexistent/dir/r.db", 0, 0, &bad, NULL) ==
	    TWR_NOINPUT && bad == NULL);
	bad = (struct twr_db *)&f;
	CHECK(twr_open("/nonexistent/dir/r.db", TWR_OPEN_CREATE, 0, &bad,
	    NULL) == TWR_CANTCREAT && bad == NULL);
	twr_close(NULL);

	CHECK(twr_kind_parse(NULL) == TWR_KIND_AUTO);
	CHECK(twr_kind_parse("planets") == TWR_KIND_AUTO);
	CHECK(twr_kind_name((enum twr_kind)99) == NULL);
	CHECK(twr_kind_columns((enum twr_kind)99, NULL) == NULL);
	CHECK(twr_vocab_words(TWR_V_COUNT) == NULL);
	CHECK(twr_sort_keys((enum twr_list_what)99) == NULL);

	/* Import: an unknown encoding; a file that cannot be read; a bad
	   row; ending nothing. */
	CHECK(twr_import_begin(db, &o, &imp, NULL) == TWR_OK);
	CHECK(twr_import_mem(imp, "x.csv", sister, sizeof(sister) - 1,
	    NULL) == TWR_USAGE);
	CHECK(twr_import_end(imp, NULL, NULL) == TWR_USAGE);
	o.encoding = NULL;
	CHECK(twr_import_begin(db, &o, &imp, NULL) == TWR_OK);
	fd = open("/", O_RDONLY);
	CHECK(twr_import_fd(imp, "/", fd, NULL) == TWR_IOERR);
	close(fd);
	CHECK(twr_import_end(imp, NULL, NULL) == TWR_IOERR);
	CHECK(twr_import_begin(db, &o, &imp, NULL) == TWR_OK);
	diags[TWR_ERROR] = 0;
	CHECK(twr_import_mem(imp, "b.csv", "name,country\nX,Atlantis\n", 24,
	    NULL) == TWR_OK);
	CHECK(twr_import_end(imp, NULL, NULL) == TWR_DATAERR);
	CHECK(diags[TWR_ERROR] == 1 && last_code == TWR_E_COUNTRY);
	CHECK(twr_import_end(NULL, NULL, NULL) == TWR_USAGE);

	/* Edits of what is not there, or not allowed. */
	CHECK(twr_add(db, (enum twr_kind)99, &empty, 1, 0, &id, NULL) ==
	    TWR_USAGE && id == 0);
	id = 7;
	CHECK(twr_add(db, TWR_KIND_ACTORS, &unknown, 1, 0, &id, NULL) ==
	    TWR_USAGE && id == 0);
	CHECK(twr_update(db, 999999, &empty, 1, NULL) == TWR_NOTFOUND);
	CHECK(twr_update(db, agreement_id(db), &unknown, 1, NULL) ==
	    TWR_USAGE);
	CHECK(twr_update(db, agreement_id(db), NULL, 0, NULL) == TWR_USAGE);
	CHECK(twr_end(db, 999999, "2020", NULL, NULL) == TWR_NOTFOUND);
	CHECK(twr_end(db, agreement_id(db), "not-a-date", NULL, NULL) ==
	    TWR_USAGE);
	CHECK(twr_delete(db, 999999, NULL) == TWR_NOTFOUND);
	CHECK(twr_undo_import(db, 999999, &removed, &restored, NULL) ==
	    TWR_NOTFOUND && removed == 7 && restored == 7);

	/* Queries with bad values: r is NULL after a failure. */
	f.as_of = "not-a-date";
	CHECK(twr_list(db, TWR_LIST_AGREEMENTS, &f, &r, NULL) == TWR_USAGE &&
	    r == NULL);
	f.as_of = NULL;
	f.network = "NALAS";
	CHECK(twr_list(db, TWR_LIST_AGREEMENTS, &f, &r, NULL) == TWR_USAGE);
	f.network = NULL;
	f.sort = "nonsense";
	CHECK(twr_list(db, TWR_LIST_ACTORS, &f, &r, NULL) == TWR_USAGE);
	f.sort = NULL;
	CHECK(twr_list(db, (enum twr_list_what)99, &f, &r, NULL) ==
	    TWR_USAGE);
	r = (struct twr_rows *)&f;
	CHECK(twr_show(db, "999999", &r, NULL) == TWR_NOTFOUND && r == NULL);
	CHECK(twr_show(db, "no such actor", &r, NULL) == TWR_NOTFOUND);
	CHECK(twr_log(db, "not-a-date", 0, &r, NULL) == TWR_USAGE &&
	    r == NULL);
	CHECK(twr_log(db, NULL, 999999, &r, NULL) == TWR_NOTFOUND);
	CHECK(twr_search(db, "", 0, &r, NULL) == TWR_OK);
	CHECK(count_rows(r) == 0);
	CHECK(twr_check(db, "yesterday", &r, NULL) == TWR_USAGE && r == NULL);
	CHECK(twr_check(db, NULL, &r, NULL) == TWR_USAGE);
	CHECK(twr_export(db, (enum twr_kind)99, NULL, &r, NULL) == TWR_USAGE);
	ro.year = TWR_YEAR_MIN - 1;
	CHECK(twr_report(db, TWR_REPORT_YEARLY, &ro, &f, &r, NULL) ==
	    TWR_USAGE && r == NULL);
	ro.year = TWR_YEAR_MAX + 1;
	CHECK(twr_report(db, TWR_REPORT_YEARLY, &ro, &f, &r, NULL) ==
	    TWR_USAGE);
	ro.year = TWR_YEAR_MAX;
	CHECK(twr_report(db, TWR_REPORT_YEARLY, &ro, NULL, &r, NULL) ==
	    TWR_OK);
	twr_rows_free(r);
	CHECK(twr_report(db, (enum twr_report)99, &ro, &f, &r, NULL) ==
	    TWR_USAGE);
	f.status = "sleeping";
	CHECK(twr_report(db, TWR_REPORT_COUNTRIES, &ro, &f, &r, NULL) ==
	    TWR_USAGE);
	CHECK(twr_date_parse("2011-02-30", (char [11]){ 0 }) == -1);
	CHECK(twr_date_parse(NULL, NULL) == -1);
}

/* The messages carry their parts: a bad date names its field and value. */
static void
message_parts(struct twr_db *db)
{
	struct twr_filter f = { 0 };
	struct twr_error err;
	struct twr_rows *r;

	f.from = "2011-02-30";
	CHECK(twr_list(db, TWR_LIST_AGREEMENTS, &f, &r, &err) == TWR_USAGE);
	CHECK(err.status == TWR_USAGE && err.m.code == TWR_E_NO_SUCH_DATE);
	CHECK_STREQ(err.m.field, "from");
	CHECK_STREQ(err.m.value, "2011-02-30");
	f.from = NULL;
	f.municipality = "sariyr";
	CHECK(twr_list(db, TWR_LIST_AGREEMENTS, &f, &r, &err) ==
	    TWR_NOTFOUND);
	CHECK(err.m.code == TWR_E_NO_SUCH_NAME);
	CHECK_STREQ(err.m.field, "municipality");
	CHECK(err.m.hint != NULL && strstr(err.m.hint, "Sarıyer") != NULL);
}

/* twr_rows_pick: the columns named, in order, again and again; a bad
   name leaves the rows as they were. */
static void
pick(struct twr_db *db)
{
	struct twr_error err;
	struct twr_rows *r, *whole;
	const struct twr_row *row;
	const struct twr_columns *c;

	CHECK(twr_log(db, NULL, 0, &r, &err) == TWR_OK);
	CHECK(twr_rows_pick(r, "bogus", &err) == TWR_USAGE);
	CHECK(err.m.code == TWR_E_COLUMN && err.m.n[0] == -1);
	CHECK_STREQ(err.m.value, "bogus");
	CHECK(twr_rows_columns(r)->n == 10);
	CHECK_STREQ(twr_rows_columns(r)->names[0], "change");
	CHECK(twr_rows_pick(r, " action ,change,change", &err) == TWR_OK);
	c = twr_rows_columns(r);
	CHECK(c->n == 3);
	CHECK_STREQ(c->names[0], "action");
	CHECK_STREQ(c->names[2], "change");
	CHECK(c->types[1] == TWR_INT);
	/* Picked again: among the picked, named as they are now. */
	CHECK(twr_rows_pick(r, "at", &err) == TWR_USAGE);
	CHECK(twr_rows_pick(r, "change,action", &err) == TWR_OK);
	/* The first row as twr_log gives it whole: change, at, by,
	   command, record, action. */
	CHECK(twr_log(db, NULL, 0, &whole, &err) == TWR_OK);
	CHECK(twr_rows_next(whole, &err) == TWR_ROW);
	CHECK(twr_rows_next(r, &err) == TWR_ROW);
	row = twr_rows_get(r);
	CHECK(row->n == 2 && row->nums[0] == twr_rows_get(whole)->nums[0] &&
	    row->nums[0] > 0);
	CHECK_STREQ(row->vals[0], twr_rows_get(whole)->vals[0]);
	CHECK_STREQ(row->vals[1], twr_rows_get(whole)->vals[5]);
	twr_rows_free(whole);
	twr_rows_free(r);
	/* Rows of a statement, and "all". */
	CHECK(twr_search(db, "raven", 0, &r, &err) == TWR_OK);
	CHECK(twr_rows_pick(r, "all", &err) == TWR_OK);
	CHECK(twr_rows_columns(r)->n == 5);
	CHECK(twr_rows_pick(r, "record,id", &err) == TWR_OK);
	CHECK(twr_rows_next(r, &err) == TWR_ROW);
	row = twr_rows_get(r);
	CHECK_STREQ(row->vals[0], "actor");
	CHECK(row->nums[1] > 0);
	twr_rows_free(r);
	CHECK(twr_list(db, TWR_LIST_AGREEMENTS, &(struct twr_filter){ 0 },
	    &r, &err) == TWR_OK);
	CHECK(twr_rows_pick(r, "party,id,party", &err) == TWR_OK);
	CHECK(twr_rows_next(r, &err) == TWR_ROW);
	row = twr_rows_get(r);
	CHECK(row->n == 3 && row->nums[1] > 0);
	CHECK(row->vals[0] != NULL && row->vals[2] != NULL &&
	    strcmp(row->vals[0], row->vals[2]) == 0);
	twr_rows_free(r);
	/* Sections stay while their column comes first, pairs while every
	   column is in its place. */
	CHECK(twr_show(db, "Ravenna", &r, &err) == TWR_OK);
	CHECK(twr_rows_flags(r) == (TWR_ROWS_SECTIONED | TWR_ROWS_PAIRS));
	CHECK(twr_rows_pick(r, "all", &err) == TWR_OK);
	CHECK(twr_rows_flags(r) == (TWR_ROWS_SECTIONED | TWR_ROWS_PAIRS));
	CHECK(twr_rows_pick(r, "section,value", &err) == TWR_OK);
	CHECK(twr_rows_flags(r) == TWR_ROWS_SECTIONED);
	CHECK(twr_rows_pick(r, "value,section", &err) == TWR_OK);
	CHECK(twr_rows_flags(r) == 0);
	twr_rows_free(r);
}

void
t_api(void)
{
	struct twr_db *db = sample();

	CHECK(db != NULL);
	if (db == NULL)
		return;
	good_paths(db);
	bad_input(db);
	message_parts(db);
	pick(db);
	twr_close(db);
}
