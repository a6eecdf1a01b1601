/* import: load CSV files, all in one transaction. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
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
	    s->actors_created == 1 ? "" : "s", !dry ? "" :
	    s->delimiter == ';' ? "; fields separated by ';'" :
	    s->delimiter == '\t' ? "; fields separated by tabs" :
	    "; fields separated by ','");
	if (s->batch != 0)
		notef(ctx, "import batch %lld (undo with 'twinreg undo-import "
		    "%lld')", s->batch, s->batch);
}

/* The files of one import, opened before anything is read. */
struct input {
	char *name;		/* as messages name it */
	int fd;
	char *mem;		/* its bytes, when read ahead (a pipe) */
	size_t len;
	off_t start;		/* where reading began; -1: not seekable */
	int rank;		/* twr_kind_rank() of its header */
	size_t seq;		/* its place on the command line */
};

struct inputs {
	struct input *v;
	size_t n, cap;
};

static void
inputs_free(struct inputs *in)
{
	size_t i;

	for (i = 0; i < in->n; i++) {
		if (in->v[i].fd > STDIN_FILENO)
			close(in->v[i].fd);
		free(in->v[i].name);
		free(in->v[i].mem);
	}
	free(in->v);
}

static int
input_add(struct inputs *in, const char *name, int fd)
{
	struct input *f;

	if (in->n == in->cap) {
		size_t cap = in->cap ? 2 * in->cap : 8;

		if ((f = realloc(in->v, cap * sizeof(*f))) == NULL)
			goto nomem;
		in->v = f;
		in->cap = cap;
	}
	f = &in->v[in->n];
	memset(f, 0, sizeof(*f));
	f->fd = fd;
	f->start = lseek(fd, 0, SEEK_CUR);
	f->seq = in->n;
	if ((f->name = strdup(name)) == NULL)
		goto nomem;
	in->n++;
	return TWR_OK;
nomem:
	if (fd > STDIN_FILENO)
		close(fd);
	errorf("out of memory");
	return TWR_INTERNAL;
}

static int
is_csv(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 &&
	    strcmp(d->d_name + n - 4, ".csv") == 0;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* The .csv files of directory DIR, by name. */
static int
open_dir(struct inputs *in, const char *dir)
{
	struct dirent **names;
	int i, n, st = TWR_OK;

	if ((n = scandir(dir, &names, is_csv, by_name)) == -1) {
		errorf("cannot open '%s': %s", dir, strerror(errno));
		return TWR_NOINPUT;
	}
	if (n == 0) {
		errorf("cannot import '%s': a directory with no .csv file",
		    dir);
		st = TWR_NOINPUT;
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
		char *path = st == TWR_OK ? malloc(len) : NULL;
		int fd;

		if (st == TWR_OK && path == NULL) {
			errorf("out of memory");
			st = TWR_INTERNAL;
		} else if (st == TWR_OK) {
			snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) -
			    1] == '/' ? "" : "/", names[i]->d_name);
			if ((fd = open(path, O_RDONLY)) == -1) {
				errorf("cannot open '%s': %s", path,
				    strerror(errno));
				st = TWR_NOINPUT;
			} else
				st = input_add(in, path, fd);
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return st;
}

/* Open every file first: all go in or none do. */
static int
open_inputs(struct ctx *ctx, struct inputs *in, char **names, int n)
{
	int i, fd, st, stdin_used = 0;
	struct stat sb;

	for (i = 0; i < n; i++) {
		const char *f = names[i];

		if (strcmp(f, "-") == 0) {
			if (stdin_used++)
				return usage_error(ctx, "standard input ('-') "
				    "given twice");
			st = input_add(in, "(stdin)", STDIN_FILENO);
		} else if ((fd = open(f, O_RDONLY)) == -1) {
			errorf("cannot open '%s': %s", f, strerror(errno));
			return TWR_NOINPUT;
		} else if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			close(fd);
			st = open_dir(in, f);
		} else
			st = input_add(in, f, fd);
		if (st != TWR_OK)
			return st;
	}
	return TWR_OK;
}

