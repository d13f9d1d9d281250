#include "testing/migrations.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/fixtures.h"
#include "nominations/service.h"
#include "nominations/storage/sqlite_nomination_repository.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

TEST(NominationsMigrationsTest, MigrateFromEmptyAndFromEachEarlierVersion) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 3u);
  testing::ExpectMigratesFromEveryVersion(migrations);
}

// An id as the code before migration 5 made it: '/' between the parts.
template <typename Id>
Id Legacy(const Id& id) {
  std::string text = id.value();
  std::replace(text.begin(), text.end(), '.', '/');
  return Id(text);
}
Case Legacy(Case c) {
  c.id = Legacy(c.id);
  c.replaced_membership = Legacy(c.replaced_membership);
  if (c.decision) {
    for (MembershipId& m : c.decision->memberships) m = Legacy(m);
  }
  return c;
}
MembershipRecord Legacy(MembershipRecord m) {
  m.id = Legacy(m.id);
  m.case_id = Legacy(m.case_id);
  m.replaces = Legacy(m.replaces);
  m.replaced_by = Legacy(m.replaced_by);
  return m;
}

// Rows that still hold a '/' in a column that names a case or membership.
int LegacyIdsLeft(SQLite::Database& db) {
  int left = 0;
  for (const char* column :
       {"cases.id", "cases.replaced_membership", "registrations.case_id", "nominees.case_id",
        "nominees.membership_id", "memberships.id", "memberships.case_id", "memberships.replaces",
        "memberships.replaced_by"}) {
    const std::string name(column);
    const std::string table = name.substr(0, name.find('.'));
    const std::string field = name.substr(name.find('.') + 1);
    left += db.execAndGet("SELECT COUNT(*) FROM " + table + " WHERE instr(" + field + ", '/') > 0")
                .getInt();
  }
  return left;
}

// Migration 5 gives stored ids the current form: a chain the domain made
// today (approval, replacement of one member), stored with legacy ids by a
// version-4 database, reads back exactly as the domain made it.
TEST(NominationsMigrationsTest, LegacyCaseAndMembershipIdsAreRewrittenEverywhere) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 5u);
  const ApprovalOutcome first = Approve(RegisteredCase(kHelsinki), {Person("anna"), Person("ben")});
  const Membership& anna = first.started.at(0);
  auto requested = RequestReplacement(
      OpenNetwork(), anna,
      RequestReplacementCommand{RequestId("rep-1"), D(2026, 9, 30), "Anna is leaving", ""}, Keha(),
      At(2026, 8, 3));
  ASSERT_TRUE(requested.ok()) << requested.status().ToString();
  auto registered =
      RegisterCase(requested->case_after,
                   RegisterCommand{"1002/14.07.00/2026", "Helsingin kaupunki", D(2026, 8, 4)},
                   NoDiaryNumbers(), Clerk(kHelsinki), At(2026, 8, 4));
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  const ApprovalOutcome second =
      Approve(registered->case_after, {Person("dora")}, &anna, At(2026, 8, 5));
  ASSERT_TRUE(second.replaced.has_value());
  const std::vector<Case> cases = {first.case_after, second.case_after};
  const std::vector<MembershipRecord> memberships = {
      second.replaced->record(), first.started.at(1).record(), second.started.at(0).record()};
  ASSERT_EQ(cases[1].replaced_membership, MembershipId("req-1.helsinki.1"));

  auto db = storage::Database::Open(":memory:", std::span(migrations).first(4));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  SqliteNominationRepository repo((*db)->sqlite());
  for (const Case& c : cases) {
    ASSERT_TRUE(repo.InsertRequest({c.request_id, c.network, c.kind, Channel::kSystem,
                                    MakeStamp(Keha(), SentAt())})
                    .ok());
    ASSERT_TRUE(repo.SaveCase(Legacy(c)).ok());
  }
  for (const MembershipRecord& m : memberships) {
    ASSERT_TRUE(repo.InsertMembership(Legacy(m)).ok());
  }
  ASSERT_EQ(LegacyIdsLeft((*db)->sqlite()), 19);

  ASSERT_TRUE(storage::Migrate((*db)->sqlite(), migrations).ok());
  EXPECT_EQ(LegacyIdsLeft((*db)->sqlite()), 0);
  SQLite::Statement broken((*db)->sqlite(), "PRAGMA foreign_key_check");
  EXPECT_FALSE(broken.executeStep()) << "a reference points nowhere";
  for (const Case& c : cases) {
    auto found = repo.FindCase(c.id);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    ASSERT_TRUE(found->has_value()) << c.id.value();
    EXPECT_EQ(**found, c);
  }
  for (const MembershipRecord& m : memberships) {
    // Restoring a membership checks it against the case that decided it.
    auto found = repo.FindMembership(m.id);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    ASSERT_TRUE(found->has_value()) << m.id.value();
    EXPECT_EQ((*found)->record(), m);
  }
}

}  // namespace
}  // namespace verkosto::nominations
