// The open data (issue 19, item 2; docs/open-data.md) over real HTTP without
// a session, against real networks and nominations services: the documents
// against the served JSON Schema, the CSV, no contact data, drafts and
// cancelled networks absent, ETag / Last-Modified and 304, paging through
// the Link headers, the OpenAPI document and the catalogue's links.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.h"
#include "gateway_api_fixture.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)
namespace gpb = ::google::protobuf;
namespace npb = ::verkosto::networks::v1;
namespace nom = ::verkosto::nominations::v1;

constexpr char kKainuu[] = "kainuu-koillismaa";
constexpr char kDescription[] = "Yhteistyö, \"hyvät käytännöt\"\nja tieto: anna@keha.example.fi";

gpb::Value ParseJson(const std::string& body) {
  gpb::Value v;
  EXPECT_TRUE(gpb::util::JsonStringToMessage(body, &v).ok()) << body;
  return v;
}

const gpb::Value& Field(const gpb::Value& object, const std::string& name) {
  static const gpb::Value kNone;
  const auto& fields = object.struct_value().fields();
  const auto it = fields.find(name);
  return it == fields.end() ? kNone : it->second;
}

// Whether `v` has the JSON Schema `type`.
bool HasType(const gpb::Value& v, const std::string& type) {
  if (type == "string") return v.has_string_value();
  if (type == "boolean") return v.has_bool_value();
  if (type == "integer") return v.has_number_value();
  if (type == "array") return v.has_list_value();
  if (type == "object") return v.has_struct_value();
  return false;
}

// Every property of `schema` (an object schema of the served schema.json) is
// in `object` with its type, recursing into objects and string arrays; and
// `object` has nothing else.
void ExpectMatches(const gpb::Value& object, const gpb::Value& schema, const std::string& where) {
  const auto& properties = Field(schema, "properties").struct_value().fields();
  ASSERT_FALSE(properties.empty()) << where;
  for (const auto& [name, property] : properties) {
    const gpb::Value& value = Field(object, name);
    const std::string type = Field(property, "type").string_value();
    EXPECT_TRUE(HasType(value, type)) << where << "." << name << " is not " << type;
    if (type == "object") ExpectMatches(value, property, where + "." + name);
    if (type == "array") {
      for (const gpb::Value& item : value.list_value().values()) {
        EXPECT_TRUE(item.has_string_value()) << where << "." << name;
      }
    }
    if (Field(property, "enum").has_list_value() && value.has_string_value()) {
      bool listed = false;
      for (const gpb::Value& e : Field(property, "enum").list_value().values()) {
        listed = listed || e.string_value() == value.string_value();
      }
      EXPECT_TRUE(listed) << where << "." << name << " = " << value.string_value();
    }
  }
  EXPECT_EQ(object.struct_value().fields_size(), static_cast<int>(properties.size())) << where;
}

// The fields of one RFC 4180 CSV text (CRLF records, quoted fields).
std::vector<std::vector<std::string>> ParseCsv(const std::string& csv) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// The target of the Link header's relation `rel`, or "".
std::string LinkTarget(const std::string& link, const std::string& rel) {
  const size_t at = link.find("rel=\"" + rel + "\"");
  if (at == std::string::npos) return "";
  const size_t open = link.rfind('<', at);
  const size_t close = link.find('>', open);
  return link.substr(open + 1, close - open - 1);
}

class OpenDataTest : public GatewayApiFixture {
 protected:
  void SetUp() override {
    GatewayApiFixture::SetUp();
    AddAccount("kirjaamo.kainuu", "Kalle Kirjaaja", common::v1::ROLE_REGISTRY_CLERK, kKainuu);
    keha_ = Login("keha.koordinaattori");
    director_ = Login("johtaja.kainuu");
    clerk_ = Login("kirjaamo.kainuu");
  }

