#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"

namespace verkosto::gateway::web {

// The UI languages, the default first.
inline constexpr Language kLanguages[] = {Language::kFi, Language::kSv, Language::kEn};

// One language's UI strings, from the embedded messages/<lang>.txt
// ("key = value" lines; '#' starts a comment line).
class Catalogue {
 public:
  // The catalogue of `lang`.
  static const Catalogue& For(Language lang);

  // The text of `key`; the key itself when missing (the completeness test
  // keeps that from happening).
  std::string Get(const std::string& key) const;
  // The value of `key` read as an ICU MessageFormat pattern with the number
  // `count` ("{count, plural, one {# medlem} other {# medlemmar}}"), in the
  // catalogue's language with its plural rules (locale::FormatCount).
  std::string Plural(const std::string& key, int64_t count) const;
  const std::map<std::string, std::string>& entries() const { return entries_; }
  Language language() const { return language_; }

  // Parses catalogue text; exposed for tests.
  static Catalogue Parse(Language language, std::string_view text);

 private:
  Language language_ = Language::kFi;
  std::map<std::string, std::string> entries_;
};

// Every key missing from a language or empty there, as "sv: key". Empty when
// the three catalogues have the same keys.
std::vector<std::string> CatalogueProblems();

}  // namespace verkosto::gateway::web
