// The desk (issue 18, docs/web.md "Desk") over real HTTP against real
// networks and nominations services: every role lands on its desk after the
// login form, sees its items with their real ids, and the navigation counts
// what waits; the JSON API's GET /api/v1/desk answers the same counts.
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
constexpr char kNomineeEmail[] = "nelli.nimitetty@kainuu.example.fi";

class DeskTest : public GatewayApiFixture {
 protected:
  void SetUp() override {
    GatewayApiFixture::SetUp();
    AddAccount("kirjaamo.kainuu", "Kalle Kirjaaja", common::v1::ROLE_REGISTRY_CLERK, kKainuu);
    AddAccount("tarkkailija", "Olli Observoija", common::v1::ROLE_OBSERVER, "");
    AddAccount("yllapito", "Ylva Ylläpitäjä", common::v1::ROLE_ADMIN, "");
    AddAccount("nelli.nimitetty", "Nelli Nimitetty", common::v1::ROLE_NOMINEE, "", kNomineeEmail);
    keha_ = Login("keha.koordinaattori");
    director_ = Login("johtaja.kainuu");
    clerk_ = Login("kirjaamo.kainuu");
  }

  // Opens `code` with Kainuu taking part when `kainuu_takes_part`, else
  // leaves Kainuu's participation undecided.
  void OpenNetwork(const std::string& code, bool kainuu_takes_part = true) {
    ASSERT_EQ(Post(keha_, "/api/v1/networks", CreateBody(Complete(code)))->status, 200);
    ASSERT_EQ(Post(keha_, "/api/v1/networks/" + code + "/propose", "")->status, 200);
    if (kainuu_takes_part) {
      npb::DecideParticipationRequest takes_part;
      takes_part.set_decision(npb::PARTICIPATION_DECISION_TAKES_PART);
      ASSERT_EQ(Post(director_, "/api/v1/networks/" + code + "/participation/" + kKainuu,
                     Json(takes_part))
                    ->status,
                200);
    }
    ASSERT_EQ(Post(keha_, "/api/v1/networks/" + code + "/open", "")->status, 200);
    ASSERT_NO_FATAL_FAILURE(SyncNominations());
  }

  // KEHA's request of `code` to Kainuu with `deadline`; the case id.
  std::string Send(const std::string& code, const std::string& deadline) {
    nom::SendRequestRequest send;
    send.add_area_codes(kKainuu);
    send.mutable_seats()->set_members(1);
    send.set_deadline(deadline);
    send.set_covering_message("Pyydämme nimeämään edustajan.");
    httplib::Result sent = Post(keha_, "/api/v1/networks/" + code + "/requests", Json(send));
    EXPECT_TRUE(sent && sent->status == 200) << (sent ? sent->body : "no answer");
    nom::SendRequestResponse reply;
    EXPECT_TRUE(sent && google::protobuf::util::JsonStringToMessage(sent->body, &reply).ok());
    return reply.cases_size() > 0 ? reply.cases(0).case_id() : std::string();
  }

  void Register(const std::string& id) {
    nom::RegisterCaseRequest reg;
    reg.set_date_received("2026-03-02");
    reg.set_organisation("Kajaanin kaupunki");
    reg.set_diary_number("KAI/" + id);
    ASSERT_EQ(Post(clerk_, "/api/v1/cases/" + id + "/register", Json(reg))->status, 200);
  }

  void Approve(const std::string& id) {
    nom::ApproveCaseRequest approve;
    nom::Nominee* n = approve.add_nominees();
    n->set_name("Nelli Nimitetty");
    n->set_title("Asiantuntija");
    n->set_email(kNomineeEmail);
    n->set_municipality("Kajaani");
    n->set_seat(nom::SEAT_KIND_MEMBER);
    httplib::Result r = Post(director_, "/api/v1/cases/" + id + "/approve", Json(approve));
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
  }

