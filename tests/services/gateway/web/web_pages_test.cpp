// The web pages over real HTTP (cpp-httplib on a free port) with the
// in-memory FakeGatewayContext answering canned protos.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "canned_network.h"
#include "fake_gateway_context.h"
#include "gateway/http/gateway_context.h"
#include "gateway/http/http_errors.h"
#include "gateway/web/i18n.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"

namespace verkosto::gateway {
namespace {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
namespace nt = ::verkosto::notifications::v1;
using testing::FakeGatewayContext;

RequestUser User(const std::string& id, Role role, const std::string& area = {}) {
  RequestUser u;
  u.actor.user_id = id;
  u.actor.display_name = "Test " + id;
  u.actor.role = role;
  u.actor.area = AreaCode(area);
  u.csrf_token = "token-" + id;
  return u;
}

nw::Network OpenNetwork(const std::string& code, const std::string& name_fi) {
  return testing::CannedOpenNetwork(code, name_fi, name_fi + " SV");
}

class WebPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.AddUser("keha", User("keha1", Role::kKehaCoordinator));
    ctx_.AddUser("clerk", User("clerk1", Role::kRegistryClerk, "helsinki"));
    ctx_.AddUser("dirkk", User("dir-kk", Role::kAreaDirector, "kainuu-koillismaa"));
    ctx_.AddUser("dirhel", User("dir-hel", Role::kAreaDirector, "helsinki"));
    ctx_.On<nw::ListAreasRequest, nw::ListAreasResponse>(
        [](const Actor&, const nw::ListAreasRequest&, nw::ListAreasResponse* r) {
          auto* a = r->add_areas();
          a->set_code("kainuu-koillismaa");
          a->set_name_fi("Kainuun ja Koillismaan työllisyysalue");
          auto* b = r->add_areas();
          b->set_code("helsinki");
          b->set_name_fi("Helsingin työllisyysalue");
          b->set_name_sv("Helsingfors sysselsättningsområde");
          return Status::Ok();
        });
    ctx_.On<nw::ListNetworksRequest, nw::ListNetworksResponse>(
        [this](const Actor&, const nw::ListNetworksRequest&, nw::ListNetworksResponse* r) {
          *r->add_networks() = OpenNetwork("osaamisverkosto", network_name_);
          return Status::Ok();
        });
    ctx_.On<nm::ListMembershipsRequest, nm::ListMembershipsResponse>(
        [](const Actor&, const nm::ListMembershipsRequest&, nm::ListMembershipsResponse* r) {
          auto* m = r->add_memberships();
          m->set_network_code("osaamisverkosto");
          m->set_area_code("helsinki");
          m->mutable_person()->set_name("Maija Meikäläinen");
          m->mutable_person()->set_title("palvelupäällikkö");
          m->mutable_person()->set_seat(nm::SEAT_KIND_MEMBER);
          return Status::Ok();
        });
    RegisterWebRoutes(server_, [this]() -> GatewayContext& { return ctx_; });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Result Get(const std::string& path, const std::string& session = {},
                      const std::string& extra_cookie = {}) {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers;
    std::string cookie = session.empty() ? "" : "session=" + session;
    if (!extra_cookie.empty()) cookie += (cookie.empty() ? "" : "; ") + extra_cookie;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    return client.Get(path, headers);
  }
  httplib::Result Post(const std::string& path, const std::string& session,
                       const httplib::Params& form) {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers = {{"Cookie", "session=" + session}};
    return client.Post(path, headers, form);
  }

  // GetCase answered with `c` as the nominations service would decide it:
  // for the users (ids) in `may_see`, with may_decide for those in
  // `may_decide`; not_found for everyone else. The pages show that answer.
  void ServeCase(const nm::Case& c, std::set<std::string> may_see,
                 std::set<std::string> may_decide) {
    ctx_.On<nm::GetCaseRequest, nm::CaseResponse>(
        [c, may_see, may_decide](const Actor& actor, const nm::GetCaseRequest&,
                                 nm::CaseResponse* r) {
          if (!may_see.count(actor.user_id)) return Status::NotFound("no case " + c.case_id());
          *r->mutable_case_() = c;
          r->set_may_decide(may_decide.count(actor.user_id) > 0);
          return Status::Ok();
        });
  }

