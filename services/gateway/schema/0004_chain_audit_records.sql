-- The audit chain tables (libs/messaging/schema/audit_chain_tables.sql) are
-- applied in this step: messaging::ServiceMigrations puts them before this
-- file's own SQL. The gateway chains its account audit too
-- (SqliteAccountRepository::Audit is the one way a row is written).
ALTER TABLE account_audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE account_audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
