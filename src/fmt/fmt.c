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
print_mapped(const struct printer *p, struct out *o, struct twr_rows *r,
    const struct twr_columns *cols, void (*map)(void *,
    const struct twr_row *, struct twr_row *), void *arg,
    struct twr_error *err)
{
	enum twr_status st = TWR_DONE;
	struct twr_row mapped;
	int failed = 0;

	o->werr = 0;
	errno = 0;
	if (p->begin(o, cols, twr_rows_flags(r), o->title) == -1)
		failed = 1;
	while (!failed && (st = twr_rows_next(r, err)) == TWR_ROW) {
		const struct twr_row *row = twr_rows_get(r);

		if (map != NULL) {
			map(arg, row, &mapped);
			row = &mapped;
		}
		if (p->row(o, row) == -1)
			failed = 1;
		o->rows++;
	}
	if (p->end(o) == -1 || failed || ferror(o->fp) ||
	    fflush(o->fp) == EOF) {
		o->werr = errno ? errno : EIO;
		return TWR_IOERR;
	}
	return st == TWR_DONE ? TWR_OK : (int)st;
}

int
print_rows(const struct printer *p, struct out *o, struct twr_rows *r,
    struct twr_error *err)
{
	return print_mapped(p, o, r, twr_rows_columns(r), NULL, NULL, err);
}

/* The length of the valid UTF-8 sequence at S (N bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	len = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 &&
	    s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* Is the 2-byte sequence at S a C1 control character, U+0080..U+009F
 * (a terminal may obey them: 0x9B is CSI)? */
static int
c1_control(const unsigned char *s)
{
	return s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F;
}

/* Is the 3-byte sequence at S a control a terminal acts on: C1 controls
 * aside, the marks and overrides of bidirectional text? */
static int
bidi_control(const unsigned char *s)
{
	return s[0] == 0xE2 && ((s[1] == 0x80 && (s[2] == 0x8E ||
	    s[2] == 0x8F || (s[2] >= 0xAA && s[2] <= 0xAE))) ||
	    (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9));
}

size_t
escape_visible_to(const char *s, size_t n, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0, len;

	while (i < n) {
		unsigned char c = u[i];

		if (c >= 0x20 && c < 0x7f) {	/* printable ASCII: most */
			out[o++] = (char)c;
			i++;
			continue;
		}
		len = utf8_len(u + i, n - i);
		if (c == '\n' || c == '\t' || c == '\r') {
			out[o++] = '\\';
			out[o++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
			i++;
		} else if (c < 0x20 || c == 0x7f || len == 0) {
			snprintf(out + o, 5, "\\x%02x", c);
			o += 4;
			i++;
		} else if (len == 2 && c1_control(u + i)) {
			snprintf(out + o, 5, "\\x%02x", u[i + 1]);
			o += 4;
			i += 2;
		} else if (len == 3 && bidi_control(u + i)) {
			/* Would reorder the rest of the line. */
			unsigned cp = (u[i] & 0x0F) << 12 | (u[i + 1] & 0x3F) <<
			    6 | (u[i + 2] & 0x3F);

			snprintf(out + o, 7, "\\u%04x", cp);
			o += 6;
			i += 3;
		} else {
			memcpy(out + o, u + i, len);
			o += len;
			i += len;
		}
	}
	out[o] = '\0';
	return o;
}

char *
escape_visible(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n * 4 + 1);

	if (out != NULL)
		escape_visible_to(s, n, out);
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
			else if (c1_control((const unsigned char *)s))
				fprintf(fp, "\\u%04x", (unsigned char)*++s);
			else if (c == 0xE2 && (unsigned char)s[1] == 0x80 &&
			    ((unsigned char)s[2] == 0xA8 ||
			    (unsigned char)s[2] == 0xA9)) {
				/* U+2028, U+2029: line ends to JavaScript. */
				fprintf(fp, "\\u%04x", 0x2000 +
				    (unsigned char)s[2] - 0x80);
				s += 2;
			} else
				putc(c, fp);
		}
	}
	putc('"', fp);
}

const char *
cell_guard(const struct out *o, const char *s)
{
	static const char formula[] = "=+-@\t\r";

	if (o->bom && s[0] != '\0' && strchr(formula, s[0]) != NULL)
		return "'";
	if (s[0] == '\'' && s[1] != '\0' && (s[1] == '\'' ||
	    strchr(formula, s[1]) != NULL))
		return "'";
	return "";
}
