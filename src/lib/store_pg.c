/*
 * The PostgreSQL store: a registry in a PostgreSQL database named by a
 * libpq URI ("postgresql://..." or "postgres://...").  The SQL the rest
 * of the library writes is SQLite's; pg_sql() turns it into
 * PostgreSQL's.  What twinreg computes and the server cannot (Turkish
 * folding and order) is kept in columns beside the text: a trigger
 * empties them when the text changes, and the statement that wrote the
 * text fills them (fill_derived).  Search is a table of the folded
 * terms of each slot, ranked here as FTS5's bm25 ranks them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "store_pg.h"

#define BOOLOID 16
#define INT8OID 20
#define TEXTOID 25	/* only for parameters the SQL does not name */

/* ---- errors ---------------------------------------------------------- */

const char *
pg_first_line(const char *s, char *buf, size_t n)
{
	size_t len;

	if (s == NULL)
		return NULL;
	len = strcspn(s, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

enum twr_status
pg_err(struct twr_db *db, PGresult *res, struct twr_error *err, int write)
{
	struct pg_db *e = db != NULL ? PG(db) : NULL;
	const char *state = res != NULL ? PQresultErrorField(res,
	    PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res != NULL ? PQresultErrorField(res,
	    PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char line[512];
	struct twr_msg m;
	enum twr_status st = TWR_INTERNAL;

	if (e != NULL)
		snprintf(e->sqlstate, sizeof(e->sqlstate), "%s", state != NULL ?
		    state : "");
	/* The transaction failed before, on rows sent late: that failure
	   is the one to tell (and perhaps to run the write again for). */
	if (e != NULL && state != NULL && strcmp(state, "25P02") == 0 &&
	    e->late.status != TWR_OK)
		return err_msg(err, e->late.status, &e->late.m);
	memset(&m, 0, sizeof(m));
	m.code = write ? TWR_E_STORE_WRITE : TWR_E_STORE_READ;
	m.detail = primary != NULL ? primary : e != NULL && e->conn != NULL ?
	    pg_first_line(PQerrorMessage(e->conn), line, sizeof(line)) : NULL;
	if (state == NULL || strncmp(state, "08", 2) == 0 ||
	    strncmp(state, "53", 2) == 0 || strncmp(state, "57", 2) == 0 ||
	    strncmp(state, "58", 2) == 0)
		/* The connection, the server's resources or its disk. */
		st = TWR_IOERR;
	else if (strcmp(state, "55P03") == 0) {
		m.code = TWR_E_BUSY;
		st = TWR_BUSY;
	} else if (strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0) {
		/* Worth running the whole write again: db_again. */
		m.code = TWR_E_TX_CONFLICT;
		m.n[0] = 1;
		st = TWR_BUSY;
	} else if (strcmp(state, "42501") == 0) {
		/* Row-level security, an office's check, or no grant. */
		m.code = TWR_E_NOPERM;
		m.value = e != NULL && e->conn != NULL ? PQuser(e->conn) : NULL;
		st = TWR_NOPERM;
	} else if (strcmp(state, "25006") == 0) {
		m.code = TWR_E_STORE_READONLY;
		st = TWR_IOERR;
	}
	/* err_msg copies the words out of RES, which the caller clears. */
	return err_msg(err, st, &m);
}

/* ---- SQL: SQLite's into PostgreSQL's ----------------------------------- */

static int
ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static int
word_is(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(w, name, n) == 0;
}

/* The end of the quoted text at S (a quote), past its closing quote. */
static const char *
skip_quoted(const char *s, const char *end)
{
	char q = *s++;

	while (s < end) {
		if (*s == q) {
			if (s + 1 < end && s[1] == q) {
				s += 2;
				continue;
			}
			return s + 1;
		}
		s++;
	}
	return end;
}

/* The ')' that closes the '(' at S; *COMMA the first comma at its top
 * level (or NULL), *NCOMMA their count. */
static const char *
close_paren(const char *s, const char *end, const char **comma,
    int *ncomma)
{
	int depth = 0;

	*comma = NULL;
	*ncomma = 0;
	while (s < end) {
		if (*s == '\'' || *s == '"') {
			s = skip_quoted(s, end);
			continue;
		}
		if (*s == '(')
			depth++;
		else if (*s == ')' && --depth == 0)
			return s;
		else if (*s == ',' && depth == 1) {
			if (*comma == NULL)
				*comma = s;
			++*ncomma;
		}
		s++;
	}
	return end;
}

static const char *
skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	return s;
}

const struct pg_derived pg_derived[] = {
	{ "actors", "name", "name_sk", 0 },
	{ "actors", "name_en", "name_en_sk", 0 },
	{ "aliases", "alias", "alias_sk", 0 },
	{ "agreements", "signed_place", "signed_place_sk", 0 },
	{ "agreements", "topics", "topics_fold", 1 },
	{ "memberships", "roles", "roles_sk", 0 },
	{ "activities", "title", "title_sk", 0 },
	{ "activities", "place", "place_sk", 0 },
};
const size_t pg_nderived = ARRAY_SIZE(pg_derived);

/* The derived column of column COL (N bytes) of kind FOLD, or NULL. */
static const char *
derived_of(const char *col, size_t n, int fold)
{
	size_t i;

	for (i = 0; i < pg_nderived; i++)
		if (pg_derived[i].fold == fold && word_is(col, n,
		    pg_derived[i].col))
			return pg_derived[i].to;
	return NULL;
}

/* Does "IS NULL" or "IS NOT NULL" begin at S? */
static int
null_test(const char *s, const char *end)
{
	s = skip_blank(s, end);
	if (end - s < 2 || strncasecmp(s, "IS", 2) != 0 || ident_char(s[2]))
		return 0;
	s = skip_blank(s + 2, end);
	if (end - s >= 3 && strncasecmp(s, "NOT", 3) == 0 && !ident_char(s[3]))
		s = skip_blank(s + 3, end);
	return end - s >= 4 && strncasecmp(s, "NULL", 4) == 0 &&
	    (end - s == 4 || !ident_char(s[4]));
}

/* The last word of OUT (blanks after it skipped), in W (N bytes). */
static size_t
last_word(struct twr_buf *out, const char **w)
{
	size_t i = out->len, start;

	while (i > 0 && (out->p[i - 1] == ' ' || out->p[i - 1] == '\n'))
		i--;
	start = i;
	while (start > 0 && ident_char(out->p[start - 1]))
		start--;
	*w = out->p + start;
	return i - start;
}

/* Does OUT end in an operand (1), or in a keyword, '(' or ',' (0)? */
static int
after_operand(struct twr_buf *out)
{
	static const char *const kw[] = { "AND", "OR", "WHERE", "NOT", "ON",
		"WHEN", "THEN", "ELSE", "SELECT", "BY", NULL };
	const char *w;
	size_t i = out->len, n;

	while (i > 0 && out->p[i - 1] == ' ')
		i--;
	if (i == 0 || out->p[i - 1] == '(' || out->p[i - 1] == ',')
		return 0;
	n = last_word(out, &w);
	for (i = 0; n > 0 && kw[i] != NULL; i++)
		if (word_is(w, n, kw[i]))
			return 0;
	return 1;
}

/* Is a number between OUT and S where a truth belongs ("WHERE 1 AND",
 * "AND 0)")? */
static int
truth_place(struct twr_buf *out, const char *s, const char *end)
{
	static const char *const before[] = { "WHERE", "AND", "OR", "NOT",
		NULL };
	static const char *const after[] = { "AND", "OR", "ORDER", "GROUP",
		"LIMIT", "UNION", NULL };
	const char *w, *q;
	size_t n = last_word(out, &w), i;
	int ok = 0;

	for (i = 0; n > 0 && before[i] != NULL; i++)
		ok |= word_is(w, n, before[i]);
	if (!ok)
		return 0;
	if (s == end || *s == ')')
		return 1;
	for (q = s; q < end && ident_char(*q); q++)
		;
	for (i = 0; after[i] != NULL; i++)
		if (word_is(s, (size_t)(q - s), after[i]))
			return 1;
	return 0;
}

/* Is the '(' before S the start of a subquery in FROM or JOIN? */
static int
subquery_from(struct twr_buf *out, const char *s, const char *end)
{
	const char *w;
	size_t n = last_word(out, &w);

	if (!(n > 0 && (word_is(w, n, "FROM") || word_is(w, n, "JOIN"))))
		return 0;
	s = skip_blank(s, end);
	return end - s >= 6 && (strncasecmp(s, "SELECT", 6) == 0 ||
	    strncasecmp(s, "WITH", 4) == 0 || strncasecmp(s, "VALUES", 6) == 0);
}

/* Does a subquery's name follow at S? */
static int
has_alias(const char *s, const char *end)
{
	static const char *const kw[] = { "WHERE", "GROUP", "ORDER", "LIMIT",
		"UNION", "JOIN", "LEFT", "INNER", "CROSS", "ON", "EXCEPT",
		"INTERSECT", "HAVING", "WINDOW", "OFFSET", NULL };
	const char *q;
	size_t i;

	s = skip_blank(s, end);
	for (q = s; q < end && ident_char(*q); q++)
		;
	if (q == s)
		return 0;
	for (i = 0; kw[i] != NULL; i++)
		if (word_is(s, (size_t)(q - s), kw[i]))
			return 0;
	return 1;
}

struct rw {
	struct twr_buf *out;
	int nalias;		/* subqueries named */
	unsigned char *used;	/* [nused]: which parameters it has */
	int nused;
	int nparam;		/* the highest $N */
	int bad;		/* what PostgreSQL cannot be given */
};

static void rewrite(struct rw *w, const char *s, const char *end);
static size_t last_word(struct twr_buf *out, const char **w);
static const char *order_by(struct rw *w, const char *s, const char *end);

static void
mark_used(struct rw *w, int n)
{
	if (n > w->nused) {
		unsigned char *u = realloc(w->used, (size_t)n * 2);

		if (u == NULL) {
			w->bad = 1;
			return;
		}
		memset(u + w->nused, 0, (size_t)(n * 2 - w->nused));
		w->used = u;
		w->nused = n * 2;
	}
	w->used[n - 1] = 1;
}

/*
 * The column reference just written at the end of OUT ("a.col" or
 * "col"): its column's start, or NULL when OUT does not end in one.
 */
static size_t
last_ref(struct twr_buf *out, size_t *col)
{
	size_t i = out->len, start;

	while (i > 0 && out->p[i - 1] == ' ')
		i--;
	start = i;
	while (start > 0 && ident_char(out->p[start - 1]))
		start--;
	if (start == i || (out->p[start] >= '0' && out->p[start] <= '9'))
		return (size_t)-1;
	*col = start;
	if (start > 0 && out->p[start - 1] == '.') {
		start--;
		while (start > 0 && ident_char(out->p[start - 1]))
			start--;
	}
	return i;
}

/* Replace the column COL..END at the end of OUT by its derived column
 * of kind FOLD; 0 when it has none. */
static int
to_derived(struct twr_buf *out, size_t col, size_t end, int fold)
{
	char name[64];
	const char *to;
	size_t n = end - col;

	if (n >= sizeof(name))
		return 0;
	memcpy(name, out->p + col, n);
	if ((to = derived_of(name, n, fold)) == NULL)
		return 0;
	out->len = col;
	buf_adds(out, to);
	return 1;
}

static void
rewrite(struct rw *w, const char *s, const char *end)
{
	const char *p = s, *q, *close, *comma;
	int ncomma;

	while (p < end) {
		if (*p == '\'' || *p == '"') {
			q = skip_quoted(p, end);
			buf_add(w->out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (*p == '?') {
			int n = 0;

			for (q = p + 1; q < end && *q >= '0' && *q <= '9' &&
			    n < 100000; q++)
				n = n * 10 + (*q - '0');
			/* A bare "?" is the one after the highest so far, as
			   SQLite numbers it; there is no "?0". */
			if (q == p + 1)
				n = w->nparam + 1;
			else if (n == 0) {
				w->bad = 1;
				n = 1;
			}
			if (n > w->nparam)
				w->nparam = n;
			mark_used(w, n);
			buf_printf(w->out, "$%d", n);
			p = q;
			if (null_test(p, end))
				/* Nothing around "?2 IS NULL" types ?2, which
				   PostgreSQL must know: such tests are of
				   texts. */
				buf_adds(w->out, "::text");
			continue;
		}
		if (*p == '+' && p + 1 < end && ident_char(p[1]) &&
		    !(p[1] >= '0' && p[1] <= '9') && after_operand(w->out) == 0) {
			/* SQLite's "+g.kind" (kept out of an index). */
			p++;
			continue;
		}
		if (*p == '(' && subquery_from(w->out, p + 1, end)) {
			close = close_paren(p, end, &comma, &ncomma);
			buf_addc(w->out, '(');
			rewrite(w, p + 1, close);
			buf_addc(w->out, ')');
			p = close < end ? close + 1 : end;
			if (!has_alias(p, end))
				/* PostgreSQL 15 names every subquery. */
				buf_printf(w->out, " AS twr_q%d", ++w->nalias);
			continue;
		}
		if (!ident_char(*p) || (p > s && ident_char(p[-1]))) {
			buf_addc(w->out, *p++);
			continue;
		}
		for (q = p; q < end && ident_char(*q); q++)
			;
		/* A word P..Q; what follows it: */
		{
			const char *after = skip_blank(q, end);
			size_t n = (size_t)(q - p);
			int call = after < end && *after == '(';

			if (call && (word_is(p, n, "min") || word_is(p, n,
			    "max"))) {
				close_paren(after, end, &comma, &ncomma);
				if (ncomma > 0)
					buf_adds(w->out, word_is(p, n, "min") ?
					    "LEAST" : "GREATEST");
				else
					buf_add(w->out, p, n);
				p = q;
				continue;
			}
			if (call && word_is(p, n, "group_concat")) {
				close = close_paren(after, end, &comma,
				    &ncomma);
				buf_adds(w->out, "string_agg((");
				rewrite(w, after + 1, comma != NULL ? comma :
				    close);
				buf_adds(w->out, ")::text, ");
				if (comma != NULL)
					rewrite(w, comma + 1, close);
				else
					buf_adds(w->out, "','");
				buf_addc(w->out, ')');
				p = close < end ? close + 1 : end;
				continue;
			}
			if (call && word_is(p, n, "sum")) {
				/* A sum of truths counts them. */
				close = close_paren(after, end, &comma,
				    &ncomma);
				buf_adds(w->out, "sum(twr_n(");
				rewrite(w, after + 1, close);
				buf_adds(w->out, "))");
				p = close < end ? close + 1 : end;
				continue;
			}
			if (call && word_is(p, n, "instr")) {
				buf_adds(w->out, "strpos");
				p = q;
				continue;
			}
			if (call && word_is(p, n, "twr_fold")) {
				size_t col, e2;

				close = close_paren(after, end, &comma,
				    &ncomma);
				rewrite(w, after + 1, close);
				e2 = last_ref(w->out, &col);
				if (e2 == (size_t)-1 || !to_derived(w->out, col,
				    e2, 1))
					w->bad = 1;
				p = close < end ? close + 1 : end;
				continue;
			}
			if (word_is(p, n, "ORDER") && end - after > 2 &&
			    strncasecmp(after, "BY", 2) == 0 &&
			    !ident_char(after[2])) {
				buf_adds(w->out, "ORDER BY ");
				p = order_by(w, after + 2, end);
				continue;
			}
			if ((word_is(p, n, "0") || word_is(p, n, "1")) &&
			    truth_place(w->out, after, end)) {
				/* SQLite's truths are numbers. */
				buf_adds(w->out, *p == '1' ? "true" : "false");
				p = q;
				continue;
			}
			if (word_is(p, n, "COLLATE")) {
				const char *c2 = after, *c3;
				size_t col, e2;

				for (c3 = c2; c3 < end && ident_char(*c3); c3++)
					;
				if (word_is(c2, (size_t)(c3 - c2), "tr")) {
					e2 = last_ref(w->out, &col);
					if (e2 == (size_t)-1 || !to_derived(
					    w->out, col, e2, 0))
						w->bad = 1;
					p = c3;
					continue;
				}
			}
			if (word_is(p, n, "IS")) {
				/* IS between values that are not NULL. */
				const char *c2 = after, *c3;

				for (c3 = c2; c3 < end && ident_char(*c3); c3++)
					;
				if (word_is(c2, (size_t)(c3 - c2), "NOT")) {
					const char *c4 = skip_blank(c3, end),
					    *c5;

					for (c5 = c4; c5 < end &&
					    ident_char(*c5); c5++)
						;
					if (!word_is(c4, (size_t)(c5 - c4),
					    "NULL") && !word_is(c4, (size_t)
					    (c5 - c4), "DISTINCT")) {
						buf_adds(w->out,
						    "IS DISTINCT FROM");
						p = c3;
						continue;
					}
				} else if (!word_is(c2, (size_t)(c3 - c2),
				    "NULL") && !word_is(c2, (size_t)(c3 - c2),
				    "DISTINCT") && !word_is(c2, (size_t)(c3 -
				    c2), "TRUE") && !word_is(c2, (size_t)(c3 -
				    c2), "FALSE")) {
					buf_adds(w->out,
					    "IS NOT DISTINCT FROM");
					p = q;
					continue;
				}
			}
			buf_add(w->out, p, n);
			p = q;
		}
	}
}

/*
 * The items of an ORDER BY from S, each with SQLite's place for NULLs
 * (first going up, last going down; PostgreSQL's is the other way); its
 * end.
 */
static const char *
order_by(struct rw *w, const char *s, const char *end)
{
	static const char *const stop[] = { "LIMIT", "OFFSET", "UNION",
		"EXCEPT", "INTERSECT", NULL };
	const char *p = s, *item = s, *q;
	int depth = 0, i;

	for (;;) {
		int at_end = p >= end || (depth == 0 && (*p == ')' ||
		    *p == ','));

		if (!at_end && ident_char(*p) && (p == s ||
		    !ident_char(p[-1])) && depth == 0) {
			for (q = p; q < end && ident_char(*q); q++)
				;
			for (i = 0; stop[i] != NULL; i++)
				if (word_is(p, (size_t)(q - p), stop[i]))
					at_end = 1;
			if (!at_end) {
				p = q;
				continue;
			}
		}
		if (at_end) {
			const char *e2 = p, *wd;
			size_t n;

			while (e2 > item && (e2[-1] == ' ' || e2[-1] == '\n'))
				e2--;
			rewrite(w, item, e2);
			n = last_word(w->out, &wd);
			if (!(n > 0 && (word_is(wd, n, "FIRST") ||
			    word_is(wd, n, "LAST"))))
				buf_adds(w->out, n > 0 && word_is(wd, n,
				    "DESC") ? " NULLS LAST" : " NULLS FIRST");
			buf_add(w->out, e2, (size_t)(p - e2));
			if (p < end && depth == 0 && *p == ',') {
				buf_addc(w->out, ',');
				item = ++p;
				continue;
			}
			return p;
		}
		if (*p == '\'' || *p == '"') {
			p = skip_quoted(p, end);
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		p++;
	}
}

char *
pg_sql(const char *sql, int *nparam, unsigned char **used)
{
	struct twr_buf out;
	struct rw w;

	memset(&w, 0, sizeof(w));
	w.out = &out;
	buf_init(&out);
	rewrite(&w, sql, sql + strlen(sql));
	if (out.oom || w.bad) {
		buf_free(&out);
		free(w.used);
		return NULL;
	}
	*nparam = w.nparam;
	if (used != NULL)
		*used = w.used;
	else
		free(w.used);
	return out.p != NULL ? out.p : xstrdup("");
}

/* ---- derived columns ------------------------------------------------- */

void
pg_derived_text(struct twr_buf *out, const struct pg_derived *d,
    const char *text)
{
	static const char hex[] = "0123456789abcdef";
	struct twr_buf key;
	size_t i;

	if (d->fold) {
		fold_text(out, text, strlen(text));
		return;
	}
	buf_init(&key);
	coll_key(&key, text, strlen(text));
	buf_adds(out, "\\x");
	/* By hand: printf a byte at a time was the client's largest cost
	   in an import of activities. */
	for (i = 0; i < key.len; i++) {
		buf_addc(out, hex[(unsigned char)key.p[i] >> 4]);
		buf_addc(out, hex[(unsigned char)key.p[i] & 15]);
	}
	if (key.oom)
		out->oom = 1;
	buf_free(&key);
}

unsigned
pg_derived_of(const char *table)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < pg_nderived; i++)
		if (strcmp(pg_derived[i].table, table) == 0)
			bits |= 1u << i;
	return bits;
}

/* The derived columns of the table SQL writes (a bit each entry of
 * pg_derived). */
static unsigned
writes_derived(const char *sql)
{
	const char *p = sql;
	unsigned bits = 0;
	size_t i, n;

	p = skip_blank(p, p + strlen(p));
	if (strncasecmp(p, "INSERT INTO ", 12) == 0)
		p += 12;
	else if (strncasecmp(p, "UPDATE ", 7) == 0)
		p += 7;
	else
		return 0;
	for (n = 0; ident_char(p[n]); n++)
		;
	for (i = 0; i < pg_nderived; i++)
		if (word_is(p, n, pg_derived[i].table))
			bits |= 1u << i;
	return bits;
}

/* Compute the derived columns BITS names where the trigger emptied
 * them. */
enum twr_status
pg_fill_derived(struct twr_db *db, unsigned bits, struct twr_error *err)
{
	PGconn *c = PG(db)->conn;
	struct twr_buf sql, val;
	enum twr_status st = TWR_OK;
	size_t i;
	int r;

	if (pg_copy_pending(db, bits) && (st = pg_copy_flush(db, err)) !=
	    TWR_OK)
		return st;
	buf_init(&sql);
	buf_init(&val);
	for (i = 0; i < pg_nderived && st == TWR_OK; i++) {
		const struct pg_derived *d = &pg_derived[i];
		PGresult *res;

		if (!(bits & (1u << i)))
			continue;
		buf_reset(&sql);
		buf_printf(&sql, "SELECT ctid, %s FROM %s WHERE %s IS NULL AND "
		    "%s IS NOT NULL", d->col, d->table, d->to, d->col);
		/* An office fills only what it may write (another office's
		   row, its text changed from psql, waits for that office). */
		if (!PG_OWNER(PG(db)) && pg_guard(d->table) != NULL)
			buf_printf(&sql, " AND (%s)", pg_guard(d->table));
		res = PQexec(c, buf_str(&sql));
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			st = pg_err(db, res, err, 1);
			PQclear(res);
			break;
		}
		buf_reset(&sql);
		buf_printf(&sql, "UPDATE %s SET %s = $1 WHERE ctid = $2",
		    d->table, d->to);
		for (r = 0; r < PQntuples(res) && st == TWR_OK; r++) {
			const char *text = PQgetvalue(res, r, 1);
			const char *vals[2];
			PGresult *u;

			buf_reset(&val);
			pg_derived_text(&val, d, text);
			if (val.oom) {
				st = err_nomem(err);
				break;
			}
			vals[0] = buf_str(&val);
			vals[1] = PQgetvalue(res, r, 0);
			u = PQexecParams(c, buf_str(&sql), 2, NULL, vals, NULL,
			    NULL, 0);
			if (PQresultStatus(u) != PGRES_COMMAND_OK)
				st = pg_err(db, u, err, 1);
			PQclear(u);
		}
		PQclear(res);
	}
	buf_free(&sql);
	buf_free(&val);
	return st;
}

/* ---- statements ------------------------------------------------------ */

/* Keep LATE, a failure no caller could be told of, for the commit (its
 * words copied, as err_msg copies them). */
static void
keep_late(struct pg_db *e, const struct twr_error *late)
{
	err_msg(&e->late, late->status, &late->m);
}

/* Is a table of the derived columns BITS being loaded in bulk (its
 * derived columns filled once, at its end)? */
static int
in_bulk(struct pg_db *e, unsigned bits)
{
	size_t i;

	for (i = 0; i < pg_nderived; i++)
		if (bits & (1u << i))
			if (bulk_find(&e->bulk, pg_derived[i].table) != NULL)
				return 1;
	return 0;
}

#define STMT(s) ((struct pg_stmt *)(s))

static void pg_finalize(struct stmt *st);

static struct stmt *
pg_prepare(struct twr_db *db, const char *sql, struct twr_error *err)
{
	struct pg_stmt *s;
	unsigned char *used = NULL;
	int n = 0, i;
	char *text;

	if ((text = pg_sql(sql, &n, &used)) == NULL) {
		struct twr_msg m;

		memset(&m, 0, sizeof(m));
		m.code = TWR_E_INTERNAL;
		m.detail = "SQL the PostgreSQL store cannot run";
		err_msg(err, TWR_INTERNAL, &m);
		return NULL;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL || (n > 0 && ((s->vals =
	    calloc((size_t)n, sizeof(*s->vals))) == NULL || (s->own =
	    calloc((size_t)n, 1)) == NULL || (s->types = calloc((size_t)n,
	    sizeof(*s->types))) == NULL))) {
		if (s != NULL) {
			free(s->vals);
			free(s->own);
		}
		free(s);
		free(text);
		free(used);
		err_nomem(err);
		return NULL;
	}
	/* A parameter the SQL does not name is still typed, as the server
	   requires: as text, bound to NULL. */
	for (i = 0; i < n; i++)
		if (!used[i])
			s->types[i] = TEXTOID;
	free(used);
	s->base.ops = &store_pg;
	s->base.db = db;
	s->sql = text;
	/* The plan hook hears of the statement; its plan, which depends on
	   the values bound, is not asked for. */
	if (db->plan != NULL)
		db->plan(db->plan_arg, sql, NULL, 0);
	s->nparams = n;
	s->fill = writes_derived(sql);
	s->reads = strncasecmp(skip_blank(sql, sql + strlen(sql)), "SELECT",
	    6) == 0;
	if (pg_copy_shape(sql, &s->table, &s->cols, &s->skip_dup) &&
	    pg_insert_derived(s) == -1) {
		s->nparams = n;
		pg_finalize(&s->base);
		err_nomem(err);
		return NULL;
	}
	return &s->base;
}

static void
set_param(struct pg_stmt *s, int i, char *v, int own, Oid type)
{
	if (i < 1 || i > s->nparams || s->types[i - 1] == TEXTOID) {
		if (own)
			free(v);
		return;
	}
	i--;
	if (s->own[i])
		free(s->vals[i]);
	s->vals[i] = v;
	s->own[i] = (unsigned char)own;
	s->types[i] = type;
}

static void
pg_bind_int(struct stmt *st, int i, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	set_param(STMT(st), i, xstrdup(buf), 1, INT8OID);
}

static void
pg_bind_text(struct stmt *st, int i, const char *s, int copy)
{
	if (copy)
		set_param(STMT(st), i, xstrdup(s), 1, 0);
	else
		set_param(STMT(st), i, (char *)s, 0, 0);
}

static void
pg_bind_null(struct stmt *st, int i)
{
	set_param(STMT(st), i, NULL, 0, 0);
}

static void forget(struct pg_db *e, const char *what, const char *name);

/*
 * Run S once.  Its first run goes unnamed, parsed and planned for it
 * alone; a statement run again is prepared on the server, once for the
 * types its parameters have (a NULL in place of a number types it
 * anew).  Most statements run once; those a loop runs, many times.
 */
static PGresult *
run(struct pg_db *e, struct pg_stmt *s)
{
	PGresult *res;
	size_t size = (size_t)s->nparams * sizeof(*s->types);

	if (s->runs++ == 0)
		return PQexecParams(e->conn, s->sql, s->nparams, s->types,
		    (const char *const *)s->vals, NULL, NULL, 0);
	if (s->name[0] == '\0' || (size > 0 && memcmp(s->ptypes, s->types,
	    size) != 0)) {
		if (s->name[0] != '\0')
			forget(e, "DEALLOCATE", s->name);
		snprintf(s->name, sizeof(s->name), "twr%lu", ++e->nnamed);
		if (s->ptypes == NULL && size > 0 && (s->ptypes =
		    malloc(size)) == NULL)
			return NULL;
		if (size > 0)
			memcpy(s->ptypes, s->types, size);
		res = PQprepare(e->conn, s->name, s->sql, s->nparams, s->types);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			s->name[0] = '\0';
			return res;
		}
		PQclear(res);
	}
	return PQexecPrepared(e->conn, s->name, s->nparams,
	    (const char *const *)s->vals, NULL, NULL, 0);
}

/* Rows a cursor gives at a time (st_stream). */
#define PG_BATCH 1000

/*
 * The next batch of S's rows from its cursor, declared on its first
 * run: in the transaction under way, where it lives and dies; or, in
 * none, WITH HOLD: the server keeps the rows apart, so that no snapshot
 * or lock stays open while a slow reader (a pager) reads them, and
 * writes may come between the batches.  NULL as libpq gives it, or
 * (*OOM set) when out of memory.
 */
static PGresult *
fetch(struct pg_db *e, struct pg_stmt *s, int *oom)
{
	PGresult *res;
	char sql[64];

	*oom = 0;
	if (s->cursor[0] == '\0') {
		struct twr_buf d;
		int hold = PQtransactionStatus(e->conn) == PQTRANS_IDLE;

		buf_init(&d);
		buf_printf(&d, "DECLARE twrc%lu NO SCROLL CURSOR%s FOR %s",
		    e->ncursors + 1, hold ? " WITH HOLD" : "", s->sql);
		if (d.oom) {
			buf_free(&d);
			*oom = 1;
			return NULL;
		}
		s->runs++;
		res = PQexecParams(e->conn, buf_str(&d), s->nparams, s->types,
		    (const char *const *)s->vals, NULL, NULL, 0);
		buf_free(&d);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			return res;
		PQclear(res);
		snprintf(s->cursor, sizeof(s->cursor), "twrc%lu",
		    ++e->ncursors);
		s->hold = hold;
		s->txn = e->txns;
	}
	snprintf(sql, sizeof(sql), "FETCH %d FROM %s", PG_BATCH, s->cursor);
	return PQexec(e->conn, sql);
}

/* S's cursor closed: one held at once (its rows kept on the server),
 * or, while a failed transaction is under way, after it; one of a
 * transaction, in it (a CLOSE that failed in another, its cursor gone,
 * would fail that one). */
static void
end_stream(struct pg_db *e, struct pg_stmt *s)
{
	PGTransactionStatusType ts = PQtransactionStatus(e->conn);
	char sql[64];

	if (s->cursor[0] != '\0' && s->hold && ts == PQTRANS_INERROR)
		forget(e, "CLOSE", s->cursor);
	else if (s->cursor[0] != '\0' && (s->hold || (s->txn == e->txns &&
	    ts == PQTRANS_INTRANS))) {
		snprintf(sql, sizeof(sql), "CLOSE %s", s->cursor);
		PQclear(PQexec(e->conn, sql));
	}
	s->cursor[0] = '\0';
}

static void
pg_stream(struct stmt *st)
{
	STMT(st)->stream = 1;
}

static enum twr_status
pg_step(struct stmt *st, struct twr_error *err)
{
	struct pg_stmt *s = STMT(st);
	struct pg_db *e = PG(st->db);
	ExecStatusType rs;
	const char *n;
	int oom = 0;

	if (s->res == NULL) {
		enum twr_status r;

		if (s->nderived > 0 && pg_derive_params(s) == -1)
			return err_nomem(err);

		/* An INSERT run again in a transaction by the owner: its
		   rows go by COPY (store_pg_copy.c). */
		if (s->table != NULL && s->runs > 0 &&
		    s->runs >= s->alone_until && (!s->skip_dup ||
		    bulk_find(&e->bulk, s->table) != NULL) && PG_OWNER(e) &&
		    PQtransactionStatus(e->conn) == PQTRANS_INTRANS) {
			s->runs++;
			if ((r = pg_copy_row(st->db, s, err)) != TWR_OK)
				return r;
			return TWR_DONE;
		}
		if ((r = pg_copy_touch(st->db, s->sql, err)) != TWR_OK)
			return r;
		s->res = s->stream ? fetch(e, s, &oom) : run(e, s);
		if (oom)
			return err_nomem(err);
		rs = PQresultStatus(s->res);
		if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
			r = pg_err(st->db, s->res, err, !s->reads);
			PQclear(s->res);
			s->res = NULL;
			end_stream(e, s);
			return r;
		}
		n = PQcmdTuples(s->res);
		e->changes = n != NULL && *n != '\0' ? atoll(n) : 0;
		s->row = -1;
		if (s->fill != 0 && !in_bulk(e, s->fill)) {
			long long keep = e->changes;

			r = pg_fill_derived(st->db, s->fill, err);
			e->changes = keep;
			if (r != TWR_OK) {
				PQclear(s->res);
				s->res = NULL;
				return r;
			}
		}
	}
	if (++s->row < PQntuples(s->res))
		return TWR_ROW;
	if (s->cursor[0] != '\0' && PQntuples(s->res) == PG_BATCH) {
		PGresult *res = fetch(e, s, &oom);

		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			enum twr_status r = oom ? err_nomem(err) :
			    pg_err(st->db, res, err, 0);

			PQclear(res);
			end_stream(e, s);
			/* A step after the failure runs it again. */
			PQclear(s->res);
			s->res = NULL;
			return r;
		}
		PQclear(s->res);
		s->res = res;
		if ((s->row = 0) < PQntuples(s->res))
			return TWR_ROW;
	}
	/* The last row read: the cursor is let go at once. */
	end_stream(e, s);
	s->row = PQntuples(s->res);
	return TWR_DONE;
}

