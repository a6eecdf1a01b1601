/*
 * The command-line front end: command descriptors, option helpers and
 * the context every command runs in.
 */
#ifndef TWR_CMD_H
#define TWR_CMD_H

#include <getopt.h>
#include <libintl.h>
#include <stdio.h>
#include <time.h>

#include "twinreg.h"
#include "../fmt/fmt.h"

#if defined(__GNUC__)
#define CMD_PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define CMD_PRINTFLIKE(f, a)
#endif

/* A text to be translated: the words of the user's language (gettext,
   domain "twinreg"); N_ marks one translated where it is printed.
   errorf(), notef() and usage_error() translate their format. */
#define _(s) gettext(s)
#define N_(s) (s)

/* Long-only options: global ones, then each command's from OPT_CMD. */
enum {
	OPT_DB = 256,
	OPT_SAMPLE,
	OPT_NO_HEADER,
	OPT_BUSY_TIMEOUT,
	OPT_VERSION,
	OPT_BY,
	OPT_MAX_WIDTH,
	OPT_DELIMITER,
	OPT_BOM,
	OPT_NO_PAGER,
	OPT_CMD = 300
};

#define GLOBAL_SHORTOPTS "f:hq"
/* -o FILE, for the commands that print results (ctx->output). */
#define OUTPUT_SHORTOPTS "o:" GLOBAL_SHORTOPTS
#define OUTPUT_LONGOPT { "output", required_argument, NULL, 'o' }

#define GLOBAL_LONGOPTS \
	{ "bom", no_argument, NULL, OPT_BOM }, \
	{ "busy-timeout", required_argument, NULL, OPT_BUSY_TIMEOUT }, \
	{ "by", required_argument, NULL, OPT_BY }, \
	{ "db", required_argument, NULL, OPT_DB }, \
	{ "delimiter", required_argument, NULL, OPT_DELIMITER }, \
	{ "format", required_argument, NULL, 'f' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "max-width", required_argument, NULL, OPT_MAX_WIDTH }, \
	{ "no-header", no_argument, NULL, OPT_NO_HEADER }, \
	{ "no-pager", no_argument, NULL, OPT_NO_PAGER }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "sample", no_argument, NULL, OPT_SAMPLE }, \
	{ "version", no_argument, NULL, OPT_VERSION }
/* GLOBAL_LONGOPTS alone, ended, for the parsers that take no option of
   their own. */
extern const struct option global_opts[];

/* How a command uses the registry; main opens it accordingly. */
enum {
	CMD_DB_NONE = 0,
	CMD_DB_READ = 1,
	CMD_DB_WRITE = 2,
	CMD_DB_CREATE = 4,
	CMD_HELP_COLUMNS = 8,	/* its help lists every kind's columns */
	CMD_HELP_FILTERS = 16,	/* ... list's filters */
	CMD_HELP_ORDER = 32,	/* ... --columns, --sort, --limit */
	CMD_HELP_OUTPUT = 64,	/* ... -o FILE */
	CMD_AUTHOR = 128	/* it writes another registry's history (copy) */
};

/*
 * What a command returns: an enum twr_status, or one of these; only
 * main.c turns them into exit statuses.
 */
enum {
	CMD_DONE = 100,		/* finished early and well (--help): 0 */
	CMD_FINDINGS		/* `check` found problems: 1 */
};

struct ctx;

struct cmd {
	const char *name;
	const char *usage;	/* after "twinreg " */
	const char *summary;	/* one line for `twinreg help` */
	const char *help;	/* the command's options, for -h */
	unsigned flags;		/* CMD_DB_* */
	int (*run)(struct ctx *, int argc, char **argv);
};

struct ctx {
	const struct cmd *cmd;
	const char *db_path;	/* --db */
	int sample;		/* --sample */
	const struct printer *fmt;
	int quiet;
	int busy_ms;
	const char *by;		/* --by */
	struct out out;		/* stdout and its settings */
	struct twr_db *db;	/* opened by ctx_open() */
	int fmt_given;		/* --format was on the command line */
	int delim_given;	/* --delimiter was */
	const char *output;	/* -o FILE: results go there, whole or not */
	char *cmdline;		/* for the history */
	unsigned long errors;	/* data errors printed */
	int no_pager;		/* --no-pager */
};

