/*
 * The PostgreSQL store's search index: for each slot (record id *
 * SEARCH_SLOTS + field) its length in terms (search_docs) and how often
 * each folded term occurs in it (search_terms).  A search ranks its
 * matches here, by bm25 computed as SQLite's FTS5 computes it for the
 * SQLite store (the same statistics, the same arithmetic, the same
 * order of ties), so that both stores give the same answers.  (A search
 * of one word leaves out its idf, a factor of every score alike, unless
 * it could round two scores into one.)
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

static enum twr_status
run_done(struct twr_db *db, const char *sql, int n, const char *const *vals,
    struct twr_error *err)
{
	PGresult *res = pg_run(db, sql, n, vals, 1, err);

	if (res == NULL)
		return err->status;
	PQclear(res);
	return TWR_OK;
}

/*
 * A term is kept to its first TERM_CHARS characters: an index entry of
 * PostgreSQL holds at most some 2,700 bytes, and a word of a megabyte
 * is no word anyone searches for.  Words searched for are cut alike.
 */
#define TERM_CHARS "500"

/* Cut S to its first TERM_CHARS characters, in place. */
static void
cut_term(char *s)
{
	size_t n = 0, max = (size_t)atoi(TERM_CHARS);
	char *p;

	for (p = s; *p != '\0'; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && n++ == max) {
			*p = '\0';
			return;
		}
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void copy_rows(const char *slot, const char *text,
    struct twr_buf *docs, struct twr_buf *terms, struct twr_buf *f);

/* Index the folded words of TEXT as SLOT (its decimal digits): gathered
 * for COPY, when the role may and a write is open (store_pg_copy.c sends
 * them), or now. */
static enum twr_status
put(struct twr_db *db, const char *slot, const char *text,
    struct twr_error *err)
{
	struct twr_buf f;
	enum twr_status st;
	const char *vals[3];
	char ntok[24];
	size_t i, n = 0;

	buf_init(&f);
	if (PG_OWNER(PG(db)) && PQtransactionStatus(PG(db)->conn) ==
	    PQTRANS_INTRANS) {
		struct pg_copy *c = &PG(db)->copy;

		copy_rows(slot, text, &c->docs, &c->terms, &f);
		st = TWR_OK;
		if (f.oom)
			st = err_nomem(err);
		/* A megabyte at a time (and memory that ran out told). */
		else if (c->docs.len + c->terms.len > (1u << 20) ||
		    c->docs.oom || c->terms.oom)
			st = pg_copy_search_send(db, err);
		buf_free(&f);
		return st;
	}
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
	vals[2] = buf_str(&f);
	/* One round trip: the slot's length and its terms. */
	st = run_done(db, "WITH d AS (INSERT INTO search_docs VALUES($1, $2)) "
	    "INSERT INTO search_terms(term, slot, n) SELECT left(t, "
	    TERM_CHARS "), $1, count(*) FROM unnest(string_to_array($3, ' ')) "
	    "t WHERE $3 <> '' GROUP BY 1", 3, vals, err);
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

/* SLOT's row of search_docs and rows of search_terms for TEXT, as COPY
 * takes them, into DOCS and TERMS. */
static void
copy_rows(const char *slot, const char *text, struct twr_buf *docs,
    struct twr_buf *terms, struct twr_buf *f)
{
	char **w = NULL;
	size_t n = 0, i, j, run;
	char *p;

	buf_reset(f);
	fold_text(f, text, strlen(text));
	buf_addc(f, '\0');
	if (f->oom)
		return;
	for (p = f->p; *p != '\0'; n++) {
		char **more = realloc(w, (n + 1) * sizeof(*w));

		if (more == NULL) {
			f->oom = 1;
			free(w);
			return;
		}
		w = more;
		w[n] = p;
		if ((p = strchr(p, ' ')) == NULL)
			p = w[n] + strlen(w[n]);
		else
			*p++ = '\0';
		cut_term(w[n]);
	}
	buf_printf(docs, "%s\t%zu\n", slot, n);
	if (n > 0)
		qsort(w, n, sizeof(*w), by_text);
	for (i = 0; i < n; i = j) {
		for (j = i, run = 0; j < n && strcmp(w[j], w[i]) == 0; j++)
			run++;
		pg_copy_value(terms, w[i]);
		buf_printf(terms, "\t%s\t%zu\n", slot, run);
	}
	free(w);
}

enum twr_status
pg_search_fill(struct twr_db *db, const char *sql, long long first,
    struct twr_error *err)
{
	struct pg_copy *c;
	struct twr_buf f;
	enum twr_status st;
	const char *vals[1];
	PGresult *res;
	char *text, s[24];
	int n = 0, r;

	if ((text = pg_sql(sql, &n, NULL)) == NULL)
		return err_code(err, TWR_INTERNAL, TWR_E_INTERNAL);
	snprintf(s, sizeof(s), "%lld", first);
	vals[0] = s;
	res = pg_run(db, text, n, vals, 0, err);
	free(text);
	if (res == NULL)
		return err->status;
	/* The index's rows made here, and sent in one COPY a table. */
	c = &PG(db)->copy;
	buf_init(&f);
	for (r = 0; r < PQntuples(res); r++)
		if (!PQgetisnull(res, r, 1))
			copy_rows(PQgetvalue(res, r, 0), PQgetvalue(res, r, 1),
			    &c->docs, &c->terms, &f);
	PQclear(res);
	st = f.oom ? err_nomem(err) : pg_copy_search_send(db, err);
	buf_free(&f);
	return st;
}

enum twr_status
pg_search_clear(struct twr_db *db, struct twr_error *err)
{
	return pg_exec_raw(db, "DELETE FROM search_terms; DELETE FROM "
	    "search_docs", err);
}

/* ---- ranked search --------------------------------------------------- */

#define RANKED "2000"	/* matches ranked, the most recent (as SQLite's) */

struct hit {
	long long slot;
	double score;
};

/* A word's part of FTS5's bm25: IDF, the word F times in a slot of D
   terms, AVGDL terms a slot on average. */
static double
bm25_term(double idf, double f, double d, double avgdl)
{
	const double k1 = 1.2, b = 0.75;

	return idf * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * d / avgdl)));
}

