/*
 * RFC 4180 CSV: CRLF line ends; a field with the separator (',', or ';'
 * or a tab with --delimiter), a quote, a line break or blanks at either
 * end is quoted, quotes doubled.  No value is lost.
 */
#include <string.h>

#include "fmt.h"

static void
csv_field(const struct out *o, const char *s)
{
	char seps[6] = { o->delim ? o->delim : ',', '"', '\r', '\n', 0, 0 };
	const char *mark = cell_guard(o, s);
	size_t n = strlen(s);

	if (strpbrk(s, seps) == NULL && (n == 0 || (s[0] != ' ' &&
	    s[0] != '\t' && s[n - 1] != ' ' && s[n - 1] != '\t'))) {
		fputs(mark, o->fp);
		fputs(s, o->fp);
		return;
	}
	putc('"', o->fp);
	fputs(mark, o->fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', o->fp);
		putc(*s, o->fp);
	}
	putc('"', o->fp);
}

static int
csv_begin(struct out *o, const struct twr_columns *cols, unsigned flags,
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
			putc(o->delim ? o->delim : ',', o->fp);
		csv_field(o, cols->names[i]);
	}
	fputs("\r\n", o->fp);
	return ferror(o->fp) ? -1 : 0;
}

static int
csv_row(struct out *o, const struct twr_row *row)
{
	const struct twr_columns *cols = o->state;
	size_t i, n = 0;

	for (i = 0; i < row->n; i++) {
		if (cols->types[i] == TWR_BAR)
			continue;
		if (n++ > 0)
			putc(o->delim ? o->delim : ',', o->fp);
		if (row->vals[i] != NULL)
			csv_field(o, row->vals[i]);
	}
	fputs("\r\n", o->fp);
	return ferror(o->fp) ? -1 : 0;
}

static int
csv_end(struct out *o)
{
	return ferror(o->fp) ? -1 : 0;
}

const struct printer printer_csv = {
	"csv", N_("comma-separated values (RFC 4180)"), 0,
	csv_begin, csv_row, csv_end
};
