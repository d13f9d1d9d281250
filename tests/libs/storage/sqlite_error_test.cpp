#include "storage/sqlite_error.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/database.h"
#include "testing/temp_dir.h"

namespace verkosto::storage {
namespace {

const std::vector<Migration> kSchema = {
    {1, "create",
     "CREATE TABLE areas (code TEXT PRIMARY KEY, name TEXT NOT NULL);"
     "CREATE TABLE cases (id INTEGER PRIMARY KEY, area TEXT NOT NULL REFERENCES areas(code),"
     " diary TEXT, UNIQUE (area, diary));"},
};

Status Exec(SQLite::Database& db, const std::string& sql) {
  return Guard([&]() -> Status {
    db.exec(sql);
    return Status::Ok();
  });
}

TEST(SqliteErrorTest, UniqueViolationIsAlreadyExists) {
  auto db = Database::Open(":memory:", kSchema);
  ASSERT_TRUE(db.ok());
  auto& sql = (*db)->sqlite();
  ASSERT_TRUE(Exec(sql, "INSERT INTO areas VALUES ('a', 'A')").ok());
  EXPECT_EQ(Exec(sql, "INSERT INTO areas VALUES ('a', 'B')").code(), ErrorCode::kAlreadyExists);
  ASSERT_TRUE(Exec(sql, "INSERT INTO cases (area, diary) VALUES ('a', '1/2026')").ok());
  EXPECT_EQ(Exec(sql, "INSERT INTO cases (area, diary) VALUES ('a', '1/2026')").code(),
            ErrorCode::kAlreadyExists);
}

TEST(SqliteErrorTest, ForeignKeyAndNotNullViolationsAreFailedPrecondition) {
  auto db = Database::Open(":memory:", kSchema);
  ASSERT_TRUE(db.ok());
  auto& sql = (*db)->sqlite();
  EXPECT_EQ(Exec(sql, "INSERT INTO cases (area, diary) VALUES ('nowhere', 'x')").code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Exec(sql, "INSERT INTO areas (code) VALUES ('b')").code(),
            ErrorCode::kFailedPrecondition);
}

TEST(SqliteErrorTest, BusyDatabaseIsUnavailable) {
  testing::TempDir dir;
  auto first = Database::Open(dir.File("a.db"), kSchema);
  ASSERT_TRUE(first.ok());
  auto second =
      Database::Open(dir.File("a.db"), kSchema, OpenOptions{std::chrono::milliseconds(0)});
  ASSERT_TRUE(second.ok());
  WriteTransaction holding((*first)->sqlite());
  const Status status = Guard([&]() -> Status {
    WriteTransaction tx((*second)->sqlite());
    return tx.Commit();
  });
  EXPECT_EQ(status.code(), ErrorCode::kUnavailable) << status.ToString();
}

// A database that may not grow (max_page_count) fails the way a full disk
// does, with SQLITE_FULL: unavailable, saying so, and nothing half-written.
TEST(SqliteErrorTest, FullDatabaseIsUnavailableAndWritesNothing) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("full.db"), kSchema);
  ASSERT_TRUE(db.ok());
  auto& sql = (*db)->sqlite();
  const int pages = sql.execAndGet("PRAGMA page_count").getInt();
  ASSERT_TRUE(Exec(sql, "PRAGMA max_page_count = " + std::to_string(pages)).ok());
  const Status status = Guard([&]() -> Status {
    WriteTransaction tx(sql);
    sql.exec("INSERT INTO areas VALUES ('a', 'A')");
    sql.exec("INSERT INTO areas VALUES ('b', zeroblob(100000))");
    return tx.Commit();
  });
  EXPECT_EQ(status.code(), ErrorCode::kUnavailable) << status.ToString();
  EXPECT_NE(status.message().find("disk full"), std::string::npos) << status.ToString();
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM areas").getInt(), 0);
}

TEST(SqliteErrorTest, IoErrorIsUnavailable) {
  const Status status = TranslateSqliteError(SQLITE_IOERR_WRITE, "disk I/O error");
  EXPECT_EQ(status.code(), ErrorCode::kUnavailable);
  EXPECT_NE(status.message().find("I/O error"), std::string::npos) << status.ToString();
}

TEST(SqliteErrorTest, OtherFailuresAreInternal) {
  auto db = Database::Open(":memory:", kSchema);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(Exec((*db)->sqlite(), "SELECT * FROM no_such_table").code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace verkosto::storage
