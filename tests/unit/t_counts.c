/*
 * The counts the reports over every tie read (tie_counts, party_counts):
 * whatever import, add, update, end and delete do to a registry, a
 * report of every tie from the counts is the report from the ties
 * themselves (the same report with the counts not used), row for row.
 * Registries are random: dates of every precision around the years
 * asked, every status, ties ended and undated, actors with parents,
 * partners moved to another country.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "report.h"
#include "unit.h"

static const char *const countries[] = { "DE", "FR", "BA", "GR", "JP" };
static const char *const statuses[] = { "active", "planned", "ended",
	"dormant", "" };
static const char *const kinds[] = { "friendship", "memorandum",
	"cooperation_protocol" };

/* A random date, of any precision, from 2003 to 2012; or none. */
static const char *
date(char *buf, size_t n)
{
	int y = 2003 + rand() % 10, m = 1 + rand() % 12, d = 1 + rand() % 28;

	switch (rand() % 6) {
	case 0:
		buf[0] = '\0';
		break;
	case 1:
		snprintf(buf, n, "%04d", y);
		break;
	case 2:
		snprintf(buf, n, "%04d-%02d", y, m);
		break;
	case 3:
		/* The last days of a year: the end of a window. */
		snprintf(buf, n, "%04d-12-%02d", y, 30 + rand() % 2);
		break;
	default:
		snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
	}
	return buf;
}

/* A random status and, sometimes, an end after DATE (empty: none). */
static void
ending(char *status, size_t ns, char *end, size_t ne, const char *signed_on)
{
	snprintf(status, ns, "%s", statuses[rand() % 5]);
	end[0] = '\0';
	if (strcmp(status, "planned") != 0 && rand() % 3 == 0)
		snprintf(end, ne, "%04d-%02d", (signed_on[0] ? atoi(signed_on) :
		    2003) + 1 + rand() % 5, 1 + rand() % 12);
}

/* Import the random registry of SEED into DB. */
static void
fill(struct twr_db *db, unsigned seed)
{
	struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_SKIP, 0, 0,
		NULL };
	struct twr_buf b[4];
	struct twr_import *imp;
	char d[16], st[16], end[16];
	int i;

	srand(seed);
	for (i = 0; i < 4; i++)
		buf_init(&b[i]);
	/* Parents: the first three are metropolitans. */
	buf_adds(&b[0], "name,country,kind,parent\n");
	for (i = 0; i < 10; i++) {
		char parent[32] = "";

		if (i >= 3)
			snprintf(parent, sizeof(parent), "Town %u-%d", seed,
			    i % 3);
		buf_printf(&b[0], "Town %u-%d,TR,%s,%s\n", seed, i, i < 3 ?
		    "metropolitan" : "district", parent);
	}
	buf_adds(&b[1], "municipality,municipality_country,sister_city,"
	    "sister_city_country,signed_on,status,ended_on\n");
	buf_adds(&b[2], "party,party_country,partner,partner_country,kind,"
	    "signed_on,status,ended_on\n");
	buf_adds(&b[3], "member,member_country,network,network_country,"
	    "since,until\n");
	for (i = 0; i < 120; i++) {
		struct twr_buf *t = &b[1 + rand() % 2];
		int town = rand() % 10, partner = rand() % 15;

		date(d, sizeof(d));
		ending(st, sizeof(st), end, sizeof(end), d);
		if (t == &b[1])
			buf_printf(t, "Town %u-%d,TR,City %d,%s,%s,%s,%s\n",
			    seed, town, partner, countries[partner % 5], d, st,
			    end);
		else
			buf_printf(t, "Town %u-%d,TR,City %d,%s,%s,%s,%s,%s\n",
			    seed, town, partner, countries[partner % 5],
			    kinds[rand() % 3], d, st, end);
	}
	/* Networks of a country, and one of none. */
	for (i = 0; i < 25; i++) {
		int net = rand() % 4;

		date(d, sizeof(d));
		snprintf(end, sizeof(end), "%04d", (d[0] ? atoi(d) : 2003) + 2);
		buf_printf(&b[3], "Town %u-%d,TR,Network %d,%s,%s,%s\n", seed,
		    rand() % 10, net, net ? countries[net] : "", d,
		    rand() % 4 == 0 ? end : "");
	}
	CHECK(twr_import_begin(db, &o, &imp, NULL) == TWR_OK);
	for (i = 0; i < 4; i++) {
		CHECK(!b[i].oom && twr_import_mem(imp, "t.csv", buf_str(&b[i]),
		    b[i].len, NULL) == TWR_OK);
		buf_free(&b[i]);
	}
	CHECK(twr_import_end(imp, NULL, NULL) == TWR_OK);
}

/* The ids of DB's ties and its actors, into IDS (at most N): *NT ties
 * first, then actors, *N in all. */
static void
ids_of(struct twr_db *db, long long *ids, size_t *n, size_t *nt)
{
	static const char *const sql[] = { "SELECT id FROM agreements UNION "
	    "ALL SELECT id FROM memberships", "SELECT id FROM actors" };
	size_t cap = *n, t;
	struct stmt *st;

	*n = 0;
	for (t = 0; t < 2; t++) {
		if ((st = st_prepare(db, sql[t], NULL)) == NULL)
			return;
		while (*n < cap && st_step(st, NULL) == TWR_ROW)
			ids[(*n)++] = st_col_int(st, 0);
		st_free(st);
		if (t == 0)
			*nt = *n;
	}
}

/* Change DB (of SEED) at random, through the library's calls: COUNT
 * changes. */
