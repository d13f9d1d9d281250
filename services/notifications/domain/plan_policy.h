#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "notifications/domain/policy.h"

namespace verkosto::notifications {

// The communication plan's part of the policy (docs/notifications.md):
// which of a network's events its plan's audiences hear about.

// The plan event a topic is, when the plan decides (some of) its recipients:
// network proposed/opened/changed/cancelled/closed early, membership ended,
// deadline extended, comment added, notes due; nullopt for the others.
std::optional<PlanEvent> PlanEventOf(Topic topic);

// Whether `m` is one of the members the plan's "members" reaches for
// `notice`: an active member of the notice's network with an address (for a
// network closed early also one whose membership ended with the network).
bool IsPlanMember(const Notice& notice, const MembershipInfo& m);

// The recipients the plan of the notice's network names for its event, each
// with template `template_name`:
//   all areas' leadership   -> leadership:<area> of every area
//   member areas' leadership / registry -> of each of notice.member_areas;
//                              for a deadline extended, of the case's area
//   members                 -> each active member of the network (by e-mail)
//   KEHA                    -> the coordinator who created the network, at the
//                              network's contact address
//   public                  -> public:fi, public:sv and public:en (no e-mail)
// Nobody when the notice has no network, the topic is no plan event, or the
// network's plan does not tell anyone of it.
std::vector<Recipient> PlanRecipients(const Notice& notice, const AreaMap& areas,
                                      const std::string& template_name);

// The notes reminder due today, if any: the term's start plus a whole
// positive number of `every_days`, the latest one not after `today` and not
// after the term's end. nullopt without a start or with every_days 0.
std::optional<Date> NotesDueOn(const std::optional<Date>& term_start,
                               const std::optional<Date>& term_end, uint32_t every_days,
                               const Date& today);

}  // namespace verkosto::notifications