  void Create(const std::string& code) {
    npb::NetworkDefinition d = Complete(code);
    d.set_description(kDescription);
    ASSERT_EQ(Post(keha_, "/api/v1/networks", CreateBody(d))->status, 200);
  }
  void Act(const std::string& code, const std::string& act, const std::string& body = "") {
    httplib::Result r = Post(keha_, "/api/v1/networks/" + code + "/" + act, body);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << act << ": " << r->body;
  }
  void OpenNetwork(const std::string& code) {
    ASSERT_NO_FATAL_FAILURE(Create(code));
    ASSERT_NO_FATAL_FAILURE(Act(code, "propose"));
    npb::DecideParticipationRequest takes_part;
    takes_part.set_decision(npb::PARTICIPATION_DECISION_TAKES_PART);
    ASSERT_EQ(
        Post(director_, "/api/v1/networks/" + code + "/participation/" + kKainuu, Json(takes_part))
            ->status,
        200);
    ASSERT_NO_FATAL_FAILURE(Act(code, "open"));
    ASSERT_NO_FATAL_FAILURE(SyncNominations());
  }

  // Sends Kainuu a request for a member and a deputy, registers it with the
  // diary number `diary` and approves it naming `member` and `deputy`.
  void Approve(const std::string& code, const std::string& diary, const std::string& member,
               const std::string& deputy) {
    nom::SendRequestRequest send;
    send.add_area_codes(kKainuu);
    send.mutable_seats()->set_members(1);
    send.mutable_seats()->set_deputies(1);
    send.set_deadline("2026-04-30");
    send.set_covering_message("Pyydämme nimeämään edustajat.");
    httplib::Result sent = Post(keha_, "/api/v1/networks/" + code + "/requests", Json(send));
    ASSERT_TRUE(sent && sent->status == 200) << (sent ? sent->body : "no answer");
    nom::SendRequestResponse reply;
    ASSERT_TRUE(gpb::util::JsonStringToMessage(sent->body, &reply).ok());
    const std::string id = reply.cases(0).case_id();
    nom::RegisterCaseRequest reg;
    reg.set_date_received("2026-03-02");
    reg.set_organisation("Kajaanin kaupunki");
    reg.set_diary_number(diary);
    ASSERT_EQ(Post(clerk_, "/api/v1/cases/" + id + "/register", Json(reg))->status, 200);
    nom::ApproveCaseRequest approve;
    for (const auto& [name, seat] :
         {std::pair{member, nom::SEAT_KIND_MEMBER}, std::pair{deputy, nom::SEAT_KIND_DEPUTY}}) {
      nom::Nominee* n = approve.add_nominees();
      n->set_name(name);
      n->set_title("Asiantuntija");
      n->set_email(text::AsciiLower(name.substr(0, 4)) + "@kainuu.example.fi");
      n->set_municipality("Kajaani");
      n->set_seat(seat);
    }
    httplib::Result r = Post(director_, "/api/v1/cases/" + id + "/approve", Json(approve));
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
  }

  // Proposed, open (two members), closed, a draft and a cancelled network.
  void Publish() {
    ASSERT_NO_FATAL_FAILURE(OpenNetwork("od-auki"));
    ASSERT_NO_FATAL_FAILURE(Approve("od-auki", "KAI/12/2026", "Nelli Nimitetty", "Vilma Vara"));
    ASSERT_NO_FATAL_FAILURE(OpenNetwork("od-suljettu"));
    npb::CloseNetworkRequest close;
    close.set_reason("Tehtävä tehty");
    ASSERT_NO_FATAL_FAILURE(Act("od-suljettu", "close", Json(close)));
    ASSERT_NO_FATAL_FAILURE(Create("od-ehdotettu"));
    ASSERT_NO_FATAL_FAILURE(Act("od-ehdotettu", "propose"));
    ASSERT_NO_FATAL_FAILURE(Create("od-luonnos"));
    ASSERT_NO_FATAL_FAILURE(Create("od-peruttu"));
    ASSERT_NO_FATAL_FAILURE(Act("od-peruttu", "propose"));
    npb::CancelNetworkRequest cancel;
    cancel.set_reason("Ei tarvita");
    ASSERT_NO_FATAL_FAILURE(Act("od-peruttu", "cancel", Json(cancel)));
    ASSERT_NO_FATAL_FAILURE(SyncNominations());
  }

  // A GET without a session.
  httplib::Result Anonymous(const std::string& path, const httplib::Headers& headers = {}) {
    return Client().Get(path.c_str(), headers);
  }

