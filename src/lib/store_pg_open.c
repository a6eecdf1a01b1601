/*
 * The PostgreSQL store: its schema, opening a registry, and bulk
 * loading.  The schema starts at the SQLite registry's version 6, with
 * the same tables, columns and indexes; every text is compared byte by
 * byte (COLLATE "C"), as SQLite compares it, whatever the database's
 * own collation.  Later versions are numbered on their own (7 is the
 * server's alone) and their migrations run forward as SQLite's do, by
 * the owner (pg_migrations).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

#define T "text COLLATE \"C\""
#define ID "bigint PRIMARY KEY"
#define REF(t) "bigint REFERENCES " t "(id)"

/* The few agreements that are planned or have ended: what a count of
 * ties in force subtracts from a count of ties signed (as SQLite's). */
#define EXCEPTIONS_INDEX "agreements_exceptions ON agreements(kind, " \
    "signed_on, status, ended_on) WHERE status = 'planned' OR status = " \
    "'ended' OR ended_on IS NOT NULL;"
#define EXCEPTIONS_SQL "CREATE INDEX " EXCEPTIONS_INDEX

/*
 * What an office may write besides its ties (version 10).  The actors
 * it adds are its own to change, name otherwise, index and delete
 * while no other office's tie or activity names them (made_actors,
 * which it writes only of an actor of its transaction, fresh_actors,
 * written by a trigger as the owner); another actor's names, search
 * terms and history only if it may change its ties.  An actor it adds
 * or moves is a part only of one it may change, of its own country.
 * A record's id is no other record's, one the register could give
 * soon (below the next id and a hundred million), and stays; should a
 * record take one the register has yet to give, the register gives
 * those past it (SQL_NEXT_ID).  The next id only grows, by at most a
 * billion a change; a change's and a batch's id, and a change's time,
 * are the server's, as its author is (a copy by the owner keeps those
 * it gives).  No one but the owner runs the functions that run as the
 * owner (a trigger of one's own temporary table could).  Each
 * statement may run again: a migration finds what a register made by
 * hand has.
 */
/* The highest id an office's change may reach: its search slots (id *
   16 + 15) stay within a bigint. */
#define ID_MAX "100000000000000000"
#define ALIASES_GUARD "twr_may(actor_id) OR twr_made(actor_id)"
#define ID_GUARD(t) "twr_id_free(id, '" t "') AND twr_id_near(id)"
#define AGREEMENTS_GUARD "(twr_may(party_id) OR twr_may(partner_id)) " \
	"AND " ID_GUARD("agreements")
#define MEMBERSHIPS_GUARD "(twr_may(member_id) OR twr_may(network_id)) " \
	"AND " ID_GUARD("memberships")
#define ACTIVITIES_GUARD "twr_may(actor_id) AND (tie_id IS NULL OR " \
	"twr_may_record(tie_id)) AND " ID_GUARD("activities")
#define ACTORS_GUARD ID_GUARD("actors")
/* Search terms are added only of a record there is, and taken away
   also of one gone. */
#define SLOT_GUARD "twr_may_id(slot / 16)"
#define SLOT_ADD_GUARD "twr_is_record(slot / 16) AND twr_may_id(slot / 16)"
/* A row of a change the role made (history, batches). */
#define OWN_CHANGE "EXISTS (SELECT 1 FROM changes c WHERE c.id = " \
	"change_id AND c.by = current_user)"
#define HISTORY_GUARD OWN_CHANGE " AND twr_is_record(record_id) AND " \
	"twr_may_id(record_id)"
#define KEEPS_GIVEN "coalesce(current_setting('twinreg.copy', true), " \
	"'') = 'on' AND twr_owner()"
/* The trigger function FN that gives a row of TABLE the next id. */
#define NEXT_ID_FN(fn, table) \
    "CREATE OR REPLACE FUNCTION " fn "() RETURNS trigger LANGUAGE" \
    "  plpgsql AS $$BEGIN IF NEW.id IS NULL OR NOT (" KEEPS_GIVEN ")" \
    "  THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM " table ");" \
    "  END IF; RETURN NEW; END$$;"
#define NEXT_CHANGE_FN NEXT_ID_FN("twr_next_change", "changes")
#define NEXT_BATCH_FN NEXT_ID_FN("twr_next_batch", "batches")
#define BY_FN \
    "CREATE OR REPLACE FUNCTION twr_by() RETURNS trigger LANGUAGE plpgsql" \
    "  AS $$BEGIN IF NOT (" KEEPS_GIVEN ") THEN NEW.by := current_user;" \
    "  NEW.at := to_char(now() AT TIME ZONE 'UTC'," \
    "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'); END IF; RETURN NEW; END$$;"
/* The check of the old row of what an office changes or deletes, and
 * that no office changes an id.  It moves only an actor granted to it,
 * from a parent it may change to another (none is the owner's to give)
 * of the actor's country, in no loop: a district's office cannot take
 * its ties from the metropolitan's, nor claim a city abroad, and what
 * an office moves stays its own. */
#define OFFICE_CHECK_FN \
    "CREATE OR REPLACE FUNCTION twr_office_check() RETURNS trigger" \
    "  LANGUAGE plpgsql AS $$DECLARE ok boolean; BEGIN" \
    "  IF TG_OP = 'UPDATE' AND twr_bare(to_jsonb(NEW)) =" \
    "    twr_bare(to_jsonb(OLD)) AND NOT EXISTS (SELECT 1 FROM" \
    "    jsonb_each(to_jsonb(OLD)) o JOIN jsonb_each(to_jsonb(NEW)) n" \
    "    USING (key) WHERE o.value <> 'null' AND o.value <> n.value)" \
    "    THEN RETURN NEW; END IF;" \
    "  IF TG_TABLE_NAME = 'agreements' THEN" \
    "    ok := twr_may(OLD.party_id) OR twr_may(OLD.partner_id);" \
    "  ELSIF TG_TABLE_NAME = 'memberships' THEN" \
    "    ok := twr_may(OLD.member_id) OR twr_may(OLD.network_id);" \
    "  ELSIF TG_TABLE_NAME = 'activities' THEN" \
    "    ok := twr_may(OLD.actor_id);" \
    "  ELSIF TG_TABLE_NAME = 'actors' THEN" \
    "    ok := (twr_may(OLD.id) OR twr_made(OLD.id)) AND (TG_OP =" \
    "    'DELETE' OR NOT NEW.parent_id IS DISTINCT FROM OLD.parent_id OR" \
    "    (twr_may(OLD.id) AND (OLD.parent_id IS NULL OR" \
    "    twr_may(OLD.parent_id)) AND" \
    "    ((NEW.parent_id IS NULL AND twr_owner()) OR twr_may(" \
    "    NEW.parent_id)) AND NOT twr_in_line(NEW.parent_id, OLD.id)))" \
    "    AND (TG_OP = 'DELETE' OR twr_owner() OR (NOT NEW.parent_id IS" \
    "    DISTINCT FROM OLD.parent_id AND NOT NEW.country IS DISTINCT FROM" \
    "    OLD.country) OR twr_part_ok(NEW.parent_id, NEW.country));" \
    "  ELSIF TG_TABLE_NAME = 'aliases' THEN" \
    "    ok := twr_may(OLD.actor_id) OR twr_made(OLD.actor_id);" \
    "  ELSIF TG_TABLE_NAME = 'agreement_parties' THEN" \
    "    ok := twr_may_record(OLD.agreement_id);" \
    "  ELSE ok := twr_may_record(OLD.activity_id); END IF;" \
    "  IF TG_OP = 'UPDATE' AND to_jsonb(NEW)->'id' IS DISTINCT FROM" \
    "    to_jsonb(OLD)->'id' AND NOT twr_owner() THEN ok := false;" \
    "  END IF;" \
    "  IF NOT ok THEN RAISE EXCEPTION 'role % may not change % %'," \
    "    current_user, TG_TABLE_NAME, to_jsonb(OLD)->'id'" \
    "    USING ERRCODE = 'insufficient_privilege'; END IF;" \
    "  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END$$;"
/* Write access for an office's role; taken back with its last office. */
#define OFFICE_ACCESS_FN \
    "CREATE OR REPLACE FUNCTION twr_office_access(r text, yes boolean)" \
    "  RETURNS void LANGUAGE plpgsql AS $$BEGIN IF yes THEN EXECUTE" \
    "  format('GRANT INSERT, UPDATE, DELETE ON actors, aliases," \
    "  agreements, agreement_parties, memberships, activities," \
    "  activity_partners TO %I; GRANT INSERT, DELETE ON search_docs," \
    "  search_terms TO %I; GRANT INSERT ON changes, history, made_actors" \
    "  TO %I; GRANT INSERT, UPDATE ON batches TO %I; GRANT UPDATE ON meta" \
    "  TO %I; GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', r, r, r," \
    "  r, r, current_schema(), r);" \
    "  ELSE EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON ALL TABLES" \
    "  IN SCHEMA %I FROM %I; REVOKE USAGE ON ALL SEQUENCES IN SCHEMA %I" \
    "  FROM %I', current_schema(), r, current_schema(), r); END IF;" \
    "  END$$;"
