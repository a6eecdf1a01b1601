/*
 * Reading a record's values: each checked by its column's rule
 * (values.c), the stored forms kept in an arena, the bad ones reported.
 */
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "values.h"

struct val *
rec_val(struct rec *r, const struct column *c)
{
	static const int at[] = { [R_NAME_A] = RV_NAME_A,
	    [R_COUNTRY_A] = RV_CC_A, [R_NAME_B] = RV_NAME_B,
	    [R_COUNTRY_B] = RV_CC_B, [R_ALIASES] = RV_ALIASES,
	    [R_PARENT] = RV_PARENT, [R_PARTIES] = RV_PARTIES,
	    [R_TIE_NAME] = RV_TIE_NAME, [R_TIE_COUNTRY] = RV_TIE_CC,
	    [R_TIE_KIND] = RV_TIE_KIND };

	return &r->v[c->role == R_FIELD ? c->field : at[c->role]];
}

/* What a required column holds, for messages. */
static enum twr_expect
wanted(const struct column *c)
{
	return c->type == V_NAME ? TWR_X_NAME : c->type == V_COUNTRY ?
	    TWR_X_COUNTRY : c->type == V_TERM ? TWR_X_TERM : TWR_X_VALUE;
}

int
rec_read(struct loader *l, struct rec *r, const struct kind *k, size_t n,
    char *const *raw, const struct column *const *cols,
    const unsigned long *lines, struct twr_buf *arena, struct twr_error *err)
{
	unsigned long errors = l->errs->total;
	struct vmsg vm;
	struct twr_msg m;
	size_t i;
	int64_t known;

	memset(r->v, 0, sizeof(r->v));
	r->k = k;
	r->line = lines ? lines[0] : 0;
	buf_reset(arena);
	vmsg_init(&vm);
	for (i = 0; i < n; i++) {
		const struct column *c = cols[i];
		struct val *v = rec_val(r, c);
		char *s = trim_blanks(raw[i]);

		v->given = 1;
		v->col = lines ? (unsigned)i + 1 : 0;
		v->line = lines ? lines[i] : 0;
		v->c = c;
		v->off = (size_t)-1;
		if (*s == '\0')
			continue;
		v->off = arena->len;
		/* Countries repeat: remember how each was written. */
		if (c->type == V_COUNTRY && map_get(&l->countries, s,
		    strlen(s), &known)) {
			buf_adds(arena, twr_countries[known].code);
			buf_addc(arena, '\0');
			continue;
		}
		if (value_check(c->type, c->vocab, s, arena, &vm) == -1) {
			v->off = (size_t)-1;
			v->bad = 1;
			loader_bad(l, r, v, vmsg_get(&vm));
			continue;
		}
		if (c->type == V_COUNTRY)
			map_put(&l->countries, s, strlen(s),
			    country_by_code(arena->p + v->off) - twr_countries);
		buf_addc(arena, '\0');
	}
	vmsg_free(&vm);
	if (arena->oom)
		return err_nomem(err), -1;
	for (i = 0; i < k->ncols; i++) {
		const struct column *c = &k->cols[i];
		struct val *v = rec_val(r, c);

		if (!(c->flags & COL_REQUIRED) || v->bad ||
		    (v->given && v->off != (size_t)-1) ||
		    (!v->given && !l->add))
			continue;
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_MISSING;
		m.field = c->name;
		m.n[0] = wanted(c);
		m.n[1] = v->given;
		m.n[2] = c->type == V_TERM ? (long long)c->vocab : 0;
		if (v->given)
			loader_bad(l, r, v, &m);
		else
			loader_bad(l, r, NULL, &m);
	}
	if (l->errs->total != errors)
		return -1;
	for (i = 0; i < RV_COUNT; i++)
		r->v[i].p = r->v[i].given && r->v[i].off != (size_t)-1 ?
		    arena->p + r->v[i].off : NULL;
	if (k->agkind != NULL) {
		r->v[AG_KIND].p = k->agkind;
		r->v[AG_KIND].given = 1;
	}
	return 0;
}

