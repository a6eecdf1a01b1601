/* A small unit-test framework: CHECK a condition, count the results. */
#ifndef TWR_UNIT_H
#define TWR_UNIT_H

#include <stdio.h>
#include <string.h>

extern unsigned long unit_pass, unit_fail;

#define CHECK(c) do { \
	if (c) \
		unit_pass++; \
	else { \
		unit_fail++; \
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, \
		    __LINE__, #c); \
	} \
} while (0)

#define CHECK_STREQ(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (a_ != NULL && b_ != NULL && strcmp(a_, b_) == 0) \
		unit_pass++; \
	else { \
		unit_fail++; \
		fprintf(stderr, "%s:%d: '%s' != '%s' (%s)\n", __FILE__, \
		    __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)", #a); \
	} \
} while (0)

/* A registry in memory holding N CSV files (each a name and its text)
   imported as one batch, its diagnostics told to DIAG (may be NULL);
   NULL on failure (registry.c). */
struct twr_db;
struct twr_diag;
struct unit_file {
	const char *name, *text;
};
struct twr_db *unit_registry(const struct unit_file *files, size_t n,
    void (*diag)(void *, const struct twr_diag *));

/* A diagnostic function that counts errors in unit_errors
   (registry.c). */
extern unsigned long unit_errors;
void unit_count_errors(void *arg, const struct twr_diag *d);

/* The test files; main.c runs them in order. */
void t_date(void);
void t_fold(void);
void t_collate(void);
void t_width(void);
void t_country(void);
void t_value(void);
void t_csvin(void);
void t_ident(void);
void t_sha256(void);
void t_api(void);
void t_schema(void);
void t_complete(void);
void t_progress(void);
void t_counts(void);
void t_snapshot(void);
void t_names(void);
void t_ahead(void);
void t_stream(void);
/* A report on DB counts no tie that OTHER, a second connection to the
   same registry, commits between two of its statements (t_snapshot.c). */
void t_snapshot_between(struct twr_db *db, struct twr_db *other);
/* A failed report and show end their snapshots, on DB (t_snapshot.c). */
void t_snapshot_errors(struct twr_db *db);
/* The counts test on DB (t_counts.c), of the random registry SEED. */
void t_counts_in(struct twr_db *db, unsigned seed);
/* The rows of a statement read in batches, on DB (t_stream.c); PG: on
   PostgreSQL, OTHER a second connection to it. */
void t_stream_in(struct twr_db *db, struct twr_db *other, int pg);
/* unit --pg URL (t_pg.c) */
void t_pg(const char *url);

#endif