/* A statement (WHAT "DEALLOCATE") or a cursor ("CLOSE") of the server's
 * no longer wanted, let go with others at the next chance (a round trip
 * each would cost as much as it saves). */
static void
forget(struct pg_db *e, const char *what, const char *name)
{
	if (e->forget.len > 4000)
		forget_now(e);
	buf_printf(&e->forget, "%s %s;", what, name);
}

void
forget_now(struct pg_db *e)
{
	PGresult *res;

	if (e->forget.len == 0 || PQtransactionStatus(e->conn) ==
	    PQTRANS_INERROR)
		return;
	res = PQexec(e->conn, buf_str(&e->forget));
	PQclear(res);
	buf_reset(&e->forget);
}

static int
valid_row(struct pg_stmt *s, int i)
{
	return s->res != NULL && s->row >= 0 && s->row < PQntuples(s->res) &&
	    i >= 0 && i < PQnfields(s->res) && !PQgetisnull(s->res, s->row, i);
}

static long long
pg_col_int(struct stmt *st, int i)
{
	struct pg_stmt *s = STMT(st);
	const char *v;

	if (!valid_row(s, i))
		return 0;
	v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == BOOLOID)
		return *v == 't';
	return strtoll(v, NULL, 10);
}

static const char *
pg_col_text(struct stmt *st, int i)
{
	struct pg_stmt *s = STMT(st);
	const char *v;

	if (!valid_row(s, i))
		return NULL;
	v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == BOOLOID)
		return *v == 't' ? "1" : "0";
	return v;
}

