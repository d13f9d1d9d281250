#include "gateway/http/auth_routes.h"

#include <google/protobuf/empty.pb.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include "gateway/auth/credentials.h"
#include "gateway/http/http_errors.h"
#include "gateway/http/local_path.h"
#include "gateway/http/rpc_gateway_context.h"
#include "messaging/envelope.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::gateway {

namespace {

void SeeOther(httplib::Response& res, const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
}

std::string LoginPage(const std::string& error, const std::string& next) {
  std::string location = "/login?error=" + error;
  if (next != "/") location += "&next=" + httplib::detail::encode_query_param(next);
  return location;
}

// Answers 200 with `message` as JSON (the .proto's field names), never cached.
void ReplyJson(httplib::Response& res, const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(json, "application/json");
}

// True when `req` has a JSON body that reads as `message`.
bool ParseJsonBody(const httplib::Request& req, google::protobuf::Message* message) {
  return req.get_header_value("Content-Type").rfind("application/json", 0) == 0 &&
         google::protobuf::util::JsonStringToMessage(req.body, message).ok();
}

void ReplySession(httplib::Response& res, const v1::Account& account, const std::string& csrf) {
  v1::ApiSessionResponse session;
  *session.mutable_account() = account;
  session.set_csrf_token(csrf);
  ReplyJson(res, session);
}

std::string RefusalMessage(const std::string& refusal) {
  if (refusal == "throttled") {
    return "too many failed logins; wait before the next attempt (Retry-After)";
  }
  return "wrong user name or password";
}

// Whole seconds until `outcome` may try again, rounded up.
std::chrono::seconds RetryAfter(const LoginOutcome& outcome, TimePoint now) {
  if (!outcome.retry_after || *outcome.retry_after <= now) return std::chrono::seconds(1);
  return std::chrono::ceil<std::chrono::seconds>(*outcome.retry_after - now);
}

}  // namespace

