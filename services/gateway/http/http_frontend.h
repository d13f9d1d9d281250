#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "config/config.h"
#include "core/clock.h"
#include "core/status.h"
#include "gateway/http/client_states.h"
#include "gateway/http/rpc_gateway_context.h"

namespace httplib {
class Server;
}

namespace verkosto::gateway {

// The gateway's HTTP side (cpp-httplib, TCP_NODELAY on): the web pages
// (RegisterWebRoutes), login and logout, the JSON API under /api/v1/, and
// GET /healthz. Each HTTP worker thread gets its own RpcGatewayContext (its
// own RPC clients), made on first use; HTTP threads never touch SQLite. Starts
// listening in Start(); the destructor stops the server and joins its thread.
//
// GET /healthz asks each service for its health with a fresh client, and adds
// what the workers' own clients saw (ClientStates): 200 when every service
// answered "ok" and no service is failing for the workers, else 503.
class HttpFrontend {
 public:
  // `credentials`: the gateway's CURVE identity for its RPC clients.
  HttpFrontend(zmq::context_t& zmq, config::SystemConfig system, const Clock& clock,
               messaging::Credentials credentials, HttpAuthOptions options = {});
  ~HttpFrontend();
  HttpFrontend(const HttpFrontend&) = delete;
  HttpFrontend& operator=(const HttpFrontend&) = delete;

  // Binds host:port from the config (port 0 picks a free one) and serves in a
  // background thread. Writes the bound port to <data_dir>/gateway.port so
  // tools and tests find it. Errors: unavailable when the port is taken.
  Status Start();

  int port() const { return port_; }

 private:
  void Routes();
  // The calling thread's context (thread-safe).
  RpcGatewayContext& ContextForThisThread();

  zmq::context_t& zmq_;
  config::SystemConfig system_;
  const Clock& clock_;
  messaging::Credentials credentials_;
  HttpAuthOptions options_;
  ClientStates client_states_;  // before contexts_: they record into it
  HashSlots hash_slots_;        // likewise: their logins take slots of it
  std::mutex contexts_mu_;
  std::map<std::thread::id, std::unique_ptr<RpcGatewayContext>> contexts_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace verkosto::gateway
