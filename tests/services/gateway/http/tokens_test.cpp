// API tokens and password changes over real HTTP (gateway_api_fixture.h):
// a token's lifecycle (draw, list, use, revoke), its expiry on the fake
// clock, that a token cannot draw tokens, and what a password change asks
// for and ends.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>
#include <vector>

#include "gateway_api_fixture.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::gateway {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)
namespace gpb = ::google::protobuf;

constexpr char kNewPassword[] = "uusi-salasana-2026";

class TokensTest : public GatewayApiFixture {
 protected:
  void SetUp() override {
    GatewayApiFixture::SetUp();
    AddAccount("yllapito", "Ylla Pito", common::v1::ROLE_ADMIN, "");
  }

  // Draws a token in session `s` (POST /api/v1/tokens).
  v1::ApiTokenResponse DrawToken(const Session& s, const std::string& label) {
    httplib::Result r = Post(s, "/api/v1/tokens", R"({"label":")" + label + R"("})");
    v1::ApiTokenResponse token;
    EXPECT_TRUE(r);
    if (!r) return token;
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_TRUE(gpb::util::JsonStringToMessage(r->body, &token).ok()) << r->body;
    return token;
  }

  httplib::Result GetWithToken(const std::string& token, const std::string& path) {
    return Client().Get(path.c_str(), {{"Authorization", "Bearer " + token}});
  }

  httplib::Result Delete(const Session& s, const std::string& path) {
    return Client().Delete(path.c_str(), {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
  }

  httplib::Result Put(const Session& s, const std::string& path, const std::string& body) {
    return Client().Put(path.c_str(), {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}, body,
                        "application/json");
  }

  // The caller's tokens (GET /api/v1/tokens[?user_id=...]).
  std::vector<v1::ApiToken> Tokens(const Session& s, const std::string& query = {}) {
    httplib::Result r = Get(s, "/api/v1/tokens" + query);
    std::vector<v1::ApiToken> tokens;
    EXPECT_TRUE(r);
    if (!r) return tokens;
    EXPECT_EQ(r->status, 200) << r->body;
    v1::ListApiTokensResponse list;
    EXPECT_TRUE(gpb::util::JsonStringToMessage(r->body, &list).ok()) << r->body;
    tokens.assign(list.tokens().begin(), list.tokens().end());
    return tokens;
  }

  // The audit entries about `user_id`, newest first.
  std::vector<v1::AuditEntry> Audit(const std::string& user_id) {
    v1::ListAuditRequest req;
    req.set_subject_user_id(user_id);
    auto audit = Rpc<v1::ListAuditResponse>(req);
    EXPECT_TRUE(audit.ok()) << audit.status().ToString();
    if (!audit.ok()) return {};
    return {audit->entries().begin(), audit->entries().end()};
  }

  // Their actions, checking that no detail holds a password or a token.
  std::vector<std::string> AuditActions(const std::string& user_id) {
    std::vector<std::string> actions;
    for (const v1::AuditEntry& e : Audit(user_id)) {
      actions.push_back(e.action());
      EXPECT_EQ(e.detail().find(kPassword), std::string::npos) << e.action();
      EXPECT_EQ(e.detail().find(kNewPassword), std::string::npos) << e.action();
      EXPECT_EQ(e.detail().find("vkt_"), std::string::npos) << e.action();
    }
    return actions;
  }
};

TEST_F(TokensTest, ATokenIsDrawnListedUsedAndRevokedAtOnce) {
  const Session director = Login("johtaja.kainuu");
  const v1::ApiTokenResponse token = DrawToken(director, "raportit");
  EXPECT_EQ(token.token_id().size(), 12u);

  const std::vector<v1::ApiToken> listed = Tokens(director);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].token_id(), token.token_id());
  EXPECT_EQ(listed[0].label(), "raportit");
  EXPECT_EQ(listed[0].user_id(), "johtaja.kainuu");
  EXPECT_EQ(listed[0].created_unix_us(), ToMicros(Start()));
  EXPECT_EQ(listed[0].expires_unix_us(), ToMicros(Start() + std::chrono::hours(24 * 90)));
  EXPECT_FALSE(listed[0].expired());
  // The list never shows the token itself.
  httplib::Result raw = Get(director, "/api/v1/tokens");
  EXPECT_EQ(raw->body.find(token.token()), std::string::npos);

  httplib::Result used = GetWithToken(token.token(), "/api/v1/tokens");
  ASSERT_TRUE(used);
  EXPECT_EQ(used->status, 200) << used->body;
  EXPECT_NE(used->body.find(token.token_id()), std::string::npos);

