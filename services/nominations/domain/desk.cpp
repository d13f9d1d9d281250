#include "nominations/domain/desk.h"

#include <algorithm>
#include <tuple>

namespace verkosto::nominations {

bool DeskCaseBefore(const DeskCaseItem& a, const DeskCaseItem& b) {
  if (a.deadline.has_value() != b.deadline.has_value()) return a.deadline.has_value();
  if (a.deadline && *a.deadline != *b.deadline) return *a.deadline < *b.deadline;
  return std::tie(a.sent_us, a.case_id) < std::tie(b.sent_us, b.case_id);
}

void OrderForDesk(std::vector<DeskCaseItem>& items, size_t limit) {
  std::sort(items.begin(), items.end(), DeskCaseBefore);
  if (items.size() > limit) items.resize(limit);
}

int DaysLeft(const Date& today, const std::optional<Date>& deadline) {
  return deadline ? DaysBetween(today, *deadline) : 0;
}

bool TermEndsSoon(const Date& today, const Date& term_end, int notice_days) {
  const int days = DaysBetween(today, term_end);
  return days >= 0 && days <= notice_days;
}

std::optional<AreaCode> DeskScope(const Actor& actor) {
  switch (actor.role) {
    case Role::kRegistryClerk:
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      // Never "every area" for a scoped role without one.
      if (actor.area.value().empty()) return std::nullopt;
      return actor.area;
    case Role::kKehaCoordinator:
    case Role::kObserver:
    case Role::kAdmin:
      return AreaCode();
    default:
      return std::nullopt;
  }
}

}  // namespace verkosto::nominations
