#include "messaging/socket_options.h"

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

void ConfigureServerSocket(zmq::socket_t& socket, const SocketLimits& limits) {
  ConfigureCommon(socket, limits);
  socket.set(zmq::sockopt::router_mandatory, 1);
}

void ConfigureClientSocket(zmq::socket_t& socket, const SocketLimits& limits) {
  ConfigureCommon(socket, limits);
  socket.set(zmq::sockopt::immediate, 1);
}

}  // namespace verkosto::messaging
