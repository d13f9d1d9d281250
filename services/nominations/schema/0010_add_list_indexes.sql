-- Issue 16 (pagination): each list reads one page in its order from an index.
-- The registry's inbox and the director's inbox (area, state, newest first),
-- the journal (area, newest first), the matrix's cases (network, newest first).
CREATE INDEX cases_by_area_seq ON cases (area_code, seq);
CREATE INDEX cases_by_area_state_seq ON cases (area_code, state, seq);
CREATE INDEX cases_by_network_seq ON cases (network_code, seq);
-- A network's active members in page order (the matrix, ListMemberships).
CREATE INDEX memberships_by_network_area_id ON memberships (network_code, area_code, id);
-- Pending resignations of an area, oldest first.
CREATE INDEX resignation_requests_by_area_time ON resignation_requests (area_code, state, requested_at_us, id);
-- An area's memberships in page order (the area page, ListMemberships by area).
CREATE INDEX memberships_by_area_network_id ON memberships (area_code, network_code, id);
