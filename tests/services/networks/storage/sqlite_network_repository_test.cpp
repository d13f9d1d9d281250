#include "networks/storage/sqlite_network_repository.h"

#include <gtest/gtest.h>

#include "networks/service.h"
#include "storage/database.h"

namespace verkosto::networks {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

class SqliteNetworkRepositoryTest : public ::testing::Test {
 protected:
  SqliteNetworkRepositoryTest() {
    db_ = std::move(storage::Database::Open(":memory:", Migrations())).value();
    repo_ = std::make_unique<SqliteNetworkRepository>(db_->sqlite());
  }

  AreaDirectory Reference() {
    auto directory = ParseAreaDirectory(EmbeddedEmploymentAreasCsv(), EmbeddedMunicipalitiesCsv());
    EXPECT_TRUE(directory.ok()) << directory.status().ToString();
    for (Area& area : directory->areas) area.contacts = DemoContacts(area.code);
    return *directory;
  }

  static Network SampleNetwork(const std::string& code) {
    Network n;
    n.definition.code = NetworkCode(code);
    n.definition.names = {"Osaamisverkosto", "Kompetensnätverket", "Skills network"};
    n.definition.kind = NetworkKind::kWorkingGroup;
    n.definition.owner = "KEHA-keskus";
    n.definition.responsible = {"Sihteeri", "sihteeri@keha.example.fi", "+358 1"};
    n.definition.goals = {"Jakaa käytäntöjä", "Kehittää yhdessä"};
    n.definition.term = {year(2026) / month(1) / day(1), year(2027) / month(12) / day(31)};
    n.definition.communication_plan = {
        {"johto"}, {"muistiot", "Teams"}, "kuukausittain", "sihteeri", {}, 0, {}};
    n.definition.cadence = {6, 25};
    n.definition.seats_per_area = {1, 1};
    n.definition.statutory = true;
    n.definition.description = "kuvaus";
    n.status = NetworkStatus::kProposed;
    n.version = 2;
    n.created_at = FromMicros(1'000'000);
    n.updated_at = FromMicros(2'000'000);
    return n;
  }

  static Audit SampleAudit(const std::string& user, int64_t at_us, const std::string& reason = {},
                           const std::string& principal = "gateway") {
    return Audit{user,   "Name " + user, Role::kAreaDeputy, "director-1", FromMicros(at_us),
                 reason, principal};
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqliteNetworkRepository> repo_;
};

TEST_F(SqliteNetworkRepositoryTest, DirectoryRoundTripsWithContactsOrderAndAland) {
  const AreaDirectory reference = Reference();
  ASSERT_TRUE(repo_->SaveDirectory(reference).ok());
  auto loaded = repo_->LoadDirectory();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->areas.size(), 45u);
  EXPECT_EQ((*loaded)->municipalities.size(), 309u);
  EXPECT_EQ(**loaded, reference);
}

TEST_F(SqliteNetworkRepositoryTest, SavingASmallerDirectoryRemovesWhatIsGone) {
  AreaDirectory directory = Reference();
  ASSERT_TRUE(repo_->SaveDirectory(directory).ok());
  // Drop the last area and its municipalities.
  const AreaCode gone = directory.areas.back().code;
  directory.areas.pop_back();
  std::erase_if(directory.municipalities, [&](const Municipality& m) { return m.area == gone; });
  ASSERT_TRUE(repo_->SaveDirectory(directory).ok());
  auto loaded = repo_->LoadDirectory();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(**loaded, directory);
}

// LoadDirectory keeps what it read until directory_version changes: any
// write to the tables changes it (triggers), a rolled-back one changes it
// back, and another database on the same thread has its own.
TEST_F(SqliteNetworkRepositoryTest, TheKeptDirectoryFollowsEveryChangeAndRollback) {
  ASSERT_TRUE(repo_->SaveDirectory(Reference()).ok());
  const std::string code = Reference().areas.front().code.value();
  const auto name_of_first = [&]() {
    auto loaded = repo_->LoadDirectory();
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? (*loaded)->areas.front().name_fi : std::string();
  };
  const std::string original = name_of_first();
  ASSERT_FALSE(original.empty());
  // Unchanged, the same copy is handed out again; changed, a new one.
  const auto kept = repo_->LoadDirectory();
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(repo_->LoadDirectory()->get(), kept->get());
  // A writer that is not the repository: the triggers still see it.
  db_->sqlite().exec("UPDATE areas SET name_fi = 'Uusi nimi' WHERE code = '" + code + "'");
  EXPECT_EQ(name_of_first(), "Uusi nimi");
  EXPECT_NE(repo_->LoadDirectory()->get(), kept->get());
  db_->sqlite().exec("BEGIN");
  db_->sqlite().exec("UPDATE areas SET name_fi = 'Kesken' WHERE code = '" + code + "'");
  EXPECT_EQ(name_of_first(), "Kesken");
  db_->sqlite().exec("ROLLBACK");
  EXPECT_EQ(name_of_first(), "Uusi nimi");
  db_->sqlite().exec("DELETE FROM municipalities WHERE area_code = '" + code + "'");
  auto loaded = repo_->LoadDirectory();
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE((*loaded)->areas.front().municipalities.empty());

  // Another database on this thread, with a smaller directory.
  auto other_db = std::move(storage::Database::Open(":memory:", Migrations())).value();
  SqliteNetworkRepository other(other_db->sqlite());
  AreaDirectory smaller = Reference();
  smaller.areas.resize(1);
  std::erase_if(smaller.municipalities,
                [&](const Municipality& m) { return m.area != smaller.areas.front().code; });
  ASSERT_TRUE(other.SaveDirectory(smaller).ok());
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ((*other.LoadDirectory())->areas.size(), 1u);
    EXPECT_EQ((*repo_->LoadDirectory())->areas.size(), Reference().areas.size());
  }
}

