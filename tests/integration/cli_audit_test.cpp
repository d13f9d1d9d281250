// `verkosto audit verify|witness|show` on a live system, and after the
// histories were tampered with through SQLite directly.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "messaging/schema.h"
#include "storage/hash_chain.h"
#include "up_fixture.h"
#include "verkosto/networks/v1/networks.pb.h"

namespace verkosto::integration {
namespace {

namespace fs = std::filesystem;

constexpr int kAuditBrokenExit = 4;  // cli/audit_commands.h

class CliAuditTest : public UpFixture {
 protected:
  int Verify() { return Run({"audit", "verify", "--data", dir_.path()}); }

  void Exec(const std::string& service, const std::string& sql) {
    SQLite::Database db(system_.services.at(service).database, SQLite::OPEN_READWRITE);
    db.exec(sql);
  }

  // Copies of the stopped system's databases, to tamper with one thing at a time.
  void SaveDatabases() {
    for (const auto& [name, service] : system_.services) {
      fs::copy_file(service.database, service.database + ".orig",
                    fs::copy_options::overwrite_existing);
    }
  }
  void RestoreDatabases() {
    for (const auto& [name, service] : system_.services) {
      fs::remove(service.database + "-wal");
      fs::remove(service.database + "-shm");
      fs::copy_file(service.database + ".orig", service.database,
                    fs::copy_options::overwrite_existing);
    }
  }

  // Expects `audit verify` to fail naming `want` (every part of it).
  void ExpectBroken(const std::vector<std::string>& want) {
    EXPECT_EQ(Verify(), kAuditBrokenExit) << output_;
    for (const std::string& part : want) {
      EXPECT_NE(output_.find(part), std::string::npos) << "want '" << part << "' in\n" << output_;
    }
  }
};

TEST_F(CliAuditTest, VerifyPassesOnALiveSystemAndNamesTheFirstTamperedRow) {
  testing::Process up(Verkosto(), UpArgs(dir_.path()), dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());

  // Some history: a network (networks' outbox, consumed by nominations and
  // notifications) and logins (the gateway's account_audit).
  const std::string keha = Login("keha.koordinaattori");
  ASSERT_FALSE(HasFailure());
  const std::string file = dir_.File("network.json");
  std::ofstream(file) << DefinitionJson("audit-verkosto", "Auditointi", "Revision", "Audit");
  networks::v1::NetworkResponse created;
  CliOk({"networks", "create", "--file", file}, keha, &created);
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("nominations", "networks"));
  ASSERT_NO_FATAL_FAILURE(WaitForConsumer("notifications", "networks"));

  // Every service records the others' chain heads.
  ASSERT_EQ(Run({"audit", "witness", "--data", dir_.path()}), 0) << output_;
  ASSERT_EQ(Verify(), 0) << output_;
  EXPECT_NE(output_.find("account_audit"), std::string::npos) << output_;
  EXPECT_NE(output_.find("intact"), std::string::npos) << output_;

  // One history of the network, across services.
  ASSERT_EQ(Run({"audit", "show", "--network", "audit-verkosto", "--data", dir_.path()}), 0)
      << output_;
  EXPECT_NE(output_.find("NetworkCreated"), std::string::npos) << output_;
  EXPECT_NE(output_.find("keha.koordinaattori"), std::string::npos) << output_;
  EXPECT_NE(output_.find("gateway"), std::string::npos) << output_;  // the principal
  EXPECT_NE(output_.find("verified"), std::string::npos) << output_;

  const std::string networks_db = system_.services.at("networks").database;
  const std::string gateway_db = system_.services.at("gateway").database;
  const int64_t head =
      SQLite::Database(networks_db).execAndGet("SELECT MAX(seq) FROM outbox").getInt64();
  ASSERT_GE(head, 2);

  // UPDATE of one row, while the system runs.
  const std::string request_id = SQLite::Database(networks_db)
                                     .execAndGet("SELECT request_id FROM outbox WHERE seq = 2")
                                     .getString();
  Exec("networks", "UPDATE outbox SET request_id = 'forged' WHERE seq = 2");
  ExpectBroken({networks_db, "table outbox: first bad row seq=2", "changed"});
  up.Signal(SIGTERM);
  ASSERT_TRUE(ExitedWith(up.Wait(milliseconds(15000)), 0));

