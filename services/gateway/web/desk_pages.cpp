// The desk (issue 18): what needs the logged-in person now, by role. The
// counts and the clerk's and leadership's lists come from one DeskRequest
// (the nominations service orders and scopes them); the other sections reuse
// the calls of the pages they summarise (the nominee's memberships and inbox,
// the networks' comments, the accounts, the services' health). Every list
// shows at most kItems and links to the full page.
#include "gateway/web/desk_pages.h"

#include <cstdlib>

#include "gateway/http/local_path.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "locale/format.h"
#include "verkosto/common/v1/health.pb.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::gateway::web {

namespace nm = ::verkosto::nominations::v1;
namespace nw = ::verkosto::networks::v1;
namespace nt = ::verkosto::notifications::v1;
namespace gw = ::verkosto::gateway::v1;
using httplib::Request;
using httplib::Response;

namespace {

// Items a desk's list shows; "show all" leads to the full page.
constexpr uint32_t kItems = 10;
// A comment on a proposal is new for 14 days (docs/web.md, "Desk").
constexpr std::chrono::hours kNewComments{24 * 14};

// The message `key` with its {count} (plural rules and digits of the language).
std::string WithN(const Catalogue& t, const std::string& key, int64_t n) {
  return t.Plural(key, n);
}

Data CaseRows(const Catalogue& t, Language lang, const nm::DeskResponse& desk) {
  Data rows = List();
  for (const nm::DeskCase& c : desk.cases()) {
    Data row = Object();
    row.set("case_id", c.case_id());
    row.set("network", NameIn(lang, c.network_name_fi(), c.network_name_sv(), c.network_code()));
    row.set("deadline", ShowDate(c.deadline(), lang));
    row.set("days", DaysLeftText(t, !c.deadline().empty(), c.days_left()));
    row.set("late", !c.deadline().empty() && c.days_left() < 0);
    row.set("sent", FormatTime(c.sent_unix_us(), lang));
    rows.push_back(row);
  }
  return rows;
}

// A section's common keys: its count, its items and whether there are any.
Data Section(uint32_t count, const Data& items, bool any) {
  Data s = Object();
  s.set("count", std::to_string(count));
  s.set("items", items);
  s.set("any", any);
  return s;
}

Data NetworkRows(Language lang, const google::protobuf::RepeatedPtrField<nm::DeskNetwork>& list,
                 const Catalogue& t) {
  Data rows = List();
  for (const nm::DeskNetwork& n : list) {
    Data row = Object();
    row.set("code", n.network_code());
    row.set("name", NameIn(lang, n.name_fi(), n.name_sv(), n.network_code()));
    row.set("status", t.Get("status_" + n.status()));
    rows.push_back(row);
  }
  return rows;
}

void PutLeadership(const Catalogue& t, Language lang, const nm::DeskResponse& desk, Data& d) {
  Data leader = Object();
  leader.set("to_decide",
             Section(desk.registered(), CaseRows(t, lang, desk), desk.cases_size() > 0));
  leader.set("participation", Section(desk.participation_pending(),
                                      NetworkRows(lang, desk.participation_pending_networks(), t),
                                      desk.participation_pending_networks_size() > 0));
  Data members = List();
  for (const nm::DeskMembership& m : desk.terms_ending_memberships()) {
    Data row = Object();
    row.set("id", m.membership_id());
    row.set("name", m.name());
    row.set("seat", t.Get(m.seat() == "deputy" ? "seat_deputy" : "seat_member"));
    row.set("network", NameIn(lang, m.network_name_fi(), m.network_name_sv(), m.network_code()));
    row.set("term_end", ShowDate(m.term_end(), lang));
    row.set("days", DaysLeftText(t, true, m.days_left()));
    members.push_back(row);
  }
  Data terms = Section(desk.terms_ending(), members, desk.terms_ending_memberships_size() > 0);
  terms.set("intro", WithN(t, "desk_terms_ending_intro", desk.term_notice_days()));
  leader.set("terms", terms);
  d.set("leader", leader);
}

Data CountRow(const Catalogue& t, const std::string& key, uint32_t count) {
  Data row = Object();
  row.set("label", t.Get(key));
  row.set("count", locale::FormatNumber(count, t.language()));
  return row;
}

void PutKeha(Page& page, const nm::DeskResponse& desk, Data& d) {
  const Catalogue& t = page.t();
  const Language lang = page.frame.lang;
  Data keha = Object();
  Data states = List();
  states.push_back(CountRow(t, "state_awaiting_registration", desk.awaiting_registration()));
  states.push_back(CountRow(t, "state_registered", desk.registered()));
  states.push_back(CountRow(t, "desk_overdue_requests", desk.overdue()));
  states.push_back(CountRow(t, "state_approved", desk.approved()));
  states.push_back(CountRow(t, "state_declined", desk.declined()));
  states.push_back(CountRow(t, "state_withdrawn", desk.withdrawn()));
  keha.set("states", states);
  Data areas = List();
  for (const nm::DeskAreaCount& a : desk.overdue_areas()) {
    Data row = Object();
    row.set("code", a.area_code());
    row.set("name", NameIn(lang, a.area_name_fi(), a.area_name_sv(), a.area_code()));
    row.set("count", WithN(t, "desk_n_overdue", a.count()));
    areas.push_back(row);
  }
  keha.set("overdue_areas", Section(desk.overdue(), areas, desk.overdue_areas_size() > 0));
  // Each proposal's comments (at most kItems proposals, one call each); new
  // are those of the last 14 days.
  const int64_t since = std::chrono::duration_cast<std::chrono::microseconds>(
                            (page.ctx.Now() - kNewComments).time_since_epoch())
                            .count();
  Data proposals = List();
  for (const nm::DeskNetwork& n : desk.proposals()) {
    Data row = Object();
    row.set("code", n.network_code());
    row.set("name", NameIn(lang, n.name_fi(), n.name_sv(), n.network_code()));
    nw::ListCommentsRequest req;
    req.set_network_code(n.network_code());
    uint32_t all = 0;
    uint32_t fresh = 0;
    const Status st = ForEachPage<nw::ListCommentsResponse>(
        [&](const nw::ListCommentsRequest& r, nw::ListCommentsResponse* reply) {
          return page.Call("networks", r, reply);
        },
        req,
        [&](const nw::ListCommentsResponse& reply) {
          for (const nw::Comment& c : reply.comments()) {
            ++all;
            if (c.created_unix_us() >= since) ++fresh;
          }
        },
        /*max_pages=*/1);
    row.set("comments", st.ok() ? std::to_string(all) : "–");
    row.set("new_comments", st.ok() ? std::to_string(fresh) : "–");
    row.set("has_new", st.ok() && fresh > 0);
    proposals.push_back(row);
  }
  keha.set("proposals", Section(desk.networks_proposed(), proposals, desk.proposals_size() > 0));
  d.set("keha", keha);
}

void PutNational(const Catalogue& t, const nm::DeskResponse& desk, Data& d) {
  Data rows = List();
  rows.push_back(CountRow(t, "desk_networks_open", desk.networks_open()));
  rows.push_back(CountRow(t, "desk_networks_proposed", desk.networks_proposed()));
  rows.push_back(CountRow(t, "desk_areas", desk.areas()));
  rows.push_back(CountRow(t, "desk_members", desk.current_memberships()));
  rows.push_back(
      CountRow(t, "desk_open_requests", desk.awaiting_registration() + desk.registered()));
  rows.push_back(CountRow(t, "desk_overdue_requests", desk.overdue()));
  Data national = Object();
  national.set("rows", rows);
  d.set("national", national);
}

// The nominee's memberships (first kItems, current first as the service
// lists them) and newest messages; each section says when a call failed.
void PutNominee(Page& page, Data& d) {
  const Catalogue& t = page.t();
  Data nominee = Object();
  nm::ListMyMembershipsRequest mr;
  mr.set_page_size(kItems);
  nm::ListMyMembershipsResponse mine;
  const Status ms = page.Call("nominations", mr, &mine);
  Data memberships = List();
  for (const nm::MyMembership& m : mine.memberships()) {
    Data row = Object();
    row.set("id", m.membership().membership_id());
    row.set("network", NameIn(page.frame.lang, m.network_name_fi(), m.network_name_sv(),
                              m.membership().network_code()));
    row.set("seat", t.Get(SeatKey(m.membership().person().seat())));
    row.set("term", ShowDate(m.term_start(), page.frame.lang) + " – " +
                        ShowDate(m.term_end(), page.frame.lang));
    if (!m.membership().ended().empty()) {
      row.set("ended", ShowDate(m.membership().ended(), page.frame.lang));
    }
    memberships.push_back(row);
  }
  Data ms_section = Section(static_cast<uint32_t>(mine.memberships_size()), memberships,
                            mine.memberships_size() > 0);
  if (!ms.ok()) ms_section.set("error", ErrorText(t, ms));
  ms_section.set("more", !mine.next_page_token().empty());
  nominee.set("memberships", ms_section);

  nt::ListInboxRequest ir;
  ir.set_page_size(5);
  nt::ListInboxResponse inbox;
  const Status is = page.Call("notifications", ir, &inbox);
  Data messages = List();
  for (const nt::InboxItem& i : inbox.items()) {
    Data row = Object();
    row.set("subject", i.subject());
    row.set("created", FormatTime(i.created_unix_us(), page.frame.lang));
    if (IsLocalPath(i.link())) row.set("link", i.link());
    row.set("is_unread", !i.read());
    messages.push_back(row);
  }
  Data inbox_section = Section(inbox.unread_count(), messages, inbox.items_size() > 0);
  inbox_section.set("unread", WithN(t, "desk_unread", inbox.unread_count()));
  if (!is.ok()) inbox_section.set("error", ErrorText(t, is));
  nominee.set("messages", inbox_section);
  d.set("nominee", nominee);
}

// The admin's accounts (counted a page of 1000 at a time, at most 20 pages,
// as the pages read lists they need whole) and each service's health as the
// gateway's /healthz reads it.
void PutAdmin(Page& page, Data& d) {
  const Catalogue& t = page.t();
  Data admin = Object();
  gw::ListAccountsRequest ar;
  ar.set_include_disabled(true);
  uint32_t total = 0;
  uint32_t disabled = 0;
  const Status as = ForEachPage<gw::ListAccountsResponse>(
      [&](const gw::ListAccountsRequest& r, gw::ListAccountsResponse* reply) {
        return page.Call("gateway", r, reply);
      },
      ar,
      [&](const gw::ListAccountsResponse& reply) {
        for (const gw::Account& a : reply.accounts()) {
          ++total;
          if (a.disabled()) ++disabled;
        }
      });
  Data accounts = List();
  accounts.push_back(CountRow(t, "desk_accounts_total", total));
  accounts.push_back(CountRow(t, "desk_accounts_disabled", disabled));
  admin.set("accounts", accounts);
  if (!as.ok()) admin.set("accounts_error", ErrorText(t, as));
  Data services = List();
  for (const char* name : {"networks", "nominations", "notifications"}) {
    common::v1::HealthResponse health;
    const Status st = page.Call(name, common::v1::HealthRequest(), &health);
    Data row = Object();
    row.set("name", name);
    row.set("state", t.Get(!st.ok()                  ? "desk_health_unreachable"
                           : health.status() == "ok" ? "desk_health_ok"
                                                     : "desk_health_degraded"));
    row.set("ok", st.ok() && health.status() == "ok");
    services.push_back(row);
  }
  admin.set("services", services);
  d.set("admin", admin);
}

}  // namespace

