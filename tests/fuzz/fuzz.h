/*
 * What the fuzz harnesses share (tests/fuzz): a fresh registry in
 * memory, an import of CSV bytes, an export of a kind as CSV bytes
 * through the CLI's own printer, and a loud stop for a broken promise.
 * `make fuzz` builds each harness with libFuzzer (clang); `make check`
 * replays the corpus and the findings through replay.c with any cc.
 */
#ifndef TWR_FUZZ_H
#define TWR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "twinreg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * An empty registry in memory, one of two (SLOT 0 or 1), kept for the
 * process: each call empties it again (faster than making a new one,
 * whose schema costs ~10 ms).  Aborts if there is none.
 */
struct twr_db *fuzz_open(int slot);

/* A registry's bytes, kept from DB and put back into one (any slot). */
struct fuzz_bytes {
	unsigned char *p;
	long long size;
};
void fuzz_keep(struct twr_db *db, struct fuzz_bytes *b);
void fuzz_restore(struct twr_db *db, const struct fuzz_bytes *b);

/*
 * Import the N pieces DATA[i] (LENS[i] bytes, named NAMES[i]) into DB in
 * one call with OPTS.  Returns the status of twr_import_end (or of the
 * call that failed first) and fills STATS.
 */
enum twr_status fuzz_import(struct twr_db *db,
    const struct twr_import_opts *opts, size_t n, const char *const *data,
    const size_t *lens, const char *const *names,
    struct twr_import_stats *stats);

/*
 * Every record of KIND in DB as CSV, as `export --kind` writes it (BOM
 * and DELIM as --bom and --delimiter), in a malloc'd string whose length
 * goes to *LEN; aborts when the export fails.
 */
char *fuzz_export(struct twr_db *db, enum twr_kind kind, int bom,
    char delim, size_t *len);

/* The diagnostics DB told since the last fuzz_diag_reset, as text. */
const char *fuzz_diags(void);
void fuzz_diag_reset(void);

/* Print WHY (and the diagnostics) and abort: a promise was broken. */
void fuzz_fail(const char *why);

#endif
