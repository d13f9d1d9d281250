// The area's leadership on cases: the director's desk of registered cases, a
// case's page (for everyone the nominations service lets see it) and the
// decision on it.
#include "gateway/web/forms.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/page.h"
#include "gateway/web/render.h"
#include "messaging/envelope.h"
#include "messaging/proto_enum.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

namespace nm = ::verkosto::nominations::v1;
using httplib::Request;
using httplib::Response;

void DirectorPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  nm::DirectorInboxRequest request;
  request.set_page_token(page->PageToken());
  nm::CaseListResponse inbox;
  if (Status st = page->Call("nominations", request, &inbox); !st.ok()) {
    return page->ServiceError(st);
  }
  const Catalogue& t = page->t();
  Data cases = List();
  for (const nm::Case& c : inbox.cases()) {
    Data item = Object();
    item.set("case_id", c.case_id());
    item.set("network", CaseNetworkName(c, page->frame.lang));
    item.set("diary", c.registration().diary_number());
    item.set("seats", SeatsText(t, c.seats().members(), c.seats().deputies()));
    item.set("deadline", c.deadline());
    item.set("overdue", c.overdue());
    cases.push_back(item);
  }
  Data d = Object();
  d.set("cases", cases);
  d.set("has_cases", inbox.cases_size() > 0);
  page->PutPager(d, inbox.next_page_token());
  page->Html(200, "director_title", "director", d);
}

namespace {

uint32_t NomineeRows(const nm::Case& c) {
  const uint32_t n = c.seats().members() + c.seats().deputies();
  return n == 0 ? 1 : n;
}

std::string NomineeField(uint32_t i, const std::string& part) {
  return "nominees[" + std::to_string(i) + "]." + part;
}

// The service numbers the nominees it was sent, the form its rows, blank ones
// included: each "nominees[k]" of `status`'s violations becomes the form row
// `rows[k]`, so an error stands beside the row the person filled.
Status InFormRows(const Status& status, const std::vector<uint32_t>& rows) {
  if (status.ok() || status.violations().empty()) return status;
  constexpr std::string_view kPrefix = "nominees[";
  std::vector<FieldViolation> moved = status.violations();
  for (FieldViolation& v : moved) {
    if (v.field.rfind(kPrefix, 0) != 0) continue;
    const size_t close = v.field.find(']', kPrefix.size());
    if (close == std::string::npos) continue;
    const std::string number = v.field.substr(kPrefix.size(), close - kPrefix.size());
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos ||
        number.size() > 4) {
      continue;
    }
    const size_t k = std::stoul(number);
    if (k < rows.size()) {
      v.field = std::string(kPrefix) + std::to_string(rows[k]) + v.field.substr(close);
    }
  }
  return Status(status.code(), status.message(), std::move(moved));
}

Form ApproveForm(const Catalogue& t, const nm::Case& c, const Request* req) {
  Form form(t);
  for (uint32_t i = 0; i < NomineeRows(c); ++i) {
    for (const char* part : {"name", "title", "email", "municipality", "seat", "language"}) {
      Field f;
      f.name = NomineeField(i, part);
      f.label_key = std::string("nominee_") + part;
      f.type = std::string(part) == "email" ? "email" : "text";
      if (std::string(part) == "seat") {
        f.type = "select";
        f.options = {{"member", "seat_member"}, {"deputy", "seat_deputy"}};
        f.value = i < c.seats().members() ? "member" : "deputy";
      }
      if (std::string(part) == "language") {
        // Optional: the language of the nominee's messages; empty = the area's.
        f.type = "select";
        f.hint_key = "hint_nominee_language";
        f.options = {{"", "nominee_language_default"},
                     {"fi", "nominee_language_fi"},
                     {"sv", "nominee_language_sv"},
                     {"en", "nominee_language_en"}};
      }
      if (req != nullptr && req->has_param(f.name)) f.value = req->get_param_value(f.name);
      form.Add(std::move(f));
    }
  }
  Field reason;
  reason.name = "reason";
  reason.label_key = "decline_reason";
  reason.type = "textarea";
  reason.required = true;
  if (req != nullptr) reason.value = Param(*req, "reason");
  form.Add(std::move(reason));
  return form;
}

// The case `id` as the nominations service shows it to the user, or nullopt
// after answering with its error: the service decides who sees which case
// (another area's case is not_found, as an unknown one).
std::optional<nm::CaseResponse> LoadCase(Page& page, const std::string& id) {
  nm::GetCaseRequest gr;
  gr.set_case_id(id);
  nm::CaseResponse reply;
  if (Status st = page.Call("nominations", gr, &reply); !st.ok()) {
    page.ServiceError(st);
    return std::nullopt;
  }
  return reply;
}

