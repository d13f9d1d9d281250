// What every page shares (page.h, public_pages.cpp, pages.cpp): the public
// pages, language, login and role checks, CSRF, the error table, the styled
// error pages, every refusal shown and every page of each role rendered.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>

#include "gateway/http/http_errors.h"
#include "gateway/web/i18n.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"
#include "verkosto/notifications/v1/notifications.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

namespace nw = ::verkosto::networks::v1;
namespace nm = ::verkosto::nominations::v1;
namespace nt = ::verkosto::notifications::v1;
using testing::kKainuuDecides;
using testing::kKainuuSees;
using testing::OpenNetwork;
using testing::Refuse;
using testing::RegisteredCase;
using testing::User;
using testing::WebPagesTest;

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
  u.language = Language::kSv;
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
  const std::string denied = web::Catalogue::For(Language::kFi).Get("err_permission_denied");
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

}  // namespace
}  // namespace verkosto::gateway
