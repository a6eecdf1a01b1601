/*
 * Summary reports (report*.c): the shared tallies and queries.
 */
#ifndef TWR_REPORT_H
#define TWR_REPORT_H

#include "filter.h"
#include "kinds.h"

/* The agreements that may not be in force, as the exceptions index has
 * them. */
#define EXCEPTIONS "g.status = 'planned' OR g.status = 'ended' OR " \
	"g.ended_on IS NOT NULL"

/* Orders of a tally's keys for emit_tally: most in the year first, then
 * by key; Turkish order of keys. */
int by_count(const void *a, const void *b);
int by_key_tr(const void *a, const void *b);
/* Add T's keys as rows of section SEC, ordered by CMP, with a total
 * row when TOTAL, the year before when PREV.  Returns 0 or -1. */
int emit_tally(struct twr_rows *r, const char *sec, struct tally *t,
    int (*cmp)(const void *, const void *), int total, int prev);
/* A row of SEC, KEY and figures COUNT, PREV, COUNT - PREV (PREV < 0: no
 * year before). */
int fig_row(struct twr_rows *r, const char *sec, const char *key,
    long long cnt, long long prev);
extern const char *const fig_cols[];
extern const enum twr_type fig_types[];

void num(char *buf, long long v);	/* BUF holds 24 bytes */
int year_of(const char *d);
/* "Name (CC)" of country CODE in English, or "(unknown)". */
const char *country_label(const char *code, char *buf, size_t size);
/* " AND g.kind IN (every agreement kind)", for the dates index. */
const char *sql_all_kinds(void);

/* Actors by id, for labels: "Name (CC)" and the country. */
struct actor_names {
	long long *id;
	char **label;
	char **country;
	size_t n;
	long *pos;		/* dense ids: the index of id lo + i, or -1 */
	long long lo;		/* the first id */
	size_t span;		/* ids from lo in pos (pos NULL: search id) */
};

enum twr_status names_load(struct twr_db *db, struct actor_names *a,
    struct twr_error *err);
void names_free(struct actor_names *a);
/* Index A's ids by subtraction when they have few gaps (a registry's,
   unless most actors were deleted), for names_at; names_load does. */
void names_index(struct actor_names *a);
/* The index of actor ID in A, or -1. */
long names_at(const struct actor_names *a, long long id);

/* Start Q with SELECT_SQL (ending in "WHERE 1") and F's conditions for
 * WHAT, or no rows when F does not apply to WHAT. */
void select_ties(const struct filter *f, enum twr_list_what what,
    const char *select_sql, struct qb *q);
/* The same, then TAIL (may be NULL), prepared. */
struct stmt *ties_query(struct twr_db *db, const struct filter *f,
    enum twr_list_what what, const char *select_sql, const char *tail,
    struct twr_error *err);
/* Every row of ST (freed) as a new rows object of N columns. */
enum twr_status collect(struct stmt *st, size_t n,
    const char *const *names, const enum twr_type *types,
    struct twr_rows **rows, struct twr_error *err);

enum twr_status report_yearly(struct twr_db *db, int y,
    const struct filter *f, struct twr_rows **rows, struct twr_error *err);
enum twr_status report_countries(struct twr_db *db, const struct filter *f,
    struct twr_rows **rows, struct twr_error *err);
enum twr_status report_networks(struct twr_db *db, const struct filter *f,
    struct twr_rows **rows, struct twr_error *err);
enum twr_status report_municipalities(struct twr_db *db,
    const struct filter *f, struct twr_rows **rows, struct twr_error *err);
/* Add yearly's sections on activities: of year Y by type, the ties
 * with one in Y, the ties dormant at its end. */
enum twr_status yearly_activities(struct twr_db *db, const struct filter *f,
    int y, struct twr_rows *r, struct twr_error *err);
enum twr_status report_activities(struct twr_db *db, int y,
    const struct filter *f, struct twr_rows **rows, struct twr_error *err);
enum twr_status report_timeline(struct twr_db *db,
    const struct twr_report_opts *o, const struct filter *f,
    struct twr_rows **rows, struct twr_error *err);

#endif
