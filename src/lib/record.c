/*
 * The kinds of records and the rules for their values.
 */
#include <stdlib.h>
#include <string.h>

#include "record.h"

static const char *const ag_fields[] = { "kind", "title", "signed_on",
	"signed_place", "status", "ended_on", "council_decision_date",
	"council_decision_no", "ministry_approval_date",
	"ministry_approval_no", "topics", "source", "notes" };
static const char *const m_fields[] = { "status", "since", "until", "roles",
	"council_decision_date", "council_decision_no",
	"ministry_approval_date", "ministry_approval_no", "source", "notes" };
static const char *const a_fields[] = { "name", "country", "kind",
	"name_en", "website", "source", "notes" };

const struct tabledef tab_agreements = { "agreements", REC_AGREEMENT,
	AG_NFIELDS, ag_fields, "party_id", "partner_id", "party", "partner",
	{ AG_KIND, AG_SIGNED_ON, -1 } };
const struct tabledef tab_memberships = { "memberships", REC_MEMBERSHIP,
	M_NFIELDS, m_fields, "member_id", "network_id", "member", "network",
	{ M_SINCE, -1, -1 } };
const struct tabledef tab_actors = { "actors", REC_ACTOR, A_NFIELDS,
	a_fields, NULL, NULL, "parent", NULL, { A_NAME, A_COUNTRY, -1 } };

#define AGREEMENT_TAIL \
	{ "status", FT_AGSTATUS, R_FIELD, AG_STATUS, 0 }, \
	{ "ended_on", FT_DATE, R_FIELD, AG_ENDED_ON, 0 }, \
	{ "council_decision_date", FT_DATE, R_FIELD, AG_CDD, 0 }, \
	{ "council_decision_no", FT_LINE, R_FIELD, AG_CDN, 0 }, \
	{ "ministry_approval_date", FT_DATE, R_FIELD, AG_MAD, 0 }, \
	{ "ministry_approval_no", FT_LINE, R_FIELD, AG_MAN, 0 }, \
	{ "topics", FT_LIST, R_FIELD, AG_TOPICS, 0 }, \
	{ "source", FT_TEXT, R_FIELD, AG_SOURCE, 0 }, \
	{ "notes", FT_TEXT, R_FIELD, AG_NOTES, 0 }

static const struct colspec sister_cols[] = {
	{ "municipality", FT_NAME, R_NAME_A, 0, 1 },
	{ "municipality_country", FT_COUNTRY, R_COUNTRY_A, 0, 1 },
	{ "sister_city", FT_NAME, R_NAME_B, 0, 1 },
	{ "sister_city_country", FT_COUNTRY, R_COUNTRY_B, 0, 1 },
	{ "signed_on", FT_DATE, R_FIELD, AG_SIGNED_ON, 0 },
	AGREEMENT_TAIL,
	/* Beyond SPEC's columns, so that export loses nothing. */
	{ "title", FT_LINE, R_FIELD, AG_TITLE, 0 },
	{ "signed_place", FT_LINE, R_FIELD, AG_SIGNED_PLACE, 0 },
	{ "other_parties", FT_PARTIES, R_OTHER_PARTIES, 0, 0 },
};

static const struct colspec partner_cols[] = {
	{ "party", FT_NAME, R_NAME_A, 0, 1 },
	{ "party_country", FT_COUNTRY, R_COUNTRY_A, 0, 1 },
	{ "partner", FT_NAME, R_NAME_B, 0, 1 },
	{ "partner_country", FT_COUNTRY, R_COUNTRY_B, 0, 1 },
	{ "kind", FT_AGKIND, R_FIELD, AG_KIND, 1 },
	{ "title", FT_LINE, R_FIELD, AG_TITLE, 0 },
	{ "signed_on", FT_DATE, R_FIELD, AG_SIGNED_ON, 0 },
	{ "signed_place", FT_LINE, R_FIELD, AG_SIGNED_PLACE, 0 },
	AGREEMENT_TAIL,
	{ "other_parties", FT_PARTIES, R_OTHER_PARTIES, 0, 0 },
};

