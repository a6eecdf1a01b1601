/* end: end an agreement or membership on a date. */
#include <string.h>

#include "cmd.h"

enum { OPT_ON = OPT_CMD, OPT_REASON };

static const struct option opts[] = {
	{ "on", required_argument, NULL, OPT_ON },
	{ "reason", required_argument, NULL, OPT_REASON },
	GLOBAL_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static int
end_run(struct ctx *ctx, int argc, char **argv)
{
	struct twr_error err = { TWR_OK };
	const char *on = NULL, *reason = NULL;
	unsigned long v;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1) {
		switch (c) {
		case OPT_ON:
			/* "today" (or "bugün"): the date in UTC, as cron sees
			   it. */
			on = strcmp(optarg, "today") == 0 || strcmp(optarg,
			    "bugün") == 0 ? today_utc() : optarg;
			break;
		case OPT_REASON:
			reason = optarg;
			break;
		case 'h':
			return CMD_DONE;
		default:
			return TWR_USAGE;
		}
	}
	if (optind + 1 != argc ||
	    parse_ulong(argv[optind], (unsigned long)1 << 62, &v) == -1)
		return usage_error(ctx, "end needs one record ID");
	if (on == NULL)
		return usage_error(ctx, "end needs --on DATE");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_end(ctx->db, (long long)v, on, reason, &err) != TWR_OK)
		return lib_fail(ctx, &err);
	return TWR_OK;
}

const struct cmd cmd_end = {
	"end", "end ID --on DATE [--reason TEXT]",
	N_("end an agreement (status ended) or a membership on DATE"),
	N_("  --on DATE        the day it ended ('today': today in UTC); a\n"
	"                   day after today schedules the end\n"
	"  --reason TEXT    why, kept in the history\n"),
	CMD_DB_WRITE, end_run
};
