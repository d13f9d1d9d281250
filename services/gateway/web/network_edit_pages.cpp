// KEHA's network form: creating and editing a network's definition, and the
// lifecycle steps (propose, open, close, cancel) whose refusals show in it.
#include "core/text.h"
#include "gateway/web/forms.h"
#include "gateway/web/gender_pages.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/network_pages.h"
#include "gateway/web/page.h"
#include "gateway/web/plan_form.h"
#include "gateway/web/render.h"
#include "locale/user_date.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::gateway::web {

namespace nw = ::verkosto::networks::v1;
using httplib::Request;
using httplib::Response;

namespace {

const std::vector<std::string> kBasics = {
    "code",  "names.fi",         "names.sv",          "names.en",   "kind",
    "owner", "responsible.name", "responsible.email", "description"};
const std::vector<std::string> kGoalsTerm = {"goals", "term.start_date", "term.end_date"};
const std::vector<std::string> kPlan = {
    "communication_plan.audiences",        "communication_plan.channels",
    "communication_plan.cadence",          "communication_plan.responsible",
    "communication_plan.notes_every_days", "communication_plan.responsible_email"};
const std::vector<std::string> kCadenceSeats = {
    "cadence.meetings_per_year", "cadence.hours_per_meeting_tenths", "seats_per_area.members",
    "seats_per_area.deputies"};

// The network form, filled from `def`.
Form NetworkForm(const Catalogue& t, const nw::NetworkDefinition& def, bool with_reason,
                 const std::string& reason) {
  Form form(t);
  auto field = [&form](const std::string& name, const std::string& value, bool required = false,
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
  field("code", def.code(), true, "text", "hint_code");
  field("names.fi", def.names().fi(), true);
  field("names.sv", def.names().sv());
  field("names.en", def.names().en());
  Field kind;
  kind.name = "kind";
  kind.label_key = "field_kind";
  kind.type = "select";
  kind.value = KindValue(def.kind());
  for (const char* k : {"network", "sub_committee", "working_group", "advisory_board"}) {
    kind.options.emplace_back(k, std::string("kind_") + k);
  }
  form.Add(kind);
  field("owner", def.owner().empty() ? "KEHA-keskus" : def.owner(), true);
  field("responsible.name", def.responsible().name());
  field("responsible.email", def.responsible().email(), false, "email");
  field("description", def.description(), false, "textarea");
  field("goals", text::Join(def.goals(), "\n"), false, "textarea", "hint_one_per_line");
  field("term.start_date", def.term().start_date(), false, "date", "hint_date");
  field("term.end_date", def.term().end_date(), false, "date", "hint_date");
  const nw::CommunicationPlan& plan = def.communication_plan();
  field("communication_plan.audiences", text::Join(plan.audiences(), "\n"), false, "textarea",
        "hint_one_per_line");
  field("communication_plan.channels", text::Join(plan.channels(), "\n"), false, "textarea",
        "hint_one_per_line");
  field("communication_plan.cadence", plan.cadence());
  field("communication_plan.responsible", plan.responsible());
  field("communication_plan.notes_every_days", std::to_string(plan.notes_every_days()), false,
        "number", "hint_notes_every_days");
  field("communication_plan.responsible_email", plan.responsible_email(), false, "email",
        "hint_plan_responsible_email");
  field("cadence.meetings_per_year", std::to_string(def.cadence().meetings_per_year()), false,
        "number");
  field("cadence.hours_per_meeting_tenths",
        Tenths(def.cadence().hours_per_meeting_tenths(), t.language()), false, "text",
        "hint_hours");
  field("seats_per_area.members", std::to_string(def.seats_per_area().members()), false, "number");
  field("seats_per_area.deputies", std::to_string(def.seats_per_area().deputies()), false,
        "number");
  if (with_reason) field("reason", reason, true, "text", "hint_change_reason");
  return form;
}

// The message of a field DefinitionFromForm put into `bad`: a date that is
// not one (the term's), or a number that is not one.
std::string BadFieldKey(const std::string& name) {
  return name == "term.start_date" || name == "term.end_date" ? "err_date_invalid"
                                                              : "err_not_a_number";
}

// Reads the network form; fields that are not numbers, or dates that are not
// dates (d.m.yyyy or ISO, converted to ISO), go into `bad`.
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
  for (const std::string& g : text::NonBlankLines(Param(req, "goals"))) def.add_goals(g);
  for (const char* name : {"term.start_date", "term.end_date"}) {
    const std::string typed = Param(req, name);
    const std::optional<std::string> iso = locale::ParseUserDate(typed);
    if (!typed.empty() && !iso) bad->push_back(name);
    const std::string value = iso ? *iso : typed;
    if (std::string_view(name) == "term.start_date") {
      def.mutable_term()->set_start_date(value);
    } else {
      def.mutable_term()->set_end_date(value);
    }
  }
  nw::CommunicationPlan* plan = def.mutable_communication_plan();
  for (const std::string& a : text::NonBlankLines(Param(req, "communication_plan.audiences"))) {
    plan->add_audiences(a);
  }
  for (const std::string& c : text::NonBlankLines(Param(req, "communication_plan.channels"))) {
    plan->add_channels(c);
  }
  plan->set_cadence(Param(req, "communication_plan.cadence"));
  plan->set_responsible(Param(req, "communication_plan.responsible"));
  plan->set_responsible_email(Param(req, "communication_plan.responsible_email"));
  ReadPlanTargets(req, plan);
  auto number = [&](const std::string& name, auto setter) {
    if (auto v = ParseUint(Param(req, name))) {
      setter(*v);
    } else {
      bad->push_back(name);
    }
  };
  if (!Param(req, "communication_plan.notes_every_days").empty()) {
    number("communication_plan.notes_every_days",
           [&](uint32_t v) { plan->set_notes_every_days(v); });
  }
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
                       const std::string& action, const Form& form,
                       const nw::NetworkDefinition& def) {
  Data d = Object();
  d.set("plan_table", PlanTableData(page.t(), def.communication_plan()));
  d.set("action", action);
  d.set("basics", form.Fields(kBasics));
  d.set("goals_term", form.Fields(kGoalsTerm));
  d.set("plan", form.Fields(kPlan));
  d.set("cadence_seats", form.Fields(kCadenceSeats));
  Data reason = form.Fields({"reason"});
  if (!reason.is_empty_list()) d.set("change_reason", reason);
  Data exception = form.Fields({kExceptionReasonField});  // issue 19: equality
  if (!exception.is_empty_list()) d.set("gender_exception", exception);
  form.PutSummary(d);
  page.Html(status, title_key, "network_form", d);
}

}  // namespace

void NewNetworkPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  nw::NetworkDefinition def;
  def.mutable_seats_per_area()->set_members(1);
  def.mutable_seats_per_area()->set_deputies(1);
  Form form = NetworkForm(page->t(), def, false, {});
  RenderNetworkForm(*page, 200, "network_new", "/networks/new", form, def);
}

void CreateNetwork(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  std::vector<std::string> bad;
  nw::NetworkDefinition def = DefinitionFromForm(req, &bad);
  Form form = NetworkForm(page->t(), def, false, {});
  for (const std::string& name : bad) form.AddFieldError(name, BadFieldKey(name));
  if (!form.has_errors()) {
    nw::CreateNetworkRequest cr;
    *cr.mutable_definition() = def;
    nw::NetworkResponse reply;
    Status st = page->Call("networks", cr, &reply);
    if (st.ok()) return Redirect(res, "/networks/" + UrlEncode(def.code()) + "?done=created");
    form.AddErrors(st);
  }
  RenderNetworkForm(*page, 422, "network_new", "/networks/new", form, def);
}

void EditNetworkPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  const bool open = net->network().status() == nw::NETWORK_STATUS_OPEN;
  Form form = NetworkForm(page->t(), net->network().definition(), open, {});
  RenderNetworkForm(*page, 200, "network_edit", "/networks/" + UrlEncode(code) + "/edit", form,
                    net->network().definition());
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
  for (const std::string& name : bad) form.AddFieldError(name, BadFieldKey(name));
  if (form.has_errors()) return RenderNetworkForm(*page, 422, "network_edit", action, form, def);
  nw::UpdateNetworkRequest ur;
  *ur.mutable_definition() = def;
  ur.set_reason(Param(req, "reason"));
  nw::NetworkResponse reply;
  if (Status st = page->Call("networks", ur, &reply); !st.ok()) {
    form.AddErrors(st);
    return RenderNetworkForm(*page, 422, "network_edit", action, form, def);
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
                             form, net->network().definition());
  }
  Form form = SendForm(page->t(), nullptr);
  form.AddErrors(st);
  RenderNetwork(*page, 422, *net, &form);
}

// --- renewal (issue 17): the same form, the current definition to review ---

nw::NetworkDefinition DefinitionFromRequest(const Request& req, std::vector<std::string>* bad) {
  return DefinitionFromForm(req, bad);
}

void RenderRenewForm(Page& page, int status, const std::string& code,
                     const nw::NetworkDefinition& def, const std::vector<std::string>* bad,
                     const Status& error) {
  Form form = NetworkForm(page.t(), def, true, Param(page.req, "reason"));
  // Issue 19 (Equality Act 4 a §): renewing a body that breaks the 40 %
  // rule asks for the special reasons, recorded with the renewal.
  if (BodyBreaksBalance(page, code)) {
    form.Add(ExceptionReasonField(kExceptionReasonField, &page.req));
  }
  if (bad != nullptr) {
    for (const std::string& name : *bad) form.AddFieldError(name, BadFieldKey(name));
  }
  if (!error.ok()) form.AddErrors(error);
  RenderNetworkForm(page, status, "network_renew", "/networks/" + UrlEncode(code) + "/renew", form,
                    def);
}

}  // namespace verkosto::gateway::web
