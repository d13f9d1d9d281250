// The networks: KEHA's list, one network's page (definition, participation,
// the areas' comments, the send form), commenting and sending a request.
#include "gateway/web/network_pages.h"

#include <set>

#include "gateway/web/confirmation_pages.h"
#include "gateway/web/deadline_notice.h"
#include "gateway/web/forms.h"
#include "gateway/web/gender_pages.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/page.h"
#include "gateway/web/render.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
using httplib::Request;
using httplib::Response;

void NetworksPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator, Role::kAdmin, Role::kObserver});
  if (!page) return;
  nw::ListNetworksRequest request;
  request.set_page_token(page->PageToken());
  nw::ListNetworksResponse list;
  if (Status st = page->Call("networks", request, &list); !st.ok()) {
    return page->ServiceError(st);
  }
  Data networks = List();
  for (const nw::Network& n : list.networks()) {
    Data d = Object();
    PutDefinition(page->t(), n, d);
    networks.push_back(d);
  }
  Data d = Object();
  d.set("networks", networks);
  page->PutPager(d, list.next_page_token());
  page->Html(200, "networks_title", "networks", d);
}

std::optional<nw::GetNetworkResponse> LoadNetwork(Page& page, const std::string& code) {
  nw::GetNetworkRequest gr;
  gr.set_network_code(code);
  nw::GetNetworkResponse reply;
  if (Status st = page.Call("networks", gr, &reply); !st.ok()) {
    page.ServiceError(st);
    return std::nullopt;
  }
  return reply;
}

Form SendForm(const Catalogue& t, const Request* req) {
  Form form(t);
  form.Add(Refilled({.name = "seats.members",
                     .label_key = "field_seats_per_area_members",
                     .type = "number",
                     .value = "1"},
                    req));
  form.Add(Refilled({.name = "seats.deputies",
                     .label_key = "field_seats_per_area_deputies",
                     .type = "number",
                     .value = "1"},
                    req));
  form.Add(Refilled(
      {.name = "deadline", .label_key = "deadline", .type = "date", .hint_key = "hint_date"}, req));
  form.Add(Refilled(
      {.name = "covering_message", .label_key = "covering_message", .type = "textarea"}, req));
  form.Add(Refilled({.name = "keha_diary_number", .label_key = "keha_diary_number"}, req));
  return form;
}

namespace {

// The comment form of an area's director or deputy (rule 7).
Form CommentForm(const Catalogue& t, const Request* req) {
  Form form(t);
  Field f;
  f.name = "text";
  f.label_key = "comment_text";
  f.type = "textarea";
  f.required = true;
  f.hint_key = "hint_comment";
  f.id_prefix = "comment-";
  if (req != nullptr) f.value = Param(*req, "text");
  form.Add(std::move(f));
  return form;
}

}  // namespace

