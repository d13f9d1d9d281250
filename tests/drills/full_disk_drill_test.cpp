// The full-disk drill: `verkosto up` with nominations' database on a small
// tmpfs of its own; client threads drive whole nomination chains through the
// HTTP API, and during the load the tmpfs is filled (dd until ENOSPC). Then
// nominations' commands are answered `503 unavailable` naming the full disk,
// nothing is half-written (every acknowledged command is in the database,
// every refused one is not, integrity_check ok) and the service neither
// crashes nor restarts; once the filler is deleted it resumes by itself (no
// restart by the drill), the refused commands sent again with the same key
// succeed once, and consumers catch up.
//
// Needs root (mount); skipped without it.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <thread>

#include "drill_health.h"
#include "drill_support.h"
#include "runtime/credentials.h"
#include "up_fixture.h"

namespace verkosto::integration {
namespace {

using drills::Clock;

// A size-limited tmpfs mounted on `path` for the life of the object; lazily
// detached (MNT_DETACH) on every path out, also while a process still holds
// a file open there.
class TmpfsMount {
 public:
  TmpfsMount(std::string path, const std::string& size) : path_(std::move(path)) {
    std::filesystem::create_directories(path_);
    const std::string options = "size=" + size + ",mode=0700";
    if (mount("tmpfs", path_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~TmpfsMount() {
    if (mounted_) umount2(path_.c_str(), MNT_DETACH);
  }
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  bool mounted_ = false;
  std::string error_;
};

class FullDiskDrill : public UpFixture {};

// What nominations' database holds of the drill's chains.
struct Held {
  int64_t cases = 0;
  int64_t registered = 0;
  int64_t memberships = 0;
  int64_t withdrawn = 0;
  bool operator==(const Held& o) const {
    return cases == o.cases && registered == o.registered && memberships == o.memberships &&
           withdrawn == o.withdrawn;
  }
};

Held ReadHeld(const std::string& database) {
  Held held;
  SQLite::Database db(database, SQLite::OPEN_READONLY);
  const auto count = [&](const std::string& sql) {
    SQLite::Statement query(db, sql);
    query.executeStep();
    return query.getColumn(0).getInt64();
  };
  held.cases = count("SELECT count(*) FROM cases WHERE network_code LIKE 'drill-%'");
  held.registered = count(
      "SELECT count(*) FROM registrations r JOIN cases c ON c.id = r.case_id "
      "WHERE c.network_code LIKE 'drill-%'");
  held.memberships = count("SELECT count(*) FROM memberships WHERE network_code LIKE 'drill-%'");
  held.withdrawn =
      count("SELECT count(*) FROM cases WHERE network_code LIKE 'drill-%' AND state = 'withdrawn'");
  return held;
}

std::string Describe(const Held& h) {
  return std::to_string(h.cases) + " cases, " + std::to_string(h.registered) + " registered, " +
         std::to_string(h.memberships) + " memberships, " + std::to_string(h.withdrawn) +
         " withdrawn";
}

TEST_F(FullDiskDrill, AFullDiskRefusesCleanlyAndTheServiceResumesByItself) {
  if (const std::string why = drills::MissingPrerequisite({"dd"}); !why.empty()) {
    GTEST_SKIP() << why;
  }
  const bool full = drills::Full();
  const int threads = 2;
  const int pool_size = full ? 150 : 8;        // chains opened and sent before the load
  const int64_t after_free = full ? 700 : 21;  // acknowledged after space returns
  const int64_t refusals_wanted = full ? 20 : 3;
  const uint32_t seed = TestSeed();
  std::mt19937 random(seed);
  std::cout << "drill full-disk: seed " << seed << std::endl;
  const auto started = Clock::now();

  // Nominations' database on its own small filesystem; the rest in the data dir.
  const std::string data = dir_.path();
  const std::string small = dir_.File("small");
  // Each chain adds roughly 0.2 MiB to nominations' database and WAL:
  // room for the short form, and for the full one.
  TmpfsMount mounted(small, full ? "256m" : "16m");
  if (!mounted.mounted()) GTEST_SKIP() << "cannot mount a tmpfs: " << mounted.error();
  config::SystemConfig system = config::DefaultSystemConfig(data, data, 0);
  system.clock_offset_days = testing::ClockOffsetDays();
  auto keys = runtime::InitKeys(system.keys_dir, runtime::LocalPrincipals());
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  system.principals = *keys;
  system.services["nominations"].database = small + "/nominations.db";
  const std::string config_file = dir_.File("verkosto.toml");
  std::ofstream(config_file) << config::ToToml(system);
  testing::Process up(Verkosto(),
                      {"up", "--data", data, "--config", config_file, "--no-demo-activity"},
                      dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());
  const std::vector<pid_t> nominations_pid = FindProcesses(config_file, "nominations");
  ASSERT_EQ(nominations_pid.size(), 1U);

  // The load: chains until told to stop; every "disk full" answer noted.
  const std::string run_id = std::to_string(seed % 100000);
  drills::ChainTally tally;
  std::atomic<int64_t> disk_full{0};
  std::atomic<int64_t> other_errors{0};
  std::string first_refusal;
  tally.on_error = [&](const std::string&, const drills::Reply& reply) {
    const std::lock_guard lock(tally.mutex);
    if (reply.status == 503 && reply.Code() == "unavailable" &&
        reply.body.find("disk full") != std::string::npos) {
      if (disk_full++ == 0) first_refusal = reply.body;
    } else {
      ++other_errors;
    }
    tally.progressed.notify_all();
  };
  std::atomic<bool> stop{false};
  std::vector<std::unique_ptr<drills::ChainPeople>> people;
  for (int i = 0; i < threads; ++i) {
    people.push_back(std::make_unique<drills::ChainPeople>("127.0.0.1", port));
    std::string why;
    ASSERT_TRUE(people.back()->Login(Clock::now() + std::chrono::seconds(60), &why)) << why;
  }
  // Chains opened and sent before the load, so that the load writes to
  // nominations at once (register, approve, withdraw: no event to wait for);
  // new chains follow.
  std::vector<drills::SentChain> pool(static_cast<size_t>(pool_size));
  for (int i = 0; i < pool_size; ++i) {
    ASSERT_TRUE(drills::OpenAndSend(*people[0], drills::NetworkCode(run_id, i), run_id,
                                    std::chrono::seconds(120), &tally,
                                    &pool[static_cast<size_t>(i)]))
        << tally.errors.front();
  }
  const int64_t acknowledged_before_load = tally.commands;
  std::atomic<int> next{0};
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      drills::ChainPeople& mine = *people[static_cast<size_t>(t)];
      for (int i = next++; !stop; i = next++) {
        if (i < pool_size) {
          drills::Decide(mine, pool[static_cast<size_t>(i)], run_id, std::chrono::seconds(300),
                         &tally);
        } else {
          drills::RunChain(mine, drills::NetworkCode(run_id, i), run_id, std::chrono::seconds(300),
                           &tally);
        }
      }
    });
  }
  const auto wait_for = [&](const std::function<bool()>& condition, std::chrono::seconds limit) {
    std::unique_lock lock(tally.mutex);
    return tally.progressed.wait_until(lock, Clock::now() + limit, condition);
  };
  const auto stop_load = [&] {
    stop = true;
    for (std::thread& worker : workers) worker.join();
  };

