/*
 * Loading CSV files: reading them, matching their header to a kind's
 * columns, and handing each row to the loader (loader.c).
 *
 * Every file of one call goes into one write transaction.  A bad row is
 * kept with its file, line and column and reading goes on, so that every
 * bad row is listed; at the end the transaction commits only if no row
 * was bad.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvin.h"
#include "loader.h"
#include "sha256.h"

#define MAX_COLS 64

struct twr_import {
	struct twr_db *db;
	struct twr_import_opts o;
	enum twr_status failed;		/* a file could not be read */
	struct errlist errs;
	struct loader l;
	struct sha256 sha;
	struct twr_buf files;		/* the names, ", "-separated */
	unsigned long rows;
	/* Every file read, for messages about its rows. */
	char **fnames;
	long long *ffirst;		/* the first id given while reading */
	unsigned (*fcols)[MAX_FIELDS];	/* CSV column of each field */
	size_t nfiles;
	/* The file being read. */
	const struct kind *k;
	const struct column *colmap[MAX_COLS];
	size_t ncsv;
	int header_done;
	int file_failed;
	char delim;			/* the separator of the last file */
	struct twr_buf arena;		/* the values of the row */
	struct ahead *ahead;		/* rows read ahead, or NULL */
};

/* Rows held on a server store (but actors'), what they name asked about
   at once (loader_ahead) before they are taken in order: a round trip a
   row is what makes an import there slow. */
#define AHEAD_ROWS 256
/* Nor more than this many bytes of them (a field may hold a MiB). */
#define AHEAD_BYTES (4 << 20)

struct ahead {
	struct twr_buf text;		/* the fields, NUL-terminated */
	size_t *off;			/* each field's place in text */
	unsigned long *lines;		/* each field's line */
	size_t nf, cap;
	struct csv_row rows[AHEAD_ROWS];
	size_t first[AHEAD_ROWS];	/* each row's first field */
	size_t n;
	char **vals;			/* (off made pointers) */
	struct ahead_row asked[AHEAD_ROWS];
	struct twr_buf named;		/* their values, NUL-terminated */
	size_t at[AHEAD_ROWS][RV_COUNT];/* each value's place in named, +1;
					   0 for none */
};

struct row_ctx {
	struct twr_import *imp;
	struct twr_error *err;
	enum twr_status st;
};

static size_t
cur_file(const struct twr_import *imp)
{
	return imp->nfiles - 1;
}

/* Report M about the file being read, at LINE and COL. */
static void
bad_at(struct twr_import *imp, unsigned long line, unsigned col,
    const struct twr_msg *m)
{
	errlist_add(&imp->errs, cur_file(imp), line, col, m);
}

static void
bad_code(struct twr_import *imp, unsigned long line, unsigned col,
    enum twr_code code, const char *value, long long n0, long long n1)
{
	struct twr_msg m;

	memset(&m, 0, sizeof(m));
	m.code = code;
	m.value = value;
	m.n[0] = n0;
	m.n[1] = n1;
	bad_at(imp, line, col, &m);
}

static int ahead_take(struct row_ctx *ctx);

static int
on_csv_error(void *arg, unsigned long line, unsigned column, int dropped,
    const struct twr_msg *m)
{
	struct twr_import *imp = ((struct row_ctx *)arg)->imp;

	/* The rows held come first. */
	if (ahead_take(arg) == -1)
		return -1;
	bad_at(imp, line, column ? column : 1, m);
	if (dropped) {
		imp->rows += imp->header_done;
		imp->errs.seq++;
	}
	return errlist_stop(&imp->errs) ? -1 : 0;
}

/* ---- the header ------------------------------------------------------ */

/* Guess the kind of records from header cells: the first of these
   columns found names it. */
static const struct kind *
guess_kind(const struct csv_row *row)
{
	static const struct { const char *col; enum twr_kind kind; } hints[] = {
		{ "actor", TWR_KIND_ACTIVITIES },
		{ "sister_city", TWR_KIND_SISTER_CITIES },
		{ "municipality", TWR_KIND_SISTER_CITIES },
		{ "partner", TWR_KIND_PARTNERSHIPS },
		{ "party", TWR_KIND_PARTNERSHIPS },
		{ "member", TWR_KIND_MEMBERSHIPS },
		{ "network", TWR_KIND_MEMBERSHIPS },
		{ "name", TWR_KIND_ACTORS },
	};
	size_t h, i;

	for (h = 0; h < ARRAY_SIZE(hints); h++)
		for (i = 0; i < row->n; i++) {
			const struct kind *k = kind_of(hints[h].kind);
			char tmp[64];

			snprintf(tmp, sizeof(tmp), "%s", row->vals[i]);
			if (column_header(k, trim_blanks(tmp)) ==
			    column_find(k, hints[h].col))
				return k;
		}
	return NULL;
}

