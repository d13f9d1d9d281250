#include "core/date.h"

#include <cstdio>

namespace verkosto {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The last Sunday of `month` in `year`, as sys_days.
sys_days LastSunday(std::chrono::year year, std::chrono::month month) {
  const sys_days last = sys_days(year / month / std::chrono::last);
  const std::chrono::weekday wd(last);
  return last - (wd - std::chrono::Sunday);
}

bool IsSummerTime(std::chrono::sys_time<std::chrono::microseconds> utc) {
  const auto ymd = std::chrono::year_month_day(std::chrono::floor<days>(utc));
  const auto start = LastSunday(ymd.year(), std::chrono::March) + std::chrono::hours(1);
  const auto end = LastSunday(ymd.year(), std::chrono::October) + std::chrono::hours(1);
  return utc >= start && utc < end;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t j = 0; j < lengths[i]; ++j) {
      const char c = text[starts[i] + j];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  const Date date{std::chrono::year(parts[0]), std::chrono::month(static_cast<unsigned>(parts[1])),
                  std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatIsoDate(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

Date HelsinkiDate(TimePoint t) {
  const auto offset = IsSummerTime(t) ? std::chrono::hours(3) : std::chrono::hours(2);
  return Date(std::chrono::floor<days>(t + offset));
}

TimePoint HelsinkiStartOfDay(const Date& date) {
  const auto midnight_utc = std::chrono::time_point_cast<std::chrono::microseconds>(sys_days(date));
  // Local midnight is 2 or 3 hours before UTC midnight; the offset at that
  // instant decides (the switches happen at 03:00/04:00 local, never at midnight).
  const auto winter = midnight_utc - std::chrono::hours(2);
  const auto summer = midnight_utc - std::chrono::hours(3);
  return IsSummerTime(summer) ? summer : winter;
}

int DaysBetween(const Date& a, const Date& b) {
  return static_cast<int>((sys_days(b) - sys_days(a)).count());
}

Date AddDays(const Date& date, int n) { return Date(sys_days(date) + days(n)); }

}  // namespace verkosto