  FakeGatewayContext ctx_;
  std::string network_name_ = "Osaamisverkosto";
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

TEST_F(WebPagesTest, PublicCatalogueShowsOpenNetworksWithDisclaimerAndComposition) {
  auto res = Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find(R"(<html lang="fi">)"), std::string::npos);
  EXPECT_NE(res->body.find("Avoimet verkostot"), std::string::npos);
  EXPECT_NE(res->body.find("Verkostot eivät edusta alueiden virallista kantaa."),
            std::string::npos);
  EXPECT_NE(res->body.find("Maija Meikäläinen"), std::string::npos);
  EXPECT_NE(res->body.find("Helsingin työllisyysalue"), std::string::npos);
  EXPECT_NE(res->body.find(R"(<a class="skip" href="#main">)"), std::string::npos);
  EXPECT_NE(res->body.find(R"(<link rel="stylesheet" href="/static/style.css">)"),
            std::string::npos);
  // Nobody is logged in: the services are asked as the public observer.
  for (const auto& call : ctx_.calls()) EXPECT_EQ(call.actor.user_id, "web:public");
}

TEST_F(WebPagesTest, UserTextIsEscaped) {
  network_name_ = "<script>alert('x')</script>";
  auto res = Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body.find("<script>"), std::string::npos);
  EXPECT_NE(res->body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(WebPagesTest, LanguageSwitchSetsACookieAndGoesBack) {
  auto res = Get("/lang?to=sv&back=/networks%3Fx%3D1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/networks?x=1");
  EXPECT_NE(res->get_header_value("Set-Cookie").find("lang=sv;"), std::string::npos);
  auto sv = Get("/", "", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_NE(sv->body.find(R"(<html lang="sv">)"), std::string::npos);
  EXPECT_NE(sv->body.find("Öppna nätverk"), std::string::npos);
  EXPECT_NE(sv->body.find("Nätverken representerar inte"), std::string::npos);
  EXPECT_NE(sv->body.find("Helsingfors sysselsättningsområde"), std::string::npos);
}

TEST_F(WebPagesTest, LanguageSwitchNeverRedirectsOffSite) {
  for (const char* back : {"//evil.example/", "https://evil.example/", "%2F%2Fevil"}) {
    auto res = Get(std::string("/lang?to=en&back=") + back);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Location"), "/") << back;
  }
}

TEST_F(WebPagesTest, TheAccountLanguageIsTheDefault) {
  RequestUser u = User("ruotsi", Role::kKehaCoordinator);
  u.language = "sv";
  ctx_.AddUser("svuser", u);
  auto res = Get("/networks", "svuser");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find(R"(<html lang="sv">)"), std::string::npos);
}

TEST_F(WebPagesTest, LoginPageCarriesTheLoginFormTokenAndNext) {
  auto res = Get("/login?next=/networks");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find(R"(name="csrf_token" value="login-token")"), std::string::npos);
  EXPECT_NE(res->body.find(R"(name="next" value="/networks")"), std::string::npos);
  EXPECT_NE(res->body.find(R"(<label for="username">)"), std::string::npos);
  auto failed = Get("/login?error=bad");
  ASSERT_TRUE(failed);
  EXPECT_NE(failed->body.find("Kirjautuminen epäonnistui"), std::string::npos);
}

TEST_F(WebPagesTest, PagesNeedALoginAndTheRightRole) {
  auto anon = Get("/networks");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->status, 303);
  EXPECT_EQ(anon->get_header_value("Location"), "/login?next=/networks");
  auto clerk = Get("/networks", "clerk");
  ASSERT_TRUE(clerk);
  EXPECT_EQ(clerk->status, 403);
  EXPECT_NE(clerk->body.find("Ei käyttöoikeutta"), std::string::npos);
  auto keha = Get("/networks", "keha");
  ASSERT_TRUE(keha);
  EXPECT_EQ(keha->status, 200);
  EXPECT_NE(keha->body.find("Osaamisverkosto"), std::string::npos);
}

TEST_F(WebPagesTest, AFormWithoutTheCsrfTokenIsRefusedBeforeAnyServiceCall) {
  auto res = Post("/networks/osaamisverkosto/open", "keha", {});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_FALSE(ctx_.Called("OpenNetworkRequest"));
  auto wrong = Post("/networks/osaamisverkosto/open", "keha", {{"csrf_token", "token-clerk1"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  EXPECT_FALSE(ctx_.Called("OpenNetworkRequest"));
}

TEST_F(WebPagesTest, OpeningWithoutAnEndDateShowsTheErrorAtTheField) {
  ctx_.On<nw::OpenNetworkRequest, nw::NetworkResponse>(
      [](const Actor&, const nw::OpenNetworkRequest&, nw::NetworkResponse*) {
        return Status::InvalidArgument("term.end_date,communication_plan.cadence",
                                       "term.end_date: an end date is required; "
                                       "communication_plan.cadence: is required");
      });
  ctx_.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest& req, nw::GetNetworkResponse* r) {
        *r->mutable_network() = OpenNetwork(req.network_code(), "Osaamisverkosto");
        r->mutable_network()->set_status(nw::NETWORK_STATUS_DRAFT);
        return Status::Ok();
      });
  auto res = Post("/networks/osaamisverkosto/open", "keha", {{"csrf_token", "token-keha1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string& html = res->body;
  EXPECT_NE(html.find(R"(class="error-summary")"), std::string::npos);
  EXPECT_NE(html.find(R"(<a href="#f-term-end_date">)"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(id="f-term-end_date-error")"), std::string::npos);
  EXPECT_NE(html.find(R"(aria-describedby="f-term-end_date-hint f-term-end_date-error")"),
            std::string::npos);
  EXPECT_NE(html.find(R"(<a href="#f-communication_plan-cadence">)"), std::string::npos);
  EXPECT_NE(html.find(R"(action="/networks/osaamisverkosto/edit")"), std::string::npos);
}

TEST_F(WebPagesTest, CreatingANetworkSendsTheFormAsADefinition) {
  nw::NetworkDefinition seen;
  ctx_.On<nw::CreateNetworkRequest, nw::NetworkResponse>(
      [&seen](const Actor& actor, const nw::CreateNetworkRequest& req, nw::NetworkResponse*) {
        EXPECT_EQ(actor.user_id, "keha1");
        seen = req.definition();
        return Status::Ok();
      });
  auto res = Post("/networks/new", "keha",
                  {{"csrf_token", "token-keha1"},
                   {"code", "uusi"},
                   {"names.fi", "Uusi verkosto"},
                   {"goals", "Yksi\r\nKaksi\r\n"},
                   {"term.start_date", "2027-01-01"},
                   {"cadence.meetings_per_year", "6"},
                   {"cadence.hours_per_meeting_tenths", "1,5"},
                   {"seats_per_area.members", "2"},
                   {"seats_per_area.deputies", "1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/networks/uusi?done=created");
  EXPECT_EQ(seen.code(), "uusi");
  ASSERT_EQ(seen.goals_size(), 2);
  EXPECT_EQ(seen.goals(1), "Kaksi");
  EXPECT_EQ(seen.cadence().hours_per_meeting_tenths(), 15U);
  EXPECT_EQ(seen.seats_per_area().members(), 2U);
  EXPECT_TRUE(seen.term().end_date().empty());
}

TEST_F(WebPagesTest, ANumberFieldThatIsNotANumberIsRefusedByThePage) {
  auto res =
      Post("/networks/new", "keha",
           {{"csrf_token", "token-keha1"}, {"code", "uusi"}, {"seats_per_area.members", "kaksi"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find(R"(id="f-seats_per_area-members-error")"), std::string::npos);
  EXPECT_FALSE(ctx_.Called("CreateNetworkRequest"));
}

nm::Case RegisteredCase(const std::string& area) {
  nm::Case c;
  c.set_case_id("case-1");
  c.set_network_code("osaamisverkosto");
  c.set_area_code(area);
  c.set_state(nm::CASE_STATE_REGISTERED);
  c.mutable_seats()->set_members(1);
  c.mutable_seats()->set_deputies(1);
  c.set_deadline("2027-02-01");
  c.mutable_registration()->set_diary_number("KK/123/2027");
  return c;
}

// Answers requests of type Req with `refusal`.
template <typename Req, typename Resp>
void Refuse(FakeGatewayContext& ctx, const Status& refusal) {
  ctx.On<Req, Resp>([refusal](const Actor&, const Req&, Resp*) { return refusal; });
}

// Who sees and who decides a case of Kainuu, as the service answers: KEHA and
// the area's leadership see it; the leadership decides it.
const std::set<std::string> kKainuuSees = {"keha1", "dir-kk", "dep-kk"};
const std::set<std::string> kKainuuDecides = {"dir-kk", "dep-kk"};

TEST_F(WebPagesTest, TheDirectorOfTheAreaCanDecideAndAnotherAreaCannotSeeTheCase) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  auto own = Get("/cases/case-1", "dirkk");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_NE(own->body.find(R"(action="/cases/case-1/approve")"), std::string::npos);
  EXPECT_NE(own->body.find(R"(name="nominees[1].email")"), std::string::npos);
  EXPECT_NE(own->body.find("KK/123/2027"), std::string::npos);

  auto other = Get("/cases/case-1", "dirhel");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(other->body.find("KK/123/2027"), std::string::npos);
  auto decide = Post("/cases/case-1/approve", "dirhel",
                     {{"csrf_token", "token-dir-hel"}, {"nominees[0].name", "X"}});
  ASSERT_TRUE(decide);
  EXPECT_EQ(decide->status, 404);
  EXPECT_FALSE(ctx_.Called("ApproveCaseRequest"));
}

TEST_F(WebPagesTest, TheDeputyDecidesOnTheDirectorsBehalfAndANomineeSeesNoCase) {
  RequestUser deputy = User("dep-kk", Role::kAreaDeputy, "kainuu-koillismaa");
  deputy.actor.on_behalf_of = "dir-kk";
  ctx_.AddUser("depkk", deputy);
  ctx_.AddUser("nominee", User("nom", Role::kNominee));
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  Actor seen;
  ctx_.On<nm::DeclineCaseRequest, nm::CaseResponse>(
      [&seen](const Actor& actor, const nm::DeclineCaseRequest& req, nm::CaseResponse*) {
        seen = actor;
        EXPECT_EQ(req.reason(), "Ei resursseja");
        return Status::Ok();
      });
  auto page = Get("/cases/case-1", "depkk");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("toimii johtajan puolesta: dir-kk"), std::string::npos);
  EXPECT_NE(page->body.find(R"(action="/cases/case-1/decline")"), std::string::npos);
  auto res = Post("/cases/case-1/decline", "depkk",
                  {{"csrf_token", "token-dep-kk"}, {"reason", "Ei resursseja"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/cases/case-1?done=declined");
  EXPECT_EQ(seen.user_id, "dep-kk");
  EXPECT_EQ(seen.on_behalf_of, "dir-kk");
  auto nominee = Get("/cases/case-1", "nominee");
  ASSERT_TRUE(nominee);
  EXPECT_EQ(nominee->status, 404);
}

// The page never recomputes who may see or decide a case: it shows the
// nominations service's answer, form or no form.
TEST_F(WebPagesTest, TheCasePageShowsWhatTheServiceDecides) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), {"dir-kk", "dir-hel"}, {"dir-hel"});
  auto own = Get("/cases/case-1", "dirkk");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_NE(own->body.find("KK/123/2027"), std::string::npos);
  EXPECT_EQ(own->body.find(R"(action="/cases/case-1/approve")"), std::string::npos)
      << "the service said the director may not decide it";
  auto other = Get("/cases/case-1", "dirhel");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200) << "the service lets this user see it";
  EXPECT_NE(other->body.find(R"(action="/cases/case-1/approve")"), std::string::npos);
}

// A page's error status is THE error table's (http/http_errors.h), as the
// API's: failed_precondition is 409 and deadline_exceeded 504, for a page and
// for a form that has no page of its own to show the refusal in.
TEST_F(WebPagesTest, APagesErrorStatusComesFromTheOneErrorTable) {
  for (const Status& refusal :
       {Status::FailedPrecondition("not now"), Status::DeadlineExceeded("too slow"),
        Status::Unavailable("down"), Status::AlreadyExists("twice"), Status::NotFound("gone"),
        Status::PermissionDenied("no"), Status::Internal("broken")}) {
    Refuse<nt::ListInboxRequest, nt::ListInboxResponse>(ctx_, refusal);
    Refuse<nt::MarkReadRequest, nt::MarkReadResponse>(ctx_, refusal);
    auto page = Get("/inbox", "clerk");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, HttpStatusFor(refusal.code())) << refusal.ToString();
    auto form = Post("/inbox/read", "clerk", {{"csrf_token", "token-clerk1"}, {"id", "m1"}});
    ASSERT_TRUE(form);
    EXPECT_EQ(form->status, HttpStatusFor(refusal.code())) << refusal.ToString();
    EXPECT_NE(form->body.find(refusal.message()), std::string::npos);
  }
  Refuse<nt::MarkReadRequest, nt::MarkReadResponse>(ctx_, Status::FailedPrecondition("not now"));
  EXPECT_EQ(Post("/inbox/read", "clerk", {{"csrf_token", "token-clerk1"}})->status, 409);
  Refuse<nt::ListInboxRequest, nt::ListInboxResponse>(ctx_, Status::DeadlineExceeded("slow"));
  EXPECT_EQ(Get("/inbox", "clerk")->status, 504);
}

// "All areas" is the empty area list: the service sends to every area that has
// not declined. The page asks nothing else to build the list itself.
TEST_F(WebPagesTest, SendingToAllAreasSendsTheEmptyList) {
  nm::SendRequestRequest seen;
  seen.add_area_codes("not called");
  ctx_.On<nm::SendRequestRequest, nm::SendRequestResponse>(
      [&seen](const Actor&, const nm::SendRequestRequest& req, nm::SendRequestResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto res = Post("/networks/osaamisverkosto/send", "keha",
                  {{"csrf_token", "token-keha1"},
                   {"all_areas", "1"},
                   {"area", "helsinki"},
                   {"seats.members", "1"},
                   {"seats.deputies", "1"},
                   {"deadline", "2027-02-01"},
                   {"covering_message", "Nimetkää jäsenet"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), "/networks/osaamisverkosto/matrix?done=sent");
  EXPECT_EQ(seen.area_codes_size(), 0);
  EXPECT_EQ(seen.covering_message(), "Nimetkää jäsenet");
  EXPECT_FALSE(ctx_.Called("GetNetworkRequest"));
  EXPECT_FALSE(ctx_.Called("ListAreasRequest"));

  // Without "all areas" the chosen ones go, and choosing none is refused by the page.
  auto some = Post("/networks/osaamisverkosto/send", "keha",
                   {{"csrf_token", "token-keha1"},
                    {"area", "helsinki"},
                    {"deadline", "2027-02-01"},
                    {"covering_message", "x"}});
  ASSERT_TRUE(some);
  EXPECT_EQ(some->status, 303);
  ASSERT_EQ(seen.area_codes_size(), 1);
  EXPECT_EQ(seen.area_codes(0), "helsinki");
}

// httplib alone refuses url-encoded bodies over 8 KiB with an empty 413; the
// pages read their forms themselves, up to kMaxRequestBodyBytes.
TEST_F(WebPagesTest, ALongDeclineReasonReachesTheService) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  std::string seen;
  ctx_.On<nm::DeclineCaseRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::DeclineCaseRequest& req, nm::CaseResponse*) {
        seen = req.reason();
        return Status::Ok();
      });
  std::string reason;
  while (reason.size() < 9000) reason += "Ei resursseja & ei aikaa. ";
  reason.resize(9000);
  auto res =
      Post("/cases/case-1/decline", "dirkk", {{"csrf_token", "token-dir-kk"}, {"reason", reason}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(seen.size(), 9000u);
  EXPECT_TRUE(seen == reason);  // not printed: 9 000 characters
}

TEST_F(WebPagesTest, AFormOverTheBodyLimitIsTheStyledPageInTheUsersLanguage) {
  const std::string huge(kMaxRequestBodyBytes, 'x');
  auto fi =
      Post("/cases/case-1/decline", "dirkk", {{"csrf_token", "token-dir-kk"}, {"reason", huge}});
  ASSERT_TRUE(fi);
  EXPECT_EQ(fi->status, 413);
  EXPECT_NE(fi->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(fi->body.find(R"(<html lang="fi">)"), std::string::npos);
  EXPECT_NE(fi->body.find("<h1>Lomake on liian suuri</h1>"), std::string::npos) << fi->body;
  EXPECT_NE(fi->body.find("Takaisin-painikkeella"), std::string::npos);
  EXPECT_NE(fi->body.find(R"(<a class="skip" href="#main">)"), std::string::npos);
  EXPECT_FALSE(ctx_.Called("DeclineCaseRequest"));

  httplib::Client client("127.0.0.1", port_);
  auto sv = client.Post("/networks/new", {{"Cookie", "session=keha; lang=sv"}},
                        httplib::Params{{"csrf_token", "token-keha1"}, {"description", huge}});
  ASSERT_TRUE(sv);
  EXPECT_EQ(sv->status, 413);
  EXPECT_NE(sv->body.find(R"(<html lang="sv">)"), std::string::npos);
  EXPECT_NE(sv->body.find("<h1>Formuläret är för stort</h1>"), std::string::npos) << sv->body;
  EXPECT_FALSE(ctx_.Called("CreateNetworkRequest"));
}

TEST_F(WebPagesTest, ApprovalSendsTheFilledNomineeRows) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  nm::ApproveCaseRequest seen;
  ctx_.On<nm::ApproveCaseRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::ApproveCaseRequest& req, nm::CaseResponse*) {
        seen = req;
        return Status::InvalidArgument("nominees[1].email", "is not an e-mail address");
      });
  auto res = Post("/cases/case-1/approve", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"nominees[0].name", "Anna A"},
                   {"nominees[0].email", "anna@kajaani.fi"},
                   {"nominees[0].seat", "member"},
                   {"nominees[1].name", "Bertta B"},
                   {"nominees[1].email", "ei-osoite"},
                   {"nominees[1].seat", "deputy"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  ASSERT_EQ(seen.nominees_size(), 2);
  EXPECT_EQ(seen.nominees(1).seat(), nm::SEAT_KIND_DEPUTY);
  EXPECT_NE(res->body.find(R"(id="f-nominees[1]-email-error")"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find(R"(value="ei-osoite")"), std::string::npos);
}

TEST_F(WebPagesTest, TheNomineesLanguageReachesTheApproval) {
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  auto form = Get("/cases/case-1", "dirkk");
  ASSERT_TRUE(form);
  EXPECT_NE(form->body.find(R"(<label for="f-nominees[0]-language">Viestien kieli</label>)"),
            std::string::npos)
      << form->body;
  EXPECT_NE(form->body.find(R"(<select id="f-nominees[1]-language" name="nominees[1].language")"),
            std::string::npos);
  EXPECT_NE(form->body.find(R"(<option value="sv">svenska</option>)"), std::string::npos);
  EXPECT_NE(form->body.find(R"(<option value="" selected>— (alueen kieli)</option>)"),
            std::string::npos);

  nm::ApproveCaseRequest seen;
  ctx_.On<nm::ApproveCaseRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::ApproveCaseRequest& req, nm::CaseResponse*) {
        seen = req;
        return Status::InvalidArgument("nominees[1].language", "must be fi, sv or en");
      });
  auto res = Post("/cases/case-1/approve", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"nominees[0].name", "Anna A"},
                   {"nominees[0].language", "sv"},
                   {"nominees[1].name", "Bertta B"},
                   {"nominees[1].language", ""}});
  ASSERT_TRUE(res);
  ASSERT_EQ(seen.nominees_size(), 2);
  EXPECT_EQ(seen.nominees(0).language(), "sv");
  EXPECT_EQ(seen.nominees(1).language(), "");
  // The service's refusal is shown at the nominee's language field, the choice kept.
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find(R"(id="f-nominees[1]-language-error")"), std::string::npos);
  EXPECT_NE(res->body.find(R"(<option value="sv" selected>svenska</option>)"), std::string::npos);
}

TEST_F(WebPagesTest, TheInboxListsMessagesAndMarksThemRead) {
  ctx_.On<nt::ListInboxRequest, nt::ListInboxResponse>(
      [](const Actor&, const nt::ListInboxRequest&, nt::ListInboxResponse* r) {
        auto* i = r->add_items();
        i->set_id("m1");
        i->set_subject("Sinut on nimetty verkostoon");
        i->set_body_text("Tervetuloa");
        i->set_link("/cases/case-1");
        r->set_unread_count(1);
        return Status::Ok();
      });
  std::vector<std::string> marked;
  ctx_.On<nt::MarkReadRequest, nt::MarkReadResponse>(
      [&marked](const Actor&, const nt::MarkReadRequest& req, nt::MarkReadResponse*) {
        marked.assign(req.ids().begin(), req.ids().end());
        return Status::Ok();
      });
  auto res = Get("/inbox", "clerk");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("Sinut on nimetty verkostoon"), std::string::npos);
  auto read = Post("/inbox/read", "clerk", {{"csrf_token", "token-clerk1"}, {"id", "m1"}});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 303);
  EXPECT_EQ(marked, std::vector<std::string>{"m1"});
}

TEST_F(WebPagesTest, TheMatrixDownloadsAsCsv) {
  ctx_.On<nm::NetworkMatrixRequest, nm::NetworkMatrixResponse>(
      [](const Actor&, const nm::NetworkMatrixRequest&, nm::NetworkMatrixResponse* r) {
        r->set_csv("area_code,state\r\nhelsinki,approved\r\n");
        auto* row = r->add_rows();
        row->set_area_code("helsinki");
        *row->mutable_latest_case() = RegisteredCase("helsinki");
        return Status::Ok();
      });
  auto page = Get("/networks/osaamisverkosto/matrix", "keha");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Helsingin työllisyysalue"), std::string::npos);
  EXPECT_NE(page->body.find("Kirjattu"), std::string::npos);
  auto csv = Get("/networks/osaamisverkosto/matrix.csv", "keha");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->body, "area_code,state\r\nhelsinki,approved\r\n");
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
}

TEST_F(WebPagesTest, KehaWithdrawsAndExtendsFromTheMatrix) {
  std::string withdrawn;
  std::string extended;
  ctx_.On<nm::WithdrawCaseRequest, nm::CaseResponse>(
      [&withdrawn](const Actor&, const nm::WithdrawCaseRequest& req, nm::CaseResponse* r) {
        withdrawn = req.case_id() + ":" + req.reason();
        r->mutable_case_()->set_network_code("osaamisverkosto");
        return Status::Ok();
      });
  ctx_.On<nm::ExtendDeadlineRequest, nm::CaseResponse>(
      [&extended](const Actor&, const nm::ExtendDeadlineRequest& req, nm::CaseResponse* r) {
        extended = req.case_id() + ":" + req.deadline();
        r->mutable_case_()->set_network_code("osaamisverkosto");
        return Status::Ok();
      });
  auto w = Post("/cases/r-1/helsinki/withdraw", "keha",
                {{"csrf_token", "token-keha1"}, {"reason", "Lähetetty väärälle alueelle"}});
  ASSERT_TRUE(w);
  EXPECT_EQ(w->status, 303);
  EXPECT_EQ(w->get_header_value("Location"), "/networks/osaamisverkosto/matrix?done=withdraw");
  EXPECT_EQ(withdrawn, "r-1/helsinki:Lähetetty väärälle alueelle");
  auto e = Post("/cases/r-1/helsinki/extend", "keha",
                {{"csrf_token", "token-keha1"}, {"deadline", "2027-03-01"}});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 303);
  EXPECT_EQ(extended, "r-1/helsinki:2027-03-01");
  ctx_.On<nm::ExtendDeadlineRequest, nm::CaseResponse>(
      [](const Actor&, const nm::ExtendDeadlineRequest&, nm::CaseResponse*) {
        return Status::InvalidArgument("deadline", "is not a valid date");
      });
  ctx_.On<nm::GetCaseRequest, nm::CaseResponse>(
      [](const Actor&, const nm::GetCaseRequest&, nm::CaseResponse* r) {
        *r->mutable_case_() = RegisteredCase("helsinki");
        return Status::Ok();
      });
  auto refused = Post("/cases/r-1/helsinki/extend", "keha",
                      {{"csrf_token", "token-keha1"}, {"deadline", "huomenna"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find(R"(class="error-summary")"), std::string::npos);
  EXPECT_NE(refused->body.find("is not a valid date"), std::string::npos);
  auto clerk = Post("/cases/r-1/helsinki/withdraw", "clerk", {{"csrf_token", "token-clerk1"}});
  ASSERT_TRUE(clerk);
  EXPECT_EQ(clerk->status, 403);
}

TEST_F(WebPagesTest, TheClerkLogsARequestThatCameByLetterForTheirOwnArea) {
  nm::LogIncomingRequestRequest seen;
  ctx_.On<nm::LogIncomingRequestRequest, nm::CaseResponse>(
      [&seen](const Actor&, const nm::LogIncomingRequestRequest& req, nm::CaseResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto res = Post("/registry/log", "clerk",
                  {{"csrf_token", "token-clerk1"},
                   {"network_code", "osaamisverkosto"},
                   {"channel", "letter"},
                   {"sender", "KEHA-keskus"},
                   {"subject", "Jäsenpyyntö"},
                   {"date_received", "2027-01-05"},
                   {"diary_number", "HEL/7/2027"},
                   {"organisation", "Helsingin kaupunki"},
                   {"seats.members", "1"},
                   {"seats.deputies", "0"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(seen.area_code(), "helsinki");
  EXPECT_EQ(seen.channel(), nm::CHANNEL_LETTER);
  EXPECT_EQ(seen.diary_number(), "HEL/7/2027");
  EXPECT_EQ(seen.seats().members(), 1U);
}

// The service names the first missing field it finds; the page names them all.
TEST_F(WebPagesTest, LoggingARequestNamesEveryMissingField) {
  auto res = Post("/registry/log", "clerk",
                  {{"csrf_token", "token-clerk1"},
                   {"network_code", "osaamisverkosto"},
                   {"channel", "email"},
                   {"sender", " "},
                   {"subject", ""},
                   {"date_received", "2027-01-05"},
                   {"diary_number", ""},
                   {"organisation", ""},
                   {"seats.members", "1"},
                   {"seats.deputies", "0"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  for (const char* field : {"sender", "subject", "diary_number", "organisation"}) {
    const std::string id = std::string("f-") + field;
    EXPECT_NE(res->body.find(R"(<p class="field-error" id=")" + id + R"(-error">)"),
              std::string::npos)
        << field << "\n"
        << res->body;
    EXPECT_NE(res->body.find(R"(<a href="#)" + id + R"(">)"), std::string::npos) << field;
  }
  for (const char* filled : {"network_code", "channel", "date_received"}) {
    EXPECT_EQ(res->body.find(std::string("f-") + filled + "-error"), std::string::npos) << filled;
  }
  EXPECT_FALSE(ctx_.Called("LogIncomingRequestRequest"));  // the page refused it already

  // The same for the register form of a case in the registry's inbox.
  ctx_.On<nm::RegistryInboxRequest, nm::CaseListResponse>(
      [](const Actor&, const nm::RegistryInboxRequest&, nm::CaseListResponse* r) {
        r->add_cases()->set_case_id("r-1/helsinki");
        return Status::Ok();
      });
  auto reg = Post("/cases/r-1/helsinki/register", "clerk",
                  {{"csrf_token", "token-clerk1"},
                   {"diary_number", ""},
                   {"date_received", "2027-01-05"},
                   {"organisation", ""}});
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->status, 422);
  EXPECT_NE(reg->body.find(R"(<a href="#f-r-1-helsinki-diary_number">)"), std::string::npos)
      << reg->body;
  EXPECT_NE(reg->body.find(R"(<a href="#f-r-1-helsinki-organisation">)"), std::string::npos);
  EXPECT_NE(reg->body.find(R"(id="f-r-1-helsinki-organisation-error")"), std::string::npos);
  EXPECT_FALSE(ctx_.Called("RegisterCaseRequest"));
}

// The registration forms propose today's date in Helsinki on the services'
// clock: 22:30 UTC on 4 December is already 5 December in Finland.
TEST_F(WebPagesTest, RegistrationFormsProposeTodayInHelsinki) {
  ctx_.clock().Set(FromMicros(1796423400LL * 1000000));  // 2026-12-04T22:30:00Z
  ctx_.On<nm::RegistryInboxRequest, nm::CaseListResponse>(
      [](const Actor&, const nm::RegistryInboxRequest&, nm::CaseListResponse* r) {
        auto* c = r->add_cases();
        c->set_case_id("r-1.helsinki");
        c->set_network_code("osaamisverkosto");
        c->set_area_code("helsinki");
        return Status::Ok();
      });
  for (const std::string path : {"/registry", "/registry/log"}) {
    auto res = Get(path, "clerk");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_NE(res->body.find(R"(value="2026-12-05")"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("2026-12-04"), std::string::npos) << path;
  }
}

TEST_F(WebPagesTest, TheJournalCsvDefusesFormulas) {
  ctx_.On<nm::RegistryJournalRequest, nm::CaseListResponse>(
      [](const Actor&, const nm::RegistryJournalRequest& req, nm::CaseListResponse* r) {
        EXPECT_EQ(req.search(), "HEL");
        nm::Case* c = r->add_cases();
        c->set_case_id("r-1/helsinki");
        c->set_network_code("osaamisverkosto");
        c->set_state(nm::CASE_STATE_REGISTERED);
        c->mutable_registration()->set_diary_number("HEL/1");
        c->mutable_registration()->set_sender("=HYPERLINK(\"x\")");
        c->mutable_registration()->set_channel(nm::CHANNEL_EMAIL);
        return Status::Ok();
      });
  auto csv = Get("/registry/journal.csv?q=HEL", "clerk");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body,
            "diary_number,date_received,network_code,channel,sender,subject,state,case_id\r\n"
            "HEL/1,,osaamisverkosto,email,\"'=HYPERLINK(\"\"x\"\")\",,registered,r-1/helsinki\r\n");
}

TEST_F(WebPagesTest, TheAreaPageLinksEachNetworkToItsPageWithGoalsTermAndPlan) {
  // Rule 7: before deciding, the area reads what the network is for.
  auto res = Get("/area", "dirkk");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find(R"(<a href="/networks/osaamisverkosto">)"), std::string::npos)
      << res->body;
}

TEST_F(WebPagesTest, TheDirectorRecordsTheAreasParticipation) {
  nw::DecideParticipationRequest seen;
  ctx_.On<nw::DecideParticipationRequest, nw::DecideParticipationResponse>(
      [&seen](const Actor&, const nw::DecideParticipationRequest& req,
              nw::DecideParticipationResponse*) {
        seen = req;
        return Status::Ok();
      });
  auto res = Post("/area/participation", "dirkk",
                  {{"csrf_token", "token-dir-kk"},
                   {"network", "osaamisverkosto"},
                   {"decision", "declines"},
                   {"reason", "Ei resursseja"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/area?done=participation");
  EXPECT_EQ(seen.area_code(), "kainuu-koillismaa");
  EXPECT_EQ(seen.decision(), nw::PARTICIPATION_DECISION_DECLINES);
  EXPECT_EQ(seen.reason(), "Ei resursseja");

  ctx_.On<nw::DecideParticipationRequest, nw::DecideParticipationResponse>(
      [](const Actor&, const nw::DecideParticipationRequest&, nw::DecideParticipationResponse*) {
        return Status::InvalidArgument("reason", "is required when an area declines");
      });
  auto refused = Post(
      "/area/participation", "dirkk",
      {{"csrf_token", "token-dir-kk"}, {"network", "osaamisverkosto"}, {"decision", "declines"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(refused->body.find(R"(class="error-summary")"), std::string::npos);
  EXPECT_NE(refused->body.find("is required when an area declines"), std::string::npos);
}

// A proposed network with one area's comment.
void AnswerProposedNetworkWithAComment(FakeGatewayContext& ctx) {
  ctx.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest& req, nw::GetNetworkResponse* r) {
        *r->mutable_network() = OpenNetwork(req.network_code(), "Osaamisverkosto");
        r->mutable_network()->set_status(nw::NETWORK_STATUS_PROPOSED);
        nw::Comment* c = r->add_comments();
        c->set_network_code(req.network_code());
        c->set_area_code("helsinki");
        c->set_text("Kokouksia on liian monta.");
        c->set_author("dep-hel");
        c->set_author_name("Helena Varajohtaja");
        c->set_on_behalf_of("dir-hel");
        return Status::Ok();
      });
}

TEST_F(WebPagesTest, EveryoneSeesTheAreasCommentsAndOnlyDirectorsAndDeputiesGetTheForm) {
  AnswerProposedNetworkWithAComment(ctx_);
  RequestUser deputy = User("dep-kk", Role::kAreaDeputy, "kainuu-koillismaa");
  deputy.actor.on_behalf_of = "dir-kk";
  ctx_.AddUser("depkk", deputy);
  const std::string form = R"(action="/networks/osaamisverkosto/comments")";
  for (const char* session : {"keha", "clerk", "dirkk", "depkk"}) {
    auto res = Get("/networks/osaamisverkosto", session);
    ASSERT_TRUE(res) << session;
    EXPECT_EQ(res->status, 200) << session;
    EXPECT_NE(res->body.find("Alueiden kommentit"), std::string::npos) << session;
    EXPECT_NE(res->body.find("Kokouksia on liian monta."), std::string::npos) << session;
    EXPECT_NE(res->body.find("Helsingin työllisyysalue – Helena Varajohtaja"), std::string::npos)
        << session;
    const bool leader = std::string(session) == "dirkk" || std::string(session) == "depkk";
    EXPECT_EQ(res->body.find(form) != std::string::npos, leader) << session;
  }
  auto dir = Get("/networks/osaamisverkosto", "dirkk");
  ASSERT_TRUE(dir);
  EXPECT_NE(dir->body.find(R"(<label for="f-comment-text">Kommentti (pakollinen)</label>)"),
            std::string::npos)
      << dir->body;
  EXPECT_NE(dir->body.find(R"(<textarea id="f-comment-text" name="text")"), std::string::npos);
  EXPECT_NE(dir->body.find(R"(name="csrf_token" value="token-dir-kk")"), std::string::npos);
}

TEST_F(WebPagesTest, ADeputyCommentsForTheirOwnAreaOnTheDirectorsBehalf) {
  RequestUser deputy = User("dep-kk", Role::kAreaDeputy, "kainuu-koillismaa");
  deputy.actor.on_behalf_of = "dir-kk";
  ctx_.AddUser("depkk", deputy);
  nw::AddCommentRequest seen;
  Actor actor;
  ctx_.On<nw::AddCommentRequest, nw::AddCommentResponse>(
      [&seen, &actor](const Actor& a, const nw::AddCommentRequest& req, nw::AddCommentResponse*) {
        seen = req;
        actor = a;
        return Status::Ok();
      });
  auto res = Post("/networks/osaamisverkosto/comments", "depkk",
                  {{"csrf_token", "token-dep-kk"}, {"text", "Osallistumme mielellämme."}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/networks/osaamisverkosto?done=commented");
  EXPECT_EQ(seen.network_code(), "osaamisverkosto");
  EXPECT_EQ(seen.area_code(), "kainuu-koillismaa");
  EXPECT_EQ(seen.text(), "Osallistumme mielellämme.");
  EXPECT_EQ(actor.user_id, "dep-kk");
  EXPECT_EQ(actor.on_behalf_of, "dir-kk");
}

TEST_F(WebPagesTest, ARefusedCommentShowsTheErrorAtTheField) {
  AnswerProposedNetworkWithAComment(ctx_);
  ctx_.On<nw::AddCommentRequest, nw::AddCommentResponse>(
      [](const Actor&, const nw::AddCommentRequest&, nw::AddCommentResponse*) {
        return Status::InvalidArgument("text", "is empty");
      });
  auto res = Post("/networks/osaamisverkosto/comments", "dirkk",
                  {{"csrf_token", "token-dir-kk"}, {"text", "  "}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string& html = res->body;
  EXPECT_NE(html.find(R"(class="error-summary")"), std::string::npos);
  EXPECT_NE(html.find(R"(<a href="#f-comment-text">Kommentti: )"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(<p class="field-error" id="f-comment-text-error">)"), std::string::npos);
  EXPECT_NE(html.find(R"(aria-describedby="f-comment-text-hint f-comment-text-error")"),
            std::string::npos);
  EXPECT_NE(html.find(R"(aria-invalid="true")"), std::string::npos);
  EXPECT_NE(html.find("is empty"), std::string::npos);
  // The rest of the page is still there.
  EXPECT_NE(html.find("Kokouksia on liian monta."), std::string::npos);
}

TEST_F(WebPagesTest, ACommentWithoutTheCsrfTokenOrFromKehaCallsNoService) {
  auto res = Post("/networks/osaamisverkosto/comments", "dirkk", {{"text", "Hei"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  auto wrong =
      Post("/networks/osaamisverkosto/comments", "dirkk", {{"csrf_token", "x"}, {"text", "Hei"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto keha = Post("/networks/osaamisverkosto/comments", "keha",
                   {{"csrf_token", "token-keha1"}, {"text", "Hei"}});
  ASSERT_TRUE(keha);
  EXPECT_EQ(keha->status, 403);
  EXPECT_FALSE(ctx_.Called("AddCommentRequest"));
}

TEST_F(WebPagesTest, AnUnknownPathIsTheStyledNotFoundPageInTheUsersLanguage) {
  auto fi = Get("/no-such-page");
  ASSERT_TRUE(fi);
  EXPECT_EQ(fi->status, 404);
  EXPECT_NE(fi->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(fi->body.find(R"(<html lang="fi">)"), std::string::npos);
  EXPECT_NE(fi->body.find("<title>Sivua ei löytynyt – Verkosto</title>"), std::string::npos)
      << fi->body;
  EXPECT_NE(fi->body.find("<h1>Sivua ei löytynyt</h1>"), std::string::npos);
  EXPECT_NE(fi->body.find(R"(<a href="/">Takaisin etusivulle</a>)"), std::string::npos);
  EXPECT_NE(fi->body.find(R"(<a class="skip" href="#main">)"), std::string::npos);

  auto sv = Get("/no-such-page", "", "lang=sv");
  ASSERT_TRUE(sv);
  EXPECT_EQ(sv->status, 404);
  EXPECT_NE(sv->body.find(R"(<html lang="sv">)"), std::string::npos);
  EXPECT_NE(sv->body.find("<h1>Sidan hittades inte</h1>"), std::string::npos) << sv->body;

  // A logged-in user gets the page with their navigation; a POST too.
  auto keha = Get("/networks/osaamisverkosto/no-such-thing", "keha");
  ASSERT_TRUE(keha);
  EXPECT_EQ(keha->status, 404);
  EXPECT_NE(keha->body.find(R"(href="/networks")"), std::string::npos);
  auto post = Post("/no-such-form", "keha", {{"csrf_token", "token-keha1"}});
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 404);
  EXPECT_NE(post->body.find("<h1>Sivua ei löytynyt</h1>"), std::string::npos);
}

TEST_F(WebPagesTest, TheApiKeepsItsOwnNotFound) {
  // Without the API's routes nothing answers here; the web layer must not turn
  // an /api/v1/ 404 into a page.
  auto res = Get("/api/v1/no-such-route");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->body.find("<html"), std::string::npos);
}

// A service's refusal that names no form field (here: a case of another area)
// is still shown, with its translated message and the service's own words,
// whichever form it came from.
TEST_F(WebPagesTest, EveryRefusedFormShowsTheRefusal) {
  const Status refusal =
      Status::PermissionDenied("case r-2/kainuu-koillismaa belongs to another area");
  Refuse<nw::CreateNetworkRequest, nw::NetworkResponse>(ctx_, refusal);
  Refuse<nw::UpdateNetworkRequest, nw::NetworkResponse>(ctx_, refusal);
  Refuse<nw::OpenNetworkRequest, nw::NetworkResponse>(ctx_, refusal);
  Refuse<nw::CloseNetworkRequest, nw::NetworkResponse>(ctx_, refusal);
  Refuse<nm::SendRequestRequest, nm::SendRequestResponse>(ctx_, refusal);
  Refuse<nw::AddCommentRequest, nw::AddCommentResponse>(ctx_, refusal);
  Refuse<nm::WithdrawCaseRequest, nm::CaseResponse>(ctx_, refusal);
  Refuse<nm::RegisterCaseRequest, nm::CaseResponse>(ctx_, refusal);
  Refuse<nm::LogIncomingRequestRequest, nm::CaseResponse>(ctx_, refusal);
  Refuse<nm::DeclineCaseRequest, nm::CaseResponse>(ctx_, refusal);
  Refuse<nw::DecideParticipationRequest, nw::DecideParticipationResponse>(ctx_, refusal);
  Refuse<nt::MarkReadRequest, nt::MarkReadResponse>(ctx_, refusal);
  ServeCase(RegisteredCase("kainuu-koillismaa"), kKainuuSees, kKainuuDecides);
  struct Refused {
    std::string session;
    std::string path;
    httplib::Params form;
  };
  const std::vector<Refused> forms = {
      {"keha", "/networks/new", {{"code", "uusi"}}},
      {"keha", "/networks/osaamisverkosto/edit", {{"code", "osaamisverkosto"}}},
      {"keha", "/networks/osaamisverkosto/open", {}},
      {"keha", "/networks/osaamisverkosto/close", {{"reason", "Valmis"}}},
      {"keha", "/networks/osaamisverkosto/send", {{"area", "helsinki"}}},
      {"dirkk", "/networks/osaamisverkosto/comments", {{"text", "Hyvä"}}},
      {"keha", "/cases/r-2/kainuu-koillismaa/withdraw", {{"reason", "Virhe"}}},
      // The clerk's inbox does not list another area's case: the page must
      // not rely on finding the refused case's form to show the refusal.
      {"clerk",
       "/cases/r-2/kainuu-koillismaa/register",
       {{"diary_number", "HEL/1"}, {"date_received", "2027-01-05"}, {"organisation", "Helsinki"}}},
      {"clerk",
       "/registry/log",
       {{"network_code", "osaamisverkosto"},
        {"sender", "KEHA-keskus"},
        {"subject", "Pyyntö"},
        {"date_received", "2027-01-05"},
        {"diary_number", "HEL/2"},
        {"organisation", "Helsinki"}}},
      {"dirkk", "/cases/case-1/decline", {{"reason", "Ei resursseja"}}},
      {"dirkk", "/area/participation", {{"network", "osaamisverkosto"}, {"decision", "declines"}}},
      {"clerk", "/inbox/read", {{"id", "m1"}}},
  };
  const std::map<std::string, std::string> csrf = {
      {"keha", "token-keha1"}, {"clerk", "token-clerk1"}, {"dirkk", "token-dir-kk"}};
  const std::string denied = web::Catalogue::For("fi").Get("err_permission_denied");
  for (const Refused& r : forms) {
    httplib::Params form = r.form;
    form.emplace("csrf_token", csrf.at(r.session));
    auto res = Post(r.path, r.session, form);
    ASSERT_TRUE(res) << r.path;
    EXPECT_GE(res->status, 400) << r.path;
    EXPECT_NE(res->body.find(denied), std::string::npos) << r.path << "\n" << res->body;
    EXPECT_NE(res->body.find("belongs to another area"), std::string::npos) << r.path;
  }
}

TEST_F(WebPagesTest, EveryPageOfEachRoleRenders) {
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"keha", "/networks"},     {"keha", "/networks/new"},  {"keha", "/networks/osaamisverkosto"},
      {"clerk", "/registry"},    {"clerk", "/registry/log"}, {"clerk", "/registry/journal"},
      {"dirkk", "/director"},    {"dirkk", "/area"},         {"dirkk", "/inbox"},
      {"", "/static/style.css"},
  };
  ctx_.On<nw::GetNetworkRequest, nw::GetNetworkResponse>(
      [](const Actor&, const nw::GetNetworkRequest& req, nw::GetNetworkResponse* r) {
        *r->mutable_network() = OpenNetwork(req.network_code(), "Osaamisverkosto");
        auto* row = r->add_participation();
        row->set_area_code("helsinki");
        row->mutable_current()->set_decision(nw::PARTICIPATION_DECISION_DECLINES);
        return Status::Ok();
      });
  for (const auto& [session, path] : pages) {
    auto res = Get(path, session);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path << "\n" << res->body;
  }
  auto net = Get("/networks/osaamisverkosto", "keha");
  ASSERT_TRUE(net);
  // The declined area is shown but cannot be chosen.
  EXPECT_EQ(net->body.find(R"(id="area-helsinki")"), std::string::npos);
  EXPECT_NE(net->body.find("kieltäytynyt, ei valittavissa"), std::string::npos);
  EXPECT_NE(net->body.find(R"(id="area-kainuu-koillismaa")"), std::string::npos) << net->body;
}

// Nominee self-service: "my memberships" in fi/sv/en with the decision, diary
// number, term and goals; the contact form moves memberships first and then
// the account's e-mail; errors show at their field; the resign form asks.
TEST_F(WebPagesTest, ANomineeSeesTheirMembershipsCorrectsContactAndAsksToResign) {
  RequestUser nelli = User("nelli.nimitetty", Role::kNominee);
  nelli.actor.email = "nelli@hel.example.fi";
  ctx_.AddUser("nelli", nelli);
  ctx_.On<nm::ListMyMembershipsRequest, nm::ListMyMembershipsResponse>(
      [](const Actor&, const nm::ListMyMembershipsRequest&, nm::ListMyMembershipsResponse* r) {
        nm::MyMembership* m = r->add_memberships();
        m->mutable_membership()->set_membership_id("r-0123456789ab.helsinki.1");
        m->mutable_membership()->set_network_code("osaamisverkosto");
        m->mutable_membership()->set_diary_number("HEL/843/2026");
        m->mutable_membership()->mutable_decided()->set_name("Johanna Johtaja");
        m->mutable_membership()->mutable_person()->set_title("Asiantuntija");
        m->mutable_membership()->mutable_person()->set_email("nelli@hel.example.fi");
        m->mutable_membership()->mutable_person()->set_seat(nm::SEAT_KIND_MEMBER);
        m->set_network_name_fi("Osaamisverkosto");
        m->set_network_name_sv("Kompetensnätverket");
        m->set_term_start("2026-03-01");
        m->set_term_end("2026-12-31");
        m->add_goals("Jakaa hyviä käytäntöjä");
        return Status::Ok();
      });
  for (const auto& [lang, heading] : std::vector<std::pair<std::string, std::string>>{
           {"fi", "Omat jäsenyydet"}, {"sv", "Mina medlemskap"}, {"en", "My memberships"}}) {
    auto page = Get("/me/memberships", "nelli", "lang=" + lang);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200) << lang;
    EXPECT_NE(page->body.find(heading), std::string::npos) << lang;
    EXPECT_NE(page->body.find("HEL/843/2026"), std::string::npos) << lang;
    EXPECT_NE(page->body.find("Johanna Johtaja"), std::string::npos) << lang;
    EXPECT_NE(page->body.find("Jakaa hyviä käytäntöjä"), std::string::npos) << lang;
    EXPECT_NE(page->body.find("2026-12-31"), std::string::npos) << lang;
    EXPECT_NE(page->body.find(R"(href="/me/memberships" aria-current="page")"), std::string::npos)
        << lang;
    EXPECT_NE(page->body.find(R"(<label for="f-contactemail")"), std::string::npos) << lang;
  }
  EXPECT_NE(Get("/me/memberships", "nelli", "lang=sv")->body.find("Kompetensnätverket"),
            std::string::npos);

  // A bad e-mail: the service's error shows at the field, the account is untouched.
  ctx_.On<nm::CorrectMyContactRequest, nm::CorrectMyContactResponse>(
      [](const Actor&, const nm::CorrectMyContactRequest& req, nm::CorrectMyContactResponse*) {
        if (req.email() == "huono") return Status::InvalidArgument("email", "not an address");
        return Status::Ok();
      });
  std::vector<std::string> accounts;
  ctx_.On<v1::SetOwnEmailRequest, v1::SetOwnEmailResponse>(
      [&accounts](const Actor& actor, const v1::SetOwnEmailRequest& req, v1::SetOwnEmailResponse*) {
        accounts.push_back(actor.user_id + ":" + req.email());
        return Status::Ok();
      });
  auto bad = Post("/me/contact", "nelli",
                  {{"csrf_token", "token-nelli.nimitetty"}, {"email", "huono"}, {"title", ""}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find(R"(id="f-contactemail-error")"), std::string::npos) << bad->body;
  EXPECT_NE(bad->body.find(R"(aria-invalid="true")"), std::string::npos);
  EXPECT_TRUE(accounts.empty());
  auto good = Post("/me/contact", "nelli",
                   {{"csrf_token", "token-nelli.nimitetty"},
                    {"email", "nelli.uusi@hel.example.fi"},
                    {"title", "Kehittämispäällikkö"},
                    {"language", "sv"}});
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 303);
  EXPECT_EQ(good->get_header_value("Location"), "/me/memberships?done=contact");
  EXPECT_EQ(accounts, std::vector<std::string>{"nelli.nimitetty:nelli.uusi@hel.example.fi"});

  // Asking to resign: a blank reason is refused by the page, a reason is sent.
  std::string asked;
  ctx_.On<nm::RequestResignationRequest, nm::ResignationRequestResponse>(
      [&asked](const Actor&, const nm::RequestResignationRequest& req,
               nm::ResignationRequestResponse*) {
        asked = req.membership_id() + ":" + req.reason();
        return Status::Ok();
      });
  auto blank = Post("/me/memberships/r-0123456789ab.helsinki.1/resign", "nelli",
                    {{"csrf_token", "token-nelli.nimitetty"}, {"reason", " "}});
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->status, 422);
  EXPECT_TRUE(asked.empty());
  auto sent = Post("/me/memberships/r-0123456789ab.helsinki.1/resign", "nelli",
                   {{"csrf_token", "token-nelli.nimitetty"}, {"reason", "Uusi työ"}});
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, 303);
  EXPECT_EQ(asked, "r-0123456789ab.helsinki.1:Uusi työ");

  // Another role does not get the page.
  ctx_.AddUser("observer", User("obs", Role::kObserver));
  EXPECT_EQ(Get("/me/memberships", "observer")->status, 403);
}

TEST_F(WebPagesTest, TheDirectorSeesPendingResignationRequestsAndRecordsOne) {
  ctx_.AddUser("dirkk", User("dir-kk", Role::kAreaDirector, "kainuu-koillismaa"));
  ctx_.On<nm::PendingResignationsRequest, nm::PendingResignationsResponse>(
      [](const Actor&, const nm::PendingResignationsRequest&, nm::PendingResignationsResponse* r) {
        nm::ResignationRequest* q = r->add_requests();
        q->set_membership_id("r-0123456789ab.kainuu-koillismaa.2");
        q->set_network_code("osaamisverkosto");
        q->set_reason("Uusi työ");
        q->mutable_person()->set_name("Bertil Berg");
        return Status::Ok();
      });
  nm::RecordResignationRequest recorded;
  ctx_.On<nm::RecordResignationRequest, nm::MembershipResponse>(
      [&recorded](const Actor&, const nm::RecordResignationRequest& req, nm::MembershipResponse*) {
        recorded = req;
        return Status::Ok();
      });
  auto page = Get("/director/resignations", "dirkk");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Bertil Berg"), std::string::npos);
  EXPECT_NE(page->body.find("Uusi työ"), std::string::npos);
  EXPECT_NE(page->body.find(
                R"(action="/director/resignations/r-0123456789ab.kainuu-koillismaa.2/record")"),
            std::string::npos);
  auto res = Post("/director/resignations/r-0123456789ab.kainuu-koillismaa.2/record", "dirkk",
                  {{"csrf_token", "token-dir-kk"}, {"date", "2026-03-02"}, {"reason", "Uusi työ"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(recorded.membership_id(), "r-0123456789ab.kainuu-koillismaa.2");
  EXPECT_EQ(recorded.date(), "2026-03-02");
}

}  // namespace
}  // namespace verkosto::gateway
