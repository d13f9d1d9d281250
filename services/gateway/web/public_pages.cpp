// The pages anyone reaches without a login: the public catalogue of open
// networks, the login form, the language switch, the style sheet, and the
// styled page for httplib's own error answers.
#include "gateway/web/assets.h"
#include "gateway/web/forms.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/page.h"
#include "gateway/web/pages.h"
#include "gateway/web/render.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::gateway::web {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
namespace ntf = ::verkosto::notifications::v1;
using httplib::Request;
using httplib::Response;

Actor PublicActor() {
  Actor a;
  a.user_id = "web:public";
  a.display_name = "public";
  a.role = Role::kObserver;
  return a;
}

namespace {

// The newest announcements of the network's public catalogue (what its
// communication plan tells the public), first line of each message's text
// after the greeting; none when notifications does not answer.
void PutAnnouncements(GatewayContext& ctx, const Actor& pub, const std::string& code,
                      Language language, Data& d) {
  constexpr uint32_t kShown = 3;
  ntf::ListAnnouncementsRequest ar;
  ar.set_network_code(code);
  ar.set_page_size(kShown);
  ar.set_language(language == Language::kSv   ? common::v1::LANGUAGE_SV
                  : language == Language::kEn ? common::v1::LANGUAGE_EN
                                              : common::v1::LANGUAGE_FI);
  ntf::ListAnnouncementsResponse reply;
  Data items = List();
  if (ctx.Call("notifications", pub, ar, &reply).ok()) {
    for (const ntf::InboxItem& item : reply.items()) {
      Data a = Object();
      a.set("subject", item.subject());
      a.set("date", FormatTime(item.created_unix_us(), language));
      std::string body = item.body_text();
      // The paragraph that says what happened: the text's second one (after the greeting).
      const size_t start = body.find("\n\n");
      if (start != std::string::npos) body = body.substr(start + 2);
      const size_t end = body.find("\n\n");
      a.set("body", body.substr(0, end));
      items.push_back(a);
    }
  }
  d.set("has_announcements", reply.items_size() > 0);
  d.set("announcements", items);
}

}  // namespace

void CataloguePage(GatewayContext& ctx, const Request& req, Response& res) {
  Page page = Page::For(ctx, req, res);
  const Actor pub = PublicActor();
  const Catalogue& t = page.t();
  nw::ListNetworksRequest lr;
  lr.set_status(nw::NETWORK_STATUS_OPEN);
  lr.set_page_token(page.PageToken());
  nw::ListNetworksResponse list;
  if (Status st = ctx.Call("networks", pub, lr, &list); !st.ok()) return page.ServiceError(st);
  const AreaNames areas = LoadAreas(ctx, pub, page.frame.lang);
  Data networks = List();
  for (const nw::Network& n : list.networks()) {
    Data d = Object();
    PutDefinition(t, n, d);
    nm::ListMembershipsRequest mr;
    mr.set_network_code(n.definition().code());
    Data rows = List();
    bool any = false;
    (void)ForEachPage<nm::ListMembershipsResponse>(
        [&](const nm::ListMembershipsRequest& r, nm::ListMembershipsResponse* reply) {
          return ctx.Call("nominations", pub, r, reply);
        },
        mr,
        [&](const nm::ListMembershipsResponse& members) {
          for (const nm::Membership& m : members.memberships()) {
            rows.push_back(MemberData(t, m, areas.Name(m.area_code())));
            any = true;
          }
        });
    d.set("has_members", any);
    d.set("members", rows);
    PutAnnouncements(ctx, pub, n.definition().code(), page.frame.lang, d);
    networks.push_back(d);
  }
  Data d = Object();
  d.set("networks", networks);
  page.PutPager(d, list.next_page_token());
  page.Html(200, "catalogue_title", "catalogue", d);
}

void LoginPage(GatewayContext& ctx, const Request& req, Response& res) {
  Page page = Page::For(ctx, req, res);
  Data d = Object();
  d.set("csrf_token", ctx.LoginFormToken(req, res));
  d.set("next", SafeBack(Param(req, "next")));
  // POST /login (the auth side) comes back with error=throttled|csrf|missing|unavailable|…
  const std::string error = Param(req, "error");
  d.set("error", !error.empty());
  const std::string key = "login_error_" + error;
  d.set("error_text",
        page.t().entries().count(key) ? page.t().Get(key) : page.t().Get("login_failed_hint"));
  page.Html(error.empty() ? 200 : 401, "login_title", "login", d);
}

void LangSwitch(GatewayContext& /*ctx*/, const Request& req, Response& res) {
  if (const std::optional<Language> lang = LanguageFromCode(Param(req, "to"))) {
    res.set_header("Set-Cookie", "lang=" + std::string(LanguageCode(*lang)) +
                                     "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
  }
  Redirect(res, SafeBack(Param(req, "back")));
}

void StyleSheet(GatewayContext& /*ctx*/, const Request& /*req*/, Response& res) {
  res.set_header("Cache-Control", "max-age=3600");
  res.set_content(std::string(Asset("static/style.css")), "text/css; charset=utf-8");
}

void HttplibErrorPage(GatewayContext& ctx, const Request& req, Response& res) {
  Page page = Page::For(ctx, req, res);
  const int status = res.status;
  if (status == 404) {
    page.Message(404, "not_found_title", page.t().Get("not_found_text"));
  } else if (status == 413) {
    page.Message(
        413, "too_large_title", page.t().Get("too_large_text"),
        "the request body is larger than " + std::to_string(kMaxRequestBodyBytes) + " bytes");
  } else {
    page.Message(status, "error_title",
                 page.t().Get(status >= 500 ? "err_internal" : "err_invalid_argument"));
  }
}

// The accessibility statement ("Saavutettavuusseloste" / "Tillgänglighetsutlåtande" /
// "Accessibility statement", Act 306/2019 on the provision of digital
// services): no login, linked from every page's footer, the feedback address
// from [http] accessibility_contact.
void AccessibilityPage(GatewayContext& ctx, const Request& req, Response& res) {
  Page page = Page::For(ctx, req, res);
  Data d = Object();
  const std::string contact = ctx.AccessibilityContact();
  d.set("has_contact", !contact.empty());
  d.set("contact", contact);
  page.Html(200, "a11y_title", "accessibility", d);
}

}  // namespace verkosto::gateway::web
