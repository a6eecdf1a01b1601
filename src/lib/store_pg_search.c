/*
 * The PostgreSQL store's search index: for each slot (record id *
 * SEARCH_SLOTS + field) its length in terms (search_docs) and how often
 * each folded term occurs in it (search_terms).  A search ranks its
 * matches here, by bm25 computed as SQLite's FTS5 computes it for the
 * SQLite store (the same statistics, the same arithmetic, the same
 * order of ties), so that both stores give the same answers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

/* Run SQL (PostgreSQL's) with N text parameters VALS; its result, or
 * NULL with ERR filled in. */
static PGresult *
run(struct twr_db *db, const char *sql, int n, const char *const *vals,
    int write, struct twr_error *err)
{
	PGresult *res = PQexecParams(PG(db)->conn, sql, n, NULL, vals, NULL,
	    NULL, 0);
	ExecStatusType rs = PQresultStatus(res);

	if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK)
		return res;
	pg_err(db, res, err, write);
	PQclear(res);
	return NULL;
}

static enum twr_status
run_done(struct twr_db *db, const char *sql, int n, const char *const *vals,
    struct twr_error *err)
{
	PGresult *res = run(db, sql, n, vals, 1, err);

	if (res == NULL)
		return err->status;
	PQclear(res);
	return TWR_OK;
}

/* Index the folded words of TEXT as SLOT (its decimal digits). */
static enum twr_status
put(struct twr_db *db, const char *slot, const char *text,
    struct twr_error *err)
{
	struct twr_buf f;
	enum twr_status st;
	const char *vals[2];
	char ntok[24];
	size_t i, n = 0;

	buf_init(&f);
	fold_text(&f, text, strlen(text));
	if (f.oom) {
		buf_free(&f);
		return err_nomem(err);
	}
	/* Words are folded text's runs between single blanks. */
	for (i = 0; i < f.len; i++)
		n += f.p[i] == ' ';
	snprintf(ntok, sizeof(ntok), "%zu", f.len > 0 ? n + 1 : 0);
	vals[0] = slot;
	vals[1] = ntok;
	if ((st = run_done(db, "INSERT INTO search_docs VALUES($1, $2)", 2,
	    vals, err)) == TWR_OK && f.len > 0) {
		vals[1] = buf_str(&f);
		st = run_done(db, "INSERT INTO search_terms(term, slot, n) "
		    "SELECT t, $1, count(*) FROM unnest(string_to_array($2, "
		    "' ')) t GROUP BY t", 2, vals, err);
	}
	buf_free(&f);
	return st;
}

enum twr_status
pg_search_put(struct twr_db *db, long long slot, const char *text,
    struct twr_error *err)
{
	char s[24];

	if (text == NULL || *text == '\0')
		return TWR_OK;
	snprintf(s, sizeof(s), "%lld", slot);
	return put(db, s, text, err);
}

enum twr_status
pg_search_remove(struct twr_db *db, long long id, struct twr_error *err)
{
	const char *vals[1];
	char s[24];
	enum twr_status st;

	snprintf(s, sizeof(s), "%lld", id * SEARCH_SLOTS);
	vals[0] = s;
	if ((st = run_done(db, "DELETE FROM search_terms WHERE slot BETWEEN "
	    "$1::bigint AND $1::bigint + 15", 1, vals, err)) != TWR_OK)
		return st;
	return run_done(db, "DELETE FROM search_docs WHERE slot BETWEEN "
	    "$1::bigint AND $1::bigint + 15", 1, vals, err);
}

enum twr_status
pg_search_fill(struct twr_db *db, const char *sql, long long first,
    struct twr_error *err)
{
	enum twr_status st = TWR_OK;
	const char *vals[1];
	PGresult *res;
	char *text, s[24];
	int n = 0, r;

	if ((text = pg_sql(sql, &n, NULL)) == NULL)
		return err_code(err, TWR_INTERNAL, TWR_E_INTERNAL);
	snprintf(s, sizeof(s), "%lld", first);
	vals[0] = s;
	res = run(db, text, n, vals, 0, err);
	free(text);
	if (res == NULL)
		return err->status;
	for (r = 0; r < PQntuples(res) && st == TWR_OK; r++)
		if (!PQgetisnull(res, r, 1))
			st = put(db, PQgetvalue(res, r, 0), PQgetvalue(res, r,
			    1), err);
	PQclear(res);
	return st;
}

enum twr_status
pg_search_clear(struct twr_db *db, struct twr_error *err)
{
	return pg_exec_raw(db, "DELETE FROM search_terms; DELETE FROM "
	    "search_docs", err);
}

/* ---- ranked search --------------------------------------------------- */

#define RANKED 2000	/* matches ranked, the most recent (as SQLite's) */

struct hit {
	long long slot;
	double score;
};

