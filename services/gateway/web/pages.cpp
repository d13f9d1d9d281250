#include "gateway/web/pages.h"

#include <charconv>
#include <ctime>
#include <map>
#include <set>

#include "core/date.h"
#include "gateway/web/assets.h"
#include "gateway/web/forms.h"
#include "gateway/web/my_contact.h"
#include "gateway/web/render.h"
#include "messaging/proto_enum.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::gateway::web {

namespace {

namespace mustache = kainjow::mustache;
namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
namespace nt = ::verkosto::notifications::v1;
using httplib::Request;
using httplib::Response;
using Data = mustache::data;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

Data Object() { return Data{Data::type::object}; }
Data List() { return Data{Data::type::list}; }

std::string Param(const Request& req, const std::string& key) {
  return req.has_param(key) ? req.get_param_value(key) : std::string();
}

std::vector<std::string> Params(const Request& req, const std::string& key) {
  std::vector<std::string> values;
  const size_t n = req.get_param_value_count(key);
  for (size_t i = 0; i < n; ++i) values.push_back(req.get_param_value(key, i));
  return values;
}

std::string Cookie(const Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    while (!line.empty() && line.front() == ' ') line.erase(0, 1);
    if (!line.empty()) lines.push_back(line);
    pos = end + 1;
  }
  return lines;
}

