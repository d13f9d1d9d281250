-- Issue 16 (pagination): an area's participation decisions (the burden, the
-- networks an area decided on) without scanning every network's.
CREATE INDEX participation_by_area ON participation_decisions (area_code, network_code, id);
