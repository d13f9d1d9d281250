#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "core/result.h"
#include "messaging/curve.h"

namespace verkosto::messaging {

// The ZAP domain every verkosto server socket authenticates in.
inline constexpr char kZapDomain[] = "verkosto";

// The ZeroMQ authentication handler (ZAP, RFC 27) of one ZeroMQ context: a
// thread on "inproc://zeromq.zap.01" that libzmq asks about every CURVE
// handshake on that context's server sockets. It admits a client whose
// public key is one of `principals` and names it: the reply's user id (the
// principal) arrives with every message of that connection as the "User-Id"
// property, which RpcServer reads to know who sent a request. Any other key
// is refused during the handshake, before a single message gets through. A
// refused key is logged once, then at most once a minute (with how many
// attempts it made meanwhile), never per attempt.
//
// libzmq lets every client in while no handler is bound, so a server socket
// must not bind before its context has one: Ensure() is called by whatever
// creates servers (ServiceRuntime). One handler per context; runtimes that
// share a context (tests) share it and must agree on the principals.
class ZapHandler {
 public:
  // The context's handler, started on first use. Errors: invalid_argument
  // when the context already has a handler with other principals;
  // unavailable when the inproc endpoint cannot be bound.
  static Result<std::shared_ptr<ZapHandler>> Ensure(zmq::context_t& zmq,
                                                    const PrincipalsByKey& principals);

  ~ZapHandler();
  ZapHandler(const ZapHandler&) = delete;
  ZapHandler& operator=(const ZapHandler&) = delete;

  // How many handshakes were refused (tests, metrics).
  uint64_t refused() const { return refused_.load(); }

 private:
  ZapHandler(zmq::context_t& zmq, PrincipalsByKey principals);
  Status Start();
  void Run();
  // Answers one ZAP request (the frames as received).
  void Answer(std::vector<zmq::message_t>& request);
  void LogRefused(const std::string& key, const std::string& address);

  zmq::context_t& zmq_;
  const PrincipalsByKey principals_;
  zmq::socket_t socket_;
  zmq::socket_t stop_receiver_;
  zmq::socket_t stop_sender_;
  std::thread thread_;
  bool zap_bound_ = false;     // socket_ holds the ZAP endpoint
  std::string stop_endpoint_;  // stop_receiver_'s, once bound
  std::atomic<uint64_t> refused_{0};
  // Rate limit of the "refused" log line, per key.
  struct Refusals {
    std::chrono::steady_clock::time_point last_logged;
    uint64_t since_logged = 0;
  };
  std::map<std::string, Refusals> refusals_;  // touched by the handler thread only
};

}  // namespace verkosto::messaging
