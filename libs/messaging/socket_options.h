#pragma once

#include <cstdint>
#include <string>
#include <zmq.hpp>

#include "messaging/curve.h"

namespace verkosto::messaging {

// Limits and timings shared by every socket the project opens.
struct SocketLimits {
  // The largest message a socket accepts (ZMQ_MAXMSGSIZE; negative = none).
  // libzmq ends the connection that delivers a larger one, as a protocol
  // error, and does not reconnect it. So no one sends a larger one: RpcClient
  // refuses such a request and RpcServer answers invalid_argument instead of
  // such a reply; both sides of a connection should use the same limit.
  int64_t max_message_bytes = int64_t{4} * 1024 * 1024;
  // ZMTP heartbeats detect dead peers on idle connections.
  int heartbeat_interval_ms = 2000;
  int heartbeat_timeout_ms = 6000;
};

// True when a message of `bytes` is over `limits.max_message_bytes`.
bool OverMessageLimit(size_t bytes, const SocketLimits& limits);

// A size for people, rounded up to one decimal: "312 bytes", "64 KiB", "5.1 MiB".
std::string DescribeBytes(uint64_t bytes);

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