  // Fill the disk during the load, after a random share of the first commands.
  const int64_t fill_at =
      acknowledged_before_load + std::uniform_int_distribution<int64_t>(1, pool_size)(random);
  if (!wait_for([&] { return tally.commands >= fill_at; }, std::chrono::seconds(300))) {
    stop_load();
    FAIL() << "the load did not get going: " << tally.commands.load() << " commands";
  }
  const int64_t acknowledged_at_fill = tally.commands;
  const std::string filler = small + "/filler";
  // Until ENOSPC: dd exits non-zero when the disk is full; the second fills
  // what the first's block size left.
  EXPECT_NE(drills::Shell("dd if=/dev/zero of=" + filler + "-1 bs=1M"), 0);
  EXPECT_NE(drills::Shell("dd if=/dev/zero of=" + filler + "-2 bs=4k"), 0);

  // Nominations refuses: 503, code unavailable, a message naming the full disk.
  const bool refused =
      wait_for([&] { return disk_full >= refusals_wanted; }, std::chrono::seconds(300));
  EXPECT_TRUE(refused) << "no '503 unavailable: disk full' answers; " << other_errors.load()
                       << " other errors; " << tally.commands.load() << " commands";
  std::string refusal;
  {
    const std::lock_guard lock(tally.mutex);
    refusal = first_refusal;
  }
  EXPECT_NE(refusal.find("database: disk full"), std::string::npos) << refusal;

