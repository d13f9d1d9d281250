// `verkosto backup` of a running system and `verkosto restore` of the set,
// over the real command line: the restored system resumes where the backup
// stood (every outbox head and cursor as in the manifest, each notification
// once), `audit verify` is clean; a restore is refused while the system runs
// and when a file of the backup was changed; a backup holds no secret key;
// and a single service restored from an older backup than the others is
// reported by `verkosto status` with what the operator must do.
#include <SQLiteCpp/Database.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "core/file_util.h"
#include "up_fixture.h"
#include "verkosto/common/v1/backup.pb.h"

namespace verkosto::integration {
namespace {

namespace fs = std::filesystem;

class BackupRestoreTest : public UpFixture {
 protected:
  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = dir_.File(name);
    std::ofstream(path) << text;
    return path;
  }

  // Starts `verkosto up` again on the same data directory and waits for the
  // gateway's fresh port file (the old one is removed first).
  std::unique_ptr<testing::Process> Start(const std::string& log) {
    fs::remove(dir_.File("gateway.port"));
    auto up = std::make_unique<testing::Process>(Verkosto(), UpArgs(dir_.path()), dir_.File(log));
    return up;
  }

  void Stop(testing::Process& up) {
    up.Signal(SIGTERM);
    ASSERT_TRUE(ExitedWith(up.Wait(milliseconds(15000)), 0)) << "verkosto up did not stop";
  }

  common::v1::HealthResponse HealthOf(const std::string& name) {
    auto health = Health(zmq_, system_.services.at(name).rpc_endpoint, milliseconds(10000),
                         verkosto::testing::CurveFor(system_, name, TestActor()));
    EXPECT_TRUE(health.ok()) << name << ": " << health.status().ToString();
    return health.ok() ? *health : common::v1::HealthResponse();
  }

  void WaitForEveryConsumer() {
    ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));
    ASSERT_NO_FATAL_FAILURE(WaitForConsumer("notifications", "networks"));
    ASSERT_NO_FATAL_FAILURE(WaitForConsumer("notifications", "nominations"));
  }

  // Messages in the notifications inbox (its database, read-only).
  int64_t Messages() {
    SQLite::Database db(system_.services.at("notifications").database, SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT COUNT(*) FROM messages").getInt64();
  }

  std::vector<std::string> SendTo(const std::string& area) {
    return {"nominations", "send",       "--network", "bk-verkosto", "--members",
            "1",           "--deputies", "0",         "--deadline",  testing::DaysFromToday(60),
            "--message",   "Nimetkää",   "--to",      area};
  }

  static std::string FileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
};

