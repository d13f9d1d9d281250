#include "testing/migrations.h"

#include <SQLiteCpp/Statement.h>

namespace verkosto::testing {

std::string SchemaOf(SQLite::Database& db) {
  std::string schema;
  SQLite::Statement q(db,
                      "SELECT type, name, COALESCE(sql, '') FROM sqlite_master "
                      "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
  while (q.executeStep()) {
    schema += q.getColumn(0).getString() + " " + q.getColumn(1).getString() + ": " +
              q.getColumn(2).getString() + "\n";
  }
  return schema;
}

void ExpectMigratesFromEveryVersion(std::span<const storage::Migration> migrations) {
  auto full = storage::Database::Open(":memory:", migrations);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  EXPECT_EQ((*full)->SchemaVersion(), static_cast<int>(migrations.size()));
  const std::string expected = SchemaOf((*full)->sqlite());

  for (size_t start = 0; start < migrations.size(); ++start) {
    SCOPED_TRACE("from version " + std::to_string(start));
    auto partial = storage::Database::Open(":memory:", migrations.first(start));
    ASSERT_TRUE(partial.ok()) << partial.status().ToString();
    EXPECT_EQ((*partial)->SchemaVersion(), static_cast<int>(start));
    ASSERT_TRUE(storage::Migrate((*partial)->sqlite(), migrations).ok());
    EXPECT_EQ((*partial)->SchemaVersion(), static_cast<int>(migrations.size()));
    EXPECT_EQ(SchemaOf((*partial)->sqlite()), expected);
  }
}

}  // namespace verkosto::testing