static int
pg_col_count(struct stmt *st)
{
	struct pg_stmt *s = STMT(st);
	PGresult *res;
	int n;

	if (s->res != NULL)
		return PQnfields(s->res);
	/* Not run yet: ask the server what it would give. */
	if (pg_copy_touch(st->db, s->sql, NULL) != TWR_OK)
		return 0;
	res = PQprepare(PG(st->db)->conn, "", s->sql, s->nparams, s->types);
	PQclear(res);
	res = PQdescribePrepared(PG(st->db)->conn, "");
	n = PQresultStatus(res) == PGRES_COMMAND_OK ? PQnfields(res) : 0;
	PQclear(res);
	return n;
}

static void
pg_reset(struct stmt *st)
{
	end_stream(PG(st->db), STMT(st));
	PQclear(STMT(st)->res);
	STMT(st)->res = NULL;
}

static void
pg_finalize(struct stmt *st)
{
	struct pg_stmt *s = STMT(st);
	int i;

	end_stream(PG(st->db), s);
	PQclear(s->res);
	/* Its rows gathered go now; a failure is told at commit (it fails
	   the transaction). */
	{
		struct twr_error late = { TWR_OK };

		if (pg_copy_end(st->db, s, &late) != TWR_OK &&
		    PG(st->db)->late.status == TWR_OK)
			keep_late(PG(st->db), &late);
	}
	if (s->name[0] != '\0')
		forget(PG(st->db), "DEALLOCATE", s->name);
	free(s->table);
	free(s->cols);
	free(s->ptypes);
	for (i = 0; i < s->nparams; i++)
		if (s->own[i])
			free(s->vals[i]);
	free(s->vals);
	free(s->own);
	free(s->types);
	free(s->sql);
	free(s);
}

