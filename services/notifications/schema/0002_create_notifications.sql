-- The event-fed copy of what notifications needs from networks and
-- nominations: areas with their contacts, networks, memberships. Written only
-- by the event appliers.
CREATE TABLE areas (
  code            TEXT PRIMARY KEY,
  name_fi         TEXT NOT NULL,
  name_sv         TEXT NOT NULL,
  languages       TEXT NOT NULL,  -- "fi" or "fi,sv", the main one first
  registry_email  TEXT NOT NULL,
  director_email  TEXT NOT NULL,
  deputy_email    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE networks (
  code              TEXT PRIMARY KEY,
  status            TEXT NOT NULL,
  name_fi           TEXT NOT NULL,
  name_sv           TEXT NOT NULL,
  name_en           TEXT NOT NULL,
  goals             TEXT NOT NULL,  -- one per line
  term_start        TEXT NOT NULL,  -- YYYY-MM-DD or ''
  term_end          TEXT NOT NULL,
  audiences         TEXT NOT NULL,  -- one per line
  channels          TEXT NOT NULL,  -- one per line
  cadence           TEXT NOT NULL,
  responsible       TEXT NOT NULL,
  contact_name      TEXT NOT NULL,
  contact_email     TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  -- The term end the "term ending" notice went out for ('' = none yet).
  term_notice_for   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE memberships (
  membership_id  TEXT PRIMARY KEY,
  network_code   TEXT NOT NULL,
  area_code      TEXT NOT NULL,
  name           TEXT NOT NULL,
  email          TEXT NOT NULL,
  language       TEXT NOT NULL,
  deputy         INTEGER NOT NULL,
  started        TEXT NOT NULL,
  ended          TEXT NOT NULL,  -- '' while active
  end_reason     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX memberships_by_network ON memberships (network_code);

-- The inbox: one message per (event, mailbox), rendered in the recipient's
-- language. event_key is "<producer>:<seq>" or "<timer>:<what>".
CREATE TABLE messages (
  id            INTEGER PRIMARY KEY,
  event_key     TEXT NOT NULL,
  mailbox       TEXT NOT NULL,
  template      TEXT NOT NULL,
  language      TEXT NOT NULL,
  subject       TEXT NOT NULL,
  body_text     TEXT NOT NULL,
  body_html     TEXT NOT NULL,
  link          TEXT NOT NULL,
  event_type    TEXT NOT NULL,
  network_code  TEXT NOT NULL,
  case_id       TEXT NOT NULL,
  created_us    INTEGER NOT NULL,
  read_us       INTEGER,  -- NULL while unread
  UNIQUE (event_key, mailbox)
);
CREATE INDEX messages_by_mailbox ON messages (mailbox, created_us);

-- E-mail: one delivery per (event, mailbox, channel, address).
CREATE TABLE deliveries (
  id                INTEGER PRIMARY KEY,
  message_id        INTEGER NOT NULL REFERENCES messages (id),
  event_key         TEXT NOT NULL,
  mailbox           TEXT NOT NULL,
  channel           TEXT NOT NULL DEFAULT 'email',
  address           TEXT NOT NULL,  -- '' when unknown (status skipped)
  status            TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'digest', 'skipped')),
  attempt_count     INTEGER NOT NULL DEFAULT 0,
  next_attempt_us   INTEGER NOT NULL DEFAULT 0,
  last_reply        TEXT NOT NULL DEFAULT '',
  email_message_id  TEXT NOT NULL DEFAULT '',
  created_us        INTEGER NOT NULL,
  updated_us        INTEGER NOT NULL,
  -- For status 'digest': the day (YYYY-MM-DD, Helsinki) of the digest that
  -- carried it, '' until then.
  digest_day        TEXT NOT NULL DEFAULT '',
  UNIQUE (event_key, mailbox, channel, address)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_us);
CREATE INDEX deliveries_by_message ON deliveries (message_id);

-- The delivery log: every attempt of every delivery.
CREATE TABLE delivery_attempts (
  delivery_id  INTEGER NOT NULL REFERENCES deliveries (id),
  at_us        INTEGER NOT NULL,
  ok           INTEGER NOT NULL,
  reply        TEXT NOT NULL
);
CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts (delivery_id);

-- What a mailbox's holders chose.
CREATE TABLE preferences (
  mailbox     TEXT PRIMARY KEY,
  language    TEXT NOT NULL,  -- '' = default
  email_mode  TEXT NOT NULL CHECK (email_mode IN ('immediate', 'daily_digest', 'none')),
  email       TEXT NOT NULL,  -- address for a user: mailbox, '' = none
  updated_us  INTEGER NOT NULL
) WITHOUT ROWID;

-- Digests already sent: one per (mailbox, address, Helsinki day).
CREATE TABLE digests_sent (
  mailbox  TEXT NOT NULL,
  address  TEXT NOT NULL,
  day      TEXT NOT NULL,
  PRIMARY KEY (mailbox, address, day)
) WITHOUT ROWID;
