/*
 * Every record of a kind in its CSV import format, every column, in the
 * order the records were added (by id: no sorting, so a million rows
 * stream out; an actor's parent before it).  Import gives ids in file
 * order, so export, import into an empty registry and export again give
 * the same bytes.  Lists within a cell (other spellings, other parties)
 * are sorted.  The SELECT is made from the kind's columns (kinds.c).
 *
 * With a filter, the records are those of the ties it selects (as a
 * report counts them): the ties, their activities, and every actor they
 * name with its parents, so that the files import into an empty
 * registry.
 */
#include "filter.h"
#include "kinds.h"
#include "report.h"

static const enum twr_type all_text[MAX_COLUMNS];	/* TWR_TEXT is 0 */

/* Append the ids of the ties R selects, a SELECT of agreements, then of
   memberships. */
static void
ties_sql(const struct filter *r, struct qb *q)
{
	select_ties(r, TWR_LIST_AGREEMENTS, "SELECT g.id FROM agreements g "
	    "WHERE 1", q);
	select_ties(r, TWR_LIST_MEMBERSHIPS, " UNION ALL SELECT g.id FROM "
	    "memberships g WHERE 1", q);
}

/* The CTE "named": the actors the ties R selects name, their
   activities' actors and partners, and the parents of them all. */
static void
named_sql(const struct filter *r, struct qb *q)
{
	qb_sql(q, ", ties(id) AS (");
	ties_sql(r, q);
	qb_sql(q, "), named(id) AS ("
	    "SELECT party_id FROM agreements WHERE id IN ties "
	    "UNION SELECT partner_id FROM agreements WHERE id IN ties "
	    "UNION SELECT actor_id FROM agreement_parties "
	    "WHERE agreement_id IN ties "
	    "UNION SELECT member_id FROM memberships WHERE id IN ties "
	    "UNION SELECT network_id FROM memberships WHERE id IN ties "
	    "UNION SELECT actor_id FROM activities WHERE tie_id IN ties "
	    "UNION SELECT ap.actor_id FROM activity_partners ap "
	    "JOIN activities a ON a.id = ap.activity_id "
	    "WHERE a.tie_id IN ties "
	    "UNION SELECT x.parent_id FROM actors x JOIN named n "
	    "ON x.id = n.id WHERE x.parent_id IS NOT NULL) ");
}

enum twr_status
twr_export(struct twr_db *db, enum twr_kind kind,
    const struct twr_filter *filter, struct twr_rows **rows,
    struct twr_error *err)
{
	const struct kind *k = kind_of(kind);
	enum twr_status st;
	struct filter r;
	struct stmt *stmt;
	struct qb q;
	size_t i;

	LOCAL_ERR(err);
	*rows = NULL;
	if (k == NULL)
		return err_code(err, TWR_USAGE, TWR_E_NO_SUCH_KIND);
	if (filter != NULL && (st = filter_resolve(db, FILTER_TIES, filter,
	    &r, err)) != TWR_OK)
		return st;
	qb_init(&q);
	if (k->export_with != NULL)
		qb_sql(&q, k->export_with);
	if (filter != NULL && kind == TWR_KIND_ACTORS)
		named_sql(&r, &q);
	qb_sql(&q, "SELECT ");
	for (i = 0; i < k->ncols; i++) {
		qb_sql(&q, i ? ", " : "");
		qb_sql(&q, k->cols[i].expr);
	}
	qb_sql(&q, " FROM ");
	qb_sql(&q, k->tab->from);
	if (k->export_join != NULL)
		qb_sql(&q, k->export_join);
	qb_sql(&q, " WHERE ");
	qb_sql(&q, k->where != NULL ? k->where : "1");
	if (filter != NULL) {
		if (kind == TWR_KIND_ACTORS)
			qb_sql(&q, " AND g.id IN named");
		else {
			qb_sql(&q, kind == TWR_KIND_ACTIVITIES ?
			    " AND g.tie_id IN (" : " AND g.id IN (");
			ties_sql(&r, &q);
			qb_sql(&q, ")");
		}
		filter_free(&r);
	}
	qb_sql(&q, " ORDER BY ");
	qb_sql(&q, k->export_order);
	stmt = qb_prepare(db, &q, err);
	qb_free(&q);
	if (stmt == NULL)
		return err->status;
	if ((*rows = rows_from_stmt(stmt, k->ncols, twr_kind_columns(kind,
	    NULL), all_text)) == NULL)
		return err_nomem(err);
	return TWR_OK;
}
