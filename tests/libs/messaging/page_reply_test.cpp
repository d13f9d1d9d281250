#include "messaging/page_reply.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "verkosto/common/v1/chain.pb.h"

namespace verkosto::messaging {
namespace {

namespace cpb = ::verkosto::common::v1;

std::vector<std::string> Key(int64_t seq) { return {page::KeyOf(seq)}; }

// Rows are seqs; each added row puts a head with `hash_bytes` of hash into the reply.
struct Filler {
  size_t hash_bytes = 10;
  cpb::ChainHeadsResponse reply;
  size_t Add(int64_t seq) {
    cpb::ChainHead* head = reply.add_heads();
    head->set_seq(static_cast<uint64_t>(seq));
    head->set_hash(std::string(hash_bytes, 'a'));
    return head->ByteSizeLong();
  }
};

std::vector<int64_t> Seqs(int64_t from, int64_t to) {
  std::vector<int64_t> seqs;
  for (int64_t s = from; s <= to; ++s) seqs.push_back(s);
  return seqs;
}

TEST(PageReplyTest, AFullPageWithMoreRowsEndsWithTheTokenOfItsLastRow) {
  const page::PageRequest page{.size = 3, .after = {}};
  Filler f;
  Result<std::string> next =
      FillPage(Seqs(1, 4), page, "l", "", Key, [&](int64_t s) { return f.Add(s); });
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(f.reply.heads_size(), 3);
  Result<page::PageRequest> again = page::Read(3, *next, "l", "", 1);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->after, Key(3));
}

TEST(PageReplyTest, TheLastPageHasNoToken) {
  const page::PageRequest page{.size = 3, .after = {}};
  Filler f;
  Result<std::string> next =
      FillPage(Seqs(1, 3), page, "l", "", Key, [&](int64_t s) { return f.Add(s); });
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, "");
  EXPECT_EQ(f.reply.heads_size(), 3);
}

TEST(PageReplyTest, APageEndsEarlyWhenItsItemsReachTheByteBudget) {
  // 1000 rows of 300 KB would make a 300 MB reply; the page stops near 1 MiB.
  const page::PageRequest page{.size = page::kMaxPageSize, .after = {}};
  Filler f;
  f.hash_bytes = size_t{300} * 1024;
  Result<std::string> next =
      FillPage(Seqs(1, 1001), page, "l", "", Key, [&](int64_t s) { return f.Add(s); });
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(f.reply.heads_size(), 4);  // 4 × 300 KB ≥ 1 MiB
  EXPECT_LT(f.reply.ByteSizeLong(), kMaxPageBytes + size_t{400} * 1024);
  Result<page::PageRequest> again = page::Read(0, *next, "l", "", 1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->after, Key(4));
}

TEST(PageReplyTest, AFailingAddStopsThePageWithItsError) {
  const page::PageRequest page{.size = 10, .after = {}};
  Result<std::string> next =
      FillPage(Seqs(1, 5), page, "l", "", Key, [&](int64_t s) -> Result<size_t> {
        if (s == 2) return Status::Internal("unreadable row");
        return size_t{1};
      });
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace verkosto::messaging
