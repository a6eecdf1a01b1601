/*
 * An import of activities that reads rows ahead and asks about their
 * actors and ties at once (what a server store does, loader_ahead) gives
 * what the import row by row gives: the same messages, counts and
 * records.  Both run here on the file store, one of them told to read
 * ahead.  The rows are random: actors made by the load and then named
 * by `with` without a country, names found by another spelling, names
 * of two actors, ties of two kinds between one pair, memberships,
 * partners, the same activity twice, bad values, short rows, bytes that
 * are not UTF-8, and a file longer than the rows read ahead at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

/* Everything the library tells, one line each. */
static void
keep_diag(void *arg, const struct twr_diag *d)
{
	struct twr_buf *b = arg;
	const struct twr_msg *m = &d->m;

	buf_printf(b, "%d %s:%lu:%u %d %lld %s|%s|%s %lld %lld\n",
	    (int)d->severity, d->file ? d->file : "", d->line, d->column,
	    (int)m->code, m->id, m->value ? m->value : "",
	    m->value2 ? m->value2 : "", m->field ? m->field : "", m->n[0],
	    m->n[1]);
}

static const char actors[] =
    "name,country,kind,name_en,aliases\n"
    "Town 0,TR,metropolitan,,\n"
    "Town 1,TR,district,,\n"
    "Town 2,TR,district,,\n"
    "Sarajevo,BA,municipality,,Saraybosna\n"
    "Köln,DE,municipality,Cologne,\n"
    "Twin,DE,municipality,,\n"
    "Twin,FR,municipality,,\n"
    "Twin,TR,municipality,,\n"
    "Xfoo,DE,municipality,,Foo\n"
    "Yfoo,DE,municipality,,\n"
    "Amb1,TR,municipality,,Amb\n"
    "Amb2,TR,municipality,,Amb\n"
    "Net,BE,network,,\n";
static const char ties[] =
    "party,party_country,partner,partner_country,kind,signed_on\n"
    "Town 0,TR,Sarajevo,BA,sister_city,2001\n"
    "Town 0,TR,Sarajevo,BA,friendship,2003\n"
    "Town 1,TR,Köln,DE,sister_city,2004\n"
    "Town 1,TR,Twin,DE,memorandum,2005\n"
    "Town 2,TR,Twin,FR,sister_city,\n"
    "Town 2,TR,Sarajevo,BA,cooperation_protocol,2010\n"
    "Town 0,TR,Xfoo,DE,sister_city,2001\n";
/* For a registry that begins empty: the same ties in one import with the
   activities, one of them twice (merged when the bulk load of the ties
   ends, or a conflict). */
static const char fresh_ties[] =
    "party,party_country,partner,partner_country,kind,signed_on,status\n"
    "Town 0,TR,Sarajevo,BA,sister_city,2001,active\n"
    "Town 0,TR,Sarajevo,BA,friendship,2003,active\n"
    "Town 1,TR,Köln,DE,sister_city,2004,active\n"
    "Town 1,TR,Twin,DE,memorandum,2005,active\n"
    "Town 2,TR,Twin,FR,sister_city,,active\n"
    "Town 2,TR,Sarajevo,BA,cooperation_protocol,2010,active\n"
    "Town 0,TR,Sarajevo,BA,sister_city,2001,dormant\n";
static const char members[] =
    "member,member_country,network,network_country,since\n"
    "Town 0,TR,Net,BE,2012\n"
    "Town 2,TR,Net,BE,\n";

/* A random pick of the N strings of A. */
#define PICK(a) (a[rand() % (int)(sizeof(a) / sizeof(a[0]))])

