#include "nominations/domain/workflow.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <utility>

#include "core/case_ids.h"
#include "core/email.h"
#include "core/limits.h"
#include "core/text.h"
#include "nominations/domain/confirmation.h"
#include "nominations/domain/member_changes.h"
#include "nominations/domain/permissions.h"
#include "nominations/domain/working_days.h"

namespace verkosto::nominations {

// The one class that creates and ends memberships; declared in membership.h,
// defined here only. Create is called from ApproveCase and nowhere else.
class internal::MembershipWriter {
 public:
  static Membership Create(MembershipRecord record) { return Membership(std::move(record)); }
  static Membership End(const Membership& m, const Date& on, EndReason reason, const Stamp& by,
                        std::string note, MembershipId replaced_by = {}) {
    MembershipRecord record = m.record();
    record.ended = on;
    record.end_reason = reason;
    record.ended_by = by;
    record.end_note = std::move(note);
    record.replaced_by = std::move(replaced_by);
    return Membership(std::move(record));
  }
};

using internal::MembershipWriter;

namespace {

bool Before(const Date& a, const Date& b) {
  return std::chrono::sys_days(a) < std::chrono::sys_days(b);
}

// A required text of at most `max` characters (limits.h).
Status RequireText(std::string_view value, const std::string& field, size_t max) {
  if (text::Trim(value).empty()) return Status::InvalidArgument(field, "is required");
  return limits::CheckLength(value, max, field);
}

Status RequireOpenNetwork(const NetworkView& network) {
  if (network.status != NetworkStatus::kOpen) {
    return Status::FailedPrecondition("network " + network.code.value() +
                                      " is not open for nominations");
  }
  return Status::Ok();
}

Status RequireNotDeclined(const NetworkView& network, const AreaCode& area) {
  const auto it = network.areas.find(area);
  if (it != network.areas.end() && it->second == Participation::kDeclines) {
    return Status::FailedPrecondition("area_code",
                                      "area " + area.value() + " has declined to take part in " +
                                          network.code.value() +
                                          "; it gets no requests until it changes its decision");
  }
  return Status::Ok();
}

Status RequireSeats(const Seats& seats) {
  if (seats.members == 0 && seats.deputies == 0) {
    return Status::InvalidArgument("seats", "ask for at least one member or deputy seat");
  }
  return Status::Ok();
}

Status RequireDeadlineNotPast(const Date& deadline, const Date& today) {
  if (!deadline.ok()) return Status::InvalidArgument("deadline", "is not a valid date");
  if (Before(deadline, today)) {
    return Status::InvalidArgument("deadline", FormatIsoDate(deadline) + " is in the past");
  }
  return Status::Ok();
}

// Every command on an existing case needs it undecided and not withdrawn.
Status RequireOpenCase(const Case& c) {
  switch (c.state) {
    case CaseState::kAwaitingRegistration:
    case CaseState::kRegistered:
      return Status::Ok();
    case CaseState::kApproved:
    case CaseState::kDeclined:
      return Status::FailedPrecondition("case " + c.id.value() + " is already decided (" +
                                        std::string(CaseStateName(c.state)) + ")");
    case CaseState::kWithdrawn:
      return Status::FailedPrecondition("case " + c.id.value() + " was withdrawn");
  }
  return Status::Internal("case " + c.id.value() + " has an unknown state");
}

// Rule 4: the leadership acts only on a registered, undecided, unwithdrawn case.
// The caller's loading gave the case's own network and, for a replacement
// case only, the membership it replaces: anything else is a bug (internal).
Status RequireConsistentInputs(const Case& c, const NetworkView& network,
                               const Membership* replaced) {
  if (network.code != c.network) {
    return Status::Internal("network view " + network.code.value() + " is not case " +
                            c.id.value() + "'s network");
  }
  if (c.kind == CaseKind::kReplacement) {
    if (replaced == nullptr || replaced->id() != c.replaced_membership) {
      return Status::Internal("replacement case " + c.id.value() + " needs membership " +
                              c.replaced_membership.value());
    }
  } else if (replaced != nullptr) {
    return Status::Internal("nomination case " + c.id.value() + " replaces no membership");
  }
  return Status::Ok();
}

// A confirmation case is decided with one answer per sitting member
// (DecideConfirmation, confirmation.h), never approved or declined as a whole.
Status RequireNotConfirmation(const Case& c) {
  if (c.kind == CaseKind::kConfirmation) {
    return Status::FailedPrecondition("case " + c.id.value() +
                                      " is a confirmation request: confirm, replace or end each "
                                      "sitting member");
  }
  return Status::Ok();
}

Status RequireDecidable(const Case& c) {
  VERKOSTO_RETURN_IF_ERROR(RequireOpenCase(c));
  if (c.state == CaseState::kAwaitingRegistration) {
    return Status::FailedPrecondition("case " + c.id.value() +
                                      " must be registered by the area's registry before its "
                                      "leadership can decide it");
  }
  return Status::Ok();
}

Status CheckDiaryNumber(const std::string& diary_number, const DiaryNumberInUse& in_use) {
  VERKOSTO_RETURN_IF_ERROR(RequireText(diary_number, "diary_number", limits::kReference));
  if (in_use && in_use(diary_number)) {
    return Status::AlreadyExists("diary_number",
                                 "diary number '" + diary_number + "' is already used in the area");
  }
  return Status::Ok();
}

bool IsShortDeadline(const Date& from, const Date& deadline) {
  return WorkingDaysBetween(from, deadline) < kShortDeadlineWorkingDays;
}

Status ValidateNominees(const Seats& seats, const std::vector<Nominee>& nominees) {
  if (nominees.empty()) return Status::InvalidArgument("nominees", "name at least one nominee");
  uint32_t members = 0;
  uint32_t deputies = 0;
  std::set<std::string> emails;
  for (size_t i = 0; i < nominees.size(); ++i) {
    const Nominee& n = nominees[i];
    const std::string prefix = "nominees[" + std::to_string(i) + "].";
    VERKOSTO_RETURN_IF_ERROR(RequireText(n.name, prefix + "name", limits::kName));
    VERKOSTO_RETURN_IF_ERROR(RequireText(n.title, prefix + "title", limits::kName));
    VERKOSTO_RETURN_IF_ERROR(RequireText(n.municipality, prefix + "municipality", limits::kName));
    if (!IsValidEmail(n.email)) {
      return Status::InvalidArgument(prefix + "email",
                                     "'" + n.email + "' is not an e-mail address");
    }
    std::string lower = n.email;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char ch) {
      return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    });
    if (!emails.insert(lower).second) {
      return Status::InvalidArgument(prefix + "email", n.email + " is named twice");
    }
    (n.seat == SeatKind::kMember ? members : deputies) += 1;
  }
  if (members > seats.members || deputies > seats.deputies) {
    return Status::InvalidArgument(
        "nominees", std::to_string(members) + " members and " + std::to_string(deputies) +
                        " deputies named, but " + std::to_string(seats.members) + " member and " +
                        std::to_string(seats.deputies) + " deputy seats were asked");
  }
  return Status::Ok();
}