TEST_F(SqliteNetworkRepositoryTest, AnAreaWithDecisionsCannotBeRemoved) {
  AreaDirectory directory = Reference();
  ASSERT_TRUE(repo_->SaveDirectory(directory).ok());
  ASSERT_TRUE(repo_->InsertNetwork(SampleNetwork("osaamisverkosto")).ok());
  const AreaCode area = directory.areas.back().code;
  ASSERT_TRUE(repo_
                  ->AppendDecision({NetworkCode("osaamisverkosto"), area,
                                    ParticipationChoice::kTakesPart, "", SampleAudit("d", 5)})
                  .ok());
  directory.areas.pop_back();
  std::erase_if(directory.municipalities, [&](const Municipality& m) { return m.area == area; });
  EXPECT_EQ(repo_->SaveDirectory(directory).code(), ErrorCode::kFailedPrecondition);
}

TEST_F(SqliteNetworkRepositoryTest, AnUnknownStoredNameIsInternalNeverADefault) {
  const Network network = SampleNetwork("osaamisverkosto");
  ASSERT_TRUE(repo_->InsertNetwork(network).ok());
  db_->sqlite().exec("PRAGMA ignore_check_constraints = ON");
  db_->sqlite().exec("UPDATE networks SET status = 'archived'");
  auto found = repo_->FindNetwork(network.code());
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), ErrorCode::kInternal);
  EXPECT_NE(found.status().message().find("network status 'archived'"), std::string::npos);
}

TEST_F(SqliteNetworkRepositoryTest, NetworksRoundTripAndCodesAreUnique) {
  const Network network = SampleNetwork("osaamisverkosto");
  ASSERT_TRUE(repo_->InsertNetwork(network).ok());
  auto found = repo_->FindNetwork(network.code());
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, network);

  const Status duplicate = repo_->InsertNetwork(network);
  EXPECT_EQ(duplicate.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(duplicate.field(), "definition.code");

  Network closed = network;
  closed.status = NetworkStatus::kClosed;
  closed.end_reason = "term ended";
  closed.closed_by_term_end = true;
  closed.definition.term.end_date.reset();
  ASSERT_TRUE(repo_->UpdateNetwork(closed).ok());
  EXPECT_EQ(**repo_->FindNetwork(network.code()), closed);

  EXPECT_FALSE(repo_->FindNetwork(NetworkCode("nothing"))->has_value());
  EXPECT_EQ(repo_->UpdateNetwork(SampleNetwork("nothing")).code(), ErrorCode::kNotFound);
}

