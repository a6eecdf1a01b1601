/* The rules for each kind of value. */
#include "values.h"
#include "unit.h"

static struct twr_buf out;
static struct vmsg vm;

/* The stored form of RAW as TYPE (a term of VOCAB), or "ERR: <code>
   <value> [<hint>]". */
static const char *
norm_v(enum vtype type, enum twr_vocab vocab, const char *raw)
{
	const struct twr_msg *m;

	buf_reset(&out);
	if (value_check(type, vocab, raw, &out, &vm) == -1) {
		m = vmsg_get(&vm);
		buf_reset(&out);
		buf_printf(&out, "ERR: %d %s [%s]", (int)m->code,
		    m->value ? m->value : "", m->hint ? m->hint : "");
	}
	return buf_str(&out);
}

/* The types of the old tests, as a type and a vocabulary. */
enum { FT_AGKIND = 100, FT_AGSTATUS, FT_MSTATUS, FT_AKIND };

static const char *
norm(int type, const char *raw)
{
	switch (type) {
	case FT_AGKIND:
		return norm_v(V_TERM, TWR_V_AGREEMENT_KIND, raw);
	case FT_AGSTATUS:
		return norm_v(V_TERM, TWR_V_AGREEMENT_STATUS, raw);
	case FT_MSTATUS:
		return norm_v(V_TERM, TWR_V_MEMBERSHIP_STATUS, raw);
	case FT_AKIND:
		return norm_v(V_TERM, TWR_V_ACTOR_KIND, raw);
	default:
		return norm_v((enum vtype)type, TWR_V_COUNT, raw);
	}
}

#define FT_COUNTRY V_COUNTRY
#define FT_DATE V_DATE
#define FT_LIST V_LIST
#define FT_PARTIES V_PARTIES
#define FT_NAME V_NAME
#define FT_TEXT V_TEXT

/* "ERR: <code> " of CODE, to compare with norm()'s. */
static const char *
err_of(enum twr_code code)
{
	static char b[32];

	snprintf(b, sizeof(b), "ERR: %d ", (int)code);
	return b;
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
	vmsg_init(&vm);
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
	    "[Bosnia and Herzegovina (BA)") != NULL);
	CHECK_STREQ(norm(FT_DATE, "13 Aralık 2010"), "2010-12-13");
	CHECK(strncmp(norm(FT_DATE, "2011-02-30"), err_of(TWR_E_NO_SUCH_DATE),
	    strlen(err_of(TWR_E_NO_SUCH_DATE))) == 0);
	CHECK(strncmp(norm(FT_DATE, "Feb 30"), err_of(TWR_E_DATE),
	    strlen(err_of(TWR_E_DATE))) == 0);
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
	vmsg_free(&vm);
}
