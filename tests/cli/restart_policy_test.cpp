#include "restart_policy.h"

#include <gtest/gtest.h>

#include <vector>

namespace verkosto::cli {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using TimePoint = RestartPolicy::TimePoint;

// Explicit time points: t(ms) since an arbitrary origin.
TimePoint T(long long ms) { return TimePoint{} + milliseconds(ms); }

RestartPolicy::Options Options() {
  RestartPolicy::Options options;
  options.restart_delay = milliseconds(200);
  options.max_restart_delay = milliseconds(1000);
  options.stable_after = seconds(10);
  return options;
}

TEST(RestartPolicyTest, FirstCrashRestartsAtOnce) {
  RestartPolicy policy(Options());
  const RestartPolicy::Decision d = policy.OnExit(T(0), T(50));  // even a quick first crash
  EXPECT_EQ(d.delay, milliseconds(0));
  EXPECT_EQ(d.crash_in_loop, 1);
}

TEST(RestartPolicyTest, FirstCrashAfterALongRunRestartsAtOnce) {
  RestartPolicy policy(Options());
  EXPECT_EQ(policy.OnExit(T(0), T(3'600'000)).delay, milliseconds(0));
}

TEST(RestartPolicyTest, CrashLoopBacksOffDoublingUpToTheCap) {
  RestartPolicy policy(Options());
  std::vector<long long> delays;
  std::vector<int> crashes;
  long long now = 0;
  for (int i = 0; i < 7; ++i) {
    // Each run lasts 100 ms, well inside stable_after.
    const RestartPolicy::Decision d = policy.OnExit(T(now), T(now + 100));
    delays.push_back(d.delay.count());
    crashes.push_back(d.crash_in_loop);
    now += 100 + d.delay.count();
  }
  EXPECT_EQ(delays, (std::vector<long long>{0, 200, 400, 800, 1000, 1000, 1000}));
  EXPECT_EQ(crashes, (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
}

TEST(RestartPolicyTest, CapHoldsForAVeryLongLoop) {
  RestartPolicy policy(Options());
  RestartPolicy::Decision d;
  for (int i = 0; i < 10'000; ++i) d = policy.OnExit(T(0), T(1));
  EXPECT_EQ(d.delay, milliseconds(1000));
  EXPECT_EQ(d.crash_in_loop, 10'000);
}

TEST(RestartPolicyTest, AStableRunEndsTheLoop) {
  RestartPolicy policy(Options());
  ASSERT_EQ(policy.OnExit(T(0), T(100)).delay, milliseconds(0));
  ASSERT_EQ(policy.OnExit(T(100), T(200)).delay, milliseconds(200));
  ASSERT_EQ(policy.OnExit(T(400), T(500)).delay, milliseconds(400));
  // Runs exactly stable_after: stable, so the next crash counts as a first one.
  const RestartPolicy::Decision after_stable = policy.OnExit(T(900), T(10'900));
  EXPECT_EQ(after_stable.delay, milliseconds(0));
  EXPECT_EQ(after_stable.crash_in_loop, 1);
  // ... and a quick crash after it starts a new loop at restart_delay.
  EXPECT_EQ(policy.OnExit(T(10'900), T(11'000)).delay, milliseconds(200));
}

TEST(RestartPolicyTest, ARunJustShortOfStableStaysInTheLoop) {
  RestartPolicy policy(Options());
  ASSERT_EQ(policy.OnExit(T(0), T(100)).delay, milliseconds(0));
  EXPECT_EQ(policy.OnExit(T(100), T(10'099)).delay, milliseconds(200));
}

TEST(RestartPolicyTest, DefaultsRestartAtOnceThenBackOff) {
  RestartPolicy policy;
  EXPECT_EQ(policy.OnExit(T(0), T(10)).delay, milliseconds(0));
  EXPECT_EQ(policy.OnExit(T(10), T(20)).delay, policy.options().restart_delay);
}

}  // namespace
}  // namespace verkosto::cli
