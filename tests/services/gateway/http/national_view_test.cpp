// The national view over real HTTP against real networks and nominations
// services (docs/national-view.md): the JSON API route, the web page, the
// streamed CSV, and the approval's load warning in the reply and on the page.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>

#include "gateway_api_fixture.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)
namespace npb = ::verkosto::networks::v1;
namespace nom = ::verkosto::nominations::v1;

constexpr char kKainuu[] = "kainuu-koillismaa";

class NationalViewTest : public GatewayApiFixture {
 protected:
  void SetUp() override {
    GatewayApiFixture::SetUp();
    AddAccount("kirjaamo.kainuu", "Kalle Kirjaaja", common::v1::ROLE_REGISTRY_CLERK, kKainuu);
    keha_ = Login("keha.koordinaattori");
    director_ = Login("johtaja.kainuu");
    clerk_ = Login("kirjaamo.kainuu");
  }

  // Opens network `code` with Kainuu taking part (6 meetings of 1.5 h a year).
  void OpenNetwork(const std::string& code) {
    ASSERT_EQ(Post(keha_, "/api/v1/networks", CreateBody(Complete(code)))->status, 200);
    ASSERT_EQ(Post(keha_, "/api/v1/networks/" + code + "/propose", "")->status, 200);
    npb::DecideParticipationRequest takes_part;
    takes_part.set_decision(npb::PARTICIPATION_DECISION_TAKES_PART);
    ASSERT_EQ(
        Post(director_, "/api/v1/networks/" + code + "/participation/" + kKainuu, Json(takes_part))
            ->status,
        200);
    ASSERT_EQ(Post(keha_, "/api/v1/networks/" + code + "/open", "")->status, 200);
    ASSERT_NO_FATAL_FAILURE(SyncNominations());
  }

  // Sends a request to Kainuu and, unless `approve_with` is empty, registers
  // it and approves it naming that person (member). Returns the case id.
  std::string RequestCase(const std::string& code, const std::string& approve_with,
                          nom::CaseResponse* approved = nullptr) {
    nom::SendRequestRequest send;
    send.add_area_codes(kKainuu);
    send.mutable_seats()->set_members(1);
    send.set_deadline("2026-04-30");
    send.set_covering_message("Pyydämme nimeämään edustajan.");
    httplib::Result sent = Post(keha_, "/api/v1/networks/" + code + "/requests", Json(send));
    EXPECT_TRUE(sent && sent->status == 200) << (sent ? sent->body : "no answer");
    nom::SendRequestResponse reply;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(sent->body, &reply).ok());
    std::string id = reply.cases(0).case_id();
    if (approve_with.empty()) return id;
    nom::RegisterCaseRequest reg;
    reg.set_date_received("2026-03-02");
    reg.set_organisation("Kajaanin kaupunki");
    reg.set_diary_number("KAI/" + code);
    EXPECT_EQ(Post(clerk_, "/api/v1/cases/" + id + "/register", Json(reg))->status, 200);
    nom::ApproveCaseRequest approve;
    nom::Nominee* n = approve.add_nominees();
    n->set_name(approve_with);
    n->set_title("Asiantuntija");
    n->set_email("nelli.nimitetty@kainuu.example.fi");
    n->set_municipality("Kajaani");
    n->set_seat(nom::SEAT_KIND_MEMBER);
    httplib::Result r = Post(director_, "/api/v1/cases/" + id + "/approve", Json(approve));
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    if (approved != nullptr && r) {
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r->body, approved).ok());
    }
    return id;
  }

  Session keha_, director_, clerk_;
};

