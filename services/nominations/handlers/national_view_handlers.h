#pragma once

#include <cstdint>
#include <vector>

#include "messaging/rpc_server.h"
#include "nominations/domain/membership.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::nominations {

// The national view (NationalViewRequest, domain/national_view.h), paged by
// cell in (network code, directory order of the area) order. Any role that
// may read (as the status matrix: members' names are the public record).
void RegisterNationalViewHandlers(messaging::RpcServer& server);

// The approval warning's threshold, [nominations] load_warning_networks
// (0 = never warn). Set once at start-up, before the server runs.
void SetLoadWarningThreshold(uint32_t networks);
uint32_t LoadWarningThreshold();

// After an approval started `started` (and before the reply is sent): adds a
// LoadWarning to `reply` for each nominee who now sits in at least the
// threshold's number of current networks. Reads on the command's connection.
Status AddLoadWarnings(messaging::Context& ctx, const std::vector<Membership>& started,
                       v1::CaseResponse* reply);

}  // namespace verkosto::nominations
