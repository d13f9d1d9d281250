#pragma once

#include <optional>
#include <string>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "networks/domain/network.h"

namespace verkosto::networks {

// Renewal of a network for a new term (issue 17, item 3; docs/networks.md).
//
//   open ──renew──▶ open + pending renewal ──old term ends──▶ open, next term
//
// KEHA reviews the definition (goals, plan, the new term) and renews: the
// network keeps its current term and the reviewed definition waits as
// Network::next_term. When the old term ends, a network with a pending
// renewal does not close: it rolls to the next term (StartNextTerm). Its
// memberships carry over only where the area's leadership confirmed them
// (rule 3; nominations' confirmation requests).

struct RenewCommand {
  NetworkDefinition definition;  // the reviewed definition with the new term
  std::string reason;            // required: why it is renewed
};

// Renews an open network. The version goes up by one; the version history
// records it with changed_fields ["renewed", <the fields the review changed>].
// Errors, in this order:
//   PermissionDenied    not a KEHA coordinator;
//   FailedPrecondition  not open; a renewal is already pending;
//   InvalidArgument     "code" differs; "reason" empty; ValidateDefinition;
//                       "term.start_date" missing or not after the current
//                       term's end date; CheckReadyToPublish (rule 2).
// Event: NetworkRenewed.
Result<NetworkUpdate> RenewNetwork(const Network& network, const RenewCommand& command,
                                   const Actor& actor, TimePoint now);

// The old term of an open network with a pending renewal has ended (its end
// date is before Helsinki's date of `now`): the network rolls to the next
// term (definition replaced, version +1, renewal cleared), recorded by the
// system. Event: NetworkTermStarted (with the previous term). Any other
// network: nullopt. Called by CloseIfTermEnded (network.h).
std::optional<NetworkUpdate> StartNextTerm(const Network& network, TimePoint now);

}  // namespace verkosto::networks
