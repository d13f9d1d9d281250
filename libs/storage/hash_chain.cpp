#include "storage/hash_chain.h"

#include <sodium.h>

#include <array>
#include <cstring>
#include <stdexcept>

#include "storage/database.h"

namespace verkosto::storage {

namespace {

constexpr size_t kHashBytes = 32;

void PutLength(std::string& out, uint64_t n) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((n >> static_cast<unsigned>(shift)) & 0xffU));
  }
}

void PutBytes(std::string& out, char tag, const void* data, size_t size) {
  out.push_back(tag);
  PutLength(out, size);
  if (size > 0) out.append(static_cast<const char*>(data), size);
}

void Put(std::string& out, const ChainValue& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    out.push_back('n');
  } else if (const auto* i = std::get_if<int64_t>(&value)) {
    out.push_back('i');
    PutLength(out, static_cast<uint64_t>(*i));
  } else if (const auto* d = std::get_if<double>(&value)) {
    uint64_t bits = 0;
    std::memcpy(&bits, d, sizeof bits);
    out.push_back('f');
    PutLength(out, bits);
  } else if (const auto* t = std::get_if<std::string>(&value)) {
    PutBytes(out, 't', t->data(), t->size());
  } else {
    const auto& b = std::get<std::vector<uint8_t>>(value);
    PutBytes(out, 'b', b.data(), b.size());
  }
}

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

// The column as a chain value, typed as SQLite stored it.
ChainValue ValueOf(const SQLite::Column& column) {
  if (column.isInteger()) return column.getInt64();
  if (column.isFloat()) return column.getDouble();
  if (column.isText()) return column.getString();
  if (column.isBlob()) return ChainBlob(column.getBlob(), static_cast<size_t>(column.getBytes()));
  return std::monostate{};
}

void Bind(SQLite::Statement& statement, int index, const ChainValue& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    statement.bind(index);
  } else if (const auto* i = std::get_if<int64_t>(&value)) {
    statement.bind(index, *i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    statement.bind(index, *d);
  } else if (const auto* t = std::get_if<std::string>(&value)) {
    statement.bind(index, *t);
  } else {
    const auto& b = std::get<std::vector<uint8_t>>(value);
    // A zero-length blob stays a blob (a null pointer would bind NULL).
    static const uint8_t kEmpty = 0;
    statement.bind(index, b.empty() ? &kEmpty : b.data(), static_cast<int>(b.size()));
  }
}

std::string ColumnList(const ChainTable& t) {
  std::string list;
  for (const std::string& c : t.columns) list += ", " + c;
  return list;
}

std::string InsertSql(const ChainTable& t) {
  std::string marks;
  for (size_t i = 0; i < t.columns.size(); ++i) marks += ", ?";
  return "INSERT INTO " + t.table + " (" + t.key + ColumnList(t) + ", prev_hash, hash) VALUES (?" +
         marks + ", ?, ?)";
}

std::string RowName(const ChainTable& t, int64_t key) {
  return "table " + t.table + ": first bad row " + t.key + "=" + std::to_string(key);
}

}  // namespace

ChainValue ChainBlob(const void* data, size_t size) {
  const auto* bytes = static_cast<const uint8_t*>(data);
  return ChainValue{std::vector<uint8_t>(bytes, bytes + size)};
}

std::string ChainHash(const std::string& prev_hash, const std::string& chain, int64_t key,
                      const std::vector<ChainValue>& content) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  std::string message;
  Put(message, ChainText(prev_hash));
  Put(message, ChainText(chain));
  Put(message, ChainValue{key});
  for (const ChainValue& value : content) Put(message, value);
  std::array<unsigned char, kHashBytes> hash{};
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     nullptr, 0);
  return Hex(hash.data(), hash.size());
}

Result<std::optional<ChainAnchor>> LoadAnchor(SQLite::Database& db, const std::string& chain) {
  std::optional<ChainAnchor> anchor;
  VERKOSTO_RETURN_IF_ERROR(Guard([&]() -> Status {
    SQLite::Statement q(db, "SELECT through, hash FROM chain_anchors WHERE chain = ?");
    q.bind(1, chain);
    if (q.executeStep())
      anchor = ChainAnchor{q.getColumn(0).getInt64(), q.getColumn(1).getString()};
    return Status::Ok();
  }));
  return anchor;
}

ChainWriter::ChainWriter(SQLite::Database& db, ChainTable table)
    : db_(db),
      table_(std::move(table)),
      insert_(db, InsertSql(table_)),
      last_(db, "SELECT " + table_.key + ", hash FROM " + table_.table + " ORDER BY " + table_.key +
                    " DESC LIMIT 1") {}

Result<ChainHead> ChainWriter::Head() {
  ChainHead head;
  bool found = false;
  VERKOSTO_RETURN_IF_ERROR(Guard([&]() -> Status {
    last_.reset();
    if (last_.executeStep()) {
      head = ChainHead{last_.getColumn(0).getInt64(), last_.getColumn(1).getString()};
      found = true;
    }
    last_.reset();
    return Status::Ok();
  }));
  if (found) return head;
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<ChainAnchor> anchor, LoadAnchor(db_, table_.chain));
  if (anchor) return ChainHead{anchor->through, anchor->hash};
  return head;
}