Date Later(const Date& a, const Date& b) { return Before(a, b) ? b : a; }

// The reminder days of a deadline that are still ahead of `today` are armed
// (not fired); the others count as fired: their moment has passed.
void ArmReminders(Case& c, const Date& today) {
  if (!c.deadline) return;
  c.reminder_7_fired = !Before(today, SubtractWorkingDays(*c.deadline, kFirstReminderWorkingDays));
  c.reminder_2_fired = !Before(today, SubtractWorkingDays(*c.deadline, kSecondReminderWorkingDays));
}

}  // namespace

CaseId MakeCaseId(const RequestId& request, const AreaCode& area) {
  return CaseId(request.value() + kIdPartSeparator + area.value());
}

// ---------------------------------------------------------------------------

Result<SendRequestOutcome> SendRequest(const NetworkView& network,
                                       const SendRequestCommand& command, const Actor& actor,
                                       TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kSendRequest));
  VERKOSTO_RETURN_IF_ERROR(RequireOpenNetwork(network));
  const Date today = HelsinkiDate(now);
  VERKOSTO_RETURN_IF_ERROR(
      RequireText(command.request_id.value(), "request_id", limits::kReference));
  VERKOSTO_RETURN_IF_ERROR(RequireSeats(command.seats));
  VERKOSTO_RETURN_IF_ERROR(RequireDeadlineNotPast(command.deadline, today));
  VERKOSTO_RETURN_IF_ERROR(
      RequireText(command.covering_message, "covering_message", limits::kText));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(command.keha_diary_number, limits::kReference, "keha_diary_number"));

  SendRequestOutcome out;
  std::vector<AreaCode> targets;
  if (command.areas.empty()) {
    for (const auto& [area, participation] : network.areas) {
      if (participation == Participation::kDeclines) {
        out.skipped_declined_areas.push_back(area);
      } else {
        targets.push_back(area);
      }
    }
    if (targets.empty()) {
      return Status::FailedPrecondition(
          FieldName(kAreasField),
          "every area has declined to take part in " + network.code.value());
    }
  } else {
    std::set<AreaCode> seen;
    std::vector<std::string> unknown;  // area codes, for the messages
    std::vector<std::string> declined;
    for (const AreaCode& area : command.areas) {
      if (!seen.insert(area).second) {
        return Status::InvalidArgument(std::string(kAreasField),
                                       "area " + area.value() + " is named twice");
      }
      const auto it = network.areas.find(area);
      if (it == network.areas.end()) {
        unknown.push_back(area.value());
      } else if (it->second == Participation::kDeclines) {
        declined.push_back(area.value());
      }
    }
    if (!unknown.empty()) {
      return Status::InvalidArgument(std::string(kAreasField),
                                     "unknown areas: " + text::Join(unknown, ", "));
    }
    if (!declined.empty()) {
      return Status::FailedPrecondition(
          FieldName(kAreasField), "these areas have declined to take part in " +
                                      network.code.value() +
                                      " and get no requests until they change their decision: " +
                                      text::Join(declined, ", "));
    }
    targets.assign(seen.begin(), seen.end());
  }

  out.short_deadline = IsShortDeadline(today, command.deadline);
  const Stamp sent = MakeStamp(actor, now);
  for (const AreaCode& area : targets) {
    Case c;
    c.id = MakeCaseId(command.request_id, area);
    c.request_id = command.request_id;
    c.network = network.code;
    c.area = area;
    c.kind = CaseKind::kNomination;
    c.state = CaseState::kAwaitingRegistration;
    c.seats = command.seats;
    c.deadline = command.deadline;
    c.short_deadline = out.short_deadline;
    c.covering_message = command.covering_message;
    c.ask_woman_and_man = command.ask_woman_and_man;
    c.keha_diary_number = command.keha_diary_number;
    c.opened = today;
    c.sent = sent;
    ArmReminders(c, today);
    out.events.emplace_back(RequestSent{c, MakeAudit(actor, now)});
    out.cases.push_back(std::move(c));
  }
  return out;
}

