#include "messaging/schema.h"

namespace verkosto::messaging {

namespace {
constexpr char kMessagingTablesSql[] = {
#include "messaging_tables.sql.inc"
};
constexpr char kAuditChainTablesSql[] = {
#include "audit_chain_tables.sql.inc"
};
}  // namespace

storage::Migration MessagingTablesMigration() {
  return storage::Migration{1, "create_messaging_tables", std::string(kMessagingTablesSql)};
}

storage::Migration AuditChainMigration(int version, const std::string& extra_sql) {
  return storage::Migration{version, "chain_audit_records",
                            std::string(kAuditChainTablesSql) + "\n" + extra_sql};
}

std::vector<storage::Migration> ServiceMigrations(const std::vector<storage::Migration>& own) {
  std::vector<storage::Migration> all = {MessagingTablesMigration()};
  for (const storage::Migration& step : own) {
    all.push_back(
        step.name == kAuditChainMigrationName ? AuditChainMigration(step.version, step.sql) : step);
  }
  return all;
}

const storage::ChainTable& OutboxChainTable() {
  static const storage::ChainTable kTable{
      "outbox", "outbox", "seq", {"type", "payload", "occurred_us", "request_id"}};
  return kTable;
}

const storage::ChainTable& WitnessChainTable() {
  static const storage::ChainTable kTable{
      "chain_witnesses",
      "chain_witnesses",
      "id",
      {"peer", "peer_epoch", "peer_chain", "peer_seq", "peer_hash", "witnessed_us"}};
  return kTable;
}

}  // namespace verkosto::messaging