static int
by_rank(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	/* FTS5's rank is -score: the best first, ties by slot. */
	if (-x->score != -y->score)
		return -x->score < -y->score ? -1 : 1;
	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* The N bytes at S as an element of a PostgreSQL array literal (the
 * braces OUT's), after a comma unless FIRST. */
static void
array_add(struct twr_buf *out, const char *s, size_t n, int first)
{
	size_t i;

	buf_adds(out, first ? "\"" : ",\"");
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			buf_addc(out, '\\');
		buf_addc(out, s[i]);
	}
	buf_addc(out, '"');
}

/* The words of KEY but the last, as a PostgreSQL array literal, into
 * OUT; the last into LAST (malloc'd).  Their number, 0 for none. */
static size_t
split_key(const char *key, struct twr_buf *out, char **last)
{
	const char *p = key, *sp;
	size_t n = 0;

	*last = NULL;
	buf_addc(out, '{');
	while (*p != '\0') {
		size_t len = (sp = strchr(p, ' ')) ? (size_t)(sp - p) :
		    strlen(p);

		if (len > 0 && sp == NULL) {
			if ((*last = malloc(len + 1)) != NULL) {
				memcpy(*last, p, len);
				(*last)[len] = '\0';
				cut_term(*last);
			}
			n++;
		} else if (len > 0) {
			size_t cut = 0, chars = 0;

			/* The word as its term is kept. */
			while (cut < len && !(((unsigned char)p[cut] & 0xC0) !=
			    0x80 && chars++ == (size_t)atoi(TERM_CHARS)))
				cut++;
			array_add(out, p, cut, n == 0);
			n++;
		}
		p += len + (sp != NULL);
	}
	buf_addc(out, '}');
	return *last != NULL ? n : 0;
}


/* The first two terms from $1 up to $2 (NULL for none). */
#define FIRST_TWO "WITH a(t) AS (SELECT min(term) FROM search_terms WHERE " \
	"term >= $1 AND term < $2) SELECT t, (SELECT min(term) FROM " \
	"search_terms WHERE term > a.t AND term < $2) FROM a"

/*
 * A slot t.slot's words: x, how often each word of $1 is there (an
 * array in their order) and how many are; y, how often the terms from
 * $2 up to $3 (the last word, a prefix) are.  A look-up a word a slot
 * (the prefix, when it leads, counted with its slots instead).
 * Its length is looked up for it too (a join the planner may make a
 * merge, reading the lengths of every newer slot).
 */
#define SLOT_X "CROSS JOIN LATERAL (SELECT array_agg(u.n ORDER BY w.i) " \
	"AS n, count(*) AS k FROM unnest($1::text[]) WITH ORDINALITY " \
	"w(term, i) JOIN search_terms u ON u.term = w.term AND u.slot = " \
	"t.slot) x "
#define SLOT_Y "CROSS JOIN LATERAL (SELECT sum(u.n) AS n FROM " \
	"search_terms u WHERE u.slot = t.slot AND u.term >= $2 AND u.term " \
	"< $3) y "
#define SLOT_LEN "(SELECT d.ntok FROM search_docs d WHERE d.slot = t.slot)"
#define NEWEST "ORDER BY t.slot DESC LIMIT " RANKED

/* How many slots each word of $1 is in. */
#define EXACT_HITS "SELECT w.i, (SELECT count(*) FROM search_terms t WHERE " \
	"t.term = w.term) FROM unnest($1::text[]) WITH ORDINALITY w(term, i)"

/* A word's idf, in N of NROW slots, as FTS5's bm25 computes it. */
static double
idf_of(long long nrow, long long n)
{
	double idf = log((nrow - n + 0.5) / (n + 0.5));

	return idf > 0.0 ? idf : 1e-6;
}

/* Are two of the N scores of HITS (best first) different but so close
 * that a factor could round them into one? */
static int
near_tie(const struct hit *hits, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (hits[i - 1].score != hits[i].score && hits[i - 1].score -
		    hits[i].score <= hits[i - 1].score * 4 * DBL_EPSILON)
			return 1;
	return 0;
}

/*
 * Several words (VALS as pg_search_match has them: the words, the last
 * one, the text above it, their number NW): how many slots each is in,
 * for its IDF (as FTS5's bm25 computes it, of NROW slots); then the
 * slots of the rarest, newest first, that hold every word, with how
 * often each is there.  NULL on failure (ERR), or with *NONE when a word
 * is in none.
 */
static PGresult *
rank_words(struct twr_db *db, int exact, size_t nw, const char *const *vals,
    long long nrow, double *idf, int *none, struct twr_error *err)
{
	/* How many slots each word is in (the last, a prefix, number
	   $4).  When every word is matched as itself, $1 holds them all. */
	static const char hits_sql[] = "SELECT w.i, (SELECT count(*) FROM "
	    "search_terms t WHERE t.term = w.term) FROM unnest($1::text[]) "
	    "WITH ORDINALITY w(term, i) UNION ALL SELECT $4::bigint, "
	    "count(DISTINCT slot) FROM search_terms WHERE term >= $2 AND "
	    "term < $3";
	/* The slots of the rarest word (number $2, or $5; or the prefix),
	   newest first, kept when they hold every word, with how often
	   each is there. */
	static const char exact_rank_sql[] = "SELECT t.slot, " SLOT_LEN
	    ", x.n FROM search_terms t " SLOT_X "WHERE t.term = "
	    "($1::text[])[$2::int] AND x.k = $3::int " NEWEST;
	static const char word_rank_sql[] = "SELECT t.slot, " SLOT_LEN
	    ", x.n, y.n FROM search_terms t " SLOT_X SLOT_Y "WHERE t.term = "
	    "($1::text[])[$5::int] AND x.k = $4::int - 1 AND y.n IS NOT NULL "
	    NEWEST;
	/* (Its slots in order before the others' look-ups, else the
	   planner has them looked up for every slot.) */
	static const char prefix_rank_sql[] = "SELECT t.slot, " SLOT_LEN
	    ", x.n, t.n FROM (SELECT slot, sum(n) AS n FROM search_terms "
	    "WHERE term >= $2 AND term < $3 GROUP BY slot ORDER BY slot "
	    "DESC) t " SLOT_X "WHERE x.k = $4::int - 1 " NEWEST;
	PGresult *res;
	long long *nhit;
	size_t lead = 0, i;
	char lead_s[24];
	int r;

	*none = 0;
	if ((nhit = calloc(nw, sizeof(*nhit))) == NULL) {
		err_nomem(err);
		return NULL;
	}
	if ((res = pg_run(db, exact ? EXACT_HITS : hits_sql, exact ? 1 : 4,
	    vals, 0, err)) == NULL) {
		free(nhit);
		return NULL;
	}
	for (r = 0; r < PQntuples(res); r++) {
		long long w = atoll(PQgetvalue(res, r, 0)) - 1;

		if (w >= 0 && (size_t)w < nw)
			nhit[w] = atoll(PQgetvalue(res, r, 1));
	}
	PQclear(res);
	/* The rarest word leads the search for slots with every word;
	   a word in none, none have. */
	for (i = 1; i < nw; i++)
		if (nhit[i] < nhit[lead])
			lead = i;
	if ((*none = nhit[lead] == 0)) {
		free(nhit);
		return NULL;
	}
	for (i = 0; i < nw; i++)
		idf[i] = idf_of(nrow, nhit[i]);
	free(nhit);
	snprintf(lead_s, sizeof(lead_s), "%zu", lead + 1);
	/* Its cost, as the planner guesses it, would have the query
	   compiled (JIT) for longer than it runs. */
	if (pg_exec_raw(db, "SET jit = off", err) != TWR_OK)
		return NULL;
	if (exact)
		res = pg_run(db, exact_rank_sql, 3, (const char *const []){
		    vals[0], lead_s, vals[3] }, 0, err);
	else if (lead + 1 < nw)
		res = pg_run(db, word_rank_sql, 5, (const char *const []){
		    vals[0], vals[1], vals[2], vals[3], lead_s }, 0, err);
	else
		res = pg_run(db, prefix_rank_sql, 4, vals, 0, err);
	if (pg_exec_raw(db, "RESET jit", res != NULL ? err : NULL) !=
	    TWR_OK && res != NULL) {
		PQclear(res);
		return NULL;
	}
	return res;
}

enum twr_status
pg_search_match(struct twr_db *db, const char *key, long long limit,
    search_fn *fn, void *arg, struct twr_error *err)
{
	/* One word: its slots, newest first, with how often it is there. */
	static const char one_rank_sql[] = "SELECT t.slot, " SLOT_LEN ", t.n "
	    "FROM search_terms t WHERE t.term = ($1::text[])[1] " NEWEST;
	struct twr_buf words, all;
	const char *vals[4];
	char *last = NULL, *hi = NULL, nw_s[24];
	int exact = 0, none;
	struct hit *hits = NULL;
	double *idf = NULL, avgdl;
	long long nrow, ntoken;
	enum twr_status st = TWR_OK;
	PGresult *res = NULL;
	size_t nw, i, nhits = 0;
	int r;

	buf_init(&words);
	buf_init(&all);
	nw = split_key(key, &words, &last);
	if (words.oom || (nw > 0 && last == NULL)) {
		st = err_nomem(err);
		goto out;
	}
	if (nw == 0)
		goto out;
	if ((hi = text_above(last)) == NULL || (idf = calloc(nw,
	    sizeof(*idf))) == NULL) {
		st = err_nomem(err);
		goto out;
	}
	snprintf(nw_s, sizeof(nw_s), "%zu", nw);
	vals[0] = buf_str(&words);
	vals[1] = last;
	vals[2] = hi;
	vals[3] = nw_s;

	/* The registry's rows and terms, and each word's rows. */
	if ((res = pg_run(db, "SELECT docs, tokens FROM search_total", 0, NULL,
	    0, err)) == NULL)
		goto fail;
	nrow = atoll(PQgetvalue(res, 0, 0));
	ntoken = atoll(PQgetvalue(res, 0, 1));
	PQclear(res);
	res = NULL;
	if (nrow == 0)
		goto out;
	avgdl = (double)ntoken / (double)nrow;
	/* The terms the last word begins: none (no match), one (the
	   word is that term, and every word is matched as itself), or
	   more (a prefix of several). */
	if ((res = pg_run(db, FIRST_TWO, 2, vals + 1, 0, err)) == NULL)
		goto fail;
	if (PQgetisnull(res, 0, 0))
		goto out;
	if ((exact = PQgetisnull(res, 0, 1))) {
		buf_reset(&all);
		buf_add(&all, words.p, words.len - 1);	/* '}' */
		array_add(&all, PQgetvalue(res, 0, 0),
		    strlen(PQgetvalue(res, 0, 0)), nw == 1);
		buf_addc(&all, '}');
		if (all.oom) {
			st = err_nomem(err);
			goto out;
		}
		vals[0] = buf_str(&all);
	}
	PQclear(res);
	res = NULL;
	/* One word: its idf scales every score alike, so that the order is
	   bm25's without it, and its slots need no counting. */
	if (exact && nw == 1) {
		idf[0] = 1.0;
		res = pg_run(db, one_rank_sql, 1, vals, 0, err);
	} else if ((res = rank_words(db, exact, nw, vals, nrow, idf, &none,
	    err)) == NULL && none)
		goto out;
	if (res == NULL)
		goto fail;
	if ((hits = calloc((size_t)PQntuples(res) + 1, sizeof(*hits))) ==
	    NULL) {
		st = err_nomem(err);
		goto out;
	}
	/* A row a slot: how often each word is there, in their order in
	   the query, the order FTS5 sums them in (an array, and then the
	   last word's count when it is a prefix). */
	for (r = 0; r < PQntuples(res); r++) {
		double d = (double)atoll(PQgetvalue(res, r, 1));
		const char *p = PQgetvalue(res, r, 2);
		char *e;

		hits[nhits].slot = atoll(PQgetvalue(res, r, 0));
		hits[nhits].score = 0.0;
		for (i = 0, p += *p == '{'; i < nw && *p != '\0' && *p != '}';
		    i++, p = e + (*e == ',')) {
			double f = (double)strtoll(p, &e, 10);

			hits[nhits].score += bm25_term(idf[i], f, d, avgdl);
		}
		if (!exact && i + 1 == nw)
			hits[nhits].score += bm25_term(idf[i], (double)atoll(
			    PQgetvalue(res, r, 3)), d, avgdl);
		nhits++;
	}
	qsort(hits, nhits, sizeof(*hits), by_rank);
	/* One word, scored without its idf: two scores the idf would round
	   into one are ordered by slot in FTS5.  Where that could be, its
	   slots are counted for the idf, and scored again. */
	if (exact && nw == 1 && near_tie(hits, nhits)) {
		PQclear(res);
		if ((res = pg_run(db, EXACT_HITS, 1, vals, 0, err)) == NULL)
			goto fail;
		idf[0] = idf_of(nrow, atoll(PQgetvalue(res, 0, 1)));
		for (i = 0; i < nhits; i++)
			hits[i].score *= idf[0];
		qsort(hits, nhits, sizeof(*hits), by_rank);
	}
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
	free(last);
	free(idf);
	buf_free(&words);
	buf_free(&all);
	return st;
}
