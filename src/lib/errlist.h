/*
 * Errors of an import or an add, kept to be told in file order once all
 * is read (errlist.c): bulk loading finds some of them late.
 */
#ifndef TWR_ERRLIST_H
#define TWR_ERRLIST_H

#include "internal.h"

#define NO_FILE ((size_t)-1)

struct pending {
	size_t file;			/* index in the file names, or NO_FILE */
	unsigned long line;
	unsigned col;
	struct twr_msg *m;		/* malloc'd with its strings */
};

struct errlist {
	unsigned long max;		/* keep the first MAX in file order */
	unsigned long total;		/* errors found */
	unsigned long bad_rows;		/* records with one or more */
	unsigned long seq;		/* the record being read */
	unsigned long bad_seq;		/* the record of the last error */
	int full;			/* reading stopped at max */
	int lost;			/* out of memory keeping one */
	struct pending *errs;
	size_t n, cap;
};

void errlist_init(struct errlist *el, unsigned long max);
void errlist_free(struct errlist *el);
/* Count an error of the record being read, at FILE, LINE, COL. */
void errlist_add(struct errlist *el, size_t file, unsigned long line,
    unsigned col, const struct twr_msg *m);
/* Has the list reached its maximum?  Then reading stops. */
int errlist_stop(struct errlist *el);
/* Tell the kept errors on DB in order (FILES names them), then how many
 * more there were; the list is emptied. */
void errlist_flush(struct errlist *el, struct twr_db *db,
    char *const *files);

#endif
