#include "core/language.h"

#include <array>
#include <cstddef>

namespace verkosto {

namespace {
// Indexed by Language.
constexpr std::array<std::string_view, 3> kCodes = {"fi", "sv", "en"};
}  // namespace

std::string_view LanguageCode(Language language) {
  const auto index = static_cast<size_t>(language);
  return index < kCodes.size() ? kCodes[index] : kCodes[0];
}

std::optional<Language> LanguageFromCode(std::string_view code) {
  for (size_t i = 0; i < kCodes.size(); ++i) {
    if (kCodes[i] == code) return static_cast<Language>(i);
  }
  return std::nullopt;
}

}  // namespace verkosto
