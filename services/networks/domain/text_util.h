#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace verkosto::networks {

// Small text helpers shared by the domain. UTF-8 throughout.

// `text` without leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view text);

// Lower-cases ASCII letters and the upper-case Latin-1 letters encoded in
// UTF-8 (Å, Ä, Ö, É, ...), enough to compare Finnish and Swedish names
// case-insensitively. Other bytes are kept as they are.
std::string FoldCase(std::string_view text);

// True for a slug: 2 to 64 characters of a-z, 0-9 and single inner hyphens
// ("kainuu-koillismaa", "opastajaverkosto").
bool IsSlug(std::string_view text);

// Splits on `separator`, trimming each part; an empty text gives no parts.
std::vector<std::string> SplitList(std::string_view text, char separator);

// Joins `parts` with `separator`.
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace verkosto::networks
