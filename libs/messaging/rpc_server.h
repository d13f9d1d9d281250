#pragma once

#include <google/protobuf/any.pb.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>
#include <zmq.hpp>

#include "core/clock.h"
#include "core/metrics.h"
#include "core/result.h"
#include "messaging/context.h"
#include "messaging/multi_row_insert.h"
#include "messaging/outbox.h"
#include "messaging/socket_options.h"
#include "storage/database.h"
#include "verkosto/common/v1/envelope.pb.h"

namespace verkosto::messaging {

struct ServerOptions {
  std::string service_name;
  // ROUTER endpoint, e.g. "ipc:///tmp/vk/networks.sock" or "tcp://127.0.0.1:*".
  std::string bind_endpoint;
  // PUB endpoint for head hints; empty = no hints (consumers poll).
  std::string hint_endpoint;
  // At most this many queued requests share one transaction (group commit).
  size_t max_batch = 512;
  // Cap for FetchEventsRequest.max_events.
  uint32_t max_fetch_events = 1000;
  SocketLimits limits;
  // This service's CURVE key pair. With keys, every request carries the
  // principal its sender's key belongs to (the context's ZapHandler admits
  // only known keys) and CheckPrincipal decides, before any handler runs,
  // whether that principal may assert the envelope's actor; the principal is
  // then Actor::principal. Without keys (the library's own raw-socket tests
  // only) there is no principal and no check.
  CurveOptions curve;
  // Log one info line per request (request id, actor, operation, outcome, duration).
  bool log_requests = true;
};

// The command/query server of one service: a ROUTER socket, a dispatch table
// keyed by request message type, and the service's database.
//
// Commands run in one IMMEDIATE transaction per batch of queued requests
// (group commit). A failing command undoes only itself: if it wrote before it
// failed, the group rolls back and runs again with a savepoint per command. A command's reply is
// stored with its (client id, request id): a retry gets the stored reply and has no second effect,
// also a retry in the same group. The group's stored replies and outbox rows are kept in memory
// while its commands run (Outbox::Hold) and written with one multi-row INSERT each (per 64 rows)
// just before the commit, in the same transaction. Replies go out only after the transaction
// commits. Queries run on the same connection and emit nothing; they do not see the events
// of the group's earlier commands. FetchEventsRequest is answered from the outbox when there is
// one.
//
// Malformed, truncated or multi-frame messages get an invalid_argument reply;
// oversized ones are dropped by libzmq (SocketLimits::max_message_bytes).
// No reply over that limit is ever sent (it would end the client's
// connection): such an answer becomes invalid_argument with field = the
// operation's full type name and a message saying how large it would be and
// that the query must be narrowed, logged at warn. A command with such an
// answer is undone, and that error is what its idempotency row stores.
// One catch-all per message keeps a bad message from stopping the server.
// Not thread-safe: everything runs on the thread that calls ProcessReadable.
class RpcServer {
 public:
  using RawHandler =
      std::function<Result<google::protobuf::Any>(Context&, const google::protobuf::Any&)>;

  // `outbox` may be null for a service that produces no events.
  RpcServer(zmq::context_t& zmq, storage::Database& db, Outbox* outbox, const Clock& clock,
            ServerOptions options);
  ~RpcServer();
  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // Binds the ROUTER (and PUB). Errors: unavailable if an endpoint is taken or invalid.
  Status Bind();

  // The endpoint actually bound (resolves "tcp://127.0.0.1:*").
  std::string endpoint() const;
  std::string hint_endpoint() const;

  // Registers a command (state change, idempotent, may emit events).
  template <typename Req, typename Resp, typename Fn>
  void AddCommand(Fn fn) {
    Add<Req, Resp>(true, std::move(fn));
  }
  // Registers a query (read only).
  template <typename Req, typename Resp, typename Fn>
  void AddQuery(Fn fn) {
    Add<Req, Resp>(false, std::move(fn));
  }

  // Full names of every registered request type, commands first flagged true.
  std::vector<std::pair<std::string, bool>> Operations() const;

  zmq::socket_t& socket() { return router_; }

  // Receives every queued request (up to max_batch), executes them as one
  // group and sends the replies. Call when the socket is readable.
  void ProcessReadable();

