#include "networks/domain/permissions.h"

#include <string>

namespace verkosto::networks {

std::string_view OperationName(Operation operation) {
  switch (operation) {
    case Operation::kCreateNetwork:
      return "create_network";
    case Operation::kEditNetwork:
      return "edit_network";
    case Operation::kProposeNetwork:
      return "propose_network";
    case Operation::kOpenNetwork:
      return "open_network";
    case Operation::kCloseNetwork:
      return "close_network";
    case Operation::kCancelNetwork:
      return "cancel_network";
    case Operation::kDecideParticipation:
      return "decide_participation";
    case Operation::kAddComment:
      return "add_comment";
    case Operation::kReadNetworks:
      return "read_networks";
    case Operation::kReadDrafts:
      return "read_drafts";
    case Operation::kLoadReferenceData:
      return "load_reference_data";
    case Operation::kSetAreaContacts:
      return "set_area_contacts";
  }
  return "unknown";
}

namespace {

bool Allowed(const Actor& actor, Operation operation, const AreaCode& area) {
  const Role role = actor.role;
  switch (operation) {
    case Operation::kCreateNetwork:
    case Operation::kEditNetwork:
    case Operation::kProposeNetwork:
    case Operation::kOpenNetwork:
    case Operation::kCloseNetwork:
    case Operation::kCancelNetwork:
      return role == Role::kKehaCoordinator;
    case Operation::kDecideParticipation:
    case Operation::kAddComment:
      return !area.empty() && actor.LeadsArea(area);
    case Operation::kReadNetworks:
      return role != Role::kUnspecified;
    case Operation::kReadDrafts:
      return role == Role::kKehaCoordinator || role == Role::kAdmin || role == Role::kSystem;
    case Operation::kLoadReferenceData:
      return role == Role::kAdmin || role == Role::kOperator || role == Role::kSystem;
    case Operation::kSetAreaContacts:
      return role == Role::kAdmin;
  }
  return false;
}

}  // namespace

Status Authorize(const Actor& actor, Operation operation, const AreaCode& area) {
  if (Allowed(actor, operation, area)) return Status::Ok();
  std::string message = "role '" + std::string(RoleName(actor.role)) + "' may not " +
                        std::string(OperationName(operation));
  if (operation == Operation::kDecideParticipation || operation == Operation::kAddComment) {
    message += " for area '" + area.value() + "' (only that area's director or deputy may)";
  }
  return Status::PermissionDenied(std::move(message));
}

}  // namespace verkosto::networks
