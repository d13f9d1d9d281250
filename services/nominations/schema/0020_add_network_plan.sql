-- The network's communication plan in the read model (issue 19, item 1: the
-- formal request letter states it): who is informed, through which channels,
-- how often and who keeps the plan. Fed by the networks events like the
-- goals (0008); networks seen before this migration get theirs with their
-- next event, and until then their letters say nothing of the plan. The
-- responsible person's e-mail is not kept: a letter is a public document.
CREATE TABLE network_plan_entries (
  network_code  TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('audience', 'channel')),
  position      INTEGER NOT NULL,
  text          TEXT NOT NULL,
  PRIMARY KEY (network_code, kind, position)
) WITHOUT ROWID;
ALTER TABLE networks ADD COLUMN plan_cadence TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN plan_responsible TEXT NOT NULL DEFAULT '';
