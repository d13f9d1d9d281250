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

}  // namespace verkosto::nominations
