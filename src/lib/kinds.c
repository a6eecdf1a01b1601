/*
 * The kinds of records: their tables, CSV columns, identities, search
 * fields and how they are shown and exported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"

void
label_put(struct twr_buf *out, const char *name, const char *country)
{
	buf_printf(out, "%s (%s)", name, country != NULL ? country : "?");
}

/* ---- tables ------------------------------------------------------- */

static const char *const ag_fields[] = { "kind", "title", "signed_on",
	"signed_place", "status", "ended_on", "council_decision_date",
	"council_decision_no", "ministry_approval_date",
	"ministry_approval_no", "topics", "source", "notes" };
static const char *const m_fields[] = { "status", "since", "until", "roles",
	"council_decision_date", "council_decision_no",
	"ministry_approval_date", "ministry_approval_no", "source", "notes" };
static const char *const a_fields[] = { "name", "country", "kind",
	"name_en", "website", "source", "notes" };

/* The third and further parties of agreement g, "Name (CC);...", in
   Turkish order. */
#define OTHERS \
	"(SELECT group_concat(n, ';') FROM (SELECT " SQL_LABEL("x") " AS n " \
	"FROM agreement_parties ap JOIN actors x ON x.id = ap.actor_id " \
	"WHERE ap.agreement_id = g.id ORDER BY x.name COLLATE tr, x.country))"
/* The other spellings of actor g, in Turkish order. */
#define ALIASES \
	"(SELECT group_concat(alias, ';') FROM (SELECT alias FROM aliases " \
	"WHERE actor_id = g.id ORDER BY alias COLLATE tr, alias))"

static const struct sfield ag_search[] = {
	{ "title", AG_TITLE, "g.title" },
	{ "signed_place", AG_SIGNED_PLACE, "g.signed_place" },
	{ "topics", AG_TOPICS, "g.topics" },
	{ "notes", AG_NOTES, "g.notes" },
};
static const struct sfield m_search[] = {
	{ "roles", M_ROLES, "g.roles" },
	{ "notes", M_NOTES, "g.notes" },
};
static const struct sfield a_search[] = {
	{ "name", A_NAME, "g.name" },
	/* Joined in a stated order, which every store keeps. */
	{ "aliases", -1, "(SELECT group_concat(alias, ' ') FROM (SELECT "
	  "alias FROM aliases WHERE actor_id = g.id ORDER BY alias))" },
	{ "name_en", A_NAME_EN, "g.name_en" },
	{ "notes", A_NOTES, "g.notes" },
};
static const struct sfield ac_search[] = {
	{ "title", AC_TITLE, "g.title" },
	{ "place", AC_PLACE, "g.place" },
	{ "partners", -1, "(SELECT group_concat(n, ' ') FROM (SELECT x.name "
	  "AS n FROM activity_partners ap JOIN actors x ON x.id = ap.actor_id "
	  "WHERE ap.activity_id = g.id ORDER BY ap.actor_id))" },
	{ "notes", AC_NOTES, "g.notes" },
};

#define S(name) { name, NULL }
#define S_END { NULL, NULL }
static const struct showf ag_show[] = { { "kind", "g.kind" },
	S("title"), S("signed_on"), S("signed_place"), S("status"),
	S("ended_on"), S("council_decision_date"), S("council_decision_no"),
	S("ministry_approval_date"), S("ministry_approval_no"), S("topics"),
	S("source"), S("notes"), S("other_parties"), S_END };
static const struct showf m_show[] = { S("status"), S("since"), S("until"),
	S("roles"), S("council_decision_date"), S("council_decision_no"),
	S("ministry_approval_date"), S("ministry_approval_no"), S("source"),
	S("notes"), S_END };
/* An actor's parent with its id, for people. */
static const struct showf a_show[] = { S("name"), S("country"), S("kind"),
	S("name_en"), S("aliases"), { "parent", SQL_LABEL_ID("pa") },
	S("website"), S("source"), S("notes"), S_END };
static const char *const ac_fields[] = { "type", "title", "date", "until",
	"place", "place_country", "programme", "participants", "source",
	"notes" };
