/*
 * Run every unit test and end with "N passed, N failed"; `unit --pg URL`
 * runs those of a PostgreSQL register instead, in the empty database
 * URL.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"

unsigned long unit_pass, unit_fail;

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
		{ "date", t_date }, { "fold", t_fold }, { "collate", t_collate },
		{ "width", t_width }, { "country", t_country },
		{ "value", t_value }, { "csvin", t_csvin }, { "ident", t_ident },
		{ "sha256", t_sha256 }, { "api", t_api }, { "schema", t_schema },
		{ "complete", t_complete },
		{ "progress", t_progress }, { "counts", t_counts },
		{ "snapshot", t_snapshot },
		{ "names", t_names }, { "ahead", t_ahead },
		{ "stream", t_stream },
	};
	size_t i;

	if (argc != 1 && (argc != 3 || strcmp(argv[1], "--pg") != 0)) {
		fputs("usage: unit [--pg URL]\n", stderr);
		return 2;
	}
	if (argc == 3) {
		t_pg(argv[2]);
		printf("%s unit pg\n", unit_fail == 0 ? "ok  " : "FAIL");
		printf("%lu passed, %lu failed\n", unit_pass, unit_fail);
		return unit_fail == 0 ? 0 : 1;
	}
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		unsigned long f = unit_fail;

		tests[i].fn();
		printf("%s unit %s\n", unit_fail == f ? "ok  " : "FAIL",
		    tests[i].name);
	}
	printf("%lu passed, %lu failed\n", unit_pass, unit_fail);
	return unit_fail == 0 ? 0 : 1;
}