#define OFFICE_10_SQL \
    "CREATE TABLE IF NOT EXISTS fresh_actors(xact xid8 NOT NULL, id" \
    "  bigint NOT NULL);" \
    "GRANT SELECT ON fresh_actors TO PUBLIC;" \
    "CREATE OR REPLACE FUNCTION twr_actors_added() RETURNS trigger" \
    "  SECURITY DEFINER LANGUAGE plpgsql AS $$BEGIN DELETE FROM" \
    "  fresh_actors WHERE xact <> pg_current_xact_id(); INSERT INTO" \
    "  fresh_actors SELECT pg_current_xact_id(), id FROM n; RETURN NULL;" \
    "  END$$;" \
    /* (The owner's role is asked here: the function runs as the owner.) */ \
    "CREATE OR REPLACE TRIGGER actors_added AFTER INSERT ON actors" \
    "  REFERENCING NEW TABLE AS n FOR EACH STATEMENT WHEN (NOT" \
    "  twr_owner()) EXECUTE FUNCTION twr_actors_added();" \
    "CREATE OR REPLACE FUNCTION twr_fresh(a bigint) RETURNS boolean" \
    "  LANGUAGE sql STABLE AS $$SELECT EXISTS (SELECT 1 FROM fresh_actors" \
    "  WHERE xact = pg_current_xact_id() AND id = a)$$;" \
    "CREATE TABLE IF NOT EXISTS made_actors(id bigint PRIMARY KEY" \
    "  REFERENCES actors(id) ON DELETE CASCADE, role " T " NOT NULL);" \
    "GRANT SELECT ON made_actors TO PUBLIC;" \
    "ALTER TABLE made_actors ENABLE ROW LEVEL SECURITY;" \
    "DROP POLICY IF EXISTS reads ON made_actors;" \
    "CREATE POLICY reads ON made_actors FOR SELECT USING (true);" \
    "DROP POLICY IF EXISTS adds ON made_actors;" \
    "CREATE POLICY adds ON made_actors FOR INSERT WITH CHECK (role =" \
    "  current_user AND twr_fresh(id));" \
    "CREATE OR REPLACE FUNCTION twr_actors_made() RETURNS trigger" \
    "  LANGUAGE plpgsql AS $$BEGIN INSERT INTO made_actors SELECT id," \
    "  current_user FROM n; RETURN NULL; END$$;" \
    "CREATE OR REPLACE TRIGGER actors_made AFTER INSERT ON actors" \
    "  REFERENCING NEW TABLE AS n FOR EACH STATEMENT WHEN (NOT" \
    "  twr_owner()) EXECUTE FUNCTION twr_actors_made();" \
    /* ... while no tie or activity it may not change names it. */ \
    "CREATE OR REPLACE FUNCTION twr_made(a bigint) RETURNS boolean" \
    "  LANGUAGE sql STABLE AS $$SELECT EXISTS (SELECT 1 FROM made_actors" \
    "  WHERE id = a AND role = current_user) AND NOT EXISTS (SELECT 1" \
    "  FROM agreements g WHERE (g.party_id = a OR g.partner_id = a) AND" \
    "  NOT (twr_may(g.party_id) OR twr_may(g.partner_id))) AND NOT" \
    "  EXISTS (SELECT 1 FROM memberships m WHERE (m.member_id = a OR" \
    "  m.network_id = a) AND NOT (twr_may(m.member_id) OR" \
    "  twr_may(m.network_id))) AND NOT EXISTS (SELECT 1 FROM activities" \
    "  v WHERE v.actor_id = a) AND NOT EXISTS (SELECT 1 FROM" \
    "  activity_partners p JOIN activities v ON v.id = p.activity_id" \
    "  WHERE p.actor_id = a AND NOT twr_may(v.actor_id)) AND NOT EXISTS" \
    "  (SELECT 1 FROM agreement_parties p JOIN agreements g ON g.id =" \
    "  p.agreement_id WHERE p.actor_id = a AND NOT (twr_may(g.party_id)" \
    "  OR twr_may(g.partner_id)))$$;" \
    "CREATE OR REPLACE FUNCTION twr_may_id(r bigint) RETURNS boolean" \
    "  LANGUAGE sql STABLE AS $$SELECT CASE WHEN EXISTS (SELECT 1 FROM" \
    "  actors WHERE id = r) THEN twr_may(r) OR twr_made(r) ELSE" \
    "  twr_may_record(r) END$$;" \
    "CREATE OR REPLACE FUNCTION twr_meta_check() RETURNS trigger" \
    "  LANGUAGE plpgsql AS $$BEGIN IF NOT twr_owner() AND (TG_OP =" \
    "  'DELETE' OR NEW.key <> OLD.key OR NEW.value IS NULL OR OLD.value" \
    "  IS NULL OR NEW.value < OLD.value OR NEW.value > OLD.value +" \
    "  1000000000 OR NEW.value > " ID_MAX ") THEN RAISE EXCEPTION" \
    "  'role % may not change meta %'," \
    "  current_user, OLD.key USING ERRCODE = 'insufficient_privilege';" \
    "  END IF; IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;" \
    "  END$$;" \
    "CREATE OR REPLACE TRIGGER meta_office BEFORE UPDATE OR DELETE ON" \
    "  meta FOR EACH ROW EXECUTE FUNCTION twr_meta_check();"
#define OFFICE_10_IDS_SQL \
    "CREATE OR REPLACE FUNCTION twr_id_free(r bigint, t text) RETURNS" \
    "  boolean LANGUAGE sql STABLE AS $$SELECT NOT ((t <> 'actors' AND" \
    "  EXISTS (SELECT 1 FROM actors WHERE id = r)) OR (t <> 'agreements'" \
    "  AND EXISTS (SELECT 1 FROM agreements WHERE id = r)) OR (t <>" \
    "  'memberships' AND EXISTS (SELECT 1 FROM memberships WHERE id = r))" \
    "  OR (t <> 'activities' AND EXISTS (SELECT 1 FROM activities WHERE" \
    "  id = r)))$$;" \
    /* ... and one the register could give soon: well within the step \
       the next id may take (so the ids given past it stay in it), and \
       not past an id * 16. */ \
    "CREATE OR REPLACE FUNCTION twr_id_near(r bigint) RETURNS boolean" \
    "  LANGUAGE sql STABLE AS $$SELECT r > 0 AND r < " ID_MAX " AND r <" \
    "  (SELECT value FROM meta WHERE key = 'next_id') + 100000000$$;" \
    "CREATE OR REPLACE FUNCTION twr_is_record(r bigint) RETURNS boolean" \
    "  LANGUAGE sql STABLE AS $$SELECT NOT twr_id_free(r, '')$$;" \
    "CREATE OR REPLACE FUNCTION twr_part_ok(p bigint, cc text) RETURNS" \
    "  boolean LANGUAGE sql STABLE AS $$SELECT p IS NULL OR EXISTS" \
    "  (SELECT 1 FROM actors WHERE id = p AND country IS NOT DISTINCT" \
    "  FROM cc)$$;" \
    /* Is B actor A or one A is a part of? */ \
    "CREATE OR REPLACE FUNCTION twr_in_line(a bigint, b bigint) RETURNS" \
    "  boolean LANGUAGE sql STABLE AS $$WITH RECURSIVE up(id, n) AS" \
    "  (SELECT a, 0 UNION ALL SELECT p.parent_id, up.n + 1 FROM actors p" \
    "  JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL AND up.n <" \
    "  100) SELECT EXISTS (SELECT 1 FROM up WHERE id = b)$$;" \
    "CREATE OR REPLACE FUNCTION twr_keep_id() RETURNS trigger LANGUAGE" \
    "  plpgsql AS $$BEGIN RAISE EXCEPTION 'role % may not change % %'," \
    "  current_user, TG_TABLE_NAME, OLD.id USING ERRCODE =" \
    "  'insufficient_privilege'; END$$;" \
    "CREATE OR REPLACE TRIGGER batches_id_kept BEFORE UPDATE OF id ON" \
    "  batches FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id AND NOT" \
    "  twr_owner()) EXECUTE FUNCTION twr_keep_id();" \
    "ALTER TABLE search_docs DROP CONSTRAINT IF EXISTS search_docs_ntok;" \
    "ALTER TABLE search_docs ADD CONSTRAINT search_docs_ntok CHECK (ntok" \
    "  BETWEEN 0 AND 1000000);"
/* An actor an office adds is a part only of one it may change, of its
 * own country; a role whose last office goes with its actor loses its
 * writes, as by revoke; PUBLIC may not make objects in the register's
 * schema (an office's function of a registry type would run in the
 * owner's triggers; PostgreSQL 14 gave it; a role given it by name
 * keeps it, and only the schema's owner can take it). */