static void
take_header(struct twr_import *imp, struct csv_row *row)
{
	unsigned long errors = imp->errs.total;
	const struct kind *k;
	const char *other;
	struct twr_msg m;
	size_t i, j;

	imp->header_done = 1;
	if (row->bad) {
		imp->file_failed = 1;
		return;
	}
	/* One column holding another separator: the wrong --delimiter. */
	if (row->n == 1 && (other = strpbrk(row->vals[0], ",;\t")) != NULL) {
		imp->file_failed = 1;
		bad_code(imp, row->line, 1, TWR_E_HEADER_DELIM, row->vals[0],
		    imp->o.delimiter ? imp->o.delimiter : ',', *other);
		return;
	}
	if (imp->o.kind != TWR_KIND_AUTO)
		k = kind_of(imp->o.kind);
	else if ((k = guess_kind(row)) == NULL) {
		imp->file_failed = 1;
		bad_code(imp, row->line, 1, TWR_E_NO_KIND, NULL, 0, 0);
		return;
	}
	imp->k = k;
	if (row->n > MAX_COLS) {
		imp->file_failed = 1;
		bad_code(imp, row->line, 1, TWR_E_TOO_MANY_COLUMNS, NULL,
		    (long long)row->n, MAX_COLS);
		return;
	}
	imp->ncsv = row->n;
	for (i = 0; i < row->n; i++)
		imp->colmap[i] = column_header(k, trim_blanks(row->vals[i]));
	/* A column the header lacks is the header's fault, not a cell's:
	   told at its column 1 (as a header that names no kind is), so
	   before the errors of its cells, never past its end. */
	for (i = 0; i < k->ncols; i++) {
		if (!(k->cols[i].flags & (COL_REQUIRED | COL_HEADER)))
			continue;
		for (j = 0; j < row->n && imp->colmap[j] != &k->cols[i]; j++)
			;
		if (j < row->n)
			continue;
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_MISSING_COLUMN;
		m.field = k->cols[i].name;
		m.n[0] = k->kind;
		bad_at(imp, row->line, 1, &m);
	}
	for (i = 0; i < row->n; i++) {
		const char *cell = row->vals[i];

		if (imp->colmap[i] == NULL) {
			bad_code(imp, row->lines[i], (unsigned)i + 1,
			    TWR_E_UNKNOWN_COLUMN, cell, k->kind, 0);
			continue;
		}
		for (j = 0; j < i; j++)
			if (imp->colmap[j] == imp->colmap[i])
				bad_code(imp, row->lines[i], (unsigned)i + 1,
				    TWR_E_COLUMN_TWICE, cell, 0, 0);
	}
	for (i = 0; i < row->n; i++)
		if (imp->colmap[i] != NULL && imp->colmap[i]->role == R_FIELD)
			imp->fcols[cur_file(imp)][imp->colmap[i]->field] =
			    (unsigned)i + 1;
	if (imp->errs.total != errors)
		imp->file_failed = 1;
}

/* ---- rows -------------------------------------------------------------- */

/* Take record ROW of the file being read; -1 stops reading. */
static int
row_in(struct row_ctx *ctx, struct twr_import *imp, struct csv_row *row)
{
	struct rec r;

	if (!imp->header_done) {
		take_header(imp, row);
		return imp->file_failed || errlist_stop(&imp->errs) ? -1 : 0;
	}
	imp->rows++;
	if (row->bad)
		return errlist_stop(&imp->errs) ? -1 : 0;
	if (row->n != imp->ncsv) {
		size_t at = row->n < imp->ncsv ? row->n : imp->ncsv;

		bad_code(imp, row->lines[row->n < imp->ncsv ? row->n - 1 :
		    imp->ncsv], (unsigned)at + 1, TWR_E_FIELD_COUNT, NULL,
		    (long long)row->n, (long long)imp->ncsv);
		return errlist_stop(&imp->errs) ? -1 : 0;
	}
	r.file = cur_file(imp);
	if (rec_read(&imp->l, &r, imp->k, row->n, row->vals, imp->colmap,
	    row->lines, &imp->arena, ctx->err) == 0)
		ctx->st = loader_store(&imp->l, &r, ctx->err);
	else if (imp->arena.oom)
		ctx->st = ctx->err->status;
	/* A row the register refuses (an office's, on PostgreSQL) is
	   named. */
	if (ctx->st == TWR_NOPERM && r.file < imp->nfiles)
		err_at(ctx->err, imp->fnames[r.file], row->line, 1);
	if (ctx->st != TWR_OK)
		return -1;
	return errlist_stop(&imp->errs) ? -1 : 0;
}

