-- Issue 17, item 5 (the national view): the burden of an area is its actual
-- memberships x the network's meeting cadence, so the read model keeps the
-- cadence of each network (from networks' events, as the other columns).
-- A network written before this migration reads 0 until its next event.
ALTER TABLE networks ADD COLUMN meetings_per_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE networks ADD COLUMN hours_per_meeting_tenths INTEGER NOT NULL DEFAULT 0;