#define OFFICE_10_MORE_SQL \
    "DROP POLICY IF EXISTS parts ON actors;" \
    "CREATE POLICY parts ON actors AS RESTRICTIVE FOR INSERT WITH CHECK" \
    "  (parent_id IS NULL OR (twr_may(parent_id) AND" \
    "  twr_part_ok(parent_id, country)));" \
    "CREATE OR REPLACE FUNCTION twr_offices_gone() RETURNS trigger" \
    "  LANGUAGE plpgsql AS $$DECLARE r text; BEGIN FOR r IN SELECT" \
    "  DISTINCT o.role FROM o WHERE NOT EXISTS (SELECT 1 FROM offices x" \
    "  WHERE x.role = o.role) LOOP PERFORM twr_office_access(r, false);" \
    "  END LOOP; RETURN NULL; END$$;" \
    "CREATE OR REPLACE TRIGGER offices_gone AFTER DELETE ON offices" \
    "  REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION" \
    "  twr_offices_gone();" \
    "DO $$BEGIN EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC'," \
    "  current_schema()); END$$;"
/* Run last: the functions that run as the owner, run by no one else. */
#define REVOKE_DEFINERS_SQL \
    "DO $$DECLARE f regprocedure; BEGIN FOR f IN SELECT p.oid::" \
    "  regprocedure FROM pg_proc p WHERE p.pronamespace = (SELECT oid" \
    "  FROM pg_namespace WHERE nspname = current_schema()) AND" \
    "  p.prosecdef LOOP EXECUTE" \
    "  format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f); END LOOP;" \
    "  END$$;"

static const char *const schema[] = {
    "CREATE TABLE meta(key " T " PRIMARY KEY, value bigint);"
    "INSERT INTO meta VALUES('next_id', 1);"
    "CREATE TABLE changes("
    "  id " ID ","
    "  at " T " NOT NULL, by " T " NOT NULL, command " T " NOT NULL,"
    "  args " T ", reason " T ");"
    "CREATE TABLE batches("
    "  id " ID ","
    "  change_id bigint NOT NULL REFERENCES changes(id),"
    "  files " T " NOT NULL, rows bigint NOT NULL, checksum " T " NOT NULL,"
    "  undone_by bigint REFERENCES changes(id));"
    "CREATE TABLE actors("
    "  id " ID ","
    "  name " T " NOT NULL CHECK(name <> ''),"
    "  name_key " T " NOT NULL,"
    "  country " T ","
    "  kind " T " CHECK(kind IN ('metropolitan', 'district',"
    "    'municipality', 'union', 'network', 'public_body', 'region')),"
    "  name_en " T ", name_en_key " T ","
    "  parent_id " REF("actors") ","
    "  website " T ", source " T ", notes " T ", batch_id bigint,"
    "  name_sk bytea, name_en_sk bytea,"
    "  CHECK(parent_id IS NULL OR parent_id <> id));"
    "CREATE UNIQUE INDEX actors_ident ON actors(name_key,"
    "  coalesce(country, ''));"
    "CREATE INDEX actors_country ON actors(country);"
    "CREATE INDEX actors_en ON actors(name_en_key);"
    "CREATE INDEX actors_parent ON actors(parent_id);"
    "CREATE TABLE aliases("
    "  actor_id bigint NOT NULL REFERENCES actors(id) ON DELETE CASCADE,"
    "  alias " T " NOT NULL CHECK(alias <> ''),"
    "  alias_key " T " NOT NULL,"
    "  alias_sk bytea,"
    "  PRIMARY KEY(actor_id, alias));"
    "CREATE INDEX aliases_key ON aliases(alias_key);"
    ,
    "CREATE TABLE agreements("
    "  id " ID ","
    "  kind " T " NOT NULL CHECK(kind IN ('sister_city', 'friendship',"
    "    'goodwill', 'memorandum', 'cooperation_protocol',"
    "    'supporting_structure', 'partnership')),"
    "  party_id bigint NOT NULL REFERENCES actors(id),"
    "  partner_id bigint NOT NULL REFERENCES actors(id),"
    "  title " T ", signed_on " T ", signed_place " T ","
    "  status " T " NOT NULL DEFAULT 'active' CHECK(status IN ('planned',"
    "    'active', 'dormant', 'ended')),"
    "  ended_on " T ", council_decision_date " T ","
    "  council_decision_no " T ", ministry_approval_date " T ","
    "  ministry_approval_no " T ", topics " T ", source " T ","
    "  notes " T ", batch_id bigint,"
    "  signed_place_sk bytea, topics_fold " T ","
    "  CHECK(party_id <> partner_id));"
    "CREATE UNIQUE INDEX agreements_ident ON agreements("
    "  LEAST(party_id, partner_id), GREATEST(party_id, partner_id), kind,"
    "  coalesce(signed_on, ''));"
    "CREATE INDEX agreements_hi ON agreements(GREATEST(party_id,"
    "  partner_id));"
    "CREATE INDEX agreements_dates ON agreements(kind, signed_on, status,"
    "  ended_on, party_id, partner_id);"
    "CREATE INDEX agreements_party ON agreements(party_id, signed_on);"
    "CREATE INDEX agreements_partner ON agreements(partner_id, signed_on);"
    EXCEPTIONS_SQL
    "CREATE TABLE agreement_parties("
    "  agreement_id bigint NOT NULL REFERENCES agreements(id)"
    "    ON DELETE CASCADE,"
    "  actor_id bigint NOT NULL REFERENCES actors(id),"
    "  PRIMARY KEY(agreement_id, actor_id));"
    "CREATE INDEX agreement_parties_actor ON agreement_parties(actor_id);"
    ,
    "CREATE TABLE memberships("
    "  id " ID ","
    "  member_id bigint NOT NULL REFERENCES actors(id),"
    "  network_id bigint NOT NULL REFERENCES actors(id),"
    "  status " T " NOT NULL DEFAULT 'member' CHECK(status IN ('full',"
    "    'associate', 'observer', 'member')),"
    "  since " T ", until " T ", roles " T ","
    "  council_decision_date " T ", council_decision_no " T ","
    "  ministry_approval_date " T ", ministry_approval_no " T ","
    "  source " T ", notes " T ", batch_id bigint,"
    "  roles_sk bytea,"
    "  CHECK(member_id <> network_id));"
    "CREATE UNIQUE INDEX memberships_ident ON memberships(member_id,"
    "  network_id, coalesce(since, ''));"
    "CREATE INDEX memberships_network ON memberships(network_id);"
    ,
    "CREATE TABLE history("
    "  rowid bigint GENERATED ALWAYS AS IDENTITY,"
    "  change_id bigint NOT NULL REFERENCES changes(id),"
    "  record_id bigint NOT NULL,"
    "  action " T " NOT NULL, field " T ", old " T ", new " T ","
    "  old_ref bigint, new_ref bigint);"
    "CREATE INDEX history_record ON history(record_id, change_id);"
    "CREATE INDEX history_change ON history(change_id);"
    ,
    "CREATE TABLE activities("
    "  id " ID ","
    "  actor_id bigint NOT NULL REFERENCES actors(id),"
    "  type " T " NOT NULL CHECK(type IN ('visit', 'hosting', 'meeting',"
    "    'event', 'festival', 'exhibition', 'training', 'project',"
    "    'exchange', 'aid', 'study_visit', 'award', 'other')),"
    "  title " T " NOT NULL CHECK(title <> ''),"
    "  date " T ", until " T ", place " T ", place_country " T ","
    "  tie_id bigint, programme " T ", participants bigint,"
    "  source " T ", notes " T ", batch_id bigint,"
    "  title_sk bytea, place_sk bytea);"
    "CREATE UNIQUE INDEX activities_ident ON activities(actor_id, type,"
    "  title, coalesce(date, ''));"
    "CREATE INDEX activities_tie ON activities(tie_id, date);"
    "CREATE INDEX activities_date ON activities(date, tie_id);"
    "CREATE INDEX activities_actor ON activities(actor_id, date, type,"
    "  tie_id, place_country, place, title);"
    "CREATE TABLE activity_partners("
    "  activity_id bigint NOT NULL REFERENCES activities(id)"
    "    ON DELETE CASCADE,"
    "  actor_id bigint NOT NULL REFERENCES actors(id),"
    "  PRIMARY KEY(activity_id, actor_id));"
    "CREATE INDEX activity_partners_actor ON activity_partners(actor_id);"
    /* The search index: each slot's folded terms, and its length in
       terms (what bm25 weighs). */
    ,
    "CREATE TABLE search_docs(slot bigint PRIMARY KEY, ntok integer NOT "
    "  NULL);"
    "CREATE TABLE search_terms(term " T " NOT NULL, slot bigint NOT NULL,"
    "  n integer NOT NULL, PRIMARY KEY(term, slot));"
    "CREATE INDEX search_terms_slot ON search_terms(slot);"
    /* Their number and terms in all, which every search weighs by: kept
       here as rows come and go, not counted over the index each time. */
    "CREATE TABLE search_total(docs bigint NOT NULL, tokens bigint NOT "
    "  NULL);"
    "INSERT INTO search_total VALUES(0, 0);"
    "CREATE FUNCTION twr_search_added() RETURNS trigger SECURITY DEFINER"
    "  LANGUAGE plpgsql"
    "  AS $$BEGIN UPDATE search_total SET docs = docs + (SELECT count(*)"
    "  FROM n), tokens = tokens + (SELECT coalesce(sum(ntok), 0) FROM n);"
    "  RETURN NULL; END$$;"
    "CREATE TRIGGER search_added AFTER INSERT ON search_docs REFERENCING"
    "  NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION"
    "  twr_search_added();"
    "CREATE FUNCTION twr_search_removed() RETURNS trigger SECURITY"
    "  DEFINER LANGUAGE plpgsql AS $$BEGIN UPDATE search_total SET docs ="
    "  docs - (SELECT count(*) FROM o), tokens = tokens - (SELECT"
    "  coalesce(sum(ntok), 0)"
    "  FROM o); RETURN NULL; END$$;"
    "CREATE TRIGGER search_removed AFTER DELETE ON search_docs REFERENCING"
    "  OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION"
    "  twr_search_removed();"
    /* sum() of truths, as SQLite counts them. */
    "CREATE FUNCTION twr_n(boolean) RETURNS integer LANGUAGE sql "
    "  IMMUTABLE AS 'SELECT $1::integer';"
    "CREATE FUNCTION twr_n(bigint) RETURNS bigint LANGUAGE sql "
    "  IMMUTABLE AS 'SELECT $1';"
    ,
    /* Offices: the database roles that may change the ties of an actor
       and of its parts.  Everyone who may connect reads everything;
       the owner of the register changes everything. */
    "CREATE TABLE offices(role " T " NOT NULL, actor_id bigint NOT NULL"
    "  REFERENCES actors(id) ON DELETE CASCADE, PRIMARY KEY(role,"
    "  actor_id));"
    "CREATE FUNCTION twr_owner() RETURNS boolean LANGUAGE sql STABLE AS"
    "  $$SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class"
    "  WHERE oid = 'meta'::regclass), 'USAGE')$$;"
    /* May the current role change what is actor A's: A or an actor A
       is a part of granted to it (or it owns the register)? */
    "CREATE FUNCTION twr_may(a bigint) RETURNS boolean LANGUAGE sql"
    "  STABLE AS $$SELECT twr_owner() OR EXISTS (WITH RECURSIVE"
    "  up(id, n) AS (SELECT a, 0 UNION ALL SELECT p.parent_id, up.n + 1"
    "  FROM actors p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT"
    "  NULL AND up.n < 100) SELECT 1 FROM offices o JOIN up ON"
    "  o.actor_id = up.id WHERE o.role = current_user)$$;"
    /* ... a tie's or an activity's, record R (gone: its deletion was
       allowed, and this row goes with it). */
    "CREATE FUNCTION twr_may_record(r bigint) RETURNS boolean LANGUAGE"
    "  sql STABLE AS $$SELECT coalesce((SELECT twr_may(party_id) OR"
    "  twr_may(partner_id) FROM agreements WHERE id = r), (SELECT"
    "  twr_may(member_id) OR twr_may(network_id) FROM memberships WHERE"
    "  id = r), (SELECT twr_may(actor_id) FROM activities WHERE id = r),"
    "  true)$$;"
    ,
    OFFICE_10_SQL
    ,
    OFFICE_10_IDS_SQL
    ,
    /* What only derived columns change (twinreg's own fill) is no
       change. */
    "CREATE FUNCTION twr_bare(j jsonb) RETURNS jsonb LANGUAGE sql"
    "  IMMUTABLE AS $$SELECT j - ARRAY['name_sk', 'name_en_sk',"
    "  'alias_sk', 'signed_place_sk', 'topics_fold', 'roles_sk',"
    "  'title_sk', 'place_sk']$$;"
    OFFICE_CHECK_FN
    /* A change's or a batch's id, when not given, is the next one, as
       SQLite's are (a copy gives them; writers take turns). */
    NEXT_CHANGE_FN
    "CREATE TRIGGER changes_id BEFORE INSERT ON changes FOR EACH ROW"
    "  EXECUTE FUNCTION twr_next_change();"
    NEXT_BATCH_FN
    "CREATE TRIGGER batches_id BEFORE INSERT ON batches FOR EACH ROW"
    "  EXECUTE FUNCTION twr_next_batch();"
    /* The history names the role that made each change. */
    /* ... but in a copy by the owner, which keeps the authors. */
    BY_FN
    "CREATE TRIGGER changes_by BEFORE INSERT ON changes FOR EACH ROW"
    "  EXECUTE FUNCTION twr_by();"
    /* Write access for an office's role; taken back with its last
       office. */
    OFFICE_ACCESS_FN
    ,
    OFFICE_10_MORE_SQL
    "DO $$BEGIN EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I"
    "  TO PUBLIC', current_schema()); END$$;"
};

