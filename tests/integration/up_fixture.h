#pragma once

// What the tests of the `verkosto` command share: running it, and a fixture
// that starts `verkosto up` on a fresh data directory and waits until every
// service answers.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "config/config.h"
#include "gateway/domain/demo_accounts.h"
#include "integration_support.h"
#include "testing/dates.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace verkosto::integration {

inline constexpr milliseconds kCommandTimeout{30000};

inline std::string Verkosto() { return testing::BinDir() + "/verkosto"; }

// Runs `verkosto args...` to completion, output into `log`; returns the wait status.
inline int RunVerkosto(const std::vector<std::string>& args, const std::string& log) {
  testing::Process process(Verkosto(), args, log);
  const int status = process.Wait(kCommandTimeout);
  return status;
}

// `verkosto up` on `data` with the HTTP port chosen by the kernel, its clock
// moved by $VERKOSTO_TEST_CLOCK_OFFSET_DAYS (testing/dates.h). The demo
// accounts and catalogue, without the demo's activity (its cases would be in
// these tests' inboxes; demo_activity_test covers it).
inline std::vector<std::string> UpArgs(const std::string& data) {
  std::vector<std::string> args = {"up", "--data", data, "--http-port", "0", "--no-demo-activity"};
  for (std::string& arg : testing::ClockOffsetArgs()) args.push_back(std::move(arg));
  return args;
}

// A complete network definition as `verkosto networks create --file` reads
// it (one member seat per area): its term starts 30 days from today, as the
// services see it, and lasts two years.
inline std::string DefinitionJson(const std::string& code, const std::string& name_fi,
                                  const std::string& name_sv, const std::string& name_en) {
  return R"({
  "code": ")" +
         code + R"(",
  "names": {"fi": ")" +
         name_fi + R"(", "sv": ")" + name_sv + R"(", "en": ")" + name_en + R"("},
  "kind": "NETWORK_KIND_WORKING_GROUP",
  "owner": "KEHA-keskus",
  "responsible": {"name": "Verkoston sihteeri", "email": "sihteeri@keha.example"},
  "goals": ["Yhteinen käsitys nimeämisketjusta"],
  "term": {"start_date": ")" +
         testing::DaysFromToday(30) + R"(", "end_date": ")" + testing::DaysFromToday(30 + 730) +
         R"("},
  "communication_plan": {"audiences": ["työllisyysalueiden johto"],
                         "channels": ["muistio kirjaamoihin"],
                         "cadence": "jokaisen kokouksen jälkeen",
                         "responsible": "verkoston sihteeri"},
  "cadence": {"meetings_per_year": 4, "hours_per_meeting_tenths": 20},
  "seats_per_area": {"members": 1, "deputies": 0}
})";
}

inline bool ExitedWith(int wait_status, int code) {
  return wait_status != -1 && WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == code;
}

// The port in <data>/gateway.port once it holds a whole number, else 0.
inline int GatewayPort(const std::string& file) {
  const std::string text = ReadFile(file);
  if (text.empty() || text.back() != '\n') return 0;  // not completely written yet
  try {
    return std::stoi(text);
  } catch (const std::exception&) {
    return 0;
  }
}

