/*
 * Result rows: a cursor over a prepared statement, or rows built in
 * memory (reports, show).  Printers see only the twr_rows_* interface.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct twr_rows {
	struct twr_columns cols;	/* its arrays are the rows' own */
	size_t nsrc;		/* the columns of the statement or cells */
	size_t *pick;		/* each column's among them; NULL: same */
	unsigned flags;
	int report, from, to;	/* what it is, for a title; -1: no report */
	struct stmt *st;	/* statement rows, or NULL */
	char **cells;		/* memory rows: nrows * ncols, NULL allowed */
	char **blocks;		/* each row's values, in one block */
	size_t nrows, cap, pos;
	const char **cur;	/* the current row's values */
	long long *nums;	/* and its numbers */
	struct twr_row row;
	twr_progress_fn *progress;	/* told of the rows read, or NULL */
	void *progress_arg;
	struct twr_progress told;
};

static struct twr_rows *
rows_alloc(size_t ncols, const char *const *names,
    const enum twr_type *types)
{
	struct twr_rows *r = calloc(1, sizeof(*r));
	const char **n;
	enum twr_type *t;

	if (r == NULL)
		return NULL;
	/* The column arrays are copied (their strings are static), so a
	   caller may build them on its stack. */
	if ((n = calloc(ncols ? ncols : 1, sizeof(*n))) == NULL ||
	    (t = calloc(ncols ? ncols : 1, sizeof(*t))) == NULL) {
		free(n);
		free(r);
		return NULL;
	}
	memcpy(n, names, ncols * sizeof(*n));
	memcpy(t, types, ncols * sizeof(*t));
	names = n;
	types = t;
	if ((r->cur = calloc(ncols ? ncols : 1, sizeof(*r->cur))) == NULL ||
	    (r->nums = calloc(ncols ? ncols : 1, sizeof(*r->nums))) == NULL) {
		free(r->cur);
		free((void *)names);
		free((void *)types);
		free(r);
		return NULL;
	}
	r->report = -1;
	r->nsrc = ncols;
	r->cols.n = ncols;
	r->cols.names = names;
	r->cols.types = types;
	r->row.n = ncols;
	r->row.vals = r->cur;
	r->row.nums = r->nums;
	return r;
}

struct twr_rows *
rows_from_stmt(struct stmt *st, size_t ncols, const char *const *names,
    const enum twr_type *types)
{
	struct twr_rows *r = rows_alloc(ncols, names, types);

	if (r == NULL) {
		st_free(st);
		return NULL;
	}
	/* Read a row at a time: an engine may fetch them in batches. */
	st_stream(st);
	r->st = st;
	return r;
}

struct twr_rows *
rows_new(size_t ncols, const char *const *names, const enum twr_type *types,
    unsigned flags)
{
	struct twr_rows *r = rows_alloc(ncols, names, types);

	if (r != NULL)
		r->flags = flags;
	return r;
}

