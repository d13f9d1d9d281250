#include "testing/migrations.h"

#include <gtest/gtest.h>

#include "networks/service.h"

namespace verkosto::networks {
namespace {

TEST(NetworksMigrationsTest, MigrateFromEmptyAndFromEachEarlierVersion) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 3u);
  testing::ExpectMigratesFromEveryVersion(migrations);
}

}  // namespace
}  // namespace verkosto::networks
