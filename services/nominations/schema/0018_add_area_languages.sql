-- The area's official languages (issue 19, formal letters): "fi" or "fi,sv"
-- as the networks service's area directory lists them, comma-separated in
-- the directory's order. The first is the formal letters' language; a
-- bilingual area gets the other on request. Filled by the next
-- AreaDirectoryChanged; until then 'fi'.
ALTER TABLE areas ADD COLUMN languages TEXT NOT NULL DEFAULT 'fi';
