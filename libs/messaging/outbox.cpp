#include "messaging/outbox.h"

#include "messaging/context.h"
#include "storage/database.h"

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
      insert_(db,
              "INSERT INTO outbox (seq, type, payload, occurred_us, request_id) "
              "VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox), ?, ?, ?, ?)"),
      head_(db, "SELECT COALESCE(MAX(seq), 0) FROM outbox"),
      fetch_(db,
             "SELECT seq, type, payload, occurred_us, request_id FROM outbox "
             "WHERE seq > ? ORDER BY seq LIMIT ?") {}

Result<std::unique_ptr<Outbox>> Outbox::Open(SQLite::Database& db, std::string producer) {
  std::unique_ptr<Outbox> outbox;
  Status status = storage::Guard([&]() -> Status {
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'epoch'");
    if (!q.executeStep()) return Status::Internal("database has no epoch");
    outbox.reset(new Outbox(db, std::move(producer), q.getColumn(0).getString()));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return outbox;
}

Result<uint64_t> Outbox::Append(const google::protobuf::Message& event,
                                const std::string& request_id, TimePoint now) {
  uint64_t seq = 0;
  const std::string payload = event.SerializeAsString();
  Status status = storage::Guard([&]() -> Status {
    insert_.reset();
    insert_.bind(1, event.GetDescriptor()->full_name());
    insert_.bind(2, payload.data(), static_cast<int>(payload.size()));
    insert_.bind(3, ToMicros(now));
    insert_.bind(4, request_id);
    insert_.exec();
    // seq is the rowid; RETURNING would build a temporary table on every call.
    seq = static_cast<uint64_t>(db_.getLastInsertRowid());
    insert_.reset();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return seq;
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
    }
    fetch_.reset();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return response;
}

}  // namespace verkosto::messaging
