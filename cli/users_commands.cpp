#include "users_commands.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "core/date.h"
#include "field_options.h"
#include "messaging/envelope.h"
#include "messaging/proto_enum.h"
#include "password_input.h"

namespace verkosto::cli {

namespace pb = ::verkosto::gateway::v1;

std::string FormatAccounts(const pb::ListAccountsResponse& accounts) {
  std::ostringstream out;
  char line[512];
  for (const pb::Account& a : accounts.accounts()) {
    std::snprintf(line, sizeof line, "%-24s %-16s %-20s %-3s %-40s %s%s\n", a.user_id().c_str(),
                  std::string(RoleName(messaging::FromProtoRole(a.role()))).c_str(),
                  a.area().empty() ? "-" : a.area().c_str(),
                  messaging::EnumShortName(a.language()).c_str(),
                  a.email().empty() ? "-" : a.email().c_str(), a.display_name().c_str(),
                  a.disabled() ? "  (disabled)" : "");
    out << line;
  }
  return out.str();
}

void PrintRevoked(const pb::RevokeApiTokenResponse& r) {
  std::printf("%s token %s of %s (%s)\n",
              r.changed() ? "revoked" : "already revoked:", r.token().token_id().c_str(),
              r.token().user_id().c_str(), r.token().label().c_str());
}

std::string FormatTokens(const pb::ListApiTokensResponse& tokens) {
  std::ostringstream out;
  char line[512];
  const auto day = [](int64_t unix_us) { return FormatIsoDate(HelsinkiDate(FromMicros(unix_us))); };
  for (const pb::ApiToken& t : tokens.tokens()) {
    std::snprintf(line, sizeof line, "%-12s %-24s drawn %s expires %s%s  %s\n",
                  t.token_id().c_str(), t.user_id().c_str(), day(t.created_unix_us()).c_str(),
                  day(t.expires_unix_us()).c_str(), t.expired() ? " (expired)" : "",
                  t.label().c_str());
    out << line;
  }
  return out.str();
}

void AddUsersCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* users = app.add_subcommand("users", "Local accounts of the web UI and API (gateway)");
  users->require_subcommand(1);

  {
    CLI::App* cmd = users->add_subcommand("add", "Create an account");
    ctx.AddOperatorOptions(cmd);
    auto req = std::make_shared<pb::CreateAccountRequest>();
    auto role = std::make_shared<std::string>();
    auto password_file = std::make_shared<std::string>();
    AddFieldOptions(
        cmd, req,
        {{"--user", "account.user_id", true, "User id to log in with, e.g. johtaja.kainuu"},
         {"--name", "account.display_name", true, "Display name"},
         {"--area", "account.area", false, "Employment area code (clerks, directors, deputies)"},
         {"--email", "account.email", false, "Work e-mail"},
         {"--language", "account.language", false, "fi (default), sv or en"},
         {"--on-behalf-of", "account.on_behalf_of", false,
          "For a deputy: the director's user id"}});
    cmd->add_option("--role", *role,
                    "keha_coordinator, registry_clerk, director, deputy, nominee, observer or "
                    "admin")
        ->required();
    cmd->add_option("--password-file", *password_file,
                    "File whose first line is the password (default: read from stdin)");
    ctx.OnRun(cmd, [&ctx, req, role, password_file] {
      const Role parsed = RoleFromName(*role);
      if (parsed == Role::kUnspecified) {
        return CliContext::Fail(Status::InvalidArgument("role", "unknown role '" + *role + "'"));
      }
      req->mutable_account()->set_role(messaging::ToProtoRole(parsed));
      Result<std::string> password = ReadPassword(*password_file);
      if (!password.ok()) return CliContext::Fail(password.status());
      req->set_password(*password);
      return CallAndPrint<pb::CreateAccountResponse>(
          ctx, "gateway", *req, [](const pb::CreateAccountResponse& r) {
            std::printf(
                "created %s (%s)\n", r.account().user_id().c_str(),
                std::string(RoleName(messaging::FromProtoRole(r.account().role()))).c_str());
          });
    });
  }

