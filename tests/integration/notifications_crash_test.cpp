// kill -9 of the notifications process in the middle of a burst of events:
// a KEHA client proposes networks on the real `networks` process (each
// proposal tells the leadership of all 45 areas) while `notifications` is
// killed and restarted. Afterwards every proposal has exactly one inbox
// message per area's leadership and one delivery per address: nothing lost,
// nothing twice, and the database intact.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>

#include "config/config.h"
#include "integration_support.h"
#include "networks/service.h"
#include "notifications/service.h"
#include "storage/database.h"
#include "testing/dates.h"
#include "testing/keys.h"
#include "testing/temp_dir.h"
#include "verkosto/networks/v1/events.pb.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::integration {
namespace {

namespace npb = ::verkosto::networks::v1;

constexpr milliseconds kStartTimeout{20000};

const Actor kKeha{"keha-1", "KEHA", Role::kKehaCoordinator, {}, {}, {}};

npb::NetworkDefinition Definition(const std::string& code) {
  npb::NetworkDefinition d;
  d.set_code(code);
  d.mutable_names()->set_fi("Verkosto " + code);
  d.mutable_names()->set_sv("Nätverket " + code);
  d.set_kind(npb::NETWORK_KIND_WORKING_GROUP);
  d.set_owner("KEHA-keskus");
  d.add_goals("Jakaa hyviä käytäntöjä");
  d.mutable_term()->set_start_date(testing::DaysFromToday(-30));
  d.mutable_term()->set_end_date(testing::DaysFromToday(365));
  d.mutable_communication_plan()->add_audiences("johto");
  d.mutable_communication_plan()->add_channels("sähköposti");
  d.mutable_communication_plan()->set_cadence("kuukausittain");
  d.mutable_communication_plan()->set_responsible("sihteeri");
  d.mutable_cadence()->set_meetings_per_year(4);
  d.mutable_cadence()->set_hours_per_meeting_tenths(20);
  d.mutable_seats_per_area()->set_members(1);
  return d;
}

class Service {
 public:
  Service(std::string name, std::string config, std::string log)
      : name_(std::move(name)), config_(std::move(config)), log_(std::move(log)) {}
  void Start() {
    process_.emplace(testing::BinDir() + "/" + name_, std::vector<std::string>{"--config", config_},
                     log_);
  }
  void KillHard() {
    if (process_) process_->Kill();
    process_.reset();
  }
  int Stop() {
    if (!process_) return -1;
    process_->Signal(SIGTERM);
    const int status = process_->Wait(milliseconds(15000));
    if (status == -1) process_->Kill();
    process_.reset();
    return status;
  }
  const std::string& log() const { return log_; }

