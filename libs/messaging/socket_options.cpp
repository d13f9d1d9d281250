#include "messaging/socket_options.h"

#include <cstdio>

#include "messaging/zap_handler.h"

namespace verkosto::messaging {

namespace {
void ConfigureCommon(zmq::socket_t& socket, const SocketLimits& limits) {
  socket.set(zmq::sockopt::linger, 0);
  socket.set(zmq::sockopt::maxmsgsize, limits.max_message_bytes);
  socket.set(zmq::sockopt::heartbeat_ivl, limits.heartbeat_interval_ms);
  socket.set(zmq::sockopt::heartbeat_timeout, limits.heartbeat_timeout_ms);
  socket.set(zmq::sockopt::heartbeat_ttl, limits.heartbeat_timeout_ms);
}
}  // namespace

bool OverMessageLimit(size_t bytes, const SocketLimits& limits) {
  return limits.max_message_bytes >= 0 && bytes > static_cast<uint64_t>(limits.max_message_bytes);
}

std::string DescribeBytes(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024;
  constexpr uint64_t kMiB = kKiB * 1024;
  constexpr uint64_t kGiB = kMiB * 1024;
  if (bytes < kKiB) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  const auto [unit, name] = bytes >= kGiB   ? std::pair{kGiB, "GiB"}
                            : bytes >= kMiB ? std::pair{kMiB, "MiB"}
                                            : std::pair{kKiB, "KiB"};
  // Rounded up, so a size just over a limit never reads as the limit itself.
  const uint64_t tenths = (bytes * 10 + unit - 1) / unit;
  char text[32];
  if (tenths % 10 == 0) {
    std::snprintf(text, sizeof text, "%llu %s", static_cast<unsigned long long>(tenths / 10), name);
  } else {
    std::snprintf(text, sizeof text, "%llu.%llu %s", static_cast<unsigned long long>(tenths / 10),
                  static_cast<unsigned long long>(tenths % 10), name);
  }
  return text;
}

void ConfigureServerSocket(zmq::socket_t& socket, const SocketLimits& limits,
                           const CurveOptions& curve) {
  ConfigureCommon(socket, limits);
  if (socket.get(zmq::sockopt::type) == static_cast<int>(zmq::socket_type::router)) {
    socket.set(zmq::sockopt::router_mandatory, 1);
  }
  if (curve.enabled()) {
    socket.set(zmq::sockopt::curve_server, 1);
    socket.set(zmq::sockopt::curve_secretkey, curve.self.secret_key);
    socket.set(zmq::sockopt::zap_domain, kZapDomain);
  }
}

void ConfigureClientSocket(zmq::socket_t& socket, const SocketLimits& limits,
                           const CurveOptions& curve) {
  ConfigureCommon(socket, limits);
  if (socket.get(zmq::sockopt::type) == static_cast<int>(zmq::socket_type::dealer)) {
    socket.set(zmq::sockopt::immediate, 1);
  }
  if (curve.enabled()) {
    socket.set(zmq::sockopt::curve_serverkey, curve.server_key);
    socket.set(zmq::sockopt::curve_publickey, curve.self.public_key);
    socket.set(zmq::sockopt::curve_secretkey, curve.self.secret_key);
  }
}

}  // namespace verkosto::messaging
