// The gateway over real HTTP (gateway_api_fixture.h): login, sessions, CSRF,
// tokens, the error table and the OpenAPI description.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/limits.h"
#include "gateway/auth/credentials.h"
#include "gateway/http/api_routes.h"
#include "gateway_api_fixture.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)
namespace npb = ::verkosto::networks::v1;
namespace nompb = ::verkosto::nominations::v1;
namespace gpb = ::google::protobuf;
using std::chrono::minutes;

using GatewayApiTest = GatewayApiFixture;

TEST_F(GatewayApiTest, WithoutLoginTheApiAnswers401) {
  httplib::Result r = Client().Get("/api/v1/networks");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(ErrorOf(r).code(), "unauthenticated");
  r = Client().Post("/api/v1/networks", CreateBody(Complete("x")), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = Client().Get("/api/v1/networks", {{"Cookie", "vk_session=0123"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
}

TEST_F(GatewayApiTest, ALoggedInUserReadsAndWritesAsThemselves) {
  const Session keha = Login("keha.koordinaattori");
  httplib::Result r = Post(keha, "/api/v1/networks", CreateBody(Complete("testiverkosto")));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  npb::NetworkResponse created;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &created).ok());
  EXPECT_EQ(created.network().definition().code(), "testiverkosto");

  r = Get(keha, "/api/v1/networks/testiverkosto");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  r = Get(keha, "/api/v1/networks?status=NETWORK_STATUS_DRAFT");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  npb::ListNetworksResponse list;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &list).ok());
  EXPECT_EQ(list.networks_size(), 1);

  r = Get(keha, "/api/v1/session");
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("keha.koordinaattori"), std::string::npos);

  // An unknown API path is a JSON 404, not a page.
  r = Get(keha, "/api/v1/no-such-thing");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorOf(r).code(), "not_found");
}

TEST_F(GatewayApiTest, APathPlaceholderFillsANestedFieldAndWinsOverTheBody) {
  const Session keha = Login("keha.koordinaattori");
  ASSERT_EQ(Post(keha, "/api/v1/networks", CreateBody(Complete("muokattava")))->status, 200);
  npb::UpdateNetworkRequest update;
  *update.mutable_definition() = Complete("jokin-muu");  // the URL names the network
  update.mutable_definition()->mutable_names()->set_fi("Muokattu nimi");
  httplib::Headers headers = {{"Cookie", keha.cookie}, {"X-CSRF-Token", keha.csrf}};
  httplib::Result r =
      Client().Put("/api/v1/networks/muokattava", headers, Json(update), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  npb::NetworkResponse updated;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &updated).ok());
  EXPECT_EQ(updated.network().definition().code(), "muokattava");
  EXPECT_EQ(updated.network().definition().names().fi(), "Muokattu nimi");
}

TEST_F(GatewayApiTest, EachErrorCodeHasItsHttpStatus) {
  const Session keha = Login("keha.koordinaattori");
  const Session director = Login("johtaja.kainuu");
  ASSERT_EQ(Post(keha, "/api/v1/networks", CreateBody(Complete("verkko")))->status, 200);

  // invalid_argument -> 400, naming the field.
  npb::NetworkDefinition no_end = Complete("toinen");
  no_end.mutable_term()->clear_end_date();
  ASSERT_EQ(Post(keha, "/api/v1/networks", CreateBody(no_end))->status, 200);
  httplib::Result r = Post(keha, "/api/v1/networks/toinen/propose", "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(ErrorOf(r).code(), "invalid_argument");
  EXPECT_EQ(ErrorOf(r).field(), "term.end_date");
  // A malformed body and an unknown query parameter are invalid arguments too.
  EXPECT_EQ(Post(keha, "/api/v1/networks", "{\"definition\": 3}")->status, 400);
  r = Get(keha, "/api/v1/networks?colour=red");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "colour");
  r = Get(keha, "/api/v1/networks?status=NETWORK_STATUS_SOMEWHERE");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "status");
  r = Get(keha, "/api/v1/inbox?page_size=many");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "page_size");
  r = Get(keha, "/api/v1/memberships?include_ended=perhaps");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "include_ended");

  // not_found -> 404
  r = Get(keha, "/api/v1/networks/ei-ole");
  EXPECT_EQ(r->status, 404) << r->body;
  EXPECT_EQ(ErrorOf(r).code(), "not_found");

  // already_exists -> 409
  r = Post(keha, "/api/v1/networks", CreateBody(Complete("verkko")));
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_EQ(ErrorOf(r).code(), "already_exists");

  // failed_precondition -> 409: a draft cannot be opened before it is proposed.
  r = Post(keha, "/api/v1/networks/verkko/open", "");
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_EQ(ErrorOf(r).code(), "failed_precondition");

  // permission_denied -> 403: a director does not create networks.
  r = Post(director, "/api/v1/networks", CreateBody(Complete("johtajan")));
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_EQ(ErrorOf(r).code(), "permission_denied");

  // unavailable -> 503: the service does not answer.
  Stop(networks_, networks_thread_);
  r = Get(keha, "/api/v1/networks");
  EXPECT_EQ(r->status, 503) << r->body;
  EXPECT_EQ(ErrorOf(r).code(), "unavailable");
}

