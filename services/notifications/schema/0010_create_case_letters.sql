-- Issue 19: the formal letters of cases (CaseLetterWritten from nominations),
-- attached to the e-mail of the act that made them: request -> RequestSent,
-- acknowledgement -> CaseRegistered / CaseLogged, decision -> CaseApproved /
-- CaseDeclined. A redelivered event changes nothing (the first copy stays;
-- nominations never rewrites a letter). Cleared with the case's last message
-- (retention, DeleteMessages).
CREATE TABLE case_letters (
  case_id      TEXT NOT NULL,
  kind         TEXT NOT NULL,  -- 'request' | 'acknowledgement' | 'decision'
  language     TEXT NOT NULL,  -- 'fi' | 'sv'
  sha256       TEXT NOT NULL,  -- lower-case hex, as nominations computed it
  filename     TEXT NOT NULL,  -- "<case id>-<kind>-<language>.pdf"
  pdf          BLOB NOT NULL,
  received_at  INTEGER NOT NULL,  -- unix microseconds
  PRIMARY KEY (case_id, kind, language)
) WITHOUT ROWID;
