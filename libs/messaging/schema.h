#pragma once

#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/hash_chain.h"

namespace verkosto::messaging {

// The messaging tables (meta/epoch, outbox, idempotency, consumer cursors) as
// one migration. Every service uses it as its migration number 1.
storage::Migration MessagingTablesMigration();

// The tamper-evident audit tables (schema/audit_chain_tables.sql): hash
// columns on the outbox, chain_anchors, consumer_progress, chain_witnesses.
// Each service applies it as its own migration number `version`, followed by
// `extra_sql` (the gateway chains its account_audit in the same step).
storage::Migration AuditChainMigration(int version, const std::string& extra_sql = {});

// The name of the schema/ step that stands for the audit chain tables:
// NNNN_chain_audit_records.sql.
inline constexpr char kAuditChainMigrationName[] = "chain_audit_records";

// Every migration of a service's database: the messaging tables (1), then
// `own`, the service's schema/NNNN_verb_noun.sql files in order (2, 3, …; what
// cmake's verkosto_embed_sql compiles in). The step named
// kAuditChainMigrationName becomes AuditChainMigration(its number, its own
// SQL): the shared audit chain tables, then what the service adds to them.
std::vector<storage::Migration> ServiceMigrations(const std::vector<storage::Migration>& own);

// The outbox as a hash chain: key seq; type, payload, occurred_us, request_id.
const storage::ChainTable& OutboxChainTable();

// The witness rows (chain_witnesses) as a hash chain.
const storage::ChainTable& WitnessChainTable();

}  // namespace verkosto::messaging
