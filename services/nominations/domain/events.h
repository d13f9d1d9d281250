#pragma once

#include <string>
#include <variant>
#include <vector>

#include "nominations/domain/membership.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// The audit half of every event: who, in which role, on whose behalf, when
// and why. Timer events carry the system actor (user_id "system").
struct Audit {
  std::string user_id;
  std::string display_name;
  Role role = Role::kUnspecified;
  std::string on_behalf_of;  // a deputy's director; empty otherwise
  TimePoint at{};
  std::string reason;  // empty when the operation takes none
  // The authenticated program that carried the request (Actor::principal):
  // "gateway" for people, "operator", or the service itself.
  std::string principal{};
  // The director's display name when known (Actor::on_behalf_of_name).
  std::string on_behalf_of_name{};

  friend bool operator==(const Audit&, const Audit&) = default;
};

// The audit record of `actor` acting at `at`.
Audit MakeAudit(const Actor& actor, TimePoint at, std::string reason = {});

// The actor recorded for what the system does on its own (timers, term ends).
Actor SystemActor();

// Events, named in the past tense. Each carries the case or membership as it
// is after the change ("what") and the audit ("who, on whose behalf, when,
// why"). They mirror verkosto.nominations.v1 events one to one.

// One per area case created by SendRequest or RequestReplacement.
struct RequestSent {
  Case case_after;
  Audit audit;
  friend bool operator==(const RequestSent&, const RequestSent&) = default;
};
struct CaseRegistered {
  Case case_after;
  Audit audit;
  friend bool operator==(const CaseRegistered&, const CaseRegistered&) = default;
};
// A request that came by e-mail, letter or otherwise, logged by the registry.
struct CaseLogged {
  Case case_after;
  Audit audit;
  friend bool operator==(const CaseLogged&, const CaseLogged&) = default;
};
struct CaseApproved {
  Case case_after;
  Audit audit;
  friend bool operator==(const CaseApproved&, const CaseApproved&) = default;
};
// audit.reason is the decline reason.
struct CaseDeclined {
  Case case_after;
  Audit audit;
  friend bool operator==(const CaseDeclined&, const CaseDeclined&) = default;
};
// audit.reason is the withdrawal reason.
struct CaseWithdrawn {
  Case case_after;
  Audit audit;
  friend bool operator==(const CaseWithdrawn&, const CaseWithdrawn&) = default;
};
struct DeadlineExtended {
  Case case_after;
  Audit audit;
  Date previous_deadline{};
  friend bool operator==(const DeadlineExtended&, const DeadlineExtended&) = default;
};
// The step of the chain a reminder is about: registration (to the area's
// registry) while the case awaits registration, else the decision (to the
// area's leadership).
enum class ReminderStep { kRegistration, kDecision };

// `threshold` is 7 or 2: the reminder that fired; `working_days_left` is the
// actual count on the day it fired (smaller when caught up late). `escalated`:
// still unregistered at the 2-day reminder, so the area's leadership is told
// as well (ReminderOf in workflow.h).
struct ReminderDue {
  Case case_after;
  Audit audit;
  int threshold = 0;
  int working_days_left = 0;
  ReminderStep step = ReminderStep::kRegistration;
  bool escalated = false;
  friend bool operator==(const ReminderDue&, const ReminderDue&) = default;
};
struct CaseOverdue {
  Case case_after;
  Audit audit;
  friend bool operator==(const CaseOverdue&, const CaseOverdue&) = default;
};
struct MembershipStarted {
  MembershipRecord membership;
  Audit audit;
  friend bool operator==(const MembershipStarted&, const MembershipStarted&) = default;
};
// audit.reason is the end reason's name ("term_ended", "resigned", ...) and,
// for a resignation with a reason, ": " and that reason.
struct MembershipEnded {
  MembershipRecord membership;
  Audit audit;
  friend bool operator==(const MembershipEnded&, const MembershipEnded&) = default;
};

// A member corrected their own contact; `membership` shows the corrected
// contact (current_person()), `previous` the one before.
struct ContactCorrected {
  MembershipRecord membership;
  Audit audit;
  Nominee previous;
  friend bool operator==(const ContactCorrected&, const ContactCorrected&) = default;
};
// A member asked to resign; audit.reason is their reason.
struct ResignationRequested {
  ResignationRequest request;
  MembershipRecord membership;
  Audit audit;
  friend bool operator==(const ResignationRequested&, const ResignationRequested&) = default;
};
// The leadership recorded the resignation the request asked for.
struct ResignationRequestClosed {
  ResignationRequest request;
  Audit audit;
  friend bool operator==(const ResignationRequestClosed&,
                         const ResignationRequestClosed&) = default;
};

using Event =
    std::variant<RequestSent, CaseRegistered, CaseLogged, CaseApproved, CaseDeclined, CaseWithdrawn,
                 DeadlineExtended, ReminderDue, CaseOverdue, MembershipStarted, MembershipEnded,
                 ContactCorrected, ResignationRequested, ResignationRequestClosed>;

// "RequestSent", "CaseRegistered", ...: for logs and the outbox's type column.
std::string_view EventName(const Event& event);

}  // namespace verkosto::nominations
