#include "gateway/storage/sqlite_account_repository.h"

#include <gtest/gtest.h>

#include <set>

#include "gateway/auth/credentials.h"
#include "gateway/domain/demo_accounts.h"
#include "gateway/service.h"
#include "storage/database.h"
#include "testing/keys.h"
#include "testing/temp_dir.h"

namespace verkosto::gateway {
namespace {

TimePoint T0() { return FromMicros(1'772'000'000'000'000); }

class SqliteAccountRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<storage::Migration> migrations = Migrations();
    auto db = storage::Database::Open(":memory:", migrations);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    repo_ = std::make_unique<SqliteAccountRepository>(db_->sqlite());
  }

  AccountRecord Clerk() {
    AccountRecord a;
    a.user_id = "kirjaamo.kainuu";
    a.display_name = "Kalle Kirjaaja";
    a.role = Role::kRegistryClerk;
    a.area = AreaCode("kainuu-koillismaa");
    a.email = "kirjaamo@example.fi";
    a.language = Language::kFi;
    a.password_hash = "$argon2id$...";
    a.created = T0();
    a.password_set = T0();
    return a;
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<SqliteAccountRepository> repo_;
};

TEST_F(SqliteAccountRepositoryTest, StoresAndFindsAnAccount) {
  ASSERT_TRUE(repo_->AddAccount(Clerk()).ok());
  auto found = repo_->FindAccount("kirjaamo.kainuu");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->role, Role::kRegistryClerk);
  EXPECT_EQ((*found)->area.value(), "kainuu-koillismaa");
  EXPECT_EQ((*found)->created, T0());
  auto missing = repo_->FindAccount("nobody");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteAccountRepositoryTest, ATakenUserIdIsAlreadyExists) {
  ASSERT_TRUE(repo_->AddAccount(Clerk()).ok());
  EXPECT_EQ(repo_->AddAccount(Clerk()).code(), ErrorCode::kAlreadyExists);
}

TEST_F(SqliteAccountRepositoryTest, DisabledAccountsAreListedOnlyWhenAsked) {
  ASSERT_TRUE(repo_->AddAccount(Clerk()).ok());
  ASSERT_TRUE(repo_->SetDisabled("kirjaamo.kainuu", true).ok());
  EXPECT_TRUE(repo_->ListAccounts(false)->empty());
  EXPECT_EQ(repo_->ListAccounts(true)->size(), 1u);
}

TEST_F(SqliteAccountRepositoryTest, SessionsAreFoundTouchedAndEnded) {
  ASSERT_TRUE(repo_->AddAccount(Clerk()).ok());
  ASSERT_TRUE(repo_->AddSession({"h1", "kirjaamo.kainuu", "csrf1", T0(), T0()}).ok());
  ASSERT_TRUE(repo_->AddSession({"h2", "kirjaamo.kainuu", "csrf2", T0(), T0()}).ok());
  ASSERT_TRUE(repo_->TouchSession("h1", T0() + std::chrono::minutes(5)).ok());
  EXPECT_EQ((*repo_->FindSession("h1"))->last_seen, T0() + std::chrono::minutes(5));
  auto idle = repo_->DeleteSessionsIdleSince(T0() + std::chrono::minutes(1));
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ(*idle, 1);  // h2
  ASSERT_TRUE(repo_->DeleteSessionsOf("kirjaamo.kainuu").ok());
  EXPECT_FALSE(repo_->FindSession("h1")->has_value());
}

TEST_F(SqliteAccountRepositoryTest, ApiTokensAreRevokedWithTheirAccount) {
  ASSERT_TRUE(repo_->AddAccount(Clerk()).ok());
  ASSERT_TRUE(repo_->AddApiToken({"t1", "kirjaamo.kainuu", "script", T0(), false}).ok());
  ASSERT_TRUE(repo_->RevokeApiTokensOf("kirjaamo.kainuu").ok());
  EXPECT_TRUE((*repo_->FindApiToken("t1"))->revoked);
}

TEST_F(SqliteAccountRepositoryTest, LoginFailuresAreFoundByNameOrAddressAndCleared) {
  using std::chrono::minutes;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(repo_->AddLoginFailure({"ghost", "10.0.0.1", T0() + minutes(i)}).ok());
  }
  ASSERT_TRUE(repo_->AddLoginFailure({"ghost", "10.0.0.2", T0() + minutes(3)}).ok());
  ASSERT_TRUE(repo_->AddLoginFailure({"other", "10.0.0.1", T0() + minutes(4)}).ok());
  ASSERT_TRUE(repo_->AddLoginFailure({"other", "10.0.0.9", T0() + minutes(5)}).ok());
  // Two failures at the same instant are two (a fake clock, or a fast guesser).
  ASSERT_TRUE(repo_->AddLoginFailure({"twice", "10.0.0.3", T0()}).ok());
  ASSERT_TRUE(repo_->AddLoginFailure({"twice", "10.0.0.3", T0()}).ok());
  EXPECT_EQ(repo_->LoginFailures("twice", "10.0.0.3", T0())->size(), 2u);
  // By the name from anywhere, or by the address for any name; from `since`.
  const auto found = repo_->LoginFailures("ghost", "10.0.0.1", T0() + minutes(1));
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 4u);
  EXPECT_EQ(found->front(), (LoginFailure{"ghost", "10.0.0.1", T0() + minutes(1)}));
  EXPECT_EQ(found->back(), (LoginFailure{"other", "10.0.0.1", T0() + minutes(4)}));
  // A success from one address forgets that pair only.
  ASSERT_TRUE(repo_->ClearLoginFailures("ghost", "10.0.0.1", T0()).ok());
  EXPECT_EQ(repo_->LoginFailures("ghost", "", T0())->size(), 1u);
  // A new password forgets the name everywhere, and anything old goes too.
  ASSERT_TRUE(repo_->ClearLoginFailures("ghost", "", T0() + minutes(5)).ok());
  EXPECT_TRUE(repo_->LoginFailures("ghost", "", T0())->empty());
  EXPECT_EQ(repo_->LoginFailures("other", "", T0())->size(), 1u);
}

