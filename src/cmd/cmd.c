/* Option handling and other code the commands share. */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "sample.h"

void
opt_reset(void)
{
	/* glibc restarts getopt fully with 0; with 1 it would keep the '+'
	   of main's scan and stop at the first operand. */
	optind = 0;
}

/*
 * "twinreg: " and the message on one line of standard error: a control
 * character in it (a line break in a quoted value) is written visibly.
 */
static void
vmessage(const char *fmt, va_list ap)
{
	char buf[2048];
	const unsigned char *p;

	vsnprintf(buf, sizeof(buf), gettext(fmt), ap);
	meter_hide();
	fputs("twinreg: ", stderr);
	/* The table printer's escaping: control characters, invalid
	   UTF-8 and bidirectional overrides made visible. */
	if ((p = (const unsigned char *)escape_visible(buf)) == NULL)
		fputs(buf, stderr);
	else {
		fputs((const char *)p, stderr);
		free((void *)p);
	}
	putc('\n', stderr);
}

static void CMD_PRINTFLIKE(1, 2)
message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

void
errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

void
notef(struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (ctx->quiet)
		return;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

int
usage_error(struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	if (ctx->cmd != NULL)
		fprintf(stderr, _("twinreg: see 'twinreg help %s'\n"),
		    ctx->cmd->name);
	else
		fputs(_("twinreg: see 'twinreg help'\n"), stderr);
	return TWR_USAGE;
}

/* Tell M as found at FILE:LINE:COLUMN, after PREFIX ("warning: "). */
static void
say_at(const char *file, unsigned long line, unsigned column,
    const char *prefix, const struct twr_msg *m)
{
	struct sbuf b;

	b.len = 0;
	b.p[0] = '\0';
	say(&b, m);
	message("%s:%lu:%u: %s%s", file, line, column, prefix, b.p);
}

int
fail(struct twr_error *err)
{
	struct sbuf b;

	if (err->file != NULL)
		say_at(err->file, err->line, err->column, "", &err->m);
	else
		errorf("%s", words(&err->m, &b));
	return err->status;
}

int
lib_fail(struct ctx *ctx, struct twr_error *err)
{
	struct sbuf b;

	if (err->status == TWR_USAGE)
		return usage_error(ctx, "%s", words(&err->m, &b));
	return fail(err);
}

const char *
today_utc(void)
{
	static char day[16];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	return day;
}

int
parse_ulong(const char *text, unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	v = strtoul(text, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

int
global_opt(struct ctx *ctx, int c, const char *arg)
{
	unsigned long v;

	switch (c) {
	case OPT_DB:
		ctx->db_path = arg;
		return 1;
	case OPT_SAMPLE:
		ctx->sample = 1;
		return 1;
	case 'f':
		ctx->fmt_given = 1;
		if ((ctx->fmt = printer_find(arg)) == NULL) {
			usage_error(ctx, "unknown format '%s' (expected table, "
			    "csv, tsv, json, jsonl or markdown)", arg);
			return -1;
		}
		return 1;
	case OPT_NO_HEADER:
		ctx->out.no_header = 1;
		return 1;
	case 'q':
		ctx->quiet = 1;
		return 1;
	case OPT_BUSY_TIMEOUT:
		if (parse_ulong(arg, INT_MAX, &v) == -1) {
			usage_error(ctx, "--busy-timeout: bad number '%s' "
			    "(expected milliseconds)", arg);
			return -1;
		}
		ctx->busy_ms = (int)v;
		return 1;
	case OPT_BY:
		if (*arg == '\0') {
			usage_error(ctx, "--by: empty name");
			return -1;
		}
		ctx->by = arg;
		return 1;
	case OPT_MAX_WIDTH:
		if (parse_ulong(arg, 100000, &v) == -1 || v < 2) {
			usage_error(ctx, "--max-width: bad width '%s' (expected "
			    "a number of columns, 2 or more)", arg);
			return -1;
		}
		ctx->out.max_width = v;
		return 1;
	case OPT_DELIMITER:
		if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0 ||
		    strcmp(arg, "\t") == 0 || strcmp(arg, "tab") == 0)
			ctx->out.delim = arg[0] == ',' || arg[0] == ';' ?
			    arg[0] : '\t';
		else {
			usage_error(ctx, "--delimiter: bad separator '%s' "
			    "(expected ',', ';' or tab)", arg);
			return -1;
		}
		ctx->delim_given = 1;
		return 1;
	case OPT_BOM:
		ctx->out.bom = 1;
		return 1;
	case OPT_NO_PAGER:
		ctx->no_pager = 1;
		return 1;
	case 'o':
		ctx->output = arg;
		return 1;
	case OPT_VERSION:
		if (printf("twinreg %s\n", TWR_VERSION) < 0 ||
		    fflush(stdout) == EOF) {
			errorf("cannot write output: %s", strerror(errno));
			exit(74);
		}
		exit(0);
	}
	return 0;
}

/* While cmd_options() runs a command: where its option tables go. */
static opt_probe_fn *probe;
static void *probe_arg;

void
cmd_options(const struct cmd *c, opt_probe_fn *fn, void *arg)
{
	char name[32], help[] = "--help", *argv[] = { name, help, NULL };
	struct ctx ctx;

	snprintf(name, sizeof(name), "%s", c->name);
	ctx_init(&ctx);
	ctx.cmd = c;
	probe = fn;
	probe_arg = arg;
	c->run(&ctx, 2, argv);
	probe = NULL;
	probe_arg = NULL;
	twr_close(ctx.db);
}

int
next_opt(struct ctx *ctx, int argc, char **argv, const char *shortopts,
    const struct option *longopts)
{
	char opts[64];
	int c, g;

	if (probe != NULL) {
		probe(probe_arg, shortopts, longopts);
		return 'h';
	}

	/* A leading ':' tells a missing value from an unknown option. */
	snprintf(opts, sizeof(opts), ":%s", shortopts);
	opterr = 0;
	for (;;) {
		c = getopt_long(argc, argv, opts, longopts, NULL);
		if (c == -1)
			return -1;
		if (c == 'h') {
			cmd_usage(ctx->cmd, stdout);
			return 'h';
		}
		if (c == '?') {
			if (optopt != 0 && optopt < 256)
				usage_error(ctx, "unknown option '-%c'", optopt);
			else
				usage_error(ctx, "unknown option '%s'",
				    argv[optind - 1]);
			return '?';
		}
		if (c == ':') {
			usage_error(ctx, "option '%s' needs a value",
			    argv[optind - 1]);
			return '?';
		}
		if ((g = global_opt(ctx, c, optarg)) == -1)
			return '?';
		if (g == 0)
			return c;
	}
}

/* Every kind's columns, as the library's descriptors have them,
 * required ones marked '*', wrapped to fit 80 columns. */
static void
kind_columns(FILE *fp)
{
	const unsigned char *req;
	const char *const *cols;
	size_t i, w;
	int k;

	fputs(_("\nColumns (* required):\n"), fp);
	for (k = TWR_KIND_AUTO + 1; (cols = twr_kind_columns(k, &req)) !=
	    NULL; k++) {
		w = (size_t)fprintf(fp, "  %s:", twr_kind_name(k));
		for (i = 0; cols[i] != NULL; i++) {
			size_t n = strlen(cols[i]) + (req[i] ? 1 : 0) + 2;

			if (w + n > 78) {
				fputs("\n   ", fp);
				w = 3;
			}
			w += (size_t)fprintf(fp, " %s%s%s", cols[i], req[i] ?
			    "*" : "", cols[i + 1] != NULL ? "," : "");
		}
		putc('\n', fp);
	}
}

const char *const filter_help = N_(
	"  --municipality NAME  either party of an agreement, or the member\n"
	"  --partner NAME       the other party, or the network\n"
	"  --network NAME       the network (memberships)\n"
	"  --country C          either party's country: ISO code, English or\n"
	"                       Turkish name\n"
	"  --kind K             agreement kind (actors: actor kind)\n"
	"  --status S           status\n"
	"  --year Y             signed (memberships: begun) in year Y\n"
	"  --from DATE          signed on or after DATE\n"
	"  --to DATE            signed on or before DATE\n"
	"  --as-of DATE         in force on DATE\n"
	"  --topic T            agreements with topic T\n"
	"  --lacks FIELD        ties without FIELD: council-decision,\n"
	"                       ministry-approval, signed-on, signed-place,\n"
	"                       topics, source or activity\n"
	"  --dormant[=YEARS]    ties in force with no activity in the YEARS\n"
	"                       (default 3) years up to --as-of (default\n"
	"                       today)\n"
	"  --type T             activities of type T\n"
	"  --tie ID             activities of tie ID\n");
const char *const output_help = N_(
	"  -o, --output FILE    write FILE whole or not at all (a temporary\n"
	"                       file beside it, renamed into place with FILE's\n"
	"                       permissions; a link's target is written so,\n"
	"                       a device or a pipe as it is)\n");
const char *const order_help = N_(
	"  --columns C[,...]    these columns (all: every one)\n"
	"  --sort FIELD[,...]   order by these columns; -FIELD descends\n"
	"  --limit N            at most N records\n");

void
cmd_usage(const struct cmd *c, FILE *fp)
{
	fprintf(fp, _("usage: twinreg %s\n\n%s\n"), c->usage, _(c->summary));
	if (c->help != NULL && *c->help != '\0')
		fprintf(fp, "\n%s", _(c->help));
	if (c->flags & CMD_HELP_FILTERS)
		fputs(_(filter_help), fp);
	if (c->flags & CMD_HELP_ORDER)
		fputs(_(order_help), fp);
	if (c->flags & CMD_HELP_OUTPUT)
		fputs(_(output_help), fp);
	if (c->flags & CMD_HELP_COLUMNS)
		kind_columns(fp);
	fputs(_("\nGlobal options (twinreg --help) apply too.\n"), fp);
}

int
filter_opt(struct ctx *ctx, struct twr_filter *f, int c, const char *arg)
{
	unsigned long v;

	switch (c) {
	case OPT_F_MUNICIPALITY:
		f->municipality = arg;
		return 1;
	case OPT_F_PARTNER:
		f->partner = arg;
		return 1;
	case OPT_F_NETWORK:
		f->network = arg;
		return 1;
	case OPT_F_COUNTRY:
		f->country = arg;
		return 1;
	case OPT_F_KIND:
		f->kind = arg;
		return 1;
	case OPT_F_STATUS:
		f->status = arg;
		return 1;
	case OPT_F_FROM:
		f->from = arg;
		return 1;
	case OPT_F_TO:
		f->to = arg;
		return 1;
	case OPT_F_AS_OF:
		f->as_of = arg;
		return 1;
	case OPT_F_TOPIC:
		f->topic = arg;
		return 1;
	case OPT_F_LACKS:
		f->lacks = arg;
		return 1;
	case OPT_F_SORT:
		f->sort = arg;
		return 1;
	case OPT_F_TYPE:
		f->type = arg;
		return 1;
	case OPT_F_COLUMNS:
		f->columns = arg;
		return 1;
	case OPT_F_TIE:
		if (parse_ulong(arg, (unsigned long)1 << 62, &v) == -1 ||
		    v == 0) {
			usage_error(ctx, _("--tie: bad id '%s' (expected the id "
			    "of an agreement or a membership)"), arg);
			return -1;
		}
		f->tie = (long long)v;
		return 1;
	case OPT_F_DORMANT:
		if (arg == NULL)
			v = 3;
		else if (parse_ulong(arg, 100, &v) == -1 || v == 0) {
			usage_error(ctx, _("--dormant: bad number of years '%s' "
			    "(expected 1 to 100)"), arg);
			return -1;
		}
		f->dormant = (int)v;
		f->today = today_utc();
		return 1;
	case OPT_F_YEAR:
		return year_option(ctx, "--year", arg, &f->year) == -1 ? -1 : 1;
	case OPT_F_LIMIT:
		if (parse_ulong(arg, ULONG_MAX / 2, &v) == -1 || v == 0) {
			usage_error(ctx, "--limit: bad number '%s' (expected a "
			    "whole number, 1 or more)", arg);
			return -1;
		}
		f->limit = v;
		return 1;
	}
	return 0;
}

void
print_diag(void *arg, const struct twr_diag *d)
{
	struct ctx *ctx = arg;
	const char *warn = d->severity == TWR_WARNING ? _("warning: ") : "";
	struct sbuf b;

	if (d->severity != TWR_ERROR && ctx->quiet)
		return;
	if (d->severity == TWR_ERROR)
		ctx->errors++;
	if (d->file == NULL)
		message("%s%s", warn, words(&d->m, &b));
	else
		say_at(d->file, d->line, d->column, warn, &d->m);
}

char *
registry_path(struct ctx *ctx, int *is_default)
{
	const char *env, *home;
	size_t n;
	char *p;

	*is_default = 0;
	if (ctx->db_path != NULL)
		return strdup(ctx->db_path);
	if ((env = getenv("TWINREG_DB")) != NULL && *env != '\0')
		return strdup(env);
	*is_default = 1;
	if ((env = getenv("XDG_DATA_HOME")) != NULL && env[0] == '/') {
		n = strlen(env) + sizeof("/twinreg/registry.db");
		if ((p = malloc(n)) != NULL)
			snprintf(p, n, "%s/twinreg/registry.db", env);
		return p;
	}
	if ((home = getenv("HOME")) == NULL || *home == '\0')
		return NULL;
	n = strlen(home) + sizeof("/.local/share/twinreg/registry.db");
	if ((p = malloc(n)) != NULL)
		snprintf(p, n, "%s/.local/share/twinreg/registry.db", home);
	return p;
}

/* mkdir -p the directory part of PATH; returns 0 or -1 (errno). */
static int
make_parents(const char *path)
{
	char *dir = strdup(path), *s;

	if (dir == NULL)
		return -1;
	for (s = dir + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*s = '/';
	}
	free(dir);
	return 0;
}

void
ctx_init(struct ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->fmt = printers[0];
	ctx->busy_ms = 5000;
	ctx->out.fp = stdout;
}

/*
 * A debugging hook, not an interface: when TWINREG_TRACE_PLANS names a
 * file, every statement the library prepares on the registry (once it
 * is open) appends to it its SQL ("SQL: " and the text on one line) and
 * the query plan SQLite chose for it ("PLAN: " and the step, two spaces
 * a level deep, a line a step; none on PostgreSQL), then a blank line.
 * Parameters are unbound when the plan is made.
 * tests/cli/0475-query-plans.sh reads it to fail when a README query's
 * plan falls back to scanning agreements or activities where an index
 * should serve.  Undocumented for users on purpose; a file that cannot
 * be opened is ignored.
 */
static void
write_plan(void *arg, const char *sql, const struct twr_plan_step *steps,
    size_t n)
{
	FILE *f = fopen(arg, "a");
	const char *p;
	size_t i;
	int d;

	if (f == NULL)
		return;
	fputs("SQL: ", f);
	for (p = sql; *p != '\0'; p++)
		fputc(*p == '\n' || *p == '\t' ? ' ' : *p, f);
	fputc('\n', f);
	for (i = 0; i < n; i++) {
		fputs("PLAN: ", f);
		for (d = 0; d < steps[i].depth; d++)
			fputs("  ", f);
		fprintf(f, "%s\n", steps[i].detail);
	}
	fputc('\n', f);
	fclose(f);
}

int
ctx_open(struct ctx *ctx)
{
	struct twr_error err = { TWR_OK };
	unsigned flags = TWR_OPEN_READ;
	enum twr_status st;
	const char *trace;
	char *path;
	int is_default;

	if (ctx->cmd->flags & CMD_DB_WRITE)
		flags |= TWR_OPEN_WRITE;
	if (ctx->cmd->flags & CMD_DB_CREATE)
		flags |= TWR_OPEN_CREATE;
	if (ctx->sample && ctx->db_path != NULL)
		return usage_error(ctx, "--sample and --db name two registries; "
		    "give one");
	if (ctx->sample) {
		if ((st = sample_open(ctx->busy_ms, &ctx->db, &err)) != TWR_OK)
			return fail(&err);
		goto opened;
	}
	if ((path = registry_path(ctx, &is_default)) == NULL) {
		errorf("no registry: give --db or set TWINREG_DB (HOME is not "
		    "set for the default)");
		return TWR_USAGE;
	}
	if ((flags & TWR_OPEN_CREATE) && is_default &&
	    make_parents(path) == -1) {
		errorf("cannot create the directory of '%s': %s", path,
		    strerror(errno));
		free(path);
		return TWR_CANTCREAT;
	}
	st = twr_open(path, flags, ctx->busy_ms, &ctx->db, &err);
	free(path);
	if (st != TWR_OK)
		return fail(&err);
opened:
	if ((trace = getenv("TWINREG_TRACE_PLANS")) != NULL && *trace != '\0')
		twr_set_plan_fn(ctx->db, write_plan, (void *)trace);
	twr_set_diag_fn(ctx->db, print_diag, ctx);
	twr_set_author(ctx->db, ctx->by, ctx->cmdline);
	return TWR_OK;
}

/* ---- the people's formats in the reader's language ------------------ */

#define HUMAN_MAX 64

struct human {
	void (*inner)(void *, const struct twr_row *, struct twr_row *);
	void *arg;
	int word[HUMAN_MAX];		/* its values are words to translate */
	const char *names[HUMAN_MAX];
	const char *vals[HUMAN_MAX];
	char label[HUMAN_MAX][192];
};

int
i18n_active(void)
{
	/* TRANSLATORS: the code of your language: "tr". */
	return strcmp(_("en"), "en") != 0;
}

/* "Bosnia and Herzegovina (BA)" as the reader says it, into BUF; or V. */
static const char *
country_words(const char *v, char *buf, size_t size)
{
	size_t n = strlen(v);
	const char *name;
	char code[3];

	if (n < 5 || v[n - 1] != ')' || v[n - 4] != '(' || v[n - 5] != ' ')
		return v;
	code[0] = v[n - 3];
	code[1] = v[n - 2];
	code[2] = '\0';
	if ((name = twr_country_name(code, 0)) == NULL ||
	    strlen(name) != n - 5 || strncmp(name, v, n - 5) != 0)
		return v;
	snprintf(buf, size, "%s (%s)", twr_country_name(code, 1), code);
	return buf;
}

static void
human_row(void *arg, const struct twr_row *in, struct twr_row *out)
{
	struct human *h = arg;
	struct twr_row tmp;
	const struct twr_row *r = in;
	size_t i;

	if (h->inner != NULL) {
		h->inner(h->arg, in, &tmp);
		r = &tmp;
	}
	for (i = 0; i < r->n && i < HUMAN_MAX; i++) {
		const char *v = r->vals[i];

		if (v != NULL && *v != '\0' && h->word[i])
			v = country_words(gettext(v), h->label[i],
			    sizeof(h->label[i]));
		h->vals[i] = v;
	}
	out->n = r->n < HUMAN_MAX ? r->n : HUMAN_MAX;
	out->vals = h->vals;
	out->nums = r->nums;
}

int
print_words(const struct printer *p, struct out *o, struct twr_rows *r,
    const struct twr_columns *cols, void (*map)(void *,
    const struct twr_row *, struct twr_row *), void *arg,
    struct twr_error *err)
{
	struct human h;
	struct twr_columns tr;
	size_t i;

	if (cols == NULL)
		cols = twr_rows_columns(r);
	if (!p->human || !i18n_active() || cols->n > HUMAN_MAX)
		return print_mapped(p, o, r, cols, map, arg, err);
	memset(&h, 0, sizeof(h));
	h.inner = map;
	h.arg = arg;
	for (i = 0; i < cols->n; i++) {
		h.names[i] = _(cols->names[i]);
		h.word[i] = word_column(cols->names[i]);
	}
	tr.n = cols->n;
	tr.names = h.names;
	tr.types = cols->types;
	return print_mapped(p, o, r, &tr, human_row, &h, err);
}

/* Print R (freed) to O, its rows counted in O. */
static int
print_to(struct ctx *ctx, struct out *o, struct twr_rows *r,
    const struct twr_columns *cols, void (*map)(void *,
    const struct twr_row *, struct twr_row *), void *arg)
{
	struct twr_error err = { TWR_OK };
	char title[128];
	int st;

	report_title(r, title, sizeof(title));
	o->title = title[0] != '\0' ? title : NULL;
	st = print_words(ctx->fmt, o, r, cols, map, arg, &err);
	o->title = NULL;
	twr_rows_free(r);
	/* The reader quitting the pager is no error. */
	if (st == TWR_IOERR && o->werr == EPIPE && o->fp == stdout &&
	    pager_running())
		return TWR_OK;
	return print_failed(st, o, &err);
}

int
print_result_mapped(struct ctx *ctx, struct twr_rows *r,
    const struct twr_columns *cols, void (*map)(void *,
    const struct twr_row *, struct twr_row *), void *arg)
{
	struct outfile of;
	struct out o;
	int st;

	if (ctx->output == NULL) {
		/* At a terminal: tables narrowed to fit, long output paged. */
		if (ctx->fmt == printer_find("table"))
			ctx->out.fit = term_width();
		pager_start(ctx);
		return print_to(ctx, &ctx->out, r, cols, map, arg);
	}
	if ((st = outfile_open(ctx, &of, ctx->output)) != TWR_OK) {
		twr_rows_free(r);
		return st;
	}
	o = ctx->out;
	o.fp = of.fp;
	o.rows = 0;
	if ((st = print_to(ctx, &o, r, cols, map, arg)) != TWR_OK) {
		outfile_abort(&of);
		return st;
	}
	ctx->out.rows = o.rows;
	return outfile_commit(&of);
}

int
print_result(struct ctx *ctx, struct twr_rows *r)
{
	return print_result_mapped(ctx, r, NULL, NULL, NULL);
}

int
print_columns(struct ctx *ctx, struct twr_rows *r, const char *spec)
{
	struct twr_error err = { TWR_OK };
	const struct twr_columns *c = twr_rows_columns(r);
	struct sbuf names = { "", 0 };
	size_t i;
	int st;

	if (spec == NULL || twr_rows_pick(r, spec, &err) == TWR_OK)
		return print_result(ctx, r);
	/* An unknown column: the ones there are. */
	for (i = 0; i < c->n; i++)
		sb_printf(&names, "%s%s", i > 0 ? ", " : "", c->names[i]);
	if (err.m.code == TWR_E_COLUMN)
		err.m.hint = names.p;
	st = lib_fail(ctx, &err);
	twr_rows_free(r);
	return st;
}

int
print_failed(int st, struct out *o, struct twr_error *err)
{
	if (st == TWR_OK)
		return TWR_OK;
	if (st != TWR_IOERR || o->werr == 0)
		return fail(err);
	if (o->werr != EPIPE)		/* the reader left: no noise */
		errorf(_("cannot write output: %s"), strerror(o->werr));
	return TWR_IOERR;
}


const struct option global_opts[] = { GLOBAL_LONGOPTS,
    { NULL, 0, NULL, 0 } };

int
help_arg_opts(struct ctx *ctx, const char *arg, const struct option *opts)
{
	if (strcmp(arg, "-h") != 0 && strcmp(arg, "--help") != 0)
		return 0;
	if (probe != NULL)
		probe(probe_arg, GLOBAL_SHORTOPTS, opts);
	else
		cmd_usage(ctx->cmd, stdout);
	return 1;
}

int
help_arg(struct ctx *ctx, const char *arg)
{
	return help_arg_opts(ctx, arg, global_opts);
}

int
number_arg(struct ctx *ctx, int argc, char **argv, const char *msg,
    unsigned long *v)
{
	int c;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS,
	    global_opts)) != -1)
		return c == 'h' ? CMD_DONE : TWR_USAGE;
	if (optind + 1 != argc ||
	    parse_ulong(argv[optind], (unsigned long)1 << 62, v) == -1)
		return usage_error(ctx, "%s", msg);
	return TWR_OK;
}

