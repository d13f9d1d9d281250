#pragma once

#include <SQLiteCpp/Exception.h>

#include "core/status.h"

namespace verkosto::storage {

// The one translation of SQLite failures into the project's error codes:
//   UNIQUE / PRIMARY KEY constraint  -> already_exists
//   other constraint (FK, CHECK, NOT NULL) -> failed_precondition
//   BUSY / LOCKED                    -> unavailable
//   FULL (disk full), IOERR          -> unavailable, "database: disk full, ..." /
//                                       "database: I/O error, ..." (rolled back; retry later)
//   CORRUPT and the rest             -> internal
Status TranslateSqliteError(const SQLite::Exception& e);
Status TranslateSqliteError(int extended_code, const char* message);

}  // namespace verkosto::storage
