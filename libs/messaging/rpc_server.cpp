#include "messaging/rpc_server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <span>
#include <vector>
#include <zmq_addon.hpp>

#include "core/error_code.h"
#include "messaging/envelope.h"
#include "messaging/principal_policy.h"
#include "verkosto/common/v1/events.pb.h"
#include "verkosto/common/v1/health.pb.h"
#include "verkosto/common/v1/metrics.pb.h"

namespace verkosto::messaging {

namespace {

// Errors that depend only on the request and the state it met are stored for
// retries; transient ones are not, so a retry can still succeed.
bool IsStoredOutcome(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kUnavailable:
    case ErrorCode::kDeadlineExceeded:
    case ErrorCode::kInternal:
      return false;
    default:
      return true;
  }
}

}  // namespace

Status RpcServer::ReplyTooLarge(const std::string& operation, size_t bytes) const {
  return Status::InvalidArgument(
      operation, "the answer would be " + DescribeBytes(bytes) + ", over the " +
                     DescribeBytes(static_cast<uint64_t>(options_.limits.max_message_bytes)) +
                     " message limit; narrow the query (a search, a filter, fewer items) and "
                     "ask again");
}

struct RpcServer::Pending {
  // Empties it for the next request, keeping what it allocated unless that
  // was large (a large message must not stay in memory for good).
  void Reset() {
    if (request_bytes + reply_bytes.capacity() > kKeepBytes) {
      *this = Pending();
      return;
    }
    identity.clear();
    principal.clear();
    envelope.Clear();
    operation.clear();
    reply.Clear();
    reply_bytes.clear();
    ready = false;
    executed = false;
    oversized_reply = 0;
    request_bytes = 0;
  }
  static constexpr size_t kKeepBytes = size_t{64} * 1024;

  std::string identity;
  std::string principal;  // from the CURVE key (ZAP "User-Id"); empty without CURVE
  common::v1::RequestEnvelope envelope;
  std::string operation;
  common::v1::ReplyEnvelope reply;
  std::string reply_bytes;     // `reply` serialized: once stored (held_replies_), and to send
  bool ready = false;          // reply decided before execution (malformed, expired, ...)
  bool executed = false;       // ran inside the batch transaction (its reply depends on commit)
  size_t oversized_reply = 0;  // bytes of the answer replaced for being over the limit
  size_t request_bytes = 0;    // of the received message
  std::chrono::steady_clock::time_point received;
};

RpcServer::RpcServer(zmq::context_t& zmq, storage::Database& db, Outbox* outbox, const Clock& clock,
                     ServerOptions options)
    : router_(zmq, zmq::socket_type::router),
      pub_(zmq, zmq::socket_type::pub),
      db_(db),
      outbox_(outbox),
      clock_(clock),
      options_(std::move(options)),
      find_reply_(db.sqlite(),
                  "SELECT reply FROM idempotency WHERE client_id = ? AND request_id = ?"),
      store_replies_(db.sqlite(),
                     "INSERT INTO idempotency (client_id, request_id, operation, reply, "
                     "created_us)",
                     5),
      max_reply_(db.sqlite(), "SELECT MAX(request_id) FROM idempotency WHERE client_id = ?"),
      savepoint_(db.sqlite(), "SAVEPOINT command"),
      release_(db.sqlite(), "RELEASE command"),
      rollback_to_(db.sqlite(), "ROLLBACK TO command") {
  ConfigureServerSocket(router_, options_.limits, options_.curve);
  ConfigureServerSocket(pub_, options_.limits, options_.curve);
  RegisterBuiltins();
  if (outbox_ != nullptr) last_head_ = outbox_->Head();
}

RpcServer::~RpcServer() = default;

Status RpcServer::Bind() {
  try {
    router_.bind(options_.bind_endpoint);
    if (!options_.hint_endpoint.empty()) {
      pub_.bind(options_.hint_endpoint);
      has_pub_ = true;
    }
  } catch (const zmq::error_t& e) {
    return Status::Unavailable("cannot bind " + options_.bind_endpoint + ": " + e.what());
  }
  return Status::Ok();
}

std::string RpcServer::endpoint() const { return router_.get(zmq::sockopt::last_endpoint); }

std::string RpcServer::hint_endpoint() const {
  return has_pub_ ? pub_.get(zmq::sockopt::last_endpoint) : std::string();
}

