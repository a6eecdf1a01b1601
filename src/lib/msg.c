/*
 * Messages in parts: setting a caller's struct twr_error, telling a
 * diagnostic, keeping a message for later.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The strings of a message, in the order they are copied. */
#define NSTR 5

static const char **
str_at(struct twr_msg *m, int i)
{
	switch (i) {
	case 0:
		return &m->field;
	case 1:
		return &m->value;
	case 2:
		return &m->value2;
	case 3:
		return &m->hint;
	default:
		return &m->detail;
	}
}

enum twr_status
err_msg(struct twr_error *err, enum twr_status st, const struct twr_msg *m)
{
	size_t used = 0;
	int i;

	if (err == NULL)
		return st;
	err->status = st;
	err->m = *m;
	err->file = NULL;
	err->line = 0;
	err->column = 0;
	/* Copy each string into err->text, cut to what fits. */
	for (i = 0; i < NSTR; i++) {
		const char **s = str_at(&err->m, i);
		size_t n;

		if (*s == NULL)
			continue;
		n = strlen(*s);
		if (used + n + 1 > sizeof(err->text))
			n = used + 1 < sizeof(err->text) ?
			    sizeof(err->text) - used - 1 : 0;
		memmove(err->text + used, *s, n);
		err->text[used + n] = '\0';
		*s = err->text + used;
		used += n + 1;
		if (used >= sizeof(err->text))
			used = sizeof(err->text) - 1;
	}
	return st;
}

void
err_at(struct twr_error *err, const char *file, unsigned long line,
    unsigned column)
{
	size_t used = 0, n;
	int i;

	if (err == NULL)
		return;
	n = strlen(file);
	/* FILE goes after the message's strings in err->text, if it fits. */
	for (i = 0; i < NSTR; i++) {
		const char **s = str_at(&err->m, i);

		if (*s != NULL && *s >= err->text && *s < err->text +
		    sizeof(err->text) && (size_t)(*s - err->text) +
		    strlen(*s) + 1 > used)
			used = (size_t)(*s - err->text) + strlen(*s) + 1;
	}
	if (used + n + 1 > sizeof(err->text))
		return;
	memcpy(err->text + used, file, n + 1);
	err->file = err->text + used;
	err->line = line;
	err->column = column;
}

enum twr_status
err_code(struct twr_error *err, enum twr_status st, enum twr_code code)
{
	struct twr_msg m;

	memset(&m, 0, sizeof(m));
	m.code = code;
	return err_msg(err, st, &m);
}

enum twr_status
err_nomem(struct twr_error *err)
{
	return err_code(err, TWR_INTERNAL, TWR_E_NOMEM);
}

void
diag_msg(struct twr_db *db, enum twr_severity sev, const char *file,
    unsigned long line, unsigned column, const struct twr_msg *m)
{
	struct twr_diag d;

	if (db->diag == NULL)
		return;
	d.severity = sev;
	d.file = file;
	d.line = line;
	d.column = column;
	d.m = *m;
	db->diag(db->diag_arg, &d);
}

struct twr_msg *
msg_copy(const struct twr_msg *m)
{
	struct twr_msg *c;
	size_t len = sizeof(*c), at;
	int i;

	for (i = 0; i < NSTR; i++) {
		const char *s = *str_at((struct twr_msg *)m, i);

		if (s != NULL)
			len += strlen(s) + 1;
	}
	if ((c = malloc(len)) == NULL)
		return NULL;
	*c = *m;
	at = sizeof(*c);
	for (i = 0; i < NSTR; i++) {
		const char **s = str_at(c, i);

		if (*s == NULL)
			continue;
		memcpy((char *)c + at, *s, strlen(*s) + 1);
		*s = (char *)c + at;
		at += strlen(*s) + 1;
	}
	return c;
}