Result<CaseOutcome> RequestReplacement(const NetworkView& network, const Membership& membership,
                                       const RequestReplacementCommand& command, const Actor& actor,
                                       TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kRequestReplacement));
  const MembershipRecord& m = membership.record();
  if (network.code != m.network) {
    return Status::Internal("network view " + network.code.value() + " is not membership " +
                            m.id.value() + "'s network");
  }
  if (!m.active()) {
    return Status::FailedPrecondition("membership " + m.id.value() + " has already ended");
  }
  VERKOSTO_RETURN_IF_ERROR(RequireOpenNetwork(network));
  VERKOSTO_RETURN_IF_ERROR(RequireNotDeclined(network, m.area));
  const Date today = HelsinkiDate(now);
  VERKOSTO_RETURN_IF_ERROR(
      RequireText(command.request_id.value(), "request_id", limits::kReference));
  VERKOSTO_RETURN_IF_ERROR(RequireDeadlineNotPast(command.deadline, today));
  VERKOSTO_RETURN_IF_ERROR(
      RequireText(command.covering_message, "covering_message", limits::kText));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(command.keha_diary_number, limits::kReference, "keha_diary_number"));

  Case c;
  c.id = MakeCaseId(command.request_id, m.area);
  c.request_id = command.request_id;
  c.network = m.network;
  c.area = m.area;
  c.kind = CaseKind::kReplacement;
  c.state = CaseState::kAwaitingRegistration;
  c.seats = m.person.seat == SeatKind::kMember ? Seats{1, 0} : Seats{0, 1};
  c.deadline = command.deadline;
  c.short_deadline = IsShortDeadline(today, command.deadline);
  c.covering_message = command.covering_message;
  c.keha_diary_number = command.keha_diary_number;
  c.opened = today;
  c.sent = MakeStamp(actor, now);
  c.replaced_membership = m.id;
  ArmReminders(c, today);
  CaseOutcome out{c, {}};
  out.events.emplace_back(RequestSent{std::move(c), MakeAudit(actor, now)});
  return out;
}

Result<CaseOutcome> WithdrawCase(const Case& c, const WithdrawCommand& command, const Actor& actor,
                                 TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kWithdrawCase));
  VERKOSTO_RETURN_IF_ERROR(RequireOpenCase(c));
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.reason, "reason", limits::kReason));
  CaseOutcome out{c, {}};
  out.case_after.state = CaseState::kWithdrawn;
  out.case_after.withdrawn = MakeStamp(actor, now);
  out.case_after.withdraw_reason = command.reason;
  out.events.emplace_back(CaseWithdrawn{out.case_after, MakeAudit(actor, now, command.reason)});
  return out;
}

Result<CaseOutcome> ExtendDeadline(const Case& c, const ExtendDeadlineCommand& command,
                                   const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kExtendDeadline));
  VERKOSTO_RETURN_IF_ERROR(RequireOpenCase(c));
  const Date today = HelsinkiDate(now);
  VERKOSTO_RETURN_IF_ERROR(RequireDeadlineNotPast(command.deadline, today));
  if (c.deadline && !Before(*c.deadline, command.deadline)) {
    return Status::InvalidArgument(
        "deadline", "the new deadline " + FormatIsoDate(command.deadline) + " must be later than " +
                        FormatIsoDate(*c.deadline));
  }
  CaseOutcome out{c, {}};
  Case& after = out.case_after;
  after.deadline = command.deadline;
  after.overdue = false;
  after.short_deadline = IsShortDeadline(c.opened, command.deadline);
  ArmReminders(after, today);
  out.events.emplace_back(
      DeadlineExtended{after, MakeAudit(actor, now), c.deadline.value_or(Date{})});
  return out;
}

Result<CaseOutcome> RegisterCase(const Case& c, const RegisterCommand& command,
                                 const DiaryNumberInUse& diary_number_in_use, const Actor& actor,
                                 TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kRegisterCase, c.area));
  if (c.state != CaseState::kAwaitingRegistration) {
    VERKOSTO_RETURN_IF_ERROR(RequireOpenCase(c));
    return Status::FailedPrecondition("case " + c.id.value() + " is already registered");
  }
  const Date today = HelsinkiDate(now);
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.organisation, "organisation", limits::kName));
  if (!command.date_received.ok() || Before(today, command.date_received) ||
      Before(command.date_received, c.opened)) {
    return Status::InvalidArgument(
        "date_received",
        "must be between the day the request was sent (" + FormatIsoDate(c.opened) + ") and today");
  }
  VERKOSTO_RETURN_IF_ERROR(CheckDiaryNumber(command.diary_number, diary_number_in_use));

  CaseOutcome out{c, {}};
  Case& after = out.case_after;
  after.state = CaseState::kRegistered;
  after.registration = Registration{command.diary_number,
                                    command.organisation,
                                    command.date_received,
                                    MakeStamp(actor, now),
                                    Channel::kSystem,
                                    {},
                                    {}};
  out.events.emplace_back(CaseRegistered{after, MakeAudit(actor, now)});
  return out;
}