std::vector<std::pair<std::string, bool>> RpcServer::Operations() const {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& [name, route] : routes_) out.emplace_back(name, route.command);
  return out;
}

void RpcServer::RegisterBuiltins() {
  if (outbox_ == nullptr) return;
  AddQuery<common::v1::FetchEventsRequest, common::v1::FetchEventsResponse>(
      [this](Context& ctx, const common::v1::FetchEventsRequest& req) {
        // Who has read how far, for retention (Outbox::ReadByAll). A failure
        // here costs only a hint, never the fetch.
        const std::string& consumer =
            ctx.actor().principal.empty() ? ctx.actor().user_id : ctx.actor().principal;
        if (Status st = outbox_->RecordConsumerProgress(consumer, req.after_seq(), ctx.now());
            !st.ok()) {
          spdlog::debug("consumer progress of {}: {}", consumer, st.ToString());
        }
        const uint32_t max =
            std::min(req.max_events() == 0 ? options_.max_fetch_events : req.max_events(),
                     options_.max_fetch_events);
        // A batch stays well inside the message limit (one event alone may
        // come near it); what is left comes with the next fetch.
        size_t max_bytes = size_t{1024} * 1024;
        if (options_.limits.max_message_bytes >= 0) {
          max_bytes =
              std::min(max_bytes, static_cast<size_t>(options_.limits.max_message_bytes) / 4);
        }
        return outbox_->Fetch(req.after_seq(), max, max_bytes);
      });
}

void RpcServer::ProcessReadable() {
  // Bounded; reloads lazily. Only between groups: a group's held replies
  // are counted in it alone.
  if (max_stored_id_.size() > 10000) max_stored_id_.clear();
  size_t received = 0;
  std::vector<zmq::message_t> frames;
  while (received < options_.max_batch) {
    frames.clear();
    std::optional<size_t> got;
    try {
      got = zmq::recv_multipart(router_, std::back_inserter(frames), zmq::recv_flags::dontwait);
    } catch (const zmq::error_t& e) {
      spdlog::warn("receive failed: {}", e.what());
      break;
    }
    if (!got) break;
    if (frames.empty()) continue;
    if (received == slots_.size()) slots_.emplace_back();
    Pending& pending = slots_[received++];
    pending.Reset();
    for (const zmq::message_t& frame : frames) pending.request_bytes += frame.size();
    pending.received = std::chrono::steady_clock::now();
    pending.identity = frames[0].to_string();
    // Set by the ZAP handler from the sender's CURVE key; absent without CURVE.
    if (const char* user = zmq_msg_gets(frames.back().handle(), "User-Id")) {
      pending.principal = user;
    }
    if (frames.size() != 2) {
      pending.ready = true;
      pending.reply = ErrorReply(
          "", Status::InvalidArgument("envelope", "malformed request: expected exactly one frame"));
    } else if (!pending.envelope.ParseFromArray(frames[1].data(),
                                                static_cast<int>(frames[1].size()))) {
      pending.ready = true;
      pending.reply = ErrorReply(
          "", Status::InvalidArgument("envelope", "malformed request: not a RequestEnvelope"));
    }
  }
  if (received == 0) return;
  const std::span<Pending> batch(slots_.data(), received);

  // First without per-command savepoints (most commands succeed, and the
  // savepoints cost more than the commands). A command that fails after it
  // wrote something makes the group roll back and run again, each command
  // then inside its own savepoint so a failure undoes only itself.
  bool committed_changes = false;
  for (const bool savepoints : {false, true}) {
    std::optional<storage::WriteTransaction> tx;
    bool tx_failed = false;
    bool replay = false;
    for (Pending& pending : batch) {
      if (pending.ready) continue;
      pending.reply.Clear();
      pending.reply_bytes.clear();
      pending.executed = false;
      pending.oversized_reply = 0;
      try {
        Execute(pending, tx, tx_failed, savepoints, replay);
      } catch (const std::exception& e) {  // the one catch-all: a bad message never stops us
        spdlog::error("request {} failed: {}", pending.envelope.request_id(), e.what());
        pending.reply =
            ErrorReply(pending.envelope.request_id(), Status::Internal("internal error"));
        // A failure inside the group's transaction leaves it in an unknown
        // state: without savepoints run the group again with them; with them
        // the whole group rolls back and answers unavailable, so clients retry.
        if (pending.executed) (savepoints ? tx_failed : replay) = true;
      }
      if (replay) break;
    }
    if (replay) {
      AbandonHeld();
      continue;  // `tx` rolled back when it went out of scope
    }
    committed_changes = tx.has_value();
    if (tx) {
      Status committed = tx_failed ? Status::Unavailable("transaction failed") : WriteHeld();
      if (committed.ok()) committed = tx->Commit();
      if (committed.ok()) ++commits_;
      if (!committed.ok()) {
        spdlog::error("group commit failed: {}", committed.ToString());
        tx.reset();  // rolls back
        AbandonHeld();
        max_stored_id_.clear();  // it may name replies that were rolled back
        for (Pending& pending : batch) {
          if (pending.executed) {
            pending.reply = ErrorReply(
                pending.envelope.request_id(),
                Status::Unavailable("the change could not be committed: " + committed.message()));
            pending.reply_bytes.clear();
            pending.oversized_reply = 0;
          }
        }
      }
    }
    break;
  }
  for (Pending& pending : batch) {
    // A stored reply goes out as stored; only one of an older version can
    // still be too large here.
    std::string& bytes = pending.reply_bytes;
    if (bytes.empty()) pending.reply.SerializeToString(&bytes);
    if (OverMessageLimit(bytes.size(), options_.limits)) {
      pending.oversized_reply = bytes.size();
      pending.reply =
          ErrorReply(pending.envelope.request_id(), ReplyTooLarge(pending.operation, bytes.size()));
      pending.reply.SerializeToString(&bytes);
    }
    if (pending.oversized_reply > 0) {
      spdlog::warn(
          "request={} op={}: the answer of {} was over the {} message limit; answered "
          "invalid_argument instead",
          pending.envelope.request_id(), pending.operation, DescribeBytes(pending.oversized_reply),
          DescribeBytes(static_cast<uint64_t>(options_.limits.max_message_bytes)));
    }
    SendReply(pending.identity, pending.envelope.request_id(), bytes);
    Account(pending);
  }
  if (committed_changes) PublishHeadIfMoved();
}

