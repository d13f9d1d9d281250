#include "gateway/web/open_data.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/clock.h"
#include "core/date.h"
#include "core/text.h"
#include "gateway/auth/credentials.h"
#include "gateway/records/records_export_format.h"

namespace verkosto::gateway::web::open_data {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;

namespace {

// Every published text passes here: no e-mail address leaves.
std::string Clean(std::string_view text) { return WithoutEmailAddresses(text); }

// A published text as a JSON string literal, e-mail addresses removed (the
// records export's escaping: one JSON writer for the gateway's files).
std::string PublicJsonString(std::string_view raw) {
  return ::verkosto::gateway::JsonString(Clean(raw));
}

template <typename Strings>
std::string JsonArray(const Strings& values) {
  std::string out = "[";
  for (const auto& v : values) {
    if (out.size() > 1) out += ",";
    out += PublicJsonString(v);
  }
  return out + "]";
}

// {"name":value,...} from (name, JSON value) pairs, in order.
std::string JsonObject(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out = "{";
  for (const auto& [name, value] : fields) {
    if (out.size() > 1) out += ",";
    out += "\"" + name + "\":" + value;
  }
  return out + "}";
}

template <typename Strings>
std::string Joined(const Strings& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += "; ";
    out += v;
  }
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += text::CsvField(Clean(fields[i]));
  }
  return line + "\r\n";
}

std::string KindName(nw::NetworkKind kind) {
  switch (kind) {
    case nw::NETWORK_KIND_NETWORK:
      return "network";
    case nw::NETWORK_KIND_SUB_COMMITTEE:
      return "sub_committee";
    case nw::NETWORK_KIND_WORKING_GROUP:
      return "working_group";
    case nw::NETWORK_KIND_ADVISORY_BOARD:
      return "advisory_board";
    default:
      return "";
  }
}

std::string StatusName(nw::NetworkStatus status) {
  switch (status) {
    case nw::NETWORK_STATUS_PROPOSED:
      return "proposed";
    case nw::NETWORK_STATUS_OPEN:
      return "open";
    case nw::NETWORK_STATUS_CLOSED:
      return "closed";
    default:
      return "";
  }
}

std::string SeatName(nm::SeatKind seat) {
  return seat == nm::SEAT_KIND_DEPUTY ? "deputy" : seat == nm::SEAT_KIND_MEMBER ? "member" : "";
}

// "2026-03-02T10:00:00Z" (UTC, to the second); "" for 0.
std::string IsoInstant(int64_t unix_us) {
  if (unix_us <= 0) return "";
  const std::time_t seconds = unix_us / 1000000;
  std::tm tm{};
  (void)gmtime_r(&seconds, &tm);
  std::array<char, 32> out{};
  (void)std::strftime(out.data(), out.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out.data();
}

std::string DecisionDate(const nm::Membership& m) {
  if (m.decided().at_unix_us() <= 0) return "";
  return FormatIsoDate(HelsinkiDate(FromMicros(m.decided().at_unix_us())));
}

std::string Bool(bool b) { return b ? "true" : "false"; }

// The entity tags of an If-None-Match header, without W/ (weak comparison).
std::vector<std::string> EntityTags(std::string_view header) {
  std::vector<std::string> tags;
  for (const std::string& part : text::Split(header, ',')) {
    std::string tag(text::Trim(part));
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (!tag.empty()) tags.push_back(tag);
  }
  return tags;
}

}  // namespace

std::string Path(List list, Format format) {
  return std::string("/open-data/v1/") + (list == List::kNetworks ? "networks" : "members") +
         (format == Format::kJson ? ".json" : ".csv");
}

