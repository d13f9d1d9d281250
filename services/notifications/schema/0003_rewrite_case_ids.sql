-- Nominations' case ids became "<request id>.<area code>" and membership ids
-- "<case id>.<n>" (they were "…/…" and "…/…/n"; see nominations' migration
-- 0005). This database keeps copies: rewrite them the same way (replace every
-- '/' of an id, the mapping of UpgradeLegacyId in core/case_ids.h). Events
-- applied from now on come through that mapping too.

-- A membership this service already saw under both forms (an event with the
-- current id applied before this migration ran): the current row is the
-- later state, so the legacy row goes.
DELETE FROM memberships
 WHERE instr(membership_id, '/') > 0
   AND replace(membership_id, '/', '.') IN (SELECT membership_id FROM memberships);
UPDATE memberships SET membership_id = replace(membership_id, '/', '.')
 WHERE instr(membership_id, '/') > 0;

-- A message's link into the web UI and, in its bodies, the same link as the
-- e-mail shows it (mail still pending goes out with the current form; mail
-- already sent keeps working, as the web UI reads the legacy form too).
-- Every expression sees the row as it was before the UPDATE.
UPDATE messages
   SET link = CASE WHEN link = '/cases/' || case_id
                   THEN '/cases/' || replace(case_id, '/', '.') ELSE link END,
       body_text = replace(body_text, '/cases/' || case_id,
                           '/cases/' || replace(case_id, '/', '.')),
       body_html = replace(body_html, '/cases/' || case_id,
                           '/cases/' || replace(case_id, '/', '.')),
       case_id = replace(case_id, '/', '.')
 WHERE instr(case_id, '/') > 0;
