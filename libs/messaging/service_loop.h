#pragma once

#include <chrono>
#include <functional>
#include <vector>
#include <zmq.hpp>

#include "messaging/event_consumer.h"
#include "messaging/rpc_server.h"

namespace verkosto::messaging {

// The single-threaded event loop of a service: it polls the RPC server, the
// event consumers and their hint sockets, runs periodic tasks, and stops on
// Stop() (from any thread) or, if asked, on SIGTERM/SIGINT. Everything that
// touches the service's database runs on the thread that calls Run().
class ServiceLoop {
 public:
  ServiceLoop();
  ~ServiceLoop();
  ServiceLoop(const ServiceLoop&) = delete;
  ServiceLoop& operator=(const ServiceLoop&) = delete;

  void AddServer(RpcServer* server) { server_ = server; }
  void AddConsumer(EventConsumer* consumer);
  // `fn` runs every `interval` (first run at once), e.g. term-end checks.
  void AddPeriodic(std::chrono::milliseconds interval, std::function<void()> fn);
  // `fn` runs on the loop's thread whenever `fd` (e.g. an eventfd another
  // thread writes to hand over a result) is readable; `fn` must consume what
  // makes it readable. `fd` stays the caller's and must outlive Run().
  void AddReadable(int fd, std::function<void()> fn);

  // Makes Run() return on SIGTERM or SIGINT. Blocks both signals in the
  // calling thread; call before starting other threads so they inherit it.
  void StopOnSignals();

  // Runs until stopped.
  void Run();

  // Thread-safe; Run() returns soon after.
  void Stop();

 private:
  struct Periodic {
    std::chrono::milliseconds interval;
    std::function<void()> fn;
    std::chrono::steady_clock::time_point next;
  };

  struct Readable {
    int fd;
    std::function<void()> fn;
  };

  RpcServer* server_ = nullptr;
  std::vector<Readable> readable_;
  std::vector<EventConsumer*> consumers_;
  std::vector<Periodic> periodic_;
  int stop_fd_ = -1;    // eventfd written by Stop()
  int signal_fd_ = -1;  // signalfd for SIGTERM/SIGINT, if requested
};

}  // namespace verkosto::messaging
