// The `verkosto` command as a user runs it: `up` starts and supervises the
// four real services, `status` and `diag ping` talk to them, the gateway
// serves /healthz, a killed service is restarted, and SIGTERM stops it all.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>

#include "config/config.h"
#include "integration_support.h"
#include "testing/keys.h"
#include "testing/temp_dir.h"
#include "up_fixture.h"
#include "verkosto/common/v1/diagnostics.pb.h"

namespace verkosto::integration {
namespace {

namespace v1 = common::v1;

// A ping with `note` as `service` has applied it: its applied_count (0 if not yet).
Result<uint32_t> AppliedCount(zmq::context_t& zmq, const config::SystemConfig& system,
                              const std::string& service, const std::string& producer,
                              const std::string& note) {
  messaging::ClientOptions options;
  options.endpoint = system.services.at(service).rpc_endpoint;
  options.curve = verkosto::testing::CurveFor(system, service, TestActor());
  options.timeout = milliseconds(10000);
  messaging::RpcClient client(zmq, options);
  auto reply =
      client.Call<v1::ListReceivedPingsResponse>(TestActor(), v1::ListReceivedPingsRequest());
  if (!reply.ok()) return reply.status();
  uint32_t count = 0;
  for (const auto& ping : reply->pings()) {
    if (ping.producer() == producer && ping.note() == note) count += ping.applied_count();
  }
  return count;
}

class CliUpTest : public UpFixture {
 protected:
  // Polls `consumer`'s ListReceivedPings until the ping `note` from networks
  // shows up (every poll is a round trip; gives up after 30 s) and returns its
  // applied_count.
  uint32_t WaitForPing(const config::SystemConfig& system, const std::string& consumer,
                       const std::string& note) {
    const auto give_up = Steady::now() + std::chrono::seconds(30);
    while (Steady::now() < give_up) {
      auto count = AppliedCount(zmq_, system, consumer, "networks", note);
      if (!count.ok()) {
        ADD_FAILURE() << count.status().ToString();
        return 0;
      }
      if (*count > 0) return *count;
    }
    ADD_FAILURE() << "ping '" << note << "' never reached " << consumer;
    return 0;
  }
};

TEST_F(CliUpTest, UpServesStatusPingsHealthzRestartsACrashedServiceAndStopsCleanly) {
  const std::string data = dir_.path();
  const std::string config_file = dir_.File("verkosto.toml");
  testing::Process up(Verkosto(), UpArgs(data), dir_.File("up.log"));
  int port = 0;
  const config::SystemConfig system = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());
  // The demo catalogue's first events keep the consumers busy for a while
  // (with sanitizers, on a loaded machine, longer than status's 1.5 s per
  // service); status is meant for a system at rest.
  system_ = system;
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("notifications", "networks"));

  // verkosto status: exit 0 and a line per service.
  const int status = RunVerkosto({"status", "--data", data}, dir_.File("status.log"));
  EXPECT_TRUE(ExitedWith(status, 0)) << "verkosto status: wait status " << status;
  const std::string status_text = ReadFile(dir_.File("status.log"));
  for (const std::string& name : config::ServiceNames()) {
    EXPECT_NE(status_text.find(name), std::string::npos) << status_text;
  }
  EXPECT_NE(status_text.find("system: ok"), std::string::npos) << status_text;

  // verkosto diag ping: networks records it, notifications and nominations apply it once.
  const std::string note = "cli-up-test " + std::to_string(TestSeed());
  const int ping =
      RunVerkosto({"diag", "ping", "--data", data, "--note", note}, dir_.File("ping.log"));
  ASSERT_TRUE(ExitedWith(ping, 0)) << "verkosto diag ping: wait status " << ping;
  EXPECT_NE(ReadFile(dir_.File("ping.log")).find("recorded on networks as event"),
            std::string::npos);
  EXPECT_EQ(WaitForPing(system, "notifications", note), 1U);
  EXPECT_EQ(WaitForPing(system, "nominations", note), 1U);

