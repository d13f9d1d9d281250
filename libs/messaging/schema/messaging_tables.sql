-- Tables of the messaging library, part of every service database.

-- Fixed facts about this database. 'epoch' is random, made once when the
-- database is created: a consumer seeing another epoch knows the producer's
-- database was replaced and its sequence numbers mean something else.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('epoch', lower(hex(randomblob(16))));

-- The transactional outbox: written in the same transaction as the state
-- change it describes; seq is gapless from 1 (assigned as MAX(seq) + 1 under
-- the IMMEDIATE write lock; rows go only by Outbox::PruneThrough, which keeps
-- an anchor: audit_chain_tables.sql).
CREATE TABLE outbox (
  seq          INTEGER PRIMARY KEY,
  type         TEXT    NOT NULL,
  payload      BLOB    NOT NULL,
  occurred_us  INTEGER NOT NULL,
  request_id   TEXT    NOT NULL DEFAULT ''
);

-- Replies of executed commands, so a retried (client_id, request_id) gets the
-- same answer and no second effect.
CREATE TABLE idempotency (
  client_id   TEXT    NOT NULL,
  request_id  TEXT    NOT NULL,
  operation   TEXT    NOT NULL,
  reply       BLOB    NOT NULL,
  created_us  INTEGER NOT NULL,
  PRIMARY KEY (client_id, request_id)
) WITHOUT ROWID;

-- Where this service stands in each stream it consumes. Advanced in the same
-- transaction that applies the events.
CREATE TABLE consumer_cursors (
  producer    TEXT PRIMARY KEY,
  epoch       TEXT    NOT NULL,
  cursor      INTEGER NOT NULL,
  updated_us  INTEGER NOT NULL
) WITHOUT ROWID;

-- Diagnostics of the event path (`verkosto diag ping`): each PingRecorded
-- event a service consumed, with how often it was applied (must be 1).
CREATE TABLE received_pings (
  producer       TEXT    NOT NULL,
  event_seq      INTEGER NOT NULL,
  note           TEXT    NOT NULL,
  applied_count  INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (producer, event_seq)
) WITHOUT ROWID;
