#pragma once

// Helpers shared by the integration suites: service processes, health round
// trips, waiting for files without sleeping, and /proc scans.

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "core/actor.h"
#include "core/result.h"
#include "messaging/rpc_client.h"
#include "testing/keys.h"
#include "testing/process.h"
#include "verkosto/common/v1/health.pb.h"

namespace verkosto::integration {

using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The tests look at the services as the operator does (health, diagnostics).
inline Actor TestActor() { return verkosto::testing::TestOperator("integration-test"); }

// The seed of a randomised test: $VERKOSTO_TEST_SEED when set (to replay a
// failure), else a fresh one. The caller prints it.
inline uint32_t TestSeed() {
  if (const char* env = std::getenv("VERKOSTO_TEST_SEED"); env != nullptr && *env != '\0') {
    return static_cast<uint32_t>(std::stoul(env));
  }
  return std::random_device()();
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One HealthRequest round trip; the client retries with back-off until
// `timeout`, so this also waits for a service that is still starting.
inline Result<common::v1::HealthResponse> Health(zmq::context_t& zmq, const std::string& endpoint,
                                                 milliseconds timeout,
                                                 const messaging::CurveOptions& curve) {
  messaging::ClientOptions options;
  options.endpoint = endpoint;
  options.curve = curve;
  options.timeout = timeout;
  options.initial_backoff = milliseconds(100);
  options.max_backoff = milliseconds(500);
  messaging::RpcClient client(zmq, options);
  return client.Call<common::v1::HealthResponse>(TestActor(), common::v1::HealthRequest());
}

// Waits until `ready()` holds, re-checking whenever something is written,
// created or renamed in `dir` (inotify) — no timer. Gives up after `timeout`
// or as soon as the process `watched_pid` (if > 0) has exited.
inline bool WaitForDirectory(const std::string& dir, const std::function<bool()>& ready,
                             milliseconds timeout, pid_t watched_pid = -1) {
  const int inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify < 0) return false;
  inotify_add_watch(inotify, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY);
  const int pidfd =
      watched_pid > 0 ? static_cast<int>(syscall(SYS_pidfd_open, watched_pid, 0)) : -1;
  const auto give_up = Steady::now() + timeout;
  bool ok = false;
  while (true) {
    // The watch is in place before the check, so no change can slip between.
    if (ready()) {
      ok = true;
      break;
    }
    const auto left = std::chrono::duration_cast<milliseconds>(give_up - Steady::now());
    if (left.count() <= 0) break;
    pollfd items[2] = {{inotify, POLLIN, 0}, {pidfd, POLLIN, 0}};
    const nfds_t count = pidfd >= 0 ? 2 : 1;
    if (poll(items, count, static_cast<int>(left.count())) < 0) break;
    if (count == 2 && (items[1].revents & POLLIN) != 0) {
      ok = ready();  // the process ended; one last look
      break;
    }
    char buffer[4096];
    while (read(inotify, buffer, sizeof buffer) > 0) {
    }
  }
  if (pidfd >= 0) close(pidfd);
  close(inotify);
  return ok;
}

// Counts writes to one file of a directory (inotify IN_MODIFY), e.g. a
// service's SQLite WAL: "after the k-th write" is a random moment inside the
// service's work, chosen without a timer. Bursts of writes the test has not
// read yet may be merged into one event by the kernel; that only moves the
// moment later.
class WriteWatch {
 public:
  WriteWatch(const std::string& dir, std::string name) : name_(std::move(name)) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ >= 0) inotify_add_watch(fd_, dir.c_str(), IN_MODIFY);
  }
  ~WriteWatch() {
    if (fd_ >= 0) close(fd_);
  }
  WriteWatch(const WriteWatch&) = delete;
  WriteWatch& operator=(const WriteWatch&) = delete;

  enum class Outcome { kWritten, kDone, kTimedOut };

  // Waits until `count` writes have been seen since construction (kWritten).
  // Whenever no write came for `quiet`, asks `done()` whether the writer has
  // finished, so there is nothing more to wait for (kDone); that check does
  // not decide the test, it only avoids waiting for writes that never come.
  Outcome WaitForWrites(int count, milliseconds timeout, milliseconds quiet,
                        const std::function<bool()>& done) {
    if (fd_ < 0) return Outcome::kTimedOut;
    const auto give_up = Steady::now() + timeout;
    while (seen_ < count) {
      const auto left = std::chrono::duration_cast<milliseconds>(give_up - Steady::now());
      if (left.count() <= 0) return Outcome::kTimedOut;
      pollfd item{fd_, POLLIN, 0};
      const int ready = poll(&item, 1, static_cast<int>(std::min(left, quiet).count()));
      if (ready == 0 && done()) return Outcome::kDone;
      if (ready <= 0) continue;
      alignas(inotify_event) char buffer[4096];
      ssize_t got;
      while ((got = read(fd_, buffer, sizeof buffer)) > 0) {
        for (ssize_t at = 0; at < got;) {
          const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
          if (event->len > 0 && name_ == event->name) ++seen_;
          at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
      }
    }
    return Outcome::kWritten;
  }

 private:
  std::string name_;
  int fd_ = -1;
  int seen_ = 0;
};

// The command line of process `pid` split at NULs (empty if it is gone).
inline std::vector<std::string> CommandLine(pid_t pid) {
  const std::string raw = ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
  std::vector<std::string> args;
  std::string current;
  for (const char c : raw) {
    if (c == '\0') {
      args.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) args.push_back(current);
  return args;
}

// The parent of `pid` (-1 if it is gone).
inline pid_t ParentOf(pid_t pid) {
  const std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  // "pid (comm) state ppid ...": comm may hold spaces, so start after the last ')'.
  const size_t close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) return -1;
  std::istringstream rest(stat.substr(close_paren + 1));
  std::string state;
  long ppid = -1;
  rest >> state >> ppid;
  return static_cast<pid_t>(ppid);
}

inline bool IsZombie(pid_t pid) {
  const std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  const size_t close_paren = stat.rfind(')');
  return close_paren != std::string::npos && stat.size() > close_paren + 2 &&
         stat[close_paren + 2] == 'Z';
}

// Live processes (not zombies) whose command line contains `arg` and, if
// `program` is non-empty, whose argv[0] ends in "/" + program.
inline std::vector<pid_t> FindProcesses(const std::string& arg, const std::string& program = {}) {
  std::vector<pid_t> found;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return found;
  while (const dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || pid <= 0) continue;
    const auto args = CommandLine(static_cast<pid_t>(pid));
    if (args.empty()) continue;
    if (!program.empty()) {
      const std::string& argv0 = args[0];
      const std::string suffix = "/" + program;
      const bool match = argv0 == program ||
                         (argv0.size() >= suffix.size() &&
                          argv0.compare(argv0.size() - suffix.size(), suffix.size(), suffix) == 0);
      if (!match) continue;
    }
    bool has_arg = false;
    for (const std::string& a : args) has_arg = has_arg || a == arg;
    if (has_arg && !IsZombie(static_cast<pid_t>(pid))) found.push_back(static_cast<pid_t>(pid));
  }
  closedir(proc);
  return found;
}

// Prints a log file into the test output (used when a test failed).
inline void PrintLog(const std::string& title, const std::string& path) {
  std::string text = ReadFile(path);
  constexpr size_t kMax = 12000;
  if (text.size() > kMax) text = "...\n" + text.substr(text.size() - kMax);
  std::cout << "----- " << title << " (" << path << ") -----\n" << text << "\n";
}

}  // namespace verkosto::integration
