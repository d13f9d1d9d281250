-- Case ids become "<request id>.<area code>" and membership ids
-- "<case id>.<n>" (they were "…/…" and "…/…/n"): one URL path segment each,
-- so /api/v1/cases/{case_id} and /api/v1/memberships/{membership_id} reach
-- them. Request ids and area codes hold neither '/' nor '.', so replacing
-- every '/' of an id is the mapping of UpgradeLegacyId (core/case_ids.h),
-- which still reads the old form wherever an id comes in. The outbox keeps
-- the events as they were sent; notifications maps ids as it reads them.
--
-- Primary keys and the columns that refer to them change together; the
-- foreign keys are checked once, when the migration's transaction commits.
PRAGMA defer_foreign_keys = ON;

UPDATE cases
   SET id = replace(id, '/', '.'),
       replaced_membership = replace(replaced_membership, '/', '.')
 WHERE instr(id, '/') > 0 OR instr(replaced_membership, '/') > 0;

UPDATE registrations SET case_id = replace(case_id, '/', '.') WHERE instr(case_id, '/') > 0;

UPDATE nominees
   SET case_id = replace(case_id, '/', '.'),
       membership_id = replace(membership_id, '/', '.')
 WHERE instr(case_id, '/') > 0 OR instr(membership_id, '/') > 0;

UPDATE memberships
   SET id = replace(id, '/', '.'),
       case_id = replace(case_id, '/', '.'),
       replaces = replace(replaces, '/', '.'),
       replaced_by = replace(replaced_by, '/', '.')
 WHERE instr(id, '/') > 0 OR instr(case_id, '/') > 0 OR instr(replaces, '/') > 0
    OR instr(replaced_by, '/') > 0;
