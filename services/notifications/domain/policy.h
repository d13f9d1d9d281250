#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "notifications/domain/types.h"

namespace verkosto::notifications {

// What happened, as far as telling people is concerned.
enum class Topic {
  kRequestSent,           // KEHA sent a case to an area
  kCaseRegistered,        // the registry logged it (also a case logged from e-mail/letter)
  kCaseApproved,          // the leadership named nominees
  kCaseDeclined,          // the leadership declined
  kCaseWithdrawn,         // KEHA withdrew the case
  kCaseOverdue,           // the deadline passed undecided
  kReminderDue,           // 7 or 2 working days before the deadline
  kNetworkProposed,       // a network open for the areas' comments
  kParticipationDecided,  // an area decided whether it takes part
  kTermEnding,            // a network's term ends within the notice period
  kTermEnded,             // a network's term ended
  kResignationRequested,  // a member asked their area's leadership to record their resignation
  // The area's leadership ended a membership: replaced (by its own decision
  // or a replacement case), recalled, or recorded a resignation; or a renewed
  // network's new term started without the membership (not renewed).
  kMembershipEnded,
  // The communication plan (plan_policy.h): told to the plan's audiences.
  kNetworkOpened,       // a network opened for nominations
  kNetworkChanged,      // an open (or proposed) network's definition changed
  kNetworkCancelled,    // a draft or proposed network was cancelled
  kNetworkClosedEarly,  // KEHA closed an open network before its term ended
  kCommentAdded,        // an area commented on a network
  kDeadlineExtended,    // KEHA extended a case's deadline
  kNotesDue,            // the cadence reminder to publish the meeting notes
  kNetworkRenewed,      // KEHA renewed an open network for a new term
};

// "request_sent", "case_registered", ... (stable; used in template names).
std::string_view TopicName(Topic topic);

// One event as facts. Fields not relevant to the topic stay empty.
struct Notice {
  Topic topic = Topic::kRequestSent;
  // Full protobuf name of the event ("verkosto.nominations.v1.CaseApproved"),
  // or "verkosto.notifications.TermEnding" for the service's own timer.
  std::string event_type;
  std::optional<CaseInfo> case_info;   // case topics
  std::optional<NetworkInfo> network;  // when known
  AreaCode area;                       // kParticipationDecided
  bool takes_part = false;             // kParticipationDecided
  std::string reason;                  // kParticipationDecided (declines)
  std::string actor_name;              // who did it, for the text
  uint32_t working_days_left = 0;      // kReminderDue
  int days_left = 0;                   // kTermEnding
  // kReminderDue: the step it is about, and whether it is escalated (still
  // unregistered at the 2-day reminder: the area's leadership is told too).
  ReminderStep reminder_step = ReminderStep::kUnspecified;
  bool escalated = false;
  // kTermEnding/kTermEnded: the network's members; kResignationRequested:
  // the member who asked (reason in `reason`, area in `area`);
  // kMembershipEnded: the member whose membership ended (its end_reason; the
  // leadership's reason, if any, in `reason`).
  std::vector<MembershipInfo> members;
  // For the plan's audiences (plan_policy.h): the areas that take part (their
  // current decision is takes-part, or they have an active member) and the
  // network's active members.
  std::vector<AreaCode> member_areas;
  std::vector<MembershipInfo> network_members;
  // kNetworkChanged: the fields that changed (reason in `reason`).
  std::vector<std::string> changed_fields;
  // kDeadlineExtended: the deadline before (the new one is the case's).
  std::string previous_deadline;
  // kNotesDue: the due date (YYYY-MM-DD).
  std::string due_date;
  // kNetworkRenewed: the new term's dates (YYYY-MM-DD) from the reviewed
  // definition; the network's own term is still the old one.
  std::string next_term_start;
  std::string next_term_end;
};

// One recipient of a notice: a mailbox (one inbox message) and the e-mail
// addresses it reaches (one delivery each).
struct Recipient {
  std::string mailbox;
  // Template to render, e.g. "case_approved_nominee".
  std::string template_name;
  // Known addresses; may be empty (inbox only, unless the mailbox's
  // preferences give one).
  std::vector<std::string> emails;
  // The person's own language (a nominee's), if known.
  std::optional<Language> language;
  // The area whose language is the fallback; empty = none (Finnish).
  AreaCode area;
  friend bool operator==(const Recipient&, const Recipient&) = default;
};

// The policy: who is told about `notice`, with which template. Pure: depends
// on the notice and the areas (contacts, languages) only.
//   request sent        -> registry of the case's area
//   case registered     -> leadership (director and deputy) of the area
//   approved            -> the KEHA sender; each nominee (by e-mail mailbox)
//   declined, withdrawn -> the KEHA sender
//   overdue             -> the KEHA sender; leadership and registry of the area
//   reminder            -> by step: registration -> the area's registry (and,
//                          escalated, its leadership); decision -> the area's
//                          leadership; unspecified (old events) -> both
//   network proposed    -> leadership of every area
//   participation       -> the KEHA coordinator who created the network
//   term ending / ended -> each member, and the leadership of each member's area
//   resignation requested -> the leadership of the member's area (to record
//                         it; rule 3), and the member (a confirmation)
//   membership ended (replaced, recalled, resigned, not renewed) -> the member, the
//                         leadership of the member's area, and KEHA: the
//                         coordinator who created the network (as for
//                         participation decisions). Term ends and closed
//                         networks have their own notices and are not told
//                         again. Also the plan's audiences of membership_ended.
//   network opened, changed, cancelled, closed early, comment added,
//   deadline extended -> the audiences of the network's plan that hear of the
//                         event (plan_policy.h; network proposed adds them to
//                         its fixed recipients too)
//   notes due           -> the plan's responsible e-mail, the KEHA creator and
//                         the plan's audiences of notes_due
// Never a person ("email:" mailbox) without an approved nomination: persons
// are recipients only of an approved case, of their own membership's term,
// and (by the plan) of their own network's events; the notes reminder also
// reaches the plan's responsible address.
// Mailboxes are unique in the result; addresses are lower-cased and unique.
std::vector<Recipient> Recipients(const Notice& notice, const AreaMap& areas);

// Recipient preference, else the person's language, else the area's, else Finnish.
Language ResolveLanguage(const std::optional<Language>& preference, const Recipient& recipient,
                         const AreaMap& areas);

// What a template may show: named strings, flags for sections, and lists.
struct View {
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;
  std::map<std::string, std::vector<std::string>> lists;
};

// The fields of the message to `recipient` in `language`: network name (in
// the language), area name, dates, people, goals, term, communication plan,
// the network's disclaimer that networks do not speak for the areas (rule 6,
// as its events carry it; flag has_disclaimer, false only for a network not
// known yet), and `link` (relative web UI path, prefixed by `link_base`).
View BuildView(const Notice& notice, const Recipient& recipient, Language language,
               const AreaMap& areas, const std::string& link_base);

// The web UI path the message points to: "/cases/<id>" for case topics,
// "/networks/<code>" otherwise; empty when neither is known.
std::string LinkOf(const Notice& notice);

// "30.4.2026" (fi, sv) or "30 April 2026" (en); the text unchanged if not a date.
std::string FormatDate(const std::string& iso_date, Language language);

}  // namespace verkosto::notifications
