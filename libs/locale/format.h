#pragma once

// The formats people read in each language, from ICU's data (CLDR):
//
//   what        fi                     sv                     en
//   date        3.1.2027               3.1.2027               3 January 2027
//   date-time   3.1.2027 klo 14.05     3.1.2027 kl. 14.05     3 January 2027 at 14:05
//   number      1 000 (no-break space) 1 000 (no-break space) 1,000
//   tenths      1,5                    1,5                    1.5
//   plural      1 jäsen / 2 jäsentä    1 medlem / 2 medlemmar 1 member / 2 members
//
// Dates use the fixed patterns d.M.y (fi, sv) and d MMMM y (en) rather than
// ICU's "short" style, which is ISO-like in Swedish and month-first in US
// English. Times are Europe/Helsinki wall time (the zone of every deadline
// and term), not UTC. Plurals follow each language's CLDR plural rules,
// written as ICU MessageFormat patterns, e.g.
// "{count, plural, one {# jäsen} other {# jäsentä}}".
//
// Machine formats (the JSON API, the CLI, CSV data) stay ISO 8601; these are
// for pages and e-mail only. All functions are thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/language.h"

namespace verkosto::locale {

// `date` as people write it in `lang`: "3.1.2027" (fi, sv), "3 January 2027" (en).
std::string FormatDate(const Date& date, Language lang);

// An ISO date "YYYY-MM-DD" as FormatDate; any other text (also the empty
// string) comes back unchanged, so a value a service sent in another form is
// still shown.
std::string FormatIsoDate(std::string_view iso_date, Language lang);

// The instant `unix_us` (microseconds since the epoch) in Europe/Helsinki:
// "3.1.2027 klo 14.05" (fi), "3.1.2027 kl. 14.05" (sv), "3 January 2027 at
// 14:05" (en). Empty for 0 or less (no time recorded).
std::string FormatDateTime(int64_t unix_us, Language lang);

// An integer with the language's grouping: "1 000" (fi, sv: U+00A0 between
// the groups), "1,000" (en).
std::string FormatNumber(int64_t n, Language lang);

// A number of tenths as a decimal with one fraction digit: 15 -> "1,5"
// (fi, sv) or "1.5" (en); 20 -> "2,0".
std::string FormatTenths(uint64_t tenths, Language lang);

// The CLDR plural category of `n` in `lang`: "one" or "other" for these
// three languages (exposed for tests).
std::string PluralCategory(int64_t n, Language lang);

// One named argument of a message: a number (plural and number formats) or text.
using MessageArg = std::variant<int64_t, std::string>;

// Formats the ICU MessageFormat `pattern` in `lang` with named `args`
// ("{count, plural, one {# medlem} other {# medlemmar}}" with count = 1 ->
// "1 medlem"). A pattern ICU cannot read, or an argument it lacks, gives the
// pattern itself: a catalogue defect shows, it does not fail a page. Parsed
// patterns are kept per thread (a few hundred at most): pass catalogue or
// template patterns, never text a user typed.
std::string FormatMessage(std::string_view pattern, Language lang,
                          const std::vector<std::pair<std::string, MessageArg>>& args);

// FormatMessage with the single argument "count".
std::string FormatCount(std::string_view pattern, int64_t count, Language lang);

}  // namespace verkosto::locale
