#include "core/language.h"

namespace verkosto {

namespace {
struct LanguageEntry {
  Language language;
  std::string_view code;
};
constexpr LanguageEntry kLanguages[] = {
    {Language::kFi, "fi"},
    {Language::kSv, "sv"},
    {Language::kEn, "en"},
};
}  // namespace

std::string_view LanguageCode(Language language) {
  for (const auto& entry : kLanguages) {
    if (entry.language == language) return entry.code;
  }
  return "fi";
}

std::optional<Language> LanguageFromCode(std::string_view code) {
  for (const auto& entry : kLanguages) {
    if (entry.code == code) return entry.language;
  }
  return std::nullopt;
}

}  // namespace verkosto
