// The length limits of libs/core/limits.h over real HTTP: every text of a
// network and of a nomination at its limit (in four-byte characters, the
// most bytes a character takes) still makes events that reach every consumer
// and pages that show; one character more is refused naming the field.

#include "core/limits.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <functional>
#include <string>
#include <vector>

#include "gateway_api_fixture.h"
#include "messaging/socket_options.h"
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

constexpr char kKainuu[] = "kainuu-koillismaa";

using verkosto::testing::FullText;
using verkosto::testing::LargestNetworkDefinition;

class LimitsTest : public GatewayApiFixture {
 protected:
  LimitsTest() : GatewayApiFixture(/*with_notifications=*/true) {}

  void SetUp() override {
    GatewayApiFixture::SetUp();
    AddAccount("yllapito", "Ylla Pito", common::v1::ROLE_ADMIN, "");
    AddAccount("kirjaamo.kainuu", "Kaija Kirjaamo", common::v1::ROLE_REGISTRY_CLERK, kKainuu);
    const Session admin = Login("yllapito");
    npb::LoadReferenceDataRequest reference;
    reference.set_employment_areas_csv(
        std::string(verkosto::testing::EmbeddedEmploymentAreasCsv()));
    reference.set_municipalities_csv(std::string(verkosto::testing::EmbeddedMunicipalitiesCsv()));
    ASSERT_EQ(Send(admin, "POST", "/api/v1/reference-data", Json(reference))->status, 200);
  }

  httplib::Result Send(const Session& who, const std::string& method, const std::string& path,
                       const std::string& body) {
    httplib::Client client = Client();
    if (method == "PUT") return client.Put(path.c_str(), As(who), body, "application/json");
    return client.Post(path.c_str(), As(who), body, "application/json");
  }

  // 200, or the test stops with the answer.
  template <typename Resp>
  Resp Ok(const Session& who, const std::string& method, const std::string& path,
          const std::string& body) {
    httplib::Result r = Send(who, method, path, body);
    Resp out;
    EXPECT_TRUE(r) << path;
    if (!r) return out;
    EXPECT_EQ(r->status, 200) << path << ": " << r->body.substr(0, 500);
    EXPECT_TRUE(gpb::util::JsonStringToMessage(r->body, &out).ok()) << path;
    return out;
  }

  // The field a 400 names, or the status and body when it is not a 400.
  std::string Refused(const Session& who, const std::string& method, const std::string& path,
                      const std::string& body) {
    httplib::Result r = Send(who, method, path, body);
    if (!r) return "no answer";
    if (r->status != 400) return std::to_string(r->status) + " " + r->body.substr(0, 300);
    return ErrorOf(r).field();
  }
};

TEST_F(LimitsTest, TheLargestValidInputsMakeDeliverableEventsAndPages) {
  const Session keha = Login("keha.koordinaattori");
  const Session director = Login("johtaja.kainuu");
  const Session clerk = Login("kirjaamo.kainuu");
  const npb::NetworkDefinition largest = LargestNetworkDefinition("suurin-verkosto");
  npb::CreateNetworkRequest create;
  *create.mutable_definition() = largest;
  Ok<npb::NetworkResponse>(keha, "POST", "/api/v1/networks", Json(create));
  Ok<npb::NetworkResponse>(keha, "POST", "/api/v1/networks/suurin-verkosto/propose", "");
  Ok<npb::NetworkResponse>(keha, "POST", "/api/v1/networks/suurin-verkosto/open", "");
  // A change of the open network with the longest reason.
  npb::UpdateNetworkRequest update;
  *update.mutable_definition() = largest;
  update.mutable_definition()->mutable_cadence()->set_meetings_per_year(12);
  update.set_reason(FullText("Muutos ", limits::kReason));
  Ok<npb::NetworkResponse>(keha, "PUT", "/api/v1/networks/suurin-verkosto", Json(update));
  // The area comments with the longest text.
  npb::AddCommentRequest comment;
  comment.set_area_code(kKainuu);
  comment.set_text(FullText("Kommentti ", limits::kText));
  Ok<npb::AddCommentResponse>(director, "POST", "/api/v1/networks/suurin-verkosto/comments",
                              Json(comment));
  ASSERT_NO_FATAL_FAILURE(SyncNominations());

  // The longest request: every seat, the longest covering message and KEHA's
  // diary number.
  nom::SendRequestRequest send;
  send.add_area_codes(kKainuu);
  send.mutable_seats()->set_members(20);
  send.mutable_seats()->set_deputies(20);
  send.set_deadline("2026-04-30");
  send.set_covering_message(FullText("Pyyntö ", limits::kText));
  send.set_keha_diary_number(FullText("KEHA/", limits::kReference));
  const auto sent = Ok<nom::SendRequestResponse>(
      keha, "POST", "/api/v1/networks/suurin-verkosto/requests", Json(send));
  ASSERT_EQ(sent.cases_size(), 1);
  const std::string case_id = sent.cases(0).case_id();
  nom::RegisterCaseRequest reg;
  reg.set_date_received("2026-03-02");
  reg.set_organisation(FullText("Kajaani ", limits::kName));
  reg.set_diary_number(FullText("KAI/", limits::kReference));
  Ok<nom::CaseResponse>(clerk, "POST", "/api/v1/cases/" + case_id + "/register", Json(reg));
  // Forty nominees, every text at its limit.
  nom::ApproveCaseRequest approve;
  for (int i = 0; i < 40; ++i) {
    nom::Nominee* n = approve.add_nominees();
    n->set_name(FullText("Henkilö " + std::to_string(i) + " ", limits::kName));
    n->set_title(FullText("Titteli ", limits::kName));
    n->set_municipality(FullText("Kunta ", limits::kName));
    n->set_email("henkilo" + std::to_string(i) + "@kajaani.example.fi");
    n->set_seat(i < 20 ? nom::SEAT_KIND_MEMBER : nom::SEAT_KIND_DEPUTY);
    n->set_language(common::v1::LANGUAGE_SV);
  }
  const auto approved = Ok<nom::CaseResponse>(
      director, "POST", "/api/v1/cases/" + case_id + "/approve", Json(approve));
  ASSERT_EQ(approved.memberships_started_size(), 40);
  // The largest reply so far stays far under the frame limit.
  EXPECT_LT(approved.ByteSizeLong() * 10,
            static_cast<size_t>(messaging::SocketLimits{}.max_message_bytes));

  // Every event reached notifications (a dropped frame would stop the sync),
  // and the messages they made are there for their people.
  ASSERT_NO_FATAL_FAILURE(SyncNotifications());
  httplib::Result inbox = Client().Get("/api/v1/inbox", As(keha));
  ASSERT_TRUE(inbox);
  ASSERT_EQ(inbox->status, 200);
  ntf::ListInboxResponse keha_inbox;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(inbox->body, &keha_inbox).ok());
  EXPECT_GT(keha_inbox.items_size(), 0);

  // The pages show them.
  for (const std::string& path :
       {std::string("/networks/suurin-verkosto"), "/cases/" + case_id,
        std::string("/networks/suurin-verkosto/matrix"), std::string("/networks")}) {
    httplib::Result page = Client().Get(path.c_str(), As(keha));
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->status, 200) << path;
    EXPECT_NE(page->body.find("Suurin "), std::string::npos) << path;
  }
}