/* The tables an office changes only where it may, and the policies
   that say so (the check of the old row is twr_office_check's). */
static const char *const guarded[][2] = {
	{ "agreements", AGREEMENTS_GUARD },
	{ "memberships", MEMBERSHIPS_GUARD },
	/* ... and an activity's tie is one it may change. */
	{ "activities", ACTIVITIES_GUARD },
	{ "agreement_parties", "twr_may_record(agreement_id)" },
	{ "activity_partners", "twr_may_record(activity_id)" },
	/* Any office may name an actor the register lacks, and its other
	   spellings; only an actor's own offices change it. */
	{ "actors", ACTORS_GUARD },
	{ "aliases", ALIASES_GUARD },
};

/* What a change writes besides its records, each row by the condition
   of a new row and that of an old one: its own history and batches,
   the next id, the search index of what it may change. */
static const char *const kept[][3] = {
	{ "history", HISTORY_GUARD, HISTORY_GUARD },
	{ "batches", OWN_CHANGE, OWN_CHANGE },
	{ "meta", "key = 'next_id'", "key = 'next_id'" },
	{ "search_docs", SLOT_ADD_GUARD, SLOT_GUARD },
	{ "search_terms", SLOT_ADD_GUARD, SLOT_GUARD },
};

/*
 * The counts the reports over every tie read (the SQLite registry's
 * tie_counts and party_counts, version 7 there), kept by triggers of
 * each statement over the rows it changed, into OUT.
 */
#define PG_YEAR(d) "coalesce(substr(" d ", 1, 4)::integer, 0)"
static void
counts_sql(struct twr_buf *out)
{
	static const struct {
		const char *table, *cols;
	} ties[] = {
		{ "agreements", "kind, partner_id, signed_on, party_id" },
		{ "memberships", "'membership'::text AS kind, network_id AS "
		  "partner_id, since AS signed_on, member_id AS party_id" },
	};
	static const char *const keys[] = { "kind, partner_id, signed_on, "
	    "party_id", "network_id, since, member_id" };
	static const char *const ops[] = { "INSERT", "DELETE", "UPDATE" };
	size_t t, o;

	buf_adds(out, "CREATE TABLE tie_counts(kind " T " NOT NULL, country "
	    T " NOT NULL, year integer NOT NULL, n bigint NOT NULL, "
	    "PRIMARY KEY(kind, country, year));"
	    "CREATE TABLE party_counts(actor_id bigint NOT NULL, kind " T
	    " NOT NULL, n bigint NOT NULL, PRIMARY KEY(actor_id, kind));");
	for (t = 0; t < ARRAY_SIZE(ties); t++) {
		const char *c = ties[t].cols, *k = keys[t];

		for (o = 0; o < ARRAY_SIZE(ops); o++) {
			struct twr_buf d;

			/* The rows counted again: added (1), gone (-1), and
			   of an update those whose counted columns changed. */
			buf_init(&d);
			if (o == 0)
				buf_printf(&d, "SELECT %s, 1 AS s FROM n", c);
			else if (o == 1)
				buf_printf(&d, "SELECT %s, -1 AS s FROM o", c);
			else
				buf_printf(&d, "SELECT %s, -1 AS s FROM (SELECT "
				    "id, %s FROM o EXCEPT SELECT id, %s FROM n) "
				    "o UNION ALL SELECT %s, 1 FROM (SELECT id, %s "
				    "FROM n EXCEPT SELECT id, %s FROM o) n", c, k,
				    k, c, k, k);
			buf_printf(out, "CREATE FUNCTION twr_%s_%s() RETURNS "
			    "trigger SECURITY DEFINER LANGUAGE plpgsql AS "
			    "$$BEGIN INSERT INTO tie_counts SELECT d.kind, "
			    "coalesce(a.country, ''), " PG_YEAR("d.signed_on")
			    ", sum(d.s) FROM (%s) d JOIN actors a ON a.id = "
			    "d.partner_id GROUP BY 1, 2, 3 ON CONFLICT (kind, "
			    "country, year) DO UPDATE SET n = tie_counts.n + "
			    "excluded.n; INSERT INTO party_counts SELECT "
			    "d.party_id, d.kind, sum(d.s) FROM (%s) d GROUP BY "
			    "1, 2 ON CONFLICT (actor_id, kind) DO UPDATE SET n = "
			    "party_counts.n + excluded.n; RETURN NULL; END$$;"
			    "CREATE TRIGGER %s_%s_counted AFTER %s ON %s "
			    "REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION "
			    "twr_%s_%s();", ties[t].table, ops[o], buf_str(&d),
			    buf_str(&d), ties[t].table, ops[o], ops[o],
			    ties[t].table, o == 0 ? "NEW TABLE AS n" : o == 1 ?
			    "OLD TABLE AS o" : "OLD TABLE AS o NEW TABLE AS n",
			    ties[t].table, ops[o]);
			if (d.oom)
				out->oom = 1;
			buf_free(&d);
		}
	}
	/* An actor's new country moves its ties as partner (network). */
	buf_adds(out, "CREATE FUNCTION twr_actor_moved() RETURNS trigger "
	    "SECURITY DEFINER LANGUAGE plpgsql AS $$BEGIN INSERT INTO "
	    "tie_counts SELECT d.kind, d.c, d.y, sum(d.s) FROM (SELECT g.kind, "
	    "c.c, " PG_YEAR("g.signed_on") " AS y, c.s FROM agreements g, "
	    "(VALUES (coalesce(OLD.country, ''), -1), (coalesce(NEW.country, "
	    "''), 1)) c(c, s) WHERE g.partner_id = NEW.id UNION ALL SELECT "
	    "'membership', c.c, " PG_YEAR("g.since") ", c.s FROM memberships "
	    "g, (VALUES (coalesce(OLD.country, ''), -1), (coalesce("
	    "NEW.country, ''), 1)) c(c, s) WHERE g.network_id = NEW.id) d "
	    "GROUP BY 1, 2, 3 ON CONFLICT (kind, country, year) DO UPDATE SET "
	    "n = tie_counts.n + excluded.n; RETURN NULL; END$$;"
	    "CREATE TRIGGER actors_moved AFTER UPDATE OF country ON actors "
	    "FOR EACH ROW WHEN (OLD.country IS DISTINCT FROM NEW.country) "
	    "EXECUTE FUNCTION twr_actor_moved();"
	    "GRANT SELECT ON tie_counts, party_counts TO PUBLIC;");
}

