#include "notifications/render/renderer.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <memory>
#include <sstream>
#include <unordered_map>

#include "locale/format.h"

namespace verkosto::notifications {

namespace {

namespace mu = kainjow::mustache;

constexpr char kFi[] = {
#include "fi.mustache.inc"
};
constexpr char kSv[] = {
#include "sv.mustache.inc"
};
constexpr char kEn[] = {
#include "en.mustache.inc"
};
constexpr char kLayout[] = {
#include "layout.html.mustache.inc"
};

mu::data ToData(const View& view) {
  mu::data data;
  for (const auto& [key, value] : view.values) data.set(key, value);
  for (const auto& [key, flag] : view.flags) data.set(key, mu::data(flag));
  for (const auto& [key, items] : view.lists) {
    mu::data list{mu::data::type::list};
    for (const std::string& item : items) list.push_back(mu::data(item));
    data.set(key, list);
  }
  return data;
}

constexpr std::string_view kPluralPrefix = "plural.";

bool IsPluralPart(const std::string& key) { return key.rfind(kPluralPrefix, 0) == 0; }

// The view's whole-number values as named MessageFormat arguments.
std::vector<std::pair<std::string, locale::MessageArg>> NumberArgs(const View& view) {
  std::vector<std::pair<std::string, locale::MessageArg>> args;
  for (const auto& [key, value] : view.values) {
    if (value.empty() || value.size() > 18) continue;
    if (value.find_first_not_of("0123456789") != std::string::npos) continue;
    args.emplace_back(key, locale::MessageArg(static_cast<int64_t>(std::stoll(value))));
  }
  return args;
}

// The template `source`, parsed once per thread and kind: parsing cost more
// than rendering when one event fans out to a hundred mailboxes
// (bench/notify_bench). Per thread, because a kainjow template keeps state
// while it renders; keyed by the text, so a set parsed again (tests) finds
// its templates and one destroyed leaves nothing dangling.
mu::mustache& Parsed(const std::string& source, bool html) {
  thread_local std::unordered_map<std::string, std::unique_ptr<mu::mustache>> cache[2];
  auto& parsed = cache[html ? 1 : 0];
  auto it = parsed.find(source);
  if (it == parsed.end()) {
    if (parsed.size() >= 512) parsed.clear();  // a bound: the built-in set has about 150 parts
    auto tmpl = std::make_unique<mu::mustache>(source);
    if (!html) tmpl->set_custom_escape([](const std::string& s) { return s; });
    it = parsed.emplace(source, std::move(tmpl)).first;
  }
  return *it->second;
}

// Renders Mustache source as plain text (no HTML escaping).
Result<std::string> RenderText(const std::string& source, const mu::data& data) {
  mu::mustache& tmpl = Parsed(source, false);
  if (!tmpl.is_valid()) return Status::Internal("template: " + tmpl.error_message());
  return tmpl.render(data);
}

std::string TrimNewlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  size_t start = 0;
  while (start < s.size() && s[start] == '\n') ++start;
  return s.substr(start);
}

// Paragraphs separated by blank lines; lines kept.
std::vector<std::vector<std::string>> Paragraphs(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> current;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(' ') == std::string::npos) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(line);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Result<TemplateSet> TemplateSet::Embedded() {
  Result<TemplateSet> set =
      Parse({{Language::kFi, kFi}, {Language::kSv, kSv}, {Language::kEn, kEn}}, kLayout);
  if (!set.ok()) return Status::Internal("built-in templates: " + set.status().ToString());
  return set;
}

Result<TemplateSet> TemplateSet::Parse(const std::map<Language, std::string>& files,
                                       std::string layout_html) {
  TemplateSet set;
  {
    mu::mustache layout(layout_html);
    if (!layout.is_valid()) return Status::InvalidArgument("layout", layout.error_message());
  }
  set.layout_html_ = std::move(layout_html);
  for (const auto& file : files) {
    // Named copies: clang 14 (clang-tidy) cannot capture structured bindings.
    const Language language = file.first;
    const std::string& text = file.second;
    const std::string lang(LanguageCode(language));
    std::istringstream in(text);
    std::string line;
    std::string key;
    std::string body;
    int line_number = 0;
    int part_line = 0;
    auto finish = [&]() -> Status {
      if (key.empty()) return Status::Ok();  // the header comment before the first part
      std::string source = TrimNewlines(body);
      if (IsPluralPart(key)) {  // an ICU MessageFormat pattern, not Mustache
        set.parts_[{language, key}] = std::move(source);
        return Status::Ok();
      }
      mu::mustache check(source);
      if (!check.is_valid()) {
        return Status::InvalidArgument(lang + ":" + std::to_string(part_line),
                                       check.error_message());
      }
      set.parts_[{language, key}] = std::move(source);
      return Status::Ok();
    };
    while (std::getline(in, line)) {
      ++line_number;
      if (line.rfind("@@ ", 0) == 0) {
        VERKOSTO_RETURN_IF_ERROR(finish());
        key = line.substr(3);
        while (!key.empty() && key.back() == ' ') key.pop_back();
        if (key.find('.') == std::string::npos) {
          return Status::InvalidArgument(lang + ":" + std::to_string(line_number),
                                         "a part is named <template>.<part>");
        }
        body.clear();
        part_line = line_number;
        continue;
      }
      body += line;
      body += '\n';
    }
    VERKOSTO_RETURN_IF_ERROR(finish());
  }
  return set;
}

std::vector<std::string> TemplateSet::TemplateNames(Language language) const {
  std::vector<std::string> names;
  for (const auto& [key, source] : parts_) {
    const std::string& name = key.second;
    if (key.first != language || name.size() < 8) continue;
    if (name.compare(name.size() - 8, 8, ".subject") == 0) {
      names.push_back(name.substr(0, name.size() - 8));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<RenderedMessage> TemplateSet::Render(const std::string& template_name, Language language,
                                            const View& view) const {
  const auto subject = parts_.find({language, template_name + ".subject"});
  const auto text = parts_.find({language, template_name + ".text"});
  if (subject == parts_.end() || text == parts_.end()) {
    return Status::NotFound("no template '" + template_name + "' in " +
                            std::string(LanguageCode(language)));
  }
  mu::data data = ToData(view);
  // Each "plural.<name>" part of the language becomes the value <name>: its
  // pattern formatted with the view's numbers, by the language's plural rules.
  const std::vector<std::pair<std::string, locale::MessageArg>> numbers = NumberArgs(view);
  for (auto it = parts_.lower_bound({language, std::string(kPluralPrefix)});
       it != parts_.end() && it->first.first == language && IsPluralPart(it->first.second); ++it) {
    data.set(it->first.second.substr(kPluralPrefix.size()),
             locale::FormatMessage(it->second, language, numbers));
  }
  RenderedMessage out;
  VERKOSTO_ASSIGN_OR_RETURN(std::string raw_subject, RenderText(subject->second, data));
  for (char c : raw_subject) out.subject += (c == '\n' || c == '\r') ? ' ' : c;
  out.subject = TrimNewlines(out.subject);
  VERKOSTO_ASSIGN_OR_RETURN(std::string body, RenderText(text->second, data));
  body = TrimNewlines(body);
  std::string footer;
  if (const auto f = parts_.find({language, "footer.text"}); f != parts_.end()) {
    VERKOSTO_ASSIGN_OR_RETURN(footer, RenderText(f->second, data));
    footer = TrimNewlines(footer);
  }
  out.text = body + "\n\n-- \n" + footer + "\n";

  mu::data html = data;
  html.set("lang", std::string(LanguageCode(language)));
  html.set("subject", out.subject);
  mu::data paragraphs{mu::data::type::list};
  for (const std::vector<std::string>& p : Paragraphs(body)) {
    std::string joined;
    for (const std::string& l : p) {
      if (!joined.empty()) joined += "<br>\n";
      joined += HtmlEscape(l);
    }
    mu::data item;
    item.set("html", joined);
    paragraphs.push_back(item);
  }
  html.set("paragraphs", paragraphs);
  if (const auto o = parts_.find({language, "layout.open_link"}); o != parts_.end()) {
    html.set("open_link", o->second);
  }
  mu::mustache& layout = Parsed(layout_html_, true);
  if (!layout.is_valid()) return Status::Internal("layout: " + layout.error_message());
  out.html = layout.render(html);
  return out;
}

}  // namespace verkosto::notifications
