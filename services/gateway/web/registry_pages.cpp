// The registry clerk: the desk of cases to register, logging a request that
// came another way, and the journal (and its CSV).
#include <spdlog/spdlog.h>

#include <memory>

#include "core/page.h"
#include "core/text.h"
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

Form RegisterForm(const Catalogue& t, const std::string& today, const std::string& case_id,
                  const Request* req) {
  Form form(t);
  auto add = [&](Field f) {
    f.required = true;
    f.id_prefix = case_id + "-";
    form.Add(Refilled(std::move(f), req));
  };
  add({.name = "diary_number", .label_key = "diary_number"});
  add({.name = "date_received",
       .label_key = "date_received",
       .type = "date",
       .value = today,
       .hint_key = "hint_date"});
  add({.name = "organisation", .label_key = "organisation"});
  return form;
}

// The registry page; `failed` (the refused register form of `failed_case`)
// goes into the page's error summary even when the inbox does not list that
// case (e.g. another area's): every refusal shows its message.
void RenderRegistry(Page& page, int status, const std::string& failed_case, const Form* failed) {
  nm::RegistryInboxRequest request;
  request.set_page_token(page.PageToken());
  nm::CaseListResponse inbox;
  if (Status st = page.Call("nominations", request, &inbox); !st.ok()) {
    return page.ServiceError(st);
  }
  const Catalogue& t = page.t();
  Data cases = List();
  Data d = Object();
  for (const nm::Case& c : inbox.cases()) {
    Data item = Object();
    item.set("case_id", c.case_id());
    item.set("network", CaseNetworkName(c, page.frame.lang));
    item.set("seats", SeatsText(t, c.seats().members(), c.seats().deputies()));
    item.set("deadline", ShowDate(c.deadline(), page.frame.lang));
    item.set("sent_by", c.sent().name());
    item.set("sent_at", FormatTime(c.sent().at_unix_us(), page.frame.lang));
    if (!c.covering_message().empty()) item.set("covering_message", c.covering_message());
    if (failed != nullptr && c.case_id() == failed_case) {
      item.set("fields", failed->AllFields());
    } else {
      item.set("fields", RegisterForm(t, page.Today(), c.case_id(), nullptr).AllFields());
    }
    cases.push_back(item);
  }
  d.set("cases", cases);
  page.PutPager(d, inbox.next_page_token());
  const Form none(t);
  (failed != nullptr ? *failed : none).PutSummary(d);
  page.Html(status, "registry_title", "registry", d);
}

}  // namespace

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
  r.set_organisation(Param(req, "organisation"));
  Form form = RegisterForm(page->t(), page->Today(), id, &req);
  form.RequireFilled();  // names every missing field at once
  r.set_date_received(DateParam(req, "date_received", form));
  if (form.has_errors()) return RenderRegistry(*page, 422, id, &form);
  nm::CaseResponse reply;
  if (Status st = page->Call("nominations", r, &reply); !st.ok()) {
    form.AddErrors(st);
    return RenderRegistry(*page, 422, id, &form);
  }
  Redirect(res, "/registry?done=registered");
}

