/* list: records matching filters. */
#include <string.h>

#include "cmd.h"

static const struct option opts[] = {
	{ "columns", required_argument, NULL, OPT_F_COLUMNS },
	OUTPUT_LONGOPT,
	FILTER_LONGOPTS,
	GLOBAL_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static int
list_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct { const char *word; enum twr_list_what what; }
	    words[] = {
		{ "agreements", TWR_LIST_AGREEMENTS },
		{ "sister-cities", TWR_LIST_SISTER_CITIES },
		{ "partnerships", TWR_LIST_PARTNERSHIPS },
		{ "memberships", TWR_LIST_MEMBERSHIPS },
		{ "actors", TWR_LIST_ACTORS },
		{ "activities", TWR_LIST_ACTIVITIES },
	};
	struct twr_error err = { TWR_OK };
	struct twr_filter f;
	enum twr_list_what what = TWR_LIST_AGREEMENTS;
	struct twr_rows *rows;
	size_t i;
	int c, st;

	memset(&f, 0, sizeof(f));
	opt_reset();
	while ((c = next_opt(ctx, argc, argv, OUTPUT_SHORTOPTS, opts)) != -1) {
		if (c == 'h')
			return CMD_DONE;
		if (c == '?' || (st = filter_opt(ctx, &f, c, optarg)) != 1)
			return TWR_USAGE;
	}
	if (optind + 1 < argc)
		return usage_error(ctx, "list takes at most one word");
	if (optind < argc) {
		for (i = 0; i < sizeof(words) / sizeof(words[0]) &&
		    strcmp(words[i].word, argv[optind]) != 0; i++)
			;
		if (i == sizeof(words) / sizeof(words[0]))
			return usage_error(ctx, _("unknown records '%s' "
			    "(expected sister-cities, partnerships, memberships, "
			    "actors or activities)"), argv[optind]);
		what = words[i].what;
	}
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_list(ctx->db, what, &f, &rows, &err) != TWR_OK)
		return lib_fail(ctx, &err);
	return print_result(ctx, rows);
}

const struct cmd cmd_list = {
	"list", "list [sister-cities|partnerships|memberships|actors|"
	    "activities] [FILTERS] [-o FILE]",
	N_("records matching filters; no word: all agreements"),
	N_("A name or country that matches nothing exits 1, with the closest\n"
	"names.  For activities, --partner is the tie's other party or a\n"
	"partner, and --country the place's, the tie partner's or a\n"
	"partner's country.  Ties have a column last_activity (--columns).\n"
	"\n"
	"Filters:\n"),
	CMD_DB_READ | CMD_HELP_FILTERS | CMD_HELP_ORDER |
	    CMD_HELP_OUTPUT, list_run
};
