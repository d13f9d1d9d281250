// A person's own API tokens: the list and revoking one.
#include "gateway/web/handlers.h"
#include "gateway/web/labels.h"
#include "gateway/web/page.h"
#include "gateway/web/render.h"
#include "verkosto/gateway/v1/accounts.pb.h"

namespace verkosto::gateway::web {

namespace gw = ::verkosto::gateway::v1;
using httplib::Request;
using httplib::Response;

void MyTokensPage(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  gw::ListApiTokensRequest request;
  request.set_page_token(page->PageToken());
  gw::ListApiTokensResponse mine;
  if (Status st = page->Call("gateway", request, &mine); !st.ok()) {
    return page->ServiceError(st);
  }
  const Catalogue& t = page->t();
  Data tokens = List();
  for (const gw::ApiToken& token : mine.tokens()) {
    Data item = Object();
    item.set("token_id", token.token_id());
    item.set("label", token.label());
    item.set("created", FormatTime(token.created_unix_us(), page->frame.lang));
    item.set("expires", FormatTime(token.expires_unix_us(), page->frame.lang));
    item.set("state", t.Get(token.expired() ? "token_expired" : "token_valid"));
    tokens.push_back(item);
  }
  Data d = Object();
  d.set("tokens", tokens);
  d.set("has_tokens", mine.tokens_size() > 0);
  page->PutPager(d, mine.next_page_token());
  page->Html(200, "tokens_title", "tokens", d);
}

void RevokeMyToken(GatewayContext& ctx, const Request& req, Response& res) {
  auto page = Begin(ctx, req, res);
  if (!page) return;
  gw::RevokeApiTokenRequest revoke;
  revoke.set_token_id(req.matches[1].str());
  gw::RevokeApiTokenResponse revoked;
  if (Status st = page->Call("gateway", revoke, &revoked); !st.ok()) {
    return page->ServiceError(st);
  }
  Redirect(res, "/me/tokens?done=token_revoked");
}

}  // namespace verkosto::gateway::web
