#include "nominations/storage/case_letter_index.h"

#include <SQLiteCpp/Statement.h>

#include "storage/database.h"

namespace verkosto::nominations {

Result<std::vector<LetterInfo>> ListLetterInfos(SQLite::Database& db, const CaseId& case_id) {
  std::vector<LetterInfo> letters;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db,
                        "SELECT kind, language, sha256, size_bytes, created_at_us "
                        "FROM case_letters WHERE case_id = ? "
                        "ORDER BY CASE kind WHEN 'request' THEN 1 WHEN 'acknowledgement' THEN 2 "
                        "ELSE 3 END, language");
    q.bind(1, case_id.value());
    while (q.executeStep()) {
      letters.push_back({.kind = q.getColumn(0).getString(),
                         .language = q.getColumn(1).getString(),
                         .sha256 = q.getColumn(2).getString(),
                         .size_bytes = q.getColumn(3).getInt64(),
                         .created_at_us = q.getColumn(4).getInt64()});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return letters;
}

}  // namespace verkosto::nominations
