#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto diag ping` and `verkosto diag pings`: the backbone's diagnostics.
void AddDiagCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
