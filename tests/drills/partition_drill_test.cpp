// The partition drill: the services on two hosts (network namespaces joined
// by a veth pair, tcp:// with CURVE, as deploy/two-host/ and two_host_test),
// host A with networks and the gateway, host B with nominations and
// notifications. Client threads on A drive whole nomination chains through
// the HTTP API; the link is cut during the load (the veth end brought down)
// and restored. While cut, `verkosto status` on A reports B's services
// unreachable; afterwards every consumer converges to its producer's head
// and every acknowledged change is there exactly once.
//
// Needs root (ip netns, veth, setns); skipped without it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <thread>

#include "drill_support.h"
#include "two_host_fixture.h"

namespace verkosto::integration {
namespace {

using drills::Clock;

class PartitionDrill : public TwoHostFixture {
 protected:
  // Moves the calling thread into host `host`'s network namespace (its
  // sockets, the gateway's 127.0.0.1, are then A's).
  bool EnterHost(const std::string& host) {
    const int fd = open(("/run/netns/" + Ns(host)).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool entered = setns(fd, CLONE_NEWNET) == 0;
    close(fd);
    return entered;
  }

  // Lines of `text` that contain both parts.
  static bool HasLine(const std::string& text, const std::string& a, const std::string& b) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) return true;
    }
    return false;
  }
};

