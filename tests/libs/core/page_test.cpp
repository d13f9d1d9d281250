#include "core/page.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verkosto::page {
namespace {

TEST(PageTest, NoSizeAndNoTokenIsTheFirstPageOfOneHundred) {
  Result<PageRequest> page = Read(0, "", "networks.list", "", 1);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->size, kDefaultPageSize);
  EXPECT_TRUE(page->first());
  EXPECT_EQ(page->fetch(), kDefaultPageSize + 1);
}

TEST(PageTest, ASizeOverTheMaximumIsRefusedNamingTheField) {
  EXPECT_TRUE(Read(kMaxPageSize, "", "l", "", 1).ok());
  Result<PageRequest> page = Read(kMaxPageSize + 1, "", "l", "", 1);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(page.status().field(), "page_size");
  EXPECT_NE(page.status().message().find("1000"), std::string::npos);
}

TEST(PageTest, ATokenCarriesTheKeyToTheSameListWithTheSameFilters) {
  const std::string filters = FilterKey({"open", "keha"});
  const std::string token = Token("networks.list", filters, {"a-b", "42"});
  // Opaque, and safe in a URL without encoding.
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
  Result<PageRequest> page = Read(5, token, "networks.list", filters, 2);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->size, 5U);
  EXPECT_EQ(page->after, (std::vector<std::string>{"a-b", "42"}));
}

TEST(PageTest, ATokenOfAnotherListOrOtherFiltersOrNoTokenAtAllIsRefused) {
  const std::string token = Token("cases.journal", FilterKey({"x"}), {"7"});
  for (const auto& [bad, why] : std::vector<std::pair<std::string, std::string>>{
           {Token("cases.inbox", FilterKey({"x"}), {"7"}), "another list"},
           {Token("cases.journal", FilterKey({"y"}), {"7"}), "other filters"},
           {Token("cases.journal", FilterKey({"x"}), {"7", "8"}), "another list"},
           {"zz", "not a page token"},
           {"abc", "not a page token"},
           {"41", "another list"}}) {
    Result<PageRequest> page = Read(0, bad, "cases.journal", FilterKey({"x"}), 1);
    ASSERT_FALSE(page.ok()) << bad;
    EXPECT_EQ(page.status().field(), "page_token");
    EXPECT_NE(page.status().message().find(why), std::string::npos) << page.status().ToString();
  }
  EXPECT_TRUE(Read(0, token, "cases.journal", FilterKey({"x"}), 1).ok());
}

TEST(PageTest, FilterKeysTellApartValuesThatWouldConcatenateAlike) {
  EXPECT_NE(FilterKey({"ab", "c"}), FilterKey({"a", "bc"}));
  EXPECT_EQ(FilterKey({"ab", "c"}), FilterKey({"ab", "c"}));
}

TEST(PageTest, IntegerKeysRoundTripAndAnythingElseIsRefused) {
  int64_t value = 0;
  ASSERT_TRUE(IntegerKey(KeyOf(-42), value));
  EXPECT_EQ(value, -42);
  ASSERT_TRUE(IntegerKey(KeyOf(INT64_MAX), value));
  EXPECT_EQ(value, INT64_MAX);
  EXPECT_FALSE(IntegerKey("x1", value));
  EXPECT_FALSE(IntegerKey("1x", value));
  EXPECT_FALSE(IntegerKey("", value));
}

}  // namespace
}  // namespace verkosto::page
