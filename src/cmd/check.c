/* check: data-quality and compliance findings, put into words. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char *const cols[] = { "id", "severity", "problem", "fix" };
static const enum twr_type types[] = { TWR_INT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT };
static const struct twr_columns columns = { 4, cols, types };

/* A finding's row as the library gives it. */
enum { F_ID, F_RECORD, F_SEVERITY, F_FINDING, F_FIELD, F_VALUE, F_OTHER,
	F_OTHER_ID };

struct words_row {
	int human;		/* printed in a people's format (table...) */
	char problem[1024], fix[512];
	const char *vals[4];
	long long nums[4];
};

#define S(i) (in->vals[i] != NULL ? in->vals[i] : "")

/*
 * The machine formats (csv, tsv, json, jsonl) give a finding's problem and
 * fix the same in every locale, as every other command's values are; the
 * people's formats in the reader's language.  So within word_finding, _()
 * translates only for a people's format.
 */
#undef _
#define _(s) (w->human ? gettext(s) : (s))

/* Say what finding IN is and how to fix it. */
static void
word_finding(void *arg, const struct twr_row *in, struct twr_row *out)
{
	struct words_row *w = arg;
	const char *f = S(F_FINDING), *id = S(F_ID);
	int membership = strcmp(S(F_RECORD), "membership") == 0;
	char opt[64];

	w->problem[0] = w->fix[0] = '\0';
	if (strcmp(f, "no_council_decision") == 0) {
		snprintf(w->problem, sizeof(w->problem), _("no council decision "
		    "(Municipal Law 5393 art. 74)"));
		snprintf(w->fix, sizeof(w->fix), _("twinreg update %s "
		    "--council-decision-date DATE --council-decision-no N"), id);
	} else if (strcmp(f, "no_ministry_approval") == 0) {
		snprintf(w->problem, sizeof(w->problem), _("no approval of the "
		    "Ministry of the Interior (Municipal Law 5393 art. 74)"));
		snprintf(w->fix, sizeof(w->fix), _("twinreg update %s "
		    "--ministry-approval-date DATE --ministry-approval-no N"),
		    id);
	} else if (strcmp(f, "signed_before_approval") == 0) {
		snprintf(w->problem, sizeof(w->problem), _("signed on %s, before "
		    "the Ministry's approval of %s (art. 74 asks for permission "
		    "first)"), S(F_VALUE), S(F_OTHER));
		snprintf(w->fix, sizeof(w->fix), _("check both dates; correct "
		    "one with twinreg update %s"), id);
	} else if (strcmp(f, "same_parties") == 0) {
		long long a = in->nums[F_ID], b = in->nums[F_OTHER_ID];

		if (membership)
			snprintf(w->problem, sizeof(w->problem), _("the same "
			    "member and network have another membership: "
			    "record %s"), S(F_OTHER_ID));
		else
			snprintf(w->problem, sizeof(w->problem), _("the same "
			    "parties have another %s agreement: record %s"),
			    S(F_VALUE), S(F_OTHER_ID));
		snprintf(w->fix, sizeof(w->fix), _("if it is the same tie, keep "
		    "one: twinreg delete %lld"), a > b ? a : b);
	} else if (strcmp(f, "ended_before_start") == 0) {
		snprintf(w->problem, sizeof(w->problem), membership ?
		    _("ended on %s, before it began on %s") : _("ended on %s, "
		    "before it was signed on %s"), S(F_VALUE), S(F_OTHER));
		option_name(S(F_FIELD), opt, sizeof(opt));
		snprintf(w->fix, sizeof(w->fix), _("correct the dates: twinreg "
		    "update %s %s DATE"), id, opt);
	} else if (strcmp(f, "future_date") == 0) {
		snprintf(w->problem, sizeof(w->problem), _("date in the future: "
		    "%s %s"), S(F_FIELD), S(F_VALUE));
		snprintf(w->fix, sizeof(w->fix), _("correct it with twinreg "
		    "update %s"), id);
	} else if (strcmp(f, "no_country") == 0) {
		snprintf(w->problem, sizeof(w->problem), _("actor '%s' has no "
		    "country"), S(F_VALUE));
		snprintf(w->fix, sizeof(w->fix), _("twinreg update %s --country "
		    "CODE"), id);
	} else if (strcmp(f, "not_network") == 0) {
		snprintf(w->problem, sizeof(w->problem), _("the network '%s' "
		    "(%s) is an actor of kind %s, not network"), S(F_VALUE),
		    S(F_OTHER_ID), in->vals[F_OTHER] ? in->vals[F_OTHER] :
		    _("unknown"));
		snprintf(w->fix, sizeof(w->fix), _("twinreg update %s --kind "
		    "network, or correct the membership"), S(F_OTHER_ID));
	} else if (strcmp(f, "dormant") == 0) {
		if (in->vals[F_VALUE] != NULL)
			snprintf(w->problem, sizeof(w->problem), _("dormant: no "
			    "activity in the last 3 years (the last on %s)"),
			    S(F_VALUE));
		else
			snprintf(w->problem, sizeof(w->problem), _("dormant: no "
			    "dated activity, and in force for more than 3 "
			    "years or since a date not known"));
		snprintf(w->fix, sizeof(w->fix), membership ? _("record what "
		    "was done (twinreg add activity ... --with NETWORK), or "
		    "twinreg end %s") : _("record what was done (twinreg add "
		    "activity ... --with PARTNER), or mark it: twinreg update "
		    "%s --status dormant"), id);
	} else if (strcmp(f, "activity_before_tie") == 0 ||
	    strcmp(f, "activity_after_tie") == 0) {
		int before = f[9] == 'b';

		snprintf(w->problem, sizeof(w->problem), before ? _("dated %s, "
		    "before its tie %s began on %s") : _("dated %s, after its "
		    "tie %s ended on %s"), S(F_VALUE), S(F_OTHER_ID),
		    S(F_OTHER));
		snprintf(w->fix, sizeof(w->fix), _("correct the date (twinreg "
		    "update %s --date DATE) or the tie (--with)"), id);
	} else
		snprintf(w->problem, sizeof(w->problem), "%s", f);
	w->vals[0] = in->vals[F_ID];
	w->vals[1] = in->vals[F_SEVERITY];
	w->vals[2] = w->problem;
	w->vals[3] = w->fix;
	w->nums[0] = in->nums[F_ID];
	out->n = 4;
	out->vals = w->vals;
	out->nums = w->nums;
}