Result<CaseOutcome> LogIncomingRequest(const NetworkView& network,
                                       const LogIncomingCommand& command,
                                       const DiaryNumberInUse& diary_number_in_use,
                                       const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kLogIncomingRequest, command.area));
  VERKOSTO_RETURN_IF_ERROR(RequireOpenNetwork(network));
  if (!network.areas.contains(command.area)) {
    return Status::InvalidArgument("area_code", "unknown area " + command.area.value());
  }
  VERKOSTO_RETURN_IF_ERROR(RequireNotDeclined(network, command.area));
  const Date today = HelsinkiDate(now);
  VERKOSTO_RETURN_IF_ERROR(
      RequireText(command.request_id.value(), "request_id", limits::kReference));
  if (command.channel == Channel::kSystem) {
    return Status::InvalidArgument("channel",
                                   "log e-mail, letter or other; requests sent through verkosto "
                                   "are registered, not logged");
  }
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.sender, "sender", limits::kLine));
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.subject, "subject", limits::kLine));
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.organisation, "organisation", limits::kName));
  VERKOSTO_RETURN_IF_ERROR(RequireSeats(command.seats));
  if (!command.date_received.ok() || Before(today, command.date_received)) {
    return Status::InvalidArgument("date_received", "must not be in the future");
  }
  if (command.deadline &&
      (!command.deadline->ok() || Before(*command.deadline, command.date_received))) {
    return Status::InvalidArgument("deadline", "must not be before the day it was received");
  }
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(command.covering_message, limits::kText, "covering_message"));
  VERKOSTO_RETURN_IF_ERROR(CheckDiaryNumber(command.diary_number, diary_number_in_use));

  Case c;
  c.id = MakeCaseId(command.request_id, command.area);
  c.request_id = command.request_id;
  c.network = network.code;
  c.area = command.area;
  c.kind = CaseKind::kNomination;
  c.state = CaseState::kRegistered;
  c.seats = command.seats;
  c.deadline = command.deadline;
  c.short_deadline = command.deadline && IsShortDeadline(command.date_received, *command.deadline);
  c.covering_message = command.covering_message;
  c.opened = command.date_received;
  c.registration = Registration{command.diary_number,  command.organisation, command.date_received,
                                MakeStamp(actor, now), command.channel,      command.sender,
                                command.subject};
  ArmReminders(c, today);
  if (c.deadline && Before(*c.deadline, today)) c.overdue = true;
  CaseOutcome out{c, {}};
  out.events.emplace_back(CaseLogged{std::move(c), MakeAudit(actor, now)});
  return out;
}

namespace {

// The approval itself, shared by every leadership decision that names people
// (ApproveCase, ReplaceMember, RecordPaperAnswer): `decision` (approved, its
// nominees and stamp) on the case, one membership per nominee starting on
// `start`, and the end of `replaced` on `end_day` if it is still active.
// Events: CaseApproved, MembershipEnded (replaced), MembershipStarted each.
ApprovalOutcome Decide(const Case& c, Decision decision, const Date& start, const Date& end_day,
                       const Membership* replaced, const Audit& audit) {
  ApprovalOutcome out;
  out.case_after = c;
  Case& after = out.case_after;
  after.state = CaseState::kApproved;
  after.decision = std::move(decision);
  const Stamp decided = after.decision->decided;
  std::vector<MembershipRecord> records;
  records.reserve(after.decision->nominees.size());
  for (size_t i = 0; i < after.decision->nominees.size(); ++i) {
    MembershipRecord r;
    r.id = MembershipId(c.id.value() + kIdPartSeparator + std::to_string(i + 1));
    r.network = c.network;
    r.area = c.area;
    r.person = after.decision->nominees[i];
    r.case_id = c.id;
    r.diary_number = c.registration->diary_number;
    r.decided = decided;
    r.started = start;
    r.replaces = c.replaced_membership;
    after.decision->memberships.push_back(r.id);
    records.push_back(std::move(r));
  }
  out.events.emplace_back(CaseApproved{after, audit});
  if (replaced != nullptr) {
    if (replaced->active()) {
      out.replaced = MembershipWriter::End(*replaced, end_day, EndReason::kReplaced, decided,
                                           audit.reason, records.front().id);
      Audit ended = audit;
      ended.reason = std::string(EndReasonName(EndReason::kReplaced));
      if (!audit.reason.empty()) ended.reason += ": " + audit.reason;
      out.events.emplace_back(MembershipEnded{out.replaced->record(), std::move(ended)});
    } else {
      out.replaced = *replaced;
    }
  }
  for (MembershipRecord& r : records) {
    Audit started = audit;
    started.reason.clear();
    out.events.emplace_back(MembershipStarted{r, std::move(started)});
    out.started.push_back(MembershipWriter::Create(std::move(r)));
  }
  return out;
}

}  // namespace

Result<ApprovalOutcome> ApproveCase(const Case& c, const NetworkView& network,
                                    const ApproveCommand& command, const Membership* replaced,
                                    const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kDecideCase, c.area));
  VERKOSTO_RETURN_IF_ERROR(RequireDecidable(c));
  VERKOSTO_RETURN_IF_ERROR(RequireNotConfirmation(c));
  VERKOSTO_RETURN_IF_ERROR(RequireConsistentInputs(c, network, replaced));
  if (!c.registration) {
    return Status::Internal("registered case " + c.id.value() + " has no registration");
  }
  VERKOSTO_RETURN_IF_ERROR(RequireOpenNetwork(network));
  VERKOSTO_RETURN_IF_ERROR(RequireNotDeclined(network, c.area));
  VERKOSTO_RETURN_IF_ERROR(ValidateNominees(c.seats, command.nominees));

  const Date today = HelsinkiDate(now);
  return Decide(c, Decision{true, {}, command.nominees, {}, MakeStamp(actor, now)},
                Later(today, network.term_start), today, replaced, MakeAudit(actor, now));
}

Result<CaseOutcome> DeclineCase(const Case& c, const DeclineCommand& command, const Actor& actor,
                                TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kDecideCase, c.area));
  VERKOSTO_RETURN_IF_ERROR(RequireDecidable(c));
  VERKOSTO_RETURN_IF_ERROR(RequireNotConfirmation(c));
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.reason, "reason", limits::kReason));
  CaseOutcome out{c, {}};
  out.case_after.state = CaseState::kDeclined;
  out.case_after.decision = Decision{false, command.reason, {}, {}, MakeStamp(actor, now)};
  out.events.emplace_back(CaseDeclined{out.case_after, MakeAudit(actor, now, command.reason)});
  return out;
}

