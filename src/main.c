/*
 * twinreg: global options, the command table, and exit statuses.
 */
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"

const struct cmd *const commands[] = {
	&cmd_init, &cmd_import, &cmd_add, &cmd_list, &cmd_search, &cmd_show,
	&cmd_update,
	&cmd_end, &cmd_delete, &cmd_log, &cmd_undo_import, &cmd_report,
	&cmd_export, &cmd_check, &cmd_copy, &cmd_grant, &cmd_revoke,
	&cmd_help, NULL
};

const struct cmd *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; commands[i] != NULL; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	/* Hidden from `twinreg help`: the shell completion's helper. */
	if (strcmp(cmd_complete.name, name) == 0)
		return &cmd_complete;
	return NULL;
}

/* SPEC's exit status (sysexits.h) of a command's result. */
static int
exit_status(int st)
{
	switch (st) {
	case TWR_OK:
	case TWR_DONE:
	case CMD_DONE:
		return 0;
	case TWR_NOTFOUND:
	case CMD_FINDINGS:
		return 1;
	case TWR_USAGE:
		return 64;
	case TWR_DATAERR:
		return 65;
	case TWR_NOINPUT:
		return 66;
	case TWR_CANTCREAT:
		return 73;
	case TWR_IOERR:
		return 74;
	case TWR_BUSY:
		return 75;
	case TWR_NOPERM:
		return 77;
	default:
		return 70;
	}
}

/* The command line, for the history of changes. */
static char *
join_args(int argc, char **argv)
{
	size_t n = 1;
	int i;
	char *s;

	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) * 2 + 3;
	if ((s = malloc(n)) == NULL)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		char *p = s + strlen(s);
		int q = strpbrk(a, " \t\n'\"\\") != NULL || *a == '\0';

		if (i > 0)
			*p++ = ' ';
		if (q)
			*p++ = '\'';
		for (; *a != '\0'; a++) {
			if (*a == '\'' && q) {
				memcpy(p, "'\\''", 4);
				p += 4;
			} else
				*p++ = *a;
		}
		if (q)
			*p++ = '\'';
		*p = '\0';
	}
	return s;
}

/* Who is making changes: --by, else the login name. */
static const char *
author(const char *by)
{
	struct passwd *pw;
	const char *login;

	if (by != NULL)
		return by;
	if ((login = getlogin()) != NULL && *login != '\0')
		return login;
	if ((pw = getpwuid(geteuid())) != NULL && pw->pw_name != NULL)
		return pw->pw_name;
	return "unknown";
}

static void
main_usage(FILE *fp)
{
	size_t i;

	fputs(_("usage: twinreg [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n\n"
	    "A registry of the international ties of municipalities: sister\n"
	    "cities, cooperation agreements, network memberships and the\n"
	    "activities behind them.\n\n"
	    "Commands:\n"), fp);
	for (i = 0; commands[i] != NULL; i++)
		fprintf(fp, "  %-12s %s\n", commands[i]->name,
		    _(commands[i]->summary));
	fputs(_("\nGlobal options (before or after COMMAND):\n"
	    "  --db PATH            the registry file (else $TWINREG_DB, else\n"
	    "                       $XDG_DATA_HOME/twinreg/registry.db), or a\n"
	    "                       register shared on PostgreSQL:\n"
	    "                       postgresql://[HOST]/DATABASE\n"
	    "  --sample             the built-in sample registry, in memory\n"
	    "  -f, --format FMT     output format:\n"), fp);
	for (i = 0; printers[i] != NULL; i++)
		fprintf(fp, "                         %-9s %s\n",
		    printers[i]->name, _(printers[i]->summary));
	fputs(_("  --no-header          no header row in table, csv, tsv\n"
	    "  --max-width N        cut table cells and headers wider than N\n"
	    "                       columns\n"
	    "  --no-pager           at a terminal, print straight to it, not\n"
	    "                       through $TWINREG_PAGER, $PAGER or less\n"
	    "  --delimiter C        csv field separator, for output and import:\n"
	    "                       ',' (default), ';' or tab (import guesses\n"
	    "                       it from the header when not given)\n"
	    "  --bom                csv and tsv for spreadsheets: a byte-order\n"
	    "                       mark first, no cell a formula could run\n"
	    "  -q, --quiet          nothing on stderr but errors\n"
	    "  --busy-timeout MS    wait this long for a locked registry\n"
	    "                       (default 5000)\n"
	    "  --by NAME            who makes the change, for the history\n"
	    "                       (default: the login name)\n"
	    "  -h, --help           this help; 'twinreg help COMMAND' for one\n"
	    "  --version            print the version\n\n"
	    "At a terminal, tables are narrowed to its width (COLUMNS when it\n"
	    "cannot tell), long output goes through the pager, and a long\n"
	    "import or export shows its progress on standard error; pipes,\n"
	    "files and cron get none of it.\n\n"
	    "Messages and the table and markdown formats speak Turkish when\n"
	    "LANG, LC_ALL or LC_MESSAGES asks for it (tr_TR.UTF-8).\n\n"
	    "Exit status: 0 success, 1 findings or unknown id, 64 usage,\n"
	    "65 bad data, 66 cannot open input, 70 internal error,\n"
	    "73 cannot create, 74 I/O error, 75 registry busy or (on\n"
	    "PostgreSQL) a change that conflicted five times: try again,\n"
	    "77 not allowed to change that record (or, on PostgreSQL, to\n"
	    "upgrade the register: its owner's first command does).\n"
	    "See twinreg(1).\n"), fp);
}

