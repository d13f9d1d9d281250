// Every route of the JSON API's table (ApiRoutes()) is reachable: one chain
// over real HTTP — accounts, reference data, a network from draft to closed,
// a nomination request through registry and leadership to memberships, a
// replacement, a resignation, the inbox and e-mail, tokens, the audit — calls
// each route as the role that may, with the ids the chain made, and the test
// fails if any route of the table was never answered 2xx. It also shows that
// links with the legacy form of a case id (e-mails already sent) still open
// the case.
#include <google/protobuf/empty.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gateway/http/api_routes.h"
#include "gateway/http/rpc_gateway_context.h"
#include "gateway_api_fixture.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::gateway {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)
namespace gpb = ::google::protobuf;
namespace npb = ::verkosto::networks::v1;
namespace nom = ::verkosto::nominations::v1;
namespace ntf = ::verkosto::notifications::v1;

constexpr char kNetwork[] = "tavoitettava";
constexpr char kKainuu[] = "kainuu-koillismaa";

// Placeholder name -> value, e.g. {"case_id", "r-….kainuu-koillismaa"}.
using PathValues = std::map<std::string, std::string>;

// The headers that authenticate a cookie session (with its CSRF token).
// An id as it was before the ids changed: '/' between the parts.
std::string LegacyForm(std::string id) {
  std::replace(id.begin(), id.end(), '.', '/');
  return id;
}

