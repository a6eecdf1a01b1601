/* show: one record, every field, its parties and its history. */
#include "cmd.h"

static int
show_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_LONGOPTS,
	    { NULL, 0, NULL, 0 } };
	struct twr_error err = { TWR_OK };
	struct twr_rows *rows;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1)
		return c == 'h' ? CMD_DONE : TWR_USAGE;
	if (optind + 1 != argc)
		return usage_error(ctx, "show needs one record ID or actor name");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_show(ctx->db, argv[optind], &rows, &err) != TWR_OK)
		return fail(&err);
	return print_result(ctx, rows);
}

const struct cmd cmd_show = {
	"show", "show ID|NAME",
	N_("one record: every field, its parties, ties and history"),
	N_("ID is the id of any record; NAME the name or another spelling of\n"
	"an actor.  A tie lists its activities, newest first, and the date\n"
	"of the last (last_activity); an actor its ties and parts; every\n"
	"record its history, newest first.\n"),
	CMD_DB_READ, show_run
};
