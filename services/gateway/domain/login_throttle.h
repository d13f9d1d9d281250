#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace verkosto::gateway {

// Login throttling: growing waits instead of a lock an attacker can trigger.
//
// Failed logins are counted per key, each with its own rule: the user name
// from one client address (a person mistyping, or a guesser at one place),
// the client address over every name (one place trying many names), and the
// user name over every address (a guess spread over many places). A key's
// first `free_failures` failures within `window` cost nothing; each failure
// after them doubles the wait after the last one, from `first_delay` up to
// `max_delay`. An attempt while any of its keys waits is refused at once —
// no password hash is computed, so a flood costs the gateway next to nothing —
// and the refusal says when to try again. The rule over every address keeps
// its waits short, so nobody can keep a director from logging in for long
// from elsewhere.
struct ThrottleRule {
  int free_failures = 5;
  std::chrono::microseconds first_delay = std::chrono::seconds(1);
  std::chrono::microseconds max_delay = std::chrono::minutes(15);
  std::chrono::microseconds window = std::chrono::minutes(15);
};

struct LoginThrottlePolicy {
  ThrottleRule name_at_address{5, std::chrono::seconds(1), std::chrono::minutes(15),
                               std::chrono::minutes(15)};
  ThrottleRule address{20, std::chrono::seconds(1), std::chrono::minutes(15),
                       std::chrono::minutes(15)};
  ThrottleRule name{10, std::chrono::seconds(1), std::chrono::minutes(1), std::chrono::minutes(15)};
};

// One failed login: the (lower-case) user name tried and the client address.
struct LoginFailure {
  std::string user_id;
  std::string address;
  TimePoint at;

  friend bool operator==(const LoginFailure&, const LoginFailure&) = default;
};

// When a key whose failures happened at `failures` (any order) may try
// again: nullopt when it may now.
std::optional<TimePoint> ThrottledUntil(std::vector<TimePoint> failures, TimePoint now,
                                        const ThrottleRule& rule);

// When `user_id` may next try from `address`, by every rule of `policy`:
// nullopt when now. `failures` holds at least the recent failures of that
// name (from any address) and of that address (for any name); others are
// ignored.
std::optional<TimePoint> NextLoginAllowed(const std::vector<LoginFailure>& failures,
                                          const std::string& user_id, const std::string& address,
                                          TimePoint now, const LoginThrottlePolicy& policy);

// Failures before this no longer matter to NextLoginAllowed (may be pruned).
TimePoint ThrottleRelevantSince(TimePoint now, const LoginThrottlePolicy& policy);

}  // namespace verkosto::gateway
