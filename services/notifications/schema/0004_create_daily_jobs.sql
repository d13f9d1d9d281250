-- The last Helsinki date each daily job ran (e.g. "retention"), so a job
-- runs once a day however often the service's timer ticks and whenever the
-- service restarts.
CREATE TABLE daily_jobs (
  name      TEXT PRIMARY KEY,
  last_run  TEXT NOT NULL  -- YYYY-MM-DD
) WITHOUT ROWID;

-- Retention looks for messages by age (docs/retention.md).
CREATE INDEX messages_by_created ON messages (created_us);
