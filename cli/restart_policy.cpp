#include "restart_policy.h"

#include <algorithm>

namespace verkosto::cli {

RestartPolicy::Decision RestartPolicy::OnExit(TimePoint started, TimePoint ended) {
  const auto ran = ended - started;
  if (ran >= options_.stable_after) crashes_in_loop_ = 0;
  ++crashes_in_loop_;
  Decision decision;
  decision.crash_in_loop = crashes_in_loop_;
  if (crashes_in_loop_ <= 1) return decision;  // at once
  // The second crash of a loop waits restart_delay, each further one twice
  // the one before, up to max_restart_delay (doubling stops at the cap, so no
  // overflow however long the loop).
  std::chrono::milliseconds delay = options_.restart_delay;
  for (int i = 2; i < crashes_in_loop_ && delay < options_.max_restart_delay; ++i) delay *= 2;
  decision.delay = std::min(delay, options_.max_restart_delay);
  return decision;
}

}  // namespace verkosto::cli
