#include "storage/hash_chain.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "storage/database.h"

namespace verkosto::storage {
namespace {

const std::vector<Migration> kMigrations = {
    {1, "create_log",
     "CREATE TABLE log (id INTEGER PRIMARY KEY, what TEXT NOT NULL, n INTEGER NOT NULL, "
     "data BLOB NOT NULL, prev_hash TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '');"
     "CREATE TABLE chain_anchors (chain TEXT PRIMARY KEY, through INTEGER NOT NULL, "
     "hash TEXT NOT NULL, pruned_us INTEGER NOT NULL) WITHOUT ROWID;"},
};

const ChainTable kLog{"log", "log", "id", {"what", "n", "data"}};

std::vector<ChainValue> Row(const std::string& what, int64_t n) {
  return {ChainText(what), ChainValue{n}, ChainBlob(what.data(), what.size())};
}

class HashChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(Database::Open(":memory:", kMigrations)).value();
    writer_ = std::make_unique<ChainWriter>(db_->sqlite(), kLog);
  }
  void Append(int count) {
    WriteTransaction tx(db_->sqlite());
    for (int i = 0; i < count; ++i) {
      ASSERT_TRUE(writer_->Append(Row("row", i)).ok());
    }
    ASSERT_TRUE(tx.Commit().ok());
  }
  ChainReport Verify() { return std::move(VerifyChain(db_->sqlite(), kLog)).value(); }
  void Exec(const std::string& sql) { db_->sqlite().exec(sql); }

  std::unique_ptr<Database> db_;
  std::unique_ptr<ChainWriter> writer_;
};

TEST(ChainHashTest, IsDeterministicAndCoversEveryPart) {
  const std::string h = ChainHash(kGenesisHash, "log", 1, Row("a", 1));
  EXPECT_EQ(h.size(), 64U);
  EXPECT_EQ(h, ChainHash(kGenesisHash, "log", 1, Row("a", 1)));
  EXPECT_NE(h, ChainHash(h, "log", 1, Row("a", 1)));                // prev
  EXPECT_NE(h, ChainHash(kGenesisHash, "outbox", 1, Row("a", 1)));  // chain
  EXPECT_NE(h, ChainHash(kGenesisHash, "log", 2, Row("a", 1)));     // key
  EXPECT_NE(h, ChainHash(kGenesisHash, "log", 1, Row("b", 1)));     // content
  EXPECT_NE(h, ChainHash(kGenesisHash, "log", 1, Row("a", 2)));
}

TEST(ChainHashTest, FieldBoundariesAndTypesCannotShift) {
  EXPECT_NE(ChainHash(kGenesisHash, "c", 1, {ChainText("ab"), ChainText("c")}),
            ChainHash(kGenesisHash, "c", 1, {ChainText("a"), ChainText("bc")}));
  EXPECT_NE(ChainHash(kGenesisHash, "c", 1, {ChainText("5")}),
            ChainHash(kGenesisHash, "c", 1, {ChainValue{int64_t{5}}}));
  EXPECT_NE(ChainHash(kGenesisHash, "c", 1, {ChainText("x")}),
            ChainHash(kGenesisHash, "c", 1, {ChainBlob("x", 1)}));
  EXPECT_NE(ChainHash(kGenesisHash, "c", 1, {ChainText("")}),
            ChainHash(kGenesisHash, "c", 1, {ChainValue{}}));
}

TEST_F(HashChainTest, AnEmptyChainIsIntactAtGenesis) {
  const ChainReport report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.rows, 0);
  EXPECT_EQ(report.head.hash, kGenesisHash);
}

TEST_F(HashChainTest, AppendedRowsLinkToTheirPredecessors) {
  Append(3);
  const ChainReport report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.head.key, 3);
  SQLite::Statement q(db_->sqlite(), "SELECT prev_hash, hash FROM log ORDER BY id");
  std::string prev = kGenesisHash;
  while (q.executeStep()) {
    EXPECT_EQ(q.getColumn(0).getString(), prev);
    prev = q.getColumn(1).getString();
  }
  EXPECT_EQ(report.head.hash, prev);
  EXPECT_EQ(writer_->Head()->hash, prev);
}

