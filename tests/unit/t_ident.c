/* Record identity: what makes two rows one record. */
#include "internal.h"
#include "unit.h"

static struct twr_db *db;

/* Import CSV TEXT; returns the status and fills STATS. */
static enum twr_status
load(const char *text, enum twr_on_conflict mode,
    struct twr_import_stats *stats)
{
	struct twr_import_opts o = { TWR_KIND_AUTO, mode, 0, 0, NULL };
	struct twr_import *imp;
	struct twr_error err;

	if (twr_import_begin(db, &o, &imp, &err) != TWR_OK)
		return err.status;
	twr_import_mem(imp, "t.csv", text, strlen(text), &err);
	return twr_import_end(imp, stats, &err);
}

static long long
count(const char *table)
{
	char sql[64];
	struct stmt *st;
	long long n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	if ((st = st_prepare(db, sql, NULL)) != NULL &&
	    st_step(st, NULL) == TWR_ROW)
		n = st_col_int(st, 0);
	st_free(st);
	return n;
}

#define HDR "municipality,municipality_country,sister_city," \
	"sister_city_country,signed_on,notes\n"

#define ACTS "actor,actor_country,type,title,with\n"

/* One import of FILES, in the order given (the library does not order
   them; the command line does): its status, errors counted. */
static enum twr_status
load_files(const char *const *files, size_t n)
{
	struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0, 0,
		NULL };
	struct twr_import *imp;
	struct twr_error err;
	size_t i;

	if (twr_import_begin(db, &o, &imp, &err) != TWR_OK)
		return err.status;
	for (i = 0; i < n; i++)
		twr_import_mem(imp, "t.csv", files[i], strlen(files[i]), &err);
	return twr_import_end(imp, NULL, &err);
}

/* An activity's `with` finds its actor and tie as they are at its row:
   a tie, or an actor of the same name, that a later row of the same
   import adds makes `with` name two. */
static void
t_with_ties(void)
{
	static const char *const files[] = {
		HDR "Kadıköy,TR,Lyon,FR,2010,\n",
		ACTS "Kadıköy,TR,visit,One,Lyon\n",
		"party,party_country,partner,partner_country,kind\n"
		"Kadıköy,TR,Lyon,FR,cooperation_protocol\n",
		ACTS "Kadıköy,TR,visit,Two,Lyon\n",
	};

	if (twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 0, &db, NULL) !=
	    TWR_OK) {
		CHECK(!"open");
		return;
	}
	twr_set_diag_fn(db, unit_count_errors, NULL);
	unit_errors = 0;
	CHECK(load_files(files, 2) == TWR_OK && unit_errors == 0);
	CHECK(count("activities") == 1);
	CHECK(load_files(files, 4) == TWR_DATAERR && unit_errors == 1);
	CHECK(count("activities") == 1 && count("agreements") == 1);
	/* A `with` found once, then another actor of its name made by a
	   later row: that name is ambiguous from there. */
	unit_errors = 0;
	CHECK(load_files((const char *const[]){ ACTS
	    "Kadıköy,TR,visit,One,Lyon\n"
	    "Lyon,DE,visit,Stub,\n"
	    "Kadıköy,TR,visit,Three,Lyon\n" }, 1) == TWR_DATAERR &&
	    unit_errors == 1);
	CHECK(count("actors") == 2);
	twr_close(db);
	db = NULL;
}

void
t_ident(void)
{
	struct twr_import_stats s;
	struct twr_error err;
	struct twr_field f[4];
	long long id;

	if (twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 0, &db, &err) !=
	    TWR_OK) {
		CHECK(!"open");
		return;
	}
	twr_set_diag_fn(db, unit_count_errors, NULL);
	CHECK(load(HDR "Beyoğlu,TR,Genova,IT,2010,x\n", TWR_CONFLICT_FAIL,
	    &s) == TWR_OK);
	CHECK(s.added == 1 && s.actors_created == 2);
	/* The same pair in the other order, spelled otherwise: the same
	   record, nothing changes. */
	CHECK(load(HDR "Genova,Italy,BEYOGLU,Türkiye,2010,x\n",
	    TWR_CONFLICT_FAIL, &s) == TWR_OK);
	CHECK(s.added == 0 && s.unchanged == 1 && s.actors_created == 0);
	CHECK(count("agreements") == 1 && count("actors") == 2);
	/* Another date is another record. */
	CHECK(load(HDR "Beyoğlu,TR,Genova,IT,2011-05,\n", TWR_CONFLICT_FAIL,
	    &s) == TWR_OK && s.added == 1);
	/* An empty cell never conflicts; a different value does. */
	CHECK(load(HDR "Beyoğlu,TR,Genova,IT,2010,\n", TWR_CONFLICT_FAIL,
	    &s) == TWR_OK && s.unchanged == 1);
	unit_errors = 0;
	CHECK(load(HDR "Beyoğlu,TR,Genova,IT,2010,y\n", TWR_CONFLICT_FAIL,
	    &s) == TWR_DATAERR && unit_errors == 1);
	CHECK(load(HDR "Beyoğlu,TR,Genova,IT,2010,y\n", TWR_CONFLICT_SKIP,
	    &s) == TWR_OK && s.skipped == 1);
	CHECK(load(HDR "Beyoğlu,TR,Genova,IT,2010,y\n", TWR_CONFLICT_UPDATE,
	    &s) == TWR_OK && s.updated == 1);
	CHECK(count("agreements") == 2 && count("history") == 1);
	/* Actors: name and country; an other spelling finds the actor. */
	CHECK(load("name,country,aliases\nGenova,IT,Cenova;Genoa\n",
	    TWR_CONFLICT_FAIL, &s) == TWR_OK && s.updated == 1);
	CHECK(load(HDR "Beyoğlu,TR,Cenova,İtalya,2010,y\n", TWR_CONFLICT_FAIL,
	    &s) == TWR_OK && s.unchanged == 1 && s.actors_created == 0);
	CHECK(load("name,country\nGenova,FR\n", TWR_CONFLICT_FAIL, &s) ==
	    TWR_OK && s.added == 1);
	CHECK(count("actors") == 3);
	/* Memberships: member, network and start. */
	CHECK(load("member,member_country,network,since\nBeyoğlu,TR,NALAS,"
	    "2008\nBeyoğlu,TR,NALAS,2008\nBeyoğlu,TR,NALAS,2009\n",
	    TWR_CONFLICT_FAIL, &s) == TWR_OK && s.added == 2 &&
	    s.unchanged == 1);
	/* add is an import of one row: an existing identity is refused. */
	f[0].name = "municipality";
	f[0].value = "Beyoğlu";
	f[1].name = "municipality-country";
	f[1].value = "TR";
	f[2].name = "sister_city";
	f[2].value = "Genova";
	f[3].name = "sister-city-country";
	f[3].value = "IT";
	/* Beside the dated Beyoğlu - Genova loaded above, an undated one is
	   likely the same: refused, unless forced. */
	unit_errors = 0;
	CHECK(twr_add(db, TWR_KIND_SISTER_CITIES, f, 4, 0, &id, &err) ==
	    TWR_DATAERR && unit_errors == 1 && id == 0);
	CHECK(twr_add(db, TWR_KIND_SISTER_CITIES, f, 4, TWR_ADD_FORCE, &id,
	    &err) == TWR_OK && id > 0);
	unit_errors = 0;
	CHECK(twr_add(db, TWR_KIND_SISTER_CITIES, f, 4, TWR_ADD_FORCE, &id,
	    &err) == TWR_DATAERR && unit_errors == 1);
	twr_close(db);
	db = NULL;
	t_with_ties();
}
