#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto notifications <subcommand>`: the caller's inbox (inbox,
// mark-read), their preferences (preferences [--language --email-mode
// --to --mailbox]) and the delivery log (deliveries). The mailboxes are those
// of the person logged in with `verkosto login` (or --token), whose account
// the gateway puts into each request; with --json the reply is printed as JSON.
void AddNotificationsCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