/* The counts of the ties of agreements (0) and of memberships (1),
 * counted from the ties into count tables without them: by the
 * migration that made the counts (the statements it shipped with, in
 * another order), and after a bulk load, the table's counts cleared
 * first (clear_sql). */
static const char *const count_sql[2] = {
	"INSERT INTO tie_counts SELECT g.kind, coalesce(a.country, ''), "
	PG_YEAR("g.signed_on") ", count(*) FROM agreements g JOIN actors a ON "
	"a.id = g.partner_id GROUP BY 1, 2, 3;"
	"INSERT INTO party_counts SELECT party_id, kind, count(*) FROM "
	"agreements GROUP BY 1, 2;",
	"INSERT INTO tie_counts SELECT 'membership', coalesce(a.country, ''), "
	PG_YEAR("g.since") ", count(*) FROM memberships g JOIN actors a ON "
	"a.id = g.network_id GROUP BY 1, 2, 3;"
	"INSERT INTO party_counts SELECT member_id, 'membership', count(*) "
	"FROM memberships GROUP BY 1;",
};
static const char *const clear_sql[2] = {
	"DELETE FROM tie_counts WHERE kind <> 'membership';"
	"DELETE FROM party_counts WHERE kind <> 'membership';",
	"DELETE FROM tie_counts WHERE kind = 'membership';"
	"DELETE FROM party_counts WHERE kind = 'membership';",
};

/* Which of count_sql counts TABLE's ties, or -1. */
static int
counted_table(const char *table)
{
	return strcmp(table, "agreements") == 0 ? 0 :
	    strcmp(table, "memberships") == 0 ? 1 : -1;
}

/*
 * The schema began at version 6 (SQLite's then); create_schema makes the
 * newest.  Each later version's migration, from the one before, runs
 * once, by the registry's owner, in one transaction: never edit one that
 * has shipped, as registries at its version have run it.  One that
 * this twinreg does not need to read and write (a speed-up) leaves the
 * offices working until the owner's next command makes it; one it
 * needs (a new table or column) refuses them until then.
 */
#define SCHEMA_FIRST 6
#define COUNTS_VERSION 8
static const struct pg_migration {
	int version;
	int needed;
	const char *sql;
} pg_migrations[] = {
	/* twr_n() loses the search path the first release pinned on it:
	   the server then inlines it into report countries' sums (a call
	   a row made that report ten times slower).  Registries made
	   since never had it. */
	{ 7, 0, "ALTER FUNCTION twr_n(boolean) RESET search_path;"
	    "ALTER FUNCTION twr_n(bigint) RESET search_path;" },
	/* The counts of the reports over every tie (counts_sql), counted.
	   Until then a report reads the ties (no_counts). */
	{ COUNTS_VERSION, 0, NULL },
	/* The index of the agreements not in force that the reports of
	   ties in force read: without it each such count read every
	   agreement (60 ms of a million, five times in report yearly).
	   One of the name made by hand stays. */
	{ 9, 0, "CREATE INDEX IF NOT EXISTS " EXCEPTIONS_INDEX },
	/* An office's aliases, search terms and history of actors not its
	   own, the next id and a change's id and time (OFFICE_10_SQL). */
	{ 10, 0, OFFICE_10_SQL NEXT_CHANGE_FN BY_FN },
	/* Ids no other record's, a part of its own country
	   (OFFICE_10_IDS_SQL). */
	{ 10, 0, OFFICE_10_IDS_SQL
	    "ALTER POLICY adds ON agreements WITH CHECK (" AGREEMENTS_GUARD ");"
	    "ALTER POLICY changes ON agreements WITH CHECK (" AGREEMENTS_GUARD
	    ");"
	    "ALTER POLICY adds ON memberships WITH CHECK (" MEMBERSHIPS_GUARD
	    ");"
	    "ALTER POLICY changes ON memberships WITH CHECK ("
	    MEMBERSHIPS_GUARD ");"
	    "ALTER POLICY adds ON activities WITH CHECK (" ACTIVITIES_GUARD ");"
	    "ALTER POLICY changes ON activities WITH CHECK (" ACTIVITIES_GUARD
	    ");"
	    "ALTER POLICY adds ON actors WITH CHECK (" ACTORS_GUARD ");"
	    "ALTER POLICY changes ON actors WITH CHECK (" ACTORS_GUARD ");" },
	/* (Several strings: C's longest literal.)  An actor moved only as
	   OFFICE_CHECK_FN says, an id kept; the guards of search terms and
	   history. */
	{ 10, 0, OFFICE_CHECK_FN
	    "ALTER POLICY adds ON aliases WITH CHECK (" ALIASES_GUARD ");"
	    "ALTER POLICY changes ON aliases WITH CHECK (" ALIASES_GUARD ");"
	    "ALTER POLICY adds ON history WITH CHECK (" HISTORY_GUARD ");"
	    "ALTER POLICY changes ON history USING (" HISTORY_GUARD ") WITH "
	    "CHECK (" HISTORY_GUARD ");"
	    "ALTER POLICY deletes ON history USING (" HISTORY_GUARD ");"
	    "ALTER POLICY adds ON search_docs WITH CHECK (" SLOT_ADD_GUARD ");"
	    "ALTER POLICY changes ON search_docs USING (" SLOT_GUARD ") WITH "
	    "CHECK (" SLOT_ADD_GUARD ");"
	    "ALTER POLICY deletes ON search_docs USING (" SLOT_GUARD ");"
	    "ALTER POLICY adds ON search_terms WITH CHECK (" SLOT_ADD_GUARD ");"
	    "ALTER POLICY changes ON search_terms USING (" SLOT_GUARD ") WITH "
	    "CHECK (" SLOT_ADD_GUARD ");"
	    "ALTER POLICY deletes ON search_terms USING (" SLOT_GUARD ");" },
	/* ... a batch's id the server's; an office's access (made_actors
	   theirs to add to, search terms not to update); parts, offices
	   gone, the schema (OFFICE_10_MORE_SQL). */
	{ 10, 0, NEXT_BATCH_FN OFFICE_ACCESS_FN OFFICE_10_MORE_SQL
	    "DO $$DECLARE r text; BEGIN FOR r IN SELECT DISTINCT role FROM"
	    "  offices LOOP EXECUTE format('GRANT INSERT ON made_actors TO"
	    "  %I; REVOKE UPDATE ON search_docs, search_terms FROM %I', r,"
	    "  r); END LOOP; END$$;" },
	/* Last: the functions of any version that run as the owner. */
	{ 10, 0, REVOKE_DEFINERS_SQL },
};
#define SCHEMA_VERSION 10

/* The trigger that empties TABLE's derived columns when their text
 * changes, and the index that finds those to fill, into OUT. */
static void
derived_sql(struct twr_buf *out, const char *table, const char *key)
{
	size_t i;

	buf_printf(out, "CREATE FUNCTION twr_%s_derived() RETURNS trigger "
	    "LANGUAGE plpgsql AS $$ BEGIN ", table);
	for (i = 0; i < pg_nderived; i++)
		if (strcmp(pg_derived[i].table, table) == 0)
			buf_printf(out, "IF TG_OP = 'UPDATE' AND NEW.%s IS "
			    "DISTINCT FROM OLD.%s THEN NEW.%s := NULL; END IF; ",
			    pg_derived[i].col, pg_derived[i].col,
			    pg_derived[i].to);
	buf_printf(out, "RETURN NEW; END $$;"
	    "CREATE TRIGGER %s_derived BEFORE UPDATE ON %s FOR EACH ROW "
	    "EXECUTE FUNCTION twr_%s_derived();", table, table, table);
	for (i = 0; i < pg_nderived; i++)
		if (strcmp(pg_derived[i].table, table) == 0)
			buf_printf(out, "CREATE INDEX %s_%s_todo ON %s(%s) WHERE "
			    "%s IS NULL AND %s IS NOT NULL;", table,
			    pg_derived[i].to, table, key, pg_derived[i].to,
			    pg_derived[i].col);
}