TEST_F(BackupRestoreTest, ARestoredSetResumesAndASingleOlderServiceIsReported) {
  auto up = Start("up-1.log");
  int port = 0;
  system_ = WaitUntilUp(*up, &port);
  ASSERT_FALSE(HasFailure());
  const std::string keha = Login("keha.koordinaattori");
  ASSERT_FALSE(HasFailure());

  // Before the backup: a network opened and a request sent (events of
  // networks and nominations, messages in notifications), witnessed.
  ASSERT_EQ(
      Cli({"networks", "create", "--file",
           WriteFile("a.json", DefinitionJson("bk-verkosto", "Varmuuskopio", "Backup", "Backup"))},
          keha, false),
      0)
      << output_;
  ASSERT_EQ(Cli({"networks", "propose", "bk-verkosto"}, keha, false), 0) << output_;
  ASSERT_EQ(Cli({"networks", "open", "bk-verkosto"}, keha, false), 0) << output_;
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));
  ASSERT_EQ(Cli(SendTo("kainuu-koillismaa"), keha, false), 0) << output_;
  ASSERT_NO_FATAL_FAILURE(WaitForEveryConsumer());
  ASSERT_EQ(Run({"audit", "witness", "--data", dir_.path()}), 0) << output_;
  const int64_t messages_at_backup = Messages();
  ASSERT_GT(messages_at_backup, 0);

  // The backup, while the system runs.
  const std::string backup = dir_.File("backups/one");
  ASSERT_EQ(Run({"backup", "--to", backup, "--data", dir_.path()}), 0) << output_;
  EXPECT_NE(output_.find("backup: "), std::string::npos) << output_;
  common::v1::BackupManifest manifest;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(ReadFile(backup + "/manifest.json"), &manifest)
          .ok());
  std::map<std::string, common::v1::BackupDatabase> copied;
  for (const auto& db : manifest.databases()) copied[db.service()] = db;
  for (const std::string& name : config::ServiceNames()) {
    ASSERT_EQ(copied.count(name), 1U) << name;
    EXPECT_EQ(copied[name].outbox_head(), HealthOf(name).outbox_head()) << name;
  }
  // Nothing was written since the consumers caught up: the copies' cursors
  // are the producers' heads.
  for (const auto& [name, db] : copied) {
    for (const auto& cursor : db.cursors()) {
      EXPECT_EQ(cursor.cursor(), copied[cursor.producer()].outbox_head())
          << name << " of " << cursor.producer();
    }
  }

  // The public halves of the keys and the config, never a secret key.
  bool has_public_key = false;
  for (const auto& entry : fs::recursive_directory_iterator(backup)) {
    EXPECT_NE(entry.path().extension(), ".key") << entry.path();
    has_public_key = has_public_key || entry.path().extension() == ".pub";
  }
  EXPECT_TRUE(has_public_key);
  EXPECT_TRUE(fs::exists(backup + "/verkosto.toml"));
  EXPECT_NE(ReadFile(backup + "/manifest.json").find("\"sha256\""), std::string::npos);
  // Nothing half-written is left beside it, and it is never overwritten.
  for (const auto& entry : fs::directory_iterator(dir_.File("backups"))) {
    EXPECT_EQ(entry.path().filename(), "one") << entry.path();
  }
  EXPECT_EQ(Run({"backup", "--to", backup, "--data", dir_.path()}), 1);
  EXPECT_NE(output_.find("not an empty directory"), std::string::npos) << output_;

  // After the backup: another request (nominations' head moves, notifications
  // applies it) and another network.
  ASSERT_EQ(Cli(SendTo("pohjanmaa"), keha, false), 0) << output_;
  ASSERT_EQ(Cli({"networks", "create", "--file",
                 WriteFile("b.json", DefinitionJson("bk-toinen", "Toinen", "Andra", "Second"))},
                keha, false),
            0)
      << output_;
  ASSERT_NO_FATAL_FAILURE(WaitForEveryConsumer());
  const int64_t messages_after = Messages();
  ASSERT_GT(messages_after, messages_at_backup);
  const uint64_t nominations_head_after = HealthOf("nominations").outbox_head();
  ASSERT_GT(nominations_head_after, copied["nominations"].outbox_head());

  // A restore is refused while the system runs.
  EXPECT_EQ(Run({"restore", "--from", backup, "--data", dir_.path()}), 1);
  EXPECT_NE(output_.find("stop it before a restore"), std::string::npos) << output_;
  EXPECT_EQ(HealthOf("nominations").outbox_head(), nominations_head_after);
  Stop(*up);
  ASSERT_FALSE(HasFailure());

  // A service running on its own (its database's lock held, as a systemd
  // unit holds it) is refused too.
  {
    FileLock held;
    ASSERT_TRUE(FileLock::Acquire(system_.services.at("nominations").database + ".lock",
                                  "nominations", &held)
                    .ok());
    EXPECT_EQ(Run({"restore", "--from", backup, "--data", dir_.path()}), 1);
    EXPECT_NE(output_.find("nominations is running; stop it before a restore"), std::string::npos)
        << output_;
  }

  // A backup with one changed byte is refused, naming the file, and nothing
  // is touched.
  const std::string damaged = dir_.File("backups/damaged");
  fs::copy(backup, damaged, fs::copy_options::recursive);
  {
    std::fstream file(damaged + "/db/nominations.db",
                      std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(200);
    file.put('\x5a');
  }
  const std::string live_nominations = FileBytes(system_.services.at("nominations").database);
  EXPECT_EQ(Run({"restore", "--from", damaged, "--data", dir_.path()}), 1);
  EXPECT_NE(output_.find(damaged + "/db/nominations.db"), std::string::npos) << output_;
  EXPECT_NE(output_.find("SHA-256"), std::string::npos) << output_;
  EXPECT_EQ(FileBytes(system_.services.at("nominations").database), live_nominations);

  // A single service restored from the older backup: status says what to do.
  ASSERT_EQ(Run({"restore", "--from", backup, "--only", "nominations", "--data", dir_.path()}), 0)
      << output_;
  up = Start("up-2.log");
  ASSERT_TRUE(WaitForDirectory(
      dir_.path(), [&] { return GatewayPort(dir_.File("gateway.port")) > 0; }, milliseconds(60000),
      up->pid()));
  const std::string want = "ACTION: nominations: its outbox head " +
                           std::to_string(copied["nominations"].outbox_head()) +
                           " is behind notifications's cursor " +
                           std::to_string(nominations_head_after);
  int status = 0;
  const auto give_up = Steady::now() + std::chrono::seconds(60);
  do {
    status = Run({"status", "--data", dir_.path()});
  } while (output_.find(want) == std::string::npos && Steady::now() < give_up);
  EXPECT_EQ(status, 1) << output_;
  EXPECT_NE(output_.find(want), std::string::npos) << output_;
  EXPECT_NE(output_.find("verkosto restore --from DIR"), std::string::npos) << output_;
  EXPECT_EQ(Run({"status", "--data", dir_.path(), "--json"}), 1);
  EXPECT_NE(output_.find("is behind notifications's cursor"), std::string::npos) << output_;
  Stop(*up);
  ASSERT_FALSE(HasFailure());

  // The whole set from the one backup: every head and cursor as copied.
  ASSERT_EQ(Run({"restore", "--from", backup, "--data", dir_.path()}), 0) << output_;
  for (const std::string& name : config::ServiceNames()) {
    EXPECT_NE(output_.find("restored " + name), std::string::npos) << output_;
    EXPECT_FALSE(fs::exists(system_.services.at(name).database + ".restoring"));
  }
  up = Start("up-3.log");
  system_ = WaitUntilUp(*up, &port);
  ASSERT_FALSE(HasFailure());
  for (const std::string& name : config::ServiceNames()) {
    const common::v1::HealthResponse health = HealthOf(name);
    EXPECT_EQ(health.epoch(), copied[name].epoch()) << name;
    EXPECT_EQ(health.outbox_head(), copied[name].outbox_head()) << name;
    for (const auto& consumer : health.consumers()) {
      EXPECT_EQ(consumer.cursor(), copied[consumer.producer()].outbox_head())
          << name << " of " << consumer.producer();
      EXPECT_TRUE(consumer.error().empty()) << name << ": " << consumer.error();
    }
  }
  EXPECT_EQ(Messages(), messages_at_backup) << "a message lost or doubled";
  EXPECT_EQ(Run({"status", "--data", dir_.path()}), 0) << output_;
  EXPECT_EQ(Run({"audit", "verify", "--data", dir_.path()}), 0) << output_;

  // It goes on from there: the same request again makes the same messages once.
  const std::string again = Login("keha.koordinaattori");
  ASSERT_EQ(Cli(SendTo("pohjanmaa"), again, false), 0) << output_;
  ASSERT_NO_FATAL_FAILURE(WaitForEveryConsumer());
  EXPECT_EQ(HealthOf("nominations").outbox_head(), nominations_head_after);
  EXPECT_EQ(Messages(), messages_after);
  EXPECT_EQ(Run({"audit", "verify", "--data", dir_.path()}), 0) << output_;
  Stop(*up);
}

