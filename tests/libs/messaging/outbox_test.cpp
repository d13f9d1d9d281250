#include "messaging/outbox.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "messaging/schema.h"
#include "storage/database.h"
#include "storage/hash_chain.h"
#include "testing/temp_dir.h"
#include "verkosto/common/v1/chain.pb.h"
#include "verkosto/common/v1/diagnostics.pb.h"

namespace verkosto::messaging {
namespace {

const TimePoint kNow = FromMicros(1'700'000'000'000'000);

std::vector<storage::Migration> Migrations() {
  return {MessagingTablesMigration(), AuditChainMigration(2)};
}

common::v1::PingRecorded Ping(const std::string& note) {
  common::v1::PingRecorded ping;
  ping.set_service("test");
  ping.set_note(note);
  return ping;
}

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::Database::Open(":memory:", Migrations())).value();
    outbox_ = std::move(Outbox::Open(db_->sqlite(), "test")).value();
  }
  void Append(int count) {
    storage::WriteTransaction tx(db_->sqlite());
    for (int i = 0; i < count; ++i) ASSERT_TRUE(outbox_->Append(Ping("p"), "r", kNow).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  storage::ChainReport Verify() {
    return std::move(storage::VerifyChain(db_->sqlite(), OutboxChainTable())).value();
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Outbox> outbox_;
};

TEST_F(OutboxTest, AppendedEventsFormAChainAndFetchCarriesTheirHashes) {
  Append(3);
  const storage::ChainReport report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(outbox_->Head(), 3U);
  EXPECT_EQ(outbox_->ChainHead()->hash, report.head.hash);
  auto batch = outbox_->Fetch(0, 10);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->events_size(), 3);
  EXPECT_EQ(batch->events(2).hash(), report.head.hash);
}

// RpcServer's group commit: rows held in memory and written in one go make
// the same chain as rows appended one by one, numbered on from the head.
TEST_F(OutboxTest, HeldEventsAreWrittenInOrderAsOneChainWithTheAppendedOnes) {
  Append(2);
  // More than two multi-row chunks (64 rows each) and a remainder.
  constexpr int kHeld = 150;
  {
    storage::WriteTransaction tx(db_->sqlite());
    ASSERT_TRUE(outbox_->Hold().ok());
    for (int i = 0; i < kHeld; ++i) {
      EXPECT_EQ(*outbox_->Append(Ping("held" + std::to_string(i)), "r", kNow),
                static_cast<uint64_t>(3 + i));
    }
    // Counted by Head() and ChainHead() at once, served by Fetch only once written.
    EXPECT_EQ(outbox_->Head(), 2U + kHeld);
    EXPECT_EQ(outbox_->ChainHead()->key, 2 + kHeld);
    EXPECT_EQ(outbox_->Fetch(0, 1000)->events_size(), 2);
    EXPECT_EQ(outbox_->Fetch(0, 1000)->head_seq(), 2U);
    ASSERT_TRUE(outbox_->WriteHeld().ok());
    EXPECT_FALSE(outbox_->holding());
    ASSERT_TRUE(tx.Commit().ok());
  }
  Append(1);  // and one by one again after them
  const storage::ChainReport report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.rows, 3 + kHeld);
  EXPECT_EQ(outbox_->Head(), 3U + kHeld);
  auto batch = outbox_->Fetch(2, 1000);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->events_size(), kHeld + 1);
  for (int i = 0; i < kHeld; ++i) {
    EXPECT_EQ(batch->events(i).seq(), static_cast<uint64_t>(3 + i));
    common::v1::PingRecorded ping;
    ASSERT_TRUE(batch->events(i).payload().UnpackTo(&ping));
    EXPECT_EQ(ping.note(), "held" + std::to_string(i));
  }
}

TEST_F(OutboxTest, DroppedAndAbandonedHeldEventsLeaveNoRowAndNoGap) {
  Append(1);
  {
    storage::WriteTransaction tx(db_->sqlite());
    ASSERT_TRUE(outbox_->Hold().ok());
    ASSERT_TRUE(outbox_->Append(Ping("kept"), "a", kNow).ok());
    const size_t mark = outbox_->held();
    ASSERT_TRUE(outbox_->Append(Ping("undone"), "b", kNow).ok());
    ASSERT_TRUE(outbox_->Append(Ping("undone too"), "b", kNow).ok());
    outbox_->DropHeld(mark);  // the command that emitted them failed
    EXPECT_EQ(outbox_->Head(), 2U);
    EXPECT_EQ(*outbox_->Append(Ping("next"), "c", kNow), 3U);
    ASSERT_TRUE(outbox_->WriteHeld().ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  {
    storage::WriteTransaction tx(db_->sqlite());  // rolled back
    ASSERT_TRUE(outbox_->Hold().ok());
    ASSERT_TRUE(outbox_->Append(Ping("lost with the group"), "d", kNow).ok());
    outbox_->AbandonHeld();
  }
  EXPECT_EQ(outbox_->Head(), 3U);
  Append(1);
  const storage::ChainReport report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.rows, 4);
  auto batch = outbox_->Fetch(1, 10);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->events_size(), 3);
  EXPECT_EQ(batch->events(0).request_id(), "a");
  EXPECT_EQ(batch->events(1).request_id(), "c");
  EXPECT_EQ(batch->events(2).request_id(), "r");
}

