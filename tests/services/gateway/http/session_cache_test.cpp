#include "gateway/http/session_cache.h"

#include <gtest/gtest.h>

namespace verkosto::gateway {
namespace {

using std::chrono::seconds;

const TimePoint kNow = FromMicros(int64_t{1'780'000'000} * 1'000'000);

v1::ValidateSessionResponse Answer(const std::string& user_id) {
  v1::ValidateSessionResponse answer;
  answer.mutable_account()->set_user_id(user_id);
  answer.set_csrf_token("csrf-" + user_id);
  return answer;
}

class SessionCacheTest : public ::testing::Test {
 protected:
  AccountsGeneration changes_;
  SessionCache cache_{seconds(5), &changes_, 3};
};

TEST_F(SessionCacheTest, AnAnswerIsKeptForItsValidityOnTheClock) {
  const std::string key = SessionCache::Key(false, "aa");
  EXPECT_FALSE(cache_.Find(key, kNow));
  cache_.Store(key, Answer("juha"), cache_.generation(), kNow);
  ASSERT_TRUE(cache_.Find(key, kNow + seconds(4)));
  EXPECT_EQ(cache_.Find(key, kNow + seconds(4))->account().user_id(), "juha");
  EXPECT_FALSE(cache_.Find(key, kNow + seconds(5)));
  // A clock that went back does not make an entry last longer.
  cache_.Store(key, Answer("juha"), cache_.generation(), kNow);
  EXPECT_FALSE(cache_.Find(key, kNow - seconds(1)));
}

TEST_F(SessionCacheTest, AnyAccountChangeEndsEveryEntryAtOnce) {
  cache_.Store(SessionCache::Key(false, "aa"), Answer("juha"), cache_.generation(), kNow);
  cache_.Store(SessionCache::Key(true, "bb"), Answer("kaisa"), cache_.generation(), kNow);
  changes_.Bump();
  EXPECT_FALSE(cache_.Find(SessionCache::Key(false, "aa"), kNow));
  EXPECT_FALSE(cache_.Find(SessionCache::Key(true, "bb"), kNow));
}

TEST_F(SessionCacheTest, AnAnswerAskedBeforeAChangeIsNotKept) {
  const std::string key = SessionCache::Key(false, "aa");
  const uint64_t asked = cache_.generation();
  changes_.Bump();  // e.g. a logout committed while the answer was on its way
  cache_.Store(key, Answer("juha"), asked, kNow);
  EXPECT_FALSE(cache_.Find(key, kNow));
}

TEST_F(SessionCacheTest, SessionsAndTokensWithTheSameHashAreApart) {
  cache_.Store(SessionCache::Key(false, "aa"), Answer("juha"), cache_.generation(), kNow);
  EXPECT_FALSE(cache_.Find(SessionCache::Key(true, "aa"), kNow));
}

TEST_F(SessionCacheTest, ATouchAndAForgetChangeOneEntry) {
  const std::string key = SessionCache::Key(false, "aa");
  cache_.Store(key, Answer("juha"), cache_.generation(), kNow);
  cache_.SetLastSeen(key, kNow + seconds(2));
  EXPECT_EQ(cache_.Find(key, kNow)->last_seen_unix_us(), ToMicros(kNow + seconds(2)));
  cache_.Forget(key);
  EXPECT_FALSE(cache_.Find(key, kNow));
}

TEST_F(SessionCacheTest, AFullCacheDropsStaleEntriesFirstAndNeverGrowsPastItsCapacity) {
  const uint64_t g = cache_.generation();
  cache_.Store("s:1", Answer("a"), g, kNow);
  cache_.Store("s:2", Answer("b"), g, kNow + seconds(3));
  cache_.Store("s:3", Answer("c"), g, kNow + seconds(3));
  // At kNow + 6 s, "s:1" is stale: it goes, the fresh ones stay.
  cache_.Store("s:4", Answer("d"), g, kNow + seconds(6));
  EXPECT_FALSE(cache_.Find("s:1", kNow + seconds(6)));
  EXPECT_TRUE(cache_.Find("s:2", kNow + seconds(6)));
  EXPECT_TRUE(cache_.Find("s:4", kNow + seconds(6)));
  // All fresh and full: it starts over rather than grow.
  cache_.Store("s:5", Answer("e"), g, kNow + seconds(6));
  cache_.Store("s:6", Answer("f"), g, kNow + seconds(6));
  EXPECT_TRUE(cache_.Find("s:6", kNow + seconds(6)));
  int kept = 0;
  for (const char* key : {"s:2", "s:3", "s:4", "s:5", "s:6"}) {
    if (cache_.Find(key, kNow + seconds(6))) ++kept;
  }
  EXPECT_LE(kept, 3);
}

TEST(SessionCacheOffTest, NoValidityCachesNothing) {
  AccountsGeneration changes;
  SessionCache cache(seconds(0), &changes);
  cache.Store("s:1", Answer("a"), cache.generation(), kNow);
  EXPECT_FALSE(cache.Find("s:1", kNow));
}

}  // namespace
}  // namespace verkosto::gateway
