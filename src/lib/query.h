/*
 * Building filtered queries (query.c): SQL text from fixed pieces, values
 * only as bound parameters.
 */
#ifndef TWR_QUERY_H
#define TWR_QUERY_H

#include "internal.h"

struct qbind {
	int is_int;
	long long i;
	char *s;
};

struct qb {
	struct twr_buf sql;
	struct qbind *binds;
	size_t n, cap;
	int nomatch;		/* a name matched nothing: no rows */
	int numbered;		/* parameters are "?N" (see qb_arg) */
};

void qb_init(struct qb *q);
void qb_free(struct qb *q);
/* Append SQL text (fixed pieces only). */
void qb_sql(struct qb *q, const char *sql);
/* Append a parameter and bind a value to it. */
void qb_int(struct qb *q, long long v);
void qb_text(struct qb *q, const char *s);
/*
 * Bind a value to the next parameter number without appending it, for
 * fixed SQL that names it ("?1") itself, maybe more than once; before
 * any other parameter.  The parameters that follow are numbered too
 * ("?3"): SQLite numbers a plain "?" after the highest it has seen.
 */
void qb_arg(struct qb *q, const char *s);
/* Prepare the query and bind its values. */
struct stmt *qb_prepare(struct twr_db *db, struct qb *q,
    struct twr_error *err);

/*
 * Append " AND ..." conditions for FILTER to Q, for rows of WHAT whose
 * table alias is "g" (agreements or memberships) or "a" (actors).
 * Returns TWR_USAGE for a bad filter value; sets q->nomatch when a name
 * matches no actor (after a hint through the diagnostic callback).
 */
enum twr_status filter_where(struct twr_db *db, enum twr_list_what what,
    const struct twr_filter *f, struct qb *q, struct twr_error *err);

/* Would FILTER's options all apply to WHAT (no "does not apply")? */
int filter_applies(enum twr_list_what what, const struct twr_filter *f);

#endif
