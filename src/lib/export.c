/*
 * Every record of a kind in its CSV import format, every column, in the
 * order the records were added (by id: no sorting, so a million rows
 * stream out).  Import gives ids in file order, so export, import into an
 * empty registry and export again give the same bytes.  Lists within a
 * cell (other spellings, other parties) are sorted.
 */
#include "record.h"

#define OTHERS \
	"(SELECT group_concat(n, ';') FROM (SELECT x.name || ' (' || " \
	"coalesce(x.country, '?') || ')' AS n FROM agreement_parties ap " \
	"JOIN actors x ON x.id = ap.actor_id WHERE ap.agreement_id = g.id " \
	"ORDER BY x.name COLLATE tr, x.country))"
#define AG_JOIN " FROM agreements g JOIN actors pa ON pa.id = g.party_id " \
	"JOIN actors pb ON pb.id = g.partner_id "
/* "+g.kind": the kind is not looked up in an index, so the table is read
   in id order and nothing is sorted. */
#define AG_ORDER " ORDER BY g.id"

static const char *const export_sql[] = {
	[TWR_KIND_SISTER_CITIES] = "SELECT pa.name, pa.country, pb.name, "
	    "pb.country, g.signed_on, g.status, g.ended_on, "
	    "g.council_decision_date, g.council_decision_no, "
	    "g.ministry_approval_date, g.ministry_approval_no, g.topics, "
	    "g.source, g.notes, g.title, g.signed_place, " OTHERS AG_JOIN
	    "WHERE +g.kind = 'sister_city'" AG_ORDER,
	[TWR_KIND_PARTNERSHIPS] = "SELECT pa.name, pa.country, pb.name, "
	    "pb.country, g.kind, g.title, g.signed_on, g.signed_place, "
	    "g.status, g.ended_on, g.council_decision_date, "
	    "g.council_decision_no, g.ministry_approval_date, "
	    "g.ministry_approval_no, g.topics, g.source, g.notes, " OTHERS
	    AG_JOIN "WHERE +g.kind <> 'sister_city'" AG_ORDER,
	[TWR_KIND_MEMBERSHIPS] = "SELECT m.name, m.country, n.name, "
	    "n.country, g.status, g.since, g.until, g.roles, "
	    "g.council_decision_date, g.council_decision_no, "
	    "g.ministry_approval_date, g.ministry_approval_no, g.source, "
	    "g.notes FROM memberships g JOIN actors m ON m.id = g.member_id "
	    "JOIN actors n ON n.id = g.network_id ORDER BY g.id",
	/* By id, but a parent before the actors that are part of it, so
	   that import gives them ids in the same order: the key is the
	   highest id from the actor up to its root, then the depth.  A
	   parent in another country is written "Name (CC)". */
	[TWR_KIND_ACTORS] = "WITH RECURSIVE depth(id, d, k) AS (SELECT id, 0, "
	    "id FROM actors WHERE parent_id IS NULL UNION ALL SELECT a.id, "
	    "d + 1, max(a.id, k) FROM actors a JOIN depth ON a.parent_id = "
	    "depth.id WHERE d < 100) SELECT a.name, a.country, a.kind, a.name_en, "
	    "(SELECT group_concat(alias, ';') FROM (SELECT alias FROM aliases "
	    "WHERE actor_id = a.id ORDER BY alias COLLATE tr, alias)), "
	    "CASE WHEN p.country IS a.country THEN p.name ELSE p.name || ' (' "
	    "|| coalesce(p.country, '?') || ')' END, a.website, a.source, "
	    "a.notes FROM actors a LEFT JOIN actors p ON p.id = a.parent_id "
	    "LEFT JOIN depth ON depth.id = a.id ORDER BY depth.k, depth.d, a.id",
};

static const enum twr_type all_text[32];	/* TWR_TEXT is 0 */

enum twr_status
twr_export(struct twr_db *db, enum twr_kind kind, struct twr_rows **rows,
    struct twr_error *err)
{
	const struct kinddef *kd = kinddef_of(kind);
	struct stmt *st;
	size_t n;

	*rows = NULL;
	if (kd == NULL)
		return set_err(err, TWR_USAGE, "unknown kind of record");
	for (n = 0; kd->names[n] != NULL; n++)
		;
	if ((st = st_prepare(db, export_sql[kind], err)) == NULL)
		return err->status;
	if ((*rows = rows_from_stmt(st, n, kd->names, all_text)) == NULL)
		return set_err(err, TWR_INTERNAL, "out of memory");
	return TWR_OK;
}
