/*
 * Rows read to the end a row at a time (st_stream), which PostgreSQL
 * fetches from a cursor, 1,000 rows a batch.  Each number of rows about
 * a batch's, outside a transaction and in a snapshot, gives the rows
 * the same statement gives at once, in order.  On the server the cursor
 * is open while rows remain and closed after the last; a write begun
 * while a statement's rows are read in a transaction of their own is
 * refused, and works once they are read; two statements read at once
 * keep their rows until each ends.
 */
#include "internal.h"
#include "unit.h"

/* Pairs of ties, as many as bound (LIMIT). */
#define PAIRS "SELECT a.id, b.id FROM agreements a, agreements b " \
	"ORDER BY a.id, b.id LIMIT ?1"
/* The server's cursors a DECLARE made (not the protocol's portals). */
#define CURSORS "SELECT count(*) FROM pg_cursors WHERE name <> ''"

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

/* N rows of PAIRS, read both ways; PG: on the server.  SNAP: in a
 * snapshot. */
static void
compare(struct twr_db *db, long long n, int pg, int snap)
{
	struct stmt *all = st_prepare(db, PAIRS, NULL);
	struct stmt *some = st_prepare(db, PAIRS, NULL);
	enum twr_status a = TWR_INTERNAL, b = TWR_INTERNAL;
	long long got = 0, same = 0;

	CHECK(all != NULL && some != NULL);
	if (all == NULL || some == NULL) {
		st_free(all);
		st_free(some);
		return;
	}
	if (snap)
		CHECK(twr_snapshot_begin(db, NULL) == TWR_OK);
	st_int(all, 1, n);
	st_int(some, 1, n);
	st_stream(some);
	for (;;) {
		a = st_step(all, NULL);
		b = st_step(some, NULL);
		if (a != TWR_ROW || b != TWR_ROW)
			break;
		got++;
		same += st_col_int(all, 0) == st_col_int(some, 0) &&
		    st_col_int(all, 1) == st_col_int(some, 1);
		if (pg && got == n / 2 + 1) {
			CHECK(one(db, CURSORS) == 1);
			/* Refused while its transaction is its own. */
			if (!snap)
				CHECK(twr_end(db, one(db, "SELECT min(id) "
				    "FROM agreements"), "2020-01-01", NULL,
				    NULL) == TWR_INTERNAL);
		}
	}
	CHECK(a == TWR_DONE && b == TWR_DONE && got == n && same == n);
	if (pg)
		CHECK(one(db, CURSORS) == 0);
	st_free(all);
	st_free(some);
	if (snap)
		twr_snapshot_end(db);
	CHECK(twr_end(db, 999999, "2020-01-01", NULL, NULL) == TWR_NOTFOUND);
}

/* A statement let go before its last row: its cursor and transaction
 * end with it. */
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
	CHECK(twr_end(db, 999999, "2020-01-01", NULL, NULL) == TWR_NOTFOUND);
}

/* Two statements read at once outside a transaction: the first to end
 * leaves the second its cursor and transaction. */
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
	CHECK(twr_end(db, 999999, "2020-01-01", NULL, NULL) == TWR_NOTFOUND);
	st_free(st[0]);
	st_free(st[1]);
}

void
t_stream_in(struct twr_db *db, int pg)
{
	static const long long counts[] = { 0, 1, 999, 1000, 1001, 2000,
	    2345 };
	size_t i;

	/* Enough ties for the largest count's pairs. */
	CHECK(one(db, "SELECT count(*) FROM agreements") >= 50);
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		compare(db, counts[i], pg, 0);
		compare(db, counts[i], pg, 1);
	}
	let_go(db, pg);
	two(db, pg);
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
	t_stream_in(db, 0);
	twr_close(db);
}
