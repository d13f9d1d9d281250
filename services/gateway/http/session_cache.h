#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "gateway/handlers/accounts_generation.h"
#include "verkosto/gateway/v1/accounts.pb.h"

namespace verkosto::gateway {

// The fast path of authentication (docs/gateway.md): what the accounts
// answered to ValidateSession for a session or API token hash, kept for a
// short `validity` on the business clock, shared by every HTTP worker. An
// entry is used only while no account change has happened since the
// question was asked (`generation` read BEFORE asking): a logout, a disabled
// account, a password change or a revoked token end every entry at once.
// What nothing changes ends on its own within `validity`: an idle or too old
// session, an expired token. Thread-safe.
class SessionCache {
 public:
  // `generation` must outlive the cache. A zero `validity` caches nothing.
  SessionCache(std::chrono::microseconds validity, const AccountsGeneration* generation,
               size_t capacity = 10000);

  // Read before asking the accounts; pass to Store.
  uint64_t generation() const { return generation_->Current(); }

  // The cached answer for `key` (a token hash, see Key), or nullopt.
  std::optional<v1::ValidateSessionResponse> Find(const std::string& key, TimePoint now);
  // Keeps `answer` for `key`, asked at `asked_generation` (a no-op if a
  // change has happened since: the answer may predate it).
  void Store(const std::string& key, const v1::ValidateSessionResponse& answer,
             uint64_t asked_generation, TimePoint now);
  // After a touch: the session's last use as the accounts now have it.
  void SetLastSeen(const std::string& key, TimePoint last_seen);
  void Forget(const std::string& key);

  // The key of a session or of an API token (their hashes are alike).
  static std::string Key(bool api_token, const std::string& token_hash) {
    return (api_token ? "t:" : "s:") + token_hash;
  }

 private:
  struct Entry {
    v1::ValidateSessionResponse answer;
    uint64_t generation = 0;
    TimePoint stored{};
  };
  bool Fresh(const Entry& entry, TimePoint now) const;

  const std::chrono::microseconds validity_;
  const AccountsGeneration* generation_;
  const size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace verkosto::gateway