void RenderNetwork(Page& page, int status, const nw::GetNetworkResponse& net, const Form* send,
                   const Form* comment, const Form* confirmations, const Form* exception) {
  const Catalogue& t = page.t();
  Data d = Object();
  PutDefinition(t, net.network(), d);
  const AreaNames areas = LoadAreas(page.ctx, page.actor(), page.frame.lang);
  const bool keha = page.role() == Role::kKehaCoordinator;
  const nw::NetworkStatus s = net.network().status();
  d.set("keha", keha);
  d.set("can_propose", s == nw::NETWORK_STATUS_DRAFT);
  d.set("can_open", s == nw::NETWORK_STATUS_PROPOSED);  // draft -> proposed -> open
  d.set("can_close", s == nw::NETWORK_STATUS_OPEN);
  d.set("can_cancel", s == nw::NETWORK_STATUS_DRAFT || s == nw::NETWORK_STATUS_PROPOSED);
  d.set("can_send", s == nw::NETWORK_STATUS_OPEN);
  // Renewal (issue 17): renew an open network; then ask for confirmations.
  const bool pending = net.network().has_next_term();
  d.set("can_renew", s == nw::NETWORK_STATUS_OPEN && !pending);
  d.set("renewal_pending", s == nw::NETWORK_STATUS_OPEN && pending);
  d.set("next_term_start",
        ShowDate(net.network().next_term().term().start_date(), page.frame.lang));
  d.set("next_term_end", ShowDate(net.network().next_term().term().end_date(), page.frame.lang));
  const Form fresh_confirmations = ConfirmationsForm(t, nullptr);
  d.set("confirm_fields",
        (confirmations != nullptr ? *confirmations : fresh_confirmations).AllFields());
  Data participation = List();
  std::set<std::string> declined_areas;
  for (const nw::ParticipationRow& row : net.participation()) {
    const nw::ParticipationDecision decision = row.current().decision();
    if (decision == nw::PARTICIPATION_DECISION_DECLINES) declined_areas.insert(row.area_code());
    Data p = Object();
    p.set("area", areas.Name(row.area_code()));
    p.set("decision", t.Get(decision == nw::PARTICIPATION_DECISION_DECLINES     ? "declines"
                            : decision == nw::PARTICIPATION_DECISION_TAKES_PART ? "takes_part"
                                                                                : "no_answer"));
    p.set("reason", row.current().reason());
    participation.push_back(p);
  }
  Data area_list = List();
  for (const std::string& code : areas.codes) {
    Data a = Object();
    a.set("code", code);
    a.set("name", areas.Name(code));
    a.set("declined", declined_areas.count(code) > 0);
    area_list.push_back(a);
  }
  d.set("areas", area_list);
  d.set("participation", participation);
  // Every area sees every proposal and comments on it (rule 7).
  const bool discussed = s == nw::NETWORK_STATUS_PROPOSED || s == nw::NETWORK_STATUS_OPEN;
  Data comments = List();
  for (const nw::Comment& c : net.comments()) {
    Data item = Object();
    item.set("area", areas.Name(c.area_code()));
    item.set("text", c.text());
    item.set("author", c.author_name().empty() ? c.author() : c.author_name());
    if (!c.on_behalf_of().empty()) item.set("on_behalf_of", c.on_behalf_of());
    item.set("created", FormatTime(c.created_unix_us(), page.frame.lang));
    comments.push_back(item);
  }
  d.set("show_comments", discussed || net.comments_size() > 0);
  d.set("has_comments", net.comments_size() > 0);
  d.set("comments", comments);
  d.set("can_comment", discussed && IsLeader(page.role()));
  Form fresh_comment = CommentForm(t, nullptr);
  const Form& comment_form = comment != nullptr ? *comment : fresh_comment;
  d.set("comment_fields", comment_form.AllFields());
  Form fresh = SendForm(t, nullptr);
  const Form& form = send != nullptr ? *send : fresh;
  d.set("send_fields", form.AllFields());
  // Issue 19 (Equality Act 4 a §): the send form's choice, kept on a
  // refused send, and the body's balance for KEHA and the leadership.
  d.set("ask_checked", send != nullptr && Param(page.req, "ask_woman_and_man") == "1");
  PutGenderBalance(page, net.network().definition().code(), d);
  if (ShowsGender(page.role()) && net.network().has_gender_balance_exception()) {
    const nw::GenderBalanceException& g = net.network().gender_balance_exception();
    Data recorded = Object();
    recorded.set("reason", g.reason());
    recorded.set("by", g.recorded_by_name().empty() ? g.recorded_by() : g.recorded_by_name());
    recorded.set("at", FormatTime(g.recorded_unix_us(), page.frame.lang));
    d.set("balance_exception", recorded);
  }
  // KEHA records the special reasons while the body is proposed or open.
  Form fresh_exception(t);
  fresh_exception.Add(ExceptionReasonField("reason", nullptr));
  const Form& exception_form = exception != nullptr ? *exception : fresh_exception;
  d.set("exception_fields", exception_form.AllFields());
  d.set("can_record_exception",
        keha && (s == nw::NETWORK_STATUS_OPEN || s == nw::NETWORK_STATUS_PROPOSED));
  (exception != nullptr       ? *exception
   : confirmations != nullptr ? *confirmations
   : comment != nullptr       ? comment_form
                              : form)
      .PutSummary(d);
  page.Html(status, Localized(net.network().definition().names(), page.frame.lang), "network", d,
            /*raw_title=*/true);
}

void NetworkPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  auto net = LoadNetwork(*page, req.matches[1]);
  if (!net) return;
  RenderNetwork(*page, 200, *net, nullptr);
}

// An area's director or deputy comments on a proposed or open network for their own area.
void AddComment(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  const std::string code = req.matches[1];
  nw::AddCommentRequest r;
  r.set_network_code(code);
  r.set_area_code(page->actor().area.value());
  r.set_text(Param(req, "text"));
  nw::AddCommentResponse reply;
  Status st = page->Call("networks", r, &reply);
  if (st.ok()) return Redirect(res, "/networks/" + UrlEncode(code) + "?done=commented");
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  Form form = CommentForm(page->t(), &req);
  form.AddErrors(st);
  RenderNetwork(*page, 422, *net, nullptr, &form);
}

void SendRequest(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  Form form = SendForm(page->t(), &req);
  nm::SendRequestRequest sr;
  sr.set_network_code(code);
  // "All areas" is the empty list: the service sends to every area that
  // has not declined to take part and skips the declined ones.
  const bool all_areas = Param(req, "all_areas") == "1";
  const std::vector<std::string> chosen =
      all_areas ? std::vector<std::string>() : Params(req, "area");
  for (const std::string& a : chosen) sr.add_area_codes(a);
  auto members = ParseUint(Param(req, "seats.members"));
  auto deputies = ParseUint(Param(req, "seats.deputies"));
  if (!members) form.AddFieldError("seats.members", "err_not_a_number");
  if (!deputies) form.AddFieldError("seats.deputies", "err_not_a_number");
  if (!all_areas && chosen.empty()) form.AddFieldError("", "err_choose_areas");
  const std::string deadline = DateParam(req, "deadline", form);
  if (!form.has_errors()) {
    sr.mutable_seats()->set_members(*members);
    sr.mutable_seats()->set_deputies(*deputies);
    sr.set_deadline(deadline);
    sr.set_covering_message(Param(req, "covering_message"));
    sr.set_keha_diary_number(Param(req, "keha_diary_number"));
    sr.set_ask_woman_and_man(Param(req, "ask_woman_and_man") == "1");  // issue 19: equality
    nm::SendRequestResponse reply;
    Status st = page->Call("nominations", sr, &reply);
    if (st.ok()) {
      return Redirect(res, "/networks/" + UrlEncode(code) + "/matrix?done=sent" +
                               DeadlineWarningQuery(reply.deadline_warning()));
    }
    form.AddErrors(st);
  }
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  RenderNetwork(*page, 422, *net, &form);
}

}  // namespace verkosto::gateway::web
