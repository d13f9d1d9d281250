// The rules of a backup's manifest and of a consistent set of copies, and
// what `verkosto status` tells the operator about a database restored alone.
#include "backup_manifest.h"

#include <gtest/gtest.h>

#include <string>

namespace verkosto::cli {
namespace {

namespace pb = common::v1;

const std::string kSha(64, 'a');

pb::BackupManifest Valid() {
  pb::BackupManifest m;
  m.set_format_version(kBackupFormatVersion);
  m.set_created_unix_us(1);
  for (const char* name : {"networks", "nominations"}) {
    pb::BackupFile* f = m.add_files();
    f->set_path(std::string("db/") + name + ".db");
    f->set_size_bytes(4096);
    f->set_sha256(kSha);
  }
  pb::BackupDatabase* networks = m.add_databases();
  networks->set_service("networks");
  networks->set_path("db/networks.db");
  networks->set_epoch("e1");
  networks->set_outbox_head(10);
  pb::BackupChainHead* head = networks->add_chain_heads();
  head->set_chain("outbox");
  head->set_head(10);
  pb::BackupDatabase* nominations = m.add_databases();
  nominations->set_service("nominations");
  nominations->set_path("db/nominations.db");
  nominations->set_epoch("e2");
  pb::BackupCursor* cursor = nominations->add_cursors();
  cursor->set_producer("networks");
  cursor->set_epoch("e1");
  cursor->set_cursor(10);
  return m;
}

TEST(BackupManifestTest, AManifestReadsBackAsWritten) {
  auto parsed = ParseManifest(ManifestJson(Valid()));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->SerializeAsString(), Valid().SerializeAsString());
}

TEST(BackupManifestTest, RefusesWhatIsNotAManifest) {
  const auto parsed = ParseManifest("{\"not\": 1");
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(parsed.status().ToString().find("manifest.json"), std::string::npos);
}

TEST(BackupManifestTest, RefusesAnotherFormatVersion) {
  pb::BackupManifest m = Valid();
  m.set_format_version(2);
  const auto parsed = ParseManifest(ManifestJson(m));
  EXPECT_EQ(parsed.status().field(), "manifest.json: format_version");
}

TEST(BackupManifestTest, RefusesPathsOutsideTheBackup) {
  for (const char* bad : {"/etc/passwd", "../x.db", "db/../../x", "db//x", "", "db/"}) {
    pb::BackupManifest m = Valid();
    m.mutable_files(0)->set_path(bad);
    const auto parsed = ParseManifest(ManifestJson(m));
    EXPECT_EQ(parsed.status().field(), "manifest.json: files[0].path") << bad;
  }
}

TEST(BackupManifestTest, RefusesASecretKeyFile) {
  pb::BackupManifest m = Valid();
  pb::BackupFile* key = m.add_files();
  key->set_path("keys/operator.key");
  key->set_sha256(kSha);
  const auto parsed = ParseManifest(ManifestJson(m));
  EXPECT_EQ(parsed.status().field(), "manifest.json: files[2].path");
  EXPECT_NE(parsed.status().message().find("secret"), std::string::npos);
}

TEST(BackupManifestTest, RefusesABadChecksumADuplicateAndAnUnlistedDatabase) {
  pb::BackupManifest bad_sha = Valid();
  bad_sha.mutable_files(1)->set_sha256(std::string(64, 'A'));
  EXPECT_EQ(ParseManifest(ManifestJson(bad_sha)).status().field(),
            "manifest.json: files[1].sha256");

  pb::BackupManifest twice = Valid();
  *twice.add_files() = twice.files(0);
  EXPECT_EQ(ParseManifest(ManifestJson(twice)).status().field(), "manifest.json: files[2].path");

  pb::BackupManifest unlisted = Valid();
  unlisted.mutable_databases(1)->set_path("db/other.db");
  EXPECT_EQ(ParseManifest(ManifestJson(unlisted)).status().field(),
            "manifest.json: databases[1].path");

  pb::BackupManifest no_epoch = Valid();
  no_epoch.mutable_databases(0)->clear_epoch();
  EXPECT_EQ(ParseManifest(ManifestJson(no_epoch)).status().field(),
            "manifest.json: databases[0].epoch");
}

TEST(BackupManifestTest, ACursorAtItsProducersHeadIsConsistent) {
  EXPECT_TRUE(ConsistencyProblems(Valid()).empty());
}

TEST(BackupManifestTest, ACursorAheadOfItsProducersCopyIsNot) {
  pb::BackupManifest m = Valid();
  m.mutable_databases(1)->mutable_cursors(0)->set_cursor(11);
  const auto problems = ConsistencyProblems(m);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("nominations applied networks's events through 11"), std::string::npos)
      << problems[0];
}

