#include "nominations/domain/case_acts.h"

namespace verkosto::nominations {

namespace {

constexpr ActKind kActKinds[] = {
    ActKind::kSent,        ActKind::kRegistered, ActKind::kLogged,    ActKind::kDeadlineExtended,
    ActKind::kReminder,    ActKind::kOverdue,    ActKind::kApproved,  ActKind::kDeclined,
    ActKind::kPaperAnswer, ActKind::kConfirmed,  ActKind::kWithdrawn,
};

// The part every act of `c` shares: the case, who and when, its numbers and
// deadline as they stand after the act.
CaseAct Base(const Case& c, const Audit& audit, ActKind kind) {
  CaseAct act;
  act.case_id = c.id;
  act.kind = kind;
  act.by = audit;
  act.keha_diary_number = c.keha_diary_number;
  if (c.registration) {
    act.diary_number = c.registration->diary_number;
    act.channel = c.registration->channel;
    act.date_received = c.registration->date_received;
  }
  act.deadline = c.deadline;
  return act;
}

std::vector<std::string> NomineeNames(const Decision& d) {
  std::vector<std::string> names;
  names.reserve(d.nominees.size());
  for (const Nominee& n : d.nominees) names.push_back(n.name);
  return names;
}

// "name: choice" per sitting member of a confirmation case, in order.
std::vector<std::string> AnswerLines(const Case& c, const Decision& d) {
  std::vector<std::string> lines;
  lines.reserve(d.answers.size());
  for (const ConfirmationAnswer& a : d.answers) {
    std::string name = a.membership.value();
    for (size_t i = 0; i < c.sitting.size() && i < c.sitting_names.size(); ++i) {
      if (c.sitting[i] == a.membership) name = c.sitting_names[i];
    }
    lines.push_back(name + ": " + std::string(ConfirmationChoiceName(a.choice)));
  }
  return lines;
}

CaseAct Decided(const Case& c, const Audit& audit, bool approved) {
  const Decision& d = *c.decision;
  if (d.from_paper()) {
    CaseAct act = Base(c, audit, ActKind::kPaperAnswer);
    act.channel = d.channel;
    act.approved = approved;
    act.decision_date = d.decision_date;
    act.decided_at_area = d.decided_at_area;
    act.names = NomineeNames(d);
    if (!approved) act.by.reason = d.reason;
    return act;
  }
  if (c.kind == CaseKind::kConfirmation) {
    CaseAct act = Base(c, audit, ActKind::kConfirmed);
    act.approved = approved;
    act.names = AnswerLines(c, d);
    return act;
  }
  CaseAct act = Base(c, audit, approved ? ActKind::kApproved : ActKind::kDeclined);
  act.approved = approved;
  if (approved) act.names = NomineeNames(d);
  if (!approved && act.by.reason.empty()) act.by.reason = d.reason;
  return act;
}

std::optional<CaseAct> Of(const RequestSent& e) {
  CaseAct act = Base(e.case_after, e.audit, ActKind::kSent);
  return act;
}
std::optional<CaseAct> Of(const CaseRegistered& e) {
  return Base(e.case_after, e.audit, ActKind::kRegistered);
}
std::optional<CaseAct> Of(const CaseLogged& e) {
  return Base(e.case_after, e.audit, ActKind::kLogged);
}
std::optional<CaseAct> Of(const CaseApproved& e) {
  if (!e.case_after.decision) return std::nullopt;
  return Decided(e.case_after, e.audit, true);
}
std::optional<CaseAct> Of(const CaseDeclined& e) {
  if (!e.case_after.decision) return std::nullopt;
  return Decided(e.case_after, e.audit, false);
}
std::optional<CaseAct> Of(const CaseWithdrawn& e) {
  CaseAct act = Base(e.case_after, e.audit, ActKind::kWithdrawn);
  if (act.by.reason.empty()) act.by.reason = e.case_after.withdraw_reason;
  return act;
}
std::optional<CaseAct> Of(const DeadlineExtended& e) {
  CaseAct act = Base(e.case_after, e.audit, ActKind::kDeadlineExtended);
  if (e.previous_deadline != Date{}) act.previous_deadline = e.previous_deadline;
  return act;
}
std::optional<CaseAct> Of(const ReminderDue& e) {
  CaseAct act = Base(e.case_after, e.audit, ActKind::kReminder);
  act.reminder_days = e.threshold;
  return act;
}
std::optional<CaseAct> Of(const CaseOverdue& e) {
  return Base(e.case_after, e.audit, ActKind::kOverdue);
}
template <typename Other>
std::optional<CaseAct> Of(const Other&) {
  return std::nullopt;
}

}  // namespace

std::string_view ActKindName(ActKind kind) {
  switch (kind) {
    case ActKind::kSent:
      return "sent";
    case ActKind::kRegistered:
      return "registered";
    case ActKind::kLogged:
      return "logged";
    case ActKind::kDeadlineExtended:
      return "deadline_extended";
    case ActKind::kReminder:
      return "reminder";
    case ActKind::kOverdue:
      return "overdue";
    case ActKind::kApproved:
      return "approved";
    case ActKind::kDeclined:
      return "declined";
    case ActKind::kPaperAnswer:
      return "paper_answer";
    case ActKind::kConfirmed:
      return "confirmed";
    case ActKind::kWithdrawn:
      return "withdrawn";
  }
  return "sent";
}

std::optional<ActKind> ActKindFromName(std::string_view name) {
  for (ActKind kind : kActKinds) {
    if (ActKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::optional<CaseAct> ActOf(const Event& event) {
  return std::visit([](const auto& e) { return Of(e); }, event);
}

std::vector<CaseAct> ActsOf(const std::vector<Event>& events) {
  std::vector<CaseAct> acts;
  acts.reserve(events.size());
  for (const Event& e : events) {
    if (std::optional<CaseAct> act = ActOf(e)) acts.push_back(std::move(*act));
  }
  return acts;
}

}  // namespace verkosto::nominations
