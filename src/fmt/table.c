/*
 * Aligned columns for people: widths by display width (Turkish, Greek and
 * CJK alike), control characters made visible, numbers to the right.
 * Cells (headers too) are cut with "…" to --max-width, and when stdout is
 * a terminal (o->fit), the widest text columns are narrowed until each
 * row fits on one line.  Sectioned rows print one table a section under
 * the section's name.
 */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "table.h"

int
grid_begin(struct out *o, const struct twr_columns *cols, unsigned flags,
    const char *title)
{
	struct grid *g = calloc(1, sizeof(*g));

	if (g == NULL)
		return -1;
	g->cols = cols;
	g->flags = flags;
	g->title = title ? strdup(title) : NULL;
	o->state = g;
	return 0;
}

/*
 * Row ROW's cells escaped (escape_visible) and cut to --max-width, in one
 * block: each cell has room for the "…" that cut_width() may put in it.
 */
int
grid_row(struct out *o, const struct twr_row *row)
{
	struct grid *g = o->state;
	size_t i, n = g->cols->n, need = 0, at = 0, len;
	char *block;

	if (g->nrows == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		char **c = realloc(g->cells, cap * n * sizeof(*c));

		if (c == NULL)
			return -1;
		g->cells = c;
		if ((c = realloc(g->rows, cap * sizeof(*c))) == NULL)
			return -1;
		g->rows = c;
		g->cap = cap;
	}
	for (i = 0; i < n; i++)
		need += (row->vals[i] ? strlen(row->vals[i]) : 0) * 4 + 4;
	if (need > g->scratch_cap) {
		char *p = realloc(g->scratch, need);

		if (p == NULL)
			return -1;
		g->scratch = p;
		g->scratch_cap = need;
	}
	for (i = 0; i < n; i++) {
		const char *v = row->vals[i] ? row->vals[i] : "";

		at += escape_visible_to(v, strlen(v), g->scratch + at) + 4;
	}
	if ((block = malloc(at ? at : 1)) == NULL)
		return -1;
	memcpy(block, g->scratch, at);
	g->rows[g->nrows] = block;
	for (i = 0, at = 0; i < n; i++) {
		char *e = block + at;

		len = strlen(e);
		cut_width(e, o->max_width);
		g->cells[g->nrows * n + i] = e;
		at += len + 4;
	}
	g->nrows++;
	return 0;
}

/* The widest a bar is drawn, and the narrowest it is made to fit. */
enum { BAR_WIDTH = 40, BAR_MIN = 10 };