TEST_F(LimitsTest, OneCharacterOverTheLimitIsRefusedNamingTheField) {
  const Session keha = Login("keha.koordinaattori");
  struct Case {
    std::string field;
    std::function<void(npb::NetworkDefinition&)> grow;
  };
  const std::vector<Case> cases = {
      {"names.fi", [](auto& d) { d.mutable_names()->set_fi(FullText("N", limits::kName + 1)); }},
      {"owner", [](auto& d) { d.set_owner(FullText("O", limits::kName + 1)); }},
      {"description", [](auto& d) { d.set_description(FullText("D", limits::kText + 1)); }},
      {"goals[0]", [](auto& d) { d.set_goals(0, FullText("G", limits::kLine + 1)); }},
      {"goals",
       [](auto& d) {
         for (size_t i = 0; i < limits::kListEntries; ++i) d.add_goals("lisää");
       }},
      {"communication_plan.audiences[0]",
       [](auto& d) {
         d.mutable_communication_plan()->set_audiences(0, FullText("A", limits::kLine + 1));
       }},
      {"communication_plan.cadence",
       [](auto& d) {
         d.mutable_communication_plan()->set_cadence(FullText("C", limits::kLine + 1));
       }},
      {"responsible.name",
       [](auto& d) { d.mutable_responsible()->set_name(FullText("R", limits::kName + 1)); }},
  };
  for (const Case& c : cases) {
    npb::CreateNetworkRequest create;
    *create.mutable_definition() = Complete("yli-rajan");
    c.grow(*create.mutable_definition());
    EXPECT_EQ(Refused(keha, "POST", "/api/v1/networks", Json(create)), c.field);
  }
  // Nothing of them was written.
  httplib::Result list = Client().Get("/api/v1/networks", As(keha));
  ASSERT_TRUE(list);
  EXPECT_EQ(list->body.find("yli-rajan"), std::string::npos);

  // A request's texts.
  npb::CreateNetworkRequest create;
  *create.mutable_definition() = Complete("rajat");
  Ok<npb::NetworkResponse>(keha, "POST", "/api/v1/networks", Json(create));
  Ok<npb::NetworkResponse>(keha, "POST", "/api/v1/networks/rajat/propose", "");
  Ok<npb::NetworkResponse>(keha, "POST", "/api/v1/networks/rajat/open", "");
  ASSERT_NO_FATAL_FAILURE(SyncNominations());
  nom::SendRequestRequest send;
  send.add_area_codes(kKainuu);
  send.mutable_seats()->set_members(1);
  send.set_deadline("2026-04-30");
  send.set_covering_message(FullText("P", limits::kText + 1));
  EXPECT_EQ(Refused(keha, "POST", "/api/v1/networks/rajat/requests", Json(send)),
            "covering_message");
  send.set_covering_message("Nimetkää jäsen.");
  send.set_keha_diary_number(FullText("K", limits::kReference + 1));
  EXPECT_EQ(Refused(keha, "POST", "/api/v1/networks/rajat/requests", Json(send)),
            "keha_diary_number");
  npb::CloseNetworkRequest close;
  close.set_reason(FullText("S", limits::kReason + 1));
  EXPECT_EQ(Refused(keha, "POST", "/api/v1/networks/rajat/close", Json(close)), "reason");
}

// cpp-httplib's own limits (compiled into Debian's library): a request line
// over 8 KiB is 414 and a header line over 8 KiB ends the request, and the
// gateway answers the next request as ever.
TEST_F(LimitsTest, AnOverlongUrlOrHeaderIsRefusedAndTheGatewayCarriesOn) {
  const Session keha = Login("keha.koordinaattori");
  httplib::Result r =
      Client().Get(("/api/v1/networks?owner=" + std::string(9000, 'x')).c_str(), As(keha));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 414);
  httplib::Headers big = As(keha);
  big.emplace("X-Padding", std::string(9000, 'y'));
  r = Client().Get("/api/v1/networks", big);
  EXPECT_TRUE(!r || r->status == 400) << (r ? std::to_string(r->status) : "");
  r = Client().Get("/api/v1/networks", As(keha));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

}  // namespace
}  // namespace verkosto::gateway
