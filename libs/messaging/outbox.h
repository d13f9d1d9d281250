#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <google/protobuf/message.h>

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "verkosto/common/v1/events.pb.h"

namespace verkosto::messaging {

// The producer side of an event stream: events are rows of the `outbox`
// table, appended in the same transaction as the state change they describe,
// numbered without gaps from 1, and served to consumers by Fetch.
// Not thread-safe: it uses the connection of the thread that owns it.
class Outbox {
 public:
  // `db` must carry the messaging tables (MessagingTablesMigration).
  // Errors: internal if the epoch is missing.
  static Result<std::unique_ptr<Outbox>> Open(SQLite::Database& db, std::string producer);

  const std::string& producer() const { return producer_; }
  const std::string& epoch() const { return epoch_; }

  // Appends one event. Precondition: a write transaction is open on db.
  // Returns the new sequence number.
  Result<uint64_t> Append(const google::protobuf::Message& event, const std::string& request_id,
                          TimePoint now);

  // The highest sequence number visible on this connection (0 when empty).
  uint64_t Head();

  // Events with seq > after_seq: at most max_events, and no more than
  // max_bytes of payload (counting 64 bytes of framing per event) unless the
  // first event alone is larger — there always is one when any is pending.
  Result<common::v1::FetchEventsResponse> Fetch(uint64_t after_seq, uint32_t max_events,
                                                size_t max_bytes = size_t{1024} * 1024);

 private:
  Outbox(SQLite::Database& db, std::string producer, std::string epoch);

  SQLite::Database& db_;
  std::string producer_;
  std::string epoch_;
  SQLite::Statement insert_;
  SQLite::Statement head_;
  SQLite::Statement fetch_;
};

}  // namespace verkosto::messaging