std::string JoinLines(const google::protobuf::RepeatedPtrField<std::string>& items,
                      const std::string& sep = "\n") {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// A whole number, or nullopt (empty gives 0).
std::optional<uint32_t> ParseUint(const std::string& s) {
  if (s.empty()) return 0U;
  uint32_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

// "1,5" or "1.5" hours as tenths (15), or nullopt.
std::optional<uint32_t> ParseTenths(const std::string& s) {
  if (s.empty()) return 0U;
  const size_t sep = s.find_first_of(".,");
  std::optional<uint32_t> whole = ParseUint(s.substr(0, sep));
  if (!whole) return std::nullopt;
  uint32_t tenths = 0;
  if (sep != std::string::npos) {
    const std::string frac = s.substr(sep + 1);
    if (frac.size() != 1 || frac[0] < '0' || frac[0] > '9') return std::nullopt;
    tenths = static_cast<uint32_t>(frac[0] - '0');
  }
  return *whole * 10 + tenths;
}

std::string Tenths(uint64_t tenths, const std::string& lang) {
  return std::to_string(tenths / 10) + (lang == "en" ? "." : ",") + std::to_string(tenths % 10);
}

std::string FormatTime(int64_t unix_us) {
  if (unix_us <= 0) return {};
  const std::time_t t = unix_us / 1000000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// A local path to go back to: only "/…", never "//host".
std::string SafeBack(const std::string& back) {
  if (back.empty() || back[0] != '/' || (back.size() > 1 && (back[1] == '/' || back[1] == '\\'))) {
    return "/";
  }
  for (const char c : back) {
    if (c == '\r' || c == '\n') return "/";
  }
  return back;
}

void Redirect(Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
}

// ---------------------------------------------------------------------------
// The request being served
// ---------------------------------------------------------------------------

struct Page {
  GatewayContext& ctx;
  const Request& req;
  Response& res;
  PageFrame frame;

  const Catalogue& t() const { return Catalogue::For(frame.lang); }
  // Today in Europe/Helsinki on the services' clock, "YYYY-MM-DD".
  std::string Today() const { return FormatIsoDate(HelsinkiDate(ctx.Now())); }
  const Actor& actor() const { return frame.user->actor; }
  Role role() const { return frame.user ? frame.user->actor.role : Role::kUnspecified; }

  Status Call(const std::string& service, const google::protobuf::Message& request,
              google::protobuf::Message* response) {
    return ctx.Call(service, actor(), request, response);
  }

  void Html(int status, const std::string& title_key_or_text, const std::string& name, Data data,
            bool raw_title = false) {
    std::string flash;
    const std::string done = Param(req, "done");
    if (!done.empty() && req.method == "GET") {
      const std::string key = "done_" + done;
      if (t().entries().count(key)) flash = t().Get(key);
    }
    res.status = status;
    res.set_content(RenderPage(frame, raw_title ? title_key_or_text : t().Get(title_key_or_text),
                               name, std::move(data), flash),
                    "text/html; charset=utf-8");
  }

  void Message(int status, const std::string& title_key, const std::string& message,
               const std::string& detail = {}) {
    Data d = Object();
    d.set("message", message);
    if (!detail.empty()) d.set("detail", detail);
    Html(status, title_key, "message", d);
  }

  void Forbidden() { Message(403, "forbidden_title", t().Get("forbidden_text")); }

  // A service error on a page that has no form for it.
  void ServiceError(const Status& st) {
    int code = 500;
    switch (st.code()) {
      case ErrorCode::kInvalidArgument:
      case ErrorCode::kFailedPrecondition:
      case ErrorCode::kAlreadyExists:
        code = 400;
        break;
      case ErrorCode::kNotFound:
        code = 404;
        break;
      case ErrorCode::kPermissionDenied:
        code = 403;
        break;
      case ErrorCode::kUnavailable:
      case ErrorCode::kDeadlineExceeded:
        code = 503;
        break;
      default:
        break;
    }
    Message(code, "error_title", ErrorText(t(), st), st.message());
  }
};

PageFrame MakeFrame(GatewayContext& ctx, const Request& req) {
  PageFrame frame;
  frame.user = ctx.CurrentUser(req);
  std::string_view lang = NormalizeLanguage(Cookie(req, "lang"));
  if (lang.empty() && frame.user) lang = NormalizeLanguage(frame.user->language);
  frame.lang = lang.empty() ? "fi" : std::string(lang);
  frame.path = req.path;
  if (req.method == "GET") {
    const size_t q = req.target.find('?');
    if (q != std::string::npos) frame.query = req.target.substr(q + 1);
  }
  return frame;
}

// The page for a logged-in user of one of `roles` (any role when empty);
// nullopt after answering with a redirect to the login, a 403 page, or (for
// POST) a 403 page when the CSRF token is missing or wrong.
std::optional<Page> Begin(GatewayContext& ctx, const Request& req, Response& res,
                          std::initializer_list<Role> roles = {}) {
  Page page{ctx, req, res, MakeFrame(ctx, req)};
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

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

std::string Localized(const nw::LocalizedText& text, const std::string& lang) {
  if (lang == "sv" && !text.sv().empty()) return text.sv();
  if (lang == "en" && !text.en().empty()) return text.en();
  return text.fi();
}

struct AreaNames {
  std::map<std::string, std::string> by_code;
  std::vector<std::string> codes;  // directory order
  std::string Name(const std::string& code) const {
    auto it = by_code.find(code);
    return it == by_code.end() ? code : it->second;
  }
};

AreaNames LoadAreas(GatewayContext& ctx, const Actor& actor, const std::string& lang) {
  AreaNames names;
  nw::ListAreasResponse areas;
  if (ctx.Call("networks", actor, nw::ListAreasRequest(), &areas).ok()) {
    for (const nw::Area& a : areas.areas()) {
      names.by_code[a.code()] = lang == "sv" && !a.name_sv().empty() ? a.name_sv() : a.name_fi();
      names.codes.push_back(a.code());
    }
  }
  return names;
}

std::map<std::string, std::string> NetworkNames(GatewayContext& ctx, const Actor& actor,
                                                const std::string& lang) {
  std::map<std::string, std::string> names;
  nw::ListNetworksResponse list;
  if (ctx.Call("networks", actor, nw::ListNetworksRequest(), &list).ok()) {
    for (const nw::Network& n : list.networks()) {
      names[n.definition().code()] = Localized(n.definition().names(), lang);
    }
  }
  return names;
}

std::string Lookup(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? key : it->second;
}

std::string StatusKey(nw::NetworkStatus s) {
  return s == nw::NETWORK_STATUS_UNSPECIFIED ? "unknown" : "status_" + messaging::EnumShortName(s);
}

std::string KindValue(nw::NetworkKind k) {
  return k == nw::NETWORK_KIND_UNSPECIFIED ? "network" : messaging::EnumShortName(k);
}

nw::NetworkKind KindFrom(const std::string& v) {
  return messaging::EnumFromShortName<nw::NetworkKind>(v).value_or(nw::NETWORK_KIND_NETWORK);
}

std::string StateKey(nm::CaseState s) {
  return s == nm::CASE_STATE_UNSPECIFIED ? "state_none" : "state_" + messaging::EnumShortName(s);
}

std::string ChannelKey(nm::Channel c) {
  return c == nm::CHANNEL_UNSPECIFIED ? "channel_other" : "channel_" + messaging::EnumShortName(c);
}

std::string SeatKey(nm::SeatKind s) {
  return s == nm::SEAT_KIND_DEPUTY ? "seat_deputy" : "seat_member";
}

std::string CadenceText(const Catalogue& t, const nw::Cadence& c) {
  return std::to_string(c.meetings_per_year()) + " " + t.Get("meetings_per_year_unit") + ", " +
         Tenths(c.hours_per_meeting_tenths(), t.language()) + " " + t.Get("hours_per_meeting_unit");
}

std::string SeatsText(const Catalogue& t, uint32_t members, uint32_t deputies) {
  return std::to_string(members) + " " + t.Get("seats_members_unit") + ", " +
         std::to_string(deputies) + " " + t.Get("seats_deputies_unit");
}

Data MemberData(const Catalogue& t, const nm::Membership& m, const AreaNames& areas) {
  Data d = Object();
  d.set("area", areas.Name(m.area_code()));
  d.set("person", m.person().name());
  d.set("title", m.person().title());
  d.set("email", m.person().email());
  d.set("municipality", m.person().municipality());
  d.set("seat", t.Get(SeatKey(m.person().seat())));
  d.set("started", m.started());
  return d;
}

// The fields every page showing a network's definition uses.
void PutDefinition(const Catalogue& t, const nw::Network& n, Data& d) {
  const nw::NetworkDefinition& def = n.definition();
  d.set("code", def.code());
  d.set("name", Localized(def.names(), t.language()));
  d.set("status", t.Get(StatusKey(n.status())));
  d.set("kind", t.Get("kind_" + KindValue(def.kind())));
  d.set("owner", def.owner());
  d.set("term_start", def.term().start_date());
  d.set("term_end", def.term().end_date());
  d.set("cadence", CadenceText(t, def.cadence()));
  d.set("seats", SeatsText(t, def.seats_per_area().members(), def.seats_per_area().deputies()));
  if (!def.description().empty()) d.set("description", def.description());
  Data goals = List();
  for (const std::string& g : def.goals()) goals.push_back(Data(g));
  d.set("goals", goals);
  const nw::CommunicationPlan& plan = def.communication_plan();
  d.set("audiences", JoinLines(plan.audiences(), ", "));
  d.set("channels", JoinLines(plan.channels(), ", "));
  d.set("plan_cadence", plan.cadence());
  d.set("plan_responsible", plan.responsible());
  d.set("disclaimer", Localized(n.disclaimer(), t.language()));
}

// ---------------------------------------------------------------------------
// Public pages
// ---------------------------------------------------------------------------

Actor PublicActor() {
  Actor a;
  a.user_id = "web:public";
  a.display_name = "public";
  a.role = Role::kObserver;
  return a;
}

void CataloguePage(GatewayContext& ctx, const Request& req, Response& res) {
  Page page{ctx, req, res, MakeFrame(ctx, req)};
  const Actor pub = PublicActor();
  const Catalogue& t = page.t();
  nw::ListNetworksRequest lr;
  lr.set_status(nw::NETWORK_STATUS_OPEN);
  nw::ListNetworksResponse list;
  if (Status st = ctx.Call("networks", pub, lr, &list); !st.ok()) return page.ServiceError(st);
  const AreaNames areas = LoadAreas(ctx, pub, page.frame.lang);
  Data networks = List();
  for (const nw::Network& n : list.networks()) {
    Data d = Object();
    PutDefinition(t, n, d);
    nm::ListMembershipsRequest mr;
    mr.set_network_code(n.definition().code());
    nm::ListMembershipsResponse members;
    Data rows = List();
    if (ctx.Call("nominations", pub, mr, &members).ok()) {
      for (const nm::Membership& m : members.memberships()) rows.push_back(MemberData(t, m, areas));
    }
    d.set("has_members", members.memberships_size() > 0);
    d.set("members", rows);
    networks.push_back(d);
  }
  Data d = Object();
  d.set("networks", networks);
  page.Html(200, "catalogue_title", "catalogue", d);
}

void LoginPage(GatewayContext& ctx, const Request& req, Response& res) {
  Page page{ctx, req, res, MakeFrame(ctx, req)};
  Data d = Object();
  d.set("csrf_token", ctx.LoginFormToken(req, res));
  d.set("next", SafeBack(Param(req, "next")));
  // POST /login (the auth side) comes back with error=locked|csrf|missing|unavailable|…
  const std::string error = Param(req, "error");
  d.set("error", !error.empty());
  const std::string key = "login_error_" + error;
  d.set("error_text",
        page.t().entries().count(key) ? page.t().Get(key) : page.t().Get("login_failed_hint"));
  page.Html(error.empty() ? 200 : 401, "login_title", "login", d);
}

void LangSwitch(GatewayContext& /*ctx*/, const Request& req, Response& res) {
  const std::string_view lang = NormalizeLanguage(Param(req, "to"));
  if (!lang.empty()) {
    res.set_header("Set-Cookie", "lang=" + std::string(lang) +
                                     "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
  }
  Redirect(res, SafeBack(Param(req, "back")));
}

void StyleSheet(GatewayContext& /*ctx*/, const Request& /*req*/, Response& res) {
  res.set_header("Cache-Control", "max-age=3600");
  res.set_content(std::string(Asset("static/style.css")), "text/css; charset=utf-8");
}

// ---------------------------------------------------------------------------
// KEHA: networks
// ---------------------------------------------------------------------------

void NetworksPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator, Role::kAdmin, Role::kObserver});
  if (!page) return;
  nw::ListNetworksResponse list;
  if (Status st = page->Call("networks", nw::ListNetworksRequest(), &list); !st.ok()) {
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
  page->Html(200, "networks_title", "networks", d);
}

const std::vector<std::string> kBasics = {
    "code",  "names.fi",         "names.sv",          "names.en",   "kind",
    "owner", "responsible.name", "responsible.email", "description"};
const std::vector<std::string> kGoalsTerm = {"goals", "term.start_date", "term.end_date"};
const std::vector<std::string> kPlan = {"communication_plan.audiences",
                                        "communication_plan.channels", "communication_plan.cadence",
                                        "communication_plan.responsible"};
const std::vector<std::string> kCadenceSeats = {
    "cadence.meetings_per_year", "cadence.hours_per_meeting_tenths", "seats_per_area.members",
    "seats_per_area.deputies"};

// The network form, filled from `def`.
Form NetworkForm(const Catalogue& t, const nw::NetworkDefinition& def, bool with_reason,
                 const std::string& reason) {
  Form form(t);
  auto text = [&form](const std::string& name, const std::string& value, bool required = false,
                      const std::string& type = "text", const std::string& hint = {}) {
    Field f;
    f.name = name;
    f.label_key = "field_" + name;
    for (char& c : f.label_key) {
      if (c == '.') c = '_';
    }
    f.value = value;
    f.required = required;
    f.type = type;
    f.hint_key = hint;
    form.Add(std::move(f));
  };
  text("code", def.code(), true, "text", "hint_code");
  text("names.fi", def.names().fi(), true);
  text("names.sv", def.names().sv());
  text("names.en", def.names().en());
  Field kind;
  kind.name = "kind";
  kind.label_key = "field_kind";
  kind.type = "select";
  kind.value = KindValue(def.kind());
  for (const char* k : {"network", "sub_committee", "working_group", "advisory_board"}) {
    kind.options.emplace_back(k, std::string("kind_") + k);
  }
  form.Add(kind);
  text("owner", def.owner().empty() ? "KEHA-keskus" : def.owner(), true);
  text("responsible.name", def.responsible().name());
  text("responsible.email", def.responsible().email(), false, "email");
  text("description", def.description(), false, "textarea");
  text("goals", JoinLines(def.goals()), false, "textarea", "hint_one_per_line");
  text("term.start_date", def.term().start_date(), false, "date", "hint_date");
  text("term.end_date", def.term().end_date(), false, "date", "hint_date");
  const nw::CommunicationPlan& plan = def.communication_plan();
  text("communication_plan.audiences", JoinLines(plan.audiences()), false, "textarea",
       "hint_one_per_line");
  text("communication_plan.channels", JoinLines(plan.channels()), false, "textarea",
       "hint_one_per_line");
  text("communication_plan.cadence", plan.cadence());
  text("communication_plan.responsible", plan.responsible());
  text("cadence.meetings_per_year", std::to_string(def.cadence().meetings_per_year()), false,
       "number");
  text("cadence.hours_per_meeting_tenths",
       Tenths(def.cadence().hours_per_meeting_tenths(), t.language()), false, "text", "hint_hours");
  text("seats_per_area.members", std::to_string(def.seats_per_area().members()), false, "number");
  text("seats_per_area.deputies", std::to_string(def.seats_per_area().deputies()), false, "number");
  if (with_reason) text("reason", reason, true, "text", "hint_change_reason");
  return form;
}

// Reads the network form; fields that are not numbers go into `bad`.
nw::NetworkDefinition DefinitionFromForm(const Request& req, std::vector<std::string>* bad) {
  nw::NetworkDefinition def;
  def.set_code(Param(req, "code"));
  def.mutable_names()->set_fi(Param(req, "names.fi"));
  def.mutable_names()->set_sv(Param(req, "names.sv"));
  def.mutable_names()->set_en(Param(req, "names.en"));
  def.set_kind(KindFrom(Param(req, "kind")));
  def.set_owner(Param(req, "owner"));
  def.mutable_responsible()->set_name(Param(req, "responsible.name"));
  def.mutable_responsible()->set_email(Param(req, "responsible.email"));
  def.set_description(Param(req, "description"));
  for (const std::string& g : Lines(Param(req, "goals"))) def.add_goals(g);
  def.mutable_term()->set_start_date(Param(req, "term.start_date"));
  def.mutable_term()->set_end_date(Param(req, "term.end_date"));
  nw::CommunicationPlan* plan = def.mutable_communication_plan();
  for (const std::string& a : Lines(Param(req, "communication_plan.audiences"))) {
    plan->add_audiences(a);
  }
  for (const std::string& c : Lines(Param(req, "communication_plan.channels"))) {
    plan->add_channels(c);
  }
  plan->set_cadence(Param(req, "communication_plan.cadence"));
  plan->set_responsible(Param(req, "communication_plan.responsible"));
  auto number = [&](const std::string& name, auto setter) {
    if (auto v = ParseUint(Param(req, name))) {
      setter(*v);
    } else {
      bad->push_back(name);
    }
  };
  number("cadence.meetings_per_year",
         [&](uint32_t v) { def.mutable_cadence()->set_meetings_per_year(v); });
  if (auto v = ParseTenths(Param(req, "cadence.hours_per_meeting_tenths"))) {
    def.mutable_cadence()->set_hours_per_meeting_tenths(*v);
  } else {
    bad->push_back("cadence.hours_per_meeting_tenths");
  }
  number("seats_per_area.members",
         [&](uint32_t v) { def.mutable_seats_per_area()->set_members(v); });
  number("seats_per_area.deputies",
         [&](uint32_t v) { def.mutable_seats_per_area()->set_deputies(v); });
  return def;
}

void RenderNetworkForm(Page& page, int status, const std::string& title_key,
                       const std::string& action, const Form& form) {
  Data d = Object();
  d.set("action", action);
  d.set("basics", form.Fields(kBasics));
  d.set("goals_term", form.Fields(kGoalsTerm));
  d.set("plan", form.Fields(kPlan));
  d.set("cadence_seats", form.Fields(kCadenceSeats));
  Data reason = form.Fields({"reason"});
  if (!reason.is_empty_list()) d.set("change_reason", reason);
  form.PutSummary(d);
  page.Html(status, title_key, "network_form", d);
}

void NewNetworkPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  nw::NetworkDefinition def;
  def.mutable_seats_per_area()->set_members(1);
  def.mutable_seats_per_area()->set_deputies(1);
  Form form = NetworkForm(page->t(), def, false, {});
  RenderNetworkForm(*page, 200, "network_new", "/networks/new", form);
}

void CreateNetwork(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  std::vector<std::string> bad;
  nw::NetworkDefinition def = DefinitionFromForm(req, &bad);
  Form form = NetworkForm(page->t(), def, false, {});
  for (const std::string& name : bad) form.AddFieldError(name, "err_not_a_number");
  if (!form.has_errors()) {
    nw::CreateNetworkRequest cr;
    *cr.mutable_definition() = def;
    nw::NetworkResponse reply;
    Status st = page->Call("networks", cr, &reply);
    if (st.ok()) return Redirect(res, "/networks/" + UrlEncode(def.code()) + "?done=created");
    form.AddErrors(st);
  }
  RenderNetworkForm(*page, 422, "network_new", "/networks/new", form);
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
  auto add = [&](const std::string& name, const std::string& label, const std::string& type,
                 const std::string& value, const std::string& hint = {}) {
    Field f;
    f.name = name;
    f.label_key = label;
    f.type = type;
    f.value = req != nullptr && req->has_param(name) ? req->get_param_value(name) : value;
    f.hint_key = hint;
    form.Add(std::move(f));
  };
  add("seats.members", "field_seats_per_area_members", "number", "1");
  add("seats.deputies", "field_seats_per_area_deputies", "number", "1");
  add("deadline", "deadline", "date", "", "hint_date");
  add("covering_message", "covering_message", "textarea", "");
  add("keha_diary_number", "keha_diary_number", "text", "");
  return form;
}

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

// `send` or `comment`: the refused form to show again (at most one of them).
void RenderNetwork(Page& page, int status, const nw::GetNetworkResponse& net, const Form* send,
                   const Form* comment = nullptr) {
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
    item.set("created", FormatTime(c.created_unix_us()));
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
  (comment != nullptr ? comment_form : form).PutSummary(d);
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

void EditNetworkPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  const bool open = net->network().status() == nw::NETWORK_STATUS_OPEN;
  Form form = NetworkForm(page->t(), net->network().definition(), open, {});
  RenderNetworkForm(*page, 200, "network_edit", "/networks/" + UrlEncode(code) + "/edit", form);
}

void UpdateNetwork(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  const bool open = net->network().status() == nw::NETWORK_STATUS_OPEN;
  std::vector<std::string> bad;
  nw::NetworkDefinition def = DefinitionFromForm(req, &bad);
  Form form = NetworkForm(page->t(), def, open, Param(req, "reason"));
  const std::string action = "/networks/" + UrlEncode(code) + "/edit";
  for (const std::string& name : bad) form.AddFieldError(name, "err_not_a_number");
  if (form.has_errors()) return RenderNetworkForm(*page, 422, "network_edit", action, form);
  nw::UpdateNetworkRequest ur;
  *ur.mutable_definition() = def;
  ur.set_reason(Param(req, "reason"));
  nw::NetworkResponse reply;
  if (Status st = page->Call("networks", ur, &reply); !st.ok()) {
    form.AddErrors(st);
    return RenderNetworkForm(*page, 422, "network_edit", action, form);
  }
  Redirect(res, "/networks/" + UrlEncode(code) + "?done=saved");
}

// propose / open / close / cancel.
void NetworkLifecycle(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  const std::string step = req.matches[2];
  nw::NetworkResponse reply;
  Status st;
  if (step == "propose") {
    nw::ProposeNetworkRequest r;
    r.set_network_code(code);
    st = page->Call("networks", r, &reply);
  } else if (step == "open") {
    nw::OpenNetworkRequest r;
    r.set_network_code(code);
    st = page->Call("networks", r, &reply);
  } else if (step == "close") {
    nw::CloseNetworkRequest r;
    r.set_network_code(code);
    r.set_reason(Param(req, "reason"));
    st = page->Call("networks", r, &reply);
  } else {
    nw::CancelNetworkRequest r;
    r.set_network_code(code);
    r.set_reason(Param(req, "reason"));
    st = page->Call("networks", r, &reply);
  }
  if (st.ok()) return Redirect(res, "/networks/" + UrlEncode(code) + "?done=" + step);
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  if (st.code() == ErrorCode::kInvalidArgument && st.field() != "reason") {
    // What is missing is in the definition: show it in the edit form.
    const bool open = net->network().status() == nw::NETWORK_STATUS_OPEN;
    Form form = NetworkForm(page->t(), net->network().definition(), open, {});
    form.AddErrors(st);
    return RenderNetworkForm(*page, 422, "network_edit", "/networks/" + UrlEncode(code) + "/edit",
                             form);
  }
  Form form = SendForm(page->t(), nullptr);
  form.AddErrors(st);
  RenderNetwork(*page, 422, *net, &form);
}

void SendRequest(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  Form form = SendForm(page->t(), &req);
  nm::SendRequestRequest sr;
  sr.set_network_code(code);
  std::vector<std::string> chosen = Params(req, "area");
  if (Param(req, "all_areas") == "1") {
    // Every area that has not declined: declined areas stay excluded.
    chosen.clear();
    if (auto net = LoadNetwork(*page, code)) {
      std::set<std::string> declined;
      for (const nw::ParticipationRow& row : net->participation()) {
        if (row.current().decision() == nw::PARTICIPATION_DECISION_DECLINES) {
          declined.insert(row.area_code());
        }
      }
      for (const std::string& a : LoadAreas(ctx, page->actor(), page->frame.lang).codes) {
        if (!declined.count(a)) chosen.push_back(a);
      }
    } else {
      return;
    }
  }
  for (const std::string& a : chosen) sr.add_area_codes(a);
  auto members = ParseUint(Param(req, "seats.members"));
  auto deputies = ParseUint(Param(req, "seats.deputies"));
  if (!members) form.AddFieldError("seats.members", "err_not_a_number");
  if (!deputies) form.AddFieldError("seats.deputies", "err_not_a_number");
  if (chosen.empty()) form.AddFieldError("", "err_choose_areas");
  if (!form.has_errors()) {
    sr.mutable_seats()->set_members(*members);
    sr.mutable_seats()->set_deputies(*deputies);
    sr.set_deadline(Param(req, "deadline"));
    sr.set_covering_message(Param(req, "covering_message"));
    sr.set_keha_diary_number(Param(req, "keha_diary_number"));
    nm::SendRequestResponse reply;
    Status st = page->Call("nominations", sr, &reply);
    if (st.ok()) return Redirect(res, "/networks/" + UrlEncode(code) + "/matrix?done=sent");
    form.AddErrors(st);
  }
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  RenderNetwork(*page, 422, *net, &form);
}

// The matrix page (or its CSV when `csv`); `error` (a refused withdraw or
// extend) goes into its error summary.
void RenderMatrix(Page& page, const std::string& code, bool csv, int status, const Status& error) {
  GatewayContext& ctx = page.ctx;
  nm::NetworkMatrixRequest mr;
  mr.set_network_code(code);
  nm::NetworkMatrixResponse matrix;
  if (Status st = page.Call("nominations", mr, &matrix); !st.ok()) return page.ServiceError(st);
  if (csv) {
    page.res.set_header("Content-Disposition", "attachment; filename=\"" + code + "-matrix.csv\"");
    page.res.set_content(matrix.csv(), "text/csv; charset=utf-8");
    return;
  }
  const Catalogue& t = page.t();
  const AreaNames areas = LoadAreas(ctx, page.actor(), page.frame.lang);
  const auto names = NetworkNames(ctx, page.actor(), page.frame.lang);
  Data rows = List();
  for (const nm::MatrixRow& row : matrix.rows()) {
    Data r = Object();
    r.set("area", areas.Name(row.area_code()));
    const bool has_case = row.has_latest_case();
    const nm::Case& c = row.latest_case();
    r.set("state", t.Get(has_case ? StateKey(c.state()) : "state_none"));
    r.set("deadline", c.deadline());
    r.set("diary", c.registration().diary_number());
    r.set("case_id", c.case_id());
    r.set("undecided", page.role() == Role::kKehaCoordinator && has_case &&
                           (c.state() == nm::CASE_STATE_AWAITING_REGISTRATION ||
                            c.state() == nm::CASE_STATE_REGISTERED));
    Data members = List();
    for (const nm::Membership& m : row.active_memberships()) {
      members.push_back(MemberData(t, m, areas));
    }
    r.set("members", members);
    rows.push_back(r);
  }
  Data d = Object();
  d.set("code", code);
  d.set("name", Lookup(names, code));
  d.set("rows", rows);
  Form form(t);
  form.AddErrors(error);
  form.PutSummary(d);
  page.Html(status, "matrix_title", "matrix", d);
}

void MatrixPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator, Role::kAdmin, Role::kObserver});
  if (!page) return;
  const bool csv = req.path.size() > 4 && req.path.compare(req.path.size() - 4, 4, ".csv") == 0;
  RenderMatrix(*page, req.matches[1], csv, 200, Status::Ok());
}

