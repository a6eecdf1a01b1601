/*
 * The rules for each value: what a column's text must be, and the form
 * it is stored in.  Import, add, update and the filters all check values
 * here.
 */
#include <stdlib.h>
#include <string.h>

#include "values.h"
#include "vocab.h"

static int
has_control(const char *s, int allow_newline)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && !(allow_newline && (c == '\n' ||
		    c == '\t'))) || c == 0x7f)
			return 1;
	}
	return 0;
}

/* Split LIST at ';' into trimmed, non-empty, distinct items, appending
 * them to OUT joined by ';'; an item with a line break is refused. */
static int
norm_list(const char *raw, struct twr_buf *out, struct vmsg *vm)
{
	size_t start = out->len, n0 = 0;
	char *copy = xstrdup(raw), *item, *save = NULL;

	if (copy == NULL) {
		vm->m.code = TWR_E_NOMEM;
		return -1;
	}
	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save)) {
		const char *p;
		size_t len;
		int dup = 0;

		trim_blanks(item);
		if (*item == '\0')
			continue;
		if (strchr(item, '\n') != NULL) {
			vm->m.code = TWR_E_LIST_ITEM;
			buf_adds(&vm->text, item);
			free(copy);
			return -1;
		}
		/* Skip an item given twice. */
		len = strlen(item);
		for (p = out->p ? out->p + start : NULL; p != NULL && *p;) {
			const char *semi = strchr(p, ';');
			size_t plen = semi ? (size_t)(semi - p) : strlen(p);

			if (plen == len && memcmp(p, item, len) == 0)
				dup = 1;
			p = semi ? semi + 1 : NULL;
		}
		if (dup)
			continue;
		if (n0++ > 0)
			buf_addc(out, ';');
		buf_adds(out, item);
	}
	free(copy);
	return 0;
}

int
party_split(char *s, char **name, char **country)
{
	char *open = strrchr(s, '('), *end;

	trim_blanks(s);
	end = s + strlen(s);
	if (open == NULL || end == s || end[-1] != ')')
		return -1;
	end[-1] = '\0';
	*open = '\0';
	*name = trim_blanks(s);
	*country = trim_blanks(open + 1);
	return **name == '\0' || **country == '\0' ? -1 : 0;
}

char *
parent_split(const char *text, const char *default_cc, const char **country)
{
	char *copy = xstrdup(text), *name, *cc;
	const struct twr_country *c;
	char *out;

	*country = default_cc;
	if (copy == NULL)
		return NULL;
	if (party_split(copy, &name, &cc) == 0 &&
	    (c = country_find(cc)) != NULL) {
		*country = c->code;
		out = xstrdup(name);
		free(copy);
		return out;
	}
	free(copy);
	return xstrdup(text);
}

/* Does NAME hold a whole party, "Name (CC)", before more text: two
   parties without the ';' between them? */
static int
two_parties(const char *name)
{
	const char *open = strchr(name, '('), *close;
	char cc[64];
	size_t n;

	for (; open != NULL; open = strchr(open + 1, '(')) {
		if ((close = strchr(open, ')')) == NULL)
			return 0;
		n = (size_t)(close - open - 1);
		if (n == 0 || n >= sizeof(cc))
			continue;
		memcpy(cc, open + 1, n);
		cc[n] = '\0';
		if (country_find(cc) != NULL)
			return 1;
	}
	return 0;
}