/* S into B, its "%u" (if any) made K. */
static void
put(struct twr_buf *b, const char *s, unsigned k)
{
	const char *u = strstr(s, "%u");

	if (u == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_add(b, s, (size_t)(u - s));
	buf_printf(b, "%u%s", k, u + 2);
}

/* A file of N activity rows; CLEAN: none is bad, so that it goes in;
   FRESH: for a registry of the ties' actors alone (no other
   spellings). */
static void
activities(struct twr_buf *b, unsigned seed, int n, int clean, int fresh)
{
	static const char *const own[] = { "Town 0", "Town 1", "Town 2",
		"town 1", "New %u", "New %u" };
	static const char *const with[] = { "", "Sarajevo", "Saraybosna",
		"Köln", "Cologne", "Twin", "Net", "New %u", "Nowhere",
		"Sarajevo" };
	static const char *const wcc[] = { "", "", "BA", "DE", "FR", "BE",
		"TR" };
	static const char *const kinds[] = { "", "", "", "sister_city",
		"friendship", "membership", "memorandum" };
	static const char *const types[] = { "visit", "meeting", "hosting" };
	static const char *const dates[] = { "", "2019", "2020-05",
		"2021-02-03" };
	static const char *const partners[] = { "", "", "", "Köln (DE)",
		"Twin (FR);Fresh %u (GR)" };
	int i;

	srand(seed);
	buf_adds(b, "actor,actor_country,type,title,date,with,with_country,"
	    "tie_kind,partners\n");
	for (i = 0; i < n; i++) {
		unsigned k = (unsigned)rand() % 40;
		int bad = !clean && rand() % 25 == 0, c;

		if (!clean && rand() % 200 == 0) {
			buf_adds(b, rand() % 2 ? "Town 0,TR,visit\n" :
			    "Town 0,TR,visit,T \xff,,,,,\n");
			continue;
		}
		c = clean ? rand() % 4 : -1;
		/* A clean row names a tie there is one of, and no `with`
		   the load could make ambiguous. */
		put(b, c == 1 ? "Town 0" : c == 2 ? (rand() % 2 ?
		    "Town 0" : "Town 2") : c == 3 ? (rand() % 2 ? "Town 1" :
		    "town 1") : PICK(own), k);
		buf_printf(b, ",TR,%s,Title %d,%s,", bad && rand() % 2 ?
		    "vist" : PICK(types), rand() % (n / 2 + 1), bad ?
		    "2020-13-01" : PICK(dates));
		if (c == -1) {
			put(b, PICK(with), k);
			buf_printf(b, ",%s,%s,", PICK(wcc), PICK(kinds));
		} else
			buf_adds(b, c == 0 ? ",,," : c == 1 ? (fresh ?
			    "Sarajevo,BA,sister_city," :
			    "Saraybosna,,sister_city,") : c == 2 ? "Net,BE,," :
			    fresh ? "Köln,DE,," : "Cologne,DE,,");
		put(b, PICK(partners), k);
		buf_addc(b, '\n');
	}
}

/* A file of N tie rows of the sample's actors and more (partnerships,
   or memberships when M): most of the sample's ties again, some of them
   changed, some twice, new ones, undated ones, other parties; CLEAN:
   none is bad. */
static void
ties_file(struct twr_buf *b, unsigned seed, int n, int m, int clean)
{
	static const char *const towns[] = { "Town 0", "Town 1", "Town 2",
		"town 2", "New %u" };
	static const char *const others[] = { "Sarajevo,BA", "Köln,DE",
		"Twin,DE", "Twin,FR", "Twin,TR", "Saraybosna,BA", "Net,BE",
		"Fresh %u,GR" };
	static const char *const kinds[] = { "sister_city", "friendship",
		"memorandum", "cooperation_protocol" };
	static const char *const dates[] = { "", "2001", "2003", "2004",
		"2005", "2010", "2012" };
	static const char *const statuses[] = { "", "active", "dormant",
		"ended" };
	static const char *const ties_again[] = {
		"Town 0,TR,Sarajevo,BA,sister_city,2001",
		"Town 0,TR,Saraybosna,BA,friendship,2003",
		"Town 1,TR,Köln,DE,sister_city,2004",
		"Town 1,TR,Twin,DE,memorandum,2005",
		"town 2,TR,Twin,FR,sister_city,",
		"Town 2,TR,Sarajevo,BA,cooperation_protocol,2010",
		/* The same ties, the parties the other way round. */
		"Sarajevo,BA,Town 0,TR,sister_city,2001",
		"Köln,DE,town 1,TR,sister_city,2004" };
	static const char *const members_again[] = { "Town 0,TR,Net,BE,2012",
		"town 2,TR,Net,BE," };
	int i;

	srand(seed);
	buf_adds(b, m ? "member,member_country,network,network_country,"
	    "since,status,notes\n" : "party,party_country,partner,"
	    "partner_country,kind,signed_on,status,notes,other_parties,"
	    "ended_on\n");
	for (i = 0; i < n; i++) {
		unsigned k = (unsigned)rand() % 30;
		const char *st = PICK(statuses);

		if (rand() % 5 < 3) {
			/* A tie there is, spelled some way. */
			buf_adds(b, m ? PICK(members_again) : PICK(ties_again));
			buf_printf(b, ",%s,", m ? (rand() % 3 ? "" : "full") :
			    clean && strcmp(st, "ended") == 0 ? "" : st);
		} else {
			put(b, PICK(towns), k);
			buf_adds(b, ",TR,");
			put(b, m ? (rand() % 3 ? "Net,BE" : "Net %u,BE") :
			    PICK(others), k);
			if (m)
				buf_printf(b, ",%s,%s,", PICK(dates),
				    rand() % 3 ? "" : "full");
			else
				buf_printf(b, ",%s,%s,%s,", PICK(kinds), !clean &&
				    rand() % 30 == 0 ? "2010-02-30" :
				    PICK(dates), clean && strcmp(st, "ended") ==
				    0 ? "" : st);
		}
		buf_printf(b, "%s", rand() % 4 ? "" : "a note");
		if (!m)
			buf_adds(b, rand() % 6 ? "," : ",Köln (DE)");
		/* An end before the start: refused before its tie is
		   looked for. */
		if (!m)
			buf_adds(b, !clean && rand() % 12 == 0 ? ",1999" : ",");
		buf_addc(b, '\n');
	}
}

/* DB's records, a line each. */
static void
dump(struct twr_db *db, struct twr_buf *b)
{
	static const char *const sql[] = {
		"SELECT id, name, country, kind FROM actors ORDER BY id",
		"SELECT id, actor_id, type, title, date, tie_id FROM activities "
		"ORDER BY rowid",
		"SELECT activity_id, actor_id, 0, '', '', 0 FROM "
		"activity_partners ORDER BY 1, 2",
		"SELECT id, party_id, partner_id, kind, signed_on, status, "
		"notes FROM agreements ORDER BY id",
		"SELECT agreement_id, actor_id FROM agreement_parties ORDER BY "
		"1, 2",
		"SELECT id, member_id, network_id, since, status, notes FROM "
		"memberships ORDER BY id",
		"SELECT record_id, action, field, old, new FROM history "
		"ORDER BY rowid",
	};
	struct stmt *st;
	size_t i;
	int c;

	for (i = 0; i < ARRAY_SIZE(sql); i++) {
		if ((st = st_prepare(db, sql[i], NULL)) == NULL) {
			buf_adds(b, "(not read)\n");
			continue;
		}
		while (st_step(st, NULL) == TWR_ROW)
			for (c = 0; c < st_ncols(st); c++) {
				const char *t = st_col_text(st, c);

				buf_printf(b, "%s%c", t ? t : "-",
				    c + 1 < st_ncols(st) ? '|' : '\n');
			}
		st_free(st);
	}
}

/* Import the N FILES, reading ahead or not, with MAX errors kept and
   ON_CONFLICT, into a new registry of the sample's actors and ties, or
   (FRESH) into an empty one; what it told, its counts and then its
   records into OUT. */
static void
run(const struct unit_file *files, size_t n, int fresh, int ahead,
    unsigned max, enum twr_on_conflict on_conflict, struct twr_buf *out)
{
	static const struct unit_file base[] = {
		{ "actors.csv", actors }, { "ties.csv", ties },
		{ "members.csv", members },
	};
	struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0, 0,
		NULL, 0 };
	struct twr_import_stats s;
	struct twr_import *imp;
	struct twr_db *db = NULL;
	enum twr_status st = TWR_OK;
	size_t i;

	if (!fresh)
		db = unit_registry(base, ARRAY_SIZE(base), NULL);
	else if (twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 1000, &db,
	    NULL) != TWR_OK)
		db = NULL;
	CHECK(db != NULL);
	if (db == NULL)
		return;
	CHECK(db->ahead == 0);
	db->ahead = ahead ? AHEAD_IDENTS : 0;
	twr_set_author(db, "unit", "unit test");
	twr_set_diag_fn(db, keep_diag, out);
	o.max_errors = max;
	o.on_conflict = on_conflict;
	memset(&s, 0, sizeof(s));
	CHECK(twr_import_begin(db, &o, &imp, NULL) == TWR_OK);
	for (i = 0; i < n && st == TWR_OK; i++) {
		st = twr_import_mem(imp, files[i].name, files[i].text,
		    strlen(files[i].text), NULL);
		buf_printf(out, "%s %d\n", files[i].name, (int)st);
	}
	st = twr_import_end(imp, &s, NULL);
	buf_printf(out, "end %d rows %lu added %lu updated %lu unchanged %lu "
	    "skipped %lu created %lu errors %lu bad %lu\n", (int)st, s.rows,
	    s.added, s.updated, s.unchanged, s.skipped, s.actors_created,
	    s.errors, s.bad_rows);
	dump(db, out);
	twr_close(db);
}