std::string DaysLeftText(const Catalogue& t, bool has_deadline, int days) {
  if (!has_deadline) return t.Get("desk_no_deadline");
  if (days == 0) return t.Get("desk_due_today");
  const int n = std::abs(days);
  return WithN(t, days > 0 ? "desk_days_left" : "desk_days_overdue", n);
}

void PutNavCounts(PageFrame& frame, const nm::DeskResponse& counts) {
  frame.nav_counts_read = true;
  if (!frame.user) return;
  const auto put = [&frame](const std::string& href, uint32_t n, const char* key) {
    frame.nav_counts[href] = PageFrame::NavCount{n, key};
  };
  switch (frame.user->actor.role) {
    case Role::kRegistryClerk:
      put("/desk", counts.awaiting_registration(), "desk_count_waiting");
      put("/registry", counts.awaiting_registration(), "desk_count_waiting");
      break;
    case Role::kAreaDirector:
    case Role::kAreaDeputy:
      put("/desk", counts.registered() + counts.participation_pending(), "desk_count_waiting");
      put("/director", counts.registered(), "desk_count_waiting");
      put("/area", counts.participation_pending(), "desk_count_waiting");
      break;
    case Role::kKehaCoordinator:
      put("/desk", counts.overdue(), "desk_count_overdue");
      break;
    default:
      break;
  }
}

