-- The language a nominee wants messages in ("fi", "sv", "en"; '' = the
-- area's): the notifications service reads it from CaseApproved and
-- MembershipStarted. Earlier rows have none.
ALTER TABLE nominees ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE memberships ADD COLUMN language TEXT NOT NULL DEFAULT '';