// Backups taken while events flow (diag pings from networks, applied by
// nominations and notifications): in each set no consumer's cursor is
// ahead of its producer's copied head, whatever was written between the
// snapshots.
TEST_F(BackupRestoreTest, BackupsTakenWhileEventsFlowAreConsistentSets) {
  auto up = Start("up.log");
  int port = 0;
  system_ = WaitUntilUp(*up, &port);
  ASSERT_FALSE(HasFailure());
  std::atomic<bool> stop{false};
  std::atomic<int> pings{0};
  std::thread load([&] {
    while (!stop) {
      if (ExitedWith(RunVerkosto({"diag", "ping", "--data", dir_.path(), "--note", "load"},
                                 dir_.File("ping.log")),
                     0)) {
        ++pings;
      }
    }
  });
  uint64_t last_head = 0;
  for (int i = 0; i < 4; ++i) {
    const std::string backup = dir_.File("backups/" + std::to_string(i));
    ASSERT_EQ(Run({"backup", "--to", backup, "--data", dir_.path()}), 0) << output_;
    common::v1::BackupManifest manifest;
    ASSERT_TRUE(
        google::protobuf::util::JsonStringToMessage(ReadFile(backup + "/manifest.json"), &manifest)
            .ok());
    std::map<std::string, common::v1::BackupDatabase> copied;
    for (const auto& db : manifest.databases()) copied[db.service()] = db;
    ASSERT_EQ(copied.size(), config::ServiceNames().size());
    for (const auto& [name, db] : copied) {
      for (const auto& cursor : db.cursors()) {
        EXPECT_EQ(cursor.epoch(), copied[cursor.producer()].epoch());
        EXPECT_LE(cursor.cursor(), copied[cursor.producer()].outbox_head())
            << name << " of " << cursor.producer() << " in backup " << i;
      }
    }
    EXPECT_GE(copied["networks"].outbox_head(), last_head);
    last_head = copied["networks"].outbox_head();
    // Each copy is a whole database.
    for (const auto& [name, db] : copied) {
      SQLite::Database copy(backup + "/" + db.path(), SQLite::OPEN_READWRITE);
      EXPECT_EQ(copy.execAndGet("PRAGMA integrity_check").getString(), "ok") << name;
    }
  }
  stop = true;
  load.join();
  EXPECT_GT(pings.load(), 3);
  Stop(*up);
}

}  // namespace
}  // namespace verkosto::integration
