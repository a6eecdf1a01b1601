/*
 * Errors kept in file order: the first max of them, whatever order they
 * are found in.
 */
#include <stdlib.h>
#include <string.h>

#include "errlist.h"

void
errlist_init(struct errlist *el, unsigned long max)
{
	memset(el, 0, sizeof(*el));
	el->max = max;
}

void
errlist_free(struct errlist *el)
{
	size_t i;

	for (i = 0; i < el->n; i++)
		free(el->errs[i].m);
	free(el->errs);
	memset(el, 0, sizeof(*el));
}

int
errlist_stop(struct errlist *el)
{
	if (el->total < el->max)
		return 0;
	el->full = 1;
	return 1;
}

static int
pending_cmp(const struct pending *a, const struct pending *b)
{
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

void
errlist_add(struct errlist *el, size_t file, unsigned long line,
    unsigned col, const struct twr_msg *m)
{
	struct pending e, *p;
	size_t i;

	el->total++;
	if (el->bad_rows == 0 || el->seq != el->bad_seq)
		el->bad_rows++;
	el->bad_seq = el->seq;
	e.file = file;
	e.line = line;
	e.col = col;
	if (el->n == el->max) {
		/* Full: it must come before the last kept to be kept. */
		if (pending_cmp(&e, &el->errs[el->n - 1]) >= 0)
			return;
		free(el->errs[--el->n].m);
	}
	if (el->n == el->cap) {
		size_t c = el->cap ? 2 * el->cap : 16;

		if (c > el->max)
			c = el->max;
		if ((p = realloc(el->errs, c * sizeof(*p))) == NULL) {
			el->lost = 1;
			return;
		}
		el->errs = p;
		el->cap = c;
	}
	if ((e.m = msg_copy(m)) == NULL) {
		el->lost = 1;
		return;
	}
	/* Insert in order (errors mostly come in order: from the end). */
	for (i = el->n; i > 0 && pending_cmp(&e, &el->errs[i - 1]) < 0; i--)
		;
	p = &el->errs[i];
	memmove(p + 1, p, (el->n - i) * sizeof(*p));
	*p = e;
	el->n++;
}

void
errlist_flush(struct errlist *el, struct twr_db *db, char *const *files)
{
	struct twr_msg m;
	size_t i, told = el->n;

	for (i = 0; i < el->n; i++) {
		struct pending *e = &el->errs[i];

		diag_msg(db, TWR_ERROR, e->file == NO_FILE ? NULL :
		    files[e->file], e->line, e->col, e->m);
		free(e->m);
	}
	el->n = 0;
	memset(&m, 0, sizeof(m));
	if (el->lost) {
		m.code = TWR_E_ERRORS_LOST;
		diag_msg(db, TWR_ERROR, NULL, 0, 0, &m);
	} else if (el->full || el->total > told) {
		m.code = TWR_E_TOO_MANY_ERRORS;
		m.n[0] = (long long)told;
		m.n[1] = (long long)el->total;
		m.n[2] = el->full;
		diag_msg(db, TWR_ERROR, NULL, 0, 0, &m);
	}
}
