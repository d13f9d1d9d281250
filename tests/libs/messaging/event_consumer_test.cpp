#include "messaging/event_consumer.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

#include "messaging/rpc_client.h"
#include "test_service.h"
#include "testing/temp_dir.h"

namespace verkosto::messaging {
namespace {

using testing::v1::AddItemRequest;
using testing::v1::AddItemResponse;
using testing::v1::ItemAdded;

// The consumer's own database: the messaging tables plus `applied`, which
// counts how often each event reached the handler.
std::vector<storage::Migration> ConsumerMigrations() {
  return {MessagingTablesMigration(),
          {2, "create_applied",
           "CREATE TABLE applied (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, "
           "times INTEGER NOT NULL DEFAULT 1);"}};
}

class EventStreamTest : public ::testing::Test {
 protected:
  // Any business date: fetches carry transport-time deadlines (envelope.h).
  EventStreamTest() : clock_(std::chrono::sys_days{std::chrono::year{2031} / 1 / 1}) {}

  void StartProducer(const std::string& db_name = "producer.db", bool hints = false) {
    ServerOptions options;
    options.service_name = "producer";
    options.bind_endpoint = dir_.Ipc("p");
    if (hints) options.hint_endpoint = dir_.Ipc("h");
    producer_ = std::make_unique<TestService>(zmq_, dir_.File(db_name), options, clock_);
  }

  // Appends n events straight into the producer's outbox (one transaction).
  void AppendEvents(int n) {
    auto& db = producer_->db().sqlite();
    storage::WriteTransaction tx(db);
    for (int i = 0; i < n; ++i) {
      ItemAdded event;
      event.set_name("item" + std::to_string(producer_->outbox().Head() + 1));
      ASSERT_TRUE(producer_->outbox().Append(event, "", clock_.Now()).ok());
    }
    ASSERT_TRUE(tx.Commit().ok());
  }

  std::unique_ptr<storage::Database> OpenConsumerDb() {
    auto db = storage::Database::Open(dir_.File("consumer.db"), ConsumerMigrations());
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return std::move(db).value();
  }

  // A consumer whose handler records each event; `fail_at` makes it fail there.
  std::unique_ptr<EventConsumer> MakeConsumer(
      storage::Database& db, uint32_t batch, uint64_t fail_at = 0,
      std::chrono::milliseconds poll = std::chrono::hours(1), bool hints = false) {
    ConsumerOptions options;
    options.producer = "producer";
    options.endpoint = dir_.Ipc("p");
    if (hints) options.hint_endpoint = dir_.Ipc("h");
    options.consumer_name = "consumer";
    options.batch_size = batch;
    options.poll_interval = poll;
    options.apply_budget = budget_;
    auto consumer = std::make_unique<EventConsumer>(zmq_, db, nullptr, clock_, options);
    consumer->On<ItemAdded>([this, fail_at](Context& ctx, const ItemAdded& event) {
      const std::string& id = ctx.request_id();  // "producer:<seq>"
      const int64_t seq = std::stoll(id.substr(id.find(':') + 1));
      if (static_cast<uint64_t>(seq) == fail_at) return Status::Internal("handler failed");
      clock_.Advance(cost_per_event_);  // what applying it took
      SQLite::Statement up(ctx.db(),
                           "INSERT INTO applied (seq, name) VALUES (?, ?) "
                           "ON CONFLICT DO UPDATE SET times = times + 1");
      up.bind(1, seq);
      up.bind(2, event.name());
      up.exec();
      // Written, then "not yet": the consumer must undo the write.
      if (seq == not_yet_seq_) return Status::Unavailable("needs the other stream's event");
      if (seq == wait_for_seq_) applied_.set_value();
      return Status::Ok();
    });
    EXPECT_TRUE(consumer->Connect().ok());
    return consumer;
  }

  // Applies batches until the cursor reaches `head` (bounded by round trips).
  void CatchUp(EventConsumer& consumer, uint64_t head) {
    for (int round = 0; round < 1000 && consumer.Cursor() < head; ++round) {
      auto applied = consumer.SyncOnce(std::chrono::milliseconds(5000));
      ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    }
    ASSERT_EQ(consumer.Cursor(), head);
  }

  static void ExpectEachAppliedOnce(storage::Database& db, int64_t n) {
    auto& sql = db.sqlite();
    EXPECT_EQ(sql.execAndGet("SELECT COUNT(*) FROM applied").getInt64(), n);
    EXPECT_EQ(sql.execAndGet("SELECT COALESCE(MIN(seq), 0) FROM applied").getInt64(),
              n > 0 ? 1 : 0);
    EXPECT_EQ(sql.execAndGet("SELECT COALESCE(MAX(seq), 0) FROM applied").getInt64(), n);
    EXPECT_EQ(sql.execAndGet("SELECT COUNT(*) FROM applied WHERE times != 1").getInt64(), 0);
    EXPECT_EQ(sql.execAndGet("SELECT COUNT(*) FROM applied WHERE name != 'item' || seq").getInt64(),
              0);
  }

