#include "locale/user_date.h"

#include <array>

#include "core/date.h"

namespace verkosto::locale {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The digits of `s` as a number when it has between `min` and `max` of them
// and nothing else.
std::optional<int> Digits(std::string_view s, size_t min, size_t max) {
  s = Trim(s);
  if (s.size() < min || s.size() > max) return std::nullopt;
  int value = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<std::string> ParseUserDate(std::string_view text) {
  text = Trim(text);
  if (const std::optional<Date> iso = ParseIsoDate(text)) return ::verkosto::FormatIsoDate(*iso);
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);  // "3.1.2027."
  std::array<std::string_view, 3> parts;
  for (size_t i = 0; i < 2; ++i) {
    const size_t dot = text.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    parts.at(i) = text.substr(0, dot);
    text.remove_prefix(dot + 1);
  }
  parts[2] = text;
  const std::optional<int> day = Digits(parts[0], 1, 2);
  const std::optional<int> month = Digits(parts[1], 1, 2);
  const std::optional<int> year = Digits(parts[2], 4, 4);
  if (!day || !month || !year) return std::nullopt;
  const Date date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                  std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *year < 1000) return std::nullopt;
  return FormatIsoDate(date);
}

std::string FormatUserDate(std::string_view text) {
  const std::optional<Date> date = ParseIsoDate(text);
  if (!date) return std::string(text);
  return std::to_string(static_cast<unsigned>(date->day())) + "." +
         std::to_string(static_cast<unsigned>(date->month())) + "." +
         std::to_string(static_cast<int>(date->year()));
}

}  // namespace verkosto::locale
