/*
 * Actors (actors.c): finding them by any spelling, creating them, their
 * parents and other spellings.
 */
#ifndef TWR_ACTORS_H
#define TWR_ACTORS_H

#include "internal.h"

/*
 * Ids of the actors NAME names in COUNTRY (NULL: any): by canonical name
 * if any has it, else by other spelling or English name; compared
 * folded.  *IDS is malloc'd (caller frees; NULL when none), *N its
 * length.
 */
enum twr_status actor_lookup(struct twr_db *db, const char *name,
    const char *country, long long **ids, size_t *n, struct twr_error *err);
/* The same for an already folded KEY. */
enum twr_status actor_lookup_key(struct twr_db *db, const char *key,
    const char *country, long long **ids, size_t *n, struct twr_error *err);
/* Append up to 3 actor names nearest to NAME to OUT ("A, B or C"). */
void actor_suggest(struct twr_db *db, const char *name, struct twr_buf *out);

/*
 * Create actor ID named NAME in COUNTRY (may be NULL) of KIND (may be
 * NULL), added by import batch BATCH (0: none), and index its name.
 * *CACHE keeps the statement between calls; the caller frees it.
 */
enum twr_status actor_insert(struct twr_db *db, struct stmt **cache,
    long long id, const char *name, const char *country, const char *kind,
    long long batch, struct twr_error *err);
/* Would making PARENT the parent of actor ID close a loop? */
int parent_loop(struct twr_db *db, long long id, long long parent);
/* The parent of actor ID (0: none) and its name (malloc'd, or NULL). */
enum twr_status actor_parent_of(struct twr_db *db, long long id,
    long long *parent, char **name, struct twr_error *err);

/* Add the other spellings LIST (';'-separated) to actor ID, those it
 * lacks; *ADDED (may be NULL) counts them.  *CACHE as for actor_insert. */
enum twr_status aliases_add(struct twr_db *db, struct stmt **cache,
    long long id, const char *list, int *added, struct twr_error *err);
/* Replace the other spellings of actor ID with LIST. */
enum twr_status aliases_set(struct twr_db *db, long long id,
    const char *list, struct twr_error *err);
/* The other spellings of actor ID as a ';' list in byte order,
 * malloc'd, or NULL. */
char *alias_list(struct twr_db *db, long long id);

#endif