static const struct showf ac_show[] = { S("type"), S("title"), S("date"),
	S("until"), S("place"), S("place_country"), S("with"),
	S("with_country"), { "tie", "g.tie_id" }, { "tie_kind", "CASE WHEN "
	"g.tie_id IS NOT NULL THEN coalesce(t.kind, 'membership') END" },
	S("partners"),
	S("programme"), S("participants"), S("source"), S("notes"), S_END };

/* The actors an activity involved, "Name (CC);...", in Turkish order. */
#define PARTNERS \
	"(SELECT group_concat(n, ';') FROM (SELECT " SQL_LABEL("x") " AS n " \
	"FROM activity_partners ap JOIN actors x ON x.id = ap.actor_id " \
	"WHERE ap.activity_id = g.id ORDER BY x.name COLLATE tr, x.country))"
/* The tie's kind, written only where the actor has two ties with that
   other party and it is needed to tell them apart. */
#define TIE_KIND "CASE WHEN (SELECT count(*) FROM agreements x WHERE " \
	"min(x.party_id, x.partner_id) = min(g.actor_id, pb.id) AND " \
	"max(x.party_id, x.partner_id) = max(g.actor_id, pb.id)) + (SELECT " \
	"count(*) FROM memberships x WHERE x.member_id = g.actor_id AND " \
	"x.network_id = pb.id) > 1 THEN coalesce(t.kind, 'membership') END"

const struct table tab_agreements = {
	REC_AGREEMENT, "agreements", ag_fields, AG_NFIELDS,
	{ "party_id", "partner_id" }, { "party", "partner" },
	"agreements g JOIN actors pa ON pa.id = g.party_id "
	"JOIN actors pb ON pb.id = g.partner_id",
	{ AG_KIND, AG_SIGNED_ON, -1, -1 }, 1,
	"min(party_id, partner_id) = min(?1, ?2) AND max(party_id, "
	"partner_id) = max(?1, ?2) AND kind = ?3 AND coalesce(signed_on, '') "
	"= coalesce(?4, '')",
	ag_search, ARRAY_SIZE(ag_search),
	"pa.name || ' - ' || pb.name || ', ' || g.kind || "
	"coalesce(', ' || g.signed_on, '')",
	ag_show, "agreement"
};

const struct table tab_memberships = {
	REC_MEMBERSHIP, "memberships", m_fields, M_NFIELDS,
	{ "member_id", "network_id" }, { "member", "network" },
	"memberships g JOIN actors pa ON pa.id = g.member_id "
	"JOIN actors pb ON pb.id = g.network_id",
	{ M_SINCE, -1, -1, -1 }, 0,
	"member_id = ?1 AND network_id = ?2 AND coalesce(since, '') = "
	"coalesce(?3, '')",
	m_search, ARRAY_SIZE(m_search),
	"pa.name || ' in ' || pb.name || ', ' || g.status || "
	"coalesce(', since ' || g.since, '')",
	m_show, "membership"
};

const struct table tab_actors = {
	REC_ACTOR, "actors", a_fields, A_NFIELDS,
	{ "parent_id", NULL }, { "parent", NULL },
	"actors g LEFT JOIN actors pa ON pa.id = g.parent_id",
	{ A_NAME, A_COUNTRY, -1, -1 }, 0,
	"name_key = ?3 AND coalesce(country, '') = coalesce(?4, '')",
	a_search, ARRAY_SIZE(a_search),
	"g.name || ' (' || coalesce(g.country, '?') || ')' || "
	"coalesce(', ' || g.kind, '')",
	a_show, "actor"
};

const struct table tab_activities = {
	REC_ACTIVITY, "activities", ac_fields, AC_NFIELDS,
	{ "actor_id", "tie_id" }, { "actor", "tie" }, ACTIVITY_FROM,
	{ AC_TYPE, AC_TITLE, AC_DATE, -1 }, 0,
	"actor_id = ?1 AND type = ?3 AND title = ?4 AND coalesce(date, '') = "
	"coalesce(?5, '')",
	ac_search, ARRAY_SIZE(ac_search),
	"pa.name || ': ' || g.type || ', ' || g.title || "
	"coalesce(', ' || g.date, '')",
	ac_show, "activity"
};