extern const struct cmd cmd_init, cmd_import, cmd_add, cmd_list,
    cmd_search, cmd_show, cmd_update, cmd_end, cmd_delete, cmd_log,
    cmd_undo_import, cmd_report, cmd_export, cmd_check, cmd_copy,
    cmd_grant, cmd_revoke, cmd_help, cmd_complete;
extern const struct cmd *const commands[];

const struct cmd *cmd_find(const char *name);

/* Make the next getopt_long() start afresh (glibc: optind = 0). */
void opt_reset(void);

/*
 * Handle C (with ARG) if it is a global option.  Returns 1 when it was
 * one, 0 when it is not, or -1 after a usage error was printed.
 */
int global_opt(struct ctx *ctx, int c, const char *arg);

/*
 * The getopt loop every command runs: returns the next option that is
 * not a global one, -1 at the end, or '?' after a usage error was
 * printed (the command returns TWR_USAGE); -h prints the command's usage
 * and returns 'h' (the command returns CMD_DONE).
 */
int next_opt(struct ctx *ctx, int argc, char **argv, const char *shortopts,
    const struct option *longopts);

/*
 * The options command C takes, as its own parsing has them, without
 * running it: C runs with "--help" while next_opt() and help_arg() hand
 * FN(ARG, SHORTOPTS, LONGOPTS) the tables they would parse with, and
 * return as for -h.  From help_arg() they are the global options, of a
 * command that takes --FIELD VALUE besides.  For shell completion.
 */
typedef void opt_probe_fn(void *arg, const char *shortopts,
    const struct option *longopts);
void cmd_options(const struct cmd *c, opt_probe_fn *fn, void *arg);

/* "twinreg: MSG" and "see 'twinreg help CMD'" on stderr; TWR_USAGE. */
int usage_error(struct ctx *ctx, const char *fmt, ...) CMD_PRINTFLIKE(2, 3);

/* "twinreg: MSG" on stderr. */
void errorf(const char *fmt, ...) CMD_PRINTFLIKE(1, 2);

/* Print ERR's message (if any) and return its status. */
int fail(struct twr_error *err);
/* The same, but a usage error from the library is told as usage_error()
 * tells one. */
int lib_fail(struct ctx *ctx, struct twr_error *err);

/* A note on stderr unless --quiet. */
void notef(struct ctx *ctx, const char *fmt, ...) CMD_PRINTFLIKE(2, 3);

/* Print the usage and options of C to FP. */
void cmd_usage(const struct cmd *c, FILE *fp);

/* Print R as print_mapped() does; a people's format (table, markdown)
 * in the reader's language: its headings, and the words of its word
 * columns (kinds, statuses, sections...) and country names. */
int print_words(const struct printer *p, struct out *o, struct twr_rows *r,
    const struct twr_columns *cols, void (*map)(void *,
    const struct twr_row *, struct twr_row *), void *arg,
    struct twr_error *err);
/* Are messages in another language than English? */
int i18n_active(void);
/* Does column NAME hold words a people's format translates (names.c)? */
int word_column(const char *name);

/* Set up messages in the user's language: LC_MESSAGES from the
   environment, the catalogue of the build tree or the installed one. */
void i18n_init(void);

/* Today in UTC (YYYY-MM-DD), so that cron's time zone does not matter;
 * a static buffer. */
const char *today_utc(void);

/* Parse TEXT as a whole number up to MAX; returns 0 or -1. */
int parse_ulong(const char *text, unsigned long max, unsigned long *out);

/* A context with the defaults: the first format, a busy timeout of 5 s,
 * results to stdout. */
void ctx_init(struct ctx *ctx);

/* Open the registry as ctx->cmd->flags ask; returns TWR_OK or a status
 * (message printed). */
int ctx_open(struct ctx *ctx);

/* The registry path: --db, $TWINREG_DB or the XDG default (malloc'd). */
char *registry_path(struct ctx *ctx, int *is_default);

/* Print R (freed) to stdout, or O, in the chosen format; returns a
 * status (message printed). */
int print_result(struct ctx *ctx, struct twr_rows *r);
/* The same, each row mapped by MAP(ARG, ...) into columns COLS. */
int print_result_mapped(struct ctx *ctx, struct twr_rows *r,
    const struct twr_columns *cols, void (*map)(void *,
    const struct twr_row *, struct twr_row *), void *arg);
