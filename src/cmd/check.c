/* check: data-quality and compliance findings. */
#include <time.h>

#include "cmd.h"

static int
check_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_LONGOPTS,
	    { NULL, 0, NULL, 0 } };
	struct twr_error err = { TWR_OK, "" };
	struct twr_rows *rows;
	char today[16];
	struct tm tm;
	time_t t;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1)
		return c == 'h' ? CMD_DONE : TWR_USAGE;
	if (optind != argc)
		return usage_error(ctx, "check takes no arguments");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (twr_check(ctx->db, today, &rows, &err) != TWR_OK)
		return fail(&err);
	if ((st = print_result(ctx, rows)) != TWR_OK)
		return st;
	if (ctx->out.rows > 0) {
		notef(ctx, "%lu finding%s", ctx->out.rows,
		    ctx->out.rows == 1 ? "" : "s");
		return CMD_FINDINGS;
	}
	return TWR_OK;
}

const struct cmd cmd_check = {
	"check", "check",
	"data-quality and compliance findings; exit 1 when there are any",
	"Findings: ties without a council decision or the Ministry of the\n"
	"Interior's approval (Municipal Law 5393 art. 74), agreements signed\n"
	"before that approval, the same parties registered twice, an end\n"
	"before the start, dates in the future, actors without a country,\n"
	"memberships in an actor that is not a network.\n",
	CMD_DB_READ, check_run
};
