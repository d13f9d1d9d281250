#include "storage/database.h"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

namespace verkosto::storage {

Database::Database(const std::string& path, int flags) : db_(path, flags), path_(path) {}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                 std::span<const Migration> migrations,
                                                 const OpenOptions& options) {
  std::unique_ptr<Database> db;
  Status status = Guard([&]() -> Status {
    const int flags =
        options.read_only ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.reset(new Database(path, flags));
    db->db_.setBusyTimeout(static_cast<int>(options.busy_timeout.count()));
    if (!options.read_only && path != ":memory:") {
      // Nominee data, password hashes, the audit: the owner's alone, also
      // for a database an earlier version created with the umask's 0644
      // (SQLite gives its -wal and -shm files the database's mode).
      for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::string file = path + suffix;
        struct stat st {};
        if (stat(file.c_str(), &st) == 0 && st.st_uid == geteuid() && (st.st_mode & 077) != 0) {
          chmod(file.c_str(), 0600);
        }
      }
    }
    if (!options.read_only) {
      // WAL lets readers work beside the single writer; FULL makes every
      // commit durable before the reply goes out.
      db->db_.exec("PRAGMA journal_mode=WAL");
    }
    db->db_.exec("PRAGMA synchronous=FULL");
    db->db_.exec("PRAGMA foreign_keys=ON");
    // Savepoints and sorts stay in memory instead of churning temp buffers.
    db->db_.exec("PRAGMA temp_store=MEMORY");
    if (options.read_only) return Status::Ok();
    return Migrate(db->db_, migrations);
  });
  if (!status.ok()) return status;
  return db;
}

Status Migrate(SQLite::Database& db, std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Status::InvalidArgument("migrations", "migration '" + migrations[i].name +
                                                       "' has version " +
                                                       std::to_string(migrations[i].version) +
                                                       ", expected " + std::to_string(i + 1));
    }
  }
  return Guard([&]() -> Status {
    const int current = db.execAndGet("PRAGMA user_version").getInt();
    if (current > static_cast<int>(migrations.size())) {
      return Status::FailedPrecondition("database schema version " + std::to_string(current) +
                                        " is newer than this program knows (" +
                                        std::to_string(migrations.size()) + ")");
    }
    for (auto i = static_cast<size_t>(current); i < migrations.size(); ++i) {
      WriteTransaction tx(db);
      db.exec(migrations[i].sql);
      db.exec("PRAGMA user_version = " + std::to_string(migrations[i].version));
      VERKOSTO_RETURN_IF_ERROR(tx.Commit());
    }
    return Status::Ok();
  });
}

int Database::SchemaVersion() { return db_.execAndGet("PRAGMA user_version").getInt(); }

Status Database::IntegrityCheck() {
  return Guard([&]() -> Status {
    const std::string answer = db_.execAndGet("PRAGMA integrity_check").getString();
    if (answer == "ok") return Status::Ok();
    return Status::Internal("integrity_check: " + answer);
  });
}

Status Database::BackupTo(const std::string& target) {
  return Guard([&]() -> Status {
    SQLite::Statement stmt(db_, "VACUUM INTO ?");
    stmt.bind(1, target);
    stmt.exec();
    return Status::Ok();
  });
}

Status OnlineBackup(SQLite::Database& source, const std::string& target) {
  return Guard([&]() -> Status {
    std::unique_ptr<SQLite::Database> opened;
    try {
      opened =
          std::make_unique<SQLite::Database>(target, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    } catch (const SQLite::Exception& e) {
      return Status::Unavailable("cannot open " + target + ": " + e.what());
    }
    SQLite::Database& copy = *opened;
    sqlite3_backup* backup =
        sqlite3_backup_init(copy.getHandle(), "main", source.getHandle(), "main");
    if (backup == nullptr) {
      return Status::Unavailable("cannot copy " + source.getFilename() + " to " + target + ": " +
                                 sqlite3_errmsg(copy.getHandle()));
    }
    // -1: every page in one step, under one read transaction of the source.
    const int stepped = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
      const int code = stepped != SQLITE_DONE ? stepped : finished;
      const std::string why = sqlite3_errstr(code);
      if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_CANTOPEN ||
          code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY) {
        return Status::Unavailable("cannot copy " + source.getFilename() + " to " + target + ": " +
                                   why);
      }
      return Status::Internal("cannot copy " + source.getFilename() + " to " + target + ": " + why);
    }
    return Status::Ok();
  });
}

WriteTransaction::WriteTransaction(SQLite::Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

WriteTransaction::~WriteTransaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): nothing more to do in a destructor
    }
  }
}

Status WriteTransaction::Commit() {
  return Guard([&]() -> Status {
    db_.exec("COMMIT");
    done_ = true;
    return Status::Ok();
  });
}

}  // namespace verkosto::storage
