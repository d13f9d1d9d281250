#include "gateway/records/records_export_format.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "core/actor.h"
#include "verkosto/common/v1/envelope.pb.h"

namespace verkosto::gateway {

namespace pb = ::verkosto::nominations::v1;

namespace {

// "2026-03-02T08:00:00Z" from microseconds since the epoch; "" for 0.
std::string UtcText(int64_t micros) {
  if (micros == 0) return {};
  const std::time_t seconds = micros / 1000000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  (void)std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The role as core's RoleName spells it ("keha_coordinator", "registry_clerk",
// "director", "deputy", ...); "" when unspecified.
std::string RoleText(verkosto::common::v1::Role role) {
  const Role r = RoleFromNumber(static_cast<int>(role));
  return r == Role::kUnspecified ? std::string() : std::string(RoleName(r));
}

std::string ChannelText(pb::Channel channel) {
  switch (channel) {
    case pb::CHANNEL_EMAIL:
      return "email";
    case pb::CHANNEL_LETTER:
      return "letter";
    case pb::CHANNEL_OTHER:
      return "other";
    default:
      return "system";
  }
}

// --- JSON ------------------------------------------------------------------

class Json {
 public:
  void Open(char bracket) {
    Separate();
    out_ += bracket;
    first_ = true;
  }
  void Close(char bracket) {
    out_ += bracket;
    first_ = false;
  }
  void Key(std::string_view key) {
    Separate();
    out_ += JsonString(key);
    out_ += ':';
    first_ = true;  // the value follows without a comma
  }
  void Str(std::string_view key, std::string_view value) {
    Key(key);
    Raw(JsonString(value));
  }
  void Num(std::string_view key, uint64_t value) {
    Key(key);
    Raw(std::to_string(value));
  }
  void Bool(std::string_view key, bool value) {
    Key(key);
    Raw(value ? "true" : "false");
  }
  void Raw(std::string_view text) {
    Separate();
    out_ += text;
  }
  std::string Take() { return std::move(out_); }

 private:
  void Separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

void PartyJson(Json& j, const pb::RecordParty& p) {
  j.Open('{');
  j.Str("role", p.role());
  j.Str("name", p.name());
  j.Str("title", p.title());
  j.Str("code", p.code());
  j.Str("seat", p.seat());
  j.Close('}');
}

void ActionJson(Json& j, const pb::CaseAct& a) {
  j.Open('{');
  j.Str("kind", a.kind());
  j.Str("at", UtcText(a.by().at_unix_us()));
  j.Key("by");
  j.Open('{');
  j.Str("user_id", a.by().user_id());
  j.Str("name", a.by().name());
  j.Str("role", RoleText(a.role()));
  j.Str("on_behalf_of", a.by().on_behalf_of());
  j.Close('}');
  j.Str("reason", a.reason());
  j.Str("keha_diary_number", a.keha_diary_number());
  j.Str("diary_number", a.diary_number());
  j.Str("channel", ChannelText(a.channel()));
  j.Str("date_received", a.date_received());
  j.Str("deadline", a.deadline());
  j.Str("previous_deadline", a.previous_deadline());
  j.Num("reminder_days", a.reminder_days());
  j.Bool("approved", a.approved());
  j.Str("decision_date", a.decision_date());
  j.Str("decided_at_area", a.decided_at_area());
  j.Key("names");
  j.Open('[');
  for (const std::string& n : a.names()) j.Raw(JsonString(n));
  j.Close(']');
  j.Close('}');
}

void RecordJson(Json& j, const pb::CaseRecord& r) {
  j.Open('{');
  j.Str("case_id", r.case_id());
  j.Str("title", r.title());
  j.Str("case_kind", r.case_kind());
  j.Str("state", r.state());
  j.Key("network");
  j.Open('{');
  j.Str("code", r.network_code());
  j.Str("name_fi", r.network_name_fi());
  j.Str("name_sv", r.network_name_sv());
  j.Close('}');
  j.Key("area");
  j.Open('{');
  j.Str("code", r.area_code());
  j.Str("name_fi", r.area_name_fi());
  j.Str("name_sv", r.area_name_sv());
  j.Close('}');
  j.Str("keha_diary_number", r.keha_diary_number());
  j.Str("diary_number", r.diary_number());
  j.Str("opened", r.opened());
  j.Str("deadline", r.deadline());
  j.Str("date_received", r.date_received());
  j.Key("parties");
  j.Open('[');
  for (const pb::RecordParty& p : r.parties()) PartyJson(j, p);
  j.Close(']');
  j.Key("actions");
  j.Open('[');
  for (const pb::CaseAct& a : r.actions()) ActionJson(j, a);
  j.Close(']');
  j.Key("decision");
  if (r.has_decision()) {
    const pb::RecordDecision& d = r.decision();
    j.Open('{');
    j.Bool("approved", d.approved());
    j.Str("reason", d.reason());
    j.Str("decider_name", d.decider_name());
    j.Str("decider_user_id", d.decider_user_id());
    j.Str("on_behalf_of", d.on_behalf_of());
    j.Str("decision_date", d.decision_date());
    j.Str("channel", d.channel());
    j.Str("decided_at_area", d.decided_at_area());
    j.Key("nominees");
    j.Open('[');
    for (const pb::RecordParty& p : d.nominees()) PartyJson(j, p);
    j.Close(']');
    j.Close('}');
  } else {
    j.Raw("null");
  }
  j.Str("publicity_class", r.publicity_class());
  j.Key("retention");
  j.Open('{');
  j.Num("years", r.retention_years());
  j.Str("basis", r.retention_basis());
  j.Close('}');
  j.Key("documents");
  j.Open('[');
  for (const pb::CaseLetter& l : r.documents()) {
    j.Open('{');
    j.Str("kind", LetterKindText(l.kind()));
    j.Str("language", l.language());
    j.Str("filename", l.filename());
    j.Str("mime_type", "application/pdf");
    j.Str("sha256", l.sha256());
    j.Num("size_bytes", l.size_bytes());
    j.Str("created_at", UtcText(l.created_at_us()));
    j.Str("url_path", LetterDownloadPath(l));
    j.Close('}');
  }
  j.Close(']');
  j.Close('}');
}

// --- XML -------------------------------------------------------------------

class Xml {
 public:
  explicit Xml(std::string& out) : out_(out) {}
  void Open(std::string_view name, std::string_view attrs = {}) {
    Indent();
    out_ += '<';
    out_ += name;
    out_ += attrs;
    out_ += ">\n";
    ++depth_;
  }
  void Close(std::string_view name) {
    --depth_;
    Indent();
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }
  void Leaf(std::string_view name, std::string_view text, std::string_view attrs = {}) {
    Indent();
    out_ += '<';
    out_ += name;
    out_ += attrs;
    out_ += '>';
    out_ += XmlEscape(text);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }

 private:
  void Indent() { out_.append(static_cast<size_t>(depth_) * 2, ' '); }
  std::string& out_;
  int depth_ = 0;
};

std::string Attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + XmlEscape(value) + "\"";
}

void AgentXml(Xml& x, const pb::RecordParty& p) {
  x.Open("Agent");
  x.Leaf("Role", p.role());
  x.Leaf("Name", p.name());
  x.Leaf("Title", p.title());
  x.Leaf("Code", p.code());
  x.Leaf("Seat", p.seat());
  x.Close("Agent");
}

void RecordXml(Xml& x, const pb::CaseRecord& r) {
  x.Open("Record");
  x.Leaf("NativeId", r.case_id());
  x.Leaf("Title", r.title());
  x.Leaf("Type", r.case_kind());
  x.Leaf("Status", r.state());
  x.Leaf("Network", r.network_name_fi(),
         Attr("code", r.network_code()) + Attr("nameSv", r.network_name_sv()));
  x.Leaf("Area", r.area_name_fi(), Attr("code", r.area_code()) + Attr("nameSv", r.area_name_sv()));
  x.Leaf("Identifier", r.keha_diary_number(), Attr("organisation", "keha"));
  x.Leaf("Identifier", r.diary_number(), Attr("organisation", "area"));
  x.Leaf("Opened", r.opened());
  x.Leaf("Deadline", r.deadline());
  x.Leaf("Received", r.date_received());
  x.Open("Agents");
  for (const pb::RecordParty& p : r.parties()) AgentXml(x, p);
  x.Close("Agents");
  x.Open("Actions");
  for (const pb::CaseAct& a : r.actions()) {
    x.Open("Action", Attr("type", a.kind()));
    x.Leaf("Created", UtcText(a.by().at_unix_us()));
    x.Leaf("ActorName", a.by().name());
    x.Leaf("ActorUserId", a.by().user_id());
    x.Leaf("ActorRole", RoleText(a.role()));
    x.Leaf("OnBehalfOf", a.by().on_behalf_of());
    x.Leaf("Reason", a.reason());
    x.Leaf("KehaDiaryNumber", a.keha_diary_number());
    x.Leaf("DiaryNumber", a.diary_number());
    x.Leaf("Channel", ChannelText(a.channel()));
    x.Leaf("DateReceived", a.date_received());
    x.Leaf("Deadline", a.deadline());
    x.Leaf("PreviousDeadline", a.previous_deadline());
    x.Leaf("ReminderDays", std::to_string(a.reminder_days()));
    x.Leaf("Approved", a.approved() ? "true" : "false");
    x.Leaf("DecisionDate", a.decision_date());
    x.Leaf("DecidedAtArea", a.decided_at_area());
    for (const std::string& n : a.names()) x.Leaf("Name", n);
    x.Close("Action");
  }
  x.Close("Actions");
  if (r.has_decision()) {
    const pb::RecordDecision& d = r.decision();
    x.Open("Decision", Attr("approved", d.approved() ? "true" : "false"));
    x.Leaf("Reason", d.reason());
    x.Leaf("DeciderName", d.decider_name());
    x.Leaf("DeciderUserId", d.decider_user_id());
    x.Leaf("OnBehalfOf", d.on_behalf_of());
    x.Leaf("DecisionDate", d.decision_date());
    x.Leaf("Channel", d.channel());
    x.Leaf("DecidedAtArea", d.decided_at_area());
    x.Open("Nominees");
    for (const pb::RecordParty& p : d.nominees()) AgentXml(x, p);
    x.Close("Nominees");
    x.Close("Decision");
  }
  x.Open("Restriction");
  x.Leaf("PublicityClass", r.publicity_class());
  x.Close("Restriction");
  x.Leaf("RetentionPeriod", std::to_string(r.retention_years()));
  x.Leaf("RetentionReason", r.retention_basis());
  x.Open("Documents");
  for (const pb::CaseLetter& l : r.documents()) {
    x.Open("Document");
    x.Leaf("Title", l.filename());
    x.Leaf("Type", LetterKindText(l.kind()));
    x.Leaf("Language", l.language());
    x.Leaf("MimeType", "application/pdf");
    x.Leaf("Checksum", l.sha256(), Attr("algorithm", "SHA-256"));
    x.Leaf("Size", std::to_string(l.size_bytes()));
    x.Leaf("Created", UtcText(l.created_at_us()));
    x.Leaf("Url", LetterDownloadPath(l));
    x.Close("Document");
  }
  x.Close("Documents");
  x.Close("Record");
}

}  // namespace

std::string_view LetterKindText(pb::LetterKind kind) {
  switch (kind) {
    case pb::LETTER_KIND_REQUEST:
      return "request";
    case pb::LETTER_KIND_ACKNOWLEDGEMENT:
      return "acknowledgement";
    case pb::LETTER_KIND_DECISION:
      return "decision";
    default:
      return "";
  }
}

std::string LetterDownloadPath(const pb::CaseLetter& letter) {
  return "/api/v1/cases/" + letter.case_id() + "/letters/" +
         std::string(LetterKindText(letter.kind())) + "-" + letter.language() + ".pdf";
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, LF and CR.
        if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
        out += ch;
    }
  }
  return out;
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          (void)std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

std::string RecordsToJson(const pb::ExportCaseRecordsResponse& reply) {
  Json j;
  j.Open('{');
  j.Str("format", "verkosto-records-export");
  j.Num("version", kRecordsExportVersion);
  j.Key("records");
  j.Open('[');
  for (const pb::CaseRecord& r : reply.records()) RecordJson(j, r);
  j.Close(']');
  j.Str("next_page_token", reply.next_page_token());
  j.Close('}');
  std::string out = j.Take();
  out += '\n';
  return out;
}

std::string RecordsToXml(const pb::ExportCaseRecordsResponse& reply) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  Xml x(out);
  x.Open("RecordsExport", Attr("xmlns", kRecordsExportNamespace) +
                              Attr("version", std::to_string(kRecordsExportVersion)) +
                              Attr("nextPageToken", reply.next_page_token()));
  for (const pb::CaseRecord& r : reply.records()) RecordXml(x, r);
  x.Close("RecordsExport");
  return out;
}

std::string RecordsTo(RecordsFormat format, const pb::ExportCaseRecordsResponse& reply) {
  return format == RecordsFormat::kXml ? RecordsToXml(reply) : RecordsToJson(reply);
}

std::string_view RecordsContentType(RecordsFormat format) {
  return format == RecordsFormat::kXml ? "application/xml; charset=utf-8"
                                       : "application/json; charset=utf-8";
}

std::string_view RecordsExtension(RecordsFormat format) {
  return format == RecordsFormat::kXml ? "xml" : "json";
}

}  // namespace verkosto::gateway