// withdraw / extend.
void CaseKeha(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string id = req.matches[1];
  const std::string step = req.matches[2];
  nm::CaseResponse reply;
  Status st;
  if (step == "withdraw") {
    nm::WithdrawCaseRequest r;
    r.set_case_id(id);
    r.set_reason(Param(req, "reason"));
    st = page->Call("nominations", r, &reply);
  } else {
    nm::ExtendDeadlineRequest r;
    r.set_case_id(id);
    r.set_deadline(Param(req, "deadline"));
    st = page->Call("nominations", r, &reply);
  }
  if (!st.ok()) {
    // Back to the case's network's matrix, with the refusal in its summary.
    nm::GetCaseRequest gr;
    gr.set_case_id(id);
    nm::CaseResponse found;
    if (!page->Call("nominations", gr, &found).ok()) return page->ServiceError(st);
    return RenderMatrix(*page, found.case_().network_code(), false, 422, st);
  }
  Redirect(res, "/networks/" + UrlEncode(reply.case_().network_code()) + "/matrix?done=" + step);
}

// ---------------------------------------------------------------------------
// Registry clerk
// ---------------------------------------------------------------------------

Form RegisterForm(const Catalogue& t, const std::string& today, const std::string& case_id,
                  const Request* req) {
  Form form(t);
  auto add = [&](const std::string& name, const std::string& label, const std::string& type,
                 const std::string& value, const std::string& hint = {}) {
    Field f;
    f.name = name;
    f.label_key = label;
    f.type = type;
    f.value = req != nullptr && req->has_param(name) ? req->get_param_value(name) : value;
    f.hint_key = hint;
    f.required = true;
    f.id_prefix = case_id + "-";
    form.Add(std::move(f));
  };
  add("diary_number", "diary_number", "text", "");
  add("date_received", "date_received", "date", today, "hint_date");
  add("organisation", "organisation", "text", "");
  return form;
}

