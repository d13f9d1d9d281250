#include "gateway/http/session_cache.h"

namespace verkosto::gateway {

SessionCache::SessionCache(std::chrono::microseconds validity, const AccountsGeneration* generation,
                           size_t capacity)
    : validity_(validity), generation_(generation), capacity_(capacity) {}

bool SessionCache::Fresh(const Entry& entry, TimePoint now) const {
  // A clock that went back is no reason to trust an entry longer.
  return entry.generation == generation_->Current() && now >= entry.stored &&
         now - entry.stored < validity_;
}

std::optional<v1::ValidateSessionResponse> SessionCache::Find(const std::string& key,
                                                              TimePoint now) {
  if (validity_.count() <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (!Fresh(it->second, now)) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.answer;
}

void SessionCache::Store(const std::string& key, const v1::ValidateSessionResponse& answer,
                         uint64_t asked_generation, TimePoint now) {
  if (validity_.count() <= 0 || asked_generation != generation_->Current()) return;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && entries_.find(key) == entries_.end()) {
    // Full: drop what is stale; if everything is fresh, start over (a
    // cache miss costs one RPC, never a wrong answer).
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = Fresh(it->second, now) ? std::next(it) : entries_.erase(it);
    }
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_.insert_or_assign(key, Entry{answer, asked_generation, now});
}

void SessionCache::SetLastSeen(const std::string& key, TimePoint last_seen) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it != entries_.end()) it->second.answer.set_last_seen_unix_us(ToMicros(last_seen));
}

void SessionCache::Forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

}  // namespace verkosto::gateway