  // Without the session's CSRF token nothing is revoked.
  EXPECT_EQ(
      Client()
          .Delete(("/api/v1/tokens/" + token.token_id()).c_str(), {{"Cookie", director.cookie}})
          ->status,
      403);
  httplib::Result revoked = Delete(director, "/api/v1/tokens/" + token.token_id());
  ASSERT_TRUE(revoked);
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  v1::RevokeApiTokenResponse answer;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(revoked->body, &answer).ok());
  EXPECT_TRUE(answer.changed());
  EXPECT_TRUE(answer.token().revoked());

  EXPECT_EQ(GetWithToken(token.token(), "/api/v1/session")->status, 401);
  EXPECT_TRUE(Tokens(director).empty());
  // Again: nothing changes, and that is no error.
  revoked = Delete(director, "/api/v1/tokens/" + token.token_id());
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(revoked->body, &answer).ok());
  EXPECT_FALSE(answer.changed());
  EXPECT_EQ(Delete(director, "/api/v1/tokens/not-an-id")->status, 400);
  EXPECT_EQ(Delete(director, "/api/v1/tokens/000000000000")->status, 404);

  const std::vector<std::string> actions = AuditActions("johtaja.kainuu");
  ASSERT_GE(actions.size(), 2u);
  EXPECT_EQ(actions[0], "api_token_revoked");
  EXPECT_EQ(actions[1], "api_token_created");
}

TEST_F(TokensTest, ATokenExpiresAfterItsLifetimeOnTheGatewaysClock) {
  const Session director = Login("johtaja.kainuu");
  const v1::ApiTokenResponse token = DrawToken(director, "skripti");
  clock_.Advance(std::chrono::hours(24 * 90) - std::chrono::minutes(1));
  EXPECT_EQ(GetWithToken(token.token(), "/api/v1/session")->status, 200);
  clock_.Advance(std::chrono::minutes(1));
  httplib::Result r = GetWithToken(token.token(), "/api/v1/networks");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(ErrorOf(r).code(), "unauthenticated");
  // Listed as expired until revoked.
  const std::vector<v1::ApiToken> listed = Tokens(Login("johtaja.kainuu"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].expired());
}

TEST_F(TokensTest, ATokenCannotDrawTokens) {
  const v1::ApiTokenResponse token = DrawToken(Login("johtaja.kainuu"), "skripti");
  httplib::Result r =
      Client().Post("/api/v1/tokens", {{"Authorization", "Bearer " + token.token()}},
                    R"({"label":"toinen"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(ErrorOf(r).code(), "permission_denied");
  EXPECT_NE(ErrorOf(r).message().find("cannot create API tokens"), std::string::npos);
  EXPECT_EQ(Tokens(Login("johtaja.kainuu")).size(), 1u);
}

TEST_F(TokensTest, OthersTokensAreUnknownExceptToAdmins) {
  const v1::ApiTokenResponse token = DrawToken(Login("johtaja.kainuu"), "raportit");
  const Session keha = Login("keha.koordinaattori");
  EXPECT_TRUE(Tokens(keha).empty());
  EXPECT_EQ(Get(keha, "/api/v1/tokens?user_id=johtaja.kainuu")->status, 403);
  EXPECT_EQ(Delete(keha, "/api/v1/tokens/" + token.token_id())->status, 404);
  EXPECT_EQ(GetWithToken(token.token(), "/api/v1/session")->status, 200);

  const Session admin = Login("yllapito");
  ASSERT_EQ(Tokens(admin, "?user_id=johtaja.kainuu").size(), 1u);
  EXPECT_EQ(Get(admin, "/api/v1/tokens?user_id=ei.ole")->status, 404);
  EXPECT_EQ(Delete(admin, "/api/v1/tokens/" + token.token_id())->status, 200);
  EXPECT_EQ(GetWithToken(token.token(), "/api/v1/session")->status, 401);
  const std::vector<v1::AuditEntry> audit = Audit("johtaja.kainuu");
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0].action(), "api_token_revoked");
  EXPECT_EQ(audit[0].actor_user_id(), "yllapito");
}