/* The two imports of the N FILES told and stored the same; *ADDED grows
   by the records they added. */
static void
same_files(const struct unit_file *files, size_t n, int fresh, unsigned max,
    enum twr_on_conflict on_conflict, unsigned long *added)
{
	struct twr_buf row, ahead;
	const char *p;

	buf_init(&row);
	buf_init(&ahead);
	run(files, n, fresh, 0, max, on_conflict, &row);
	run(files, n, fresh, 1, max, on_conflict, &ahead);
	CHECK(!row.oom && !ahead.oom);
	CHECK_STREQ(buf_str(&ahead), buf_str(&row));
	if ((p = strstr(buf_str(&row), " added ")) != NULL)
		*added += strtoul(p + 7, NULL, 10);
	buf_free(&row);
	buf_free(&ahead);
}

/* The same for TEXT: alone, or (FRESH) after the ties in one import. */
static void
same(const char *text, int fresh, unsigned max,
    enum twr_on_conflict on_conflict, unsigned long *added)
{
	struct unit_file files[3] = { { "t.csv", fresh_ties },
		{ "m.csv", members }, { "a.csv", NULL } };

	files[2].text = text;
	if (fresh)
		same_files(files, 3, 1, max, on_conflict, added);
	else
		same_files(files + 2, 1, 0, max, on_conflict, added);
}