/* Give every function of SQL the search path of its creation, but
 * twr_n(): it names nothing a path finds, and the server inlines it into
 * the queries that sum truths only when it has no SET clause (a call a
 * row made report countries ten times slower). */
static void
pin_search_path(struct twr_buf *sql)
{
	static const char lang[] = " LANGUAGE ", fn[] = "FUNCTION ",
	    inlined[] = "twr_n(";
	struct twr_buf out;
	const char *p = buf_str(sql), *q, *name;

	buf_init(&out);
	while ((q = strstr(p, lang)) != NULL) {
		buf_add(&out, p, (size_t)(q - p));
		/* The name of the function this LANGUAGE is of. */
		for (name = q; name > buf_str(sql) && strncmp(name, fn,
		    sizeof(fn) - 1) != 0; name--)
			;
		if (strncmp(name + sizeof(fn) - 1, inlined,
		    sizeof(inlined) - 1) != 0)
			buf_adds(&out, " SET search_path FROM CURRENT");
		buf_adds(&out, lang);
		p = q + sizeof(lang) - 1;
	}
	buf_adds(&out, p);
	if (out.oom)
		sql->oom = 1;
	else {
		buf_free(sql);
		*sql = out;
	}
}

static enum twr_status
create_schema(struct twr_db *db, struct twr_error *err)
{
	static const char *const tabs[][2] = { { "actors", "id" },
		{ "aliases", "actor_id" }, { "agreements", "id" },
		{ "memberships", "id" }, { "activities", "id" } };
	struct twr_buf sql;
	enum twr_status st;
	size_t i;

	buf_init(&sql);
	/* Every function reads the registry's own schema, and temporary
	   tables last: a table a role makes for its session (a "meta" of
	   its own) must not stand in for the registry's in a check. */
	buf_adds(&sql, "BEGIN; SELECT set_config('search_path', "
	    "quote_ident(current_schema()) || ', pg_temp', true);");
	for (i = 0; i < ARRAY_SIZE(schema); i++)
		buf_adds(&sql, schema[i]);
	counts_sql(&sql);
	for (i = 0; i < ARRAY_SIZE(tabs); i++)
		derived_sql(&sql, tabs[i][0], tabs[i][1]);
	for (i = 0; i < ARRAY_SIZE(kept); i++)
		buf_printf(&sql, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;"
		    "CREATE POLICY reads ON %s FOR SELECT USING (true);"
		    "CREATE POLICY adds ON %s FOR INSERT WITH CHECK (%s);"
		    "CREATE POLICY changes ON %s FOR UPDATE USING (%s) "
		    "WITH CHECK (%s);"
		    "CREATE POLICY deletes ON %s FOR DELETE USING (%s);",
		    kept[i][0], kept[i][0], kept[i][0], kept[i][1],
		    kept[i][0], kept[i][2], kept[i][1], kept[i][0],
		    kept[i][2]);
	for (i = 0; i < ARRAY_SIZE(guarded); i++)
		buf_printf(&sql, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;"
		    "CREATE POLICY reads ON %s FOR SELECT USING (true);"
		    "CREATE POLICY adds ON %s FOR INSERT WITH CHECK (%s);"
		    "CREATE POLICY changes ON %s FOR UPDATE USING (true) "
		    "WITH CHECK (%s);"
		    "CREATE POLICY deletes ON %s FOR DELETE USING (true);"
		    "CREATE TRIGGER %s_office BEFORE UPDATE OR DELETE ON %s "
		    "FOR EACH ROW EXECUTE FUNCTION twr_office_check();",
		    guarded[i][0], guarded[i][0], guarded[i][0],
		    guarded[i][1], guarded[i][0], guarded[i][1],
		    guarded[i][0], guarded[i][0], guarded[i][0]);
	buf_adds(&sql, REVOKE_DEFINERS_SQL);
	buf_printf(&sql, "INSERT INTO meta VALUES('application_id', %d), "
	    "('schema_version', %d);", TWR_PG_APPLICATION_ID,
	    SCHEMA_VERSION);
	buf_adds(&sql, "COMMIT");
	if (!sql.oom)
		pin_search_path(&sql);
	st = sql.oom ? err_nomem(err) : pg_exec_raw(db, buf_str(&sql), err);
	buf_free(&sql);
	if (st != TWR_OK)
		pg_exec_raw(db, "ROLLBACK", NULL);
	return st;
}

const char *
pg_guard(const char *table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(guarded); i++)
		if (strcmp(guarded[i][0], table) == 0)
			return guarded[i][1];
	for (i = 0; i < ARRAY_SIZE(kept); i++)
		if (strcmp(kept[i][0], table) == 0)
			return kept[i][1];
	return NULL;
}

/* What a session of twinreg's sets first; a cursor's query (st_stream)
   planned for its last row, as the same query run at once; and (from
   PostgreSQL 14) the session not ended while it waits, between two of a
   cursor's batches, for a slow reader (a pager). */
#define SESSION "SET client_encoding = 'UTF8'; SET datestyle = 'ISO'; " \
	"SET client_min_messages = warning; SET cursor_tuple_fraction = 1; " \
	"SELECT set_config('idle_session_timeout', '0', false) WHERE " \
	"current_setting('server_version_num')::int >= 140000"

/* The registry's application id and schema version from meta (-1 for
 * one it lacks); FIRST (NULL for none), statements sent before the read
 * in the same message, which a failure of the read undoes. */
static enum twr_status
read_meta(struct twr_db *db, const char *first, long long *appid,
    long long *version, struct twr_error *err)
{
	static const char sql[] = "SELECT (SELECT value FROM meta WHERE key "
	    "= 'application_id'), (SELECT value FROM meta WHERE key = "
	    "'schema_version')";
	struct twr_buf b;
	PGresult *res;

	*appid = *version = -1;
	buf_init(&b);
	buf_printf(&b, "%s%s%s", first ? first : "", first ? "; " : "", sql);
	if (b.oom) {
		buf_free(&b);
		return err_nomem(err);
	}
	res = pg_run(db, b.p, 0, NULL, 0, err);
	buf_free(&b);
	if (res == NULL)
		return err->status;
	if (!PQgetisnull(res, 0, 0))
		*appid = atoll(PQgetvalue(res, 0, 0));
	if (!PQgetisnull(res, 0, 1))
		*version = atoll(PQgetvalue(res, 0, 1));
	PQclear(res);
	return TWR_OK;
}

/* Whether the connection's role owns the tables or passes row-level
 * security by right (a superuser, BYPASSRLS): only such a role may
 * drop their indexes and COPY rows into them (no tables: false). */
#define OWNER_SQL "(SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE " \
	"rolname = current_user) OR (SELECT relowner FROM pg_class WHERE " \
	"oid = to_regclass('actors')) = (SELECT oid FROM pg_roles WHERE " \
	"rolname = current_user)"

/* Run SQL of a migration with the search path of the registry's schema,
 * which every function it makes keeps (as create_schema gives them). */
static enum twr_status
run_migration(struct twr_db *db, const char *sql, struct twr_error *err)
{
	struct twr_buf b;
	enum twr_status st;

	buf_init(&b);
	buf_adds(&b, "SELECT set_config('search_path', "
	    "quote_ident(current_schema()) || ', pg_temp', true);");
	buf_adds(&b, sql);
	if (!b.oom)
		pin_search_path(&b);
	st = b.oom ? err_nomem(err) : pg_exec_raw(db, buf_str(&b), err);
	buf_free(&b);
	return st;
}

/* Version 8: the counts, their triggers, and every tie counted. */
static enum twr_status
add_counts(struct twr_db *db, struct twr_error *err)
{
	struct twr_buf sql;
	enum twr_status st;

	buf_init(&sql);
	counts_sql(&sql);
	buf_adds(&sql, count_sql[0]);
	buf_adds(&sql, count_sql[1]);
	st = sql.oom ? err_nomem(err) : run_migration(db, buf_str(&sql),
	    err);
	buf_free(&sql);
	return st;
}

/* Bring the registry at WHERE from schema VERSION to the newest: only
 * its owner may, and not in a command that changes nothing; the others
 * work at VERSION unless a migration past it is needed. */
