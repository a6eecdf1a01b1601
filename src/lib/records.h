/* Reading and writing single records (records.c). */
#ifndef TWR_RECORDS_H
#define TWR_RECORDS_H

#include "kinds.h"

/* Set text field FIELD of record ID in TAB to TEXT (NULL or "": none),
 * keeping an actor's folded name keys in step. */
enum twr_status record_set(struct twr_db *db, const struct table *tab,
    long long id, int field, const char *text, struct twr_error *err);
/* Set actor reference WHICH (0 or 1: tab->ref) of record ID to ACTOR
 * (0: none). */
enum twr_status record_set_ref(struct twr_db *db, const struct table *tab,
    long long id, int which, long long actor, struct twr_error *err);
/* The same for the text column named COLUMN. */
enum twr_status record_set_named(struct twr_db *db, const struct table *tab,
    long long id, const char *column, const char *text,
    struct twr_error *err);
/* The parties beyond the first two of agreement ID, or the partners of
 * activity ID ("Name (CC);..."), malloc'd, or NULL. */
char *others_list(struct twr_db *db, long long id);
/* Replace the third and further parties of agreement ID, or the
 * partners of activity ID, with LIST ("Name (CC);..."), creating actors
 * as needed under CHANGE. */
enum twr_status others_set(struct twr_db *db, long long id,
    const char *list, long long change, struct twr_error *err);
/*
 * The actor NAME names in COUNTRY, created (with KIND, noted) under
 * CHANGE when the registry has none; FIELD names the value for
 * messages.  TWR_DATAERR when NAME names several.
 */
enum twr_status resolve_actor(struct twr_db *db, const char *field,
    const char *name, const char *country, const char *kind,
    long long change, long long *id, struct twr_error *err);

#endif
