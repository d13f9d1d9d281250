// A nominee's own pages: their memberships, correcting their contact and
// asking to resign.
#include "gateway/web/forms.h"
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/my_contact.h"
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
  form.Add(Refilled(
      {.name = "title", .label_key = "my_title", .value = current.title(), .id_prefix = "contact"},
      req));
  form.Add(Refilled({.name = "email",
                     .label_key = "my_email",
                     .type = "email",
                     .value = current.email(),
                     .hint_key = "hint_my_email",
                     .autocomplete = "email",
                     .id_prefix = "contact"},
                    req));
  form.Add(Refilled({.name = "language",
                     .label_key = "my_language",
                     .type = "select",
                     .value = current.language() == common::v1::LANGUAGE_UNSPECIFIED
                                  ? std::string()
                                  : messaging::EnumShortName(current.language()),
                     .options = {{"", "my_language_area"},
                                 {"fi", "my_lang_fi"},
                                 {"sv", "my_lang_sv"},
                                 {"en", "my_lang_en"}},
                     .id_prefix = "contact"},
                    req));
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

// The page; `contact` / `resign` carry a failed form (resign for `failed_id`).
void RenderMyMemberships(Page& page, int status, const Form* contact, const std::string& failed_id,
                         const Form* resign) {
  nm::ListMyMembershipsRequest request;
  request.set_page_token(page.PageToken());
  nm::ListMyMembershipsResponse mine;
  if (Status st = page.Call("nominations", request, &mine); !st.ok()) {
    return page.ServiceError(st);
  }
  const Catalogue& t = page.t();
  Data items = List();
  bool any_current = false;
  for (const nm::MyMembership& mm : mine.memberships()) {
    const nm::Membership& m = mm.membership();
    Data item = Object();
    item.set("membership_id", m.membership_id());
    item.set("network",
             NameIn(page.frame.lang, mm.network_name_fi(), mm.network_name_sv(), m.network_code()));
    item.set("network_code", m.network_code());
    item.set("seat", t.Get(SeatKey(m.person().seat())));
    item.set("diary", m.diary_number());
    item.set("decided_by", m.decided().name());
    if (!m.decided().on_behalf_of().empty()) item.set("on_behalf_of", m.decided().on_behalf_of());
    item.set("decided_at", FormatTime(m.decided().at_unix_us(), page.frame.lang));
    item.set("term", ShowDate(mm.term_start(), page.frame.lang) + " – " +
                         ShowDate(mm.term_end(), page.frame.lang));
    item.set("started", ShowDate(m.started(), page.frame.lang));
    Data goals = List();
    for (const std::string& g : mm.goals()) goals.push_back(Data(g));
    item.set("goals", goals);
    item.set("has_goals", mm.goals_size() > 0);
    const bool current = m.ended().empty();
    any_current = any_current || current;
    item.set("current", current);
    if (!current) {
      item.set("ended", ShowDate(m.ended(), page.frame.lang));
      item.set("end_reason", t.Get("end_reason_" + messaging::EnumShortName(m.end_reason())));
    }
    const bool pending = mm.resignation_request().state() == nm::RESIGNATION_REQUEST_STATE_PENDING;
    if (pending)
      item.set("pending_since",
               FormatTime(mm.resignation_request().requested().at_unix_us(), page.frame.lang));
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
  page.PutPager(d, mine.next_page_token());
  page.Html(status, "my_memberships_title", "my_memberships", d);
}

}  // namespace

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
  nm::CorrectMyContactResponse reply;
  Result<common::v1::Language> language =
      messaging::ParseProtoLanguage(Param(req, "language"), "language");
  if (language.ok()) r.set_language(*language);
  if (Status st =
          language.ok() ? ChangeMyContact(ctx, page->actor(), r, &reply) : language.status();
      !st.ok()) {
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

}  // namespace verkosto::gateway::web
