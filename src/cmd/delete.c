/* delete: remove one record; the history keeps its fields. */
#include "cmd.h"

static int
delete_run(struct ctx *ctx, int argc, char **argv)
{
	struct twr_error err = { TWR_OK };
	unsigned long v;
	int st;

	if ((st = number_arg(ctx, argc, argv, "delete needs one record ID",
	    &v)) != TWR_OK || (st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_delete(ctx->db, (long long)v, &err) != TWR_OK)
		return fail(&err);
	return TWR_OK;
}

const struct cmd cmd_delete = {
	"delete", "delete ID",
	N_("delete a record (an actor only once nothing names it)"),
	N_("An actor is deleted only once no record names it, a tie only once\n"
	"no activity names it.  The history keeps the deleted record's\n"
	"fields.\n"),
	CMD_DB_WRITE, delete_run
};
