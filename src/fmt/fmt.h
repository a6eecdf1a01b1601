/*
 * Output printers (src/fmt): every command writes its rows through one of
 * these, chosen by --format.  Quoting and escaping live only here.
 */
#ifndef TWR_FMT_H
#define TWR_FMT_H

#include <stdio.h>

#include "twinreg.h"

/* A text marked for translation, translated where it is printed. */
#ifndef N_
#define N_(s) (s)
#endif

struct out {
	FILE *fp;
	int no_header;		/* --no-header */
	size_t max_width;	/* --max-width: cut longer cells; 0 = never */
	size_t fit;		/* table: the terminal's width, to which the
				   widest columns are narrowed; 0 = never */
	const char *title;	/* a title people's formats print, or NULL */
	char delim;		/* csv: the separator, 0 for ',' */
	int bom;		/* csv, tsv: a byte-order mark first, and no
				   cell that a spreadsheet runs as a formula */
	void *state;		/* the printer's own */
	unsigned long rows;	/* rows printed so far */
	int werr;		/* errno of a failed write (EPIPE: the reader
				   left), after TWR_IOERR */
};

/*
 * What goes before cell S so that it reads back as S and, with O->bom,
 * no spreadsheet runs it as a formula: "'" before a leading '=', '+',
 * '-', '@', tab or carriage return (--bom only), and before a leading
 * "'" that one of those (or another "'") follows, always, so that import
 * can take one "'" off exactly where it was put.
 */
const char *cell_guard(const struct out *o, const char *s);

struct printer {
	const char *name;		/* "csv" */
	const char *summary;		/* for --help */
	int human;			/* for people: sections as headings */
	int (*begin)(struct out *, const struct twr_columns *,
	    unsigned flags, const char *title);
	int (*row)(struct out *, const struct twr_row *);
	int (*end)(struct out *);	/* -1: write error */
};

extern const struct printer *const printers[];

/* The printer named NAME, or NULL. */
const struct printer *printer_find(const char *name);

/*
 * Print every row of R with P to O.  Returns TWR_OK; TWR_IOERR when
 * writing failed (o->werr says why); or the status of a failed read,
 * with ERR filled in.
 */
int print_rows(const struct printer *p, struct out *o, struct twr_rows *r,
    struct twr_error *err);

/*
 * The same, each row of R changed by MAP(ARG, IN, OUT) into a row of
 * COLS first: a command that words the library's rows (check).
 */
int print_mapped(const struct printer *p, struct out *o, struct twr_rows *r,
    const struct twr_columns *cols, void (*map)(void *,
    const struct twr_row *, struct twr_row *), void *arg,
    struct twr_error *err);

/* ---- helpers shared by printers (fmt.c) ------------------------------ */

/*
 * Append S to a malloc'd buffer with control characters made visible
 * (\n, \t, \r, \xHH, C1 controls U+0080..U+009F as \x80..\x9f, bidi
 * controls as \uXXXX) for terminal tables; returns the new string.
 */
char *escape_visible(const char *s);
/* The same of S's N bytes into OUT, room for 4 * N + 1; its length. */
size_t escape_visible_to(const char *s, size_t n, char *out);
/* Display width of S, already escaped. */
size_t text_width(const char *s);
/* Cut S to at most W display columns, ending in "…" if cut (in place). */
void cut_width(char *s, size_t w);
/* Write S as a JSON string: control characters, C1 controls
   (U+0080..U+009F) and U+2028, U+2029 as \uXXXX. */
void json_string(FILE *fp, const char *s);

#endif
