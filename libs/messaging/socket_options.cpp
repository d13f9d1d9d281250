#include "messaging/socket_options.h"

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
