#pragma once

#include <atomic>
#include <cstdint>

namespace verkosto::gateway {

// Counts the changes the gateway's own account handlers make to accounts,
// sessions and API tokens (disable, password, contact, logout, revoke …).
// The handlers run on the gateway's loop, in the same process as the HTTP
// workers, so a change is seen here the moment it is made: no event needed.
class AccountsGeneration {
 public:
  uint64_t Current() const { return value_.load(std::memory_order_acquire); }
  void Bump() { value_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::atomic<uint64_t> value_{0};
};

}  // namespace verkosto::gateway
