/*
 * Tab-separated values, one record a line; a tab, line break, carriage
 * return or backslash inside a value is written \t, \n, \r or \\.
 * With --bom, a byte-order mark first and no cell run as a formula.
 */
#include "fmt.h"

static void
tsv_field(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\t':
			fputs("\\t", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		default:
			putc(*s, fp);
		}
	}
}

static int
tsv_begin(struct out *o, const struct twr_columns *cols, unsigned flags,
    const char *title)
{
	size_t i, n = 0;

	(void)flags;
	(void)title;
	o->state = (void *)cols;
	if (o->bom)
		fputs("\xEF\xBB\xBF", o->fp);
	if (o->no_header)
		return 0;
	for (i = 0; i < cols->n; i++) {
		if (cols->types[i] == TWR_BAR)
			continue;
		if (n++ > 0)
			putc('\t', o->fp);
		tsv_field(o->fp, cols->names[i]);
	}
	putc('\n', o->fp);
	return ferror(o->fp) ? -1 : 0;
}

static int
tsv_row(struct out *o, const struct twr_row *row)
{
	const struct twr_columns *cols = o->state;
	size_t i, n = 0;

	for (i = 0; i < row->n; i++) {
		if (cols->types[i] == TWR_BAR)
			continue;
		if (n++ > 0)
			putc('\t', o->fp);
		if (row->vals[i] == NULL)
			continue;
		if (o->bom)
			fputs(cell_guard(o, row->vals[i]), o->fp);
		tsv_field(o->fp, row->vals[i]);
	}
	putc('\n', o->fp);
	return ferror(o->fp) ? -1 : 0;
}

static int
tsv_end(struct out *o)
{
	return ferror(o->fp) ? -1 : 0;
}

const struct printer printer_tsv = {
	"tsv", N_("tab-separated values, \\t \\n \\r \\\\ escaped"), 0,
	tsv_begin, tsv_row, tsv_end
};