/* Print R as print_result() does, only the columns SPEC (--columns:
 * names of R's columns, ','-separated, or "all") names, in that order;
 * SPEC NULL: every column.  A name R has not is a usage error. */
int print_columns(struct ctx *ctx, struct twr_rows *r, const char *spec);
/* The status of a print that returned ST, its failure told. */
int print_failed(int st, struct out *o, struct twr_error *err);

/*
 * An output file written whole or not at all: a temporary file beside
 * PATH, renamed over it by outfile_commit().
 */
struct outfile {
	char *path;
	char *tmp;	/* NULL: PATH is no regular file, written in place */
	FILE *fp;
};

/* Parse year ARG of option OPT into *OUT; -1 after a usage error. */
int year_option(struct ctx *ctx, const char *opt, const char *arg, int *out);

/* Open PATH for writing: a file beside it, renamed into place by
   outfile_commit, or, where PATH is no regular file (a device, a pipe),
   PATH itself.  Returns TWR_OK or TWR_CANTCREAT (message printed);
   refuses the registry, its -wal, -shm or -journal file, or a link to
   one. */
int outfile_open(struct ctx *ctx, struct outfile *o, const char *path);
/* TWR_OK, or TWR_CANTCREAT (message printed) when PATH is the registry,
   its -wal, -shm or -journal file, or a link to one: no output may be
   written there (SQLite removes or replays those files: a copy into
   the -wal would be lost as the registry closes). */
int refuse_registry(struct ctx *ctx, const char *path);
/* Flush, sync and close, not yet in place; TWR_OK or TWR_IOERR (printed,
   and the file removed). */
int outfile_close(struct outfile *o);
/* Close if still open and rename into place; TWR_OK or TWR_IOERR
   (printed). */
int outfile_commit(struct outfile *o);
/* Remove the temporary file (after a failure). */
void outfile_abort(struct outfile *o);

/* ---- the terminal (term.c) ------------------------------------------ */

/* Note whether stdout is a terminal, and its width, before a pager takes
   its place (main calls it first; later calls do nothing). */
void term_init(void);
/* The width of the terminal stdout is, for tables: its window size,
   else $COLUMNS; 0 when stdout is not a terminal or neither is known. */
size_t term_width(void);

/*
 * When stdout is a terminal, and neither --no-pager nor an empty or
 * "cat" pager says otherwise, send stdout through $TWINREG_PAGER, else
 * $PAGER, else less (with LESS=FRX when LESS is not set); errors wait
 * until it is done.  A pager that cannot be run is skipped (a warning
 * when the user named it).
 */
void pager_start(struct ctx *ctx);
/* Is a pager reading stdout?  (A write error is its reader quitting.) */
int pager_running(void);
/* End stdout, wait for the pager, then print the errors it held back. */
void pager_end(void);

/* The progress line of an import or export, on stderr. */
struct meter {
	int on;			/* stderr is a terminal, no -q */
	int shown;		/* a line is on the screen */
	size_t width;		/* stderr's width, 0 when not known */
	struct timespec t0, last;	/* start, last drawn */
	unsigned long long base;	/* import: bytes of the files before */
	unsigned long long all;		/* import: bytes of all, 0: unknown */
	unsigned long long rows;	/* the rows told last */
};

/*
 * Show the progress of what the library does on ctx->db from now on,
 * ALL bytes in all (import; 0 when not known or for an export, which
 * counts rows), if stderr is a terminal and no -q.  M starts zeroed;
 * starting it again (the next kind of an export) keeps its line.
 */
void meter_start(struct ctx *ctx, struct meter *m, unsigned long long all);
/* Say that reading is over and the rest is being done. */
void meter_finishing(struct meter *m);
/* Clear the line, and stop. */
void meter_end(struct ctx *ctx, struct meter *m);
/* Clear the line (if one is shown) for a message; the next progress
   draws it again. */
void meter_hide(void);

/* ---- shared option sets --------------------------------------------- */