  gpb::Value Schema() {
    httplib::Result r = Anonymous("/open-data/v1/schema.json");
    EXPECT_TRUE(r && r->status == 200);
    return r ? ParseJson(r->body) : gpb::Value();
  }

  Session keha_, director_, clerk_;
};

TEST_F(OpenDataTest, NetworksJsonHoldsThePublishedNetworksAsTheSchemaSays) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  httplib::Result r = Anonymous("/open-data/v1/networks.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r->body.find('@'), std::string::npos) << r->body;
  EXPECT_EQ(LinkTarget(r->get_header_value("Link"), "license"),
            "https://creativecommons.org/licenses/by/4.0/");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "public, max-age=300");
  const gpb::Value doc = ParseJson(r->body);
  const gpb::Value schema = Schema();
  const gpb::Value& defs = Field(schema, "$defs");
  // The page's own fields, the licence and every item as the schema says.
  for (const auto& [name, unused] :
       Field(Field(defs, "page"), "properties").struct_value().fields()) {
    EXPECT_TRUE(Field(doc, name).kind_case() != gpb::Value::KIND_NOT_SET) << name;
  }
  ExpectMatches(Field(doc, "licence"), Field(defs, "licence"), "licence");
  EXPECT_EQ(Field(Field(doc, "licence"), "name").string_value(), "CC BY 4.0");
  EXPECT_EQ(Field(Field(doc, "licence"), "publisher").string_value(), "KEHA-keskus / verkosto");
  std::map<std::string, std::string> status_of;
  for (const gpb::Value& item : Field(doc, "items").list_value().values()) {
    ExpectMatches(item, Field(defs, "network"), "network");
    status_of[Field(item, "code").string_value()] = Field(item, "status").string_value();
  }
  const std::map<std::string, std::string> expected = {
      {"od-auki", "open"}, {"od-ehdotettu", "proposed"}, {"od-suljettu", "closed"}};
  EXPECT_EQ(status_of, expected);  // no draft, no cancelled network
  const gpb::Value& first = Field(doc, "items").list_value().values(0);
  EXPECT_EQ(Field(first, "description").string_value(),
            "Yhteistyö, \"hyvät käytännöt\"\nja tieto: […]");
  EXPECT_EQ(Field(first, "goals").list_value().values(0).string_value(), "Jakaa hyviä käytäntöjä");
  EXPECT_EQ(Field(first, "term_start").string_value(), "2026-03-01");
  EXPECT_EQ(Field(Field(first, "communication_plan"), "cadence").string_value(),
            "kokousten jälkeen");
  EXPECT_EQ(Field(doc, "next_page_token").string_value(), "");
  EXPECT_EQ(Field(doc, "next").string_value(), "");
}

TEST_F(OpenDataTest, MembersJsonHoldsThePublicRecordOnlyAsTheSchemaSays) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  httplib::Result r = Anonymous("/open-data/v1/members.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body.find('@'), std::string::npos) << r->body;
  EXPECT_EQ(r->body.find("Asiantuntija"), std::string::npos) << "no title";
  EXPECT_EQ(r->body.find("gender"), std::string::npos);
  const gpb::Value doc = ParseJson(r->body);
  const gpb::Value schema = Schema();
  const gpb::Value& defs = Field(schema, "$defs");
  const auto& items = Field(doc, "items").list_value().values();
  ASSERT_EQ(items.size(), 2);
  for (const gpb::Value& item : items) ExpectMatches(item, Field(defs, "member"), "member");
  std::map<std::string, std::string> seat_of;
  for (const gpb::Value& item : items) {
    seat_of[Field(item, "name").string_value()] = Field(item, "seat").string_value();
    EXPECT_EQ(Field(item, "network_code").string_value(), "od-auki");
    EXPECT_EQ(Field(item, "area_code").string_value(), kKainuu);
    EXPECT_FALSE(Field(item, "area_name_fi").string_value().empty());
    EXPECT_EQ(Field(item, "network_name_fi").string_value(), "Testiverkosto");
    EXPECT_EQ(Field(item, "diary_number").string_value(), "KAI/12/2026");
    EXPECT_EQ(Field(item, "decision_date").string_value().size(), 10u);
  }
  const std::map<std::string, std::string> expected = {{"Nelli Nimitetty", "member"},
                                                       {"Vilma Vara", "deputy"}};
  EXPECT_EQ(seat_of, expected);
}

