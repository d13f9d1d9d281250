#include "nominations/domain/membership.h"

#include <algorithm>

namespace verkosto::nominations {

Result<Membership> Membership::Restore(MembershipRecord record, const Case& deciding_case) {
  const auto corrupt = [&record](const std::string& why) {
    return Status::Internal("membership " + record.id.value() + " cannot be restored: " + why);
  };
  if (deciding_case.id != record.case_id) return corrupt("the case given is not its case");
  if (deciding_case.state != CaseState::kApproved || !deciding_case.decision ||
      !deciding_case.decision->approved) {
    return corrupt("its case " + deciding_case.id.value() + " is not approved");
  }
  if (deciding_case.network != record.network || deciding_case.area != record.area) {
    return corrupt("its case is for another network or area");
  }
  const Decision& decision = *deciding_case.decision;
  const auto slot = std::find(decision.memberships.begin(), decision.memberships.end(), record.id);
  if (slot == decision.memberships.end()) return corrupt("the approval did not start it");
  const auto index = static_cast<size_t>(slot - decision.memberships.begin());
  if (index >= decision.nominees.size() || !(decision.nominees[index] == record.person)) {
    return corrupt("the approval named another person");
  }
  if (!deciding_case.registration ||
      deciding_case.registration->diary_number != record.diary_number) {
    return corrupt("its diary number differs from the case's");
  }
  return Membership(std::move(record));
}

}  // namespace verkosto::nominations
