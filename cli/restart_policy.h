#pragma once

#include <chrono>

namespace verkosto::cli {

// When the supervisor starts a crashed child again: a pure rule over the
// child's start and exit time points (no clock of its own, so tests pass
// explicit time points).
//
// A child that crashes for the first time — or after it had run for at least
// `stable_after` — is restarted at once: one crash of the gateway should cost
// the API well under a second. Only a crash loop backs off: a child that
// crashes again within `stable_after` of its (re)start waits `restart_delay`,
// then twice that for each further crash of the loop, never more than
// `max_restart_delay`. A run of `stable_after` or longer ends the loop.
class RestartPolicy {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  struct Options {
    std::chrono::milliseconds restart_delay{250};
    std::chrono::milliseconds max_restart_delay{10000};
    std::chrono::milliseconds stable_after{10000};
  };

  struct Decision {
    std::chrono::milliseconds delay{0};  // 0: restart at once
    // The crash's number in the current loop: 1 for a crash after a stable
    // run (restarted at once), 2 and up within a loop.
    int crash_in_loop = 1;
  };

  RestartPolicy() = default;
  explicit RestartPolicy(const Options& options) : options_(options) {}

  // The child started at `started` ended at `ended` (ended >= started).
  Decision OnExit(TimePoint started, TimePoint ended);

  const Options& options() const { return options_; }

 private:
  Options options_;
  int crashes_in_loop_ = 0;
};

}  // namespace verkosto::cli