  verkosto::testing::TempDir dir_;
  zmq::context_t zmq_;
  FakeClock clock_;
  std::unique_ptr<TestService> producer_;
  // Written by the test thread, read by the handler on the loop's thread.
  std::atomic<int64_t> wait_for_seq_{-1};
  std::promise<void> applied_;
  // The handler's cost on the fake clock, the consumer's budget, and the
  // event whose handler answers "not yet" (after writing its row).
  std::chrono::microseconds cost_per_event_{0};
  std::chrono::milliseconds budget_{100};
  std::atomic<int64_t> not_yet_seq_{-1};
};

// Asks for a batch and hands the consumer its answer, as the loop would
// (bounded; a fetch not sent while the DEALER still connects is sent again).
void FetchAndApply(EventConsumer& consumer) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < give_up) {
    consumer.RequestFetch(std::chrono::steady_clock::now());
    zmq::pollitem_t item{static_cast<void*>(consumer.dealer()), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(50));
    if ((item.revents & ZMQ_POLLIN) != 0) {
      consumer.OnDealerReadable();
      return;
    }
  }
  ADD_FAILURE() << "no answer from the producer";
}

TEST_F(EventStreamTest, OutboxNumbersEventsWithoutGapsAndOnlyForCommittedChanges) {
  StartProducer();
  producer_->StartLoop();
  ClientOptions co;
  co.endpoint = dir_.Ipc("p");
  RpcClient client(zmq_, co);
  const Actor actor{"u", "U", Role::kSystem, {}, {}, {}};
  AddItemRequest ok;
  ok.set_name("a");
  AddItemRequest failing;
  failing.set_name("b");
  failing.set_fail_with_code(static_cast<int>(ErrorCode::kFailedPrecondition));
  ASSERT_TRUE(client.Call<AddItemResponse>(actor, ok).ok());
  ASSERT_FALSE(client.Call<AddItemResponse>(actor, failing).ok());
  ASSERT_TRUE(client.Call<AddItemResponse>(actor, ok).ok());
  producer_->StopLoop();
  SQLite::Statement q(producer_->db().sqlite(), "SELECT seq FROM outbox ORDER BY seq");
  std::vector<int64_t> seqs;
  while (q.executeStep()) seqs.push_back(q.getColumn(0).getInt64());
  EXPECT_EQ(seqs, (std::vector<int64_t>{1, 2}));
}

TEST_F(EventStreamTest, ConsumerStartedAfterTenThousandEventsCatchesUpWithNoGap) {
  StartProducer();
  AppendEvents(10000);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  auto consumer = MakeConsumer(*db, /*batch=*/500);
  CatchUp(*consumer, 10000);
  ExpectEachAppliedOnce(*db, 10000);
  EXPECT_EQ(consumer->status().producer_head(), 10000u);
  EXPECT_TRUE(consumer->status().error().empty());
}

// A fetch's deadline is transport time: with the business clock (of producer
// and consumer alike) decades ahead, then decades behind, the stream still flows.
TEST_F(EventStreamTest, BusinessClockYearsAheadOrBehindDoesNotStopTheStream) {
  clock_.Advance(std::chrono::hours(24 * 365 * 30));
  StartProducer();
  AppendEvents(30);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  auto consumer = MakeConsumer(*db, /*batch=*/15);
  CatchUp(*consumer, 15);
  clock_.Advance(-std::chrono::hours(24 * 365 * 60));
  CatchUp(*consumer, 30);
  ExpectEachAppliedOnce(*db, 30);
  EXPECT_TRUE(consumer->status().error().empty()) << consumer->status().error();
}

TEST_F(EventStreamTest, ConsumerThatCrashesAfterApplyingReappliesNothing) {
  StartProducer();
  AppendEvents(250);
  producer_->StartLoop();
  {
    auto db = OpenConsumerDb();
    auto consumer = MakeConsumer(*db, /*batch=*/100);
    auto applied = consumer->SyncOnce(std::chrono::milliseconds(5000));
    ASSERT_TRUE(applied.ok());
    EXPECT_EQ(*applied, 100u);
    // "Crash": the process dies after the batch committed, before it fetched more.
  }
  auto db = OpenConsumerDb();
  auto restarted = MakeConsumer(*db, /*batch=*/100);
  EXPECT_EQ(restarted->Cursor(), 100u);
  CatchUp(*restarted, 250);
  ExpectEachAppliedOnce(*db, 250);
}

