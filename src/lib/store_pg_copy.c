/*
 * The PostgreSQL store's rows in bulk: an INSERT of one row of
 * parameters that runs again (a copy between stores, a bulk import)
 * goes to the server as COPY, its rows gathered here and sent before
 * anything that may read or change its table (and at commit).  A round
 * trip a row is what makes a million rows slow; COPY takes them in one.
 * The derived columns are computed as the rows are gathered.  Its first
 * run goes at once, and so, for a while (longer each time), do the runs
 * of an INSERT whose stream held only a few rows when it was sent: what
 * is read between its rows reads its table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

/* The rows a stream must hold for its COPY to cost less than their
   INSERTs. */
#define PG_COPY_PAYS 4
/* The rows of one stream that have its table's statistics made, if it
   has none, before the commit. */
#define PG_ANALYZE_ROWS 1000

static int
ident(char c)
{
	return (c >= 'a' && c <= 'z') || c == '_';
}

#define SKIP_DUP " ON CONFLICT DO NOTHING"

/* Is SQL "INSERT INTO table(c1, ..., cn) VALUES(?1, ..., ?n)", perhaps
 * with SKIP_DUP (*SKIP set)?  Then *TABLE and *COLS (malloc'd) name
 * them. */
int
pg_copy_shape(const char *sql, char **table, char **cols, int *skip)
{
	const char *p = sql, *t, *c, *ce;
	int n = 0, k = 0;

	*table = *cols = NULL;
	if (strncmp(p, "INSERT INTO ", 12) != 0)
		return 0;
	for (t = p += 12; ident(*p); p++)
		;
	if (p == t || *p != '(')
		return 0;
	c = ++p;
	while (ident(*p) || *p == ',' || *p == ' ') {
		n += *p == ',';
		p++;
	}
	if (*p != ')')
		return 0;
	ce = p++;
	if (strncmp(p, " VALUES(", 8) != 0)
		return 0;
	p += 8;
	for (k = 1; k <= n + 1; k++) {
		char want[16];
		int len = snprintf(want, sizeof(want), "?%d%s", k, k <= n ?
		    ", " : ")");

		if (strncmp(p, want, (size_t)len) != 0)
			return 0;
		p += len;
	}
	if ((*skip = strcmp(p, SKIP_DUP) == 0))
		p += strlen(SKIP_DUP);
	if (*p != '\0')
		return 0;
	*table = malloc((size_t)(c - 1 - t) + 1);
	*cols = malloc((size_t)(ce - c) + 1);
	if (*table == NULL || *cols == NULL) {
		free(*table);
		free(*cols);
		*table = *cols = NULL;
		return 0;
	}
	memcpy(*table, t, (size_t)(c - 1 - t));
	(*table)[c - 1 - t] = '\0';
	memcpy(*cols, c, (size_t)(ce - c));
	(*cols)[ce - c] = '\0';
	return 1;
}

void
pg_copy_value(struct twr_buf *out, const char *v)
{
	size_t n;

	if (v == NULL) {
		buf_adds(out, "\\N");
		return;
	}
	/* The bytes COPY takes as they are, a run at a time. */
	for (;;) {
		n = strcspn(v, "\\\n\r\t");
		buf_add(out, v, n);
		v += n;
		switch (*v++) {
		case '\0':
			return;
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\r':
			buf_adds(out, "\\r");
			break;
		default:
			buf_adds(out, "\\t");
		}
	}
}

/* The position of column NAME in the list COLS, or -1. */
static int
col_index(const char *cols, const char *name)
{
	const char *p = cols;
	size_t n = strlen(name);
	int i = 0;

	for (;;) {
		while (*p == ' ')
			p++;
		if (strncmp(p, name, n) == 0 && !ident(p[n]))
			return i;
		if ((p = strchr(p, ',')) == NULL)
			return -1;
		p++;
		i++;
	}
}

