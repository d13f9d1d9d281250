#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "nominations/domain/events.h"
#include "nominations/domain/membership.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// The nominations workflow (rules 1, 3, 4 and 5 of the domain): KEHA's
// request -> the area's registry -> the area's leadership -> memberships.
//
// Every function takes the current state, a command, the acting user and the
// time, and returns the new state plus the events to publish (in order), or
// a Status. None has side effects, throws for bad input, or reads a clock;
// "today" is always HelsinkiDate(now). On error nothing is returned, so
// nothing half-changed can be stored.
//
// Checks run in this order, so the first failing one decides the code:
//   1. PermissionDenied: the actor's role or area (permissions.h).
//   2. FailedPrecondition: the state does not allow it (e.g. decide before
//      registration, a decided or withdrawn case, a closed network).
//   3. InvalidArgument: a command field is wrong; Status::field names it
//      ("deadline", "nominees[1].email", ...).
//   4. AlreadyExists: the registry's diary number is already used in the area.
// Exception: checks that need a valid field (the areas' participation in
// SendRequest and LogIncomingRequest) run after that field is validated.
// Internal means the caller passed inconsistent state (a bug, not user input).
//
// Ids are derived, never random, so the functions stay pure: a case is
// "<request id>/<area code>", a membership "<case id>/<n>" (n = the nominee's
// 1-based position in the approval). The caller supplies a unique RequestId.

// The 10-working-day threshold under which a deadline is flagged "short".
inline constexpr int kShortDeadlineWorkingDays = 10;
// Reminders fire this many working days before a deadline.
inline constexpr int kFirstReminderWorkingDays = 7;
inline constexpr int kSecondReminderWorkingDays = 2;
// A case still unregistered this many working days before its deadline is
// escalated to the area's leadership (with the second reminder).
inline constexpr int kEscalationWorkingDays = kSecondReminderWorkingDays;
// Status::field of the error that refuses declined areas.
inline constexpr std::string_view kAreasField = "area_codes";

// The state change of one case.
struct CaseOutcome {
  Case case_after;
  std::vector<Event> events;
};

// ---------------------------------------------------------------------------
// KEHA coordinator
// ---------------------------------------------------------------------------

struct SendRequestCommand {
  RequestId request_id;           // unique, from the caller
  std::vector<AreaCode> areas;    // one or some; empty = all (see SendRequest)
  Seats seats;                    // at least one seat
  Date deadline{};                // not before today
  std::string covering_message;   // required
  std::string keha_diary_number;  // optional, opaque
  // Ask for a woman and a man for each seat (Equality Act 4 a §).
  bool ask_woman_and_man = false;
};

struct SendRequestOutcome {
  std::vector<Case> cases;    // one per area, in area-code order
  std::vector<Event> events;  // one RequestSent per case
  // Fewer than 10 working days between today and the deadline; also set on
  // every case. Allowed, but KEHA is told.
  bool short_deadline = false;
  // With "all areas" only: the areas left out because they declined.
  std::vector<AreaCode> skipped_declined_areas;
};

// Sends a nomination request for `network` to the areas of `command`, one
// case per area in state kAwaitingRegistration.
// An empty area list means every area of the directory that has not declined
// to take part: the declined ones are skipped and listed in the outcome
// (sending "to all" must stay possible after one area declined, and it
// respects rule 5). Naming an area that declined is an error, so a
// coordinator cannot miss that their list was not honoured.
// Errors:
//   PermissionDenied   unless a KEHA coordinator.
//   FailedPrecondition the network is not open; or some named areas' current
//                      participation is "declines": the message lists ALL of
//                      them, field kAreasField; nothing is sent. Also when
//                      "all areas" leaves no area that has not declined.
//   InvalidArgument    request_id empty; seats zero in total ("seats");
//                      deadline before today ("deadline"); covering message
//                      blank ("covering_message"); an area named twice or
//                      unknown to the directory (field kAreasField, the
//                      message lists all unknown ones: they are a wrong
//                      argument, not an addressed thing that is missing).
Result<SendRequestOutcome> SendRequest(const NetworkView& network,
                                       const SendRequestCommand& command, const Actor& actor,
                                       TimePoint now);

struct RequestReplacementCommand {
  RequestId request_id;
  Date deadline{};
  std::string covering_message;
  std::string keha_diary_number;
};

// KEHA asks the area of `membership` to name a successor (rule 3: also
// replacements go through the registry and the leadership). Creates one case
// of kind kReplacement asking for one seat of the membership's kind, with
// replaced_membership set; it is registered and decided like any other case,
// and its approval ends the old membership and starts the new one.
// Errors:
//   PermissionDenied   unless a KEHA coordinator.
//   FailedPrecondition the membership has ended; the network is not open; the
//                      area declines to take part (field "area_code").
//   InvalidArgument    request_id empty; deadline before today; covering
//                      message blank.
//   Internal           `network` is not the membership's network.
Result<CaseOutcome> RequestReplacement(const NetworkView& network, const Membership& membership,
                                       const RequestReplacementCommand& command, const Actor& actor,
                                       TimePoint now);