static const struct colspec member_cols[] = {
	{ "member", FT_NAME, R_NAME_A, 0, 1 },
	{ "member_country", FT_COUNTRY, R_COUNTRY_A, 0, 1 },
	{ "network", FT_NAME, R_NAME_B, 0, 1 },
	{ "network_country", FT_COUNTRY, R_COUNTRY_B, 0, 0 },
	{ "status", FT_MSTATUS, R_FIELD, M_STATUS, 0 },
	{ "since", FT_DATE, R_FIELD, M_SINCE, 0 },
	{ "until", FT_DATE, R_FIELD, M_UNTIL, 0 },
	{ "roles", FT_LIST, R_FIELD, M_ROLES, 0 },
	{ "council_decision_date", FT_DATE, R_FIELD, M_CDD, 0 },
	{ "council_decision_no", FT_LINE, R_FIELD, M_CDN, 0 },
	{ "ministry_approval_date", FT_DATE, R_FIELD, M_MAD, 0 },
	{ "ministry_approval_no", FT_LINE, R_FIELD, M_MAN, 0 },
	{ "source", FT_TEXT, R_FIELD, M_SOURCE, 0 },
	{ "notes", FT_TEXT, R_FIELD, M_NOTES, 0 },
};

static const struct colspec actor_cols[] = {
	{ "name", FT_NAME, R_FIELD, A_NAME, 1 },
	{ "country", FT_COUNTRY, R_FIELD, A_COUNTRY, 1 },
	{ "kind", FT_AKIND, R_FIELD, A_KIND, 0 },
	{ "name_en", FT_LINE, R_FIELD, A_NAME_EN, 0 },
	{ "aliases", FT_LIST, R_ALIASES, 0, 0 },
	{ "parent", FT_NAME, R_PARENT, 0, 0 },
	{ "website", FT_LINE, R_FIELD, A_WEBSITE, 0 },
	{ "source", FT_TEXT, R_FIELD, A_SOURCE, 0 },
	{ "notes", FT_TEXT, R_FIELD, A_NOTES, 0 },
};

static const char *const sister_names[] = { "municipality",
	"municipality_country", "sister_city", "sister_city_country",
	"signed_on", "status", "ended_on", "council_decision_date",
	"council_decision_no", "ministry_approval_date",
	"ministry_approval_no", "topics", "source", "notes", "title",
	"signed_place", "other_parties", NULL };
static const char *const sister_req[] = { "municipality",
	"municipality_country", "sister_city", "sister_city_country", NULL };
static const char *const partner_names[] = { "party", "party_country",
	"partner", "partner_country", "kind", "title", "signed_on",
	"signed_place", "status", "ended_on", "council_decision_date",
	"council_decision_no", "ministry_approval_date",
	"ministry_approval_no", "topics", "source", "notes", "other_parties",
	NULL };
static const char *const partner_req[] = { "party", "party_country",
	"partner", "partner_country", "kind", NULL };
static const char *const member_names[] = { "member", "member_country",
	"network", "network_country", "status", "since", "until", "roles",
	"council_decision_date", "council_decision_no",
	"ministry_approval_date", "ministry_approval_no", "source", "notes",
	NULL };
static const char *const member_req[] = { "member", "member_country",
	"network", NULL };
static const char *const actor_names[] = { "name", "country", "kind",
	"name_en", "aliases", "parent", "website", "source", "notes", NULL };
static const char *const actor_req[] = { "name", "country", NULL };

static const struct kinddef kinds[] = {
	{ TWR_KIND_SISTER_CITIES, "sister-cities", "sister-city",
	  &tab_agreements, sister_cols, ARRAY_SIZE(sister_cols),
	  "sister_city", sister_names, sister_req },
	{ TWR_KIND_PARTNERSHIPS, "partnerships", "partnership",
	  &tab_agreements, partner_cols, ARRAY_SIZE(partner_cols), NULL,
	  partner_names, partner_req },
	{ TWR_KIND_MEMBERSHIPS, "memberships", "membership",
	  &tab_memberships, member_cols, ARRAY_SIZE(member_cols), NULL,
	  member_names, member_req },
	{ TWR_KIND_ACTORS, "actors", "actor", &tab_actors, actor_cols,
	  ARRAY_SIZE(actor_cols), NULL, actor_names, actor_req },
};

