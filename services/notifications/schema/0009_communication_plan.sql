-- The communication plan as data that acts (issue 17): the plan each
-- networks event carries (Network.effective_targets, effective_notes_every_days,
-- effective_responsible_email), which areas take part, and the date the last
-- "publish the meeting notes" reminder went out for.
--
-- plan_targets: "audience:event,event;audience:event" (domain/plan.h).
ALTER TABLE networks ADD COLUMN plan_targets TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN notes_every_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE networks ADD COLUMN responsible_email TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN notes_due_for TEXT NOT NULL DEFAULT '';  -- '' = none yet

-- Networks stored before this step: the standard plan as the networks service
-- defined it when the step was written (and the contact as the reminder's
-- address, no interval: the meeting cadence is not in this copy); their next
-- event brings the plan as it is.
UPDATE networks SET
  plan_targets = 'all_areas_leadership:proposed,opened,cancelled;member_areas_leadership:changed,closed_early,deadline_extended,renewed;member_areas_registry:changed,closed_early,deadline_extended;members:changed,closed_early,renewed;keha:membership_ended,comment_added,notes_due;public:opened,changed,closed_early',
  responsible_email = contact_email;

-- Each area's current participation decision (ParticipationDecided).
CREATE TABLE participations (
  network_code  TEXT NOT NULL,
  area_code     TEXT NOT NULL,
  takes_part    INTEGER NOT NULL,
  PRIMARY KEY (network_code, area_code)
) WITHOUT ROWID;

-- The public catalogue's announcements: messages of the public:<language>
-- mailboxes by network, newest first.
CREATE INDEX messages_by_network ON messages (network_code, mailbox, created_us);
