#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <google/protobuf/message.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "messaging/multi_row_insert.h"
#include "storage/hash_chain.h"
#include "verkosto/common/v1/events.pb.h"

namespace verkosto::messaging {

// The producer side of an event stream: events are rows of the `outbox`
// table, appended in the same transaction as the state change they describe,
// numbered without gaps from 1, and served to consumers by Fetch. The rows
// form a hash chain (storage/hash_chain.h, OutboxChainTable()): each stores
// the previous row's hash and its own, so `verkosto audit verify` finds a
// changed, deleted or inserted row.
// Not thread-safe: it uses the connection of the thread that owns it.
class Outbox {
 public:
  // `db` must carry the messaging tables (MessagingTablesMigration) and the
  // audit chain tables (AuditChainMigration). Rows written before the outbox
  // was chained get their hashes here, in seq order (one write transaction).
  // Errors: internal if the epoch is missing; storage errors.
  static Result<std::unique_ptr<Outbox>> Open(SQLite::Database& db, std::string producer);

  const std::string& producer() const { return producer_; }
  const std::string& epoch() const { return epoch_; }

  // Appends one event. Precondition: a write transaction is open on db.
  // Returns the new sequence number.
  Result<uint64_t> Append(const google::protobuf::Message& event, const std::string& request_id,
                          TimePoint now);

  // Holding, for a group of commands in one transaction (RpcServer): after
  // Hold(), Append numbers and hashes each event from the head kept in
  // memory and keeps its row instead of inserting it; WriteHeld() inserts
  // every kept row (one multi-row INSERT per 64) and ends holding. It must
  // run before the transaction commits: rows still held when it rolls back
  // or commits without it are lost with it (AbandonHeld). DropHeld(from)
  // forgets the rows appended after held() was `from` (a command that was
  // undone). While holding, Head() and ChainHead() count the held rows;
  // Fetch and PruneThrough see only written ones.
  // Precondition of Hold: a write transaction is open (the head is read
  // under its lock). Errors: storage errors; WriteHeld's end holding too.
  Status Hold();
  bool holding() const { return holding_; }
  size_t held() const { return held_.size(); }
  void DropHeld(size_t from);
  Status WriteHeld();
  void AbandonHeld();

  // The highest sequence number visible on this connection (0 when empty;
  // the prune anchor's when every row was pruned), held rows included.
  uint64_t Head();

  // The newest row's seq and hash (the anchor's when every row was pruned,
  // (0, genesis) when empty): what witnesses record. Held rows included.
  Result<storage::ChainHead> ChainHead();

  // Events with seq > after_seq: at most max_events, and no more than
  // max_bytes of payload (counting 64 bytes of framing per event) unless the
  // first event alone is larger — there always is one when any is pending.
  // Errors: failed_precondition when events after `after_seq` were pruned.
  Result<common::v1::FetchEventsResponse> Fetch(uint64_t after_seq, uint32_t max_events,
                                                size_t max_bytes = size_t{1024} * 1024);

  // Retention: deletes the events with seq <= `through` (which must not be
  // above Head()), keeping (through, its hash) as the chain's anchor in
  // chain_anchors. First appends a ChainPruned event (request id "prune"), so
  // the cut is itself part of the chain and the anchor cannot be moved
  // alone. Prune only what every consumer has read (ConsumerProgress): a
  // consumer still behind gets failed_precondition from Fetch. Precondition:
  // a write transaction is open (runtime::ServiceRuntime::RunInTransaction).
  // Returns the ChainPruned event's seq. Errors: invalid_argument (no
  // such event, or 0), storage errors.
  Result<uint64_t> PruneThrough(uint64_t through, TimePoint now);

  // The highest seq every consumer has been served through: Fetch's callers
  // record here (RecordConsumerProgress) who fetched after which seq.
  // Consumers are principals ("nominations"), or the actor's user id
  // without one.
  Status RecordConsumerProgress(const std::string& consumer, uint64_t after_seq, TimePoint now);
  // consumer -> highest after_seq it fetched after (= has applied).
  Result<std::map<std::string, uint64_t>> ConsumerProgress();
  // The highest seq every one of `consumers` has applied (0 when one of
  // them has never fetched): the most retention may prune.
  Result<uint64_t> ReadByAll(const std::vector<std::string>& consumers);

 private:
  Outbox(SQLite::Database& db, std::string producer, std::string epoch);

  // A row appended while holding: its content in the chain's column order
  // (type, payload, occurred_us, request_id) and its hash; its prev_hash is
  // the row before it's (or held_base_'s).
  struct HeldRow {
    int64_t seq = 0;
    std::vector<storage::ChainValue> content{};
    std::string hash{};
  };
  // Head() of the written rows only.
  uint64_t WrittenHead();

  SQLite::Database& db_;
  std::string producer_;
  std::string epoch_;
  storage::ChainWriter chain_;
  bool holding_ = false;
  storage::ChainHead held_base_;  // the written head when holding began
  std::vector<HeldRow> held_;
  MultiRowInsert insert_held_;
  SQLite::Statement head_;
  SQLite::Statement fetch_;
  SQLite::Statement pruned_through_;
  SQLite::Statement progress_;
};

}  // namespace verkosto::messaging
