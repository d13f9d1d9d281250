-- Login throttling counts failures per user name, per client address and per
-- the two together (gateway/domain/login_throttle.h). Failures recorded
-- before have no address ('').
ALTER TABLE login_failures ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_by_address ON login_failures (address, at_us);
