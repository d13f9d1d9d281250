// The kill -9 drill: `verkosto up` runs the four services under its
// supervisor; client threads drive whole nomination chains through the HTTP
// JSON API (each command with an Idempotency-Key, sent again with the same
// key until acknowledged) while a killer thread kill -9's a random one of the
// four service processes at random moments of the load (seeded; the seed is
// printed, $VERKOSTO_TEST_SEED replays it). Afterwards every acknowledged
// change is there exactly once, every notification recorded once, every
// database passes integrity_check and `verkosto audit verify` exits 0.
//
// Short form by default (ctest); $VERKOSTO_DRILL_FULL=1 runs 10 000 commands
// and 100 kills.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <thread>

#include "drill_health.h"
#include "drill_support.h"
#include "up_fixture.h"

namespace verkosto::integration {
namespace {

using drills::Clock;

class Kill9Drill : public UpFixture {};

TEST_F(Kill9Drill, RandomKillsDuringTheChainLoseAndDoubleNothing) {
  const bool full = drills::Full();
  const int commands = full ? 10000 : 280;
  const int kills = full ? 100 : 6;
  const int threads = 3;
  const int chains = (commands + drills::kCommandsPerChain - 1) / drills::kCommandsPerChain;
  const uint32_t seed = TestSeed();
  std::cout << "drill kill9: seed " << seed << " (VERKOSTO_TEST_SEED replays it)" << std::endl;
  const auto started = Clock::now();

  const std::string data = dir_.path();
  const std::string config_file = dir_.File("verkosto.toml");
  testing::Process up(Verkosto(), UpArgs(data), dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());

  const std::string run_id = std::to_string(seed % 100000);
  drills::ChainTally tally;
  std::vector<std::unique_ptr<drills::ChainPeople>> people;
  for (int i = 0; i < threads; ++i) {
    people.push_back(std::make_unique<drills::ChainPeople>("127.0.0.1", port));
    std::string why;
    ASSERT_TRUE(people.back()->Login(Clock::now() + std::chrono::seconds(60), &why)) << why;
  }

  // The moments of the kills: after randomly chosen numbers of acknowledged
  // commands, so they spread over the whole load whatever its speed.
  std::mt19937 random(seed);
  std::vector<int64_t> moments;
  moments.reserve(static_cast<size_t>(kills));
  std::uniform_int_distribution<int64_t> moment(1, commands * 9 / 10);
  for (int i = 0; i < kills; ++i) moments.push_back(moment(random));
  std::sort(moments.begin(), moments.end());

  std::atomic<bool> load_done{false};
  std::map<std::string, int> killed;
  std::thread killer([&] {
    std::uniform_int_distribution<size_t> pick(0, config::ServiceNames().size() - 1);
    for (const int64_t at : moments) {
      {
        std::unique_lock lock(tally.mutex);
        tally.progressed.wait(lock, [&] { return tally.commands >= at || load_done; });
      }
      if (load_done) return;
      // A service still restarting from the last kill has no process yet:
      // pick again at the next acknowledged command.
      while (!load_done) {
        const std::string& name = config::ServiceNames()[pick(random)];
        const std::vector<pid_t> pids = FindProcesses(config_file, name);
        if (pids.size() == 1 && kill(pids[0], SIGKILL) == 0) {
          ++killed[name];
          break;
        }
        std::unique_lock lock(tally.mutex);
        const int64_t now = tally.commands;
        tally.progressed.wait(lock, [&] { return tally.commands > now || load_done; });
      }
    }
  });

  std::atomic<int> next{0};
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = next++; i < chains; i = next++) {
        drills::RunChain(*people[static_cast<size_t>(t)], drills::NetworkCode(run_id, i), run_id,
                         std::chrono::seconds(120), &tally);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  {
    const std::lock_guard lock(tally.mutex);
    load_done = true;
    tally.progressed.notify_all();
  }
  killer.join();
  int total_kills = 0;
  std::string per_service;
  for (const auto& [name, count] : killed) {
    total_kills += count;
    per_service += (per_service.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  EXPECT_EQ(tally.failures.load(), 0) << (tally.errors.empty() ? "" : tally.errors.front());
  for (const std::string& error : tally.errors) ADD_FAILURE() << error;

  std::string why;
  EXPECT_TRUE(drills::WaitForConvergence(zmq_, system_, std::chrono::seconds(180), &why)) << why;
  drills::Figures figures;
  std::vector<std::string> problems;
  drills::CheckChains(people[0]->keha, drills::DatabasesIn(data), tally,
                      Clock::now() + std::chrono::seconds(120), &figures, &problems);
  for (const std::string& problem : problems) ADD_FAILURE() << problem;
  EXPECT_EQ(figures.cases, 2 * static_cast<int64_t>(tally.networks.size()));
  EXPECT_EQ(figures.memberships, static_cast<int64_t>(tally.approved.size()));

  const int audit = Run({"audit", "verify", "--data", data});
  EXPECT_EQ(audit, 0) << output_;

  up.Signal(SIGTERM);
  EXPECT_NE(up.Wait(milliseconds(30000)), -1) << "verkosto up did not stop";
  const std::string integrity = drills::IntegrityOfAll(drills::DatabasesIn(data));
  EXPECT_EQ(integrity, "ok");

  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count();
  const int64_t lost = tally.failures + static_cast<int64_t>(problems.size());
  std::cout << "drill kill9: " << tally.commands.load() << " commands (" << tally.retries.load()
            << " resent with the same key), " << total_kills << " kills (" << per_service << "), "
            << lost << " lost or doubled, " << tally.networks.size() << " networks, "
            << figures.cases << " cases, " << figures.memberships << " memberships, "
            << figures.notifications << " notifications each recorded once, integrity " << integrity
            << ", audit verify " << (audit == 0 ? "ok" : "FAILED") << ", " << seconds << " s, seed "
            << seed << std::endl;
  EXPECT_EQ(total_kills, kills);
}

}  // namespace
}  // namespace verkosto::integration