class UpFixture : public ::testing::Test {
 protected:
  void TearDown() override {
    // A failed test may leave the supervisor's children behind (they run in
    // their own process groups): kill whatever still runs on this data dir.
    for (const pid_t pid : FindProcesses(dir_.File("verkosto.toml"))) kill(pid, SIGKILL);
    if (!HasFailure()) return;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      if (entry.path().extension() == ".log") {
        PrintLog(entry.path().filename().string(), entry.path().string());
      }
    }
  }

  // Waits until `up` wrote a complete config and the gateway's port file
  // and every service answers health "ok"; returns the config. Failures are
  // recorded (the caller checks HasFailure()).
  config::SystemConfig WaitUntilUp(const testing::Process& up, int* port) {
    const std::string data = dir_.path();
    const std::string config_file = dir_.File("verkosto.toml");
    // The generated config, then the gateway's port file (written once its HTTP
    // side listens): wait on inotify events of the data directory.
    config::SystemConfig system;
    const bool configured = WaitForDirectory(
        data,
        [&] {
          // Complete once it parses and names every service.
          auto loaded = config::LoadSystemConfig(config_file);
          if (!loaded.ok()) return false;
          for (const std::string& name : config::ServiceNames()) {
            if (!loaded->Service(name).ok()) return false;
          }
          system = *loaded;
          return true;
        },
        milliseconds(30000), up.pid());
    if (!configured) {
      ADD_FAILURE() << "verkosto up wrote no complete " << config_file;
      return {};
    }
    EXPECT_EQ(system.data_dir, data);
    if (!WaitForDirectory(
            data, [&] { return (*port = GatewayPort(dir_.File("gateway.port"))) > 0; },
            milliseconds(60000), up.pid())) {
      ADD_FAILURE() << "the gateway wrote no port file";
      return {};
    }
    // Every service answers (the client retries with back-off while one starts).
    for (const std::string& name : config::ServiceNames()) {
      auto health = Health(zmq_, system.services.at(name).rpc_endpoint, milliseconds(30000),
                           verkosto::testing::CurveFor(system, name, TestActor()));
      if (!health.ok()) {
        ADD_FAILURE() << name << ": " << health.status().ToString();
        return {};
      }
      EXPECT_EQ(health->service(), name);
      EXPECT_EQ(health->status(), "ok") << name;
    }
    return system;
  }

  // Runs `verkosto <args>` with its output in a fresh file; returns the exit
  // code (-1 if it hung or died) and leaves what it printed in `output_`.
  int Run(const std::vector<std::string>& args) {
    const std::string log = dir_.File("cli-" + std::to_string(++cli_calls_) + ".out");
    const int status = RunVerkosto(args, log);
    output_ = ReadFile(log);
    if (status == -1 || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
  }

  // Logs in as the demo account `user` (password gateway::kDemoPassword from
  // a file) the way a script does — `verkosto login --print-token` — and
  // returns the API token; fails the test if the login is refused.
  std::string Login(const std::string& user) {
    const std::string password_file = dir_.File("demo-password");
    std::ofstream(password_file) << gateway::kDemoPassword << "\n";
    if (Run({"login", "--data", dir_.path(), "--user", user, "--password-file", password_file,
             "--print-token"}) != 0) {
      ADD_FAILURE() << "verkosto login as " << user << ": " << output_;
      return {};
    }
    std::string token = output_;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    return token;
  }

  // Runs a person's command `verkosto <args> --token TOKEN --data DIR
  // [--json]` (the person is whoever the token belongs to); returns the exit
  // code and leaves what it printed in `output_`.
  int Cli(std::vector<std::string> args, const std::string& token, bool json = true) {
    args.insert(args.end(), {"--token", token, "--data", dir_.path()});
    if (json) args.push_back("--json");
    return Run(args);
  }

  // Like Cli, and parses the JSON it printed into `reply`; fails the test on
  // a non-zero exit or output that is not a `reply`.
  void CliOk(const std::vector<std::string>& args, const std::string& token,
             google::protobuf::Message* reply) {
    ASSERT_EQ(Cli(args, token), 0) << args[0] << " " << args[1] << ": " << output_;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(output_, reply).ok()) << output_;
  }

  // Waits until `consumer` has applied everything `producer` had written when
  // called (the services are eventually consistent; a script would do the same
  // with `verkosto status`). Needs system_ from WaitUntilUp.
  void WaitForConsumer(const std::string& consumer, const std::string& producer) {
    auto head = Health(zmq_, system_.services.at(producer).rpc_endpoint, milliseconds(10000),
                       verkosto::testing::CurveFor(system_, producer, TestActor()));
    ASSERT_TRUE(head.ok()) << head.status().ToString();
    const auto give_up = Steady::now() + std::chrono::seconds(30);
    while (Steady::now() < give_up) {
      auto health = Health(zmq_, system_.services.at(consumer).rpc_endpoint, milliseconds(10000),
                           verkosto::testing::CurveFor(system_, consumer, TestActor()));
      ASSERT_TRUE(health.ok()) << health.status().ToString();
      for (const auto& c : health->consumers()) {
        if (c.producer() == producer && c.cursor() >= head->outbox_head()) return;
      }
    }
    FAIL() << consumer << " did not catch up with " << producer;
  }

  testing::TempDir dir_;
  zmq::context_t zmq_;
  config::SystemConfig system_;  // what the test's WaitUntilUp returned
  std::string output_;           // of the last Cli call
  int cli_calls_ = 0;
};

}  // namespace verkosto::integration