static long long
pg_changes(struct twr_db *db)
{
	return PG(db)->changes;
}

/* Run SQL (PostgreSQL's) with N text parameters VALS; its result, or
 * NULL with ERR filled in. */
PGresult *
pg_run(struct twr_db *db, const char *sql, int n, const char *const *vals,
    int write, struct twr_error *err)
{
	PGresult *res;
	ExecStatusType rs;

	if (pg_copy_touch(db, sql, err) != TWR_OK)
		return NULL;
	/* Without parameters, SQL may be several statements in one message
	   (the last one's result). */
	res = n == 0 ? PQexec(PG(db)->conn, sql) : PQexecParams(PG(db)->conn,
	    sql, n, NULL, vals, NULL, NULL, 0);
	rs = PQresultStatus(res);

	if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK)
		return res;
	pg_err(db, res, err, write);
	PQclear(res);
	return NULL;
}

enum twr_status
pg_exec_raw(struct twr_db *db, const char *sql, struct twr_error *err)
{
	PGresult *res;
	ExecStatusType rs;
	enum twr_status st;

	if ((st = pg_copy_touch(db, sql, err)) != TWR_OK)
		return st;
	res = PQexec(PG(db)->conn, sql);
	rs = PQresultStatus(res);

	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK)
		st = pg_err(db, res, err, 1);
	PQclear(res);
	return st;
}

