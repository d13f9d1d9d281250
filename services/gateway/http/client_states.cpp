#include "gateway/http/client_states.h"

namespace verkosto::gateway {

void ClientStates::RecordSuccess(const std::string& service) {
  const int64_t now = ToMicros(clock_.Now());
  std::lock_guard<std::mutex> lock(mu_);
  Entry& entry = entries_[service];
  entry.success_us = now;
  entry.success_order = ++order_;
}

void ClientStates::RecordFailure(const std::string& service, const std::string& message) {
  const int64_t now = ToMicros(clock_.Now());
  std::lock_guard<std::mutex> lock(mu_);
  Entry& entry = entries_[service];
  entry.failure_us = now;
  entry.failure = message;
  entry.failure_order = ++order_;
}

std::vector<common::v1::ClientState> ClientStates::Snapshot() const {
  std::vector<common::v1::ClientState> out;
  std::lock_guard<std::mutex> lock(mu_);
  out.reserve(entries_.size());
  for (const auto& [service, entry] : entries_) {
    common::v1::ClientState& state = out.emplace_back();
    state.set_service(service);
    state.set_failing(entry.failure_order > entry.success_order);
    state.set_last_failure_unix_us(entry.failure_us);
    state.set_last_failure(entry.failure);
    state.set_last_success_unix_us(entry.success_us);
  }
  return out;
}

}  // namespace verkosto::gateway
