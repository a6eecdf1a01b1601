/* Growable buffers, a string-keyed hash map, and small helpers. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void
buf_init(struct twr_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
buf_free(struct twr_buf *b)
{
	free(b->p);
	buf_init(b);
}

void
buf_reset(struct twr_buf *b)
{
	b->len = 0;
	b->oom = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

/* Make room for N more bytes and a NUL; returns 0 or -1 (b->oom set). */
static int
buf_grow(struct twr_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->oom)
		return -1;
	if (b->len + n + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + n + 1) {
		if (cap > SIZE_MAX / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void
buf_add(struct twr_buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n) == -1)
		return;
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct twr_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct twr_buf *b, char c)
{
	if (buf_grow(b, 1) == -1)
		return;
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

void
buf_printf(struct twr_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) == -1)
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *
buf_str(struct twr_buf *b)
{
	return b->p != NULL ? b->p : "";
}

/* ---- hash map ------------------------------------------------------- */

struct twr_map_ent {
	uint64_t hash;
	char *key;		/* NULL: free slot */
	size_t len;
	int64_t val;
};

uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	while (n-- > 0)
		h = (h ^ *s++) * 0x100000001b3ULL;
	return h ^ (h >> 29);
}

void
map_init(struct twr_map *m)
{
	memset(m, 0, sizeof(*m));
}

void
map_clear(struct twr_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->ents[i].key);
	free(m->ents);
	map_init(m);
}

void
map_free(struct twr_map *m)
{
	map_clear(m);
}

static struct twr_map_ent *
map_slot(const struct twr_map *m, uint64_t h, const char *key, size_t n)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		struct twr_map_ent *e = &m->ents[i];

		if (e->key == NULL || (e->hash == h && e->len == n &&
		    memcmp(e->key, key, n) == 0))
			return e;
		i = (i + 1) & (m->cap - 1);
	}
}

int
map_get(const struct twr_map *m, const char *key, size_t n, int64_t *v)
{
	struct twr_map_ent *e;

	if (m->cap == 0)
		return 0;
	e = map_slot(m, hash_bytes(key, n), key, n);
	if (e->key == NULL)
		return 0;
	*v = e->val;
	return 1;
}

int
map_put(struct twr_map *m, const char *key, size_t n, int64_t v)
{
	struct twr_map_ent *e;
	uint64_t h = hash_bytes(key, n);

	if ((m->n + 1) * 4 >= m->cap * 3) {
		size_t cap = m->cap ? m->cap * 2 : 256, i;
		struct twr_map old = *m;

		if ((m->ents = calloc(cap, sizeof(*m->ents))) == NULL) {
			*m = old;
			return -1;
		}
		m->cap = cap;
		for (i = 0; i < old.cap; i++)
			if (old.ents[i].key != NULL)
				*map_slot(m, old.ents[i].hash, old.ents[i].key,
				    old.ents[i].len) = old.ents[i];
		free(old.ents);
	}
	e = map_slot(m, h, key, n);
	if (e->key == NULL) {
		if ((e->key = malloc(n + 1)) == NULL)
			return -1;
		memcpy(e->key, key, n);
		e->key[n] = '\0';
		e->len = n;
		e->hash = h;
		m->n++;
	}
	e->val = v;
	return 0;
}

/* ---- small helpers -------------------------------------------------- */

char *
xstrdup(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

size_t
id_search(const void *base, size_t n, size_t size, long long id)
{
	const char *p = base;
	size_t lo = 0, hi = n;
	long long at;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		memcpy(&at, p + mid * size, sizeof(at));
		if (at < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n)
		return n;
	memcpy(&at, p + lo * size, sizeof(at));
	return at == id ? lo : n;
}

char *
trim_blanks(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	s[n] = '\0';
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	if (i > 0)
		memmove(s, s + i, n - i + 1);
	return s;
}

int
column_name_eq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

int
parse_int64(const char *s, long long *out)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0)
		return -1;
	*out = v;
	return 0;
}
