-- A case's history (issue 18, item 2; docs/nominations.md, "A case's
-- history"): one row per act on a case, written in the same transaction as
-- the case event it records (domain/case_acts.h maps events to acts). The
-- outbox that carries the events is pruned, so the history lives here.
-- Acts hold people's names, never contact data (e-mail, title): retention
-- removes nothing from them.
--   kind: sent, registered, logged, deadline_extended, reminder, overdue,
--     approved, declined, paper_answer, confirmed, withdrawn
--   names: the nominees' names (approved, paper_answer) or "name: choice"
--     per sitting member (confirmed), one per line
CREATE TABLE case_acts (
  seq                INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id            TEXT NOT NULL REFERENCES cases (id),
  kind               TEXT NOT NULL,
  user_id            TEXT NOT NULL,
  display_name       TEXT NOT NULL,
  role               TEXT NOT NULL,
  on_behalf_of       TEXT NOT NULL,
  principal          TEXT NOT NULL,
  at_us              INTEGER NOT NULL,
  reason             TEXT NOT NULL DEFAULT '',
  keha_diary_number  TEXT NOT NULL DEFAULT '',
  diary_number       TEXT NOT NULL DEFAULT '',
  channel            TEXT NOT NULL DEFAULT 'system',
  date_received      TEXT,
  deadline           TEXT,
  previous_deadline  TEXT,
  reminder_days      INTEGER NOT NULL DEFAULT 0,
  approved           INTEGER NOT NULL DEFAULT 0,
  decision_date      TEXT,
  decided_at_area    TEXT NOT NULL DEFAULT '',
  names              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_acts_by_case ON case_acts (case_id, seq);

-- Backfill from the stamps the cases already keep: sent, registered or
-- logged, decided, withdrawn. Extensions, reminders and overdue marks left
-- no stamp and are not recovered. Inserted in time order so that seq
-- follows it.
INSERT INTO case_acts (case_id, kind, user_id, display_name, role, on_behalf_of, principal,
                       at_us, reason, keha_diary_number, diary_number, channel, date_received,
                       deadline, approved, decision_date, decided_at_area, names)
SELECT case_id, kind, user_id, display_name, role, on_behalf_of, principal, at_us, reason,
       keha_diary_number, diary_number, channel, date_received, deadline, approved,
       decision_date, decided_at_area, names
FROM (
  SELECT c.id AS case_id, 'sent' AS kind, c.sent_user_id AS user_id,
         COALESCE(c.sent_name, '') AS display_name, COALESCE(c.sent_role, '') AS role,
         COALESCE(c.sent_on_behalf_of, '') AS on_behalf_of,
         COALESCE(c.sent_principal, '') AS principal, c.sent_at_us AS at_us, '' AS reason,
         c.keha_diary_number, '' AS diary_number, 'system' AS channel,
         NULL AS date_received, c.deadline, 0 AS approved, NULL AS decision_date,
         '' AS decided_at_area, '' AS names, 0 AS step, c.seq AS case_seq
  FROM cases c WHERE c.sent_at_us IS NOT NULL
  UNION ALL
  SELECT c.id, CASE WHEN r.channel = 'system' THEN 'registered' ELSE 'logged' END,
         r.user_id, r.display_name, r.role, r.on_behalf_of, r.principal, r.at_us, '',
         c.keha_diary_number, r.diary_number, r.channel, r.date_received, c.deadline, 0, NULL,
         '', '', 1, c.seq
  FROM cases c JOIN registrations r ON r.case_id = c.id
  UNION ALL
  SELECT c.id,
         CASE WHEN c.decision_channel <> 'system' THEN 'paper_answer'
              WHEN c.next_term_start IS NOT NULL THEN 'confirmed'
              WHEN c.decision_approved = 1 THEN 'approved' ELSE 'declined' END,
         c.decided_user_id, COALESCE(c.decided_name, ''), COALESCE(c.decided_role, ''),
         COALESCE(c.decided_on_behalf_of, ''), COALESCE(c.decided_principal, ''),
         c.decided_at_us, COALESCE(c.decision_reason, ''), c.keha_diary_number,
         COALESCE(r.diary_number, ''),
         CASE WHEN c.decision_channel <> 'system' THEN c.decision_channel
              ELSE COALESCE(r.channel, 'system') END,
         r.date_received, c.deadline, COALESCE(c.decision_approved, 0), c.decision_date,
         c.decided_at_area,
         COALESCE((SELECT group_concat(n.name, char(10))
                   FROM (SELECT name FROM nominees WHERE case_id = c.id ORDER BY position) n),
                  ''),
         2, c.seq
  FROM cases c LEFT JOIN registrations r ON r.case_id = c.id
  WHERE c.decided_at_us IS NOT NULL
  UNION ALL
  SELECT c.id, 'withdrawn', c.withdrawn_user_id, COALESCE(c.withdrawn_name, ''),
         COALESCE(c.withdrawn_role, ''), COALESCE(c.withdrawn_on_behalf_of, ''),
         COALESCE(c.withdrawn_principal, ''), c.withdrawn_at_us, c.withdraw_reason,
         c.keha_diary_number, COALESCE(r.diary_number, ''), COALESCE(r.channel, 'system'),
         r.date_received, c.deadline, 0, NULL, '', '', 3, c.seq
  FROM cases c LEFT JOIN registrations r ON r.case_id = c.id
  WHERE c.withdrawn_at_us IS NOT NULL
)
ORDER BY at_us, case_seq, step;
