/*
 * Aligned columns for people: widths by display width (Turkish, Greek and
 * CJK alike), control characters made visible, numbers to the right.
 * Cells are cut only with --max-width.  Sectioned rows print one table a
 * section under the section's name.
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

int
grid_row(struct out *o, const struct twr_row *row)
{
	struct grid *g = o->state;
	size_t i, n = g->cols->n;

	if (g->nrows == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		char **c = realloc(g->cells, cap * n * sizeof(*c));

		if (c == NULL)
			return -1;
		g->cells = c;
		g->cap = cap;
	}
	for (i = 0; i < n; i++) {
		char *e = escape_visible(row->vals[i] ? row->vals[i] : "");

		if (e == NULL)
			return -1;
		cut_width(e, o->max_width);
		g->cells[g->nrows * n + i] = e;
	}
	g->nrows++;
	return 0;
}

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

void
grid_bars(struct grid *g)
{
	size_t n = g->cols->n, i, j;

	for (j = 0; j < n; j++) {
		long long max = 0;

		if (g->cols->types[j] != TWR_BAR)
			continue;
		for (i = 0; i < g->nrows; i++)
			if (atoll(g->cells[i * n + j]) > max)
				max = atoll(g->cells[i * n + j]);
		for (i = 0; i < g->nrows; i++) {
			char *b = bar(atoll(g->cells[i * n + j]), max, 40);

			if (b == NULL)
				continue;
			free(g->cells[i * n + j]);
			g->cells[i * n + j] = b;
		}
	}
}

void
grid_free(struct grid *g)
{
	size_t i;

	for (i = 0; i < g->nrows * g->cols->n; i++)
		free(g->cells[i]);
	free(g->cells);
	free(g->title);
	free(g);
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/* Print one line of cells VALS (columns FIRST.. of G) padded to W, with
 * no blanks at its end. */
static void
line(struct out *o, const struct grid *g, const char *const *vals,
    size_t first, const size_t *w, int head)
{
	size_t n = g->cols->n, j;

	while (n > first + 1 && *vals[n - 1] == '\0')
		n--;
	for (j = first; j < n; j++) {
		size_t sw = text_width(vals[j]);
		int right = !head && g->cols->types[j] == TWR_INT;

		if (j > first)
			fputs("  ", o->fp);
		if (right)
			pad(o->fp, w[j] - sw);
		fputs(vals[j], o->fp);
		if (!right && j + 1 < n)
			pad(o->fp, w[j] - sw);
	}
	putc('\n', o->fp);
}

/* Print rows [FROM, TO) of G, columns FIRST.., as one aligned table. */
static void
table_part(struct out *o, struct grid *g, size_t from, size_t to,
    size_t first, int header)
{
	size_t n = g->cols->n, i, j, k, *w;

	if ((w = calloc(n, sizeof(*w))) == NULL)
		return;
	for (j = first; j < n; j++) {
		if (header)
			w[j] = text_width(g->cols->names[j]);
		for (i = from; i < to; i++) {
			size_t cw = text_width(g->cells[i * n + j]);

			if (cw > w[j])
				w[j] = cw;
		}
	}
	if (header) {
		line(o, g, g->cols->names, first, w, 1);
		for (j = first; j < n; j++) {
			if (j > first)
				fputs("  ", o->fp);
			for (k = 0; k < w[j]; k++)
				putc('-', o->fp);
		}
		putc('\n', o->fp);
	}
	for (i = from; i < to; i++)
		line(o, g, (const char *const *)&g->cells[i * n], first, w, 0);
	free(w);
}

static int
table_end(struct out *o)
{
	struct grid *g = o->state;
	size_t i, start;
	int pairs = (g->flags & TWR_ROWS_PAIRS) != 0;

	grid_bars(g);
	if (g->title != NULL)
		fprintf(o->fp, "%s\n\n", g->title);
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
		fprintf(o->fp, "%s\n", sec);
		table_part(o, g, start, i, 1, !o->no_header && !pairs);
	}
	grid_free(g);
	return ferror(o->fp) ? -1 : 0;
}

const struct printer printer_table = {
	"table", N_("aligned columns for people (the default)"), 1,
	grid_begin, grid_row, table_end
};
