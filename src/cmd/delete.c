/* delete: remove one record; the history keeps its fields. */
#include "cmd.h"

static int
delete_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_LONGOPTS,
	    { NULL, 0, NULL, 0 } };
	struct twr_error err = { TWR_OK, "" };
	unsigned long v;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1)
		return c == 'h' ? CMD_DONE : TWR_USAGE;
	if (optind + 1 != argc ||
	    parse_ulong(argv[optind], (unsigned long)1 << 62, &v) == -1)
		return usage_error(ctx, "delete needs one record ID");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_delete(ctx->db, (long long)v, &err) != TWR_OK)
		return fail(&err);
	return TWR_OK;
}

const struct cmd cmd_delete = {
	"delete", "delete ID",
	"delete a record (an actor only once nothing names it)", NULL,
	CMD_DB_WRITE, delete_run
};