TEST_F(EventStreamTest, FailureInsideABatchRollsBackTheWholeBatchAndItsCursor) {
  StartProducer();
  AppendEvents(250);
  producer_->StartLoop();
  {
    auto db = OpenConsumerDb();
    auto consumer = MakeConsumer(*db, /*batch=*/100, /*fail_at=*/150);
    ASSERT_TRUE(consumer->SyncOnce(std::chrono::milliseconds(5000)).ok());  // 1..100
    auto failed = consumer->SyncOnce(std::chrono::milliseconds(5000));      // 101..200 fails at 150
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(consumer->Cursor(), 100u);
    EXPECT_FALSE(consumer->status().error().empty());
    EXPECT_EQ(db->sqlite().execAndGet("SELECT COUNT(*) FROM applied").getInt64(), 100);
  }
  auto db = OpenConsumerDb();
  auto fixed = MakeConsumer(*db, /*batch=*/100);
  CatchUp(*fixed, 250);
  ExpectEachAppliedOnce(*db, 250);
}

// Issue 20: a batch of costly events (fan-out) is applied in transactions of
// at most the budget, and the loop gets its turn between them.
TEST_F(EventStreamTest, ABatchIsAppliedInTransactionsOfTheBudgetAndResumedFromMemory) {
  StartProducer();
  AppendEvents(10);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  cost_per_event_ = std::chrono::milliseconds(40);
  budget_ = std::chrono::milliseconds(100);
  auto consumer = MakeConsumer(*db, /*batch=*/100);
  FetchAndApply(*consumer);
  // 40, 80, 120 ms: the third event crosses the budget, the fourth waits.
  EXPECT_EQ(consumer->Cursor(), 3u);
  EXPECT_EQ(consumer->status().cursor(), 3u);
  EXPECT_EQ(consumer->status().producer_head(), 10u);
  EXPECT_TRUE(consumer->status().error().empty());
  // The rest is due at once, without another fetch: nothing is in flight.
  const auto now = std::chrono::steady_clock::now();
  EXPECT_LE(consumer->NextWakeup(), now);
  consumer->OnTimer(now);
  EXPECT_EQ(consumer->Cursor(), 6u);
  consumer->OnTimer(consumer->NextWakeup());
  consumer->OnTimer(consumer->NextWakeup());
  EXPECT_EQ(consumer->Cursor(), 10u);
  ExpectEachAppliedOnce(*db, 10);
  // Done with the batch and at the head: a timer applies nothing again.
  consumer->OnTimer(std::chrono::steady_clock::now());
  ExpectEachAppliedOnce(*db, 10);
}

TEST_F(EventStreamTest, AnEventThatIsNotYetWaitsUndoneWhileTheEventsBeforeItCommit) {
  StartProducer();
  AppendEvents(5);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  not_yet_seq_ = 3;
  auto consumer = MakeConsumer(*db, /*batch=*/100);
  FetchAndApply(*consumer);
  EXPECT_EQ(consumer->Cursor(), 2u);
  // Event 3's row was written by its handler and undone with it.
  EXPECT_EQ(db->sqlite().execAndGet("SELECT COUNT(*) FROM applied").getInt64(), 2);
  // Waiting a moment is not being stuck.
  EXPECT_TRUE(consumer->status().error().empty());
  // It is tried again after a short wait (20 ms) that doubles while it waits.
  const auto fetched = std::chrono::steady_clock::now();
  const auto first = consumer->NextWakeup();
  EXPECT_GT(first, fetched);
  EXPECT_LE(first - fetched, std::chrono::milliseconds(20));
  consumer->OnTimer(first);
  EXPECT_EQ(consumer->Cursor(), 2u);
  const auto second = consumer->NextWakeup();
  EXPECT_GE(second - fetched, std::chrono::milliseconds(40));
  // Still waiting after 10 s: now status() says what for.
  clock_.Advance(std::chrono::seconds(11));
  consumer->OnTimer(second);
  EXPECT_NE(consumer->status().error().find("event 3 of producer waits: needs the other stream's"),
            std::string::npos)
      << consumer->status().error();
  // What it needed arrived: the rest of the batch, once each.
  not_yet_seq_ = -1;
  consumer->OnTimer(consumer->NextWakeup());
  EXPECT_EQ(consumer->Cursor(), 5u);
  EXPECT_TRUE(consumer->status().error().empty());
  ExpectEachAppliedOnce(*db, 5);
}