// The whole audit, the principal too, comes back from each table.
TEST_F(SqliteNetworkRepositoryTest, VersionsHistoriesAndCommentsKeepTheirOrderAndAudit) {
  ASSERT_TRUE(repo_->SaveDirectory(Reference()).ok());
  const NetworkCode code("osaamisverkosto");
  ASSERT_TRUE(repo_->InsertNetwork(SampleNetwork(code.value())).ok());
  const NetworkVersion v2{
      2, SampleAudit("keha", 10, "päivitetty tavoite"), {"goals", "term.end_date"}};
  ASSERT_TRUE(repo_->AppendVersion(code, v2).ok());
  uint32_t total = 0;
  EXPECT_EQ(*repo_->NewestVersions(code, 100, &total), std::vector<NetworkVersion>{v2});
  EXPECT_EQ(total, 1U);
  EXPECT_EQ(repo_->NewestVersions(code, 100, &total)->front().audit.principal, "gateway");

  const AreaCode kainuu("kainuu-koillismaa");
  const ParticipationDecision first{code, kainuu, ParticipationChoice::kDeclines, "ei resursseja",
                                    SampleAudit("d", 20, "ei resursseja")};
  const ParticipationDecision second{code, kainuu, ParticipationChoice::kTakesPart, "",
                                     SampleAudit("d", 30, "", "operator")};
  ASSERT_TRUE(repo_->AppendDecision(first).ok());
  ASSERT_TRUE(repo_->AppendDecision(second).ok());
  auto history = repo_->History(code, kainuu);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->decisions.size(), 2u);
  EXPECT_EQ(history->decisions[0], first);
  EXPECT_EQ(history->decisions[1], second);
  EXPECT_EQ(history->decisions[1].audit.principal, "operator");
  EXPECT_TRUE(TakesPart(*history));
  EXPECT_TRUE(repo_->History(code, AreaCode("helsinki"))->decisions.empty());
  EXPECT_EQ(repo_->Histories(std::nullopt)->size(), 1u);

  const Comment comment{code, kainuu, "Hyvä ehdotus", SampleAudit("d", 40)};
  ASSERT_TRUE(repo_->AddComment(comment).ok());
  EXPECT_EQ(*repo_->NewestComments(code, 100, &total), std::vector<Comment>{comment});
  EXPECT_EQ(total, 1U);
  EXPECT_EQ(repo_->NewestComments(code, 100, &total)->front().audit.principal, "gateway");
}

// Comments, versions, decisions and networks page by their keys: each page
// starts after the previous one's last key, and GetNetwork's "newest" are the
// last ones, oldest of them first.
TEST_F(SqliteNetworkRepositoryTest, ListsPageByTheirKeysAndNewestTakesTheLastOnes) {
  ASSERT_TRUE(repo_->SaveDirectory(Reference()).ok());
  const NetworkCode code("osaamisverkosto");
  ASSERT_TRUE(repo_->InsertNetwork(SampleNetwork(code.value())).ok());
  ASSERT_TRUE(repo_->InsertNetwork(SampleNetwork("toinen-verkosto")).ok());
  const AreaCode kainuu("kainuu-koillismaa");
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(
        repo_->AddComment({code, kainuu, "kommentti " + std::to_string(i), SampleAudit("d", i)})
            .ok());
    ASSERT_TRUE(
        repo_
            ->AppendVersion(
                code, {static_cast<uint32_t>(i + 2), SampleAudit("keha", i, "syy"), {"goals"}})
            .ok());
  }
  page::PageRequest page{.size = 2, .after = {}};
  auto first = repo_->ListComments(code, page);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 3U);  // page.fetch(): one more tells that more follow
  EXPECT_EQ((*first)[0].second.text, "kommentti 0");
  page.after = {page::KeyOf((*first)[1].first)};
  auto second = repo_->ListComments(code, page);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 3U);
  EXPECT_EQ((*second)[0].second.text, "kommentti 2");
  page.after = {page::KeyOf((*second)[1].first)};
  auto last = repo_->ListComments(code, page);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->size(), 1U);
  EXPECT_EQ((*last)[0].second.text, "kommentti 4");

  uint32_t total = 0;
  auto newest = repo_->NewestComments(code, 2, &total);
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(total, 5U);
  ASSERT_EQ(newest->size(), 2U);
  EXPECT_EQ((*newest)[0].text, "kommentti 3");
  EXPECT_EQ((*newest)[1].text, "kommentti 4");

  page.after = {page::KeyOf(3)};
  auto versions = repo_->ListVersions(code, page);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 3U);
  EXPECT_EQ((*versions)[0].version, 4U);
  auto newest_versions = repo_->NewestVersions(code, 1, &total);
  ASSERT_TRUE(newest_versions.ok());
  EXPECT_EQ(total, 5U);
  EXPECT_EQ(newest_versions->front().version, 6U);

  page.after = {"osaamisverkosto"};
  auto networks = repo_->ListNetworks({}, page);
  ASSERT_TRUE(networks.ok());
  ASSERT_EQ(networks->size(), 1U);
  EXPECT_EQ(networks->front().code().value(), "toinen-verkosto");
  page.after = {"not-a-number"};
  EXPECT_EQ(repo_->ListComments(code, page).status().field(), "page_token");
}

}  // namespace
}  // namespace verkosto::networks