Status RpcServer::WriteHeld() {
  if (outbox_ != nullptr) VERKOSTO_RETURN_IF_ERROR(outbox_->WriteHeld());
  // Transport time: stored replies serve retries within a client's timeout.
  const int64_t created_us = ToMicros(TransportNow());
  Status status = storage::Guard([&]() -> Status {
    store_replies_.Write(held_replies_.size(),
                         [&](SQLite::Statement& statement, int index, size_t i) {
                           const Pending& pending = *held_replies_[i];
                           statement.bindNoCopy(index, pending.envelope.client_id());
                           statement.bindNoCopy(index + 1, pending.envelope.request_id());
                           statement.bindNoCopy(index + 2, pending.operation);
                           statement.bindNoCopy(index + 3, pending.reply_bytes.data(),
                                                static_cast<int>(pending.reply_bytes.size()));
                           statement.bind(index + 4, created_us);
                         });
    return Status::Ok();
  });
  held_replies_.clear();
  return status;
}

void RpcServer::AbandonHeld() {
  if (outbox_ != nullptr) outbox_->AbandonHeld();
  held_replies_.clear();
}

bool RpcServer::FindStoredReply(const common::v1::RequestEnvelope& env,
                                common::v1::ReplyEnvelope& reply) {
  // A request id above every id stored for the client cannot be stored
  // (clients number their requests ascending), which spares the lookups
  // for new commands.
  if (!MayHaveStoredReply(env.client_id(), env.request_id())) return false;
  // A retry in the same group: the first one's reply is still held.
  for (const Pending* held : held_replies_) {
    if (held->envelope.request_id() == env.request_id() &&
        held->envelope.client_id() == env.client_id()) {
      return reply.ParseFromString(held->reply_bytes);
    }
  }
  find_reply_.reset();
  find_reply_.bind(1, env.client_id());
  find_reply_.bind(2, env.request_id());
  bool found = false;
  if (find_reply_.executeStep()) {
    const SQLite::Column stored = find_reply_.getColumn(0);
    found = reply.ParseFromArray(stored.getBlob(), stored.getBytes());
  }
  find_reply_.reset();
  return found;
}