void RenderCase(Page& page, int status, const nm::CaseResponse& reply, const Form* form) {
  const Catalogue& t = page.t();
  const nm::Case& c = reply.case_();
  // The case names its network and area; its members are of its area.
  const std::string area = CaseAreaName(c, page.frame.lang);
  Data d = Object();
  d.set("case_id", c.case_id());
  d.set("network", CaseNetworkName(c, page.frame.lang));
  d.set("area", area);
  d.set("state", t.Get(StateKey(c.state())));
  d.set("seats", SeatsText(t, c.seats().members(), c.seats().deputies()));
  d.set("deadline", c.deadline());
  d.set("diary", c.registration().diary_number());
  if (!c.covering_message().empty()) d.set("covering_message", c.covering_message());
  if (!c.decision().reason().empty()) d.set("decline_reason", c.decision().reason());
  Data members = List();
  for (const nm::Membership& m : reply.memberships_started()) {
    members.push_back(MemberData(t, m, area));
  }
  d.set("has_members", reply.memberships_started_size() > 0);
  d.set("members", members);
  // Whether the user may decide it now is the service's answer.
  d.set("decidable", reply.may_decide());
  Form fresh = ApproveForm(t, c, nullptr);
  const Form& f = form != nullptr ? *form : fresh;
  Data rows = List();
  for (uint32_t i = 0; i < NomineeRows(c); ++i) {
    Data row = Object();
    row.set("n", std::to_string(i + 1));
    row.set("fields", f.Fields({NomineeField(i, "name"), NomineeField(i, "title"),
                                NomineeField(i, "email"), NomineeField(i, "municipality"),
                                NomineeField(i, "seat"), NomineeField(i, "language")}));
    rows.push_back(row);
  }
  d.set("nominee_rows", rows);
  d.set("decline_fields", f.Fields({"reason"}));
  // After an approval: who already sits in many current networks (DecideCase).
  Data load_warnings = List();
  for (size_t i = 0; i < page.req.get_param_value_count("load") && i < 20; ++i) {
    const std::string value = page.req.get_param_value("load", i);
    const size_t bar = value.rfind('|');
    if (bar == std::string::npos) continue;
    Data w = Object();
    w.set("name", value.substr(0, bar));
    w.set("networks", value.substr(bar + 1));
    load_warnings.push_back(w);
  }
  d.set("has_load_warnings", page.req.get_param_value_count("load") > 0);
  d.set("load_warnings", load_warnings);
  f.PutSummary(d);
  page.Html(status, "case_title", "case", d);
}

}  // namespace

void CasePage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  auto reply = LoadCase(*page, req.matches[1]);
  if (!reply) return;
  RenderCase(*page, 200, *reply, nullptr);
}

void DecideCase(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  const std::string id = req.matches[1];
  const std::string step = req.matches[2];
  auto current = LoadCase(*page, id);
  if (!current) return;
  const nm::Case& c = current->case_();
  nm::CaseResponse reply;
  Status st;
  std::vector<uint32_t> rows;  // the form row of each nominee sent
  if (step == "approve") {
    nm::ApproveCaseRequest r;
    r.set_case_id(id);
    for (uint32_t i = 0; i < NomineeRows(c); ++i) {
      if (Param(req, NomineeField(i, "name")).empty()) continue;
      rows.push_back(i);
      nm::Nominee* n = r.add_nominees();
      n->set_name(Param(req, NomineeField(i, "name")));
      n->set_title(Param(req, NomineeField(i, "title")));
      n->set_email(Param(req, NomineeField(i, "email")));
      n->set_municipality(Param(req, NomineeField(i, "municipality")));
      n->set_seat(Param(req, NomineeField(i, "seat")) == "deputy" ? nm::SEAT_KIND_DEPUTY
                                                                  : nm::SEAT_KIND_MEMBER);
      Result<common::v1::Language> language = messaging::ParseProtoLanguage(
          Param(req, NomineeField(i, "language")), NomineeField(i, "language"));
      if (!language.ok()) {
        st = language.status();  // names the form's row already
        rows.clear();
        break;
      }
      n->set_language(*language);
    }
    if (st.ok()) st = page->Call("nominations", r, &reply);
  } else {
    nm::DeclineCaseRequest r;
    r.set_case_id(id);
    r.set_reason(Param(req, "reason"));
    st = page->Call("nominations", r, &reply);
  }
  if (st.ok()) {
    // The load warnings of the approval (never a refusal) ride along to the page.
    std::string warnings;
    for (const nm::LoadWarning& w : reply.load_warnings()) {
      warnings += "&load=" + UrlEncode(w.name() + "|" + std::to_string(w.networks()));
    }
    return Redirect(res, "/cases/" + UrlEncode(id) + "?done=" + step + "d" + warnings);
  }
  Form form = ApproveForm(page->t(), c, &req);
  form.AddErrors(InFormRows(st, rows));
  RenderCase(*page, 422, *current, &form);
}

}  // namespace verkosto::gateway::web