TEST_F(HashChainTest, AChangedRowIsNamed) {
  Append(4);
  Exec("UPDATE log SET what = 'forged' WHERE id = 3");
  const ChainReport report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.bad_key, 3);
  EXPECT_NE(report.error.find("id=3"), std::string::npos) << report.error;
  EXPECT_NE(report.error.find("changed"), std::string::npos) << report.error;
}

TEST_F(HashChainTest, ARowWhoseHashWasRecomputedBreaksTheNextLink) {
  Append(4);
  const std::string forged =
      ChainHash(Verify().head.hash, "log", 2, Row("forged", 1));  // any other hash
  Exec("UPDATE log SET what = 'forged', hash = '" + forged + "' WHERE id = 2");
  const ChainReport report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.bad_key, 2);
}

TEST_F(HashChainTest, ADeletedRowIsNamed) {
  Append(4);
  Exec("DELETE FROM log WHERE id = 2");
  const ChainReport report = Verify();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.bad_key, 2);
  EXPECT_NE(report.error.find("missing"), std::string::npos) << report.error;
}

TEST_F(HashChainTest, ADeletedFirstRowIsNamed) {
  Append(2);
  Exec("DELETE FROM log WHERE id = 1");
  EXPECT_EQ(Verify().bad_key, 1);
}

TEST_F(HashChainTest, BackfillChainsRowsWrittenBeforeTheColumns) {
  Exec("INSERT INTO log (id, what, n, data) VALUES (1, 'old', 1, x'00'), (2, 'old', 2, x'')");
  {
    WriteTransaction tx(db_->sqlite());
    EXPECT_EQ(*writer_->Backfill(), 2);
    ASSERT_TRUE(writer_->Append(Row("new", 3)).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  const ChainReport report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.rows, 3);
  WriteTransaction tx(db_->sqlite());
  EXPECT_EQ(*writer_->Backfill(), 0);
}

TEST_F(HashChainTest, PruningKeepsAnAnchorTheRestVerifiesFrom) {
  Append(5);
  const std::string hash_of_3 =
      db_->sqlite().execAndGet("SELECT hash FROM log WHERE id = 3").getString();
  {
    WriteTransaction tx(db_->sqlite());
    ASSERT_TRUE(writer_->PruneThrough(3, 1000).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  ChainReport report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.rows, 2);
  EXPECT_EQ(report.first, 4);
  ASSERT_TRUE(report.anchor.has_value());
  EXPECT_EQ(report.anchor->through, 3);
  EXPECT_EQ(report.anchor->hash, hash_of_3);

  // Everything pruned: the next row continues from the anchor.
  {
    WriteTransaction tx(db_->sqlite());
    ASSERT_TRUE(writer_->PruneThrough(5, 2000).ok());
    EXPECT_EQ(writer_->Head()->key, 5);
    EXPECT_EQ(*writer_->Append(Row("after", 6)), 6);
    ASSERT_TRUE(tx.Commit().ok());
  }
  report = Verify();
  EXPECT_TRUE(report.ok()) << report.error;
  EXPECT_EQ(report.first, 6);

  // A row deleted after the anchor is still caught.
  Exec("DELETE FROM log WHERE id = 6");
  Append(1);  // id 6 again, now chained from the anchor: fine
  EXPECT_TRUE(Verify().ok());
  Append(1);
  Exec("DELETE FROM log WHERE id = 6");
  EXPECT_EQ(Verify().bad_key, 6);
}

TEST_F(HashChainTest, PruningThroughAMissingRowIsInvalid) {
  Append(2);
  WriteTransaction tx(db_->sqlite());
  EXPECT_EQ(writer_->PruneThrough(7, 0).code(), ErrorCode::kInvalidArgument);
}

TEST_F(HashChainTest, AppendWantsOneValuePerColumn) {
  WriteTransaction tx(db_->sqlite());
  EXPECT_EQ(writer_->Append({ChainText("x")}).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace verkosto::storage
