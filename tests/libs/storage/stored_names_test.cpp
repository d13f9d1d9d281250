#include "storage/stored_names.h"

#include <gtest/gtest.h>

#include "storage/database.h"

namespace verkosto::storage {
namespace {

enum class Colour { kRed, kGreen };
constexpr StoredName<Colour> kColours[] = {{Colour::kRed, "red"}, {Colour::kGreen, "green"}};

TEST(StoredNamesTest, NamesAndValuesRoundTrip) {
  for (const Colour c : {Colour::kRed, Colour::kGreen}) {
    const Result<Colour> back = ValueOf(kColours, NameOf(kColours, c), "colour");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, c);
  }
  EXPECT_EQ(NameOf(kColours, Colour::kGreen), "green");
}

TEST(StoredNamesTest, AnUnknownStoredNameIsInternal) {
  const Result<Colour> r = ValueOf(kColours, "blue", "colour");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
  EXPECT_EQ(r.status().message(), "unknown colour 'blue' in the database");
  EXPECT_FALSE(ValueOf(kColours, "", "colour").ok());
}

TEST(StoredNamesTest, ALanguageIsStoredAsItsCodeAndNotGivenAsEmpty) {
  EXPECT_EQ(StoredLanguage(Language::kSv), "sv");
  EXPECT_EQ(StoredLanguage(std::nullopt), "");
  EXPECT_EQ(*LanguageFromStored("en"), Language::kEn);
  EXPECT_EQ(*LanguageFromStored(""), std::nullopt);
  const auto unknown = LanguageFromStored("de");
  EXPECT_EQ(unknown.status().code(), ErrorCode::kInternal);
  EXPECT_EQ(unknown.status().message(), "unknown language 'de' in the database");
}

TEST(StoredNamesTest, AReaderInsideGuardReturnsTheErrorAsInternal) {
  const Status status = Guard([]() -> Status {
    ValueOrThrow(ValueOf(kColours, "Red", "colour"));
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  EXPECT_NE(status.message().find("unknown colour 'Red'"), std::string::npos);
}

}  // namespace
}  // namespace verkosto::storage