static enum twr_status
pg_exec(struct twr_db *db, const char *sql, struct twr_error *err)
{
	enum twr_status st;
	char *text;
	int n = 0;

	if ((text = pg_sql(sql, &n, NULL)) == NULL)
		return err_code(err, TWR_INTERNAL, TWR_E_INTERNAL);
	st = pg_exec_raw(db, text, err);
	if (st == TWR_OK && writes_derived(sql))
		st = pg_fill_derived(db, writes_derived(sql), err);
	free(text);
	return st;
}

/* ---- transactions ---------------------------------------------------- */

static enum twr_status
pg_begin(struct twr_db *db, struct twr_error *err)
{
	char sql[200];
	enum twr_status st;

	forget_now(PG(db));
	/* One writer at a time, as with SQLite: the lock on meta, waited
	   for as long as the busy timeout.  Readers are not held.  The
	   first write asks whether the role acts as the owner. */
	snprintf(sql, sizeof(sql), "BEGIN; SET LOCAL lock_timeout = %d; "
	    "LOCK TABLE meta IN EXCLUSIVE MODE", PG(db)->busy_ms > 0 ?
	    PG(db)->busy_ms : 1);
	if ((st = pg_exec_raw(db, sql, err)) == TWR_OK && PG(db)->owner < 0)
		st = pg_read_owner(db, err);
	if (st != TWR_OK)
		pg_exec_raw(db, "ROLLBACK", NULL);
	return st;
}

