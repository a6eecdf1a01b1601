/* The rules for each kind of value. */
#include "record.h"
#include "unit.h"

static struct twr_buf out, msg;

/* The stored form of RAW as TYPE, or "ERR: message". */
static const char *
norm(enum ftype type, const char *raw)
{
	buf_reset(&out);
	buf_reset(&msg);
	if (value_norm(type, raw, &out, &msg) == -1) {
		buf_reset(&out);
		buf_printf(&out, "ERR: %s", buf_str(&msg));
	}
	return buf_str(&out);
}

static int
is_err(const char *s)
{
	return strncmp(s, "ERR: ", 5) == 0;
}

void
t_value(void)
{
	buf_init(&out);
	buf_init(&msg);
	CHECK_STREQ(norm(FT_AGKIND, "sister_city"), "sister_city");
	CHECK_STREQ(norm(FT_AGKIND, "Kardeş Şehir"), "sister_city");
	CHECK_STREQ(norm(FT_AGKIND, "kardes sehir"), "sister_city");
	CHECK_STREQ(norm(FT_AGKIND, "İyi Niyet Protokolü"), "goodwill");
	CHECK_STREQ(norm(FT_AGKIND, "iyi niyet sözleşmesi"), "goodwill");
	CHECK_STREQ(norm(FT_AGKIND, "Dostluk ve İşbirliği Sözleşmesi"),
	    "friendship");
	CHECK_STREQ(norm(FT_AGKIND, "dostluk ve iş birliği sözleşmesi"),
	    "friendship");
	CHECK_STREQ(norm(FT_AGKIND, "Mutabakat Zaptı"), "memorandum");
	CHECK_STREQ(norm(FT_AGKIND, "MoU"), "memorandum");
	CHECK_STREQ(norm(FT_AGKIND, "işbirliği protokolü"),
	    "cooperation_protocol");
	CHECK_STREQ(norm(FT_AGKIND, "cooperation-protocol"),
	    "cooperation_protocol");
	CHECK_STREQ(norm(FT_AGKIND, "Destekleyici Kurum Anlaşması"),
	    "supporting_structure");
	CHECK(is_err(norm(FT_AGKIND, "alliance")));
	CHECK_STREQ(norm(FT_AGSTATUS, "active"), "active");
	CHECK_STREQ(norm(FT_AGSTATUS, "Aktif"), "active");
	CHECK_STREQ(norm(FT_AGSTATUS, "sona erdi"), "ended");
	CHECK(is_err(norm(FT_AGSTATUS, "paused")));
	CHECK_STREQ(norm(FT_MSTATUS, "tam üye"), "full");
	CHECK_STREQ(norm(FT_MSTATUS, "iştirakçi üye"), "associate");
	CHECK_STREQ(norm(FT_MSTATUS, "Gözlemci"), "observer");
	CHECK(is_err(norm(FT_MSTATUS, "president")));
	CHECK_STREQ(norm(FT_AKIND, "ilçe belediyesi"), "district");
	CHECK_STREQ(norm(FT_AKIND, "büyükşehir"), "metropolitan");
	CHECK(is_err(norm(FT_AKIND, "planet")));
	CHECK_STREQ(norm(FT_COUNTRY, "Bosna Hersek"), "BA");
	CHECK(is_err(norm(FT_COUNTRY, "Bosnia Hercegovina")));
	CHECK(strstr(norm(FT_COUNTRY, "Bosnia Hercegovina"),
	    "did you mean Bosnia and Herzegovina (BA)") != NULL);
	CHECK_STREQ(norm(FT_DATE, "13 Aralık 2010"), "2010-12-13");
	CHECK(strstr(norm(FT_DATE, "2011-02-30"), "no such date") != NULL);
	CHECK(strstr(norm(FT_DATE, "Feb 30"), "bad date") != NULL);
	CHECK_STREQ(norm(FT_LIST, "planning; housing ;;planning;"),
	    "planning;housing");
	CHECK_STREQ(norm(FT_LIST, ";"), "");
	CHECK(is_err(norm(FT_LIST, "a\nb;c")));
	CHECK_STREQ(norm(FT_PARTIES, "Sarajevo (BA); Skopje (Makedonya)"),
	    "Sarajevo (BA);Skopje (MK)");
	CHECK_STREQ(norm(FT_PARTIES, "Novi (Sad) (RS)"), "Novi (Sad) (RS)");
	CHECK(is_err(norm(FT_PARTIES, "Sarajevo")));
	CHECK(is_err(norm(FT_PARTIES, "Sarajevo (Atlantis)")));
	CHECK_STREQ(norm(FT_NAME, "Beyoğlu"), "Beyoğlu");
	CHECK(is_err(norm(FT_NAME, "Bey\noğlu")));
	CHECK(is_err(norm(FT_NAME, "Bey\x1b[31moğlu")));
	CHECK_STREQ(norm(FT_TEXT, "two\nlines"), "two\nlines");
	CHECK(is_err(norm(FT_TEXT, "bell\a")));
	buf_free(&out);
	buf_free(&msg);
}
