/* undo-import: revert one import batch. */
#include "cmd.h"

static int
undo_run(struct ctx *ctx, int argc, char **argv)
{
	struct twr_error err = { TWR_OK };
	unsigned long v, removed, restored;
	int st;

	if ((st = number_arg(ctx, argc, argv, "undo-import needs one BATCH "
	    "number", &v)) != TWR_OK || (st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_undo_import(ctx->db, (long long)v, &removed, &restored,
	    &err) != TWR_OK)
		return fail(&err);
	notef(ctx, "undid import batch %lu: %lu record%s removed, %lu "
	    "restored", v, removed, removed == 1 ? "" : "s", restored);
	return TWR_OK;
}

const struct cmd cmd_undo_import = {
	"undo-import", "undo-import BATCH",
	N_("revert one import batch (refused if later changes touched it)"), NULL,
	CMD_DB_WRITE, undo_run
};