/* A bar of VALUE out of MAX, at most WIDTH cells, in eighths. */
static char *
bar(long long value, long long max, int width)
{
	static const char *const part[] = { "", "\u258f", "\u258e",
	    "\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	long long eighths = max > 0 ? value * width * 8 / max : 0;
	char *s = malloc((size_t)width * 3 + 4), *p = s;
	long long i;

	if (s == NULL)
		return NULL;
	if (value > 0 && eighths == 0)
		eighths = 1;
	for (i = 0; i < eighths / 8; i++)
		p += sprintf(p, "\u2588");
	p += sprintf(p, "%s", part[eighths % 8]);
	*p = '\0';
	return s;
}

/* The numbers of G's bar columns drawn as bars up to WIDTH cells. */
static void
bars(struct grid *g, int width)
{
	size_t n = g->cols->n, i, j;

	for (j = 0; j < n; j++) {
		long long max = 0;

		if (g->cols->types[j] != TWR_BAR)
			continue;
		if (g->bars == NULL && (g->bars = calloc(g->nrows * n + 1,
		    sizeof(*g->bars))) == NULL)
			return;
		for (i = 0; i < g->nrows; i++)
			if (atoll(g->cells[i * n + j]) > max)
				max = atoll(g->cells[i * n + j]);
		for (i = 0; i < g->nrows; i++) {
			char *b = bar(atoll(g->cells[i * n + j]), max, width);

			if (b == NULL)
				continue;
			free(g->bars[i * n + j]);
			g->cells[i * n + j] = g->bars[i * n + j] = b;
		}
	}
}

void
grid_bars(struct grid *g)
{
	bars(g, BAR_WIDTH);
}

void
grid_free(struct grid *g)
{
	size_t i;

	for (i = 0; i < g->nrows; i++)
		free(g->rows[i]);
	for (i = 0; g->bars != NULL && i < g->nrows * g->cols->n; i++)
		free(g->bars[i]);
	free(g->bars);
	free(g->rows);
	free(g->scratch);
	free(g->cells);
	free(g->title);
	free(g);
}

/* A line gathered before it is written: a table of 5,000 rows made
 * 80,000 calls of stdio, each taking its lock, which cost more than
 * the cells. */
struct lbuf {
	FILE *fp;
	size_t n;
	char b[4096];
};

static void
put(struct lbuf *l, const char *s, size_t len)
{
	if (len > sizeof(l->b) - l->n) {
		fwrite(l->b, 1, l->n, l->fp);
		l->n = 0;
		if (len > sizeof(l->b)) {
			fwrite(s, 1, len, l->fp);
			return;
		}
	}
	memcpy(l->b + l->n, s, len);
	l->n += len;
}

static void
pad(struct lbuf *l, size_t n)
{
	static const char blanks[] = "                                ";
	size_t k;

	for (; n > 0; n -= k) {
		k = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;
		put(l, blanks, k);
	}
}

/* Print one line of cells VALS (columns FIRST.. of G), of display widths
 * SW, padded to W, with no blanks at its end. */
static void
line(struct out *o, const struct grid *g, const char *const *vals,
    const size_t *sws, size_t first, const size_t *w, int head)
{
	struct lbuf l;
	size_t n = g->cols->n, j;

	l.fp = o->fp;
	l.n = 0;
	while (n > first + 1 && *vals[n - 1] == '\0')
		n--;
	for (j = first; j < n; j++) {
		size_t sw = sws[j];
		int right = !head && g->cols->types[j] == TWR_INT;

		if (j > first)
			put(&l, "  ", 2);
		if (right)
			pad(&l, w[j] - sw);
		put(&l, vals[j], strlen(vals[j]));
		if (!right && j + 1 < n)
			pad(&l, w[j] - sw);
	}
	put(&l, "\n", 1);
	fwrite(l.b, 1, l.n, l.fp);
}

/*
 * Narrow columns of widths W (columns FIRST.. of G) whose line is TOTAL
 * wide, the widest by one at a time, none below FLOOR, until the line is
 * at most FIT wide.  Returns the new TOTAL.
 */
static size_t
narrow(const struct grid *g, size_t *w, const size_t *floor, size_t first,
    size_t total, size_t fit)
{
	size_t n = g->cols->n, j, wide;

	while (total > fit) {
		for (wide = n, j = first; j < n; j++)
			if (w[j] > floor[j] && (wide == n || w[j] > w[wide]))
				wide = j;
		if (wide == n)
			break;
		w[wide]--;
		total--;
	}
	return total;
}

/*
 * Make widths W of columns FIRST.. of G (DW: of their cells alone) fit
 * in FIT columns: first headers wider than their cells are cut to 8,
 * then the widest columns down to 10, then headers down to 3, then any
 * text down to 3.
 */
static void
fit_widths(const struct grid *g, size_t *w, const size_t *dw, size_t first,
    size_t fit)
{
	static const struct { int head; size_t keep; } pass[] = {
		{ 1, 8 }, { 0, 10 }, { 1, 3 }, { 0, 3 }
	};
	size_t n = g->cols->n, j, k, total = 0, *floor;

	if ((floor = calloc(n, sizeof(*floor))) == NULL)
		return;
	for (j = first; j < n; j++)
		total += w[j] + (j > first ? 2 : 0);
	for (k = 0; k < 4 && total > fit; k++) {
		for (j = first; j < n; j++) {
			floor[j] = w[j] < pass[k].keep ? w[j] : pass[k].keep;
			/* Numbers are never cut, only their headers. */
			if ((pass[k].head || g->cols->types[j] == TWR_INT) &&
			    dw[j] > floor[j])
				floor[j] = dw[j] < w[j] ? dw[j] : w[j];
		}
		total = narrow(g, w, floor, first, total, fit);
	}
	free(floor);
}

/* A copy of S cut to W columns (not when 0), with room for the cut. */
static char *
cut_copy(const char *s, size_t w)
{
	size_t len = strlen(s);
	char *c = malloc(len + 4);

	if (c == NULL)
		return NULL;
	memcpy(c, s, len + 1);
	cut_width(c, w);
	return c;
}

/* Print S on a line of its own, cut to the terminal (o->fit). */
static void
heading(struct out *o, const char *s)
{
	char *c = cut_copy(s, o->fit);

	fprintf(o->fp, "%s\n", c != NULL ? c : s);
	free(c);
}

/* Print rows [FROM, TO) of G, columns FIRST.., as one aligned table. */
static void
table_part(struct out *o, struct grid *g, size_t from, size_t to,
    size_t first, int header)
{
	size_t n = g->cols->n, i, j, k, *w, *dw, *hw, *cw;
	char **head;

	w = calloc(n, sizeof(*w));
	dw = calloc(n, sizeof(*dw));
	hw = calloc(n, sizeof(*hw));
	/* The display width of each cell, measured once. */
	cw = calloc((to - from) * n + 1, sizeof(*cw));
	if ((head = calloc(n, sizeof(*head))) == NULL || w == NULL ||
	    dw == NULL || hw == NULL || cw == NULL)
		goto out;
	for (j = first; j < n; j++) {
		for (i = from; i < to; i++) {
			size_t c = text_width(g->cells[i * n + j]);

			cw[(i - from) * n + j] = c;
			if (c > dw[j])
				dw[j] = c;
		}
		w[j] = dw[j];
		if (header && (head[j] = cut_copy(g->cols->names[j],
		    o->max_width)) == NULL)
			goto out;
		if (header && (hw[j] = text_width(head[j])) > w[j])
			w[j] = hw[j];
	}
	if (o->fit > 0) {
		fit_widths(g, w, dw, first, o->fit);
		for (j = first; j < n; j++) {
			if (header && hw[j] > w[j]) {
				cut_width(head[j], w[j]);
				hw[j] = text_width(head[j]);
			}
			for (i = from; i < to; i++) {
				size_t *c = &cw[(i - from) * n + j];

				if (*c > w[j]) {
					cut_width(g->cells[i * n + j], w[j]);
					*c = text_width(g->cells[i * n + j]);
				}
			}
		}
	}
	if (header) {
		line(o, g, (const char *const *)head, hw, first, w, 1);
		for (j = first; j < n; j++) {
			if (j > first)
				fputs("  ", o->fp);
			for (k = 0; k < w[j]; k++)
				putc('-', o->fp);
		}
		putc('\n', o->fp);
	}
	for (i = from; i < to; i++)
		line(o, g, (const char *const *)&g->cells[i * n],
		    &cw[(i - from) * n], first, w, 0);
out:
	for (j = 0; head != NULL && j < n; j++)
		free(head[j]);
	free(head);
	free(cw);
	free(hw);
	free(dw);
	free(w);
}

/*
 * The width bars are drawn at in G: narrower than BAR_WIDTH (down to
 * BAR_MIN) when the table would not fit the terminal otherwise.
 */
static int
bar_width(const struct out *o, const struct grid *g)
{
	size_t n = g->cols->n, i, j, total = 0, cw, w;

	if (o->fit == 0)
		return BAR_WIDTH;
	for (j = 0; j < n; j++) {
		w = g->cols->types[j] == TWR_BAR ? BAR_WIDTH :
		    o->no_header ? 0 : text_width(g->cols->names[j]);
		for (i = 0; i < g->nrows && g->cols->types[j] != TWR_BAR;
		    i++)
			if ((cw = text_width(g->cells[i * n + j])) > w)
				w = cw;
		total += w + (j > 0 ? 2 : 0);
	}
	if (total <= o->fit)
		return BAR_WIDTH;
	return total - o->fit >= BAR_WIDTH - BAR_MIN ? BAR_MIN :
	    (int)(BAR_WIDTH - (total - o->fit));
}

static int
table_end(struct out *o)
{
	struct grid *g = o->state;
	size_t i, start;
	int pairs = (g->flags & TWR_ROWS_PAIRS) != 0;

	bars(g, bar_width(o, g));
	if (g->title != NULL) {
		heading(o, g->title);
		putc('\n', o->fp);
	}
	if (!(g->flags & TWR_ROWS_SECTIONED)) {
		table_part(o, g, 0, g->nrows, 0, !o->no_header);
		grid_free(g);
		return ferror(o->fp) ? -1 : 0;
	}
	for (start = 0; start < g->nrows; start = i) {
		const char *sec = g->cells[start * g->cols->n];

		for (i = start; i < g->nrows &&
		    strcmp(g->cells[i * g->cols->n], sec) == 0; i++)
			;
		if (start > 0)
			putc('\n', o->fp);
		heading(o, sec);
		table_part(o, g, start, i, 1, !o->no_header && !pairs);
	}
	grid_free(g);
	return ferror(o->fp) ? -1 : 0;
}

const struct printer printer_table = {
	"table", N_("aligned columns for people (the default)"), 1,
	grid_begin, grid_row, table_end
};
