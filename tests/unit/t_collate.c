/* Turkish alphabetical order. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unit.h"

static int
cmp(const char *a, const char *b)
{
	return collate_tr(a, strlen(a), b, strlen(b));
}

static int
cmp_qsort(const void *a, const void *b)
{
	return cmp(*(const char *const *)a, *(const char *const *)b);
}

void
t_collate(void)
{
	const char *names[] = { "Zeytinburnu", "Üsküdar", "Esenyurt",
		"Çekmeköy", "Beyoğlu", "İzmir", "Ilgaz", "Ödemiş", "Osmaniye",
		"Şile", "Sarıyer", "Gaziosmanpaşa", "Güngören", "Ümraniye",
		"Ulus", "Çorlu", "Cide", "Kadıköy", "Kağıthane", "Kâhta" };
	const char *want[] = { "Beyoğlu", "Cide", "Çekmeköy", "Çorlu",
		"Esenyurt", "Gaziosmanpaşa", "Güngören", "Ilgaz", "İzmir",
		"Kadıköy", "Kağıthane", "Kâhta", "Osmaniye", "Ödemiş",
		"Sarıyer", "Şile", "Ulus", "Ümraniye", "Üsküdar",
		"Zeytinburnu" };
	size_t i;

	qsort(names, sizeof(names) / sizeof(names[0]), sizeof(names[0]),
	    cmp_qsort);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		CHECK_STREQ(names[i], want[i]);

	CHECK(cmp("c", "ç") < 0 && cmp("ç", "d") < 0);
	CHECK(cmp("g", "ğ") < 0 && cmp("ğ", "h") < 0);
	CHECK(cmp("ı", "i") < 0 && cmp("h", "ı") < 0);
	CHECK(cmp("o", "ö") < 0 && cmp("ö", "p") < 0);
	CHECK(cmp("s", "ş") < 0 && cmp("ş", "t") < 0);
	CHECK(cmp("u", "ü") < 0 && cmp("ü", "v") < 0);
	CHECK(cmp("Ilgaz", "İzmir") < 0);
	CHECK(cmp("Ilgaz", "ılgaz") > 0);	/* I is capital ı */
	CHECK(cmp("Ilgaz", "ılgb") < 0 && cmp("Ilgaz", "ilgaz") < 0);
	/* Accents other than Turkish letters sort with the base letter. */
	CHECK(cmp("Pécs", "Pedro") < 0 && cmp("Pecs", "Pécs") < 0);
	CHECK(cmp("Čačak", "Cacak") > 0 && cmp("Čačak", "Cad") < 0);
	/* Case comes after letters; the order is total. */
	CHECK(cmp("ankara", "Ankara") < 0 && cmp("Ankara", "ankarb") < 0);
	CHECK(cmp("abc", "abc") == 0);
	/* Digits before letters, Latin before Greek before Cyrillic. */
	CHECK(cmp("10 Mayıs", "Adana") < 0);
	CHECK(cmp("Zagreb", "Αθήνα") < 0 && cmp("Αθήνα", "Белград") < 0);
	CHECK(cmp("Αθήνα", "Βόλος") < 0);
	CHECK(cmp("Белград", "Скопје") < 0);
	/* A shared start is skipped only up to a whole character: ç and
	   Ç share their first byte, and their second bytes (A7, 87) are in
	   the order opposite to the letters'. */
	CHECK(cmp("abç", "abÇ") < 0 && cmp("abÇ", "abç") > 0);
	CHECK(cmp("Kadıç", "KadıÇ") < 0 && cmp("Kadıçz", "KadıÇa") > 0);
	CHECK(cmp("Kadı", "Kadıköy") < 0 && cmp("Kadıköy", "Kadı") > 0);
	CHECK(cmp("Çekmeköy - Ilgaz", "Çekmeköy - İzmir") < 0);
	CHECK(cmp("Çekmeköy - ılgaz", "Çekmeköy - Ilgaz") < 0);
	CHECK(cmp("Çekmeköy", "Çekmeköy") == 0);
}
