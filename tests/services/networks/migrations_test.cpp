#include "testing/migrations.h"

#include <gtest/gtest.h>

#include "networks/service.h"
#include "networks/storage/sqlite_network_repository.h"

namespace verkosto::networks {
namespace {

TEST(NetworksMigrationsTest, MigrateFromEmptyAndFromEachEarlierVersion) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 3u);
  testing::ExpectMigratesFromEveryVersion(migrations);
}

// Migration 4 stores the principal beside the actor: audit rows written
// before it read back with none ('') and the rest of their audit intact.
TEST(NetworksMigrationsTest, AuditRowsFromBeforeThePrincipalReadBackWithoutOne) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 4u);
  auto db = storage::Database::Open(":memory:", std::span(migrations).first(3));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  SQLite::Database& sqlite = (*db)->sqlite();
  // The rows as a version-3 database held them.
  sqlite.exec(
      "INSERT INTO areas (code, position, name_fi, name_sv, model, host_municipality, "
      "languages, source, confidence) VALUES ('kainuu-koillismaa', 0, 'Kainuu', '', 'own', "
      "'Kajaani', 'fi', 'test', 'verified');"
      "INSERT INTO networks (code, status, kind, owner, version, definition, created_us, "
      "updated_us) VALUES ('verkosto', 'open', 'working_group', 'KEHA-keskus', 2, x'', 1, 2);"
      "INSERT INTO network_versions (network_code, version, user_id, display_name, role, "
      "on_behalf_of, at_us, reason, changed_fields) VALUES ('verkosto', 2, 'keha-1', 'Kaisa', "
      "'keha_coordinator', '', 10, 'uusi tavoite', 'goals');"
      "INSERT INTO participation_decisions (network_code, area_code, choice, reason, user_id, "
      "display_name, role, on_behalf_of, at_us) VALUES ('verkosto', 'kainuu-koillismaa', "
      "'declines', 'ei resursseja', 'dep-1', 'Varajohtaja', 'deputy', 'dir-1', 20);"
      "INSERT INTO comments (network_code, area_code, text, user_id, display_name, role, "
      "on_behalf_of, at_us) VALUES ('verkosto', 'kainuu-koillismaa', 'Hyvä', 'dir-1', "
      "'Johtaja', 'director', '', 30);");

  ASSERT_TRUE(storage::Migrate(sqlite, migrations).ok());
  SqliteNetworkRepository repo(sqlite);
  const NetworkCode code("verkosto");
  const AreaCode area("kainuu-koillismaa");
  uint32_t total = 0;
  auto versions = repo.NewestVersions(code, 100, &total);
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  EXPECT_EQ(*versions,
            (std::vector<NetworkVersion>{{2,
                                          Audit{"keha-1", "Kaisa", Role::kKehaCoordinator, "",
                                                FromMicros(10), "uusi tavoite", ""},
                                          {"goals"}}}));
  auto history = repo.History(code, area);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_EQ(history->decisions, (std::vector<ParticipationDecision>{
                                    {code, area, ParticipationChoice::kDeclines, "ei resursseja",
                                     Audit{"dep-1", "Varajohtaja", Role::kAreaDeputy, "dir-1",
                                           FromMicros(20), "ei resursseja", ""}}}));
  auto comments = repo.NewestComments(code, 100, &total);
  ASSERT_TRUE(comments.ok()) << comments.status().ToString();
  EXPECT_EQ(*comments, (std::vector<Comment>{{code, area, "Hyvä",
                                              Audit{"dir-1", "Johtaja", Role::kAreaDirector, "",
                                                    FromMicros(30), "", ""}}}));
}

}  // namespace
}  // namespace verkosto::networks
