/*
 * --columns on the results the library shapes whole (search, log): the
 * columns chosen by name, in the order given, or all of them.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

#define PICK_MAX 64

struct pick {
	struct twr_columns cols;
	size_t idx[PICK_MAX];
	const char *names[PICK_MAX];
	enum twr_type types[PICK_MAX];
	const char *vals[PICK_MAX];
	long long nums[PICK_MAX];
};

static void
pick_row(void *arg, const struct twr_row *in, struct twr_row *out)
{
	struct pick *p = arg;
	size_t i;

	for (i = 0; i < p->cols.n; i++) {
		p->vals[i] = in->vals[p->idx[i]];
		p->nums[i] = in->nums != NULL ? in->nums[p->idx[i]] : 0;
	}
	out->n = p->cols.n;
	out->vals = p->vals;
	out->nums = p->nums;
}

/* Column NAME (LEN bytes) of ALL, or -1. */
static long
column_index(const struct twr_columns *all, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < all->n; i++)
		if (strlen(all->names[i]) == len &&
		    memcmp(all->names[i], name, len) == 0)
			return (long)i;
	return -1;
}

/* "--columns: unknown column 'X' (expected a, b, or all)". */
static int
unknown_column(struct ctx *ctx, const struct twr_columns *all,
    const char *name, size_t len)
{
	struct sbuf b = { "", 0 };
	char word[256];
	size_t i;

	snprintf(word, sizeof(word), "%.*s", (int)len, name);
	sb_printf(&b, _("unknown column '%s' (expected "), word);
	for (i = 0; i < all->n; i++)
		sb_printf(&b, "%s%s", i > 0 ? ", " : "", all->names[i]);
	sb_printf(&b, "%s", _(", or all)"));
	return usage_error(ctx, "--columns: %s", b.p);
}

/* Choose the columns SPEC names among ALL into P. */
static int
pick_columns(struct ctx *ctx, const struct twr_columns *all,
    const char *spec, struct pick *p)
{
	const char *s = spec, *comma;
	size_t len;
	long k;

	p->cols.n = 0;
	if (strcmp(spec, "all") == 0) {
		for (k = 0; (size_t)k < all->n && k < PICK_MAX; k++)
			p->idx[p->cols.n++] = (size_t)k;
	} else
		for (;;) {
			comma = strchr(s, ',');
			len = comma != NULL ? (size_t)(comma - s) : strlen(s);
			if (len == 3 && memcmp(s, "all", 3) == 0)
				return usage_error(ctx, "--columns: %s",
				    _("'all' with other columns (expected "
				    "all alone, or a list of columns)"));
			if ((k = column_index(all, s, len)) < 0)
				return unknown_column(ctx, all, s, len);
			if (p->cols.n == PICK_MAX)
				return usage_error(ctx, _("--columns: more "
				    "than %d columns"), PICK_MAX);
			p->idx[p->cols.n++] = (size_t)k;
			if (comma == NULL)
				break;
			s = comma + 1;
		}
	for (k = 0; (size_t)k < p->cols.n; k++) {
		p->names[k] = all->names[p->idx[k]];
		p->types[k] = all->types[p->idx[k]];
	}
	p->cols.names = p->names;
	p->cols.types = p->types;
	return TWR_OK;
}

int
print_columns(struct ctx *ctx, struct twr_rows *r, const char *spec)
{
	struct pick p;
	int st;

	if (spec == NULL)
		return print_result(ctx, r);
	if ((st = pick_columns(ctx, twr_rows_columns(r), spec, &p)) !=
	    TWR_OK) {
		twr_rows_free(r);
		return st;
	}
	return print_result_mapped(ctx, r, &p.cols, pick_row, &p);
}