/* ---- rows read ahead ------------------------------------------------ */

static void
held_free(struct ahead *a)
{
	if (a == NULL)
		return;
	buf_free(&a->text);
	buf_free(&a->named);
	free(a->off);
	free(a->lines);
	free(a->vals);
	free(a);
}

/* Hold a copy of ROW; -1 when out of memory. */
static int
ahead_hold(struct ahead *a, const struct csv_row *row)
{
	struct csv_row *h = &a->rows[a->n];
	size_t i;

	if (a->nf + row->n > a->cap) {
		size_t cap = 2 * (a->nf + row->n);
		size_t *off = realloc(a->off, cap * sizeof(*off));
		unsigned long *lines = off ? realloc(a->lines, cap *
		    sizeof(*lines)) : NULL;

		if (off != NULL)
			a->off = off;
		if (lines == NULL)
			return -1;
		a->lines = lines;
		a->cap = cap;
	}
	memset(h, 0, sizeof(*h));
	h->n = row->n;
	h->line = row->line;
	h->bad = row->bad;
	a->first[a->n] = a->nf;
	for (i = 0; i < row->n; i++) {
		a->off[a->nf] = a->text.len;
		a->lines[a->nf++] = row->lines[i];
		buf_add(&a->text, row->vals[i], row->lens[i]);
		buf_addc(&a->text, '\0');
	}
	a->n++;
	return a->text.oom ? -1 : 0;
}

/* The values of row ROW of the file, into ASKED: 0, or -1 when it is
   not stored (a bad value, or not a row row_in checks). */
static int
ahead_values(struct twr_import *imp, struct csv_row *row, size_t *at,
    struct twr_error *err)
{
	struct ahead *a = imp->ahead;
	struct rec r;
	size_t i;

	if (row->bad || row->n != imp->ncsv)
		return -1;
	r.file = cur_file(imp);
	if (rec_read(&imp->l, &r, imp->k, row->n, row->vals, imp->colmap,
	    row->lines, &imp->arena, err) == -1)
		return -1;
	for (i = 0; i < RV_COUNT; i++) {
		at[i] = 0;
		if (r.v[i].p == NULL)
			continue;
		at[i] = a->named.len + 1;
		buf_adds(&a->named, r.v[i].p);
		buf_addc(&a->named, '\0');
	}
	return 0;
}

/* Ask about what the held rows name, their values read as row_in will
   read them, but with their bad values told to no one. */
static enum twr_status
ahead_ask(struct twr_import *imp, struct twr_error *err)
{
	struct ahead *a = imp->ahead;
	struct errlist quiet, *errs = imp->l.errs;
	size_t i, j, n = 0;

	errlist_init(&quiet, 1);
	imp->l.errs = &quiet;
	buf_reset(&a->named);
	for (i = 0; i < a->n; i++)
		if (ahead_values(imp, &a->rows[i], a->at[n], err) == 0)
			n++;
	imp->l.errs = errs;
	errlist_free(&quiet);
	if (imp->arena.oom || a->named.oom)
		return err_nomem(err);
	/* (The places made pointers once NAMED is whole.) */
	for (i = 0; i < n; i++)
		for (j = 0; j < RV_COUNT; j++)
			a->asked[i].v[j] = a->at[i][j] == 0 ? NULL :
			    a->named.p + a->at[i][j] - 1;
	return n > 0 ? loader_ahead(&imp->l, imp->k, a->asked, n, err) :
	    TWR_OK;
}

/* Take the rows held: asked about, then each in order; -1 stops
   reading. */
