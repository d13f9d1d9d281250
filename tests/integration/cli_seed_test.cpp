// `verkosto seed --scale N` over the real system: what it reports is what the
// services hold, and a run cut off in the middle of a network (exiting as a
// kill would) and then resumed ends with the same counts as a whole run —
// nothing doubled — and a third run changes nothing.
#include <SQLiteCpp/Database.h>

#include <map>
#include <sstream>
#include <string>

#include "up_fixture.h"

namespace verkosto::integration {
namespace {

constexpr int kStoppedExit = 4;  // --stop-after (cli/seed_commands.cpp)
// Scale 0.001: one network (index 0, opened in the past and closed since)
// with round(100 000 × 0.001) cases.
constexpr int64_t kCases = 100;

class CliSeedTest : public UpFixture {
 protected:
  // Runs `verkosto seed --scale 0.001 <extra>`; returns the exit code and
  // leaves stdout+stderr in output_. A slower machine gets more time than
  // other commands: a few hundred commands, each one commit.
  int Seed(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"seed", "--scale", "0.001", "--data", dir_.path()};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::string log = dir_.File("seed-" + std::to_string(++seeds_) + ".out");
    testing::Process seed(Verkosto(), args, log);
    const int status = seed.Wait(milliseconds(300000));
    output_ = ReadFile(log);
    if (status == -1 || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
  }

  // The "<name> <number>" lines the seed prints at the end.
  std::map<std::string, int64_t> Totals() const {
    std::map<std::string, int64_t> totals;
    std::istringstream lines(output_);
    std::string name;
    std::string value;
    while (lines >> name >> value) {
      if (value.find_first_not_of("0123456789") == std::string::npos) {
        totals[name] = std::stoll(value);
      }
    }
    return totals;
  }

  int64_t Count(const std::string& service, const std::string& sql) const {
    SQLite::Database db(system_.services.at(service).database, SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
  }

  // The sum of every service's outbox head, as the services answer health.
  int64_t OutboxHeads() {
    int64_t sum = 0;
    for (const std::string& name : config::ServiceNames()) {
      auto health = Health(zmq_, system_.services.at(name).rpc_endpoint, milliseconds(10000),
                           verkosto::testing::CurveFor(system_, name, TestActor()));
      EXPECT_TRUE(health.ok()) << name << ": " << health.status().ToString();
      if (health.ok()) sum += static_cast<int64_t>(health->outbox_head());
    }
    return sum;
  }

  int seeds_ = 0;
};

TEST_F(CliSeedTest, AnInterruptedSeedResumesToTheSameCountsWithNothingDoubled) {
  testing::Process up(Verkosto(), UpArgs(dir_.path()), dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());

  // Cut off in the middle of the network's cases: the services hold part of
  // it, the progress file no finished network.
  ASSERT_EQ(Seed({"--stop-after", "150"}), kStoppedExit) << output_;
  const int64_t cases_cut = Count("nominations", "SELECT COUNT(*) FROM cases");
  EXPECT_GT(cases_cut, 0);
  EXPECT_LT(cases_cut, kCases);
  EXPECT_EQ(ReadFile(dir_.File("seed.progress")).find("done"), std::string::npos);

  // Resumed: it repeats the commands already answered and finishes.
  ASSERT_EQ(Seed({}), 0) << output_;
  std::map<std::string, int64_t> totals = Totals();
  EXPECT_EQ(totals["networks"], 1);
  EXPECT_EQ(totals["cases"], kCases);
  EXPECT_GT(totals["memberships"], 2 * kCases);
  // Against the services: one network, every area decided it once, each
  // case and membership once.
  EXPECT_EQ(Count("networks", "SELECT COUNT(*) FROM networks WHERE code LIKE '%-0'"), 1);
  EXPECT_EQ(Count("networks",
                  "SELECT COUNT(*) FROM participation_decisions d JOIN networks n "
                  "ON n.code = d.network_code WHERE n.code LIKE '%-0'"),
            45);
  EXPECT_EQ(Count("nominations", "SELECT COUNT(*) FROM cases"), kCases);
  EXPECT_EQ(Count("nominations", "SELECT COUNT(*) FROM memberships"), totals["memberships"]);
  // Its network's term ended in the past: closed, and so every membership ended.
  EXPECT_EQ(Count("nominations", "SELECT COUNT(*) FROM memberships WHERE ended IS NULL"), 0);
  const int64_t events = OutboxHeads();
  EXPECT_EQ(totals["events"], events);

  // A third run finds everything done: no command, no event.
  ASSERT_EQ(Seed({}), 0) << output_;
  totals = Totals();
  EXPECT_EQ(totals["commands"], 0);
  EXPECT_EQ(totals["cases"], kCases);
  EXPECT_EQ(OutboxHeads(), events);

  // Another scale on the same system is refused, naming the one to resume.
  std::vector<std::string> args = {"seed", "--scale", "0.002", "--data", dir_.path()};
  EXPECT_EQ(Run(args), 1);
  EXPECT_NE(output_.find("scale 0.001"), std::string::npos) << output_;
}

}  // namespace
}  // namespace verkosto::integration
