-- The area directory: the 45 employment areas and the municipalities.
CREATE TABLE areas (
  code               TEXT PRIMARY KEY,
  position           INTEGER NOT NULL,  -- order of the reference file
  name_fi            TEXT NOT NULL,
  name_sv            TEXT NOT NULL,
  model              TEXT NOT NULL,
  host_municipality  TEXT NOT NULL,
  languages          TEXT NOT NULL,     -- "fi" or "fi,sv"
  source             TEXT NOT NULL,
  confidence         TEXT NOT NULL,
  registry_name      TEXT NOT NULL DEFAULT '',
  registry_email     TEXT NOT NULL DEFAULT '',
  registry_phone     TEXT NOT NULL DEFAULT '',
  director_name      TEXT NOT NULL DEFAULT '',
  director_email     TEXT NOT NULL DEFAULT '',
  director_phone     TEXT NOT NULL DEFAULT '',
  deputy_name        TEXT NOT NULL DEFAULT '',
  deputy_email       TEXT NOT NULL DEFAULT '',
  deputy_phone       TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE municipalities (
  code       TEXT PRIMARY KEY,               -- Statistics Finland, 3 digits
  name_fi    TEXT NOT NULL,
  name_sv    TEXT NOT NULL,
  area_code  TEXT REFERENCES areas (code),   -- NULL for Åland
  note       TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX municipalities_by_area ON municipalities (area_code);
