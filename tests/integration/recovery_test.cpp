// Recovery time (issue 20, item 3): `verkosto up` restarts a crashed gateway
// at once, so /healthz answers again soon after a kill -9, and backs off only
// when the same service crashes again soon after its restart (a crash loop).
// Behaviour is asserted; the measured time from the kill to the first healthy
// answer is printed, not asserted.
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "integration_support.h"
#include "up_fixture.h"

namespace verkosto::integration {
namespace {

class RecoveryTest : public UpFixture {
 protected:
  // Polls GET /healthz until it answers 200 or `deadline` passes; true once it did.
  static bool WaitForHealthz(int port, Steady::time_point deadline) {
    while (Steady::now() < deadline) {
      httplib::Client http("127.0.0.1", port);
      http.set_connection_timeout(std::chrono::milliseconds(500));
      http.set_read_timeout(std::chrono::seconds(5));
      const httplib::Result res = http.Get("/healthz");
      if (res && res->status == 200) return true;
      poll(nullptr, 0, 5);  // a refused connection returns at once: do not spin
    }
    return false;
  }

  // Polls `log` until it contains `text` or `deadline` passes.
  static bool WaitForLog(const std::string& log, const std::string& text,
                         Steady::time_point deadline) {
    while (Steady::now() < deadline) {
      if (ReadFile(log).find(text) != std::string::npos) return true;
      poll(nullptr, 0, 10);
    }
    return false;
  }

  // The one gateway process of this system, or -1.
  pid_t GatewayPid() const {
    const std::vector<pid_t> pids = FindProcesses(dir_.File("verkosto.toml"), "gateway");
    return pids.size() == 1 ? pids[0] : -1;
  }

  // Polls until a gateway other than `old_pid` runs (its pid), or -1 at `deadline`.
  pid_t WaitForNewGateway(pid_t old_pid, Steady::time_point deadline) const {
    while (Steady::now() < deadline) {
      const pid_t pid = GatewayPid();
      if (pid > 0 && pid != old_pid && !IsZombie(pid)) return pid;
      poll(nullptr, 0, 1);
    }
    return -1;
  }
};

TEST_F(RecoveryTest, AKilledGatewayIsRestartedAtOnceAndASecondQuickCrashBacksOff) {
  testing::Process up(Verkosto(), UpArgs(dir_.path()), dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());
  const std::string log = dir_.File("up.log");
  ASSERT_TRUE(WaitForHealthz(port, Steady::now() + std::chrono::seconds(60)))
      << "/healthz never answered 200 before the kill";

  // One crash: restarted at once, /healthz answers again.
  const pid_t first = GatewayPid();
  ASSERT_GT(first, 0) << "expected one gateway process";
  const auto killed_at = Steady::now();
  ASSERT_EQ(kill(first, SIGKILL), 0);
  ASSERT_TRUE(WaitForHealthz(port, Steady::now() + std::chrono::seconds(60)))
      << "/healthz did not answer 200 after the gateway was killed";
  const auto recovered_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - killed_at).count();
  std::printf("recovery: kill -9 of the gateway to the first 200 from /healthz: %lld ms\n",
              static_cast<long long>(recovered_ms));
  std::fflush(stdout);
  const std::string at_once =
      "gateway (pid " + std::to_string(first) + ") killed by signal 9; restarting at once";
  EXPECT_TRUE(WaitForLog(log, at_once, Steady::now() + std::chrono::seconds(10)))
      << "no '" << at_once << "' in the supervisor's log";
  const pid_t second = GatewayPid();
  ASSERT_GT(second, 0);
  EXPECT_NE(second, first);
  EXPECT_EQ(ParentOf(second), up.pid());

