-- Requests, cases, registrations, nominees and memberships. Every row that
-- records an act carries its audit stamp: user id, display name, role, on
-- whose behalf, when (µs since the epoch) and, where it has one, why.
-- Dates are YYYY-MM-DD (Europe/Helsinki).

-- One send (or replacement request, or logged letter) by KEHA or a registry.
CREATE TABLE requests (
  id                 TEXT PRIMARY KEY,
  network_code       TEXT NOT NULL,
  kind               TEXT NOT NULL,  -- nomination, replacement
  channel            TEXT NOT NULL,  -- system, email, letter, other
  user_id            TEXT NOT NULL,
  display_name       TEXT NOT NULL,
  role               TEXT NOT NULL,
  on_behalf_of       TEXT NOT NULL,
  at_us              INTEGER NOT NULL
) WITHOUT ROWID;

-- One area's part of a request. `seq` orders cases by creation (newest first
-- in lists; the latest case of an area in the matrix).
CREATE TABLE cases (
  id                   TEXT PRIMARY KEY,
  seq                  INTEGER NOT NULL UNIQUE,
  request_id           TEXT NOT NULL REFERENCES requests (id),
  network_code         TEXT NOT NULL,
  area_code            TEXT NOT NULL,
  kind                 TEXT NOT NULL CHECK (kind IN ('nomination', 'replacement')),
  state                TEXT NOT NULL,
  seat_members         INTEGER NOT NULL,
  seat_deputies        INTEGER NOT NULL,
  deadline             TEXT,
  short_deadline       INTEGER NOT NULL DEFAULT 0,
  overdue              INTEGER NOT NULL DEFAULT 0,
  covering_message     TEXT NOT NULL,
  keha_diary_number    TEXT NOT NULL,
  opened               TEXT NOT NULL,
  replaced_membership  TEXT NOT NULL DEFAULT '',
  reminder_7_fired     INTEGER NOT NULL DEFAULT 0,
  reminder_2_fired     INTEGER NOT NULL DEFAULT 0,
  -- sent by KEHA (NULL at_us for a logged case)
  sent_user_id         TEXT, sent_name TEXT, sent_role TEXT, sent_on_behalf_of TEXT,
  sent_at_us           INTEGER,
  -- the decision (NULL until decided); the reason of a decline
  decision_approved    INTEGER,
  decision_reason      TEXT,
  decided_user_id      TEXT, decided_name TEXT, decided_role TEXT, decided_on_behalf_of TEXT,
  decided_at_us        INTEGER,
  -- the withdrawal (NULL unless withdrawn) and its reason
  withdrawn_user_id    TEXT, withdrawn_name TEXT, withdrawn_role TEXT,
  withdrawn_on_behalf_of TEXT, withdrawn_at_us INTEGER,
  withdraw_reason      TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX cases_by_area_state ON cases (area_code, state);
CREATE INDEX cases_by_network ON cases (network_code, area_code);

-- The registry's record of a case (rule 4). The diary number is the area's
-- own, opaque and unique within the area.
CREATE TABLE registrations (
  case_id        TEXT PRIMARY KEY REFERENCES cases (id),
  area_code      TEXT NOT NULL,
  diary_number   TEXT NOT NULL,
  organisation   TEXT NOT NULL,
  date_received  TEXT NOT NULL,
  channel        TEXT NOT NULL,
  sender         TEXT NOT NULL,
  subject        TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL,
  on_behalf_of   TEXT NOT NULL,
  at_us          INTEGER NOT NULL,
  UNIQUE (area_code, diary_number)
) WITHOUT ROWID;

-- The nominees of an approval, in order; each with the membership it started.
CREATE TABLE nominees (
  case_id        TEXT NOT NULL REFERENCES cases (id),
  position       INTEGER NOT NULL,
  name           TEXT NOT NULL,
  title          TEXT NOT NULL,
  email          TEXT NOT NULL,
  municipality   TEXT NOT NULL,
  seat           TEXT NOT NULL,
  membership_id  TEXT NOT NULL,
  PRIMARY KEY (case_id, position)
) WITHOUT ROWID;

-- Created only by an approval (rule 1): each points to its case and the
-- area's diary number of it.
CREATE TABLE memberships (
  id                   TEXT PRIMARY KEY,
  network_code         TEXT NOT NULL,
  area_code            TEXT NOT NULL,
  case_id              TEXT NOT NULL REFERENCES cases (id),
  diary_number         TEXT NOT NULL,
  name                 TEXT NOT NULL,
  title                TEXT NOT NULL,
  email                TEXT NOT NULL,
  municipality         TEXT NOT NULL,
  seat                 TEXT NOT NULL,
  decided_user_id      TEXT NOT NULL,
  decided_name         TEXT NOT NULL,
  decided_role         TEXT NOT NULL,
  decided_on_behalf_of TEXT NOT NULL,
  decided_at_us        INTEGER NOT NULL,
  started              TEXT NOT NULL,
  replaces             TEXT NOT NULL DEFAULT '',
  ended                TEXT,
  end_reason           TEXT,
  ended_user_id        TEXT, ended_name TEXT, ended_role TEXT, ended_on_behalf_of TEXT,
  ended_at_us          INTEGER,
  end_note             TEXT NOT NULL DEFAULT '',
  replaced_by          TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX memberships_by_network ON memberships (network_code, area_code);
CREATE INDEX memberships_by_email ON memberships (email);

-- The last Helsinki date the timers covered, so catch-up after downtime is exact.
CREATE TABLE timer_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  last_processed  TEXT NOT NULL
);