int
field_args(struct ctx *ctx, int argc, char **argv, int first,
    struct twr_field **fields, size_t *n, int *force)
{
	struct twr_field *f;
	int i;

	*n = 0;
	if ((f = calloc((size_t)argc, sizeof(*f))) == NULL) {
		errorf("out of memory");
		return TWR_INTERNAL;
	}
	*fields = f;
	for (i = first; i < argc; i++) {
		const char *a = argv[i], *eq, *val;
		const struct option *o;
		char name[64];
		size_t len;

		if (help_arg(ctx, a))
			return CMD_DONE;
		if (strcmp(a, "-q") == 0) {
			ctx->quiet = 1;
			continue;
		}
		if (force != NULL && strcmp(a, "--force") == 0) {
			*force = 1;
			continue;
		}
		if (strcmp(a, "-f") == 0) {
			if (i + 1 == argc)
				return usage_error(ctx, "option '-f' needs a "
				    "value");
			if (global_opt(ctx, 'f', argv[++i]) == -1)
				return TWR_USAGE;
			continue;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0')
			return usage_error(ctx, "unexpected argument '%s' "
			    "(expected --FIELD VALUE)", a);
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		if (len >= sizeof(name))
			return usage_error(ctx, "unknown option '%s'", a);
		memcpy(name, a + 2, len);
		name[len] = '\0';
		for (o = global_opts; o->name != NULL &&
		    strcmp(o->name, name) != 0; o++)
			;
		if (o->name != NULL && o->has_arg == no_argument) {
			if (eq != NULL)
				return usage_error(ctx, "option '--%s' takes "
				    "no value", name);
			if (global_opt(ctx, o->val, NULL) == -1)
				return TWR_USAGE;
			continue;
		}
		if (eq != NULL)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return usage_error(ctx, "option '%s' needs a value", a);
		if (o->name != NULL) {
			if (global_opt(ctx, o->val, val) == -1)
				return TWR_USAGE;
			continue;
		}
		/* A field: its name stays in ARGV, cut at '='. */
		if (eq != NULL)
			argv[i][eq - a] = '\0';
		f[*n].name = argv[i - (eq == NULL)] + 2;
		f[*n].value = val;
		(*n)++;
	}
	return TWR_OK;
}

/* PATH as an absolute name with its directory's links resolved, and
   the file's own (even dangling) links followed; malloc'd or NULL. */
static char *
canonical(const char *path, int depth)
{
	char *dir, *base, *rdir, *out, link[4096];
	const char *slash = strrchr(path, '/');
	ssize_t n;
	size_t len;

	if ((out = realpath(path, NULL)) != NULL || depth > 8)
		return out;
	if ((n = readlink(path, link, sizeof(link) - 1)) > 0) {
		link[n] = '\0';
		if (link[0] != '/' && slash != NULL) {
			len = (size_t)(slash - path) + 1 + (size_t)n + 1;
			if ((dir = malloc(len)) == NULL)
				return NULL;
			snprintf(dir, len, "%.*s/%s", (int)(slash - path), path,
			    link);
			out = canonical(dir, depth + 1);
			free(dir);
			return out;
		}
		return canonical(link, depth + 1);
	}
	dir = slash == NULL ? strdup(".") : slash == path ? strdup("/") :
	    strndup(path, (size_t)(slash - path));
	base = slash == NULL ? (char *)path : (char *)slash + 1;
	rdir = dir != NULL ? realpath(dir, NULL) : NULL;
	free(dir);
	if (rdir == NULL)
		return NULL;
	len = strlen(rdir) + strlen(base) + 2;
	if ((out = malloc(len)) != NULL)
		snprintf(out, len, "%s/%s", rdir, base);
	free(rdir);
	return out;
}

/* Is PATH the registry, one of its companion files, or a link to one? */
static int
over_registry(struct ctx *ctx, const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	struct stat out, reg;
	char *db, *name, *a = NULL, *b;
	int have = stat(path, &out) == 0, hit = 0, dflt;
	size_t i, n;

	if (ctx->sample || (db = registry_path(ctx, &dflt)) == NULL)
		return 0;
	n = strlen(db) + sizeof("-journal");
	if ((name = malloc(n)) == NULL) {
		free(db);
		return 0;
	}
	a = canonical(path, 0);
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]) && !hit; i++) {
		snprintf(name, n, "%s%s", db, sfx[i]);
		if (have && stat(name, &reg) == 0)
			hit = reg.st_dev == out.st_dev && reg.st_ino ==
			    out.st_ino;
		if (!hit && a != NULL && (b = canonical(name, 0)) != NULL) {
			hit = strcmp(a, b) == 0;
			free(b);
		}
	}
	free(a);
	free(name);
	free(db);
	return hit;
}

