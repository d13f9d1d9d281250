#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "notifications/domain/policy.h"

namespace verkosto::notifications {

// One message in one language: what the inbox shows and what e-mail sends.
struct RenderedMessage {
  std::string subject;  // one line, no line breaks
  std::string text;     // plain text, ends with the footer (link, disclaimer)
  std::string html;     // the HTML alternative: the same paragraphs, escaped
};

// The message templates of the three languages (services/notifications/templates/,
// built into the program) and the HTML layout, rendered with Mustache.
// Immutable after construction; safe to share between threads.
class TemplateSet {
 public:
  // The templates built into the program. Errors: internal when a built-in
  // template does not parse (a build defect).
  static Result<TemplateSet> Embedded();

  // Builds a set from template file texts per language and the HTML layout.
  // A file is a sequence of parts, each starting with a line
  // "@@ <template>.<part>" (parts: subject, text; plus footer.text and
  // layout.open_link once per file). A part "@@ plural.<name>" is an ICU
  // MessageFormat pattern over the view's whole-number values
  // ("{working_days_left, plural, one {# arbetsdag} other {# arbetsdagar}}"):
  // Render gives it to the templates as {{<name>}}, by the language's plural
  // rules (libs/locale). Errors: invalid_argument (field
  // "<lang>:<line>") for text outside a part or a template that does not parse.
  static Result<TemplateSet> Parse(const std::map<Language, std::string>& files,
                                   std::string layout_html);

  // Renders `template_name` in `language` with `view`. The disclaimer and
  // link come from the footer. Errors: not_found for an unknown template.
  Result<RenderedMessage> Render(const std::string& template_name, Language language,
                                 const View& view) const;

  // Names of the templates that have a subject in `language`, sorted.
  std::vector<std::string> TemplateNames(Language language) const;

 private:
  // (language, "<template>.<part>") -> Mustache source.
  std::map<std::pair<Language, std::string>, std::string> parts_;
  std::string layout_html_;
};

// Escapes & < > " ' for HTML text and attributes.
std::string HtmlEscape(std::string_view text);

}  // namespace verkosto::notifications