static int
by_rank(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	/* FTS5's rank is -score: the best first, ties by slot. */
	if (-x->score != -y->score)
		return -x->score < -y->score ? -1 : 1;
	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* The condition on t.term for word I of WORDS (N of them), the last a
 * prefix, its parameters from $FIRST, into Q. */
static void
term_cond(struct twr_buf *q, int last, int first)
{
	if (last)
		buf_printf(q, "t.term >= $%d AND t.term < $%d", first,
		    first + 1);
	else
		buf_printf(q, "t.term = $%d", first);
}

enum twr_status
pg_search_match(struct twr_db *db, const char *key, long long limit,
    search_fn *fn, void *arg, struct twr_error *err)
{
	struct twr_buf q, words;
	const char **vals = NULL;
	char *hi = NULL;
	struct hit *hits = NULL;
	double *idf = NULL, avgdl, k1 = 1.2, b = 0.75;
	long long nrow, ntoken;
	enum twr_status st = TWR_OK;
	PGresult *res = NULL;
	size_t nw = 0, i, nvals, nhits = 0;
	int r, j;

	/* The words, NUL-separated in WORDS. */
	buf_init(&words);
	buf_init(&q);
	buf_adds(&words, key);
	for (i = 0; i < words.len; i++)
		if (words.p[i] == ' ')
			words.p[i] = '\0';
	for (i = 0; i < words.len; i += strlen(words.p + i) + 1)
		if (words.p[i] != '\0')
			nw++;
	if (words.oom || nw == 0)
		goto out;
	/* Each word once, the last with its upper bound. */
	nvals = nw + 1;
	if ((vals = calloc(nvals, sizeof(*vals))) == NULL || (idf = calloc(nw,
	    sizeof(*idf))) == NULL) {
		st = err_nomem(err);
		goto out;
	}
	j = 0;
	for (i = 0; i < words.len; i += strlen(words.p + i) + 1)
		if (words.p[i] != '\0')
			vals[j++] = words.p + i;
	if ((hi = xstrdup(vals[nw - 1])) == NULL) {
		st = err_nomem(err);
		goto out;
	}
	hi[strlen(hi) - 1]++;
	vals[nw] = hi;

	/* The registry's rows and terms, and each word's rows. */
	if ((res = run(db, "SELECT count(*), coalesce(sum(ntok), 0) FROM "
	    "search_docs", 0, NULL, 0, err)) == NULL)
		goto fail;
	nrow = atoll(PQgetvalue(res, 0, 0));
	ntoken = atoll(PQgetvalue(res, 0, 1));
	PQclear(res);
	res = NULL;
	if (nrow == 0)
		goto out;
	avgdl = (double)ntoken / (double)nrow;
	for (i = 0; i < nw; i++) {
		long long nhit;

		buf_reset(&q);
		buf_adds(&q, "SELECT count(DISTINCT t.slot) FROM search_terms "
		    "t WHERE ");
		term_cond(&q, i == nw - 1, 1);
		if ((res = run(db, buf_str(&q), i == nw - 1 ? 2 : 1, vals + i,
		    0, err)) == NULL)
			goto fail;
		nhit = atoll(PQgetvalue(res, 0, 0));
		PQclear(res);
		res = NULL;
		idf[i] = log((nrow - nhit + 0.5) / (nhit + 0.5));
		if (idf[i] <= 0.0)
			idf[i] = 1e-6;
	}

	/* The most recent RANKED slots with every word, and how often
	   each word is in them. */
	buf_reset(&q);
	buf_adds(&q, "SELECT d.slot, d.ntok");
	for (i = 0; i < nw; i++) {
		buf_adds(&q, ", (SELECT sum(t.n) FROM search_terms t WHERE "
		    "t.slot = d.slot AND ");
		term_cond(&q, i == nw - 1, (int)i + 1);
		buf_addc(&q, ')');
	}
	buf_adds(&q, " FROM search_docs d WHERE d.slot IN (");
	for (i = 0; i < nw; i++) {
		if (i > 0)
			buf_adds(&q, " INTERSECT ");
		buf_adds(&q, "SELECT t.slot FROM search_terms t WHERE ");
		term_cond(&q, i == nw - 1, (int)i + 1);
	}
	buf_printf(&q, ") ORDER BY d.slot DESC LIMIT %d", RANKED);
	if (q.oom) {
		st = err_nomem(err);
		goto out;
	}
	if ((res = run(db, buf_str(&q), (int)nvals, vals, 0, err)) == NULL)
		goto fail;
	if ((hits = calloc((size_t)PQntuples(res) + 1, sizeof(*hits))) ==
	    NULL) {
		st = err_nomem(err);
		goto out;
	}
	for (r = 0; r < PQntuples(res); r++) {
		double score = 0.0, d = (double)atoll(PQgetvalue(res, r, 1));

		for (i = 0; i < nw; i++) {
			double f = (double)atoll(PQgetvalue(res, r,
			    (int)i + 2));

			score += idf[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b +
			    b * d / avgdl)));
		}
		hits[nhits].slot = atoll(PQgetvalue(res, r, 0));
		hits[nhits++].score = score;
	}
	qsort(hits, nhits, sizeof(*hits), by_rank);
	for (i = 0; i < nhits && (limit <= 0 || (long long)i < limit); i++)
		if (fn(arg, hits[i].slot) != 0)
			break;
	goto out;
fail:
	st = err->status;
out:
	PQclear(res);
	free(hits);
	free(hi);
	free(idf);
	free(vals);
	buf_free(&q);
	buf_free(&words);
	return st;
}
