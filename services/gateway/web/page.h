#pragma once

// The small framework every page handler stands on: the request being served
// (Page), its login and role check (Begin), redirects and the error pages.
// A page shows what the services decide and never recomputes their rules:
// who may see or decide something is the service's answer.

#include <httplib.h>

#include <initializer_list>
#include <kainjow/mustache.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gateway/http/gateway_context.h"
#include "gateway/http/local_path.h"  // SafeBack: every redirect target a client chose
#include "gateway/web/forms.h"
#include "gateway/web/i18n.h"
#include "gateway/web/render.h"

namespace verkosto::gateway::web {

using Data = kainjow::mustache::data;

// An empty mustache object and list.
Data Object();
Data List();

// The form or query parameter `key` ("" when absent), and every value of it.
std::string Param(const httplib::Request& req, const std::string& key);
std::vector<std::string> Params(const httplib::Request& req, const std::string& key);

// A whole number, or nullopt (empty gives 0).
std::optional<uint32_t> ParseUint(const std::string& s);

// `field` with the value the user sent when `req` (a form coming back) has
// one, so a refused form shows what was typed; `field.value` otherwise.
Field Refilled(Field field, const httplib::Request* req);

// The date field `key` as the ISO date the services take: typed by hand as
// d.m.yyyy ("3.1.2027") or as ISO ("2027-01-03"), locale::ParseUserDate.
// Empty stays empty (RequireFilled or the service names a missing date).
// Anything else, such as 31.2.2027, puts "err_date_invalid" on the field in
// `form` (so the handler, which calls no service while the form has errors,
// writes nothing) and gives the text as typed.
std::string DateParam(const httplib::Request& req, const std::string& key, Form& form);

// Puts `error` (nothing when Ok) into the error summary of the page data `d`.
void PutErrorSummary(const Catalogue& t, const Status& error, Data& d);

// Answers 303 See Other to `to`.
void Redirect(httplib::Response& res, const std::string& to);

// The request being served: the context, the request and answer, and the
// frame (user, language, path) of the page.
struct Page {
  GatewayContext& ctx;
  const httplib::Request& req;
  httplib::Response& res;
  PageFrame frame;

  // The page for `req` with its frame (the user, if any, and the language:
  // the "lang" cookie, else the account's, else Finnish).
  static Page For(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res);

  const Catalogue& t() const { return Catalogue::For(frame.lang); }
  // Today in Europe/Helsinki on the services' clock, "YYYY-MM-DD".
  std::string Today() const;
  const Actor& actor() const { return frame.user->actor; }
  Role role() const { return frame.user ? frame.user->actor.role : Role::kUnspecified; }

  // The page_token of a list page the user followed ("" for the first page).
  std::string PageToken() const;
  // Puts the list's pager into `d` ("pager", for the partial _pager): a link
  // to the next page when `next_token` is set, and back to the first page
  // when this is not the first. The links keep the page's other query
  // parameters (a search, a filter).
  void PutPager(Data& d, const std::string& next_token) const;
  // Calls `service` as the logged-in user.
  Status Call(const std::string& service, const google::protobuf::Message& request,
              google::protobuf::Message* response);

  // Answers `status` with templates/<name> in the layout, titled by the
  // message `title_key_or_text` (the text itself when `raw_title`). A GET
  // with ?done=<x> shows the message done_<x> as a notice.
  void Html(int status, const std::string& title_key_or_text, const std::string& name, Data data,
            bool raw_title = false);

  // A page with one message (and an optional detail).
  void Message(int status, const std::string& title_key, const std::string& message,
               const std::string& detail = {});

  // 403: the user's role may not use this page.
  void Forbidden();

  // A service error on a page that has no form for it, with the HTTP status
  // of THE error table (HttpStatusFor in http/http_errors.h), as the API's.
  // The service's message is shown to a logged-in person only.
  void ServiceError(const Status& st);
};

// Every page of a list a page needs whole (a select's options, names): sends
// `request` through `call(request, &reply)` with the largest page size and
// hands each reply to `each`, following next_page_token for at most
// `max_pages` pages (so a page's cost stays bounded however big the list
// grows). Errors: the first failed call's.
template <typename Reply, typename Request, typename Call, typename Each>
Status ForEachPage(Call call, Request request, Each each, int max_pages = 20) {
  request.set_page_size(1000);
  for (int i = 0; i < max_pages; ++i) {
    Reply reply;
    if (Status st = call(request, &reply); !st.ok()) return st;
    each(reply);
    if (reply.next_page_token().empty()) break;
    request.set_page_token(reply.next_page_token());
  }
  return Status::Ok();
}

// The page for a logged-in user of one of `roles` (any role when empty);
// nullopt after answering with a redirect to the login, a 403 page, or (for
// POST) a 403 page when the CSRF token is missing or wrong.
std::optional<Page> Begin(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res,
                          std::initializer_list<Role> roles = {});

// The roles that lead an area: its director and deputy.
bool IsLeader(Role role);

// The anonymous public (user "web:public", role observer): whom the pages
// without a login (the catalogue, the open data) ask the services as.
Actor PublicActor();

}  // namespace verkosto::gateway::web