Result<int64_t> ChainWriter::Append(const std::vector<ChainValue>& content) {
  if (content.size() != table_.columns.size()) {
    return Status::InvalidArgument(
        "content",
        "chain " + table_.chain + " takes " + std::to_string(table_.columns.size()) + " values");
  }
  VERKOSTO_ASSIGN_OR_RETURN(ChainHead prev, Head());
  const int64_t key = prev.key + 1;
  const std::string hash = ChainHash(prev.hash, table_.chain, key, content);
  VERKOSTO_RETURN_IF_ERROR(Guard([&]() -> Status {
    insert_.reset();
    insert_.clearBindings();
    int index = 1;
    insert_.bind(index++, key);
    for (const ChainValue& value : content) Bind(insert_, index++, value);
    insert_.bind(index++, prev.hash);
    insert_.bind(index, hash);
    insert_.exec();
    insert_.reset();
    return Status::Ok();
  }));
  return key;
}

Result<int64_t> ChainWriter::Backfill() {
  struct Fill {
    int64_t key;
    std::string prev;
    std::string hash;
  };
  std::vector<Fill> fills;
  VERKOSTO_ASSIGN_OR_RETURN(std::optional<ChainAnchor> anchor, LoadAnchor(db_, table_.chain));
  VERKOSTO_RETURN_IF_ERROR(Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT " + table_.key + ColumnList(table_) + ", hash FROM " +
                                 table_.table + " ORDER BY " + table_.key);
    std::string prev = anchor ? anchor->hash : kGenesisHash;
    const int n = static_cast<int>(table_.columns.size());
    while (q.executeStep()) {
      std::string hash = q.getColumn(n + 1).getString();
      if (hash.empty()) {
        std::vector<ChainValue> content;
        content.reserve(static_cast<size_t>(n));
        content.reserve(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) content.push_back(ValueOf(q.getColumn(i + 1)));
        const int64_t key = q.getColumn(0).getInt64();
        hash = ChainHash(prev, table_.chain, key, content);
        fills.push_back(Fill{key, prev, hash});
      }
      prev = hash;
    }
    SQLite::Statement up(db_, "UPDATE " + table_.table + " SET prev_hash = ?, hash = ? WHERE " +
                                  table_.key + " = ?");
    for (const Fill& fill : fills) {
      up.reset();
      up.bind(1, fill.prev);
      up.bind(2, fill.hash);
      up.bind(3, fill.key);
      up.exec();
    }
    return Status::Ok();
  }));
  return static_cast<int64_t>(fills.size());
}

Status ChainWriter::PruneThrough(int64_t through, int64_t now_us) {
  return Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT hash FROM " + table_.table + " WHERE " + table_.key + " = ?");
    q.bind(1, through);
    if (!q.executeStep()) {
      return Status::InvalidArgument("through", "chain " + table_.chain + " has no row " +
                                                    table_.key + "=" + std::to_string(through));
    }
    const std::string hash = q.getColumn(0).getString();
    SQLite::Statement del(db_, "DELETE FROM " + table_.table + " WHERE " + table_.key + " <= ?");
    del.bind(1, through);
    del.exec();
    SQLite::Statement anchor(db_,
                             "INSERT INTO chain_anchors (chain, through, hash, pruned_us) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (chain) DO UPDATE SET "
                             "through = excluded.through, hash = excluded.hash, "
                             "pruned_us = excluded.pruned_us");
    anchor.bind(1, table_.chain);
    anchor.bind(2, through);
    anchor.bind(3, hash);
    anchor.bind(4, now_us);
    anchor.exec();
    return Status::Ok();
  });
}

Result<ChainReport> VerifyChain(SQLite::Database& db, const ChainTable& table) {
  ChainReport report;
  report.chain = table.chain;
  report.table = table.table;
  VERKOSTO_ASSIGN_OR_RETURN(report.anchor, LoadAnchor(db, table.chain));
  if (report.anchor) report.head = ChainHead{report.anchor->through, report.anchor->hash};
  VERKOSTO_RETURN_IF_ERROR(Guard([&]() -> Status {
    SQLite::Statement q(db, "SELECT " + table.key + ColumnList(table) + ", prev_hash, hash FROM " +
                                table.table + " ORDER BY " + table.key);
    const int n = static_cast<int>(table.columns.size());
    int64_t expected = report.head.key + 1;
    std::string prev = report.head.hash;
    auto bad = [&](int64_t key, const std::string& why) {
      report.bad_key = key;
      report.error = RowName(table, key) + ": " + why;
    };
    while (q.executeStep()) {
      const int64_t key = q.getColumn(0).getInt64();
      if (report.rows == 0) report.first = key;
      if (key != expected) {
        if (key > expected) {
          bad(expected,
              "is missing (deleted): the next row is " + table.key + "=" + std::to_string(key));
        } else {
          bad(key, "lies at or before the anchor (rows through " + std::to_string(expected - 1) +
                       " were pruned)");
        }
        return Status::Ok();
      }
      std::vector<ChainValue> content;
      content.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) content.push_back(ValueOf(q.getColumn(i + 1)));
      const std::string stored_prev = q.getColumn(n + 1).getString();
      const std::string stored = q.getColumn(n + 2).getString();
      if (stored_prev != prev) {
        bad(key,
            "its prev_hash is not the hash of the row before it (a row before it was "
            "changed, removed or inserted)");
        return Status::Ok();
      }
      if (stored != ChainHash(prev, table.chain, key, content)) {
        bad(key, "its content does not match its hash (the row was changed)");
        return Status::Ok();
      }
      ++report.rows;
      report.head = ChainHead{key, stored};
      prev = stored;
      ++expected;
    }
    return Status::Ok();
  }));
  return report;
}

}  // namespace verkosto::storage