struct WithdrawCommand {
  std::string reason;  // required
};

// KEHA withdraws an undecided case (state becomes kWithdrawn).
// Errors: PermissionDenied unless a KEHA coordinator; FailedPrecondition when
// the case is decided or already withdrawn; InvalidArgument when the reason
// is blank ("reason").
Result<CaseOutcome> WithdrawCase(const Case& c, const WithdrawCommand& command, const Actor& actor,
                                 TimePoint now);

struct ExtendDeadlineCommand {
  Date deadline{};  // later than the current one, not before today
};

// KEHA moves an undecided case's deadline later. Clears `overdue`,
// recomputes `short_deadline` from Case::opened, and re-arms the reminders
// whose day under the new deadline is still ahead.
// Errors: PermissionDenied unless a KEHA coordinator; FailedPrecondition when
// the case is decided or withdrawn; InvalidArgument ("deadline") unless the
// new deadline is later than the old one and not before today.
Result<CaseOutcome> ExtendDeadline(const Case& c, const ExtendDeadlineCommand& command,
                                   const Actor& actor, TimePoint now);

// ---------------------------------------------------------------------------
// Registry clerk
// ---------------------------------------------------------------------------

// Answers whether `diary_number` is already used by a case of the area being
// registered for (the caller scopes it; storage backs it with a unique index).
using DiaryNumberInUse = std::function<bool(const std::string& diary_number)>;

struct RegisterCommand {
  std::string diary_number;  // the area's own; opaque, never parsed
  std::string organisation;  // whose case-management system issued it
  Date date_received{};      // not before the case was opened, not after today
};

// The area's registry registers a case sent through verkosto (rule 4);
// state becomes kRegistered and the leadership may decide it.
// Errors:
//   PermissionDenied   unless a registry clerk of the case's area.
//   FailedPrecondition the case is not awaiting registration (registered,
//                      decided or withdrawn).
//   InvalidArgument    diary_number or organisation blank; date_received
//                      after today or before the case was opened.
//   AlreadyExists      the diary number is used in the area (field
//                      "diary_number").
Result<CaseOutcome> RegisterCase(const Case& c, const RegisterCommand& command,
                                 const DiaryNumberInUse& diary_number_in_use, const Actor& actor,
                                 TimePoint now);

struct LogIncomingCommand {
  RequestId request_id;
  AreaCode area;
  Channel channel = Channel::kEmail;  // email, letter or other; not system
  std::string sender;                 // required
  std::string subject;                // required
  Date date_received{};               // not after today
  std::string diary_number;           // required, unique in the area
  std::string organisation;           // required
  Seats seats;                        // at least one
  std::optional<Date> deadline;       // if the letter named one; not before date_received
  std::string covering_message;       // optional: the letter's text or summary
};

// The registry logs a request that reached the area by e-mail, letter or
// otherwise: a case of kind kNomination created directly in kRegistered
// state for `network`, with the channel, sender and subject recorded.
// Errors:
//   PermissionDenied   unless a registry clerk of command.area.
//   FailedPrecondition the network is not open; the area declines to take
//                      part (field "area_code").
//   InvalidArgument    request_id empty; area unknown ("area_code"); channel
//                      kSystem ("channel"); sender, subject, diary_number or
//                      organisation blank; seats zero; date_received after
//                      today; deadline before date_received.
//   AlreadyExists      the diary number is used in the area ("diary_number").
Result<CaseOutcome> LogIncomingRequest(const NetworkView& network,
                                       const LogIncomingCommand& command,
                                       const DiaryNumberInUse& diary_number_in_use,
                                       const Actor& actor, TimePoint now);

// ---------------------------------------------------------------------------
// The area's leadership: director, or a deputy on the director's behalf
// ---------------------------------------------------------------------------

struct ApproveCommand {
  std::vector<Nominee> nominees;  // at least one; within the seats asked
};

struct ApprovalOutcome {
  Case case_after;
  // One new membership per nominee, in nominee order. The only place in the
  // whole system where new Membership objects come from (rule 1).
  std::vector<Membership> started;
  // For a replacement: the replaced membership after the approval (ended
  // with kReplaced, unless it had already ended, e.g. by resignation).
  std::optional<Membership> replaced;
  // CaseApproved, then MembershipEnded for the replaced one (if it was
  // active), then one MembershipStarted per nominee.
  std::vector<Event> events;
};

