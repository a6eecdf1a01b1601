/*
 * Rows read a row at a time (st_stream), which PostgreSQL fetches from
 * a cursor, 1,000 rows a batch.  Each number of rows about a batch's,
 * outside a transaction, in a snapshot and in a write, gives the rows
 * the same statement gives at once, in order.  On the server no more
 * than a batch is held; the cursor is open while rows remain and closed
 * after the last or a reset, or in a write that began meanwhile (after
 * it, if it failed); a write may come between two batches read
 * outside a transaction; a snapshot still sees what it saw after its
 * rows are read; a write's rows read to the end leave it open, to roll
 * back; a failure amid the rows is told, and the connection works on.
 */
#include "internal.h"
#include "store_pg.h"
#include "unit.h"

/* Pairs of ties, as many as bound (LIMIT). */
#define PAIRS "SELECT a.id, b.id FROM agreements a, agreements b " \
	"ORDER BY a.id, b.id LIMIT ?1"
/* The server's cursors a DECLARE made (not the protocol's portals). */
#define CURSORS "SELECT count(*) FROM pg_cursors WHERE name <> ''"

enum where { OUTSIDE, SNAPSHOT, WRITE };

static long long
one(struct twr_db *db, const char *sql)
{
	struct stmt *st = st_prepare(db, sql, NULL);
	long long n = -1;

	if (st != NULL && st_step(st, NULL) == TWR_ROW)
		n = st_col_int(st, 0);
	st_free(st);
	return n;
}

/* The rows ST holds now, on the server; 0 on SQLite. */
static int
held(struct stmt *st, int pg)
{
	struct pg_stmt *s = (struct pg_stmt *)st;

	return pg && s->res != NULL ? PQntuples(s->res) : 0;
}

/* A new tie of DB, by the public interface: TWR_OK or why not. */
static enum twr_status
add_tie(struct twr_db *db)
{
	static unsigned n;
	char name[32];
	struct twr_field f[4] = { { "municipality", "Kadıköy" },
		{ "municipality-country", "TR" }, { "sister-city", name },
		{ "sister-city-country", "FR" } };
	long long id;

	snprintf(name, sizeof(name), "Stream %u", ++n);
	return twr_add(db, TWR_KIND_SISTER_CITIES, f, 4, 0, &id, NULL);
}

/* N rows of PAIRS, read both ways, WHERE; PG: on the server, with
 * OTHER a second connection to it. */
static void
compare(struct twr_db *db, struct twr_db *other, long long n, int pg,
    enum where where)
{
	struct stmt *all = st_prepare(db, PAIRS, NULL);
	struct stmt *some = st_prepare(db, PAIRS, NULL);
	enum twr_status a = TWR_INTERNAL, b = TWR_INTERNAL;
	long long got = 0, same = 0, ties = 0;
	int most = 0;

