#include "testing/migrations.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <span>

#include "domain/fixtures.h"
#include "nominations/service.h"
#include "nominations/storage/case_act_store.h"
#include "nominations/storage/sqlite_nomination_repository.h"
#include "testing/temp_dir.h"

namespace verkosto::nominations {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

TEST(NominationsMigrationsTest, MigrateFromEmptyAndFromEachEarlierVersion) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 3u);
  testing::ExpectMigratesFromEveryVersion(migrations);
}

// A database at schema `version` holding what `write` stores through the
// current repository, which cannot write an older schema: the rows are
// written to a current database and copied over with the columns the older
// one has. Null (and a failed test) on an error.
std::unique_ptr<storage::Database> OlderDatabaseWith(
    std::span<const storage::Migration> migrations, size_t version,
    const std::function<void(SqliteNominationRepository&)>& write) {
  verkosto::testing::TempDir dir;
  const std::string current_path = dir.File("current.db");
  {
    auto current = storage::Database::Open(current_path, migrations);
    EXPECT_TRUE(current.ok()) << current.status().ToString();
    if (!current.ok()) return nullptr;
    SqliteNominationRepository repo((*current)->sqlite());
    write(repo);
  }
  if (::testing::Test::HasFatalFailure()) return nullptr;
  auto older = storage::Database::Open(":memory:", migrations.first(version));
  EXPECT_TRUE(older.ok()) << older.status().ToString();
  if (!older.ok()) return nullptr;
  SQLite::Database& db = (*older)->sqlite();
  SQLite::Statement attach(db, "ATTACH DATABASE ? AS current");
  attach.bind(1, current_path);
  attach.exec();
  // Referenced tables first: the foreign keys are checked row by row.
  for (const char* name : {"requests", "cases", "registrations", "nominees", "memberships"}) {
    const std::string table(name);
    std::string columns;
    SQLite::Statement info(db, "SELECT name FROM pragma_table_info(?, 'main')");
    info.bind(1, table);
    while (info.executeStep()) {
      columns += (columns.empty() ? "\"" : ", \"") + info.getColumn(0).getString() + "\"";
    }
    db.exec("INSERT INTO main." + table + " (" + columns + ") SELECT " + columns +
            " FROM current." + table);
  }
  db.exec("DETACH DATABASE current");
  return std::move(older).value();
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

// Each of `cases` and `memberships` reads back from `repo` exactly as given.
void ExpectReadBack(SqliteNominationRepository& repo, const std::vector<Case>& cases,
                    const std::vector<MembershipRecord>& memberships) {
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

  auto db = OlderDatabaseWith(migrations, 4, [&](SqliteNominationRepository& writer) {
    for (const Case& c : cases) {
      ASSERT_TRUE(writer
                      .InsertRequest({c.request_id, c.network, c.kind, Channel::kSystem,
                                      MakeStamp(Keha(), SentAt())})
                      .ok());
      ASSERT_TRUE(writer.SaveCase(Legacy(c)).ok());
    }
    for (const MembershipRecord& m : memberships) {
      ASSERT_TRUE(writer.InsertMembership(Legacy(m)).ok());
    }
  });
  ASSERT_NE(db, nullptr);
  ASSERT_EQ(db->SchemaVersion(), 4);
  ASSERT_EQ(LegacyIdsLeft(db->sqlite()), 19);

  ASSERT_TRUE(storage::Migrate(db->sqlite(), migrations).ok());
  EXPECT_EQ(LegacyIdsLeft(db->sqlite()), 0);
  SqliteNominationRepository repo(db->sqlite());
  SQLite::Statement broken(db->sqlite(), "PRAGMA foreign_key_check");
  EXPECT_FALSE(broken.executeStep()) << "a reference points nowhere";
  ExpectReadBack(repo, cases, memberships);
}

// `c` with every stamp carried by `principal`.
Case CarriedBy(Case c, const std::string& principal) {
  if (c.sent) c.sent->principal = principal;
  if (c.registration) c.registration->registered.principal = principal;
  if (c.decision) c.decision->decided.principal = principal;
  if (c.withdrawn) c.withdrawn->principal = principal;
  return c;
}
MembershipRecord CarriedBy(MembershipRecord m, const std::string& principal) {
  m.decided.principal = principal;
  if (m.ended_by) m.ended_by->principal = principal;
  return m;
}

// Migration 6 stores the principal beside every stamp: stamps written before
// it read back with none ('') and the rest as they were; where there is no
// stamp its principal stays NULL like the stamp's other columns.
TEST(NominationsMigrationsTest, StampsFromBeforeThePrincipalReadBackWithoutOne) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 6u);
  // The fixtures' stamps have no principal: what a version-5 database gives back.
  const ApprovalOutcome approved =
      Approve(RegisteredCase(kHelsinki), {Person("anna"), Person("ben")});
  auto withdrawn =
      WithdrawCase(SentCase(kVantaa), WithdrawCommand{"Sent by mistake"}, Keha(), At(2026, 6, 4));
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  auto resigned =
      RecordResignation(approved.started.at(0), ResignationCommand{D(2026, 6, 4), "moved"},
                        Director(kHelsinki), At(2026, 6, 5));
  ASSERT_TRUE(resigned.ok()) << resigned.status().ToString();
  const std::vector<Case> cases = {approved.case_after, withdrawn->case_after};
  const std::vector<MembershipRecord> memberships = {resigned->membership.record(),
                                                     approved.started.at(1).record()};
  ASSERT_TRUE(memberships[0].ended_by.has_value());

  auto db = OlderDatabaseWith(migrations, 5, [&](SqliteNominationRepository& writer) {
    ASSERT_TRUE(writer
                    .InsertRequest({cases[0].request_id, cases[0].network, cases[0].kind,
                                    Channel::kSystem, CarriedBy(cases[0], "gateway").sent.value()})
                    .ok());
    for (const Case& c : cases) ASSERT_TRUE(writer.SaveCase(CarriedBy(c, "gateway")).ok());
    for (const MembershipRecord& m : memberships) {
      ASSERT_TRUE(writer.InsertMembership(CarriedBy(m, "gateway")).ok());
    }
  });
  ASSERT_NE(db, nullptr);
  ASSERT_EQ(db->SchemaVersion(), 5);

  ASSERT_TRUE(storage::Migrate(db->sqlite(), migrations).ok());
  SqliteNominationRepository repo(db->sqlite());
  ExpectReadBack(repo, cases, memberships);
  // '' for each stamp there is, NULL where there is none.
  auto principals = [&](const std::string& sql) {
    std::vector<std::string> out;
    SQLite::Statement q(db->sqlite(), sql);
    while (q.executeStep()) {
      for (int i = 0; i < q.getColumnCount(); ++i) {
        out.push_back(q.getColumn(i).isNull() ? "NULL" : "'" + q.getColumn(i).getString() + "'");
      }
    }
    return out;
  };
  EXPECT_EQ(principals("SELECT principal FROM requests"), std::vector<std::string>{"''"});
  EXPECT_EQ(principals("SELECT principal FROM registrations"), std::vector<std::string>{"''"});
  EXPECT_EQ(principals("SELECT sent_principal, decided_principal, withdrawn_principal "
                       "FROM cases ORDER BY area_code"),
            (std::vector<std::string>{"''", "''", "NULL", "''", "NULL", "''"}))
      << "helsinki: sent and approved; vantaa: sent and withdrawn";
  EXPECT_EQ(principals("SELECT decided_principal, ended_principal FROM memberships ORDER BY id"),
            (std::vector<std::string>{"''", "''", "''", "NULL"}))
      << "the first resigned, the second is active";
}