static int
ahead_take(struct row_ctx *ctx)
{
	struct twr_import *imp = ctx->imp;
	struct ahead *a = imp->ahead;
	size_t i;
	int rc = 0;

	if (a == NULL || a->n == 0)
		return 0;
	/* Reading stopped on a failure already: the rows held go. */
	if (ctx->st != TWR_OK) {
		rc = -1;
		goto out;
	}
	if (a->nf > 0) {
		char **vals = realloc(a->vals, a->nf * sizeof(*vals));

		if (vals == NULL) {
			ctx->st = err_nomem(ctx->err);
			rc = -1;
			goto out;
		}
		a->vals = vals;
	}
	for (i = 0; i < a->nf; i++)
		a->vals[i] = a->text.p + a->off[i];
	for (i = 0; i < a->n; i++) {
		a->rows[i].vals = a->vals + a->first[i];
		a->rows[i].lines = a->lines + a->first[i];
	}
	if ((ctx->st = ahead_ask(imp, ctx->err)) != TWR_OK)
		rc = -1;
	for (i = 0; i < a->n && rc == 0; i++) {
		rc = row_in(ctx, imp, &a->rows[i]);
		imp->errs.seq++;
	}
out:
	a->n = 0;
	a->nf = 0;
	buf_reset(&a->text);
	return rc;
}

static int
on_row(void *arg, struct csv_row *row)
{
	struct row_ctx *ctx = arg;
	struct twr_import *imp = ctx->imp;
	int rc;

	if (imp->ahead != NULL && imp->header_done) {
		if (ahead_hold(imp->ahead, row) == -1) {
			ctx->st = err_nomem(ctx->err);
			return -1;
		}
		return imp->ahead->n == AHEAD_ROWS || imp->ahead->text.len >=
		    AHEAD_BYTES ? ahead_take(ctx) : 0;
	}
	rc = row_in(ctx, imp, row);
	imp->errs.seq++;
	/* On a server, the rows after the header are held (but actors',
	   which are few and change what later rows find). */
	if (rc == 0 && imp->header_done && imp->db->ahead &&
	    imp->k->tab->type != REC_ACTOR && (imp->ahead = calloc(1,
	    sizeof(*imp->ahead))) == NULL) {
		ctx->st = err_nomem(ctx->err);
		return -1;
	}
	return rc;
}

/* ---- files ----------------------------------------------------------- */

/* Start reading file NAME. */
static enum twr_status
file_begin(struct twr_import *imp, const char *name, struct csv_in *in,
    struct row_ctx *ctx, struct twr_error *err)
{
	size_t n = imp->nfiles + 1;
	char **fn = realloc(imp->fnames, n * sizeof(*fn));
	unsigned (*fc)[MAX_FIELDS] = fn ? realloc(imp->fcols, n *
	    sizeof(*fc)) : NULL;
	long long *ff = fc ? realloc(imp->ffirst, n * sizeof(*ff)) : NULL;
	struct twr_msg m;

	if (fn != NULL)
		imp->fnames = fn;
	if (fc != NULL)
		imp->fcols = fc;
	if (ff != NULL)
		imp->ffirst = ff;
	if (ff == NULL || (fn[imp->nfiles] = xstrdup(name)) == NULL)
		return err_nomem(err);
	ff[imp->nfiles] = imp->l.next_id;
	memset(fc[imp->nfiles], 0, sizeof(fc[0]));
	imp->nfiles = n;
	/* The loader names rows by these. */
	imp->l.files = imp->fnames;
	imp->l.file_first = imp->ffirst;
	imp->l.fcols = imp->fcols;
	imp->l.nfiles = n;
	imp->k = NULL;
	imp->header_done = 0;
	imp->file_failed = 0;
	/* A new record: errors found before the file's first row (an empty
	   file, a bad header) count as a bad row of this file, not of the
	   file before. */
	imp->errs.seq++;
	if (imp->files.len > 0)
		buf_adds(&imp->files, ", ");
	buf_adds(&imp->files, name);
	ctx->imp = imp;
	ctx->err = err;
	ctx->st = TWR_OK;
	if (csvin_init(in, imp->o.encoding, on_row, on_csv_error, ctx) == 0) {
		in->delim = imp->o.delimiter;
		return TWR_OK;
	}
	memset(&m, 0, sizeof(m));
	m.code = TWR_E_ENCODING;
	m.value = imp->o.encoding;
	return err_msg(err, TWR_USAGE, &m);
}

static enum twr_status
file_end(struct twr_import *imp, struct csv_in *in, struct row_ctx *ctx)
{
	csvin_finish(in);
	ahead_take(ctx);
	held_free(imp->ahead);
	imp->ahead = NULL;
	imp->delim = in->delim;
	csvin_free(in);
	if (ctx->st != TWR_OK)
		return ctx->st;
	if (!imp->header_done && !in->fatal)
		bad_code(imp, 1, 1, TWR_E_EMPTY_INPUT, NULL, 0, 0);
	return TWR_OK;
}