int
refuse_registry(struct ctx *ctx, const char *path)
{
	if (!over_registry(ctx, path))
		return TWR_OK;
	errorf("cannot write '%s': it is the registry or one of its files "
	    "(expected another output file)", path);
	return TWR_CANTCREAT;
}

int
outfile_open(struct ctx *ctx, struct outfile *o, const char *path)
{
	struct stat sb, lsb;
	mode_t mask, mode;
	char *target = NULL;
	size_t n;
	int fd, have, st;

	memset(o, 0, sizeof(*o));
	if ((st = refuse_registry(ctx, path)) != TWR_OK)
		return st;
	have = stat(path, &sb) == 0;
	if (have && S_ISDIR(sb.st_mode)) {
		errorf("cannot create '%s': Is a directory", path);
		return TWR_CANTCREAT;
	}
	/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written
	   as it is: a file renamed over it would take its place. */
	if (have && !S_ISREG(sb.st_mode)) {
		if ((o->path = strdup(path)) == NULL) {
			errorf("out of memory");
			return TWR_INTERNAL;
		}
		if ((o->fp = fopen(path, "w")) == NULL) {
			errorf("cannot create '%s': %s", path, strerror(errno));
			outfile_abort(o);
			return TWR_CANTCREAT;
		}
		return TWR_OK;
	}
	/* A link is followed: its target is replaced (by a file beside
	   it), and the link stays a link. */
	if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
		if ((target = canonical(path, 0)) == NULL) {
			errorf("cannot create '%s': %s", path, strerror(errno));
			return TWR_CANTCREAT;
		}
		path = target;
	}
	n = strlen(path) + sizeof(".XXXXXX");
	if ((o->path = strdup(path)) == NULL || (o->tmp = malloc(n)) == NULL) {
		free(o->path);
		free(target);
		errorf("out of memory");
		return TWR_INTERNAL;
	}
	free(target);
	snprintf(o->tmp, n, "%s.XXXXXX", o->path);
	if ((fd = mkstemp(o->tmp)) == -1) {
		errorf("cannot create '%s': %s", o->path, strerror(errno));
		free(o->path);
		free(o->tmp);
		return TWR_CANTCREAT;
	}
	/* mkstemp makes it 0600; give it the mode of the file it replaces,
	   or the mode a new file would get. */
	if (have)
		mode = sb.st_mode & 0777;
	else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	fchmod(fd, mode);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		errorf("cannot create '%s': %s", o->path, strerror(errno));
		close(fd);
		outfile_abort(o);
		return TWR_CANTCREAT;
	}
	return TWR_OK;
}

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/*
 * The user asks for a language whose locale this system lacks (say
 * LANG=tr_TR.UTF-8 where tr_TR was never generated): the messages are
 * ours, so speak it anyway, through LANGUAGE over C.UTF-8.
 */