/* A party asked about ahead for a row that stops before it (its other
   party names two actors) is not kept for a later file, which a file of
   actors between them changes the answer for. */
static void
later_file(void)
{
	static const struct unit_file files[] = {
		{ "s1.csv", "municipality,municipality_country,sister_city,"
		  "sister_city_country,signed_on\nAmb,TR,Foo,DE,2001\n" },
		{ "x.csv", "name,country,kind,aliases\n"
		  "Yfoo,DE,municipality,Foo\n" },
		{ "s2.csv", "municipality,municipality_country,sister_city,"
		  "sister_city_country,signed_on,status\n"
		  "Town 0,TR,Foo,DE,2001,dormant\n" },
	};
	unsigned long added = 0;

	same_files(files, ARRAY_SIZE(files), 0, 0, TWR_CONFLICT_UPDATE,
	    &added);
	same_files(files, ARRAY_SIZE(files), 0, 0, TWR_CONFLICT_FAIL, &added);
}

/* A file whose bulk loading begins in the middle of the rows read ahead
   at once (at its 10,000th row), the ties there are of the sample
   repeated after that: asked about ahead, but loaded in bulk as one by
   one (merged at the end). */
static void
bulk_mid(void)
{
	struct unit_file file = { "big.csv", NULL };
	struct twr_buf b;
	unsigned long added = 0;
	int i;

	buf_init(&b);
	buf_adds(&b, "party,party_country,partner,partner_country,kind,"
	    "signed_on,status\n");
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "Town %d,TR,Twin,DE,friendship,"
		    "%04d-%02d-%02d,active\n", i % 3, 1900 + i / 336,
		    1 + i / 28 % 12, 1 + i % 28);
	for (i = 0; i < 2; i++)
		buf_adds(&b, "Town 0,TR,Sarajevo,BA,sister_city,2001,dormant\n"
		    "Town 1,TR,Köln,DE,sister_city,2004,\n"
		    "Town 2,TR,Twin,FR,sister_city,,ended\n");
	/* A new tie's id tells whether they took ids as rows. */
	buf_adds(&b, "Town 0,TR,Twin,FR,friendship,2020,active\n");
	file.text = buf_str(&b);
	CHECK(!b.oom);
	same_files(&file, 1, 0, 0, TWR_CONFLICT_UPDATE, &added);
	same_files(&file, 1, 0, 5, TWR_CONFLICT_FAIL, &added);
	buf_free(&b);
}

void
t_ahead(void)
{
	struct twr_buf text;
	unsigned long added = 0, before;
	unsigned seed;
	int fresh;

	buf_init(&text);
	for (seed = 1; seed <= 6; seed++) {
		fresh = seed > 4;
		buf_reset(&text);
		activities(&text, seed, 700, 0, fresh);
		same(buf_str(&text), fresh, 100000, TWR_CONFLICT_FAIL, &added);
		same(buf_str(&text), fresh, 7, TWR_CONFLICT_FAIL, &added);
		same(buf_str(&text), fresh, 1, TWR_CONFLICT_FAIL, &added);
		buf_reset(&text);
		activities(&text, seed, 600, 1, fresh);
		before = added;
		same(buf_str(&text), fresh, 0, TWR_CONFLICT_UPDATE, &added);
		/* A clean file goes in: the records compared are there. */
		CHECK(added > before);
	}
	later_file();
	bulk_mid();
	/* Ties into a registry that has them: a tie of each identity
	   found ahead. */
	for (seed = 1; seed <= 8; seed++) {
		buf_reset(&text);
		ties_file(&text, seed, 500, seed % 2, 0);
		same(buf_str(&text), 0, 100000, TWR_CONFLICT_UPDATE, &added);
		same(buf_str(&text), 0, 3, TWR_CONFLICT_FAIL, &added);
		buf_reset(&text);
		ties_file(&text, seed, 500, seed % 2, 1);
		before = added;
		same(buf_str(&text), 0, 0, seed % 4 < 2 ? TWR_CONFLICT_UPDATE :
		    TWR_CONFLICT_SKIP, &added);
		CHECK(added > before);
	}
	buf_free(&text);
}
