#include "gateway/web/case_history_pages.h"

#include "gateway/web/labels.h"
#include "messaging/envelope.h"
#include "messaging/proto_enum.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway::web {

namespace nm = ::verkosto::nominations::v1;

namespace {

// The history is short (a handful of acts per case); 5 pages of 1000 bound
// what one page view may read.
constexpr int kMaxHistoryPages = 5;

void AddDetail(Data& details, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  Data item = Object();
  item.set("label", label);
  item.set("value", value);
  details.push_back(item);
}

std::string Joined(const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// A confirmation's "name: choice" lines (choice: confirm, replace, end) with
// the choice in the page's language.
std::string AnswerLines(const Catalogue& t,
                        const google::protobuf::RepeatedPtrField<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out += ", ";
    const size_t colon = line.rfind(": ");
    const std::string choice = colon == std::string::npos ? "" : line.substr(colon + 2);
    if (choice == "confirm" || choice == "replace" || choice == "end") {
      out += line.substr(0, colon) + ": " + t.Get("confirmation_" + choice);
    } else {
      out += line;
    }
  }
  return out;
}

Data ActRow(const Catalogue& t, const nm::CaseAct& a) {
  const Language lang = t.language();
  Data row = Object();
  row.set("time", FormatTime(a.by().at_unix_us(), lang));
  row.set("act", t.Get("act_" + a.kind()));
  row.set("who", a.by().name().empty() ? a.by().user_id() : a.by().name());
  row.set("role", t.Get("role_" + std::string(RoleName(messaging::FromProtoRole(a.role())))));
  // The director by name (schema 0021 of nominations); acts stored before
  // by the account's user id.
  if (!a.by().on_behalf_of().empty()) {
    row.set("on_behalf_of", a.by().on_behalf_of_name().empty() ? a.by().on_behalf_of()
                                                               : a.by().on_behalf_of_name());
  }
  Data details = List();
  // KEHA's diary number goes with the sending; the area's with every act
  // after its registration.
  if (a.kind() == "sent") AddDetail(details, t.Get("keha_diary_number"), a.keha_diary_number());
  if (a.kind() == "registered" || a.kind() == "logged") {
    AddDetail(details, t.Get("date_received"), ShowDate(a.date_received(), lang));
    AddDetail(details, t.Get("channel"), t.Get("channel_" + messaging::EnumShortName(a.channel())));
  }
  if (a.kind() != "sent") AddDetail(details, t.Get("diary_number"), a.diary_number());
  if (a.kind() == "sent") AddDetail(details, t.Get("deadline"), ShowDate(a.deadline(), lang));
  if (a.kind() == "deadline_extended") {
    AddDetail(details, t.Get("deadline"),
              a.previous_deadline().empty()
                  ? ShowDate(a.deadline(), lang)
                  : ShowDate(a.previous_deadline(), lang) + " → " + ShowDate(a.deadline(), lang));
  }
  if (a.kind() == "reminder" && a.reminder_days() > 0) {
    AddDetail(details, t.Get("history_reminder"),
              t.Plural("history_working_days", a.reminder_days()));
  }
  if (a.kind() == "paper_answer") {
    AddDetail(details, t.Get("paper_recorded_from"),
              t.Get("channel_" + messaging::EnumShortName(a.channel())));
    AddDetail(details, t.Get("history_answer"),
              t.Get(a.approved() ? "act_approved" : "act_declined"));
    AddDetail(details, t.Get("paper_decision_date"), ShowDate(a.decision_date(), lang));
    AddDetail(details, t.Get("paper_decided_by"), a.decided_at_area());
  }
  if (a.kind() == "confirmed") {
    AddDetail(details, t.Get("confirmation_choice"), AnswerLines(t, a.names()));
  } else {
    AddDetail(details, t.Get("nominees"), Joined(a.names()));
  }
  AddDetail(details, t.Get("reason"), a.reason());
  row.set("details", details);
  return row;
}

}  // namespace

void PutCaseHistory(Page& page, const std::string& case_id, Data& d) {
  const Catalogue& t = page.t();
  Data rows = List();
  nm::ListCaseHistoryRequest request;
  request.set_case_id(case_id);
  bool any = false;
  const Status st = ForEachPage<nm::ListCaseHistoryResponse>(
      [&](const nm::ListCaseHistoryRequest& r, nm::ListCaseHistoryResponse* reply) {
        return page.Call("nominations", r, reply);
      },
      request,
      [&](const nm::ListCaseHistoryResponse& reply) {
        for (const nm::CaseAct& a : reply.acts()) {
          rows.push_back(ActRow(t, a));
          any = true;
        }
      },
      kMaxHistoryPages);
  d.set("has_history", st.ok() && any);
  d.set("history", rows);
}

}  // namespace verkosto::gateway::web
