#include "gateway/domain/login_throttle.h"

#include <gtest/gtest.h>

#include <vector>

namespace verkosto::gateway {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const TimePoint kT0 = FromMicros(int64_t{1'800'000'000} * 1'000'000);

std::vector<TimePoint> Every(seconds step, int n, TimePoint from = kT0) {
  std::vector<TimePoint> out;
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(from + step * i);
  return out;
}

TEST(LoginThrottleTest, TheFreeFailuresCostNothingThenEachDoublesTheWait) {
  const ThrottleRule rule{3, seconds(1), minutes(15), minutes(15)};
  EXPECT_EQ(ThrottledUntil(Every(seconds(1), 3), kT0 + seconds(3), rule), std::nullopt);
  // The 4th failure: 1 s after it; the 5th: 2 s; the 6th: 4 s.
  EXPECT_EQ(ThrottledUntil(Every(seconds(1), 4), kT0 + seconds(3), rule), kT0 + seconds(4));
  EXPECT_EQ(ThrottledUntil(Every(seconds(1), 5), kT0 + seconds(4), rule), kT0 + seconds(6));
  EXPECT_EQ(ThrottledUntil(Every(seconds(1), 6), kT0 + seconds(5), rule), kT0 + seconds(9));
  // Once the wait has passed, the next attempt may be made.
  EXPECT_EQ(ThrottledUntil(Every(seconds(1), 6), kT0 + seconds(9), rule), std::nullopt);
}

TEST(LoginThrottleTest, TheWaitIsCappedAndOldFailuresFallOutOfTheWindow) {
  const ThrottleRule rule{3, seconds(1), minutes(1), minutes(15)};
  // 40 failures in 40 s would be 2^36 s uncapped: the cap is one minute.
  EXPECT_EQ(ThrottledUntil(Every(seconds(1), 40), kT0 + seconds(40), rule),
            kT0 + seconds(39) + minutes(1));
  // An hour later they no longer count at all.
  EXPECT_EQ(ThrottledUntil(Every(seconds(1), 40), kT0 + minutes(60), rule), std::nullopt);
}

TEST(LoginThrottleTest, AGuesserElsewhereCannotLockAPersonOut) {
  const LoginThrottlePolicy policy;
  std::vector<LoginFailure> failures;
  failures.reserve(30);
  // Someone at 203.0.113.9 guesses the director's password 30 times in 5 minutes.
  for (int i = 0; i < 30; ++i) {
    failures.push_back({"johtaja.kainuu", "203.0.113.9", kT0 + seconds(10) * i});
  }
  const TimePoint now = kT0 + minutes(5);
  // The guesser waits minutes ...
  const auto guesser = NextLoginAllowed(failures, "johtaja.kainuu", "203.0.113.9", now, policy);
  ASSERT_TRUE(guesser.has_value());
  EXPECT_GE(*guesser - now, minutes(9));
  // ... the director at the office waits at most the short cap of the name
  // rule, and none once it has passed.
  const auto director = NextLoginAllowed(failures, "johtaja.kainuu", "198.51.100.7", now, policy);
  ASSERT_TRUE(director.has_value());
  EXPECT_LE(*director - now, policy.name.max_delay);
  EXPECT_EQ(NextLoginAllowed(failures, "johtaja.kainuu", "198.51.100.7",
                             now + policy.name.max_delay, policy),
            std::nullopt);
  // Another person at the guesser's address waits too: the address tried too many.
  EXPECT_TRUE(NextLoginAllowed(failures, "kirjaamo.kainuu", "203.0.113.9", now, policy));
  // Another person elsewhere is not touched.
  EXPECT_EQ(NextLoginAllowed(failures, "kirjaamo.kainuu", "198.51.100.7", now, policy),
            std::nullopt);
}

TEST(LoginThrottleTest, FailuresOutsideTheLongestWindowAreIrrelevant) {
  const LoginThrottlePolicy policy;
  EXPECT_EQ(ThrottleRelevantSince(kT0, policy), kT0 - minutes(15));
}

}  // namespace
}  // namespace verkosto::gateway
