#pragma once

#include <string>

#include "core/result.h"

namespace verkosto::cli {

// A password for a command, never from its arguments: the first line of
// `file`, or of standard input for "" or "-" (prompted for, without echo, on a
// terminal). Errors: not_found (no such file), invalid_argument ("password")
// when standard input gives none.
Result<std::string> ReadPassword(const std::string& file);

// One line typed at `prompt` on a terminal (echoed), or read from standard
// input. Errors: invalid_argument (`field`) when empty.
Result<std::string> ReadLine(const std::string& prompt, const std::string& field);

}  // namespace verkosto::cli
