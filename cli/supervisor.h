#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace verkosto::cli {

// One program the supervisor keeps running.
struct Child {
  std::string name;
  std::string path;               // executable
  std::vector<std::string> args;  // without argv[0]
};

struct SupervisorOptions {
  // A crashed child is restarted at once; only a crash loop backs off (see
  // restart_policy.h): a crash within `stable_after` of the child's restart
  // waits restart_delay, doubling per further crash up to max_restart_delay;
  // a run of `stable_after` ends the loop.
  std::chrono::milliseconds restart_delay{250};
  std::chrono::milliseconds max_restart_delay{10000};
  std::chrono::milliseconds stable_after{10000};
  // On shutdown, how long children get after SIGTERM before SIGKILL.
  std::chrono::milliseconds stop_grace{10000};
};

// Starts `children` in order, each in its own process group (so a terminal's
// Ctrl-C reaches only the supervisor) and with VERKOSTO_SUPERVISOR_PID set
// (so a service stops when the supervisor dies), restarts any that exits while the
// system is up (logging exit status and the restart decision), and on SIGINT/SIGTERM stops
// them all in reverse order. Blocks until then; returns the exit code
// (0 after a clean stop, 1 if a child could not be started at all).
int Supervise(const std::vector<Child>& children, const SupervisorOptions& options);

}  // namespace verkosto::cli