  // Two quick crashes: the restarted gateway is killed again right away (well
  // within stable_after of its start), and once more as soon as its successor
  // runs: crash 2 of the loop waits restart_delay, crash 3 twice that.
  ASSERT_EQ(kill(second, SIGKILL), 0);
  // `second` ran since the first restart; whether that was within stable_after
  // depends on the machine, so the loop is started by two kills of fresh
  // processes: find the next one and kill it at once.
  const pid_t third = WaitForNewGateway(second, Steady::now() + std::chrono::seconds(60));
  ASSERT_GT(third, 0) << "the gateway was not restarted after the second kill";
  ASSERT_EQ(kill(third, SIGKILL), 0);
  const std::string loop =
      "gateway (pid " + std::to_string(third) + ") killed by signal 9; crash loop: restarting in ";
  EXPECT_TRUE(WaitForLog(log, loop, Steady::now() + std::chrono::seconds(10)))
      << "no '" << loop << "...' in the supervisor's log";
  EXPECT_NE(ReadFile(log).find(" ms (crash "), std::string::npos);
  // And it comes back.
  ASSERT_TRUE(WaitForHealthz(port, Steady::now() + std::chrono::seconds(60)))
      << "/healthz did not answer 200 after the crash loop";
  const pid_t fourth = GatewayPid();
  EXPECT_GT(fourth, 0);
  EXPECT_NE(fourth, third);

  // What the supervisor decided, for the reader of the test's output.
  {
    std::istringstream lines(ReadFile(log));
    for (std::string line; std::getline(lines, line);) {
      if (line.find("gateway (pid") != std::string::npos) std::printf("  %s\n", line.c_str());
    }
    std::fflush(stdout);
  }

  up.Signal(SIGTERM);
  const int up_status = up.Wait(milliseconds(15000));
  EXPECT_TRUE(ExitedWith(up_status, 0)) << "verkosto up: wait status " << up_status;
  if (HasFailure()) PrintLog("up.log", log);
}

// The image's command (deploy/Dockerfile): all interfaces, demo data off,
// and the Host names a published port is reached under.
TEST_F(RecoveryTest, UpListensOnAllInterfacesWithoutDemoDataAndAdmitsTheListedHosts) {
  std::vector<std::string> args = {"up",
                                   "--data",
                                   dir_.path(),
                                   "--http-port",
                                   "0",
                                   "--http-host",
                                   "0.0.0.0",
                                   "--demo-data",
                                   "false",
                                   "--allowed-host",
                                   "verkosto.example.fi,localhost:9000"};
  for (std::string& arg : testing::ClockOffsetArgs()) args.push_back(std::move(arg));
  testing::Process up(Verkosto(), args, dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(system_.http_host, "0.0.0.0");
  EXPECT_FALSE(system_.demo_data);
  EXPECT_EQ(system_.http_allowed_hosts,
            (std::vector<std::string>{"verkosto.example.fi", "localhost:9000"}));
  // GET /healthz with `host` as the Host header until it answers `want` (or
  // 60 s pass: the gateway may still be reaching the services); the last status.
  const auto get = [&](const std::string& host, int want) {
    const auto give_up = Steady::now() + std::chrono::seconds(60);
    int status = -1;
    while (status != want && Steady::now() < give_up) {
      httplib::Client http("127.0.0.1", port);
      http.set_connection_timeout(std::chrono::seconds(5));
      http.set_read_timeout(std::chrono::seconds(10));
      const httplib::Result res = http.Get("/healthz", {{"Host", host}});
      status = res ? res->status : -1;
      if (status != want) poll(nullptr, 0, 20);
    }
    return status;
  };
  // Reached on the wildcard address through loopback; the Host check admits
  // the listed names only.
  EXPECT_EQ(get("verkosto.example.fi", 200), 200);
  EXPECT_EQ(get("localhost:9000", 200), 200);
  EXPECT_EQ(get("evil.example", 400), 400);
  EXPECT_EQ(get("127.0.0.1:" + std::to_string(port), 400), 400);  // the list replaces the default
  // No demo accounts announced.
  EXPECT_EQ(ReadFile(dir_.File("up.log")).find("Demo accounts"), std::string::npos);

  up.Signal(SIGTERM);
  EXPECT_TRUE(ExitedWith(up.Wait(milliseconds(15000)), 0));
}

}  // namespace
}  // namespace verkosto::integration
