/*
 * The filters of `list` and `report`, resolved once per command
 * (filter.c): names to actor ids, the country to its code and actors,
 * words to their stored forms, dates to bounds.  Hints about names that
 * match nothing are told then, once; SQL is built from the result.
 */
#ifndef TWR_FILTER_H
#define TWR_FILTER_H

#include "qb.h"

/* Resolving for a report: the filters of every kind of tie apply. */
#define FILTER_TIES ((enum twr_list_what)-1)

/* The most years --dormant takes. */
#define DORMANT_MAX 100

struct idset {
	long long *ids;
	size_t n;
	long long *third;	/* agreements naming one as a third party */
	size_t nthird;
};

struct filter {
	const struct twr_filter *f;
	int nomatch;			/* a country no actor is in */
	struct idset mun, partner, network, country;
	char cc[4];			/* the country's code */
	const char *kind;		/* the agreement (actors: actor) kind */
	const char *ag_status, *m_status;
	char *topic;			/* folded, or NULL */
	const char *lacks;		/* a word of TWR_V_LACKS, or NULL */
	const char *type;		/* an activity type */
	/* Dormant ties: the first day of the window of activity, and the
	   bound of the day after the day of reference. */
	char window[DATE_MAX], dormant_end[DATE_MAX];
	/* Bounds of dates of any precision compared as text (date_bound):
	   signed (begun) on or after FROM, before TO; in force on AS_OF
	   (the bound of the day after). */
	char from[DATE_MAX], to[DATE_MAX], as_of[DATE_MAX];
	/* No filter was given: every tie.  A report then reads the counts
	   the store keeps (tie_counts, party_counts).  A copy that adds
	   conditions clears it. */
	int every;
};

/*
 * Resolve F for listing WHAT (FILTER_TIES for a report) into R; release
 * it with filter_free().  Returns TWR_USAGE for a value that is not
 * valid or a filter that does not apply to WHAT, and TWR_NOTFOUND (with
 * the nearest names as hint) for a name or country no actor has.  A
 * known country no actor is in sets R->nomatch: no rows.
 */
enum twr_status filter_resolve(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *f, struct filter *r, struct twr_error *err);
void filter_free(struct filter *r);

/* Does R apply to WHAT at all (a report leaves the rest out)? */
int filter_applies(const struct filter *r, enum twr_list_what what);

/*
 * Append " AND ..." conditions for R to Q, for rows of WHAT whose table
 * alias is "g" (agreements, memberships or actors).  INDEXED asks for
 * conditions on the parties that the identity indexes serve (else on
 * plain columns, for a query that reads the dates index).
 */
void filter_sql(const struct filter *r, enum twr_list_what what,
    int indexed, struct qb *q);

#endif
