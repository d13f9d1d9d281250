-- Confirmation requests for a renewed network (issue 17, item 3;
-- docs/nominations.md).
--
-- The read model keeps a pending renewal's next term (from networks'
-- Network.next_term); NULL when none is pending.
ALTER TABLE networks ADD COLUMN next_term_start TEXT;
ALTER TABLE networks ADD COLUMN next_term_end TEXT;

-- A confirmation case asks the area's leadership to confirm, replace or end
-- each sitting member for the renewed term next_term_start .. next_term_end.
-- cases.kind keeps its CHECK (nomination, replacement) from 0003, which
-- SQLite cannot alter without rebuilding the table its registrations,
-- nominees and memberships refer to: a confirmation case is stored with kind
-- 'nomination' and is told apart by next_term_start, which is set for
-- confirmation cases only (storage/sqlite_nomination_repository.cpp).
ALTER TABLE cases ADD COLUMN next_term_start TEXT;
ALTER TABLE cases ADD COLUMN next_term_end TEXT;

-- The sitting members a confirmation case asks about, in order, and once it
-- is decided the leadership's answer for each: 'confirm', 'replace' (with the
-- successor's membership id) or 'end' (with the reason).
CREATE TABLE confirmation_members (
  case_id        TEXT NOT NULL REFERENCES cases (id),
  position       INTEGER NOT NULL,
  membership_id  TEXT NOT NULL,
  name           TEXT NOT NULL DEFAULT '',  -- the member's name when asked
  answer         TEXT CHECK (answer IN ('confirm', 'replace', 'end')),
  reason         TEXT NOT NULL DEFAULT '',
  successor      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, position)
) WITHOUT ROWID;
CREATE INDEX confirmation_members_by_membership ON confirmation_members (membership_id);