static enum twr_status
migrate(struct twr_db *db, const char *where, unsigned flags,
    long long version, struct twr_error *err)
{
	enum twr_status st;
	long long appid;
	char to[24];
	const char *vals[1] = { to };
	PGresult *res;
	size_t i;
	int needed = 0;

	if ((flags & TWR_OPEN_NOWRITE) || !PG_OWNER(PG(db))) {
		db->no_counts = version < COUNTS_VERSION;
		for (i = 0; i < ARRAY_SIZE(pg_migrations); i++)
			if (pg_migrations[i].version > version)
				needed |= pg_migrations[i].needed;
		if (!needed)
			return TWR_OK;
		return open_err(err, (flags & TWR_OPEN_NOWRITE) ? TWR_IOERR :
		    TWR_NOPERM, TWR_E_NEEDS_OWNER, where, NULL, version,
		    SCHEMA_VERSION);
	}
	if ((st = store_pg.begin(db, err)) != TWR_OK)
		return st;
	/* Under the writers' lock: another owner's command may have
	   migrated it meanwhile, even past this twinreg. */
	if ((st = read_meta(db, NULL, &appid, &version, err)) != TWR_OK ||
	    version >= SCHEMA_VERSION) {
		store_pg.rollback(db);
		return st != TWR_OK || version == SCHEMA_VERSION ? st :
		    open_err(err, TWR_NOINPUT, TWR_E_NEWER, where, NULL,
		    version, SCHEMA_VERSION);
	}
	for (i = 0; i < ARRAY_SIZE(pg_migrations) && st == TWR_OK; i++)
		if (pg_migrations[i].version > version)
			st = pg_migrations[i].sql != NULL ? run_migration(db,
			    pg_migrations[i].sql, err) : add_counts(db, err);
	snprintf(to, sizeof(to), "%d", SCHEMA_VERSION);
	if (st == TWR_OK) {
		res = PQexecParams(PG(db)->conn, "UPDATE meta SET value = $1 "
		    "WHERE key = 'schema_version'", 1, NULL, vals, NULL, NULL,
		    0);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			st = pg_err(db, res, err, 1);
		PQclear(res);
	}
	if (st == TWR_OK)
		return store_pg.commit(db, err);
	store_pg.rollback(db);
	return st;
}

/* No table meta: a schema of another program's tables is not a
 * registry; an empty one becomes one for init. */
static enum twr_status
no_meta(struct twr_db *db, const char *where, unsigned flags,
    struct twr_error *err)
{
	PGresult *res = pg_run(db, "SELECT count(*) FROM pg_class c JOIN "
	    "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
	    "current_schema()", 0, NULL, 0, err);
	enum twr_status st;
	int any;

	if (res == NULL)
		return err->status;
	any = atoi(PQgetvalue(res, 0, 0)) > 0;
	PQclear(res);
	if (any)
		return open_err(err, TWR_NOINPUT, TWR_E_NOT_REGISTRY, where,
		    NULL, 0, 0);
	if (!(flags & TWR_OPEN_CREATE))
		return open_err(err, TWR_NOINPUT, TWR_E_EMPTY_REGISTRY, where,
		    NULL, 1, 0);
	if ((st = create_schema(db, err)) != TWR_OK)
		return st;
	return pg_read_owner(db, err);
}

static enum twr_status
check_schema(struct twr_db *db, const char *where, unsigned flags,
    struct twr_error *err)
{
	const char *first = (flags & TWR_OPEN_NOWRITE) ? SESSION "; SET "
	    "default_transaction_read_only = on" : SESSION;
	long long appid, version;
	enum twr_status st;

	/* One round trip: the session's settings and what the registry
	   says of itself; who opens it is asked when a write or an
	   upgrade needs it (pg_begin): a fresh server process reads the
	   catalog of roles and classes slowly, some 8 ms for a command
	   that only reads.  A command that writes nothing (and so never
	   upgrades) is read-only from the start. */
	if ((st = read_meta(db, first, &appid, &version, err)) != TWR_OK &&
	    strcmp(PG(db)->sqlstate, "42P01") == 0) {
		/* (The settings went with the failed read.) */
		if ((st = pg_exec_raw(db, first, err)) != TWR_OK)
			return st;
		return no_meta(db, where, flags, err);
	}
	/* A "meta" of another shape is another program's table (an
	   undefined column, 42703): not a registry.  A failure to read
	   ours is told as it is. */
	if (st != TWR_OK && strcmp(PG(db)->sqlstate, "42703") != 0)
		return st;
	if (appid != TWR_PG_APPLICATION_ID)
		return open_err(err, TWR_NOINPUT, TWR_E_NOT_REGISTRY, where,
		    NULL, 0, 0);
	if (version > SCHEMA_VERSION)
		return open_err(err, TWR_NOINPUT, TWR_E_NEWER, where, NULL,
		    version, SCHEMA_VERSION);
	if (version < SCHEMA_FIRST)
		return open_err(err, TWR_NOINPUT, TWR_E_BAD_VERSION, where,
		    NULL, version, SCHEMA_VERSION);
	if (version < SCHEMA_VERSION && ((flags & TWR_OPEN_NOWRITE) ||
	    (st = pg_read_owner(db, err)) == TWR_OK))
		st = migrate(db, where, flags, version, err);
	return st;
}

/* Can libpq read the URI WHERE, without a password (which a command
 * line shows to every user of the machine)?  TWR_E_NONE, or TWR_E_URL_*
 * with libpq's first line of why it cannot (its words may quote the
 * URI) in WHY (N bytes). */
static enum twr_code
uri_refused(const char *where, char *why, size_t n)
{
	PQconninfoOption *opts, *o;
	enum twr_code code = TWR_E_NONE;
	const char *u, *at, *end;
	char *msg = NULL;

	/* user:password@ before the host, even in a URI libpq cannot
	   read (whose words would then quote it). */
	if ((u = strstr(where, "://")) != NULL) {
		u += 3;
		at = strchr(u, '@');
		end = u + strcspn(u, "/?");
		if (at != NULL && at < end && memchr(u, ':', (size_t)(at -
		    u)) != NULL)
			return TWR_E_URL_PASSWORD;
	}
	if ((opts = PQconninfoParse(where, &msg)) == NULL) {
		pg_first_line(msg != NULL ? msg : "out of memory", why, n);
		if (msg != NULL)
			PQfreemem(msg);
		return TWR_E_URL_BAD;
	}
	for (o = opts; o->keyword != NULL; o++)
		if ((strcmp(o->keyword, "password") == 0 || strcmp(o->keyword,
		    "sslpassword") == 0) && o->val != NULL)
			code = TWR_E_URL_PASSWORD;
	PQconninfoFree(opts);
	return code;
}

/*
 * Standard input, output or error closed: /dev/null, read-only, in its
 * place, as SQLite does for its files.  Else the server's socket would
 * take the number, and what the program writes to its standard output
 * would go to the server; a write there now fails as on a closed one.
 */
static void
hold_std_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) == -1)
			return;
}

/* Whether the connection's role may act as the owner (OWNER_SQL): read
 * once, by the first write or upgrade, and again once init has made the
 * tables. */
enum twr_status
pg_read_owner(struct twr_db *db, struct twr_error *err)
{
	PGresult *res = pg_run(db, "SELECT " OWNER_SQL, 0, NULL, 0, err);

	if (res == NULL)
		return err->status;
	PG(db)->owner = *PQgetvalue(res, 0, 0) == 't';
	PQclear(res);
	/* An office's INSERT of a tie is checked before its identity is:
	   the office's goes in every time, to be refused (77) there. */
	db->ahead = PG(db)->owner ? AHEAD_IDENTS : AHEAD_LOOKUPS;
	return TWR_OK;
}

/* Notices are the server's words to a person; twinreg chooses its own. */
static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

enum twr_status
pg_open(struct twr_db *db, const char *where, unsigned flags, int busy_ms,
    struct twr_error *err)
{
	struct twr_msg m;
	struct pg_db *e;
	enum twr_status st;
	char line[512];
	size_t i;

	/* Not the URI: a password in it is not known yet. */
	memset(&m, 0, sizeof(m));
	if (pq_load(line, sizeof(line)) == -1) {
		m.code = TWR_E_NO_LIBPQ;
		m.detail = line;
		return err_msg(err, TWR_NOINPUT, &m);
	}
	if ((m.code = uri_refused(where, line, sizeof(line))) != 0) {
		m.detail = line;
		return err_msg(err, TWR_USAGE, &m);
	}
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return err_nomem(err);
	db->engine = e;
	e->busy_ms = busy_ms;
	e->owner = -1;
	db->ahead = AHEAD_LOOKUPS;
	buf_init(&e->forget);
	buf_init(&e->analyze);
	for (i = 0; i < PG_STREAMS; i++) {
		buf_init(&e->copy.s[i].head);
		buf_init(&e->copy.s[i].rows);
	}
	buf_init(&e->copy.docs);
	buf_init(&e->copy.terms);
	hold_std_fds();
	e->conn = PQconnectdb(where);
	if (e->conn == NULL || PQstatus(e->conn) != CONNECTION_OK) {
		st = open_err(err, (flags & TWR_OPEN_CREATE) ? TWR_CANTCREAT :
		    TWR_NOINPUT, TWR_E_OPEN, where, e->conn != NULL ?
		    pg_first_line(PQerrorMessage(e->conn), line,
		    sizeof(line)) : "out of memory", 0, 0);
		pg_close(db);
		return st;
	}
	PQsetNoticeProcessor(e->conn, quiet, NULL);
	if ((st = check_schema(db, where, flags, err)) != TWR_OK)
		pg_close(db);
	return st;
}

