/*
 * Markdown (GitHub) tables for people: '|' escaped, control characters
 * visible, numbers right-aligned; sections as headings.
 */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "table.h"

static void
md_cell(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|' || *s == '\\')
			putc('\\', fp);
		putc(*s, fp);
	}
}

static void
md_table(struct out *o, const struct grid *g, size_t from, size_t to,
    size_t first, int header)
{
	size_t n = g->cols->n, i, j;

	if (header) {
		for (j = first; j < n; j++) {
			fputs("| ", o->fp);
			md_cell(o->fp, g->cols->names[j]);
			putc(' ', o->fp);
		}
		fputs("|\n", o->fp);
		for (j = first; j < n; j++)
			fputs(g->cols->types[j] == TWR_INT ? "| --: " :
			    "| --- ", o->fp);
		fputs("|\n", o->fp);
	}
	for (i = from; i < to; i++) {
		for (j = first; j < n; j++) {
			fputs("| ", o->fp);
			md_cell(o->fp, g->cells[i * n + j]);
			putc(' ', o->fp);
		}
		fputs("|\n", o->fp);
	}
}

static int
md_end(struct out *o)
{
	struct grid *g = o->state;
	size_t i, start, n = g->cols->n;

	grid_bars(g);
	if (g->title != NULL)
		fprintf(o->fp, "# %s\n\n", g->title);
	if (!(g->flags & TWR_ROWS_SECTIONED))
		md_table(o, g, 0, g->nrows, 0, 1);
	for (start = 0; (g->flags & TWR_ROWS_SECTIONED) && start < g->nrows;
	    start = i) {
		const char *sec = g->cells[start * n];

		for (i = start; i < g->nrows &&
		    strcmp(g->cells[i * n], sec) == 0; i++)
			;
		if (start > 0)
			putc('\n', o->fp);
		fprintf(o->fp, "## %s\n\n", sec);
		md_table(o, g, start, i, 1, 1);
	}
	grid_free(g);
	return ferror(o->fp) ? -1 : 0;
}

const struct printer printer_markdown = {
	"markdown", N_("Markdown tables for people"), 1,
	grid_begin, grid_row, md_end
};
