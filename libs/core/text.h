#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace verkosto::text {

// Small text helpers shared by every layer. UTF-8 throughout; only ASCII
// bytes are ever changed unless a function says otherwise.

// `text` without leading and trailing ASCII whitespace (space, \t, \r, \n).
std::string_view Trim(std::string_view text);

// `text` with the ASCII letters A-Z lower-cased; every other byte kept.
std::string AsciiLower(std::string_view text);

// Lower-cases ASCII letters and the upper-case Latin-1 letters encoded in
// UTF-8 (Å, Ä, Ö, É, ...), enough to compare Finnish and Swedish names
// case-insensitively. Other bytes are kept as they are.
std::string FoldCase(std::string_view text);

// Splits on `separator`, trimming each part; an empty (or blank) text gives
// no parts, "a,,b" gives {"a", "", "b"}.
std::vector<std::string> Split(std::string_view text, char separator);

// FNV-1a of `text`: the same on every platform and run (unlike std::hash),
// for stable choices and digests. Not a secret and not collision-proof.
uint64_t StableHash(std::string_view text);

// Splits into lines (\n, \r\n), trimming each and dropping blank ones.
std::vector<std::string> NonBlankLines(std::string_view text);

// Joins `parts` (any range of strings) with `separator`.
template <typename Range>
std::string Join(const Range& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& part : parts) {
    if (!first) out += separator;
    out += part;
    first = false;
  }
  return out;
}

// One RFC 4180 CSV field. A value a spreadsheet would read as a formula
// (first character = + - @, a tab or a carriage return) gets a leading
// apostrophe; the field is quoted (inner quotes doubled) when it holds a
// comma, a quote or a line break, or was defused.
std::string CsvField(std::string_view value);

}  // namespace verkosto::text
