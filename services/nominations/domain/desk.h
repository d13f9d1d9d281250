#pragma once

// The desk (issue 18): what needs a person now, on their home page. The
// rules here are the order of a desk's cases and what "a term ends soon"
// means; the counts themselves are COUNT queries (storage/desk_queries.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"

namespace verkosto::nominations {

// A case as a desk lists it.
struct DeskCaseItem {
  std::string case_id;
  std::optional<Date> deadline;  // none: the case has no deadline
  int64_t sent_us = 0;           // when KEHA sent it or the registry logged it
};

// The desk's order: nearest deadline first (a case without one last), then
// the earliest sent, then the case id (so the order is total and stable).
bool DeskCaseBefore(const DeskCaseItem& a, const DeskCaseItem& b);

// Sorts `items` into the desk's order and keeps the first `limit`.
void OrderForDesk(std::vector<DeskCaseItem>& items, size_t limit);

// Days from `today` to `deadline`: 0 on the day, negative when past; 0 without one.
int DaysLeft(const Date& today, const std::optional<Date>& deadline);

// Does a term ending on `term_end` end "soon" on `today`: today or within
// `notice_days` days after it (a term already ended does not).
bool TermEndsSoon(const Date& today, const Date& term_end, int notice_days);

// Whose cases a desk counts: the actor's own area for a registry clerk,
// director or deputy; every area (an empty code) for KEHA, observers and
// admins; nullopt for anyone else (a nominee counts no cases).
std::optional<AreaCode> DeskScope(const Actor& actor);

}  // namespace verkosto::nominations