TEST(BackupManifestTest, ACursorOfAnotherEpochOrAnAbsentProducerIsNotCompared) {
  pb::BackupManifest m = Valid();
  m.mutable_databases(1)->mutable_cursors(0)->set_cursor(99);
  m.mutable_databases(1)->mutable_cursors(0)->set_epoch("older");
  pb::BackupCursor* absent = m.mutable_databases(1)->add_cursors();
  absent->set_producer("gateway");
  absent->set_epoch("e9");
  absent->set_cursor(5);
  EXPECT_TRUE(ConsistencyProblems(m).empty());
}

TEST(BackupManifestTest, AWitnessOfARowThePeersCopyLacksIsNotConsistent) {
  pb::BackupManifest m = Valid();
  pb::BackupWitnessed* seen = m.mutable_databases(1)->add_witnessed();
  seen->set_peer("networks");
  seen->set_peer_epoch("e1");
  seen->set_chain("outbox");
  seen->set_seq(10);
  EXPECT_TRUE(ConsistencyProblems(m).empty());
  seen->set_seq(12);
  const auto problems = ConsistencyProblems(m);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("witnessed row 12 of networks's chain outbox"), std::string::npos)
      << problems[0];
}

pb::SystemHealth Health(uint64_t producer_head, uint64_t cursor, const std::string& epoch) {
  pb::SystemHealth health;
  pb::ServiceHealth* nominations = health.add_services();
  nominations->set_name("nominations");
  nominations->set_reachable(true);
  nominations->mutable_health()->set_epoch(epoch);
  nominations->mutable_health()->set_outbox_head(producer_head);
  pb::ServiceHealth* notifications = health.add_services();
  notifications->set_name("notifications");
  notifications->set_reachable(true);
  notifications->mutable_health()->set_epoch("n1");
  pb::ConsumerStatus* c = notifications->mutable_health()->add_consumers();
  c->set_producer("nominations");
  c->set_epoch("e1");
  c->set_cursor(cursor);
  return health;
}

TEST(RestoreAdviceTest, NothingToSayWhileEveryCursorIsWithinItsProducer) {
  EXPECT_TRUE(RestoreAdvice(Health(150, 150, "e1")).empty());
  EXPECT_TRUE(RestoreAdvice(Health(150, 120, "e1")).empty());
}

TEST(RestoreAdviceTest, AProducerBehindItsConsumersCursorGetsTheInstruction) {
  const auto advice = RestoreAdvice(Health(120, 150, "e1"));
  ASSERT_EQ(advice.size(), 1U);
  EXPECT_EQ(advice[0].service, "nominations");
  EXPECT_NE(advice[0].text.find(
                "nominations: its outbox head 120 is behind notifications's cursor 150: restored "
                "from an older backup?"),
            std::string::npos)
      << advice[0].text;
  EXPECT_NE(advice[0].text.find("verkosto restore --from DIR"), std::string::npos);
}

TEST(RestoreAdviceTest, AProducerWithANewEpochIsReportedReplaced) {
  const auto advice = RestoreAdvice(Health(150, 150, "e2"));
  ASSERT_EQ(advice.size(), 1U);
  EXPECT_NE(advice[0].text.find("was replaced"), std::string::npos) << advice[0].text;
}

TEST(RestoreAdviceTest, AnUnreachableProducerIsNotJudged) {
  pb::SystemHealth health = Health(120, 150, "e1");
  health.mutable_services(0)->set_reachable(false);
  EXPECT_TRUE(RestoreAdvice(health).empty());
}

}  // namespace
}  // namespace verkosto::cli
