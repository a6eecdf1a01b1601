/*
 * UTF-8, folding, Turkish collation and display width, on the tables
 * data/mkunicode.py generates into unitab.c.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "unitab.h"

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		goto bad;
	if (n < len)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 0;
}

int
utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = utf8_decode(u + i, n - i, &cp)) == 0) {
			*bad = i;
			return 0;
		}
		i += len;
	}
	return 1;
}

void
utf8_put(struct twr_buf *b, uint32_t cp)
{
	char t[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 2);
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 4);
	}
}

static const struct twr_urange *
range_find(const struct twr_urange *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return &r[mid];
	}
	return NULL;
}

static const char *
fold_map(uint32_t cp)
{
	size_t lo = 0, hi = twr_fold_nmaps;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < twr_fold_maps[mid].cp)
			hi = mid;
		else if (cp > twr_fold_maps[mid].cp)
			lo = mid + 1;
		else
			return twr_fold_maps[mid].fold;
	}
	return NULL;
}

static int
fold_class(uint32_t cp)
{
	const struct twr_urange *r;

	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		    (cp >= 'A' && cp <= 'Z'))
			return TWR_U_KEEP;
		return TWR_U_SEP;
	}
	r = range_find(twr_fold_ranges, twr_fold_nranges, cp);
	return r != NULL ? r->value : TWR_U_SEP;
}

void
fold_text(struct twr_buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;
	int sep = 0, any = 0;
	uint32_t cp;
	const char *m;

	while (i < n) {
		if (u[i] < 0x80) {
			unsigned char c = u[i++];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (sep && any)
					buf_addc(out, ' ');
				sep = 0;
				any = 1;
				buf_addc(out, (char)c);
			} else
				sep = 1;
			continue;
		}
		if ((len = utf8_decode(u + i, n - i, &cp)) == 0) {
			i++;
			sep = 1;
			continue;
		}
		i += len;
		switch (fold_class(cp)) {
		case TWR_U_DROP:
			continue;
		case TWR_U_SEP:
			sep = 1;
			continue;
		}
		if ((m = fold_map(cp)) == NULL) {
			if (sep && any)
				buf_addc(out, ' ');
			sep = 0;
			any = 1;
			buf_add(out, (const char *)u + i - len, len);
			continue;
		}
		for (; *m != '\0'; m++) {
			if (*m == ' ') {
				sep = 1;
				continue;
			}
			if (sep && any)
				buf_addc(out, ' ');
			sep = 0;
			any = 1;
			buf_addc(out, *m);
		}
	}
	if (out->p == NULL)
		buf_add(out, "", 0);
}

char *
fold_dup(const char *s)
{
	struct twr_buf b;

	buf_init(&b);
	fold_text(&b, s, strlen(s));
	if (b.oom) {
		buf_free(&b);
		return NULL;
	}
	return b.p;
}

/* ---- collation ---------------------------------------------------- */

#define P_PUNCT_LAST 0x0FFFu
#define P_OTHER 0x4000u

struct coll_it {
	const unsigned char *s;
	size_t n, i;
	uint32_t queue[4];	/* weights of an expansion still to give */
	unsigned nq, q;
};

/* Weights of CP: up to 4 (primary, secondary, tertiary) triples. */
static unsigned
coll_weights(uint32_t cp, uint32_t p[4], uint8_t *sec, uint8_t *ter)
{
	const char *m;
	unsigned np = 0;

	*sec = 0;
	*ter = 0;
	if (cp < TWR_COLL_LIMIT) {
		const struct twr_uweight *w = &twr_coll[cp];

		*sec = w->sec;
		*ter = w->ter;
		if (w->p1 != 0)
			p[np++] = w->p1;
		if (w->p2 != 0)
			p[np++] = w->p2;
		return np;
	}
	switch (fold_class(cp)) {
	case TWR_U_DROP:
		return 0;
	case TWR_U_SEP:
		p[0] = P_PUNCT_LAST;
		return 1;
	}
	if ((m = fold_map(cp)) == NULL) {
		p[0] = P_OTHER + cp;
		return 1;
	}
	/* A compatibility form (fullwidth A): weigh its folded letters. */
	*sec = 0x91;
	while (*m != '\0' && np < 4) {
		uint32_t c;
		size_t len = utf8_decode((const unsigned char *)m, strlen(m),
		    &c);

		if (len == 0)
			break;
		m += len;
		if (c < TWR_COLL_LIMIT) {
			if (twr_coll[c].p1 != 0)
				p[np++] = twr_coll[c].p1;
		} else
			p[np++] = P_OTHER + c;
	}
	return np;
}

/*
 * Next weight of IT at LEVEL (1 primary, 2 secondary, 3 tertiary);
 * 0 at the end.  Ignorable characters give nothing at any level.
 */
