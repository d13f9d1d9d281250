#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace verkosto::storage {

// Tamper-evident audit tables: every row stores the hash of the row before it
// (`prev_hash`) and its own (`hash`), so changing, deleting or inserting a row
// breaks the chain from there on.
//
//   hash = BLAKE2b-256(Encode(prev_hash, chain, key, content...))
//
// (libsodium crypto_generichash, 32 bytes). Encode is canonical and
// unambiguous: each value — the previous hash as its hex text, the chain's
// name, the row's key, each content value — carries a type tag and (text,
// blob) an 8-byte big-endian length, so no value's bytes can move into its
// neighbour and a text "5" is not the integer 5. Hashes are stored
// as 64 lower-case hex digits; the first row's prev_hash is kGenesisHash, or
// the anchor's hash once older rows were pruned (table chain_anchors, made by
// messaging::AuditChainMigration).

// One content value of a chained row, typed as SQLite stores it.
using ChainValue = std::variant<std::monostate, int64_t, double, std::string, std::vector<uint8_t>>;

// Text and blob values (a blob from raw bytes).
inline ChainValue ChainText(std::string text) { return ChainValue{std::move(text)}; }
ChainValue ChainBlob(const void* data, size_t size);

// 64 zeros: the prev_hash of a chain's first row.
inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The hash of a row (hex) from the previous row's hash (hex), the chain's
// name, the row's key and its content values in the chain's column order.
// A malformed prev_hash is hashed as its text bytes: verification then fails
// at that row, as it should.
std::string ChainHash(const std::string& prev_hash, const std::string& chain, int64_t key,
                      const std::vector<ChainValue>& content);

// Which table a chain lives in and which of its columns the hash covers.
// The table has an INTEGER PRIMARY KEY `key` numbered from 1 without gaps,
// the `columns`, and `prev_hash`, `hash` TEXT NOT NULL DEFAULT ''.
struct ChainTable {
  std::string chain;                 // name in reports and chain_anchors ("outbox")
  std::string table;                 // "outbox"
  std::string key;                   // "seq"
  std::vector<std::string> columns;  // content columns, in hash order
};

// The newest row of a chain, or its anchor when every row was pruned, or
// (0, kGenesisHash) for an empty chain.
struct ChainHead {
  int64_t key = 0;
  std::string hash = kGenesisHash;
};

// Where a chain was cut by pruning: rows with key <= through are gone and the
// hash of row `through` is the prev_hash of row through + 1.
struct ChainAnchor {
  int64_t through = 0;
  std::string hash{};
};

// The anchor of `chain` in chain_anchors, if it was ever pruned.
Result<std::optional<ChainAnchor>> LoadAnchor(SQLite::Database& db, const std::string& chain);

// Appends rows to one chained table on one connection, with prepared
// statements. Precondition of Append: a write transaction is open (the
// previous hash is read under the same lock the insert takes).
// Not thread-safe (as the connection).
class ChainWriter {
 public:
  ChainWriter(SQLite::Database& db, ChainTable table);

  // Inserts a row with key = head + 1 and `content` (one value per column).
  // Returns its key. Errors: invalid_argument (wrong number of values),
  // storage errors (sqlite_error.h).
  Result<int64_t> Append(const std::vector<ChainValue>& content);

  // The newest row (or the anchor, or genesis).
  Result<ChainHead> Head();

  // Fills prev_hash and hash of rows that have none (written before the
  // table was chained), in key order, from the row before them. Returns
  // how many it filled. Precondition: a write transaction is open.
  Result<int64_t> Backfill();

  // Deletes the rows with key <= through and records (through, hash of that
  // row) as the chain's anchor. Errors: invalid_argument when `through` is
  // not an existing row. Precondition: a write transaction is open.
  Status PruneThrough(int64_t through, int64_t now_us);

  const ChainTable& table() const { return table_; }

 private:
  SQLite::Database& db_;
  ChainTable table_;
  SQLite::Statement insert_;
  SQLite::Statement last_;
};

// What VerifyChain found.
struct ChainReport {
  std::string chain;
  std::string table;
  int64_t rows = 0;   // rows checked
  int64_t first = 0;  // key of the first row (0 when empty)
  ChainHead head;     // the newest row's (or anchor's, or genesis)
  std::optional<ChainAnchor> anchor;
  std::string error{};  // empty when intact; else names the first bad row
  int64_t bad_key = 0;  // that row's key (0 when the error is not one row's)

  bool ok() const { return error.empty(); }
};

// Recomputes the chain of `table` on `db` (may be read-only): keys must run
// from the anchor's through + 1 (or 1) without gaps, every prev_hash must be
// the previous row's hash (the anchor's or genesis for the first) and every
// hash the recomputed one. Stops at the first bad row. Errors (Status): the
// table cannot be read at all.
Result<ChainReport> VerifyChain(SQLite::Database& db, const ChainTable& table);

}  // namespace verkosto::storage
