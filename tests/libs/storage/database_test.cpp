#include "storage/database.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <vector>

#include "testing/migrations.h"
#include "testing/temp_dir.h"

namespace verkosto::storage {
namespace {

const std::vector<Migration> kMigrations = {
    {1, "create_areas", "CREATE TABLE areas (code TEXT PRIMARY KEY, name TEXT NOT NULL);"},
    {2, "create_municipalities",
     "CREATE TABLE municipalities (code TEXT PRIMARY KEY, "
     "area TEXT NOT NULL REFERENCES areas(code));"},
    {3, "add_area_languages", "ALTER TABLE areas ADD COLUMN languages TEXT NOT NULL DEFAULT 'fi';"},
};

TEST(DatabaseTest, OpensWithWalFullSyncForeignKeysBusyTimeoutAndMemoryTempStore) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("a.db"), kMigrations);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto& sql = (*db)->sqlite();
  EXPECT_EQ(sql.execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(sql.execAndGet("PRAGMA synchronous").getInt(), 2);  // FULL
  EXPECT_EQ(sql.execAndGet("PRAGMA foreign_keys").getInt(), 1);
  EXPECT_EQ(sql.execAndGet("PRAGMA busy_timeout").getInt(), 5000);
  EXPECT_EQ(sql.execAndGet("PRAGMA temp_store").getInt(), 2);  // MEMORY
}

TEST(DatabaseTest, MigratesFromEmptyAndFromEachEarlierVersion) {
  testing::ExpectMigratesFromEveryVersion(kMigrations);
}

TEST(DatabaseTest, ReopeningAppliesNothingTwice) {
  testing::TempDir dir;
  {
    auto db = Database::Open(dir.File("a.db"), kMigrations);
    ASSERT_TRUE(db.ok());
    (*db)->sqlite().exec("INSERT INTO areas (code, name) VALUES ('kainuu', 'Kainuu')");
  }
  auto again = Database::Open(dir.File("a.db"), kMigrations);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->SchemaVersion(), 3);
  EXPECT_EQ((*again)->sqlite().execAndGet("SELECT COUNT(*) FROM areas").getInt(), 1);
}

TEST(DatabaseTest, RefusesADatabaseFromANewerProgram) {
  testing::TempDir dir;
  ASSERT_TRUE(Database::Open(dir.File("a.db"), kMigrations).ok());
  auto old_program = Database::Open(dir.File("a.db"), std::span(kMigrations).first(2));
  ASSERT_FALSE(old_program.ok());
  EXPECT_EQ(old_program.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(DatabaseTest, RefusesMigrationsWithGapsInTheirNumbers) {
  const std::vector<Migration> gap = {kMigrations[0], kMigrations[2]};
  auto db = Database::Open(":memory:", gap);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(db.status().field(), "migrations");
}

TEST(DatabaseTest, AFailingMigrationLeavesTheEarlierVersionIntact) {
  testing::TempDir dir;
  std::vector<Migration> broken(kMigrations.begin(), kMigrations.begin() + 2);
  broken.push_back({3, "broken", "CREATE TABLE t (x INTEGER); INSERT INTO nowhere VALUES (1);"});
  auto db = Database::Open(dir.File("a.db"), broken);
  ASSERT_FALSE(db.ok());
  auto reopened = Database::Open(dir.File("a.db"), std::span(kMigrations).first(2));
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->SchemaVersion(), 2);
  EXPECT_EQ((*reopened)
                ->sqlite()
                .execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = 't'")
                .getInt(),
            0);
}

TEST(DatabaseTest, WriteTransactionRollsBackUnlessCommitted) {
  auto db = Database::Open(":memory:", kMigrations);
  ASSERT_TRUE(db.ok());
  auto& sql = (*db)->sqlite();
  {
    WriteTransaction tx(sql);
    sql.exec("INSERT INTO areas (code, name) VALUES ('a', 'A')");
  }
  EXPECT_EQ(sql.execAndGet("SELECT COUNT(*) FROM areas").getInt(), 0);
  {
    WriteTransaction tx(sql);
    sql.exec("INSERT INTO areas (code, name) VALUES ('a', 'A')");
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_EQ(sql.execAndGet("SELECT COUNT(*) FROM areas").getInt(), 1);
}

TEST(DatabaseTest, IntegrityCheckAndBackupWork) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("a.db"), kMigrations);
  ASSERT_TRUE(db.ok());
  (*db)->sqlite().exec("INSERT INTO areas (code, name) VALUES ('a', 'A')");
  EXPECT_TRUE((*db)->IntegrityCheck().ok());
  ASSERT_TRUE((*db)->BackupTo(dir.File("copy.db")).ok());
  auto copy = Database::Open(dir.File("copy.db"), kMigrations);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ((*copy)->sqlite().execAndGet("SELECT name FROM areas").getString(), "A");
  EXPECT_EQ((*db)->BackupTo(dir.File("copy.db")).code(), ErrorCode::kInternal)
      << "VACUUM INTO refuses to overwrite an existing file";
}

TEST(DatabaseTest, OnlineBackupCopiesTheSnapshotOfTheSourcesReadTransaction) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("a.db"), kMigrations);
  ASSERT_TRUE(db.ok());
  (*db)->sqlite().exec("INSERT INTO areas (code, name) VALUES ('a', 'A')");
  // A reader opens its snapshot; a writer commits after it.
  SQLite::Database reader(dir.File("a.db"), SQLite::OPEN_READONLY);
  reader.exec("BEGIN");
  EXPECT_EQ(reader.execAndGet("SELECT COUNT(*) FROM areas").getInt(), 1);
  (*db)->sqlite().exec("INSERT INTO areas (code, name) VALUES ('b', 'B')");
  ASSERT_TRUE(OnlineBackup(reader, dir.File("copy.db")).ok());
  reader.exec("COMMIT");
  {
    auto copy = Database::Open(dir.File("copy.db"), kMigrations);
    ASSERT_TRUE(copy.ok());
    EXPECT_EQ((*copy)->sqlite().execAndGet("SELECT COUNT(*) FROM areas").getInt(), 1)
        << "the copy is the reader's snapshot, without the later commit";
    EXPECT_TRUE((*copy)->IntegrityCheck().ok());
  }
  // Without a transaction of its own, the copy is the source as it is now;
  // an existing target is overwritten.
  ASSERT_TRUE(OnlineBackup((*db)->sqlite(), dir.File("copy.db")).ok());
  auto copy = Database::Open(dir.File("copy.db"), kMigrations);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ((*copy)->sqlite().execAndGet("SELECT COUNT(*) FROM areas").getInt(), 2);
}

TEST(DatabaseTest, OnlineBackupToAPlaceThatCannotBeWrittenIsUnavailable) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("a.db"), kMigrations);
  ASSERT_TRUE(db.ok());
  const Status st = OnlineBackup((*db)->sqlite(), dir.File("no/such/dir/copy.db"));
  EXPECT_EQ(st.code(), ErrorCode::kUnavailable) << st.ToString();
}

}  // namespace
}  // namespace verkosto::storage