int
pg_insert_derived(struct pg_stmt *s)
{
	struct twr_buf sql, cols;
	size_t i;
	int k, n = s->nparams, nd = 0;
	void *p;

	buf_init(&cols);
	buf_adds(&cols, s->cols);
	for (i = 0; i < pg_nderived; i++) {
		if (strcmp(pg_derived[i].table, s->table) != 0)
			continue;
		/* A column the INSERT leaves NULL has nothing to fill. */
		if ((k = col_index(s->cols, pg_derived[i].col)) < 0)
			s->fill &= ~(1u << i);
		else if (nd < PG_DERIVED_MAX) {
			buf_printf(&cols, ", %s", pg_derived[i].to);
			s->dsrc[nd] = k;
			s->dent[nd++] = (int)i;
			s->fill &= ~(1u << i);
		}
	}
	if (nd == 0) {
		buf_free(&cols);
		return 0;
	}
	buf_init(&sql);
	buf_printf(&sql, "INSERT INTO %s(%s) VALUES(", s->table, buf_str(&cols));
	for (k = 1; k <= n + nd; k++)
		buf_printf(&sql, "%s$%d", k > 1 ? ", " : "", k);
	buf_addc(&sql, ')');
	if (s->skip_dup)
		buf_adds(&sql, SKIP_DUP);
	if (sql.oom || cols.oom) {
		buf_free(&sql);
		buf_free(&cols);
		return -1;
	}
	if ((p = realloc(s->vals, (size_t)(n + nd) * sizeof(*s->vals))) ==
	    NULL)
		goto oom;
	s->vals = p;
	if ((p = realloc(s->own, (size_t)(n + nd))) == NULL)
		goto oom;
	s->own = p;
	if ((p = realloc(s->types, (size_t)(n + nd) * sizeof(*s->types))) ==
	    NULL)
		goto oom;
	s->types = p;
	for (k = n; k < n + nd; k++) {
		s->vals[k] = NULL;
		s->own[k] = 0;
		s->types[k] = 0;
	}
	s->nparams = n + nd;
	s->nderived = nd;
	free(s->sql);
	s->sql = sql.p;
	free(s->cols);
	s->cols = cols.p;
	return 0;
oom:
	buf_free(&sql);
	buf_free(&cols);
	return -1;
}

int
pg_derive_params(struct pg_stmt *s)
{
	int j, base = s->nparams - s->nderived;

	for (j = 0; j < s->nderived; j++) {
		const struct pg_derived *d = &pg_derived[s->dent[j]];
		const char *text = s->vals[s->dsrc[j]];
		struct twr_buf v;

		if (s->own[base + j])
			free(s->vals[base + j]);
		s->vals[base + j] = NULL;
		s->own[base + j] = 0;
		if (text == NULL)
			continue;
		buf_init(&v);
		pg_derived_text(&v, d, text);
		buf_addc(&v, '\0');
		if (v.oom) {
			buf_free(&v);
			return -1;
		}
		s->vals[base + j] = v.p;
		s->own[base + j] = 1;
	}
	return 0;
}

enum twr_status
pg_copy_in(struct twr_db *db, const char *head, const struct twr_buf *rows,
    struct twr_error *err)
{
	struct pg_db *e = PG(db);
	enum twr_status st = TWR_OK;
	PGresult *res;

	if (rows->len == 0)
		return TWR_OK;
	res = PQexec(e->conn, head);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		st = pg_err(db, res, err, 1);
		PQclear(res);
		return st;
	}
	PQclear(res);
	if (PQputCopyData(e->conn, rows->p, (int)rows->len) != 1 ||
	    PQputCopyEnd(e->conn, NULL) != 1)
		st = pg_err(db, NULL, err, 1);
	while ((res = PQgetResult(e->conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && st == TWR_OK)
			st = pg_err(db, res, err, 1);
		PQclear(res);
	}
	return st;
}

enum twr_status
pg_copy_search_send(struct twr_db *db, struct twr_error *err)
{
	struct pg_copy *c = &PG(db)->copy;
	enum twr_status st;

	if (c->docs.oom || c->terms.oom)
		st = err_nomem(err);
	else if ((st = pg_copy_in(db, "COPY search_docs(slot, ntok) FROM "
	    "STDIN", &c->docs, err)) == TWR_OK)
		st = pg_copy_in(db, "COPY search_terms(term, slot, n) FROM "
		    "STDIN", &c->terms, err);
	buf_reset(&c->docs);
	buf_reset(&c->terms);
	c->docs.oom = c->terms.oom = 0;
	return st;
}

/* The tables whose rows name rows of others (foreign keys). */
static const char *const refs[][2] = {
	{ "actors", "actors" }, { "aliases", "actors" },
	{ "agreements", "actors" }, { "memberships", "actors" },
	{ "activities", "actors" }, { "agreement_parties", "agreements" },
	{ "agreement_parties", "actors" }, { "activity_partners", "activities" },
	{ "activity_partners", "actors" }, { "batches", "changes" },
	{ "history", "changes" }, { "offices", "actors" },
};

