/* add: one record from --FIELD VALUE pairs (an import of one row). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* Print ID on stdout; -1 when it could not be written (told). */
static int
print_id(void *arg, long long id)
{
	(void)arg;
	if (printf("%lld\n", id) < 0 || fflush(stdout) == EOF) {
		errorf("cannot write the new id to standard output: %s; "
		    "nothing was added", strerror(errno));
		return -1;
	}
	return 0;
}

static int
add_run(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 0 },
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct twr_error err = { TWR_OK };
	struct twr_field *fields = NULL;
	enum twr_kind kind;
	long long id;
	size_t n;
	int st, force = 0;

	if (argc > 1 && help_arg_opts(ctx, argv[1], opts))
		return CMD_DONE;
	/* --force may come before the kind too. */
	if (argc > 1 && strcmp(argv[1], "--force") == 0) {
		force = 1;
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	if (argc < 2 || (kind = twr_kind_parse(argv[1])) == TWR_KIND_AUTO)
		return usage_error(ctx, _("add needs what to add: sister-city, "
		    "partnership, membership, actor or activity"));
	if ((st = field_args(ctx, argc, argv, 2, &fields, &n, &force)) != TWR_OK)
		goto out;
	if (n == 0) {
		st = usage_error(ctx, "add needs fields (--FIELD VALUE)");
		goto out;
	}
	if ((st = ctx_open(ctx)) != TWR_OK)
		goto out;
	/* The id is printed before the record is committed: if it cannot
	   be, nothing is added and a retry will not find it there. */
	twr_set_commit_fn(ctx->db, print_id, ctx);
	if ((st = twr_add(ctx->db, kind, fields, n, force ? TWR_ADD_FORCE : 0,
	    &id, &err)) != TWR_OK)
		st = err.m.code == TWR_E_NOT_COMMITTED ? TWR_IOERR :
		    lib_fail(ctx, &err);
out:
	free(fields);
	return st;
}

const struct cmd cmd_add = {
	"add", "add sister-city|partnership|membership|actor|activity "
	    "[--force] --FIELD VALUE...",
	N_("add one record; prints its id"),
	N_("FIELD is a CSV column of that kind of record, with '-' and '_'\n"
	"alike (--sister-city-country TR).  The rules are those of import;\n"
	"actors it names that the registry lacks are created.  A tie of the\n"
	"same parties and kind as one in the registry, either undated, is\n"
	"refused as likely the same tie:\n"
	"  --force              add it anyway\n"),
	CMD_DB_WRITE | CMD_HELP_COLUMNS, add_run
};
