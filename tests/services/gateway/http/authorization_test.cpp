// The written policy and the code agree: docs/authorization.md holds one
// table of every JSON API route x every role x own / other area (or self /
// other person), and one of every RPC operation of every service. This test
// reads those tables and
//   - fails for a route of ApiRoutes() or an RPC operation any service
//     registers that the tables do not name (and for a row naming none);
//   - runs every route as every demo account over real HTTP — with real ids,
//     against data in two areas (Kainuu and Helsinki: networks, cases in
//     every state, memberships) — once with the ids of the account's own
//     area and once with another area's, and compares the status and what of
//     the area's personal data and case content the answer shows with the
//     table's cell;
//   - runs every RPC operation as the operator (the only principal besides
//     the gateway that speaks for someone) and compares with its column.
// A cell reads `<outcome> [+contact|-contact] [+case|-case]`:
//   200      answered 200
//   ok       allowed: anything but 401, 403 or 404 (a write may still be
//            refused by a business rule, e.g. 409 for a case already decided)
//   400 401 403 404   exactly that status
//   +contact / -contact  the scope's nominees' e-mail and title are / are not in the answer
//   +case / -case        the scope's case content (covering message) is / is not in the answer
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gateway/domain/demo_accounts.h"
#include "gateway/http/api_routes.h"
#include "gateway/http/contact_reads.h"
#include "gateway_api_fixture.h"
#include "messaging/envelope.h"
#include "messaging/rpc_client.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::gateway {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)
namespace gpb = ::google::protobuf;
namespace npb = ::verkosto::networks::v1;
namespace nom = ::verkosto::nominations::v1;

constexpr char kKainuu[] = "kainuu-koillismaa";
constexpr char kHelsinki[] = "helsinki";
constexpr char kNetwork[] = "tavoitettava";

// ---------------------------------------------------------------------------
// The tables of docs/authorization.md

// One row: the key (first cell, without backticks) and the other cells.
struct Row {
  std::string key;
  std::vector<std::string> cells;
  int line = 0;
};

