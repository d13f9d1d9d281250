#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace verkosto::gateway::web {

// The UI languages, the default first.
inline constexpr std::string_view kLanguages[] = {"fi", "sv", "en"};

// `lang` when it is one of kLanguages, else empty.
std::string_view NormalizeLanguage(std::string_view lang);

// One language's UI strings, from the embedded messages/<lang>.txt
// ("key = value" lines; '#' starts a comment line).
class Catalogue {
 public:
  // The catalogue of `lang`; Finnish for an unknown language.
  static const Catalogue& For(std::string_view lang);

  // The text of `key`; the key itself when missing (the completeness test
  // keeps that from happening).
  std::string Get(const std::string& key) const;
  const std::map<std::string, std::string>& entries() const { return entries_; }
  const std::string& language() const { return language_; }

  // Parses catalogue text; exposed for tests.
  static Catalogue Parse(std::string language, std::string_view text);

 private:
  std::string language_;
  std::map<std::string, std::string> entries_;
};

// Every key missing from a language or empty there, as "sv: key". Empty when
// the three catalogues have the same keys.
std::vector<std::string> CatalogueProblems();

}  // namespace verkosto::gateway::web
