#include "nominations/domain/gender_balance.h"

namespace verkosto::nominations {

std::string_view BalanceVerdictName(BalanceVerdict verdict) {
  switch (verdict) {
    case BalanceVerdict::kEmpty:
      return "empty";
    case BalanceVerdict::kMeets:
      return "meets";
    case BalanceVerdict::kBreaks:
      return "breaks";
    case BalanceVerdict::kCannotBeAssessed:
      return "cannot_be_assessed";
  }
  return "empty";
}

void GenderCounts::Add(Gender g) {
  switch (g) {
    case Gender::kWoman:
      ++women;
      return;
    case Gender::kMan:
      ++men;
      return;
    case Gender::kNotStated:
      ++not_stated;
      return;
  }
}

uint32_t RequiredEach(uint32_t total) {
  const uint64_t ceil40 = (uint64_t{total} * 2 + 4) / 5;  // ceil(2n / 5)
  const uint64_t half = uint64_t{total} / 2;
  return static_cast<uint32_t>(ceil40 < half ? ceil40 : half);
}

uint32_t Percent(uint32_t part, uint32_t total) {
  if (total == 0) return 0;
  return static_cast<uint32_t>((uint64_t{part} * 100 + uint64_t{total} / 2) / total);
}

BalanceVerdict Assess(const GenderCounts& counts) {
  const uint32_t total = counts.total();
  if (total == 0) return BalanceVerdict::kEmpty;
  const uint32_t need = RequiredEach(total);
  // Whatever the not-stated are: both already there.
  if (counts.women >= need && counts.men >= need) return BalanceVerdict::kMeets;
  // Even with every not-stated on the short side, one side stays short.
  if (counts.women + counts.not_stated < need || counts.men + counts.not_stated < need) {
    return BalanceVerdict::kBreaks;
  }
  // Both sides can reach `need` only together (women + men + not stated =
  // total >= 2 × need): it depends on the not-stated.
  return BalanceVerdict::kCannotBeAssessed;
}

BalanceVerdict Combine(BalanceVerdict members, BalanceVerdict deputies) {
  if (members == BalanceVerdict::kBreaks || deputies == BalanceVerdict::kBreaks) {
    return BalanceVerdict::kBreaks;
  }
  if (members == BalanceVerdict::kCannotBeAssessed ||
      deputies == BalanceVerdict::kCannotBeAssessed) {
    return BalanceVerdict::kCannotBeAssessed;
  }
  if (members == BalanceVerdict::kEmpty && deputies == BalanceVerdict::kEmpty) {
    return BalanceVerdict::kEmpty;
  }
  return BalanceVerdict::kMeets;
}

GenderBalance BalanceOf(const std::vector<MembershipRecord>& memberships) {
  GenderBalance out;
  for (const MembershipRecord& m : memberships) {
    if (!m.active()) continue;
    (m.person.seat == SeatKind::kDeputy ? out.deputies : out.members).Add(m.person.gender);
  }
  out.members_verdict = Assess(out.members);
  out.deputies_verdict = Assess(out.deputies);
  out.verdict = Combine(out.members_verdict, out.deputies_verdict);
  return out;
}

bool MaySeeBalance(const Actor& actor) {
  switch (actor.role) {
    case Role::kKehaCoordinator:
    case Role::kSystem:
      return true;
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      return !actor.area.empty();
    case Role::kRegistryClerk:
    case Role::kNominee:
    case Role::kObserver:
    case Role::kAdmin:
    case Role::kOperator:
    case Role::kUnspecified:
      return false;
  }
  return false;
}

}  // namespace verkosto::nominations