namespace {

Form LogForm(Page& page, const Request* req) {
  Form form(page.t());
  auto add = [&](Field f) -> Field& { return form.Add(Refilled(std::move(f), req)); };
  Field& network =
      add({.name = "network_code", .label_key = "network", .type = "select", .required = true});
  // The open networks' names (an option shows its name, RenderLog).
  for (const auto& [code, name] : OpenNetworkNames(page.ctx, page.actor(), page.frame.lang)) {
    network.options.emplace_back(code, "");
  }
  add({.name = "channel",
       .label_key = "channel",
       .type = "select",
       .value = "email",
       .required = true,
       .options = {
           {"email", "channel_email"}, {"letter", "channel_letter"}, {"other", "channel_other"}}});
  for (const char* name : {"sender", "subject"}) {
    add({.name = name, .label_key = name, .required = true});
  }
  add({.name = "date_received",
       .label_key = "date_received",
       .type = "date",
       .value = page.Today(),
       .hint_key = "hint_date",
       .required = true});
  for (const char* name : {"diary_number", "organisation"}) {
    add({.name = name, .label_key = name, .required = true});
  }
  add({.name = "seats.members",
       .label_key = "field_seats_per_area_members",
       .type = "number",
       .value = "1"});
  add({.name = "seats.deputies",
       .label_key = "field_seats_per_area_deputies",
       .type = "number",
       .value = "0"});
  add({.name = "deadline", .label_key = "deadline", .type = "date", .hint_key = "hint_date"});
  return form;
}

void RenderLog(Page& page, int status, Form& form) {
  Data d = Object();
  Data fields = form.AllFields();
  // Network options show the network's name, not a message key.
  const auto names = OpenNetworkNames(page.ctx, page.actor(), page.frame.lang);
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

}  // namespace

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
  r.set_diary_number(Param(req, "diary_number"));
  r.set_organisation(Param(req, "organisation"));
  form.RequireFilled();  // names every missing field at once
  r.set_date_received(DateParam(req, "date_received", form));
  r.set_deadline(DateParam(req, "deadline", form));
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

namespace {

// The journal's CSV row of `c`.
std::string JournalCsvRow(const nm::Case& c) {
  const nm::Registration& r = c.registration();
  return text::CsvField(r.diary_number()) + "," + text::CsvField(r.date_received()) + "," +
         text::CsvField(c.network_code()) + "," +
         text::CsvField(ChannelKey(r.channel()).substr(8)) + "," + text::CsvField(r.sender()) +
         "," + text::CsvField(r.subject()) + "," + text::CsvField(StateKey(c.state()).substr(6)) +
         "," + text::CsvField(c.case_id()) + "\r\n";
}

// The whole journal as CSV, streamed a page (1000 cases) at a time: the
// gateway holds one page, however long the journal. The first page is asked
// before the answer starts, so a refusal is still an error page; a failure
// later breaks the download off without its end (the browser reports a failed
// download rather than keeping a file that silently lacks rows; the log says
// why).
void StreamJournalCsv(Page& page, nm::RegistryJournalRequest request) {
  request.set_page_size(page::kMaxPageSize);
  auto first = std::make_shared<nm::CaseListResponse>();
  if (Status st = page.Call("nominations", request, first.get()); !st.ok()) {
    return page.ServiceError(st);
  }
  page.res.set_header("Content-Disposition", "attachment; filename=\"journal.csv\"");
  GatewayContext& ctx = page.ctx;
  const Actor actor = page.actor();
  page.res.set_chunked_content_provider(
      "text/csv; charset=utf-8", [&ctx, actor, request, reply = std::move(first), started = false](
                                     size_t, httplib::DataSink& sink) mutable {
        std::string chunk;
        if (!started) {
          chunk =
              "diary_number,date_received,network_code,channel,sender,subject,state,case_id\r\n";
          started = true;
        } else {
          request.set_page_token(reply->next_page_token());
          auto next = std::make_shared<nm::CaseListResponse>();
          if (Status st = ctx.Call("nominations", actor, request, next.get()); !st.ok()) {
            spdlog::warn("journal.csv broken off: {}", st.ToString());
            return false;
          }
          reply = std::move(next);
        }
        for (const nm::Case& c : reply->cases()) chunk += JournalCsvRow(c);
        if (!sink.write(chunk.data(), chunk.size())) return false;
        if (reply->next_page_token().empty()) sink.done();
        return true;
      });
}

}  // namespace

void JournalPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res, {Role::kRegistryClerk});
  if (!page) return;
  const std::string q = Param(req, "q");
  nm::RegistryJournalRequest jr;
  jr.set_search(q);
  if (req.path == "/registry/journal.csv") return StreamJournalCsv(*page, jr);
  jr.set_page_token(page->PageToken());
  nm::CaseListResponse journal;
  if (Status st = page->Call("nominations", jr, &journal); !st.ok()) return page->ServiceError(st);
  const Catalogue& t = page->t();
  Data cases = List();
  for (const nm::Case& c : journal.cases()) {
    Data item = Object();
    item.set("diary", c.registration().diary_number());
    item.set("date_received", ShowDate(c.registration().date_received(), page->frame.lang));
    item.set("network", CaseNetworkName(c, page->frame.lang));
    item.set("channel", t.Get(ChannelKey(c.registration().channel())));
    item.set("sender", c.registration().sender());
    item.set("state", t.Get(StateKey(c.state())));
    cases.push_back(item);
  }
  Data d = Object();
  d.set("q", q);
  d.set("q_url", UrlEncode(q));
  d.set("cases", cases);
  page->PutPager(d, journal.next_page_token());
  page->Html(200, "journal_title", "journal", d);
}

}  // namespace verkosto::gateway::web
