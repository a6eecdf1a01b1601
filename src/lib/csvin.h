/*
 * Streaming CSV input on libcsv (csvin.c): converts legacy encodings,
 * skips a byte-order mark, checks UTF-8 and NUL bytes, bounds the size of
 * a field, and tracks the line of every field, which libcsv does not.
 */
#ifndef TWR_CSVIN_H
#define TWR_CSVIN_H

#include <iconv.h>
#include <csv.h>

#include "internal.h"

#define CSV_MAX_FIELD (1024 * 1024)	/* bytes in one field */

/* One record as the row callback sees it. */
struct csv_row {
	size_t n;			/* fields */
	char **vals;			/* NUL-terminated, CRLF made LF */
	size_t *lens;
	unsigned long *lines;		/* line each field starts on */
	unsigned long line;		/* line the record starts on */
	int bad;			/* a field was already reported */
};

/* Called for every record; return -1 to stop reading. */
typedef int csv_row_fn(void *arg, struct csv_row *row);
/* Called for every error CSVIN finds itself; DROPPED when the record is
   dropped, no row following for it.  Return -1 to stop reading. */
typedef int csv_err_fn(void *arg, unsigned long line, unsigned column,
    int dropped, const struct twr_msg *m);

struct csv_in {
	struct csv_parser p;
	csv_row_fn *row_fn;
	csv_err_fn *err_fn;
	void *arg;
	const char *encoding;	/* for messages; NULL for UTF-8 */
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 input */
	struct twr_buf conv;	/* converted bytes of one feed */
	char pend[8];		/* an incomplete sequence between feeds */
	size_t npend;
	unsigned long line;	/* the line being fed, 1-based */
	unsigned long open_line;/* where an open quoted field began */
	int started;		/* past the byte-order mark check */
	int triaged;		/* the encoding was looked at */
	char delim;		/* the separator; 0: guess from line 1 */
	int stop;		/* the row callback asked to stop */
	int dropping;		/* reporting an error that drops a record */
	int fatal;		/* the input cannot be read further */
	/* The record being assembled. */
	struct twr_buf data;
	size_t *offs, *lens;
	unsigned long *lines;
	char **vals;
	size_t nf, capf, valscap;
	int bad;
};

/*
 * Set up IN to read text in ENCODING (NULL or "UTF-8" for UTF-8).
 * Returns 0, or -1 when iconv does not know ENCODING.
 */
int csvin_init(struct csv_in *in, const char *encoding, csv_row_fn *row_fn,
    csv_err_fn *err_fn, void *arg);
/*
 * Before the first feed, IN->delim may be set to ',', ';' or a tab; left
 * 0, the first line's most frequent of those (outside quotes) is taken,
 * ',' when it has none, and IN->delim says which after the first feed.
 * A cell "'=..." (a leading "'" before '=', '+', '-', '@', a tab, a
 * carriage return or another "'") loses that "'": the guard that --bom
 * output puts there.
 */
/* Feed N bytes; returns 0, or -1 once reading must stop. */
int csvin_feed(struct csv_in *in, const char *data, size_t n);
/* End of input: flush the last record; returns 0 or -1. */
int csvin_finish(struct csv_in *in);
void csvin_free(struct csv_in *in);

#endif
