-- Formal letters (issue 19, item 1; docs/nominations.md, "Formal letters"):
-- the PDF of a case's request, registry acknowledgement and decision, one per
-- kind and language, rendered once and kept so the same bytes are returned
-- later (sha256 is the lower-case hex SHA-256 of pdf).
--   kind: request, acknowledgement, decision
--   language: fi, sv
CREATE TABLE case_letters (
  case_id        TEXT NOT NULL REFERENCES cases (id),
  kind           TEXT NOT NULL CHECK (kind IN ('request', 'acknowledgement', 'decision')),
  language       TEXT NOT NULL CHECK (language IN ('fi', 'sv')),
  sha256         TEXT NOT NULL,
  size_bytes     INTEGER NOT NULL,
  created_at_us  INTEGER NOT NULL,
  pdf            BLOB NOT NULL,
  PRIMARY KEY (case_id, kind, language)
);