// A definition is checked as a whole before it is proposed: the answer names
// every bad field in `violations`, and `field` stays the first of them.
TEST_F(GatewayApiTest, ADefinitionWithTwoBadFieldsAnswersBothInViolations) {
  const Session keha = Login("keha.koordinaattori");
  npb::NetworkDefinition incomplete = Complete("puutteellinen");
  incomplete.clear_goals();
  incomplete.mutable_term()->clear_end_date();
  ASSERT_EQ(Post(keha, "/api/v1/networks", CreateBody(incomplete))->status, 200);
  httplib::Result r = Post(keha, "/api/v1/networks/puutteellinen/propose", "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  const v1::ApiError error = ErrorOf(r);
  EXPECT_EQ(error.code(), "invalid_argument");
  EXPECT_EQ(error.field(), "goals");
  ASSERT_EQ(error.violations_size(), 2) << r->body;
  EXPECT_EQ(error.violations(0).field(), "goals");
  EXPECT_EQ(error.violations(0).message(), "at least one goal is required");
  EXPECT_EQ(error.violations(1).field(), "term.end_date");
  EXPECT_EQ(error.violations(1).message(), "an end date is required");
  // An error about one field has that one violation, with the error's message.
  r = Get(keha, "/api/v1/networks?colour=red");
  ASSERT_EQ(ErrorOf(r).violations_size(), 1) << r->body;
  EXPECT_EQ(ErrorOf(r).violations(0).field(), "colour");
  EXPECT_EQ(ErrorOf(r).violations(0).message(), ErrorOf(r).message());
  // No field to blame, no violations.
  r = Get(keha, "/api/v1/networks/ei-ole");
  EXPECT_EQ(ErrorOf(r).violations_size(), 0) << r->body;
}

TEST_F(GatewayApiTest, AnIdempotencyKeyGivesARetryTheFirstAnswerNotASecondEffect) {
  const Session keha = Login("keha.koordinaattori");
  const auto post = [&](const std::string& body, const std::string& key) {
    httplib::Headers headers = {{"Cookie", keha.cookie}, {"X-CSRF-Token", keha.csrf}};
    if (!key.empty()) headers.emplace("Idempotency-Key", key);
    return Client().Post("/api/v1/networks", headers, body, "application/json");
  };
  const auto drafts = [&] {
    npb::ListNetworksResponse list;
    httplib::Result r = Get(keha, "/api/v1/networks?status=draft");
    EXPECT_TRUE(r && r->status == 200);
    if (r) {
      EXPECT_TRUE(gpb::util::JsonStringToMessage(r->body, &list).ok());
    }
    return list.networks_size();
  };
  const std::string body = CreateBody(Complete("avain-verkosto"));
  httplib::Result first = post(body, "3f0c7a4e-create-1");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  // The script lost that answer and sends the same request again: it gets the
  // same answer, byte for byte, and there is still one network.
  httplib::Result retry = post(body, "3f0c7a4e-create-1");
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->status, 200) << retry->body;
  EXPECT_EQ(retry->body, first->body);
  EXPECT_EQ(drafts(), 1);
  // Without the key the same retry is a second command, refused as such.
  httplib::Result plain = post(body, "");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 409);
  EXPECT_EQ(ErrorOf(plain).code(), "already_exists");
  // Another body under the same key is another command.
  httplib::Result other = post(CreateBody(Complete("avain-toinen")), "3f0c7a4e-create-1");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200) << other->body;
  EXPECT_EQ(drafts(), 2);
  // A key that is no key is refused by name, and nothing happens.
  for (const std::string& bad : {std::string("kaksi sanaa"), std::string(201, 'k')}) {
    httplib::Result refused = post(CreateBody(Complete("avain-kolmas")), bad);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400) << bad;
    EXPECT_EQ(ErrorOf(refused).field(), "Idempotency-Key");
  }
  EXPECT_EQ(drafts(), 2);
}

