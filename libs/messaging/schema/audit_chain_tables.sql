-- Tamper-evident audit (docs/architecture.md): each service applies this as
-- one of its own migrations (messaging::AuditChainMigration).

-- The outbox becomes a hash chain: hash = BLAKE2b-256 over prev_hash, seq and
-- the row's content (storage/hash_chain.h). Rows from before are chained by
-- Outbox::Open.
ALTER TABLE outbox ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN hash TEXT NOT NULL DEFAULT '';

-- Where a chain was cut by retention: rows with key <= through are gone, and
-- `hash` (of row `through`) is what the next row's prev_hash must be. The
-- outbox's ChainPruned event repeats it, so the anchor cannot be moved alone.
CREATE TABLE chain_anchors (
  chain      TEXT PRIMARY KEY,
  through    INTEGER NOT NULL,
  hash       TEXT    NOT NULL,
  pruned_us  INTEGER NOT NULL
) WITHOUT ROWID;

-- How far each consumer has read this service's outbox: the highest after_seq
-- it asked FetchEvents for (it has applied everything up to there).
-- Retention prunes only what every consumer has.
CREATE TABLE consumer_progress (
  consumer    TEXT PRIMARY KEY,
  after_seq   INTEGER NOT NULL,
  updated_us  INTEGER NOT NULL
) WITHOUT ROWID;

-- The chain heads of other services this one has seen, recorded when one
-- changed: a later truncation or rewrite of their history no longer matches.
-- A chain of its own (hash over every column but the hashes).
CREATE TABLE chain_witnesses (
  id            INTEGER PRIMARY KEY,
  peer          TEXT    NOT NULL,
  peer_epoch    TEXT    NOT NULL,
  peer_chain    TEXT    NOT NULL,
  peer_seq      INTEGER NOT NULL,
  peer_hash     TEXT    NOT NULL,
  witnessed_us  INTEGER NOT NULL,
  prev_hash     TEXT    NOT NULL DEFAULT '',
  hash          TEXT    NOT NULL DEFAULT ''
);