Result<MembershipOutcome> RecordResignation(const Membership& membership,
                                            const ResignationCommand& command, const Actor& actor,
                                            TimePoint now) {
  const MembershipRecord& m = membership.record();
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kRecordResignation, m.area));
  if (!m.active()) {
    return Status::FailedPrecondition("membership " + m.id.value() + " has already ended");
  }
  const Date today = HelsinkiDate(now);
  if (!command.date.ok() || Before(command.date, m.started) || Before(today, command.date)) {
    return Status::InvalidArgument("date", "must be between the start of the membership (" +
                                               FormatIsoDate(m.started) + ") and today");
  }
  VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(command.reason, limits::kReason, "reason"));
  std::string why(EndReasonName(EndReason::kResigned));
  if (!text::Trim(command.reason).empty()) why += ": " + command.reason;
  MembershipOutcome out{MembershipWriter::End(membership, command.date, EndReason::kResigned,
                                              MakeStamp(actor, now), command.reason),
                        {}};
  out.events.emplace_back(MembershipEnded{out.membership.record(), MakeAudit(actor, now, why)});
  return out;
}

Result<MembershipsOutcome> EndNetworkMemberships(const NetworkCode& network,
                                                 std::vector<Membership> memberships,
                                                 const Date& end_date, EndReason reason,
                                                 TimePoint now) {
  if (reason != EndReason::kTermEnded && reason != EndReason::kNetworkClosed) {
    return Status::InvalidArgument("reason", "a network's end is its term end or its closing");
  }
  if (!end_date.ok()) return Status::InvalidArgument("end_date", "is not a valid date");
  const Actor system = SystemActor();
  const Stamp by = MakeStamp(system, now);
  MembershipsOutcome out;
  out.memberships = std::move(memberships);
  for (Membership& m : out.memberships) {
    if (m.record().network != network || !m.active()) continue;
    // A membership cannot end before it started (one approved after the end).
    m = MembershipWriter::End(m, Later(end_date, m.record().started), reason, by, {});
    out.events.emplace_back(
        MembershipEnded{m.record(), MakeAudit(system, now, std::string(EndReasonName(reason)))});
  }
  return out;
}

TimerOutcome ProcessTimers(const Case& c, const Date& last_processed, TimePoint now) {
  TimerOutcome out{c, {}};
  if (!c.open() || !c.deadline) return out;
  Case& after = out.case_after;
  const Date today = HelsinkiDate(now);
  const Date deadline = *c.deadline;
  const Date floor = Later(last_processed, c.opened);
  const auto due = [&](const Date& day) { return Before(floor, day) && !Before(today, day); };
  const Date first = SubtractWorkingDays(deadline, kFirstReminderWorkingDays);
  const Date second = SubtractWorkingDays(deadline, kSecondReminderWorkingDays);
  // Overdue is a state, not only a notice: it is set whenever the deadline has
  // passed, whatever the window, so a lost run can never leave it unset.
  const bool overdue_due = !c.overdue && Before(deadline, today);
  const bool second_due = !c.reminder_2_fired && due(second);
  const bool first_due = !c.reminder_7_fired && due(first);
  const Audit audit = MakeAudit(SystemActor(), now);
  if (overdue_due) {
    after.overdue = true;
    after.reminder_7_fired = true;
    after.reminder_2_fired = true;
    out.events.emplace_back(CaseOverdue{after, audit});
  } else if (second_due) {
    after.reminder_7_fired = true;
    after.reminder_2_fired = true;
    out.events.emplace_back(
        ReminderOf(after, kSecondReminderWorkingDays, WorkingDaysBetween(today, deadline), audit));
  } else if (first_due) {
    after.reminder_7_fired = true;
    out.events.emplace_back(
        ReminderOf(after, kFirstReminderWorkingDays, WorkingDaysBetween(today, deadline), audit));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Changes of members started by the area, and answers on paper
// (member_changes.h). Here because they create and end memberships.
// ---------------------------------------------------------------------------

namespace {

// `status` of ValidateNominees for a single nominee, with its field named
// `prefix` ("successor.name") instead of "nominees[0].name".
Status RenameNomineeField(const Status& status, const std::string& prefix) {
  if (status.ok()) return status;
  std::string field = status.field();
  const std::string first = "nominees[0].";
  if (field.rfind(first, 0) == 0) {
    field = prefix + "." + field.substr(first.size());
  } else {
    field = prefix;
  }
  return Status::InvalidArgument(field, status.message());
}

Status RequireActiveMembership(const MembershipRecord& m) {
  if (!m.active()) {
    return Status::FailedPrecondition("membership " + m.id.value() + " has already ended");
  }
  return Status::Ok();
}

}  // namespace

Result<ApprovalOutcome> ReplaceMember(const NetworkView& network, const Membership& membership,
                                      const ReplaceMemberCommand& command,
                                      const DiaryNumberInUse& diary_number_in_use,
                                      const Actor& actor, TimePoint now) {
  const MembershipRecord& m = membership.record();
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kChangeMembers, m.area));
  if (network.code != m.network) {
    return Status::Internal("network view " + network.code.value() + " is not membership " +
                            m.id.value() + "'s network");
  }
  VERKOSTO_RETURN_IF_ERROR(RequireActiveMembership(m));
  VERKOSTO_RETURN_IF_ERROR(RequireOpenNetwork(network));
  VERKOSTO_RETURN_IF_ERROR(RequireNotDeclined(network, m.area));
  VERKOSTO_RETURN_IF_ERROR(
      RequireText(command.request_id.value(), "request_id", limits::kReference));
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.reason, "reason", limits::kReason));
  const Seats seat = m.person.seat == SeatKind::kMember ? Seats{1, 0} : Seats{0, 1};
  if (command.successor.seat != m.person.seat) {
    return Status::InvalidArgument(
        "successor.seat",
        "the successor takes the replaced " + std::string(SeatKindName(m.person.seat)) + "'s seat");
  }
  VERKOSTO_RETURN_IF_ERROR(
      RenameNomineeField(ValidateNominees(seat, {command.successor}), "successor"));
  if (text::AsciiLower(command.successor.email) == text::AsciiLower(m.current_person().email)) {
    return Status::InvalidArgument("successor.email",
                                   "the successor must be another person than the member");
  }
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.diary_number, "diary_number", limits::kReference));
  VERKOSTO_RETURN_IF_ERROR(CheckDiaryNumber(command.diary_number, diary_number_in_use));

  const Date today = HelsinkiDate(now);
  const Stamp stamp = MakeStamp(actor, now);
  Case c;
  c.id = MakeCaseId(command.request_id, m.area);
  c.request_id = command.request_id;
  c.network = m.network;
  c.area = m.area;
  c.kind = CaseKind::kReplacement;
  c.state = CaseState::kRegistered;
  c.seats = seat;
  c.covering_message = command.reason;
  c.opened = today;
  c.replaced_membership = m.id;
  c.started_by_area = true;
  c.reminder_7_fired = true;  // no deadline: nothing to remind of
  c.reminder_2_fired = true;
  c.registration = Registration{command.diary_number, {}, today, stamp, Channel::kSystem, {}, {}};
  Decision decision{true, command.reason, {command.successor}, {}, stamp};
  return Decide(c, std::move(decision), Later(today, network.term_start), today, &membership,
                MakeAudit(actor, now, command.reason));
}

