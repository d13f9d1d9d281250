#pragma once

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/page.h"
#include "core/status.h"

namespace verkosto::storage {

// A list query's WHERE clause built from its filters and its page (core/page.h),
// with the values bound in the order they were added. Keeps every filter in
// SQL, before the LIMIT, so a page is never cut short by a filter applied
// afterwards.
//
//   Query q;
//   if (status) q.Where("status = ?", {name});
//   VERKOSTO_RETURN_IF_ERROR(q.After({{"code", Key::kText}}, page));
//   SQLite::Statement s(db, "SELECT ... FROM networks" + q.Sql() +
//                           q.OrderLimit({"code"}, page));
//   q.Bind(s);
class Query {
 public:
  using Value = std::variant<std::string, int64_t>;
  enum class Key { kText, kInteger };
  struct Column {
    std::string name;
    Key type = Key::kText;
  };

  // ANDs `condition` (with one ? per value) to the clause.
  void Where(std::string condition, std::vector<Value> values = {});

  // Rows after the page's key in the order of `columns` (ascending, or all
  // descending): "(a, b) > (?, ?)". Nothing for a first page. Errors:
  // invalid_argument on "page_token" when an integer column's key is not one.
  Status After(const std::vector<Column>& columns, const page::PageRequest& page,
               bool descending = false);

  // " WHERE ..." or "".
  std::string Sql() const;
  // " ORDER BY a, b LIMIT <page.fetch()>" (each column DESC when descending).
  static std::string OrderLimit(const std::vector<Column>& columns, const page::PageRequest& page,
                                bool descending = false);
  // Binds the values from parameter `first` on; returns the next free index.
  int Bind(SQLite::Statement& statement, int first = 1) const;

 private:
  std::vector<std::string> conditions_;
  std::vector<Value> values_;
};

}  // namespace verkosto::storage
