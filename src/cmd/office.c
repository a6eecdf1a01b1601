/* grant, revoke: which offices of a shared register change which ties. */
#include <stdlib.h>

#include "cmd.h"

static int
office_run(struct ctx *ctx, int argc, char **argv, int grant)
{
	struct twr_error err = { TWR_OK };
	char *label;
	int c, st, changed;

	opt_reset();
	while ((c = next_opt(ctx, argc, argv, GLOBAL_SHORTOPTS,
	    global_opts)) != -1)
		return c == 'h' ? CMD_DONE : TWR_USAGE;
	if (optind + 2 != argc)
		return usage_error(ctx, grant ? N_("grant needs a ROLE and a "
		    "MUNICIPALITY") : N_("revoke needs a ROLE and a "
		    "MUNICIPALITY"));
	if ((st = ctx_open(ctx)) != TWR_OK)
		return st;
	if (twr_office(ctx->db, argv[optind], argv[optind + 1], grant, &label,
	    &changed, &err) != TWR_OK)
		return fail(&err);
	notef(ctx, !changed ? N_("role '%s' may already change the ties of "
	    "%s; nothing changed") : grant ? N_("role '%s' may now change the "
	    "ties of %s and its parts") : N_("role '%s' may no longer change "
	    "the ties of %s"), argv[optind], label);
	free(label);
	return TWR_OK;
}

static int
grant_run(struct ctx *ctx, int argc, char **argv)
{
	return office_run(ctx, argc, argv, 1);
}

static int
revoke_run(struct ctx *ctx, int argc, char **argv)
{
	return office_run(ctx, argc, argv, 0);
}

const struct cmd cmd_grant = {
	"grant", "grant ROLE MUNICIPALITY",
	N_("let an office's database role change a municipality's ties"),
	N_("A register on PostgreSQL only, run by its owner.  ROLE (a\n"
	"PostgreSQL role, one an office) may then add, change, end and\n"
	"delete the ties and activities of MUNICIPALITY (a name or an id)\n"
	"and of its parts; everyone who may connect reads everything.  The\n"
	"database enforces it (row-level security), for psql too; a\n"
	"refused change exits 77.  The history keeps each grant and\n"
	"revoke on the actor.\n"),
	CMD_DB_WRITE, grant_run
};

const struct cmd cmd_revoke = {
	"revoke", "revoke ROLE MUNICIPALITY",
	N_("take back what grant gave"),
	N_("A register on PostgreSQL only, run by its owner.  With its last\n"
	"municipality a role loses every write to the register.\n"),
	CMD_DB_WRITE, revoke_run
};
