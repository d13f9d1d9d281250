#pragma once

#include <SQLiteCpp/Database.h>

#include <vector>

#include "core/page.h"
#include "core/result.h"
#include "core/status.h"
#include "nominations/domain/case_acts.h"

namespace verkosto::nominations {

// A case's history on SQLite (table case_acts, schema/0015). Written in the
// transaction of the events the acts record (RecordAndEmit in
// handlers/case_history.h), read a page at a time in the order written.
class CaseActStore {
 public:
  explicit CaseActStore(SQLite::Database& db) : db_(db) {}

  Status Append(const std::vector<CaseAct>& acts);

  // The acts of `case_id`, oldest first, from after page.after (the key is
  // the act's sequence number); page.fetch() rows at most.
  Result<std::vector<page::Keyed<CaseAct>>> ListPage(const CaseId& case_id,
                                                     const page::PageRequest& page);

 private:
  SQLite::Database& db_;
};

}  // namespace verkosto::nominations