TEST_F(GatewayApiTest, ACookieSessionNeedsTheCsrfTokenToChangeAnything) {
  const Session keha = Login("keha.koordinaattori");
  httplib::Result r =
      Post(keha, "/api/v1/networks", CreateBody(Complete("testiverkosto")), /*with_csrf=*/false);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(ErrorOf(r).field(), "csrf_token");
  Session wrong = keha;
  wrong.csrf = std::string(64, 'a');
  EXPECT_EQ(Post(wrong, "/api/v1/networks", CreateBody(Complete("testiverkosto")))->status, 403);
  // Reading needs none.
  EXPECT_EQ(Get(keha, "/api/v1/networks")->status, 200);
  // Nothing was created by the refused requests.
  EXPECT_EQ(Get(keha, "/api/v1/networks/testiverkosto")->status, 404);
}

TEST_F(GatewayApiTest, AnApiTokenWorksWithoutCsrf) {
  const std::string token = RandomToken("vkt_");
  v1::CreateApiTokenRequest req;
  req.set_user_id("keha.koordinaattori");
  req.set_label("raportointi");
  req.set_token_hash(TokenHash(token));
  // A person makes their own token (the operator may not).
  ASSERT_TRUE(Rpc<v1::CreateApiTokenResponse>(req, kKeha).ok());
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  httplib::Result r = Client().Post("/api/v1/networks", headers, CreateBody(Complete("tokenilla")),
                                    "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  headers = {{"Authorization", "Bearer vkt_wrong"}};
  EXPECT_EQ(Client().Get("/api/v1/networks", headers)->status, 401);
}

TEST_F(GatewayApiTest, AUserMakesTheirOwnApiTokenOverTheApi) {
  const Session director = Login("johtaja.kainuu");
  EXPECT_EQ(Post(director, "/api/v1/tokens", R"({"label":"raportit"})", false)->status, 403);
  httplib::Result r = Post(director, "/api/v1/tokens", R"({"label":"raportit"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  v1::ApiTokenResponse token;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &token).ok());
  EXPECT_EQ(token.token().rfind("vkt_", 0), 0u);
  r = Client().Get("/api/v1/session", {{"Authorization", "Bearer " + token.token()}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("johtaja.kainuu"), std::string::npos);
  EXPECT_EQ(Post(director, "/api/v1/tokens", R"({"label":""})")->status, 400);
}

TEST_F(GatewayApiTest, LogoutEndsTheSession) {
  const Session keha = Login("keha.koordinaattori");
  httplib::Headers headers = {{"Cookie", keha.cookie}};
  EXPECT_EQ(Client().Delete("/api/v1/session", headers)->status, 403);  // no CSRF token
  headers.emplace("X-CSRF-Token", keha.csrf);
  httplib::Result r = Client().Delete("/api/v1/session", headers);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Get(keha, "/api/v1/networks")->status, 401);
}

TEST_F(GatewayApiTest, AnIdleSessionExpiresAndUseKeepsItAlive) {
  const Session keha = Login("keha.koordinaattori");
  clock_.Advance(minutes(20));
  EXPECT_EQ(Get(keha, "/api/v1/networks")->status, 200);  // used: idle time restarts
  clock_.Advance(minutes(20));
  EXPECT_EQ(Get(keha, "/api/v1/networks")->status, 200);
  clock_.Advance(minutes(30));
  EXPECT_EQ(Get(keha, "/api/v1/networks")->status, 401);
}

// The gateway checks a password on its HTTP worker against the hash
// CheckLogin gave it; the accounts accept the outcome only for the hash the
// account still has, so a password reset in between wins.
TEST_F(GatewayApiTest, ALoginVerifiedAgainstAHashReplacedMeanwhileIsRefused) {
  const Actor gateway{"gateway", "verkosto gateway", Role::kSystem, AreaCode(""), "", ""};
  v1::CheckLoginRequest check;
  check.set_user_id("johtaja.kainuu");
  check.set_address("127.0.0.9");
  auto checked = Rpc<v1::CheckLoginResponse>(check, gateway);
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  ASSERT_FALSE(checked->password_hash().empty());
  ASSERT_TRUE(VerifyPassword(checked->password_hash(), kPassword));

  v1::SetPasswordRequest reset;  // the operator resets it meanwhile
  reset.set_user_id("johtaja.kainuu");
  reset.set_new_password("toinen-salasana-2026");
  reset.set_reason("unohtunut");
  ASSERT_TRUE(Rpc<v1::SetPasswordResponse>(reset).ok());

  v1::LoginRequest login;
  login.set_user_id("johtaja.kainuu");
  login.set_address("127.0.0.9");
  login.set_client("127.0.0.9 test");
  login.set_session_token_hash(TokenHash("istunto"));
  login.set_outcome(v1::LOGIN_OUTCOME_VERIFIED);
  login.set_verified_hash(checked->password_hash());
  auto answered = Rpc<v1::LoginResponse>(login, gateway);
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  EXPECT_FALSE(answered->accepted());
  EXPECT_EQ(answered->refusal(), "wrong_credentials");
  EXPECT_EQ(LoginRaw("johtaja.kainuu", kPassword)->status, 401);
  EXPECT_EQ(LoginRaw("johtaja.kainuu", "toinen-salasana-2026")->status, 200);
}

TEST_F(GatewayApiTest, FailedLoginsMakeEachNextAttemptWaitLongerInsteadOfALock) {
  const auto wrong = [this](const std::string& user) {
    httplib::Result r = LoginRaw(user, "wrong password!");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << user;
    EXPECT_EQ(ErrorOf(r).message(), "wrong user name or password");
  };
  const auto waits = [this](const std::string& user) {
    httplib::Result r = LoginRaw(user, kPassword);  // even the right password waits
    EXPECT_TRUE(r);
    if (!r) return std::string();
    EXPECT_EQ(r->status, 429) << r->body;
    EXPECT_EQ(ErrorOf(r).code(), "too_many_requests");
    return r->get_header_value("Retry-After");
  };
  // Five failures of one name from one address cost nothing; the sixth makes
  // the next attempt wait a second, the seventh two.
  for (int i = 0; i < 6; ++i) wrong("keha.koordinaattori");
  EXPECT_EQ(waits("keha.koordinaattori"), "1");
  clock_.Advance(std::chrono::seconds(1));
  wrong("keha.koordinaattori");
  EXPECT_EQ(waits("keha.koordinaattori"), "2");
  // Not a lock: after the wait the right password logs in.
  clock_.Advance(std::chrono::seconds(2));
  EXPECT_EQ(LoginRaw("keha.koordinaattori", kPassword)->status, 200);
  // An unknown user name is refused and throttled the same way: nothing tells it apart.
  for (int i = 0; i < 6; ++i) wrong("ei.ole");
  EXPECT_EQ(waits("ei.ole"), "1");
  // Every attempt is audited, the throttled ones too.
  v1::ListAuditRequest req;
  req.set_subject_user_id("keha.koordinaattori");
  auto audit = Rpc<v1::ListAuditResponse>(req);
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  std::map<std::string, int> actions;
  for (const auto& e : audit->entries()) ++actions[e.action()];
  EXPECT_EQ(actions["login_refused"], 7);
  EXPECT_EQ(actions["login_throttled"], 2);
  EXPECT_EQ(actions["login"], 1);
}

// A guesser at one address cannot keep a person at another from logging in.
// httplib's client cannot pick its source address, so this one speaks HTTP
// from 127.0.0.2 over a socket of its own.
TEST_F(GatewayApiTest, AGuesserElsewhereDoesNotLockThePersonOut) {
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(LoginRaw("johtaja.kainuu", "wrong password!")->status, 401);
  }
  EXPECT_EQ(LoginRaw("johtaja.kainuu", kPassword)->status, 429);  // the guesser's address
  v1::ApiLoginRequest login;
  login.set_username("johtaja.kainuu");
  login.set_password(kPassword);
  const std::string answer = PostFrom("127.0.0.2", "/api/v1/session", Json(login));
  EXPECT_EQ(answer.substr(0, answer.find("\r\n")), "HTTP/1.1 200 OK") << answer.substr(0, 400);
}

TEST_F(GatewayApiTest, LoginsAndAccountChangesAreAudited) {
  (void)LoginRaw("keha.koordinaattori", "wrong password!");
  (void)Login("keha.koordinaattori");
  v1::ListAuditRequest req;
  req.set_subject_user_id("keha.koordinaattori");
  auto audit = Rpc<v1::ListAuditResponse>(req);
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  std::vector<std::string> actions;
  for (const auto& e : audit->entries()) {
    actions.push_back(e.action());
    EXPECT_EQ(e.detail().find(kPassword), std::string::npos);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"login", "login_refused", "account_created"}));
}

