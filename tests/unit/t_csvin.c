/* Streaming CSV input: positions, quoting, encodings, bad bytes. */
#include <stdlib.h>

#include "csvin.h"
#include "unit.h"

static struct twr_buf got;	/* "L<line>:<f1>|<f2>|...\n" a record */
static struct twr_buf errs;	/* "<line>:<col>: <msg>\n" an error */
static int stop_on_error;	/* err() asks to stop reading */

static int
row(void *arg, struct csv_row *r)
{
	size_t i;

	(void)arg;
	buf_printf(&got, "L%lu:", r->line);
	for (i = 0; i < r->n; i++)
		buf_printf(&got, "%s%s", i ? "|" : "", r->vals[i]);
	buf_addc(&got, '\n');
	return 0;
}

/* The error M, in a few words for the assertions below. */
static void
put_msg(const struct twr_msg *m)
{
	switch (m->code) {
	case TWR_E_CSV_QUOTE:
		buf_adds(&errs, "stray quote");
		break;
	case TWR_E_CSV_UNTERMINATED:
		buf_adds(&errs, "unterminated quoted field");
		break;
	case TWR_E_CSV_NUL:
		buf_adds(&errs, "NUL byte");
		break;
	case TWR_E_CSV_UTF8:
		buf_printf(&errs, "invalid UTF-8 byte 0x%02llX", m->n[0]);
		break;
	case TWR_E_CSV_CONVERTED:
		buf_printf(&errs, "invalid UTF-8 after %s", m->value);
		break;
	case TWR_E_CSV_BYTE:
		buf_printf(&errs, "invalid byte 0x%02llX for %s", m->n[0],
		    m->value);
		break;
	case TWR_E_CSV_LONG:
		buf_printf(&errs, "field longer than %lld", m->n[0]);
		break;
	case TWR_E_LIKELY_ENCODING:
		buf_printf(&errs, "likely %s", m->value2);
		break;
	default:
		buf_printf(&errs, "code %d", (int)m->code);
	}
}

static int
err(void *arg, unsigned long line, unsigned col, int dropped,
    const struct twr_msg *m)
{
	(void)arg;
	buf_printf(&errs, "%lu:%u:%s ", line, col, dropped ? " dropped:" :
	    "");
	put_msg(m);
	buf_addc(&errs, '\n');
	return stop_on_error ? -1 : 0;
}

/* Parse TEXT fed in pieces of STEP bytes (0: all at once). */
static void
parse(const char *enc, const char *text, size_t len, size_t step)
{
	struct csv_in in;
	size_t i;

	buf_reset(&got);
	buf_reset(&errs);
	if (csvin_init(&in, enc, row, err, NULL) == -1) {
		buf_adds(&errs, "no encoding\n");
		return;
	}
	if (step == 0)
		step = len ? len : 1;
	for (i = 0; i < len; i += step)
		csvin_feed(&in, text + i, len - i < step ? len - i : step);
	csvin_finish(&in);
	csvin_free(&in);
}

#define PARSE(enc, lit, step) parse(enc, lit, sizeof(lit) - 1, step)