TEST_F(SqliteAccountRepositoryTest, AuditIsListedNewestFirstPerSubject) {
  ASSERT_TRUE(repo_->Audit({T0(), "admin", Role::kAdmin, "", "account_created", "a", ""}).ok());
  ASSERT_TRUE(repo_->Audit({T0(), "gateway", Role::kSystem, "", "login", "a", "127.0.0.1"}).ok());
  ASSERT_TRUE(repo_->Audit({T0(), "admin", Role::kAdmin, "", "account_created", "b", ""}).ok());
  auto entries = repo_->ListAudit("a", page::PageRequest{.size = 10, .after = {}});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].action, "login");
  EXPECT_EQ(repo_->ListAudit("", page::PageRequest{.size = 10, .after = {}})->size(), 3u);
}

}  // namespace
}  // namespace verkosto::gateway

namespace verkosto::gateway {
namespace {

TEST(CredentialsTest, HashesVerifyAndKnowWhenTheCostChanged) {
  const HashLimits minimum = HashLimits::Minimum();
  Result<std::string> hash = HashPassword("correct horse battery", minimum);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery!"));
  EXPECT_FALSE(NeedsRehash(*hash, minimum));
  HashLimits dearer = minimum;
  dearer.ops_limit += 1;
  EXPECT_TRUE(NeedsRehash(*hash, dearer));
  EXPECT_NE(TokenHash("a"), TokenHash("b"));
  EXPECT_EQ(TokenHash("a").size(), 64u);
  EXPECT_NE(RandomToken("vkt_"), RandomToken("vkt_"));
}

TEST(DemoAccountsTest, FirstStartCreatesThemOnceWithTheDemoPassword) {
  testing::TempDir dir;
  config::SystemConfig system = config::DefaultSystemConfig(dir.path(), dir.path(), 0);
  ASSERT_TRUE(verkosto::testing::ProvisionKeys(system));
  system.demo_data = true;
  zmq::context_t zmq;
  FakeClock clock(T0());
  auto rt = runtime::ServiceRuntime::Create(zmq, system, "gateway", Migrations(), clock);
  ASSERT_TRUE(rt.ok()) << rt.status().ToString();
  ASSERT_TRUE(CreateDemoAccounts(**rt, HashLimits::Minimum()).ok());
  ASSERT_TRUE(CreateDemoAccounts(**rt, HashLimits::Minimum()).ok());  // second start: nothing
  SqliteAccountRepository repo((*rt)->db().sqlite());
  auto all = repo.ListAccounts(true);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), DemoAccounts().size());
  std::set<std::string> areas;
  std::set<Role> roles;
  for (const AccountRecord& a : *all) {
    EXPECT_TRUE(VerifyPassword(a.password_hash, kDemoPassword)) << a.user_id;
    areas.insert(a.area.value());
    roles.insert(a.role);
  }
  EXPECT_TRUE(areas.count("kainuu-koillismaa") && areas.count("helsinki") &&
              areas.count("pohjanmaa"));
  for (Role role : {Role::kKehaCoordinator, Role::kAreaDirector, Role::kAreaDeputy,
                    Role::kRegistryClerk, Role::kObserver, Role::kNominee}) {
    EXPECT_EQ(roles.count(role), 1u) << RoleName(role);
  }
}

}  // namespace
}  // namespace verkosto::gateway
