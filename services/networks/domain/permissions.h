#pragma once

#include <string_view>

#include "core/actor.h"
#include "core/status.h"

namespace verkosto::networks {

// Everything the networks service lets someone do.
enum class Operation {
  kCreateNetwork,
  kEditNetwork,
  kProposeNetwork,
  kOpenNetwork,
  kCloseNetwork,
  kCancelNetwork,
  kDecideParticipation,  // scoped to an area
  kAddComment,           // scoped to an area
  kReadNetworks,         // proposed, open, closed and cancelled networks, areas, burden
  kReadDrafts,           // networks still in draft
  kLoadReferenceData,
  kSetAreaContacts,
};

// "create_network", "decide_participation", ...: used in messages and logs.
std::string_view OperationName(Operation operation);

// The one policy of the networks service: may `actor` perform `operation`
// (for `area`, when the operation is scoped to an area)?
//   - KEHA coordinator: create, edit, propose, open, close, cancel; read all.
//   - area director or deputy: participation and comments for their own area
//     only (Actor::area == area); read published networks.
//   - registry clerk, nominee, observer: read published networks.
//   - admin: load reference data, set area contacts; read all.
//   - system (a service acting on its own, e.g. the start-up loader): load
//     reference data; read all.
//   - anyone else, or an unspecified role: nothing.
// Returns Ok, or PermissionDenied naming the role and the operation. A
// director of another area, or a scoped role without an area, is denied.
Status Authorize(const Actor& actor, Operation operation, const AreaCode& area = AreaCode());

}  // namespace verkosto::networks
