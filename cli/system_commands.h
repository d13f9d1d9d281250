#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// `verkosto up` (start and supervise all services) and `verkosto status`.
void AddSystemCommands(CLI::App& app, CliContext& ctx);

}  // namespace verkosto::cli
