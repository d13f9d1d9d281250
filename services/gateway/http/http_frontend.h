#pragma once

#include <memory>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "config/config.h"
#include "core/status.h"

namespace httplib {
class Server;
}

namespace verkosto::gateway {

// The gateway's HTTP side (cpp-httplib, TCP_NODELAY on): routes, and RPC
// clients to the services, one set per HTTP worker thread. Starts listening
// in Start(); the destructor stops the server and joins its thread.
class HttpFrontend {
 public:
  HttpFrontend(zmq::context_t& zmq, config::SystemConfig system);
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

  zmq::context_t& zmq_;
  config::SystemConfig system_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace verkosto::gateway