TEST_F(PartitionDrill, ACutLinkDelaysButLosesNothingAndStatusShowsIt) {
  const bool full = drills::Full();
  const int commands = full ? 2000 : 140;
  const int threads = 2;
  const int chains = (commands + drills::kCommandsPerChain - 1) / drills::kCommandsPerChain;
  const uint32_t seed = TestSeed();
  std::mt19937 random(seed);
  std::cout << "drill partition: seed " << seed << std::endl;
  const auto started = Clock::now();

  std::map<std::string, std::string> principals =
      InitHost("a", {"networks", "gateway", "operator"});
  for (auto& [name, key] : InitHost("b", {"nominations", "notifications"})) principals[name] = key;
  ASSERT_EQ(principals.size(), 5u);
  HostConfig("a", principals);
  HostConfig("b", principals);
  const int port = StartServicesOnBothHosts();
  ASSERT_GT(port, 0);
  ASSERT_NO_FATAL_FAILURE(WaitUntilAllOk());

  // The cut falls after a random number of acknowledged commands in the first half.
  const int64_t cut_at = std::uniform_int_distribution<int64_t>(commands / 8, commands / 2)(random);
  const std::string run_id = std::to_string(seed % 100000);
  drills::ChainTally tally;
  // Answers that said "try again" (no answer, 503, 504), counted as they come.
  std::atomic<int64_t> unavailable{0};
  tally.on_error = [&](const std::string&, const drills::Reply& reply) {
    if (reply.status == 0 || reply.status == 503 || reply.status == 504) ++unavailable;
  };
  std::atomic<int> next{0};
  std::atomic<int> logged_in{0};
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      if (!EnterHost("a")) {
        tally.Fail("cannot enter host a's network namespace");
        return;
      }
      drills::ChainPeople people("127.0.0.1", port);
      std::string why;
      if (!people.Login(Clock::now() + std::chrono::seconds(60), &why)) {
        tally.Fail(why);
        return;
      }
      ++logged_in;
      for (int i = next++; i < chains; i = next++) {
        drills::RunChain(people, drills::NetworkCode(run_id, i), run_id, std::chrono::seconds(300),
                         &tally);
      }
    });
  }

  {
    std::unique_lock lock(tally.mutex);
    tally.progressed.wait(lock, [&] { return tally.commands >= cut_at || next >= chains; });
  }
  const int64_t unavailable_at_cut = unavailable;
  ASSERT_EQ(Ip({"-n", Ns("a"), "link", "set", LinkEnd("a", "b"), "down"}), 0) << output_;
  const auto cut = Clock::now();
  // While cut: status on A names B's services DOWN and the system not ok;
  // the load keeps going and its commands to B are answered 503 and resent.
  std::string status_while_cut;
  const auto give_up = Clock::now() + std::chrono::seconds(120);
  bool reported = false;
  while (Clock::now() < give_up && !reported) {
    const int code = VerkostoIn("a", {"status", "--config", ConfigOf("a")});
    status_while_cut = output_;
    reported = code == 1 && HasLine(output_, "nominations ", "DOWN") &&
               HasLine(output_, "notifications ", "DOWN") &&
               !HasLine(output_, "networks ", "DOWN") && unavailable > unavailable_at_cut;
  }
  EXPECT_TRUE(reported) << "while cut, verkosto status said:\n" << status_while_cut;
  const int64_t commands_while_cut_start = tally.commands;
  ASSERT_EQ(Ip({"-n", Ns("a"), "link", "set", LinkEnd("a", "b"), "up"}), 0) << output_;
  const auto cut_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - cut).count();
  for (std::thread& worker : workers) worker.join();
  EXPECT_EQ(logged_in.load(), threads);
  EXPECT_EQ(tally.failures.load(), 0);
  for (const std::string& error : tally.errors) ADD_FAILURE() << error;

  // Convergence: status on A until every consumer's cursor is its producer's head.
  bool converged = false;
  std::string gap;
  const auto converge_by = Clock::now() + std::chrono::seconds(180);
  while (Clock::now() < converge_by && !converged) {
    const common::v1::SystemHealth health = Status();
    std::map<std::string, uint64_t> heads;
    bool all_reachable = health.services_size() == 4;
    for (const auto& s : health.services()) {
      heads[s.name()] = s.health().outbox_head();
      all_reachable = all_reachable && s.reachable();
    }
    converged = all_reachable;
    for (const auto& s : health.services()) {
      for (const auto& c : s.health().consumers()) {
        if (c.cursor() < heads[c.producer()]) {
          gap = s.name() + " at " + std::to_string(c.cursor()) + " of " + c.producer() + "'s " +
                std::to_string(heads[c.producer()]);
          converged = false;
        }
      }
    }
  }
  EXPECT_TRUE(converged) << "consumers did not converge: " << gap;

  std::map<std::string, std::string> databases = {
      {"networks", DataOf("a") + "/networks.db"},
      {"gateway", DataOf("a") + "/gateway.db"},
      {"nominations", DataOf("b") + "/nominations.db"},
      {"notifications", DataOf("b") + "/notifications.db"}};
  drills::Figures figures;
  std::vector<std::string> problems;
  std::thread checker([&] {
    if (!EnterHost("a")) {
      problems.emplace_back("cannot enter host a's network namespace");
      return;
    }
    drills::ChainPeople people("127.0.0.1", port);
    std::string why;
    if (!people.Login(Clock::now() + std::chrono::seconds(60), &why)) {
      problems.push_back(why);
      return;
    }
    drills::CheckChains(people.keha, databases, tally, Clock::now() + std::chrono::seconds(120),
                        &figures, &problems);
  });
  checker.join();
  for (const std::string& problem : problems) ADD_FAILURE() << problem;
  const std::string integrity = drills::IntegrityOfAll(databases);
  EXPECT_EQ(integrity, "ok");
  const int64_t lost = tally.failures + static_cast<int64_t>(problems.size());
  std::cout << "drill partition: " << tally.commands.load() << " commands, link cut after command "
            << cut_at << " for " << cut_ms << " ms (" << (unavailable.load() - unavailable_at_cut)
            << " answers 'unavailable' resent with the same key; " << commands_while_cut_start
            << " acknowledged when restored), status while cut: B DOWN "
            << (reported ? "reported" : "NOT reported") << ", consumers "
            << (converged ? "converged" : "DID NOT converge") << ", " << lost
            << " lost or doubled, " << figures.cases << " cases, " << figures.memberships
            << " memberships, " << figures.notifications
            << " notifications each recorded once, integrity " << integrity << ", "
            << std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count()
            << " s" << std::endl;
}

}  // namespace
}  // namespace verkosto::integration
