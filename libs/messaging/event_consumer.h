#pragma once

#include <google/protobuf/any.pb.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <zmq.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "messaging/context.h"
#include "messaging/outbox.h"
#include "messaging/socket_options.h"
#include "storage/database.h"
#include "verkosto/common/v1/events.pb.h"
#include "verkosto/common/v1/health.pb.h"

namespace verkosto::messaging {

struct ConsumerOptions {
  // Name of the producing service; the key of the stored cursor.
  std::string producer;
  // The producer's ROUTER endpoint (FetchEventsRequest goes there).
  std::string endpoint;
  // The producer's PUB endpoint for head hints; empty = poll only.
  std::string hint_endpoint;
  // Name of this service, used as the actor of fetch requests.
  std::string consumer_name;
  uint32_t batch_size = 500;
  // How long one transaction may apply events of a batch before it commits
  // what it applied and lets the service loop answer requests; the rest of
  // the batch is applied from memory at the loop's next turn. A handler that
  // fans out (one event, a hundred e-mails) would otherwise hold the loop,
  // and every RPC and health call, for the whole batch. At least one event
  // is applied per transaction. Zero: the whole batch in one transaction.
  // Measured on the consumer's clock (a fake clock in tests).
  std::chrono::milliseconds apply_budget{100};
  // Fallback polling when no hint arrives (hints may be lost).
  std::chrono::milliseconds poll_interval{1000};
  // A fetch without an answer this long is sent again; it is also the fetch's
  // deadline (transport time, envelope.h), so the producer skips a stale one.
  std::chrono::milliseconds request_timeout{2000};
  SocketLimits limits;
  // This service's key pair and the producer's public key (both sockets).
  CurveOptions curve;
};

// The pull side of an event stream. It asks the producer for "events after my
// cursor" and applies each batch in one IMMEDIATE transaction that also
// advances the cursor stored in this service's database, so after a crash at
// any point nothing is lost and nothing is applied twice.
//
// Each event is dispatched by payload type to the handler registered with
// On<T>(); events without a handler just advance the cursor. A handler error
// rolls the whole batch back and the consumer retries later (it does not skip).
// A handler that answers `unavailable` says "not yet": what the event needs
// has not arrived (e.g. from another producer, whose stream is not ordered
// with this one). Its own writes are undone (a savepoint per event), the
// events before it commit, and it is tried again after a short, growing wait
// (20 ms doubling up to poll_interval); meanwhile the consumer is waiting,
// not stuck, and status() says so only after 10 s (by the consumer's clock).
// If the producer's epoch differs from the stored one (its database was
// replaced) or its head is behind the cursor, the consumer stops applying and
// reports the problem in status() instead of guessing.
//
// Not thread-safe: drive it from one thread, either synchronously (SyncOnce)
// or from a ServiceLoop.
class EventConsumer {
 public:
  using Handler = std::function<Status(Context&, const google::protobuf::Any&)>;

  // `own_outbox` (may be null) lets handlers emit events of this service.
  EventConsumer(zmq::context_t& zmq, storage::Database& db, Outbox* own_outbox, const Clock& clock,
                ConsumerOptions options);

  template <typename Ev, typename Fn>
  void On(Fn fn) {
    handlers_[Ev::descriptor()->full_name()] = [fn = std::move(fn)](
                                                   Context& ctx, const google::protobuf::Any& any) {
      Ev event;
      if (!any.UnpackTo(&event)) return Status::Internal("undecodable " + any.type_url());
      return fn(ctx, event);
    };
  }

  // Connects the DEALER (and SUB). Errors: unavailable for a bad endpoint.
  Status Connect();

  // Synchronous step for tools and tests: fetch one batch, wait up to
  // `timeout` for it, apply it. Returns the number of events applied.
  // Errors: unavailable (no answer), failed_precondition (epoch changed or
  // producer behind), a handler's error.
  Result<size_t> SyncOnce(std::chrono::milliseconds timeout);

  // Last applied sequence number (from the database).
  uint64_t Cursor();
  common::v1::ConsumerStatus status() const { return status_; }
  const ConsumerOptions& options() const { return options_; }

  // --- for ServiceLoop ---
  zmq::socket_t& dealer() { return dealer_; }
  zmq::socket_t* hint_socket() { return has_sub_ ? &sub_ : nullptr; }
  // Sends a fetch if none is in flight, or resends one that timed out.
  void RequestFetch(std::chrono::steady_clock::time_point now);
  void OnDealerReadable();
  void OnHintReadable();
  // When the loop must call OnTimer next.
  std::chrono::steady_clock::time_point NextWakeup() const;
  void OnTimer(std::chrono::steady_clock::time_point now);
  // Called after a batch that made this service emit events committed.
  void set_after_commit(std::function<void()> fn) { after_commit_ = std::move(fn); }

 private:
  // Why Apply stopped before the batch's end (kEnd: it did not).
  enum class Stop { kEnd, kBudget, kWaiting };

  // Applies a batch's events after the cursor, in one transaction: all of
  // them, or (`budget` > 0) those that fit the budget; up to a handler that
  // says "not yet" in either case. Returns the number applied; `stop` says
  // why it stopped.
  Result<size_t> Apply(const common::v1::FetchEventsResponse& batch,
                       std::chrono::milliseconds budget, Stop* stop);
  // Applies (the rest of) `pending_` with the budget; keeps it while events
  // remain, else fetches again when the producer has more.
  void ApplyPending();
  void SendFetch(std::chrono::steady_clock::time_point now);

  zmq::socket_t dealer_;
  zmq::socket_t sub_;
  storage::Database& db_;
  Outbox* own_outbox_;
  const Clock& clock_;
  ConsumerOptions options_;
  std::unordered_map<std::string, Handler> handlers_;
  std::function<void()> after_commit_;
  common::v1::ConsumerStatus status_;
  bool has_sub_ = false;
  std::string client_id_;
  std::string last_logged_error_;
  std::string in_flight_;  // request id of the outstanding fetch, empty if none
  std::chrono::steady_clock::time_point in_flight_since_{};
  std::chrono::steady_clock::time_point next_poll_{};
  // A fetched batch not yet applied to its end (the budget ran out, or a
  // handler said "not yet"), applied from memory at resume_at_; no fetch is
  // sent meanwhile.
  std::optional<common::v1::FetchEventsResponse> pending_;
  std::chrono::steady_clock::time_point resume_at_{};
  // While an event waits: since when, and the wait before its next try.
  std::optional<TimePoint> waiting_since_;
  std::chrono::milliseconds wait_delay_{0};
  std::string waiting_for_;  // the waiting event's "not yet", empty if none
};

}  // namespace verkosto::messaging