/* Does SQL name TABLE (the word)? */
static int
names(const char *sql, const char *table)
{
	size_t n = strlen(table);
	const char *p;

	for (p = sql; (p = strstr(p, table)) != NULL; p += n)
		if ((p == sql || !ident(p[-1])) && !ident(p[n]) &&
		    !(p[n] >= '0' && p[n] <= '9'))
			return 1;
	return 0;
}

/* May SQL read TABLE, whose rows are gathered, or write a row that
 * names one of them?  A SELECT that does not name it may not, nor an
 * INSERT into a table whose rows do not name its rows; anything else
 * may (an UPDATE's triggers, a DELETE's cascades). */
/* Does an INSERT into the table at T (its name, then '(' or a blank)
 * name rows of TABLE? */
static int
insert_names(const char *t, const char *table)
{
	size_t i, n;

	for (n = 0; ident(t[n]); n++)
		;
	if (strlen(table) == n && strncmp(t, table, n) == 0)
		return 1;
	for (i = 0; i < ARRAY_SIZE(refs); i++)
		if (strlen(refs[i][0]) == n && strncmp(t, refs[i][0], n) == 0 &&
		    strcmp(refs[i][1], table) == 0)
			return 1;
	return 0;
}

static int
may_touch(const char *sql, const char *table)
{
	const char *p = sql, *q;

	while (*p == ' ')
		p++;
	if (strncasecmp(p, "SELECT", 6) == 0)
		return names(sql, table);
	if (strncasecmp(p, "INSERT INTO ", 12) != 0 &&
	    strncasecmp(p, "WITH ", 5) != 0)
		return 1;
	/* Inserts, one or several (WITH ... AS (INSERT ...)), and what
	   they read. */
	if (strstr(sql, "UPDATE ") != NULL || strstr(sql, "DELETE ") != NULL)
		return 1;
	for (q = sql; (q = strstr(q, "INSERT INTO ")) != NULL; q += 12)
		if (insert_names(q + 12, table))
			return 1;
	/* Written or not, a table it names may be read. */
	return names(sql, table);
}

/* The stream of TABLE's rows, or NULL. */
static struct pg_stream *
stream_of(struct pg_copy *c, const char *table)
{
	size_t i;

	for (i = 0; i < PG_STREAMS; i++)
		if (c->s[i].stmt != NULL && strcmp(c->s[i].stmt->table,
		    table) == 0)
			return &c->s[i];
	return NULL;
}

/* Send the rows of stream T gathered so far; it stays open to more.
 * The rows of the streams whose tables its rows name go first. */
static enum twr_status
send(struct twr_db *db, struct pg_stream *t, struct twr_error *err)
{
	struct pg_copy *c = &PG(db)->copy;
	enum twr_status st;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(refs); i++) {
		struct pg_stream *d;

		if (strcmp(refs[i][0], t->stmt->table) == 0 &&
		    strcmp(refs[i][1], t->stmt->table) != 0 &&
		    (d = stream_of(c, refs[i][1])) != NULL && d->nrows > 0 &&
		    (st = send(db, d, err)) != TWR_OK)
			return st;
	}
	/* A table that took many rows is planned as empty until it has
	   statistics. */
	if ((st = pg_copy_in(db, buf_str(&t->head), &t->rows, err)) ==
	    TWR_OK && t->sent + t->nrows >= PG_ANALYZE_ROWS)
		pg_note_analyze(PG(db), t->stmt->table);
	buf_reset(&t->rows);
	t->sent += t->nrows;
	t->nrows = 0;
	return st;
}

/* Send stream T and end it. */
static enum twr_status
end(struct twr_db *db, struct pg_stream *t, struct twr_error *err)
{
	struct pg_stmt *s = t->stmt;
	enum twr_status st;

	/* A stream of a few rows is one COPY does not pay for (it takes
	   two round trips): its rows go one by one for a while (what is
	   read between them reads its table), a longer while each time. */
	if (t->nrows + t->sent < PG_COPY_PAYS) {
		s->alone_for = s->alone_for == 0 ? 16 : s->alone_for < 65536 ?
		    2 * s->alone_for : s->alone_for;
		s->alone_until = s->runs + s->alone_for;
	} else
		s->alone_for = 0;
	st = send(db, t, err);
	t->stmt = NULL;
	t->sent = 0;
	if (st != TWR_OK)
		return st;
	/* Derived columns whose text the rows did not give. */
	return s->fill != 0 ? pg_fill_derived(db, s->fill, err) : TWR_OK;
}

