#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace verkosto::storage {

// One numbered schema step. Versions start at 1 and have no gaps; a database's
// PRAGMA user_version is the number of the last step applied.
struct Migration {
  int version;
  std::string name;  // "create_networks", from NNNN_create_networks.sql
  std::string sql;   // one or more statements
};

struct OpenOptions {
  std::chrono::milliseconds busy_timeout{5000};
  bool read_only = false;
};

// A service's SQLite database, opened the one way the project allows:
// WAL journal, synchronous=FULL (an acknowledged commit survives power loss),
// foreign keys on, a busy timeout, temporary storage in memory. Not thread-safe: one connection per
// thread.
class Database {
 public:
  // Opens or creates `path` (":memory:" for tests) and applies every migration
  // the file does not have yet, each in its own IMMEDIATE transaction.
  // Errors: invalid_argument (bad migration list), failed_precondition (the
  // file is from a newer program), unavailable (locked/busy), internal.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                std::span<const Migration> migrations,
                                                const OpenOptions& options = {});

  SQLite::Database& sqlite() { return db_; }
  const std::string& path() const { return path_; }

  // PRAGMA user_version.
  int SchemaVersion();

  // Runs PRAGMA integrity_check; ok when SQLite answers "ok".
  Status IntegrityCheck();

  // Writes a compacted copy of the whole database to a new file `target`
  // (VACUUM INTO; it refuses an existing file). `verkosto backup` uses
  // OnlineBackup below instead.
  Status BackupTo(const std::string& target);

 private:
  Database(const std::string& path, int flags);
  SQLite::Database db_;
  std::string path_;
};

// Copies `source`'s main database page by page to `target` with SQLite's
// online backup API (sqlite3_backup_init/step/finish) in one step, so the
// copy is the snapshot of `source`'s read transaction: the one it holds when
// called (a caller that opened one with BEGIN and a read keeps that snapshot
// for several databases), else one taken for the copy. Writers of other
// connections and processes go on meanwhile (WAL). `target` is created or
// overwritten; its connection is closed on return, so no -wal/-shm stays.
// Errors: unavailable (busy, locked, cannot open or write `target`), internal.
Status OnlineBackup(SQLite::Database& source, const std::string& target);

// Applies the migrations above the current user_version. Exposed for tests
// that build a database up to an earlier version.
Status Migrate(SQLite::Database& db, std::span<const Migration> migrations);

// An IMMEDIATE write transaction that rolls back unless committed
// (SQLiteCpp's Transaction with the behaviour the project requires).
class WriteTransaction {
 public:
  explicit WriteTransaction(SQLite::Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  Status Commit();

 private:
  SQLite::Database& db_;
  bool done_ = false;
};

// Runs `fn` (which may throw SQLite::Exception) and turns exceptions into a Status.
template <typename Fn>
Status Guard(Fn&& fn);

}  // namespace verkosto::storage

#include "storage/sqlite_error.h"

template <typename Fn>
verkosto::Status verkosto::storage::Guard(Fn&& fn) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    return TranslateSqliteError(e);
  } catch (const std::exception& e) {
    return Status::Internal(e.what());
  }
}