const struct kinddef *
kinddef_of(enum twr_kind kind)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (kinds[i].kind == kind)
			return &kinds[i];
	return NULL;
}

const struct kinddef *
kinddef_agreement(const char *agkind)
{
	return kinddef_of(agkind != NULL && strcmp(agkind, "sister_city") ==
	    0 ? TWR_KIND_SISTER_CITIES : TWR_KIND_PARTNERSHIPS);
}

enum twr_kind
twr_kind_parse(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(name, kinds[i].plural) == 0 ||
		    strcmp(name, kinds[i].singular) == 0)
			return kinds[i].kind;
	return TWR_KIND_AUTO;
}

const char *
twr_kind_name(enum twr_kind kind)
{
	const struct kinddef *kd = kinddef_of(kind);

	return kd != NULL ? kd->plural : "auto";
}

const char *const *
twr_kind_columns(enum twr_kind kind, const char *const **required)
{
	const struct kinddef *kd = kinddef_of(kind);

	if (kd == NULL)
		return NULL;
	if (required != NULL)
		*required = kd->required;
	return kd->names;
}

/* Compare column names with '-' and '_' alike. */
static int
colname_eq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

const struct colspec *
colspec_find(const struct kinddef *kd, const char *name)
{
	size_t i;

	for (i = 0; i < kd->ncols; i++)
		if (colname_eq(kd->cols[i].name, name))
			return &kd->cols[i];
	return NULL;
}

void
kind_columns_text(const struct kinddef *kd, struct twr_buf *out)
{
	size_t i;

	for (i = 0; i < kd->ncols; i++) {
		if (i > 0)
			buf_adds(out, i + 1 < kd->ncols ? ", " : " or ");
		buf_adds(out, kd->cols[i].name);
	}
}

/* ---- enumerations ------------------------------------------------- */

struct term {
	const char *value;	/* stored form */
	const char *words;	/* folded spellings, '|'-separated, no spaces */
};

static const struct term ag_kinds[] = {
	{ "sister_city", "sistercity|sistercities|twinning|twincity|"
	  "towntwinning|kardessehir|kardeskent|kardessehirantlasmasi|"
	  "kardessehiranlasmasi|kardessehirprotokolu|kardesbelediye" },
	{ "friendship", "friendship|friendshipagreement|"
	  "friendshipandcooperationagreement|dostluk|dostlukanlasmasi|"
	  "dostlukveisbirligisozlesmesi|dostlukveisbirligianlasmasi|"
	  "dostlukveisbirligiprotokolu" },
	{ "goodwill", "goodwill|goodwillagreement|goodwillprotocol|iyiniyet|"
	  "iyiniyetsozlesmesi|iyiniyetprotokolu|iyiniyetanlasmasi|"
	  "iyiniyetbeyani" },
	{ "memorandum", "memorandum|memorandumofunderstanding|mou|mutabakat|"
	  "mutabakatzapti|mutabakatmuhtirasi" },
	{ "cooperation_protocol", "cooperationprotocol|cooperationagreement|"
	  "isbirligiprotokolu|isbirligianlasmasi|isbirligiantlasmasi|"
	  "isbirligisozlesmesi" },
	{ "supporting_structure", "supportingstructure|"
	  "supportingstructureagreement|destekleyicikurumanlasmasi|"
	  "destekleyicikurum|destekleyiciyapi" },
	{ "partnership", "partnership|partnershipagreement|ortaklik|"
	  "ortaklikanlasmasi" },
	{ NULL, NULL }
};

static const struct term ag_statuses[] = {
	{ "planned", "planned|planlanan|planlandi|planli" },
	{ "active", "active|aktif|etkin|yururlukte|gecerli|faal" },
	{ "dormant", "dormant|pasif|atil|uykuda" },
	{ "ended", "ended|sonaerdi|sonaermis|feshedildi|bitti|ended" },
	{ NULL, NULL }
};

static const struct term m_statuses[] = {
	{ "full", "full|fullmember|tam|tamuye|tamuyelik" },
	{ "associate", "associate|associatemember|istirakci|istirakciuye|"
	  "ortakuye" },
	{ "observer", "observer|observermember|gozlemci|gozlemciuye" },
	{ "member", "member|uye|yerelyonetimstatusundeuye" },
	{ NULL, NULL }
};

