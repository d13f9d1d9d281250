#include "nominations/domain/working_days.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "fixtures.h"

namespace verkosto::nominations {
namespace {

using fixtures::D;

std::set<std::string> HolidayDates(int year) {
  std::set<std::string> out;
  for (const Holiday& h : FinnishHolidays(year)) out.insert(FormatIsoDate(h.date));
  return out;
}

TEST(WorkingDaysTest, EasterSundayMatchesKnownDates) {
  EXPECT_EQ(EasterSunday(2019), D(2019, 4, 21));
  EXPECT_EQ(EasterSunday(2024), D(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), D(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), D(2026, 4, 5));
  EXPECT_EQ(EasterSunday(2027), D(2027, 3, 28));
  EXPECT_EQ(EasterSunday(2038), D(2038, 4, 25));
}

TEST(WorkingDaysTest, Holidays2025MatchTheOfficialCalendar) {
  EXPECT_EQ(HolidayDates(2025),
            (std::set<std::string>{"2025-01-01", "2025-01-06", "2025-04-18", "2025-04-20",
                                   "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-08",
                                   "2025-06-20", "2025-06-21", "2025-11-01", "2025-12-06",
                                   "2025-12-24", "2025-12-25", "2025-12-26"}));
}

TEST(WorkingDaysTest, Holidays2026MatchTheOfficialCalendar) {
  EXPECT_EQ(HolidayDates(2026),
            (std::set<std::string>{"2026-01-01", "2026-01-06", "2026-04-03", "2026-04-05",
                                   "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-24",
                                   "2026-06-19", "2026-06-20", "2026-10-31", "2026-12-06",
                                   "2026-12-24", "2026-12-25", "2026-12-26"}));
}

TEST(WorkingDaysTest, Holidays2027MatchTheOfficialCalendar) {
  EXPECT_EQ(HolidayDates(2027),
            (std::set<std::string>{"2027-01-01", "2027-01-06", "2027-03-26", "2027-03-28",
                                   "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-16",
                                   "2027-06-25", "2027-06-26", "2027-11-06", "2027-12-06",
                                   "2027-12-24", "2027-12-25", "2027-12-26"}));
}

TEST(WorkingDaysTest, OnlyMidsummerEveAndChristmasEveAreDeFacto) {
  std::set<std::string> de_facto;
  for (const Holiday& h : FinnishHolidays(2026)) {
    if (h.de_facto) de_facto.insert(std::string(h.name));
  }
  EXPECT_EQ(de_facto, (std::set<std::string>{"Midsummer Eve", "Christmas Eve"}));
}

TEST(WorkingDaysTest, IsFinnishHolidayAgreesWithTheListForManyYears) {
  for (int year = 2000; year <= 2060; ++year) {
    std::set<std::string> listed = HolidayDates(year);
    int found = 0;
    for (Date d = D(year, 1, 1); d.year() == std::chrono::year(year); d = AddDays(d, 1)) {
      const bool holiday = IsFinnishHoliday(d);
      EXPECT_EQ(holiday, listed.contains(FormatIsoDate(d))) << FormatIsoDate(d);
      found += holiday ? 1 : 0;
    }
    EXPECT_EQ(found, static_cast<int>(listed.size())) << year;
  }
}

TEST(WorkingDaysTest, EasterAndMidsummerAndChristmas2026AreNotWorkingDays) {
  EXPECT_FALSE(IsWorkingDay(D(2026, 4, 3)));    // Good Friday
  EXPECT_FALSE(IsWorkingDay(D(2026, 4, 6)));    // Easter Monday
  EXPECT_TRUE(IsWorkingDay(D(2026, 4, 2)));     // Maundy Thursday
  EXPECT_TRUE(IsWorkingDay(D(2026, 4, 7)));     // Tuesday after Easter
  EXPECT_TRUE(IsWorkingDay(D(2026, 4, 30)));    // May Day Eve
  EXPECT_FALSE(IsWorkingDay(D(2026, 5, 14)));   // Ascension Day
  EXPECT_TRUE(IsWorkingDay(D(2026, 6, 18)));    // Thursday before Midsummer
  EXPECT_FALSE(IsWorkingDay(D(2026, 6, 19)));   // Midsummer Eve
  EXPECT_FALSE(IsWorkingDay(D(2026, 6, 20)));   // Midsummer Day
  EXPECT_FALSE(IsWorkingDay(D(2026, 12, 24)));  // Christmas Eve
  EXPECT_FALSE(IsWorkingDay(D(2026, 12, 25)));  // Christmas Day
  EXPECT_TRUE(IsWorkingDay(D(2026, 12, 31)));   // New Year's Eve
  EXPECT_FALSE(IsWorkingDay(D(2027, 1, 6)));    // Epiphany, a Wednesday
  EXPECT_FALSE(IsWorkingDay(D(2026, 6, 6)));    // a plain Saturday
  EXPECT_FALSE(IsWorkingDay(D(2026, 6, 7)));    // a plain Sunday
}

TEST(WorkingDaysTest, CountsWorkingDaysAfterFromUpToAndIncludingTo) {
  EXPECT_EQ(WorkingDaysBetween(D(2026, 6, 1), D(2026, 6, 1)), 0);
  EXPECT_EQ(WorkingDaysBetween(D(2026, 6, 1), D(2026, 6, 2)), 1);
  EXPECT_EQ(WorkingDaysBetween(D(2026, 6, 1), D(2026, 6, 5)), 4);
  EXPECT_EQ(WorkingDaysBetween(D(2026, 6, 5), D(2026, 6, 8)), 1);  // over a weekend
  EXPECT_EQ(WorkingDaysBetween(D(2026, 6, 8), D(2026, 6, 5)), -1);
}

TEST(WorkingDaysTest, CountsAcrossEaster2026) {
  // Thu 2 April -> Tue 7 April: Good Friday, the weekend and Easter Monday are off.
  EXPECT_EQ(WorkingDaysBetween(D(2026, 4, 2), D(2026, 4, 7)), 1);
  EXPECT_EQ(WorkingDaysBetween(D(2026, 4, 1), D(2026, 4, 8)), 3);
  EXPECT_EQ(AddWorkingDays(D(2026, 4, 2), 1), D(2026, 4, 7));
  EXPECT_EQ(SubtractWorkingDays(D(2026, 4, 7), 1), D(2026, 4, 2));
}

TEST(WorkingDaysTest, CountsAcrossMidsummer2026) {
  // Thu 18 June -> Mon 22 June: Midsummer Eve and Day are off.
  EXPECT_EQ(WorkingDaysBetween(D(2026, 6, 18), D(2026, 6, 22)), 1);
  EXPECT_EQ(AddWorkingDays(D(2026, 6, 18), 1), D(2026, 6, 22));
  EXPECT_EQ(SubtractWorkingDays(D(2026, 6, 30), 7), D(2026, 6, 18));
}

TEST(WorkingDaysTest, CountsAcrossChristmasAndNewYear) {
  // Wed 23 Dec 2026 -> Mon 28 Dec: Christmas Eve and Christmas Day are off.
  EXPECT_EQ(WorkingDaysBetween(D(2026, 12, 23), D(2026, 12, 28)), 1);
  // 28-31 Dec, 4-5 Jan, 7-8 Jan (New Year's Day and Epiphany are off).
  EXPECT_EQ(WorkingDaysBetween(D(2026, 12, 23), D(2027, 1, 8)), 8);
  EXPECT_EQ(AddWorkingDays(D(2026, 12, 18), 10), D(2027, 1, 7));
  EXPECT_EQ(SubtractWorkingDays(D(2027, 1, 7), 10), D(2026, 12, 18));
}

TEST(WorkingDaysTest, AddAndSubtractInvertWorkingDaysBetween) {
  for (Date d = D(2025, 1, 1); d != D(2028, 1, 1); d = AddDays(d, 1)) {
    for (int n : {0, 1, 2, 7, 10, 25}) {
      const Date later = AddWorkingDays(d, n);
      ASSERT_EQ(WorkingDaysBetween(d, later), n) << FormatIsoDate(d) << " + " << n;
      const Date earlier = SubtractWorkingDays(d, n);
      ASSERT_EQ(WorkingDaysBetween(earlier, d), n) << FormatIsoDate(d) << " - " << n;
      if (n > 0) {
        ASSERT_TRUE(IsWorkingDay(later)) << FormatIsoDate(later);
        ASSERT_TRUE(IsWorkingDay(earlier)) << FormatIsoDate(earlier);
      }
    }
  }
  EXPECT_EQ(AddWorkingDays(D(2026, 6, 18), -1), SubtractWorkingDays(D(2026, 6, 18), 1));
}

// Act 150/1930: a deadline on a day off is warned about, with the next
// working day; a working day gives no warning.
TEST(DeadlineWorkingDayTest, AWorkingDayNeedsNoWarning) {
  EXPECT_EQ(CheckDeadlineIsWorkingDay(D(2026, 6, 18)), std::nullopt);   // Thursday
  EXPECT_EQ(CheckDeadlineIsWorkingDay(D(2026, 12, 31)), std::nullopt);  // New Year's Eve
  EXPECT_EQ(CheckDeadlineIsWorkingDay(D(2026, 4, 30)), std::nullopt);   // May Day Eve
}

TEST(DeadlineWorkingDayTest, AWeekendSuggestsTheMonday) {
  for (const Date& weekend : {D(2026, 3, 21), D(2026, 3, 22)}) {
    const auto w = CheckDeadlineIsWorkingDay(weekend);
    ASSERT_TRUE(w.has_value()) << FormatIsoDate(weekend);
    EXPECT_EQ(w->deadline, weekend);
    EXPECT_EQ(w->next_working_day, D(2026, 3, 23));
    EXPECT_TRUE(w->weekend);
    EXPECT_EQ(w->holiday, "");
  }
}

TEST(DeadlineWorkingDayTest, MidsummerEveAndDayMoveToTheMonday) {
  const auto eve = CheckDeadlineIsWorkingDay(D(2026, 6, 19));  // Friday
  ASSERT_TRUE(eve.has_value());
  EXPECT_FALSE(eve->weekend);
  EXPECT_EQ(eve->holiday, "Midsummer Eve");
  EXPECT_EQ(eve->next_working_day, D(2026, 6, 22));
  const auto day = CheckDeadlineIsWorkingDay(D(2026, 6, 20));  // Saturday
  ASSERT_TRUE(day.has_value());
  EXPECT_TRUE(day->weekend);
  EXPECT_EQ(day->holiday, "Midsummer Day");
  EXPECT_EQ(day->next_working_day, D(2026, 6, 22));
}

TEST(DeadlineWorkingDayTest, ChristmasSkipsToTheFirstWorkingDayAfterTheHolidays) {
  // Thu 24, Fri 25, Sat 26, Sun 27 December 2026: the next working day is Monday 28.
  for (unsigned day : {24U, 25U, 26U, 27U}) {
    const auto w = CheckDeadlineIsWorkingDay(D(2026, 12, day));
    ASSERT_TRUE(w.has_value()) << day;
    EXPECT_EQ(w->next_working_day, D(2026, 12, 28)) << day;
  }
  EXPECT_EQ(CheckDeadlineIsWorkingDay(D(2026, 12, 24))->holiday, "Christmas Eve");
  EXPECT_EQ(CheckDeadlineIsWorkingDay(D(2026, 12, 6))->holiday, "Independence Day");
}

TEST(DeadlineWorkingDayTest, EasterBasedHolidaysFollowEaster) {
  // 2027: Easter Sunday 28 March. Good Friday 26 March -> Tuesday 30 March
  // (Easter Monday 29 March is off too).
  const auto good_friday = CheckDeadlineIsWorkingDay(D(2027, 3, 26));
  ASSERT_TRUE(good_friday.has_value());
  EXPECT_EQ(good_friday->holiday, "Good Friday");
  EXPECT_EQ(good_friday->next_working_day, D(2027, 3, 30));
  EXPECT_EQ(CheckDeadlineIsWorkingDay(D(2027, 3, 29))->holiday, "Easter Monday");
  // 2026: Easter Sunday 5 April; Ascension Day Thursday 14 May -> Friday 15 May.
  const auto ascension = CheckDeadlineIsWorkingDay(D(2026, 5, 14));
  ASSERT_TRUE(ascension.has_value());
  EXPECT_EQ(ascension->holiday, "Ascension Day");
  EXPECT_FALSE(ascension->weekend);
  EXPECT_EQ(ascension->next_working_day, D(2026, 5, 15));
}

}  // namespace
}  // namespace verkosto::nominations