const struct table *const tables[] = { &tab_actors, &tab_agreements,
	&tab_memberships, &tab_activities, NULL };

const struct table *
table_of(enum rec_type type)
{
	size_t i;

	for (i = 0; tables[i] != NULL; i++)
		if (tables[i]->type == type)
			return tables[i];
	return NULL;
}

const char *
record_type_sql(void)
{
	static char sql[512];
	size_t i, n = 0;

	if (sql[0] != '\0')
		return sql;
	for (i = 0; tables[i] != NULL; i++)
		n += (size_t)snprintf(sql + n, sizeof(sql) - n, "%sSELECT %d "
		    "FROM %s WHERE id = ?1", i ? " UNION ALL " : "",
		    (int)tables[i]->type, tables[i]->name);
	return sql;
}

/* ---- CSV kinds ------------------------------------------------------ */

#define F(name, type, field, flags, expr) \
	{ name, type, R_FIELD, field, flags, TWR_V_COUNT, expr }
#define T(name, vocab, field, flags, expr) \
	{ name, V_TERM, R_FIELD, field, flags, vocab, expr }
#define R(name, type, role, flags, expr) \
	{ name, type, role, 0, flags, TWR_V_COUNT, expr }

#define AGREEMENT_TAIL \
	T("status", TWR_V_AGREEMENT_STATUS, AG_STATUS, 0, "g.status"), \
	F("ended_on", V_DATE, AG_ENDED_ON, 0, "g.ended_on"), \
	F("council_decision_date", V_DATE, AG_CDD, 0, \
	    "g.council_decision_date"), \
	F("council_decision_no", V_LINE, AG_CDN, 0, "g.council_decision_no"), \
	F("ministry_approval_date", V_DATE, AG_MAD, 0, \
	    "g.ministry_approval_date"), \
	F("ministry_approval_no", V_LINE, AG_MAN, 0, \
	    "g.ministry_approval_no"), \
	F("topics", V_LIST, AG_TOPICS, 0, "g.topics"), \
	F("source", V_TEXT, AG_SOURCE, 0, "g.source"), \
	F("notes", V_TEXT, AG_NOTES, 0, "g.notes")

static const struct column sister_cols[] = {
	R("municipality", V_NAME, R_NAME_A, COL_REQUIRED, "pa.name"),
	R("municipality_country", V_COUNTRY, R_COUNTRY_A, COL_REQUIRED,
	    "pa.country"),
	R("sister_city", V_NAME, R_NAME_B, COL_REQUIRED, "pb.name"),
	R("sister_city_country", V_COUNTRY, R_COUNTRY_B, COL_REQUIRED,
	    "pb.country"),
	F("signed_on", V_DATE, AG_SIGNED_ON, 0, "g.signed_on"),
	AGREEMENT_TAIL,
	/* Beyond SPEC's columns, so that export loses nothing. */
	F("title", V_LINE, AG_TITLE, 0, "g.title"),
	F("signed_place", V_LINE, AG_SIGNED_PLACE, 0, "g.signed_place"),
	R("other_parties", V_PARTIES, R_PARTIES, 0, OTHERS),
};

static const struct column partner_cols[] = {
	R("party", V_NAME, R_NAME_A, COL_REQUIRED, "pa.name"),
	R("party_country", V_COUNTRY, R_COUNTRY_A, COL_REQUIRED, "pa.country"),
	R("partner", V_NAME, R_NAME_B, COL_REQUIRED, "pb.name"),
	R("partner_country", V_COUNTRY, R_COUNTRY_B, COL_REQUIRED,
	    "pb.country"),
	T("kind", TWR_V_AGREEMENT_KIND, AG_KIND, COL_REQUIRED, "g.kind"),
	F("title", V_LINE, AG_TITLE, 0, "g.title"),
	F("signed_on", V_DATE, AG_SIGNED_ON, 0, "g.signed_on"),
	F("signed_place", V_LINE, AG_SIGNED_PLACE, 0, "g.signed_place"),
	AGREEMENT_TAIL,
	R("other_parties", V_PARTIES, R_PARTIES, 0, OTHERS),
};

