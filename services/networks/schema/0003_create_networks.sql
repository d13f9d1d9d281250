-- Network definitions, their versions, participation decisions and comments.
-- Every row that records an act carries its audit stamp: user id, display
-- name, role, on whose behalf, when (µs since the epoch) and, where it has
-- one, why.
CREATE TABLE networks (
  code                TEXT PRIMARY KEY,
  status              TEXT NOT NULL,
  kind                TEXT NOT NULL,
  owner               TEXT NOT NULL,
  end_date            TEXT,                 -- YYYY-MM-DD, for the term-end check
  version             INTEGER NOT NULL,
  definition          BLOB NOT NULL,        -- verkosto.networks.v1.NetworkDefinition
  end_reason          TEXT NOT NULL DEFAULT '',
  closed_by_term_end  INTEGER NOT NULL DEFAULT 0,
  created_us          INTEGER NOT NULL,
  updated_us          INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX networks_by_status ON networks (status, end_date);

CREATE TABLE network_versions (
  network_code    TEXT NOT NULL REFERENCES networks (code),
  version         INTEGER NOT NULL,
  user_id         TEXT NOT NULL,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL,
  on_behalf_of    TEXT NOT NULL,
  at_us           INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  changed_fields  TEXT NOT NULL,            -- comma-separated dotted names
  PRIMARY KEY (network_code, version)
) WITHOUT ROWID;

-- Append-only: the last row of (network, area) is the current decision.
CREATE TABLE participation_decisions (
  id             INTEGER PRIMARY KEY,
  network_code   TEXT NOT NULL REFERENCES networks (code),
  area_code      TEXT NOT NULL REFERENCES areas (code),
  choice         TEXT NOT NULL CHECK (choice IN ('takes_part', 'declines')),
  reason         TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL,
  on_behalf_of   TEXT NOT NULL,
  at_us          INTEGER NOT NULL
);
CREATE INDEX participation_by_network_area ON participation_decisions (network_code, area_code, id);

CREATE TABLE comments (
  id             INTEGER PRIMARY KEY,
  network_code   TEXT NOT NULL REFERENCES networks (code),
  area_code      TEXT NOT NULL REFERENCES areas (code),
  text           TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL,
  on_behalf_of   TEXT NOT NULL,
  at_us          INTEGER NOT NULL
);
CREATE INDEX comments_by_network ON comments (network_code, id);
