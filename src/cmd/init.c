/* init: create an empty registry. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

static int
init_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_LONGOPTS,
	    { NULL, 0, NULL, 0 } };
	struct twr_error err = { TWR_OK };
	struct stat sb;
	char *path;
	int c, st, existed, is_default;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS, opts)) != -1)
		if (c == 'h')
			return CMD_DONE;
		else
			return TWR_USAGE;
	if (optind < argc)
		return usage_error(ctx, "init takes no arguments");
	if (ctx->sample) {
		notef(ctx, "the sample registry is built in; nothing to create");
		return TWR_OK;
	}
	if ((path = registry_path(ctx, &is_default)) == NULL) {
		errorf("no registry: give --db or set TWINREG_DB (HOME is not "
		    "set for the default)");
		return TWR_USAGE;
	}
	/* A database is there to be asked; a file, to be looked at. */
	existed = twr_is_url(path) || stat(path, &sb) == 0;
	if (existed) {
		/* An existing registry is fine; an empty leftover of an
		   interrupted init is made again; anything else is not
		   ours. */
		st = twr_open(path, TWR_OPEN_READ, ctx->busy_ms, &ctx->db, &err);
		/* One that lacks an index: opened to write, it is made
		   again. */
		if (st != TWR_OK && err.m.code == TWR_E_SCHEMA_MISSING &&
		    err.m.n[0] != 0 && (st = twr_open(path, TWR_OPEN_READ |
		    TWR_OPEN_WRITE, ctx->busy_ms, &ctx->db, &err)) == TWR_OK)
			notef(ctx, "registry '%s' already exists; what it "
			    "lacked of its schema is made again", path);
		else if (st == TWR_OK)
			notef(ctx, "registry '%s' already exists", path);
		else if (err.m.code == TWR_E_EMPTY_REGISTRY &&
		    (twr_is_url(path) || unlink(path) == 0))
			existed = 0;
		else {
			/* The message names the registry and why; a URI
			   refused is the user's to mend (64). */
			fail(&err);
			if (st != TWR_USAGE)
				st = TWR_CANTCREAT;
		}
		if (existed) {
			free(path);
			return st;
		}
	}
	st = ctx_open(ctx);
	if (st == TWR_OK)
		notef(ctx, "created registry '%s'", path);
	free(path);
	return st == TWR_NOINPUT ? TWR_CANTCREAT : st;
}

const struct cmd cmd_init = {
	"init", "init", N_("create an empty registry"),
	N_("The registry of --db (else $TWINREG_DB, else the default) is made\n"
	"whole or not at all: an interrupted init leaves no file or a whole\n"
	"registry.  An existing registry keeps its records; what it lacks of\n"
	"its schema (an index) is made again.\n"),
	CMD_DB_CREATE | CMD_DB_WRITE, init_run
};
