// The area's leadership on cases: the director's desk of registered cases, a
// case's page (for everyone the nominations service lets see it) and the
// decision on it.
#include "gateway/web/case_history_pages.h"
#include "gateway/web/confirmation_pages.h"
#include "gateway/web/forms.h"
#include "gateway/web/gender_pages.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/letter_pages.h"
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
    item.set("deadline", ShowDate(c.deadline(), page->frame.lang));
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

// The nominee of the form's row `i` (the approval's and the paper answer's
// rows): name, title, e-mail, municipality, seat and gender (issue 19;
// invalid_argument naming the row's field for a gender the form never offers).
Status ReadNomineeRow(const Request& req, uint32_t i, nm::Nominee* n) {
  n->set_name(Param(req, NomineeField(i, "name")));
  n->set_title(Param(req, NomineeField(i, "title")));
  n->set_email(Param(req, NomineeField(i, "email")));
  n->set_municipality(Param(req, NomineeField(i, "municipality")));
  n->set_seat(Param(req, NomineeField(i, "seat")) == "deputy" ? nm::SEAT_KIND_DEPUTY
                                                              : nm::SEAT_KIND_MEMBER);
  VERKOSTO_ASSIGN_OR_RETURN(nm::Gender gender, ParseGender(Param(req, NomineeField(i, "gender")),
                                                           NomineeField(i, "gender")));
  n->set_gender(gender);
  return Status::Ok();
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
    for (const char* part :
         {"name", "title", "email", "municipality", "seat", "language", "gender"}) {
      if (std::string(part) == "gender") {
        form.Add(GenderField(NomineeField(i, part), req));  // issue 19: equality
        continue;
      }
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

// KEHA's record of an area's answer that came on paper (issue 17): how it
// came, the area's decision, diary number, date and decider, the nominees
// (as the approval form's rows) or the decline's reason.
Form PaperForm(const Catalogue& t, const nm::Case& c, const Request* req) {
  Form form(t);
  const std::string prefix = "paper-";
  auto add = [&](Field f) {
    f.id_prefix = prefix;
    if (req != nullptr && req->has_param(f.name)) f.value = req->get_param_value(f.name);
    form.Add(std::move(f));
  };
  add({.name = "channel",
       .label_key = "paper_channel",
       .type = "select",
       .value = "letter",
       .required = true,
       .options = {
           {"letter", "channel_letter"}, {"email", "channel_email"}, {"other", "channel_other"}}});
  add({.name = "approved",
       .label_key = "paper_decision",
       .type = "select",
       .value = "approve",
       .required = true,
       .options = {{"approve", "paper_approve"}, {"decline", "paper_decline"}}});
  add({.name = "diary_number", .label_key = "paper_diary", .required = true});
  add({.name = "decision_date",
       .label_key = "paper_decision_date",
       .type = "date",
       .hint_key = "hint_date",
       .required = true});
  add({.name = "decided_by",
       .label_key = "paper_decided_by",
       .hint_key = "hint_paper_decided_by",
       .required = true});
  add({.name = "organisation", .label_key = "paper_organisation"});
  for (uint32_t i = 0; i < NomineeRows(c); ++i) {
    for (const char* part : {"name", "title", "email", "municipality", "seat", "gender"}) {
      if (std::string(part) == "gender") {
        add(GenderField(NomineeField(i, part), req));  // issue 19: equality
        continue;
      }
      Field f;
      f.name = NomineeField(i, part);
      f.label_key = std::string("nominee_") + part;
      f.type = std::string(part) == "email" ? "email" : "text";
      if (std::string(part) == "seat") {
        f.type = "select";
        f.options = {{"member", "seat_member"}, {"deputy", "seat_deputy"}};
        f.value = i < c.seats().members() ? "member" : "deputy";
      }
      add(std::move(f));
    }
  }
  add({.name = "reason",
       .label_key = "decline_reason",
       .type = "textarea",
       .hint_key = "hint_paper_reason"});
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

void RenderCase(Page& page, int status, const nm::CaseResponse& reply, const Form* form,
                const Form* paper = nullptr, const Form* confirmation = nullptr) {
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
  d.set("deadline", ShowDate(c.deadline(), page.frame.lang));
  d.set("diary", c.registration().diary_number());
  // Issue 18: KEHA's diary number is shown to the area too, and the history.
  d.set("keha_diary", c.keha_diary_number());
  PutCaseHistory(page, c.case_id(), d);
  PutCaseLetters(page, c.case_id(), c.area_code(), d);  // issue 19: letters
  if (!c.covering_message().empty()) d.set("covering_message", c.covering_message());
  if (!c.decision().reason().empty()) d.set("decline_reason", c.decision().reason());
  // Issue 17: a decision recorded from paper says so, and a replacement the
  // area's leadership started itself.
  const nm::Channel channel = c.decision().channel();
  if (c.has_decision() && channel != nm::CHANNEL_UNSPECIFIED && channel != nm::CHANNEL_SYSTEM) {
    d.set("from_paper", true);
    d.set("decision_channel", t.Get("channel_" + messaging::EnumShortName(channel)));
    d.set("decision_date", ShowDate(c.decision().decision_date(), page.frame.lang));
    d.set("decided_at_area", c.decision().decided_at_area());
  }
  d.set("started_by_area", c.started_by_area());
  // Issue 19 (Equality Act 4 a §): the request asked for a woman and a man;
  // the nominees' gender for KEHA and the area's leadership only (the
  // service blanks it for everyone else).
  d.set("ask_woman_and_man", c.ask_woman_and_man());
  const bool show_gender = ShowsGender(page.role());
  d.set("show_gender", show_gender);
  Data members = List();
  for (const nm::Membership& m : reply.memberships_started()) {
    Data member = MemberData(t, m, area);
    member.set("membership_id", m.membership_id());
    if (show_gender) member.set("gender", GenderText(t, m.person().gender()));
    members.push_back(member);
  }
  d.set("has_members", reply.memberships_started_size() > 0);
  d.set("members", members);
  // Whether the user may decide it now is the service's answer. A
  // confirmation case is decided per sitting member instead (issue 17).
  const bool confirming = c.kind() == nm::CASE_KIND_CONFIRMATION;
  d.set("decidable", reply.may_decide() && !confirming);
  PutConfirmation(t, c, reply.may_decide(), confirmation,
                  confirmation != nullptr ? &page.req : nullptr, d);
  Form fresh = ApproveForm(t, c, nullptr);
  const Form& f = form != nullptr ? *form : fresh;
  Data rows = List();
  for (uint32_t i = 0; i < NomineeRows(c); ++i) {
    Data row = Object();
    row.set("n", std::to_string(i + 1));
    row.set("fields",
            f.Fields({NomineeField(i, "name"), NomineeField(i, "title"), NomineeField(i, "email"),
                      NomineeField(i, "municipality"), NomineeField(i, "seat"),
                      NomineeField(i, "language"), NomineeField(i, "gender")}));
    rows.push_back(row);
  }
  d.set("nominee_rows", rows);
  d.set("decline_fields", f.Fields({"reason"}));
  // KEHA records an area's answer that came on paper while the case is open.
  const bool open =
      c.state() == nm::CASE_STATE_AWAITING_REGISTRATION || c.state() == nm::CASE_STATE_REGISTERED;
  d.set("paper_answerable", open && !confirming && page.role() == Role::kKehaCoordinator);
  const Form fresh_paper = PaperForm(t, c, nullptr);
  const Form& pf = paper != nullptr ? *paper : fresh_paper;
  d.set("paper_fields", pf.Fields({"channel", "approved", "diary_number", "decision_date",
                                   "decided_by", "organisation"}));
  Data paper_rows = List();
  for (uint32_t i = 0; i < NomineeRows(c); ++i) {
    Data row = Object();
    row.set("n", std::to_string(i + 1));
    row.set("fields", pf.Fields({NomineeField(i, "name"), NomineeField(i, "title"),
                                 NomineeField(i, "email"), NomineeField(i, "municipality"),
                                 NomineeField(i, "seat"), NomineeField(i, "gender")}));
    paper_rows.push_back(row);
  }
  d.set("paper_nominee_rows", paper_rows);
  d.set("paper_reason_fields", pf.Fields({"reason"}));
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
  (confirmation != nullptr ? *confirmation : paper != nullptr ? *paper : f).PutSummary(d);
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
      st = ReadNomineeRow(req, i, n);
      if (!st.ok()) {
        rows.clear();  // the status names the form's row already
        break;
      }
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

void PaperAnswer(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kKehaCoordinator});
  if (!page) return;
  const std::string id = req.matches[1];
  auto current = LoadCase(*page, id);
  if (!current) return;
  const nm::Case& c = current->case_();
  Form form = PaperForm(page->t(), c, &req);
  form.RequireFilled();
  nm::RecordPaperAnswerRequest r;
  r.set_case_id(id);
  const std::string channel = Param(req, "channel");
  r.set_channel(channel == "letter"  ? nm::CHANNEL_LETTER
                : channel == "email" ? nm::CHANNEL_EMAIL
                : channel == "other" ? nm::CHANNEL_OTHER
                                     : nm::CHANNEL_UNSPECIFIED);
  r.set_approved(Param(req, "approved") != "decline");
  r.set_diary_number(Param(req, "diary_number"));
  r.set_decision_date(DateParam(req, "decision_date", form));
  r.set_decided_by(Param(req, "decided_by"));
  r.set_organisation(Param(req, "organisation"));
  r.set_reason(Param(req, "reason"));
  std::vector<uint32_t> rows;  // the form row of each nominee sent
  if (r.approved()) {
    for (uint32_t i = 0; i < NomineeRows(c); ++i) {
      if (Param(req, NomineeField(i, "name")).empty()) continue;
      rows.push_back(i);
      if (Status gst = ReadNomineeRow(req, i, r.add_nominees()); !gst.ok()) {
        form.AddErrors(gst);  // names the form's row already
        break;
      }
    }
  }
  if (!form.has_errors()) {
    nm::CaseResponse reply;
    const Status st = page->Call("nominations", r, &reply);
    if (st.ok()) return Redirect(res, "/cases/" + UrlEncode(id) + "?done=paper_answer");
    form.AddErrors(InFormRows(st, rows));
  }
  RenderCase(*page, 422, *current, nullptr, &form);
}

void DecideConfirmationCase(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kAreaDirector, Role::kAreaDeputy});
  if (!page) return;
  const std::string id = req.matches[1];
  auto current = LoadCase(*page, id);
  if (!current) return;
  nm::CaseResponse reply;
  const Status st = DecideConfirmationFromForm(*page, req, current->case_(), &reply);
  if (st.ok()) return Redirect(res, "/cases/" + UrlEncode(id) + "?done=confirmed");
  Form form = ConfirmationForm(page->t(), current->case_(), &req);
  form.AddErrors(st);
  RenderCase(*page, 422, *current, nullptr, nullptr, &form);
}

}  // namespace verkosto::gateway::web
