-- Nominee self-service (docs/nominations.md#nominee-self-service).
--
-- The goals of each network, for "my memberships": fed by the networks
-- events like the rest of the read model. Networks seen before this
-- migration get theirs with their next event.
CREATE TABLE network_goals (
  network_code  TEXT NOT NULL,
  position      INTEGER NOT NULL,
  text          TEXT NOT NULL,
  PRIMARY KEY (network_code, position)
) WITHOUT ROWID;

-- A member's own correction of their title, e-mail and language. The
-- membership row keeps what the approval named (as the case's nominees do);
-- this row is what is in force, with the stamp of who corrected it when.
CREATE TABLE membership_contacts (
  membership_id  TEXT PRIMARY KEY REFERENCES memberships (id),
  title          TEXT NOT NULL,
  email          TEXT NOT NULL,
  language       TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL,
  on_behalf_of   TEXT NOT NULL,
  at_us          INTEGER NOT NULL,
  principal      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX membership_contacts_by_email ON membership_contacts (email);
CREATE INDEX membership_contacts_by_user ON membership_contacts (user_id);

-- A member's request to resign. It ends nothing: the area's leadership
-- records the resignation, which closes the request (state 'recorded').
-- At most one pending request per membership.
CREATE TABLE resignation_requests (
  id                      TEXT PRIMARY KEY,
  membership_id           TEXT NOT NULL REFERENCES memberships (id),
  network_code            TEXT NOT NULL,
  area_code               TEXT NOT NULL,
  reason                  TEXT NOT NULL,
  state                   TEXT NOT NULL CHECK (state IN ('pending', 'recorded')),
  requested_user_id       TEXT NOT NULL,
  requested_name          TEXT NOT NULL,
  requested_role          TEXT NOT NULL,
  requested_on_behalf_of  TEXT NOT NULL,
  requested_at_us         INTEGER NOT NULL,
  closed_user_id          TEXT, closed_name TEXT, closed_role TEXT, closed_on_behalf_of TEXT,
  closed_at_us            INTEGER,
  requested_principal     TEXT NOT NULL,
  closed_principal        TEXT
) WITHOUT ROWID;
CREATE UNIQUE INDEX resignation_requests_one_pending ON resignation_requests (membership_id)
  WHERE state = 'pending';
CREATE INDEX resignation_requests_by_area ON resignation_requests (area_code, state);