TEST_F(OpenDataTest, CsvHasTheDocumentedHeaderAndQuotesAsRfc4180) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  httplib::Result networks = Anonymous("/open-data/v1/networks.csv");
  ASSERT_TRUE(networks);
  ASSERT_EQ(networks->status, 200) << networks->body;
  EXPECT_EQ(networks->get_header_value("Content-Type"), "text/csv; charset=utf-8; header=present");
  EXPECT_EQ(LinkTarget(networks->get_header_value("Link"), "license"),
            "https://creativecommons.org/licenses/by/4.0/");
  EXPECT_EQ(networks->body.find('@'), std::string::npos) << networks->body;
  // The description's comma, quotes and line break survive a round trip.
  EXPECT_NE(networks->body.find("\"Yhteistyö, \"\"hyvät käytännöt\"\"\nja tieto: […]\""),
            std::string::npos)
      << networks->body;
  const std::vector<std::vector<std::string>> rows = ParseCsv(networks->body);
  ASSERT_EQ(rows.size(), 4u);
  const std::vector<std::string> header = {
      "code",          "name_fi",      "name_sv",          "name_en",        "kind",
      "status",        "owner",        "statutory",        "description",    "goals",
      "term_start",    "term_end",     "seats_members",    "seats_deputies", "plan_audiences",
      "plan_channels", "plan_cadence", "plan_responsible", "updated"};
  EXPECT_EQ(rows[0], header);
  for (const auto& row : rows) EXPECT_EQ(row.size(), header.size());
  EXPECT_EQ(rows[1][0], "od-auki");
  EXPECT_EQ(rows[1][8], "Yhteistyö, \"hyvät käytännöt\"\nja tieto: […]");

  httplib::Result members = Anonymous("/open-data/v1/members.csv");
  ASSERT_TRUE(members);
  ASSERT_EQ(members->status, 200) << members->body;
  EXPECT_EQ(members->body.find('@'), std::string::npos) << members->body;
  const std::vector<std::vector<std::string>> member_rows = ParseCsv(members->body);
  ASSERT_EQ(member_rows.size(), 3u);
  const std::vector<std::string> member_header = {
      "membership_id", "network_code", "network_name_fi", "network_name_sv",
      "area_code",     "area_name_fi", "area_name_sv",    "name",
      "seat",          "started",      "decision_date",   "diary_number"};
  EXPECT_EQ(member_rows[0], member_header);
  std::set<std::string> names;
  for (size_t i = 1; i < member_rows.size(); ++i) {
    ASSERT_EQ(member_rows[i].size(), member_header.size());
    names.insert(member_rows[i][7]);
    EXPECT_EQ(member_rows[i][11], "KAI/12/2026");
  }
  EXPECT_EQ(names, (std::set<std::string>{"Nelli Nimitetty", "Vilma Vara"}));
}