  // Logs `user` in through the web form as a browser does (no `next`):
  // where POST /login sends them, and their session.
  std::pair<std::string, Session> FormLogin(const std::string& user,
                                            const std::string& next = "/") {
    httplib::Result page = Client().Get("/login");
    EXPECT_TRUE(page && page->status == 200);
    std::string cookie;
    for (size_t i = 0; page && i < page->get_header_value_count("Set-Cookie"); ++i) {
      const std::string c = page->get_header_value("Set-Cookie", i);
      if (c.rfind(std::string(kLoginCsrfCookie) + "=", 0) == 0) cookie = c.substr(0, c.find(';'));
    }
    const std::string token = cookie.substr(cookie.find('=') + 1);
    httplib::Result r = Client().Post(
        "/login", {{"Cookie", cookie}},
        httplib::Params{
            {"username", user}, {"password", kPassword}, {"csrf_token", token}, {"next", next}});
    EXPECT_TRUE(r && r->status == 303);
    Session s;
    if (!r) return {"", s};
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    return {r->get_header_value("Location"), s};
  }

  // The desk of `s` in Finnish; its body.
  std::string Desk(const Session& s) {
    httplib::Result r = Get(s, "/desk");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r ? r->body : std::string();
  }

  Session keha_, director_, clerk_;
};

bool Has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

TEST_F(DeskTest, EveryRoleLandsOnItsDeskAfterTheLoginForm) {
  const std::vector<std::pair<std::string, std::string>> people = {
      {"keha.koordinaattori", "Pyynnöt tiloittain"}, {"kirjaamo.kainuu", "Kirjattavat pyynnöt"},
      {"johtaja.kainuu", "Päätettävät asiat"},       {"nelli.nimitetty", "Omat jäsenyydet"},
      {"tarkkailija", "Valtakunnallinen tilanne"},   {"yllapito", "Järjestelmän tila"},
  };
  for (const auto& [user, section] : people) {
    SCOPED_TRACE(user);
    const auto [location, session] = FormLogin(user);
    EXPECT_EQ(location, "/desk");
    const std::string body = Desk(session);
    EXPECT_TRUE(Has(body, "<h1>Työpöytä</h1>")) << body;
    EXPECT_TRUE(Has(body, "<h2 id=\"desk-")) << body;
    EXPECT_TRUE(Has(body, section)) << body;
    EXPECT_TRUE(Has(body, "<a href=\"/desk\" aria-current=\"page\">Työpöytä")) << body;
  }
  // A safe `next` still wins over the desk.
  EXPECT_EQ(FormLogin("kirjaamo.kainuu", "/registry/journal").first, "/registry/journal");
}

TEST_F(DeskTest, TheClerkSeesRequestsNearestDeadlineFirstAndTheNavigationCountsThem) {
  const std::string empty = Desk(clerk_);
  EXPECT_TRUE(Has(empty, "Ei kirjattavia pyyntöjä.")) << empty;
  EXPECT_FALSE(Has(empty, "nav-count")) << "nothing waits: no count";

  ASSERT_NO_FATAL_FAILURE(OpenNetwork("tyopoyta-a"));
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("tyopoyta-b"));
  const std::string later = Send("tyopoyta-a", "2026-04-30");
  const std::string sooner = Send("tyopoyta-b", "2026-04-15");
  const std::string body = Desk(clerk_);
  const size_t at_sooner = body.find("href=\"/cases/" + sooner + "\"");
  const size_t at_later = body.find("href=\"/cases/" + later + "\"");
  ASSERT_NE(at_sooner, std::string::npos) << body;
  ASSERT_NE(at_later, std::string::npos) << body;
  EXPECT_LT(at_sooner, at_later) << "the nearest deadline first";
  EXPECT_TRUE(Has(body, "44 päivää jäljellä")) << body;  // 2026-03-02 .. 2026-04-15
  EXPECT_TRUE(Has(body, "Kirjattavat pyynnöt (2)")) << body;
  EXPECT_TRUE(Has(body,
                  "<span class=\"nav-count\">(2<span class=\"visually-hidden\"> "
                  "odottaa</span>)</span>"))
      << body;
  // The count rides on every page's navigation, beside the registry's link.
  httplib::Result journal = Get(clerk_, "/registry/journal");
  ASSERT_TRUE(journal);
  EXPECT_TRUE(Has(journal->body, "Kirjaamo <span class=\"nav-count\">(2")) << journal->body;

  // Following the first item leads to the case's page.
  httplib::Result first = Get(clerk_, "/cases/" + sooner);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);

  // The same in the JSON API.
  httplib::Result api = Get(clerk_, "/api/v1/desk");
  ASSERT_TRUE(api);
  ASSERT_EQ(api->status, 200) << api->body;
  nom::DeskResponse desk;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(api->body, &desk).ok()) << api->body;
  EXPECT_EQ(desk.awaiting_registration(), 2u);
  ASSERT_EQ(desk.cases_size(), 2);
  EXPECT_EQ(desk.cases(0).case_id(), sooner);
  EXPECT_EQ(desk.cases(0).days_left(), 44);
  api = Get(clerk_, "/api/v1/desk?counts_only=true");
  ASSERT_TRUE(api && api->status == 200);
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(api->body, &desk).ok());
  EXPECT_EQ(desk.cases_size(), 0);
  EXPECT_EQ(desk.awaiting_registration(), 2u);
}