  // GET /healthz on the gateway.
  {
    httplib::Client http("127.0.0.1", port);
    http.set_connection_timeout(std::chrono::seconds(10));
    http.set_read_timeout(std::chrono::seconds(20));
    const httplib::Result res = http.Get("/healthz");
    ASSERT_TRUE(res) << "GET /healthz on port " << port << ": " << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos);
    v1::SystemHealth health;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(res->body, &health).ok()) << res->body;
    EXPECT_EQ(health.status(), "ok") << res->body;
    std::set<std::string> reported;
    for (const auto& service : health.services()) {
      reported.insert(service.name());
      EXPECT_TRUE(service.reachable()) << service.name();
    }
    EXPECT_EQ(reported, (std::set<std::string>{"networks", "nominations", "notifications"}));
  }

  // kill -9 the networks child: the supervisor starts a new one.
  const std::string& networks = system.services.at("networks").rpc_endpoint;
  auto before = Health(zmq_, networks, milliseconds(10000),
                       verkosto::testing::CurveFor(system, "networks", TestActor()));
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  const std::vector<pid_t> children = FindProcesses(config_file, "networks");
  ASSERT_EQ(children.size(), 1U) << "expected one networks process of " << config_file;
  const pid_t old_pid = children[0];
  EXPECT_EQ(ParentOf(old_pid), up.pid()) << "networks is not a child of the supervisor";
  ASSERT_EQ(kill(old_pid, SIGKILL), 0);
  {
    // Health round trips (each waits and retries with back-off) until a
    // process started after the kill answers.
    const auto give_up = Steady::now() + std::chrono::seconds(30);
    int64_t started = before->started_unix_us();
    while (started == before->started_unix_us() && Steady::now() < give_up) {
      auto after = Health(zmq_, networks, milliseconds(10000),
                          verkosto::testing::CurveFor(system, "networks", TestActor()));
      if (after.ok()) started = after->started_unix_us();
    }
    ASSERT_NE(started, before->started_unix_us()) << "networks was not restarted";
    EXPECT_GT(started, before->started_unix_us());
  }
  const std::vector<pid_t> restarted = FindProcesses(config_file, "networks");
  ASSERT_EQ(restarted.size(), 1U);
  EXPECT_NE(restarted[0], old_pid);
  EXPECT_EQ(ParentOf(restarted[0]), up.pid());
  EXPECT_NE(ReadFile(dir_.File("up.log")).find("restarted networks"), std::string::npos);

  // The restarted producer serves commands and its consumers follow it.
  {
    messaging::ClientOptions options;
    options.endpoint = networks;
    options.timeout = milliseconds(10000);
    options.curve = verkosto::testing::CurveFor(system, "networks", TestActor());
    messaging::RpcClient client(zmq_, options);
    v1::RecordPingRequest request;
    request.set_note(note + " after restart");
    auto reply = client.Call<v1::RecordPingResponse>(TestActor(), request);
    ASSERT_TRUE(reply.ok()) << reply.status().ToString();
    EXPECT_EQ(WaitForPing(system, "notifications", request.note()), 1U);
  }

  // SIGTERM: the supervisor stops every service and exits 0.
  up.Signal(SIGTERM);
  const int up_status = up.Wait(milliseconds(15000));
  ASSERT_NE(up_status, -1) << "verkosto up did not stop within 15 s of SIGTERM";
  EXPECT_TRUE(ExitedWith(up_status, 0)) << "verkosto up: wait status " << up_status;
  const std::vector<pid_t> left = FindProcesses(config_file);
  EXPECT_TRUE(left.empty()) << left.size() << " service processes of " << data
                            << " survived the supervisor";
  for (const pid_t pid : left) kill(pid, SIGKILL);
}

TEST_F(CliUpTest, ASecondUpIsRefusedAndAKilledSupervisorTakesItsServicesAlong) {
  const std::string data = dir_.path();
  const std::string config_file = dir_.File("verkosto.toml");
  testing::Process up(Verkosto(), UpArgs(data), dir_.File("up.log"));
  int port = 0;
  WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());
  const std::vector<pid_t> services = FindProcesses(config_file);
  ASSERT_EQ(services.size(), 4U) << "expected the four services of " << config_file;

  // A second supervisor on the same data directory would run a second set of
  // services on the same databases: it is refused at once.
  const int second = RunVerkosto(UpArgs(data), dir_.File("second.log"));
  EXPECT_TRUE(ExitedWith(second, 1)) << "second verkosto up: wait status " << second;
  EXPECT_NE(ReadFile(dir_.File("second.log")).find("in use by another process"), std::string::npos)
      << ReadFile(dir_.File("second.log"));
  EXPECT_EQ(FindProcesses(config_file).size(), 4U);

  // kill -9 of the supervisor: each service gets SIGTERM from the kernel
  // (parent-death signal) and stops; pidfds tell when each one is gone.
  std::vector<int> pidfds;
  for (const pid_t pid : services) {
    const int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    ASSERT_GE(fd, 0);
    pidfds.push_back(fd);
  }
  up.Kill();
  for (size_t i = 0; i < pidfds.size(); ++i) {
    pollfd item{pidfds[i], POLLIN, 0};
    EXPECT_EQ(poll(&item, 1, 15000), 1) << "service " << services[i] << " outlived its supervisor";
    close(pidfds[i]);
  }
}