TEST_F(OpenDataTest, ETagAndLastModifiedAnswer304UntilTheDataChanges) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  for (const std::string path :
       {"/open-data/v1/networks.json", "/open-data/v1/members.csv", "/open-data/v1/schema.json"}) {
    httplib::Result first = Anonymous(path);
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 200) << path;
    const std::string etag = first->get_header_value("ETag");
    ASSERT_GT(etag.size(), 2u) << path;
    EXPECT_EQ(etag.front(), '"') << "a strong ETag: " << etag;
    EXPECT_EQ(Anonymous(path)->get_header_value("ETag"), etag) << "stable: " << path;
    httplib::Result cached = Anonymous(path, {{"If-None-Match", etag}});
    ASSERT_TRUE(cached);
    EXPECT_EQ(cached->status, 304) << path;
    EXPECT_TRUE(cached->body.empty());
    EXPECT_EQ(cached->get_header_value("ETag"), etag);
    EXPECT_EQ(Anonymous(path, {{"If-None-Match", "\"other\""}})->status, 200) << path;
  }
  httplib::Result first = Anonymous("/open-data/v1/members.json");
  ASSERT_TRUE(first);
  const std::string last_modified = first->get_header_value("Last-Modified");
  ASSERT_FALSE(last_modified.empty());
  EXPECT_EQ(last_modified.substr(last_modified.size() - 4), " GMT");
  EXPECT_EQ(Anonymous("/open-data/v1/members.json", {{"If-Modified-Since", last_modified}})->status,
            304);
  EXPECT_EQ(Anonymous("/open-data/v1/members.json",
                      {{"If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT"}})
                ->status,
            200);
  // A new decision: a new ETag, and the old one gets the whole body.
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("od-uusi"));
  ASSERT_NO_FATAL_FAILURE(Approve("od-uusi", "KAI/13/2026", "Olli Uusi", "Ulla Uusi"));
  httplib::Result changed =
      Anonymous("/open-data/v1/members.json", {{"If-None-Match", first->get_header_value("ETag")}});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);
  EXPECT_NE(changed->get_header_value("ETag"), first->get_header_value("ETag"));
  EXPECT_NE(changed->body.find("Olli Uusi"), std::string::npos);
}

TEST_F(OpenDataTest, PagesFollowTheNextLinksAndHoldEveryItemOnce) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  ASSERT_NO_FATAL_FAILURE(Approve("od-auki", "KAI/14/2026", "Pekka Toinen", "Paula Toinen"));
  struct Walk {
    std::string path;
    size_t expected;
  };
  for (const Walk& walk : {Walk{"/open-data/v1/networks.json?page_size=1", 3},
                           Walk{"/open-data/v1/networks.csv?page_size=1", 3},
                           Walk{"/open-data/v1/members.json?page_size=1", 4},
                           Walk{"/open-data/v1/members.csv?page_size=1", 4}}) {
    const bool json = walk.path.find(".json") != std::string::npos;
    std::multiset<std::string> seen;
    std::string path = walk.path;
    int pages = 0;
    while (!path.empty() && ++pages < 20) {
      httplib::Result r = Anonymous(path);
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << path << ": " << r->body;
      const std::string next = LinkTarget(r->get_header_value("Link"), "next");
      if (json) {
        const gpb::Value doc = ParseJson(r->body);
        EXPECT_LE(Field(doc, "items").list_value().values_size(), 1);
        for (const gpb::Value& item : Field(doc, "items").list_value().values()) {
          seen.insert(Field(item, "code").string_value() +
                      Field(item, "membership_id").string_value());
        }
        EXPECT_EQ(Field(doc, "next").string_value(), next);
        EXPECT_EQ(next.empty(), Field(doc, "next_page_token").string_value().empty());
      } else {
        const auto rows = ParseCsv(r->body);
        ASSERT_GE(rows.size(), 1u);  // the header on every page
        EXPECT_LE(rows.size(), 2u);
        for (size_t i = 1; i < rows.size(); ++i) seen.insert(rows[i][0]);
      }
      path = next;
    }
    EXPECT_EQ(seen.size(), walk.expected) << walk.path;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size())
        << walk.path << ": an item twice";
    EXPECT_GT(pages, 2) << walk.path;
  }
}

TEST_F(OpenDataTest, APageOfTheLargestNetworksStaysFarBelowTheFrameLimitAndPagesOn) {
  // 16 networks with every field full (about 80 KB each): more than one
  // service page (1 MiB), so the largest open-data page is cut by size.
  constexpr int kLargest = 16;
  for (int i = 0; i < kLargest; ++i) {
    const std::string code = "od-suuri-" + std::to_string(10 + i);
    ASSERT_EQ(Post(keha_, "/api/v1/networks",
                   CreateBody(verkosto::testing::LargestNetworkDefinition(code)))
                  ->status,
              200);
    ASSERT_NO_FATAL_FAILURE(Act(code, "propose"));
  }
  std::set<std::string> codes;
  std::string path = "/open-data/v1/networks.json?page_size=500";
  int pages = 0;
  while (!path.empty() && ++pages < 20) {
    httplib::Result r = Anonymous(path);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << path;
    EXPECT_LT(r->body.size(), size_t{2} * 1024 * 1024) << "far below the 4 MiB frame";
    EXPECT_EQ(r->body.find('@'), std::string::npos);
    const gpb::Value doc = ParseJson(r->body);
    for (const gpb::Value& item : Field(doc, "items").list_value().values()) {
      EXPECT_TRUE(codes.insert(Field(item, "code").string_value()).second);
    }
    path = LinkTarget(r->get_header_value("Link"), "next");
  }
  EXPECT_EQ(codes.size(), static_cast<size_t>(kLargest));
  EXPECT_GE(pages, 2) << "cut by size, not by page_size";
}