TEST_F(GatewayApiTest, ADisabledAccountLosesItsSessions) {
  const Session director = Login("johtaja.kainuu");
  v1::DisableAccountRequest req;
  req.set_user_id("johtaja.kainuu");
  req.set_reason("left the job");
  ASSERT_TRUE(Rpc<v1::DisableAccountResponse>(req).ok());
  EXPECT_EQ(Get(director, "/api/v1/networks")->status, 401);
  EXPECT_EQ(LoginRaw("johtaja.kainuu", kPassword)->status, 401);
}

TEST_F(GatewayApiTest, OnlyAdminsAndTheSystemManageAccounts) {
  v1::ListAccountsRequest list;
  const Actor keha{"keha.koordinaattori", "K", Role::kKehaCoordinator, AreaCode(""), "", ""};
  EXPECT_EQ(Rpc<v1::ListAccountsResponse>(list, keha).status().code(),
            ErrorCode::kPermissionDenied);
  // Sessions are the gateway's: an admin cannot open one for someone.
  const Actor admin{"admin", "A", Role::kAdmin, AreaCode(""), "", ""};
  v1::LoginRequest login;
  login.set_user_id("keha.koordinaattori");
  login.set_outcome(v1::LOGIN_OUTCOME_VERIFIED);
  login.set_session_token_hash(TokenHash("x"));
  EXPECT_EQ(Rpc<v1::LoginResponse>(login, admin).status().code(), ErrorCode::kPermissionDenied);
  // Nor read the password hash a login checks against.
  v1::CheckLoginRequest check;
  check.set_user_id("keha.koordinaattori");
  EXPECT_EQ(Rpc<v1::CheckLoginResponse>(check, admin).status().code(),
            ErrorCode::kPermissionDenied);
  // Over HTTP a KEHA coordinator is refused the accounts list: 403.
  const Session s = Login("keha.koordinaattori");
  EXPECT_EQ(Get(s, "/api/v1/accounts")->status, 403);
}

