/*
 * Streaming CSV input on libcsv.
 *
 * libcsv parses RFC 4180 but reports no positions, lets NUL bytes and
 * invalid UTF-8 through and grows a field without bound.  So input is fed
 * to it one physical line at a time: a field that libcsv hands over while
 * line L is fed ended on line L and began on L minus the line breaks it
 * holds.  Strict mode makes a stray quote an error instead of swallowing
 * the rest of the file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvin.h"

/* Report an error of CODE at LINE and COLUMN, with a number N and the
   encoding when the code names them. */
static void
report(struct csv_in *in, unsigned long line, unsigned column,
    enum twr_code code, long long n)
{
	struct twr_msg m;

	memset(&m, 0, sizeof(m));
	m.code = code;
	m.n[0] = n;
	m.value = in->encoding;
	if (in->err_fn(in->arg, line, column, in->dropping, &m) == -1)
		in->stop = 1;
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct csv_in *in = arg;
	const char *s = data;
	unsigned long start = in->line;
	size_t i, bad;
	int has_cr = 0, has_nul = 0, has_high = 0;

	if (in->stop || in->fatal)
		return;
	if (len > CSV_MAX_FIELD) {
		/* A field libcsv took whole within one feed. */
		for (i = 0; i < len; i++)
			start -= s[i] == '\n';
		report(in, start, (unsigned)in->nf + 1, TWR_E_CSV_LONG,
		    CSV_MAX_FIELD);
		in->fatal = 1;
		return;
	}
	if (in->nf == in->capf) {
		size_t cap = in->capf ? in->capf * 2 : 32;
		size_t *offs = realloc(in->offs, cap * sizeof(*offs));
		size_t *lens = offs ? realloc(in->lens, cap * sizeof(*lens)) :
		    NULL;
		unsigned long *lines;

		if (offs != NULL)
			in->offs = offs;
		if (lens != NULL)
			in->lens = lens;
		lines = lens ? realloc(in->lines, cap * sizeof(*lines)) : NULL;
		if (lines == NULL) {
			in->fatal = 1;
			report(in, in->line, (unsigned)in->nf + 1,
			    TWR_E_NOMEM, 0);
			return;
		}
		in->lines = lines;
		in->capf = cap;
	}
	/* One look at the bytes: line breaks, carriage returns, NULs and
	   non-ASCII, which needs a UTF-8 check. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x80)
			continue;
		if (c == '\n')
			start--;
		else if (c == '\r')
			has_cr = 1;
		else if (c == '\0')
			has_nul = 1;
		else if (c >= 0x80)
			has_high = 1;
	}
	in->open_line = 0;
	in->offs[in->nf] = in->data.len;
	in->lines[in->nf] = start;
	/* Copy, turning CRLF inside a quoted field into LF. */
	if (!has_cr)
		buf_add(&in->data, s, len);
	else
		for (i = 0; i < len; i++) {
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				continue;
			buf_addc(&in->data, s[i]);
		}
	in->lens[in->nf] = in->data.len - in->offs[in->nf];
	buf_addc(&in->data, '\0');
	if (in->data.oom) {
		in->fatal = 1;
		report(in, start, (unsigned)in->nf + 1, TWR_E_NOMEM, 0);
		return;
	}
	s = in->data.p + in->offs[in->nf];
	len = in->lens[in->nf];
	in->nf++;
	if (has_nul) {
		report(in, start, (unsigned)in->nf, TWR_E_CSV_NUL, 0);
		in->bad = 1;
	} else if (has_high && !utf8_valid(s, len, &bad)) {
		unsigned long line = start;

		for (i = 0; i < bad; i++)
			line += s[i] == '\n';
		if (in->encoding != NULL)
			report(in, line, (unsigned)in->nf, TWR_E_CSV_CONVERTED,
			    0);
		else
			report(in, line, (unsigned)in->nf, TWR_E_CSV_UTF8,
			    (unsigned char)s[bad]);
		in->bad = 1;
	}
}

static void
on_record(int c, void *arg)
{
	struct csv_in *in = arg;
	struct csv_row row;
	size_t i;

	(void)c;
	if (in->stop || in->fatal) {
		in->nf = 0;
		return;
	}
	if (in->nf == 0)
		return;
	if (in->nf > in->valscap) {
		free(in->vals);
		if ((in->vals = malloc(in->capf * sizeof(*in->vals))) == NULL) {
			in->valscap = 0;
			in->fatal = 1;
			return;
		}
		in->valscap = in->capf;
	}
	for (i = 0; i < in->nf; i++) {
		in->vals[i] = in->data.p + in->offs[i];
		/* The spreadsheet guard of our output comes off. */
		if (in->vals[i][0] == '\'' && in->vals[i][1] != '\0' &&
		    strchr("=+-@\t\r'", in->vals[i][1]) != NULL) {
			in->vals[i]++;
			in->lens[i]--;
		}
	}
	row.n = in->nf;
	row.vals = in->vals;
	row.lens = in->lens;
	row.lines = in->lines;
	row.line = in->lines[0];
	row.bad = in->bad;
	if (in->row_fn(in->arg, &row) == -1)
		in->stop = 1;
	in->nf = 0;
	in->bad = 0;
	buf_reset(&in->data);
}

