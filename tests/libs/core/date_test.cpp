#include "core/date.h"

#include <gtest/gtest.h>

namespace verkosto {
namespace {

using namespace std::chrono;  // NOLINT(google-build-using-namespace)

TimePoint Utc(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return time_point_cast<microseconds>(sys_days(year(y) / month(m) / day(d)) + hours(hour) +
                                       minutes(minute));
}

TEST(DateTest, ParsesAndFormatsIsoDates) {
  auto date = ParseIsoDate("2026-06-19");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, year(2026) / June / day(19));
  EXPECT_EQ(FormatIsoDate(*date), "2026-06-19");
}

TEST(DateTest, RefusesMalformedOrImpossibleDates) {
  EXPECT_FALSE(ParseIsoDate("2026-02-29").has_value());
  EXPECT_FALSE(ParseIsoDate("2026-13-01").has_value());
  EXPECT_FALSE(ParseIsoDate("2026-6-19").has_value());
  EXPECT_FALSE(ParseIsoDate("19.6.2026").has_value());
  EXPECT_FALSE(ParseIsoDate("").has_value());
  EXPECT_TRUE(ParseIsoDate("2028-02-29").has_value());
}

TEST(DateTest, HelsinkiDateUsesWinterOffsetOfTwoHours) {
  // 21:59 UTC on 31 Dec is 23:59 in Helsinki; 22:00 UTC is already New Year.
  EXPECT_EQ(HelsinkiDate(Utc(2026, 12, 31, 21, 59)), year(2026) / December / day(31));
  EXPECT_EQ(HelsinkiDate(Utc(2026, 12, 31, 22, 0)), year(2027) / January / day(1));
}

TEST(DateTest, HelsinkiDateUsesSummerOffsetOfThreeHours) {
  // 21:00 UTC on 23 June 2026 is midnight in Helsinki (EEST).
  EXPECT_EQ(HelsinkiDate(Utc(2026, 6, 23, 20, 59)), year(2026) / June / day(23));
  EXPECT_EQ(HelsinkiDate(Utc(2026, 6, 23, 21, 0)), year(2026) / June / day(24));
}

TEST(DateTest, SummerTimeSwitchesOnTheLastSundaysOfMarchAndOctober) {
  // 2026: summer time from Sun 29 March 01:00 UTC to Sun 25 October 01:00 UTC.
  EXPECT_EQ(HelsinkiStartOfDay(year(2026) / March / day(29)), Utc(2026, 3, 28, 22));
  EXPECT_EQ(HelsinkiStartOfDay(year(2026) / March / day(30)), Utc(2026, 3, 29, 21));
  EXPECT_EQ(HelsinkiStartOfDay(year(2026) / October / day(25)), Utc(2026, 10, 24, 21));
  EXPECT_EQ(HelsinkiStartOfDay(year(2026) / October / day(26)), Utc(2026, 10, 25, 22));
}

TEST(DateTest, StartOfDayMapsBackToTheSameDate) {
  for (Date d = year(2026) / January / day(1); d != year(2027) / January / day(1);
       d = AddDays(d, 1)) {
    EXPECT_EQ(HelsinkiDate(HelsinkiStartOfDay(d)), d) << FormatIsoDate(d);
    EXPECT_EQ(HelsinkiDate(HelsinkiStartOfDay(d) - microseconds(1)), AddDays(d, -1));
  }
}

TEST(DateTest, CountsAndAddsDays) {
  const Date a = year(2026) / December / day(30);
  EXPECT_EQ(AddDays(a, 3), year(2027) / January / day(2));
  EXPECT_EQ(DaysBetween(a, year(2027) / January / day(2)), 3);
  EXPECT_EQ(DaysBetween(year(2027) / January / day(2), a), -3);
}

}  // namespace
}  // namespace verkosto
