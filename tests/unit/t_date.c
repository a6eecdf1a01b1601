/* Dates: every accepted form, at its precision; impossible days refused. */
#include "internal.h"
#include "unit.h"

static const char *
date(const char *text)
{
	static char out[DATE_MAX];

	strcpy(out, "unchanged");
	return twr_date_parse(text, out) == 0 ? out : NULL;
}

void
t_date(void)
{
	char d[DATE_MAX];

	CHECK_STREQ(date("2011"), "2011");
	CHECK_STREQ(date("2011-09"), "2011-09");
	CHECK_STREQ(date("2011-09-22"), "2011-09-22");
	CHECK_STREQ(date("22.09.2011"), "2011-09-22");
	CHECK_STREQ(date("4.3.2004"), "2004-03-04");
	CHECK_STREQ(date("13 Aralık 2010"), "2010-12-13");
	CHECK_STREQ(date("13 ARALIK 2010"), "2010-12-13");
	CHECK_STREQ(date("13 aralik 2010"), "2010-12-13");
	CHECK_STREQ(date("24 Şubat 2011"), "2011-02-24");
	CHECK_STREQ(date("26 Ekim 2009"), "2009-10-26");
	CHECK_STREQ(date("22 Eylül 2011"), "2011-09-22");
	CHECK_STREQ(date("1 Ağustos 1999"), "1999-08-01");
	CHECK_STREQ(date("13 December 2010"), "2010-12-13");
	CHECK_STREQ(date("13 Dec 2010"), "2010-12-13");
	CHECK_STREQ(date("January 11, 1982"), "1982-01-11");
	CHECK_STREQ(date("Mayıs 2012"), "2012-05");
	CHECK_STREQ(date("29.02.2012"), "2012-02-29");	/* leap year */
	CHECK_STREQ(date("2000-02-29"), "2000-02-29");

	/* Impossible days and other bad text leave OUT alone. */
	CHECK(date("2011-02-30") == NULL);
	CHECK(date("1900-02-29") == NULL);
	CHECK(date("29.02.2011") == NULL);
	CHECK(date("31.04.2011") == NULL);
	CHECK(date("2011-13") == NULL);
	CHECK(date("2011-00") == NULL);
	CHECK(date("2011-01-00") == NULL);
	CHECK(date("32.01.2011") == NULL);
	CHECK(date("0999") == NULL);
	CHECK(date("201") == NULL);
	CHECK(date("2011-1-5") == NULL);
	CHECK(date("") == NULL);
	CHECK(date("abcd") == NULL);
	CHECK(date("13 Foo 2010") == NULL);
	CHECK(date("31 Şubat 2011") == NULL);
	CHECK(date("13 Aralık") == NULL);
	CHECK(date("1.1.11") == NULL);
	strcpy(d, "keep");
	CHECK(twr_date_parse("2011-02-30", d) == -1);
	CHECK_STREQ(d, "keep");

	/* The day after a period, for "signed up to" bounds. */
	date_after("2011", d);
	CHECK_STREQ(d, "2012-01-01");
	date_after("2011-12", d);
	CHECK_STREQ(d, "2012-01-01");
	date_after("2012-02-28", d);
	CHECK_STREQ(d, "2012-02-29");
	date_after("2011-02-28", d);
	CHECK_STREQ(d, "2011-03-01");
	date_after("2010-12-31", d);
	CHECK_STREQ(d, "2011-01-01");
	CHECK(date_year("2011-09-22") == 2011);
}
