#include "core/limits.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verkosto::limits {
namespace {

TEST(LimitsTest, CharactersAreCodePointsNotBytes) {
  EXPECT_EQ(Characters(""), 0U);
  EXPECT_EQ(Characters("abc"), 3U);
  EXPECT_EQ(Characters("Ähtäri"), 6U);            // Ä and ä are two bytes each
  EXPECT_EQ(Characters("\xE2\x82\xAC"), 1U);      // €
  EXPECT_EQ(Characters("\xF0\x9F\x98\x80"), 1U);  // an emoji, four bytes
}

TEST(LimitsTest, CheckLengthCountsCharactersAndNamesTheField) {
  EXPECT_TRUE(CheckLength(std::string(200, 'a'), kName, "title").ok());
  // 200 characters of two bytes each are 400 bytes and still allowed.
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "ä";
  EXPECT_TRUE(CheckLength(umlauts, kName, "title").ok());
  const Status over = CheckLength(umlauts + "ö", kName, "title");
  EXPECT_EQ(over.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(over.field(), "title");
  EXPECT_NE(over.message().find("longer than 200 characters (it has 201)"), std::string::npos)
      << over.message();
}

TEST(LimitsTest, CheckListBoundsTheCountAndEachEntry) {
  std::vector<std::string> goals(kListEntries, std::string(kLine, 'g'));
  EXPECT_TRUE(CheckList(goals, kListEntries, kLine, "goals").ok());
  goals[3] += "g";
  EXPECT_EQ(CheckList(goals, kListEntries, kLine, "goals").field(), "goals[3]");
  goals[3].pop_back();
  goals.emplace_back("one more");
  const Status many = CheckList(goals, kListEntries, kLine, "goals");
  EXPECT_EQ(many.field(), "goals");
  EXPECT_NE(many.message().find("more than 20 entries"), std::string::npos) << many.message();
}

}  // namespace
}  // namespace verkosto::limits
