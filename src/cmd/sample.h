/*
 * The built-in sample registry (sample.c): the CSV files of data/,
 * compiled in by the build, loaded through the import everyone uses.
 */
#ifndef TWR_SAMPLE_H
#define TWR_SAMPLE_H

#include <stddef.h>

#include "twinreg.h"

struct sample_file {
	const char *name;	/* "data/actors.csv" */
	const char *data;
	size_t len;
};

/* Generated from the CSV files of data/ (build/.../sample_data.c). */
extern const struct sample_file sample_files[];
extern const size_t sample_nfiles;

/* Open a private in-memory registry holding the sample. */
enum twr_status sample_open(int busy_ms, struct twr_db **db,
    struct twr_error *err);

#endif