Result<MembershipOutcome> RecallMember(const Membership& membership,
                                       const RecallMemberCommand& command, const Actor& actor,
                                       TimePoint now) {
  const MembershipRecord& m = membership.record();
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kChangeMembers, m.area));
  VERKOSTO_RETURN_IF_ERROR(RequireActiveMembership(m));
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.reason, "reason", limits::kReason));
  const Date today = HelsinkiDate(now);
  // A membership starting later (on the term start) ends the day it would start.
  const Date last_day = Later(today, m.started);
  MembershipOutcome out{MembershipWriter::End(membership, last_day, EndReason::kRecalled,
                                              MakeStamp(actor, now), command.reason),
                        {}};
  out.events.emplace_back(MembershipEnded{
      out.membership.record(),
      MakeAudit(actor, now,
                std::string(EndReasonName(EndReason::kRecalled)) + ": " + command.reason)});
  return out;
}

Result<ApprovalOutcome> RecordPaperAnswer(const Case& c, const NetworkView& network,
                                          const PaperAnswerCommand& command,
                                          const Membership* replaced,
                                          const DiaryNumberInUse& diary_number_in_use,
                                          const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kRecordPaperAnswer));
  VERKOSTO_RETURN_IF_ERROR(RequireOpenCase(c));
  VERKOSTO_RETURN_IF_ERROR(RequireNotConfirmation(c));
  VERKOSTO_RETURN_IF_ERROR(RequireConsistentInputs(c, network, replaced));
  VERKOSTO_RETURN_IF_ERROR(RequireOpenNetwork(network));
  VERKOSTO_RETURN_IF_ERROR(RequireNotDeclined(network, c.area));
  if (command.channel == Channel::kSystem) {
    return Status::InvalidArgument("channel",
                                   "record answers that came by letter, e-mail or otherwise; "
                                   "answers in verkosto are the leadership's own");
  }
  const Date today = HelsinkiDate(now);
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.diary_number, "diary_number", limits::kReference));
  if (!command.decision_date.ok() || Before(today, command.decision_date)) {
    return Status::InvalidArgument("decision_date", "must not be in the future");
  }
  if (Before(command.decision_date, c.opened)) {
    return Status::InvalidArgument(
        "decision_date", "must not be before the request (" + FormatIsoDate(c.opened) + ")");
  }
  VERKOSTO_RETURN_IF_ERROR(RequireText(command.decided_by, "decided_by", limits::kLine));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(command.organisation, limits::kName, "organisation"));
  if (command.approved) {
    VERKOSTO_RETURN_IF_ERROR(ValidateNominees(c.seats, command.nominees));
  } else {
    VERKOSTO_RETURN_IF_ERROR(RequireText(command.reason, "reason", limits::kReason));
  }
  if (c.registration) {
    if (c.registration->diary_number != command.diary_number) {
      return Status::InvalidArgument(
          "diary_number", "the area registered the case as '" + c.registration->diary_number + "'");
    }
  } else {
    VERKOSTO_RETURN_IF_ERROR(CheckDiaryNumber(command.diary_number, diary_number_in_use));
  }

  const Stamp stamp = MakeStamp(actor, now);
  Case registered = c;
  if (!registered.registration) {
    registered.state = CaseState::kRegistered;
    registered.registration = Registration{command.diary_number,
                                           command.organisation,
                                           command.decision_date,
                                           stamp,
                                           command.channel,
                                           command.decided_by,
                                           {}};
  }
  Decision decision{command.approved,
                    command.approved ? std::string() : command.reason,
                    command.approved ? command.nominees : std::vector<Nominee>{},
                    {},
                    stamp};
  decision.channel = command.channel;
  decision.decision_date = command.decision_date;
  decision.decided_at_area = command.decided_by;
  if (command.approved) {
    return Decide(registered, std::move(decision), Later(command.decision_date, network.term_start),
                  command.decision_date, replaced, MakeAudit(actor, now));
  }
  ApprovalOutcome out;
  out.case_after = std::move(registered);
  out.case_after.state = CaseState::kDeclined;
  out.case_after.decision = std::move(decision);
  out.events.emplace_back(CaseDeclined{out.case_after, MakeAudit(actor, now, command.reason)});
  return out;
}

ReminderDue ReminderOf(const Case& c, int threshold, int working_days_left, const Audit& audit) {
  ReminderDue r;
  r.case_after = c;
  r.audit = audit;
  r.threshold = threshold;
  r.working_days_left = working_days_left;
  const bool unregistered = c.state == CaseState::kAwaitingRegistration;
  r.step = unregistered ? ReminderStep::kRegistration : ReminderStep::kDecision;
  r.escalated = unregistered && threshold <= kEscalationWorkingDays;
  return r;
}

