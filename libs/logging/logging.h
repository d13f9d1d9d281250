#pragma once

#include <string>

#include "core/status.h"

namespace verkosto::logging {

// Sets up spdlog's default logger for a process: one line per record on
// stderr, "2026-11-22T19:07:01.123 info [networks] message".
// Errors: invalid_argument for an unknown level.
Status Init(const std::string& process_name, const std::string& level);

}  // namespace verkosto::logging
