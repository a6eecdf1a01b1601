/* export: every record of a kind in its import format. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

enum { OPT_KIND = OPT_CMD, OPT_HEADERS };

static int turkish_headers;	/* --headers tr */
static struct twr_filter filter;	/* list's filters, when given */
static const struct twr_filter *filtered;
static struct meter meter;	/* the progress line, kind after kind */

/* --kind is the kind of record exported; the agreement kind filter
   is --agreement-kind here. */
static const struct option opts[] = {
	{ "headers", required_argument, NULL, OPT_HEADERS },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "agreement-kind", required_argument, NULL, OPT_F_KIND },
	{ "as-of", required_argument, NULL, OPT_F_AS_OF },
	{ "country", required_argument, NULL, OPT_F_COUNTRY },
	{ "dormant", optional_argument, NULL, OPT_F_DORMANT },
	{ "from", required_argument, NULL, OPT_F_FROM },
	{ "lacks", required_argument, NULL, OPT_F_LACKS },
	{ "municipality", required_argument, NULL, OPT_F_MUNICIPALITY },
	{ "network", required_argument, NULL, OPT_F_NETWORK },
	{ "partner", required_argument, NULL, OPT_F_PARTNER },
	{ "status", required_argument, NULL, OPT_F_STATUS },
	{ "to", required_argument, NULL, OPT_F_TO },
	{ "topic", required_argument, NULL, OPT_F_TOPIC },
	{ "year", required_argument, NULL, OPT_F_YEAR },
	OUTPUT_LONGOPT,
	GLOBAL_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

extern const struct printer printer_csv;

/* Write every record of KIND as CSV to FP. */
static int
export_kind(struct ctx *ctx, enum twr_kind kind, FILE *fp)
{
	struct twr_error err = { TWR_OK };
	struct twr_rows *rows;
	struct out o;
	int st;

	/* Progress, unless the rows go to the same terminal. */
	if (fp != stdout || !isatty(STDOUT_FILENO))
		meter_start(ctx, &meter, 0);
	if (twr_export(ctx->db, kind, filtered, &rows, &err) != TWR_OK)
		return lib_fail(ctx, &err);
	/* The rate from the first row, not from the count of them. */
	clock_gettime(CLOCK_MONOTONIC, &meter.t0);
	memset(&o, 0, sizeof(o));
	o.fp = fp;
	o.no_header = ctx->out.no_header;
	o.delim = ctx->out.delim;
	o.bom = ctx->out.bom;
	if (turkish_headers) {
		const struct twr_columns *c = twr_rows_columns(rows);
		const char *names[64];
		struct twr_columns tr = { c->n, names, c->types };
		size_t i;

		for (i = 0; i < c->n && i < 64; i++)
			if ((names[i] = twr_column_tr(kind, c->names[i])) ==
			    NULL)
				names[i] = c->names[i];
		st = print_mapped(&printer_csv, &o, rows, &tr, NULL, NULL,
		    &err);
	} else
		st = print_rows(&printer_csv, &o, rows, &err);
	twr_rows_free(rows);
	return print_failed(st, &o, &err);
}

static int
export_file(struct ctx *ctx, enum twr_kind kind, const char *path)
{
	struct outfile of;
	int st;

	if ((st = outfile_open(ctx, &of, path)) != TWR_OK)
		return st;
	if ((st = export_kind(ctx, kind, of.fp)) != TWR_OK) {
		outfile_abort(&of);
		return st;
	}
	return outfile_commit(&of);
}

/*
 * Put the N files OF, written and closed, in place, all or none: each
 * file they replace is kept under a second name (a hard link) until
 * every one is in place, and put back if one cannot be.  Returns TWR_OK,
 * or TWR_IOERR (told) with the directory as it was.
 */
static int
commit_all(struct outfile *of, size_t n)
{
	char *old[8] = { NULL };
	int had[8] = { 0 }, st = TWR_OK, e;
	struct stat sb;
	size_t i, k = 0, len;

	for (i = 0; i < n && st == TWR_OK; i++) {
		if (of[i].tmp == NULL || lstat(of[i].path, &sb) == -1)
			continue;
		len = strlen(of[i].tmp) + sizeof(".old");
		if ((old[i] = malloc(len)) == NULL) {
			errorf("out of memory");
			st = TWR_INTERNAL;
			break;
		}
		snprintf(old[i], len, "%s.old", of[i].tmp);
		if (link(of[i].path, old[i]) == 0)
			had[i] = 1;
		else if (errno != EPERM && errno != EOPNOTSUPP) {
			/* (Where links cannot be made, no way back.) */
			errorf("cannot write '%s': %s", of[i].path,
			    strerror(errno));
			st = TWR_IOERR;
		}
	}
	for (; k < n && st == TWR_OK; k++)
		if (of[k].tmp != NULL && rename(of[k].tmp, of[k].path) == -1) {
			e = errno;
			errorf("cannot write '%s': %s; no file of the "
			    "directory was changed", of[k].path, strerror(e));
			st = TWR_IOERR;
			break;
		}
	/* On failure, the files already in place give way to the old. */
	for (i = 0; i < n; i++) {
		if (st != TWR_OK && i < k) {
			if (had[i])
				rename(old[i], of[i].path);
			else
				unlink(of[i].path);
		}
		if (had[i])
			unlink(old[i]);
		free(old[i]);
		if (st == TWR_OK || i < k) {
			free(of[i].path);
			free(of[i].tmp);
			memset(&of[i], 0, sizeof(of[i]));
		} else
			outfile_abort(&of[i]);
	}
	return st;
}