// The registry page; `failed` (the refused register form of `failed_case`)
// goes into the page's error summary even when the inbox does not list that
// case (e.g. another area's): every refusal shows its message.
void RenderRegistry(Page& page, int status, const std::string& failed_case, const Form* failed) {
  nm::CaseListResponse inbox;
  if (Status st = page.Call("nominations", nm::RegistryInboxRequest(), &inbox); !st.ok()) {
    return page.ServiceError(st);
  }
  const Catalogue& t = page.t();
  const auto names = NetworkNames(page.ctx, page.actor(), page.frame.lang);
  Data cases = List();
  Data d = Object();
  for (const nm::Case& c : inbox.cases()) {
    Data item = Object();
    item.set("case_id", c.case_id());
    item.set("network", Lookup(names, c.network_code()));
    item.set("seats", SeatsText(t, c.seats().members(), c.seats().deputies()));
    item.set("deadline", c.deadline());
    item.set("sent_by", c.sent().name());
    item.set("sent_at", FormatTime(c.sent().at_unix_us()));
    if (!c.covering_message().empty()) item.set("covering_message", c.covering_message());
    if (failed != nullptr && c.case_id() == failed_case) {
      item.set("fields", failed->AllFields());
    } else {
      item.set("fields", RegisterForm(t, page.Today(), c.case_id(), nullptr).AllFields());
    }
    cases.push_back(item);
  }
  d.set("cases", cases);
  const Form none(t);
  (failed != nullptr ? *failed : none).PutSummary(d);
  page.Html(status, "registry_title", "registry", d);
}

void RegistryPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kRegistryClerk});
  if (!page) return;
  RenderRegistry(*page, 200, {}, nullptr);
}

void RegisterCase(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kRegistryClerk});
  if (!page) return;
  const std::string id = req.matches[1];
  nm::RegisterCaseRequest r;
  r.set_case_id(id);
  r.set_diary_number(Param(req, "diary_number"));
  r.set_date_received(Param(req, "date_received"));
  r.set_organisation(Param(req, "organisation"));
  Form form = RegisterForm(page->t(), page->Today(), id, &req);
  form.RequireFilled();  // names every missing field at once
  if (form.has_errors()) return RenderRegistry(*page, 422, id, &form);
  nm::CaseResponse reply;
  if (Status st = page->Call("nominations", r, &reply); !st.ok()) {
    form.AddErrors(st);
    return RenderRegistry(*page, 422, id, &form);
  }
  Redirect(res, "/registry?done=registered");
}

Form LogForm(Page& page, const Request* req) {
  const Catalogue& t = page.t();
  Form form(t);
  auto add = [&](const std::string& name, const std::string& label, const std::string& type,
                 const std::string& value, bool required = false,
                 const std::string& hint = {}) -> Field& {
    Field f;
    f.name = name;
    f.label_key = label;
    f.type = type;
    f.value = req != nullptr && req->has_param(name) ? req->get_param_value(name) : value;
    f.hint_key = hint;
    f.required = required;
    return form.Add(std::move(f));
  };
  Field& network = add("network_code", "network", "select", "", true);
  nw::ListNetworksRequest lr;
  lr.set_status(nw::NETWORK_STATUS_OPEN);
  nw::ListNetworksResponse list;
  if (page.Call("networks", lr, &list).ok()) {
    for (const nw::Network& n : list.networks()) {
      network.options.emplace_back(n.definition().code(), "");
    }
  }
  Field& channel = add("channel", "channel", "select", "email", true);
  channel.options = {
      {"email", "channel_email"}, {"letter", "channel_letter"}, {"other", "channel_other"}};
  add("sender", "sender", "text", "", true);
  add("subject", "subject", "text", "", true);
  add("date_received", "date_received", "date", page.Today(), true, "hint_date");
  add("diary_number", "diary_number", "text", "", true);
  add("organisation", "organisation", "text", "", true);
  add("seats.members", "field_seats_per_area_members", "number", "1");
  add("seats.deputies", "field_seats_per_area_deputies", "number", "0");
  add("deadline", "deadline", "date", "", false, "hint_date");
  return form;
}

void RenderLog(Page& page, int status, Form& form) {
  Data d = Object();
  Data fields = form.AllFields();
  // Network options show the network's name, not a message key.
  const auto names = NetworkNames(page.ctx, page.actor(), page.frame.lang);
  Data fixed = List();
  for (const Data& f : fields.list_value()) {
    Data copy = f;
    if (copy.get("select") != nullptr && copy.get("name")->string_value() == "network_code") {
      Data options = List();
      for (const Data& o : copy.get("options")->list_value()) {
        Data option = o;
        option.set("label", Lookup(names, o.get("value")->string_value()));
        options.push_back(option);
      }
      copy.set("options", options);
    }
    fixed.push_back(copy);
  }
  d.set("fields", fixed);
  form.PutSummary(d);
  page.Html(status, "registry_log_title", "registry_log", d);
}

void RegistryLogPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kRegistryClerk});
  if (!page) return;
  Form form = LogForm(*page, nullptr);
  RenderLog(*page, 200, form);
}

void LogIncoming(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kRegistryClerk});
  if (!page) return;
  Form form = LogForm(*page, &req);
  nm::LogIncomingRequestRequest r;
  r.set_network_code(Param(req, "network_code"));
  r.set_area_code(page->actor().area.value());
  const std::string channel = Param(req, "channel");
  r.set_channel(channel == "letter"  ? nm::CHANNEL_LETTER
                : channel == "other" ? nm::CHANNEL_OTHER
                                     : nm::CHANNEL_EMAIL);
  r.set_sender(Param(req, "sender"));
  r.set_subject(Param(req, "subject"));
  r.set_date_received(Param(req, "date_received"));
  r.set_diary_number(Param(req, "diary_number"));
  r.set_organisation(Param(req, "organisation"));
  r.set_deadline(Param(req, "deadline"));
  form.RequireFilled();  // names every missing field at once
  auto members = ParseUint(Param(req, "seats.members"));
  auto deputies = ParseUint(Param(req, "seats.deputies"));
  if (!members) form.AddFieldError("seats.members", "err_not_a_number");
  if (!deputies) form.AddFieldError("seats.deputies", "err_not_a_number");
  if (!form.has_errors()) {
    r.mutable_seats()->set_members(*members);
    r.mutable_seats()->set_deputies(*deputies);
    nm::CaseResponse reply;
    Status st = page->Call("nominations", r, &reply);
    if (st.ok()) return Redirect(res, "/registry/journal?done=logged");
    form.AddErrors(st);
  }
  RenderLog(*page, 422, form);
}

