/*
 * Countries by ISO 3166-1 code or by English, Turkish or other name,
 * compared folded ("Bosna Hersek", "bosna-hersek" and "Bosna-Hersek" are
 * one name).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct name_ent {
	char *key;		/* folded name */
	const struct twr_country *c;
};

static struct name_ent *names;	/* sorted by key, built on first use */
static size_t nnames;

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct name_ent *)a)->key,
	    ((const struct name_ent *)b)->key);
}

static void
add_name(size_t *cap, const char *name, size_t len,
    const struct twr_country *c)
{
	struct twr_buf b;

	if (nnames == *cap) {
		struct name_ent *p = realloc(names, (*cap * 2 + 64) *
		    sizeof(*p));

		if (p == NULL)
			return;
		names = p;
		*cap = *cap * 2 + 64;
	}
	buf_init(&b);
	fold_text(&b, name, len);
	if (b.oom || b.len == 0) {
		buf_free(&b);
		return;
	}
	names[nnames].key = b.p;
	names[nnames].c = c;
	nnames++;
}

static void
build_names(void)
{
	size_t cap = 0, i;

	if (names != NULL)
		return;
	for (i = 0; i < twr_ncountries; i++) {
		const struct twr_country *c = &twr_countries[i];
		const char *o = c->other, *semi;

		add_name(&cap, c->name_en, strlen(c->name_en), c);
		add_name(&cap, c->name_tr, strlen(c->name_tr), c);
		while (o != NULL && *o != '\0') {
			semi = strchr(o, ';');
			add_name(&cap, o, semi ? (size_t)(semi - o) : strlen(o),
			    c);
			o = semi ? semi + 1 : NULL;
		}
	}
	qsort(names, nnames, sizeof(*names), name_cmp);
}

const struct twr_country *
country_by_code(const char *code)
{
	size_t lo = 0, hi = twr_ncountries;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(code, twr_countries[mid].code);

		if (c == 0)
			return &twr_countries[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct twr_country *
country_find(const char *text)
{
	char up[4];
	size_t n = strlen(text), i;
	struct name_ent key, *hit;

	if (n == 2 || n == 3) {
		for (i = 0; i < n && isalpha((unsigned char)text[i]); i++)
			up[i] = (char)toupper((unsigned char)text[i]);
		up[i] = '\0';
		if (i == n && n == 2)
			return country_by_code(up);
		if (i == n)
			for (i = 0; i < twr_ncountries; i++)
				if (strcmp(twr_countries[i].code3, up) == 0)
					return &twr_countries[i];
	}
	build_names();
	if ((key.key = fold_dup(text)) == NULL)
		return NULL;
	hit = bsearch(&key, names, nnames, sizeof(*names), name_cmp);
	free(key.key);
	return hit != NULL ? hit->c : NULL;
}

void
country_suggest(const char *text, struct twr_buf *out)
{
	const struct twr_country *best[3] = { NULL, NULL, NULL };
	unsigned dist[3] = { ~0u, ~0u, ~0u }, cap, d;
	char *key;
	size_t i, j, k, len;

	build_names();
	if ((key = fold_dup(text)) == NULL)
		return;
	len = strlen(key);
	if (len < 2) {
		free(key);
		return;
	}
	cap = len <= 3 ? 1 : len < 6 ? 2 : (unsigned)len / 3;
	for (i = 0; i < nnames; i++) {
		d = edit_distance(key, names[i].key, cap + 1);
		if (len >= 3 && strncmp(names[i].key, key, len) == 0)
			d = 1;
		if (d > cap)
			continue;
		for (j = 0; j < 3 && best[j] != names[i].c; j++)
			;
		if (j < 3) {		/* already listed: keep the nearer */
			if (d >= dist[j])
				continue;
			for (k = j; k + 1 < 3; k++) {
				best[k] = best[k + 1];
				dist[k] = dist[k + 1];
			}
			best[2] = NULL;
			dist[2] = ~0u;
		}
		for (j = 0; j < 3 && dist[j] <= d; j++)
			;
		if (j == 3)
			continue;
		for (k = 2; k > j; k--) {
			best[k] = best[k - 1];
			dist[k] = dist[k - 1];
		}
		best[j] = names[i].c;
		dist[j] = d;
	}
	free(key);
	for (j = 0; j < 3 && best[j] != NULL; j++) {
		if (j > 0)
			buf_adds(out, j + 1 < 3 && best[j + 1] != NULL ?
			    ", " : " or ");
		buf_printf(out, "%s (%s)", best[j]->name_en, best[j]->code);
	}
}

const char *
twr_country_name(const char *code, int turkish)
{
	const struct twr_country *c = code != NULL ? country_by_code(code) :
	    NULL;

	if (c == NULL)
		return NULL;
	return turkish && c->name_tr != NULL ? c->name_tr : c->name_en;
}