	CHECK(all != NULL && some != NULL);
	if (all == NULL || some == NULL) {
		st_free(all);
		st_free(some);
		return;
	}
	if (where == SNAPSHOT) {
		CHECK(twr_snapshot_begin(db, NULL) == TWR_OK);
		ties = one(db, "SELECT count(*) FROM agreements");
	} else if (where == WRITE) {
		CHECK(db_begin_write(db, NULL) == TWR_OK);
		CHECK(db_exec(db, "INSERT INTO meta(key, value) VALUES "
		    "('stream', 1)", NULL) == TWR_OK);
	}
	st_int(all, 1, n);
	st_int(some, 1, n);
	st_stream(some);
	for (;;) {
		a = st_step(all, NULL);
		b = st_step(some, NULL);
		if (held(some, pg) > most)
			most = held(some, pg);
		if (a != TWR_ROW || b != TWR_ROW)
			break;
		got++;
		same += st_col_int(all, 0) == st_col_int(some, 0) &&
		    st_col_int(all, 1) == st_col_int(some, 1);
		if (pg && got == n / 2 + 1) {
			CHECK(one(db, CURSORS) == 1);
			/* Between two batches: a write, outside. */
			if (where == OUTSIDE)
				CHECK(add_tie(db) == TWR_OK);
		}
	}
	CHECK(a == TWR_DONE && b == TWR_DONE && got == n && same == n);
	/* A batch at most, all of it when there are more. */
	if (pg) {
		CHECK(most == (n < 1000 ? n : 1000));
		CHECK(one(db, CURSORS) == 0);
	}
	st_free(all);
	st_free(some);
	if (where == SNAPSHOT) {
		/* Still the snapshot it was. */
		if (other != NULL)
			CHECK(add_tie(other) == TWR_OK);
		CHECK(one(db, "SELECT count(*) FROM agreements") == ties);
		twr_snapshot_end(db);
	} else if (where == WRITE) {
		/* Still the write it was, to roll back. */
		CHECK(db->in_write);
		db_rollback(db);
		CHECK(one(db, "SELECT count(*) FROM meta WHERE key = "
		    "'stream'") == 0);
	}
	CHECK(twr_end(db, 999999, "2020-01-01", NULL, NULL) == TWR_NOTFOUND);
}

/* A statement let go before its last row: its cursor goes with it. */
static void
let_go(struct twr_db *db, int pg)
{
	struct stmt *st = st_prepare(db, PAIRS, NULL);

	CHECK(st != NULL);
	if (st == NULL)
		return;
	st_int(st, 1, 2500);
	st_stream(st);
	CHECK(st_step(st, NULL) == TWR_ROW && st_step(st, NULL) == TWR_ROW);
	st_reset(st);
	if (pg)
		CHECK(one(db, CURSORS) == 0);
	CHECK(twr_end(db, 999999, "2020-01-01", NULL, NULL) == TWR_NOTFOUND);
	/* Run again after the reset: from its first row. */
	CHECK(st_step(st, NULL) == TWR_ROW && st_col_int(st, 0) ==
	    one(db, "SELECT min(id) FROM agreements"));
	st_free(st);
	if (pg)
		CHECK(one(db, CURSORS) == 0);
	/* A snapshot's cursor let go after the snapshot ended (and
	   another began): the later snapshot reads on. */
	CHECK(twr_snapshot_begin(db, NULL) == TWR_OK);
	st = st_prepare(db, PAIRS, NULL);
	if (st != NULL) {
		st_int(st, 1, 2500);
		st_stream(st);
		CHECK(st_step(st, NULL) == TWR_ROW);
	}
	twr_snapshot_end(db);
	CHECK(twr_snapshot_begin(db, NULL) == TWR_OK);
	st_free(st);
	CHECK(one(db, "SELECT count(*) FROM agreements") > 0);
	twr_snapshot_end(db);
	CHECK(twr_end(db, 999999, "2020-01-01", NULL, NULL) == TWR_NOTFOUND);
}

/* A held cursor (read outside a transaction) let go in a write: at once;
 * while the write has failed (BAD), once it is over. */
static void
held_in_write(struct twr_db *db, int pg, int bad)
{
	struct stmt *st = st_prepare(db, PAIRS, NULL);
	int i;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	st_int(st, 1, 2500);
	st_stream(st);
	for (i = 0; i < 1500; i++)
		if (st_step(st, NULL) != TWR_ROW)
			break;
	CHECK(i == 1500);
	/* A write over, then another: the cursor outlives them. */
	CHECK(db_begin_write(db, NULL) == TWR_OK);
	db_rollback(db);
	CHECK(db_begin_write(db, NULL) == TWR_OK);
	if (bad)
		CHECK(db_exec(db, "INSERT INTO nowhere VALUES (1)", NULL) !=
		    TWR_OK);
	st_free(st);
	if (pg && !bad)
		CHECK(one(db, CURSORS) == 0);
	db_rollback(db);
	CHECK(db_begin_write(db, NULL) == TWR_OK);
	db_rollback(db);
	if (pg)
		CHECK(one(db, CURSORS) == 0);
}