static void
pg_rollback(struct twr_db *db)
{
	/* The cursors of the transaction are gone with it. */
	PG(db)->txns++;
	pg_copy_drop(db);
	/* The indexes a bulk load dropped are back. */
	bulk_drop(&PG(db)->bulk, NULL);
	buf_reset(&PG(db)->analyze);
	PG(db)->late.status = TWR_OK;
	if (PQtransactionStatus(PG(db)->conn) != PQTRANS_IDLE)
		pg_exec_raw(db, "ROLLBACK", NULL);
}

static enum twr_status
pg_snapshot(struct twr_db *db, struct twr_error *err)
{
	enum twr_status st;

	if ((st = pg_exec_raw(db, "BEGIN ISOLATION LEVEL REPEATABLE READ "
	    "READ ONLY; SELECT 1 FROM meta LIMIT 1", err)) != TWR_OK)
		pg_rollback(db);
	return st;
}

/* The rows gathered sent, and a failure of those sent late told. */
static enum twr_status
pg_flush(struct twr_db *db, struct twr_error *err)
{
	enum twr_status st;

	if ((st = pg_copy_flush(db, err)) == TWR_OK && (st =
	    PG(db)->late.status) != TWR_OK)
		err_msg(err, st, &PG(db)->late.m);
	return st;
}

