/*
 * Data-quality and compliance findings, one a row: the record, how
 * serious, which finding, and the values it is about.  The front end
 * says what is wrong and how to fix it.
 *
 * Municipal Law 5393 art. 74 (and Law 5216 art. 28 for metropolitan and
 * district municipalities) makes every tie of a Turkish municipality need
 * a council decision and the Ministry of the Interior's prior permission;
 * those findings apply to ties with a party (or member) in Türkiye.
 */
#include <stdio.h>
#include <string.h>

#include "filter.h"
#include "qb.h"

static const char *const cols[] = { "id", "record", "severity", "finding",
	"field", "value", "other", "other_id" };
static const enum twr_type types[] = { TWR_INT, TWR_TEXT, TWR_TEXT,
	TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_TEXT, TWR_INT };

/*
 * Each finding is one SELECT of (id, order, record, severity, finding,
 * field, value, other, other_id) with ?1 as today; their union is sorted
 * by id and order.  Dormant ties (below) are chosen as `list --dormant`
 * chooses them.
 */
#define TURKISH_AG "(EXISTS (SELECT 1 FROM actors x WHERE x.country = 'TR' " \
	"AND x.id IN (g.party_id, g.partner_id)))"
#define TURKISH_M "(EXISTS (SELECT 1 FROM actors x WHERE x.country = 'TR' " \
	"AND x.id = g.member_id))"
#define AG(ord, sev, finding) "SELECT g.id, " #ord ", 'agreement', '" sev \
	"', '" finding "', "
/* The start and end of every tie, as t(id, start, stop). */
#define TIE_DATES "(SELECT id, signed_on AS start, ended_on AS stop FROM " \
	"agreements UNION ALL SELECT id, since, until FROM memberships)"
#define LAST_ACTIVITY "(SELECT max(date) FROM activities WHERE tie_id = " \
	"g.id)"
#define M(ord, sev, finding) "SELECT g.id, " #ord ", 'membership', '" sev \
	"', '" finding "', "

static const char *const findings[] = {
    /* Art. 74: a council decision. */
    /* The first row's NULLs typed, for a store that types a union's
       columns by it. */
    AG(1, "warning", "no_council_decision") "CAST(NULL AS TEXT), "
    "CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS INTEGER) "
    "FROM agreements g WHERE " TURKISH_AG " AND g.status <> 'planned' AND "
    "(g.council_decision_date IS NULL OR g.council_decision_no IS NULL)",
    M(1, "warning", "no_council_decision") "NULL, NULL, NULL, NULL "
    "FROM memberships g WHERE " TURKISH_M " AND "
    "(g.council_decision_date IS NULL OR g.council_decision_no IS NULL)",
    /* Art. 74: the Ministry of the Interior's permission. */
    AG(2, "warning", "no_ministry_approval") "NULL, NULL, NULL, NULL "
    "FROM agreements g WHERE " TURKISH_AG " AND g.status <> 'planned' AND "
    "(g.ministry_approval_date IS NULL OR g.ministry_approval_no IS NULL)",
    M(2, "warning", "no_ministry_approval") "NULL, NULL, NULL, NULL "
    "FROM memberships g WHERE " TURKISH_M " AND "
    "(g.ministry_approval_date IS NULL OR g.ministry_approval_no IS NULL)",
    /* Signed before the permission: the whole period of a partial date
       lies before the approval's first day. */
    AG(3, "error", "signed_before_approval") "'signed_on', g.signed_on, "
    "g.ministry_approval_date, NULL FROM agreements g WHERE "
    "g.ministry_approval_date > g.signed_on AND "
    "substr(g.ministry_approval_date, 1, length(g.signed_on)) <> "
    "g.signed_on",
    /* The same pair registered twice: found by the identity's index.
       The kinds compared as expressions, that no index of kind serves:
       without statistics SQLite would search each tie's kind, every
       tie of that kind (10 s for 10,000 ties). */
    AG(4, "warning", "same_parties") "'kind', g.kind, NULL, o.id FROM "
    "agreements g JOIN agreements o ON min(o.party_id, o.partner_id) = "
    "min(g.party_id, g.partner_id) AND max(o.party_id, o.partner_id) = "
    "max(g.party_id, g.partner_id) AND o.kind || '' = g.kind || '' AND "
    "o.id <> g.id",
    M(4, "warning", "same_parties") "NULL, NULL, NULL, o.id FROM "
    "memberships g JOIN memberships o ON o.member_id = g.member_id AND "
    "o.network_id = g.network_id AND o.id <> g.id",
    /* End before start. */
    AG(5, "error", "ended_before_start") "'ended_on', g.ended_on, "
    "g.signed_on, NULL FROM agreements g WHERE g.ended_on < g.signed_on "
    "AND substr(g.signed_on, 1, length(g.ended_on)) <> g.ended_on",
    M(5, "error", "ended_before_start") "'until', g.until, g.since, NULL "
    "FROM memberships g WHERE g.until < g.since AND "
    "substr(g.since, 1, length(g.until)) <> g.until",
    /* Dates in the future (a planned agreement may be signed later; an
       end date in the future is a scheduled end). */
    AG(6, "warning", "future_date") "CASE WHEN g.status <> 'planned' AND "
    "g.signed_on > ?1 THEN 'signed_on' WHEN g.council_decision_date > ?1 "
    "THEN 'council_decision_date' ELSE 'ministry_approval_date' END, "
    "CASE WHEN g.status <> 'planned' AND g.signed_on > ?1 THEN "
    "g.signed_on WHEN g.council_decision_date > ?1 THEN "
    "g.council_decision_date ELSE g.ministry_approval_date END, NULL, "
    "NULL FROM agreements g WHERE (g.status <> 'planned' AND "
    "g.signed_on > ?1) OR g.council_decision_date > ?1 OR "
    "g.ministry_approval_date > ?1",
    M(6, "warning", "future_date") "CASE WHEN g.since > ?1 THEN 'since' "
    "WHEN g.council_decision_date > ?1 THEN 'council_decision_date' ELSE "
    "'ministry_approval_date' END, CASE WHEN g.since > ?1 THEN g.since "
    "WHEN g.council_decision_date > ?1 THEN g.council_decision_date ELSE "
    "g.ministry_approval_date END, NULL, NULL FROM memberships g WHERE "
    "g.since > ?1 OR g.council_decision_date > ?1 OR "
    "g.ministry_approval_date > ?1",
    /* Actors without a country. */
    "SELECT g.id, 7, 'actor', 'warning', 'no_country', 'country', "
    "g.name, NULL, NULL FROM actors g WHERE g.country IS NULL",
    /* Memberships in something that is not a network. */
    M(8, "error", "not_network") "'network', n.name, n.kind, n.id FROM "
    "memberships g JOIN actors n ON n.id = g.network_id WHERE n.kind IS "
    "DISTINCT FROM 'network'",
    /* Activities outside their tie's life: the whole of the activity
       before the tie began, or all of it after the tie ended. */
    "SELECT g.id, 10, 'activity', 'warning', 'activity_before_tie', "
    "'date', g.date, t.start, t.id FROM activities g JOIN " TIE_DATES " t "
    "ON t.id = g.tie_id WHERE coalesce(g.until, g.date) < t.start AND "
    "substr(t.start, 1, length(coalesce(g.until, g.date))) <> "
    "coalesce(g.until, g.date)",
    "SELECT g.id, 11, 'activity', 'warning', 'activity_after_tie', "
    "'date', g.date, t.stop, t.id FROM activities g JOIN " TIE_DATES " t "
    "ON t.id = g.tie_id WHERE g.date > t.stop AND substr(g.date, 1, "
    "length(t.stop)) <> t.stop",
};