// Approves a registered case by naming nominees. Each nominee gets a
// membership pointing to the case, the decision and the area's diary number,
// starting today or on the network's term start if that is later. Overdue
// cases can still be approved. The decision records decided_by (the actor)
// and on_behalf_of (the director, when a deputy acts).
// `replaced` must be the membership named by a replacement case's
// replaced_membership, and null for a nomination case.
// Errors:
//   PermissionDenied   unless the director or a deputy (on the director's
//                      behalf) of the case's area.
//   FailedPrecondition the case is not registered yet; is already decided;
//                      is withdrawn; the network is not open; the area's
//                      current participation is "declines" ("area_code").
//   InvalidArgument    no nominees ("nominees"); a nominee's name, title,
//                      municipality blank or e-mail malformed
//                      ("nominees[i].email"...); the same e-mail twice; more
//                      members or deputies than the seats asked ("nominees").
//   Internal           `network` or `replaced` does not belong to the case.
Result<ApprovalOutcome> ApproveCase(const Case& c, const NetworkView& network,
                                    const ApproveCommand& command, const Membership* replaced,
                                    const Actor& actor, TimePoint now);

struct DeclineCommand {
  std::string reason;  // required
};

// Declines a registered case with a reason; it starts no memberships.
// Errors: PermissionDenied as ApproveCase; FailedPrecondition when not
// registered yet, already decided or withdrawn; InvalidArgument when the
// reason is blank ("reason").
Result<CaseOutcome> DeclineCase(const Case& c, const DeclineCommand& command, const Actor& actor,
                                TimePoint now);

struct MembershipOutcome {
  Membership membership;
  std::vector<Event> events;
};

struct ResignationCommand {
  Date date{};         // the last day; not before the start, not after today
  std::string reason;  // optional
};

// Records that a member resigned: the membership ends on command.date with
// EndReason::kResigned.
// Errors: PermissionDenied unless the director or a deputy of the
// membership's area; FailedPrecondition when it has already ended;
// InvalidArgument ("date") when the date is before its start or after today.
Result<MembershipOutcome> RecordResignation(const Membership& membership,
                                            const ResignationCommand& command, const Actor& actor,
                                            TimePoint now);

// ---------------------------------------------------------------------------
// The system: timers and the network's end
// ---------------------------------------------------------------------------

struct MembershipsOutcome {
  std::vector<Membership> memberships;  // all given, in order; the network's active ones ended
  std::vector<Event> events;            // one MembershipEnded per membership ended
};

// Ends, on `end_date`, every active membership of `network` among
// `memberships` (others are returned unchanged), because its term ended or it
// was closed (rule 2). Called by the service on the networks service's
// NetworkClosed / term-end event; recorded as done by the system.
// Errors: InvalidArgument ("reason") unless reason is kTermEnded or
// kNetworkClosed.
Result<MembershipsOutcome> EndNetworkMemberships(const NetworkCode& network,
                                                 std::vector<Membership> memberships,
                                                 const Date& end_date, EndReason reason,
                                                 TimePoint now);

// The reminders and the overdue flag of an open case, for one timer run.
// `last_processed` is the last day a previous run covered (or the day before
// the first run); "today" is HelsinkiDate(now). Returns the case with updated
// flags and the events due, and never fails.
// A reminder is due on SubtractWorkingDays(deadline, 7) and (…, 2), if that
// day is after both `last_processed` and the day the case was opened, not
// after today, and the case's flag for it is unset. The case becomes overdue
// when today is after the deadline (the deadline day itself is in time).
// After downtime several may be due at once: only the most urgent is emitted
// (overdue, else the 2-day, else the 7-day reminder) and the ones it
// supersedes are marked fired, so nobody gets a stale "7 days left" when one
// is left. The per-case flags make a second run for the same day emit
// nothing. Decided, withdrawn and deadline-less cases produce nothing.
// Each reminder is ReminderOf the case (below): its step and escalation
// follow the case's state on the day it fires.
struct TimerOutcome {
  Case case_after;
  std::vector<Event> events;
};
TimerOutcome ProcessTimers(const Case& c, const Date& last_processed, TimePoint now);

// The reminder `threshold` (7 or 2) working days before the deadline of `c`,
// as it is on the day it fires, with `working_days_left`. Per step: a case
// awaiting registration is reminded to the registry (kRegistration), a
// registered one to the leadership (kDecision). A case still unregistered at
// the 2-day reminder (threshold <= kEscalationWorkingDays) is escalated: the
// leadership is told too, so the director can see that it gets registered.
ReminderDue ReminderOf(const Case& c, int threshold, int working_days_left, const Audit& audit);

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

// "<request id>.<area code>" (core/case_ids.h); an approval's memberships are
// "<case id>.<n>", n from 1 in nominee order.
CaseId MakeCaseId(const RequestId& request, const AreaCode& area);

}  // namespace verkosto::nominations
