#include "gateway/http/rpc_gateway_context.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace verkosto::gateway {
namespace {

// [auth] hash_workers: however many logins arrive at once, at most that many
// hash at a time; the others wait for a slot and then go on.
TEST(HashSlotsTest, AtMostTheBoundHoldASlotAndTheRestGoOnAfterwards) {
  constexpr int kSlots = 2;
  constexpr int kLogins = 6;
  HashSlots slots(kSlots);
  std::mutex mutex;
  std::condition_variable changed;
  int inside = 0;
  int most = 0;
  int released = 0;  // how many holders the test has let go
  int done = 0;
  std::vector<std::thread> logins;
  logins.reserve(kLogins);
  for (int i = 0; i < kLogins; ++i) {
    logins.emplace_back([&] {
      HashSlot slot(&slots);
      std::unique_lock lock(mutex);
      ++inside;
      most = std::max(most, inside);
      changed.notify_all();
      // Hold the slot until the test lets one holder go.
      changed.wait(lock, [&] { return released > done; });
      ++done;
      --inside;
      changed.notify_all();
    });
  }
  {
    std::unique_lock lock(mutex);
    for (int i = 0; i < kLogins; ++i) {
      // Every slot is taken (or every login left is inside) before one goes.
      changed.wait(lock, [&] { return inside >= std::min(kSlots, kLogins - done); });
      EXPECT_LE(inside, kSlots);
      ++released;
      changed.notify_all();
      changed.wait(lock, [&] { return done == released; });
    }
  }
  for (std::thread& t : logins) t.join();
  EXPECT_EQ(most, kSlots);
  EXPECT_EQ(done, kLogins);
}

}  // namespace
}  // namespace verkosto::gateway
