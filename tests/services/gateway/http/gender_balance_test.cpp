// Issue 19, item 4 (Equality Act 4 a §) over real HTTP against real networks
// and nominations services: the send form's "ask for a woman and a man", the
// approval form's gender select (a bad value is 422 naming the row's field
// and writes nothing), who gets a nominee's gender back — KEHA and the area's
// leadership only — the network page's balance, its standing warning and
// KEHA's special reasons (required, audited), and the renewal form that
// requires them when the body breaks the rule.
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
constexpr char kNomineeEmail[] = "aino.ahkera@kainuu.example.fi";

bool Has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

class GenderBalanceTest : public GatewayApiFixture {
 protected:
  void SetUp() override {
    GatewayApiFixture::SetUp();
    AddAccount("kirjaamo.kainuu", "Kalle Kirjaaja", common::v1::ROLE_REGISTRY_CLERK, kKainuu);
    AddAccount("johtaja.lahti", "Liisa Lahtinen", common::v1::ROLE_AREA_DIRECTOR, "lahti");
    AddAccount("tarkkailija", "Olli Observoija", common::v1::ROLE_OBSERVER, "");
    AddAccount("aino.ahkera", "Aino Ahkera", common::v1::ROLE_NOMINEE, "", kNomineeEmail);
    keha_ = Login("keha.koordinaattori");
    director_ = Login("johtaja.kainuu");
    clerk_ = Login("kirjaamo.kainuu");
    other_director_ = Login("johtaja.lahti");
    observer_ = Login("tarkkailija");
    nominee_ = Login("aino.ahkera");
  }

