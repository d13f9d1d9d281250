-- The principal beside the actor in every stored audit stamp: the
-- authenticated program that carried the request (Actor::principal:
-- "gateway" for a person, "operator", or the service itself). '' = recorded
-- before principals were stored.
ALTER TABLE network_versions ADD COLUMN principal TEXT NOT NULL DEFAULT '';
ALTER TABLE participation_decisions ADD COLUMN principal TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN principal TEXT NOT NULL DEFAULT '';
