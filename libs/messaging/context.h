#pragma once

#include <SQLiteCpp/Database.h>
#include <google/protobuf/message.h>

#include <memory>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/status.h"

namespace verkosto::messaging {

class Outbox;

// What a command handler, query handler or event applier may use while it
// runs: the actor, the time, the database connection inside the open
// transaction, and the outbox of the same transaction. Handlers translate
// protobuf <-> domain and call repositories on db(); they never commit.
class Context {
 public:
  Context(SQLite::Database& db, Outbox* outbox, Actor actor, std::string request_id, TimePoint now)
      : db_(db),
        outbox_(outbox),
        actor_(std::move(actor)),
        request_id_(std::move(request_id)),
        now_(now) {}

  SQLite::Database& db() { return db_; }
  const Actor& actor() const { return actor_; }
  const std::string& request_id() const { return request_id_; }
  TimePoint now() const { return now_; }

  // Appends `event` to the outbox in the current transaction: it becomes
  // visible to consumers exactly when (and if) the state change commits.
  // Errors: failed_precondition in a query (queries must not emit) or a
  // service without an outbox; others from storage.
  Status Emit(const google::protobuf::Message& event);

  // Emits each of `events` in order as `to_proto` encodes it (a service's
  // codec::ToProto of its domain event); stops at the first error.
  template <typename Event>
  Status EmitAll(const std::vector<Event>& events,
                 std::unique_ptr<google::protobuf::Message> (*to_proto)(const Event&)) {
    for (const Event& event : events) VERKOSTO_RETURN_IF_ERROR(Emit(*to_proto(event)));
    return Status::Ok();
  }

  // Number of events emitted through this context.
  int emitted() const { return emitted_; }

  // Set by the server: queries may not emit.
  void set_read_only(bool read_only) { read_only_ = read_only; }

 private:
  SQLite::Database& db_;
  Outbox* outbox_;
  Actor actor_;
  std::string request_id_;
  TimePoint now_;
  int emitted_ = 0;
  bool read_only_ = false;
};

}  // namespace verkosto::messaging