  void OpenNetwork(const std::string& code, uint32_t members, uint32_t deputies) {
    npb::NetworkDefinition d = Complete(code);
    d.mutable_seats_per_area()->set_members(members);
    d.mutable_seats_per_area()->set_deputies(deputies);
    ASSERT_EQ(Post(keha_, "/api/v1/networks", CreateBody(d))->status, 200);
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

  // A web form POST as `s`.
  httplib::Result Form(const Session& s, const std::string& path, httplib::Params params) {
    params.emplace("csrf_token", s.csrf);
    return Client().Post(path.c_str(), {{"Cookie", s.cookie}}, params);
  }

  // The id of Kainuu's one case in the registry's inbox.
  std::string InboxCase() {
    httplib::Result r = Get(clerk_, "/api/v1/registry/inbox");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    nom::CaseListResponse inbox;
    EXPECT_TRUE(r && google::protobuf::util::JsonStringToMessage(r->body, &inbox).ok());
    return inbox.cases_size() > 0 ? inbox.cases(0).case_id() : std::string();
  }

  void Register(const std::string& id) {
    nom::RegisterCaseRequest reg;
    reg.set_date_received("2026-03-02");
    reg.set_organisation("Kajaanin kaupunki");
    reg.set_diary_number("KAI/" + id);
    ASSERT_EQ(Post(clerk_, "/api/v1/cases/" + id + "/register", Json(reg))->status, 200);
  }

  // The web approval form's fields for nominee row `i`.
  static void Row(httplib::Params& p, int i, const std::string& name, const std::string& seat,
                  const std::string& gender) {
    const std::string row = "nominees[" + std::to_string(i) + "].";
    p.emplace(row + "name", name);
    p.emplace(row + "title", "Asiantuntija");
    p.emplace(row + "email", name == "Aino Ahkera" ? kNomineeEmail : "b@kainuu.example.fi");
    p.emplace(row + "municipality", "Kajaani");
    p.emplace(row + "seat", seat);
    p.emplace(row + "gender", gender);
  }

  Session keha_, director_, clerk_, other_director_, observer_, nominee_;
};

TEST_F(GenderBalanceTest, TheApprovalRecordsGenderThatOnlyKehaAndTheLeadershipSee) {
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("tasa-arvo-a", 1, 1));
  // KEHA's send form asks for a woman and a man.
  httplib::Result network_page = Get(keha_, "/networks/tasa-arvo-a");
  ASSERT_TRUE(network_page && network_page->status == 200);
  EXPECT_TRUE(Has(network_page->body, "name=\"ask_woman_and_man\"")) << network_page->body;
  httplib::Result sent = Form(keha_, "/networks/tasa-arvo-a/send",
                              {{"area", kKainuu},
                               {"seats.members", "1"},
                               {"seats.deputies", "1"},
                               {"deadline", "2026-04-30"},
                               {"covering_message", "Pyydämme nimeämään edustajat."},
                               {"ask_woman_and_man", "1"}});
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->status, 303) << sent->body;
  const std::string id = InboxCase();
  ASSERT_FALSE(id.empty());
  ASSERT_NO_FATAL_FAILURE(Register(id));

  // The director's case page: the ask, and a gender select per row with its hint.
  httplib::Result page = Get(director_, "/cases/" + id);
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_TRUE(Has(page->body, "Ehdottakaa kuhunkin paikkaan")) << page->body;
  EXPECT_TRUE(Has(page->body, "<select id=\"f-nominees[0]-gender\" name=\"nominees[0].gender\""))
      << page->body;
  EXPECT_TRUE(Has(page->body, "Näkyy vain KEHA-keskukselle ja alueesi johdolle")) << page->body;

  // A gender the form never offers: 422 naming the row's field, nothing written.
  httplib::Params bad;
  Row(bad, 0, "Aino Ahkera", "member", "other");
  httplib::Result refused = Form(director_, "/cases/" + id + "/approve", bad);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(Has(refused->body, "id=\"f-nominees[0]-gender-error\"")) << refused->body;
  httplib::Result none = Get(keha_, "/api/v1/memberships?network_code=tasa-arvo-a");
  ASSERT_TRUE(none && none->status == 200);
  EXPECT_FALSE(Has(none->body, "membership_id")) << none->body;

  httplib::Params good;
  Row(good, 0, "Aino Ahkera", "member", "woman");
  Row(good, 1, "Bertil Berg", "deputy", "man");
  httplib::Result approved = Form(director_, "/cases/" + id + "/approve", good);
  ASSERT_TRUE(approved);
  ASSERT_EQ(approved->status, 303) << approved->body;

  // The JSON API: KEHA and the area's director get it back ...
  for (const Session* s : {&keha_, &director_}) {
    httplib::Result c = Get(*s, "/api/v1/cases/" + id);
    ASSERT_TRUE(c && c->status == 200);
    EXPECT_TRUE(Has(c->body, "\"gender\":\"GENDER_WOMAN\"")) << c->body;
    EXPECT_TRUE(Has(c->body, "\"ask_woman_and_man\":true")) << c->body;
  }
  // ... the clerk of the same area sees the case, not the gender.
  httplib::Result clerk_case = Get(clerk_, "/api/v1/cases/" + id);
  ASSERT_TRUE(clerk_case && clerk_case->status == 200);
  EXPECT_FALSE(Has(clerk_case->body, "GENDER_WOMAN")) << clerk_case->body;
  EXPECT_FALSE(Has(clerk_case->body, "GENDER_MAN")) << clerk_case->body;
  // The membership list: KEHA yes; the clerk, another area, an observer no.
  const std::string list = "/api/v1/memberships?network_code=tasa-arvo-a";
  EXPECT_TRUE(Has(Get(keha_, list)->body, "GENDER_WOMAN"));
  for (const Session* s : {&clerk_, &other_director_, &observer_}) {
    httplib::Result r = Get(*s, list);
    ASSERT_TRUE(r && r->status == 200);
    EXPECT_TRUE(Has(r->body, "Aino Ahkera")) << r->body;
    EXPECT_FALSE(Has(r->body, "GENDER_WOMAN")) << r->body;
    EXPECT_FALSE(Has(r->body, "GENDER_MAN")) << r->body;
  }
  // The nominee's own memberships do not carry it either.
  httplib::Result mine = Get(nominee_, "/api/v1/me/memberships");
  ASSERT_TRUE(mine && mine->status == 200);
  EXPECT_TRUE(Has(mine->body, "Aino Ahkera")) << mine->body;
  EXPECT_FALSE(Has(mine->body, "GENDER_WOMAN")) << mine->body;

  // The case page shows the gender column to the director, not to the clerk.
  EXPECT_TRUE(Has(Get(director_, "/cases/" + id)->body, "<td>Nainen</td>"));
  const std::string clerk_page = Get(clerk_, "/cases/" + id)->body;
  EXPECT_TRUE(Has(clerk_page, "Aino Ahkera")) << clerk_page;
  EXPECT_FALSE(Has(clerk_page, "Nainen")) << clerk_page;

  // The balance: KEHA and any area's leadership; nobody else.
  for (const Session* s : {&keha_, &other_director_}) {
    httplib::Result b = Get(*s, "/api/v1/networks/tasa-arvo-a/gender-balance");
    ASSERT_TRUE(b && b->status == 200) << (b ? b->body : "no answer");
    nom::GenderBalanceResponse balance;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(b->body, &balance).ok()) << b->body;
    EXPECT_EQ(balance.members().women(), 1U);
    EXPECT_EQ(balance.deputies().men(), 1U);
    EXPECT_EQ(balance.verdict(), nom::BALANCE_VERDICT_MEETS);
    EXPECT_FALSE(Has(b->body, "Aino")) << "aggregate only";
  }
  for (const Session* s : {&clerk_, &observer_, &nominee_}) {
    EXPECT_EQ(Get(*s, "/api/v1/networks/tasa-arvo-a/gender-balance")->status, 403);
  }
  EXPECT_TRUE(Has(Get(keha_, "/networks/tasa-arvo-a")->body, "Sukupuolijakauma"));
  EXPECT_TRUE(Has(Get(director_, "/networks/tasa-arvo-a")->body, "Täyttää säännön"));
  for (const Session* s : {&clerk_, &observer_}) {
    httplib::Result r = Get(*s, "/networks/tasa-arvo-a");
    ASSERT_TRUE(r && r->status == 200);
    EXPECT_FALSE(Has(r->body, "Sukupuolijakauma")) << r->body;
  }
}