static const struct column member_cols[] = {
	R("member", V_NAME, R_NAME_A, COL_REQUIRED, "pa.name"),
	R("member_country", V_COUNTRY, R_COUNTRY_A, COL_REQUIRED, "pa.country"),
	R("network", V_NAME, R_NAME_B, COL_REQUIRED, "pb.name"),
	R("network_country", V_COUNTRY, R_COUNTRY_B, 0, "pb.country"),
	T("status", TWR_V_MEMBERSHIP_STATUS, M_STATUS, 0, "g.status"),
	F("since", V_DATE, M_SINCE, 0, "g.since"),
	F("until", V_DATE, M_UNTIL, 0, "g.until"),
	F("roles", V_LIST, M_ROLES, 0, "g.roles"),
	F("council_decision_date", V_DATE, M_CDD, 0,
	    "g.council_decision_date"),
	F("council_decision_no", V_LINE, M_CDN, 0, "g.council_decision_no"),
	F("ministry_approval_date", V_DATE, M_MAD, 0,
	    "g.ministry_approval_date"),
	F("ministry_approval_no", V_LINE, M_MAN, 0, "g.ministry_approval_no"),
	F("source", V_TEXT, M_SOURCE, 0, "g.source"),
	F("notes", V_TEXT, M_NOTES, 0, "g.notes"),
};

static const struct column activity_cols[] = {
	R("actor", V_NAME, R_NAME_A, COL_REQUIRED, "pa.name"),
	R("actor_country", V_COUNTRY, R_COUNTRY_A, COL_REQUIRED, "pa.country"),
	T("type", TWR_V_ACTIVITY_TYPE, AC_TYPE, COL_REQUIRED, "g.type"),
	F("title", V_LINE, AC_TITLE, COL_REQUIRED, "g.title"),
	F("date", V_DATE, AC_DATE, 0, "g.date"),
	F("until", V_DATE, AC_UNTIL, 0, "g.until"),
	F("place", V_LINE, AC_PLACE, 0, "g.place"),
	F("place_country", V_COUNTRY, AC_PLACE_COUNTRY, 0, "g.place_country"),
	R("with", V_NAME, R_TIE_NAME, 0, "pb.name"),
	R("with_country", V_COUNTRY, R_TIE_COUNTRY, 0, "pb.country"),
	{ "tie_kind", V_TERM, R_TIE_KIND, 0, 0, TWR_V_TIE_KIND, TIE_KIND },
	R("partners", V_PARTIES, R_PARTIES, 0, PARTNERS),
	F("programme", V_LINE, AC_PROGRAMME, 0, "g.programme"),
	F("participants", V_COUNT, AC_PARTICIPANTS, 0, "g.participants"),
	F("source", V_TEXT, AC_SOURCE, 0, "g.source"),
	F("notes", V_TEXT, AC_NOTES, 0, "g.notes"),
};

static const struct column actor_cols[] = {
	F("name", V_NAME, A_NAME, COL_REQUIRED, "g.name"),
	/* Required but for a network (loader_actor.c). */
	F("country", V_COUNTRY, A_COUNTRY, COL_HEADER, "g.country"),
	T("kind", TWR_V_ACTOR_KIND, A_KIND, 0, "g.kind"),
	F("name_en", V_LINE, A_NAME_EN, 0, "g.name_en"),
	R("aliases", V_LIST, R_ALIASES, 0, ALIASES),
	/* A parent in another country is written "Name (CC)". */
	R("parent", V_NAME, R_PARENT, 0, "CASE WHEN pa.country IS g.country "
	    "THEN pa.name ELSE " SQL_LABEL("pa") " END"),
	F("website", V_LINE, A_WEBSITE, 0, "g.website"),
	F("source", V_TEXT, A_SOURCE, 0, "g.source"),
	F("notes", V_TEXT, A_NOTES, 0, "g.notes"),
};

/*
 * Actors by id, but a parent before the actors that are part of it, so
 * that import gives them ids in the same order: the key is the highest
 * id from the actor up to its root, then the depth.
 */
#define ACTOR_DEPTH "WITH RECURSIVE depth(id, d, k) AS (SELECT id, 0, id " \
	"FROM actors WHERE parent_id IS NULL UNION ALL SELECT a.id, d + 1, " \
	"max(a.id, k) FROM actors a JOIN depth ON a.parent_id = depth.id " \
	"WHERE d < 100) "

