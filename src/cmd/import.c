/* import: load CSV files, all in one transaction. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

enum { OPT_KIND = OPT_CMD, OPT_DRY_RUN, OPT_ON_CONFLICT, OPT_ENCODING,
	OPT_MAX_ERRORS };

static const struct option opts[] = {
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "max-errors", required_argument, NULL, OPT_MAX_ERRORS },
	{ "on-conflict", required_argument, NULL, OPT_ON_CONFLICT },
	GLOBAL_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static void
summary(struct ctx *ctx, const struct twr_import_stats *s, int dry)
{
	notef(ctx, "%s%lu row%s from %lu file%s: %lu added, %lu updated, "
	    "%lu unchanged, %lu skipped; %lu actor%s created%s", dry ?
	    "dry run, nothing written: " : "", s->rows, s->rows == 1 ? "" : "s",
	    s->files, s->files == 1 ? "" : "s", s->added, s->updated,
	    s->unchanged, s->skipped, s->actors_created,
	    s->actors_created == 1 ? "" : "s", "");
	if (s->batch != 0)
		notef(ctx, "import batch %lld (undo with 'twinreg undo-import "
		    "%lld')", s->batch, s->batch);
}

static int
import_run(struct ctx *ctx, int argc, char **argv)
{
	struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0, 0,
		NULL };
	struct twr_error err = { TWR_OK };
	struct twr_import_stats stats;
	struct twr_import *imp;
	unsigned long v;
	int c, i, n, st, *fds, stdin_used = 0;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1) {
		switch (c) {
		case OPT_KIND:
			if ((o.kind = twr_kind_parse(optarg)) == TWR_KIND_AUTO)
				return usage_error(ctx, "--kind: unknown kind "
				    "'%s' (expected sister-cities, "
				    "partnerships, memberships or actors)",
				    optarg);
			break;
		case OPT_DRY_RUN:
			o.dry_run = 1;
			break;
		case OPT_ON_CONFLICT:
			if (strcmp(optarg, "fail") == 0)
				o.on_conflict = TWR_CONFLICT_FAIL;
			else if (strcmp(optarg, "skip") == 0)
				o.on_conflict = TWR_CONFLICT_SKIP;
			else if (strcmp(optarg, "update") == 0)
				o.on_conflict = TWR_CONFLICT_UPDATE;
			else
				return usage_error(ctx, "--on-conflict: "
				    "unknown mode '%s' (expected skip, update "
				    "or fail)", optarg);
			break;
		case OPT_ENCODING:
			o.encoding = optarg;
			break;
		case OPT_MAX_ERRORS:
			if (parse_ulong(optarg, 1000000, &v) == -1 || v == 0)
				return usage_error(ctx, "--max-errors: bad "
				    "number '%s' (expected 1 or more)", optarg);
			o.max_errors = (unsigned)v;
			break;
		case 'h':
			return CMD_DONE;
		default:
			return TWR_USAGE;
		}
	}
	if ((n = argc - optind) == 0)
		return usage_error(ctx, "import needs a FILE ('-' for standard "
		    "input)");
	/* Open every file first: all go in or none do. */
	if ((fds = calloc((size_t)n, sizeof(*fds))) == NULL) {
		errorf("out of memory");
		return TWR_INTERNAL;
	}
	for (i = 0; i < n; i++) {
		const char *f = argv[optind + i];
		struct stat sb;

		if (strcmp(f, "-") == 0) {
			if (stdin_used++) {
				st = usage_error(ctx, "standard input ('-') "
				    "given twice");
				goto out;
			}
			fds[i] = STDIN_FILENO;
			continue;
		}
		if ((fds[i] = open(f, O_RDONLY)) == -1) {
			errorf("cannot open '%s': %s", f, strerror(errno));
			st = TWR_NOINPUT;
			goto out;
		}
		if (fstat(fds[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			errorf("cannot open '%s': Is a directory", f);
			st = TWR_NOINPUT;
			goto out;
		}
	}
	if ((st = ctx_open(ctx)) != TWR_OK)
		goto out;
	if ((st = twr_import_begin(ctx->db, &o, &imp, &err)) != TWR_OK) {
		st = fail(&err);
		goto out;
	}
	for (i = 0; i < n && st == TWR_OK; i++) {
		const char *f = argv[optind + i];

		st = twr_import_fd(imp, strcmp(f, "-") == 0 ? "(stdin)" : f,
		    fds[i], &err);
	}
	if (st != TWR_OK) {
		struct twr_error told;

		/* The bad rows found so far are told first. */
		twr_import_end(imp, NULL, &told);
		fail(&err);
		goto out;
	}
	st = twr_import_end(imp, &stats, &err);
	if (st == TWR_OK)
		summary(ctx, &stats, o.dry_run);
	else
		fail(&err);
out:
	for (i = 0; i < n; i++)
		if (fds[i] > STDIN_FILENO)
			close(fds[i]);
	free(fds);
	return st;
}

const struct cmd cmd_import = {
	"import",
	"import [--kind K] [--dry-run] [--on-conflict skip|update|fail] "
	    "[--encoding E] [--max-errors N] FILE...",
	"load CSV files ('-' for standard input); all go in or none do",
	"  --kind K             sister-cities, partnerships, memberships or\n"
	"                       actors (default: guessed from the header)\n"
	"  --dry-run            check and count, write nothing\n"
	"  --on-conflict MODE   a row that changes a stored value: fail (the\n"
	"                       default), skip the row, or update the record\n"
	"  --encoding E         the files' encoding: UTF-8 (default),\n"
	"                       windows-1254, iso-8859-9, or another that\n"
	"                       iconv knows\n"
	"  --max-errors N       stop after N errors and list them (default 20)\n",
	CMD_DB_WRITE | CMD_HELP_COLUMNS, import_run
};