  // The rest on the stopped system, one tampering at a time.
  Exec("networks", "UPDATE outbox SET request_id = '" + request_id + "' WHERE seq = 2");
  ASSERT_EQ(Verify(), 0) << output_;  // undone: intact again
  SaveDatabases();

  // DELETE of one row.
  RestoreDatabases();
  Exec("networks", "DELETE FROM outbox WHERE seq = 1");
  ExpectBroken({networks_db, "table outbox: first bad row seq=1", "missing"});

  // Truncation of the outbox: only the others' witnesses and cursors know.
  RestoreDatabases();
  Exec("networks", "DELETE FROM outbox");
  ExpectBroken({networks_db, "table outbox: first bad row seq=", "truncated"});

  // The account audit: one row changed, then the whole table gone.
  RestoreDatabases();
  Exec("gateway", "UPDATE account_audit SET detail = 'nothing happened' WHERE id = 1");
  ExpectBroken({gateway_db, "table account_audit: first bad row id=1", "changed"});
  RestoreDatabases();
  Exec("gateway", "DELETE FROM account_audit");
  ExpectBroken({gateway_db, "table account_audit: first bad row id=", "truncated"});
}

TEST_F(CliAuditTest, AConsistentRewriteIsCaughtByAnotherServicesWitness) {
  testing::Process up(Verkosto(), UpArgs(dir_.path()), dir_.File("up.log"));
  int port = 0;
  system_ = WaitUntilUp(up, &port);
  ASSERT_FALSE(HasFailure());
  const std::string keha = Login("keha.koordinaattori");
  ASSERT_FALSE(HasFailure());
  const std::string file = dir_.File("network.json");
  std::ofstream(file) << DefinitionJson("audit-verkosto", "Auditointi", "Revision", "Audit");
  networks::v1::NetworkResponse created;
  CliOk({"networks", "create", "--file", file}, keha, &created);
  ASSERT_EQ(Run({"audit", "witness", "--data", dir_.path()}), 0) << output_;
  up.Signal(SIGTERM);
  ASSERT_TRUE(ExitedWith(up.Wait(milliseconds(15000)), 0));
  ASSERT_EQ(Verify(), 0) << output_;

  // Change one event and recompute every hash from there on: the chain of
  // the networks database alone is consistent again.
  const std::string networks_db = system_.services.at("networks").database;
  {
    SQLite::Database db(networks_db, SQLite::OPEN_READWRITE);
    db.exec("UPDATE outbox SET request_id = 'forged' WHERE seq = 1");
    SQLite::Statement rows(db,
                           "SELECT seq, type, payload, occurred_us, request_id FROM outbox "
                           "ORDER BY seq");
    std::string prev = storage::kGenesisHash;
    std::vector<std::tuple<int64_t, std::string, std::string>> hashes;
    while (rows.executeStep()) {
      const SQLite::Column payload = rows.getColumn(2);
      const std::string hash = storage::ChainHash(
          prev, "outbox", rows.getColumn(0).getInt64(),
          {storage::ChainText(rows.getColumn(1).getString()),
           storage::ChainBlob(payload.getBlob(), static_cast<size_t>(payload.getBytes())),
           storage::ChainValue{rows.getColumn(3).getInt64()},
           storage::ChainText(rows.getColumn(4).getString())});
      hashes.emplace_back(rows.getColumn(0).getInt64(), prev, hash);
      prev = hash;
    }
    rows.reset();
    for (const auto& [seq, p, h] : hashes) {
      SQLite::Statement up_row(db, "UPDATE outbox SET prev_hash = ?, hash = ? WHERE seq = ?");
      up_row.bind(1, p);
      up_row.bind(2, h);
      up_row.bind(3, seq);
      up_row.exec();
    }
  }
  ExpectBroken({networks_db, "table outbox: first bad row seq=", "rewritten", "chain_witnesses"});
}

}  // namespace
}  // namespace verkosto::integration