/* The rest of F in memory, for a pipe cannot be read twice. */
static int
read_ahead(struct input *f)
{
	size_t cap = 0;
	ssize_t r;

	for (;;) {
		if (f->len == cap) {
			char *p = realloc(f->mem, cap = cap ? 2 * cap : 65536);

			if (p == NULL) {
				errorf("out of memory");
				return TWR_INTERNAL;
			}
			f->mem = p;
		}
		if ((r = read(f->fd, f->mem + f->len, cap - f->len)) == -1 &&
		    errno == EINTR)
			continue;
		if (r == -1) {
			errorf("cannot read '%s': %s", f->name, strerror(errno));
			return TWR_IOERR;
		}
		if (r == 0)
			return TWR_OK;
		f->len += (size_t)r;
	}
}

static int
by_rank(const void *a, const void *b)
{
	const struct input *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Actors first, then ties, then activities, so that each file finds
   what it names, whatever the order given. */
static int
order_inputs(struct inputs *in, const char *encoding)
{
	char head[65536];
	size_t i;
	ssize_t r;
	int st;

	for (i = 0; i < in->n; i++) {
		struct input *f = &in->v[i];

		if ((r = pread(f->fd, head, sizeof(head), 0)) >= 0)
			f->rank = twr_kind_rank(twr_import_guess(head,
			    (size_t)r, encoding));
		else if ((st = read_ahead(f)) != TWR_OK)
			return st;
		else
			f->rank = twr_kind_rank(twr_import_guess(f->mem,
			    f->len, encoding));
	}
	qsort(in->v, in->n, sizeof(*in->v), by_rank);
	return TWR_OK;
}

/* The bytes F holds, or -1 when not known (a pipe). */
static long long
input_size(const struct input *f)
{
	struct stat sb;

	if (f->mem != NULL)
		return (long long)f->len;
	if (fstat(f->fd, &sb) == 0 && S_ISREG(sb.st_mode))
		return (long long)sb.st_size;
	return -1;
}

/* Read every file of IN into IMP, the progress shown by M; returns a
   status. */
static int
import_inputs(struct ctx *ctx, struct twr_import *imp, struct inputs *in,
    struct meter *mp, struct twr_error *err)
{
	unsigned long long all = 0;
	size_t i;
	int st = TWR_OK;

	for (i = 0; i < in->n && all != (unsigned long long)-1; i++)
		all = input_size(&in->v[i]) < 0 ? (unsigned long long)-1 :
		    all + (unsigned long long)input_size(&in->v[i]);
	meter_start(ctx, mp, all == (unsigned long long)-1 ? 0 : all);
	for (i = 0; i < in->n && st == TWR_OK; i++) {
		struct input *f = &in->v[i];

		st = f->mem != NULL ? twr_import_mem(imp, f->name, f->mem,
		    f->len, err) : twr_import_fd(imp, f->name, f->fd, err);
		mp->base += input_size(f) > 0 ? (unsigned long long)
		    input_size(f) : 0;
	}
	if (st == TWR_OK)
		meter_finishing(mp);
	else
		meter_end(ctx, mp);
	return st;
}

/* Can every file of IN be read again from where it began? */
static int
rereadable(const struct inputs *in)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (in->v[i].mem == NULL && in->v[i].start < 0)
			return 0;
	return 1;
}

/* The files of IN back where they began (1), or not (0). */
static int
rewound(struct inputs *in)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (in->v[i].mem == NULL && lseek(in->v[i].fd, in->v[i].start,
		    SEEK_SET) == -1)
			return 0;
	return 1;
}

/* One try at the whole import: every file of IN in one transaction. */
static int
import_try(struct ctx *ctx, const struct twr_import_opts *o,
    struct inputs *in, struct meter *m, struct twr_import_stats *stats,
    struct twr_error *err)
{
	struct twr_import *imp;
	int st;

