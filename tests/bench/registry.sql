-- The fair peer of `twinreg import` in make bench (tests/bench/bench.sh):
-- a plain SQL script, run by the sqlite3 shell on a registry that
-- `twinreg init` made, that builds the same registry from the same
-- CSV (tests/bench/gen.c's sister cities): the actors, the agreements
-- tied to them by name and country, dates in ISO form, the batch and
-- its change, and the search index, in one transaction, with the
-- schema's indexes and foreign keys in place.  It checks nothing (a
-- bad row would go in as it is) and folds names with lower(), not as
-- twinreg does: it is what a careful person would write in SQL, not a
-- second twinreg.  bench.sh puts the CSV's path for @CSV@.
.bail on
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
CREATE TEMP TABLE raw(municipality TEXT, municipality_country TEXT,
  sister_city TEXT, sister_city_country TEXT, signed_on TEXT, status TEXT,
  topics TEXT, notes TEXT);
.import --csv --skip 1 @CSV@ raw
-- The country names gen.c writes beside ISO codes.
CREATE TEMP TABLE cc(name TEXT PRIMARY KEY, code TEXT) WITHOUT ROWID;
INSERT INTO cc VALUES('Türkiye', 'TR'), ('Germany', 'DE'),
  ('Bosna-Hersek', 'BA'), ('Macaristan', 'HU'), ('Japan', 'JP');
INSERT INTO changes(at, by, command, args)
  VALUES(strftime('%Y-%m-%dT%H:%M:%SZ'), 'bench', 'import', '@CSV@');
INSERT INTO batches(change_id, files, rows, checksum)
  VALUES(last_insert_rowid(), '@CSV@', (SELECT count(*) FROM raw), '');
INSERT INTO actors(name, name_key, country, kind, batch_id)
  SELECT name, lower(name), coalesce((SELECT code FROM cc WHERE
    cc.name = c), c), 'municipality', 1
  FROM (SELECT municipality AS name, municipality_country AS c FROM raw
    UNION SELECT sister_city, sister_city_country FROM raw)
  WHERE true ON CONFLICT DO NOTHING;
INSERT INTO agreements(kind, party_id, partner_id, signed_on, status,
    topics, notes, batch_id)
  SELECT 'sister_city', a.id, b.id,
    CASE WHEN r.signed_on = '' THEN NULL
      WHEN r.signed_on LIKE '__.__.____' THEN substr(r.signed_on, 7, 4) ||
        '-' || substr(r.signed_on, 4, 2) || '-' || substr(r.signed_on, 1, 2)
      ELSE r.signed_on END,
    r.status, nullif(r.topics, ''), nullif(r.notes, ''), 1
  FROM raw r
  JOIN actors a ON a.name_key = lower(r.municipality) AND
    coalesce(a.country, '') = coalesce((SELECT code FROM cc WHERE
      cc.name = r.municipality_country), r.municipality_country)
  JOIN actors b ON b.name_key = lower(r.sister_city) AND
    coalesce(b.country, '') = coalesce((SELECT code FROM cc WHERE
      cc.name = r.sister_city_country), r.sister_city_country)
  WHERE true ON CONFLICT DO NOTHING;
INSERT INTO search(rowid, text) SELECT id * 16, lower(name) FROM actors;
INSERT INTO search(rowid, text)
  SELECT id * 16 + 4, lower(topics) FROM agreements WHERE topics IS NOT NULL
  UNION ALL
  SELECT id * 16 + 5, lower(notes) FROM agreements WHERE notes IS NOT NULL;
COMMIT;