const std::vector<RouteDoc>& RouteDocs() {
  static const std::string kCommon =
      " Needs no login. Licence CC BY 4.0 (the JSON's licence object and the header Link: "
      "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"). page_size items at "
      "most (default 100, at most 500); while more follow, the next page's path is in the "
      "Link rel=\"next\" header (and the JSON's next and next_page_token). Strong ETag (the "
      "body's hash) and Last-Modified (the newest change of the items on the page): "
      "If-None-Match or If-Modified-Since answer 304 when nothing changed. Cache-Control: "
      "public, max-age=300. Schema: /open-data/v1/schema.json; docs/open-data.md. Errors: 400 "
      "invalid_argument (page_size, page_token), 503 unavailable.";
  static const std::string kNetworks =
      "The national networks that are proposed, open or closed (never drafts or cancelled "
      "ones), ordered by code: names, kind, status, owner, description, goals, term, seats per "
      "area and communication plan.";
  static const std::string kMembers =
      "The decided composition: every current membership of a published network, ordered by "
      "network, area and id: the network and area (code and names), the member's name, seat "
      "(member or deputy), start, the decision's date and the area's diary number. Never an "
      "e-mail address, phone, title, language or gender.";
  static const std::vector<RouteDoc> kRoutes = {
      {Path(List::kNetworks, Format::kJson), "application/json", true,
       "Open data: the published networks as JSON (no login, CC BY 4.0)", kNetworks + kCommon},
      {Path(List::kNetworks, Format::kCsv), "text/csv", true,
       "Open data: the published networks as CSV (no login, CC BY 4.0)",
       kNetworks + " RFC 4180 CSV with a header row; lists joined by \"; \"." + kCommon},
      {Path(List::kMembers, Format::kJson), "application/json", true,
       "Open data: the decided composition of the networks as JSON (no login, CC BY 4.0)",
       kMembers + kCommon},
      {Path(List::kMembers, Format::kCsv), "text/csv", true,
       "Open data: the decided composition of the networks as CSV (no login, CC BY 4.0)",
       kMembers + " RFC 4180 CSV with a header row." + kCommon},
      {kSchemaPath, "application/schema+json", false,
       "Open data: the JSON Schema of the open-data documents",
       "The JSON Schema (2020-12) of networks.json and members.json, every field with its "
       "type, meaning and an example. Needs no login; ETag and 304 as for the lists."},
  };
  return kRoutes;
}

bool IsPublished(nw::NetworkStatus status) {
  return status == nw::NETWORK_STATUS_PROPOSED || status == nw::NETWORK_STATUS_OPEN ||
         status == nw::NETWORK_STATUS_CLOSED;
}

std::string WithoutEmailAddresses(std::string_view text) {
  if (text.find('@') == std::string_view::npos) return std::string(text);
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    const std::string_view word = text.substr(i, end - i);
    out += word.find('@') == std::string_view::npos ? std::string(word) : std::string("[…]");
    i = end;
  }
  return out;
}

std::optional<uint32_t> ParsePageSize(std::string_view text) {
  if (text.empty()) return kDefaultPageSize;
  if (text.size() > 4) return std::nullopt;
  uint32_t n = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  if (n > kMaxPageSize) return std::nullopt;
  return n == 0 ? kDefaultPageSize : n;
}

std::string NetworkJson(const nw::Network& n) {
  const nw::NetworkDefinition& d = n.definition();
  const nw::CommunicationPlan& plan = d.communication_plan();
  return JsonObject({
      {"code", PublicJsonString(d.code())},
      {"name_fi", PublicJsonString(d.names().fi())},
      {"name_sv", PublicJsonString(d.names().sv())},
      {"name_en", PublicJsonString(d.names().en())},
      {"kind", PublicJsonString(KindName(d.kind()))},
      {"status", PublicJsonString(StatusName(n.status()))},
      {"owner", PublicJsonString(d.owner())},
      {"statutory", Bool(d.statutory())},
      {"description", PublicJsonString(d.description())},
      {"goals", JsonArray(d.goals())},
      {"term_start", PublicJsonString(d.term().start_date())},
      {"term_end", PublicJsonString(d.term().end_date())},
      {"seats_members", std::to_string(d.seats_per_area().members())},
      {"seats_deputies", std::to_string(d.seats_per_area().deputies())},
      {"communication_plan", JsonObject({
                                 {"audiences", JsonArray(plan.audiences())},
                                 {"channels", JsonArray(plan.channels())},
                                 {"cadence", PublicJsonString(plan.cadence())},
                                 {"responsible", PublicJsonString(plan.responsible())},
                             })},
      {"updated", PublicJsonString(IsoInstant(ChangedAt(n)))},
  });
}

std::string MemberJson(const nm::Membership& m) {
  return JsonObject({
      {"membership_id", PublicJsonString(m.membership_id())},
      {"network_code", PublicJsonString(m.network_code())},
      {"network_name_fi", PublicJsonString(m.network_name_fi())},
      {"network_name_sv", PublicJsonString(m.network_name_sv())},
      {"area_code", PublicJsonString(m.area_code())},
      {"area_name_fi", PublicJsonString(m.area_name_fi())},
      {"area_name_sv", PublicJsonString(m.area_name_sv())},
      {"name", PublicJsonString(m.person().name())},
      {"seat", PublicJsonString(SeatName(m.person().seat()))},
      {"started", PublicJsonString(m.started())},
      {"decision_date", PublicJsonString(DecisionDate(m))},
      {"diary_number", PublicJsonString(m.diary_number())},
  });
}