static void
edit(struct twr_db *db, unsigned seed, int count)
{
	long long ids[512];
	size_t n = 512, nt = 0;
	char d[16], name[32];
	int i;

	ids_of(db, ids, &n, &nt);
	for (i = 0; i < count && nt > 0 && n > nt; i++) {
		long long id = ids[rand() % nt];
		struct twr_field f[1];

		switch (rand() % 7) {
		case 0:
			f[0].name = "signed_on";
			f[0].value = date(d, sizeof(d));
			/* A membership's date is since. */
			if (twr_update(db, id, f, 1, NULL) != TWR_OK) {
				f[0].name = "since";
				twr_update(db, id, f, 1, NULL);
			}
			break;
		case 1:
			f[0].name = "kind";
			f[0].value = kinds[rand() % 3];
			twr_update(db, id, f, 1, NULL);
			break;
		case 2:
			twr_end(db, id, "2009-06", NULL, NULL);
			break;
		case 3:
			twr_delete(db, id, NULL);
			break;
		case 4:
			/* A partner or network moves. */
			f[0].name = "country";
			f[0].value = countries[rand() % 5];
			twr_update(db, ids[nt + (size_t)rand() % (n - nt)], f, 1,
			    NULL);
			break;
		case 5:
			/* Another partner, or another party. */
			if (rand() % 2)
				snprintf(name, sizeof(name), "City %d",
				    rand() % 15);
			else
				snprintf(name, sizeof(name), "Town %u-%d", seed,
				    rand() % 10);
			f[0].value = name;
			f[0].name = name[0] == 'C' ? "partner" : "party";
			if (twr_update(db, id, f, 1, NULL) != TWR_OK) {
				f[0].name = name[0] == 'C' ? "sister_city" :
				    "municipality";
				twr_update(db, id, f, 1, NULL);
			}
			break;
		default:
			f[0].name = "status";
			f[0].value = statuses[rand() % 4];
			twr_update(db, id, f, 1, NULL);
		}
	}
}

/* Are A and B the same rows?  Both are freed. */
static int
same_rows(struct twr_rows *a, struct twr_rows *b)
{
	int same = a != NULL && b != NULL, ra, rb;
	size_t i;

	while (same) {
		ra = twr_rows_next(a, NULL);
		rb = twr_rows_next(b, NULL);
		if (ra != rb || ra != TWR_ROW) {
			same = ra == rb && ra == TWR_DONE;
			break;
		}
		if (twr_rows_get(a)->n != twr_rows_get(b)->n)
			same = 0;
		for (i = 0; same && i < twr_rows_get(a)->n; i++) {
			const char *x = twr_rows_get(a)->vals[i];
			const char *y = twr_rows_get(b)->vals[i];

			same = x == y || (x != NULL && y != NULL &&
			    strcmp(x, y) == 0);
			if (!same)
				fprintf(stderr, "t_counts: '%s' != '%s'\n",
				    x ? x : "(null)", y ? y : "(null)");
		}
	}
	twr_rows_free(a);
	twr_rows_free(b);
	return same;
}

/* Report WHICH (of year Y) of every tie with the counts and without. */
static int
same_report(struct twr_db *db, int which, int y)
{
	struct twr_report_opts o = { 0, 0, 0 };
	struct twr_filter none;
	struct twr_rows *r[2] = { NULL, NULL };
	struct filter f;
	int k;

	memset(&none, 0, sizeof(none));
	if (filter_resolve(db, FILTER_TIES, &none, &f, NULL) != TWR_OK)
		return 0;
	for (k = 0; k < 2; k++) {
		f.every = k == 0;
		switch (which) {
		case 0:
			report_countries(db, &f, &r[k], NULL);
			break;
		case 1:
			report_municipalities(db, &f, &r[k], NULL);
			break;
		case 2:
			report_timeline(db, &o, &f, &r[k], NULL);
			break;
		default:
			report_yearly(db, y, &f, &r[k], NULL);
		}
	}
	filter_free(&f);
	return same_rows(r[0], r[1]);
}

/* Every report of every tie, each year of the dates made. */
static void
check_reports(struct twr_db *db, unsigned seed)
{
	int which, y;

	for (which = 0; which < 3; which++)
		if (!same_report(db, which, 0)) {
			CHECK(!"report of the counts differs");
			fprintf(stderr, "t_counts: seed %u, report %d\n", seed,
			    which);
		} else
			CHECK(1);
	for (y = 2002; y <= 2016; y++)
		if (!same_report(db, 3, y)) {
			CHECK(!"yearly report of the counts differs");
			fprintf(stderr, "t_counts: seed %u, yearly %d\n", seed,
			    y);
		} else
			CHECK(1);
}

/* The counts of DB, made of SEED's random registry and changed. */
void
t_counts_in(struct twr_db *db, unsigned seed)
{
	twr_set_author(db, "unit", "unit test");
	/* Into empty tables: loaded in bulk, counted at the end. */
	fill(db, seed);
	check_reports(db, seed);
	edit(db, seed, 60);
	check_reports(db, seed);
	/* Into tables that hold rows: row by row, each counted. */
	fill(db, seed + 1000);
	check_reports(db, seed);
}

void
t_counts(void)
{
	struct twr_db *db;
	unsigned seed;

	for (seed = 1; seed <= 12; seed++) {
		if (twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 1000, &db,
		    NULL) != TWR_OK) {
			CHECK(!"open");
			return;
		}
		t_counts_in(db, seed);
		twr_close(db);
	}
}
