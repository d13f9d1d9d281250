-- The authenticated program that carried each audited act (Actor::principal:
-- "gateway" for a person, "operator" for the administrator's CLI, the
-- service itself for its own work). Rows from before CURVE authentication
-- have ''.
ALTER TABLE account_audit ADD COLUMN principal TEXT NOT NULL DEFAULT '';
