-- The event-fed copy of what nominations needs from the networks service
-- (no synchronous call to networks on a command). Written only by the
-- appliers of verkosto.networks.v1 events.
CREATE TABLE networks (
  code            TEXT PRIMARY KEY,
  status          TEXT NOT NULL,  -- draft, proposed, open, closed, cancelled
  term_start      TEXT,           -- YYYY-MM-DD
  term_end        TEXT,           -- YYYY-MM-DD
  name_fi         TEXT NOT NULL,
  name_sv         TEXT NOT NULL,
  seat_members    INTEGER NOT NULL,
  seat_deputies   INTEGER NOT NULL,
  updated_us      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE areas (
  code      TEXT PRIMARY KEY,
  position  INTEGER NOT NULL,  -- the directory's order
  name_fi   TEXT NOT NULL,
  name_sv   TEXT NOT NULL
) WITHOUT ROWID;

-- The current participation decision of (network, area): rule 5.
CREATE TABLE participation (
  network_code  TEXT NOT NULL,
  area_code     TEXT NOT NULL,
  decision      TEXT NOT NULL CHECK (decision IN ('undecided', 'takes_part', 'declines')),
  decided_us    INTEGER NOT NULL,
  PRIMARY KEY (network_code, area_code)
) WITHOUT ROWID;