// Migration 15 (issue 18) backfills a case's history from the stamps the
// cases already keep: sent, registered, decided and withdrawn, in time order.
TEST(NominationsMigrationsTest, CaseHistoryIsBackfilledFromTheCasesStamps) {
  const std::vector<storage::Migration> migrations = Migrations();
  ASSERT_GE(migrations.size(), 14u);
  const ApprovalOutcome approved =
      Approve(RegisteredCase(kHelsinki), {Person("anna"), Person("ben")});
  auto withdrawn =
      WithdrawCase(SentCase(kVantaa), WithdrawCommand{"Sent by mistake"}, Keha(), At(2026, 6, 4));
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  const std::vector<Case> cases = {approved.case_after, withdrawn->case_after};
  auto db = OlderDatabaseWith(migrations, 14, [&](SqliteNominationRepository& writer) {
    ASSERT_TRUE(writer
                    .InsertRequest({cases[0].request_id, cases[0].network, cases[0].kind,
                                    Channel::kSystem, MakeStamp(Keha(), SentAt())})
                    .ok());
    for (const Case& c : cases) ASSERT_TRUE(writer.SaveCase(c).ok());
    for (const Membership& m : approved.started) {
      ASSERT_TRUE(writer.InsertMembership(m.record()).ok());
    }
  });
  ASSERT_NE(db, nullptr);
  ASSERT_EQ(db->SchemaVersion(), 14);
  ASSERT_TRUE(storage::Migrate(db->sqlite(), migrations).ok());

  CaseActStore store(db->sqlite());
  auto helsinki = store.ListPage(cases[0].id, page::PageRequest{});
  ASSERT_TRUE(helsinki.ok()) << helsinki.status().ToString();
  ASSERT_EQ(helsinki->size(), 3u);
  EXPECT_EQ((*helsinki)[0].item.kind, ActKind::kSent);
  EXPECT_EQ((*helsinki)[0].item.keha_diary_number, "KEHA/123/2026");
  EXPECT_EQ((*helsinki)[0].item.by.user_id, "keha-1");
  EXPECT_EQ((*helsinki)[0].item.by.role, Role::kKehaCoordinator);
  EXPECT_EQ((*helsinki)[1].item.kind, ActKind::kRegistered);
  EXPECT_EQ((*helsinki)[1].item.diary_number, "843/14.07.00/2026");
  EXPECT_EQ((*helsinki)[1].item.date_received, D(2026, 6, 2));
  EXPECT_EQ((*helsinki)[2].item.kind, ActKind::kApproved);
  EXPECT_EQ((*helsinki)[2].item.by.user_id, "director-helsinki");
  EXPECT_EQ((*helsinki)[2].item.names, (std::vector<std::string>{"anna", "ben"}));
  EXPECT_EQ((*helsinki)[2].item.by.at, At(2026, 6, 3));

  auto vantaa = store.ListPage(cases[1].id, page::PageRequest{});
  ASSERT_TRUE(vantaa.ok()) << vantaa.status().ToString();
  ASSERT_EQ(vantaa->size(), 2u);
  EXPECT_EQ((*vantaa)[1].item.kind, ActKind::kWithdrawn);
  EXPECT_EQ((*vantaa)[1].item.by.reason, "Sent by mistake");
}

}  // namespace
}  // namespace verkosto::nominations
