/* Run every unit test and end with "N passed, N failed". */
#include <stdio.h>

#include "unit.h"

unsigned long unit_pass, unit_fail;

int
main(void)
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
		{ "progress", t_progress },
	};
	size_t i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		unsigned long f = unit_fail;

		tests[i].fn();
		printf("%s unit %s\n", unit_fail == f ? "ok  " : "FAIL",
		    tests[i].name);
	}
	printf("%lu passed, %lu failed\n", unit_pass, unit_fail);
	return unit_fail == 0 ? 0 : 1;
}
