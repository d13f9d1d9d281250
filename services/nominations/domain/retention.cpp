#include "nominations/domain/retention.h"

#include <algorithm>

namespace verkosto::nominations {

const std::vector<std::string>& ContactFields() {
  static const std::vector<std::string> kFields = {"email", "language", "gender"};
  return kFields;
}

Date ContactRemovalDay(const Date& ended, int years) {
  const Date same_day = ended + std::chrono::years(years);
  if (same_day.ok()) return same_day;
  // 29 February in a year without one: the day after 28 February.
  return AddDays(Date(same_day.year(), std::chrono::February, std::chrono::day(28)), 1);
}

bool HoldsContactData(const Nominee& person) {
  return !person.email.empty() || person.language.has_value() ||
         person.gender != Gender::kNotStated;
}

Nominee WithoutContactData(Nominee person) {
  person.email.clear();
  person.language.reset();
  person.gender = Gender::kNotStated;  // issue 19: personal data too
  return person;
}

std::vector<MembershipRecord> DueForContactRemoval(const std::vector<MembershipRecord>& memberships,
                                                   const Date& today,
                                                   const RetentionPolicy& policy) {
  std::vector<MembershipRecord> due;
  for (const MembershipRecord& m : memberships) {
    if (!m.ended || !HoldsContactData(m.person)) continue;
    if (ContactRemovalDay(*m.ended, policy.contact_years) <= today) due.push_back(m);
  }
  return due;
}

std::optional<RetentionApplied> ContactDataRemoved(const std::vector<MembershipRecord>& removed,
                                                   const Date& today, const RetentionPolicy& policy,
                                                   const Actor& actor, TimePoint at) {
  if (removed.empty()) return std::nullopt;
  RetentionApplied event;
  event.run_date = today;
  event.contact_years = policy.contact_years;
  event.fields = ContactFields();
  for (const MembershipRecord& m : removed) {
    event.memberships.push_back(m.id);
    event.cases.push_back(m.case_id);
  }
  std::sort(event.cases.begin(), event.cases.end());
  event.cases.erase(std::unique(event.cases.begin(), event.cases.end()), event.cases.end());
  event.audit = MakeAudit(actor, at,
                          "retention: contact data of " + std::to_string(removed.size()) +
                              " memberships ended at least " +
                              std::to_string(policy.contact_years) + " years ago");
  return event;
}

}  // namespace verkosto::nominations