// `text` as one URL path segment: every byte but the unreserved ones
// percent-encoded (ids need none; a '/' in one becomes %2F, as a client
// must send it).
std::string PathSegment(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

nom::Nominee Nominee(const std::string& name, const std::string& email, nom::SeatKind seat) {
  nom::Nominee n;
  n.set_name(name);
  n.set_title("Kehittämispäällikkö");
  n.set_email(email);
  n.set_municipality("Kajaani");
  n.set_seat(seat);
  return n;
}

class ApiRoutesReachTest : public GatewayApiFixture {
 protected:
  ApiRoutesReachTest() : GatewayApiFixture(/*with_notifications=*/true) {}

  // A route nobody reached is a route nobody can use: the test fails for
  // each route of the table not answered 2xx, also when the chain stopped
  // early (then the list shows what the chain did not get to).
  void TearDown() override {
    for (const ApiRoute& route : ApiRoutes()) {
      EXPECT_EQ(reached_.count(route.method + " " + route.path), 1u)
          << route.method << " " << route.path << " was never answered 2xx";
    }
    EXPECT_EQ(reached_.size(), ApiRoutes().size());
    GatewayApiFixture::TearDown();
  }

  // Calls the route `method path_template` of ApiRoutes() as `who`: the
  // placeholders filled from `values` (percent-encoded where needed), `query`
  // appended, `body` sent as JSON. Expects a 2xx answer that reads
  // as the route's response message `Resp`; then the route counts as
  // reached. Returns the answer (empty on failure, which is recorded).
  template <typename Resp>
  Resp Reach(const httplib::Headers& who, const std::string& method,
             const std::string& path_template, const PathValues& values = {},
             const std::string& body = {}, const std::string& query = {}) {
    const std::string route = method + " " + path_template;
    const auto& routes = ApiRoutes();
    const auto it = std::find_if(routes.begin(), routes.end(), [&](const ApiRoute& r) {
      return r.method == method && r.path == path_template;
    });
    if (it == routes.end()) {
      ADD_FAILURE() << route << " is not in the route table";
      return Resp{};
    }
    EXPECT_EQ(Resp::descriptor(), it->response) << route;
    std::string path;
    size_t pos = 0;
    for (size_t open = path_template.find('{'); open != std::string::npos;
         open = path_template.find('{', pos)) {
      const size_t close = path_template.find('}', open);
      const std::string name = path_template.substr(open + 1, close - open - 1);
      const auto value = values.find(name);
      if (value == values.end()) {
        ADD_FAILURE() << route << ": no value for {" << name << "}";
        return Resp{};
      }
      path += path_template.substr(pos, open - pos) + PathSegment(value->second);
      pos = close + 1;
    }
    path += path_template.substr(pos);
    if (!query.empty()) path += "?" + query;

    httplib::Client client = Client();
    httplib::Result r = [&] {
      if (method == "GET") return client.Get(path.c_str(), who);
      if (method == "POST") return client.Post(path.c_str(), who, body, "application/json");
      if (method == "PUT") return client.Put(path.c_str(), who, body, "application/json");
      return client.Delete(path.c_str(), who);
    }();
    if (!r) {
      ADD_FAILURE() << route << " (" << path << "): no answer";
      return Resp{};
    }
    last_headers_ = r->headers;
    if (r->status < 200 || r->status > 299) {
      ADD_FAILURE() << route << " (" << path << "): " << r->status << " " << r->body;
      return Resp{};
    }
    Resp answer;
    gpb::util::JsonParseOptions strict;
    strict.ignore_unknown_fields = false;
    if (!gpb::util::JsonStringToMessage(r->body, &answer, strict).ok()) {
      ADD_FAILURE() << route << ": the answer is no " << Resp::descriptor()->full_name() << ": "
                    << r->body;
      return Resp{};
    }
    reached_.insert(route);
    return answer;
  }

  // Issue 19: export. A GET route whose answer is a file, not the route's
  // response message (the records export's JSON or XML): expects 2xx with
  // `content_type`, counts the route as reached, returns the body.
  std::string ReachFile(const httplib::Headers& who, const std::string& path_template,
                        const std::string& path, const std::string& content_type) {
    httplib::Result r = Client().Get(path.c_str(), who);
    if (!r || r->status != 200) {
      ADD_FAILURE() << path << ": "
                    << (r ? std::to_string(r->status) + " " + r->body : "no answer");
      return {};
    }
    EXPECT_EQ(r->get_header_value("Content-Type").rfind(content_type, 0), 0u) << path;
    reached_.insert("GET " + path_template);
    return r->body;
  }

  // Logs in over POST /api/v1/session (a route of the table too).
  Session LogIn(const std::string& user) {
    v1::ApiLoginRequest login;
    login.set_username(user);
    login.set_password(kPassword);
    const auto session =
        Reach<v1::ApiSessionResponse>({}, "POST", "/api/v1/session", {}, Json(login));
    Session s;
    for (const auto& [name, value] : last_headers_) {
      if (name == "Set-Cookie" && value.rfind(std::string(kSessionCookie) + "=", 0) == 0) {
        s.cookie = value.substr(0, value.find(';'));
      }
    }
    EXPECT_FALSE(s.cookie.empty()) << user << " got no session cookie";
    s.csrf = session.csrf_token();
    return s;
  }

  // A web page (not the API) as `who`.
  httplib::Result Page(const Session& who, const std::string& path) {
    return Client().Get(path.c_str(), httplib::Headers{{"Cookie", who.cookie}});
  }

  httplib::Headers last_headers_;
  std::set<std::string> reached_;  // "METHOD /api/v1/..." of each route answered 2xx
};

// The chain, one step per role, in the order the roles act.
TEST_F(ApiRoutesReachTest, EveryRouteOfTheTableAnswersWithRealIds) {
  AddAccount("yllapito", "Ylla Pito", common::v1::ROLE_ADMIN, "");
  AddAccount("kirjaamo.kainuu", "Kaija Kirjaamo", common::v1::ROLE_REGISTRY_CLERK, kKainuu);
  const PathValues kainuu = {{"area_code", kKainuu}};
  const PathValues network = {{"network_code", kNetwork}};
  const PathValues network_kainuu = {{"network_code", kNetwork}, {"area_code", kKainuu}};

  // The admin: reference data and Kainuu's contacts.
  const Session admin = LogIn("yllapito");
  EXPECT_EQ(Reach<v1::ApiSessionResponse>(As(admin), "GET", "/api/v1/session").account().user_id(),
            "yllapito");
  npb::LoadReferenceDataRequest reference;
  reference.set_employment_areas_csv(std::string(verkosto::testing::EmbeddedEmploymentAreasCsv()));
  reference.set_municipalities_csv(std::string(verkosto::testing::EmbeddedMunicipalitiesCsv()));
  Reach<npb::LoadReferenceDataResponse>(As(admin), "POST", "/api/v1/reference-data", {},
                                        Json(reference));
  npb::SetAreaContactsRequest contacts;
  contacts.mutable_registry_office()->set_name("Kainuun kirjaamo");
  contacts.mutable_registry_office()->set_email("kirjaamo@kainuu.example.fi");
  contacts.mutable_director()->set_name("Juha Johtaja");
  contacts.mutable_director()->set_email("johtaja@kainuu.example.fi");
  contacts.mutable_deputy()->set_name("Veera Varajohtaja");
  contacts.mutable_deputy()->set_email("varajohtaja@kainuu.example.fi");
  Reach<npb::SetAreaContactsResponse>(As(admin), "PUT", "/api/v1/areas/{area_code}/contacts",
                                      kainuu, Json(contacts));

  // KEHA: the area directory, then a network from draft to open.
  const Session keha = LogIn("keha.koordinaattori");
  EXPECT_EQ(Reach<npb::ListAreasResponse>(As(keha), "GET", "/api/v1/areas").areas_size(), 45);
  EXPECT_EQ(Reach<npb::GetAreaResponse>(As(keha), "GET", "/api/v1/areas/{area_code}", kainuu)
                .area()
                .code(),
            kKainuu);
  EXPECT_EQ(Reach<npb::FindAreaResponse>(As(keha), "GET", "/api/v1/area-of-municipality", {}, {},
                                         "municipality=Kajaani")
                .area()
                .code(),
            kKainuu);
  Reach<npb::GetBurdenResponse>(As(keha), "GET", "/api/v1/areas/{area_code}/burden", kainuu);
  Reach<npb::NetworkResponse>(As(keha), "POST", "/api/v1/networks", {},
                              CreateBody(Complete(kNetwork)));
  npb::UpdateNetworkRequest update;
  *update.mutable_definition() = Complete(kNetwork);
  update.mutable_definition()->add_goals("Tavoittaa jokainen reitti");
  Reach<npb::NetworkResponse>(As(keha), "PUT", "/api/v1/networks/{network_code}",
                              {{"network_code", kNetwork}}, Json(update));
  EXPECT_EQ(Reach<npb::ListNetworksResponse>(As(keha), "GET", "/api/v1/networks", {}, {},
                                             "status=NETWORK_STATUS_DRAFT")
                .networks_size(),
            1);
  Reach<npb::NetworkResponse>(As(keha), "POST", "/api/v1/networks/{network_code}/propose", network);

  // Kainuu's director comments and takes part.
  const Session director = LogIn("johtaja.kainuu");
  npb::AddCommentRequest comment;
  comment.set_area_code(kKainuu);
  comment.set_text("Kainuu osallistuu mielellään.");
  Reach<npb::AddCommentResponse>(As(director), "POST", "/api/v1/networks/{network_code}/comments",
                                 network, Json(comment));
  EXPECT_EQ(Reach<npb::ListCommentsResponse>(As(keha), "GET",
                                             "/api/v1/networks/{network_code}/comments", network)
                .comments(0)
                .text(),
            comment.text());
  npb::DecideParticipationRequest takes_part;
  takes_part.set_decision(npb::PARTICIPATION_DECISION_TAKES_PART);
  Reach<npb::DecideParticipationResponse>(
      As(director), "POST", "/api/v1/networks/{network_code}/participation/{area_code}",
      network_kainuu, Json(takes_part));
  EXPECT_EQ(Reach<npb::GetParticipationHistoryResponse>(
                As(director), "GET", "/api/v1/networks/{network_code}/participation/{area_code}",
                network_kainuu)
                .decisions_size(),
            1);

  Reach<npb::NetworkResponse>(As(keha), "POST", "/api/v1/networks/{network_code}/open", network);
  const auto opened =
      Reach<npb::GetNetworkResponse>(As(keha), "GET", "/api/v1/networks/{network_code}", network);
  EXPECT_EQ(opened.network().status(), npb::NETWORK_STATUS_OPEN);
  // The versions route pages through what GetNetwork counts.
  EXPECT_EQ(Reach<npb::ListVersionsResponse>(As(keha), "GET",
                                             "/api/v1/networks/{network_code}/versions", network)
                .versions_size(),
            static_cast<int>(opened.versions_total()));
  ASSERT_NO_FATAL_FAILURE(SyncNominations());  // nominations learns the network is open

  // KEHA sends three requests to Kainuu: to approve, to decline, to withdraw.
  nom::SendRequestRequest send;
  send.add_area_codes(kKainuu);
  send.mutable_seats()->set_members(1);
  send.mutable_seats()->set_deputies(1);
  send.set_deadline("2026-04-30");
  send.set_covering_message("Pyydämme nimeämään edustajat.");
  send.set_keha_diary_number("KEHA/7/2026");
  std::vector<std::string> cases;
  for (int i = 0; i < 3; ++i) {
    const auto sent = Reach<nom::SendRequestResponse>(
        As(keha), "POST", "/api/v1/networks/{network_code}/requests", network, Json(send));
    ASSERT_EQ(sent.cases_size(), 1);
    EXPECT_EQ(sent.cases(0).case_id(), sent.request_id() + "." + kKainuu);
    cases.push_back(sent.cases(0).case_id());
  }
  const PathValues to_approve = {{"case_id", cases[0]}};
  const PathValues to_decline = {{"case_id", cases[1]}};
  const PathValues to_withdraw = {{"case_id", cases[2]}};

  // Kainuu's registry registers two and logs a letter.
  const Session clerk = LogIn("kirjaamo.kainuu");
  EXPECT_EQ(Reach<nom::CaseListResponse>(As(clerk), "GET", "/api/v1/registry/inbox").cases_size(),
            3);
  nom::RegisterCaseRequest reg;
  reg.set_date_received("2026-03-02");
  reg.set_organisation("Kajaanin kaupunki");
  reg.set_diary_number("KAI/1/2026");
  Reach<nom::CaseResponse>(As(clerk), "POST", "/api/v1/cases/{case_id}/register", to_approve,
                           Json(reg));
  reg.set_diary_number("KAI/2/2026");
  Reach<nom::CaseResponse>(As(clerk), "POST", "/api/v1/cases/{case_id}/register", to_decline,
                           Json(reg));
  nom::LogIncomingRequestRequest letter;
  letter.set_network_code(kNetwork);
  letter.set_area_code(kKainuu);
  letter.set_channel(nom::CHANNEL_LETTER);
  letter.set_sender("KEHA-keskus");
  letter.set_subject("Nimeämispyyntö kirjeitse");
  letter.set_date_received("2026-03-02");
  letter.set_diary_number("KAI/3/2026");
  letter.set_organisation("Kajaanin kaupunki");
  letter.mutable_seats()->set_members(1);
  Reach<nom::CaseResponse>(As(clerk), "POST", "/api/v1/incoming-requests", {}, Json(letter));
  EXPECT_EQ(Reach<nom::CaseListResponse>(As(clerk), "GET", "/api/v1/registry/journal", {}, {},
                                         "search=KAI")
                .cases_size(),
            3);

  // Kainuu's director approves one (two memberships) and declines one.
  EXPECT_EQ(
      Reach<nom::CaseListResponse>(As(director), "GET", "/api/v1/director/inbox").cases_size(), 3);
  EXPECT_EQ(Reach<nom::CaseResponse>(As(director), "GET", "/api/v1/cases/{case_id}", to_approve)
                .case_()
                .registration()
                .diary_number(),
            "KAI/1/2026");
  nom::ApproveCaseRequest approve;
  *approve.add_nominees() =
      Nominee("Anna Aalto", "anna.aalto@kajaani.example.fi", nom::SEAT_KIND_MEMBER);
  *approve.add_nominees() =
      Nominee("Bertil Berg", "bertil.berg@kuhmo.example.fi", nom::SEAT_KIND_DEPUTY);
  const auto approved = Reach<nom::CaseResponse>(
      As(director), "POST", "/api/v1/cases/{case_id}/approve", to_approve, Json(approve));
  ASSERT_EQ(approved.memberships_started_size(), 2);
  const std::string member = approved.memberships_started(0).membership_id();
  const std::string deputy = approved.memberships_started(1).membership_id();
  EXPECT_EQ(member, cases[0] + ".1");
  EXPECT_EQ(deputy, cases[0] + ".2");
  nom::DeclineCaseRequest decline;
  decline.set_reason("Ei sopivaa edustajaa nyt");
  Reach<nom::CaseResponse>(As(director), "POST", "/api/v1/cases/{case_id}/decline", to_decline,
                           Json(decline));
  // Issue 18: the approved case's history, as its director reads it.
  const auto history = Reach<nom::ListCaseHistoryResponse>(
      As(director), "GET", "/api/v1/cases/{case_id}/history", to_approve, {}, "page_size=2");
  ASSERT_EQ(history.acts_size(), 2);
  EXPECT_EQ(history.acts(0).kind(), "sent");
  EXPECT_EQ(history.acts(0).keha_diary_number(), "KEHA/7/2026");
  EXPECT_EQ(history.acts(1).kind(), "registered");
  EXPECT_EQ(history.acts(1).diary_number(), "KAI/1/2026");
  EXPECT_FALSE(history.next_page_token().empty());
  // Issue 19: the approved case's letters, listed as JSON and each
  // downloaded as its PDF, the same bytes with the sha256 as ETag.
  const auto letters = Reach<nom::ListCaseLettersResponse>(
      As(director), "GET", "/api/v1/cases/{case_id}/letters", to_approve);
  ASSERT_EQ(letters.letters_size(), 3);
  EXPECT_EQ(letters.letters(0).kind(), nom::LETTER_KIND_REQUEST);
  EXPECT_EQ(letters.letters(1).kind(), nom::LETTER_KIND_ACKNOWLEDGEMENT);
  EXPECT_EQ(letters.letters(2).kind(), nom::LETTER_KIND_DECISION);
  for (const nom::CaseLetter& l : letters.letters()) {
    const std::string kind = l.kind() == nom::LETTER_KIND_REQUEST           ? "request"
                             : l.kind() == nom::LETTER_KIND_ACKNOWLEDGEMENT ? "acknowledgement"
                                                                            : "decision";
    const std::string path =
        "/api/v1/cases/" + cases[0] + "/letters/" + kind + "-" + l.language() + ".pdf";
    httplib::Result pdf = Client().Get(path.c_str(), As(director));
    ASSERT_TRUE(pdf) << path;
    ASSERT_EQ(pdf->status, 200) << path << " " << pdf->body;
    EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf->get_header_value("Content-Disposition"),
              "attachment; filename=\"" + l.filename() + "\"");
    EXPECT_EQ(pdf->get_header_value("ETag"), "\"" + l.sha256() + "\"");
    EXPECT_EQ(pdf->body.size(), l.size_bytes());
    EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
    httplib::Result again = Client().Get(path.c_str(), As(director));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->body, pdf->body) << "the same bytes every time";
  }
  reached_.insert("GET /api/v1/cases/{case_id}/letters/{kind}-{language}.pdf");
  // A letter the case does not have: JSON 404.
  httplib::Result missing =
      Client().Get(("/api/v1/cases/" + cases[0] + "/letters/request-sv.pdf").c_str(), As(director));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404) << "Kainuu writes in Finnish only: " << missing->body;
  EXPECT_NE(missing->body.find("not_found"), std::string::npos) << missing->body;
  // The case page lists them ("Kirjeet") and the web route downloads them.
  httplib::Result case_page = Page(director, "/cases/" + cases[0]);
  ASSERT_TRUE(case_page);
  EXPECT_NE(case_page->body.find("Kirjeet"), std::string::npos);
  EXPECT_NE(case_page->body.find("/cases/" + cases[0] + "/letters/decision-fi.pdf"),
            std::string::npos);
  EXPECT_NE(case_page->body.find(letters.letters(2).sha256().substr(0, 12)), std::string::npos);
  httplib::Result web_pdf = Page(director, "/cases/" + cases[0] + "/letters/decision-fi.pdf");
  ASSERT_TRUE(web_pdf);
  EXPECT_EQ(web_pdf->status, 200);
  EXPECT_EQ(web_pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(web_pdf->get_header_value("Content-Disposition"),
            "attachment; filename=\"" + letters.letters(2).filename() + "\"");
  EXPECT_EQ(web_pdf->get_header_value("ETag"), "\"" + letters.letters(2).sha256() + "\"");
  EXPECT_EQ(web_pdf->body.size(), letters.letters(2).size_bytes());
  httplib::Result web_missing = Page(director, "/cases/" + cases[1] + "/letters/decision-sv.pdf");
  ASSERT_TRUE(web_missing);
  EXPECT_EQ(web_missing->status, 404);
  // Issue 19: export. The approved case's record in both formats, and
  // Kainuu's records of the case's month, as the area's registry clerk.
  const std::string record_json =
      ReachFile(As(clerk), "/api/v1/cases/{case_id}/record",
                "/api/v1/cases/" + cases[0] + "/record", "application/json");
  EXPECT_NE(record_json.find("\"diary_number\":\"KAI/1/2026\""), std::string::npos) << record_json;
  EXPECT_NE(record_json.find("\"keha_diary_number\":\"KEHA/7/2026\""), std::string::npos);
  EXPECT_NE(record_json.find("\"name\":\"Anna Aalto\""), std::string::npos);
  EXPECT_EQ(record_json.find('@'), std::string::npos) << "never an e-mail";
  const std::string record_xml =
      ReachFile(As(clerk), "/api/v1/cases/{case_id}/record",
                "/api/v1/cases/" + cases[0] + "/record?format=xml", "application/xml");
  EXPECT_NE(record_xml.find("<Identifier organisation=\"area\">KAI/1/2026</Identifier>"),
            std::string::npos)
      << record_xml;
  const std::string case_opened = [&] {
    const size_t at = record_json.find("\"opened\":\"") + 10;
    return record_json.substr(at, 10);
  }();
  const std::string area_xml =
      ReachFile(As(clerk), "/api/v1/areas/{area_code}/records",
                "/api/v1/areas/" + std::string(kKainuu) + "/records?from=" + case_opened +
                    "&to=" + case_opened + "&format=xml",
                "application/xml");
  (void)area_xml;
  {
    httplib::Headers accept_xml = As(keha);
    accept_xml.emplace("Accept", "application/xml");
    const std::string by_accept =
        ReachFile(accept_xml, "/api/v1/areas/{area_code}/records",
                  "/api/v1/areas/" + std::string(kKainuu) + "/records?from=" + case_opened +
                      "&to=" + case_opened + "&page_size=1",
                  "application/xml");
    EXPECT_NE(by_accept.find("<NativeId>"), std::string::npos) << by_accept;
    const std::string json_page =
        ReachFile(As(keha), "/api/v1/areas/{area_code}/records",
                  "/api/v1/areas/" + std::string(kKainuu) + "/records?from=" + case_opened +
                      "&to=" + case_opened + "&format=json&page_size=1",
                  "application/json");
    EXPECT_NE(json_page.find("\"next_page_token\":\""), std::string::npos);
    EXPECT_EQ(json_page.find("\"next_page_token\":\"\""), std::string::npos)
        << "two cases of the month, one a page: " << json_page;
  }
  // Bad input names the field.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"from=2026-13-01&to=2026-12-31", "from"},
           {"from=2026-03-02&to=2026-03-01", "to"},
           {"from=2026-01-01&to=2027-06-01", "to"},
           {"from=" + case_opened + "&to=" + case_opened + "&format=pdf", "format"}}) {
    httplib::Result bad = Client().Get(
        ("/api/v1/areas/" + std::string(kKainuu) + "/records?" + query).c_str(), As(clerk));
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400) << query << " " << bad->body;
    EXPECT_NE(bad->body.find("\"field\":\"" + field + "\""), std::string::npos)
        << query << " " << bad->body;
  }
  // The national view: Kainuu's cell of the network names the two members.
  const auto national =
      Reach<nom::NationalViewResponse>(As(keha), "GET", "/api/v1/national-view", {}, {},
                                       "status=open&area_code=" + std::string(kKainuu));
  int named = -1;
  for (const nom::NationalViewCell& cell : national.cells()) {
    if (cell.network_code() == kNetwork) named = cell.members_size();
  }
  EXPECT_EQ(named, 2);
  // KEHA's desk (issue 18) counts the approved case among every area's.
  EXPECT_GE(Reach<nom::DeskResponse>(As(keha), "GET", "/api/v1/desk").approved(), 1u);

  // KEHA extends and withdraws the third, and asks a successor for the member.
  nom::ExtendDeadlineRequest extend;
  extend.set_deadline("2026-05-29");
  Reach<nom::CaseResponse>(As(keha), "POST", "/api/v1/cases/{case_id}/extend", to_withdraw,
                           Json(extend));
  nom::WithdrawCaseRequest withdraw;
  withdraw.set_reason("Lähetetty kahdesti");
  Reach<nom::CaseResponse>(As(keha), "POST", "/api/v1/cases/{case_id}/withdraw", to_withdraw,
                           Json(withdraw));
  EXPECT_EQ(Reach<nom::ListMembershipsResponse>(As(keha), "GET", "/api/v1/memberships", {}, {},
                                                std::string("network_code=") + kNetwork)
                .memberships_size(),
            2);
  nom::RequestReplacementRequest replacement;
  replacement.set_deadline("2026-04-30");
  replacement.set_covering_message("Nimetkää seuraaja");
  EXPECT_EQ(
      Reach<nom::CaseResponse>(As(keha), "POST", "/api/v1/memberships/{membership_id}/replacement",
                               {{"membership_id", member}}, Json(replacement))
          .case_()
          .replaced_membership_id(),
      member);

  // The deputy, as a nominee: their memberships, a contact correction (a new
  // e-mail moves memberships and account), a request to resign; a second
  // nominee and the observer are refused.
  AddAccount("bertil.berg", "Bertil Berg", common::v1::ROLE_NOMINEE, "",
             "bertil.berg@kuhmo.example.fi");
  AddAccount("toinen.nimetty", "Toinen Nimetty", common::v1::ROLE_NOMINEE, "",
             "toinen@kuhmo.example.fi");
  const Session bertil = LogIn("bertil.berg");
  const auto mine =
      Reach<nom::ListMyMembershipsResponse>(As(bertil), "GET", "/api/v1/me/memberships");
  ASSERT_EQ(mine.memberships_size(), 1);
  EXPECT_EQ(mine.memberships(0).membership().membership_id(), deputy);
  EXPECT_EQ(mine.memberships(0).membership().diary_number(), "KAI/1/2026");
  EXPECT_FALSE(mine.memberships(0).membership().decided().name().empty());
  EXPECT_GT(mine.memberships(0).goals_size(), 0);
  nom::CorrectMyContactRequest contact;
  contact.set_title("Kehittämispäällikkö");
  contact.set_email("Bertil.Berg@Kainuu.example.fi");
  contact.set_language(common::v1::LANGUAGE_SV);
  const auto corrected = Reach<nom::CorrectMyContactResponse>(
      As(bertil), "PUT", "/api/v1/me/contact", {}, Json(contact));
  ASSERT_EQ(corrected.memberships_size(), 1);
  EXPECT_EQ(corrected.memberships(0).person().email(), "bertil.berg@kainuu.example.fi");
  // The same again: nothing more changes, and the account has the new address.
  Reach<nom::CorrectMyContactResponse>(As(bertil), "PUT", "/api/v1/me/contact", {}, Json(contact));
  const auto session = Client().Get("/api/v1/session", As(bertil));
  ASSERT_TRUE(session);
  EXPECT_NE(session->body.find("bertil.berg@kainuu.example.fi"), std::string::npos)
      << session->body;
  EXPECT_EQ(Reach<nom::ListMyMembershipsResponse>(As(bertil), "GET", "/api/v1/me/memberships")
                .memberships_size(),
            1);
  nom::RequestResignationRequest ask;
  ask.set_reason("Uusi työ");
  const auto asked = Reach<nom::ResignationRequestResponse>(
      As(bertil), "POST", "/api/v1/me/memberships/{membership_id}/resignation-request",
      {{"membership_id", deputy}}, Json(ask));
  EXPECT_EQ(asked.request().state(), nom::RESIGNATION_REQUEST_STATE_PENDING);
  {
    const Session other = LogIn("toinen.nimetty");
    const auto refused =
        Client().Post(("/api/v1/me/memberships/" + member + "/resignation-request").c_str(),
                      As(other), Json(ask), "application/json");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403) << refused->body;
    const auto none = Client().Get("/api/v1/me/memberships", As(other));
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 200);
    EXPECT_EQ(none->body.find(deputy), std::string::npos) << none->body;
    const auto director_mine = Client().Get("/api/v1/me/memberships", As(director));
    ASSERT_TRUE(director_mine);
    EXPECT_EQ(director_mine->status, 403);
    // The nominee cannot record their own resignation (rule 3).
    nom::RecordResignationRequest self;
    self.set_date("2026-03-02");
    const auto own = Client().Post(("/api/v1/memberships/" + deputy + "/resignation").c_str(),
                                   As(bertil), Json(self), "application/json");
    ASSERT_TRUE(own);
    EXPECT_EQ(own->status, 403) << own->body;
  }
  const auto pending =
      Reach<nom::PendingResignationsResponse>(As(director), "GET", "/api/v1/resignation-requests");
  ASSERT_EQ(pending.requests_size(), 1);
  EXPECT_EQ(pending.requests(0).membership_id(), deputy);
  EXPECT_EQ(pending.requests(0).reason(), "Uusi työ");

  // The director records that the deputy resigned, which closes the request.
  nom::RecordResignationRequest resign;
  resign.set_date("2026-03-02");
  resign.set_reason("Uusi työ");
  EXPECT_FALSE(Reach<nom::MembershipResponse>(As(director), "POST",
                                              "/api/v1/memberships/{membership_id}/resignation",
                                              {{"membership_id", deputy}}, Json(resign))
                   .membership()
                   .ended()
                   .empty());
  EXPECT_EQ(
      Reach<nom::PendingResignationsResponse>(As(director), "GET", "/api/v1/resignation-requests")
          .requests_size(),
      0);
  EXPECT_EQ(Reach<nom::ListMyMembershipsResponse>(As(bertil), "GET", "/api/v1/me/memberships")
                .memberships(0)
                .resignation_request()
                .state(),
            nom::RESIGNATION_REQUEST_STATE_RECORDED);
  // The director replaces the member by naming a successor, then recalls the
  // successor (issue 17); KEHA records an answer that came by letter.
  nom::ReplaceMemberRequest replace;
  *replace.mutable_successor() =
      Nominee("Cecilia Carlsson", "cecilia.carlsson@kajaani.example.fi", nom::SEAT_KIND_MEMBER);
  replace.set_reason("Anna siirtyi toisiin tehtäviin");
  replace.set_diary_number("KAI/4/2026");
  const auto replaced =
      Reach<nom::CaseResponse>(As(director), "POST", "/api/v1/memberships/{membership_id}/replace",
                               {{"membership_id", member}}, Json(replace));
  EXPECT_TRUE(replaced.case_().started_by_area());
  ASSERT_EQ(replaced.memberships_started_size(), 1);
  nom::RecallMemberRequest recall;
  recall.set_reason("Tehtävä lakkautettiin");
  EXPECT_EQ(Reach<nom::MembershipResponse>(
                As(director), "POST", "/api/v1/memberships/{membership_id}/recall",
                {{"membership_id", replaced.memberships_started(0).membership_id()}}, Json(recall))
                .membership()
                .end_reason(),
            nom::END_REASON_RECALLED);
  const auto to_paper = Reach<nom::SendRequestResponse>(
      As(keha), "POST", "/api/v1/networks/{network_code}/requests", network, Json(send));
  ASSERT_EQ(to_paper.cases_size(), 1);
  nom::RecordPaperAnswerRequest paper;
  paper.set_channel(nom::CHANNEL_LETTER);
  paper.set_approved(true);
  *paper.add_nominees() =
      Nominee("Eino Esimerkki", "eino.esimerkki@kajaani.example.fi", nom::SEAT_KIND_MEMBER);
  paper.set_diary_number("KAI/5/2026");
  paper.set_decision_date("2026-03-02");
  paper.set_decided_by("Kaisa Kainuulainen, johtaja");
  const auto from_letter =
      Reach<nom::CaseResponse>(As(keha), "POST", "/api/v1/cases/{case_id}/paper-answer",
                               {{"case_id", to_paper.cases(0).case_id()}}, Json(paper));
  EXPECT_EQ(from_letter.case_().decision().channel(), nom::CHANNEL_LETTER);
  EXPECT_EQ(from_letter.memberships_started_size(), 1);

  EXPECT_EQ(Reach<nom::NetworkMatrixResponse>(As(keha), "GET",
                                              "/api/v1/networks/{network_code}/matrix", network)
                .rows_size(),
            45);

  // The inbox and e-mail, once notifications has read the events.
  ASSERT_NO_FATAL_FAILURE(SyncNotifications());
  const auto inbox = Reach<ntf::ListInboxResponse>(As(director), "GET", "/api/v1/inbox");
  ASSERT_GT(inbox.items_size(), 0);
  ntf::MarkReadRequest read;
  read.add_ids(inbox.items(0).id());
  EXPECT_EQ(Reach<ntf::MarkReadResponse>(As(director), "POST", "/api/v1/inbox/read", {}, Json(read))
                .marked(),
            1u);
  EXPECT_GT(Reach<ntf::GetPreferencesResponse>(As(director), "GET", "/api/v1/preferences")
                .preferences_size(),
            0);
  ntf::SetPreferencesRequest swedish;
  swedish.set_language(common::v1::LANGUAGE_SV);
  Reach<ntf::SetPreferencesResponse>(As(director), "PUT", "/api/v1/preferences", {}, Json(swedish));
  EXPECT_GT(
      Reach<ntf::ListDeliveriesResponse>(As(admin), "GET", "/api/v1/deliveries").deliveries_size(),
      0);
  // The public catalogue's announcements, without a login: the standard plan
  // announces the opening.
  EXPECT_GT(Reach<ntf::ListAnnouncementsResponse>(
                {}, "GET", "/api/v1/networks/{network_code}/announcements", network)
                .items_size(),
            0);

  // The e-mail link to the approved case opens it; so does the same link in
  // the legacy form, as e-mails sent before the ids changed carry it.
  std::string link;
  for (const ntf::InboxItem& item : inbox.items()) {
    if (item.case_id() != cases[0]) continue;
    link = item.link();
    // The message's e-mail text carries the same link, absolute.
    EXPECT_NE(item.body_text().find(system_.notifications.web_base_url + link), std::string::npos)
        << item.body_text();
  }
  ASSERT_EQ(link, "/cases/" + cases[0]);
  for (const std::string& path : {link, LegacyForm(link)}) {
    httplib::Result page = Page(keha, path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->status, 200) << path;
    EXPECT_NE(page->body.find("KAI/1/2026"), std::string::npos) << path;
    EXPECT_NE(page->body.find("Anna Aalto"), std::string::npos) << path;
  }
  // The service itself reads the legacy form too.
  nom::GetCaseRequest legacy_get;
  legacy_get.set_case_id(LegacyForm(cases[0]));
  auto by_legacy_id = Rpc<nom::CaseResponse>(legacy_get, kKeha, "nominations");
  ASSERT_TRUE(by_legacy_id.ok()) << by_legacy_id.status().ToString();
  EXPECT_EQ(by_legacy_id->case_().case_id(), cases[0]);

  // An API token, and a call with it instead of the cookie.
  v1::ApiCreateTokenRequest token_request;
  token_request.set_label("reitit");
  const auto drawn =
      Reach<v1::ApiTokenResponse>(As(keha), "POST", "/api/v1/tokens", {}, Json(token_request));
  const std::string& token = drawn.token();
  ASSERT_EQ(token.rfind("vkt_", 0), 0u);
  EXPECT_EQ(Reach<nom::CaseResponse>({{"Authorization", "Bearer " + token}}, "GET",
                                     "/api/v1/cases/{case_id}", to_decline)
                .case_()
                .state(),
            nom::CASE_STATE_DECLINED);
  // The person lists their tokens and revokes the one just used.
  const auto tokens = Reach<v1::ListApiTokensResponse>(As(keha), "GET", "/api/v1/tokens");
  ASSERT_EQ(tokens.tokens_size(), 1);
  EXPECT_EQ(tokens.tokens(0).label(), "reitit");
  EXPECT_TRUE(Reach<v1::RevokeApiTokenResponse>(As(keha), "DELETE", "/api/v1/tokens/{token_id}",
                                                {{"token_id", drawn.token_id()}})
                  .changed());
  EXPECT_EQ(Client().Get("/api/v1/session", {{"Authorization", "Bearer " + token}})->status, 401);

  // The admin manages an account and reads the audit.
  v1::CreateAccountRequest create;
  create.mutable_account()->set_user_id("sijainen.kirjaamo");
  create.mutable_account()->set_display_name("Sini Sijainen");
  create.mutable_account()->set_role(common::v1::ROLE_REGISTRY_CLERK);
  create.mutable_account()->set_area(kKainuu);
  create.set_password(kPassword);
  Reach<v1::CreateAccountResponse>(As(admin), "POST", "/api/v1/accounts", {}, Json(create));
  // 5, and the two nominees of the self-service steps.
  EXPECT_EQ(Reach<v1::ListAccountsResponse>(As(admin), "GET", "/api/v1/accounts").accounts_size(),
            7);
  const PathValues account = {{"user_id", "sijainen.kirjaamo"}};
  v1::SetPasswordRequest password;
  password.set_new_password("toinen-salasana-2026");
  password.set_reason("Unohtunut salasana");
  Reach<v1::SetPasswordResponse>(As(admin), "PUT", "/api/v1/accounts/{user_id}/password", account,
                                 Json(password));
  v1::DisableAccountRequest disable;
  disable.set_reason("Sijaisuus päättyi");
  Reach<v1::DisableAccountResponse>(As(admin), "POST", "/api/v1/accounts/{user_id}/disable",
                                    account, Json(disable));
  const auto audit = Reach<v1::ListAuditResponse>(As(admin), "GET", "/api/v1/audit", {}, {},
                                                  "subject_user_id=sijainen.kirjaamo");
  std::vector<std::string> actions;
  for (const auto& e : audit.entries()) actions.push_back(e.action());
  EXPECT_EQ(actions,
            (std::vector<std::string>{"account_disabled", "password_reset", "account_created"}));

  // KEHA renews the network and asks Kainuu to confirm its sitting members;
  // the registry registers the request and the director confirms them all.
  npb::RenewNetworkRequest renew;
  *renew.mutable_definition() = Complete(kNetwork);
  renew.mutable_definition()->mutable_term()->set_start_date("2027-01-01");
  renew.mutable_definition()->mutable_term()->set_end_date("2028-12-31");
  renew.set_reason("Toimikausi jatkuu");
  EXPECT_EQ(Reach<npb::NetworkResponse>(As(keha), "POST", "/api/v1/networks/{network_code}/renew",
                                        network, Json(renew))
                .network()
                .next_term()
                .term()
                .start_date(),
            "2027-01-01");
  ASSERT_NO_FATAL_FAILURE(SyncNominations());  // nominations learns the renewal
  nom::SendConfirmationRequestsRequest confirmations;
  confirmations.set_deadline("2026-04-30");
  const auto confirming = Reach<nom::SendRequestResponse>(
      As(keha), "POST", "/api/v1/networks/{network_code}/confirmation-requests", network,
      Json(confirmations));
  ASSERT_EQ(confirming.cases_size(), 1);
  const PathValues to_confirm = {{"case_id", confirming.cases(0).case_id()}};
  reg.set_diary_number("KAI/9/2026");
  Reach<nom::CaseResponse>(As(clerk), "POST", "/api/v1/cases/{case_id}/register", to_confirm,
                           Json(reg));
  nom::DecideConfirmationRequest decide;
  for (const auto& sitting : confirming.cases(0).sitting()) {
    nom::ConfirmationAnswer* answer = decide.add_answers();
    answer->set_membership_id(sitting.membership_id());
    answer->set_choice(nom::CONFIRMATION_CHOICE_CONFIRM);
  }
  EXPECT_EQ(Reach<nom::CaseResponse>(As(director), "POST", "/api/v1/cases/{case_id}/confirmation",
                                     to_confirm, Json(decide))
                .case_()
                .state(),
            nom::CASE_STATE_APPROVED);

  // Issue 19 (Equality Act 4 a §): the body's balance, and KEHA's special reasons.
  const auto balance = Reach<nom::GenderBalanceResponse>(
      As(keha), "GET", "/api/v1/networks/{network_code}/gender-balance", network);
  EXPECT_EQ(balance.network_code(), kNetwork);
  npb::RecordGenderBalanceExceptionRequest exception;
  exception.set_reason("Alan asiantuntijoista valtaosa on yhtä sukupuolta");
  EXPECT_EQ(Reach<npb::NetworkResponse>(As(keha), "POST",
                                        "/api/v1/networks/{network_code}/gender-balance-exception",
                                        network, Json(exception))
                .network()
                .gender_balance_exception()
                .reason(),
            "Alan asiantuntijoista valtaosa on yhtä sukupuolta");

  // KEHA cancels a draft, closes the network and logs out.
  Reach<npb::NetworkResponse>(As(keha), "POST", "/api/v1/networks", {},
                              CreateBody(Complete("peruttava")));
  npb::CancelNetworkRequest cancel;
  cancel.set_reason("Yhdistetty toiseen verkostoon");
  Reach<npb::NetworkResponse>(As(keha), "POST", "/api/v1/networks/{network_code}/cancel",
                              {{"network_code", "peruttava"}}, Json(cancel));
  npb::CloseNetworkRequest close;
  close.set_reason("Tehtävä tehty");
  EXPECT_EQ(Reach<npb::NetworkResponse>(As(keha), "POST", "/api/v1/networks/{network_code}/close",
                                        network, Json(close))
                .network()
                .status(),
            npb::NETWORK_STATUS_CLOSED);
  Reach<gpb::Empty>(As(keha), "DELETE", "/api/v1/session");
  EXPECT_EQ(Get(keha, "/api/v1/session")->status, 401);
  // TearDown checks that every route of the table was reached.
}

}  // namespace
}  // namespace verkosto::gateway
