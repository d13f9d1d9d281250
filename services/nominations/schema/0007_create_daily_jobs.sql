-- The last Helsinki date each daily job ran (e.g. "retention"), so a job
-- runs once a day however often the service's timer ticks and whenever the
-- service restarts. (The reminder timers keep their own timer_state.)
CREATE TABLE daily_jobs (
  name      TEXT PRIMARY KEY,
  last_run  TEXT NOT NULL  -- YYYY-MM-DD
) WITHOUT ROWID;

-- Retention looks for ended memberships (docs/retention.md).
CREATE INDEX memberships_by_ended ON memberships (ended);