TEST_F(DeskTest, TheDirectorSeesCasesToDecideAndPendingParticipationWithLinks) {
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("tyopoyta-a"));
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("tyopoyta-c", /*kainuu_takes_part=*/false));
  const std::string id = Send("tyopoyta-a", "2026-04-30");
  ASSERT_NO_FATAL_FAILURE(Register(id));
  const std::string body = Desk(director_);
  EXPECT_TRUE(Has(body, "href=\"/cases/" + id + "\"")) << body;
  EXPECT_TRUE(Has(body, "Päätettävät asiat (1)")) << body;
  EXPECT_TRUE(Has(body, "Odottavat osallistumispäätökset (1)")) << body;
  EXPECT_TRUE(Has(body, "href=\"/networks/tyopoyta-c\"")) << body;
  EXPECT_TRUE(Has(body, "Ei lähiaikoina päättyviä toimikausia.")) << body;
  // Nav: 1 case + 1 participation on the desk, each beside its own page.
  EXPECT_TRUE(Has(body, "Työpöytä <span class=\"nav-count\">(2")) << body;
  EXPECT_TRUE(Has(body, "<a href=\"/area\">Alueen osallistuminen <span class=\"nav-count\">(1"))
      << body;
  httplib::Result first = Get(director_, "/cases/" + id);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);

  // KEHA: the requests by state and the proposals; the national picture for
  // the observer.
  const std::string keha = Desk(keha_);
  EXPECT_TRUE(Has(keha, "<th scope=\"row\">Kirjattu</th><td>1</td>")) << keha;
  EXPECT_TRUE(Has(keha, "Ei ehdotettuja verkostoja.")) << keha;
  const std::string observer = Desk(Login("tarkkailija"));
  EXPECT_TRUE(Has(observer, "<th scope=\"row\">Avoimet verkostot</th><td>2</td>")) << observer;
  EXPECT_TRUE(Has(observer, "<th scope=\"row\">Työllisyysalueet</th><td>45</td>")) << observer;
}

TEST_F(DeskTest, TheNomineeSeesTheirMembershipsInSwedishToo) {
  ASSERT_NO_FATAL_FAILURE(OpenNetwork("tyopoyta-a"));
  const std::string id = Send("tyopoyta-a", "2026-04-30");
  ASSERT_NO_FATAL_FAILURE(Register(id));
  ASSERT_NO_FATAL_FAILURE(Approve(id));
  const Session nominee = Login("nelli.nimitetty");
  const std::string body = Desk(nominee);
  EXPECT_TRUE(Has(body, "<a href=\"/me/memberships\">Testiverkosto</a> (Jäsen")) << body;
  EXPECT_TRUE(Has(body, "Testiverkosto")) << body;
  httplib::Result sv = Client().Get("/desk", {{"Cookie", nominee.cookie + "; lang=sv"}});
  ASSERT_TRUE(sv && sv->status == 200);
  EXPECT_TRUE(Has(sv->body, "<h1>Skrivbord</h1>")) << sv->body;
  EXPECT_TRUE(Has(sv->body, "Testnätverket")) << sv->body;
}

}  // namespace
}  // namespace verkosto::gateway
