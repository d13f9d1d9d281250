#pragma once

#include <cstdint>
#include <string>
#include <zmq.hpp>

#include "messaging/curve.h"

namespace verkosto::messaging {

// Limits and timings shared by every socket the project opens.
struct SocketLimits {
  // Larger messages make libzmq drop the connection of the sender.
  int64_t max_message_bytes = int64_t{4} * 1024 * 1024;
  // ZMTP heartbeats detect dead peers on idle connections.
  int heartbeat_interval_ms = 2000;
  int heartbeat_timeout_ms = 6000;
};

// ROUTER (or PUB) of a service: LINGER 0, ROUTER_MANDATORY (unroutable
// replies fail loudly instead of vanishing), heartbeats, maximum message size;
// with keys a CURVE server in the ZAP domain "verkosto".
void ConfigureServerSocket(zmq::socket_t& socket, const SocketLimits& limits,
                           const CurveOptions& curve = {});

// DEALER (or SUB) of a client: LINGER 0, IMMEDIATE (no queueing to peers that
// are not connected, so a retry is not duplicated by a stale queue),
// heartbeats, maximum message size; with keys a CURVE client of `server_key`.
void ConfigureClientSocket(zmq::socket_t& socket, const SocketLimits& limits,
                           const CurveOptions& curve = {});

}  // namespace verkosto::messaging
