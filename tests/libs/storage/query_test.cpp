#include "storage/query.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verkosto::storage {
namespace {

// Rows (kind, seq) with several kinds and ten seqs; pages walk the filtered
// rows by seq, ascending and descending, and meet every row once.
class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.exec("CREATE TABLE t (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL)");
    for (int i = 1; i <= 10; ++i) {
      SQLite::Statement s(db_, "INSERT INTO t VALUES (?, ?, ?)");
      s.bind(1, i);
      s.bind(2, i % 3 == 0 ? "c" : "ab");
      s.bind(3, "n" + std::to_string(i));
      s.exec();
    }
  }

  // Every seq of kind `kind` read `size` at a time through tokens.
  std::vector<int64_t> ReadAll(const std::string& kind, uint32_t size, bool descending) {
    const std::vector<Query::Column> order{{"seq", Query::Key::kInteger}};
    std::vector<int64_t> seen;
    std::string token;
    int pages = 0;
    do {
      Result<page::PageRequest> page =
          page::Read(size, token, "t.list", page::FilterKey({kind}), 1);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) return seen;
      Query q;
      q.Where("kind = ?", {kind});
      EXPECT_TRUE(q.After(order, *page, descending).ok());
      SQLite::Statement s(
          db_, "SELECT seq FROM t" + q.Sql() + Query::OrderLimit(order, *page, descending));
      q.Bind(s);
      std::vector<int64_t> rows;
      while (s.executeStep()) rows.push_back(s.getColumn(0).getInt64());
      EXPECT_LE(rows.size(), page->fetch());
      token.clear();
      if (rows.size() > size) {
        rows.resize(size);
        token = page::Token("t.list", page::FilterKey({kind}), {page::KeyOf(rows.back())});
      }
      seen.insert(seen.end(), rows.begin(), rows.end());
    } while (!token.empty() && ++pages < 100);
    return seen;
  }

  SQLite::Database db_{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
};

TEST_F(QueryTest, PagesMeetEveryFilteredRowOnceInOrder) {
  EXPECT_EQ(ReadAll("ab", 3, false), (std::vector<int64_t>{1, 2, 4, 5, 7, 8, 10}));
  EXPECT_EQ(ReadAll("ab", 3, true), (std::vector<int64_t>{10, 8, 7, 5, 4, 2, 1}));
  EXPECT_EQ(ReadAll("c", 3, false), (std::vector<int64_t>{3, 6, 9}));
  EXPECT_EQ(ReadAll("c", 1000, false), (std::vector<int64_t>{3, 6, 9}));
}

TEST_F(QueryTest, AnIntegerKeyThatIsNotANumberIsABadToken) {
  Query q;
  page::PageRequest page;
  page.after = {"x"};
  Status st = q.After({{"seq", Query::Key::kInteger}}, page);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "page_token");
  EXPECT_EQ(q.Sql(), "");
}

TEST_F(QueryTest, TextKeysCompareAsTextAndTupleKeysAsTuples) {
  Query q;
  page::PageRequest page;
  page.size = 2;
  page.after = {"ab", "4"};
  const std::vector<Query::Column> order{{"kind"}, {"seq", Query::Key::kInteger}};
  ASSERT_TRUE(q.After(order, page).ok());
  EXPECT_EQ(q.Sql(), " WHERE (kind, seq) > (?, ?)");
  SQLite::Statement s(db_, "SELECT seq FROM t" + q.Sql() + Query::OrderLimit(order, page));
  EXPECT_EQ(q.Bind(s), 3);
  std::vector<int64_t> rows;
  while (s.executeStep()) rows.push_back(s.getColumn(0).getInt64());
  EXPECT_EQ(rows, (std::vector<int64_t>{5, 7, 8}));  // fetch() = size + 1
}

}  // namespace
}  // namespace verkosto::storage
