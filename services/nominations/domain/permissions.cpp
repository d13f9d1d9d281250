#include "nominations/domain/permissions.h"

#include <string>

#include "core/text.h"

namespace verkosto::nominations {

std::string_view OperationName(Operation operation) {
  switch (operation) {
    case Operation::kSendRequest:
      return "send_request";
    case Operation::kRequestReplacement:
      return "request_replacement";
    case Operation::kWithdrawCase:
      return "withdraw_case";
    case Operation::kExtendDeadline:
      return "extend_deadline";
    case Operation::kRegisterCase:
      return "register_case";
    case Operation::kLogIncomingRequest:
      return "log_incoming_request";
    case Operation::kDecideCase:
      return "decide_case";
    case Operation::kRecordResignation:
      return "record_resignation";
    case Operation::kRead:
      return "read";
    case Operation::kRunTimers:
      return "run_timers";
    case Operation::kSelfService:
      return "self_service";
    case Operation::kChangeMembers:
      return "change_members";
    case Operation::kRecordPaperAnswer:
      return "record_paper_answer";
  }
  return "unknown";
}

namespace {

Status Denied(const Actor& actor, Operation operation, std::string_view why = {}) {
  std::string message = "role ";
  message += RoleName(actor.role);
  message += " may not ";
  message += OperationName(operation);
  if (!why.empty()) {
    message += ": ";
    message += why;
  }
  return Status::PermissionDenied(std::move(message));
}

// Scoped roles act for their own area only; an account without one acts for none.
Status CheckArea(const Actor& actor, Operation operation, const AreaCode& area) {
  if (actor.area.empty() || actor.area != area) {
    return Denied(actor, operation,
                  "acts for area '" + actor.area.value() + "', not '" + area.value() + "'");
  }
  return Status::Ok();
}

}  // namespace

Status Authorize(const Actor& actor, Operation operation, const AreaCode& area) {
  switch (operation) {
    case Operation::kSendRequest:
    case Operation::kRequestReplacement:
    case Operation::kWithdrawCase:
    case Operation::kExtendDeadline:
    case Operation::kRecordPaperAnswer:
      if (actor.role == Role::kKehaCoordinator) return Status::Ok();
      return Denied(actor, operation);
    case Operation::kRegisterCase:
    case Operation::kLogIncomingRequest:
      if (actor.role != Role::kRegistryClerk) return Denied(actor, operation);
      return CheckArea(actor, operation, area);
    case Operation::kDecideCase:
    case Operation::kRecordResignation:
    case Operation::kChangeMembers:
      if (actor.role != Role::kAreaDirector && actor.role != Role::kAreaDeputy) {
        return Denied(actor, operation);
      }
      if (actor.role == Role::kAreaDeputy && actor.on_behalf_of.empty()) {
        // The gateway passes on_behalf_of only while it names an active
        // director of the deputy's own area.
        Status denied = Denied(actor, operation,
                               "a deputy acts only on behalf of an active director of their area");
        return Status::PermissionDenied("on_behalf_of", denied.message());
      }
      return CheckArea(actor, operation, area);
    case Operation::kRead:
      // The operator runs the machine, not the cases (docs/authorization.md).
      if (actor.role == Role::kUnspecified || actor.role == Role::kOperator) {
        return Denied(actor, operation);
      }
      return Status::Ok();
    case Operation::kRunTimers:
      if (actor.role == Role::kSystem) return Status::Ok();
      return Denied(actor, operation);
    case Operation::kSelfService:
      if (actor.role != Role::kNominee) return Denied(actor, operation);
      if (actor.email.empty()) {
        return Denied(actor, operation, "the account has no e-mail to find its memberships by");
      }
      return Status::Ok();
  }
  return Denied(actor, operation);
}

bool MaySeeCase(const Actor& actor, const AreaCode& area) {
  switch (actor.role) {
    case Role::kKehaCoordinator:
    case Role::kObserver:
    case Role::kAdmin:
    case Role::kSystem:
      return true;
    case Role::kRegistryClerk:
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      return !actor.area.empty() && actor.area == area;
    case Role::kNominee:
    case Role::kOperator:  // the administrator runs the machine, not the cases
    case Role::kUnspecified:
      return false;
  }
  return false;
}

bool OwnsMembership(const Actor& actor, const MembershipRecord& membership) {
  if (actor.email.empty() || actor.user_id.empty()) return false;
  if (text::AsciiLower(membership.current_person().email) == text::AsciiLower(actor.email)) {
    return true;
  }
  return membership.contact.has_value() && membership.contact->corrected.user_id == actor.user_id;
}

}  // namespace verkosto::nominations
