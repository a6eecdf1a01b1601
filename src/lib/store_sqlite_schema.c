/*
 * The SQLite registry's schema, one migration per version.  A new registry runs
 * every migration in order, so the path an old registry takes forward is
 * the path every registry took.  Never edit a migration that has shipped:
 * add the next one.
 */
#include "store_sqlite.h"

static const char v1[] =
    /* Key-value settings: next_id is the next record id, shared by
       actors, agreements and memberships so an id names one record. */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "INSERT INTO meta VALUES('next_id', 1);"

    /* One row a change to the registry (an import, add, update...). */
    "CREATE TABLE changes("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"			/* UTC, ISO 8601 */
    "  by TEXT NOT NULL,"
    "  command TEXT NOT NULL,"		/* import, add, update, end... */
    "  args TEXT,"			/* the command line */
    "  reason TEXT);"

    /* One row an import call. */
    "CREATE TABLE batches("
    "  id INTEGER PRIMARY KEY,"
    "  change_id INTEGER NOT NULL REFERENCES changes(id),"
    "  files TEXT NOT NULL,"
    "  rows INTEGER NOT NULL,"
    "  checksum TEXT NOT NULL,"		/* SHA-256 of the files' bytes */
    "  undone_by INTEGER REFERENCES changes(id));"

    "CREATE TABLE actors("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL CHECK(name <> ''),"
    "  name_key TEXT NOT NULL,"		/* folded name */
    "  country TEXT,"			/* ISO 3166-1 alpha-2, XK, XN */
    /* OR chains, not IN lists: SQLite builds a table for every IN
       check of every row, which costs more than the insert itself. */
    "  kind TEXT CHECK(kind = 'metropolitan' OR kind = 'district'"
    "    OR kind = 'municipality' OR kind = 'union' OR kind = 'network'"
    "    OR kind = 'public_body' OR kind = 'region'),"	/* NULL: unknown */
    "  name_en TEXT,"
    "  name_en_key TEXT,"			/* folded name_en */
    "  parent_id INTEGER REFERENCES actors(id),"
    "  website TEXT,"
    "  source TEXT,"
    "  notes TEXT,"
    "  batch_id INTEGER,"			/* the import that added it */
    "  CHECK(parent_id IS NULL OR parent_id <> id));"
    "CREATE UNIQUE INDEX actors_ident ON actors(name_key,"
    "  coalesce(country, ''));"
    "CREATE INDEX actors_country ON actors(country);"
    "CREATE INDEX actors_en ON actors(name_en_key);"
    "CREATE INDEX actors_parent ON actors(parent_id);"

    /* Other spellings of an actor's name. */
    "CREATE TABLE aliases("
    "  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,"
    "  alias TEXT NOT NULL CHECK(alias <> ''),"
    "  alias_key TEXT NOT NULL,"
    "  PRIMARY KEY(actor_id, alias)) WITHOUT ROWID;"
    "CREATE INDEX aliases_key ON aliases(alias_key);"

    "CREATE TABLE agreements("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK(kind = 'sister_city'"
    "    OR kind = 'friendship' OR kind = 'goodwill'"
    "    OR kind = 'memorandum' OR kind = 'cooperation_protocol'"
    "    OR kind = 'supporting_structure' OR kind = 'partnership'),"
    "  party_id INTEGER NOT NULL REFERENCES actors(id),"
    "  partner_id INTEGER NOT NULL REFERENCES actors(id),"
    "  title TEXT,"
    "  signed_on TEXT,"
    "  signed_place TEXT,"
    "  status TEXT NOT NULL DEFAULT 'active' CHECK(status = 'planned'"
    "    OR status = 'active' OR status = 'dormant' OR status = 'ended'),"
    "  ended_on TEXT,"
    "  council_decision_date TEXT,"
    "  council_decision_no TEXT,"
    "  ministry_approval_date TEXT,"
    "  ministry_approval_no TEXT,"
    "  topics TEXT,"
    "  source TEXT,"
    "  notes TEXT,"
    "  batch_id INTEGER,"			/* the import that added it */
    "  CHECK(party_id <> partner_id));"
    /* Identity: the two parties in either order, kind, date. */
    "CREATE UNIQUE INDEX agreements_ident ON agreements("
    "  min(party_id, partner_id), max(party_id, partner_id), kind,"
    "  coalesce(signed_on, ''));"
    /* With the identity index (its first column is the smaller party),
       this finds an actor's agreements either way round. */
    "CREATE INDEX agreements_hi ON agreements(max(party_id, partner_id));"
    /* Kinds and dates, covering what date filters and reports read, so
       that they never touch the table's rows.  Kind comes first: a
       report groups by it in index order, and a span of dates is one
       range a kind. */
    "CREATE INDEX agreements_dates ON agreements(kind, signed_on, status,"
    "  ended_on, party_id, partner_id);"
    /* The few agreements that are planned or have ended: what a count of
       ties in force subtracts from a count of ties signed. */
    "CREATE INDEX agreements_exceptions ON agreements(kind, signed_on,"
    "  status, ended_on) WHERE status = 'planned' OR status = 'ended'"
    "  OR ended_on IS NOT NULL;"

    /* The third and further parties of a multilateral agreement. */
    "CREATE TABLE agreement_parties("
    "  agreement_id INTEGER NOT NULL REFERENCES agreements(id)"
    "    ON DELETE CASCADE,"
    "  actor_id INTEGER NOT NULL REFERENCES actors(id),"
    "  PRIMARY KEY(agreement_id, actor_id)) WITHOUT ROWID;"
    "CREATE INDEX agreement_parties_actor ON agreement_parties(actor_id);"

    "CREATE TABLE memberships("
    "  id INTEGER PRIMARY KEY,"
    "  member_id INTEGER NOT NULL REFERENCES actors(id),"
    "  network_id INTEGER NOT NULL REFERENCES actors(id),"
    "  status TEXT NOT NULL DEFAULT 'member' CHECK(status = 'full'"
    "    OR status = 'associate' OR status = 'observer'"
    "    OR status = 'member'),"
    "  since TEXT,"
    "  until TEXT,"
    "  roles TEXT,"
    "  council_decision_date TEXT,"
    "  council_decision_no TEXT,"
    "  ministry_approval_date TEXT,"
    "  ministry_approval_no TEXT,"
    "  source TEXT,"
    "  notes TEXT,"
    "  batch_id INTEGER,"			/* the import that added it */
    "  CHECK(member_id <> network_id));"
    "CREATE UNIQUE INDEX memberships_ident ON memberships(member_id,"
    "  network_id, coalesce(since, ''));"
    "CREATE INDEX memberships_network ON memberships(network_id);"

    /* What each change did to each record, field by field.  Records an
       import adds carry its batch_id instead of a row a field. */
    "CREATE TABLE history("
    "  change_id INTEGER NOT NULL REFERENCES changes(id),"
    "  record_id INTEGER NOT NULL,"
    "  action TEXT NOT NULL,"		/* add, update, end, delete */
    "  field TEXT,"
    "  old TEXT,"
    "  new TEXT);"
    "CREATE INDEX history_record ON history(record_id, change_id);"
    "CREATE INDEX history_change ON history(change_id);";

static const char v2[] =
    /* Full-text search over folded names and texts.  The rowid is the
       record id times 16 plus the field number (search.c). */
    "CREATE VIRTUAL TABLE search USING fts5(text,"
    "  tokenize = 'unicode61 remove_diacritics 0', detail = 'none');";

static const char v3[] =
    /* A field that names an actor (party, partner, member, network,
       parent) keeps the actors' ids beside their labels: the labels are
       what people read, the ids what undo-import puts back. */
    "ALTER TABLE history ADD COLUMN old_ref INTEGER;"
    "ALTER TABLE history ADD COLUMN new_ref INTEGER;";

static const char v4[] =
    /* What an actor did abroad or with foreign partners; TIE_ID is the
       agreement or membership it belongs to, if any (ids name one
       record across tables, so one column serves both). */
    "CREATE TABLE activities("
    "  id INTEGER PRIMARY KEY,"
    "  actor_id INTEGER NOT NULL REFERENCES actors(id),"
    "  type TEXT NOT NULL CHECK(type = 'visit' OR type = 'hosting'"
    "    OR type = 'meeting' OR type = 'event' OR type = 'festival'"
    "    OR type = 'exhibition' OR type = 'training' OR type = 'project'"
    "    OR type = 'exchange' OR type = 'aid' OR type = 'study_visit'"
    "    OR type = 'award' OR type = 'other'),"
    "  title TEXT NOT NULL CHECK(title <> ''),"
    "  date TEXT,"
    "  until TEXT,"
    "  place TEXT,"
    "  place_country TEXT,"
    "  tie_id INTEGER,"
    "  programme TEXT,"
    "  participants INTEGER,"
    "  source TEXT,"
    "  notes TEXT,"
    "  batch_id INTEGER);"
    /* Identity: actor, type, title and date. */
    "CREATE UNIQUE INDEX activities_ident ON activities(actor_id, type,"
    "  title, coalesce(date, ''));"
    /* A tie's activities, newest first; its last one. */
    "CREATE INDEX activities_tie ON activities(tie_id, date);"
    /* Activities of a span of dates (reports, dormancy). */
    "CREATE INDEX activities_date ON activities(date, tie_id);"
    /* Other actors an activity involved. */
    "CREATE TABLE activity_partners("
    "  activity_id INTEGER NOT NULL REFERENCES activities(id)"
    "    ON DELETE CASCADE,"
    "  actor_id INTEGER NOT NULL REFERENCES actors(id),"
    "  PRIMARY KEY(activity_id, actor_id)) WITHOUT ROWID;"
    "CREATE INDEX activity_partners_actor ON activity_partners(actor_id);";

static const char v5[] =
    /* An actor's agreements as party and as partner, by date: what
       `show` of an actor reads (party_id = ? OR partner_id = ?, which
       agreements_ident and agreements_hi, on the smaller and the larger
       party, cannot serve: it read every agreement).  The new partner
       countries of report yearly read agreements_partner whole, each
       partner's first date in order, in place of the table.
       list --country --year stays on agreements_dates: a country's
       actors are a few hundred, two searches each cost more than the
       covering entries of a year.  agreements_dates stays as it is:
       the reports over every tie (timeline, countries, the counts in
       force and dormant of report yearly) read it whole in place of
       the table, and need every column it has. */
    "CREATE INDEX agreements_party ON agreements(party_id, signed_on);"
    "CREATE INDEX agreements_partner ON agreements(partner_id, signed_on);";

static const char v6[] =
    /* An actor's activities with every column their listing and report
       read (list activities --municipality, report activities
       --municipality): one run of index pages in place of a table
       page an activity, scattered as the activities were added (an
       actor with 1,200 activities: 293 pages read, now 20). */
    "CREATE INDEX activities_actor ON activities(actor_id, date, type,"
    "  tie_id, place_country, place, title);";

/*
 * The counts the reports over every tie read (report countries,
 * timeline, yearly, municipalities), kept by triggers as ties are
 * added, changed and deleted, so that a report reads a few hundred rows
 * in place of every tie.  A tie counts once in tie_counts, by kind
 * ('membership' for a membership), the country of its partner (of the
 * network; '' for none) and the year it was signed (began; 0 for
 * none), and once in party_counts, by its party (member) and kind.  A
 * count may fall to 0 and stay: readers skip it.
 */
#define TC_YEAR(d) "coalesce(CAST(substr(" d ", 1, 4) AS INTEGER), 0)"
#define TC_COUNT(kind, other, d, party, n) \
	"INSERT INTO tie_counts VALUES(" kind ", coalesce((SELECT country" \
	" FROM actors WHERE id = " other "), ''), " TC_YEAR(d) ", " n ")" \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;" \
	"INSERT INTO party_counts VALUES(" party ", " kind ", " n ")" \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;"
#define TC_AGREEMENT(r, n) \
	TC_COUNT(r ".kind", r ".partner_id", r ".signed_on", r ".party_id", n)
#define TC_MEMBERSHIP(r, n) \
	TC_COUNT("'membership'", r ".network_id", r ".since", r ".member_id", n)
#define TC_AG_INS "CREATE TRIGGER agreements_counted AFTER INSERT ON" \
	" agreements BEGIN " TC_AGREEMENT("new", "1") " END"
#define TC_AG_DEL "CREATE TRIGGER agreements_uncounted AFTER DELETE ON" \
	" agreements BEGIN " TC_AGREEMENT("old", "-1") " END"
#define TC_AG_UPD "CREATE TRIGGER agreements_recounted AFTER UPDATE OF" \
	" kind, party_id, partner_id, signed_on ON agreements BEGIN " \
	TC_AGREEMENT("old", "-1") TC_AGREEMENT("new", "1") " END"
#define TC_M_INS "CREATE TRIGGER memberships_counted AFTER INSERT ON" \
	" memberships BEGIN " TC_MEMBERSHIP("new", "1") " END"
#define TC_M_DEL "CREATE TRIGGER memberships_uncounted AFTER DELETE ON" \
	" memberships BEGIN " TC_MEMBERSHIP("old", "-1") " END"
#define TC_M_UPD "CREATE TRIGGER memberships_recounted AFTER UPDATE OF" \
	" member_id, network_id, since ON memberships BEGIN " \
	TC_MEMBERSHIP("old", "-1") TC_MEMBERSHIP("new", "1") " END"
/* An actor's new country moves its ties as partner (network). */
#define TC_MOVE(c, sign) \
	"INSERT INTO tie_counts SELECT g.kind, coalesce(" c ", ''), " \
	TC_YEAR("g.signed_on") ", " sign "count(*) FROM agreements g WHERE" \
	" g.partner_id = new.id GROUP BY 1, 3 ON CONFLICT DO UPDATE SET" \
	" n = n + excluded.n;" \
	"INSERT INTO tie_counts SELECT 'membership', coalesce(" c ", ''), " \
	TC_YEAR("g.since") ", " sign "count(*) FROM memberships g WHERE" \
	" g.network_id = new.id GROUP BY 3 ON CONFLICT DO UPDATE SET" \
	" n = n + excluded.n;"
#define TC_ACTOR "CREATE TRIGGER actors_recounted AFTER UPDATE OF country" \
	" ON actors WHEN old.country IS NOT new.country BEGIN " \
	TC_MOVE("old.country", "-") TC_MOVE("new.country", "") " END"

static const char v7[] =
    "CREATE TABLE tie_counts(kind TEXT NOT NULL, country TEXT NOT NULL,"
    "  year INTEGER NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY(kind, country, year)) WITHOUT ROWID;"
    "CREATE TABLE party_counts(actor_id INTEGER NOT NULL,"
    "  kind TEXT NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY(actor_id, kind)) WITHOUT ROWID;";
static const char *const v7_then[] = { TC_AG_INS, TC_AG_DEL, TC_AG_UPD,
    TC_M_INS, TC_M_DEL, TC_M_UPD, TC_ACTOR, NULL };

const struct sq_migration sq_migrations[] = {
	{ 1, v1, 0 },
	{ 2, v2, SQ_REINDEX },
	{ 3, v3, 0 },
	/* Activities; actors' notes join the search index. */
	{ 4, v4, SQ_REINDEX },
	/* Agreements by party and by partner. */
	{ 5, v5, 0 },
	/* Activities by actor, covering. */
	{ 6, v6, 0 },
	/* The counts of the reports over every tie (recounted). */
	{ 7, v7, SQ_RECOUNT, v7_then },
};

const size_t sq_nmigrations = ARRAY_SIZE(sq_migrations);

/*
 * Every table and index of the current schema (the last
 * migration's), as sqlite_schema names them, in the order the
 * migrations make them: what opening a registry checks it against.  An
 * index carries its SQL as sqlite_schema keeps it, to tell
 * a changed one and to make it again; a table is checked by name only
 * (one that is missing cannot be made again with its records).  The
 * FTS5 index's own tables are listed too.  tests/unit/t_schema.c checks
 * that this is what the migrations make: a new migration changes both.
 */
const struct sq_object sq_objects[] = {
	{ "table", "meta", NULL },
	{ "table", "changes", NULL },
	{ "table", "batches", NULL },
	{ "table", "actors", NULL },
	{ "index", "actors_ident",
	    "CREATE UNIQUE INDEX actors_ident ON actors(name_key, "
	    " coalesce(country, ''))" },
	{ "index", "actors_country",
	    "CREATE INDEX actors_country ON actors(country)" },
	{ "index", "actors_en",
	    "CREATE INDEX actors_en ON actors(name_en_key)" },
	{ "index", "actors_parent",
	    "CREATE INDEX actors_parent ON actors(parent_id)" },
	{ "table", "aliases", NULL },
	{ "index", "aliases_key",
	    "CREATE INDEX aliases_key ON aliases(alias_key)" },
	{ "table", "agreements", NULL },
	{ "index", "agreements_ident",
	    "CREATE UNIQUE INDEX agreements_ident ON agreements( "
	    " min(party_id, partner_id), max(party_id, partner_id),"
	    " kind,  coalesce(signed_on, ''))" },
	{ "index", "agreements_hi",
	    "CREATE INDEX agreements_hi ON agreements(max(party_id,"
	    " partner_id))" },
	{ "index", "agreements_dates",
	    "CREATE INDEX agreements_dates ON agreements(kind,"
	    " signed_on, status,  ended_on, party_id, partner_id)" },
	{ "index", "agreements_exceptions",
	    "CREATE INDEX agreements_exceptions ON agreements(kind,"
	    " signed_on,  status, ended_on) WHERE status = 'planned'"
	    " OR status = 'ended'  OR ended_on IS NOT NULL" },
	{ "table", "agreement_parties", NULL },
	{ "index", "agreement_parties_actor",
	    "CREATE INDEX agreement_parties_actor ON"
	    " agreement_parties(actor_id)" },
	{ "table", "memberships", NULL },
	{ "index", "memberships_ident",
	    "CREATE UNIQUE INDEX memberships_ident ON"
	    " memberships(member_id,  network_id, coalesce(since, ''))" },
	{ "index", "memberships_network",
	    "CREATE INDEX memberships_network ON"
	    " memberships(network_id)" },
	{ "table", "history", NULL },
	{ "index", "history_record",
	    "CREATE INDEX history_record ON history(record_id,"
	    " change_id)" },
	{ "index", "history_change",
	    "CREATE INDEX history_change ON history(change_id)" },
	{ "table", "search", NULL },
	{ "table", "search_data", NULL },
	{ "table", "search_idx", NULL },
	{ "table", "search_content", NULL },
	{ "table", "search_docsize", NULL },
	{ "table", "search_config", NULL },
	{ "table", "activities", NULL },
	{ "index", "activities_ident",
	    "CREATE UNIQUE INDEX activities_ident ON"
	    " activities(actor_id, type,  title, coalesce(date, ''))" },
	{ "index", "activities_tie",
	    "CREATE INDEX activities_tie ON activities(tie_id, date)" },
	{ "index", "activities_date",
	    "CREATE INDEX activities_date ON activities(date, tie_id)" },
	{ "table", "activity_partners", NULL },
	{ "index", "activity_partners_actor",
	    "CREATE INDEX activity_partners_actor ON"
	    " activity_partners(actor_id)" },
	{ "index", "agreements_party",
	    "CREATE INDEX agreements_party ON agreements(party_id,"
	    " signed_on)" },
	{ "index", "agreements_partner",
	    "CREATE INDEX agreements_partner ON agreements(partner_id,"
	    " signed_on)" },
	{ "index", "activities_actor",
	    "CREATE INDEX activities_actor ON activities(actor_id, date,"
	    " type,  tie_id, place_country, place, title)" },
	{ "table", "tie_counts", NULL },
	{ "table", "party_counts", NULL },
	{ "trigger", "agreements_counted", TC_AG_INS },
	{ "trigger", "agreements_uncounted", TC_AG_DEL },
	{ "trigger", "agreements_recounted", TC_AG_UPD },
	{ "trigger", "memberships_counted", TC_M_INS },
	{ "trigger", "memberships_uncounted", TC_M_DEL },
	{ "trigger", "memberships_recounted", TC_M_UPD },
	{ "trigger", "actors_recounted", TC_ACTOR },
};

const size_t sq_nobjects = ARRAY_SIZE(sq_objects);