TEST_F(OutboxTest, OpenChainsEventsWrittenBeforeTheChainMigration) {
  testing::TempDir dir;
  const std::vector<storage::Migration> before = {MessagingTablesMigration()};
  {
    auto db = std::move(storage::Database::Open(dir.File("old.db"), before)).value();
    const std::string payload = Ping("old").SerializeAsString();
    SQLite::Statement insert(db->sqlite(),
                             "INSERT INTO outbox (seq, type, payload, occurred_us, request_id) "
                             "VALUES (?, 'verkosto.common.v1.PingRecorded', ?, 1, 'r')");
    for (int seq = 1; seq <= 3; ++seq) {
      insert.reset();
      insert.bind(1, seq);
      insert.bind(2, payload.data(), static_cast<int>(payload.size()));
      insert.exec();
    }
  }
  auto db = std::move(storage::Database::Open(dir.File("old.db"), Migrations())).value();
  auto outbox = std::move(Outbox::Open(db->sqlite(), "test")).value();
  {
    storage::WriteTransaction tx(db->sqlite());
    EXPECT_EQ(*outbox->Append(Ping("new"), "r", kNow), 4U);
    ASSERT_TRUE(tx.Commit().ok());
  }
  const auto report = storage::VerifyChain(db->sqlite(), OutboxChainTable());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->error;
  EXPECT_EQ(report->rows, 4);
}

TEST_F(OutboxTest, PruneThroughKeepsAnAnchorConfirmedByAChainPrunedEvent) {
  Append(5);
  const std::string hash_of_3 =
      db_->sqlite().execAndGet("SELECT hash FROM outbox WHERE seq = 3").getString();
  {
    storage::WriteTransaction tx(db_->sqlite());
    auto seq = outbox_->PruneThrough(3, kNow);
    ASSERT_TRUE(seq.ok()) << seq.status().ToString();
    EXPECT_EQ(*seq, 6U);
    ASSERT_TRUE(tx.Commit().ok());
  }
  const storage::ChainReport report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.first, 4);
  ASSERT_TRUE(report.anchor.has_value());
  EXPECT_EQ(report.anchor->through, 3);
  EXPECT_EQ(report.anchor->hash, hash_of_3);

  auto batch = outbox_->Fetch(3, 10);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->events_size(), 3);
  common::v1::ChainPruned pruned;
  ASSERT_TRUE(batch->events(2).payload().UnpackTo(&pruned));
  EXPECT_EQ(pruned.through(), 3U);
  EXPECT_EQ(pruned.through_hash(), hash_of_3);
  // A consumer behind the cut is told, not handed a gap.
  EXPECT_EQ(outbox_->Fetch(1, 10).status().code(), ErrorCode::kFailedPrecondition);

  Append(1);
  EXPECT_TRUE(Verify().ok());
  EXPECT_EQ(outbox_->Head(), 7U);
}

TEST_F(OutboxTest, PruneThroughRefusesWhatIsNotThere) {
  Append(2);
  storage::WriteTransaction tx(db_->sqlite());
  EXPECT_EQ(outbox_->PruneThrough(0, kNow).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(outbox_->PruneThrough(3, kNow).status().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(outbox_->PruneThrough(1, kNow).ok());
  EXPECT_EQ(outbox_->PruneThrough(1, kNow).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(OutboxTest, ConsumerProgressOnlyMovesForwardAndBoundsPruning) {
  Append(9);
  ASSERT_TRUE(outbox_->RecordConsumerProgress("nominations", 5, kNow).ok());
  ASSERT_TRUE(outbox_->RecordConsumerProgress("nominations", 2, kNow).ok());
  ASSERT_TRUE(outbox_->RecordConsumerProgress("notifications", 7, kNow).ok());
  const auto progress = outbox_->ConsumerProgress();
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->at("nominations"), 5U);
  EXPECT_EQ(progress->at("notifications"), 7U);
  EXPECT_EQ(*outbox_->ReadByAll({"nominations", "notifications"}), 5U);
  EXPECT_EQ(*outbox_->ReadByAll({"nominations", "gateway"}), 0U);
  EXPECT_EQ(*outbox_->ReadByAll({}), 9U);
}

}  // namespace
}  // namespace verkosto::messaging
