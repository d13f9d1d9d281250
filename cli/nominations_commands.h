#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto nominations <subcommand>`: every operation of the nominations
// service (send, request-replacement, register, log, approve, decline,
// withdraw, extend, resign; inbox, journal, director-inbox, case, matrix,
// memberships). Each prints a short summary, or the reply as JSON with --json.
// They act as the person logged in with `verkosto login` (or --token), through
// the gateway's JSON API; the service decides what that account may do.
void AddNominationsCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
