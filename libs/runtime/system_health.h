#pragma once

#include <chrono>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "config/config.h"
#include "core/actor.h"
#include "core/result.h"
#include "messaging/curve.h"
#include "messaging/rpc_client.h"
#include "verkosto/common/v1/health.pb.h"

namespace verkosto::runtime {

// How a tool asks service `name` of `system` one question: its RPC endpoint,
// `timeout`, a first resend after a quarter of it, CURVE with `credentials`.
// Shared by the health and metrics collectors. Errors: that of
// SystemConfig::Service when `name` is not configured.
Result<messaging::ClientOptions> ServiceClientOptions(const config::SystemConfig& system,
                                                      const std::string& name,
                                                      std::chrono::milliseconds timeout,
                                                      const messaging::Credentials& credentials);

// Asks each of `services` (names in `system`) for its health as `actor`
// over CURVE with `credentials`, waiting at most `timeout` for each. Used by
// the gateway's /healthz (as itself) and `verkosto status` (as the operator).
common::v1::SystemHealth CollectSystemHealth(zmq::context_t& zmq,
                                             const config::SystemConfig& system,
                                             const std::vector<std::string>& services,
                                             std::chrono::milliseconds timeout,
                                             const messaging::Credentials& credentials,
                                             const Actor& actor);

}  // namespace verkosto::runtime