static const struct term a_kinds[] = {
	{ "metropolitan", "metropolitan|metropolitanmunicipality|buyuksehir|"
	  "buyuksehirbelediyesi" },
	{ "district", "district|districtmunicipality|ilce|ilcebelediyesi|"
	  "ward" },
	{ "municipality", "municipality|city|town|commune|belediye|sehir|"
	  "kent|belde|beldebelediyesi|village|koy" },
	{ "union", "union|association|unionofmunicipalities|birlik|"
	  "belediyelerbirligi" },
	{ "network", "network|organisation|organization|ag|kurulus|"
	  "teskilat|orgut" },
	{ "public_body", "publicbody|government|kamukurumu|kamukurulusu" },
	{ "region", "region|bolge|ozerkbolge" },
	{ NULL, NULL }
};

/* The stored value TEXT names in TERMS, or NULL. */
static const char *
term_find(const struct term *terms, const char *text)
{
	char *f, *r, *w;
	const char *hit = NULL;
	size_t i, n;

	for (i = 0; terms[i].value != NULL; i++)	/* the usual case */
		if (strcmp(text, terms[i].value) == 0)
			return terms[i].value;
	if ((f = fold_dup(text)) == NULL)
		return NULL;
	for (r = w = f; *r != '\0'; r++)	/* drop the spaces */
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	n = strlen(f);
	for (i = 0; terms[i].value != NULL && hit == NULL; i++) {
		const char *p = terms[i].words;

		while (p != NULL) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);

			if (n > 0 && len == n && memcmp(p, f, n) == 0) {
				hit = terms[i].value;
				break;
			}
			p = bar ? bar + 1 : NULL;
		}
	}
	free(f);
	return hit;
}

static void
term_list(const struct term *terms, struct twr_buf *out)
{
	size_t i;

	for (i = 0; terms[i].value != NULL; i++) {
		if (i > 0)
			buf_adds(out, terms[i + 1].value != NULL ? ", " :
			    " or ");
		buf_adds(out, terms[i].value);
	}
}

static int
has_control(const char *s, int allow_newline)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && !(allow_newline && (c == '\n' ||
		    c == '\t'))) || c == 0x7f)
			return 1;
	}
	return 0;
}

static int
norm_list(const char *raw, struct twr_buf *out, struct twr_buf *msg)
{
	size_t start = out->len, n0 = 0;
	char *copy = xstrdup(raw), *item, *save = NULL;

	if (copy == NULL) {
		buf_adds(msg, "out of memory");
		return -1;
	}
	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save)) {
		const char *p;
		size_t len;
		int dup = 0;

		trim_blanks(item);
		if (*item == '\0')
			continue;
		if (strchr(item, '\n') != NULL) {
			buf_printf(msg, "line break in list item '%s' (expected "
			    "items on one line, separated by ';')", item);
			free(copy);
			return -1;
		}
		/* Skip an item given twice. */
		len = strlen(item);
		for (p = out->p ? out->p + start : NULL; p != NULL && *p;) {
			const char *semi = strchr(p, ';');
			size_t plen = semi ? (size_t)(semi - p) : strlen(p);

			if (plen == len && memcmp(p, item, len) == 0)
				dup = 1;
			p = semi ? semi + 1 : NULL;
		}
		if (dup)
			continue;
		if (n0++ > 0)
			buf_addc(out, ';');
		buf_adds(out, item);
	}
	free(copy);
	return 0;
}

char *
parent_split(const char *text, const char *default_cc, const char **country)
{
	char *copy = xstrdup(text), *name, *cc;
	const struct twr_country *c;
	char *out;

	*country = default_cc;
	if (copy == NULL)
		return NULL;
	if (party_split(copy, &name, &cc) == 0 &&
	    (c = country_find(cc)) != NULL) {
		*country = c->code;
		out = xstrdup(name);
		free(copy);
		return out;
	}
	free(copy);
	return xstrdup(text);
}