void
t_csvin(void)
{
	static const char multi[] = "a,b\r\n\"x\r\ny\",\"q\"\"t\"\r\n3,4";
	size_t step;

	buf_init(&got);
	buf_init(&errs);
	PARSE(NULL, "\xEF\xBB\xBFname,country\nAnkara,TR\n", 0);
	CHECK_STREQ(buf_str(&got), "L1:name|country\nL2:Ankara|TR\n");
	CHECK_STREQ(buf_str(&errs), "");
	/* CRLF, quoted line breaks, doubled quotes; lines counted right
	   whatever the pieces the input comes in. */
	for (step = 0; step < 4; step++) {
		parse(NULL, multi, sizeof(multi) - 1, step);
		CHECK_STREQ(buf_str(&got), "L1:a|b\nL2:x\ny|q\"t\nL4:3|4\n");
		CHECK_STREQ(buf_str(&errs), "");
	}
	PARSE(NULL, "a,b\n\n1,\"with, comma\"\n", 0);
	CHECK_STREQ(buf_str(&got), "L1:a|b\nL3:1|with, comma\n");
	/* A stray quote is an error at its line and field; reading goes
	   on at the next line. */
	PARSE(NULL, "a,b,c\n1,Ank\"ara,x\n2,y,z\n", 0);
	CHECK_STREQ(buf_str(&got), "L1:a|b|c\nL3:2|y|z\n");
	CHECK(strncmp(buf_str(&errs), "2:2: dropped: stray quote", 25) == 0);
	/* The error callback can stop reading: nothing after it comes. */
	stop_on_error = 1;
	PARSE(NULL, "a,b,c\n1,Ank\"ara,x\n2,y,z\n3,\"q\"q,z\n", 0);
	CHECK_STREQ(buf_str(&got), "L1:a|b|c\n");
	CHECK(strncmp(buf_str(&errs), "2:2: dropped: stray quote", 25) == 0);
	CHECK(strchr(buf_str(&errs), '\n') == buf_str(&errs) + errs.len - 1);
	stop_on_error = 0;
	PARSE(NULL, "a,b\n\"x\"y,1\n", 0);
	CHECK(strncmp(buf_str(&errs), "2:1: dropped: stray quote", 25) == 0);
	/* An unterminated quote is reported where it opened. */
	PARSE(NULL, "a,b\n1,2\n3,\"open\nmore\nand more\n", 0);
	CHECK_STREQ(buf_str(&got), "L1:a|b\nL2:1|2\n");
	CHECK(strncmp(buf_str(&errs), "3:2: unterminated quoted field",
	    30) == 0);
	/* NUL bytes and invalid UTF-8, with their line and field. */
	PARSE(NULL, "a,b\n1,x\0y\n", 0);
	CHECK(strncmp(buf_str(&errs), "2:2: NUL byte", 13) == 0);
	PARSE(NULL, "a,b\n1,\"ok\nK\xffz\"\n", 0);
	CHECK(strncmp(buf_str(&errs), "3:2: invalid UTF-8 byte 0xFF", 28) ==
	    0);
	/* A Turkish letter of windows-1254 (0xFD: ı) read as UTF-8: one
	   error naming the likely encoding, before any row. */
	PARSE(NULL, "a,b\n1,\"ok\nK\xfdz\"\n", 0);
	CHECK_STREQ(buf_str(&errs), "1:1: likely windows-1254\n");
	CHECK_STREQ(buf_str(&got), "");
	PARSE(NULL, "a\n\xc3\n", 0);
	CHECK(strncmp(buf_str(&errs), "2:1: invalid UTF-8", 18) == 0);
	/* UTF-8 with Cyrillic (lead byte 0xD0, a windows-1254 letter) and
	   a last character of three bytes is no windows-1254 file. */
	PARSE(NULL, "a\nМосква 東\n", 0);
	CHECK_STREQ(buf_str(&errs), "");
	CHECK_STREQ(buf_str(&got), "L1:a\nL2:Москва 東\n");
	/* Blanks around unquoted fields go; quoted ones stay. */
	PARSE(NULL, "a,b\n  x  ,\" y \"\n", 0);
	CHECK_STREQ(buf_str(&got), "L1:a|b\nL2:x| y \n");
	/* Legacy Turkish text is converted. */
	PARSE("windows-1254", "ad\n\xDDstanbul \xFE\xF0\xFD\n", 0);
	CHECK_STREQ(buf_str(&got), "L1:ad\nL2:İstanbul şğı\n");
	PARSE("iso-8859-9", "ad\n\xC7" "ekmek\xF6y\n", 1);
	CHECK_STREQ(buf_str(&got), "L1:ad\nL2:Çekmeköy\n");
	PARSE("windows-1254", "ad\nx\x81y\n", 0);
	CHECK(strncmp(buf_str(&errs), "2:1: invalid byte 0x81", 22) == 0);
	PARSE("no-such-encoding", "x\n", 0);
	CHECK_STREQ(buf_str(&errs), "no encoding\n");
	/* One field may not grow without bound. */
	{
		size_t n = CSV_MAX_FIELD + 100, i;
		char *big = malloc(n + 8);

		memcpy(big, "a\n\"", 3);
		for (i = 3; i < n; i++)
			big[i] = i % 50 ? 'x' : '\n';
		parse(NULL, big, n, 4096);
		CHECK(strstr(buf_str(&errs), "2:1: field longer than") != NULL);
		free(big);
	}
	buf_free(&got);
	buf_free(&errs);
}