  {
    CLI::App* cmd = users->add_subcommand("list", "List accounts");
    ctx.AddOperatorOptions(cmd);
    auto req = std::make_shared<pb::ListAccountsRequest>();
    AddFieldOptions(cmd, req, {{"--all", "include_disabled", false, "Include disabled accounts"}});
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::ListAccountsResponse>(
          ctx, "gateway", *req,
          [](const pb::ListAccountsResponse& r) { std::fputs(FormatAccounts(r).c_str(), stdout); });
    });
  }

  {
    CLI::App* cmd = users->add_subcommand("disable", "Disable an account (ends its sessions)");
    ctx.AddOperatorOptions(cmd);
    auto req = std::make_shared<pb::DisableAccountRequest>();
    AddFieldOptions(cmd, req,
                    {{"--user", "user_id", true, "User id"},
                     {"--reason", "reason", true, "Why (for the audit trail)"}});
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::DisableAccountResponse>(
          ctx, "gateway", *req, [](const pb::DisableAccountResponse& r) {
            std::printf("disabled %s\n", r.account().user_id().c_str());
          });
    });
  }

  {
    CLI::App* cmd = users->add_subcommand(
        "password", "Reset an account's password (ends its sessions and API tokens)");
    ctx.AddOperatorOptions(cmd);
    auto req = std::make_shared<pb::SetPasswordRequest>();
    auto password_file = std::make_shared<std::string>();
    AddFieldOptions(cmd, req,
                    {{"--user", "user_id", true, "User id"},
                     {"--reason", "reason", true, "Why (for the audit trail)"}});
    cmd->add_option("--password-file", *password_file,
                    "File whose first line is the password (default: read from stdin)");
    ctx.OnRun(cmd, [&ctx, req, password_file] {
      Result<std::string> password = ReadPassword(*password_file);
      if (!password.ok()) return CliContext::Fail(password.status());
      req->set_new_password(*password);
      return CallAndPrint<pb::SetPasswordResponse>(
          ctx, "gateway", *req, [](const pb::SetPasswordResponse& r) {
            std::printf("password set for %s; their sessions and API tokens ended\n",
                        r.account().user_id().c_str());
          });
    });
  }

  {
    CLI::App* cmd = users->add_subcommand("tokens", "An account's API tokens (not revoked)");
    ctx.AddOperatorOptions(cmd);
    auto req = std::make_shared<pb::ListApiTokensRequest>();
    cmd->add_option_function<std::string>(
           "--user", [req](const std::string& v) { req->set_user_id(v); }, "User id")
        ->required();
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::ListApiTokensResponse>(
          ctx, "gateway", *req,
          [](const pb::ListApiTokensResponse& r) { std::fputs(FormatTokens(r).c_str(), stdout); });
    });
  }

  {
    CLI::App* cmd = users->add_subcommand("revoke-token", "Revoke anyone's API token at once");
    ctx.AddOperatorOptions(cmd);
    auto req = std::make_shared<pb::RevokeApiTokenRequest>();
    cmd->add_option_function<std::string>(
           "--token-id", [req](const std::string& v) { req->set_token_id(v); },
           "The token's id (12 hex digits, as `users tokens` lists it)")
        ->required();
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::RevokeApiTokenResponse>(ctx, "gateway", *req, PrintRevoked);
    });
  }

  {
    CLI::App* cmd = users->add_subcommand("audit", "Account changes and logins, newest first");
    ctx.AddOperatorOptions(cmd);
    auto req = std::make_shared<pb::ListAuditRequest>();
    AddFieldOptions(cmd, req,
                    {{"--user", "subject_user_id", false, "Only entries about this account"},
                     {"--page-size", "page_size", false, "At most this many (default 100)"}});
    ctx.OnRun(cmd, [&ctx, req] {
      return CallAndPrint<pb::ListAuditResponse>(
          ctx, "gateway", *req, [](const pb::ListAuditResponse& r) {
            for (const pb::AuditEntry& e : r.entries()) {
              std::printf("%lld %-18s %-24s by %s %s\n", static_cast<long long>(e.at_unix_us()),
                          e.action().c_str(), e.subject_user_id().c_str(),
                          e.actor_user_id().c_str(), e.detail().c_str());
            }
          });
    });
  }
}

}  // namespace verkosto::cli
