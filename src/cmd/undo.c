/* undo-import: revert one import batch. */
#include "cmd.h"

static int
undo_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_LONGOPTS,
	    { NULL, 0, NULL, 0 } };
	struct twr_error err = { TWR_OK, "" };
	unsigned long v, removed, restored;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1)
		return c == 'h' ? CMD_DONE : TWR_USAGE;
	if (optind + 1 != argc ||
	    parse_ulong(argv[optind], (unsigned long)1 << 62, &v) == -1)
		return usage_error(ctx, "undo-import needs one BATCH number");
	if ((st = ctx_open(ctx)) != TWR_OK)
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
	"revert one import batch (refused if later changes touched it)", NULL,
	CMD_DB_WRITE, undo_run
};