// Nominee data, password hashes, the audit, keys and e-mails: after `verkosto
// up` has run the demo data (and written e-mails), every file it made under
// DATA is its owner's alone and every directory 0700.
TEST_F(CliUpTest, EveryFileUpMakesIsTheOwnersAlone) {
  const std::string data = dir_.File("data");  // apart from the test's own logs
  testing::Process up(Verkosto(), UpArgs(data), dir_.File("up.log"));
  int port = 0;
  // The fixture's helpers look in dir_; point them at the data directory.
  const std::string config_file = data + "/verkosto.toml";
  ASSERT_TRUE(WaitForDirectory(
      dir_.path(), [&] { return std::filesystem::exists(data); }, milliseconds(30000), up.pid()));
  ASSERT_TRUE(WaitForDirectory(
      data, [&] { return (port = GatewayPort(data + "/gateway.port")) > 0; }, milliseconds(60000),
      up.pid()));
  auto loaded = config::LoadSystemConfig(config_file);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  system_ = *loaded;
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("notifications", "networks"));
  // The demo proposals mail every area's leadership: wait for the first .eml.
  std::filesystem::create_directories(data + "/mail");
  ASSERT_TRUE(WaitForDirectory(
      data + "/mail",
      [&] {
        for (const auto& e : std::filesystem::directory_iterator(data + "/mail")) {
          if (e.path().extension() == ".eml") return true;
        }
        return false;
      },
      milliseconds(30000), up.pid()));

  int files = 0;
  std::set<std::string> kinds;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data)) {
    struct stat st {};
    if (lstat(entry.path().c_str(), &st) != 0) continue;  // a journal gone meanwhile
    const std::string path = entry.path().string();
    if (S_ISDIR(st.st_mode)) {
      EXPECT_EQ(st.st_mode & 0777, 0700u) << path;
    } else if (S_ISREG(st.st_mode)) {
      EXPECT_EQ(st.st_mode & 0077, 0u) << path << " mode " << std::oct << (st.st_mode & 0777);
      ++files;
      kinds.insert(entry.path().extension().string());
    }
    EXPECT_EQ(st.st_uid, geteuid()) << path;
  }
  struct stat st {};
  ASSERT_EQ(stat(data.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u) << data;
  EXPECT_GT(files, 10);
  for (const char* kind : {".db", ".key", ".eml", ".toml"})
    EXPECT_EQ(kinds.count(kind), 1u) << kind;
  up.Signal(SIGTERM);
  EXPECT_TRUE(ExitedWith(up.Wait(milliseconds(15000)), 0));
}

