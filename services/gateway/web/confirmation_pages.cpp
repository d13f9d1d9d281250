// Renewal of a network for a new term (issue 17, item 3): KEHA's renewal form
// (the current definition to review) and confirmation requests, and the
// leadership's answer per sitting member on a confirmation case's page.
#include "gateway/web/confirmation_pages.h"

#include <map>
#include <string>
#include <vector>

#include "gateway/web/gender_pages.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/network_pages.h"
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

std::string AnswerName(const std::string& membership, const std::string& part) {
  return "answers[" + membership + "]" + (part.empty() ? "" : "." + part);
}

}  // namespace

Form ConfirmationsForm(const Catalogue& t, const Request* req) {
  Form form(t);
  auto add = [&](Field f) {
    f.id_prefix = "confirm-";
    if (req != nullptr && req->has_param(f.name)) f.value = req->get_param_value(f.name);
    form.Add(std::move(f));
  };
  add({.name = "deadline",
       .label_key = "deadline",
       .type = "date",
       .hint_key = "hint_date",
       .required = true});
  add({.name = "covering_message", .label_key = "covering_message", .type = "textarea"});
  return form;
}

Form ConfirmationForm(const Catalogue& t, const nm::Case& c, const Request* req) {
  Form form(t);
  auto add = [&](Field f) {
    if (req != nullptr && req->has_param(f.name)) f.value = req->get_param_value(f.name);
    form.Add(std::move(f));
  };
  for (const nm::SittingMember& m : c.sitting()) {
    const std::string& id = m.membership_id();
    for (const char* part : {"name", "title", "email", "municipality"}) {
      add({.name = AnswerName(id, std::string("successor.") + part),
           .label_key = std::string("successor_") + part,
           .type = std::string(part) == "email" ? "email" : "text"});
    }
    // Equality Act 4 a § (issue 19): the successor's gender, as on the approval.
    form.Add(GenderField(AnswerName(id, "successor.gender"), req));
    add({.name = AnswerName(id, "reason"),
         .label_key = "confirmation_reason",
         .type = "textarea",
         .hint_key = "hint_confirmation_reason"});
  }
  return form;
}

void PutConfirmation(const Catalogue& t, const nm::Case& c, bool may_decide, const Form* form,
                     const Request* req, Data& d) {
  const bool confirmation = c.kind() == nm::CASE_KIND_CONFIRMATION;
  d.set("confirmation", confirmation);
  if (!confirmation) return;
  d.set("next_term_start", ShowDate(c.next_term_start(), t.language()));
  d.set("next_term_end", ShowDate(c.next_term_end(), t.language()));
  d.set("confirmation_decidable", may_decide);
  const Form fresh = ConfirmationForm(t, c, nullptr);
  const Form& f = form != nullptr ? *form : fresh;
  std::map<std::string, std::string> answered;  // membership -> its decided answer
  for (const nm::ConfirmationAnswer& a : c.decision().answers()) {
    answered[a.membership_id()] =
        t.Get(a.choice() == nm::CONFIRMATION_CHOICE_CONFIRM   ? "confirmation_confirm"
              : a.choice() == nm::CONFIRMATION_CHOICE_REPLACE ? "confirmation_replace"
                                                              : "confirmation_end");
  }
  Data rows = List();
  int n = 0;
  for (const nm::SittingMember& m : c.sitting()) {
    const std::string& id = m.membership_id();
    Data row = Object();
    row.set("n", std::to_string(++n));
    row.set("membership_id", id);
    row.set("name", m.name());
    row.set("title", m.title());
    row.set("seat", t.Get(m.seat() == nm::SEAT_KIND_DEPUTY ? "seat_deputy" : "seat_member"));
    row.set("choice_name", AnswerName(id, "choice"));
    const std::string chosen = req != nullptr ? Param(*req, AnswerName(id, "choice")) : "";
    row.set("confirm_checked", chosen == "confirm");
    row.set("replace_checked", chosen == "replace");
    row.set("end_checked", chosen == "end");
    row.set("successor_fields",
            f.Fields({AnswerName(id, "successor.name"), AnswerName(id, "successor.title"),
                      AnswerName(id, "successor.email"), AnswerName(id, "successor.municipality"),
                      AnswerName(id, "successor.gender")}));
    row.set("reason_fields", f.Fields({AnswerName(id, "reason")}));
    if (auto it = answered.find(id); it != answered.end()) row.set("answer", it->second);
    rows.push_back(row);
  }
  d.set("sitting", rows);
}

void RenewNetworkPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  RenderRenewForm(*page, 200, code, net->network().definition(), nullptr, {});
}

void RenewNetwork(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  std::vector<std::string> bad;
  nw::NetworkDefinition def = DefinitionFromRequest(req, &bad);
  def.set_code(code);
  nw::RenewNetworkRequest r;
  *r.mutable_definition() = def;
  r.set_reason(Param(req, "reason"));
  Status st;
  // Issue 19 (Equality Act 4 a §): a body that breaks the 40 % rule is
  // renewed only with the special reasons, which are recorded with it.
  const std::string exception = Param(req, kExceptionReasonField);
  if (BodyBreaksBalance(*page, code)) {
    if (exception.find_first_not_of(" \t\r\n") == std::string::npos) {
      st = Status::InvalidArgument(kExceptionReasonField,
                                   "is required: the body does not meet the 40 % rule");
    }
    r.set_gender_balance_exception_reason(exception);
  }
  if (bad.empty() && st.ok()) {
    nw::NetworkResponse reply;
    st = page->Call("networks", r, &reply);
    if (st.ok()) return Redirect(res, "/networks/" + UrlEncode(code) + "?done=renewed");
  }
  RenderRenewForm(*page, 422, code, def, &bad, st);
}

void SendConfirmations(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string code = req.matches[1];
  Form form = ConfirmationsForm(page->t(), &req);
  form.RequireFilled();
  const std::string deadline = DateParam(req, "deadline", form);
  if (!form.has_errors()) {
    nm::SendConfirmationRequestsRequest r;
    r.set_network_code(code);
    r.set_deadline(deadline);
    r.set_covering_message(Param(req, "covering_message"));
    nm::SendRequestResponse reply;
    const Status st = page->Call("nominations", r, &reply);
    if (st.ok())
      return Redirect(res, "/networks/" + UrlEncode(code) + "/matrix?done=confirmations");
    form.AddErrors(st);
  }
  auto net = LoadNetwork(*page, code);
  if (!net) return;
  RenderNetwork(*page, 422, *net, nullptr, nullptr, &form);
}

Status DecideConfirmationFromForm(Page& page, const Request& req, const nm::Case& c,
                                  nm::CaseResponse* reply) {
  nm::DecideConfirmationRequest r;
  r.set_case_id(c.case_id());
  for (const nm::SittingMember& m : c.sitting()) {
    const std::string& id = m.membership_id();
    const std::string choice = Param(req, AnswerName(id, "choice"));
    if (choice.empty()) continue;  // the service names the unanswered member
    nm::ConfirmationAnswer* a = r.add_answers();
    a->set_membership_id(id);
    a->set_choice(choice == "confirm"   ? nm::CONFIRMATION_CHOICE_CONFIRM
                  : choice == "replace" ? nm::CONFIRMATION_CHOICE_REPLACE
                  : choice == "end"     ? nm::CONFIRMATION_CHOICE_END
                                        : nm::CONFIRMATION_CHOICE_UNSPECIFIED);
    a->set_reason(Param(req, AnswerName(id, "reason")));
    if (a->choice() == nm::CONFIRMATION_CHOICE_REPLACE) {
      nm::Nominee* s = a->mutable_successor();
      s->set_name(Param(req, AnswerName(id, "successor.name")));
      s->set_title(Param(req, AnswerName(id, "successor.title")));
      s->set_email(Param(req, AnswerName(id, "successor.email")));
      s->set_municipality(Param(req, AnswerName(id, "successor.municipality")));
      s->set_seat(m.seat() == nm::SEAT_KIND_DEPUTY ? nm::SEAT_KIND_DEPUTY : nm::SEAT_KIND_MEMBER);
      VERKOSTO_ASSIGN_OR_RETURN(nm::Gender gender,
                                ParseGender(Param(req, AnswerName(id, "successor.gender")),
                                            AnswerName(id, "successor.gender")));
      s->set_gender(gender);
    }
  }
  return page.Call("nominations", r, reply);
}

}  // namespace verkosto::gateway::web