/* Turkish headers, column by column. */
#define AGREEMENT_TAIL_TR "durum", "bitiş tarihi", "meclis karar tarihi", \
	"meclis karar no", "bakanlık onay tarihi", "bakanlık onay no", \
	"konular", "kaynak", "notlar"
static const char *const sister_tr[] = { "belediye", "belediye ülkesi",
	"kardeş şehir", "kardeş şehir ülkesi", "imza tarihi",
	AGREEMENT_TAIL_TR, "başlık", "imza yeri", "diğer taraflar" };
static const char *const partner_tr[] = { "taraf", "taraf ülkesi", "ortak",
	"ortak ülkesi", "anlaşma türü", "başlık", "imza tarihi", "imza yeri",
	AGREEMENT_TAIL_TR, "diğer taraflar" };
static const char *const member_tr[] = { "üye", "üye ülkesi", "ağ",
	"ağ ülkesi", "üyelik durumu", "üyelik başlangıcı", "üyelik bitişi",
	"görevler", "meclis karar tarihi", "meclis karar no",
	"bakanlık onay tarihi", "bakanlık onay no", "kaynak", "notlar" };
static const char *const activity_tr[] = { "kurum", "kurum ülkesi",
	"etkinlik türü", "etkinlik adı", "tarih", "bitiş tarihi", "yer",
	"yer ülkesi", "ilişkili taraf", "ilişkili taraf ülkesi",
	"ilişki türü", "ortaklar", "program", "katılımcı sayısı", "kaynak",
	"notlar" };
static const char *const actor_tr[] = { "ad", "ülke", "tür", "ingilizce ad",
	"diğer adlar", "bağlı olduğu", "web sitesi", "kaynak", "notlar" };

/* One Turkish header a column. */
#define SAME_LENGTH(a, b) typedef char a##_matches_##b[ \
	ARRAY_SIZE(a) == ARRAY_SIZE(b) ? 1 : -1]
SAME_LENGTH(sister_tr, sister_cols);
SAME_LENGTH(partner_tr, partner_cols);
SAME_LENGTH(member_tr, member_cols);
SAME_LENGTH(activity_tr, activity_cols);
SAME_LENGTH(actor_tr, actor_cols);

static const struct kind kinds[] = {
	/* "+g.kind": the kind is not looked up in an index, so the table
	   is read in id order and nothing is sorted. */
	{ TWR_KIND_SISTER_CITIES, "sister-cities", "sister-city",
	  &tab_agreements, sister_cols, ARRAY_SIZE(sister_cols),
	  "sister_city", "+g.kind = 'sister_city'", NULL, NULL, "g.id",
	  sister_tr },
	{ TWR_KIND_PARTNERSHIPS, "partnerships", "partnership",
	  &tab_agreements, partner_cols, ARRAY_SIZE(partner_cols), NULL,
	  "+g.kind <> 'sister_city'", NULL, NULL, "g.id", partner_tr },
	{ TWR_KIND_MEMBERSHIPS, "memberships", "membership",
	  &tab_memberships, member_cols, ARRAY_SIZE(member_cols), NULL,
	  NULL, NULL, NULL, "g.id", member_tr },
	{ TWR_KIND_ACTORS, "actors", "actor", &tab_actors, actor_cols,
	  ARRAY_SIZE(actor_cols), NULL, NULL, ACTOR_DEPTH,
	  " LEFT JOIN depth ON depth.id = g.id", "depth.k, depth.d, g.id",
	  actor_tr },
	{ TWR_KIND_ACTIVITIES, "activities", "activity", &tab_activities,
	  activity_cols, ARRAY_SIZE(activity_cols), NULL, NULL, NULL, NULL,
	  "g.id", activity_tr },
};

/* Each kind's column names and required flags, as twr_kind_columns
   hands them out: made from the columns on first use. */
static struct {
	const char *names[MAX_COLUMNS + 1];
	unsigned char required[MAX_COLUMNS];
	int made;
} col_lists[ARRAY_SIZE(kinds)];

