-- The principal beside the actor in every stored stamp: the authenticated
-- program that carried the request (Actor::principal: "gateway" for a
-- person, "operator", or the service itself for its timers and appliers).
-- Appended after each table's other columns. '' = a stamp recorded before
-- principals were stored; NULL only where the whole stamp is NULL (not sent
-- by KEHA, not decided, not withdrawn, not ended).
ALTER TABLE requests ADD COLUMN principal TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN principal TEXT NOT NULL DEFAULT '';

ALTER TABLE cases ADD COLUMN sent_principal TEXT;
ALTER TABLE cases ADD COLUMN decided_principal TEXT;
ALTER TABLE cases ADD COLUMN withdrawn_principal TEXT;
UPDATE cases SET sent_principal = '' WHERE sent_at_us IS NOT NULL;
UPDATE cases SET decided_principal = '' WHERE decided_at_us IS NOT NULL;
UPDATE cases SET withdrawn_principal = '' WHERE withdrawn_at_us IS NOT NULL;

ALTER TABLE memberships ADD COLUMN decided_principal TEXT NOT NULL DEFAULT '';
ALTER TABLE memberships ADD COLUMN ended_principal TEXT;
UPDATE memberships SET ended_principal = '' WHERE ended_at_us IS NOT NULL;