void
pg_close(struct twr_db *db)
{
	struct pg_db *e = PG(db);
	size_t i;

	if (e == NULL)
		return;
	bulk_drop(&e->bulk, NULL);
	if (e->conn != NULL)
		PQfinish(e->conn);
	buf_free(&e->forget);
	buf_free(&e->analyze);
	for (i = 0; i < PG_STREAMS; i++) {
		buf_free(&e->copy.s[i].head);
		buf_free(&e->copy.s[i].rows);
	}
	buf_free(&e->copy.docs);
	buf_free(&e->copy.terms);
	free(e);
	db->engine = NULL;
}

/* ---- offices ------------------------------------------------------------ */

enum twr_status
pg_office(struct twr_db *db, const char *role, long long actor, int grant,
    struct twr_error *err)
{
	PGconn *c = PG(db)->conn;
	const char *vals[2];
	enum twr_status st = TWR_OK;
	struct twr_msg m;
	PGresult *res;
	char id[24];
	int n;

	memset(&m, 0, sizeof(m));
	if ((st = pg_copy_flush(db, err)) != TWR_OK)
		return st;
	snprintf(id, sizeof(id), "%lld", actor);
	vals[0] = role;
	vals[1] = id;
	res = PQexecParams(c, "SELECT count(*) FROM pg_roles WHERE rolname = "
	    "$1", 1, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		st = pg_err(db, res, err, 0);
		PQclear(res);
		return st;
	}
	n = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (n == 0) {
		m.code = TWR_E_NO_ROLE;
		m.value = role;
		return err_msg(err, TWR_USAGE, &m);
	}
	if (grant)
		res = PQexecParams(c, "WITH a AS (SELECT twr_office_access($1, "
		    "true)) INSERT INTO offices SELECT $1, $2 FROM a ON "
		    "CONFLICT DO NOTHING", 2, NULL, vals, NULL, NULL, 0);
	else
		res = PQexecParams(c, "DELETE FROM offices WHERE role = $1 AND "
		    "actor_id = $2", 2, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		st = pg_err(db, res, err, 1);
	else if (grant && atoll(PQcmdTuples(res)) == 0)
		st = TWR_DONE;	/* granted already */
	else if (!grant && atoll(PQcmdTuples(res)) == 0) {
		m.code = TWR_E_NOT_GRANTED;
		m.value = role;
		m.id = actor;
		st = err_msg(err, TWR_USAGE, &m);
	}
	PQclear(res);
	/* Its last office gone, the role writes no more: offices_gone. */
	return st;
}

enum twr_status
pg_keep_authors(struct twr_db *db, struct twr_error *err)
{
	return pg_exec_raw(db, "SET LOCAL twinreg.copy = 'on'", err);
}

/* ---- bulk loading ------------------------------------------------------ */

/* Take TABLE's secondary indexes away (not those of its keys) and its
 * foreign keys, remembering how to build them again: a foreign key is
 * checked a row at a time as rows come (two look-ups of an actor a tie,
 * four fifths of a COPY's time), and all at once, by one join, when it
 * is added back.  The trigger that counts the ties a statement adds is
 * off until the end, when every tie of the table is counted once: its
 * counts, added to for each COPY of a few thousand rows, took two
 * fifths of an import's time. */
enum twr_status
pg_bulk_begin(struct twr_db *db, const char *table, struct twr_error *err)
{
	struct pg_db *e = PG(db);
	const char *vals[1] = { table };
	struct store_bulk *b;
	enum twr_status st = TWR_OK;
	struct twr_buf drop;
	PGresult *res;
	int r;

	if (bulk_find(&e->bulk, table) != NULL)
		return TWR_OK;
	/* An office's role may not drop indexes: row by row, then. */
	if (!PG_OWNER(e))
		return TWR_DONE;
	if ((st = pg_copy_flush(db, err)) != TWR_OK)
		return st;
	if ((b = bulk_add(&e->bulk, table, err)) == NULL)
		return err->status;
	res = PQexecParams(e->conn, "SELECT i.indexname, i.indexdef FROM "
	    "pg_indexes i WHERE i.schemaname = current_schema() AND "
	    "i.tablename = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
	    "WHERE c.conname = i.indexname) ORDER BY i.indexdef NOT LIKE "
	    "'CREATE UNIQUE%', i.indexname", 1, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		st = pg_err(db, res, err, 0);
		PQclear(res);
		return st;
	}
	buf_init(&drop);
	for (r = 0; r < PQntuples(res); r++) {
		if (bulk_keep(b, PQgetvalue(res, r, 1)) == -1) {
			st = err_nomem(err);
			break;
		}
		buf_printf(&drop, "DROP INDEX \"%s\";", PQgetvalue(res, r, 0));
	}
	PQclear(res);
	/* After the indexes: a twin merged away is gone before its keys are
	   checked. */
	res = PQexecParams(e->conn, "SELECT format('ALTER TABLE %I.%I DROP "
	    "CONSTRAINT %I;', n.nspname, $1::text, c.conname), format('ALTER "
	    "TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, $1::text, "
	    "c.conname, pg_get_constraintdef(c.oid)) FROM pg_constraint c "
	    "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON "
	    "n.oid = t.relnamespace WHERE c.contype = 'f' AND t.relname = $1 "
	    "AND n.nspname = current_schema() ORDER BY c.conname", 1, NULL,
	    vals, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		if (st == TWR_OK)
			st = pg_err(db, res, err, 0);
		PQclear(res);
		buf_free(&drop);
		return st;
	}
	for (r = 0; r < PQntuples(res) && st == TWR_OK; r++) {
		if (bulk_keep(b, PQgetvalue(res, r, 1)) == -1) {
			st = err_nomem(err);
			break;
		}
		buf_adds(&drop, PQgetvalue(res, r, 0));
	}
	PQclear(res);
	/* Last, the counting trigger (counts_sql) of a table of ties. */
	if (counted_table(table) >= 0) {
		res = PQexecParams(e->conn, "SELECT format('ALTER TABLE "
		    "%I.%I DISABLE TRIGGER %I;', n.nspname, $1::text, "
		    "t.tgname), format('ALTER TABLE %I.%I ENABLE TRIGGER %I', "
		    "n.nspname, $1::text, t.tgname) FROM pg_trigger t JOIN "
		    "pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON "
		    "n.oid = c.relnamespace WHERE c.relname = $1 AND "
		    "n.nspname = current_schema() AND t.tgname = $1 || "
		    "'_insert_counted' AND t.tgenabled <> 'D'", 1, NULL, vals,
		    NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			if (st == TWR_OK)
				st = pg_err(db, res, err, 0);
		} else if (st == TWR_OK && PQntuples(res) == 1) {
			if (bulk_keep(b, PQgetvalue(res, 0, 1)) == -1)
				st = err_nomem(err);
			buf_adds(&drop, PQgetvalue(res, 0, 0));
		}
		PQclear(res);
	}
	if (st == TWR_OK && drop.len > 0)
		st = drop.oom ? err_nomem(err) : pg_exec_raw(db,
		    buf_str(&drop), err);
	buf_free(&drop);
	return st;
}

/* Build TABLE's indexes again, then add its foreign keys back and its
 * counting trigger, and count its ties; an identity taken twice is
 * merged by DEDUPE first.  Each build is a savepoint: a failed one
 * leaves the transaction going. */
enum twr_status
pg_bulk_end(struct twr_db *db, const char *table, bulk_dedupe_fn *dedupe,
    void *arg, struct twr_error *err)
{
	struct pg_db *e = PG(db);
	struct store_bulk *b = bulk_find(&e->bulk, table);
	enum twr_status st = TWR_OK;
	int counted = 0, c;
	size_t i;

	if (b == NULL)
		return TWR_OK;
	st = pg_copy_flush(db, err);
	for (i = 0; i < b->nindex && st == TWR_OK; i++) {
		counted |= strstr(b->index_sql[i], " ENABLE TRIGGER ") != NULL;
		if ((st = pg_exec_raw(db, "SAVEPOINT bulk", err)) != TWR_OK)
			break;
		st = pg_exec_raw(db, b->index_sql[i], err);
		if (st != TWR_OK && strcmp(e->sqlstate, "23505") == 0 &&
		    dedupe != NULL) {
			pg_exec_raw(db, "ROLLBACK TO SAVEPOINT bulk", NULL);
			if ((st = dedupe(arg, err)) != TWR_OK)
				break;
			st = pg_exec_raw(db, b->index_sql[i], err);
		}
		if (st == TWR_OK)
			st = pg_exec_raw(db, "RELEASE SAVEPOINT bulk", err);
	}
	bulk_drop(&e->bulk, b);
	if (st == TWR_OK && counted && (c = counted_table(table)) >= 0 &&
	    (st = pg_exec_raw(db, clear_sql[c], err)) == TWR_OK)
		st = pg_exec_raw(db, count_sql[c], err);
	/* The derived columns its rows went in without. */
	if (st == TWR_OK)
		st = pg_fill_derived(db, pg_derived_of(table), err);
	if (st == TWR_OK)
		pg_note_analyze(e, table);
	return st;
}
