#include "gateway/domain/login_throttle.h"

#include <algorithm>

namespace verkosto::gateway {

std::optional<TimePoint> ThrottledUntil(std::vector<TimePoint> failures, TimePoint now,
                                        const ThrottleRule& rule) {
  std::erase_if(failures, [&](TimePoint at) { return at <= now - rule.window; });
  const auto free = static_cast<size_t>(std::max(rule.free_failures, 0));
  if (failures.size() <= free) return std::nullopt;
  // Each failure past the free ones doubles the wait (capped; the shift is
  // bounded so it cannot overflow).
  const size_t doublings = std::min<size_t>(failures.size() - free - 1, 40);
  std::chrono::microseconds delay = rule.max_delay;
  if (doublings < 40 && rule.first_delay.count() <= (rule.max_delay.count() >> doublings)) {
    delay = rule.first_delay * (int64_t{1} << doublings);
  }
  const TimePoint until = *std::max_element(failures.begin(), failures.end()) + delay;
  if (now < until) return until;
  return std::nullopt;
}

std::optional<TimePoint> NextLoginAllowed(const std::vector<LoginFailure>& failures,
                                          const std::string& user_id, const std::string& address,
                                          TimePoint now, const LoginThrottlePolicy& policy) {
  std::vector<TimePoint> pair;
  std::vector<TimePoint> by_address;
  std::vector<TimePoint> by_name;
  for (const LoginFailure& f : failures) {
    if (f.user_id == user_id) by_name.push_back(f.at);
    if (f.address == address) by_address.push_back(f.at);
    if (f.user_id == user_id && f.address == address) pair.push_back(f.at);
  }
  std::optional<TimePoint> latest;
  for (const std::optional<TimePoint> until :
       {ThrottledUntil(std::move(pair), now, policy.name_at_address),
        ThrottledUntil(std::move(by_address), now, policy.address),
        ThrottledUntil(std::move(by_name), now, policy.name)}) {
    if (until && (!latest || *until > *latest)) latest = until;
  }
  return latest;
}

TimePoint ThrottleRelevantSince(TimePoint now, const LoginThrottlePolicy& policy) {
  std::chrono::microseconds longest{0};
  for (const ThrottleRule* rule : {&policy.name_at_address, &policy.address, &policy.name}) {
    longest = std::max(longest, rule->window);
  }
  return now - longest;
}

}  // namespace verkosto::gateway