TEST_F(GenderBalanceTest, ABodyThatBreaksTheRuleIsWarnedAndItsReasonsAreRequired) {
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("tasa-arvo-b", 2, 0));
  nom::SendRequestRequest send;
  send.add_area_codes(kKainuu);
  send.mutable_seats()->set_members(2);
  send.set_deadline("2026-04-30");
  send.set_covering_message("Pyydämme nimeämään edustajat.");
  ASSERT_EQ(Post(keha_, "/api/v1/networks/tasa-arvo-b/requests", Json(send))->status, 200);
  const std::string id = InboxCase();
  ASSERT_NO_FATAL_FAILURE(Register(id));
  // The JSON API's nominee field: two men as members.
  nom::ApproveCaseRequest approve;
  for (const char* name : {"Bertil Berg", "Cecil Carlsson"}) {
    nom::Nominee* n = approve.add_nominees();
    n->set_name(name);
    n->set_title("Asiantuntija");
    n->set_email(std::string(name).substr(0, 1) + "@kainuu.example.fi");
    n->set_municipality("Kajaani");
    n->set_seat(nom::SEAT_KIND_MEMBER);
    n->set_gender(nom::GENDER_MAN);
  }
  httplib::Result r = Post(director_, "/api/v1/cases/" + id + "/approve", Json(approve));
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");

  // The standing warning and KEHA's form for the special reasons.
  const std::string page = Get(keha_, "/networks/tasa-arvo-b")->body;
  EXPECT_TRUE(Has(page, "Ei täytä sääntöä")) << page;
  EXPECT_TRUE(Has(page, "Toimielin ei täytä tasa-arvolain 4 a §:n")) << page;
  EXPECT_TRUE(Has(page, "action=\"/networks/tasa-arvo-b/gender-exception\"")) << page;
  EXPECT_FALSE(Has(Get(director_, "/networks/tasa-arvo-b")->body, "/gender-exception\""))
      << "KEHA records them";

  // Blank reasons: 422 naming the field, nothing recorded.
  httplib::Result blank = Form(keha_, "/networks/tasa-arvo-b/gender-exception", {{"reason", " "}});
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->status, 422);
  EXPECT_TRUE(Has(blank->body, "id=\"f-balance-reason-error\"")) << blank->body;
  EXPECT_FALSE(
      Has(Get(keha_, "/api/v1/networks/tasa-arvo-b")->body, "\"gender_balance_exception\""));
  // The renewal form asks for them too, and refuses without them.
  const std::string renew = Get(keha_, "/networks/tasa-arvo-b/renew")->body;
  EXPECT_TRUE(Has(renew, "name=\"gender_balance_exception_reason\"")) << renew;
  httplib::Result no_reason = Form(keha_, "/networks/tasa-arvo-b/renew", {{"reason", "Jatkuu"}});
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_TRUE(Has(no_reason->body, "id=\"f-balance-gender_balance_exception_reason-error\""))
      << no_reason->body;
  EXPECT_FALSE(Has(Get(keha_, "/api/v1/networks/tasa-arvo-b")->body, "\"next_term\""));

  // Recorded: stored, shown, audited as a version.
  httplib::Result recorded = Form(keha_, "/networks/tasa-arvo-b/gender-exception",
                                  {{"reason", "Alan asiantuntijat ovat miehiä"}});
  ASSERT_TRUE(recorded);
  ASSERT_EQ(recorded->status, 303) << recorded->body;
  const std::string net = Get(keha_, "/api/v1/networks/tasa-arvo-b")->body;
  EXPECT_TRUE(Has(net, "Alan asiantuntijat ovat miehiä")) << net;
  EXPECT_TRUE(Has(net, "\"recorded_by\":\"keha.koordinaattori\"")) << net;
  EXPECT_TRUE(
      Has(Get(keha_, "/api/v1/networks/tasa-arvo-b/versions")->body, "gender_balance_exception"));
  EXPECT_TRUE(Has(Get(director_, "/networks/tasa-arvo-b")->body, "Alan asiantuntijat ovat miehiä"));
  // The JSON API's renewal carries new reasons with it, in one step.
  npb::RenewNetworkRequest renew_api;
  *renew_api.mutable_definition() = Complete("tasa-arvo-b");
  renew_api.mutable_definition()->mutable_seats_per_area()->set_members(2);
  renew_api.mutable_definition()->mutable_seats_per_area()->set_deputies(0);
  renew_api.mutable_definition()->mutable_term()->set_start_date("2027-01-01");
  renew_api.mutable_definition()->mutable_term()->set_end_date("2028-12-31");
  renew_api.set_reason("Toimikausi jatkuu");
  renew_api.set_gender_balance_exception_reason("Uudella kaudella haetaan naisia");
  httplib::Result renewed = Post(keha_, "/api/v1/networks/tasa-arvo-b/renew", Json(renew_api));
  ASSERT_TRUE(renewed);
  ASSERT_EQ(renewed->status, 200) << renewed->body;
  EXPECT_TRUE(Has(renewed->body, "Uudella kaudella haetaan naisia")) << renewed->body;
  EXPECT_TRUE(Has(renewed->body, "\"next_term\"")) << renewed->body;
  // Only KEHA records them.
  npb::RecordGenderBalanceExceptionRequest by_director;
  by_director.set_reason("Ei");
  EXPECT_EQ(
      Post(director_, "/api/v1/networks/tasa-arvo-b/gender-balance-exception", Json(by_director))
          ->status,
      403);
}

}  // namespace
}  // namespace verkosto::gateway
