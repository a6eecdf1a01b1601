/* update: change fields of one record. */
#include <stdlib.h>

#include "cmd.h"

static int
update_run(struct ctx *ctx, int argc, char **argv)
{
	struct twr_error err = { TWR_OK };
	struct twr_field *fields = NULL;
	long long id;
	unsigned long v;
	size_t n;
	int st;

	if (argc > 1 && help_arg(ctx, argv[1]))
		return CMD_DONE;
	if (argc < 2 || parse_ulong(argv[1], (unsigned long)1 << 62, &v) == -1)
		return usage_error(ctx, "update needs a record ID first");
	id = (long long)v;
	if ((st = field_args(ctx, argc, argv, 2, &fields, &n, NULL)) != TWR_OK)
		goto out;
	if (n == 0) {
		st = usage_error(ctx, "update needs fields (--FIELD VALUE)");
		goto out;
	}
	if ((st = ctx_open(ctx)) != TWR_OK)
		goto out;
	if ((st = twr_update(ctx->db, id, fields, n, &err)) != TWR_OK)
		st = lib_fail(ctx, &err);
out:
	free(fields);
	return st;
}

const struct cmd cmd_update = {
	"update", "update ID --FIELD VALUE...",
	N_("change fields of a record; every change is kept in its history"),
	N_("FIELD is a CSV column of the record's kind, '-' and '_' alike;\n"
	"an empty VALUE clears the field.  A party given by name alone keeps\n"
	"its country, and the other way round.\n"),
	CMD_DB_WRITE, update_run
};
