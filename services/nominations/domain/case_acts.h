#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nominations/domain/events.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// A case's history (issue 18, item 2; docs/nominations.md, "A case's
// history"): one act per case event, kept durably beside the case (the
// outbox that carries the events is pruned by retention). An act says what
// was done, by whom, in which role, on whose behalf, when, and the numbers
// and reasons that go with it. It holds people's names, never contact data
// (e-mail, title), so retention has nothing to remove from it.
enum class ActKind {
  kSent,              // KEHA sent the request (keha_diary_number)
  kRegistered,        // the registry registered it (diary_number, date_received, channel)
  kLogged,            // the registry logged a request that came outside verkosto
  kDeadlineExtended,  // KEHA moved the deadline (previous_deadline -> deadline)
  kReminder,          // a reminder went out (reminder_days: 7 or 2)
  kOverdue,           // the deadline passed undecided
  kApproved,          // the leadership named `names`
  kDeclined,          // the leadership declined (reason)
  kPaperAnswer,       // KEHA recorded the area's answer on paper (channel, decided_at_area)
  kConfirmed,         // the leadership answered a confirmation case (`names`)
  kWithdrawn,         // KEHA (or the system) withdrew the case (reason)
};

// "sent", "registered", "logged", "deadline_extended", "reminder", "overdue",
// "approved", "declined", "paper_answer", "confirmed", "withdrawn": the wire,
// storage and message-key spelling.
std::string_view ActKindName(ActKind kind);
// Inverse of ActKindName; nullopt for an unknown name.
std::optional<ActKind> ActKindFromName(std::string_view name);

struct CaseAct {
  CaseId case_id;
  ActKind kind = ActKind::kSent;
  // Who, in which role, on whose behalf, when; by.reason is the act's
  // reason (decline, withdrawal), empty when it takes none.
  Audit by;
  std::string keha_diary_number;  // KEHA's diary number of the case
  std::string diary_number;       // the area's diary number, once registered
  Channel channel = Channel::kSystem;
  std::optional<Date> date_received{};      // registered, logged
  std::optional<Date> deadline{};           // the deadline after the act
  std::optional<Date> previous_deadline{};  // deadline_extended
  int reminder_days = 0;                    // reminder: 7 or 2
  bool approved = false;                    // paper_answer: approved or declined
  std::optional<Date> decision_date{};      // paper_answer: the area's decision date
  std::string decided_at_area;              // paper_answer: "name, title"
  // approved, paper_answer: the nominees' names; confirmed: "name: choice"
  // per sitting member.
  std::vector<std::string> names;

  friend bool operator==(const CaseAct&, const CaseAct&) = default;
};

// The act a case event records; nullopt for events of memberships and
// resignation requests (they have their own records).
std::optional<CaseAct> ActOf(const Event& event);

// The act of each case event of `events`, in order.
std::vector<CaseAct> ActsOf(const std::vector<Event>& events);

}  // namespace verkosto::nominations
