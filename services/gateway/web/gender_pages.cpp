#include "gateway/web/gender_pages.h"

#include "gateway/web/handlers.h"
#include "gateway/web/network_pages.h"
#include "gateway/web/render.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::gateway::web {

namespace nm = ::verkosto::nominations::v1;

bool ShowsGender(Role role) { return role == Role::kKehaCoordinator || IsLeader(role); }

Field GenderField(const std::string& name, const httplib::Request* req) {
  Field f;
  f.name = name;
  f.label_key = "nominee_gender";
  f.type = "select";
  f.hint_key = "hint_nominee_gender";
  f.options = {{"", "gender_not_stated"}, {"woman", "gender_woman"}, {"man", "gender_man"}};
  if (req != nullptr && req->has_param(name)) f.value = req->get_param_value(name);
  return f;
}

Result<nm::Gender> ParseGender(const std::string& value, const std::string& field) {
  if (value.empty() || value == "not_stated") return nm::GENDER_UNSPECIFIED;
  if (value == "woman") return nm::GENDER_WOMAN;
  if (value == "man") return nm::GENDER_MAN;
  return Status::InvalidArgument(field, "must be woman, man or not stated");
}

std::string GenderText(const Catalogue& t, nm::Gender gender) {
  switch (gender) {
    case nm::GENDER_WOMAN:
      return t.Get("gender_woman");
    case nm::GENDER_MAN:
      return t.Get("gender_man");
    default:
      return t.Get("gender_not_stated");
  }
}

namespace {

std::string VerdictText(const Catalogue& t, nm::BalanceVerdict verdict) {
  switch (verdict) {
    case nm::BALANCE_VERDICT_MEETS:
      return t.Get("balance_meets");
    case nm::BALANCE_VERDICT_BREAKS:
      return t.Get("balance_breaks");
    case nm::BALANCE_VERDICT_CANNOT_BE_ASSESSED:
      return t.Get("balance_cannot_be_assessed");
    default:
      return t.Get("balance_empty");
  }
}

Data GroupRow(const Catalogue& t, const std::string& label_key, const nm::GroupBalance& g) {
  Data row = Object();
  row.set("group", t.Get(label_key));
  row.set("women", std::to_string(g.women()) + " (" + std::to_string(g.women_percent()) + " %)");
  row.set("men", std::to_string(g.men()) + " (" + std::to_string(g.men_percent()) + " %)");
  row.set("not_stated",
          std::to_string(g.not_stated()) + " (" + std::to_string(g.not_stated_percent()) + " %)");
  row.set("total", std::to_string(g.total()));
  row.set("required", std::to_string(g.required_each()));
  row.set("verdict", VerdictText(t, g.verdict()));
  return row;
}

}  // namespace

void PutGenderBalance(Page& page, const std::string& network_code, Data& d) {
  if (!ShowsGender(page.role())) return;
  nm::GenderBalanceRequest request;
  request.set_network_code(network_code);
  nm::GenderBalanceResponse reply;
  if (!page.Call("nominations", request, &reply).ok()) return;
  const Catalogue& t = page.t();
  Data balance = Object();
  Data rows = List();
  rows.push_back(GroupRow(t, "balance_members", reply.members()));
  rows.push_back(GroupRow(t, "balance_deputies", reply.deputies()));
  balance.set("rows", rows);
  balance.set("verdict", VerdictText(t, reply.verdict()));
  balance.set("breaks", reply.verdict() == nm::BALANCE_VERDICT_BREAKS);
  balance.set("cannot_assess", reply.verdict() == nm::BALANCE_VERDICT_CANNOT_BE_ASSESSED);
  d.set("balance", balance);
}

bool BodyBreaksBalance(Page& page, const std::string& network_code) {
  nm::GenderBalanceRequest request;
  request.set_network_code(network_code);
  nm::GenderBalanceResponse reply;
  if (!page.Call("nominations", request, &reply).ok()) return false;
  return reply.verdict() == nm::BALANCE_VERDICT_BREAKS;
}

Field ExceptionReasonField(const std::string& name, const httplib::Request* req) {
  Field f;
  f.name = name;
  f.label_key = "balance_exception_reason";
  f.type = "textarea";
  f.hint_key = "hint_balance_exception_reason";
  f.required = true;
  f.id_prefix = "balance-";
  if (req != nullptr) f.value = Param(*req, name);
  return f;
}

void RecordGenderException(GatewayContext& ctx, const httplib::Request& req,
                           httplib::Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  Form form(page->t());
  form.Add(ExceptionReasonField("reason", &req));
  form.RequireFilled();  // nothing is sent without the reasons
  if (!form.has_errors()) {
    networks::v1::RecordGenderBalanceExceptionRequest r;
    r.set_network_code(code);
    r.set_reason(Param(req, "reason"));
    networks::v1::NetworkResponse reply;
    const Status st = page->Call("networks", r, &reply);
    if (st.ok()) return Redirect(res, "/networks/" + UrlEncode(code) + "?done=gender_exception");
    form.AddErrors(st);
  }
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  RenderNetwork(*page, 422, *net, nullptr, nullptr, nullptr, &form);
}

}  // namespace verkosto::gateway::web