#undef _
#define _(s) gettext(s)

static int
check_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { OUTPUT_LONGOPT,
	    GLOBAL_LONGOPTS, { NULL, 0, NULL, 0 } };
	struct twr_error err = { TWR_OK };
	struct twr_rows *rows;
	struct words_row w;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, OUTPUT_SHORTOPTS, opts)) != -1)
		return c == 'h' ? CMD_DONE : TWR_USAGE;
	if (optind != argc)
		return usage_error(ctx, "check takes no arguments");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	w.human = ctx->fmt->human;
	if (twr_check(ctx->db, today_utc(), &rows, &err) != TWR_OK)
		return fail(&err);
	if ((st = print_result_mapped(ctx, rows, &columns, word_finding, &w)) !=
	    TWR_OK)
		return st;
	if (ctx->out.rows > 0) {
		notef(ctx, "%lu finding%s", ctx->out.rows,
		    ctx->out.rows == 1 ? "" : "s");
		return CMD_FINDINGS;
	}
	return TWR_OK;
}

const struct cmd cmd_check = {
	"check", "check [-o FILE]",
	N_("data-quality and compliance findings; exit 1 when there are any"),
	N_("Findings: ties without a council decision or the Ministry of the\n"
	"Interior's approval (Municipal Law 5393 art. 74), agreements signed\n"
	"before that approval, the same parties registered twice, an end\n"
	"before the start, dates in the future, actors without a country,\n"
	"memberships in an actor that is not a network, ties in force with\n"
	"no activity in the last 3 years (dormant; not those marked dormant),\n"
	"activities dated before their tie began or after it ended.  Each\n"
	"finding is a row of id, severity (warning or error), problem and\n"
	"fix (the command that fixes it).\n"),
	CMD_DB_READ | CMD_HELP_OUTPUT, check_run
};
