#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "nominations/domain/events.h"
#include "nominations/domain/membership.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// Retention of nominees' personal data (docs/retention.md): when a
// membership has ended and enough time has passed, its contact data goes; the
// public record of the nomination stays. Pure rules; the service's daily job
// (service.h, RunRetention) applies them.

// What the nominations service keeps and for how long (the service maps
// config::RetentionConfig onto it).
struct RetentionPolicy {
  // Contact data of an ended membership is removed this many years after it
  // ended (>= 1).
  int contact_years = 2;

  friend bool operator==(const RetentionPolicy&, const RetentionPolicy&) = default;
};

// The contact fields retention removes, by their wire names: the work e-mail,
// the language messages go in, and the gender (issue 19, Equality Act 4 a §:
// only the current body's balance needs it). Name, title, municipality and seat are the
// public record (who represents which area, in what capacity) and stay.
const std::vector<std::string>& ContactFields();

// The first day on which the contact data of a membership that ended on
// `ended` is no longer kept: the same day `years` calendar years later (a
// 29 February end counts from 1 March when that year has none).
Date ContactRemovalDay(const Date& ended, int years);

// Whether `person` still holds contact data (a non-empty e-mail or language).
bool HoldsContactData(const Nominee& person);

// `person` without contact data: e-mail and language cleared, the rest as it was.
Nominee WithoutContactData(Nominee person);

// The memberships of `memberships` whose contact data is due on `today`:
// ended, ContactRemovalDay(ended, policy.contact_years) <= today, and still
// holding contact data (so a second run finds nothing). In the given order.
std::vector<MembershipRecord> DueForContactRemoval(const std::vector<MembershipRecord>& memberships,
                                                   const Date& today,
                                                   const RetentionPolicy& policy);

// The audit record of one retention run that removed something: which
// memberships lost their contact data, and the deciding cases whose nominee
// entries lost the same fields. Emitted as
// verkosto.nominations.v1.RetentionApplied; audit.reason summarises it.
struct RetentionApplied {
  Date run_date{};
  int contact_years = 0;
  std::vector<MembershipId> memberships;  // in the order removed
  std::vector<CaseId> cases;              // sorted, each once
  std::vector<std::string> fields;        // ContactFields()
  Audit audit;

  friend bool operator==(const RetentionApplied&, const RetentionApplied&) = default;
};

// The event for removing the contact data of `removed` on `today` by
// `actor` at `at`; nullopt when `removed` is empty (a run that removed
// nothing leaves no record).
std::optional<RetentionApplied> ContactDataRemoved(const std::vector<MembershipRecord>& removed,
                                                   const Date& today, const RetentionPolicy& policy,
                                                   const Actor& actor, TimePoint at);

}  // namespace verkosto::nominations