 private:
  std::string name_;
  std::string config_;
  std::string log_;
  std::optional<testing::Process> process_;
};

TEST(NotificationsCrashTest, KillNineDuringABurstLosesAndDuplicatesNothing) {
  testing::TempDir dir;
  config::SystemConfig system = config::DefaultSystemConfig(dir.path(), dir.path(), 0);
  ASSERT_TRUE(verkosto::testing::ProvisionKeys(system));
  system.demo_data = false;
  system.clock_offset_days = testing::ClockOffsetDays();
  system.notifications.mail_dir = dir.File("mail");
  config::ServiceConfig producer = system.services.at("networks");
  config::ServiceConfig consumer = system.services.at("notifications");
  producer.poll_interval_ms = 50;
  consumer.poll_interval_ms = 50;
  consumer.consumes = {"networks"};
  system.services = {{"networks", producer}, {"notifications", consumer}};
  const std::string config_file = dir.File("system.toml");
  std::ofstream(config_file) << config::ToToml(system);
  Service networks("networks", config_file, dir.File("networks.log"));
  Service notifications("notifications", config_file, dir.File("notifications.log"));
  zmq::context_t zmq;
  networks.Start();
  notifications.Start();
  ASSERT_TRUE(Health(zmq, producer.rpc_endpoint, kStartTimeout,
                     verkosto::testing::CurveFor(system, "networks", TestActor()))
                  .ok());
  ASSERT_TRUE(Health(zmq, consumer.rpc_endpoint, kStartTimeout,
                     verkosto::testing::CurveFor(system, "notifications", TestActor()))
                  .ok());

  // The burst: one client creating and proposing networks until told to stop.
  std::mutex mu;
  std::condition_variable changed;
  int proposed = 0;
  std::atomic<bool> stop{false};
  std::thread client([&] {
    messaging::ClientOptions options;
    options.endpoint = producer.rpc_endpoint;
    options.timeout = milliseconds(10000);
    options.curve = verkosto::testing::CurveFor(system, "networks", kKeha);
    messaging::RpcClient rpc(zmq, options);
    for (int n = 0; !stop.load() && n < 60; ++n) {
      const std::string code = "burst-" + std::to_string(n);
      npb::CreateNetworkRequest create;
      *create.mutable_definition() = Definition(code);
      if (!rpc.Call<npb::NetworkResponse>(kKeha, create).ok()) continue;
      npb::ProposeNetworkRequest propose;
      propose.set_network_code(code);
      if (!rpc.Call<npb::NetworkResponse>(kKeha, propose).ok()) continue;
      {
        std::lock_guard lock(mu);
        ++proposed;
      }
      changed.notify_all();
    }
  });
  // Three kills, each after a few more proposals went in.
  for (int round = 1; round <= 3; ++round) {
    {
      std::unique_lock lock(mu);
      ASSERT_TRUE(
          changed.wait_for(lock, std::chrono::seconds(60), [&] { return proposed >= round * 4; }));
    }
    notifications.KillHard();
    notifications.Start();
    ASSERT_TRUE(Health(zmq, consumer.rpc_endpoint, kStartTimeout,
                       verkosto::testing::CurveFor(system, "notifications", TestActor()))
                    .ok());
  }
  stop.store(true);
  client.join();

  // Let the consumer catch up with the producer's head.
  auto head = Health(zmq, producer.rpc_endpoint, kStartTimeout,
                     verkosto::testing::CurveFor(system, "networks", TestActor()));
  ASSERT_TRUE(head.ok());
  const auto give_up = Steady::now() + std::chrono::seconds(60);
  uint64_t cursor = 0;
  while (Steady::now() < give_up && cursor < head->outbox_head()) {
    auto health = Health(zmq, consumer.rpc_endpoint, kStartTimeout,
                         verkosto::testing::CurveFor(system, "notifications", TestActor()));
    ASSERT_TRUE(health.ok());
    for (const auto& c : health->consumers()) {
      if (c.producer() == "networks") cursor = c.cursor();
    }
  }
  ASSERT_EQ(cursor, head->outbox_head());
  EXPECT_EQ(notifications.Stop(), 0) << "notifications on SIGTERM";
  EXPECT_EQ(networks.Stop(), 0) << "networks on SIGTERM";
  if (HasFailure()) {
    PrintLog("notifications log", notifications.log());
    return;
  }

  auto ndb = storage::Database::Open(producer.database, networks::Migrations());
  auto cdb = storage::Database::Open(consumer.database, notifications::Migrations());
  ASSERT_TRUE(ndb.ok() && cdb.ok());
  EXPECT_TRUE((*cdb)->IntegrityCheck().ok());
  SQLite::Database& events = (*ndb)->sqlite();
  SQLite::Database& notes = (*cdb)->sqlite();

  // Every proposal in the producer's outbox: one message per area's leadership.
  SQLite::Statement proposals(events, "SELECT seq FROM outbox WHERE type = ? ORDER BY seq");
  proposals.bind(1, npb::NetworkProposed::descriptor()->full_name());
  int64_t proposal_events = 0;
  SQLite::Statement per_event(notes,
                              "SELECT COUNT(*), COUNT(DISTINCT mailbox) FROM messages "
                              "WHERE event_key = ? AND mailbox LIKE 'leadership:%'");
  while (proposals.executeStep()) {
    ++proposal_events;
    const std::string key = "networks:" + std::to_string(proposals.getColumn(0).getInt64());
    per_event.bind(1, key);
    ASSERT_TRUE(per_event.executeStep());
    EXPECT_EQ(per_event.getColumn(0).getInt64(), 45) << key;
    EXPECT_EQ(per_event.getColumn(1).getInt64(), 45) << key;
    per_event.reset();
  }
  EXPECT_GE(proposal_events, 12);
  EXPECT_EQ(notes.execAndGet("SELECT COUNT(*) FROM messages").getInt64(), 45 * proposal_events);
  // One delivery per (message, address), none twice; each message has its deliveries.
  EXPECT_EQ(notes
                .execAndGet("SELECT COUNT(*) FROM (SELECT event_key, mailbox, address FROM "
                            "deliveries GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)")
                .getInt64(),
            0);
  EXPECT_EQ(notes
                .execAndGet("SELECT COUNT(*) FROM messages m WHERE NOT EXISTS "
                            "(SELECT 1 FROM deliveries d WHERE d.message_id = m.id)")
                .getInt64(),
            0);
  // Every sent e-mail was written as a file (a mail may be written twice when
  // the kill fell between writing and recording: at least once).
  const int64_t sent =
      notes.execAndGet("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'").getInt64();
  int64_t files = 0;
  if (std::filesystem::exists(dir.File("mail"))) {
    for (const auto& entry : std::filesystem::directory_iterator(dir.File("mail"))) {
      files += entry.path().extension() == ".eml";
    }
  }
  EXPECT_GE(files, sent);
}

}  // namespace
}  // namespace verkosto::integration