TEST_F(OpenDataTest, BadPageSizeOrTokenIsA400NamingTheField) {
  httplib::Result big = Anonymous("/open-data/v1/networks.json?page_size=501");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 400);
  EXPECT_EQ(ErrorOf(big).field(), "page_size");
  httplib::Result token = Anonymous("/open-data/v1/members.csv?page_token=nonsense");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 400);
  EXPECT_EQ(ErrorOf(token).field(), "page_token");
}

TEST_F(OpenDataTest, OpenApiDocumentAndCatalogueListTheRoutes) {
  httplib::Result openapi = Anonymous("/api/v1/openapi.json");
  ASSERT_TRUE(openapi);
  const gpb::Value doc = ParseJson(openapi->body);
  httplib::Result catalogue = Anonymous("/");
  ASSERT_TRUE(catalogue);
  ASSERT_EQ(catalogue->status, 200);
  for (const std::string path :
       {"/open-data/v1/networks.json", "/open-data/v1/networks.csv", "/open-data/v1/members.json",
        "/open-data/v1/members.csv", "/open-data/v1/schema.json"}) {
    const gpb::Value& get = Field(Field(Field(doc, "paths"), path), "get");
    EXPECT_TRUE(get.has_struct_value()) << path;
    EXPECT_EQ(Field(get, "security").list_value().values_size(), 0) << path << " needs no login";
    EXPECT_NE(catalogue->body.find("href=\"" + path + "\""), std::string::npos) << path;
    EXPECT_EQ(Anonymous(path)->status, 200) << path;
  }
  EXPECT_NE(catalogue->body.find("https://creativecommons.org/licenses/by/4.0/"),
            std::string::npos);
  // The section in each language of the catalogue.
  for (const auto& [lang, heading] : std::map<std::string, std::string>{
           {"fi", ">Avoin data</h2>"}, {"sv", ">Öppna data</h2>"}, {"en", ">Open data</h2>"}}) {
    httplib::Result page = Anonymous("/", {{"Cookie", "lang=" + lang}});
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find(heading), std::string::npos) << lang;
    EXPECT_NE(page->body.find("href=\"/open-data/v1/members.csv\""), std::string::npos) << lang;
  }
}

TEST_F(OpenDataTest, ALoginChangesNothingAndAuthorizationMdListsEveryRouteAsPublic) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  std::ifstream in(VERKOSTO_AUTHORIZATION_MD);
  ASSERT_TRUE(in) << VERKOSTO_AUTHORIZATION_MD;
  std::stringstream text;
  text << in.rdbuf();
  const std::string md = text.str();
  const size_t section = md.find("## Open data (no login)");
  ASSERT_NE(section, std::string::npos);
  for (const std::string path :
       {"/open-data/v1/networks.json", "/open-data/v1/networks.csv", "/open-data/v1/members.json",
        "/open-data/v1/members.csv", "/open-data/v1/schema.json"}) {
    EXPECT_NE(md.find("| `GET " + path + "` | 200 |", section), std::string::npos) << path;
    // KEHA, who may see every contact, gets what the public gets.
    httplib::Result as_keha = Get(keha_, path);
    httplib::Result anonymous = Anonymous(path);
    ASSERT_TRUE(as_keha && anonymous);
    EXPECT_EQ(as_keha->status, 200) << path;
    EXPECT_EQ(as_keha->body, anonymous->body) << path;
    EXPECT_EQ(as_keha->body.find('@'), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace verkosto::gateway