/* Tell the progress function (if any) that BYTES of the file being
   read, SIZE bytes long (0: not known), are read. */
static void
tell_progress(struct twr_import *imp, unsigned long long bytes,
    unsigned long long size, int done)
{
	struct twr_progress p;

	if (imp->db->progress == NULL)
		return;
	memset(&p, 0, sizeof(p));
	p.rows = imp->rows;
	p.bytes = bytes;
	p.size = size;
	p.done = done;
	imp->db->progress(imp->db->progress_arg, &p);
}

static enum twr_status
read_fd(struct twr_import *imp, const char *name, int fd,
    struct twr_error *err)
{
	char buf[1 << 16];
	struct row_ctx ctx;
	struct csv_in in;
	enum twr_status st;
	unsigned long long size = 0, bytes = 0;
	struct stat sb;
	off_t at;
	ssize_t n;

	if ((st = file_begin(imp, name, &in, &ctx, err)) != TWR_OK)
		return st;
	/* A file read from where its descriptor stands. */
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (at = lseek(fd, 0, SEEK_CUR)) != -1 && at <= sb.st_size) {
		size = (unsigned long long)sb.st_size;
		bytes = (unsigned long long)at;
	}
	/* How big the load may be, for bulk loading (bulk.c). */
	if (size > bytes)
		imp->l.input_bytes += size - bytes;
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			struct twr_msg m;
			int e = errno;

			/* The rows held come first, as they would one by
			   one; one that stops the reading stops it before
			   this error. */
			if (ahead_take(&ctx) == -1) {
				in.stop = 1;
				break;
			}
			memset(&m, 0, sizeof(m));
			m.code = TWR_E_READ_FILE;
			m.value = name;
			m.detail = strerror(e);
			csvin_free(&in);
			held_free(imp->ahead);
			imp->ahead = NULL;
			return err_msg(err, TWR_IOERR, &m);
		}
		if (n == 0)
			break;
		sha256_update(&imp->sha, buf, (size_t)n);
		if (csvin_feed(&in, buf, (size_t)n) == -1)
			break;
		bytes += (unsigned long long)n;
		if (size != 0 && bytes > size)		/* it grew */
			size = bytes;
		tell_progress(imp, bytes, size, 0);
	}
	st = file_end(imp, &in, &ctx);
	tell_progress(imp, bytes, size, 1);
	return st;
}

static enum twr_status
read_mem(struct twr_import *imp, const char *name, const char *data,
    size_t len, struct twr_error *err)
{
	struct row_ctx ctx;
	struct csv_in in;
	enum twr_status st;
	size_t at, piece;

	if ((st = file_begin(imp, name, &in, &ctx, err)) != TWR_OK)
		return st;
	imp->l.input_bytes += len;
	sha256_update(&imp->sha, data, len);
	/* In pieces, for the progress function. */
	for (at = 0; at < len; at += piece) {
		piece = len - at < (1 << 16) ? len - at : (1 << 16);
		if (csvin_feed(&in, data + at, piece) == -1)
			break;
		tell_progress(imp, at + piece, len, 0);
	}
	st = file_end(imp, &in, &ctx);
	tell_progress(imp, len, len, 1);
	return st;
}

/* ---- guessing a file's kind ----------------------------------------- */

static int
guess_row(void *arg, struct csv_row *row)
{
	*(const struct kind **)arg = guess_kind(row);
	return -1;
}

static int
guess_error(void *arg, unsigned long line, unsigned column, int dropped,
    const struct twr_msg *m)
{
	(void)arg, (void)line, (void)column, (void)dropped, (void)m;
	return -1;
}

enum twr_kind
twr_import_guess(const char *data, size_t len, const char *encoding)
{
	const struct kind *k = NULL;
	struct csv_in in;

	if (csvin_init(&in, encoding, guess_row, guess_error, &k) == -1)
		return TWR_KIND_AUTO;
	if (csvin_feed(&in, data, len) == 0)
		csvin_finish(&in);
	csvin_free(&in);
	return k != NULL ? k->kind : TWR_KIND_AUTO;
}

/* ---- the public interface ------------------------------------------- */

static void
import_free(struct twr_import *imp)
{
	size_t i;

	held_free(imp->ahead);
	loader_free(&imp->l);
	errlist_free(&imp->errs);
	for (i = 0; i < imp->nfiles; i++)
		free(imp->fnames[i]);
	free(imp->fnames);
	free(imp->fcols);
	free(imp->ffirst);
	buf_free(&imp->files);
	buf_free(&imp->arena);
	free(imp);
}