TEST_F(EventStreamTest, SyncOnceAnswersWhyWhenItsFirstEventWaits) {
  StartProducer();
  AppendEvents(3);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  not_yet_seq_ = 1;
  auto consumer = MakeConsumer(*db, /*batch=*/100);
  auto result = consumer->SyncOnce(std::chrono::milliseconds(5000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(result.status().message().find("event 1 of producer waits"), std::string::npos)
      << result.status().ToString();
  EXPECT_EQ(consumer->Cursor(), 0u);
  EXPECT_EQ(db->sqlite().execAndGet("SELECT COUNT(*) FROM applied").getInt64(), 0);
  not_yet_seq_ = 2;  // now the first applies and the second waits: 1 applied
  auto partial = consumer->SyncOnce(std::chrono::milliseconds(5000));
  ASSERT_TRUE(partial.ok()) << partial.status().ToString();
  EXPECT_EQ(*partial, 1u);
  not_yet_seq_ = -1;
  CatchUp(*consumer, 3);
  ExpectEachAppliedOnce(*db, 3);
}

TEST_F(EventStreamTest, EpochChangeIsDetectedAndReportedAndNothingIsApplied) {
  StartProducer("first.db");
  AppendEvents(5);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  {
    auto consumer = MakeConsumer(*db, 100);
    CatchUp(*consumer, 5);
  }
  const std::string old_epoch = producer_->outbox().epoch();
  producer_.reset();
  // The producer comes back on a new database (restored elsewhere, recreated):
  // same endpoint, new epoch, its sequence numbers mean other events.
  StartProducer("second.db");
  AppendEvents(8);
  producer_->StartLoop();
  ASSERT_NE(producer_->outbox().epoch(), old_epoch);
  auto consumer = MakeConsumer(*db, 100);
  auto result = consumer->SyncOnce(std::chrono::milliseconds(5000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(result.status().message().find("changed epoch"), std::string::npos);
  EXPECT_NE(consumer->status().error().find("changed epoch"), std::string::npos);
  EXPECT_EQ(consumer->Cursor(), 5u);
  ExpectEachAppliedOnce(*db, 5);
}

TEST_F(EventStreamTest, ProducerBehindTheConsumerIsReported) {
  StartProducer("first.db");
  AppendEvents(5);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  auto consumer = MakeConsumer(*db, 100);
  CatchUp(*consumer, 5);
  // Pretend the producer lost its newest events but kept its epoch (an old backup).
  producer_->StopLoop();
  producer_->db().sqlite().exec("DELETE FROM outbox WHERE seq > 3");
  producer_->StartLoop();
  auto result = consumer->SyncOnce(std::chrono::milliseconds(5000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(consumer->Cursor(), 5u);
}

TEST_F(EventStreamTest, LoopConsumerFetchesOnHeadHintsWithoutWaitingForThePoll) {
  StartProducer("producer.db", /*hints=*/true);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  // Polling once an hour: only a hint can make it fetch within the test.
  auto consumer = MakeConsumer(*db, 100, 0, std::chrono::hours(1), /*hints=*/true);
  ServiceLoop loop;
  loop.AddConsumer(consumer.get());
  ClientOptions co;
  co.endpoint = dir_.Ipc("p");
  RpcClient client(zmq_, co);
  std::future<void> applied = applied_.get_future();
  std::thread runner([&] { loop.Run(); });
  // A subscriber that joins late misses hints (PUB/SUB drops them), so keep
  // producing until one event is applied; each command publishes a new head.
  bool seen = false;
  for (int i = 1; i <= 100 && !seen; ++i) {
    wait_for_seq_ = i;  // set before the command so the handler can match it
    AddItemRequest add;
    add.set_name("item" + std::to_string(i));
    ASSERT_TRUE(client.Call<AddItemResponse>(Actor{"u", "U", Role::kSystem, {}, {}, {}}, add).ok());
    seen = applied.wait_for(std::chrono::milliseconds(200)) == std::future_status::ready;
  }
  loop.Stop();
  runner.join();
  EXPECT_TRUE(seen) << "no hint reached the consumer";
}

TEST_F(EventStreamTest, LoopConsumerPollsWhenThereAreNoHints) {
  StartProducer();
  AppendEvents(3);
  producer_->StartLoop();
  auto db = OpenConsumerDb();
  wait_for_seq_ = 3;
  std::future<void> applied = applied_.get_future();
  auto consumer = MakeConsumer(*db, 100, 0, std::chrono::milliseconds(20));
  ServiceLoop loop;
  loop.AddConsumer(consumer.get());
  std::thread runner([&] { loop.Run(); });
  EXPECT_EQ(applied.wait_for(std::chrono::seconds(20)), std::future_status::ready);
  loop.Stop();
  runner.join();
  ExpectEachAppliedOnce(*db, 3);
}

}  // namespace
}  // namespace verkosto::messaging
