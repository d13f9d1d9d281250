#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "verkosto/common/v1/health.pb.h"

namespace verkosto::gateway {

// What the gateway's HTTP worker threads saw of each service they call, for
// /healthz: per service, the time and message of the latest call that got no
// reply in time, and the time of the latest call that got one. A service is
// failing while the former is the more recent: some worker's latest call to
// it found no answer and no call has been answered since.
// Thread-safe: every worker's RpcGatewayContext records into one instance.
class ClientStates {
 public:
  // Stamps come from `clock` (operations time; the real clock in the gateway).
  explicit ClientStates(const Clock& clock = SystemClock::Instance()) : clock_(clock) {}

  // A call to `service` got a reply: a result, or an error the service sent.
  void RecordSuccess(const std::string& service);
  // A call to `service` got no reply in time; `message` is what the client
  // reported (an endpoint and a timeout, nothing secret).
  void RecordFailure(const std::string& service, const std::string& message);

  // One entry per service recorded so far, ordered by name.
  std::vector<common::v1::ClientState> Snapshot() const;

 private:
  struct Entry {
    int64_t failure_us = 0;
    std::string failure;
    int64_t success_us = 0;
    // Order of the latest failure and success among all records: stamps of
    // the same microsecond must not decide it.
    uint64_t failure_order = 0;
    uint64_t success_order = 0;
  };

  const Clock& clock_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  uint64_t order_ = 0;
};

}  // namespace verkosto::gateway
