#include "gateway/web/deadline_notice.h"

#include <optional>

#include "core/date.h"
#include "gateway/web/page.h"
#include "locale/format.h"

namespace verkosto::gateway::web {

namespace {

void ReplaceAll(std::string& text, const std::string& what, const std::string& with) {
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
}

}  // namespace

std::string DeadlineWarningQuery(const ::verkosto::nominations::v1::DeadlineWarning& warning) {
  if (warning.deadline().empty() || warning.next_working_day().empty()) return {};
  return "&deadline_warning=" + UrlEncode(warning.deadline()) +
         "&next_working_day=" + UrlEncode(warning.next_working_day());
}

std::string DeadlineWarningNotice(const Catalogue& t, const httplib::Request& req) {
  const std::optional<Date> deadline = ParseIsoDate(Param(req, "deadline_warning"));
  const std::optional<Date> next = ParseIsoDate(Param(req, "next_working_day"));
  if (!deadline || !next) return {};
  // The dates as parsed, so only a date reaches the page.
  std::string text = t.Get("deadline_not_working_day");
  ReplaceAll(text, "{deadline}", locale::FormatDate(*deadline, t.language()));
  ReplaceAll(text, "{next}", locale::FormatDate(*next, t.language()));
  return text;
}

}  // namespace verkosto::gateway::web