static void
messages_without_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v = NULL;
	char lang[16];
	size_t i, n;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]) && v == NULL; i++)
		if ((v = getenv(vars[i])) != NULL && *v == '\0')
			v = NULL;
	if (v == NULL || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 ||
	    strncmp(v, "C.", 2) == 0)
		return;
	n = strcspn(v, "_.@");
	if (n == 0 || n >= sizeof(lang))
		return;
	memcpy(lang, v, n);
	lang[n] = '\0';
	v = getenv("LANGUAGE");
	if (setlocale(LC_MESSAGES, "C.UTF-8") != NULL)
		setenv("LANGUAGE", lang, v == NULL || *v == '\0');
}

void
i18n_init(void)
{
	const char *dir = LOCALEDIR;

	/* Only messages follow the user's locale: character classes and
	   case stay those of C.UTF-8, where 'I' lowers to 'i' as the
	   registry's keys expect, whatever the language. */
	if (setlocale(LC_MESSAGES, "") == NULL)
		messages_without_locale();
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C");
#ifdef BUILD_LOCALEDIR
	if (access(BUILD_LOCALEDIR "/tr/LC_MESSAGES/twinreg.mo", R_OK) == 0)
		dir = BUILD_LOCALEDIR;
#endif
	if (getenv("TWINREG_LOCALEDIR") != NULL)
		dir = getenv("TWINREG_LOCALEDIR");
	bindtextdomain("twinreg", dir);
	bind_textdomain_codeset("twinreg", "UTF-8");
	textdomain("twinreg");
}

