/*
 * Every record of a kind in its CSV import format, every column, in the
 * order the records were added (by id: no sorting, so a million rows
 * stream out; an actor's parent before it).  Import gives ids in file
 * order, so export, import into an empty registry and export again give
 * the same bytes.  Lists within a cell (other spellings, other parties)
 * are sorted.  The SELECT is made from the kind's columns (kinds.c).
 */
#include "kinds.h"

static const enum twr_type all_text[MAX_COLUMNS];	/* TWR_TEXT is 0 */

/*
 * The number of rows the export's SQL (a WITH clause, then at SEL its
 * SELECT, no ORDER BY) gives, for a progress function's TOTAL; 0 when
 * it cannot be had.
 */
static unsigned long long
export_count(struct twr_db *db, const char *sql, size_t sel)
{
	struct twr_error err;
	struct twr_buf q;
	struct stmt *st;
	unsigned long long n = 0;

	buf_init(&q);
	buf_printf(&q, "%.*sSELECT count(*) FROM (%s)", (int)sel, sql,
	    sql + sel);
	if (!q.oom && (st = st_prepare(db, q.p, &err)) != NULL) {
		if (st_step(st, &err) == TWR_ROW)
			n = (unsigned long long)st_col_int(st, 0);
		st_free(st);
	}
	buf_free(&q);
	return n;
}

enum twr_status
twr_export(struct twr_db *db, enum twr_kind kind, struct twr_rows **rows,
    struct twr_error *err)
{
	const struct kind *k = kind_of(kind);
	struct twr_buf sql;
	struct stmt *st;
	unsigned long long total = 0;
	size_t i, sel;

	LOCAL_ERR(err);
	*rows = NULL;
	if (k == NULL)
		return err_code(err, TWR_USAGE, TWR_E_NO_SUCH_KIND);
	buf_init(&sql);
	if (k->export_with != NULL)
		buf_adds(&sql, k->export_with);
	sel = sql.len;
	buf_adds(&sql, "SELECT ");
	for (i = 0; i < k->ncols; i++)
		buf_printf(&sql, "%s%s", i ? ", " : "", k->cols[i].expr);
	buf_printf(&sql, " FROM %s%s", k->tab->from, k->export_join ?
	    k->export_join : "");
	if (k->where != NULL)
		buf_printf(&sql, " WHERE %s", k->where);
	if (!sql.oom && db->progress != NULL)
		total = export_count(db, sql.p, sel);
	buf_printf(&sql, " ORDER BY %s", k->export_order);
	if (sql.oom) {
		buf_free(&sql);
		return err_nomem(err);
	}
	st = st_prepare(db, sql.p, err);
	buf_free(&sql);
	if (st == NULL)
		return err->status;
	if ((*rows = rows_from_stmt(st, k->ncols, twr_kind_columns(kind, NULL),
	    all_text)) == NULL)
		return err_nomem(err);
	rows_set_progress(*rows, db, total);
	return TWR_OK;
}
