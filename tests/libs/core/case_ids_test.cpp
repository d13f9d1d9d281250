#include "core/case_ids.h"

#include <gtest/gtest.h>

namespace verkosto {
namespace {

TEST(CaseIdsTest, ALegacyCaseIdGetsTheCurrentSeparator) {
  EXPECT_EQ(UpgradeLegacyId("r-4657d17f15bb/kainuu-koillismaa"),
            "r-4657d17f15bb.kainuu-koillismaa");
}

TEST(CaseIdsTest, ALegacyMembershipIdGetsTheCurrentSeparators) {
  EXPECT_EQ(UpgradeLegacyId("r-4657d17f15bb/kainuu-koillismaa/1"),
            "r-4657d17f15bb.kainuu-koillismaa.1");
  EXPECT_EQ(UpgradeLegacyId("r-4657d17f15bb/helsinki/12"), "r-4657d17f15bb.helsinki.12");
  // A membership id built on a current case id with the old separator.
  EXPECT_EQ(UpgradeLegacyId("r-4657d17f15bb.helsinki/2"), "r-4657d17f15bb.helsinki.2");
}

TEST(CaseIdsTest, CurrentIdsStayAsTheyAre) {
  for (const char* id : {"r-4657d17f15bb.kainuu-koillismaa", "r-4657d17f15bb.kainuu-koillismaa.1",
                         "req-1.helsinki"}) {
    EXPECT_EQ(UpgradeLegacyId(id), id);
  }
}

TEST(CaseIdsTest, TextThatIsNoIdStaysAsItIs) {
  for (const char* text : {"", "/", "r-1/", "/helsinki", "r-1//helsinki", "r-1/helsinki/",
                           "r-1/helsinki/x", "r-1/helsinki/1/2", "R-1/Helsinki", "r-1/hel sinki",
                           "../etc/passwd", "r-1/helsinki?x=1", "networks/osaamisverkosto/x"}) {
    EXPECT_EQ(UpgradeLegacyId(text), text) << text;
  }
}

}  // namespace
}  // namespace verkosto
