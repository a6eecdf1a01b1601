/* export: every record of a kind in its import format. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"

enum { OPT_KIND = OPT_CMD, OPT_BOM };

static const struct option opts[] = {
	{ "bom", no_argument, NULL, OPT_BOM },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "output", required_argument, NULL, 'o' },
	GLOBAL_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

extern const struct printer printer_csv;

/* Write every record of KIND as CSV to FP. */
static int
export_kind(struct ctx *ctx, enum twr_kind kind, FILE *fp, int bom)
{
	struct twr_error err = { TWR_OK };
	struct twr_rows *rows;
	struct out o;
	int st;

	if (twr_export(ctx->db, kind, &rows, &err) != TWR_OK)
		return fail(&err);
	memset(&o, 0, sizeof(o));
	o.fp = fp;
	o.no_header = ctx->out.no_header;
	if (bom)
		fputs("\xEF\xBB\xBF", fp);
	st = print_rows(&printer_csv, &o, rows, &err);
	twr_rows_free(rows);
	return print_failed(st, &o, &err);
}

static int
export_file(struct ctx *ctx, enum twr_kind kind, const char *path, int bom)
{
	struct outfile of;
	int st;

	if ((st = outfile_open(&of, path)) != TWR_OK)
		return st;
	if ((st = export_kind(ctx, kind, of.fp, bom)) != TWR_OK) {
		outfile_abort(&of);
		return st;
	}
	return outfile_commit(&of);
}

static int
export_run(struct ctx *ctx, int argc, char **argv)
{
	static const enum twr_kind all[] = { TWR_KIND_ACTORS,
	    TWR_KIND_SISTER_CITIES, TWR_KIND_PARTNERSHIPS,
	    TWR_KIND_MEMBERSHIPS };
	enum twr_kind kind = TWR_KIND_AUTO;
	const char *output = NULL;
	int c, st, bom = 0;
	size_t i;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, "o:" GLOBAL_SHORTOPTS, opts)) !=
	    -1) {
		switch (c) {
		case OPT_KIND:
			if ((kind = twr_kind_parse(optarg)) == TWR_KIND_AUTO)
				return usage_error(ctx, "--kind: unknown kind "
				    "'%s' (expected sister-cities, "
				    "partnerships, memberships or actors)",
				    optarg);
			break;
		case OPT_BOM:
			bom = 1;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			return CMD_DONE;
		default:
			return TWR_USAGE;
		}
	}
	if (optind != argc)
		return usage_error(ctx, "export takes no arguments");
	if (ctx->fmt_given && strcmp(ctx->fmt->name, "csv") != 0)
		return usage_error(ctx, "export writes CSV, the import format; "
		    "--format %s does not apply", ctx->fmt->name);
	if (kind == TWR_KIND_AUTO && output == NULL)
		return usage_error(ctx, "export to standard output needs --kind "
		    "(a CSV file holds one kind); -o DIR writes every kind");
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (kind != TWR_KIND_AUTO)
		return output ? export_file(ctx, kind, output, bom) :
		    export_kind(ctx, kind, stdout, bom);
	/* Every kind, a file each, into the directory OUTPUT. */
	if (mkdir(output, 0777) == -1 && errno != EEXIST) {
		errorf("cannot create directory '%s': %s", output,
		    strerror(errno));
		return TWR_CANTCREAT;
	}
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		size_t n = strlen(output) + 32;
		char *path = malloc(n);

		if (path == NULL) {
			errorf("out of memory");
			return TWR_INTERNAL;
		}
		snprintf(path, n, "%s/%s.csv", output, twr_kind_name(all[i]));
		st = export_file(ctx, all[i], path, bom);
		free(path);
		if (st != TWR_OK)
			return st;
	}
	return TWR_OK;
}

const struct cmd cmd_export = {
	"export", "export [--kind K] [-o FILE] [--bom]",
	"every record of a kind as CSV in its import format",
	"  --kind K             sister-cities, partnerships, memberships or\n"
	"                       actors\n"
	"  -o, --output FILE    write FILE whole or not at all; without\n"
	"                       --kind, FILE is a directory that gets one\n"
	"                       file a kind (actors.csv, sister-cities.csv...)\n"
	"  --bom                start with a byte-order mark, for spreadsheets\n"
	"                       that need one\n"
	"Import the files back (actors.csv first) to get the same registry.\n",
	CMD_DB_READ | CMD_HELP_COLUMNS, export_run
};