// One CSV field, quoted when needed; a leading formula character is defused.
std::string CsvField(std::string s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s = "'" + s;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void JournalPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kRegistryClerk});
  if (!page) return;
  const std::string q = Param(req, "q");
  nm::RegistryJournalRequest jr;
  jr.set_search(q);
  nm::CaseListResponse journal;
  if (Status st = page->Call("nominations", jr, &journal); !st.ok()) return page->ServiceError(st);
  const Catalogue& t = page->t();
  const auto names = NetworkNames(ctx, page->actor(), page->frame.lang);
  if (req.path == "/registry/journal.csv") {
    std::string csv =
        "diary_number,date_received,network_code,channel,sender,subject,state,case_id\r\n";
    for (const nm::Case& c : journal.cases()) {
      const nm::Registration& r = c.registration();
      csv += CsvField(r.diary_number()) + "," + CsvField(r.date_received()) + "," +
             CsvField(c.network_code()) + "," + CsvField(ChannelKey(r.channel()).substr(8)) + "," +
             CsvField(r.sender()) + "," + CsvField(r.subject()) + "," +
             CsvField(StateKey(c.state()).substr(6)) + "," + CsvField(c.case_id()) + "\r\n";
    }
    res.set_header("Content-Disposition", "attachment; filename=\"journal.csv\"");
    res.set_content(csv, "text/csv; charset=utf-8");
    return;
  }
  Data cases = List();
  for (const nm::Case& c : journal.cases()) {
    Data item = Object();
    item.set("diary", c.registration().diary_number());
    item.set("date_received", c.registration().date_received());
    item.set("network", Lookup(names, c.network_code()));
    item.set("channel", t.Get(ChannelKey(c.registration().channel())));
    item.set("sender", c.registration().sender());
    item.set("state", t.Get(StateKey(c.state())));
    cases.push_back(item);
  }
  Data d = Object();
  d.set("q", q);
  d.set("q_url", UrlEncode(q));
  d.set("cases", cases);
  page->Html(200, "journal_title", "journal", d);
}

// ---------------------------------------------------------------------------
// Director and deputy
// ---------------------------------------------------------------------------

void DirectorPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  nm::CaseListResponse inbox;
  if (Status st = page->Call("nominations", nm::DirectorInboxRequest(), &inbox); !st.ok()) {
    return page->ServiceError(st);
  }
  const Catalogue& t = page->t();
  const auto names = NetworkNames(ctx, page->actor(), page->frame.lang);
  Data cases = List();
  for (const nm::Case& c : inbox.cases()) {
    Data item = Object();
    item.set("case_id", c.case_id());
    item.set("network", Lookup(names, c.network_code()));
    item.set("diary", c.registration().diary_number());
    item.set("seats", SeatsText(t, c.seats().members(), c.seats().deputies()));
    item.set("deadline", c.deadline());
    item.set("overdue", c.overdue());
    cases.push_back(item);
  }
  Data d = Object();
  d.set("cases", cases);
  d.set("has_cases", inbox.cases_size() > 0);
  page->Html(200, "director_title", "director", d);
}

uint32_t NomineeRows(const nm::Case& c) {
  const uint32_t n = c.seats().members() + c.seats().deputies();
  return n == 0 ? 1 : n;
}

std::string NomineeField(uint32_t i, const std::string& part) {
  return "nominees[" + std::to_string(i) + "]." + part;
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

// The case `id` if the user may see it: KEHA, admin and observers see every
// case; the area's registry, director and deputy only their area's.
std::optional<nm::CaseResponse> LoadCase(Page& page, const std::string& id) {
  nm::GetCaseRequest gr;
  gr.set_case_id(id);
  nm::CaseResponse reply;
  Status st = page.Call("nominations", gr, &reply);
  const Role role = page.role();
  const bool everyone =
      role == Role::kKehaCoordinator || role == Role::kAdmin || role == Role::kObserver;
  if (st.ok() && !everyone && reply.case_().area_code() != page.actor().area.value()) {
    st = Status::NotFound("no case " + id);
  }
  if (st.ok() && !everyone && role != Role::kRegistryClerk && !IsLeader(role)) {
    st = Status::NotFound("no case " + id);
  }
  if (!st.ok()) {
    page.ServiceError(st);
    return std::nullopt;
  }
  return reply;
}

void RenderCase(Page& page, int status, const nm::CaseResponse& reply, const Form* form) {
  const Catalogue& t = page.t();
  const nm::Case& c = reply.case_();
  const AreaNames areas = LoadAreas(page.ctx, page.actor(), page.frame.lang);
  const auto names = NetworkNames(page.ctx, page.actor(), page.frame.lang);
  Data d = Object();
  d.set("case_id", c.case_id());
  d.set("network", Lookup(names, c.network_code()));
  d.set("area", areas.Name(c.area_code()));
  d.set("state", t.Get(StateKey(c.state())));
  d.set("seats", SeatsText(t, c.seats().members(), c.seats().deputies()));
  d.set("deadline", c.deadline());
  d.set("diary", c.registration().diary_number());
  if (!c.covering_message().empty()) d.set("covering_message", c.covering_message());
  if (!c.decision().reason().empty()) d.set("decline_reason", c.decision().reason());
  Data members = List();
  for (const nm::Membership& m : reply.memberships_started()) {
    members.push_back(MemberData(t, m, areas));
  }
  d.set("has_members", reply.memberships_started_size() > 0);
  d.set("members", members);
  const bool decidable = IsLeader(page.role()) && c.state() == nm::CASE_STATE_REGISTERED &&
                         c.area_code() == page.actor().area.value();
  d.set("decidable", decidable);
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
  f.PutSummary(d);
  page.Html(status, "case_title", "case", d);
}

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
  if (step == "approve") {
    nm::ApproveCaseRequest r;
    r.set_case_id(id);
    for (uint32_t i = 0; i < NomineeRows(c); ++i) {
      if (Param(req, NomineeField(i, "name")).empty()) continue;
      nm::Nominee* n = r.add_nominees();
      n->set_name(Param(req, NomineeField(i, "name")));
      n->set_title(Param(req, NomineeField(i, "title")));
      n->set_email(Param(req, NomineeField(i, "email")));
      n->set_municipality(Param(req, NomineeField(i, "municipality")));
      n->set_seat(Param(req, NomineeField(i, "seat")) == "deputy" ? nm::SEAT_KIND_DEPUTY
                                                                  : nm::SEAT_KIND_MEMBER);
      n->set_language(Param(req, NomineeField(i, "language")));
    }
    st = page->Call("nominations", r, &reply);
  } else {
    nm::DeclineCaseRequest r;
    r.set_case_id(id);
    r.set_reason(Param(req, "reason"));
    st = page->Call("nominations", r, &reply);
  }
  if (st.ok()) return Redirect(res, "/cases/" + UrlEncode(id) + "?done=" + step + "d");
  Form form = ApproveForm(page->t(), c, &req);
  form.AddErrors(st);
  RenderCase(*page, 422, *current, &form);
}