void RegisterAuthRoutes(httplib::Server& server,
                        const std::function<RpcGatewayContext&()>& context) {
  server.Post("/login", [context](const httplib::Request& req, httplib::Response& res) {
    RpcGatewayContext& ctx = context();
    const std::string next = SafeBack(req.get_param_value("next"));
    if (!ctx.CheckLoginFormToken(req)) return SeeOther(res, LoginPage("csrf", next));
    const std::string username = req.get_param_value("username");
    const std::string password = req.get_param_value("password");
    if (username.empty() || password.empty()) return SeeOther(res, LoginPage("missing", next));
    Result<LoginOutcome> outcome = ctx.Login(username, password, req, res);
    if (!outcome.ok()) {
      spdlog::error("login: {}", outcome.status().ToString());
      return SeeOther(res, LoginPage("unavailable", next));
    }
    if (!outcome->accepted) return SeeOther(res, LoginPage(outcome->refusal, next));
    // Without a page to go back to, everyone lands on their desk (issue 18).
    SeeOther(res, next == "/" ? "/desk" : next);
  });

  server.Post("/logout", [context](const httplib::Request& req, httplib::Response& res) {
    RpcGatewayContext& ctx = context();
    std::optional<Authenticated> auth = ctx.Authenticate(req);
    if (auth && !ctx.CheckCsrf(req, auth->user)) {
      res.status = 403;
      res.set_content("Forbidden: missing or wrong anti-forgery token",
                      "text/plain; charset=utf-8");
      return;
    }
    if (Status st = ctx.Logout(req, res); !st.ok()) spdlog::warn("logout: {}", st.ToString());
    SeeOther(res, "/login?logged_out=1");
  });

  server.Post("/api/v1/session", [context](const httplib::Request& req, httplib::Response& res) {
    v1::ApiLoginRequest login;
    google::protobuf::util::JsonParseOptions options;
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
      return ReplyError(
          res, Status::InvalidArgument("content_type", "the body must be application/json"));
    }
    if (!google::protobuf::util::JsonStringToMessage(req.body, &login, options).ok()) {
      return ReplyError(res, Status::InvalidArgument("body", "expected {username, password}"));
    }
    if (login.username().empty()) {
      return ReplyError(res, Status::InvalidArgument("username", "is required"));
    }
    if (login.password().empty()) {
      return ReplyError(res, Status::InvalidArgument("password", "is required"));
    }
    Result<LoginOutcome> outcome = context().Login(login.username(), login.password(), req, res);
    if (!outcome.ok()) {
      const ErrorCode code = outcome.status().code();
      if (code != ErrorCode::kUnavailable && code != ErrorCode::kDeadlineExceeded &&
          code != ErrorCode::kInternal) {
        return ReplyError(res, outcome.status());  // about the request, e.g. too long a name
      }
      // Nobody is logged in yet: the code, not the service's words (they may
      // name a socket); the log has them.
      spdlog::error("login: {}", outcome.status().ToString());
      return ReplyError(res, Status(code, "logging in does not work right now; try again soon"));
    }
    if (outcome->refusal == "throttled") {
      return ReplyTooManyRequests(res, RefusalMessage(outcome->refusal),
                                  RetryAfter(*outcome, context().Now()));
    }
    if (!outcome->accepted) return ReplyUnauthenticated(res, RefusalMessage(outcome->refusal));
    ReplySession(res, outcome->account, outcome->csrf_token);
  });

  server.Get("/api/v1/session", [context](const httplib::Request& req, httplib::Response& res) {
    RpcGatewayContext& ctx = context();
    std::optional<Authenticated> auth = ctx.Authenticate(req);
    if (!auth) return ReplyUnauthenticated(res, "not logged in");
    v1::Account account;
    const Actor& actor = auth->user.actor;
    account.set_user_id(actor.user_id);
    account.set_display_name(actor.display_name);
    account.set_role(messaging::ToProtoRole(actor.role));
    account.set_area(actor.area.value());
    account.set_email(actor.email);
    account.set_on_behalf_of(actor.on_behalf_of);
    account.set_language(messaging::ToProtoLanguage(auth->user.language));
    ReplySession(res, account, auth->user.csrf_token);
  });

  server.Post("/api/v1/tokens", [context](const httplib::Request& req, httplib::Response& res) {
    RpcGatewayContext& ctx = context();
    std::optional<Authenticated> auth = ctx.Authenticate(req);
    if (!auth) return ReplyUnauthenticated(res, "log in first");
    if (auth->by_api_token) {
      // A leaked token must not outlive its expiry or revocation by minting
      // successors: only a password login draws tokens.
      return ReplyError(
          res, Status::PermissionDenied("an API token cannot create API tokens; log in with your "
                                        "password (POST /api/v1/session) to draw one"));
    }
    if (!ctx.CheckCsrf(req, auth->user)) return ReplyCsrfRefused(res);
    v1::ApiCreateTokenRequest body;
    if (!ParseJsonBody(req, &body)) {
      return ReplyError(res, Status::InvalidArgument("body", "expected JSON {label}"));
    }
    // Drawn here; the accounts only ever see its hash.
    const std::string token = RandomToken("vkt_");
    v1::CreateApiTokenRequest request;
    request.set_user_id(auth->user.actor.user_id);
    request.set_label(body.label());
    request.set_token_hash(TokenHash(token));
    v1::CreateApiTokenResponse created;
    if (Status st = ctx.Call("gateway", auth->user.actor, request, &created); !st.ok()) {
      return ReplyError(res, st);
    }
    v1::ApiTokenResponse answer;
    answer.set_token(token);
    answer.set_token_id(created.token_id());
    ReplyJson(res, answer);
  });

  server.Put(R"(/api/v1/accounts/([^/]+)/password)", [context](const httplib::Request& req,
                                                               httplib::Response& res) {
    RpcGatewayContext& ctx = context();
    std::optional<Authenticated> auth = ctx.Authenticate(req);
    if (!auth) return ReplyUnauthenticated(res, "log in first");
    if (!ctx.CheckCsrf(req, auth->user)) return ReplyCsrfRefused(res);
    v1::SetPasswordRequest request;
    if (!ParseJsonBody(req, &request)) {
      return ReplyError(res, Status::InvalidArgument(
                                 "body", "expected JSON {new_password, current_password, reason}"));
    }
    request.set_user_id(req.matches[1].str());
    // Only the gateway knows which session asks: it stays open when its own
    // person changes the password (the accounts ignore it for a reset).
    request.set_keep_session_token_hash(auth->session_hash);
    request.set_address(req.remote_addr);
    v1::SetPasswordResponse response;
    if (Status st = ctx.Call("gateway", auth->user.actor, request, &response); !st.ok()) {
      return ReplyError(res, st);
    }
    if (response.refusal() == "throttled") {
      LoginOutcome waited;
      waited.retry_after = FromMicros(response.retry_after_unix_us());
      return ReplyTooManyRequests(res, RefusalMessage(response.refusal()),
                                  RetryAfter(waited, ctx.Now()));
    }
    if (!response.refusal().empty()) {
      return ReplyError(res, Status::PermissionDenied(FieldName("current_password"),
                                                      "the current password is wrong"));
    }
    ReplyJson(res, response);
  });

  server.Delete("/api/v1/session", [context](const httplib::Request& req, httplib::Response& res) {
    RpcGatewayContext& ctx = context();
    std::optional<Authenticated> auth = ctx.Authenticate(req);
    if (!auth) return ReplyUnauthenticated(res, "not logged in");
    if (!ctx.CheckCsrf(req, auth->user)) return ReplyCsrfRefused(res);
    if (Status st = ctx.Logout(req, res); !st.ok()) return ReplyError(res, st);
    std::string json;
    (void)google::protobuf::util::MessageToJsonString(google::protobuf::Empty(), &json);
    res.status = 200;
    res.set_content(json, "application/json");
  });
}

}  // namespace verkosto::gateway