	if ((st = twr_import_begin(ctx->db, o, &imp, err)) != TWR_OK)
		return st;
	if ((st = import_inputs(ctx, imp, in, m, err)) != TWR_OK) {
		struct twr_error told;

		/* The bad rows found so far are told first. */
		twr_import_end(imp, NULL, &told);
		return st;
	}
	st = twr_import_end(imp, stats, err);
	meter_end(ctx, m);
	return st;
}

static int
import_run(struct ctx *ctx, int argc, char **argv)
{
	struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0, 0,
		NULL };
	struct twr_error err = { TWR_OK };
	struct twr_import_stats stats;
	struct inputs in = { NULL, 0, 0 };
	struct meter m;
	unsigned long v;
	int c, n, st, tries = 0;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1) {
		switch (c) {
		case OPT_KIND:
			if ((o.kind = twr_kind_parse(optarg)) == TWR_KIND_AUTO)
				return usage_error(ctx, "--kind: unknown kind "
				    "'%s' (expected sister-cities, "
				    "partnerships, memberships, actors or "
				    "activities)",
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
			if (*optarg == '\0')
				return usage_error(ctx, "--encoding: empty "
				    "(expected an encoding such as UTF-8 or "
				    "windows-1254)");
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
	if (ctx->delim_given)
		o.delimiter = ctx->out.delim;
	memset(&m, 0, sizeof(m));
	if ((st = open_inputs(ctx, &in, argv + optind, n)) != TWR_OK)
		goto out;
	if (o.kind == TWR_KIND_AUTO && in.n > 1 && (st = order_inputs(&in,
	    o.encoding)) != TWR_OK)
		goto out;
	if ((st = ctx_open(ctx)) != TWR_OK)
		goto out;
	/* A transaction that conflicted with another is run again, when
	   the files can be read again (a pipe streamed, not held in
	   memory, cannot). */
	do
		st = import_try(ctx, &o, &in, &m, &stats, &err);
	while (st == TWR_BUSY && rereadable(&in) && twr_again(&err, st,
	    &tries) && rewound(&in));
	if (st == TWR_OK)
		summary(ctx, &stats, o.dry_run);
	else
		fail(&err);
out:
	inputs_free(&in);
	return st;
}

const struct cmd cmd_import = {
	"import",
	"import [--kind K] [--dry-run] [--on-conflict skip|update|fail] "
	    "[--encoding E] [--max-errors N] FILE...",
	N_("load CSV files ('-' for standard input); all go in or none do"),
	N_("  FILE                 a CSV file, '-' for standard input, or a\n"
	"                       directory for its .csv files (one that\n"
	"                       'export -o DIR' wrote); actors are read\n"
	"                       first, then ties, then activities\n"
	"  --kind K             sister-cities, partnerships, memberships,\n"
	"                       actors or activities (default: guessed from\n"
	"                       the header)\n"
	"  --dry-run            check and count, write nothing\n"
	"  --on-conflict MODE   a row that changes a stored value: fail (the\n"
	"                       default), skip the row, or update the record\n"
	"  --encoding E         the files' encoding: UTF-8 (default),\n"
	"                       windows-1254, iso-8859-9, or another that\n"
	"                       iconv knows\n"
	"  --max-errors N       stop after N errors and list them (default 20)\n"
	"  --delimiter C        (global) ',', ';' or tab; without it, guessed\n"
	"                       from the header line (--dry-run says which)\n"
	"\n"
	"The header may name the columns below or their Turkish names\n"
	"(belediye, kardeş şehir, imza tarihi...), as export writes them.\n"
	"Dates: YYYY, YYYY-MM, YYYY-MM-DD, or day first (22.09.2011,\n"
	"22/09/2011, 22-09-2011, 13 Aralık 2010, Eylül 2011), never month\n"
	"first.  A file in another encoding is refused, naming the likely one.\n"
	"On PostgreSQL an import that conflicted with another change runs\n"
	"again when its input is files; from a pipe it exits 75.\n"),
	CMD_DB_WRITE | CMD_HELP_COLUMNS, import_run
};