std::string DocumentJson(const std::vector<std::string>& items, const std::string& next_page_token,
                         const std::string& next) {
  std::string list = "[";
  for (const std::string& item : items) {
    if (list.size() > 1) list += ",\n";
    list += item;
  }
  list += "]";
  return JsonObject({
             {"licence", JsonObject({
                             {"name", PublicJsonString(kLicenceName)},
                             {"url", PublicJsonString(kLicenceUrl)},
                             {"publisher", PublicJsonString(kPublisher)},
                             {"attribution", PublicJsonString(kAttribution)},
                         })},
             {"schema", PublicJsonString(kSchemaPath)},
             {"items", list},
             {"next_page_token", PublicJsonString(next_page_token)},
             {"next", PublicJsonString(next)},
         }) +
         "\n";
}

std::string NetworksCsvHeader() {
  return CsvLine({"code", "name_fi", "name_sv", "name_en", "kind", "status", "owner", "statutory",
                  "description", "goals", "term_start", "term_end", "seats_members",
                  "seats_deputies", "plan_audiences", "plan_channels", "plan_cadence",
                  "plan_responsible", "updated"});
}

std::string NetworkCsvRow(const nw::Network& n) {
  const nw::NetworkDefinition& d = n.definition();
  const nw::CommunicationPlan& plan = d.communication_plan();
  return CsvLine(
      {d.code(), d.names().fi(), d.names().sv(), d.names().en(), KindName(d.kind()),
       StatusName(n.status()), d.owner(), Bool(d.statutory()), d.description(), Joined(d.goals()),
       d.term().start_date(), d.term().end_date(), std::to_string(d.seats_per_area().members()),
       std::to_string(d.seats_per_area().deputies()), Joined(plan.audiences()),
       Joined(plan.channels()), plan.cadence(), plan.responsible(), IsoInstant(ChangedAt(n))});
}

std::string MembersCsvHeader() {
  return CsvLine({"membership_id", "network_code", "network_name_fi", "network_name_sv",
                  "area_code", "area_name_fi", "area_name_sv", "name", "seat", "started",
                  "decision_date", "diary_number"});
}

std::string MemberCsvRow(const nm::Membership& m) {
  return CsvLine({m.membership_id(), m.network_code(), m.network_name_fi(), m.network_name_sv(),
                  m.area_code(), m.area_name_fi(), m.area_name_sv(), m.person().name(),
                  SeatName(m.person().seat()), m.started(), DecisionDate(m), m.diary_number()});
}

int64_t ChangedAt(const nw::Network& n) {
  return n.updated_unix_us() > 0 ? n.updated_unix_us() : n.created_unix_us();
}

int64_t ChangedAt(const nm::Membership& m) { return m.decided().at_unix_us(); }

std::string StrongETag(const std::string& body) { return "\"" + TokenHash(body) + "\""; }

std::string HttpDate(int64_t unix_us) {
  const std::time_t seconds = unix_us / 1000000;
  std::tm tm{};
  (void)gmtime_r(&seconds, &tm);
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::array<char, 40> out{};
  (void)std::snprintf(out.data(), out.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                      kDays.at(static_cast<size_t>(tm.tm_wday)), tm.tm_mday,
                      kMonths.at(static_cast<size_t>(tm.tm_mon)), tm.tm_year + 1900, tm.tm_hour,
                      tm.tm_min, tm.tm_sec);
  return out.data();
}

std::optional<int64_t> ParseHttpDate(std::string_view text) {
  // "Sun, 06 Dec 2026 03:00:00 GMT"
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string s(text::Trim(text));
  if (s.size() != 29 || s.substr(25) != " GMT" || s[3] != ',') return std::nullopt;
  int day = 0;
  int year = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::array<char, 4> month{};
  if (std::sscanf(s.c_str() + 5, "%2d %3c %4d %2d:%2d:%2d", &day, month.data(), &year, &hour,
                  &minute, &second) != 6) {
    return std::nullopt;
  }
  size_t m = 0;
  while (m < kMonths.size() && kMonths.at(m) != std::string_view(month.data(), 3)) ++m;
  if (m == kMonths.size()) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(m + 1)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const auto seconds_total = std::chrono::sys_days(date).time_since_epoch() +
                             std::chrono::hours(hour) + std::chrono::minutes(minute) +
                             std::chrono::seconds(second);
  return std::chrono::duration_cast<std::chrono::microseconds>(seconds_total).count();
}

bool NotModified(const std::optional<std::string>& if_none_match,
                 const std::optional<std::string>& if_modified_since, const std::string& etag,
                 std::optional<int64_t> last_modified_us) {
  if (if_none_match) {
    for (const std::string& tag : EntityTags(*if_none_match)) {
      if (tag == "*" || tag == etag) return true;
    }
    return false;
  }
  if (!if_modified_since || !last_modified_us) return false;
  const std::optional<int64_t> since = ParseHttpDate(*if_modified_since);
  if (!since) return false;
  // Last-Modified is sent to the second.
  return *last_modified_us / 1000000 <= *since / 1000000;
}

}  // namespace verkosto::gateway::web::open_data
