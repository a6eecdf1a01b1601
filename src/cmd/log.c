/* log: the history of changes, newest first. */
#include "cmd.h"

enum { OPT_SINCE = OPT_CMD, OPT_COLUMNS };

static int
log_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "columns", required_argument, NULL, OPT_COLUMNS },
		{ "since", required_argument, NULL, OPT_SINCE },
		OUTPUT_LONGOPT,
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct twr_error err = { TWR_OK };
	struct twr_rows *rows;
	const char *since = NULL, *columns = NULL;
	unsigned long v = 0;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, OUTPUT_SHORTOPTS, opts)) != -1) {
		if (c == 'h')
			return CMD_DONE;
		if (c == OPT_SINCE)
			since = optarg;
		else if (c == OPT_COLUMNS)
			columns = optarg;
		else
			return TWR_USAGE;
	}
	if (optind + 1 < argc || (optind < argc &&
	    parse_ulong(argv[optind], (unsigned long)1 << 62, &v) == -1))
		return usage_error(ctx, "log takes at most one record ID");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_log(ctx->db, since, (long long)v, &rows, &err) != TWR_OK)
		return lib_fail(ctx, &err);
	return print_columns(ctx, rows, columns);
}

const struct cmd cmd_log = {
	"log", "log [--since DATE] [--columns LIST] [-o FILE] [ID]",
	N_("the history of changes, newest first"),
	N_("  --since DATE         changes on or after DATE (UTC)\n"
	"  --columns LIST       these columns of change, at, by, command,\n"
	"                       record, action, field, old, new, reason (all:\n"
	"                       every one, the default)\n"
	"  ID                   only the changes of that record\n"),
	CMD_DB_READ | CMD_HELP_OUTPUT, log_run
};
