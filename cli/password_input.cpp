#include "password_input.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace verkosto::cli {

namespace {

std::string StripLineEnd(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

}  // namespace

Result<std::string> ReadPassword(const std::string& file) {
  std::string line;
  if (!file.empty() && file != "-") {
    std::ifstream in(file);
    if (!in) return Status::NotFound("cannot read password file " + file);
    std::getline(in, line);
    return StripLineEnd(line);
  }
  const bool tty = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::fprintf(stderr, "Password: ");
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  line = StripLineEnd(line);
  if (line.empty()) return Status::InvalidArgument("password", "no password given on stdin");
  return line;
}

Result<std::string> ReadLine(const std::string& prompt, const std::string& field) {
  if (isatty(STDIN_FILENO) != 0) std::fprintf(stderr, "%s", prompt.c_str());
  std::string line;
  std::getline(std::cin, line);
  line = StripLineEnd(line);
  if (line.empty()) return Status::InvalidArgument(field, "is required");
  return line;
}

}  // namespace verkosto::cli
