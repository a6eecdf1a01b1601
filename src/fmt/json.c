/*
 * JSON: `json` is one array of objects, `jsonl` one object a line.  Keys
 * are the column names in column order; integer columns are numbers and
 * missing values null.
 */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

struct jstate {
	const struct twr_columns *cols;
	int lines;		/* jsonl */
	unsigned long n;	/* objects written */
};

static int
begin(struct out *o, const struct twr_columns *cols, int lines)
{
	struct jstate *j = calloc(1, sizeof(*j));

	if (j == NULL)
		return -1;
	j->cols = cols;
	j->lines = lines;
	o->state = j;
	return 0;
}

static int
json_begin(struct out *o, const struct twr_columns *cols, unsigned flags,
    const char *title)
{
	(void)flags;
	(void)title;
	if (begin(o, cols, 0) == -1)
		return -1;
	putc('[', o->fp);
	return 0;
}

static int
jsonl_begin(struct out *o, const struct twr_columns *cols, unsigned flags,
    const char *title)
{
	(void)flags;
	(void)title;
	return begin(o, cols, 1);
}

static int
json_row(struct out *o, const struct twr_row *row)
{
	struct jstate *j = o->state;
	size_t i, n = 0;

	if (!j->lines)
		fputs(j->n > 0 ? ",\n" : "\n", o->fp);
	putc('{', o->fp);
	for (i = 0; i < row->n; i++) {
		const char *v = row->vals[i];

		if (j->cols->types[i] == TWR_BAR)
			continue;
		if (n++ > 0)
			putc(',', o->fp);
		json_string(o->fp, j->cols->names[i]);
		putc(':', o->fp);
		if (v == NULL)
			fputs("null", o->fp);
		else if (j->cols->types[i] == TWR_INT)
			fprintf(o->fp, "%lld", row->nums[i]);
		else
			json_string(o->fp, v);
	}
	putc('}', o->fp);
	if (j->lines)
		putc('\n', o->fp);
	j->n++;
	return ferror(o->fp) ? -1 : 0;
}

static int
json_end(struct out *o)
{
	struct jstate *j = o->state;

	if (!j->lines)
		fputs(j->n > 0 ? "\n]\n" : "]\n", o->fp);
	free(j);
	o->state = NULL;
	return ferror(o->fp) ? -1 : 0;
}

const struct printer printer_json = {
	"json", N_("one JSON array of objects"), 0,
	json_begin, json_row, json_end
};

const struct printer printer_jsonl = {
	"jsonl", N_("one JSON object a line"), 0,
	jsonl_begin, json_row, json_end
};
