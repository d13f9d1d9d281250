#include "supervisor.h"

#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "restart_policy.h"

extern char** environ;

namespace verkosto::cli {

namespace {

using Steady = std::chrono::steady_clock;

struct Running {
  const Child* spec;
  pid_t pid = -1;
  Steady::time_point started{};
  Steady::time_point restart_at{};  // when pid == -1: when to start again
  RestartPolicy policy;
};

pid_t Spawn(const Child& child) {
  std::vector<std::string> argv_strings = {child.path};
  argv_strings.insert(argv_strings.end(), child.args.begin(), child.args.end());
  std::vector<char*> argv;
  argv.reserve(argv_strings.size() + 1);
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, child.path.c_str(), nullptr, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    spdlog::error("cannot start {} ({}): {}", child.name, child.path, std::strerror(rc));
    return -1;
  }
  spdlog::info("started {} (pid {})", child.name, pid);
  return pid;
}

std::string DescribeExit(int status) {
  if (WIFSIGNALED(status))
    return std::string("killed by signal ") + std::to_string(WTERMSIG(status));
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  return "stopped";
}

}  // namespace

int Supervise(const std::vector<Child>& children, const SupervisorOptions& options) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  // Children stop when this process dies (see RunServiceMain).
  setenv("VERKOSTO_SUPERVISOR_PID", std::to_string(getpid()).c_str(), 1);

  RestartPolicy::Options policy_options;
  policy_options.restart_delay = options.restart_delay;
  policy_options.max_restart_delay = options.max_restart_delay;
  policy_options.stable_after = options.stable_after;

  std::vector<Running> running;
  for (const Child& child : children) {
    Running r{&child, -1, {}, {}, RestartPolicy(policy_options)};
    r.pid = Spawn(child);
    if (r.pid < 0) {
      for (Running& other : running) kill(other.pid, SIGTERM);
      for (Running& other : running) waitpid(other.pid, nullptr, 0);
      return 1;
    }
    r.started = Steady::now();
    running.push_back(r);
  }

  bool stopping = false;
  while (!stopping) {
    auto wake = Steady::now() + std::chrono::seconds(5);
    for (const Running& r : running) {
      if (r.pid < 0) wake = std::min(wake, r.restart_at);
    }
    const auto wait =
        std::max(std::chrono::milliseconds(0),
                 std::chrono::duration_cast<std::chrono::milliseconds>(wake - Steady::now()));
    timespec ts{wait.count() / 1000, (wait.count() % 1000) * 1000000};
    siginfo_t info{};
    const int sig = sigtimedwait(&set, &info, &ts);
    if (sig == SIGINT || sig == SIGTERM) {
      spdlog::info("{} received: stopping all services", sig == SIGINT ? "SIGINT" : "SIGTERM");
      stopping = true;
      break;
    }
    // Reap every child that ended (SIGCHLD may stand for several).
    int status = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      for (Running& r : running) {
        if (r.pid != pid) continue;
        const auto now = Steady::now();
        const RestartPolicy::Decision d = r.policy.OnExit(r.started, now);
        r.pid = -1;
        r.restart_at = now + d.delay;
        if (d.delay.count() == 0) {
          spdlog::warn("{} (pid {}) {}; restarting at once", r.spec->name, pid,
                       DescribeExit(status));
        } else {
          spdlog::warn("{} (pid {}) {}; crash loop: restarting in {} ms (crash {} within {:g} s)",
                       r.spec->name, pid, DescribeExit(status), d.delay.count(), d.crash_in_loop,
                       std::chrono::duration<double>(options.stable_after).count());
        }
      }
    }
    for (Running& r : running) {
      if (r.pid < 0 && Steady::now() >= r.restart_at) {
        r.pid = Spawn(*r.spec);
        r.started = Steady::now();
        if (r.pid < 0) {
          // Could not even spawn: counts as a crash of a zero-length run.
          const RestartPolicy::Decision d = r.policy.OnExit(r.started, r.started);
          r.restart_at = r.started + std::max(d.delay, options.restart_delay);
          spdlog::warn("{}: trying again in {} ms", r.spec->name,
                       std::max(d.delay, options.restart_delay).count());
        } else {
          spdlog::warn("restarted {} (pid {})", r.spec->name, r.pid);
        }
      }
    }
  }

  // Stop in reverse order: the gateway first, the producers last.
  for (size_t i = running.size(); i-- > 0;) {
    if (running[i].pid > 0) kill(running[i].pid, SIGTERM);
  }
  const auto give_up = Steady::now() + options.stop_grace;
  for (Running& r : running) {
    while (r.pid > 0) {
      int status = 0;
      const pid_t got = waitpid(r.pid, &status, WNOHANG);
      if (got == r.pid) {
        spdlog::info("{} {}", r.spec->name, DescribeExit(status));
        r.pid = -1;
        break;
      }
      if (Steady::now() >= give_up) {
        spdlog::warn("{} did not stop in time: killing it", r.spec->name);
        kill(r.pid, SIGKILL);
        waitpid(r.pid, nullptr, 0);
        r.pid = -1;
        break;
      }
      // Wait for the next SIGCHLD (or 100 ms) instead of spinning.
      sigset_t chld;
      sigemptyset(&chld);
      sigaddset(&chld, SIGCHLD);
      timespec step{0, 100L * 1000 * 1000};
      sigtimedwait(&chld, nullptr, &step);
    }
  }
  spdlog::info("all services stopped");
  return 0;
}

}  // namespace verkosto::cli
