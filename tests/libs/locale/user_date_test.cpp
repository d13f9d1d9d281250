#include "locale/user_date.h"

#include <gtest/gtest.h>

namespace verkosto::locale {
namespace {

TEST(ParseUserDateTest, ReadsDayMonthYearAsFinnsAndSwedesWriteIt) {
  EXPECT_EQ(ParseUserDate("3.1.2027"), "2027-01-03");
  EXPECT_EQ(ParseUserDate("03.01.2027"), "2027-01-03");
  EXPECT_EQ(ParseUserDate(" 31.12.2026 "), "2026-12-31");
  EXPECT_EQ(ParseUserDate("3.1.2027."), "2027-01-03");
  EXPECT_EQ(ParseUserDate("3. 1. 2027"), "2027-01-03");
}

TEST(ParseUserDateTest, KeepsAcceptingIsoDates) {
  EXPECT_EQ(ParseUserDate("2027-01-03"), "2027-01-03");
  EXPECT_EQ(ParseUserDate(" 2027-01-03"), "2027-01-03");
}

TEST(ParseUserDateTest, RefusesImpossibleDates) {
  EXPECT_EQ(ParseUserDate("31.2.2027"), std::nullopt);
  EXPECT_EQ(ParseUserDate("31.4.2027"), std::nullopt);
  EXPECT_EQ(ParseUserDate("0.1.2027"), std::nullopt);
  EXPECT_EQ(ParseUserDate("1.13.2027"), std::nullopt);
  EXPECT_EQ(ParseUserDate("2027-02-31"), std::nullopt);
}

TEST(ParseUserDateTest, KnowsLeapYears) {
  EXPECT_EQ(ParseUserDate("29.2.2028"), "2028-02-29");
  EXPECT_EQ(ParseUserDate("29.2.2000"), "2000-02-29");
  EXPECT_EQ(ParseUserDate("29.2.2027"), std::nullopt);
  EXPECT_EQ(ParseUserDate("29.2.2100"), std::nullopt);
}

TEST(ParseUserDateTest, RefusesOtherShapes) {
  EXPECT_EQ(ParseUserDate(""), std::nullopt);
  EXPECT_EQ(ParseUserDate("3.1.27"), std::nullopt);    // two-digit year
  EXPECT_EQ(ParseUserDate("1/3/2027"), std::nullopt);  // US order
  EXPECT_EQ(ParseUserDate("3.1"), std::nullopt);
  EXPECT_EQ(ParseUserDate("3.1.2027.5"), std::nullopt);
  EXPECT_EQ(ParseUserDate("a.b.cccc"), std::nullopt);
  EXPECT_EQ(ParseUserDate("123.1.2027"), std::nullopt);
  EXPECT_EQ(ParseUserDate("3.1.0999"), std::nullopt);
}

TEST(FormatUserDateTest, ShowsIsoDatesForEditingAndKeepsOtherText) {
  EXPECT_EQ(FormatUserDate("2027-01-03"), "3.1.2027");
  EXPECT_EQ(FormatUserDate("2026-12-31"), "31.12.2026");
  EXPECT_EQ(FormatUserDate("31.2.2027"), "31.2.2027");
  EXPECT_EQ(FormatUserDate(""), "");
  EXPECT_EQ(ParseUserDate(FormatUserDate("2028-02-29")), "2028-02-29");
}

}  // namespace
}  // namespace verkosto::locale
