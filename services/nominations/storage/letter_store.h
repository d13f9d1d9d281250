#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/status.h"
#include "nominations/domain/letters.h"

namespace verkosto::nominations {

// One stored letter (table case_letters, schema/0017).
struct StoredLetter {
  CaseId case_id;
  LetterKind kind = LetterKind::kRequest;
  std::string language;  // "fi" or "sv"
  std::string sha256;    // lower-case hex of pdf
  int64_t size_bytes = 0;
  int64_t created_at_us = 0;
  std::string pdf;  // empty in List's rows
};

// The formal letters of cases on SQLite: written once (in the transaction of
// the act that makes them, or on the first request for a second language),
// never rewritten, so the same bytes are returned every time.
class LetterStore {
 public:
  explicit LetterStore(SQLite::Database& db) : db_(db) {}

  // Keeps `letter` unless the case has that kind and language already (the
  // first one stays). sha256 and size_bytes are computed here.
  Status Add(StoredLetter letter);

  // The case's letters without their bytes, kind then language order.
  Result<std::vector<StoredLetter>> List(const CaseId& case_id);

  Result<std::optional<StoredLetter>> Find(const CaseId& case_id, LetterKind kind,
                                           const std::string& language);

 private:
  SQLite::Database& db_;
};

// Lower-case hex SHA-256 of `bytes` (libsodium).
std::string Sha256Hex(const std::string& bytes);

}  // namespace verkosto::nominations
