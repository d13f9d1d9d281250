#include "messaging/principal_policy.h"

#include <string>

namespace verkosto::messaging {

namespace {

Status Refuse(std::string_view principal, const Actor& actor, std::string_view why) {
  return Status::PermissionDenied(
      "actor", "principal '" + std::string(principal) + "' may not act as '" + actor.user_id +
                   "' (" + std::string(RoleName(actor.role)) + "): " + std::string(why));
}

bool IsPerson(Role role) {
  switch (role) {
    case Role::kKehaCoordinator:
    case Role::kRegistryClerk:
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
    case Role::kNominee:
    case Role::kObserver:
    case Role::kAdmin:
      return true;
    case Role::kUnspecified:
    case Role::kSystem:
    case Role::kOperator:
      return false;
  }
  return false;
}

}  // namespace

bool IsServicePrincipal(std::string_view principal) {
  return principal == "networks" || principal == "nominations" || principal == "notifications";
}

Status CheckPrincipal(std::string_view principal, const Actor& actor, std::string_view operation) {
  if (principal == kGatewayPrincipal) {
    if (IsPerson(actor.role)) return Status::Ok();
    if (actor.role == Role::kSystem && actor.user_id == kGatewayPrincipal) return Status::Ok();
    return Refuse(principal, actor, "the gateway speaks for people and for itself only");
  }
  if (principal == kOperatorPrincipal) {
    if (actor.role == Role::kOperator && actor.user_id.rfind("operator:", 0) == 0 &&
        actor.user_id.size() > 9) {
      return Status::Ok();
    }
    return Refuse(principal, actor, "the operator acts only as 'operator:<user>'");
  }
  if (IsServicePrincipal(principal)) {
    if (actor.role != Role::kSystem || actor.user_id != principal) {
      return Refuse(principal, actor, "a service acts only as itself");
    }
    if (operation == "verkosto.common.v1.FetchEventsRequest" ||
        operation == "verkosto.common.v1.HealthRequest" ||
        operation == "verkosto.common.v1.MetricsRequest" ||
        operation == "verkosto.common.v1.ChainHeadsRequest") {
      return Status::Ok();
    }
    return Refuse(principal, actor,
                  "a service may only fetch events and read health, metrics and chain heads, not " +
                      std::string(operation));
  }
  return Refuse(principal.empty() ? "<none>" : principal, actor, "unknown principal");
}

}  // namespace verkosto::messaging
