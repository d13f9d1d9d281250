// The gateway over real HTTP: a gateway runtime (its RPC server, accounts
// database and HttpFrontend on port 0) beside real networks and nominations
// runtimes, each on its own loop thread, all on one fake clock. Requests go
// through httplib::Client as a browser or script would send them.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <set>
#include <thread>

#include "core/date.h"
#include "gateway/auth/credentials.h"
#include "gateway/http/api_routes.h"
#include "gateway/service.h"
#include "messaging/rpc_client.h"
#include "networks/service.h"
#include "nominations/service.h"
#include "services/gateway/http/gateway_api_fixture.h"
#include "testing/network_definition.h"
#include "testing/temp_dir.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::gateway {
namespace {

using std::chrono::minutes;

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
  r = Get(keha, "/api/v1/inbox?limit=many");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "limit");
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
  ASSERT_TRUE(Rpc<v1::CreateApiTokenResponse>(req).ok());
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

TEST_F(GatewayApiTest, FiveFailedLoginsLockTheUserNameForFifteenMinutes) {
  for (int i = 0; i < 5; ++i) {
    httplib::Result r = LoginRaw("keha.koordinaattori", "wrong password!");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(ErrorOf(r).message(), "wrong user name or password");
  }
  httplib::Result r = LoginRaw("keha.koordinaattori", kPassword);  // right, but locked
  EXPECT_EQ(r->status, 401);
  EXPECT_NE(ErrorOf(r).message().find("too many failed logins"), std::string::npos);
  // An unknown user name is refused and locked the same way: nothing tells it apart.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(ErrorOf(LoginRaw("ei.ole", "wrong password!")).message(),
              "wrong user name or password");
  }
  EXPECT_NE(ErrorOf(LoginRaw("ei.ole", kPassword)).message().find("too many"), std::string::npos);
  clock_.Advance(minutes(15));
  EXPECT_EQ(LoginRaw("keha.koordinaattori", kPassword)->status, 200);
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
  login.set_password(kPassword);
  login.set_session_token_hash(TokenHash("x"));
  EXPECT_EQ(Rpc<v1::LoginResponse>(login, admin).status().code(), ErrorCode::kPermissionDenied);
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

  // `next` must be a local path: anything else goes to "/".
  form = {{"username", "keha.koordinaattori"},
          {"password", kPassword},
          {"csrf_token", token},
          {"next", "//evil.example/x"}};
  r = Client().Post("/login", headers, form);
  EXPECT_EQ(r->get_header_value("Location"), "/");

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
  EXPECT_EQ(r->get_header_value("Location"), "/");
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
  }
}

TEST_F(GatewayApiTest, EveryServiceOperationHasARoute) {
  std::set<std::string> routed;
  for (const ApiRoute& route : ApiRoutes()) routed.insert(route.request->full_name());
  // Built into every service, not user operations.
  const std::set<std::string> builtins = {
      "verkosto.common.v1.HealthRequest", "verkosto.common.v1.RecordPingRequest",
      "verkosto.common.v1.ListReceivedPingsRequest", "verkosto.common.v1.FetchEventsRequest"};
  for (runtime::ServiceRuntime* rt : {networks_.get(), nominations_.get()}) {
    for (const auto& [name, command] : rt->server().Operations()) {
      if (builtins.count(name) > 0) continue;
      EXPECT_EQ(routed.count(name), 1u) << name << " has no /api/v1/ route";
    }
  }
}

}  // namespace
}  // namespace verkosto::gateway
