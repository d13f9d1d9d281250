#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace verkosto::cli {

// Issue 19: export. `verkosto nominations export --case <id> | --area <code>
// --from D --to D [--format json|xml] --out DIR`: the records export
// (docs/records-export.md) of one case or of an area's period, every page
// merged into one metadata file, and each letter's PDF beside it, named by
// the letter's filename and checked against its sha256 and size.
void AddExportCommand(CLI::App* nominations, CliContext& ctx);

}  // namespace verkosto::cli
