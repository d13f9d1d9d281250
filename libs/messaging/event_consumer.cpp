#include "messaging/event_consumer.h"

#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>

#include "messaging/envelope.h"

namespace verkosto::messaging {

EventConsumer::EventConsumer(zmq::context_t& zmq, storage::Database& db, Outbox* own_outbox,
                             const Clock& clock, ConsumerOptions options)
    : dealer_(zmq, zmq::socket_type::dealer),
      sub_(zmq, zmq::socket_type::sub),
      db_(db),
      own_outbox_(own_outbox),
      clock_(clock),
      options_(std::move(options)),
      client_id_(options_.consumer_name + "-consumer-" + RandomId().substr(0, 8)) {
  ConfigureClientSocket(dealer_, options_.limits, options_.curve);
  ConfigureClientSocket(sub_, options_.limits, options_.curve);
  status_.set_producer(options_.producer);
  SQLite::Statement q(db_.sqlite(),
                      "SELECT epoch, cursor FROM consumer_cursors WHERE producer = ?");
  q.bind(1, options_.producer);
  if (q.executeStep()) {
    status_.set_epoch(q.getColumn(0).getString());
    status_.set_cursor(static_cast<uint64_t>(q.getColumn(1).getInt64()));
  }
}

Status EventConsumer::Connect() {
  try {
    dealer_.connect(options_.endpoint);
    if (!options_.hint_endpoint.empty()) {
      sub_.set(zmq::sockopt::subscribe, "");
      sub_.connect(options_.hint_endpoint);
      has_sub_ = true;
    }
  } catch (const zmq::error_t& e) {
    return Status::Unavailable("cannot connect to " + options_.producer + " at " +
                               options_.endpoint + ": " + e.what());
  }
  return Status::Ok();
}

uint64_t EventConsumer::Cursor() {
  SQLite::Statement q(db_.sqlite(), "SELECT cursor FROM consumer_cursors WHERE producer = ?");
  q.bind(1, options_.producer);
  return q.executeStep() ? static_cast<uint64_t>(q.getColumn(0).getInt64()) : 0;
}

void EventConsumer::SendFetch(std::chrono::steady_clock::time_point now) {
  common::v1::FetchEventsRequest fetch;
  fetch.set_after_seq(status_.cursor());
  fetch.set_max_events(options_.batch_size);
  common::v1::RequestEnvelope envelope;
  envelope.set_protocol_version(kProtocolVersion);
  envelope.set_client_id(client_id_);
  envelope.set_request_id(RandomId());
  envelope.mutable_actor()->set_user_id(options_.consumer_name);
  envelope.mutable_actor()->set_role(common::v1::ROLE_SYSTEM);
  // A fetch not served within the timeout has been sent again by then.
  envelope.set_deadline_unix_us(DeadlineAfter(options_.request_timeout));
  envelope.mutable_body()->PackFrom(fetch);
  const std::string bytes = envelope.SerializeAsString();
  try {
    if (dealer_.send(zmq::buffer(bytes), zmq::send_flags::dontwait)) {
      in_flight_ = envelope.request_id();
      in_flight_since_ = now;
      return;
    }
  } catch (const zmq::error_t& e) {
    spdlog::debug("fetch from {} not sent: {}", options_.producer, e.what());
  }
  in_flight_.clear();  // producer not connected: the next poll tries again
}

void EventConsumer::RequestFetch(std::chrono::steady_clock::time_point now) {
  if (pending_) return;  // its rest is applied first; then the next fetch goes at once
  if (!in_flight_.empty() && now - in_flight_since_ < options_.request_timeout) return;
  SendFetch(now);
}

void EventConsumer::OnHintReadable() {
  zmq::message_t message;
  bool wanted = false;
  while (sub_.recv(message, zmq::recv_flags::dontwait)) {
    common::v1::HeadHint hint;
    if (hint.ParseFromArray(message.data(), static_cast<int>(message.size())) &&
        hint.head_seq() > status_.cursor()) {
      wanted = true;
    }
  }
  if (wanted) RequestFetch(std::chrono::steady_clock::now());
}

void EventConsumer::OnDealerReadable() {
  zmq::message_t message;
  while (dealer_.recv(message, zmq::recv_flags::dontwait)) {
    common::v1::ReplyEnvelope reply;
    if (!reply.ParseFromArray(message.data(), static_cast<int>(message.size()))) continue;
    if (reply.request_id() != in_flight_) continue;  // a stale answer to a resent fetch
    in_flight_.clear();
    if (reply.has_error()) {
      status_.set_error(FromProtoError(reply.error()).ToString());
      continue;
    }
    common::v1::FetchEventsResponse batch;
    if (!reply.result().UnpackTo(&batch)) continue;
    pending_ = std::move(batch);
    ApplyPending();
  }
}

void EventConsumer::ApplyPending() {
  if (!pending_) return;
  Stop stop = Stop::kEnd;
  Result<size_t> applied = Apply(*pending_, options_.apply_budget, &stop);
  const auto after = std::chrono::steady_clock::now();
  if (!applied.ok()) {
    pending_.reset();
    // A stuck stream fails the same way at every poll: say it once.
    if (applied.status().ToString() != last_logged_error_) {
      last_logged_error_ = applied.status().ToString();
      spdlog::error("consuming {}: {}", options_.producer, last_logged_error_);
    }
    next_poll_ = after + options_.poll_interval;
    return;
  }
  switch (stop) {
    case Stop::kBudget:
      resume_at_ = after;  // the loop answers what waits first, then goes on
      return;
    case Stop::kWaiting:
      wait_delay_ = wait_delay_.count() == 0
                        ? std::chrono::milliseconds(20)
                        : std::min(wait_delay_ * 2,
                                   std::max(options_.poll_interval, std::chrono::milliseconds(20)));
      resume_at_ = after + wait_delay_;
      return;
    case Stop::kEnd:
      break;
  }
  const uint64_t head = pending_->head_seq();
  pending_.reset();
  // More to fetch: ask again at once instead of waiting for the next poll.
  if (status_.cursor() < head) SendFetch(after);
}

std::chrono::steady_clock::time_point EventConsumer::NextWakeup() const {
  if (pending_) return resume_at_;
  auto next = next_poll_;
  if (!in_flight_.empty()) next = std::min(next, in_flight_since_ + options_.request_timeout);
  return next;
}

void EventConsumer::OnTimer(std::chrono::steady_clock::time_point now) {
  if (pending_) {
    if (now >= resume_at_) ApplyPending();
    return;
  }
  if (now >= next_poll_) {
    next_poll_ = now + options_.poll_interval;
    RequestFetch(now);
  } else if (!in_flight_.empty() && now - in_flight_since_ >= options_.request_timeout) {
    SendFetch(now);
  }
}

Result<size_t> EventConsumer::SyncOnce(std::chrono::milliseconds timeout) {
  pending_.reset();  // the loop is not running: what it left is fetched again
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + timeout;
  SendFetch(start);
  while (true) {
    if (in_flight_.empty()) {
      // Sent nothing (producer not connected yet) or got an answer: resend
      // until the timeout so a connect in progress is waited for.
      SendFetch(std::chrono::steady_clock::now());
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    zmq::pollitem_t item{static_cast<void*>(dealer_), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::min(left, std::chrono::milliseconds(50)));
    if ((item.revents & ZMQ_POLLIN) == 0) continue;
    zmq::message_t message;
    if (!dealer_.recv(message, zmq::recv_flags::dontwait)) continue;
    common::v1::ReplyEnvelope reply;
    if (!reply.ParseFromArray(message.data(), static_cast<int>(message.size())) ||
        reply.request_id() != in_flight_) {
      continue;
    }
    in_flight_.clear();
    if (reply.has_error()) return FromProtoError(reply.error());
    common::v1::FetchEventsResponse batch;
    if (!reply.result().UnpackTo(&batch)) return Status::Internal("unexpected fetch reply");
    // The whole batch; an event that waits for another stream stops it, and
    // with nothing applied its reason is the answer.
    Stop stop = Stop::kEnd;
    Result<size_t> applied = Apply(batch, std::chrono::milliseconds(0), &stop);
    if (applied.ok() && *applied == 0 && stop == Stop::kWaiting) {
      return Status::Unavailable(waiting_for_);
    }
    return applied;
  }
  in_flight_.clear();
  return Status::Unavailable("no answer from " + options_.producer + " at " + options_.endpoint);
}

Result<size_t> EventConsumer::Apply(const common::v1::FetchEventsResponse& batch,
                                    std::chrono::milliseconds budget, Stop* stop) {
  *stop = Stop::kEnd;
  size_t applied = 0;
  int emitted = 0;
  std::string waiting;  // the "not yet" of the event it stopped at
  const TimePoint started = clock_.Now();
  Status status = storage::Guard([&]() -> Status {
    storage::WriteTransaction tx(db_.sqlite());
    // The database, not memory, is the truth about where we stand.
    std::string epoch;
    uint64_t cursor = 0;
    {
      SQLite::Statement q(db_.sqlite(),
                          "SELECT epoch, cursor FROM consumer_cursors WHERE producer = ?");
      q.bind(1, options_.producer);
      if (q.executeStep()) {
        epoch = q.getColumn(0).getString();
        cursor = static_cast<uint64_t>(q.getColumn(1).getInt64());
      }
    }
    if (!epoch.empty() && epoch != batch.epoch()) {
      return Status::FailedPrecondition(
          "producer " + options_.producer + " changed epoch from " + epoch + " to " +
          batch.epoch() +
          ": its database was replaced; events are not applied until an operator resets the "
          "cursor");
    }
    if (batch.head_seq() < cursor) {
      return Status::FailedPrecondition("producer " + options_.producer + " is at " +
                                        std::to_string(batch.head_seq()) +
                                        " but this consumer already applied " +
                                        std::to_string(cursor) + " (restored from an old backup?)");
    }
    Actor system{options_.consumer_name, options_.consumer_name, Role::kSystem, {}, {}};
    system.principal = options_.consumer_name;  // in-process work: the service itself
    for (const auto& event : batch.events()) {
      if (event.seq() <= cursor) continue;  // already applied (a resent fetch, a batch resumed)
      if (applied > 0 && budget.count() > 0 && clock_.Now() - started >= budget) {
        *stop = Stop::kBudget;
        break;
      }
      if (event.seq() != cursor + 1) {
        return Status::Internal("gap in the stream of " + options_.producer + ": expected " +
                                std::to_string(cursor + 1) + ", got " +
                                std::to_string(event.seq()));
      }
      const auto handler = handlers_.find(AnyTypeName(event.payload()));
      if (handler != handlers_.end()) {
        Context ctx(db_.sqlite(), own_outbox_, system,
                    options_.producer + ":" + std::to_string(event.seq()), clock_.Now());
        db_.sqlite().exec("SAVEPOINT consumer_event");
        Status st = handler->second(ctx, event.payload());
        if (st.code() == ErrorCode::kUnavailable) {
          // Not yet: undo its writes, keep the events before it.
          db_.sqlite().exec("ROLLBACK TO consumer_event");
          db_.sqlite().exec("RELEASE consumer_event");
          waiting = "event " + std::to_string(event.seq()) + " of " + options_.producer +
                    " waits: " + st.message();
          *stop = Stop::kWaiting;
          break;
        }
        db_.sqlite().exec("RELEASE consumer_event");
        if (!st.ok()) {
          return st.WithMessage("event " + std::to_string(event.seq()) + " of " +
                                options_.producer + ": " + st.message());
        }
        emitted += ctx.emitted();
      }
      cursor = event.seq();
      ++applied;
    }
    // The first event waits: nothing to commit (rolled back unchanged).
    if (applied == 0 && *stop == Stop::kWaiting) return Status::Ok();
    SQLite::Statement up(db_.sqlite(),
                         "INSERT INTO consumer_cursors (producer, epoch, cursor, updated_us) "
                         "VALUES (?, ?, ?, ?) ON CONFLICT (producer) DO UPDATE SET "
                         "epoch = excluded.epoch, cursor = excluded.cursor, "
                         "updated_us = excluded.updated_us");
    up.bind(1, options_.producer);
    up.bind(2, batch.epoch());
    up.bind(3, static_cast<int64_t>(cursor));
    up.bind(4, ToMicros(clock_.Now()));
    up.exec();
    VERKOSTO_RETURN_IF_ERROR(tx.Commit());
    status_.set_epoch(batch.epoch());
    status_.set_cursor(cursor);
    return Status::Ok();
  });
  status_.set_producer_head(batch.head_seq());
  if (!status.ok()) {
    status_.set_error(status.ToString());
    return status;
  }
  last_logged_error_.clear();
  const TimePoint now = clock_.Now();
  if (*stop != Stop::kWaiting) {
    waiting_since_.reset();
    wait_delay_ = std::chrono::milliseconds(0);
    waiting_for_.clear();
    status_.clear_error();
  } else {
    // A wait restarts when events before it were applied (another event waits now).
    if (!waiting_since_ || applied > 0) waiting_since_ = now;
    if (applied > 0) wait_delay_ = std::chrono::milliseconds(0);
    waiting_for_ = waiting;
    // Waiting is normal for a moment (the other stream is a fetch behind);
    // for long, it is what an operator should see.
    if (now - *waiting_since_ >= std::chrono::seconds(10)) {
      const std::string error =
          waiting + " (for " +
          std::to_string(
              std::chrono::duration_cast<std::chrono::seconds>(now - *waiting_since_).count()) +
          " s)";
      if (status_.error().empty()) spdlog::warn("consuming {}: {}", options_.producer, error);
      status_.set_error(error);
    } else {
      status_.clear_error();
      spdlog::debug("consuming {}: {}", options_.producer, waiting);
    }
  }
  if (emitted > 0 && after_commit_) after_commit_();
  return applied;
}

}  // namespace verkosto::messaging