/* TABLE took rows in bulk (its indexes built at the end, or by COPY):
 * its statistics are made at the commit if it has none. */
void
pg_note_analyze(struct pg_db *e, const char *table)
{
	struct twr_buf *a = &e->analyze;
	const char *p;
	size_t n = strlen(table);

	for (p = a->len > 0 ? buf_str(a) + 1 : ""; *p != '\0';
	    p = strchr(p, ',') + 1)
		if (strncmp(p, table, n) == 0 && p[n] == ',')
			return;
	buf_printf(a, "%s%s,", a->len > 0 ? "" : "{", table);
}

/*
 * The server's statistics of the tables loaded in bulk (by COPY, or
 * their indexes built at the end) and of the search index, those that
 * have none, in the transaction that loaded them:
 * without, the next commands are planned as over empty tables (a town's
 * ties read by a scan of all, 50 times slower at a million) until
 * autovacuum comes round, a minute or more later.  From a sample of
 * 3,000 rows, not 30,000: the same plans for a quarter of the time (70
 * ms at 100,000 ties).  Statistics a table has, autovacuum keeps up to
 * date.  Only for speed: a failure (a lock that autovacuum holds) is let
 * go, and the load is committed without.
 */
static void
analyze(struct twr_db *db)
{
	struct twr_buf *a = &PG(db)->analyze, sql;
	const char *vals[1];
	PGresult *res;
	int ok;

	if (a->len == 0)
		return;
	buf_adds(a, "search_docs,search_terms}");
	if (a->oom || pg_exec_raw(db, "SAVEPOINT twr_analyze", NULL) !=
	    TWR_OK)
		return;
	vals[0] = buf_str(a);
	res = pg_run(db, "SELECT string_agg(quote_ident(t), ', ') FROM "
	    "unnest($1::text[]) t WHERE NOT EXISTS (SELECT 1 FROM pg_stats s "
	    "WHERE s.schemaname = current_schema() AND s.tablename = t)", 1,
	    vals, 0, NULL);
	ok = res != NULL;
	buf_init(&sql);
	if (ok && !PQgetisnull(res, 0, 0))
		buf_printf(&sql, "SET LOCAL default_statistics_target = 10; "
		    "ANALYZE %s", PQgetvalue(res, 0, 0));
	PQclear(res);
	if (ok && sql.len > 0)
		ok = !sql.oom && pg_exec_raw(db, buf_str(&sql), NULL) == TWR_OK;
	buf_free(&sql);
	pg_exec_raw(db, ok ? "RELEASE SAVEPOINT twr_analyze" : "ROLLBACK TO "
	    "SAVEPOINT twr_analyze; RELEASE SAVEPOINT twr_analyze", NULL);
}

