-- Local accounts, their sessions and API tokens, failed logins and the audit
-- trail of account changes and logins. Tokens are stored only as hashes
-- (BLAKE2b of the token, hex); passwords only as argon2id hashes.
CREATE TABLE accounts (
  user_id          TEXT PRIMARY KEY,
  display_name     TEXT NOT NULL,
  role             TEXT NOT NULL,         -- core/actor.h RoleName
  area             TEXT NOT NULL,
  email            TEXT NOT NULL,
  language         TEXT NOT NULL,
  on_behalf_of     TEXT NOT NULL,
  disabled         INTEGER NOT NULL DEFAULT 0,
  password_hash    TEXT NOT NULL,
  created_us       INTEGER NOT NULL,
  password_set_us  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sessions (
  token_hash    TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES accounts (user_id),
  csrf_token    TEXT NOT NULL,
  created_us    INTEGER NOT NULL,
  last_seen_us  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES accounts (user_id),
  label        TEXT NOT NULL,
  created_us   INTEGER NOT NULL,
  revoked      INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Failed logins by the user name tried (existing or not, so a lockout does
-- not reveal whether an account exists).
CREATE TABLE login_failures (
  id       INTEGER PRIMARY KEY,
  user_id  TEXT NOT NULL,
  at_us    INTEGER NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (user_id, at_us);

CREATE TABLE account_audit (
  id               INTEGER PRIMARY KEY,
  at_us            INTEGER NOT NULL,
  actor_user_id    TEXT NOT NULL,
  actor_role       TEXT NOT NULL,
  on_behalf_of     TEXT NOT NULL,
  action           TEXT NOT NULL,
  subject_user_id  TEXT NOT NULL,
  detail           TEXT NOT NULL
);
CREATE INDEX account_audit_by_subject ON account_audit (subject_user_id, id);