/* The filters of `list` and `report` (see filter_opt). */
enum {
	OPT_F_MUNICIPALITY = OPT_CMD + 50,
	OPT_F_PARTNER,
	OPT_F_NETWORK,
	OPT_F_COUNTRY,
	OPT_F_KIND,
	OPT_F_STATUS,
	OPT_F_YEAR,
	OPT_F_FROM,
	OPT_F_TO,
	OPT_F_AS_OF,
	OPT_F_TOPIC,
	OPT_F_SORT,
	OPT_F_LIMIT,
	OPT_F_TYPE,
	OPT_F_TIE,
	OPT_F_DORMANT,
	OPT_F_COLUMNS,
	OPT_F_LACKS
};

#define FILTER_LONGOPTS \
	{ "as-of", required_argument, NULL, OPT_F_AS_OF }, \
	{ "country", required_argument, NULL, OPT_F_COUNTRY }, \
	{ "dormant", optional_argument, NULL, OPT_F_DORMANT }, \
	{ "tie", required_argument, NULL, OPT_F_TIE }, \
	{ "type", required_argument, NULL, OPT_F_TYPE }, \
	{ "from", required_argument, NULL, OPT_F_FROM }, \
	{ "kind", required_argument, NULL, OPT_F_KIND }, \
	{ "lacks", required_argument, NULL, OPT_F_LACKS }, \
	{ "limit", required_argument, NULL, OPT_F_LIMIT }, \
	{ "municipality", required_argument, NULL, OPT_F_MUNICIPALITY }, \
	{ "network", required_argument, NULL, OPT_F_NETWORK }, \
	{ "partner", required_argument, NULL, OPT_F_PARTNER }, \
	{ "sort", required_argument, NULL, OPT_F_SORT }, \
	{ "status", required_argument, NULL, OPT_F_STATUS }, \
	{ "to", required_argument, NULL, OPT_F_TO }, \
	{ "topic", required_argument, NULL, OPT_F_TOPIC }, \
	{ "year", required_argument, NULL, OPT_F_YEAR }

/* The help of the filters and of the order options (cmd.c). */
extern const char *const filter_help, *const order_help,
    *const output_help;

/* Handle filter option C into F; returns 1 if it was one, 0 if not, -1
 * after a usage error. */
int filter_opt(struct ctx *ctx, struct twr_filter *f, int c,
    const char *arg);

/*
 * Parse ARGV[FIRST..] as "--FIELD VALUE" or "--FIELD=VALUE" pairs for add
 * and update, taking the global options out as it goes, and --force
 * into *FORCE when FORCE is not NULL.  *FIELDS gets a
 * malloc'd array of *N fields (values point into ARGV).  Returns TWR_OK,
 * CMD_DONE after -h, or TWR_USAGE (message printed).
 */
int field_args(struct ctx *ctx, int argc, char **argv, int first,
    struct twr_field **fields, size_t *n, int *force);

/* Is ARG -h or --help?  Then the usage has been printed. */
int help_arg(struct ctx *ctx, const char *arg);
/* The same for a command whose options, besides --FIELD VALUE, are OPTS
 * (the global ones included; shell completion reads them). */
int help_arg_opts(struct ctx *ctx, const char *arg,
    const struct option *opts);

/*
 * The arguments of a command that takes the global options and one
 * number (a record id, a batch) into *V; MSG is the usage error for
 * anything else.  Returns TWR_OK, CMD_DONE after -h, or TWR_USAGE.
 */
int number_arg(struct ctx *ctx, int argc, char **argv, const char *msg,
    unsigned long *v);

/* Print a library diagnostic (the callback main installs). */
void print_diag(void *arg, const struct twr_diag *d);

/* ---- words (words.c) ------------------------------------------------ */

/* A line of text being put together. */
struct sbuf {
	char p[4096];
	size_t len;
};

void sb_printf(struct sbuf *b, const char *fmt, ...) CMD_PRINTFLIKE(2, 3);
/* Append WORDS as "a, b LAST c" (LAST: " or "). */
void sb_list(struct sbuf *b, const char *const *words, const char *last);
/* "--as-of" for the field or filter "as_of". */
void option_name(const char *field, char *out, size_t size);
/* Append the words of M, in the user's language. */
void say(struct sbuf *b, const struct twr_msg *m);
/* The words of M, with the option it is about first ("--on: ...") when
 * it names one, in B; returns B's text. */
const char *words(const struct twr_msg *m, struct sbuf *b);
/* The title people's formats give R (a report), or "". */
void report_title(struct twr_rows *r, char *out, size_t size);

#endif
