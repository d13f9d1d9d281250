#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto keys init|show [--data DIR]`: make the CURVE keys of the services
// and the operator under DATA/keys (runtime::InitKeys), print the public keys
// as the config's [principals] table (what a second host needs).
void AddKeysCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
