/*
 * The PostgreSQL store's rows in bulk: an INSERT of one row of
 * parameters that runs again and again, with nothing between (a copy
 * between stores), goes to the server as COPY, rows gathered here and
 * sent when anything else is asked of the server.  A round trip a row
 * is what makes a million rows slow; COPY takes them in one.  The
 * derived columns are computed as the rows are gathered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

static int
ident(char c)
{
	return (c >= 'a' && c <= 'z') || c == '_';
}

/* Is SQL "INSERT INTO table(c1, ..., cn) VALUES(?1, ..., ?n)"?  Then
 * *TABLE and *COLS (malloc'd) name them. */
int
pg_copy_shape(const char *sql, char **table, char **cols)
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
	if (v == NULL) {
		buf_adds(out, "\\N");
		return;
	}
	for (; *v != '\0'; v++)
		switch (*v) {
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\r':
			buf_adds(out, "\\r");
			break;
		case '\t':
			buf_adds(out, "\\t");
			break;
		default:
			buf_addc(out, *v);
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

/* The derived value of TEXT (NULL for NULL) for derived column D, as
 * COPY takes it, into OUT. */
static void
derived_value(struct twr_buf *out, const struct pg_derived *d,
    const char *text)
{
	struct twr_buf v;
	size_t i;

	if (text == NULL) {
		buf_adds(out, "\\N");
		return;
	}
	buf_init(&v);
	if (d->fold)
		fold_text(&v, text, strlen(text));
	else
		coll_key(&v, text, strlen(text));
	if (d->fold) {
		pg_copy_value(out, buf_str(&v));
	} else {
		/* bytea as hex, its backslash doubled for COPY. */
		buf_adds(out, "\\\\x");
		for (i = 0; i < v.len; i++)
			buf_printf(out, "%02x", (unsigned char)v.p[i]);
	}
	if (v.oom)
		out->oom = 1;
	buf_free(&v);
}

enum twr_status
pg_copy_row(struct twr_db *db, struct pg_stmt *s, struct twr_error *err)
{
	struct pg_db *e = PG(db);
	struct pg_copy *c = &e->copy;
	size_t i;
	int k;

	if (c->stmt != s) {
		enum twr_status st = pg_copy_flush(db, err);

		if (st != TWR_OK)
			return st;
		c->stmt = s;
		buf_reset(&c->head);
		buf_printf(&c->head, "COPY %s(%s", s->table, s->cols);
		for (i = 0; i < pg_nderived; i++)
			if (strcmp(pg_derived[i].table, s->table) == 0 &&
			    col_index(s->cols, pg_derived[i].col) >= 0)
				buf_printf(&c->head, ", %s", pg_derived[i].to);
		buf_adds(&c->head, ") FROM STDIN");
	}
	for (k = 0; k < s->nparams; k++) {
		if (k > 0)
			buf_addc(&c->rows, '\t');
		pg_copy_value(&c->rows, s->vals[k]);
	}
	for (i = 0; i < pg_nderived; i++)
		if (strcmp(pg_derived[i].table, s->table) == 0 &&
		    (k = col_index(s->cols, pg_derived[i].col)) >= 0) {
			buf_addc(&c->rows, '\t');
			derived_value(&c->rows, &pg_derived[i], s->vals[k]);
		}
	buf_addc(&c->rows, '\n');
	if (c->rows.oom)
		return err_nomem(err);
	c->nrows++;
	e->changes = 1;
	e->last = s;
	/* A megabyte at a time. */
	if (c->rows.len > (1u << 20))
		return pg_copy_send(db, err);
	return TWR_OK;
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

/* Send the rows gathered so far; the stream stays open to more. */
enum twr_status
pg_copy_send(struct twr_db *db, struct twr_error *err)
{
	struct pg_copy *c = &PG(db)->copy;
	enum twr_status st;

	st = pg_copy_in(db, buf_str(&c->head), &c->rows, err);
	buf_reset(&c->rows);
	c->nrows = 0;
	return st;
}

enum twr_status
pg_copy_flush(struct twr_db *db, struct twr_error *err)
{
	struct pg_db *e = PG(db);
	struct pg_copy *c = &e->copy;
	enum twr_status st;
	unsigned bits;

	e->last = NULL;
	if (c->stmt == NULL)
		return TWR_OK;
	bits = pg_derived_of(c->stmt->table);
	c->stmt = NULL;
	if ((st = pg_copy_send(db, err)) != TWR_OK)
		return st;
	/* Derived columns whose text the rows did not give. */
	return bits != 0 ? pg_fill_derived(db, bits, err) : TWR_OK;
}

void
pg_copy_drop(struct twr_db *db)
{
	struct pg_copy *c = &PG(db)->copy;

	c->stmt = NULL;
	PG(db)->last = NULL;
	buf_reset(&c->rows);
	c->nrows = 0;
}
