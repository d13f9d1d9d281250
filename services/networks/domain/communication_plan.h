#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace verkosto::networks {

// The communication plan as data that acts (issue 17): who hears of which of
// the network's events, through which channel. The notifications service
// delivers each event to the audiences of the effective plan
// (docs/notifications.md); the plan's free-text fields stay the human
// description that rule 2 asks for (CheckReadyToPublish).

enum class PlanAudience {
  kUnspecified = 0,
  kAllAreasLeadership = 1,     // the leadership (director, deputy) of every area
  kMemberAreasLeadership = 2,  // the leadership of the areas that take part
  kMemberAreasRegistry = 3,    // the registry of the areas that take part
  kMembers = 4,                // the network's active members
  kKeha = 5,                   // the KEHA coordinator who created the network
  kPublic = 6,                 // anyone: the public catalogue
};
// "all_areas_leadership", "member_areas_leadership", "member_areas_registry",
// "members", "keha", "public"; "unspecified".
std::string_view PlanAudienceName(PlanAudience audience);

enum class PlanChannel {
  kUnspecified = 0,
  kInboxEmail = 1,       // the recipients' inbox and e-mail
  kPublicCatalogue = 2,  // the network's public page (announcements)
};
// "inbox_email", "public_catalogue"; "unspecified".
std::string_view PlanChannelName(PlanChannel channel);

enum class PlanEvent {
  kUnspecified = 0,
  kProposed = 1,
  kOpened = 2,
  kChanged = 3,
  kCancelled = 4,
  kClosedEarly = 5,
  kMembershipEnded = 6,
  kDeadlineExtended = 7,
  kCommentAdded = 8,
  kNotesDue = 9,  // the cadence reminder to publish meeting notes
  kRenewed = 10,  // a new term (renewal)
};
// "proposed", "opened", "changed", "cancelled", "closed_early",
// "membership_ended", "deadline_extended", "comment_added", "notes_due",
// "renewed"; "unspecified".
std::string_view PlanEventName(PlanEvent event);

// One audience of the plan: the channel it is reached through and the events
// it hears about.
struct PlanTarget {
  PlanAudience audience = PlanAudience::kUnspecified;
  PlanChannel channel = PlanChannel::kUnspecified;
  std::vector<PlanEvent> events;

  friend bool operator==(const PlanTarget&, const PlanTarget&) = default;
};

// The communication plan (viestintäsuunnitelma) as structured data.
struct CommunicationPlan {
  std::vector<std::string> audiences;  // who is informed, e.g. "työllisyysalueiden johto"
  std::vector<std::string> channels;   // e.g. "Teams-kanava", "muistiot kirjaamon kautta"
  std::string cadence;                 // e.g. "kokousten jälkeen, 2 viikon sisällä"
  std::string responsible;             // who keeps the plan, e.g. "verkoston sihteeri"
  // The typed plan; empty = StandardTargets().
  std::vector<PlanTarget> targets;
  // Days between the reminders to publish the meeting notes; 0 = from the
  // meeting cadence (365 / meetings_per_year; none without meetings).
  uint32_t notes_every_days = 0;
  // Who gets that reminder; empty = the network's responsible contact.
  std::string responsible_email;

  friend bool operator==(const CommunicationPlan&, const CommunicationPlan&) = default;
};

// The channel an audience is reached through: the public catalogue for the
// public, inbox and e-mail for every other audience.
PlanChannel ChannelFor(PlanAudience audience);

// The plan used when a network's plan lists no targets:
//   all areas' leadership   proposed, opened, cancelled
//   member areas' leadership changed, closed early, deadline extended, renewed
//   member areas' registry  changed, closed early, deadline extended
//   members                 changed, closed early, renewed
//   KEHA                    membership ended, comment added, notes due
//   public (catalogue)      opened, changed, closed early
const std::vector<PlanTarget>& StandardTargets();

// The plan's targets, or StandardTargets() when it lists none.
const std::vector<PlanTarget>& EffectiveTargets(const CommunicationPlan& plan);

// Days between the notes reminders: notes_every_days, else 365 divided by
// the meetings per year (at least 1), else 0 (no reminder).
uint32_t EffectiveNotesEveryDays(const CommunicationPlan& plan, uint32_t meetings_per_year);

// responsible_email, else `contact_email` (the network's responsible contact).
const std::string& EffectiveResponsibleEmail(const CommunicationPlan& plan,
                                             const std::string& contact_email);

// The typed part's values: InvalidArgument for the first problem, naming it:
//   "communication_plan.targets[i].audience" unspecified, or given twice;
//   "communication_plan.targets[i].channel"  unspecified, or not the audience's
//                                           (public: catalogue; others: inbox/e-mail);
//   "communication_plan.targets[i].events"   none, unspecified, given twice, or
//                                           for the public other than proposed,
//                                           opened, changed, cancelled,
//                                           closed_early, renewed;
//   "communication_plan.responsible_email"  not an address, or too long;
//   "communication_plan.notes_every_days"   over 366.
Status ValidatePlanTargets(const CommunicationPlan& plan);

}  // namespace verkosto::networks