TEST_F(GatewayApiTest, TheLoginFormNeedsItsTokenAndRedirects) {
  const std::string token = RandomToken("");
  httplib::Headers headers = {{"Cookie", std::string(kLoginCsrfCookie) + "=" + token}};
  httplib::Params form = {{"username", "keha.koordinaattori"},
                          {"password", kPassword},
                          {"csrf_token", token},
                          {"next", "/networks"}};
  httplib::Result r = Client().Post("/login", headers, form);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/networks");
  const std::string cookie = r->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind(std::string(kSessionCookie) + "=", 0), 0u) << cookie;

  // `next` must be a local path: anything else goes to the desk, as no `next`.
  form = {{"username", "keha.koordinaattori"},
          {"password", kPassword},
          {"csrf_token", token},
          {"next", "//evil.example/x"}};
  r = Client().Post("/login", headers, form);
  EXPECT_EQ(r->get_header_value("Location"), "/desk");

  // Without the token, or with a wrong password, back to the form with the reason.
  form = {{"username", "keha.koordinaattori"}, {"password", kPassword}, {"next", "//evil"}};
  r = Client().Post("/login", headers, form);
  EXPECT_EQ(r->get_header_value("Location"), "/login?error=csrf");
  form = {{"username", "keha.koordinaattori"}, {"password", "wrong one!"}, {"csrf_token", token}};
  r = Client().Post("/login", headers, form);
  EXPECT_EQ(r->get_header_value("Location"), "/login?error=wrong_credentials");

  // Logout needs the session's CSRF token.
  const Session s{cookie.substr(0, cookie.find(';')), ""};
  r = Client().Post("/logout", {{"Cookie", s.cookie}}, httplib::Params{});
  EXPECT_EQ(r->status, 403);
  const std::string csrf = [&] {
    v1::ApiSessionResponse session;
    (void)gpb::util::JsonStringToMessage(Get(s, "/api/v1/session")->body, &session);
    return session.csrf_token();
  }();
  r = Client().Post("/logout", {{"Cookie", s.cookie}}, httplib::Params{{"csrf_token", csrf}});
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(Get(s, "/api/v1/networks")->status, 401);
}