/* Every kind, a file each, into directory DIR, from one state of the
   registry: every file is written whole before any takes its place. */
static int
export_dir(struct ctx *ctx, const char *dir)
{
	struct twr_error err = { TWR_OK };
	struct outfile of[8];
	size_t i, n = 0;
	int st = TWR_OK, made = 0;

	if (mkdir(dir, 0777) == 0)
		made = 1;
	else if (errno != EEXIST) {
		errorf("cannot create directory '%s': %s", dir,
		    strerror(errno));
		return TWR_CANTCREAT;
	}
	if (twr_snapshot_begin(ctx->db, &err) != TWR_OK)
		return fail(&err);
	for (; twr_kinds[n] != TWR_KIND_AUTO && st == TWR_OK; n++) {
		size_t len = strlen(dir) + 32;
		char *path = malloc(len);

		if (path == NULL) {
			errorf("out of memory");
			st = TWR_INTERNAL;
			break;
		}
		snprintf(path, len, "%s/%s.csv", dir, twr_kind_name(
		    twr_kinds[n]));
		st = outfile_open(ctx, &of[n], path);
		free(path);
		if (st != TWR_OK)
			break;
		if ((st = export_kind(ctx, twr_kinds[n], of[n].fp)) ==
		    TWR_OK)
			st = outfile_close(&of[n]);
		else
			outfile_abort(&of[n]);
	}
	twr_snapshot_end(ctx->db);
	if (st == TWR_OK)
		st = commit_all(of, n);
	else
		for (i = 0; i < n; i++)
			outfile_abort(&of[i]);
	/* A directory made for a failed export goes too. */
	if (st != TWR_OK && made)
		rmdir(dir);
	return st;
}

static int
export_run(struct ctx *ctx, int argc, char **argv)
{
	enum twr_kind kind = TWR_KIND_AUTO;
	const char *output = NULL;
	int c;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, OUTPUT_SHORTOPTS, opts)) !=
	    -1) {
		switch (c) {
		case OPT_KIND:
			if ((kind = twr_kind_parse(optarg)) == TWR_KIND_AUTO)
				return usage_error(ctx, "--kind: unknown kind "
				    "'%s' (expected sister-cities, "
				    "partnerships, memberships, actors or "
				    "activities)",
				    optarg);
			break;
		case OPT_HEADERS:
			if (strcmp(optarg, "tr") != 0 && strcmp(optarg, "en") !=
			    0)
				return usage_error(ctx, "--headers: unknown "
				    "language '%s' (expected en or tr)",
				    optarg);
			turkish_headers = strcmp(optarg, "tr") == 0;
			break;
		case 'h':
			return CMD_DONE;
		default:
			if (c == '?' || filter_opt(ctx, &filter, c, optarg) != 1)
				return TWR_USAGE;
			filtered = &filter;
		}
	}
	output = ctx->output;
	if (optind != argc)
		return usage_error(ctx, "export takes no arguments");
	if (ctx->fmt_given && strcmp(ctx->fmt->name, "csv") != 0)
		return usage_error(ctx, "export writes CSV, the import format; "
		    "--format %s does not apply", ctx->fmt->name);
	if (kind == TWR_KIND_AUTO && output == NULL)
		return usage_error(ctx, "export to standard output needs --kind "
		    "(a CSV file holds one kind); -o DIR writes every kind");
	if ((c = ctx_open(ctx)) != TWR_OK)
		return c;
	if (kind != TWR_KIND_AUTO)
		c = output ? export_file(ctx, kind, output) :
		    export_kind(ctx, kind, stdout);
	else
		c = export_dir(ctx, output);
	meter_end(ctx, &meter);
	return c;
}

const struct cmd cmd_export = {
	"export", "export [--kind K] [FILTERS] [--headers en|tr] [-o FILE]",
	N_("every record of a kind as CSV in its import format"),
	N_("  --kind K             sister-cities, partnerships, memberships,\n"
	"                       actors or activities\n"
	"  --headers tr         Turkish column headers (belediye, imza\n"
	"                       tarihi...), which import takes as well\n"
	"  -o, --output FILE    write FILE whole or not at all; without\n"
	"                       --kind, FILE is a directory that gets one\n"
	"                       file a kind (actors.csv, sister-cities.csv...),\n"
	"                       all from one state of the registry, all\n"
	"                       written or none\n"
	"  --bom, --delimiter C (global) for spreadsheets: a byte-order mark\n"
	"                       first and no cell a spreadsheet would run as\n"
	"                       a formula; ';' between fields\n"
	"Import the files back ('twinreg import DIR') to get the same registry.\n"
	"\n"
	"With list's filters (--municipality, --partner, --network, --country,\n"
	"--status, --year, --from, --to, --as-of, --topic, --lacks, --dormant),\n"
	"the ties they select (as report counts them), their activities and,\n"
	"in actors.csv, every actor these name with its parents; the files\n"
	"import into an empty registry.\n"
	"  --agreement-kind K   agreements of kind K (list's --kind)\n"),
	CMD_DB_READ | CMD_HELP_COLUMNS, export_run
};