bool RpcServer::MayHaveStoredReply(const std::string& client_id, const std::string& request_id) {
  auto it = max_stored_id_.find(client_id);
  if (it == max_stored_id_.end()) {
    max_reply_.reset();
    max_reply_.bind(1, client_id);
    std::string max;
    if (max_reply_.executeStep() && !max_reply_.getColumn(0).isNull()) {
      max = max_reply_.getColumn(0).getString();
    }
    max_reply_.reset();
    it = max_stored_id_.emplace(client_id, std::move(max)).first;
  }
  return !it->second.empty() && request_id <= it->second;
}

void RpcServer::Execute(Pending& pending, std::optional<storage::WriteTransaction>& tx,
                        bool& tx_failed, bool savepoints, bool& replay) {
  const auto& env = pending.envelope;
  const std::string& request_id = env.request_id();
  auto fail = [&](const Status& status) { pending.reply = ErrorReply(request_id, status); };

  if (env.protocol_version() != kProtocolVersion) {
    return fail(Status::InvalidArgument(
        "protocol_version", "protocol version " + std::to_string(env.protocol_version()) +
                                " is not supported (server speaks " +
                                std::to_string(kProtocolVersion) + ")"));
  }
  if (env.client_id().empty()) return fail(Status::InvalidArgument("client_id", "is required"));
  if (request_id.empty()) return fail(Status::InvalidArgument("request_id", "is required"));
  const TimePoint now = clock_.Now();
  if (DeadlinePassed(env)) {
    return fail(Status::DeadlineExceeded("the request's deadline passed before it was served"));
  }
  pending.operation = AnyTypeName(env.body());
  const auto route = routes_.find(pending.operation);
  if (route == routes_.end()) {
    return fail(Status::InvalidArgument(
        "body", "unknown operation '" + pending.operation + "' for " + options_.service_name));
  }

  Actor actor = FromProtoActor(env.actor());
  actor.principal = pending.principal;
  if (options_.curve.enabled()) {
    if (Status allowed = CheckPrincipal(pending.principal, actor, pending.operation);
        !allowed.ok()) {
      return fail(allowed);
    }
  }
  Context ctx(db_.sqlite(), outbox_, std::move(actor), request_id, now);
  if (!route->second.command) {
    ctx.set_read_only(true);
    Result<google::protobuf::Any> result = route->second.handler(ctx, env.body());
    if (!result.ok()) return fail(result.status());
    pending.reply.set_request_id(request_id);
    *pending.reply.mutable_result() = std::move(result).value();
    // Sent, it would end the client's connection (libzmq treats a message
    // over its limit as a protocol error): say instead what is too large.
    if (const size_t size = pending.reply.ByteSizeLong(); OverMessageLimit(size, options_.limits)) {
      pending.oversized_reply = size;
      fail(ReplyTooLarge(pending.operation, size));
    }
    return;
  }

  if (tx_failed) return fail(Status::Unavailable("the database is busy; try again"));
  if (!tx) {
    Status begun = storage::Guard([&]() -> Status {
      tx.emplace(db_.sqlite());
      return Status::Ok();
    });
    if (begun.ok() && outbox_ != nullptr) begun = outbox_->Hold();
    if (!begun.ok()) {
      tx_failed = true;
      return fail(Status::Unavailable("the database is busy; try again"));
    }
  }
  pending.executed = true;

  // A retried command: answer what we answered the first time.
  if (FindStoredReply(env, pending.reply)) return;

  auto run = [](SQLite::Statement& statement) {
    statement.reset();
    statement.exec();
    statement.reset();
  };
  if (savepoints) run(savepoint_);
  const int changes_before = db_.sqlite().getTotalChanges();
  const size_t events_before = outbox_ != nullptr ? outbox_->held() : 0;
  Status outcome;
  try {
    Result<google::protobuf::Any> result = route->second.handler(ctx, env.body());
    if (result.ok()) {
      pending.reply.set_request_id(request_id);
      *pending.reply.mutable_result() = std::move(result).value();
      // An answer that cannot be sent fails the command: it is undone like
      // any failed command, and the small error is what a retry gets.
      if (const size_t size = pending.reply.ByteSizeLong();
          OverMessageLimit(size, options_.limits)) {
        pending.oversized_reply = size;
        outcome = ReplyTooLarge(pending.operation, size);
      }
    } else {
      outcome = result.status();
    }
  } catch (const SQLite::Exception& e) {
    outcome = storage::TranslateSqliteError(e);
  } catch (const std::exception& e) {
    spdlog::error("command {} threw: {}", request_id, e.what());
    outcome = Status::Internal("internal error");
  }
  if (outcome.ok()) {
    if (savepoints) run(release_);
  } else if (!savepoints && db_.sqlite().getTotalChanges() != changes_before) {
    replay = true;  // it wrote before it failed: only a savepoint can undo just that
    return;
  } else {
    if (savepoints) {
      run(rollback_to_);
      run(release_);
    }
    if (outbox_ != nullptr) outbox_->DropHeld(events_before);  // its events, never written
    fail(outcome);
    if (!IsStoredOutcome(outcome)) return;
  }
  // Held with the group's other replies and written just before its commit.
  pending.reply.SerializeToString(&pending.reply_bytes);
  held_replies_.push_back(&pending);
  std::string& max = max_stored_id_[env.client_id()];
  if (request_id > max) max = request_id;
}

