#pragma once

// Dates typed by hand into a form: the way Finns and Swedes write them
// ("3.1.2027", "03.01.2027") and ISO 8601 ("2027-01-03").

#include <optional>
#include <string>
#include <string_view>

namespace verkosto::locale {

// The ISO date "YYYY-MM-DD" of `text` written as d.m.yyyy (one or two digits
// for day and month, four for the year, an optional final dot, spaces around
// the parts ignored) or as ISO yyyy-mm-dd. nullopt for anything else,
// including an impossible date such as 31.2.2027 or 29.2.2027 (2028 is a leap
// year: 29.2.2028 is fine) and the empty string (callers decide whether a
// field may be left empty).
std::optional<std::string> ParseUserDate(std::string_view text);

// An ISO date "YYYY-MM-DD" as a date field shows it for editing, "3.1.2027"
// (the form ParseUserDate reads back, in every language); any other text,
// also empty, unchanged.
std::string FormatUserDate(std::string_view text);

}  // namespace verkosto::locale
