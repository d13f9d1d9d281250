-- Equality Act (609/1986) 4 a § (issue 19, item 4; docs/networks.md, "Gender
-- balance"): KEHA's special reasons why a body departs from the 40 % rule,
-- who recorded them and when (µs since the epoch); NULL time = none recorded.
-- The change itself is audited as a version and a
-- GenderBalanceExceptionRecorded event.
ALTER TABLE networks ADD COLUMN gender_exception_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN gender_exception_user_id TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN gender_exception_name TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN gender_exception_us INTEGER;