std::string Strip(const std::string& s) {
  const auto first = s.find_first_not_of(" \t`");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t`") - first + 1);
}

// The rows of the table under the heading `heading` (its header and
// separator lines skipped).
std::vector<Row> ReadTable(const std::string& heading) {
  std::ifstream in(VERKOSTO_AUTHORIZATION_MD);
  EXPECT_TRUE(in) << VERKOSTO_AUTHORIZATION_MD;
  std::vector<Row> rows;
  std::string line;
  bool inside = false;
  int number = 0;
  int table_line = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("## ", 0) == 0) {
      inside = line == heading;
      table_line = 0;
      continue;
    }
    if (!inside || line.empty() || line[0] != '|') continue;
    if (++table_line <= 2) continue;  // header, separator
    std::vector<std::string> cells;
    std::stringstream split(line.substr(1));
    std::string cell;
    while (std::getline(split, cell, '|')) cells.push_back(Strip(cell));
    if (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (cells.empty()) continue;
    Row row;
    row.key = cells.front();
    row.cells.assign(cells.begin() + 1, cells.end());
    row.line = number;
    rows.push_back(std::move(row));
  }
  return rows;
}

// A cell of the tables, parsed.
struct Expectation {
  std::string outcome;  // "200", "ok", "400", "401", "403", "404"
  int contact = 0;      // +1 must show, -1 must not, 0 not checked
  int case_content = 0;
};

Expectation Parse(const std::string& cell) {
  Expectation e;
  std::stringstream words(cell);
  std::string word;
  words >> e.outcome;
  while (words >> word) {
    if (word == "+contact") e.contact = 1;
    if (word == "-contact") e.contact = -1;
    if (word == "+case") e.case_content = 1;
    if (word == "-case") e.case_content = -1;
  }
  return e;
}

// The route table's columns, in order.
const std::vector<std::string>& RouteColumns() {
  static const std::vector<std::string> kColumns = {
      "keha",           "clerk own",  "clerk other",  "director own",
      "director other", "deputy own", "deputy other", "nominee self",
      "nominee other",  "observer",   "admin",        "none"};
  return kColumns;
}

// ---------------------------------------------------------------------------
// The data in two areas

// What one area holds, and the text that shows its data in an answer.
struct AreaData {
  std::string area;
  std::string covering;  // every case of the area carries it
  std::string member_email;
  std::string member_title;
  std::string deputy_email;
  std::string approved_case;    // decided: two memberships
  std::string pending_case;     // awaiting registration
  std::string registered_case;  // registered, undecided
  std::string open_case;        // awaiting registration, for KEHA's extend and withdraw
  std::string member_membership;
  std::string deputy_membership;
};

// A demo account and the areas its own / other columns use.

class AuthorizationTest : public GatewayApiFixture {
 protected:
  AuthorizationTest() : GatewayApiFixture(/*with_notifications=*/true) {}

  void SetUp() override {
    GatewayApiFixture::SetUp();
    if (HasFatalFailure()) return;
    for (const AccountRecord& a : DemoAccounts()) {
      if (a.user_id == "keha.koordinaattori") continue;  // the fixture made it
      AddDemo(a);
    }
    AddAccount("poistettava", "Poisto Tili", common::v1::ROLE_OBSERVER, "");
    // The observer's API token, which the DELETE /api/v1/tokens row revokes.
    v1::CreateApiTokenRequest token;
    token.set_user_id("tarkkailija");
    token.set_label("authz");
    token.set_token_hash(TokenHash(RandomToken("vkt_")));
    observer_token_id_ = Do<v1::CreateApiTokenResponse>(token, "tarkkailija", "gateway").token_id();
    ASSERT_EQ(observer_token_id_.size(), 12u);
    ASSERT_NO_FATAL_FAILURE(MakeData());
  }

  void AddDemo(const AccountRecord& a) {
    v1::CreateAccountRequest req;
    req.mutable_account()->set_user_id(a.user_id);
    req.mutable_account()->set_display_name(a.display_name);
    req.mutable_account()->set_role(static_cast<common::v1::Role>(a.role));
    req.mutable_account()->set_area(a.area.value());
    req.mutable_account()->set_email(a.email);
    req.mutable_account()->set_language(messaging::ToProtoLanguage(a.language));
    req.mutable_account()->set_on_behalf_of(a.on_behalf_of);
    req.set_password(kPassword);
    auto created = Rpc<v1::CreateAccountResponse>(req);
    ASSERT_TRUE(created.ok()) << a.user_id << ": " << created.status().ToString();
  }

  static Actor Person(const std::string& user_id) {
    for (const AccountRecord& a : DemoAccounts()) {
      if (a.user_id == user_id) return a.ToActor();
    }
    return Actor{};
  }

  template <typename Resp>
  Resp Do(const gpb::Message& req, const std::string& user_id, const std::string& service) {
    auto r = Rpc<Resp>(req, user_id.empty() ? kSystem : Person(user_id), service);
    EXPECT_TRUE(r.ok()) << req.GetDescriptor()->name() << " as " << user_id << ": "
                        << r.status().ToString();
    return r.ok() ? *r : Resp{};
  }

  void MakeNetwork(const std::string& code, bool propose, bool open) {
    npb::CreateNetworkRequest create;
    *create.mutable_definition() = Complete(code);
    Do<npb::NetworkResponse>(create, "keha.koordinaattori", "networks");
    if (!propose) return;
    npb::ProposeNetworkRequest p;
    p.set_network_code(code);
    Do<npb::NetworkResponse>(p, "keha.koordinaattori", "networks");
    if (!open) return;
    for (const std::string director : {"kainuu.johtaja", "helsinki.johtaja"}) {
      npb::DecideParticipationRequest d;
      d.set_network_code(code);
      d.set_area_code(Person(director).area.value());
      d.set_decision(npb::PARTICIPATION_DECISION_TAKES_PART);
      Do<npb::DecideParticipationResponse>(d, director, "networks");
    }
    npb::OpenNetworkRequest o;
    o.set_network_code(code);
    Do<npb::NetworkResponse>(o, "keha.koordinaattori", "networks");
  }

  std::string Send(const AreaData& d) {
    nom::SendRequestRequest send;
    send.set_network_code(kNetwork);
    send.add_area_codes(d.area);
    send.mutable_seats()->set_members(1);
    send.mutable_seats()->set_deputies(1);
    send.set_deadline("2026-04-30");  // the fake clock starts on 2026-03-02
    send.set_covering_message(d.covering);
    const auto sent = Do<nom::SendRequestResponse>(send, "keha.koordinaattori", "nominations");
    return sent.cases_size() == 1 ? sent.cases(0).case_id() : "";
  }

  void Register(const std::string& case_id, const std::string& clerk, int n) {
    nom::RegisterCaseRequest reg;
    reg.set_case_id(case_id);
    reg.set_date_received("2026-03-02");
    reg.set_organisation("Kunta");
    reg.set_diary_number("DN/" + std::to_string(n) + "/2026");
    Do<nom::CaseResponse>(reg, clerk, "nominations");
  }

  void MakeArea(AreaData& d, const std::string& clerk, const std::string& director,
                const std::string& member_name) {
    d.approved_case = Send(d);
    d.pending_case = Send(d);
    d.registered_case = Send(d);
    d.open_case = Send(d);
    Register(d.approved_case, clerk, 1);
    Register(d.registered_case, clerk, 2);
    nom::ApproveCaseRequest approve;
    approve.set_case_id(d.approved_case);
    nom::Nominee* member = approve.add_nominees();
    member->set_name(member_name);
    member->set_title(d.member_title);
    member->set_email(d.member_email);
    member->set_municipality("Kunta");
    member->set_seat(nom::SEAT_KIND_MEMBER);
    nom::Nominee* deputy = approve.add_nominees();
    deputy->set_name("Varajäsen " + member_name);
    deputy->set_title(d.member_title);
    deputy->set_email(d.deputy_email);
    deputy->set_municipality("Kunta");
    deputy->set_seat(nom::SEAT_KIND_DEPUTY);
    const auto approved = Do<nom::CaseResponse>(approve, director, "nominations");
    ASSERT_EQ(approved.memberships_started_size(), 2);
    d.member_membership = approved.memberships_started(0).membership_id();
    d.deputy_membership = approved.memberships_started(1).membership_id();
  }

  void MakeData() {
    npb::LoadReferenceDataRequest reference;
    reference.set_employment_areas_csv(
        std::string(verkosto::testing::EmbeddedEmploymentAreasCsv()));
    reference.set_municipalities_csv(std::string(verkosto::testing::EmbeddedMunicipalitiesCsv()));
    Do<npb::LoadReferenceDataResponse>(reference, "", "networks");
    MakeNetwork(kNetwork, true, true);
    MakeNetwork("muokattava", false, false);  // edited, proposed, opened by the routes
    MakeNetwork("suljettava", true, true);    // closed by the route
    MakeNetwork("peruttava", false, false);   // cancelled by the route
    ASSERT_NO_FATAL_FAILURE(SyncNominations());

    kainuu_ = AreaData{kKainuu,
                       "Saate Kainuun alueelle",
                       "nelli.nimitetty@kainuu.example.fi",
                       "Verkostovastaava Kainuu",
                       "vara.kainuu@kainuu.example.fi",
                       {},
                       {},
                       {},
                       {},
                       {},
                       {}};
    helsinki_ = AreaData{kHelsinki,
                         "Saate Helsingin alueelle",
                         "olli.muukalainen@helsinki.example.fi",
                         "Verkostovastaava Helsinki",
                         "vara.helsinki@helsinki.example.fi",
                         {},
                         {},
                         {},
                         {},
                         {},
                         {}};
    ASSERT_NO_FATAL_FAILURE(
        MakeArea(kainuu_, "kainuu.kirjaamo", "kainuu.johtaja", "Nelli Nimitetty"));
    ASSERT_NO_FATAL_FAILURE(
        MakeArea(helsinki_, "helsinki.kirjaamo", "helsinki.johtaja", "Olli Muukalainen"));
    ASSERT_NO_FATAL_FAILURE(SyncNotifications());
  }

  const AreaData& DataOf(const std::string& area) const {
    return area == kHelsinki ? helsinki_ : kainuu_;
  }

  // The values a row's placeholders take for a request about `scope`, as
  // `user_id` (empty when not logged in).
  std::map<std::string, std::string> Values(const std::string& route, const AreaData& scope,
                                            const std::string& user_id, bool own) const {
    std::map<std::string, std::string> v = {
        {"area_code", scope.area},
        {"network_code", kNetwork},
        {"case_id", scope.approved_case},
        {"membership_id", scope.member_membership},
        {"email", scope.member_email},
        {"user_id", own && !user_id.empty() ? user_id : "tarkkailija"},
        {"token_id", observer_token_id_},
        {"self", user_id},
        // issue 19: letters (the request letter, in Kainuu's and Helsinki's first language).
        {"kind", "request"},
        {"language", "fi"},
    };
    // Routes that change what they act on get something of their own.
    const auto on = [&](const std::string& path) { return route.find(path) != std::string::npos; };
    if (on("/register")) v["case_id"] = scope.pending_case;
    if (on("/approve") || on("/decline")) v["case_id"] = scope.registered_case;
    if (on("/withdraw") || on("/extend")) v["case_id"] = scope.open_case;
    if (on("/resignation") && !on("/resignation-request")) {
      v["membership_id"] = scope.deputy_membership;
    }
    if (on("/disable")) v["user_id"] = "poistettava";
    if (on("/propose") || on("/open") || route == "PUT /api/v1/networks/{network_code}") {
      v["network_code"] = "muokattava";
    }
    if (on("/close")) v["network_code"] = "suljettava";
    if (on("/cancel")) v["network_code"] = "peruttava";
    return v;
  }

  static std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [name, value] : values) {
      const std::string placeholder = "{" + name + "}";
      for (size_t at = text.find(placeholder); at != std::string::npos;
           at = text.find(placeholder, at + value.size())) {
        text.replace(at, placeholder.size(), value);
      }
    }
    return text;
  }

  // A request body that decodes, for each route that takes one.
  static std::string BodyOf(const std::string& route) {
    static const std::map<std::string, std::string> kBodies = {
        {"POST /api/v1/session", R"({"username":"{self}","password":"demo-salasana-2026"})"},
        {"POST /api/v1/tokens", R"({"label":"authz"})"},
        {"PUT /api/v1/areas/{area_code}/contacts",
         R"({"registry_office":{"name":"Kirjaamo","email":"kirjaamo@example.fi"}})"},
        {"POST /api/v1/reference-data", R"({"employment_areas_csv":"","municipalities_csv":""})"},
        {"POST /api/v1/networks", R"({"definition":{"code":"uusi-verkosto"}})"},
        {"PUT /api/v1/networks/{network_code}", R"({"definition":{"code":"muokattava"}})"},
        {"POST /api/v1/networks/{network_code}/close", R"({"reason":"Valmis"})"},
        {"POST /api/v1/networks/{network_code}/cancel", R"({"reason":"Turha"})"},
        {"POST /api/v1/networks/{network_code}/participation/{area_code}",
         R"({"decision":"PARTICIPATION_DECISION_TAKES_PART"})"},
        {"POST /api/v1/networks/{network_code}/comments",
         R"({"area_code":"{area_code}","text":"Kommentti"})"},
        {"POST /api/v1/networks/{network_code}/requests",
         R"({"area_codes":["{area_code}"],"seats":{"members":1},"deadline":"2026-05-29",)"
         R"("covering_message":"Toinen pyyntö"})"},
        {"POST /api/v1/incoming-requests",
         R"({"network_code":"{network_code}","area_code":"{area_code}","channel":"CHANNEL_LETTER",)"
         R"("sender":"KEHA","subject":"Kirje","date_received":"2026-03-02",)"
         R"("diary_number":"KIRJE/1","organisation":"Kunta","seats":{"members":1}})"},
        {"POST /api/v1/cases/{case_id}/register",
         R"({"date_received":"2026-03-02","organisation":"Kunta","diary_number":"REK/9/2026"})"},
        {"POST /api/v1/cases/{case_id}/approve",
         R"({"nominees":[{"name":"Uusi Jäsen","title":"Asiantuntija",)"
         R"("email":"uusi.jasen@example.fi","municipality":"Kunta","seat":"SEAT_KIND_MEMBER"}]})"},
        {"POST /api/v1/cases/{case_id}/decline", R"({"reason":"Ei resursseja"})"},
        {"POST /api/v1/cases/{case_id}/withdraw", R"({"reason":"Turha"})"},
        {"POST /api/v1/cases/{case_id}/extend", R"({"deadline":"2026-06-30"})"},
        {"POST /api/v1/memberships/{membership_id}/replacement",
         R"({"deadline":"2026-05-29","covering_message":"Seuraaja"})"},
        {"POST /api/v1/memberships/{membership_id}/resignation",
         R"({"date":"2026-03-02","reason":"Uusi työ"})"},
        {"PUT /api/v1/me/contact", R"({"language":"LANGUAGE_FI"})"},
        {"POST /api/v1/me/memberships/{membership_id}/resignation-request",
         R"({"reason":"Muutan ulkomaille"})"},
        // Refused for a missing field once the role may: nothing changes.
        {"POST /api/v1/memberships/{membership_id}/replace",
         R"({"reason":"Uusi tehtävä","successor":{"name":"Seuraaja","title":"Asiantuntija",)"
         R"("email":"seuraaja@example.fi","municipality":"Kunta","seat":"SEAT_KIND_MEMBER"}})"},
        {"POST /api/v1/memberships/{membership_id}/recall", R"({"reason":""})"},
        {"POST /api/v1/cases/{case_id}/paper-answer",
         R"({"channel":"CHANNEL_LETTER","approved":false,"reason":"Ei",)"
         R"("diary_number":"PAPERI/1","decision_date":"2026-03-02","decided_by":"Johtaja"})"},
        {"POST /api/v1/inbox/read", R"({"all":true})"},
        {"PUT /api/v1/preferences", R"({"language":"LANGUAGE_SV"})"},
        {"POST /api/v1/accounts", R"({"account":{"user_id":"uusi.tili","display_name":"Uusi Tili",)"
                                  R"("role":"ROLE_OBSERVER"},"password":"demo-salasana-2026"})"},
        {"POST /api/v1/accounts/{user_id}/disable", R"({"reason":"Lähti"})"},
        {"PUT /api/v1/accounts/{user_id}/password",
         R"({"new_password":"demo-salasana-2026","current_password":"demo-salasana-2026",)"
         R"("reason":"Tarkastus"})"},
    };
    const auto it = kBodies.find(route);
    return it == kBodies.end() ? "{}" : it->second;
  }

  httplib::Result Request(const std::string& method, const std::string& path,
                          const std::string& body, const Session* session) {
    httplib::Headers headers;
    if (session != nullptr) {
      headers.emplace("Cookie", session->cookie);
      headers.emplace("X-CSRF-Token", session->csrf);
    }
    httplib::Client client = Client();
    if (method == "GET") return client.Get(path.c_str(), headers);
    if (method == "POST") return client.Post(path.c_str(), headers, body, "application/json");
    if (method == "PUT") return client.Put(path.c_str(), headers, body, "application/json");
    return client.Delete(path.c_str(), headers);
  }

  // `request` as its route would send it about Kainuu (nothing for an
  // operation without a route): the route's body, and each path placeholder
  // in its field — so that a refusal is about who asks, not a missing id.
  void FillFromRoute(gpb::Message& request) const {
    const auto route = std::find_if(ApiRoutes().begin(), ApiRoutes().end(), [&](const ApiRoute& r) {
      return r.request == request.GetDescriptor();
    });
    if (route == ApiRoutes().end()) return;
    const std::string key = route->method + " " + route->path;
    const auto values = Values(key, kainuu_, "tarkkailija", true);
    if (route->method != "GET" && route->method != "DELETE") {
      ASSERT_TRUE(gpb::util::JsonStringToMessage(Fill(BodyOf(key), values), &request).ok()) << key;
    }
    for (size_t open = route->path.find('{'); open != std::string::npos;
         open = route->path.find('{', open + 1)) {
      const std::string name = route->path.substr(open + 1, route->path.find('}', open) - open - 1);
      gpb::Message* message = &request;
      std::string field = PathField(*route, name);
      for (size_t dot = field.find('.'); dot != std::string::npos; dot = field.find('.')) {
        const gpb::FieldDescriptor* outer =
            message->GetDescriptor()->FindFieldByName(field.substr(0, dot));
        ASSERT_NE(outer, nullptr) << key << " " << field;
        message = message->GetReflection()->MutableMessage(message, outer);
        field = field.substr(dot + 1);
      }
      const gpb::FieldDescriptor* leaf = message->GetDescriptor()->FindFieldByName(field);
      ASSERT_NE(leaf, nullptr) << key << " " << field;
      if (leaf->type() == gpb::FieldDescriptor::TYPE_ENUM) {
        // A path word names an enum value: "request" is LETTER_KIND_REQUEST.
        std::string upper = values.at(name);
        for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        for (int i = 0; i < leaf->enum_type()->value_count(); ++i) {
          const gpb::EnumValueDescriptor* value = leaf->enum_type()->value(i);
          if (value->name().ends_with("_" + upper)) {
            message->GetReflection()->SetEnum(message, leaf, value);
          }
        }
        continue;
      }
      message->GetReflection()->SetString(message, leaf, values.at(name));
    }
  }

  AreaData kainuu_, helsinki_;
  std::string observer_token_id_;
};

// The area-scoped columns of each demo account (and "none" for no login):
// staff of Kainuu and Helsinki run their own area and the other one; the
// staff of Pohjanmaa, where there is no data, run Kainuu's as "other".
struct AccountRun {
  std::string user_id;
  std::string column;  // the table's column
  std::string scope;   // the area whose data the request is about
};

std::vector<AccountRun> Runs() {
  std::vector<AccountRun> runs;
  for (const AccountRecord& a : DemoAccounts()) {
    const std::string role(RoleName(a.role));
    const std::string column = role == "keha_coordinator" ? "keha"
                               : role == "registry_clerk" ? "clerk"
                                                          : role;
    if (a.role == Role::kRegistryClerk || a.role == Role::kAreaDirector ||
        a.role == Role::kAreaDeputy) {
      const std::string own = a.area.value();
      const std::string other = own == kKainuu ? kHelsinki : kKainuu;
      if (own == kKainuu || own == kHelsinki) runs.push_back({a.user_id, column + " own", own});
      runs.push_back({a.user_id, column + " other", other});
    } else if (a.role == Role::kNominee) {
      runs.push_back({a.user_id, "nominee self", kKainuu});  // Nelli is Kainuu's member
      runs.push_back({a.user_id, "nominee other", kHelsinki});
    } else {
      runs.push_back({a.user_id, column, kKainuu});
      runs.push_back({a.user_id, column, kHelsinki});
    }
  }
  runs.push_back({"", "none", kKainuu});
  return runs;
}

TEST_F(AuthorizationTest, TheRouteTableNamesEveryRouteAndEveryRouteKeepsIt) {
  const std::vector<Row> rows = ReadTable("## Routes (JSON API)");
  ASSERT_FALSE(rows.empty()) << "no route table in " << VERKOSTO_AUTHORIZATION_MD;
  std::set<std::string> named;
  for (const Row& row : rows) {
    const std::string route = row.key.substr(0, row.key.find('?'));
    named.insert(route);
    const bool known = std::any_of(ApiRoutes().begin(), ApiRoutes().end(), [&](const ApiRoute& r) {
      return r.method + " " + r.path == route;
    });
    EXPECT_TRUE(known) << "line " << row.line << ": " << route << " is no route of ApiRoutes()";
    EXPECT_EQ(row.cells.size(), RouteColumns().size()) << "line " << row.line;
  }
  for (const ApiRoute& r : ApiRoutes()) {
    EXPECT_EQ(named.count(r.method + " " + r.path), 1u)
        << r.method << " " << r.path << " is missing from docs/authorization.md";
  }

  const std::vector<AccountRun> runs = Runs();
  std::map<std::string, Session> sessions;
  for (const Row& row : rows) {
    if (row.cells.size() != RouteColumns().size()) continue;
    // Logging out and a new password end sessions: each run of such a row
    // logs in afresh, and the rows after it too.
    const bool ends_sessions =
        row.key == "DELETE /api/v1/session" || row.key.find("/password") != std::string::npos;
    if (ends_sessions) sessions.clear();
    const std::string method = row.key.substr(0, row.key.find(' '));
    const std::string route = row.key.substr(0, row.key.find('?'));
    for (const AccountRun& run : runs) {
      const auto column = std::find(RouteColumns().begin(), RouteColumns().end(), run.column) -
                          RouteColumns().begin();
      ASSERT_LT(static_cast<size_t>(column), RouteColumns().size()) << run.column;
      const Expectation want = Parse(row.cells[static_cast<size_t>(column)]);
      const AreaData& scope = DataOf(run.scope);
      const bool own = run.column.find("other") == std::string::npos;
      const auto values = Values(route, scope, run.user_id, own);
      const std::string path = Fill(row.key.substr(row.key.find(' ') + 1), values);
      const std::string body = method == "GET" || method == "DELETE" || run.user_id.empty()
                                   ? std::string()
                                   : Fill(BodyOf(route), values);
      // Logging out, a new password and a disabled account end sessions:
      // the next row logs in again.
      std::optional<Session> session;
      if (!run.user_id.empty()) {
        Session& cached = sessions[run.user_id];
        if (cached.cookie.empty() || ends_sessions) cached = Login(run.user_id);
        session = cached;
      }
      httplib::Result r = Request(method, path, body, session ? &*session : nullptr);
      const std::string where = "line " + std::to_string(row.line) + " " + row.key + " as " +
                                (run.user_id.empty() ? std::string("nobody") : run.user_id) + " (" +
                                run.column + ", " + run.scope + "): ";
      ASSERT_TRUE(r) << where << "no answer";
      if (want.outcome == "ok") {
        EXPECT_TRUE(r->status != 401 && r->status != 403 && r->status != 404)
            << where << r->status << " " << r->body;
      } else {
        EXPECT_EQ(std::to_string(r->status), want.outcome) << where << r->body;
      }
      const bool has_contact = r->body.find(scope.member_email) != std::string::npos ||
                               r->body.find(scope.member_title) != std::string::npos;
      const bool has_case = r->body.find(scope.covering) != std::string::npos;
      if (want.contact != 0) {
        EXPECT_EQ(has_contact, want.contact == 1)
            << where << (has_contact ? "shows contact data" : "contact data missing");
      }
      if (want.case_content != 0) {
        EXPECT_EQ(has_case, want.case_content == 1)
            << where << (has_case ? "shows case content" : "case content missing");
      }
    }
    if (ends_sessions) sessions.clear();
  }
}

TEST(ContactSubjectsTest, NamesEveryoneShownButTheReaderAndTheAreasOfficials) {
  nom::NetworkMatrixResponse matrix;
  nom::MatrixRow* row = matrix.add_rows();
  row->mutable_latest_case()->mutable_decision()->add_nominees()->set_email("Olli@Example.FI");
  row->add_active_memberships()->mutable_person()->set_email("olli@example.fi");
  row->add_active_memberships()->mutable_person()->set_email("nelli@example.fi");
  row->add_active_memberships()->mutable_person()->set_name("Hidden Email");
  EXPECT_EQ(ContactSubjects(matrix, "nelli@example.fi"),
            std::vector<std::string>{"olli@example.fi"});

  notifications::v1::ListDeliveriesResponse deliveries;
  deliveries.add_deliveries()->set_address("b@example.fi");
  deliveries.add_deliveries()->set_address("a@example.fi");
  EXPECT_EQ(ContactSubjects(deliveries, ""),
            (std::vector<std::string>{"a@example.fi", "b@example.fi"}));

  v1::ListAccountsResponse accounts;
  accounts.add_accounts()->set_email("admin@example.fi");
  accounts.add_accounts()->set_email("c@example.fi");
  EXPECT_EQ(ContactSubjects(accounts, "admin@example.fi"),
            std::vector<std::string>{"c@example.fi"});

  // An area's registry and leadership contacts are public officials' work contacts.
  npb::GetAreaResponse area;
  area.mutable_area()->mutable_director()->set_email("johtaja@kainuu.example.fi");
  EXPECT_TRUE(ContactSubjects(area, "").empty());
}

// The two leaks issue 13 found, each on its own: the matrix showed a nominee
// and another area's registry every area's case content and every nominee's
// contact data; memberships by e-mail answered "is this person a member" to
// anyone.
TEST_F(AuthorizationTest, TheMatrixShowsANomineeAndAnotherAreaOnlyWhatTheyNeed) {
  const std::string path = std::string("/api/v1/networks/") + kNetwork + "/matrix";
  for (const std::string user : {"nelli.nimitetty", "helsinki.kirjaamo"}) {
    const bool nelli = user == "nelli.nimitetty";
    const httplib::Result r = Get(Login(user), path);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    nom::NetworkMatrixResponse matrix;
    ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &matrix).ok()) << r->body;
    ASSERT_EQ(matrix.rows_size(), 45);
    for (const nom::MatrixRow& row : matrix.rows()) {
      if (row.area_code() != kKainuu) continue;
      // The state of Kainuu's latest case and its members' names, nothing more.
      EXPECT_EQ(row.latest_case().state(), nom::CASE_STATE_AWAITING_REGISTRATION);
      EXPECT_TRUE(row.latest_case().case_id().empty());
      EXPECT_TRUE(row.latest_case().covering_message().empty());
      ASSERT_EQ(row.active_memberships_size(), 2);
      EXPECT_EQ(row.active_memberships(0).person().name(), "Nelli Nimitetty");
      EXPECT_EQ(row.active_memberships(0).person().email(), nelli ? kainuu_.member_email : "");
      EXPECT_EQ(row.active_memberships(1).person().email(), "") << user;
      EXPECT_EQ(row.active_memberships(1).person().title(), "") << user;
    }
    EXPECT_EQ(matrix.csv().find(kainuu_.deputy_email), std::string::npos) << matrix.csv();
    // Helsinki's own registry sees Helsinki's members' addresses; Nelli does not.
    EXPECT_EQ(matrix.csv().find(helsinki_.member_email) == std::string::npos, nelli)
        << matrix.csv();
  }
}

TEST_F(AuthorizationTest, MembershipsByEmailAnswerOnlyThoseWhoMaySeeThePerson) {
  const std::string about_olli = "/api/v1/memberships?email=" + helsinki_.member_email;
  for (const std::string user : {"nelli.nimitetty", "tarkkailija", "yllapito"}) {
    const httplib::Result r = Get(Login(user), about_olli);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << user << " " << r->body;
    EXPECT_EQ(ErrorOf(r).field(), "email") << r->body;
  }
  // Kainuu's registry looks within Kainuu only: Olli is not there.
  const httplib::Result clerk = Get(Login("kainuu.kirjaamo"), about_olli);
  ASSERT_TRUE(clerk);
  EXPECT_EQ(clerk->status, 200);
  EXPECT_EQ(clerk->body.find(helsinki_.member_email), std::string::npos) << clerk->body;
  // Nelli finds herself.
  const httplib::Result self =
      Get(Login("nelli.nimitetty"), "/api/v1/memberships?email=" + kainuu_.member_email);
  ASSERT_TRUE(self);
  EXPECT_EQ(self->status, 200);
  EXPECT_NE(self->body.find(kainuu_.member_title), std::string::npos) << self->body;
}

// A deputy acts for the director named on their account only while that
// account is an enabled director of the same area.
TEST_F(AuthorizationTest, ADeputyActsOnlyWhileTheirDirectorIsActive) {
  const std::string decline = "/api/v1/cases/" + kainuu_.registered_case + "/decline";
  Session deputy = Login("kainuu.varajohtaja");
  httplib::Result r = Post(deputy, decline, R"({"reason":"Ei resursseja"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  nom::CaseResponse decided;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &decided).ok());
  EXPECT_EQ(decided.case_().decision().decided().user_id(), "kainuu.varajohtaja");
  EXPECT_EQ(decided.case_().decision().decided().on_behalf_of(), "kainuu.johtaja");
  // ... by name, as the gateway read it from the director's account.
  EXPECT_EQ(decided.case_().decision().decided().on_behalf_of_name(), "Juho Johtaja");

  // The director's account is disabled: the mandate ends with it.
  v1::DisableAccountRequest disable;
  disable.set_user_id("kainuu.johtaja");
  disable.set_reason("Siirtyi muihin tehtäviin");
  ASSERT_TRUE(Rpc<v1::DisableAccountResponse>(disable).ok());
  deputy = Login("kainuu.varajohtaja");
  const std::string resign = "/api/v1/memberships/" + kainuu_.deputy_membership + "/resignation";
  r = Post(deputy, resign, R"({"date":"2026-03-02","reason":"Uusi työ"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_EQ(ErrorOf(r).field(), "on_behalf_of") << r->body;
  r = Post(deputy, std::string("/api/v1/networks/") + kNetwork + "/participation/" + kKainuu,
           R"({"decision":"PARTICIPATION_DECISION_DECLINES","reason":"Ei resursseja"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_EQ(ErrorOf(r).field(), "on_behalf_of") << r->body;
  // Reading goes on.
  EXPECT_EQ(Get(deputy, "/api/v1/cases/" + kainuu_.approved_case)->status, 200);

  // Nor can an admin name a director of another area.
  v1::CreateAccountRequest create;
  create.mutable_account()->set_user_id("vara.vaara");
  create.mutable_account()->set_display_name("Vara Väärä");
  create.mutable_account()->set_role(common::v1::ROLE_AREA_DEPUTY);
  create.mutable_account()->set_area(kKainuu);
  create.mutable_account()->set_on_behalf_of("helsinki.johtaja");
  create.set_password(kPassword);
  const auto refused = Rpc<v1::CreateAccountResponse>(create);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "account.on_behalf_of");
}

// Reading another person's contact data leaves a trace the admin can list by
// person; reading one's own, or a page without contact data, does not.
TEST_F(AuthorizationTest, ReadingSomeoneElsesContactDataIsAudited) {
  const std::string matrix = std::string("/api/v1/networks/") + kNetwork + "/matrix";
  ASSERT_EQ(Get(Login("keha.koordinaattori"), matrix)->status, 200);
  ASSERT_EQ(Get(Login("tarkkailija"), matrix)->status, 200);
  ASSERT_EQ(
      Get(Login("nelli.nimitetty"), "/api/v1/memberships?email=" + kainuu_.member_email)->status,
      200);
  const httplib::Result r =
      Get(Login("yllapito"), "/api/v1/audit?subject_user_id=email:" + kainuu_.member_email);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  v1::ListAuditResponse audit;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &audit).ok()) << r->body;
  std::vector<std::string> readers;
  for (const v1::AuditEntry& e : audit.entries()) {
    if (e.action() != "contact_data_read") continue;
    readers.push_back(e.actor_user_id());
    EXPECT_EQ(e.principal(), "gateway");
    EXPECT_NE(e.detail().find("NetworkMatrixRequest"), std::string::npos) << e.detail();
  }
  // KEHA read Nelli's e-mail (the setup's reads were the system's, not a person's).
  EXPECT_EQ(readers, std::vector<std::string>{"keha.koordinaattori"});
}

// Every operation any service registers is in the RPC table, and the
// operator — who reaches the services without the gateway — gets what its
// column says.
TEST_F(AuthorizationTest, TheRpcTableNamesEveryOperationAndTheOperatorKeepsIt) {
  const std::vector<Row> rows = ReadTable("## RPC operations");
  ASSERT_FALSE(rows.empty()) << "no RPC table in " << VERKOSTO_AUTHORIZATION_MD;
  std::map<std::string, const Row*> by_operation;
  for (const Row& row : rows) by_operation[row.key] = &row;
  std::map<std::string, runtime::ServiceRuntime*> services = {
      {"networks", networks_.get()},
      {"nominations", nominations_.get()},
      {"notifications", notifications_.get()},
      {"gateway", gateway_.get()}};
  std::set<std::string> registered;
  for (const auto& [service, rt] : services) {
    for (const auto& [operation, command] : rt->server().Operations()) {
      registered.insert(operation);
      const auto it = by_operation.find(operation);
      if (it == by_operation.end()) {
        ADD_FAILURE() << service << ": " << operation << " is missing from docs/authorization.md";
        continue;
      }
      const Row& row = *it->second;
      ASSERT_GE(row.cells.size(), 2u) << "line " << row.line;
      if (row.cells[0] != service && row.cells[0] != "every service") {
        ADD_FAILURE() << "line " << row.line << ": " << operation << " is served by " << service;
      }
      const Expectation want = Parse(row.cells[1]);
      const gpb::Descriptor* type =
          gpb::DescriptorPool::generated_pool()->FindMessageTypeByName(operation);
      ASSERT_NE(type, nullptr) << operation;
      std::unique_ptr<gpb::Message> request(
          gpb::MessageFactory::generated_factory()->GetPrototype(type)->New());
      FillFromRoute(*request);
      messaging::ClientOptions options;
      options.endpoint = system_.services.at(service).rpc_endpoint;
      options.curve = verkosto::testing::CurveFor(system_, service, kSystem);
      messaging::RpcClient client(zmq_, options);
      const auto answer = client.CallRaw(kSystem, *request);
      const ErrorCode code = answer.ok() ? ErrorCode::kOk : answer.status().code();
      const std::string where =
          "line " + std::to_string(row.line) + " " + operation +
          " as the operator: " + (answer.ok() ? "ok" : answer.status().ToString());
      if (want.outcome == "ok") {
        // An empty request may well be invalid or name nothing: allowed is
        // anything but a refusal.
        EXPECT_NE(code, ErrorCode::kPermissionDenied) << where;
      } else if (want.outcome == "403") {
        EXPECT_EQ(code, ErrorCode::kPermissionDenied) << where;
      } else if (want.outcome == "404") {
        EXPECT_EQ(code, ErrorCode::kNotFound) << where;
      } else {
        ADD_FAILURE() << "line " << row.line << ": operator cell '" << row.cells[1]
                      << "' is none of ok, 403, 404";
      }
    }
  }
  for (const Row& row : rows) {
    EXPECT_EQ(registered.count(row.key), 1u)
        << "line " << row.line << ": " << row.key << " is registered by no service";
  }
}

}  // namespace
}  // namespace verkosto::gateway
