#include "messaging/outbox.h"

#include <algorithm>

#include "messaging/context.h"
#include "messaging/schema.h"
#include "storage/database.h"
#include "verkosto/common/v1/chain.pb.h"

namespace verkosto::messaging {

namespace {
constexpr char kTypeUrlPrefix[] = "type.googleapis.com/";
}

Status Context::Emit(const google::protobuf::Message& event) {
  if (read_only_) return Status::FailedPrecondition("a query cannot emit events");
  if (outbox_ == nullptr) return Status::FailedPrecondition("this service has no outbox");
  auto seq = outbox_->Append(event, request_id_, now_);
  if (!seq.ok()) return seq.status();
  ++emitted_;
  return Status::Ok();
}

Outbox::Outbox(SQLite::Database& db, std::string producer, std::string epoch)
    : db_(db),
      producer_(std::move(producer)),
      epoch_(std::move(epoch)),
      chain_(db, OutboxChainTable()),
      head_(db,
            "SELECT COALESCE(MAX(seq), (SELECT through FROM chain_anchors "
            "WHERE chain = 'outbox'), 0) FROM outbox"),
      fetch_(db,
             "SELECT seq, type, payload, occurred_us, request_id, hash FROM outbox "
             "WHERE seq > ? ORDER BY seq LIMIT ?"),
      pruned_through_(db, "SELECT through FROM chain_anchors WHERE chain = 'outbox'"),
      progress_(db,
                "INSERT INTO consumer_progress (consumer, after_seq, updated_us) "
                "VALUES (?, ?, ?) ON CONFLICT (consumer) DO UPDATE SET "
                "after_seq = excluded.after_seq, updated_us = excluded.updated_us "
                "WHERE excluded.after_seq > consumer_progress.after_seq") {}

Result<std::unique_ptr<Outbox>> Outbox::Open(SQLite::Database& db, std::string producer) {
  std::unique_ptr<Outbox> outbox;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'epoch'");
    if (!q.executeStep()) return Status::Internal("database has no epoch");
    outbox.reset(new Outbox(db, std::move(producer), q.getColumn(0).getString()));
    // Events written before the outbox was chained (AuditChainMigration).
    if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM outbox WHERE hash = '')").getInt() != 0) {
      storage::WriteTransaction tx(db);
      auto filled = outbox->chain_.Backfill();
      if (!filled.ok()) return filled.status();
      return tx.Commit();
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return outbox;
}

Result<uint64_t> Outbox::Append(const google::protobuf::Message& event,
                                const std::string& request_id, TimePoint now) {
  const std::string payload = event.SerializeAsString();
  // The previous hash is read under the write lock the caller's transaction
  // holds, so no other writer can slip a row in between.
  auto seq = chain_.Append({storage::ChainText(event.GetDescriptor()->full_name()),
                            storage::ChainBlob(payload.data(), payload.size()),
                            storage::ChainValue{ToMicros(now)}, storage::ChainText(request_id)});
  if (!seq.ok()) return seq.status();
  return static_cast<uint64_t>(*seq);
}

Result<storage::ChainHead> Outbox::ChainHead() { return chain_.Head(); }

Result<uint64_t> Outbox::PruneThrough(uint64_t through, TimePoint now) {
  if (through == 0 || through > Head()) {
    return Status::InvalidArgument(
        "through", "no event " + std::to_string(through) + " in the " + producer_ + " outbox");
  }
  std::string hash;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT hash FROM outbox WHERE seq = ?");
    q.bind(1, static_cast<int64_t>(through));
    if (!q.executeStep()) {
      return Status::InvalidArgument("through",
                                     "event " + std::to_string(through) + " was pruned already");
    }
    hash = q.getColumn(0).getString();
    return Status::Ok();
  }));
  common::v1::ChainPruned pruned;
  pruned.set_chain(OutboxChainTable().chain);
  pruned.set_through(through);
  pruned.set_through_hash(hash);
  VERKOSTO_ASSIGN_OR_RETURN(uint64_t seq, Append(pruned, "prune", now));
  VERKOSTO_RETURN_IF_ERROR(chain_.PruneThrough(static_cast<int64_t>(through), ToMicros(now)));
  return seq;
}