static void
init_parser(struct csv_in *in)
{
	csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI);
}

int
csvin_init(struct csv_in *in, const char *encoding, csv_row_fn *row_fn,
    csv_err_fn *err_fn, void *arg)
{
	memset(in, 0, sizeof(*in));
	in->cd = (iconv_t)-1;
	if (encoding != NULL && strcasecmp(encoding, "UTF-8") != 0 &&
	    strcasecmp(encoding, "UTF8") != 0) {
		if ((in->cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1)
			return -1;
		in->encoding = encoding;
	}
	in->row_fn = row_fn;
	in->err_fn = err_fn;
	in->arg = arg;
	in->line = 1;
	buf_init(&in->data);
	buf_init(&in->conv);
	init_parser(in);
	return 0;
}

void
csvin_free(struct csv_in *in)
{
	csv_free(&in->p);
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	buf_free(&in->data);
	buf_free(&in->conv);
	free(in->offs);
	free(in->lens);
	free(in->lines);
	free(in->vals);
}

/* libcsv refused the input at line IN->line: say why, skip the line. */
static void
parse_error(struct csv_in *in)
{
	in->dropping = 1;
	report(in, in->line, (unsigned)in->nf + 1, TWR_E_CSV_QUOTE, 0);
	in->dropping = 0;
	/* Start over on the next line with no record open. */
	csv_free(&in->p);
	init_parser(in);
	in->nf = 0;
	in->bad = 0;
	in->open_line = 0;
	buf_reset(&in->data);
}

/* The separator of the first line of S: the most frequent of ',', ';'
   and tab outside quotes; ',' when none. */
static char
guess_delim(const char *s, size_t n)
{
	static const char cand[] = ",;\t";
	size_t cnt[3] = { 0, 0, 0 }, i, best = 0;
	int quoted = 0;

	for (i = 0; i < n && (quoted || s[i] != '\n'); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && strchr(cand, s[i]) != NULL && s[i] != '\0')
			cnt[strchr(cand, s[i]) - cand]++;
	}
	for (i = 1; i < 3; i++)
		if (cnt[i] > cnt[best])
			best = i;
	return cand[best];
}

/* Feed UTF-8 bytes to libcsv one line at a time. */
static int
feed_lines(struct csv_in *in, const char *s, size_t n)
{
	const char *nl;
	size_t len, done;

	if (!in->started && n > 0) {
		in->started = 1;
		if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if (in->delim == 0)
			in->delim = guess_delim(s, n);
		csv_set_delim(&in->p, (unsigned char)in->delim);
	}
	while (n > 0 && !in->stop && !in->fatal) {
		nl = memchr(s, '\n', n);
		len = nl ? (size_t)(nl - s) + 1 : n;
		done = csv_parse(&in->p, s, len, on_field, on_record, in);
		if (done != len && !in->stop && !in->fatal)
			parse_error(in);
		if (in->p.entry_pos > CSV_MAX_FIELD) {
			report(in, in->open_line ? in->open_line : in->line,
			    (unsigned)in->nf + 1, TWR_E_CSV_LONG, CSV_MAX_FIELD);
			in->fatal = 1;
		}
		if (nl != NULL) {
			if (in->p.quoted && in->open_line == 0)
				in->open_line = in->line;
			in->line++;
		}
		s += len;
		n -= len;
	}
	return in->stop || in->fatal ? -1 : 0;
}

/* Windows-1254 letters of Turkish that are not UTF-8 lead bytes:
   ı ş ğ İ Ş Ğ (0xFD 0xFE 0xF0 0xDD 0xDE 0xD0) among others. */
static int
looks_1254(const unsigned char *s, size_t n)
{
	size_t i, hits = 0;

	for (i = 0; i < n; i++)
		if (s[i] == 0xFD || s[i] == 0xFE || s[i] == 0xF0 ||
		    s[i] == 0xDD || s[i] == 0xDE || s[i] == 0xD0)
			hits++;
	return hits > 0;
}

/* UTF-8 with some multibyte sequence, in the whole lines of S? */
static int
looks_utf8(const char *s, size_t n)
{
	size_t i, len = n, bad;

	while (len > 0 && s[len - 1] != '\n')
		len--;
	if (len == 0)
		len = n;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	return i < len && utf8_valid(s, len, &bad);
}

