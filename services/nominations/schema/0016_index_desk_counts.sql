-- Issue 18 (the desk, docs/web.md "Desk"): KEHA's counts of every area's
-- cases by state and of the overdue ones are asked for the navigation of
-- every page, so they read an index, not the whole table. An area's counts
-- use cases_by_area_state (0003).
CREATE INDEX cases_by_state_overdue ON cases (state, overdue);
