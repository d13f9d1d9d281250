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
    default:
      return Status::Internal(text);
  }
}

Status TranslateSqliteError(const SQLite::Exception& e) {
  return TranslateSqliteError(e.getExtendedErrorCode(), e.what());
}

}  // namespace verkosto::storage