void ReadNavCounts(Page& page) {
  if (page.frame.nav_counts_read || !page.frame.user) return;
  page.frame.nav_counts_read = true;
  const Role role = page.role();
  if (role != Role::kRegistryClerk && !IsLeader(role) && role != Role::kKehaCoordinator) return;
  nm::DeskRequest request;
  request.set_counts_only(true);
  nm::DeskResponse counts;
  if (!page.Call("nominations", request, &counts).ok()) return;
  PutNavCounts(page.frame, counts);
}

void DeskPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  const Catalogue& t = page->t();
  const Language lang = page->frame.lang;
  const Role role = page->role();
  Data d = Object();
  if (role == Role::kNominee) {
    PutNominee(*page, d);
  } else if (role == Role::kAdmin) {
    PutAdmin(*page, d);
  } else {
    nm::DeskRequest request;
    request.set_limit(kItems);
    nm::DeskResponse desk;
    if (Status st = page->Call("nominations", request, &desk); !st.ok()) {
      return page->ServiceError(st);
    }
    // The same answer counts the navigation: no second call.
    PutNavCounts(page->frame, desk);
    if (role == Role::kRegistryClerk) {
      d.set("clerk",
            Section(desk.awaiting_registration(), CaseRows(t, lang, desk), desk.cases_size() > 0));
    } else if (IsLeader(role)) {
      PutLeadership(t, lang, desk, d);
    } else if (role == Role::kKehaCoordinator) {
      PutKeha(*page, desk, d);
    } else {
      PutNational(t, desk, d);  // observers, and any other reader
    }
  }
  page->Html(200, "desk_title", "desk", d);
}

}  // namespace verkosto::gateway::web
