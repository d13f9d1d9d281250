-- Changes of members started by the area, and answers received on paper
-- (issue 17, items 4 and 6; docs/nominations.md).
--   started_by_area: a replacement the area's leadership started and decided
--     itself (ReplaceMember), not one KEHA asked for.
--   decision_channel: how the decision reached verkosto: 'system' when the
--     leadership decided in verkosto, 'letter', 'email' or 'other' when KEHA
--     recorded the area's answer on paper (RecordPaperAnswer); then
--     decision_date is the area's decision date and decided_at_area who
--     decided there, as the letter says.
-- A membership's end_reason may now also be 'recalled'.
ALTER TABLE cases ADD COLUMN started_by_area INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN decision_channel TEXT NOT NULL DEFAULT 'system';
ALTER TABLE cases ADD COLUMN decision_date TEXT;
ALTER TABLE cases ADD COLUMN decided_at_area TEXT NOT NULL DEFAULT '';
