#include "core/actor.h"

namespace verkosto {

namespace {
struct RoleNameEntry {
  Role role;
  std::string_view name;
};
constexpr RoleNameEntry kRoleNames[] = {
    {Role::kKehaCoordinator, "keha_coordinator"},
    {Role::kRegistryClerk, "registry_clerk"},
    {Role::kAreaDirector, "director"},
    {Role::kAreaDeputy, "deputy"},
    {Role::kNominee, "nominee"},
    {Role::kObserver, "observer"},
    {Role::kAdmin, "admin"},
    {Role::kSystem, "system"},
    {Role::kOperator, "operator"},
};
}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& entry : kRoleNames) {
    if (entry.role == role) return entry.name;
  }
  return "unspecified";
}

Role RoleFromNumber(int value) {
  for (const auto& entry : kRoleNames) {
    if (static_cast<int>(entry.role) == value) return entry.role;
  }
  return Role::kUnspecified;
}

Role RoleFromName(std::string_view name) {
  for (const auto& entry : kRoleNames) {
    if (entry.name == name) return entry.role;
  }
  return Role::kUnspecified;
}

}  // namespace verkosto
