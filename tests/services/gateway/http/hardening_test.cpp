// The gateway's hardening over real HTTP (gateway_api_fixture.h): the
// security headers on every kind of answer, HSTS only behind HTTPS, the Host
// allow-list, /healthz without details for strangers, and redirects that
// stay on the site (docs/gateway.md, "Hardening").
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>
#include <vector>

#include "gateway/auth/credentials.h"
#include "gateway/http/gateway_context.h"
#include "gateway/http/http_frontend.h"
#include "gateway_api_fixture.h"
#include "verkosto/common/v1/health.pb.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::gateway {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)
namespace gpb = ::google::protobuf;

// One answer and what it should be, for the header checks.
struct Answer {
  std::string what;
  httplib::Result result;
  int status;
};

class GatewayHardeningTest : public GatewayApiFixture {
 protected:
  // One of each kind of answer the gateway gives.
  std::vector<Answer> EveryKindOfAnswer() {
    const Session keha = Login("keha.koordinaattori");
    std::vector<Answer> answers;
    answers.push_back({"a page", Client().Get("/"), 200});
    answers.push_back({"a page of a logged-in user", Get(keha, "/networks"), 200});
    answers.push_back({"an API reply", Get(keha, "/api/v1/session"), 200});
    answers.push_back({"an API error", Client().Get("/api/v1/session"), 401});
    answers.push_back({"a 404 page", Client().Get("/no/such/page"), 404});
    answers.push_back({"a 404 of the API", Client().Get("/api/v1/no-such-thing"), 404});
    answers.push_back({"the style sheet", Client().Get("/static/style.css"), 200});
    answers.push_back({"a redirect", Client().Get("/lang?to=sv&back=/"), 303});
    answers.push_back({"the login redirect", Client().Get("/networks"), 303});
    // Notifications does not run here: degraded.
    answers.push_back({"the health", Client().Get("/healthz"), 503});
    answers.push_back({"a wrong Host", Client().Get("/", {{"Host", "evil.example"}}), 400});
    return answers;
  }

  // The header `name` of `r`, "" when absent; fails when it is there twice.
  static std::string Header(const httplib::Result& r, const std::string& name) {
    EXPECT_LE(r->get_header_value_count(name), 1U) << name;
    return r->get_header_value(name);
  }
};

