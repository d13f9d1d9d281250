#include "gateway/http/client_states.h"

#include <gtest/gtest.h>

namespace verkosto::gateway {
namespace {

TEST(ClientStatesTest, AServiceIsFailingFromAnUnansweredCallUntilACallIsAnswered) {
  FakeClock clock(SystemClock::Instance().Now());
  ClientStates states(clock);
  EXPECT_TRUE(states.Snapshot().empty());

  states.RecordSuccess("nominations");
  clock.Advance(std::chrono::seconds(1));
  states.RecordFailure("nominations", "no reply from ipc://n within 5000 ms");
  states.RecordSuccess("networks");
  auto snapshot = states.Snapshot();
  ASSERT_EQ(snapshot.size(), 2u);
  EXPECT_EQ(snapshot[0].service(), "networks");  // by name
  EXPECT_FALSE(snapshot[0].failing());
  EXPECT_EQ(snapshot[0].last_failure_unix_us(), 0);
  EXPECT_EQ(snapshot[1].service(), "nominations");
  EXPECT_TRUE(snapshot[1].failing());
  EXPECT_EQ(snapshot[1].last_failure(), "no reply from ipc://n within 5000 ms");
  EXPECT_EQ(snapshot[1].last_failure_unix_us(), ToMicros(clock.Now()));
  EXPECT_EQ(snapshot[1].last_success_unix_us(), ToMicros(clock.Now() - std::chrono::seconds(1)));

  // Another worker's answered call, in the same microsecond, clears it; the
  // failure stays on record.
  states.RecordSuccess("nominations");
  snapshot = states.Snapshot();
  EXPECT_FALSE(snapshot[1].failing());
  EXPECT_EQ(snapshot[1].last_failure_unix_us(), ToMicros(clock.Now()));
  EXPECT_EQ(snapshot[1].last_success_unix_us(), ToMicros(clock.Now()));

  states.RecordFailure("nominations", "no reply again");
  EXPECT_TRUE(states.Snapshot()[1].failing());
}

}  // namespace
}  // namespace verkosto::gateway