enum twr_status
twr_import_begin(struct twr_db *db, const struct twr_import_opts *opts,
    struct twr_import **impp, struct twr_error *err)
{
	struct twr_import *imp;
	enum twr_status st;

	LOCAL_ERR(err);
	*impp = NULL;
	if ((imp = calloc(1, sizeof(*imp))) == NULL)
		return err_nomem(err);
	imp->db = db;
	if (opts != NULL)
		imp->o = *opts;
	if (imp->o.max_errors == 0)
		imp->o.max_errors = 20;
	sha256_init(&imp->sha);
	buf_init(&imp->files);
	buf_init(&imp->arena);
	errlist_init(&imp->errs, imp->o.max_errors);
	if ((st = db_begin_write(db, err)) != TWR_OK) {
		free(imp);
		return st;
	}
	if ((st = loader_init(&imp->l, db, 0, imp->o.on_conflict, &imp->errs,
	    err)) != TWR_OK) {
		db_rollback(db);
		import_free(imp);
		return st;
	}
	*impp = imp;
	return TWR_OK;
}

static enum twr_status
read_failed(struct twr_import *imp, enum twr_status st)
{
	if (st != TWR_OK && imp->failed == TWR_OK)
		imp->failed = st;
	return st;
}

enum twr_status
twr_import_fd(struct twr_import *imp, const char *name, int fd,
    struct twr_error *err)
{
	LOCAL_ERR(err);
	return read_failed(imp, read_fd(imp, name, fd, err));
}

enum twr_status
twr_import_mem(struct twr_import *imp, const char *name, const char *data,
    size_t len, struct twr_error *err)
{
	LOCAL_ERR(err);
	return read_failed(imp, read_mem(imp, name, data, len, err));
}

enum twr_status
twr_import_end(struct twr_import *imp, struct twr_import_stats *stats,
    struct twr_error *err)
{
	struct twr_db *db;
	struct twr_import_stats s;
	enum twr_status st = TWR_OK;
	char sum[65];

	LOCAL_ERR(err);
	if (imp == NULL)
		return err_code(err, TWR_USAGE, TWR_E_INTERNAL);
	db = imp->db;
	/* Tables loaded in bulk get their indexes back (and their repeated
	   identities merged) before anything is decided. */
	if (imp->failed == TWR_OK)
		st = bulk_finish(&imp->l, err);
	errlist_flush(&imp->errs, db, imp->fnames);
	memset(&s, 0, sizeof(s));
	s.files = imp->nfiles;
	s.rows = imp->rows;
	s.added = imp->l.added;
	s.updated = imp->l.updated;
	s.unchanged = imp->l.unchanged;
	s.skipped = imp->l.skipped;
	s.actors_created = imp->l.actors_created;
	s.errors = imp->errs.total;
	s.bad_rows = imp->errs.bad_rows;
	s.batch = imp->l.batch;
	s.delimiter = imp->delim;
	if (imp->failed != TWR_OK)
		st = err_code(err, imp->failed, TWR_E_NOTHING_WRITTEN);
	/* Nothing new, or a failure: the registry stays exactly as it was,
	   history too.  The actors created are told only once they are (or
	   would be, in a dry run): never before a commit that fails. */
	if (st != TWR_OK || s.errors > 0 || imp->o.dry_run || s.added +
	    s.updated + s.actors_created == 0) {
		db_rollback(db);
		s.batch = 0;
		if (st == TWR_OK && s.errors == 0)
			loader_notes(&imp->l, imp->o.dry_run);
		if (st == TWR_OK && s.errors > 0) {
			struct twr_msg m;

			memset(&m, 0, sizeof(m));
			m.code = TWR_E_BAD_ROWS;
			m.n[0] = (long long)s.bad_rows;
			m.n[1] = imp->errs.full;	/* reading stopped */
			st = err_msg(err, TWR_DATAERR, &m);
		}
	} else {
		sha256_hex(&imp->sha, sum);
		if ((st = loader_finish(&imp->l, buf_str(&imp->files),
		    imp->rows, sum, err)) == TWR_OK)
			st = db_commit(db, err);
		else
			db_rollback(db);
		if (st == TWR_OK)
			loader_notes(&imp->l, 0);
	}
	if (stats != NULL)
		*stats = s;
	import_free(imp);
	return st;
}
