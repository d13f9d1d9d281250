#include "runtime/service_runtime.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "messaging/rpc_client.h"
#include "messaging/schema.h"
#include "runtime/credentials.h"
#include "runtime/outbox_retention.h"
#include "runtime/system_health.h"
#include "testing/keys.h"
#include "testing/temp_dir.h"
#include "verkosto/common/v1/diagnostics.pb.h"
#include "verkosto/common/v1/health.pb.h"

namespace verkosto::runtime {
namespace {

using common::v1::HealthRequest;
using common::v1::HealthResponse;
using common::v1::RecordPingRequest;
using common::v1::RecordPingResponse;

const Actor kOperator = verkosto::testing::TestOperator("ops");

class ServiceRuntimeTest : public ::testing::Test {
 protected:
  ServiceRuntimeTest() : clock_(SystemClock::Instance().Now()) {
    system_ = config::DefaultSystemConfig(dir_.path(), dir_.path(), 0);
    EXPECT_TRUE(verkosto::testing::ProvisionKeys(system_));
    migrations_ = {messaging::MessagingTablesMigration(), messaging::AuditChainMigration(2)};
  }

  std::unique_ptr<ServiceRuntime> Make(const std::string& name) {
    auto rt = ServiceRuntime::Create(zmq_, system_, name, migrations_, clock_);
    EXPECT_TRUE(rt.ok()) << rt.status().ToString();
    EXPECT_TRUE((*rt)->Start().ok());
    return std::move(rt).value();
  }

  messaging::RpcClient Client(const std::string& service) {
    messaging::ClientOptions options;
    options.endpoint = system_.services.at(service).rpc_endpoint;
    options.curve = verkosto::testing::CurveFor(system_, service, kOperator);
    return messaging::RpcClient(zmq_, options);
  }

  verkosto::testing::TempDir dir_;
  zmq::context_t zmq_;
  FakeClock clock_;
  config::SystemConfig system_;
  std::vector<storage::Migration> migrations_;
};

TEST_F(ServiceRuntimeTest, PingOnOneServiceIsAppliedOnceByItsConsumer) {
  auto networks = Make("networks");
  auto notifications = Make("notifications");
  std::thread producer([&] { networks->Run(); });

  messaging::RpcClient client = Client("networks");
  RecordPingRequest ping;
  ping.set_note("hei verkosto");
  auto first = client.Call<RecordPingResponse>(kOperator, ping);
  auto second = client.Call<RecordPingResponse>(kOperator, ping);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->event_seq(), 1u);
  EXPECT_EQ(second->event_seq(), 2u);

  // Drive the consumer by hand: deterministic, no waiting on the poll timer.
  messaging::EventConsumer* consumer = notifications->consumer("networks");
  ASSERT_NE(consumer, nullptr);
  auto applied = consumer->SyncOnce(std::chrono::milliseconds(5000));
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, 2u);
  // Fetching again applies nothing new.
  EXPECT_EQ(*consumer->SyncOnce(std::chrono::milliseconds(5000)), 0u);
  networks->Stop();
  producer.join();

  SQLite::Statement q(notifications->db().sqlite(),
                      "SELECT producer, event_seq, note, applied_count FROM received_pings "
                      "ORDER BY event_seq");
  int rows = 0;
  while (q.executeStep()) {
    ++rows;
    EXPECT_EQ(q.getColumn(0).getString(), "networks");
    EXPECT_EQ(q.getColumn(1).getInt64(), rows);
    EXPECT_EQ(q.getColumn(2).getString(), "hei verkosto");
    EXPECT_EQ(q.getColumn(3).getInt(), 1);
  }
  EXPECT_EQ(rows, 2);
}

TEST_F(ServiceRuntimeTest, HealthReportsOutboxHeadAndConsumerCursors) {
  auto networks = Make("networks");
  auto notifications = Make("notifications");
  std::thread producer([&] { networks->Run(); });
  messaging::RpcClient net = Client("networks");
  ASSERT_TRUE(net.Call<RecordPingResponse>(kOperator, RecordPingRequest()).ok());
  ASSERT_TRUE(notifications->consumer("networks")->SyncOnce(std::chrono::milliseconds(5000)).ok());
  std::thread consumer([&] { notifications->Run(); });

  messaging::RpcClient notif = Client("notifications");
  auto health = notif.Call<HealthResponse>(kOperator, HealthRequest());
  ASSERT_TRUE(health.ok()) << health.status().ToString();
  EXPECT_EQ(health->service(), "notifications");
  EXPECT_EQ(health->status(), "ok");
  ASSERT_EQ(health->consumers_size(), 2);  // networks and nominations
  bool saw_networks = false;
  for (const auto& c : health->consumers()) {
    if (c.producer() != "networks") continue;
    saw_networks = true;
    EXPECT_EQ(c.cursor(), 1u);
    EXPECT_EQ(c.producer_head(), 1u);
  }
  EXPECT_TRUE(saw_networks);

  const auto operator_credentials = LoadCredentials(system_, "operator");
  ASSERT_TRUE(operator_credentials.ok()) << operator_credentials.status().ToString();
  const auto system =
      CollectSystemHealth(zmq_, system_, {"networks", "notifications", "gateway"},
                          std::chrono::milliseconds(300), *operator_credentials, kOperator);
  EXPECT_EQ(system.status(), "degraded");  // the gateway is not running
  ASSERT_EQ(system.services_size(), 3);
  EXPECT_TRUE(system.services(0).reachable());
  EXPECT_EQ(system.services(0).health().outbox_head(), 1u);
  EXPECT_TRUE(system.services(1).reachable());
  EXPECT_FALSE(system.services(2).reachable());
  EXPECT_NE(system.services(2).error().find("unavailable"), std::string::npos);

  networks->Stop();
  notifications->Stop();
  producer.join();
  consumer.join();
}

