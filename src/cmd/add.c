/* add: one record from --FIELD VALUE pairs (an import of one row). */
#include <stdlib.h>

#include "cmd.h"

static int
add_run(struct ctx *ctx, int argc, char **argv)
{
	struct twr_error err = { TWR_OK };
	struct twr_field *fields = NULL;
	enum twr_kind kind;
	long long id;
	size_t n;
	int st;

	if (argc > 1 && help_arg(ctx, argv[1]))
		return CMD_DONE;
	if (argc < 2 || (kind = twr_kind_parse(argv[1])) == TWR_KIND_AUTO)
		return usage_error(ctx, _("add needs what to add: sister-city, "
		    "partnership, membership, actor or activity"));
	if ((st = field_args(ctx, argc, argv, 2, &fields, &n)) != TWR_OK)
		goto out;
	if (n == 0) {
		st = usage_error(ctx, "add needs fields (--FIELD VALUE)");
		goto out;
	}
	if ((st = ctx_open(ctx)) != TWR_OK)
		goto out;
	if ((st = twr_add(ctx->db, kind, fields, n, &id, &err)) != TWR_OK) {
		st = lib_fail(ctx, &err);
		goto out;
	}
	printf("%lld\n", id);
out:
	free(fields);
	return st;
}

const struct cmd cmd_add = {
	"add", "add sister-city|partnership|membership|actor|activity "
	    "--FIELD VALUE...",
	"add one record; prints its id",
	"FIELD is a CSV column of that kind of record, with '-' and '_'\n"
	"alike (--sister-city-country TR).  The rules are those of import;\n"
	"actors it names that the registry lacks are created.\n",
	CMD_DB_WRITE | CMD_HELP_COLUMNS, add_run
};
