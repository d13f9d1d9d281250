#include "gateway/web/i18n.h"

#include <set>

#include "core/text.h"
#include "gateway/web/assets.h"
#include "locale/format.h"

namespace verkosto::gateway::web {

Catalogue Catalogue::Parse(Language language, std::string_view text) {
  Catalogue c;
  c.language_ = language;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text::Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    c.entries_[std::string(text::Trim(line.substr(0, eq)))] =
        std::string(text::Trim(line.substr(eq + 1)));
  }
  return c;
}

const Catalogue& Catalogue::For(Language lang) {
  static const Catalogue kFi = Parse(Language::kFi, Asset("messages/fi.txt"));
  static const Catalogue kSv = Parse(Language::kSv, Asset("messages/sv.txt"));
  static const Catalogue kEn = Parse(Language::kEn, Asset("messages/en.txt"));
  switch (lang) {
    case Language::kSv:
      return kSv;
    case Language::kEn:
      return kEn;
    case Language::kFi:
      break;
  }
  return kFi;
}

std::string Catalogue::Get(const std::string& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? key : it->second;
}

std::string Catalogue::Plural(const std::string& key, int64_t count) const {
  return locale::FormatCount(Get(key), count, language_);
}

std::vector<std::string> CatalogueProblems() {
  std::set<std::string> all;
  for (const Language lang : kLanguages) {
    for (const auto& [key, value] : Catalogue::For(lang).entries()) all.insert(key);
  }
  std::vector<std::string> problems;
  for (const Language lang : kLanguages) {
    const auto& entries = Catalogue::For(lang).entries();
    for (const std::string& key : all) {
      auto it = entries.find(key);
      if (it == entries.end() || it->second.empty()) {
        problems.push_back(std::string(LanguageCode(lang)) + ": " + key);
      }
    }
  }
  return problems;
}

}  // namespace verkosto::gateway::web
