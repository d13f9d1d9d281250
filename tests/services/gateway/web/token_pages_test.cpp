// A person's own API tokens (token_pages.cpp): the list and revoking one.
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>
#include <utility>
#include <vector>

#include "verkosto/gateway/v1/accounts.pb.h"
#include "web_pages_fixture.h"

namespace verkosto::gateway {
namespace {

using testing::WebPagesTest;

TEST_F(WebPagesTest, APersonListsTheirOwnTokensAndRevokesOne) {
  std::vector<std::string> revoked;
  ctx_.On<v1::ListApiTokensRequest, v1::ListApiTokensResponse>(
      [&revoked](const Actor& actor, const v1::ListApiTokensRequest& req,
                 v1::ListApiTokensResponse* r) {
        EXPECT_TRUE(req.user_id().empty());  // the caller's own
        if (actor.user_id != "clerk1" || !revoked.empty()) return Status::Ok();
        v1::ApiToken* token = r->add_tokens();
        token->set_token_id("0123456789ab");
        token->set_user_id("clerk1");
        token->set_label("raporttiskripti");
        token->set_created_unix_us(1'772'000'000'000'000);
        token->set_expires_unix_us(1'779'776'000'000'000);
        v1::ApiToken* old = r->add_tokens();
        *old = *token;
        old->set_token_id("ba9876543210");
        old->set_label("vanha");
        old->set_expired(true);
        return Status::Ok();
      });
  ctx_.On<v1::RevokeApiTokenRequest, v1::RevokeApiTokenResponse>(
      [&revoked](const Actor& actor, const v1::RevokeApiTokenRequest& req,
                 v1::RevokeApiTokenResponse* r) {
        revoked.push_back(actor.user_id + ":" + req.token_id());
        r->set_changed(true);
        return Status::Ok();
      });
  for (const auto& [lang, words] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"fi", {"Omat API-avaimet", "Mitätöi", "vanhentunut", "voimassa"}},
           {"sv", {"Mina API-nycklar", "Återkalla", "har gått ut", "giltig"}},
           {"en", {"My API tokens", "Revoke", "expired", "valid"}}}) {
    auto page = Get("/me/tokens", "clerk", "lang=" + lang);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << lang;
    for (const std::string& word : words) {
      EXPECT_NE(page->body.find(word), std::string::npos) << lang << ": " << word;
    }
    EXPECT_NE(page->body.find("raporttiskripti"), std::string::npos) << lang;
    // A table with a caption and headers; each button names its token's row.
    EXPECT_NE(page->body.find("<caption>"), std::string::npos) << lang;
    EXPECT_NE(page->body.find(R"(<th scope="col">)"), std::string::npos) << lang;
    EXPECT_NE(page->body.find(R"(<th scope="row" id="token-0123456789ab">)"), std::string::npos)
        << lang;
    EXPECT_NE(page->body.find(R"(action="/me/tokens/0123456789ab/revoke")"), std::string::npos)
        << lang;
    EXPECT_NE(page->body.find(R"(aria-describedby="token-0123456789ab")"), std::string::npos)
        << lang;
    EXPECT_NE(page->body.find(R"(name="csrf_token" value="token-clerk1")"), std::string::npos)
        << lang;
    // Every page links to it.
    EXPECT_NE(page->body.find(R"(<a href="/me/tokens">)"), std::string::npos) << lang;
  }

  // Without the anti-forgery token nothing is revoked.
  auto forged = Post("/me/tokens/0123456789ab/revoke", "clerk", {});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_TRUE(revoked.empty());

  auto done = Post("/me/tokens/0123456789ab/revoke", "clerk", {{"csrf_token", "token-clerk1"}});
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 303);
  EXPECT_EQ(done->get_header_value("Location"), "/me/tokens?done=token_revoked");
  EXPECT_EQ(revoked, std::vector<std::string>{"clerk1:0123456789ab"});
  auto after = Get("/me/tokens?done=token_revoked", "clerk", "lang=en");
  ASSERT_TRUE(after);
  EXPECT_NE(after->body.find("The token was revoked"), std::string::npos);
  EXPECT_NE(after->body.find("You have no API tokens."), std::string::npos);
}

TEST_F(WebPagesTest, TheTokensPageNeedsALoginAndShowsTheServicesRefusal) {
  auto anonymous = Get("/me/tokens");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 303);
  EXPECT_EQ(anonymous->get_header_value("Location").rfind("/login", 0), 0u);
  Refuse<v1::RevokeApiTokenRequest, v1::RevokeApiTokenResponse>(
      ctx_, Status::NotFound("no API token 0123456789ab"));
  auto unknown = Post("/me/tokens/0123456789ab/revoke", "clerk", {{"csrf_token", "token-clerk1"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  // Not a token id: no such page.
  EXPECT_EQ(Post("/me/tokens/x/revoke", "clerk", {{"csrf_token", "token-clerk1"}})->status, 404);
}

}  // namespace
}  // namespace verkosto::gateway