static int
norm_parties(const char *raw, struct twr_buf *out, struct vmsg *vm)
{
	char *copy = xstrdup(raw), *item, *save = NULL, *name, *cc;
	const struct twr_country *c;
	size_t n0 = 0;

	if (copy == NULL) {
		vm->m.code = TWR_E_NOMEM;
		return -1;
	}
	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save)) {
		if (*trim_blanks(item) == '\0')
			continue;
		buf_reset(&vm->text);
		buf_adds(&vm->text, item);
		if (party_split(item, &name, &cc) == -1 ||
		    two_parties(name)) {
			vm->m.code = TWR_E_PARTY;
			free(copy);
			return -1;
		}
		buf_reset(&vm->text);
		if ((c = country_find(cc)) == NULL) {
			vm->m.code = TWR_E_PARTY_COUNTRY;
			buf_adds(&vm->text, cc);
			buf_addc(&vm->text, '\0');
			vm->text2 = vm->text.len;
			buf_adds(&vm->text, name);
			free(copy);
			return -1;
		}
		if (n0++ > 0)
			buf_addc(out, ';');
		buf_printf(out, "%s (%s)", name, c->code);
	}
	free(copy);
	return 0;
}

int
value_check(enum vtype type, enum twr_vocab vocab, const char *raw,
    struct twr_buf *out, struct vmsg *vm)
{
	const struct twr_country *c;
	const char *v;
	char date[DATE_MAX];
	int no_day;

	buf_reset(&vm->text);
	buf_reset(&vm->hint);
	vm->text2 = 0;
	memset(&vm->m, 0, sizeof(vm->m));
	switch (type) {
	case V_TEXT:
		if (has_control(raw, 1)) {
			vm->m.code = TWR_E_CONTROL;
			return -1;
		}
		buf_adds(out, raw);
		return 0;
	case V_LINE:
	case V_NAME:
		if (has_control(raw, 0)) {
			vm->m.code = TWR_E_ONE_LINE;
			vm->m.n[0] = strchr(raw, '\n') != NULL;
			vm->m.n[1] = type == V_NAME;
			return -1;
		}
		buf_adds(out, raw);
		return 0;
	case V_COUNTRY:
		if ((c = country_find(raw)) == NULL) {
			vm->m.code = TWR_E_COUNTRY;
			buf_adds(&vm->text, raw);
			country_suggest(raw, &vm->hint);
			return -1;
		}
		buf_adds(out, c->code);
		return 0;
	case V_DATE:
		if (date_parse(raw, date, &no_day) == -1) {
			vm->m.code = no_day ? TWR_E_NO_SUCH_DATE : TWR_E_DATE;
			buf_adds(&vm->text, raw);
			return -1;
		}
		buf_adds(out, date);
		return 0;
	case V_TERM:
		if ((v = vocab_find(vocab, raw)) == NULL) {
			vm->m.code = TWR_E_TERM;
			vm->m.n[0] = vocab;
			buf_adds(&vm->text, raw);
			return -1;
		}
		buf_adds(out, v);
		return 0;
	case V_LIST:
		return norm_list(raw, out, vm);
	case V_PARTIES:
		return norm_parties(raw, out, vm);
	case V_COUNT: {
		const char *p = raw;

		while (*p >= '0' && *p <= '9')
			p++;
		if (*p != '\0' || p - raw > 9) {
			vm->m.code = TWR_E_COUNT;
			buf_adds(&vm->text, raw);
			return -1;
		}
		while (raw[0] == '0' && raw[1] != '\0')
			raw++;		/* 007 is 7 */
		buf_adds(out, raw);
		return 0;
	}
	}
	vm->m.code = TWR_E_INTERNAL;
	return -1;
}

const struct twr_msg *
vmsg_get(struct vmsg *vm)
{
	if (vm->text.oom || vm->hint.oom) {
		memset(&vm->m, 0, sizeof(vm->m));
		vm->m.code = TWR_E_NOMEM;
		return &vm->m;
	}
	vm->m.value = vm->text.len > 0 ? vm->text.p : NULL;
	vm->m.value2 = vm->text2 > 0 ? vm->text.p + vm->text2 : NULL;
	vm->m.hint = vm->hint.len > 0 ? vm->hint.p : NULL;
	return &vm->m;
}

void
vmsg_init(struct vmsg *vm)
{
	memset(vm, 0, sizeof(*vm));
	buf_init(&vm->text);
	buf_init(&vm->hint);
}

void
vmsg_free(struct vmsg *vm)
{
	buf_free(&vm->text);
	buf_free(&vm->hint);
}