int
year_option(struct ctx *ctx, const char *opt, const char *arg, int *out)
{
	unsigned long v;

	if (parse_ulong(arg, TWR_YEAR_MAX, &v) == -1 || v < TWR_YEAR_MIN) {
		usage_error(ctx, "%s: bad year '%s' (expected a year from %d "
		    "to %d)", opt, arg, TWR_YEAR_MIN, TWR_YEAR_MAX);
		return -1;
	}
	*out = (int)v;
	return 0;
}

int
outfile_close(struct outfile *o)
{
	int e = 0;

	if (o->fp == NULL)
		return TWR_OK;
	if (fflush(o->fp) == EOF || ferror(o->fp) || (o->tmp != NULL &&
	    fsync(fileno(o->fp)) == -1))
		e = errno ? errno : EIO;
	if (fclose(o->fp) == EOF && e == 0)
		e = errno;
	o->fp = NULL;
	if (e != 0) {
		errorf("cannot write '%s': %s", o->path, strerror(e));
		outfile_abort(o);
		return TWR_IOERR;
	}
	return TWR_OK;
}

int
outfile_commit(struct outfile *o)
{
	int st;

	if ((st = outfile_close(o)) != TWR_OK)
		return st;
	if (o->tmp != NULL && rename(o->tmp, o->path) == -1) {
		errorf("cannot write '%s': %s", o->path, strerror(errno));
		outfile_abort(o);
		return TWR_IOERR;
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return TWR_OK;
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}
