/*
 * twr_complete: names, other spellings and countries that start with a
 * prefix, folded as names are compared, in Turkish order, at most LIMIT.
 */
#include <stdlib.h>

#include "twinreg.h"
#include "unit.h"

static const char actors[] =
    "name,country,kind,name_en,aliases\n"
    "Sarıyer,TR,district,,\n"
    "Sarajevo,BA,municipality,,Saraybosna\n"
    "Şişli,TR,district,,\n"
    "Newcastle,GB,municipality,,\n"
    "New Haven,US,municipality,,\n"
    "Küçükçekmece,TR,district,,\n"
    "Marmara Belediyeler Birliği,TR,union,Marmara Municipalities Union,"
    "MBB\n"
    "NALAS,MK,network,,\n"
    "Eurocities,BE,network,,\n";
static const char members[] =
    "member,member_country,network,network_country,since\n"
    "Sarıyer,TR,NALAS,MK,2012\n";

static struct twr_db *
registry(void)
{
	static const struct unit_file files[] = {
		{ "actors.csv", actors }, { "members.csv", members },
	};

	return unit_registry(files, sizeof(files) / sizeof(files[0]), NULL);
}

/* The words twr_complete gives, joined by '|', into a static buffer;
   "ERROR" when it fails. */
static const char *
words(struct twr_db *db, enum twr_complete what, const char *prefix,
    int turkish, unsigned limit)
{
	static char buf[2048];
	struct twr_rows *r;
	size_t n = 0;

	buf[0] = '\0';
	if (twr_complete(db, what, prefix, turkish, limit, &r, NULL) !=
	    TWR_OK)
		return "ERROR";
	while (twr_rows_next(r, NULL) == TWR_ROW)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    n ? "|" : "", twr_rows_get(r)->vals[0]);
	twr_rows_free(r);
	return buf;
}

/* The actors completing PREFIX (at most 10, in English) are WANT: a
   macro, so that a failure names its own line. */
#define ACTOR(prefix, want) \
	CHECK_STREQ(words(db, TWR_COMPLETE_ACTOR, prefix, 0, 10), want)

void
t_complete(void)
{
	struct twr_db *db = registry();

	CHECK(db != NULL);
	if (db == NULL)
		return;
	/* Folded: case and diacritics aside, Turkish ı and ş too. */
	ACTOR("kucukc", "Küçükçekmece");
	ACTOR("KÜÇÜKÇ", "Küçükçekmece");
	ACTOR("sis", "Şişli");
	/* Turkish order: Sarajevo before Sarıyer, a before ı. */
	ACTOR("sar", "Sarajevo|Sarıyer");
	/* An other spelling when only it matches; the name when it does. */
	ACTOR("saray", "Saraybosna");
	ACTOR("marmara", "Marmara Belediyeler Birliği");
	ACTOR("mb", "MBB");
	ACTOR("Marmara Mun", "Marmara Municipalities Union");
	/* A space typed last ends a word: "New " is not "Newcastle". */
	ACTOR("new", "New Haven|Newcastle");
	ACTOR("New ", "New Haven");
	ACTOR("zz", "");
	/* LIMIT, and every canonical name for an empty prefix. */
	CHECK_STREQ(words(db, TWR_COMPLETE_ACTOR, "", 0, 3),
	    "Eurocities|Küçükçekmece|Marmara Belediyeler Birliği");
	CHECK_STREQ(words(db, TWR_COMPLETE_ACTOR, NULL, 0, 1), "Eurocities");
	/* Networks: those that have members. */
	CHECK_STREQ(words(db, TWR_COMPLETE_NETWORK, "", 0, 10), "NALAS");
	CHECK_STREQ(words(db, TWR_COMPLETE_NETWORK, "euro", 0, 10), "");
	/* The registry's countries: code for one or two letters, the name
	   in the language asked, the other's when only it matches three
	   letters or more. */
	CHECK_STREQ(words(db, TWR_COMPLETE_COUNTRY, "", 0, 10),
	    "Belgium|Bosnia and Herzegovina|North Macedonia|Türkiye|"
	    "United Kingdom|United States");
	CHECK_STREQ(words(db, TWR_COMPLETE_COUNTRY, "b", 0, 10),
	    "BA|BE|Belgium|Bosnia and Herzegovina");
	CHECK_STREQ(words(db, TWR_COMPLETE_COUNTRY, "bos", 1, 10),
	    "Bosna-Hersek");
	CHECK_STREQ(words(db, TWR_COMPLETE_COUNTRY, "bosnia", 1, 10),
	    "Bosnia and Herzegovina");
	CHECK_STREQ(words(db, TWR_COMPLETE_COUNTRY, "tur", 0, 10), "Türkiye");
	CHECK_STREQ(words(db, TWR_COMPLETE_COUNTRY, "birl", 0, 10),
	    "Birleşik Krallık");
	CHECK_STREQ(words(db, TWR_COMPLETE_COUNTRY, "braz", 0, 10), "");
	/* Every country, no registry needed. */
	CHECK_STREQ(words(NULL, TWR_COMPLETE_ANY_COUNTRY, "braz", 0, 10),
	    "Brazil");
	CHECK_STREQ(words(NULL, TWR_COMPLETE_ANY_COUNTRY, "alm", 1, 10),
	    "Almanya");
	CHECK_STREQ(words(NULL, TWR_COMPLETE_ANY_COUNTRY, "", 0, 2),
	    "Afghanistan|Åland Islands");
	/* No registry: no names, and no failure. */
	CHECK_STREQ(words(NULL, TWR_COMPLETE_ACTOR, "a", 0, 10), "");
	CHECK_STREQ(words(NULL, TWR_COMPLETE_COUNTRY, "a", 0, 10), "");
	twr_close(db);
}
