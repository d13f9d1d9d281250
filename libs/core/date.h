#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace verkosto {

// A calendar date in Europe/Helsinki (deadlines, terms). Plain C++20 calendar type.
using Date = std::chrono::year_month_day;

// Parses "YYYY-MM-DD"; nullopt unless it is a valid date.
std::optional<Date> ParseIsoDate(std::string_view text);

// "YYYY-MM-DD".
std::string FormatIsoDate(const Date& date);

// The calendar date in Europe/Helsinki at instant `t` (EET, UTC+2, and EEST,
// UTC+3, from the last Sunday of March 01:00 UTC to the last Sunday of October
// 01:00 UTC, the EU rule in force since 1996).
Date HelsinkiDate(TimePoint t);

// The instant when `date` begins in Europe/Helsinki (00:00 local).
TimePoint HelsinkiStartOfDay(const Date& date);

// Days from a to b (negative when b is before a).
int DaysBetween(const Date& a, const Date& b);

// date + n days.
Date AddDays(const Date& date, int n);

}  // namespace verkosto
