#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <vector>

#include "core/result.h"
#include "nominations/domain/national_view.h"

namespace verkosto::nominations {

// The national view's inputs, read straight from the read model and the
// cases (reads only; domain/national_view.h computes). Networks come in code
// order with their cadence (schema/0013) and participation; open cases are
// the undecided ones (awaiting registration or registered); memberships the
// active ones (not ended). `current_only` limits the memberships to proposed
// and open networks (the load warning's and the person loads' input).
Result<std::vector<ViewNetwork>> ReadViewNetworks(SQLite::Database& db);
Result<std::vector<ViewOpenCase>> ReadOpenCases(SQLite::Database& db);
Result<std::vector<ViewMembership>> ReadActiveMemberships(SQLite::Database& db, bool current_only);

// The active memberships of current networks held by the people of `people`
// (by PersonKey: the e-mail, compared without regard to case, through the
// lower(email) index of schema/0011; without an e-mail, the same name in the
// same area), for the approval's load warning: an approval reads the
// memberships of the people it names, not all of them.
Result<std::vector<ViewMembership>> ReadCurrentMembershipsOf(
    SQLite::Database& db, const std::vector<ViewMembership>& people);

}  // namespace verkosto::nominations
