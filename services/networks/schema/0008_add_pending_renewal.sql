-- Renewal of a network for a new term (issue 17, item 3; docs/networks.md):
-- the reviewed definition of the next term (verkosto.networks.v1.NetworkDefinition),
-- NULL when no renewal is pending. It replaces `definition` when the current
-- term ends.
ALTER TABLE networks ADD COLUMN next_definition BLOB;
