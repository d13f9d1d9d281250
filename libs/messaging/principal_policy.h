#pragma once

#include <string_view>

#include "core/actor.h"
#include "core/status.h"

namespace verkosto::messaging {

// The programs that may talk to a service, each with its own CURVE key:
inline constexpr std::string_view kGatewayPrincipal = "gateway";    // speaks for people
inline constexpr std::string_view kOperatorPrincipal = "operator";  // the administrator's CLI
// ...and the services themselves ("networks", "nominations", "notifications").

// True for "networks", "nominations" and "notifications".
bool IsServicePrincipal(std::string_view principal);

// Who may assert which actor, checked by RpcServer on every request before
// any handler runs (the principal comes from the CURVE key ZAP admitted, the
// actor from the envelope):
//   gateway  — any person's actor (it authenticated them), and role system
//              only as itself (user id "gateway", for sessions and health);
//              never the operator;
//   operator — only role operator with a user id "operator:<os user>"; what
//              that role may do is up to each service (accounts, reference
//              data, status, diagnostics — nothing of a person's role);
//   a service — only role system as itself, and only to fetch events or
//              read health (its consumers and health checks);
//   anything else — nothing.
// Errors: permission_denied with field "actor" naming what was refused.
Status CheckPrincipal(std::string_view principal, const Actor& actor, std::string_view operation);

}  // namespace verkosto::messaging