// ---------------------------------------------------------------------------
// Confirmation requests for a renewed network (confirmation.h). Here because
// they create and end memberships.
// ---------------------------------------------------------------------------

namespace {

std::string AnswerField(const MembershipId& membership) {
  return "answers[" + membership.value() + "]";
}

// The confirmation case `c` is for the renewal `network` has pending.
Status RequireSameRenewal(const Case& c, const NetworkView& network) {
  if (!network.next_term_start || !c.next_term_start ||
      *network.next_term_start != *c.next_term_start) {
    return Status::FailedPrecondition("network_code", "the renewal of " + network.code.value() +
                                                          " that case " + c.id.value() +
                                                          " asks about is no longer pending");
  }
  return Status::Ok();
}

}  // namespace

Result<SendRequestOutcome> SendConfirmationRequests(const NetworkView& network,
                                                    const std::vector<Membership>& memberships,
                                                    const std::vector<Case>& existing,
                                                    const SendConfirmationsCommand& command,
                                                    const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kSendRequest));
  VERKOSTO_RETURN_IF_ERROR(RequireOpenNetwork(network));
  if (!network.next_term_start) {
    return Status::FailedPrecondition("network_code",
                                      "network " + network.code.value() +
                                          " has no pending renewal: renew it for a new term first");
  }
  const Date today = HelsinkiDate(now);
  VERKOSTO_RETURN_IF_ERROR(
      RequireText(command.request_id.value(), "request_id", limits::kReference));
  VERKOSTO_RETURN_IF_ERROR(RequireDeadlineNotPast(command.deadline, today));
  if (Before(network.term_end, command.deadline)) {
    return Status::InvalidArgument(
        "deadline",
        "must not be after " + FormatIsoDate(network.term_end) + ", the end of the current term");
  }
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(command.covering_message, limits::kText, "covering_message"));
  VERKOSTO_RETURN_IF_ERROR(
      limits::CheckLength(command.keha_diary_number, limits::kReference, "keha_diary_number"));

  std::set<AreaCode> asked;
  for (const Case& c : existing) {
    if (c.kind == CaseKind::kConfirmation && c.network == network.code &&
        c.next_term_start == network.next_term_start &&
        (c.open() || c.state == CaseState::kApproved)) {
      asked.insert(c.area);
    }
  }
  std::map<AreaCode, std::vector<const MembershipRecord*>> sitting;
  for (const Membership& m : memberships) {
    const MembershipRecord& r = m.record();
    if (r.network != network.code || !r.active() || !Before(r.started, *network.next_term_start) ||
        asked.contains(r.area)) {
      continue;
    }
    sitting[r.area].push_back(&r);
  }
  if (sitting.empty()) {
    return Status::FailedPrecondition("network " + network.code.value() +
                                      " has no area with sitting members left to ask");
  }
  SendRequestOutcome out;
  out.short_deadline = IsShortDeadline(today, command.deadline);
  const Stamp sent = MakeStamp(actor, now);
  for (const auto& [area, members] : sitting) {
    Case c;
    c.id = MakeCaseId(command.request_id, area);
    c.request_id = command.request_id;
    c.network = network.code;
    c.area = area;
    c.kind = CaseKind::kConfirmation;
    c.state = CaseState::kAwaitingRegistration;
    for (const MembershipRecord* r : members) {
      (r->person.seat == SeatKind::kMember ? c.seats.members : c.seats.deputies) += 1;
      c.sitting.push_back(r->id);
      c.sitting_names.push_back(r->person.name);
    }
    c.deadline = command.deadline;
    c.short_deadline = out.short_deadline;
    c.covering_message = command.covering_message;
    c.keha_diary_number = command.keha_diary_number;
    c.opened = today;
    c.sent = sent;
    c.next_term_start = network.next_term_start;
    c.next_term_end = network.next_term_end;
    ArmReminders(c, today);
    out.events.emplace_back(RequestSent{c, MakeAudit(actor, now)});
    out.cases.push_back(std::move(c));
  }
  return out;
}