/* Dormant ties: in force today with no activity in the last years, and
   not yet marked dormant. */
#define DORMANT_YEARS 3
static const struct { const char *sql; enum twr_list_what what; } idle[] = {
	{ AG(9, "warning", "dormant") "'last_activity', " LAST_ACTIVITY ", "
	  "g.signed_on, NULL FROM agreements g WHERE g.status <> 'dormant'",
	  TWR_LIST_AGREEMENTS },
	{ M(9, "warning", "dormant") "'last_activity', " LAST_ACTIVITY ", "
	  "g.since, NULL FROM memberships g WHERE 1", TWR_LIST_MEMBERSHIPS },
};

enum twr_status
twr_check(struct twr_db *db, const char *today, struct twr_rows **rows,
    struct twr_error *err)
{
	struct twr_filter tf;
	struct filter dormant;
	char day[DATE_MAX];
	struct twr_msg m;
	struct stmt *st;
	struct qb q;
	size_t i;

	LOCAL_ERR(err);
	*rows = NULL;
	if (today == NULL || twr_date_parse(today, day) == -1 ||
	    strlen(day) != 10) {
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_TODAY;
		m.value = today;
		return err_msg(err, TWR_USAGE, &m);
	}
	memset(&tf, 0, sizeof(tf));
	tf.dormant = DORMANT_YEARS;
	tf.today = day;
	if (filter_resolve(db, TWR_LIST_AGREEMENTS, &tf, &dormant, err) !=
	    TWR_OK)
		return err->status;
	qb_init(&q);
	qb_arg(&q, day);
	qb_sql(&q, "WITH f(id, ord, record, severity, finding, field, value, "
	    "other, other_id) AS (");
	for (i = 0; i < ARRAY_SIZE(findings); i++) {
		if (i > 0)
			qb_sql(&q, " UNION ALL ");
		qb_sql(&q, findings[i]);
	}
	for (i = 0; i < ARRAY_SIZE(idle); i++) {
		qb_sql(&q, " UNION ALL ");
		qb_sql(&q, idle[i].sql);
		filter_sql(&dormant, idle[i].what, 1, &q);
	}
	qb_sql(&q, ") SELECT id, record, severity, finding, field, value, "
	    "other, other_id FROM f ORDER BY id, ord, other_id");
	st = qb_prepare(db, &q, err);
	qb_free(&q);
	filter_free(&dormant);
	if (st == NULL)
		return err->status;
	if ((*rows = rows_from_stmt(st, ARRAY_SIZE(cols), cols, types)) ==
	    NULL)
		return err_nomem(err);
	return TWR_OK;
}