// The area page; `error` (a refused participation decision) goes into its error summary.
void RenderArea(Page& page, int status, const Status& error) {
  GatewayContext& ctx = page.ctx;
  const Catalogue& t = page.t();
  const std::string area = page.actor().area.value();
  nw::ListNetworksResponse list;
  if (Status st = page.Call("networks", nw::ListNetworksRequest(), &list); !st.ok()) {
    return page.ServiceError(st);
  }
  Data networks = List();
  for (const nw::Network& n : list.networks()) {
    if (n.status() != nw::NETWORK_STATUS_PROPOSED && n.status() != nw::NETWORK_STATUS_OPEN) {
      continue;
    }
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
  const AreaNames areas = LoadAreas(ctx, page.actor(), page.frame.lang);
  const auto names = NetworkNames(ctx, page.actor(), page.frame.lang);
  nm::ListMembershipsRequest mr;
  mr.set_area_code(area);
  nm::ListMembershipsResponse memberships;
  Data members = List();
  if (page.Call("nominations", mr, &memberships).ok()) {
    for (const nm::Membership& m : memberships.memberships()) {
      Data item = MemberData(t, m, areas);
      item.set("network", Lookup(names, m.network_code()));
      members.push_back(item);
    }
  }
  nw::GetBurdenRequest br;
  br.set_area_code(area);
  nw::GetBurdenResponse burden;
  Data lines = List();
  if (page.Call("networks", br, &burden).ok()) {
    for (const nw::BurdenLine& l : burden.lines()) {
      Data item = Object();
      item.set("network", Lookup(names, l.network_code()));
      item.set("seats", std::to_string(l.seats()));
      item.set("meetings", std::to_string(l.meetings_per_year()));
      item.set("hours", Tenths(l.hours_per_meeting_tenths(), page.frame.lang));
      item.set("year", Tenths(l.hours_per_year_tenths(), page.frame.lang));
      lines.push_back(item);
    }
  }
  Data d = Object();
  d.set("networks", networks);
  d.set("memberships", members);
  d.set("burden", lines);
  d.set("burden_year", Tenths(burden.hours_per_year_tenths(), page.frame.lang));
  d.set("burden_month", Tenths(burden.hours_per_month_tenths(), page.frame.lang));
  Form form(t);
  form.AddErrors(error);
  form.PutSummary(d);
  page.Html(status, "area_title", "area", d);
}

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

// ---------------------------------------------------------------------------
// Everyone: the notifications inbox
// ---------------------------------------------------------------------------

void InboxPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  nt::ListInboxRequest lr;
  lr.set_limit(100);
  nt::ListInboxResponse inbox;
  if (Status st = page->Call("notifications", lr, &inbox); !st.ok()) return page->ServiceError(st);
  Data items = List();
  for (const nt::InboxItem& i : inbox.items()) {
    Data item = Object();
    item.set("id", i.id());
    item.set("subject", i.subject());
    item.set("body", i.body_text());
    item.set("created", FormatTime(i.created_unix_us()));
    if (!i.link().empty() && i.link()[0] == '/') item.set("link", SafeBack(i.link()));
    item.set("read", i.read());
    items.push_back(item);
  }
  Data d = Object();
  d.set("items", items);
  d.set("has_items", inbox.items_size() > 0);
  d.set("unread", std::to_string(inbox.unread_count()));
  page->Html(200, "inbox_title", "inbox", d);
}

void MarkRead(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  nt::MarkReadRequest r;
  for (const std::string& id : Params(req, "id")) r.add_ids(id);
  r.set_all(Param(req, "all") == "1");
  nt::MarkReadResponse reply;
  if (Status st = page->Call("notifications", r, &reply); !st.ok()) return page->ServiceError(st);
  Redirect(res, "/inbox?done=read");
}

// ---------------------------------------------------------------------------
// Nominee self-service: my memberships, my contact, asking to resign
// ---------------------------------------------------------------------------

Form ContactForm(const Catalogue& t, const nm::ListMyMembershipsResponse& mine,
                 const Request* req) {
  nm::Nominee current;
  for (const nm::MyMembership& m : mine.memberships()) {
    if (m.membership().ended().empty()) {
      current = m.membership().person();
      break;
    }
  }
  Form form(t);
  auto value = [&](const std::string& name, const std::string& fallback) {
    return req != nullptr && req->has_param(name) ? req->get_param_value(name) : fallback;
  };
  form.Add(Field{
      "title", "my_title", "text", value("title", current.title()), "", false, "", {}, "contact"});
  form.Add(Field{"email",
                 "my_email",
                 "email",
                 value("email", current.email()),
                 "hint_my_email",
                 false,
                 "email",
                 {},
                 "contact"});
  form.Add(Field{
      "language",
      "my_language",
      "select",
      value("language", current.language()),
      "",
      false,
      "",
      {{"", "my_language_area"}, {"fi", "my_lang_fi"}, {"sv", "my_lang_sv"}, {"en", "my_lang_en"}},
      "contact"});
  return form;
}

Form ResignForm(const Catalogue& t, const std::string& membership_id, const Request* req) {
  Form form(t);
  Field reason{"reason", "resign_reason",          "textarea", "", "hint_resign_reason", true, "",
               {},       "resign-" + membership_id};
  if (req != nullptr) reason.value = req->get_param_value("reason");
  form.Add(std::move(reason));
  return form;
}

std::string DateOf(int64_t unix_us) { return unix_us == 0 ? std::string() : FormatTime(unix_us); }

// The page; `contact` / `resign` carry a failed form (resign for `failed_id`).
void RenderMyMemberships(Page& page, int status, const Form* contact, const std::string& failed_id,
                         const Form* resign) {
  nm::ListMyMembershipsResponse mine;
  if (Status st = page.Call("nominations", nm::ListMyMembershipsRequest(), &mine); !st.ok()) {
    return page.ServiceError(st);
  }
  const Catalogue& t = page.t();
  Data items = List();
  bool any_current = false;
  for (const nm::MyMembership& mm : mine.memberships()) {
    const nm::Membership& m = mm.membership();
    Data item = Object();
    item.set("membership_id", m.membership_id());
    const std::string name = page.frame.lang == "sv" && !mm.network_name_sv().empty()
                                 ? mm.network_name_sv()
                             : !mm.network_name_fi().empty() ? mm.network_name_fi()
                                                             : m.network_code();
    item.set("network", name);
    item.set("network_code", m.network_code());
    item.set("seat", t.Get(SeatKey(m.person().seat())));
    item.set("diary", m.diary_number());
    item.set("decided_by", m.decided().name());
    if (!m.decided().on_behalf_of().empty()) item.set("on_behalf_of", m.decided().on_behalf_of());
    item.set("decided_at", DateOf(m.decided().at_unix_us()));
    item.set("term", mm.term_start() + " – " + mm.term_end());
    item.set("started", m.started());
    Data goals = List();
    for (const std::string& g : mm.goals()) goals.push_back(Data(g));
    item.set("goals", goals);
    item.set("has_goals", mm.goals_size() > 0);
    const bool current = m.ended().empty();
    any_current = any_current || current;
    item.set("current", current);
    if (!current) {
      item.set("ended", m.ended());
      item.set("end_reason", t.Get("end_reason_" + m.end_reason()));
    }
    const bool pending = mm.resignation_request().state() == nm::RESIGNATION_REQUEST_STATE_PENDING;
    if (pending)
      item.set("pending_since", DateOf(mm.resignation_request().requested().at_unix_us()));
    if (current && !pending) {
      item.set("resign_fields", resign != nullptr && failed_id == m.membership_id()
                                    ? resign->AllFields()
                                    : ResignForm(t, m.membership_id(), nullptr).AllFields());
      item.set("can_resign", true);
    }
    items.push_back(item);
  }
  Data d = Object();
  d.set("memberships", items);
  d.set("has_memberships", mine.memberships_size() > 0);
  d.set("any_current", any_current);
  const Form contact_form = ContactForm(t, mine, nullptr);
  d.set("contact_fields", (contact != nullptr ? *contact : contact_form).AllFields());
  const Form none(t);
  (contact != nullptr ? *contact : resign != nullptr ? *resign : none).PutSummary(d);
  page.Html(status, "my_memberships_title", "my_memberships", d);
}

void MyMembershipsPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kNominee});
  if (!page) return;
  RenderMyMemberships(*page, 200, nullptr, {}, nullptr);
}

void CorrectMyContact(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kNominee});
  if (!page) return;
  nm::CorrectMyContactRequest r;
  r.set_title(Param(req, "title"));
  r.set_email(Param(req, "email"));
  r.set_language(Param(req, "language"));
  nm::CorrectMyContactResponse reply;
  if (Status st = ChangeMyContact(ctx, page->actor(), r, &reply); !st.ok()) {
    Form form = ContactForm(page->t(), {}, &req);
    form.AddErrors(st);
    return RenderMyMemberships(*page, 422, &form, {}, nullptr);
  }
  Redirect(res, "/me/memberships?done=contact");
}

void AskToResign(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kNominee});
  if (!page) return;
  const std::string id = req.matches[1];
  nm::RequestResignationRequest r;
  r.set_membership_id(id);
  r.set_reason(Param(req, "reason"));
  Form form = ResignForm(page->t(), id, &req);
  form.RequireFilled();
  if (form.has_errors()) return RenderMyMemberships(*page, 422, nullptr, id, &form);
  nm::ResignationRequestResponse reply;
  if (Status st = page->Call("nominations", r, &reply); !st.ok()) {
    form.AddErrors(st);
    return RenderMyMemberships(*page, 422, nullptr, id, &form);
  }
  Redirect(res, "/me/memberships?done=resign_requested");
}

// The leadership: pending resignation requests, each with a form recording it.
void RenderResignations(Page& page, int status, const std::string& failed_id, const Form* failed) {
  nm::PendingResignationsResponse pending;
  if (Status st = page.Call("nominations", nm::PendingResignationsRequest(), &pending); !st.ok()) {
    return page.ServiceError(st);
  }
  const Catalogue& t = page.t();
  const auto names = NetworkNames(page.ctx, page.actor(), page.frame.lang);
  Data items = List();
  for (const nm::ResignationRequest& r : pending.requests()) {
    Data item = Object();
    item.set("membership_id", r.membership_id());
    item.set("network", Lookup(names, r.network_code()));
    item.set("person", r.person().name());
    item.set("title", r.person().title());
    item.set("email", r.person().email());
    item.set("reason", r.reason());
    item.set("requested_at", DateOf(r.requested().at_unix_us()));
    if (failed != nullptr && failed_id == r.membership_id()) {
      item.set("fields", failed->AllFields());
    } else {
      Form form(t);
      form.Add(Field{"date",
                     "resignation_date",
                     "date",
                     page.Today(),
                     "hint_date",
                     true,
                     "",
                     {},
                     "record-" + r.membership_id()});
      form.Add(Field{"reason",
                     "resignation_note",
                     "text",
                     r.reason(),
                     "",
                     false,
                     "",
                     {},
                     "record-" + r.membership_id()});
      item.set("fields", form.AllFields());
    }
    items.push_back(item);
  }
  Data d = Object();
  d.set("requests", items);
  d.set("has_requests", pending.requests_size() > 0);
  const Form none(t);
  (failed != nullptr ? *failed : none).PutSummary(d);
  page.Html(status, "resignations_title", "resignations", d);
}

void ResignationsPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  RenderResignations(*page, 200, {}, nullptr);
}

void RecordResignation(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  const std::string id = req.matches[1];
  Form form(page->t());
  form.Add(Field{"date",
                 "resignation_date",
                 "date",
                 Param(req, "date"),
                 "hint_date",
                 true,
                 "",
                 {},
                 "record-" + id});
  form.Add(Field{"reason",
                 "resignation_note",
                 "text",
                 Param(req, "reason"),
                 "",
                 false,
                 "",
                 {},
                 "record-" + id});
  form.RequireFilled();
  if (form.has_errors()) return RenderResignations(*page, 422, id, &form);
  nm::RecordResignationRequest r;
  r.set_membership_id(id);
  r.set_date(Param(req, "date"));
  r.set_reason(Param(req, "reason"));
  nm::MembershipResponse reply;
  if (Status st = page->Call("nominations", r, &reply); !st.ok()) {
    form.AddErrors(st);
    return RenderResignations(*page, 422, id, &form);
  }
  Redirect(res, "/director/resignations?done=resignation_recorded");
}

}  // namespace

void HttplibErrorPage(GatewayContext& ctx, const Request& req, Response& res) {
  Page page{ctx, req, res, MakeFrame(ctx, req)};
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

bool IsApiPath(const std::string& path) {
  return path == "/api/v1" || path.rfind("/api/v1/", 0) == 0;
}

// Case ids are "<request id>.<area code>"; the case patterns also take the
// legacy "<request id>/<area code>" of links in e-mails sent before.
const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = {
      {"GET", "/", CataloguePage},
      {"GET", "/login", LoginPage},
      {"GET", "/lang", LangSwitch},
      {"GET", "/static/style.css", StyleSheet},
      {"GET", "/networks", NetworksPage},
      {"GET", "/networks/new", NewNetworkPage},
      {"POST", "/networks/new", CreateNetwork},
      {"GET", R"(/networks/([A-Za-z0-9_-]+))", NetworkPage},
      {"GET", R"(/networks/([A-Za-z0-9_-]+)/edit)", EditNetworkPage},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/edit)", UpdateNetwork},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/(propose|open|close|cancel))", NetworkLifecycle},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/send)", SendRequest},
      {"POST", R"(/networks/([A-Za-z0-9_-]+)/comments)", AddComment},
      {"GET", R"(/networks/([A-Za-z0-9_-]+)/matrix(?:\.csv)?)", MatrixPage},
      {"POST", R"(/cases/([A-Za-z0-9_:./-]+)/(withdraw|extend))", CaseKeha},
      {"GET", "/registry", RegistryPage},
      {"POST", R"(/cases/([A-Za-z0-9_:./-]+)/register)", RegisterCase},
      {"GET", "/registry/log", RegistryLogPage},
      {"POST", "/registry/log", LogIncoming},
      {"GET", R"(/registry/journal(?:\.csv)?)", JournalPage},
      {"GET", "/director", DirectorPage},
      {"GET", R"(/cases/([A-Za-z0-9_:./-]+))", CasePage},
      {"POST", R"(/cases/([A-Za-z0-9_:./-]+)/(approve|decline))", DecideCase},
      {"GET", "/area", AreaPage},
      {"POST", "/area/participation", DecideParticipation},
      {"GET", "/inbox", InboxPage},
      {"POST", "/inbox/read", MarkRead},
      {"GET", "/me/memberships", MyMembershipsPage},
      {"POST", "/me/contact", CorrectMyContact},
      {"POST", R"(/me/memberships/([A-Za-z0-9_:.-]+)/resign)", AskToResign},
      {"GET", "/director/resignations", ResignationsPage},
      {"POST", R"(/director/resignations/([A-Za-z0-9_:.-]+)/record)", RecordResignation},
  };
  return kRoutes;
}

}  // namespace verkosto::gateway::web
