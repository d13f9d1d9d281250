#include "nominations/domain/working_days.h"

#include <algorithm>
#include <chrono>

namespace verkosto::nominations {

namespace {

using std::chrono::sys_days;
using std::chrono::weekday;

Date MakeDate(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
}

// The first `wd` on or after `first`: the floating holidays are "the Saturday
// (Friday) between ...", a seven-day window.
Date FirstWeekdayOnOrAfter(const Date& first, weekday wd) {
  const sys_days start(first);
  return Date{start + (wd - weekday(start))};
}

bool IsWeekend(const Date& date) {
  const weekday wd{sys_days(date)};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace

Date EasterSunday(int year) {
  // Meeus/Jones/Butcher algorithm.
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return MakeDate(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<Holiday> FinnishHolidays(int year) {
  const Date easter = EasterSunday(year);
  std::vector<Holiday> days = {
      {MakeDate(year, 1, 1), "New Year's Day"},
      {MakeDate(year, 1, 6), "Epiphany"},
      {AddDays(easter, -2), "Good Friday"},
      {easter, "Easter Sunday"},
      {AddDays(easter, 1), "Easter Monday"},
      {MakeDate(year, 5, 1), "May Day"},
      {AddDays(easter, 39), "Ascension Day"},
      {AddDays(easter, 49), "Whit Sunday"},
      {FirstWeekdayOnOrAfter(MakeDate(year, 6, 19), std::chrono::Friday), "Midsummer Eve", true},
      {FirstWeekdayOnOrAfter(MakeDate(year, 6, 20), std::chrono::Saturday), "Midsummer Day"},
      {FirstWeekdayOnOrAfter(MakeDate(year, 10, 31), std::chrono::Saturday), "All Saints' Day"},
      {MakeDate(year, 12, 6), "Independence Day"},
      {MakeDate(year, 12, 24), "Christmas Eve", true},
      {MakeDate(year, 12, 25), "Christmas Day"},
      {MakeDate(year, 12, 26), "St Stephen's Day"},
  };
  std::sort(days.begin(), days.end(),
            [](const Holiday& x, const Holiday& y) { return sys_days(x.date) < sys_days(y.date); });
  return days;
}

bool IsFinnishHoliday(const Date& date) {
  const int year = static_cast<int>(date.year());
  const unsigned month = static_cast<unsigned>(date.month());
  const unsigned day = static_cast<unsigned>(date.day());
  // Fixed dates first: cheap and the common case for IsWorkingDay loops.
  if ((month == 1 && (day == 1 || day == 6)) || (month == 5 && day == 1) ||
      (month == 12 && (day == 6 || day == 24 || day == 25 || day == 26))) {
    return true;
  }
  const weekday wd{sys_days(date)};
  if (month == 6 && wd == std::chrono::Friday && day >= 19 && day <= 25) return true;
  if (month == 6 && wd == std::chrono::Saturday && day >= 20 && day <= 26) return true;
  if (wd == std::chrono::Saturday && ((month == 10 && day == 31) || (month == 11 && day <= 6))) {
    return true;
  }
  const int from_easter = DaysBetween(EasterSunday(year), date);
  return from_easter == -2 || from_easter == 0 || from_easter == 1 || from_easter == 39 ||
         from_easter == 49;
}

bool IsWorkingDay(const Date& date) { return !IsWeekend(date) && !IsFinnishHoliday(date); }

int WorkingDaysBetween(const Date& from, const Date& to) {
  if (sys_days(to) < sys_days(from)) return -WorkingDaysBetween(to, from);
  int count = 0;
  // Linear in the span; deadlines are weeks, not centuries, away.
  for (sys_days d = sys_days(from) + std::chrono::days(1); d <= sys_days(to);
       d += std::chrono::days(1)) {
    if (IsWorkingDay(Date(d))) ++count;
  }
  return count;
}

std::optional<NonWorkingDeadline> CheckDeadlineIsWorkingDay(const Date& deadline) {
  if (IsWorkingDay(deadline)) return std::nullopt;
  NonWorkingDeadline out;
  out.deadline = deadline;
  out.next_working_day = AddWorkingDays(deadline, 1);
  out.weekend = IsWeekend(deadline);
  for (const Holiday& h : FinnishHolidays(static_cast<int>(deadline.year()))) {
    if (h.date == deadline) {
      out.holiday = h.name;
      break;
    }
  }
  return out;
}

Date AddWorkingDays(const Date& date, int n) {
  if (n < 0) return SubtractWorkingDays(date, -n);
  sys_days d(date);
  while (n > 0) {
    d += std::chrono::days(1);
    if (IsWorkingDay(Date(d))) --n;
  }
  return Date{d};
}

Date SubtractWorkingDays(const Date& date, int n) {
  if (n < 0) return AddWorkingDays(date, -n);
  // Step back over n working days: the result r is the working day such that
  // (r, date] holds exactly n working days.
  sys_days d(date);
  int counted = 0;
  while (counted < n) {
    if (IsWorkingDay(Date(d))) ++counted;
    d -= std::chrono::days(1);
  }
  while (n > 0 && !IsWorkingDay(Date(d))) d -= std::chrono::days(1);
  return Date{d};
}

}  // namespace verkosto::nominations
