#pragma once

// Two (three) Linux network namespaces joined by veth pairs on a private
// test link, as deploy/two-host/ describes: host A runs networks and the
// gateway, host B nominations and notifications, every socket tcp:// with
// CURVE, each host with its own keys and config; host C is linked to B only.
// Shared by two_host_test and the partition drill (tests/drills/). Needs root
// (ip netns, veth); SetUp skips the test without it.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <tuple>

#include "messaging/curve.h"
#include "up_fixture.h"
#include "verkosto/common/v1/health.pb.h"

namespace verkosto::integration {

inline constexpr char kIp[] = "/usr/sbin/ip";
inline constexpr char kSetpriv[] = "/usr/bin/setpriv";
inline constexpr char kHostA[] = "10.250.1.1";     // networks, gateway
inline constexpr char kHostB[] = "10.250.1.2";     // nominations, notifications
inline constexpr char kHostC[] = "10.250.2.1";     // the stranger, linked to B only
inline constexpr char kBFacingC[] = "10.250.2.2";  // B's side of that link

class TwoHostFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0 || access(kIp, X_OK) != 0 || access(kSetpriv, X_OK) != 0) {
      GTEST_SKIP() << "needs root, " << kIp << " (network namespaces) and " << kSetpriv;
    }
    // Names unique to this run (interface names stay under 16 characters).
    prefix_ = "vk" + std::to_string(getpid());
    RemoveAbandonedNamespaces();
    for (const char* host : {"a", "b", "c"}) {
      const int added = Ip({"netns", "add", Ns(host)});
      if (added != 0 && namespaces_.empty()) {
        GTEST_SKIP() << "this machine cannot make network namespaces: " << output_;
      }
      ASSERT_EQ(added, 0) << output_;
      namespaces_.push_back(Ns(host));
      ASSERT_EQ(Ip({"-n", Ns(host), "link", "set", "lo", "up"}), 0) << output_;
    }
    ASSERT_NO_FATAL_FAILURE(Link("a", kHostA, "b", kHostB));
    ASSERT_NO_FATAL_FAILURE(Link("c", kHostC, "b", kBFacingC));
    // C reaches B's service address through B's side of their link.
    ASSERT_EQ(Ip({"-n", Ns("c"), "route", "add", "10.250.1.0/24", "via", kBFacingC}), 0) << output_;
  }

  void TearDown() override {
    const bool failed = HasFailure();
    for (auto& [name, process] : services_) process->Kill();
    for (const std::string& ns : namespaces_) Ip({"netns", "del", ns});
    if (!failed) return;
    for (const auto& [name, process] : services_) {
      PrintLog(name, LogOf(name));
    }
  }

  // A run that crashed (no TearDown) leaves its namespaces behind: remove
  // those whose test process no longer runs.
  void RemoveAbandonedNamespaces() {
    if (Ip({"netns", "list"}) != 0) return;
    std::istringstream lines(output_);
    for (std::string line; std::getline(lines, line);) {
      const std::string name = line.substr(0, line.find(' '));
      if (name.size() < 4 || name.rfind("vk", 0) != 0) continue;
      const std::string pid = name.substr(2, name.size() - 3);
      if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
      if (std::string("abc").find(name.back()) == std::string::npos) continue;
      if (kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH) {
        Ip({"netns", "del", name});
      }
    }
  }

  std::string Ns(const std::string& host) const { return prefix_ + host; }

  // The end in namespace `x` of the veth pair between `x` and `y` (Link).
  std::string LinkEnd(const std::string& x, const std::string& y) const { return prefix_ + x + y; }

  // `ip args...`; returns the exit code, output in `output_`.
  int Ip(const std::vector<std::string>& args) { return Run(kIp, args); }

  int Run(const std::string& program, const std::vector<std::string>& args) {
    const std::string log = dir_.File("cmd-" + std::to_string(++calls_) + ".out");
    testing::Process process(program, args, log);
    const int status = process.Wait(kCommandTimeout);
    output_ = ReadFile(log);
    if (status == -1 || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
  }

  // A veth pair between two namespaces, each end with its address.
  void Link(const std::string& x, const std::string& x_address, const std::string& y,
            const std::string& y_address) {
    const std::string x_end = prefix_ + x + y;
    const std::string y_end = prefix_ + y + x;
    ASSERT_EQ(Ip({"link", "add", x_end, "netns", Ns(x), "type", "veth", "peer", "name", y_end,
                  "netns", Ns(y)}),
              0)
        << output_;
    for (const auto& [host, end, address] :
         {std::tuple{x, x_end, x_address}, std::tuple{y, y_end, y_address}}) {
      ASSERT_EQ(Ip({"-n", Ns(host), "addr", "add", address + "/24", "dev", end}), 0) << output_;
      ASSERT_EQ(Ip({"-n", Ns(host), "link", "set", end, "up"}), 0) << output_;
    }
  }

  // `verkosto args...` inside namespace `host`.
  int VerkostoIn(const std::string& host, std::vector<std::string> args) {
    args.insert(args.begin(), {"netns", "exec", Ns(host), Verkosto()});
    return Ip(args);
  }

  std::string DataOf(const std::string& host) { return dir_.File("host-" + host); }
  std::string ConfigOf(const std::string& host) { return DataOf(host) + "/verkosto.toml"; }
  std::string LogOf(const std::string& service) { return dir_.File(service + ".log"); }

  // Makes host's data directory and the key pairs of `principals` there,
  // the way an administrator does (`verkosto keys init --data DIR names...`);
  // returns their public keys.
  std::map<std::string, std::string> InitHost(const std::string& host,
                                              const std::vector<std::string>& principals) {
    std::vector<std::string> args = {"keys", "init", "--data", DataOf(host)};
    args.insert(args.end(), principals.begin(), principals.end());
    std::filesystem::create_directories(DataOf(host));
    std::filesystem::permissions(DataOf(host), std::filesystem::perms::owner_all);
    EXPECT_EQ(Run(Verkosto(), args), 0) << output_;
    std::map<std::string, std::string> keys;
    for (const std::string& name : principals) {
      auto key = messaging::LoadPublicKey(DataOf(host) + "/keys", name);
      EXPECT_TRUE(key.ok()) << name << ": " << key.status().ToString();
      if (key.ok()) keys[name] = *key;
    }
    return keys;
  }

  // One host's config: every service where it runs, over tcp://; every
  // principal's public key; its own data and keys.
  config::SystemConfig HostConfig(const std::string& host,
                                  const std::map<std::string, std::string>& principals) {
    config::SystemConfig system = config::DefaultSystemConfig(DataOf(host), DataOf(host), 0);
    const auto tcp = [](const char* address, int port) {
      return "tcp://" + std::string(address) + ":" + std::to_string(port);
    };
    system.services["networks"].rpc_endpoint = tcp(kHostA, 7101);
    system.services["networks"].hint_endpoint = tcp(kHostA, 7102);
    system.services["gateway"].rpc_endpoint = tcp(kHostA, 7103);
    system.services["nominations"].rpc_endpoint = tcp(kHostB, 7201);
    system.services["nominations"].hint_endpoint = tcp(kHostB, 7202);
    system.services["notifications"].rpc_endpoint = tcp(kHostB, 7203);
    system.services["notifications"].hint_endpoint = tcp(kHostB, 7204);
    system.principals = principals;
    system.clock_offset_days = testing::ClockOffsetDays();
    std::ofstream(ConfigOf(host)) << config::ToToml(system);
    return system;
  }

  // Starts `service` in namespace `host` the way a unit of
  // deploy/systemd/verkosto@.service does: the program with --config.
  void StartService(const std::string& host, const std::string& service) {
    // setpriv: a test that dies (no TearDown) takes its services along.
    const std::vector<std::string> args = {
        "netns",       "exec",        Ns(host), kSetpriv,
        "--pdeathsig", "KILL",        "--",     testing::BinDir() + "/" + service,
        "--config",    ConfigOf(host)};
    services_.emplace_back(service, std::make_unique<testing::Process>(kIp, args, LogOf(service)));
  }

  // The layout of deploy/two-host/: networks and the gateway on A,
  // nominations and notifications on B, each started as its unit would be.
  // Returns the gateway's HTTP port (127.0.0.1 inside A) once it listens;
  // 0, with a test failure, when it wrote no port file in time.
  int StartServicesOnBothHosts() {
    StartService("a", "networks");
    StartService("a", "gateway");
    StartService("b", "nominations");
    StartService("b", "notifications");
    int port = 0;
    EXPECT_TRUE(WaitForDirectory(
        DataOf("a"), [&] { return (port = GatewayPort(DataOf("a") + "/gateway.port")) > 0; },
        std::chrono::milliseconds(60000)))
        << "the gateway wrote no port file";
    return port;
  }

  // `verkosto status --json` as the operator on host A, parsed.
  common::v1::SystemHealth Status() {
    common::v1::SystemHealth health;
    VerkostoIn("a", {"status", "--config", ConfigOf("a"), "--json"});
    (void)google::protobuf::util::JsonStringToMessage(output_, &health);
    return health;
  }

  // Waits until every service on both hosts answers "ok" over the link.
  // Each status call waits for the replies itself; the loop only repeats it
  // while services are still starting.
  void WaitUntilAllOk() {
    const auto give_up = Steady::now() + std::chrono::seconds(60);
    while (Steady::now() < give_up) {
      if (VerkostoIn("a", {"status", "--config", ConfigOf("a")}) == 0) return;
    }
    FAIL() << "the services did not all answer ok:\n" << output_;
  }

  // Waits until `consumer` has applied what `producer` had written when called.
  void WaitForConsumer(const std::string& consumer, const std::string& producer) {
    uint64_t head = 0;
    const common::v1::SystemHealth before = Status();
    for (const auto& s : before.services()) {
      if (s.name() == producer) head = s.health().outbox_head();
    }
    const auto give_up = Steady::now() + std::chrono::seconds(30);
    while (Steady::now() < give_up) {
      const common::v1::SystemHealth now = Status();
      for (const auto& s : now.services()) {
        if (s.name() != consumer) continue;
        for (const auto& c : s.health().consumers()) {
          if (c.producer() == producer && c.cursor() >= head) return;
        }
      }
    }
    FAIL() << consumer << " did not catch up with " << producer << " (head " << head << ")";
  }

  // Logs in as a demo person on host A; returns the API token.
  std::string Login(const std::string& user) {
    const std::string password_file = dir_.File("demo-password");
    std::ofstream(password_file) << gateway::kDemoPassword << "\n";
    if (VerkostoIn("a", {"login", "--server", server_, "--user", user, "--password-file",
                         password_file, "--print-token"}) != 0) {
      ADD_FAILURE() << "verkosto login as " << user << ": " << output_;
      return {};
    }
    return output_.substr(0, output_.find('\n'));
  }

  // A person's command on host A, its --json reply parsed into `reply`.
  void CliOk(std::vector<std::string> args, const std::string& token,
             google::protobuf::Message* reply) {
    args.insert(args.end(), {"--server", server_, "--token", token, "--json"});
    ASSERT_EQ(VerkostoIn("a", args), 0) << args[0] << " " << args[1] << ": " << output_;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(output_, reply).ok()) << output_;
  }

  testing::TempDir dir_;
  std::string prefix_;
  std::vector<std::string> namespaces_;
  std::vector<std::pair<std::string, std::unique_ptr<testing::Process>>> services_;
  std::string server_;
  std::string output_;
  int calls_ = 0;
};

}  // namespace verkosto::integration
