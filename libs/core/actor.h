#pragma once

#include <string>
#include <string_view>

#include "core/strong_id.h"

namespace verkosto {

struct AreaCodeTag {};
// An employment area's code, e.g. "kainuu-koillismaa" (data/reference/employment_areas.csv).
using AreaCode = StrongId<AreaCodeTag>;

// Who may act. Mirrors verkosto.common.v1.Role one to one (equal numbers).
enum class Role : int {
  kUnspecified = 0,
  kKehaCoordinator = 1,  // KEHA-keskus staff
  kRegistryClerk = 2,    // an area's kirjaamo, scoped to Actor::area
  kAreaDirector = 3,     // an area's employment director, scoped
  kAreaDeputy = 4,       // acts on the director's behalf, scoped; both are recorded
  kNominee = 5,          // a member of a network
  kObserver = 6,         // read only
  kAdmin = 7,            // reference data and contacts; never memberships
  kSystem = 8,           // a service acting on its own (timers, consumers, health)
  kOperator = 9,         // the machine's administrator through the CLI (accounts,
                         // reference data, status); never a person's role
};

// "keha_coordinator", "registry_clerk", "director", "deputy", "nominee",
// "observer", "admin", "system", "operator"; "unspecified" for kUnspecified.
std::string_view RoleName(Role role);
// Inverse of RoleName; kUnspecified for an unknown name.
Role RoleFromName(std::string_view name);
// The Role numbered `value` (as on the wire); kUnspecified out of range.
Role RoleFromNumber(int value);

// The person (or program) performing a request, as the gateway or CLI
// authenticated it. Services check it themselves.
struct Actor {
  std::string user_id;
  std::string display_name;
  Role role = Role::kUnspecified;
  AreaCode area;             // for scoped roles
  std::string on_behalf_of;  // for a deputy: the director's user id
  std::string email{};       // work e-mail from the account (lower case), may be empty
  // Which authenticated program sent the request ("gateway", "operator",
  // "networks", ...): set by the transport from the CURVE key that ZAP
  // admitted, never by the sender. Recorded in audit stamps beside the actor;
  // in-process work (timers, consumers) carries the service's own name.
  std::string principal{};
  // For a deputy: the director's display name (letters and histories name
  // the principal by it); empty otherwise or when not known.
  std::string on_behalf_of_name{};

  // True for a director or a deputy of `a`.
  bool LeadsArea(const AreaCode& a) const {
    return (role == Role::kAreaDirector || role == Role::kAreaDeputy) && area == a;
  }
};

}  // namespace verkosto