enum twr_status
pg_copy_row(struct twr_db *db, struct pg_stmt *s, struct twr_error *err)
{
	struct pg_db *e = PG(db);
	struct pg_copy *c = &e->copy;
	struct pg_stream *t = stream_of(c, s->table);
	enum twr_status st;
	int k;

	/* Another INSERT into the table ends its stream: its rows keep
	   their order. */
	if (t != NULL && t->stmt != s && (st = end(db, t, err)) != TWR_OK)
		return st;
	if (t == NULL || t->stmt != s) {
		for (k = 0; k < PG_STREAMS && c->s[k].stmt != NULL; k++)
			;
		if (k == PG_STREAMS) {
			if ((st = pg_copy_flush(db, err)) != TWR_OK)
				return st;
			k = 0;
		}
		t = &c->s[k];
		t->stmt = s;
		buf_reset(&t->head);
		buf_printf(&t->head, "COPY %s(%s) FROM STDIN", s->table,
		    s->cols);
	}
	for (k = 0; k < s->nparams; k++) {
		if (k > 0)
			buf_addc(&t->rows, '\t');
		pg_copy_value(&t->rows, s->vals[k]);
	}
	buf_addc(&t->rows, '\n');
	if (t->rows.oom || t->head.oom)
		return err_nomem(err);
	t->nrows++;
	e->changes = 1;
	/* A megabyte at a time. */
	if (t->rows.len > (1u << 20))
		return send(db, t, err);
	return TWR_OK;
}

enum twr_status
pg_copy_flush(struct twr_db *db, struct twr_error *err)
{
	struct pg_copy *c = &PG(db)->copy;
	enum twr_status st;
	size_t i;

	if (c->docs.len > 0 && (st = pg_copy_search_send(db, err)) != TWR_OK)
		return st;
	/* Each sends first the rows its rows name. */
	for (i = 0; i < PG_STREAMS; i++)
		if (c->s[i].stmt != NULL && (st = end(db, &c->s[i], err)) !=
		    TWR_OK)
			return st;
	return TWR_OK;
}

enum twr_status
pg_copy_end(struct twr_db *db, struct pg_stmt *s, struct twr_error *err)
{
	struct pg_stream *t = s->table != NULL ? stream_of(&PG(db)->copy,
	    s->table) : NULL;

	return t != NULL && t->stmt == s ? end(db, t, err) : TWR_OK;
}

void
pg_copy_drop(struct twr_db *db)
{
	struct pg_copy *c = &PG(db)->copy;
	size_t i;

	for (i = 0; i < PG_STREAMS; i++) {
		c->s[i].stmt = NULL;
		buf_reset(&c->s[i].rows);
		c->s[i].nrows = 0;
		c->s[i].sent = 0;
	}
	buf_reset(&c->docs);
	buf_reset(&c->terms);
	c->docs.oom = c->terms.oom = 0;
}

enum twr_status
pg_copy_touch(struct twr_db *db, const char *sql, struct twr_error *err)
{
	struct pg_copy *c = &PG(db)->copy;
	enum twr_status st;
	size_t i;

	if (c->docs.len > 0 && (names(sql, "search_docs") || names(sql,
	    "search_terms") || names(sql, "search_total")) && (st =
	    pg_copy_search_send(db, err)) != TWR_OK)
		return st;
	for (i = 0; i < PG_STREAMS; i++)
		if (c->s[i].stmt != NULL && may_touch(sql,
		    c->s[i].stmt->table) && (st = end(db, &c->s[i], err)) !=
		    TWR_OK)
			return st;
	return TWR_OK;
}

int
pg_copy_pending(struct twr_db *db, unsigned bits)
{
	struct pg_copy *c = &PG(db)->copy;
	size_t i;

	for (i = 0; i < PG_STREAMS; i++)
		if (c->s[i].stmt != NULL && (pg_derived_of(
		    c->s[i].stmt->table) & bits) != 0)
			return 1;
	return 0;
}
