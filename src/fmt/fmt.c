/* The printer table, the print loop, and helpers printers share. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

extern const struct printer printer_table, printer_csv, printer_tsv,
    printer_json, printer_jsonl, printer_markdown;

const struct printer *const printers[] = {
	&printer_table, &printer_csv, &printer_tsv, &printer_json,
	&printer_jsonl, &printer_markdown, NULL
};

const struct printer *
printer_find(const char *name)
{
	size_t i;

	for (i = 0; printers[i] != NULL; i++)
		if (strcmp(printers[i]->name, name) == 0)
			return printers[i];
	return NULL;
}

int
print_rows(const struct printer *p, struct out *o, struct twr_rows *r,
    struct twr_error *err)
{
	enum twr_status st;
	int failed = 0;

	if (p->begin(o, twr_rows_columns(r), twr_rows_flags(r),
	    twr_rows_title(r)) == -1)
		failed = 1;
	while (!failed && (st = twr_rows_next(r, err)) == TWR_ROW) {
		if (p->row(o, twr_rows_get(r)) == -1)
			failed = 1;
		o->rows++;
	}
	if (p->end(o) == -1 || failed || ferror(o->fp) ||
	    fflush(o->fp) == EOF) {
		int e = errno ? errno : EIO;

		err->status = TWR_IOERR;
		if (e == EPIPE)
			err->msg[0] = '\0';	/* the reader left: no noise */
		else
			snprintf(err->msg, sizeof(err->msg), "cannot write "
			    "output: %s", strerror(e));
		return TWR_IOERR;
	}
	return st == TWR_DONE ? TWR_OK : (int)st;
}

char *
escape_visible(const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *out = malloc(n * 4 + 1);

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (c == '\t') {
			out[o++] = '\\';
			out[o++] = 't';
		} else if (c == '\r') {
			out[o++] = '\\';
			out[o++] = 'r';
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(out + o, 5, "\\x%02x", c);
			o += 4;
		} else if (c == 0xC2 && i + 1 < n &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F) {
			/* C1 control characters U+0080..U+009F. */
			snprintf(out + o, 5, "\\x%02x",
			    (unsigned char)s[i + 1]);
			o += 4;
			i++;
		} else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

size_t
text_width(const char *s)
{
	return twr_text_width(s, strlen(s));
}

void
cut_width(char *s, size_t w)
{
	size_t i = 0, used = 0, len;
	unsigned char c;

	if (w == 0 || text_width(s) <= w)
		return;
	while (s[i] != '\0') {
		c = (unsigned char)s[i];
		len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (used + twr_text_width(s + i, len) + 1 > w)
			break;
		used += twr_text_width(s + i, len);
		i += len;
	}
	memcpy(s + i, "\xE2\x80\xA6", 4);	/* … */
}

void
json_string(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(fp, "\\u%04x", c);
			else
				putc(c, fp);
		}
	}
	putc('"', fp);
}
