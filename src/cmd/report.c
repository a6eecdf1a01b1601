/* report: summary reports for people and for cron. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

enum { OPT_YEAR = OPT_CMD, OPT_OUTPUT };

static const struct option opts[] = {
	OUTPUT_LONGOPT,
	FILTER_LONGOPTS,
	GLOBAL_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const struct {
	const char *name;
	enum twr_report which;
} reports[] = {
	{ "yearly", TWR_REPORT_YEARLY },
	{ "countries", TWR_REPORT_COUNTRIES },
	{ "municipalities", TWR_REPORT_MUNICIPALITIES },
	{ "networks", TWR_REPORT_NETWORKS },
	{ "timeline", TWR_REPORT_TIMELINE },
	{ "activities", TWR_REPORT_ACTIVITIES },
};


static int
report_run(struct ctx *ctx, int argc, char **argv)
{
	struct twr_error err = { TWR_OK };
	struct twr_report_opts ro = { 0, 0, 0 };
	struct twr_filter f;
	struct twr_rows *rows;
	size_t i;
	int c, st;

	memset(&f, 0, sizeof(f));
	opt_reset();
	while ((c = next_opt(ctx, argc, argv, OUTPUT_SHORTOPTS, opts)) !=
	    -1) {
		if (c == 'h')
			return CMD_DONE;
		if (c == '?' || filter_opt(ctx, &f, c, optarg) != 1)
			return TWR_USAGE;
	}
	if (optind + 1 != argc)
		return usage_error(ctx, _("report needs one of yearly, "
		    "countries, municipalities, networks, timeline or "
		    "activities"));
	for (i = 0; i < sizeof(reports) / sizeof(reports[0]) &&
	    strcmp(reports[i].name, argv[optind]) != 0; i++)
		;
	if (i == sizeof(reports) / sizeof(reports[0]))
		return usage_error(ctx, _("unknown report '%s' (expected "
		    "yearly, countries, municipalities, networks, timeline or "
		    "activities)"), argv[optind]);
	if (reports[i].which == TWR_REPORT_YEARLY) {
		/* --year names the report's year, not a filter. */
		if (f.from != NULL || f.to != NULL)
			return usage_error(ctx, "report yearly: --from and --to "
			    "do not apply (--year names the year)");
		ro.year = f.year ? f.year : atoi(today_utc()) - 1;
		f.year = 0;
	} else if (reports[i].which == TWR_REPORT_ACTIVITIES) {
		/* --year names the report's year, not a filter; without it,
		   every activity and the ties idle today. */
		if (f.from != NULL || f.to != NULL)
			return usage_error(ctx, _("report activities: --from and "
			    "--to do not apply (--year names the year)"));
		ro.year = f.year;
		f.year = 0;
		f.today = today_utc();
	} else if (reports[i].which == TWR_REPORT_TIMELINE) {
		/* --from and --to are the timeline's years. */
		if ((f.from && year_option(ctx, "--from", f.from, &ro.from) == -1) ||
		    (f.to && year_option(ctx, "--to", f.to, &ro.to) == -1))
			return TWR_USAGE;
		f.from = f.to = NULL;
	}
	if (f.sort != NULL || f.limit != 0)
		return usage_error(ctx, "reports have a fixed order: --sort and "
		    "--limit apply to list");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_report(ctx->db, reports[i].which, &ro, &f, &rows, &err) !=
	    TWR_OK)
		return lib_fail(ctx, &err);
	return print_result(ctx, rows);
}

const struct cmd cmd_report = {
	"report",
	"report yearly|countries|municipalities|networks|timeline|activities "
	    "[--year Y] [FILTERS] [-o FILE]",
	N_("reports: a year; ties by country, municipality, year; activities"),
	N_("  yearly [--year Y]    agreements signed in Y by kind and partner\n"
	"                       country, memberships begun and ended, ties in\n"
	"                       force at the end of Y, new partner countries,\n"
	"                       counts by municipality, activities by type,\n"
	"                       ties with an activity, ties dormant at the\n"
	"                       end of Y; each with the year before and the\n"
	"                       change (default: last year)\n"
	"  countries            ties by partner country\n"
	"  municipalities       ties by municipality, parents rolled up\n"
	"  networks             members by network\n"
	"  timeline [--from Y] [--to Y]\n"
	"                       ties by year, with a bar for people\n"
	"  activities [--year Y]\n"
	"                       activities by municipality, type, partner\n"
	"                       country and tie, and the ties in force that\n"
	"                       had none: the chapter of an annual activity\n"
	"                       report (default: every activity)\n"
	"Filters (those of list; --type and --tie only for activities, which\n"
	"takes no --network, --kind, --status, --as-of, --topic, --lacks or\n"
	"--dormant; a report keeps its own order, and the period of yearly\n"
	"and activities is their year, without --from and --to):\n"),
	CMD_DB_READ | CMD_HELP_FILTERS | CMD_HELP_OUTPUT, report_run
};
