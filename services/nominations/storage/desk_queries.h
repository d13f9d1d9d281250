#pragma once

// The desk's reads (issue 18, domain/desk.h): counts, each one COUNT over an
// index, and short lists. Reads only.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/result.h"
#include "nominations/domain/desk.h"

namespace verkosto::nominations {

struct DeskCounts {
  uint32_t awaiting_registration = 0;
  uint32_t registered = 0;
  uint32_t approved = 0;
  uint32_t declined = 0;
  uint32_t withdrawn = 0;
  uint32_t overdue = 0;
  uint32_t participation_pending = 0;
  uint32_t terms_ending = 0;
  uint32_t networks_proposed = 0;
  uint32_t networks_open = 0;
  uint32_t areas = 0;
  uint32_t current_memberships = 0;
};

struct DeskCaseRow {
  DeskCaseItem item;
  std::string network_code, network_name_fi, network_name_sv;
  std::string area_code, area_name_fi, area_name_sv;
  std::string kind;  // nomination, replacement, confirmation
  bool overdue = false;
};

struct DeskNetworkRow {
  std::string code, name_fi, name_sv, status, term_start, term_end;
};

struct DeskMembershipRow {
  std::string id, name, seat, network_code, network_name_fi, network_name_sv;
  Date term_end;
};

struct DeskAreaRow {
  std::string code, name_fi, name_sv;
  uint32_t count = 0;
};

// The counts of DeskResponse. `area` empty: every area's cases. `leader`:
// also the area's pending participation decisions and the memberships whose
// network's term ends from `today` to `today` + `notice_days`. `national`:
// also the areas and the current memberships (the national picture).
// The networks by status are always counted.
Result<DeskCounts> ReadDeskCounts(SQLite::Database& db, const AreaCode& area, bool leader,
                                  const Date& today, int notice_days, bool national);

// `area`'s cases in `state` ("awaiting_registration" or "registered"), every
// one of them (an area's open cases are few; the caller orders and cuts).
Result<std::vector<DeskCaseRow>> ReadDeskCases(SQLite::Database& db, const AreaCode& area,
                                               const std::string& state);

// Proposed and open networks whose participation `area` has not decided,
// proposed first, then by code; at most `limit`.
Result<std::vector<DeskNetworkRow>> ReadPendingParticipation(SQLite::Database& db,
                                                             const AreaCode& area, size_t limit);

// `area`'s current memberships of open networks whose term ends from `today`
// to `today` + `notice_days`, nearest end first; at most `limit`.
Result<std::vector<DeskMembershipRow>> ReadTermsEnding(SQLite::Database& db, const AreaCode& area,
                                                       const Date& today, int notice_days,
                                                       size_t limit);

// Areas with undecided cases past their deadline, most first (then the
// directory's order); at most `limit`.
Result<std::vector<DeskAreaRow>> ReadOverdueAreas(SQLite::Database& db, size_t limit);

// Proposed networks, most recently changed first; at most `limit`.
Result<std::vector<DeskNetworkRow>> ReadProposals(SQLite::Database& db, size_t limit);

}  // namespace verkosto::nominations
