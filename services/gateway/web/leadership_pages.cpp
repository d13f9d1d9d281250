// The area's leadership: the area page (participation in networks, members,
// burden) with its participation decision, and recording resignations.
#include <map>
#include <string>

#include "gateway/web/forms.h"
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

namespace {

// The area page; `error` (a refused participation decision) goes into its error summary.
void RenderArea(Page& page, int status, const Status& error) {
  const Catalogue& t = page.t();
  const std::string area = page.actor().area.value();
  // The networks an area answers to: the proposed and the open ones.
  std::vector<nw::Network> live;
  for (nw::NetworkStatus answered : {nw::NETWORK_STATUS_PROPOSED, nw::NETWORK_STATUS_OPEN}) {
    nw::ListNetworksRequest request;
    request.set_status(answered);
    Status st = ForEachPage<nw::ListNetworksResponse>(
        [&](const nw::ListNetworksRequest& r, nw::ListNetworksResponse* reply) {
          return page.Call("networks", r, reply);
        },
        request,
        [&](const nw::ListNetworksResponse& list) {
          live.insert(live.end(), list.networks().begin(), list.networks().end());
        });
    if (!st.ok()) return page.ServiceError(st);
  }
  // The names for the burden lines, from the same lists.
  std::map<std::string, std::string> names;
  Data networks = List();
  for (const nw::Network& n : live) {
    names[n.definition().code()] = Localized(n.definition().names(), page.frame.lang);
    Data item = Object();
    item.set("code", n.definition().code());
    item.set("name", Localized(n.definition().names(), page.frame.lang));
    item.set("status", t.Get(StatusKey(n.status())));
    nw::GetParticipationHistoryRequest hr;
    hr.set_network_code(n.definition().code());
    hr.set_area_code(area);
    nw::GetParticipationHistoryResponse history;
    std::string decision = t.Get("no_answer");
    if (page.Call("networks", hr, &history).ok() && history.decisions_size() > 0) {
      const nw::Participation& last = history.decisions(history.decisions_size() - 1);
      decision =
          t.Get(last.decision() == nw::PARTICIPATION_DECISION_DECLINES ? "declines" : "takes_part");
      if (!last.reason().empty()) item.set("reason", last.reason());
    }
    item.set("decision", decision);
    networks.push_back(item);
  }
  nm::ListMembershipsRequest mr;
  mr.set_area_code(area);
  mr.set_page_token(page.PageToken());
  nm::ListMembershipsResponse memberships;
  Data members = List();
  if (page.Call("nominations", mr, &memberships).ok()) {
    for (const nm::Membership& m : memberships.memberships()) {
      // The reply names each membership's network and area.
      Data item = MemberData(t, m, MembershipAreaName(m, page.frame.lang));
      item.set("network", MembershipNetworkName(m, page.frame.lang));
      members.push_back(item);
    }
  }
  nw::GetBurdenRequest br;
  br.set_area_code(area);
  nw::GetBurdenResponse burden;
  Data lines = List();
  (void)ForEachPage<nw::GetBurdenResponse>(
      [&](const nw::GetBurdenRequest& r, nw::GetBurdenResponse* reply) {
        return page.Call("networks", r, reply);
      },
      br,
      [&](const nw::GetBurdenResponse& reply) {
        burden.set_hours_per_year_tenths(reply.hours_per_year_tenths());
        burden.set_hours_per_month_tenths(reply.hours_per_month_tenths());
        for (const nw::BurdenLine& l : reply.lines()) {
          Data item = Object();
          item.set("network", names.count(l.network_code()) > 0 ? names.at(l.network_code())
                                                                : l.network_name_fi());
          item.set("seats", std::to_string(l.seats()));
          item.set("meetings", std::to_string(l.meetings_per_year()));
          item.set("hours", Tenths(l.hours_per_meeting_tenths(), page.frame.lang));
          item.set("year", Tenths(l.hours_per_year_tenths(), page.frame.lang));
          lines.push_back(item);
        }
      });
  Data d = Object();
  d.set("networks", networks);
  d.set("memberships", members);
  d.set("burden", lines);
  d.set("burden_year", Tenths(burden.hours_per_year_tenths(), page.frame.lang));
  d.set("burden_month", Tenths(burden.hours_per_month_tenths(), page.frame.lang));
  // The page's list is the area's memberships; the pager pages them.
  page.PutPager(d, memberships.next_page_token());
  PutErrorSummary(t, error, d);
  page.Html(status, "area_title", "area", d);
}

}  // namespace

void AreaPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  RenderArea(*page, 200, Status::Ok());
}

void DecideParticipation(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  nw::DecideParticipationRequest r;
  r.set_network_code(Param(req, "network"));
  r.set_area_code(page->actor().area.value());
  const std::string decision = Param(req, "decision");
  r.set_decision(decision == "declines"     ? nw::PARTICIPATION_DECISION_DECLINES
                 : decision == "takes_part" ? nw::PARTICIPATION_DECISION_TAKES_PART
                                            : nw::PARTICIPATION_DECISION_UNSPECIFIED);
  r.set_reason(Param(req, "reason"));
  nw::DecideParticipationResponse reply;
  if (Status st = page->Call("networks", r, &reply); !st.ok()) return RenderArea(*page, 422, st);
  Redirect(res, "/area?done=participation");
}

namespace {

// The form recording the resignation of membership `id`: `date` and `reason`
// proposed, or as `req` sent them.
Form RecordForm(const Catalogue& t, const std::string& id, const std::string& date,
                const std::string& reason, const Request* req) {
  Form form(t);
  form.Add(Refilled({.name = "date",
                     .label_key = "resignation_date",
                     .type = "date",
                     .value = date,
                     .hint_key = "hint_date",
                     .required = true,
                     .id_prefix = "record-" + id},
                    req));
  form.Add(Refilled({.name = "reason",
                     .label_key = "resignation_note",
                     .value = reason,
                     .id_prefix = "record-" + id},
                    req));
  return form;
}

// The leadership: pending resignation requests, each with a form recording it.
void RenderResignations(Page& page, int status, const std::string& failed_id, const Form* failed) {
  nm::PendingResignationsRequest request;
  request.set_page_token(page.PageToken());
  nm::PendingResignationsResponse pending;
  if (Status st = page.Call("nominations", request, &pending); !st.ok()) {
    return page.ServiceError(st);
  }
  const Catalogue& t = page.t();
  Data items = List();
  for (const nm::ResignationRequest& r : pending.requests()) {
    Data item = Object();
    item.set("membership_id", r.membership_id());
    item.set("network", RequestNetworkName(r, page.frame.lang));  // named by the reply
    item.set("person", r.person().name());
    item.set("title", r.person().title());
    item.set("email", r.person().email());
    item.set("reason", r.reason());
    item.set("requested_at", FormatTime(r.requested().at_unix_us(), page.frame.lang));
    if (failed != nullptr && failed_id == r.membership_id()) {
      item.set("fields", failed->AllFields());
    } else {
      item.set("fields",
               RecordForm(t, r.membership_id(), page.Today(), r.reason(), nullptr).AllFields());
    }
    items.push_back(item);
  }
  Data d = Object();
  d.set("requests", items);
  d.set("has_requests", pending.requests_size() > 0);
  page.PutPager(d, pending.next_page_token());
  const Form none(t);
  (failed != nullptr ? *failed : none).PutSummary(d);
  page.Html(status, "resignations_title", "resignations", d);
}

}  // namespace

void ResignationsPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  RenderResignations(*page, 200, {}, nullptr);
}

void RecordResignation(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  const std::string id = req.matches[1];
  Form form = RecordForm(page->t(), id, {}, {}, &req);
  form.RequireFilled();
  const std::string date = DateParam(req, "date", form);
  if (form.has_errors()) return RenderResignations(*page, 422, id, &form);
  nm::RecordResignationRequest r;
  r.set_membership_id(id);
  r.set_date(date);
  r.set_reason(Param(req, "reason"));
  nm::MembershipResponse reply;
  if (Status st = page->Call("nominations", r, &reply); !st.ok()) {
    form.AddErrors(st);
    return RenderResignations(*page, 422, id, &form);
  }
  Redirect(res, "/director/resignations?done=resignation_recorded");
}

}  // namespace verkosto::gateway::web