const enum twr_kind twr_kinds[] = { TWR_KIND_ACTORS, TWR_KIND_SISTER_CITIES,
	TWR_KIND_PARTNERSHIPS, TWR_KIND_MEMBERSHIPS, TWR_KIND_ACTIVITIES,
	TWR_KIND_AUTO };

int
twr_kind_rank(enum twr_kind k)
{
	int i;

	for (i = 0; twr_kinds[i] != TWR_KIND_AUTO; i++)
		if (twr_kinds[i] == k)
			return i;
	return i;
}

const struct kind *
kind_of(enum twr_kind kind)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (kinds[i].kind == kind)
			return &kinds[i];
	return NULL;
}

const struct kind *
kind_of_agreement(const char *agkind)
{
	return kind_of(agkind != NULL && strcmp(agkind, "sister_city") == 0 ?
	    TWR_KIND_SISTER_CITIES : TWR_KIND_PARTNERSHIPS);
}

const struct kind *
kind_of_type(enum rec_type type)
{
	switch (type) {
	case REC_AGREEMENT:
		return kind_of(TWR_KIND_PARTNERSHIPS);
	case REC_MEMBERSHIP:
		return kind_of(TWR_KIND_MEMBERSHIPS);
	case REC_ACTIVITY:
		return kind_of(TWR_KIND_ACTIVITIES);
	case REC_ACTOR:
		return kind_of(TWR_KIND_ACTORS);
	default:
		return NULL;
	}
}

enum twr_kind
twr_kind_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return TWR_KIND_AUTO;
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(name, kinds[i].plural) == 0 ||
		    strcmp(name, kinds[i].singular) == 0)
			return kinds[i].kind;
	return TWR_KIND_AUTO;
}

const char *
twr_kind_name(enum twr_kind kind)
{
	const struct kind *k = kind_of(kind);

	return k != NULL ? k->plural : NULL;
}

const char *
twr_kind_singular(enum twr_kind kind)
{
	const struct kind *k = kind_of(kind);

	return k != NULL ? k->singular : NULL;
}

const char *const *
twr_kind_columns(enum twr_kind kind, const unsigned char **required)
{
	const struct kind *k = kind_of(kind);
	size_t i, n;

	if (k == NULL)
		return NULL;
	n = (size_t)(k - kinds);
	if (!col_lists[n].made) {
		for (i = 0; i < k->ncols; i++) {
			col_lists[n].names[i] = k->cols[i].name;
			col_lists[n].required[i] = (k->cols[i].flags &
			    (COL_REQUIRED | COL_HEADER)) != 0;
		}
		col_lists[n].made = 1;
	}
	if (required != NULL)
		*required = col_lists[n].required;
	return col_lists[n].names;
}

const struct column *
column_find(const struct kind *k, const char *name)
{
	size_t i;

	for (i = 0; i < k->ncols; i++)
		if (column_name_eq(k->cols[i].name, name))
			return &k->cols[i];
	return NULL;
}

const char *
twr_column_tr(enum twr_kind kind, const char *column)
{
	const struct kind *k = kind_of(kind);
	const struct column *c;

	if (k == NULL || k->tr == NULL || column == NULL ||
	    (c = column_find(k, column)) == NULL)
		return NULL;
	return k->tr[c - k->cols];
}

/* Is header H the folded KEY? */
static int
header_is(const char *h, const char *key)
{
	char *c = fold_dup(h);
	int eq = c != NULL && strcmp(c, key) == 0;

	free(c);
	return eq;
}

const struct column *
column_header(const struct kind *k, const char *name)
{
	char *key = fold_dup(name);
	const struct column *found = NULL;
	size_t i;

	for (i = 0; key != NULL && i < k->ncols && found == NULL; i++)
		if (header_is(k->cols[i].name, key) || (k->tr != NULL &&
		    header_is(k->tr[i], key)))
			found = &k->cols[i];
	free(key);
	return found;
}

const struct column *
column_of_field(const struct kind *k, int field)
{
	size_t i;

	for (i = 0; i < k->ncols; i++)
		if (k->cols[i].role == R_FIELD && k->cols[i].field == field)
			return &k->cols[i];
	return NULL;
}
