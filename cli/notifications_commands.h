#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto notifications <subcommand>`: the caller's inbox (inbox,
// mark-read), their preferences (preferences [--language --email-mode
// --email --mailbox]) and the delivery log (deliveries). The mailboxes come
// from the actor options (--user, --role, --area, --email); with --json the
// reply is printed as JSON.
void AddNotificationsCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
