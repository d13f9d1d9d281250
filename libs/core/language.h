#pragma once

#include <optional>
#include <string_view>

namespace verkosto {

// The languages the system speaks to people in: messages, pages and
// preferences. Stored and sent as the ISO 639-1 codes "fi", "sv", "en".
enum class Language { kFi, kSv, kEn };

// "fi", "sv", "en".
std::string_view LanguageCode(Language language);

// Inverse of LanguageCode: exactly "fi", "sv" or "en" (lower case); nullopt
// for anything else, also the empty code (callers decide what empty means).
std::optional<Language> LanguageFromCode(std::string_view code);

}  // namespace verkosto
