/*
 * Benchmark data: write N sister-city rows as CSV to stdout, the same
 * bytes for the same N on every machine.
 *
 *	gen [ROWS [MUNICIPALITIES]]     (defaults 1000000 and 5000)
 *	gen -a ACTIVITIES TIES [MUNICIPALITIES]
 *
 * With -a, activities instead, on the first TIES rows that the same
 * MUNICIPALITIES would give: the first 1,000 on the first tie, the rest
 * spread at random, each naming its tie by `with`.
 *
 * About a third of the municipality names carry Turkish or other
 * diacritics; one row in ten has notes, some with quoted commas, quotes
 * and line breaks, and one in twenty topics; no two rows share an
 * identity (pair of parties, kind, date).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 88172645463325252ULL;

static unsigned long
rnd(unsigned long n)
{
	state ^= state << 13;	/* xorshift64 */
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned long)(state % n);
}

static const char *const plain[] = { "ka", "ra", "mer", "sin", "to", "de",
	"li", "ba", "an", "kor", "el", "vi", "nu", "ze", "pa", "lo", "tu",
	"ser", "gen", "da" };
static const char *const marked[] = { "şe", "çı", "ğa", "öz", "ün", "İs",
	"ış", "ço", "ée", "ár", "šo", "ću", "ők", "ža" };
static const char *const countries[] = { "TR", "DE", "FR", "IT", "BA", "MK",
	"BG", "GR", "HU", "RO", "RS", "AL", "XK", "AZ", "KZ", "KG", "UZ", "LB",
	"MA", "TN", "EG", "SA", "JP", "CN", "KR", "US", "BR", "NE", "SN", "DJ",
	"Türkiye", "Germany", "Bosna-Hersek", "Macaristan", "Japan", "XN",
	"MD", "PL", "CZ", "SK", "SI", "HR", "ME", "UA", "GE", "IR", "PK",
	"IN", "MY", "ID" };

#define NC (sizeof(countries) / sizeof(countries[0]))

static const char *const types[] = { "visit", "hosting", "meeting",
	"event", "festival", "exhibition", "training", "project", "exchange",
	"aid", "study_visit", "award", "other" };

/* Tie I: municipality *A with *B. */
static void
tie(unsigned long i, unsigned long nm, unsigned long *a, unsigned long *b)
{
	/* Row i ties municipality a to a+off, off < nm/2 and unique per a,
	   so no identity repeats. */
	unsigned long off = 1 + (i / nm) % (nm / 2 - 1);

	*a = i % nm;
	*b = (*a + off) % nm;
}

static void
activities(unsigned long rows, unsigned long ties, unsigned long nm,
    char (*names)[48], const char **cc)
{
	unsigned long i, a, b, t;

	printf("actor,actor_country,type,title,date,with,with_country,"
	    "tie_kind,participants\n");
	for (i = 0; i < rows; i++) {
		t = i < 1000 ? 0 : rnd(ties);
		tie(t, nm, &a, &b);
		printf("%s,%s,%s,Activity %lu,", names[a], cc[a],
		    types[rnd(13)], i);
		if (rnd(10) != 0)
			printf("%lu-%02lu-%02lu", 1990 + rnd(36), 1 + rnd(12),
			    1 + rnd(28));
		printf(",%s,%s,sister_city,", names[b], cc[b]);
		if (rnd(3) == 0)
			printf("%lu", 1 + rnd(200));
		putchar('\n');
	}
}

int
main(int argc, char **argv)
{
	int act = argc > 1 && strcmp(argv[1], "-a") == 0;
	unsigned long rows = argc > 1 + act ? strtoul(argv[1 + act], NULL, 10) :
	    1000000;
	unsigned long ties = act && argc > 3 ? strtoul(argv[3], NULL, 10) : 0;
	unsigned long nm = argc > 2 + 2 * act ? strtoul(argv[2 + 2 * act], NULL,
	    10) : 5000;
	char (*names)[48];
	const char **cc;
	unsigned long i, a, b;

	if (nm < 2 || (names = calloc(nm, sizeof(*names))) == NULL ||
	    (cc = calloc(nm, sizeof(*cc))) == NULL)
		return 1;
	for (i = 0; i < nm; i++) {
		/* A unique name: syllables from i, a third with marks. */
		unsigned long x = i;
		char *p = names[i];

		p += sprintf(p, "%c", "BKMSTADEGHLNPRVYZCFI"[x % 20]);
		x /= 20;
		do {
			const char *s = (i % 3 == 0 && x % 2 == 0) ?
			    marked[x % 14] : plain[x % 20];

			p += sprintf(p, "%s", s);
			x /= 14;
		} while (x > 0);
		if (i % 7 == 0)
			sprintf(p, " %s", i % 2 ? "Köy" : "City");
		cc[i] = countries[rnd(NC)];
	}
	if (act) {
		if (ties == 0)
			return 1;
		activities(rows, ties, nm, names, cc);
		free(names);
		free(cc);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	printf("municipality,municipality_country,sister_city,"
	    "sister_city_country,signed_on,status,topics,notes\n");
	for (i = 0; i < rows; i++) {
		tie(i, nm, &a, &b);
		printf("%s,%s,%s,%s,", names[a], cc[a], names[b], cc[b]);
		switch (rnd(10)) {
		case 0:
			break;
		case 1:
			printf("%lu", 1950 + rnd(75));
			break;
		case 2:
			printf("%02lu.%02lu.%lu", 1 + rnd(28), 1 + rnd(12),
			    1950 + rnd(75));
			break;
		default:
			printf("%lu-%02lu-%02lu", 1950 + rnd(75), 1 + rnd(12),
			    1 + rnd(28));
		}
		printf(",%s,", rnd(10) ? "active" : "dormant");
		if (rnd(20) == 0)
			printf("culture;%s", rnd(2) ? "youth" : "economy");
		putchar(',');
		switch (rnd(40)) {
		case 0:
		case 1:
			printf("\"joint festival, %lu guests\"", rnd(900));
			break;
		case 2:
			printf("\"visit of the \"\"twin\"\" delegation\nand "
			    "a second line\"");
			break;
		case 3:
			printf("iftar programme %lu", i);
			break;
		}
		putchar('\n');
	}
	free(names);
	free(cc);
	return fflush(stdout) == 0 ? 0 : 1;
}
