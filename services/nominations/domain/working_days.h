#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace verkosto::nominations {

// The Finnish working-day calendar that nomination deadlines and reminders are
// counted in. A working day is Monday to Friday, except the days below. All
// functions are pure, total for every valid date and thread-safe.
//
// Days off (the statutory public holidays, plus two de facto days off):
//   New Year's Day 1.1., Epiphany 6.1., Good Friday, Easter Sunday, Easter
//   Monday (Gregorian Easter), May Day 1.5., Ascension Day (Easter + 39),
//   Whit Sunday (Easter + 49), Midsummer Day (the Saturday 20.-26.6.), All
//   Saints' Day (the Saturday 31.10.-6.11.), Independence Day 6.12., Christmas
//   Day 25.12. and St Stephen's Day 26.12.;
//   Midsummer Eve (the Friday 19.-25.6.) and Christmas Eve 24.12.: not public
//   holidays by law, but the Annual Holidays Act treats them like holidays and
//   public offices and registries, including municipal ones, are closed, so a
//   deadline that counts them as working days would steal a day from the areas.
// Not included: Easter Saturday and Whit Saturday (Saturdays anyway), May Day
// Eve and New Year's Eve (ordinary working days for offices).

// One day off, for listings and tests.
struct Holiday {
  Date date;
  std::string_view name;  // English name, e.g. "Midsummer Eve"
  bool de_facto = false;  // true for Midsummer Eve and Christmas Eve
};

// Gregorian Easter Sunday of `year` (anonymous Gregorian computus).
Date EasterSunday(int year);

// Every day off of `year` listed above, in date order (weekends not listed
// unless they are holidays too). Two holidays can share a date (Ascension Day
// was May Day in 2008); the list then holds both.
std::vector<Holiday> FinnishHolidays(int year);

// True when `date` is one of FinnishHolidays(year of date).
bool IsFinnishHoliday(const Date& date);

// True for Monday to Friday that is not a holiday.
bool IsWorkingDay(const Date& date);

// The number of working days d with from < d <= to: the working days "after
// `from` up to and including `to`". 0 when to == from. When `to` is before
// `from` the result is the negated count of working days in (to, from].
// So WorkingDaysBetween(today, deadline) is how many working days are left
// before a deadline at the end of `deadline`.
int WorkingDaysBetween(const Date& from, const Date& to);

// The n-th working day after `date` (n >= 0). n == 0 returns `date` itself,
// even when it is not a working day. Inverse of WorkingDaysBetween:
// WorkingDaysBetween(d, AddWorkingDays(d, n)) == n. A negative n is
// SubtractWorkingDays(date, -n).
Date AddWorkingDays(const Date& date, int n);

// A deadline that is not a working day. Under the Act on the computation of
// statutory time limits (150/1930) a time limit whose last day is a Saturday,
// a Sunday, a public holiday, Independence Day, May Day, Christmas Eve or
// Midsummer Eve ends on the next working day; the areas' offices are closed
// on every day off listed above. A deadline on such a day is allowed, but the
// sender is warned and told the next working day.
struct NonWorkingDeadline {
  Date deadline{};
  Date next_working_day{};   // the first working day after `deadline`
  bool weekend = false;      // a Saturday or Sunday
  std::string_view holiday;  // FinnishHolidays' name, empty when none
  friend bool operator==(const NonWorkingDeadline&, const NonWorkingDeadline&) = default;
};

// std::nullopt when `deadline` is a working day; otherwise why it is not and
// the next working day. Pure and total for every valid date.
std::optional<NonWorkingDeadline> CheckDeadlineIsWorkingDay(const Date& deadline);

// The n-th working day before `date` (n >= 0); n == 0 returns `date`.
// For n > 0 the result r is a working day and WorkingDaysBetween(r, date) == n.
// A negative n is AddWorkingDays(date, -n).
Date SubtractWorkingDays(const Date& date, int n);

}  // namespace verkosto::nominations