Result<int64_t> RpcServer::PruneStoredReplies(TimePoint cutoff) {
  int64_t deleted = 0;
  Status status = storage::Guard([&]() -> Status {
    storage::WriteTransaction tx(db_.sqlite());
    SQLite::Statement del(db_.sqlite(), "DELETE FROM idempotency WHERE created_us < ?");
    del.bind(1, ToMicros(cutoff));
    deleted = del.exec();
    return tx.Commit();
  });
  if (!status.ok()) return status;
  return deleted;
}

void RpcServer::SendReply(const std::string& identity, const std::string& request_id,
                          const std::string& bytes) {
  try {
    std::array<zmq::const_buffer, 2> frames = {zmq::buffer(identity), zmq::buffer(bytes)};
    if (!zmq::send_multipart(router_, frames, zmq::send_flags::dontwait)) {
      spdlog::warn("reply {} dropped: the client's queue is full", request_id);
    }
  } catch (const zmq::error_t& e) {
    // ROUTER_MANDATORY: the client's socket is gone. Routine since clients
    // resend on a new socket and close the old ones when the call ends: the
    // answers to earlier copies find no one. A retry gets the stored reply.
    spdlog::debug("reply {} not delivered: {}", request_id, e.what());
  }
}

void RpcServer::Account(const Pending& pending) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - pending.received)
                          .count();
  const std::string_view outcome =
      pending.reply.has_error()
          ? ErrorCodeName(ErrorCodeFromInt(static_cast<int>(pending.reply.error().code())))
          : std::string_view("ok");
  // The label is a type this server serves, never a name a client made up.
  const std::string_view operation = routes_.find(pending.operation) != routes_.end()
                                         ? std::string_view(pending.operation)
                                         : std::string_view("unknown");
  request_metrics_.Record(operation, outcome, static_cast<double>(micros) / 1e6);
  if (options_.log_requests) LogRequest(pending, outcome, micros);
}

void RpcServer::LogRequest(const Pending& pending, std::string_view outcome, int64_t micros) const {
  // Consumers fetch events and tools ask for health every second or so: a
  // successful one of those is routine and logged at debug, so the info log
  // shows what people and programs did (every error is still at info).
  const bool routine =
      !pending.reply.has_error() &&
      (pending.operation == common::v1::FetchEventsRequest::descriptor()->full_name() ||
       pending.operation == common::v1::HealthRequest::descriptor()->full_name() ||
       pending.operation == common::v1::MetricsRequest::descriptor()->full_name());
  spdlog::log(routine ? spdlog::level::debug : spdlog::level::info,
              "request={} principal={} actor={} op={} outcome={} duration_us={}",
              pending.envelope.request_id().empty() ? "-" : pending.envelope.request_id(),
              pending.principal.empty() ? "-" : pending.principal,
              ActorForLog(pending.envelope.actor()),
              pending.operation.empty() ? "-" : pending.operation, outcome, micros);
}

void RpcServer::PublishHeadIfMoved() {
  if (outbox_ == nullptr) return;
  const uint64_t head = outbox_->Head();
  if (head == last_head_) return;
  last_head_ = head;
  if (!has_pub_) return;
  common::v1::HeadHint hint;
  hint.set_producer(outbox_->producer());
  hint.set_epoch(outbox_->epoch());
  hint.set_head_seq(head);
  const std::string bytes = hint.SerializeAsString();
  try {
    pub_.send(zmq::buffer(bytes), zmq::send_flags::dontwait);
  } catch (const zmq::error_t& e) {
    spdlog::debug("head hint not published: {}", e.what());
  }
}

}  // namespace verkosto::messaging