TEST_F(NationalViewTest, ApiListsEachAreaOfEachNetworkWithBurdenFromActualMemberships) {
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("kansallinen-a"));
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("kansallinen-b"));
  RequestCase("kansallinen-a", "Nelli Nimitetty");
  RequestCase("kansallinen-b", "");  // open, awaiting registration

  httplib::Result r = Get(keha_, "/api/v1/national-view?status=open");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  nom::NationalViewResponse view;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r->body, &view).ok()) << r->body;
  // 2 networks x 45 areas, the first 100 cells on the first page.
  EXPECT_EQ(view.cells_size(), 90);
  EXPECT_TRUE(view.next_page_token().empty());
  int kainuu_cells = 0;
  for (const nom::NationalViewCell& cell : view.cells()) {
    if (cell.area_code() != kKainuu) continue;
    ++kainuu_cells;
    EXPECT_EQ(cell.participation(), "takes_part");
    if (cell.network_code() == "kansallinen-a") {
      ASSERT_EQ(cell.members_size(), 1);
      EXPECT_EQ(cell.members(0), "Nelli Nimitetty");
      EXPECT_EQ(cell.open_requests(), 0u);
      EXPECT_EQ(cell.hours_per_year_tenths(), 90u);  // 6 x 1.5 h
    } else {
      EXPECT_EQ(cell.members_size(), 0);
      EXPECT_EQ(cell.open_requests(), 1u);
      EXPECT_EQ(cell.overdue(), 0u);
    }
  }
  EXPECT_EQ(kainuu_cells, 2);
  ASSERT_EQ(view.burdens_size(), 45);
  EXPECT_EQ(view.national_memberships(), 1u);
  EXPECT_EQ(view.national_hours_per_year_tenths(), 90u);
  EXPECT_EQ(view.load_warning_networks(), 3u);

  // Paged like every list: two cells a page, the second page continues.
  nom::NationalViewResponse first;
  r = Get(keha_, "/api/v1/national-view?area_code=" + std::string(kKainuu) + "&page_size=1");
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r->body, &first).ok()) << r->body;
  ASSERT_EQ(first.cells_size(), 1);
  ASSERT_FALSE(first.next_page_token().empty());
  nom::NationalViewResponse second;
  r = Get(keha_, "/api/v1/national-view?area_code=" + std::string(kKainuu) +
                     "&page_size=1&page_token=" + first.next_page_token());
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r->body, &second).ok()) << r->body;
  ASSERT_EQ(second.cells_size(), 1);
  EXPECT_NE(second.cells(0).network_code(), first.cells(0).network_code());
  EXPECT_TRUE(second.next_page_token().empty());
  EXPECT_EQ(second.burdens_size(), 0);  // the first page's only

  // A filter that is not one is refused naming the field.
  r = Get(keha_, "/api/v1/national-view?status=auki");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "status");
  r = Get(keha_, "/api/v1/national-view?area_code=atlantis");
  EXPECT_EQ(ErrorOf(r).field(), "area_code");
  EXPECT_EQ(Client().Get("/api/v1/national-view")->status, 401);
}

TEST_F(NationalViewTest, WebPageAndStreamedCsvShowTheView) {
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("kansallinen-a"));
  RequestCase("kansallinen-a", "Nelli Nimitetty");

  httplib::Result page = Get(director_, "/national-view?area=" + std::string(kKainuu));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body.substr(0, 500);
  EXPECT_NE(page->body.find("<caption>"), std::string::npos);
  EXPECT_NE(page->body.find("scope=\"row\""), std::string::npos);
  EXPECT_NE(page->body.find("Testiverkosto"), std::string::npos);
  EXPECT_NE(page->body.find("Nelli Nimitetty"), std::string::npos);
  EXPECT_NE(page->body.find("<label for=\"nv-status\">"), std::string::npos);
  EXPECT_NE(page->body.find("href=\"/national-view\""), std::string::npos);  // in the menu
  // Hours in the page's language (Finnish "9,0"); the CSV below keeps "9" for machines.
  EXPECT_NE(page->body.find("9,0"), std::string::npos);

  httplib::Result csv = Get(keha_, "/national-view.csv?status=open&area=");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv->body.rfind("network,network_name_fi,network_status,area_code", 0), 0u)
      << csv->body.substr(0, 200);
  EXPECT_NE(csv->body.find("kansallinen-a,Testiverkosto,open,kainuu-koillismaa,"
                           "Kainuu-Koillismaan työllisyysalue,takes_part,Nelli Nimitetty,0,0,9"),
            std::string::npos)
      << csv->body.substr(0, 400);
  // Header + 45 areas.
  size_t lines = 0;
  for (const char c : csv->body) lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 46u);

  // A wrong filter is an error page.
  EXPECT_EQ(Get(keha_, "/national-view?status=auki")->status, 400);
}

TEST_F(NationalViewTest, NamingSomeoneInManyNetworksWarnsButApproves) {
  // [nominations] load_warning_networks: 3 by default.
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("kansallinen-a"));
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("kansallinen-b"));
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("kansallinen-c"));
  nom::CaseResponse first;
  RequestCase("kansallinen-a", "Nelli Nimitetty", &first);
  EXPECT_EQ(first.load_warnings_size(), 0);
  nom::CaseResponse second;
  RequestCase("kansallinen-b", "Nelli Nimitetty", &second);
  EXPECT_EQ(second.load_warnings_size(), 0);
  nom::CaseResponse third;
  const std::string id = RequestCase("kansallinen-c", "Nelli Nimitetty", &third);
  EXPECT_EQ(third.case_().state(), nom::CASE_STATE_APPROVED);  // a warning, not a refusal
  ASSERT_EQ(third.load_warnings_size(), 1);
  EXPECT_EQ(third.load_warnings(0).name(), "Nelli Nimitetty");
  EXPECT_EQ(third.load_warnings(0).networks(), 3u);
  EXPECT_EQ(third.load_warnings(0).threshold(), 3u);

  // The web form's answer carries it to the case page.
  httplib::Result shown =
      Get(director_, "/cases/" + id + "?done=approved&load=Nelli%20Nimitetty%7C3");
  ASSERT_TRUE(shown);
  ASSERT_EQ(shown->status, 200);
  EXPECT_NE(shown->body.find("Nelli Nimitetty: Verkostoja 3"), std::string::npos)
      << shown->body.substr(0, 800);
}

}  // namespace
}  // namespace verkosto::gateway
