/* Countries by code or by name, Turkish names and the seeds' variants. */
#include <string.h>

#include "internal.h"
#include "unit.h"

static const char *
code(const char *text)
{
	const struct twr_country *c = country_find(text);

	return c != NULL ? c->code : "none";
}

void
t_country(void)
{
	struct twr_buf b;

	CHECK_STREQ(code("TR"), "TR");
	CHECK_STREQ(code("tr"), "TR");
	CHECK_STREQ(code("TUR"), "TR");
	CHECK_STREQ(code("Türkiye"), "TR");
	CHECK_STREQ(code("turkiye"), "TR");
	CHECK_STREQ(code("Turkey"), "TR");
	CHECK_STREQ(code("Bosna Hersek"), "BA");
	CHECK_STREQ(code("Bosna-Hersek"), "BA");
	CHECK_STREQ(code("bosna hersek"), "BA");
	CHECK_STREQ(code("BIH"), "BA");
	CHECK_STREQ(code("Bosnia and Herzegovina"), "BA");
	CHECK_STREQ(code("Makedonya"), "MK");
	CHECK_STREQ(code("Kuzey Makedonya"), "MK");
	CHECK_STREQ(code("North Macedonia"), "MK");
	CHECK_STREQ(code("Lübnan"), "LB");
	CHECK_STREQ(code("LUBNAN"), "LB");
	CHECK_STREQ(code("Macaristan"), "HU");
	CHECK_STREQ(code("Kostarika"), "CR");
	CHECK_STREQ(code("Kosta Rika"), "CR");
	CHECK_STREQ(code("Moldova"), "MD");
	CHECK_STREQ(code("Güney Kore"), "KR");
	CHECK_STREQ(code("Fas"), "MA");
	CHECK_STREQ(code("XK"), "XK");
	CHECK_STREQ(code("Kosova"), "XK");
	CHECK_STREQ(code("Kosovo"), "XK");
	CHECK_STREQ(code("XN"), "XN");
	CHECK_STREQ(code("KKTC"), "XN");
	CHECK_STREQ(code("K.K.T.C."), "XN");
	CHECK_STREQ(code("Kuzey Kıbrıs Türk Cumhuriyeti"), "XN");
	CHECK_STREQ(code("Turkish Republic of Northern Cyprus"), "XN");
	CHECK_STREQ(code("Gagavuz Yeri"), "none");
	CHECK_STREQ(code("QQ"), "none");
	CHECK_STREQ(code("Atlantis"), "none");
	CHECK_STREQ(code(""), "none");
	CHECK(strcmp(country_by_code("LB")->name_tr, "Lübnan") == 0);
	CHECK(strcmp(country_by_code("XK")->name_en, "Kosovo") == 0);

	buf_init(&b);
	country_suggest("Bosnia Herzegovina", &b);
	CHECK(strstr(buf_str(&b), "Bosnia and Herzegovina (BA)") != NULL);
	buf_reset(&b);
	country_suggest("Makedona", &b);
	CHECK(strstr(buf_str(&b), "(MK)") != NULL);
	buf_free(&b);
}