/* Are the N bytes of S UTF-8, but perhaps for a last sequence that the
   next bytes would complete (S is the first piece of a file)? */
static int
utf8_head(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t bad, i, need;

	if (utf8_valid(s, n, &bad))
		return 1;
	need = u[bad] >= 0xF0 ? 4 : u[bad] >= 0xE0 ? 3 : u[bad] >= 0xC2 ? 2 :
	    0;
	if (need == 0 || n - bad >= need)
		return 0;
	for (i = bad + 1; i < n; i++)
		if ((u[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

/*
 * The first bytes of the input, before anything is read: a file in
 * another encoding than the one given gets one error naming the likely
 * one, not an error for every line.  -1 when reading must stop.
 */
static int
triage(struct csv_in *in, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *guess = NULL;

	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE &&
	    u[1] == 0xFF) || (n >= 4 && (u[1] == 0 || u[0] == 0) &&
	    (u[3] == 0 || u[2] == 0))))
		guess = in->encoding == NULL || strncasecmp(in->encoding,
		    "UTF-16", 6) != 0 ? "UTF-16" : NULL;
	else if (in->encoding == NULL && !utf8_head(s, n) && looks_1254(u, n))
		guess = "windows-1254";
	else if (in->encoding != NULL && (strcasecmp(in->encoding,
	    "windows-1254") == 0 || strcasecmp(in->encoding, "cp1254") == 0 ||
	    strcasecmp(in->encoding, "iso-8859-9") == 0 ||
	    strcasecmp(in->encoding, "latin5") == 0) && looks_utf8(s, n))
		guess = "UTF-8";
	if (guess == NULL)
		return 0;
	{
		struct twr_msg m;

		memset(&m, 0, sizeof(m));
		m.code = TWR_E_LIKELY_ENCODING;
		m.value = in->encoding;
		m.value2 = guess;
		in->fatal = 1;
		in->err_fn(in->arg, 1, 1, 0, &m);
	}
	return -1;
}

int
csvin_feed(struct csv_in *in, const char *data, size_t n)
{
	char tmp[sizeof(in->pend) + 4096], out[4 * 4096 + 64], *ip, *op;
	size_t il, ol, take;

	if (in->stop || in->fatal)
		return -1;
	if (!in->triaged && n > 0) {
		in->triaged = 1;
		if (triage(in, data, n) == -1)
			return -1;
	}
	if (in->cd == (iconv_t)-1)
		return feed_lines(in, data, n);
	/* Convert to UTF-8, carrying an incomplete sequence over. */
	while (n > 0) {
		take = n < 4096 ? n : 4096;
		memcpy(tmp, in->pend, in->npend);
		memcpy(tmp + in->npend, data, take);
		ip = tmp;
		il = in->npend + take;
		data += take;
		n -= take;
		in->npend = 0;
		buf_reset(&in->conv);
		while (il > 0) {
			op = out;
			ol = sizeof(out);
			if (iconv(in->cd, &ip, &il, &op, &ol) != (size_t)-1 ||
			    errno == E2BIG) {
				buf_add(&in->conv, out, (size_t)(op - out));
				continue;
			}
			buf_add(&in->conv, out, (size_t)(op - out));
			if (errno == EINVAL && il < sizeof(in->pend)) {
				memcpy(in->pend, ip, il);
				in->npend = il;
				break;
			}
			/* A byte the encoding does not have. */
			if (feed_lines(in, buf_str(&in->conv),
			    in->conv.len) == -1)
				return -1;
			buf_reset(&in->conv);
			report(in, in->line, (unsigned)in->nf + 1,
			    TWR_E_CSV_BYTE, (unsigned char)*ip);
			in->bad = 1;
			ip++;
			il--;
		}
		if (in->conv.oom) {
			report(in, in->line, 0, TWR_E_NOMEM, 0);
			in->fatal = 1;
			return -1;
		}
		if (feed_lines(in, buf_str(&in->conv), in->conv.len) == -1)
			return -1;
	}
	return 0;
}

int
csvin_finish(struct csv_in *in)
{
	if (in->stop || in->fatal)
		return -1;
	if (in->npend > 0) {
		report(in, in->line, (unsigned)in->nf + 1,
		    TWR_E_CSV_INCOMPLETE, 0);
		in->bad = 1;
		in->npend = 0;
	}
	if (csv_fini(&in->p, on_field, on_record, in) != 0 && !in->fatal) {
		report(in, in->open_line ? in->open_line : in->line,
		    (unsigned)in->nf + 1, TWR_E_CSV_UNTERMINATED, 0);
		return -1;
	}
	return in->stop || in->fatal ? -1 : 0;
}
