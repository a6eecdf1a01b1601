/*
 * Data-quality and compliance findings, one a row: the record, how
 * serious, what is wrong, how to fix it.
 *
 * Municipal Law 5393 art. 74 (and Law 5216 art. 28 for metropolitan and
 * district municipalities) makes every tie of a Turkish municipality need
 * a council decision and the Ministry of the Interior's prior permission;
 * those findings apply to ties with a party (or member) in Türkiye.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const cols[] = { "id", "severity", "problem", "fix" };
static const enum twr_type types[] = { TWR_INT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT };

/*
 * Each finding is one SELECT of (id, order, severity, problem, fix) with
 * ?1 as today; their union is sorted by id and order.
 */
#define TURKISH_AG "(EXISTS (SELECT 1 FROM actors x WHERE x.country = 'TR' " \
	"AND x.id IN (g.party_id, g.partner_id)))"
#define TURKISH_M "(EXISTS (SELECT 1 FROM actors x WHERE x.country = 'TR' " \
	"AND x.id = g.member_id))"

static const char *const findings[] = {
    /* Art. 74: a council decision. */
    "SELECT g.id, 1, 'warning', 'no council decision (Municipal Law 5393 "
    "art. 74)', 'twinreg update ' || g.id || ' --council-decision-date DATE "
    "--council-decision-no N' FROM agreements g WHERE " TURKISH_AG
    " AND g.status <> 'planned' AND (g.council_decision_date IS NULL OR "
    "g.council_decision_no IS NULL) ",
    "SELECT g.id, 1, 'warning', 'no council decision (Municipal Law 5393 "
    "art. 74)', 'twinreg update ' || g.id || ' --council-decision-date DATE "
    "--council-decision-no N' FROM memberships g WHERE " TURKISH_M
    " AND (g.council_decision_date IS NULL OR "
    "g.council_decision_no IS NULL) ",
    /* Art. 74: the Ministry of the Interior's permission. */
    "SELECT g.id, 2, 'warning', 'no approval of the Ministry of the "
    "Interior (Municipal Law 5393 art. 74)', 'twinreg update ' || g.id || "
    "' --ministry-approval-date DATE --ministry-approval-no N' "
    "FROM agreements g WHERE " TURKISH_AG " AND g.status <> 'planned' AND "
    "(g.ministry_approval_date IS NULL OR g.ministry_approval_no IS NULL) ",
    "SELECT g.id, 2, 'warning', 'no approval of the Ministry of the "
    "Interior (Municipal Law 5393 art. 74)', 'twinreg update ' || g.id || "
    "' --ministry-approval-date DATE --ministry-approval-no N' "
    "FROM memberships g WHERE " TURKISH_M " AND "
    "(g.ministry_approval_date IS NULL OR g.ministry_approval_no IS NULL) ",
    /* Signed before the permission (the whole period of a partial date
       lies before the approval day). */
    "SELECT g.id, 3, 'error', 'signed on ' || g.signed_on || ', before the "
    "Ministry''s approval of ' || g.ministry_approval_date || ' (art. 74 "
    "asks for permission first)', 'check both dates; correct one with "
    "twinreg update ' || g.id FROM agreements g WHERE g.signed_on IS NOT "
    "NULL AND g.ministry_approval_date > g.signed_on AND "
    "substr(g.ministry_approval_date, 1, length(g.signed_on)) <> "
    "g.signed_on ",
    /* The same pair registered twice. */
    "SELECT g.id, 4, 'warning', 'the same parties have another ' || g.kind "
    "|| ' agreement: record ' || o.id, 'if it is the same tie, keep one: "
    "twinreg delete ' || max(g.id, o.id) FROM agreements g JOIN agreements "
    "o ON min(o.party_id, o.partner_id) = min(g.party_id, g.partner_id) "
    "AND max(o.party_id, o.partner_id) = max(g.party_id, g.partner_id) "
    "AND o.kind = g.kind AND o.id <> g.id ",
    "SELECT g.id, 4, 'warning', 'the same member and network have another "
    "membership: record ' || o.id, 'if it is the same tie, keep one: "
    "twinreg delete ' || max(g.id, o.id) FROM memberships g JOIN "
    "memberships o ON o.member_id = g.member_id AND o.network_id = "
    "g.network_id AND o.id <> g.id ",
    /* End before start. */
    "SELECT g.id, 5, 'error', 'ended on ' || g.ended_on || ', before it was "
    "signed on ' || g.signed_on, 'correct the dates: twinreg update ' || "
    "g.id || ' --ended-on DATE' FROM agreements g WHERE g.ended_on < "
    "g.signed_on AND substr(g.signed_on, 1, length(g.ended_on)) <> "
    "g.ended_on ",
    "SELECT g.id, 5, 'error', 'ended on ' || g.until || ', before it began "
    "on ' || g.since, 'correct the dates: twinreg update ' || g.id || "
    "' --until DATE' FROM memberships g WHERE g.until < g.since AND "
    "substr(g.since, 1, length(g.until)) <> g.until ",
    /* Dates in the future (a planned agreement may be signed later). */
    "SELECT g.id, 6, 'warning', 'date in the future: ' || "
    "coalesce(CASE WHEN g.status <> 'planned' AND g.signed_on > ?1 THEN "
    "'signed_on ' || g.signed_on END, CASE WHEN g.ended_on > ?1 THEN "
    "'ended_on ' || g.ended_on END, CASE WHEN g.council_decision_date > ?1 "
    "THEN 'council_decision_date ' || g.council_decision_date END, "
    "'ministry_approval_date ' || g.ministry_approval_date), "
    "'correct it with twinreg update ' || g.id FROM agreements g WHERE "
    "(g.status <> 'planned' AND g.signed_on > ?1) OR g.ended_on > ?1 OR "
    "g.council_decision_date > ?1 OR g.ministry_approval_date > ?1 ",
    "SELECT g.id, 6, 'warning', 'date in the future: ' || "
    "coalesce(CASE WHEN g.since > ?1 THEN 'since ' || g.since END, "
    "CASE WHEN g.until > ?1 THEN 'until ' || g.until END, CASE WHEN "
    "g.council_decision_date > ?1 THEN 'council_decision_date ' || "
    "g.council_decision_date END, 'ministry_approval_date ' || "
    "g.ministry_approval_date), 'correct it with twinreg update ' || g.id "
    "FROM memberships g WHERE g.since > ?1 OR g.until > ?1 OR "
    "g.council_decision_date > ?1 OR g.ministry_approval_date > ?1 ",
    /* Actors without a country. */
    "SELECT a.id, 7, 'warning', 'actor ''' || a.name || ''' has no "
    "country', 'twinreg update ' || a.id || ' --country CODE' FROM actors "
    "a WHERE a.country IS NULL ",
    /* Memberships in something that is not a network. */
    "SELECT g.id, 8, 'error', 'the network ''' || n.name || ''' (' || n.id "
    "|| ') is an actor of kind ' || coalesce(n.kind, 'unknown') || ', not "
    "network', 'twinreg update ' || n.id || ' --kind network, or correct "
    "the membership' FROM memberships g JOIN actors n ON n.id = "
    "g.network_id WHERE n.kind IS NOT 'network'"
};

enum twr_status
twr_check(struct twr_db *db, const char *today, struct twr_rows **rows,
    struct twr_error *err)
{
	char day[DATE_MAX];
	struct stmt *st;

	*rows = NULL;
	if (twr_date_parse(today, day) == -1 || strlen(day) != 10)
		return set_err(err, TWR_USAGE, "bad date '%s' for today", today);
	{
		struct twr_buf q;

		buf_init(&q);
		size_t i;

		buf_adds(&q, "WITH f(id, ord, severity, problem, fix) AS (");
		for (i = 0; i < ARRAY_SIZE(findings); i++) {
			if (i > 0)
				buf_adds(&q, " UNION ALL ");
			buf_adds(&q, findings[i]);
		}
		buf_adds(&q, ") SELECT id, severity, problem, fix FROM f "
		    "ORDER BY id, ord, problem");
		st = st_prepare(db, buf_str(&q), err);
		buf_free(&q);
	}
	if (st == NULL)
		return err->status;
	st_text(st, 1, day);
	if ((*rows = rows_from_stmt(st, 4, cols, types)) == NULL)
		return set_err(err, TWR_INTERNAL, "out of memory");
	return TWR_OK;
}
