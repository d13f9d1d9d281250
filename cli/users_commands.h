#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli_context.h"
#include "verkosto/gateway/v1/accounts.pb.h"

namespace verkosto::cli {

// `verkosto users <subcommand>`: the gateway's local accounts, over the
// gateway's RPC as the operator (operator:<os user>, with the operator key):
//   add --user ID --name NAME --role ROLE [--area A] [--email E]
//       [--language fi|sv|en] [--on-behalf-of DIRECTOR] [--password-file F]
//   list [--all]     disable --user ID --reason R
//   password --user ID --reason R [--password-file F]   (a reset: every
//       session and API token of the account ends)
//   tokens --user ID     revoke-token --token-id ID
//   audit [--user ID] [--page-size N]
// A password is never an argument: it comes from --password-file (its first
// line) or standard input (prompted without echo on a terminal). API tokens
// are drawn by their person only (`verkosto login`, POST /api/v1/tokens).
void AddUsersCommands(CLI::App& app, CliContext& ctx);

// One line per account: user id, role, area, language, e-mail, name, "disabled".
std::string FormatAccounts(const gateway::v1::ListAccountsResponse& accounts);

// One line per API token: id, account, drawn and expiry dates (Helsinki),
// "(expired)", label.
std::string FormatTokens(const gateway::v1::ListApiTokensResponse& tokens);

// "revoked token <id> of <user> (<label>)", or "already revoked: ...".
void PrintRevoked(const gateway::v1::RevokeApiTokenResponse& revoked);

}  // namespace verkosto::cli