TEST_F(GatewayApiTest, TheLoginPageSetsTheFormTokenThatPostLoginAccepts) {
  httplib::Result page = Client().Get("/login");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  std::string cookie;
  for (size_t i = 0; i < page->get_header_value_count("Set-Cookie"); ++i) {
    const std::string c = page->get_header_value("Set-Cookie", i);
    if (c.rfind(std::string(kLoginCsrfCookie) + "=", 0) == 0) cookie = c.substr(0, c.find(';'));
  }
  ASSERT_FALSE(cookie.empty());
  const std::string token = cookie.substr(cookie.find('=') + 1);
  EXPECT_NE(page->body.find(token), std::string::npos);  // the form's hidden field
  httplib::Result r = Client().Post(
      "/login", {{"Cookie", cookie}},
      httplib::Params{
          {"username", "johtaja.kainuu"}, {"password", kPassword}, {"csrf_token", token}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/desk");  // the landing page after login
}

// A form body over httplib's built-in 8 KiB for url-encoded forms reaches the
// service through the real front end: the pages read their bodies themselves.
TEST_F(GatewayApiTest, AFullLengthDeclineReasonOverEightKilobytesReachesTheService) {
  AddAccount("kirjaamo.kainuu", "Kirsi Kirjaaja", common::v1::ROLE_REGISTRY_CLERK,
             "kainuu-koillismaa");
  const Session keha = Login("keha.koordinaattori");
  ASSERT_EQ(Post(keha, "/api/v1/networks", CreateBody(Complete("perustelut")))->status, 200);
  ASSERT_EQ(Post(keha, "/api/v1/networks/perustelut/propose", "")->status, 200);
  ASSERT_EQ(Post(keha, "/api/v1/networks/perustelut/open", "")->status, 200);
  // Nominations learns of the opening from networks' events: wait for nothing,
  // apply them (without this the request raced the event and was refused).
  ASSERT_NO_FATAL_FAILURE(SyncNominations());
  httplib::Result r = Post(keha, "/api/v1/networks/perustelut/requests",
                           R"({"area_codes": ["kainuu-koillismaa"], "seats": {"members": 1},
                               "deadline": "2026-04-30", "covering_message": "Nimetkää jäsen."})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  nompb::SendRequestResponse sent;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &sent).ok());
  ASSERT_EQ(sent.cases_size(), 1);
  const std::string case_id = sent.cases(0).case_id();
  // Through the pages: /api/v1/cases/{case_id} cannot carry a case id with a '/'.
  const Session clerk = Login("kirjaamo.kainuu");
  r = Client().Post("/cases/" + case_id + "/register", {{"Cookie", clerk.cookie}},
                    httplib::Params{{"csrf_token", clerk.csrf},
                                    {"diary_number", "KK/1/2026"},
                                    {"date_received", "2026-03-02"},
                                    {"organisation", "Kajaanin kaupunki"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;

  // A reason of the full limits::kReason characters, mostly ä and ö: each is
  // six bytes URL-encoded, so the form body is far over 8 KiB (cpp-httplib's
  // form limit the gateway lifts).
  std::string reason = "Ei resursseja: ";
  while (limits::Characters(reason) < limits::kReason) reason += "äö";
  while (limits::Characters(reason) > limits::kReason) reason.resize(reason.size() - 2);
  ASSERT_EQ(limits::Characters(reason), limits::kReason);
  // Each byte of ä and ö is %XX in the form: far over 8 KiB.
  ASSERT_GT(reason.size() * 3, size_t{8} * 1024);
  const Session director = Login("johtaja.kainuu");
  const auto decline = [&](const std::string& text) {
    return Client().Post("/cases/" + case_id + "/decline", {{"Cookie", director.cookie}},
                         httplib::Params{{"csrf_token", director.csrf}, {"reason", text}});
  };
  nompb::GetCaseRequest get;
  get.set_case_id(case_id);
  // One character more is refused at the field, and the case stays as it was.
  r = decline(reason + "ä");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("2000"), std::string::npos);
  auto unchanged = Rpc<nompb::CaseResponse>(get, kKeha, "nominations");
  ASSERT_TRUE(unchanged.ok()) << unchanged.status().ToString();
  EXPECT_EQ(unchanged->case_().state(), nompb::CASE_STATE_REGISTERED);

  r = decline(reason);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  auto declined = Rpc<nompb::CaseResponse>(get, kKeha, "nominations");
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  EXPECT_EQ(declined->case_().state(), nompb::CASE_STATE_DECLINED);
  EXPECT_TRUE(declined->case_().decision().reason() == reason);  // not printed: 2 000 characters
}

// Over kMaxRequestBodyBytes: never httplib's empty 413, but the styled page in
// the user's language for web paths and the JSON error under /api/v1/.
TEST_F(GatewayApiTest, ABodyOverTheLimitGetsTheStyledPageOrTheJsonError) {
  const Session keha = Login("keha.koordinaattori");
  const std::string huge(kMaxRequestBodyBytes + 1, 'x');
  httplib::Result r =
      Client().Post("/networks/new", {{"Cookie", keha.cookie + "; lang=sv"}},
                    httplib::Params{{"csrf_token", keha.csrf}, {"description", huge}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(r->body.find(R"(<html lang="sv">)"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("<h1>Formuläret är för stort</h1>"), std::string::npos);
  r = Client().Post("/login", httplib::Params{{"username", "x"}, {"password", huge}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("<h1>Lomake on liian suuri</h1>"), std::string::npos) << r->body;

  for (const char* path : {"/api/v1/networks", "/api/v1/session", "/api/v1/no-such-thing"}) {
    r = Post(keha, path, R"({"description": ")" + huge + R"("})");
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 413) << path;
    EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos);
    EXPECT_EQ(ErrorOf(r).code(), "invalid_argument") << path << ": " << r->body;
    EXPECT_EQ(ErrorOf(r).field(), "body") << path;
  }
  // Nothing was created.
  npb::ListNetworksResponse list;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(Get(keha, "/api/v1/networks")->body, &list).ok());
  EXPECT_EQ(list.networks_size(), 0);
}

TEST_F(GatewayApiTest, OpenApiDescribesEveryRoute) {
  httplib::Result r = Client().Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  gpb::Struct doc;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(r->body, &doc).ok());
  const gpb::Struct& paths = doc.fields().at("paths").struct_value();
  const gpb::Struct& schemas =
      doc.fields().at("components").struct_value().fields().at("schemas").struct_value();
  std::set<std::string> operation_ids;
  for (const ApiRoute& route : ApiRoutes()) {
    ASSERT_EQ(paths.fields().count(route.path), 1u) << route.path;
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(paths.fields().at(route.path).struct_value().fields().count(method), 1u)
        << route.method << " " << route.path;
    EXPECT_EQ(schemas.fields().count(route.response->full_name()), 1u) << route.path;
    const std::string id = paths.fields()
                               .at(route.path)
                               .struct_value()
                               .fields()
                               .at(method)
                               .struct_value()
                               .fields()
                               .at("operationId")
                               .string_value();
    EXPECT_TRUE(operation_ids.insert(id).second) << "duplicate operationId " << id;
    const gpb::Struct& op =
        paths.fields().at(route.path).struct_value().fields().at(method).struct_value();
    EXPECT_EQ(op.fields().at("description").string_value(), route.description) << route.path;
    const gpb::ListValue& tags = op.fields().at("tags").list_value();
    ASSERT_EQ(tags.values_size(), 1) << route.path;
    EXPECT_EQ(tags.values(0).string_value(), route.tag) << route.path;
    // Every command the generic handler serves takes an Idempotency-Key.
    bool has_key = false;
    for (const gpb::Value& p : op.fields().at("parameters").list_value().values()) {
      const auto& f = p.struct_value().fields();
      has_key = has_key || (f.at("name").string_value() == "Idempotency-Key" &&
                            f.at("in").string_value() == "header");
    }
    EXPECT_EQ(has_key, route.method != "GET" && !route.custom) << route.method << " " << route.path;
  }
  // Every tag an operation uses is declared at the top, with a description.
  std::set<std::string> declared;
  for (const gpb::Value& tag : doc.fields().at("tags").list_value().values()) {
    const auto& fields = tag.struct_value().fields();
    EXPECT_FALSE(fields.at("description").string_value().empty());
    declared.insert(fields.at("name").string_value());
  }
  for (const ApiRoute& route : ApiRoutes()) EXPECT_EQ(declared.count(route.tag), 1u) << route.tag;
}

TEST(ApiRoutesTest, EveryRouteHasADescriptionAndADeclaredTag) {
  std::set<std::string> declared;
  for (const ApiTag& tag : ApiTags()) {
    EXPECT_FALSE(tag.description.empty()) << tag.name;
    EXPECT_TRUE(declared.insert(tag.name).second) << "tag declared twice: " << tag.name;
  }
  std::set<std::string> used;
  for (const ApiRoute& route : ApiRoutes()) {
    const std::string what = route.method + " " + route.path;
    EXPECT_FALSE(route.summary.empty()) << what;
    EXPECT_GT(route.description.size(), route.summary.size())
        << what << ": say more than the summary";
    EXPECT_EQ(declared.count(route.tag), 1u) << what << ": undeclared tag '" << route.tag << "'";
    used.insert(route.tag);
  }
  EXPECT_EQ(used, declared) << "a declared tag no route uses";
}

// Path parameters are plain names (OpenAPI tools take "{definition.code}" for
// an undeclared parameter); each fills a scalar field of the request, its own
// name's or the one path_fields maps it to.
TEST(ApiRoutesTest, PathParametersArePlainNamesThatFillRequestFields) {
  for (const ApiRoute& route : ApiRoutes()) {
    std::set<std::string> placeholders;
    for (size_t open = route.path.find('{'); open != std::string::npos;
         open = route.path.find('{', open + 1)) {
      const std::string name = route.path.substr(open + 1, route.path.find('}', open) - open - 1);
      placeholders.insert(name);
      EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string::npos)
          << route.path << ": {" << name << "}";
      const std::string field = PathField(route, name);
      const gpb::Descriptor* message = route.request;
      const gpb::FieldDescriptor* found = nullptr;
      for (size_t pos = 0; message != nullptr;) {
        const size_t dot = field.find('.', pos);
        found =
            message->FindFieldByName(field.substr(pos, dot == std::string::npos ? dot : dot - pos));
        if (found == nullptr || dot == std::string::npos) break;
        message = found->message_type();
        pos = dot + 1;
      }
      ASSERT_NE(found, nullptr) << route.path << ": {" << name << "} fills no field " << field;
      // A route that reads its own path (a letter's PDF) may take an enum as
      // a word: {kind} is request, acknowledgement or decision.
      const bool word_enum =
          route.custom && found->cpp_type() == gpb::FieldDescriptor::CPPTYPE_ENUM;
      EXPECT_TRUE(found->cpp_type() == gpb::FieldDescriptor::CPPTYPE_STRING || word_enum)
          << route.path << ": {" << name << "}";
    }
    for (const auto& [placeholder, field] : route.path_fields) {
      EXPECT_EQ(placeholders.count(placeholder), 1u)
          << route.path << " has no {" << placeholder << "}";
    }
  }
  // The network being replaced is named like everywhere else.
  const auto put = std::find_if(ApiRoutes().begin(), ApiRoutes().end(), [](const ApiRoute& r) {
    return r.method == "PUT" && r.request == npb::UpdateNetworkRequest::descriptor();
  });
  ASSERT_NE(put, ApiRoutes().end());
  EXPECT_EQ(put->path, "/api/v1/networks/{network_code}");
  EXPECT_EQ(PathField(*put, "network_code"), "definition.code");
}

TEST_F(GatewayApiTest, EveryServiceOperationHasARoute) {
  std::set<std::string> routed;
  for (const ApiRoute& route : ApiRoutes()) routed.insert(route.request->full_name());
  // Built into every service, not user operations.
  const std::set<std::string> builtins = {"verkosto.common.v1.HealthRequest",
                                          "verkosto.common.v1.RecordPingRequest",
                                          "verkosto.common.v1.ListReceivedPingsRequest",
                                          "verkosto.common.v1.FetchEventsRequest",
                                          "verkosto.common.v1.ChainHeadsRequest",
                                          "verkosto.common.v1.WitnessPeersRequest",
                                          "verkosto.common.v1.MetricsRequest"};
  for (runtime::ServiceRuntime* rt : {networks_.get(), nominations_.get()}) {
    for (const auto& [name, command] : rt->server().Operations()) {
      if (builtins.count(name) > 0) continue;
      EXPECT_EQ(routed.count(name), 1u) << name << " has no /api/v1/ route";
    }
  }
}

}  // namespace
}  // namespace verkosto::gateway
