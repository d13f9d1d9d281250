-- The director's display name beside a deputy's "on behalf of" user id
-- (issue 19: letters and the case history name the principal, not the
-- account). The gateway reads it from the director's account when it checks
-- the mandate (Actor.on_behalf_of_name). Rows stored before stay '' and are
-- shown by the user id, as before.
ALTER TABLE cases ADD COLUMN decided_on_behalf_of_name TEXT NOT NULL DEFAULT '';
ALTER TABLE case_acts ADD COLUMN on_behalf_of_name TEXT NOT NULL DEFAULT '';
