#include "gateway/web/page.h"

#include <charconv>

#include "core/date.h"
#include "gateway/http/cookies.h"
#include "gateway/http/http_errors.h"
#include "gateway/web/deadline_notice.h"
#include "gateway/web/desk_pages.h"
#include "locale/user_date.h"

namespace verkosto::gateway::web {

Data Object() { return Data{Data::type::object}; }
Data List() { return Data{Data::type::list}; }

std::string Param(const httplib::Request& req, const std::string& key) {
  return req.has_param(key) ? req.get_param_value(key) : std::string();
}

std::vector<std::string> Params(const httplib::Request& req, const std::string& key) {
  std::vector<std::string> values;
  const size_t n = req.get_param_value_count(key);
  for (size_t i = 0; i < n; ++i) values.push_back(req.get_param_value(key, i));
  return values;
}

std::optional<uint32_t> ParseUint(const std::string& s) {
  if (s.empty()) return 0U;
  uint32_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

Field Refilled(Field field, const httplib::Request* req) {
  if (req != nullptr && req->has_param(field.name)) field.value = req->get_param_value(field.name);
  return field;
}

std::string DateParam(const httplib::Request& req, const std::string& key, Form& form) {
  std::string typed = Param(req, key);
  if (typed.empty()) return typed;
  if (std::optional<std::string> iso = locale::ParseUserDate(typed)) return *iso;
  form.AddFieldError(key, "err_date_invalid");
  return typed;
}

void PutErrorSummary(const Catalogue& t, const Status& error, Data& d) {
  Form form(t);
  form.AddErrors(error);
  form.PutSummary(d);
}

void Redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
}

std::string Page::PageToken() const { return Param(req, "page_token"); }

void Page::PutPager(Data& d, const std::string& next_token) const {
  // A form coming back with an error shows the first page, without links
  // (they would lead to the form's path).
  if (req.method != "GET") return;
  // The page's own query without its page_token, in the order received.
  std::string query;
  for (const auto& [key, value] : req.params) {
    if (key == "page_token" || key == "done" || key == "deadline_warning" ||
        key == "next_working_day") {
      continue;
    }
    query += (query.empty() ? "?" : "&") + UrlEncode(key) + "=" + UrlEncode(value);
  }
  const std::string base = req.path + query;
  const std::string join = query.empty() ? "?" : "&";
  Data pager = Object();
  bool any = false;
  if (!next_token.empty()) {
    pager.set("next", base + join + "page_token=" + UrlEncode(next_token));
    any = true;
  }
  if (!PageToken().empty()) {
    pager.set("first", base);
    any = true;
  }
  if (any) d.set("pager", pager);
}

Page Page::For(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  PageFrame frame;
  frame.user = ctx.CurrentUser(req);
  // The language switch's cookie, else the account's language, else Finnish.
  const std::optional<Language> chosen = LanguageFromCode(CookieValue(req, "lang"));
  frame.lang = chosen ? *chosen : frame.user ? frame.user->language : Language::kFi;
  frame.path = req.path;
  if (req.method == "GET") {
    const size_t q = req.target.find('?');
    if (q != std::string::npos) frame.query = req.target.substr(q + 1);
  }
  return Page{ctx, req, res, std::move(frame)};
}

std::string Page::Today() const { return FormatIsoDate(HelsinkiDate(ctx.Now())); }

Status Page::Call(const std::string& service, const google::protobuf::Message& request,
                  google::protobuf::Message* response) {
  return ctx.Call(service, actor(), request, response);
}

void Page::Html(int status, const std::string& title_key_or_text, const std::string& name,
                Data data, bool raw_title) {
  std::string flash;
  const std::string done = Param(req, "done");
  if (!done.empty() && req.method == "GET") {
    const std::string key = "done_" + done;
    if (t().entries().count(key)) flash = t().Get(key);
    // A deadline that is not a working day: warned, with the next one.
    const std::string warning = DeadlineWarningNotice(t(), req);
    if (!warning.empty()) flash += (flash.empty() ? "" : " ") + warning;
  }
  // Not on a failure's page: the service that failed would be asked again.
  if (status < 500) ReadNavCounts(*this);
  res.status = status;
  res.set_content(RenderPage(frame, raw_title ? title_key_or_text : t().Get(title_key_or_text),
                             name, std::move(data), flash),
                  "text/html; charset=utf-8");
}

void Page::Message(int status, const std::string& title_key, const std::string& message,
                   const std::string& detail) {
  Data d = Object();
  d.set("message", message);
  if (!detail.empty()) d.set("detail", detail);
  Html(status, title_key, "message", d);
}

void Page::Forbidden() { Message(403, "forbidden_title", t().Get("forbidden_text")); }

void Page::ServiceError(const Status& st) {
  // The service's own words help a logged-in person; a stranger (the public
  // catalogue) gets the translated text only: a message may name a socket or
  // a file (issue 15).
  Message(HttpStatusFor(st.code()), "error_title", ErrorText(t(), st),
          frame.user ? st.message() : std::string());
}

std::optional<Page> Begin(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res,
                          std::initializer_list<Role> roles) {
  Page page = Page::For(ctx, req, res);
  if (!page.frame.user) {
    const std::string next = req.method == "GET" ? req.target : std::string("/");
    Redirect(res, "/login?next=" + UrlEncode(SafeBack(next)));
    return std::nullopt;
  }
  if (roles.size() != 0) {
    bool allowed = false;
    for (Role r : roles) allowed = allowed || r == page.role();
    if (!allowed) {
      page.Forbidden();
      return std::nullopt;
    }
  }
  if (req.method == "POST" && !ctx.CheckCsrf(req, *page.frame.user)) {
    page.Message(403, "forbidden_title", page.t().Get("csrf_failed"));
    return std::nullopt;
  }
  return page;
}

bool IsLeader(Role role) { return role == Role::kAreaDirector || role == Role::kAreaDeputy; }

}  // namespace verkosto::gateway::web
