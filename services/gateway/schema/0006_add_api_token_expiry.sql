-- API tokens expire ([auth] token_days, 90 by default, counted from when the
-- token was drawn). Tokens drawn before this step get the default: 90 days
-- after their creation (those older than that stop working).
ALTER TABLE api_tokens ADD COLUMN expires_us INTEGER NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_us = created_us + 90 * 24 * 3600 * 1000000;