  // Publishes the outbox head on the PUB socket if it moved since the last
  // hint. Call after commits made outside ProcessReadable (consumers, timers).
  void PublishHeadIfMoved();

  uint64_t outbox_head() const { return last_head_; }

  // Deletes stored replies older than `cutoff`, on the transport clock
  // (TransportNow(), envelope.h): replies are stamped with it. Retries come
  // within a client's timeout (seconds), so a day's retention is ample.
  // Returns rows deleted.
  Result<int64_t> PruneStoredReplies(TimePoint cutoff);

  // Write transactions committed so far (one per group of commands).
  uint64_t commits() const { return commits_; }

  // Every request answered so far, by operation (the request's full type
  // name; "unknown" for one it does not serve or could not read) and outcome
  // ("ok" or the error code word), with its time from receipt to reply.
  const metrics::RequestMetrics& request_metrics() const { return request_metrics_; }

 private:
  struct Route {
    bool command;
    RawHandler handler;
  };
  struct Pending;

  template <typename Req, typename Resp, typename Fn>
  void Add(bool command, Fn fn) {
    RawHandler raw = [fn = std::move(fn)](
                         Context& ctx,
                         const google::protobuf::Any& body) -> Result<google::protobuf::Any> {
      Req request;
      if (!body.UnpackTo(&request)) {
        return Status::InvalidArgument("body",
                                       "could not decode " + Req::descriptor()->full_name());
      }
      Result<Resp> response = fn(ctx, request);
      if (!response.ok()) return response.status();
      google::protobuf::Any any;
      any.PackFrom(*response);
      return any;
    };
    routes_[Req::descriptor()->full_name()] = Route{command, std::move(raw)};
  }

  void RegisterBuiltins();
  // Runs one request of the group. Without `savepoints`, sets `replay` when
  // a command failed after writing (the group must run again with them).
  void Execute(Pending& pending, std::optional<storage::WriteTransaction>& tx, bool& tx_failed,
               bool savepoints, bool& replay);
  // False only when no reply can be stored for (client, request): the id is
  // above the client's largest stored one (cached per client, may be high;
  // counts the group's held replies).
  bool MayHaveStoredReply(const std::string& client_id, const std::string& request_id);
  // The stored reply of (client, request) into `reply`, held by this group or
  // written before; false when there is none.
  bool FindStoredReply(const common::v1::RequestEnvelope& env, common::v1::ReplyEnvelope& reply);
  // Writes the group's held outbox rows and stored replies (before the commit).
  Status WriteHeld();
  // Forgets them (the group's transaction rolled back).
  void AbandonHeld();
  void SendReply(const std::string& identity, const std::string& request_id,
                 const std::string& bytes);
  // The invalid_argument replacing an answer of `bytes` to `operation`.
  Status ReplyTooLarge(const std::string& operation, size_t bytes) const;
  void LogRequest(const Pending& pending, std::string_view outcome, int64_t micros) const;
  // Counts it in request_metrics_ and logs it (options_.log_requests).
  void Account(const Pending& pending);

  zmq::socket_t router_;
  zmq::socket_t pub_;
  storage::Database& db_;
  Outbox* outbox_;
  const Clock& clock_;
  ServerOptions options_;
  std::unordered_map<std::string, Route> routes_;
  uint64_t last_head_ = 0;
  uint64_t commits_ = 0;
  metrics::RequestMetrics request_metrics_;
  bool has_pub_ = false;
  SQLite::Statement find_reply_;
  MultiRowInsert store_replies_;
  SQLite::Statement max_reply_;
  // The group's command replies to store, in execution order (their
  // Pending's reply_bytes); written by WriteHeld.
  std::vector<const Pending*> held_replies_;
  // The requests of a group, kept from group to group: parsing into cleared
  // messages reuses their strings instead of allocating them again.
  std::vector<Pending> slots_;
  std::unordered_map<std::string, std::string> max_stored_id_;
  // Prepared once: parsing them per command cost more than the command.
  SQLite::Statement savepoint_;
  SQLite::Statement release_;
  SQLite::Statement rollback_to_;
};

}  // namespace verkosto::messaging