int
rows_add(struct twr_rows *r, const char *const *vals)
{
	size_t i, n = r->nsrc, len = 0;
	char *p;

	if (r->nrows == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		char **c = realloc(r->cells, cap * n * sizeof(*c)), **b;

		if (c == NULL)
			return -1;
		r->cells = c;
		if ((b = realloc(r->blocks, cap * sizeof(*b))) == NULL)
			return -1;
		r->blocks = b;
		r->cap = cap;
	}
	/* One block a row: a report of 5,000 rows made 25,000 copies. */
	for (i = 0; i < n; i++)
		if (vals[i] != NULL)
			len += strlen(vals[i]) + 1;
	if ((p = r->blocks[r->nrows] = malloc(len > 0 ? len : 1)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		char **cell = &r->cells[r->nrows * n + i];

		*cell = NULL;
		if (vals[i] != NULL) {
			size_t k = strlen(vals[i]) + 1;

			memcpy(p, vals[i], k);
			*cell = p;
			p += k;
		}
	}
	r->nrows++;
	return 0;
}

void
rows_set_report(struct twr_rows *r, int report, int from, int to)
{
	r->report = report;
	r->from = from;
	r->to = to;
}

void
rows_set_progress(struct twr_rows *r, struct twr_db *db,
    unsigned long long total)
{
	r->progress = db->progress;
	r->progress_arg = db->progress_arg;
	r->told.total = total;
}

/* Tell the progress function of one more row read (or of the end). */
static void
tell_progress(struct twr_rows *r, int done)
{
	if (r->progress == NULL || r->told.done)
		return;
	if (!done && ++r->told.rows % 4096 != 0)
		return;
	r->told.done = done;
	r->progress(r->progress_arg, &r->told);
}

const struct twr_columns *
twr_rows_columns(const struct twr_rows *r)
{
	return &r->cols;
}

unsigned
twr_rows_flags(const struct twr_rows *r)
{
	return r->flags;
}

int
twr_rows_report(const struct twr_rows *r, int *report, int *from, int *to)
{
	if (r->report < 0)
		return -1;
	*report = r->report;
	*from = r->from;
	*to = r->to;
	return 0;
}

/* Set the numbers of the current row from its text. */
static void
set_nums(struct twr_rows *r)
{
	size_t i;

	for (i = 0; i < r->cols.n; i++)
		r->nums[i] = r->cur[i] != NULL && (r->cols.types[i] ==
		    TWR_INT || r->cols.types[i] == TWR_BAR) ?
		    strtoll(r->cur[i], NULL, 10) : 0;
}

enum twr_status
twr_rows_next(struct twr_rows *r, struct twr_error *err)
{
	enum twr_status st;
	size_t i;

	LOCAL_ERR(err);
	if (r->st == NULL) {
		if (r->pos >= r->nrows)
			return TWR_DONE;
		for (i = 0; i < r->cols.n; i++)
			r->cur[i] = r->cells[r->pos * r->nsrc + (r->pick ?
			    r->pick[i] : i)];
		r->pos++;
		set_nums(r);
		return TWR_ROW;
	}
	if ((st = st_step(r->st, err)) != TWR_ROW) {
		if (st == TWR_DONE)
			tell_progress(r, 1);
		return st;
	}
	for (i = 0; i < r->cols.n; i++) {
		int c = (int)(r->pick ? r->pick[i] : i);

		r->cur[i] = st_col_text(r->st, c);
		r->nums[i] = st_col_int(r->st, c);
	}
	tell_progress(r, 0);
	return TWR_ROW;
}

const struct twr_row *
twr_rows_get(const struct twr_rows *r)
{
	return &r->row;
}

void
twr_rows_free(struct twr_rows *r)
{
	size_t i;

	if (r == NULL)
		return;
	st_free(r->st);
	for (i = 0; i < r->nrows; i++)
		free(r->blocks[i]);
	free(r->blocks);
	free(r->cells);
	free(r->pick);
	free(r->cur);
	free(r->nums);
	free((void *)r->cols.names);
	free((void *)r->cols.types);
	free(r);
}

enum twr_status
pick_columns(const char *const *names, size_t n, const char *spec,
    long long what, size_t *idx, size_t *nidx, struct twr_error *err)
{
	char *copy, *name, *save;
	enum twr_status st = TWR_OK;
	struct twr_msg m;
	size_t i;

	*nidx = 0;
	if (strcmp(spec, "all") == 0) {
		for (i = 0; i < n && i < PICK_MAX; i++)
			idx[(*nidx)++] = i;
		return TWR_OK;
	}
	if ((copy = xstrdup(spec)) == NULL)
		return err_nomem(err);
	/* Every piece between commas must name a column: "id,," is as
	   wrong as "di". */
	for (name = copy; name != NULL; name = save) {
		if ((save = strchr(name, ',')) != NULL)
			*save++ = '\0';
		trim_blanks(name);
		for (i = 0; i < n && !column_name_eq(names[i], name); i++)
			;
		memset(&m, 0, sizeof(m));
		m.field = "columns";
		if (i == n) {
			m.code = TWR_E_COLUMN;
			m.value = name;
			m.n[0] = what;
			st = err_msg(err, TWR_USAGE, &m);
			break;
		}
		if (*nidx == PICK_MAX) {	/* a column may come again */
			m.code = TWR_E_TOO_MANY_COLUMNS;
			m.n[0] = 1;
			for (i = 0; spec[i] != '\0'; i++)
				m.n[0] += spec[i] == ',';
			m.n[1] = PICK_MAX;
			st = err_msg(err, TWR_USAGE, &m);
			break;
		}
		idx[(*nidx)++] = i;
	}
	free(copy);
	return st;
}

enum twr_status
twr_rows_pick(struct twr_rows *r, const char *spec, struct twr_error *err)
{
	size_t idx[PICK_MAX], n, i;
	const char **names = NULL, **cur = NULL;
	enum twr_type *types = NULL;
	long long *nums = NULL;
	size_t *pick = NULL;
	enum twr_status st;

	LOCAL_ERR(err);
	if ((st = pick_columns(r->cols.names, r->cols.n, spec, -1, idx,
	    &n, err)) != TWR_OK)
		return st;
	if ((names = calloc(n + 1, sizeof(*names))) == NULL ||
	    (types = calloc(n + 1, sizeof(*types))) == NULL ||
	    (cur = calloc(n + 1, sizeof(*cur))) == NULL ||
	    (nums = calloc(n + 1, sizeof(*nums))) == NULL ||
	    (pick = calloc(n + 1, sizeof(*pick))) == NULL) {
		free(names);
		free(types);
		free(cur);
		free(nums);
		free(pick);
		return err_nomem(err);
	}
	for (i = 0; i < n; i++) {
		/* Of the columns seen so far: a second pick picks again. */
		pick[i] = r->pick ? r->pick[idx[i]] : idx[i];
		names[i] = r->cols.names[idx[i]];
		types[i] = r->cols.types[idx[i]];
	}
	free((void *)r->cols.names);
	free((void *)r->cols.types);
	free(r->cur);
	free(r->nums);
	free(r->pick);
	r->cols.names = names;
	r->cols.types = types;
	r->cols.n = n;
	r->cur = cur;
	r->nums = nums;
	r->pick = pick;
	r->row.n = n;
	r->row.vals = r->cur;
	r->row.nums = r->nums;
	/* A section's name is column 0: picked elsewhere, no sections; and
	   pairs of a name and a value only as they were. */
	if (pick[0] != 0)
		r->flags &= ~(unsigned)TWR_ROWS_SECTIONED;
	for (i = 0; i < n && pick[i] == i; i++)
		;
	if (i < n || n != r->nsrc || !(r->flags & TWR_ROWS_SECTIONED))
		r->flags &= ~(unsigned)TWR_ROWS_PAIRS;
	return TWR_OK;
}