int
party_split(char *s, char **name, char **country)
{
	char *open = strrchr(s, '('), *end;

	trim_blanks(s);
	end = s + strlen(s);
	if (open == NULL || end == s || end[-1] != ')')
		return -1;
	end[-1] = '\0';
	*open = '\0';
	*name = trim_blanks(s);
	*country = trim_blanks(open + 1);
	return **name == '\0' || **country == '\0' ? -1 : 0;
}

int
value_norm(enum ftype type, const char *raw, struct twr_buf *out,
    struct twr_buf *msg)
{
	const struct twr_country *c;
	const char *v;
	char date[DATE_MAX];

	switch (type) {
	case FT_TEXT:
		if (has_control(raw, 1)) {
			buf_adds(msg, "control character in text (expected "
			    "printable text)");
			return -1;
		}
		buf_adds(out, raw);
		return 0;
	case FT_LINE:
	case FT_NAME:
		if (has_control(raw, 0)) {
			buf_printf(msg, "%s in %s (expected one line of "
			    "text)", strchr(raw, '\n') ? "line break" :
			    "control character", type == FT_NAME ? "a name" :
			    "a one-line field");
			return -1;
		}
		buf_adds(out, raw);
		return 0;
	case FT_COUNTRY:
		if ((c = country_find(raw)) == NULL) {
			buf_printf(msg, "unknown country '%s' (expected an "
			    "ISO 3166-1 code or an English or Turkish country "
			    "name", raw);
			{
				struct twr_buf s;

				buf_init(&s);
				country_suggest(raw, &s);
				if (s.len > 0)
					buf_printf(msg, "; did you mean %s?",
					    s.p);
				buf_free(&s);
			}
			buf_addc(msg, ')');
			return -1;
		}
		buf_adds(out, c->code);
		return 0;
	case FT_DATE: {
		int no_day;

		if (date_parse(raw, date, &no_day) == -1) {
			if (no_day)
				buf_printf(msg, "no such date '%s' (expected "
				    "a date of the calendar)", raw);
			else
				buf_printf(msg, "bad date '%s' (expected "
				    DATE_FORMS ")", raw);
			return -1;
		}
		buf_adds(out, date);
		return 0;
	}
	case FT_AGKIND:
		if ((v = term_find(ag_kinds, raw)) == NULL) {
			buf_printf(msg, "unknown agreement kind '%s' "
			    "(expected ", raw);
			term_list(ag_kinds, msg);
			buf_adds(msg, ", or a Turkish term such as kardeş "
			    "şehir or iyi niyet protokolü)");
			return -1;
		}
		buf_adds(out, v);
		return 0;
	case FT_AGSTATUS:
	case FT_MSTATUS:
	case FT_AKIND: {
		const struct term *t = type == FT_AGSTATUS ? ag_statuses :
		    type == FT_MSTATUS ? m_statuses : a_kinds;

		if ((v = term_find(t, raw)) == NULL) {
			buf_printf(msg, "unknown %s '%s' (expected ",
			    type == FT_AKIND ? "actor kind" :
			    type == FT_MSTATUS ? "membership status" :
			    "status", raw);
			term_list(t, msg);
			buf_addc(msg, ')');
			return -1;
		}
		buf_adds(out, v);
		return 0;
	}
	case FT_LIST:
		return norm_list(raw, out, msg);
	case FT_PARTIES: {
		char *copy = xstrdup(raw), *item, *save = NULL, *name, *cc;
		size_t n0 = 0;

		if (copy == NULL)
			return -1;
		for (item = strtok_r(copy, ";", &save); item != NULL;
		    item = strtok_r(NULL, ";", &save)) {
			if (*trim_blanks(item) == '\0')
				continue;
			if (party_split(item, &name, &cc) == -1) {
				buf_printf(msg, "bad party '%s' (expected "
				    "Name (CC), several separated by ';')",
				    item);
				free(copy);
				return -1;
			}
			if ((c = country_find(cc)) == NULL) {
				buf_printf(msg, "unknown country '%s' of "
				    "party '%s' (expected an ISO 3166-1 code "
				    "or a country name)", cc, name);
				free(copy);
				return -1;
			}
			if (n0++ > 0)
				buf_addc(out, ';');
			buf_printf(out, "%s (%s)", name, c->code);
		}
		free(copy);
		return 0;
	}
	}
	return -1;
}