static uint32_t
coll_next(struct coll_it *it, int level)
{
	uint32_t cp, p[4];
	uint8_t sec, ter;
	unsigned np;
	size_t len;

	if (it->q < it->nq)
		return it->queue[it->q++];
	while (it->i < it->n) {
		len = utf8_decode(it->s + it->i, it->n - it->i, &cp);
		it->i += len ? len : 1;
		np = coll_weights(cp, p, &sec, &ter);
		if (np == 0)
			continue;
		if (level == 2)
			return sec + 1u;
		if (level == 3)
			return ter + 1u;
		memcpy(it->queue, p, np * sizeof(p[0]));
		it->nq = np;
		it->q = 1;
		return p[0];
	}
	return 0;
}

int
collate_tr(const void *a, size_t na, const void *b, size_t nb)
{
	const unsigned char *ua = a, *ub = b;
	size_t min = na < nb ? na : nb, k = 0;
	int level, c;

	/*
	 * A character's weights do not depend on its neighbours, so the
	 * bytes both share, up to a character's start in both, weigh the
	 * same at every level: compare what follows (sorting names of one
	 * town, which share their start, mostly skips it).
	 */
	while (k < min && ua[k] == ub[k])
		k++;
	while (k > 0 && ((k < na && (ua[k] & 0xC0) == 0x80) ||
	    (k < nb && (ub[k] & 0xC0) == 0x80)))
		k--;
	a = ua + k;
	b = ub + k;
	na -= k;
	nb -= k;
	min -= k;
	for (level = 1; level <= 3; level++) {
		struct coll_it x = { a, na, 0, { 0 }, 0, 0 };
		struct coll_it y = { b, nb, 0, { 0 }, 0, 0 };
		uint32_t wa, wb;

		do {
			wa = coll_next(&x, level);
			wb = coll_next(&y, level);
			if (wa != wb)
				return wa < wb ? -1 : 1;
		} while (wa != 0);
	}
	if ((c = memcmp(a, b, min)) != 0)
		return c;
	return na < nb ? -1 : na > nb;
}

/*
 * The sort key of S (N bytes) into OUT: bytes whose order, compared as
 * memcmp does, is collate_tr's order of the texts.  Each level's weights
 * (4 bytes, most significant first) up to and with the 0 that ends them
 * in collate_tr's comparison, then the text itself, its last tie-break.
 * For a store that sorts bytes and cannot call collate_tr.
 */
void
coll_key(struct twr_buf *out, const char *s, size_t n)
{
	int level;

	for (level = 1; level <= 3; level++) {
		struct coll_it it = { (const unsigned char *)s, n, 0, { 0 },
		    0, 0 };
		uint32_t w;

		do {
			char b[4];

			w = coll_next(&it, level);
			b[0] = (char)(w >> 24);
			b[1] = (char)(w >> 16);
			b[2] = (char)(w >> 8);
			b[3] = (char)w;
			buf_add(out, b, 4);
		} while (w != 0);
	}
	buf_add(out, s, n);
}

/*
 * The text just above every text that starts with S, malloc'd: S with
 * its last character the next one (UTF-8's byte order is that of the
 * characters).  Above "" and after U+10FFFF, which folded text never
 * holds, is U+10FFFF twice: above all but such text.
 */
char *
text_above(const char *s)
{
	size_t n = strlen(s), i = n;
	struct twr_buf b;
	uint32_t cp;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	buf_init(&b);
	buf_add(&b, s, i);
	if (n > 0 && utf8_decode((const unsigned char *)s + i, n - i, &cp) ==
	    0)
		buf_adds(&b, s + i);
	else if (n == 0 || cp >= 0x10FFFF)
		buf_adds(&b, "\xf4\x8f\xbf\xbf\xf4\x8f\xbf\xbf");
	else
		utf8_put(&b, cp + 1 == 0xD800 ? 0xE000 : cp + 1);
	return b.oom ? (buf_free(&b), NULL) : b.p;
}

/* ---- width and distance ----------------------------------------------- */

size_t
twr_text_width(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const struct twr_urange *r;
	size_t i = 0, w = 0, len;
	uint32_t cp;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			w++;
			continue;
		}
		len = utf8_decode(u + i, n - i, &cp);
		i += len ? len : 1;
		r = range_find(twr_width_ranges, twr_width_nranges, cp);
		w += r != NULL ? r->value : 1;
	}
	return w;
}

unsigned
edit_distance(const char *a, const char *b, unsigned cap)
{
	size_t na = strlen(a), nb = strlen(b), i, j;
	unsigned *row, best, d;

	if (na > 200 || nb > 200)
		return cap;
	if ((row = malloc((nb + 1) * sizeof(*row))) == NULL)
		return cap;
	for (j = 0; j <= nb; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= na; i++) {
		unsigned diag = row[0];

		row[0] = (unsigned)i;
		best = row[0];
		for (j = 1; j <= nb; j++) {
			unsigned up = row[j];

			d = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < d)
				d = up + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
			if (d < best)
				best = d;
		}
		if (best >= cap) {
			free(row);
			return cap;
		}
	}
	d = row[nb];
	free(row);
	return d < cap ? d : cap;
}