/* `twinreg help [COMMAND]`. */
static int
help_run(struct ctx *ctx, int argc, char **argv)
{
	const struct cmd *c;
	int ch;

	opt_reset();
	while ((ch = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS,
	    global_opts)) != -1)
		if (ch == '?')
			return TWR_USAGE;
		else if (ch == 'h')
			return CMD_DONE;
	if (optind == argc) {
		main_usage(stdout);
		return TWR_OK;
	}
	if (optind + 1 < argc)
		return usage_error(ctx, "help takes one command");
	if ((c = cmd_find(argv[optind])) == NULL) {
		ctx->cmd = NULL;	/* the list of commands is the help */
		return usage_error(ctx, "unknown command '%s'", argv[optind]);
	}
	cmd_usage(c, stdout);
	return TWR_OK;
}

const struct cmd cmd_help = {
	"help", "help [COMMAND]", N_("show the usage of twinreg or of a command"),
	NULL, CMD_DB_NONE, help_run
};

int
main(int argc, char **argv)
{
	struct ctx ctx;
	int c, st;

	/* A closed pipe is a write error (exit 74), not a signal. */
	signal(SIGPIPE, SIG_IGN);
	i18n_init();
	term_init();
	ctx_init(&ctx);
	ctx.cmdline = join_args(argc, argv);

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:" GLOBAL_SHORTOPTS, global_opts,
	    NULL)) != -1) {
		if (c == 'h') {
			main_usage(stdout);
			st = TWR_OK;
			goto out;
		}
		if (c == ':') {
			st = usage_error(&ctx, "option '%s' needs a value",
			    argv[optind - 1]);
			goto out;
		}
		if (c == '?') {
			st = usage_error(&ctx, "unknown option '%s'",
			    argv[optind - 1]);
			goto out;
		}
		if (global_opt(&ctx, c, optarg) != 1) {
			st = TWR_USAGE;
			goto out;
		}
	}
	if (optind == argc) {
		main_usage(stderr);
		st = TWR_USAGE;
		goto out;
	}
	if ((ctx.cmd = cmd_find(argv[optind])) == NULL) {
		st = usage_error(&ctx, "unknown command '%s'", argv[optind]);
		goto out;
	}
	/* The login name, asked of the system (NSS) only for history. */
	if (ctx.cmd->flags & (CMD_DB_WRITE | CMD_AUTHOR))
		ctx.by = author(ctx.by);
	st = ctx.cmd->run(&ctx, argc - optind, argv + optind);
out:
	twr_close(ctx.db);
	free(ctx.cmdline);
	/* Results only count once they are out; a pager's reader may quit
	   before the end. */
	if ((fflush(stdout) == EOF || ferror(stdout)) && !pager_running()) {
		if ((st == TWR_OK || st == CMD_DONE) && errno != EPIPE)
			errorf("cannot write output: %s", strerror(errno));
		st = TWR_IOERR;
	}
	pager_end();
	return exit_status(st);
}
