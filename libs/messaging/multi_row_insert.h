#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace verkosto::messaging {

// Inserts many rows into one table with few statements: one
// `INSERT ... VALUES (...), (...), ...` per chunk of up to kMaxRows rows,
// each row count's statement prepared once and kept. SQLite then pays a
// statement's set-up and tear-down per chunk, not per row (RpcServer writes
// a group's stored replies and outbox rows this way).
// Not thread-safe (as the connection).
class MultiRowInsert {
 public:
  static constexpr size_t kMaxRows = 64;

  // `head` is "INSERT INTO t (a, b, c)"; a row has `columns` values.
  MultiRowInsert(SQLite::Database& db, std::string head, int columns)
      : db_(db), head_(std::move(head)), columns_(columns), statements_(kMaxRows) {}

  // Inserts `count` rows. bind_row(statement, first, i) binds row i's values
  // to the parameters from `first` on; values bound without a copy
  // (bindNoCopy) must outlive the call. Throws SQLite::Exception.
  template <typename BindRow>
  void Write(size_t count, BindRow&& bind_row) {
    for (size_t done = 0; done < count;) {
      const size_t rows = std::min(kMaxRows, count - done);
      SQLite::Statement& statement = For(rows);
      // Leaves the statement reset and without pointers into the caller's
      // rows, also when a bind or the insert throws.
      struct Reset {
        SQLite::Statement& s;
        ~Reset() {
          s.tryReset();
          try {
            s.clearBindings();                  // cannot fail: SQLite only sets them to NULL
          } catch (const SQLite::Exception&) {  // NOLINT(bugprone-empty-catch)
          }
        }
      } reset{statement};
      for (size_t i = 0; i < rows; ++i)
        bind_row(statement, static_cast<int>(i) * columns_ + 1, done + i);
      statement.exec();
      done += rows;
    }
  }

 private:
  SQLite::Statement& For(size_t rows) {
    std::unique_ptr<SQLite::Statement>& statement = statements_[rows - 1];
    if (!statement) {
      std::string row = "(?";
      for (int i = 1; i < columns_; ++i) row += ", ?";
      row += ")";
      std::string sql = head_ + " VALUES " + row;
      for (size_t i = 1; i < rows; ++i) sql += ", " + row;
      statement = std::make_unique<SQLite::Statement>(db_, sql);
    }
    return *statement;
  }

  SQLite::Database& db_;
  std::string head_;
  int columns_;
  std::vector<std::unique_ptr<SQLite::Statement>> statements_;  // [rows - 1]
};

}  // namespace verkosto::messaging
