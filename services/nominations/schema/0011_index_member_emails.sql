-- Issue 16 (scale): a nominee's own memberships and the memberships of an
-- e-mail are found by the e-mail in force, compared without regard to case.
-- lower(COALESCE(contact, approval)) matched no index (a scan of every
-- membership); each side now has its own expression index.
CREATE INDEX memberships_by_lower_email ON memberships (lower(email));
CREATE INDEX membership_contacts_by_lower_email ON membership_contacts (lower(email));
