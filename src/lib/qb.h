/*
 * Building queries (qb.c): SQL text from fixed pieces, values only as
 * bound parameters.
 */
#ifndef TWR_QB_H
#define TWR_QB_H

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
	int numbered;		/* parameters are "?N" (see qb_arg) */
};

void qb_init(struct qb *q);
void qb_free(struct qb *q);
/* Append SQL text (fixed pieces only). */
void qb_sql(struct qb *q, const char *sql);
/* Append a parameter and bind a value to it. */
void qb_int(struct qb *q, long long v);
void qb_text(struct qb *q, const char *s);
/* Append " IN (?, ...)" for the N ids IDS. */
void qb_ids(struct qb *q, const long long *ids, size_t n);
/*
 * Bind a value to the next parameter number without appending it, for
 * fixed SQL that names it ("?1") itself, maybe more than once; before
 * any other parameter.  The parameters that follow are numbered too
 * ("?3"): SQLite numbers a plain "?" after the highest it has seen.
 */
void qb_arg(struct qb *q, const char *s);
/* Prepare the query and bind its values; NULL with ERR filled in. */
struct stmt *qb_prepare(struct twr_db *db, struct qb *q,
    struct twr_error *err);

#endif