Result<ApprovalOutcome> DecideConfirmation(const Case& c, const NetworkView& network,
                                           const std::vector<Membership>& sitting,
                                           const DecideConfirmationCommand& command,
                                           const Actor& actor, TimePoint now) {
  VERKOSTO_RETURN_IF_ERROR(Authorize(actor, Operation::kDecideCase, c.area));
  VERKOSTO_RETURN_IF_ERROR(RequireDecidable(c));
  if (c.kind != CaseKind::kConfirmation) {
    return Status::FailedPrecondition("case " + c.id.value() +
                                      " is not a confirmation request; approve or decline it");
  }
  if (network.code != c.network || !c.registration) {
    return Status::Internal("confirmation case " + c.id.value() +
                            " was loaded with another network or without its registration");
  }
  std::map<MembershipId, const Membership*> members;
  for (const Membership& m : sitting) members[m.id()] = &m;
  for (const MembershipId& id : c.sitting) {
    if (!members.contains(id)) {
      return Status::Internal("confirmation case " + c.id.value() + " needs membership " +
                              id.value());
    }
  }
  VERKOSTO_RETURN_IF_ERROR(RequireOpenNetwork(network));
  VERKOSTO_RETURN_IF_ERROR(RequireSameRenewal(c, network));

  std::map<MembershipId, const ConfirmationAnswerCommand*> answers;
  std::set<std::string> emails;
  for (const MembershipId& id : c.sitting) {
    emails.insert(text::AsciiLower(members.at(id)->record().current_person().email));
  }
  for (const ConfirmationAnswerCommand& a : command.answers) {
    const std::string field = AnswerField(a.membership);
    if (std::find(c.sitting.begin(), c.sitting.end(), a.membership) == c.sitting.end()) {
      return Status::InvalidArgument(field, "is not a sitting member of case " + c.id.value());
    }
    if (!answers.emplace(a.membership, &a).second) {
      return Status::InvalidArgument(field, "is answered twice");
    }
    VERKOSTO_RETURN_IF_ERROR(limits::CheckLength(a.reason, limits::kReason, field + ".reason"));
    if (a.choice == ConfirmationChoice::kEnd) {
      VERKOSTO_RETURN_IF_ERROR(RequireText(a.reason, field + ".reason", limits::kReason));
    }
    if (a.choice != ConfirmationChoice::kReplace) continue;
    const MembershipRecord& m = members.at(a.membership)->record();
    const std::string prefix = field + ".successor";
    if (a.successor.seat != m.person.seat) {
      return Status::InvalidArgument(
          prefix + ".seat",
          "the successor takes the member's " + std::string(SeatKindName(m.person.seat)) + " seat");
    }
    const Seats seat = m.person.seat == SeatKind::kMember ? Seats{1, 0} : Seats{0, 1};
    VERKOSTO_RETURN_IF_ERROR(RenameNomineeField(ValidateNominees(seat, {a.successor}), prefix));
    if (!emails.insert(text::AsciiLower(a.successor.email)).second) {
      return Status::InvalidArgument(
          prefix + ".email",
          a.successor.email + " is a sitting member or another successor already");
    }
  }
  for (const MembershipId& id : c.sitting) {
    if (!answers.contains(id)) {
      return Status::InvalidArgument(AnswerField(id),
                                     "is not answered: confirm, replace or end every member");
    }
  }

  const Stamp stamp = MakeStamp(actor, now);
  const Audit audit = MakeAudit(actor, now);
  ApprovalOutcome out;
  out.case_after = c;
  Case& after = out.case_after;
  after.state = CaseState::kApproved;
  after.decision = Decision{true, {}, {}, {}, stamp};
  Decision& decision = *after.decision;
  std::vector<MembershipRecord> records;
  for (const MembershipId& id : c.sitting) {
    const ConfirmationAnswerCommand& a = *answers.at(id);
    ConfirmationAnswer answer{id, a.choice, std::string(text::Trim(a.reason)), {}};
    if (a.choice == ConfirmationChoice::kReplace) {
      MembershipRecord r;
      r.id = MembershipId(c.id.value() + kIdPartSeparator +
                          std::to_string(decision.nominees.size() + 1));
      r.network = c.network;
      r.area = c.area;
      r.person = a.successor;
      r.case_id = c.id;
      r.diary_number = c.registration->diary_number;
      r.decided = stamp;
      r.started = *c.next_term_start;
      r.replaces = id;
      answer.successor = r.id;
      decision.nominees.push_back(a.successor);
      decision.memberships.push_back(r.id);
      records.push_back(std::move(r));
    }
    decision.answers.push_back(std::move(answer));
  }
  out.events.emplace_back(CaseApproved{after, audit});
  for (MembershipRecord& r : records) {
    out.events.emplace_back(MembershipStarted{r, audit});
    out.started.push_back(MembershipWriter::Create(std::move(r)));
  }
  return out;
}

TermStartOutcome StartRenewedTerm(const NetworkCode& network, const Date& old_term_end,
                                  const Date& new_term_start,
                                  const std::vector<Membership>& memberships,
                                  const std::vector<Case>& cases, TimePoint now) {
  const Actor system = SystemActor();
  const Stamp by_system = MakeStamp(system, now);
  // The leadership's answer for each membership, and who gave it.
  std::map<MembershipId, std::pair<const ConfirmationAnswer*, const Stamp*>> answered;
  TermStartOutcome out;
  for (const Case& c : cases) {
    if (c.kind != CaseKind::kConfirmation || c.network != network ||
        c.next_term_start != new_term_start) {
      continue;
    }
    if (c.state == CaseState::kApproved && c.decision) {
      for (const ConfirmationAnswer& a : c.decision->answers) {
        answered[a.membership] = {&a, &c.decision->decided};
      }
    } else if (c.open()) {
      Case closed = c;
      closed.overdue = true;
      closed.state = CaseState::kWithdrawn;
      closed.withdrawn = by_system;
      closed.withdraw_reason = "the new term started on " + FormatIsoDate(new_term_start) +
                               " before the leadership decided";
      out.cases.push_back(closed);
    }
  }
  for (const Membership& m : memberships) {
    const MembershipRecord& r = m.record();
    if (r.network != network || !r.active() || !Before(r.started, new_term_start)) continue;
    const auto it = answered.find(r.id);
    const Date last_day = Later(old_term_end, r.started);
    if (it == answered.end()) {
      out.ended.push_back(MembershipWriter::End(m, last_day, EndReason::kNotRenewed, by_system,
                                                "not confirmed for the new term"));
      out.events.emplace_back(MembershipEnded{
          out.ended.back().record(), MakeAudit(system, now,
                                               std::string(EndReasonName(EndReason::kNotRenewed)) +
                                                   ": not confirmed for the new term")});
      continue;
    }
    const ConfirmationAnswer& a = *it->second.first;
    if (a.choice == ConfirmationChoice::kConfirm) continue;
    const EndReason reason =
        a.choice == ConfirmationChoice::kReplace ? EndReason::kReplaced : EndReason::kNotRenewed;
    out.ended.push_back(
        MembershipWriter::End(m, last_day, reason, *it->second.second, a.reason, a.successor));
    std::string why(EndReasonName(reason));
    if (!a.reason.empty()) why += ": " + a.reason;
    out.events.emplace_back(
        MembershipEnded{out.ended.back().record(), MakeAudit(system, now, why)});
  }
  for (const Case& c : out.cases) {
    out.events.emplace_back(CaseWithdrawn{c, MakeAudit(system, now, c.withdraw_reason)});
  }
  return out;
}

}  // namespace verkosto::nominations
