-- Equality Act (609/1986) 4 a § (issue 19, item 4; docs/nominations.md,
-- "Gender balance"): a nominee's gender as the approval recorded it
-- ('woman', 'man'; '' = not stated, also every earlier row), kept on the
-- decision's nominee and on the membership it started; and whether KEHA
-- asked the area to propose a woman and a man for each seat.
ALTER TABLE nominees ADD COLUMN gender TEXT NOT NULL DEFAULT ''
  CHECK (gender IN ('', 'woman', 'man'));
ALTER TABLE memberships ADD COLUMN gender TEXT NOT NULL DEFAULT ''
  CHECK (gender IN ('', 'woman', 'man'));
ALTER TABLE cases ADD COLUMN ask_woman_and_man INTEGER NOT NULL DEFAULT 0;