TEST_F(TokensTest, ChangingOnesPasswordNeedsTheCurrentOne) {
  const Session director = Login("johtaja.kainuu");
  const std::string path = "/api/v1/accounts/johtaja.kainuu/password";
  httplib::Result r =
      Put(director, path, std::string(R"({"new_password":")") + kNewPassword + R"("})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "current_password");
  r = Put(director, path,
          std::string(R"({"new_password":")") + kNewPassword +
              R"(","current_password":"vaara-salasana-1"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(ErrorOf(r).field(), "current_password");
  EXPECT_EQ(LoginRaw("johtaja.kainuu", kNewPassword)->status, 401);
  const std::vector<std::string> actions = AuditActions("johtaja.kainuu");
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(actions[0], "login_refused");  // the login just above
  EXPECT_EQ(actions[1], "password_change_refused");
}

TEST_F(TokensTest, WrongCurrentPasswordsCountLikeFailedLogins) {
  const Session director = Login("johtaja.kainuu");
  const std::string path = "/api/v1/accounts/johtaja.kainuu/password";
  const std::string wrong = std::string(R"({"new_password":")") + kNewPassword +
                            R"(","current_password":"vaara-salasana-1"})";
  const std::string right = std::string(R"({"new_password":")") + kNewPassword +
                            R"(","current_password":")" + kPassword + R"("})";
  // Five wrong guesses are free, the sixth makes the next attempt wait —
  // at the login and here alike.
  for (int i = 0; i < 6; ++i) EXPECT_EQ(Put(director, path, wrong)->status, 403);
  httplib::Result r = LoginRaw("johtaja.kainuu", kPassword);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->get_header_value("Retry-After"), "1");
  // Waiting: even the right current password is refused, and nothing changes.
  r = Put(director, path, right);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429) << r->body;
  EXPECT_EQ(ErrorOf(r).code(), "too_many_requests");
  EXPECT_EQ(r->get_header_value("Retry-After"), "1");
  EXPECT_EQ(AuditActions("johtaja.kainuu")[0], "password_change_refused");
  // After the wait the right password changes it.
  clock_.Advance(std::chrono::seconds(1));
  r = Put(director, path, right);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(LoginRaw("johtaja.kainuu", kNewPassword)->status, 200);
}

TEST_F(TokensTest, APasswordChangeEndsOtherSessionsAndEveryTokenButNotTheCurrentSession) {
  const Session current = Login("johtaja.kainuu");
  const Session other = Login("johtaja.kainuu");
  const v1::ApiTokenResponse token = DrawToken(other, "skripti");
  httplib::Result r = Put(current, "/api/v1/accounts/johtaja.kainuu/password",
                          std::string(R"({"new_password":")") + kNewPassword +
                              R"(","current_password":")" + kPassword + R"("})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body.find(kNewPassword), std::string::npos);
  EXPECT_EQ(Get(current, "/api/v1/session")->status, 200);
  EXPECT_EQ(Get(other, "/api/v1/session")->status, 401);
  EXPECT_EQ(GetWithToken(token.token(), "/api/v1/session")->status, 401);
  EXPECT_TRUE(Tokens(current).empty());
  EXPECT_EQ(LoginRaw("johtaja.kainuu", kPassword)->status, 401);
  EXPECT_EQ(LoginRaw("johtaja.kainuu", kNewPassword)->status, 200);
  const std::vector<std::string> actions = AuditActions("johtaja.kainuu");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "password_set"), actions.end());
}

TEST_F(TokensTest, AnAdminResetsAPasswordWithAReasonEndingEverySession) {
  const Session director = Login("johtaja.kainuu");
  const v1::ApiTokenResponse token = DrawToken(director, "skripti");
  const Session admin = Login("yllapito");
  const std::string path = "/api/v1/accounts/johtaja.kainuu/password";
  httplib::Result r =
      Put(admin, path, std::string(R"({"new_password":")") + kNewPassword + R"("})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorOf(r).field(), "reason");
  EXPECT_EQ(Get(director, "/api/v1/session")->status, 200);
  r = Put(
      admin, path,
      std::string(R"({"new_password":")") + kNewPassword + R"(","reason":"unohti salasanansa"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Get(director, "/api/v1/session")->status, 401);
  EXPECT_EQ(GetWithToken(token.token(), "/api/v1/session")->status, 401);
  EXPECT_EQ(Get(admin, "/api/v1/session")->status, 200);
  const std::vector<v1::AuditEntry> audit = Audit("johtaja.kainuu");
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0].action(), "password_reset");
  EXPECT_EQ(audit[0].detail(), "unohti salasanansa");
  EXPECT_EQ(audit[0].actor_user_id(), "yllapito");
  // Anyone else may not.
  EXPECT_EQ(Put(Login("keha.koordinaattori"), path,
                std::string(R"({"new_password":")") + kNewPassword + R"(","reason":"x"})")
                ->status,
            403);
}

}  // namespace
}  // namespace verkosto::gateway