  // Nothing half-written: what nominations holds is exactly what was
  // acknowledged (read while the load is stuck on refusals; again if a
  // command got through meanwhile).
  const std::string database = small + "/nominations.db";
  Held held;
  Held expected;
  bool exact = false;
  for (int attempt = 0; attempt < 20 && !exact; ++attempt) {
    std::map<std::string, int64_t> acked_before;
    {
      const std::lock_guard lock(tally.mutex);
      acked_before = tally.acked;
    }
    held = ReadHeld(database);
    std::unique_lock lock(tally.mutex);
    const auto acked = [&](const char* step) {
      const auto found = acked_before.find(step);
      return found == acked_before.end() ? int64_t{0} : found->second;
    };
    expected = {2 * acked("send"), acked("register"), acked("approve"), acked("withdraw")};
    exact = tally.acked == acked_before && held == expected;
    // A command that got through just before (its answer still on the way):
    // read again after the next answer.
    if (!exact) tally.progressed.wait_for(lock, std::chrono::seconds(10));
  }
  EXPECT_TRUE(exact) << "while full, nominations holds " << Describe(held) << "; acknowledged "
                     << Describe(expected);
  const std::string integrity_while_full = drills::IntegrityCheck(database);
  EXPECT_EQ(integrity_while_full, "ok");
  EXPECT_EQ(FindProcesses(config_file, "nominations"), nominations_pid)
      << "nominations died while the disk was full";

  // Space returns: the service resumes by itself.
  std::filesystem::remove(filler + "-1");
  std::filesystem::remove(filler + "-2");
  const auto freed = Clock::now();
  const int64_t acknowledged_at_free = tally.commands;
  const bool resumed = wait_for([&] { return tally.commands >= acknowledged_at_free + after_free; },
                                std::chrono::seconds(300));
  const auto resumed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - freed).count();
  stop_load();
  EXPECT_TRUE(resumed) << "no commands succeeded after the filler was deleted";
  EXPECT_EQ(FindProcesses(config_file, "nominations"), nominations_pid)
      << "nominations was restarted";
  EXPECT_EQ(ReadFile(dir_.File("up.log")).find("restarted nominations"), std::string::npos);
  EXPECT_EQ(tally.failures.load(), 0);
  for (const std::string& error : tally.errors) ADD_FAILURE() << error;

  std::string why;
  const bool converged = drills::WaitForConvergence(zmq_, system_, std::chrono::seconds(180), &why);
  EXPECT_TRUE(converged) << why;
  std::map<std::string, std::string> databases = drills::DatabasesIn(data);
  databases["nominations"] = database;
  drills::Figures figures;
  std::vector<std::string> problems;
  drills::CheckChains(people[0]->keha, databases, tally, Clock::now() + std::chrono::seconds(120),
                      &figures, &problems);
  for (const std::string& problem : problems) ADD_FAILURE() << problem;
  const int audit = Run({"audit", "verify", "--config", config_file});
  EXPECT_EQ(audit, 0) << output_;

  up.Signal(SIGTERM);
  EXPECT_NE(up.Wait(milliseconds(30000)), -1) << "verkosto up did not stop";
  const std::string integrity = drills::IntegrityOfAll(databases);
  EXPECT_EQ(integrity, "ok");
  const int64_t lost = tally.failures + static_cast<int64_t>(problems.size());
  std::cout << "drill full-disk: " << tally.commands.load()
            << " commands, nominations' disk filled after command " << acknowledged_at_fill << ", "
            << disk_full.load() << " answers 503 while full (resent with the same key; the first "
            << refusal << "), held = acknowledged (" << Describe(held) << ") "
            << (exact ? "ok" : "MISMATCH")
            << ", nominations never restarted, resumed by itself: " << after_free
            << " commands within " << resumed_ms << " ms of the space returning, consumers "
            << (converged ? "caught up" : "DID NOT catch up") << ", " << lost
            << " lost or doubled, integrity " << integrity << ", audit verify "
            << (audit == 0 ? "ok" : "FAILED") << ", "
            << std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count()
            << " s" << std::endl;
}

}  // namespace
}  // namespace verkosto::integration
