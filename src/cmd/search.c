/* search: ranked full-text search. */
#include <string.h>

#include "cmd.h"

enum { OPT_LIMIT = OPT_CMD, OPT_COLUMNS };

static int
search_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "columns", required_argument, NULL, OPT_COLUMNS },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		OUTPUT_LONGOPT,
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct twr_error err = { TWR_OK };
	struct twr_rows *rows;
	unsigned long limit = 50;
	const char *columns = NULL;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, OUTPUT_SHORTOPTS, opts)) != -1) {
		if (c == 'h')
			return CMD_DONE;
		if (c == OPT_COLUMNS) {
			columns = optarg;
			continue;
		}
		if (c != OPT_LIMIT)
			return TWR_USAGE;
		if (parse_ulong(optarg, 1000000, &limit) == -1)
			return usage_error(ctx, "--limit: bad number '%s' "
			    "(expected 0 for all, or more)", optarg);
	}
	if (optind == argc)
		return usage_error(ctx, "search needs TEXT");
	if (optind + 1 < argc)
		return usage_error(ctx, "search takes one TEXT (quote words: "
		    "twinreg search 'iyi niyet')");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_search(ctx->db, argv[optind], limit, &rows, &err) != TWR_OK)
		return fail(&err);
	return print_columns(ctx, rows, columns);
}

const struct cmd cmd_search = {
	"search", "search [--limit N] [--columns LIST] [-o FILE] TEXT",
	N_("ranked search over names, other spellings, places, topics, notes"),
	N_("Hits come in this order: actors named TEXT (by any spelling), names\n"
	"starting with TEXT, then other text, best matches first.  Case and\n"
	"diacritics do not matter (sariyer finds Sarıyer).\n"
	"  --limit N            at most N hits (default 50; 0 for all)\n"
	"  --columns LIST       these columns of id, record, field, match,\n"
	"                       summary (all: every one, the default)\n"),
	CMD_DB_READ | CMD_HELP_OUTPUT, search_run
};