/* Two statements read at once: each keeps its rows until it ends. */
static void
two(struct twr_db *db, int pg)
{
	struct stmt *st[2];
	long long n[2] = { 0, 0 };
	int i;

	for (i = 0; i < 2; i++) {
		st[i] = st_prepare(db, PAIRS, NULL);
		CHECK(st[i] != NULL);
		if (st[i] == NULL)
			return;
		st_int(st[i], 1, 2345);
		st_stream(st[i]);
	}
	for (i = 0; i < 2; i++)
		n[i] += st_step(st[i], NULL) == TWR_ROW;
	while (st_step(st[0], NULL) == TWR_ROW)
		n[0]++;
	if (pg)
		CHECK(one(db, CURSORS) == 1);
	while (st_step(st[1], NULL) == TWR_ROW)
		n[1]++;
	CHECK(n[0] == 2345 && n[1] == 2345);
	if (pg)
		CHECK(one(db, CURSORS) == 0);
	st_free(st[0]);
	st_free(st[1]);
}

/* On the server, rows that fail after the first 1,000 (a text made a
 * number), in a snapshot and outside: the failure is told, not an end,
 * and the connection works on. */
static void
fails(struct twr_db *db, long long ties)
{
	char sql[300];
	int snap;

	/* The pairs of the tie at 1,500 / TIES (from 0) on fail. */
	snprintf(sql, sizeof(sql), "SELECT a.id, CASE WHEN a.id >= (SELECT "
	    "id FROM agreements ORDER BY id LIMIT 1 OFFSET %lld) THEN "
	    "CAST('x' || a.id AS INTEGER) END FROM agreements a, "
	    "agreements b ORDER BY a.id, b.id LIMIT 2500", 1500 / ties);
	for (snap = 0; snap < 2; snap++) {
		struct stmt *st = st_prepare(db, sql, NULL);
		enum twr_status s = TWR_DONE;
		long long got = 0;

		if (snap)
			CHECK(twr_snapshot_begin(db, NULL) == TWR_OK);
		if (st != NULL) {
			st_stream(st);
			while ((s = st_step(st, NULL)) == TWR_ROW)
				got++;
		}
		CHECK(st != NULL && s != TWR_DONE && got <= 1500);
		st_free(st);
		if (snap)
			twr_snapshot_end(db);
		CHECK(one(db, CURSORS) == 0);
		CHECK(twr_end(db, 999999, "2020-01-01", NULL, NULL) ==
		    TWR_NOTFOUND);
	}
}

void
t_stream_in(struct twr_db *db, struct twr_db *other, int pg)
{
	static const long long counts[] = { 0, 1, 999, 1000, 1001, 2000,
	    2345 };
	long long ties = one(db, "SELECT count(*) FROM agreements");
	size_t i;

	/* Enough ties for the largest count's pairs; few enough for the
	   failure to come after the first batch's pairs. */
	CHECK(ties >= 50 && ties < 500);
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		compare(db, other, counts[i], pg, OUTSIDE);
		compare(db, other, counts[i], pg, SNAPSHOT);
		compare(db, other, counts[i], pg, WRITE);
	}
	let_go(db, pg);
	held_in_write(db, pg, 0);
	held_in_write(db, pg, 1);
	two(db, pg);
	if (pg && ties >= 50 && ties < 500)
		fails(db, ties);
}

void
t_stream(void)
{
	struct twr_db *db;

	if (twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 1000, &db,
	    NULL) != TWR_OK) {
		CHECK(!"open");
		return;
	}
	t_counts_in(db, 7);
	twr_set_author(db, "unit", "unit test");
	t_stream_in(db, NULL, 0);
	twr_close(db);
}
