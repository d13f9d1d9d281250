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
// `load_warning_networks` is [nominations] load_warning_networks, which the
// reply reports (0 = never warn).
void RegisterNationalViewHandlers(messaging::RpcServer& server, uint32_t load_warning_networks);

// After an approval started `started` (and before the reply is sent): adds a
// LoadWarning to `reply` for each nominee who now sits in at least
// `threshold` current networks (0: none). Reads on the command's connection.
Status AddLoadWarnings(messaging::Context& ctx, const std::vector<Membership>& started,
                       uint32_t threshold, v1::CaseResponse* reply);

}  // namespace verkosto::nominations
