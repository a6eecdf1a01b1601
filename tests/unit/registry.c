/* A registry in memory made from CSV texts, for the tests of the API. */
#include <string.h>

#include "twinreg.h"
#include "unit.h"

unsigned long unit_errors;

void
unit_count_errors(void *arg, const struct twr_diag *d)
{
	(void)arg;
	if (d->severity == TWR_ERROR)
		unit_errors++;
}

struct twr_db *
unit_registry(const struct unit_file *files, size_t n, twr_diag_fn *diag)
{
	struct twr_import_opts o = { TWR_KIND_AUTO, TWR_CONFLICT_FAIL, 0, 0,
		NULL };
	struct twr_import *imp;
	struct twr_db *db;
	size_t i;

	if (twr_open(NULL, TWR_OPEN_MEMORY | TWR_OPEN_CREATE, 1000, &db,
	    NULL) != TWR_OK)
		return NULL;
	twr_set_author(db, "unit", "unit test");
	if (diag != NULL)
		twr_set_diag_fn(db, diag, NULL);
	if (twr_import_begin(db, &o, &imp, NULL) != TWR_OK) {
		twr_close(db);
		return NULL;
	}
	/* A failed file leaves the import to be ended all the same. */
	for (i = 0; i < n; i++)
		if (twr_import_mem(imp, files[i].name, files[i].text,
		    strlen(files[i].text), NULL) != TWR_OK)
			break;
	if (twr_import_end(imp, NULL, NULL) != TWR_OK || i < n) {
		twr_close(db);
		return NULL;
	}
	return db;
}