Status Outbox::RecordConsumerProgress(const std::string& consumer, uint64_t after_seq,
                                      TimePoint now) {
  return storage::Guard([&]() -> Status {
    progress_.reset();
    progress_.bind(1, consumer);
    progress_.bind(2, static_cast<int64_t>(after_seq));
    progress_.bind(3, ToMicros(now));
    progress_.exec();
    progress_.reset();
    return Status::Ok();
  });
}

Result<std::map<std::string, uint64_t>> Outbox::ConsumerProgress() {
  std::map<std::string, uint64_t> progress;
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&]() -> Status {
    SQLite::Statement q(db_, "SELECT consumer, after_seq FROM consumer_progress");
    while (q.executeStep()) {
      progress[q.getColumn(0).getString()] = static_cast<uint64_t>(q.getColumn(1).getInt64());
    }
    return Status::Ok();
  }));
  return progress;
}

Result<uint64_t> Outbox::ReadByAll(const std::vector<std::string>& consumers) {
  VERKOSTO_ASSIGN_OR_RETURN(auto progress, ConsumerProgress());
  uint64_t least = Head();
  for (const std::string& consumer : consumers) {
    const auto it = progress.find(consumer);
    least = std::min(least, it == progress.end() ? 0 : it->second);
  }
  return least;
}

uint64_t Outbox::Head() {
  head_.reset();
  head_.executeStep();
  const auto head = static_cast<uint64_t>(head_.getColumn(0).getInt64());
  head_.reset();
  return head;
}

Result<common::v1::FetchEventsResponse> Outbox::Fetch(uint64_t after_seq, uint32_t max_events,
                                                      size_t max_bytes) {
  common::v1::FetchEventsResponse response;
  Status status = storage::Guard([&]() -> Status {
    pruned_through_.reset();
    if (pruned_through_.executeStep() &&
        after_seq < static_cast<uint64_t>(pruned_through_.getColumn(0).getInt64())) {
      const int64_t through = pruned_through_.getColumn(0).getInt64();
      pruned_through_.reset();
      return Status::FailedPrecondition("the " + producer_ + " events through " +
                                        std::to_string(through) +
                                        " were pruned; this consumer is behind them");
    }
    pruned_through_.reset();
    response.set_producer(producer_);
    response.set_epoch(epoch_);
    response.set_head_seq(Head());
    fetch_.reset();
    fetch_.bind(1, static_cast<int64_t>(after_seq));
    fetch_.bind(2, static_cast<int64_t>(max_events == 0 ? 1 : max_events));
    size_t bytes = 0;
    while (fetch_.executeStep()) {
      const SQLite::Column payload = fetch_.getColumn(2);
      const size_t size = static_cast<size_t>(payload.getBytes()) + 64;
      // Stop before the batch outgrows max_bytes: a reply over the RPC
      // message limit could not be sent at all. A lone event always goes.
      if (response.events_size() > 0 && bytes + size > max_bytes) break;
      bytes += size;
      auto* event = response.add_events();
      event->set_seq(static_cast<uint64_t>(fetch_.getColumn(0).getInt64()));
      event->mutable_payload()->set_type_url(kTypeUrlPrefix + fetch_.getColumn(1).getString());
      event->mutable_payload()->set_value(static_cast<const char*>(payload.getBlob()),
                                          static_cast<size_t>(payload.getBytes()));
      event->set_occurred_unix_us(fetch_.getColumn(3).getInt64());
      event->set_request_id(fetch_.getColumn(4).getString());
      event->set_hash(fetch_.getColumn(5).getString());
    }
    fetch_.reset();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return response;
}

}  // namespace verkosto::messaging
