#include "core/language.h"

#include <gtest/gtest.h>

namespace verkosto {
namespace {

TEST(LanguageTest, CodesRoundTrip) {
  for (const Language language : {Language::kFi, Language::kSv, Language::kEn}) {
    EXPECT_EQ(LanguageFromCode(LanguageCode(language)), language) << LanguageCode(language);
  }
  EXPECT_EQ(LanguageCode(Language::kSv), "sv");
}

TEST(LanguageTest, OnlyTheThreeLowerCaseCodesParse) {
  for (const std::string_view bad : {"", "FI", "Sv", "de", "fin", " fi"}) {
    EXPECT_EQ(LanguageFromCode(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace verkosto
