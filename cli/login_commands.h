#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto login [--server URL] [--data DIR] [--user NAME]
//                 [--password-file F|-] [--print-token]`:
// logs in to the gateway's JSON API with user name and password (prompted
// without echo, or the first line of a file or stdin), draws an API token for
// this CLI and keeps server and token in LoginFile() (0600), so the person's
// commands act as that person. --print-token prints the token instead of
// keeping it (for scripts: VERKOSTO_TOKEN=$(verkosto login ... --print-token)).
// `verkosto tokens list` / `verkosto tokens revoke TOKEN_ID`: the person's
// own API tokens through the gateway (GET and DELETE /api/v1/tokens), e.g. to
// revoke the token of a machine they no longer use.
// `verkosto logout`: forgets the login.
void AddLoginCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
