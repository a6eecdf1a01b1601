/*
 * Dates at the precision the source gives: a year, a month or a day,
 * written as ISO 8601 ("2011", "2011-09", "2011-09-22").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const months[][4] = {
	/* English, its abbreviation, Turkish (folded), its abbreviation */
	{ "january", "jan", "ocak", "oca" },
	{ "february", "feb", "subat", "sub" },
	{ "march", "mar", "mart", "mar" },
	{ "april", "apr", "nisan", "nis" },
	{ "may", "may", "mayis", "may" },
	{ "june", "jun", "haziran", "haz" },
	{ "july", "jul", "temmuz", "tem" },
	{ "august", "aug", "agustos", "agu" },
	{ "september", "sep", "eylul", "eyl" },
	{ "october", "oct", "ekim", "eki" },
	{ "november", "nov", "kasim", "kas" },
	{ "december", "dec", "aralik", "ara" },
};

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Parse exactly N digits at S; returns the number or -1. */
static int
digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The month a folded word names (1-12), or 0. */
static int
month_of(const char *w)
{
	size_t i, j;

	if (strcmp(w, "sept") == 0)
		return 9;
	for (i = 0; i < ARRAY_SIZE(months); i++)
		for (j = 0; j < 4; j++)
			if (strcmp(w, months[i][j]) == 0)
				return (int)i + 1;
	return 0;
}

/* Write Y, M (0: none) and D (0: none) as ISO 8601 into OUT. */
static void
write_iso(int y, int m, int d, char *out)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '\0';
	if (m == 0)
		return;
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '\0';
	if (d == 0)
		return;
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Write year Y, month M (0: none) and day D (0: none) into OUT; -1
 * with *IMP set when the calendar has no such day. */
static int
emit(int y, int m, int d, char *out, int *imp)
{
	if (y < TWR_YEAR_MIN || y > TWR_YEAR_MAX || m < 0 || m > 12 ||
	    (m == 0 && d != 0) || (d != 0 && (d < 1 || d > days_in(y, m)))) {
		*imp = 1;
		return -1;
	}
	write_iso(y, m, d, out);
	return 0;
}

/* "13 Aralık 2010", "13. December 2010", "January 11, 1982", "Mayıs 2012",
   "2012 Mayıs". */
static int
parse_words(const char *text, char *out, int *imp)
{
	char *f, *w[4], *save = NULL, *t;
	int n = 0, rc = -1, m, d, y;

	if ((f = fold_dup(text)) == NULL)
		return -1;
	for (t = strtok_r(f, " ", &save); t != NULL; t = strtok_r(NULL, " ",
	    &save)) {
		if (n == 4)
			goto out;
		w[n++] = t;
	}
	if (n == 3 && (m = month_of(w[1])) != 0 && strlen(w[0]) <= 2 &&
	    strlen(w[2]) == 4) {
		d = digits(w[0], strlen(w[0]));
		y = digits(w[2], 4);
		if (d > 0 && y > 0)
			rc = emit(y, m, d, out, imp);
	} else if (n == 3 && (m = month_of(w[0])) != 0 && strlen(w[1]) <= 2 &&
	    strlen(w[2]) == 4) {
		d = digits(w[1], strlen(w[1]));
		y = digits(w[2], 4);
		if (d > 0 && y > 0)
			rc = emit(y, m, d, out, imp);
	} else if (n == 2 && (m = month_of(w[0])) != 0 && strlen(w[1]) == 4) {
		if ((y = digits(w[1], 4)) > 0)
			rc = emit(y, m, 0, out, imp);
	} else if (n == 2 && strlen(w[0]) == 4 && (m = month_of(w[1])) != 0) {
		/* "2011 Eylül" */
		if ((y = digits(w[0], 4)) > 0)
			rc = emit(y, m, 0, out, imp);
	}
out:
	free(f);
	return rc;
}

static int parse(const char *text, char *out, int *imp);

int
date_parse(const char *text, char *out, int *no_such_day)
{
	int rc;

	*no_such_day = 0;
	rc = parse(text, out, no_such_day);
	if (rc == 0)
		*no_such_day = 0;
	return rc;
}

enum twr_status
date_option(const char *field, const char *text, char *out,
    struct twr_error *err)
{
	struct twr_msg m;
	int no_day;

