// The fast path of authentication (docs/gateway.md): over real HTTP, an API
// call whose session or token was checked a moment ago makes one RPC — the
// service's — and every change of an account, session or token ends that at
// once, whoever makes it (a person over HTTP, the operator over RPC).
#include <google/protobuf/util/json_util.h>

#include "gateway/http/http_frontend.h"
#include "gateway_api_fixture.h"

namespace verkosto::gateway {
namespace {

using fixtures::As;
using fixtures::ErrorOf;
using fixtures::Session;

class FastPathTest : public fixtures::GatewayApiFixture {
 protected:
  // The RPCs the gateway's HTTP workers made for `request`.
  template <typename Request>
  uint64_t RpcsOf(Request request) {
    const uint64_t before = frontend_->rpc_calls();
    request();
    return frontend_->rpc_calls() - before;
  }

  int Status(const Session& s, const std::string& path) {
    httplib::Result r = Get(s, path);
    return r ? r->status : -1;
  }
  int StatusWithToken(const std::string& token, const std::string& path) {
    httplib::Result r = Client().Get(path.c_str(), {{"Authorization", "Bearer " + token}});
    return r ? r->status : -1;
  }

  v1::ApiTokenResponse DrawToken(const Session& s) {
    httplib::Result r = Post(s, "/api/v1/tokens", R"({"label":"raportit"})");
    v1::ApiTokenResponse token;
    EXPECT_TRUE(r && r->status == 200);
    if (r) {
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r->body, &token).ok());
    }
    return token;
  }
};

TEST_F(FastPathTest, AnApiReadMakesOneRpcWhileItsSessionWasCheckedAMomentAgo) {
  const Session keha = Login("keha.koordinaattori");
  int status = 0;
  const auto read = [&] { status = Status(keha, "/api/v1/networks"); };
  EXPECT_EQ(RpcsOf(read), 2u);  // the session check, then ListNetworks
  EXPECT_EQ(status, 200);
  EXPECT_EQ(RpcsOf(read), 1u);  // ListNetworks only
  EXPECT_EQ(RpcsOf(read), 1u);
  EXPECT_EQ(status, 200);
  // [auth] session_cache_seconds (5) later the session is checked again.
  clock_.Advance(std::chrono::seconds(5));
  EXPECT_EQ(RpcsOf(read), 2u);
  EXPECT_EQ(status, 200);

  // A bearer token alike.
  const std::string token = DrawToken(keha).token();
  const auto read_with_token = [&] { status = StatusWithToken(token, "/api/v1/networks"); };
  EXPECT_EQ(RpcsOf(read_with_token), 2u);
  EXPECT_EQ(RpcsOf(read_with_token), 1u);
  EXPECT_EQ(status, 200);
}

TEST_F(FastPathTest, AnAccountDisabledByTheOperatorIsOutAtOnce) {
  const Session director = Login("johtaja.kainuu");
  const Session keha = Login("keha.koordinaattori");
  ASSERT_EQ(Status(director, "/api/v1/session"), 200);
  ASSERT_EQ(Status(director, "/api/v1/session"), 200);  // from the cache now
  ASSERT_EQ(Status(keha, "/api/v1/session"), 200);
  v1::DisableAccountRequest disable;  // over RPC, as `verkosto users disable` does
  disable.set_user_id("johtaja.kainuu");
  disable.set_reason("lähti talosta");
  ASSERT_TRUE(Rpc<v1::DisableAccountResponse>(disable).ok());
  // The clock has not moved: only the change count can have ended it.
  EXPECT_EQ(Status(director, "/api/v1/session"), 401);
  EXPECT_EQ(Status(keha, "/api/v1/session"), 200);  // checked again, still fine
}

TEST_F(FastPathTest, ALogoutAndARevokedTokenAreOutAtOnce) {
  const Session keha = Login("keha.koordinaattori");
  const Session other = Login("keha.koordinaattori");
  const v1::ApiTokenResponse token = DrawToken(keha);
  ASSERT_EQ(Status(other, "/api/v1/session"), 200);
  ASSERT_EQ(Status(other, "/api/v1/session"), 200);
  ASSERT_EQ(StatusWithToken(token.token(), "/api/v1/session"), 200);
  ASSERT_EQ(StatusWithToken(token.token(), "/api/v1/session"), 200);

  httplib::Result out = Client().Delete("/api/v1/session", As(other));
  ASSERT_TRUE(out);
  ASSERT_EQ(out->status, 200) << out->body;
  EXPECT_EQ(Status(other, "/api/v1/session"), 401);

  httplib::Result revoked =
      Client().Delete(("/api/v1/tokens/" + token.token_id()).c_str(), As(keha));
  ASSERT_TRUE(revoked);
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_EQ(StatusWithToken(token.token(), "/api/v1/session"), 401);
  EXPECT_EQ(ErrorOf(Client().Get("/api/v1/session", {{"Authorization", "Bearer " + token.token()}}))
                .code(),
            "unauthenticated");
  EXPECT_EQ(Status(keha, "/api/v1/session"), 200);
}

}  // namespace
}  // namespace verkosto::gateway
