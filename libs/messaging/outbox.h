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

  // The highest sequence number visible on this connection (0 when empty;
  // the prune anchor's when every row was pruned).
  uint64_t Head();

  // The newest row's seq and hash (the anchor's when every row was pruned,
  // (0, genesis) when empty): what witnesses record.
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

  SQLite::Database& db_;
  std::string producer_;
  std::string epoch_;
  storage::ChainWriter chain_;
  SQLite::Statement head_;
  SQLite::Statement fetch_;
  SQLite::Statement pruned_through_;
  SQLite::Statement progress_;
};

}  // namespace verkosto::messaging