// A data path too long for ipc:// socket paths puts the sockets under
// $XDG_RUNTIME_DIR — in a directory that must be this user's alone: one
// someone made open to others is refused with a message saying what to do,
// never used.
TEST_F(CliUpTest, ALongDataPathPutsSocketsInAPrivateRuntimeDirectory) {
  std::string data = dir_.path();
  while (data.size() < 120) data += "/pitka-polku-datalle";
  std::filesystem::create_directories(data);
  const std::string xdg = dir_.File("xdg");
  std::filesystem::create_directories(xdg);
  std::filesystem::permissions(xdg, std::filesystem::perms::owner_all);
  // Where `up` puts them: verkosto-<hash of the data path> (cli/system_commands.cpp).
  const std::string run =
      xdg + "/verkosto-" + std::to_string(std::hash<std::string>()(data) % 1000000);
  std::filesystem::create_directories(run);
  std::filesystem::permissions(
      run, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
               std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
               std::filesystem::perms::others_exec);
  const char* saved = std::getenv("XDG_RUNTIME_DIR");
  const std::string saved_value = saved == nullptr ? "" : saved;
  setenv("XDG_RUNTIME_DIR", xdg.c_str(), 1);

  const int refused = RunVerkosto(UpArgs(data), dir_.File("refused.log"));
  const std::string why = ReadFile(dir_.File("refused.log"));
  EXPECT_TRUE(WIFEXITED(refused) && WEXITSTATUS(refused) != 0) << why;
  EXPECT_NE(why.find(run + " has mode 0755"), std::string::npos) << why;
  EXPECT_NE(why.find("chmod 700"), std::string::npos) << why;
  EXPECT_FALSE(std::filesystem::exists(data + "/verkosto.toml"));

  std::filesystem::permissions(run, std::filesystem::perms::owner_all);
  testing::Process up(Verkosto(), UpArgs(data), dir_.File("up.log"));
  config::SystemConfig system;
  EXPECT_TRUE(WaitForDirectory(
      data,
      [&] {
        auto loaded = config::LoadSystemConfig(data + "/verkosto.toml");
        if (loaded.ok()) system = *loaded;
        return loaded.ok();
      },
      milliseconds(30000), up.pid()));
  // Stop it only once it is up (the gateway's port is written last): a
  // SIGTERM while the services still start raced their start-up work.
  EXPECT_TRUE(WaitForDirectory(
      data, [&] { return GatewayPort(data + "/gateway.port") > 0; }, milliseconds(60000),
      up.pid()));
  if (saved == nullptr) {
    unsetenv("XDG_RUNTIME_DIR");
  } else {
    setenv("XDG_RUNTIME_DIR", saved_value.c_str(), 1);
  }
  for (const auto& [name, service] : system.services) {
    EXPECT_EQ(service.rpc_endpoint, "ipc://" + run + "/" + name + ".sock");
  }
  EXPECT_EQ(system.services.size(), 4u);
  up.Signal(SIGTERM);
  EXPECT_TRUE(ExitedWith(up.Wait(milliseconds(15000)), 0));
}

TEST_F(CliUpTest, StatusFailsWhenNothingRuns) {
  // No config at all.
  EXPECT_FALSE(
      ExitedWith(RunVerkosto({"status", "--data", dir_.path()}, dir_.File("status.log")), 0));
  EXPECT_NE(ReadFile(dir_.File("status.log")).find("verkosto up"), std::string::npos)
      << "the error should say how to start the system";

  // A config whose services are all down.
  config::SystemConfig system = config::DefaultSystemConfig(dir_.path(), dir_.path(), 0);
  ASSERT_TRUE(verkosto::testing::ProvisionKeys(system));
  std::ofstream(dir_.File("verkosto.toml")) << config::ToToml(system);
  const int status = RunVerkosto({"status", "--data", dir_.path()}, dir_.File("status.log"));
  ASSERT_NE(status, -1) << "verkosto status hung";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << "wait status " << status;
  const std::string text = ReadFile(dir_.File("status.log"));
  EXPECT_NE(text.find("DOWN"), std::string::npos) << text;
}

TEST_F(CliUpTest, HelpExitsZeroForEveryCommand) {
  const std::vector<std::vector<std::string>> commands = {{"--help"},
                                                          {"up", "--help"},
                                                          {"status", "--help"},
                                                          {"diag", "--help"},
                                                          {"diag", "ping", "--help"},
                                                          {"diag", "pings", "--help"},
                                                          {"networks", "--help"},
                                                          {"networks", "areas", "find", "--help"},
                                                          {"networks", "create", "--help"},
                                                          {"networks", "participate", "--help"},
                                                          {"nominations", "--help"},
                                                          {"nominations", "send", "--help"},
                                                          {"nominations", "approve", "--help"},
                                                          {"nominations", "matrix", "--help"}};
  for (const auto& args : commands) {
    std::string joined;
    for (const std::string& a : args) joined += " " + a;
    const std::string log = dir_.File("help.log");
    std::filesystem::remove(log);
    const int status = RunVerkosto(args, log);
    EXPECT_TRUE(ExitedWith(status, 0)) << "verkosto" << joined << ": wait status " << status;
    EXPECT_NE(ReadFile(log).find("Usage"), std::string::npos) << "verkosto" << joined;
  }
  const std::string log = dir_.File("help.log");
  ASSERT_TRUE(ExitedWith(RunVerkosto({"up", "--help"}, log), 0));
  EXPECT_NE(ReadFile(log).find("--http-port"), std::string::npos);
  EXPECT_FALSE(ExitedWith(RunVerkosto({"no-such-command"}, log), 0));
}

}  // namespace
}  // namespace verkosto::integration
