/*
 * Output printers (src/fmt): every command writes its rows through one of
 * these, chosen by --format.  Quoting and escaping live only here.
 */
#ifndef TWR_FMT_H
#define TWR_FMT_H

#include <stdio.h>

#include "twinreg.h"

struct out {
	FILE *fp;
	int no_header;		/* --no-header */
	size_t max_width;	/* --max-width: cut longer cells; 0 = never */
	void *state;		/* the printer's own */
	unsigned long rows;	/* rows printed so far */
};

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
 * Print every row of R with P to O.  Returns 0, 74 when writing failed
 * (errno tells why), or the exit status of a query error (after printing
 * ERR's message through the caller).
 */
int print_rows(const struct printer *p, struct out *o, struct twr_rows *r,
    struct twr_error *err);

/* ---- helpers shared by printers (fmt.c) ------------------------------ */

/*
 * Append S to a malloc'd buffer with control characters made visible
 * (\n, \t, \r, \xHH) for terminal tables; returns the new string.
 */
char *escape_visible(const char *s);
/* Display width of S, already escaped. */
size_t text_width(const char *s);
/* Cut S to at most W display columns, ending in "…" if cut (in place). */
void cut_width(char *s, size_t w);
/* Write S as a JSON string. */
void json_string(FILE *fp, const char *s);

#endif
