/* Rows buffered for the printers that align them (table, markdown). */
#ifndef TWR_TABLE_H
#define TWR_TABLE_H

#include "fmt.h"

struct grid {
	const struct twr_columns *cols;
	unsigned flags;
	char *title;
	char **cells;		/* nrows * cols->n, escaped */
	char **rows;		/* a block a row, where its cells are */
	char **bars;		/* bars drawn in place of cells, or NULL */
	char *scratch;		/* a row escaped, before its block */
	size_t nrows, cap, scratch_cap;
};

/* Turn the numbers of bar columns into bars (table, markdown). */
void grid_bars(struct grid *g);

int grid_begin(struct out *o, const struct twr_columns *cols,
    unsigned flags, const char *title);
int grid_row(struct out *o, const struct twr_row *row);
void grid_free(struct grid *g);

#endif
