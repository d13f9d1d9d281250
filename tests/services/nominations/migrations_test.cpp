#include "testing/migrations.h"

#include <gtest/gtest.h>

#include "nominations/service.h"

namespace verkosto::nominations {
namespace {

TEST(NominationsMigrationsTest, MigrateFromEmptyAndFromEachEarlierVersion) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 3u);
  testing::ExpectMigratesFromEveryVersion(migrations);
}

}  // namespace
}  // namespace verkosto::nominations
