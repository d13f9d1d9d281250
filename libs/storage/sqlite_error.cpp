#include "storage/sqlite_error.h"

#include <sqlite3.h>

#include <string>

namespace verkosto::storage {

Status TranslateSqliteError(int extended_code, const char* message) {
  const std::string text = std::string("database: ") + (message ? message : "error");
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Status::AlreadyExists(text);
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_CONSTRAINT:
      return Status::FailedPrecondition(text);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(text);
    // A full disk or a failing write is the machine's state, not the
    // request's: the transaction was rolled back, and the same command
    // succeeds once space returns (the full-disk drill shows it), so the
    // caller should retry later rather than report a bug.
    case SQLITE_FULL:
      return Status::Unavailable("database: disk full, nothing was written (" +
                                 std::string(message ? message : "error") + ")");
    case SQLITE_IOERR:
      return Status::Unavailable("database: I/O error, nothing was written (" +
                                 std::string(message ? message : "error") + ")");
    default:
      return Status::Internal(text);
  }
}

Status TranslateSqliteError(const SQLite::Exception& e) {
  return TranslateSqliteError(e.getExtendedErrorCode(), e.what());
}

}  // namespace verkosto::storage