TEST_F(GatewayHardeningTest, EveryAnswerCarriesTheSecurityHeaders) {
  for (const Answer& a : EveryKindOfAnswer()) {
    SCOPED_TRACE(a.what);
    ASSERT_TRUE(a.result);
    EXPECT_EQ(a.result->status, a.status) << a.result->body;
    const std::string csp = Header(a.result, "Content-Security-Policy");
    EXPECT_EQ(csp,
              "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    EXPECT_EQ(Header(a.result, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(Header(a.result, "Referrer-Policy"), "same-origin");
    EXPECT_EQ(Header(a.result, "X-Frame-Options"), "DENY");
    // Plain HTTP: no HSTS (the gateway does not know it is served over HTTPS).
    EXPECT_FALSE(a.result->has_header("Strict-Transport-Security"));
  }
}

class GatewayBehindHttpsTest : public GatewayHardeningTest {
 protected:
  GatewayBehindHttpsTest() { secure_cookies_ = true; }
};

TEST_F(GatewayBehindHttpsTest, WithSecureCookiesEveryAnswerCarriesHsts) {
  for (const Answer& a : EveryKindOfAnswer()) {
    SCOPED_TRACE(a.what);
    ASSERT_TRUE(a.result);
    EXPECT_EQ(a.result->status, a.status) << a.result->body;
    EXPECT_EQ(Header(a.result, "Strict-Transport-Security"), "max-age=31536000");
    EXPECT_EQ(Header(a.result, "X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(GatewayHardeningTest, OnlyTheBoundAddressAndLocalhostAreAllowedHostsByDefault) {
  const std::string port = std::to_string(port_);
  const std::vector<std::string> allowed = {"127.0.0.1:" + port, "127.0.0.1", "localhost:" + port,
                                            "localhost", "LocalHost:" + port};
  for (const std::string& host : allowed) {
    httplib::Result r = Client().Get("/api/v1/session", {{"Host", host}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << host;  // reached the API: not logged in
  }
  const std::vector<std::string> refused = {
      "evil.example",           "evil.example:" + port, "127.0.0.1:" + port + ".evil.example",
      "localhost.evil.example", "127.0.0.2:" + port,    ""};
  for (const std::string& host : refused) {
    SCOPED_TRACE("Host: " + host);
    httplib::Result r = Client().Get("/api/v1/session", {{"Host", host}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    const v1::ApiError error = ErrorOf(r);
    EXPECT_EQ(error.code(), "invalid_argument") << r->body;
    EXPECT_EQ(error.field(), "host");
    // Outside the API a plain page; the request reaches no page nor login.
    r = Client().Get("/login", {{"Host", host}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_NE(r->body.find("allowed_hosts"), std::string::npos) << r->body;
    EXPECT_FALSE(r->has_header("Set-Cookie"));
    r = Client().Post("/api/v1/session", {{"Host", host}},
                      R"({"username":"keha.koordinaattori","password":"x"})", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
  }
}

TEST(AllowedHostsTest, DefaultIsTheBoundAddressAndLocalhostWithAndWithoutThePort) {
  EXPECT_EQ(
      AllowedHosts({}, "127.0.0.1", 8080),
      (std::vector<std::string>{"127.0.0.1", "127.0.0.1:8080", "localhost", "localhost:8080"}));
  EXPECT_EQ(AllowedHosts({}, "::1", 8080),
            (std::vector<std::string>{"[::1]", "[::1]:8080", "localhost", "localhost:8080"}));
  EXPECT_EQ(AllowedHosts({}, "0.0.0.0", 80),
            (std::vector<std::string>{"127.0.0.1", "127.0.0.1:80", "[::1]", "[::1]:80", "localhost",
                                      "localhost:80"}));
  EXPECT_EQ(AllowedHosts({"Verkosto.Example.FI"}, "127.0.0.1", 8080),
            (std::vector<std::string>{"verkosto.example.fi"}));
}

class GatewayAllowedHostsTest : public GatewayHardeningTest {
 protected:
  GatewayAllowedHostsTest() { allowed_hosts_ = {"verkosto.example.fi"}; }
};

TEST_F(GatewayAllowedHostsTest, AConfiguredListReplacesTheDefault) {
  httplib::Result r = Client().Get("/api/v1/session", {{"Host", "verkosto.example.fi"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = Client().Get("/", {{"Host", "VERKOSTO.example.fi"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  for (const std::string& host : {"127.0.0.1:" + std::to_string(port_), std::string("localhost"),
                                  std::string("verkosto.example.fi:8443")}) {
    r = Client().Get("/api/v1/session", {{"Host", host}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << host;
  }
}

// Without notifications running, its entry in /healthz is an error that
// names the socket the gateway could not reach.
TEST_F(GatewayHardeningTest, HealthzShowsDetailsOnlyToTheLoggedIn) {
  const auto health_of = [](const httplib::Result& r) {
    common::v1::SystemHealth health;
    EXPECT_TRUE(r);
    if (r) {
      EXPECT_TRUE(gpb::util::JsonStringToMessage(r->body, &health).ok()) << r->body;
    }
    return health;
  };
  // A worker's call to notifications finds no one: a failing client state.
  const Session keha = Login("keha.koordinaattori");
  ASSERT_EQ(Get(keha, "/api/v1/inbox")->status, 503);

  httplib::Result anonymous = Client().Get("/healthz");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 503);
  for (const std::string& secret :
       {std::string("ipc://"), dir_.path(), std::string("sock"), std::string("no reply")}) {
    EXPECT_EQ(anonymous->body.find(secret), std::string::npos)
        << secret << " in " << anonymous->body;
  }
  const common::v1::SystemHealth redacted = health_of(anonymous);
  EXPECT_EQ(redacted.status(), "degraded");
  ASSERT_EQ(redacted.services_size(), 3);
  for (const common::v1::ServiceHealth& service : redacted.services()) {
    SCOPED_TRACE(service.name());
    EXPECT_TRUE(service.error().empty());
    EXPECT_TRUE(service.health().version().empty());
    EXPECT_TRUE(service.health().epoch().empty());
    EXPECT_EQ(service.health().consumers_size(), 0);
    EXPECT_EQ(service.reachable(), service.name() != "notifications");
    EXPECT_EQ(service.health().status(), service.reachable() ? "ok" : "");
  }
  bool notifications_failing = false;
  for (const common::v1::ClientState& state : redacted.clients()) {
    EXPECT_TRUE(state.last_failure().empty());
    EXPECT_EQ(state.last_failure_unix_us(), 0);
    EXPECT_EQ(state.last_success_unix_us(), 0);
    if (state.service() == "notifications") notifications_failing = state.failing();
  }
  EXPECT_TRUE(notifications_failing);

  // A session cookie or an API token sees it all, as before.
  httplib::Result r = Post(keha, "/api/v1/tokens", R"({"label":"valvonta"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  v1::ApiTokenResponse token;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &token).ok());
  for (const httplib::Result& detailed :
       {Get(keha, "/healthz"),
        Client().Get("/healthz", {{"Authorization", "Bearer " + token.token()}})}) {
    ASSERT_TRUE(detailed);
    EXPECT_EQ(detailed->status, 503);
    EXPECT_NE(detailed->body.find("ipc://"), std::string::npos) << detailed->body;
    const common::v1::SystemHealth health = health_of(detailed);
    for (const common::v1::ServiceHealth& service : health.services()) {
      SCOPED_TRACE(service.name());
      EXPECT_FALSE(service.reachable() ? service.health().version().empty()
                                       : service.error().empty());
    }
  }
  // A wrong or ended session is a stranger.
  r = Client().Get("/healthz", {{"Cookie", std::string(kSessionCookie) + "=not-a-session"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.find("ipc://"), std::string::npos) << r->body;
}

TEST_F(GatewayHardeningTest, TheLanguageSwitchGoesBackOnlyToThisSite) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/%09/evil.example", "/"},  // the report of issue 15: browsers drop the tab
      {"//evil.example", "/"},
      {"/%2F/evil.example", "/"},
      {"%2F%2Fevil.example", "/"},
      {"/%5C/evil.example", "/"},
      {"/%255C/evil.example", "/"},
      {"https://evil.example/", "/"},
      {"/%0D%0ASet-Cookie:%20vk_session=x", "/"},
      {"/networks%3Fdone%3Dsaved", "/networks?done=saved"},
  };
  for (const auto& [back, location] : cases) {
    httplib::Result r = Client().Get(("/lang?to=fi&back=" + back).c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 303) << back;
    EXPECT_EQ(r->get_header_value("Location"), location) << back;
  }
}

TEST_F(GatewayHardeningTest, TheLoginFormGoesOnOnlyToThisSite) {
  const std::string token = RandomToken("");
  const httplib::Headers headers = {{"Cookie", std::string(kLoginCsrfCookie) + "=" + token}};
  for (const std::string& next :
       {std::string("/\t/evil.example"), std::string("//evil.example"), std::string("/\\evil"),
        std::string("/%2F/evil.example"), std::string("https://evil.example")}) {
    SCOPED_TRACE(next);
    const httplib::Params form = {{"username", "keha.koordinaattori"},
                                  {"password", kPassword},
                                  {"csrf_token", token},
                                  {"next", next}};
    httplib::Result r = Client().Post("/login", headers, form);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 303);
    EXPECT_EQ(r->get_header_value("Location"), "/desk");  // as without a `next`
    // A refused login keeps no hostile `next` either.
    const httplib::Params wrong = {{"username", "keha.koordinaattori"},
                                   {"password", "wrong password!"},
                                   {"csrf_token", token},
                                   {"next", next}};
    r = Client().Post("/login", headers, wrong);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("Location"), "/login?error=wrong_credentials");
  }
  // The login page's form does not carry one.
  httplib::Result page = Client().Get("/login?next=/%2509/evil.example");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find(R"(<input type="hidden" name="next" value="/">)"), std::string::npos)
      << page->body;
}

// Internal details never reach a stranger: with networks down the public
// catalogue says the service does not answer, in the stranger's language,
// without the service's words (they name the socket); a logged-in person
// still gets them to report.
TEST_F(GatewayHardeningTest, AStrangerSeesNoSocketPathWhenAServiceIsDown) {
  const Session keha = Login("keha.koordinaattori");
  Stop(networks_, networks_thread_);
  httplib::Result r = Client().Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->body.find("networks.sock"), std::string::npos) << r->body;
  EXPECT_EQ(r->body.find(system_.data_dir), std::string::npos) << r->body;
  r = Get(keha, "/networks");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_NE(r->body.find("no reply from"), std::string::npos) << r->body;
}

}  // namespace
}  // namespace verkosto::gateway
