/* copy: a registry whole into another store (a file, a database). */
#include <stdlib.h>

#include "cmd.h"

static int
copy_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_LONGOPTS,
	    { "to", required_argument, NULL, 't' },
	    { NULL, 0, NULL, 0 } };
	struct twr_error err = { TWR_OK };
	struct twr_db *to = NULL;
	const char *dest = NULL;
	unsigned long rows;
	int c, st;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1)
		if (c == 't')
			dest = optarg;
		else
			return c == 'h' ? CMD_DONE : TWR_USAGE;
	if (optind < argc || dest == NULL)
		return usage_error(ctx, "copy needs --to REGISTRY and no other "
		    "argument");
	if ((st = refuse_registry(ctx, dest)) != TWR_OK)
		return st;
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if ((st = twr_open(dest, TWR_OPEN_CREATE | TWR_OPEN_WRITE,
	    ctx->busy_ms, &to, &err)) != TWR_OK)
		return fail(&err);
	twr_set_author(to, ctx->by, ctx->cmdline);
	st = twr_copy(ctx->db, to, &rows, &err);
	twr_close(to);
	if (st != TWR_OK)
		return fail(&err);
	notef(ctx, "copied %lu rows into '%s'", rows, dest);
	return TWR_OK;
}

const struct cmd cmd_copy = {
	"copy", "copy --to REGISTRY",
	N_("copy the registry whole into another, empty one (file, database)"),
	N_("Every record, import batch and change of history, ids kept, into\n"
	"REGISTRY: a file (made if missing) or a PostgreSQL URI; it must\n"
	"hold no records, and may not be this registry, its -wal, -shm or\n"
	"-journal file or a link to one (exit 73).  All or nothing.  So a\n"
	"file becomes a shared register, and a shared register a file:\n"
	"  twinreg --db office.db copy --to postgresql:///register\n"),
	CMD_DB_READ | CMD_AUTHOR, copy_run
};