static enum twr_status
pg_commit(struct twr_db *db, struct twr_error *err)
{
	PGresult *res;
	enum twr_status st;

	if ((st = pg_flush(db, err)) != TWR_OK) {
		pg_rollback(db);
		return st;
	}
	analyze(db);
	res = PQexec(PG(db)->conn, "COMMIT");

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		st = pg_err(db, res, err, 1);
	else if (strcmp(PQcmdStatus(res), "COMMIT") != 0)
		/* A transaction that failed ends in a rollback. */
		st = err_code(err, TWR_IOERR, TWR_E_NOT_COMMITTED);
	PQclear(res);
	pg_rollback(db);
	return st;
}

const struct store_ops store_pg = {
	"postgresql",
	pg_open, pg_close,
	pg_begin, pg_flush, pg_commit, pg_rollback, pg_snapshot,
	pg_prepare, pg_bind_int, pg_bind_text, pg_bind_null, pg_step,
	pg_col_int, pg_col_text, pg_col_count, pg_reset, pg_finalize,
	pg_stream,
	pg_changes, pg_exec,
	pg_search_put, pg_search_remove, pg_search_fill, pg_search_match,
	pg_search_clear,
	pg_bulk_begin, pg_bulk_end,
	pg_office, pg_keep_authors,
};
