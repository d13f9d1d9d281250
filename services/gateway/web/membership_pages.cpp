// One membership's page, and the changes of members on it (issue 17): the
// area's leadership replaces its member by naming the successor or recalls
// them; KEHA asks the area to name a successor (a replacement request). The
// nominations service decides who may: the page shows each form to the role
// that can use it and shows the service's refusal like any form error.
#include "core/case_ids.h"
#include "gateway/web/forms.h"
#include "gateway/web/gender_pages.h"
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

namespace {

// "<case id>.<n>" -> "<case id>"; the id as it is when it has no '.'.
std::string CaseOf(const std::string& membership_id) {
  const std::string id = UpgradeLegacyId(membership_id);
  const size_t dot = id.rfind('.');
  return dot == std::string::npos ? id : id.substr(0, dot);
}

struct Loaded {
  nm::Case deciding_case;
  nm::Membership membership;
};

// The membership `id` as the nominations service shows it to the user,
// through the case that started it (the service decides who sees it), or
// nullopt after answering with the error.
std::optional<Loaded> LoadMembership(Page& page, const std::string& id) {
  nm::GetCaseRequest gr;
  gr.set_case_id(CaseOf(id));
  nm::CaseResponse reply;
  if (Status st = page.Call("nominations", gr, &reply); !st.ok()) {
    page.ServiceError(st);
    return std::nullopt;
  }
  for (const nm::Membership& m : reply.memberships_started()) {
    if (m.membership_id() == UpgradeLegacyId(id)) return Loaded{reply.case_(), m};
  }
  page.ServiceError(Status::NotFound("no membership '" + id + "'"));
  return std::nullopt;
}

Field Input(const std::string& name, const std::string& label_key, const std::string& prefix,
            bool required, const std::string& type = "text") {
  Field f;
  f.name = name;
  f.label_key = label_key;
  f.type = type;
  f.required = required;
  f.id_prefix = prefix;
  return f;
}

// The leadership's replacement: the successor, the reason, the diary number.
Form ReplaceForm(const Catalogue& t, const Request* req) {
  Form form(t);
  form.Add(Refilled(Input("successor.name", "nominee_name", "replace-", true), req));
  form.Add(Refilled(Input("successor.title", "nominee_title", "replace-", true), req));
  form.Add(Refilled(Input("successor.email", "nominee_email", "replace-", true, "email"), req));
  form.Add(
      Refilled(Input("successor.municipality", "nominee_municipality", "replace-", true), req));
  Field language = Input("successor.language", "nominee_language", "replace-", false, "select");
  language.hint_key = "hint_nominee_language";
  language.options = {{"", "nominee_language_default"},
                      {"fi", "nominee_language_fi"},
                      {"sv", "nominee_language_sv"},
                      {"en", "nominee_language_en"}};
  form.Add(Refilled(language, req));
  // Equality Act 4 a § (issue 19): the successor's gender, as on the approval.
  Field gender = GenderField("successor.gender", req);
  gender.id_prefix = "replace-";
  form.Add(std::move(gender));
  form.Add(Refilled(Input("reason", "member_change_reason", "replace-", true, "textarea"), req));
  Field diary = Input("diary_number", "member_change_diary", "replace-", true);
  diary.hint_key = "hint_member_change_diary";
  form.Add(Refilled(diary, req));
  return form;
}

Form RecallForm(const Catalogue& t, const Request* req) {
  Form form(t);
  form.Add(Refilled(Input("reason", "member_change_reason", "recall-", true, "textarea"), req));
  return form;
}

// KEHA's request to the area to name a successor.
Form ReplacementRequestForm(const Catalogue& t, const Request* req) {
  Form form(t);
  Field deadline = Input("deadline", "deadline", "replacement-", true, "date");
  deadline.hint_key = "hint_date";
  form.Add(Refilled(deadline, req));
  form.Add(Refilled(Input("covering_message", "covering_message", "replacement-", true, "textarea"),
                    req));
  form.Add(Refilled(Input("keha_diary_number", "keha_diary_number", "replacement-", false), req));
  return form;
}

// Which form failed (if any) and with which fields.
struct Failed {
  std::string step;  // replace, recall, replacement
  const Form* form = nullptr;
};

void RenderMembership(Page& page, int status, const Loaded& loaded, const Failed& failed) {
  const Catalogue& t = page.t();
  const nm::Membership& m = loaded.membership;
  const std::string area = CaseAreaName(loaded.deciding_case, page.frame.lang);
  Data d = MemberData(t, m, area);
  d.set("membership_id", m.membership_id());
  d.set("case_id", m.case_id());
  d.set("network", CaseNetworkName(loaded.deciding_case, page.frame.lang));
  d.set("diary", m.diary_number());
  d.set("decided_by", m.decided().name());
  const bool active = m.ended().empty();
  d.set("active", active);
  if (!active) {
    d.set("ended", ShowDate(m.ended(), page.frame.lang));
    d.set("end_reason", t.Get("end_reason_" + messaging::EnumShortName(m.end_reason())));
    if (!m.end_note().empty()) d.set("end_note", m.end_note());
  }
  // The forms for the roles that may use them; the service still decides.
  const bool leadership = IsLeader(page.role()) && page.actor().area.value() == m.area_code();
  const bool keha = page.role() == Role::kKehaCoordinator;
  d.set("may_change", active && leadership);
  d.set("may_request_replacement", active && keha);
  const Form replace =
      failed.step == "replace" && failed.form != nullptr ? *failed.form : ReplaceForm(t, nullptr);
  const Form recall =
      failed.step == "recall" && failed.form != nullptr ? *failed.form : RecallForm(t, nullptr);
  const Form replacement = failed.step == "replacement" && failed.form != nullptr
                               ? *failed.form
                               : ReplacementRequestForm(t, nullptr);
  d.set("replace_fields", replace.AllFields());
  d.set("recall_fields", recall.AllFields());
  d.set("replacement_fields", replacement.AllFields());
  const Form none(t);
  (failed.form != nullptr ? *failed.form : none).PutSummary(d);
  page.Html(status, "membership_title", "membership", d);
}

}  // namespace

void MembershipPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  auto loaded = LoadMembership(*page, req.matches[1]);
  if (!loaded) return;
  RenderMembership(*page, 200, *loaded, {});
}

void ChangeMembership(GatewayContext& ctx, const Request& req, Response& res) {
  auto page =
      Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy, Role::kKehaCoordinator});
  if (!page) return;
  const std::string id = req.matches[1];
  const std::string step = req.matches[2];
  auto loaded = LoadMembership(*page, id);
  if (!loaded) return;
  const Catalogue& t = page->t();
  Form form = step == "replace"  ? ReplaceForm(t, &req)
              : step == "recall" ? RecallForm(t, &req)
                                 : ReplacementRequestForm(t, &req);
  form.RequireFilled();
  const std::string deadline = step == "replacement" ? DateParam(req, "deadline", form) : "";
  Status st;
  std::string to = "/memberships/" + UrlEncode(id);
  if (!form.has_errors()) {
    if (step == "replace") {
      nm::ReplaceMemberRequest r;
      r.set_membership_id(id);
      nm::Nominee* n = r.mutable_successor();
      n->set_name(Param(req, "successor.name"));
      n->set_title(Param(req, "successor.title"));
      n->set_email(Param(req, "successor.email"));
      n->set_municipality(Param(req, "successor.municipality"));
      n->set_seat(loaded->membership.person().seat());  // the replaced member's seat
      r.set_reason(Param(req, "reason"));
      r.set_diary_number(Param(req, "diary_number"));
      Result<common::v1::Language> language =
          messaging::ParseProtoLanguage(Param(req, "successor.language"), "successor.language");
      nm::CaseResponse reply;
      Result<nm::Gender> gender = ParseGender(Param(req, "successor.gender"), "successor.gender");
      st = !language.ok() ? language.status() : !gender.ok() ? gender.status() : Status::Ok();
      if (st.ok()) {
        n->set_language(*language);
        n->set_gender(*gender);
        st = page->Call("nominations", r, &reply);
      }
      if (st.ok() && reply.memberships_started_size() > 0) {
        to = "/memberships/" + UrlEncode(reply.memberships_started(0).membership_id());
      }
    } else if (step == "recall") {
      nm::RecallMemberRequest r;
      r.set_membership_id(id);
      r.set_reason(Param(req, "reason"));
      nm::MembershipResponse reply;
      st = page->Call("nominations", r, &reply);
    } else {
      nm::RequestReplacementRequest r;
      r.set_membership_id(id);
      r.set_deadline(deadline);
      r.set_covering_message(Param(req, "covering_message"));
      r.set_keha_diary_number(Param(req, "keha_diary_number"));
      nm::CaseResponse reply;
      st = page->Call("nominations", r, &reply);
      if (st.ok()) to = "/cases/" + UrlEncode(reply.case_().case_id());
    }
    if (st.ok()) return Redirect(res, to + "?done=member_" + step);
    form.AddErrors(st);
  }
  RenderMembership(*page, 422, *loaded, {step, &form});
}

}  // namespace verkosto::gateway::web
