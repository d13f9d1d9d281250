#include "login_commands.h"

#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "api_client.h"
#include "messaging/envelope.h"
#include "password_input.h"
#include "users_commands.h"
#include "verkosto/gateway/v1/accounts.pb.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::cli {

namespace gpb = ::google::protobuf;
namespace gw = ::verkosto::gateway::v1;

namespace {

struct LoginArgs {
  std::string user;
  std::string password_file;
  bool print_token = false;
};

std::string Json(const gpb::Message& message) {
  std::string json;
  gpb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)gpb::util::MessageToJsonString(message, &json, options);
  return json;
}

Status AnswerError(const httplib::Result& res, const std::string& what) {
  if (!res)
    return Status::Unavailable(what + ": no answer (" + httplib::to_string(res.error()) + ")");
  gw::ApiError error;
  gpb::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  (void)gpb::util::JsonStringToMessage(res->body, &error, options);
  return StatusFromApiError(error, ErrorCode::kPermissionDenied)
      .WithMessage(
          what + ": " +
          (error.message().empty() ? "HTTP " + std::to_string(res->status) : error.message()));
}

// The session cookie "name=value" of a login answer, or empty.
std::string SessionCookie(const httplib::Response& res) {
  for (const auto& [name, value] : res.headers) {
    if (name != "Set-Cookie") continue;
    std::string pair = value.substr(0, value.find(';'));
    if (pair.rfind("vk_session=", 0) == 0) return pair;
  }
  return {};
}

int Login(CliContext& ctx, const LoginArgs& args) {
  auto server = ctx.Server();
  if (!server.ok()) return CliContext::Fail(server.status());
  auto user = args.user.empty() ? ReadLine("User: ", "user") : Result<std::string>(args.user);
  if (!user.ok()) return CliContext::Fail(user.status());
  auto password = ReadPassword(args.password_file);
  if (!password.ok()) return CliContext::Fail(password.status());

  httplib::Client http(*server);
  http.set_tcp_nodelay(true);
  http.set_read_timeout(std::chrono::seconds(30));
  gw::ApiLoginRequest login;
  login.set_username(*user);
  login.set_password(*password);
  const httplib::Result logged_in = http.Post("/api/v1/session", Json(login), "application/json");
  if (!logged_in || logged_in->status != 200) {
    return CliContext::Fail(AnswerError(logged_in, "login to " + *server + " refused"));
  }
  gw::ApiSessionResponse session;
  gpb::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = true;
  (void)gpb::util::JsonStringToMessage(logged_in->body, &session, parse);
  const httplib::Headers headers = {{"Cookie", SessionCookie(*logged_in)},
                                    {"X-CSRF-Token", session.csrf_token()}};
  char host[256] = "this machine";
  gethostname(host, sizeof host - 1);
  gw::ApiCreateTokenRequest draw;
  draw.set_label(std::string("verkosto CLI on ") + host);
  const httplib::Result drawn =
      http.Post("/api/v1/tokens", headers, Json(draw), "application/json");
  // The session served only to draw the token.
  (void)http.Delete("/api/v1/session", headers);
  if (!drawn || drawn->status != 200) {
    return CliContext::Fail(AnswerError(drawn, "drawing an API token"));
  }
  gw::ApiTokenResponse token;
  (void)gpb::util::JsonStringToMessage(drawn->body, &token, parse);
  if (args.print_token) {
    std::printf("%s\n", token.token().c_str());
    return 0;
  }
  if (Status st = SaveLogin(ApiLogin{*server, token.token()}); !st.ok()) {
    return CliContext::Fail(st);
  }
  const gw::Account& account = session.account();
  std::printf("logged in to %s as %s (%s%s%s); the token is in %s\n", server->c_str(),
              account.user_id().c_str(),
              std::string(RoleName(messaging::FromProtoRole(account.role()))).c_str(),
              account.area().empty() ? "" : ", ", account.area().c_str(), LoginFile().c_str());
  return 0;
}

}  // namespace

void AddLoginCommands(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<LoginArgs>();
  CLI::App* login = app.add_subcommand(
      "login", "Log in to the gateway: your commands then act as you (token kept 0600)");
  ctx.AddPersonOptions(login);
  login->add_option("--user", args->user, "Your user name (asked for when not given)");
  login->add_option("--password-file", args->password_file,
                    "File whose first line is the password, or - for stdin (default: asked "
                    "for without echo)");
  login->add_flag("--print-token", args->print_token,
                  "Print the API token instead of keeping it (for scripts)");
  ctx.OnRun(login, [&ctx, args] { return Login(ctx, *args); });

  CLI::App* tokens = app.add_subcommand("tokens", "Your own API tokens (as the logged-in person)");
  tokens->require_subcommand(1);
  {
    CLI::App* list = tokens->add_subcommand("list", "Your API tokens that are not revoked");
    ctx.AddPersonOptions(list);
    ctx.OnRun(list, [&ctx] {
      return CallAndPrint<gw::ListApiTokensResponse>(
          ctx, "gateway", gw::ListApiTokensRequest(),
          [](const gw::ListApiTokensResponse& r) { std::fputs(FormatTokens(r).c_str(), stdout); });
    });
    CLI::App* revoke = tokens->add_subcommand("revoke", "Revoke one of your API tokens at once");
    ctx.AddPersonOptions(revoke);
    auto req = std::make_shared<gw::RevokeApiTokenRequest>();
    revoke
        ->add_option_function<std::string>(
            "TOKEN_ID", [req](const std::string& v) { req->set_token_id(v); },
            "The token's id (12 hex digits, as `verkosto tokens list` shows it)")
        ->required();
    ctx.OnRun(revoke, [&ctx, req] {
      return CallAndPrint<gw::RevokeApiTokenResponse>(ctx, "gateway", *req, PrintRevoked);
    });
  }

  CLI::App* logout = app.add_subcommand("logout", "Forget the saved login");
  ctx.OnRun(logout, [] {
    if (Status st = ForgetLogin(); !st.ok()) return CliContext::Fail(st);
    std::printf("logged out (%s removed)\n", LoginFile().c_str());
    return 0;
  });
}

}  // namespace verkosto::cli