TEST_F(ServiceRuntimeTest, PingNoteLongerThan200BytesIsRefusedNamingTheField) {
  auto networks = Make("networks");
  std::thread loop([&] { networks->Run(); });
  messaging::RpcClient client = Client("networks");
  RecordPingRequest ping;
  ping.set_note(std::string(201, 'x'));
  auto reply = client.Call<RecordPingResponse>(kOperator, ping);
  networks->Stop();
  loop.join();
  EXPECT_EQ(reply.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(reply.status().field(), "note");
  EXPECT_EQ(networks->outbox().Head(), 0u);
}

TEST_F(ServiceRuntimeTest, OnlyOneRuntimeServesADatabase) {
  auto first = Make("networks");
  auto second = ServiceRuntime::Create(zmq_, system_, "networks", migrations_, clock_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ErrorCode::kFailedPrecondition);
  first.reset();
  EXPECT_TRUE(ServiceRuntime::Create(zmq_, system_, "networks", migrations_, clock_).ok());
}

TEST_F(ServiceRuntimeTest, CreateFailsForAnUnknownServiceOrUnreadableDatabase) {
  EXPECT_EQ(ServiceRuntime::Create(zmq_, system_, "payroll", migrations_, clock_).status().code(),
            ErrorCode::kNotFound);
  system_.services["networks"].database = dir_.File("no/such/dir/networks.db");
  EXPECT_FALSE(ServiceRuntime::Create(zmq_, system_, "networks", migrations_, clock_).ok());
}

// [retention] events_days: an event goes only when every consumer of the
// stream has applied it and it is old enough; the cut is recorded in the chain.
TEST_F(ServiceRuntimeTest, OutboxRetentionPrunesOnlyOldEventsEveryConsumerApplied) {
  auto networks = Make("networks");
  auto notifications = Make("notifications");
  auto nominations = Make("nominations");
  // The producer serves while `fn` runs, on its own thread; retention runs
  // on the test's thread with the loop stopped (one thread per database).
  const auto serving = [&](const std::function<void()>& fn) {
    std::thread producer([&] { networks->Run(); });
    fn();
    networks->Stop();
    producer.join();
  };
  serving([&] {
    messaging::RpcClient client = Client("networks");
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(client.Call<RecordPingResponse>(kOperator, RecordPingRequest()).ok());
    }
    // Only notifications applies them.
    ASSERT_EQ(*notifications->consumer("networks")->SyncOnce(std::chrono::milliseconds(5000)), 3u);
    // Its next fetch (after 3) is what tells the producer it has them.
    ASSERT_EQ(*notifications->consumer("networks")->SyncOnce(std::chrono::milliseconds(5000)), 0u);
  });
  const std::vector<std::string> consumers = ConsumersOf(system_, "networks");
  EXPECT_EQ(consumers, (std::vector<std::string>{"nominations", "notifications"}));

  // However old, nothing goes while nominations has not applied them.
  clock_.Advance(std::chrono::hours(24 * 400));
  auto pruned = PruneAppliedEvents(*networks, consumers, 365);
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  EXPECT_EQ(*pruned, 0u);
  clock_.Advance(-std::chrono::hours(24 * 400));

  // Both have them, but they are young: nothing.
  serving([&] {
    ASSERT_EQ(*nominations->consumer("networks")->SyncOnce(std::chrono::milliseconds(5000)), 3u);
    ASSERT_EQ(*nominations->consumer("networks")->SyncOnce(std::chrono::milliseconds(5000)), 0u);
  });
  EXPECT_EQ(*PruneAppliedEvents(*networks, consumers, 365), 0u);

  // A year and a day later they go, the cut kept as a ChainPruned event.
  clock_.Advance(std::chrono::hours(24 * 366));
  EXPECT_EQ(*PruneAppliedEvents(*networks, consumers, 365), 3u);
  SQLite::Statement left(networks->db().sqlite(), "SELECT seq, type FROM outbox ORDER BY seq");
  ASSERT_TRUE(left.executeStep());
  EXPECT_EQ(left.getColumn(0).getInt64(), 4);
  EXPECT_EQ(left.getColumn(1).getString(), "verkosto.common.v1.ChainPruned");
  EXPECT_FALSE(left.executeStep());
  // Nothing more is due: no second cut.
  EXPECT_EQ(*PruneAppliedEvents(*networks, consumers, 365), 0u);
}

}  // namespace
}  // namespace verkosto::runtime