	if (date_parse(text, out, &no_day) == 0)
		return TWR_OK;
	memset(&m, 0, sizeof(m));
	m.code = no_day ? TWR_E_NO_SUCH_DATE : TWR_E_DATE;
	m.field = field;
	m.value = text;
	return err_msg(err, TWR_USAGE, &m);
}

int
twr_date_parse(const char *text, char *out)
{
	int imp = 0;

	return text == NULL || out == NULL ? -1 : parse(text, out, &imp);
}

static int
parse(const char *text, char *out, int *imp)
{
	char tmp[DATE_MAX];
	size_t n = strlen(text);
	const char *dot1, *dot2;
	int y, m, d;

	if (n == 4 && (y = digits(text, 4)) >= 0)
		return emit(y, 0, 0, out, imp);
	if (n == 7 && text[4] == '-' && (y = digits(text, 4)) >= 0 &&
	    (m = digits(text + 5, 2)) >= 0)
		return m == 0 ? (*imp = 1, -1) : emit(y, m, 0, out, imp);
	if (n == 10 && text[4] == '-' && text[7] == '-' &&
	    (y = digits(text, 4)) >= 0 && (m = digits(text + 5, 2)) >= 0 &&
	    (d = digits(text + 8, 2)) >= 0)
		return m == 0 || d == 0 ? (*imp = 1, -1) :
		    emit(y, m, d, out, imp);
	/* D.M.YYYY, D/M/YYYY or D-M-YYYY, one or two digits for day and
	   month: day first, as in Türkiye; month first is never guessed. */
	if ((dot1 = strpbrk(text, "./-")) != NULL &&
	    (dot2 = strchr(dot1 + 1, *dot1)) != NULL &&
	    strchr(dot2 + 1, *dot1) == NULL && strlen(dot2 + 1) == 4 &&
	    dot1 - text >= 1 && dot1 - text <= 2 &&
	    dot2 - dot1 - 1 >= 1 && dot2 - dot1 - 1 <= 2) {
		d = digits(text, (size_t)(dot1 - text));
		m = digits(dot1 + 1, (size_t)(dot2 - dot1 - 1));
		y = digits(dot2 + 1, 4);
		if (d < 0 || m < 0 || y < 0)
			return -1;
		if (d == 0 || m == 0) {
			*imp = 1;
			return -1;
		}
		return emit(y, m, d, out, imp);
	}
	if (parse_words(text, tmp, imp) == 0) {
		memcpy(out, tmp, DATE_MAX);
		return 0;
	}
	return -1;
}

void
date_after(const char *iso, char *out)
{
	int y = atoi(iso), m = 0, d = 0;
	size_t n = strlen(iso);

	if (n >= 7)
		m = atoi(iso + 5);
	if (n >= 10)
		d = atoi(iso + 8);
	if (m == 0) {
		y++;
		m = 1;
		d = 1;
	} else if (d == 0) {
		if (++m > 12) {
			m = 1;
			y++;
		}
		d = 1;
	} else if (++d > days_in(y, m)) {
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	write_iso(y % 10000, m, d, out);
}

void
date_first(const char *iso, char *out)
{
	size_t n = strlen(iso);

	memcpy(out, iso, n < DATE_MAX ? n : DATE_MAX - 1);
	out[n < DATE_MAX ? n : DATE_MAX - 1] = '\0';
	if (n == 4)
		memcpy(out + 4, "-01-01", 7);
	else if (n == 7)
		memcpy(out + 7, "-01", 4);
}

void
date_bound(const char *iso, char *out)
{
	size_t n;

	date_first(iso, out);
	/* 2011-01-01 is where 2011 and 2011-01 begin: the shortest form
	   sorts first, so it is the bound. */
	n = strlen(out);
	if (n == 10 && strcmp(out + 7, "-01") == 0)
		out[n = 7] = '\0';
	if (n == 7 && strcmp(out + 4, "-01") == 0)
		out[4] = '\0';
}

int
date_year(const char *iso)
{
	return atoi(iso);
}

void
date_years_before(const char *day, int years, char *out)
{
	int y = atoi(day) - years, m = atoi(day + 5), d = atoi(day + 8);

	if (y < 0)
		y = 0;
	/* 29 February of a year without one is the 28th. */
	if (d > days_in(y, m))
		d = days_in(y, m);
	snprintf(out, DATE_MAX, "%04d-%02d-%02d", y % 10000, m, d);
}
