#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "nominations/domain/types.h"

namespace verkosto::nominations {

// What the records export says of one stored letter (table case_letters,
// schema/0017, written by the letters of issue 19 item 1): everything but
// the PDF bytes.
struct LetterInfo {
  std::string kind;      // request, acknowledgement, decision
  std::string language;  // fi, sv
  std::string sha256;    // lower-case hex
  int64_t size_bytes = 0;
  int64_t created_at_us = 0;

  friend bool operator==(const LetterInfo&, const LetterInfo&) = default;
};

// The letters of `case_id`, in kind (request, acknowledgement, decision)
// then language order; empty when it has none (yet).
Result<std::vector<LetterInfo>> ListLetterInfos(SQLite::Database& db, const CaseId& case_id);

}  // namespace verkosto::nominations
