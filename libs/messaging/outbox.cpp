#include "messaging/outbox.h"

#include <algorithm>
#include <variant>

#include "messaging/context.h"
#include "messaging/schema.h"
#include "storage/database.h"
#include "verkosto/common/v1/chain.pb.h"

namespace verkosto::messaging {

namespace {

constexpr char kTypeUrlPrefix[] = "type.googleapis.com/";

// "INSERT INTO outbox (seq, type, ..., prev_hash, hash)", the chain's columns.
std::string InsertHead(const storage::ChainTable& t) {
  std::string head = "INSERT INTO " + t.table + " (" + t.key;
  for (const std::string& column : t.columns) head += ", " + column;
  return head + ", prev_hash, hash)";
}

// Binds a held value without copying it (it outlives the insert).
void BindHeld(SQLite::Statement& statement, int index, const storage::ChainValue& value) {
  static const uint8_t kEmptyBlob = 0;  // a null pointer would bind NULL
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          statement.bind(index);
        } else if constexpr (std::is_same_v<T, std::string>) {
          statement.bindNoCopy(index, v);
        } else if constexpr (std::is_same_v<T, std::vector<uint8_t>>) {
          statement.bindNoCopy(index, v.empty() ? &kEmptyBlob : v.data(),
                               static_cast<int>(v.size()));
        } else {
          statement.bind(index, v);
        }
      },
      value);
}

}  // namespace

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
      insert_held_(db, InsertHead(OutboxChainTable()),
                   static_cast<int>(OutboxChainTable().columns.size()) + 3),
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
  std::vector<uint8_t> payload(event.ByteSizeLong());
  event.SerializeWithCachedSizesToArray(payload.data());
  std::vector<storage::ChainValue> content{storage::ChainText(event.GetDescriptor()->full_name()),
                                           storage::ChainValue{std::move(payload)},
                                           storage::ChainValue{ToMicros(now)},
                                           storage::ChainText(request_id)};
  if (holding_) {
    // The same row ChainWriter::Append would write, from the head in memory:
    // the transaction's write lock has held it since Hold().
    HeldRow row{(held_.empty() ? held_base_.key : held_.back().seq) + 1, std::move(content)};
    row.hash = storage::ChainHash(held_.empty() ? held_base_.hash : held_.back().hash,
                                  OutboxChainTable().chain, row.seq, row.content);
    held_.push_back(std::move(row));
    return static_cast<uint64_t>(held_.back().seq);
  }
  // The previous hash is read under the write lock the caller's transaction
  // holds, so no other writer can slip a row in between.
  auto seq = chain_.Append(content);
  if (!seq.ok()) return seq.status();
  return static_cast<uint64_t>(*seq);
}

Status Outbox::Hold() {
  AbandonHeld();
  VERKOSTO_ASSIGN_OR_RETURN(held_base_, chain_.Head());
  holding_ = true;
  return Status::Ok();
}

void Outbox::DropHeld(size_t from) {
  if (from < held_.size())
    held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(from), held_.end());
}

void Outbox::AbandonHeld() {
  holding_ = false;
  held_.clear();
}

Status Outbox::WriteHeld() {
  Status status = storage::Guard([&]() -> Status {
    insert_held_.Write(held_.size(), [&](SQLite::Statement& statement, int index, size_t i) {
      const HeldRow& row = held_[i];
      statement.bind(index++, row.seq);
      for (const storage::ChainValue& value : row.content) BindHeld(statement, index++, value);
      statement.bindNoCopy(index++, i == 0 ? held_base_.hash : held_[i - 1].hash);
      statement.bindNoCopy(index, row.hash);
    });
    return Status::Ok();
  });
  AbandonHeld();
  return status;
}

Result<storage::ChainHead> Outbox::ChainHead() {
  if (holding_ && !held_.empty()) return storage::ChainHead{held_.back().seq, held_.back().hash};
  return chain_.Head();
}

Result<uint64_t> Outbox::PruneThrough(uint64_t through, TimePoint now) {
  if (through == 0 || through > WrittenHead()) {
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
  if (holding_ && !held_.empty()) return static_cast<uint64_t>(held_.back().seq);
  return WrittenHead();
}

uint64_t Outbox::WrittenHead() {
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
    response.set_head_seq(WrittenHead());
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
