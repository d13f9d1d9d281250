#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace verkosto::testing {

// A child process for integration tests. The destructor kills it (SIGKILL)
// if it still runs. Output goes to `log_path` when given, else is inherited.
class Process {
 public:
  Process(const std::string& path, const std::vector<std::string>& args,
          const std::string& log_path = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // Sends `signal` (SIGTERM, SIGKILL, ...).
  void Signal(int signal);
  // Waits for the exit and returns the raw wait status; -1 on timeout.
  int Wait(std::chrono::milliseconds timeout);
  // SIGKILL and reap.
  void Kill();

 private:
  pid_t pid_ = -1;
};

// Directory of the built programs: $VERKOSTO_BIN_DIR (set by ctest), else "bin".
std::string BinDir();

}  // namespace verkosto::testing
