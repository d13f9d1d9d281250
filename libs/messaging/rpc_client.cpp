#include "messaging/rpc_client.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

namespace verkosto::messaging {

namespace {

// Replaced sockets read until a call ends: enough for a reply a few back-offs
// late, without piling up sockets when the back-off is tiny.
constexpr size_t kMaxRetiredSockets = 8;

}  // namespace

RpcClient::RpcClient(zmq::context_t& zmq, ClientOptions options)
    : zmq_(&zmq), options_(std::move(options)) {
  if (options_.client_id.empty()) options_.client_id = RandomId();
  char prefix[17];
  std::snprintf(prefix, sizeof prefix, "%016llx",
                static_cast<unsigned long long>(ToMicros(TransportNow())));
  id_prefix_ = prefix;
  socket_ = Connect();
}

zmq::socket_t RpcClient::Connect() {
  zmq::socket_t socket(*zmq_, zmq::socket_type::dealer);
  ConfigureClientSocket(socket, options_.limits, options_.curve);
  socket.connect(options_.endpoint);
  return socket;
}

std::string RpcClient::NextRequestId() {
  char counter[17];
  std::snprintf(counter, sizeof counter, "%016llx",
                static_cast<unsigned long long>(next_request_++));
  return id_prefix_ + counter;
}

Result<google::protobuf::Any> RpcClient::CallRaw(const Actor& actor,
                                                 const google::protobuf::Message& request,
                                                 const std::string& request_id) {
  using Steady = std::chrono::steady_clock;
  const auto start = Steady::now();
  const auto give_up = start + options_.timeout;

  common::v1::RequestEnvelope envelope;
  envelope.set_protocol_version(kProtocolVersion);
  envelope.set_client_id(options_.client_id);
  envelope.set_request_id(request_id.empty() ? NextRequestId() : request_id);
  *envelope.mutable_actor() = ToProtoActor(actor);
  envelope.set_deadline_unix_us(DeadlineAfter(options_.timeout));
  envelope.mutable_body()->PackFrom(request);
  const std::string bytes = envelope.SerializeAsString();
  // The server would drop the connection (and the client wait out its timeout
  // for nothing): say at once what is too large.
  if (OverMessageLimit(bytes.size(), options_.limits)) {
    last_delivery_ = Delivery::kNotSent;
    return Status::InvalidArgument(
        "body", "the request " + request.GetDescriptor()->name() + " is " +
                    DescribeBytes(bytes.size()) + ", over the " +
                    DescribeBytes(static_cast<uint64_t>(options_.limits.max_message_bytes)) +
                    " message limit");
  }
  last_delivery_ = Delivery::kNoAnswer;

  auto try_send = [&]() {
    // With IMMEDIATE set, a send fails at once while no server is connected.
    try {
      return socket_.send(zmq::buffer(bytes), zmq::send_flags::dontwait).has_value();
    } catch (const zmq::error_t&) {
      return false;
    }
  };
  // Our reply from `socket`, if one is queued there; replies to earlier calls
  // (they came after that call gave up) are skipped.
  auto receive = [&](zmq::socket_t& socket) -> std::optional<Result<google::protobuf::Any>> {
    zmq::message_t message;
    while (socket.recv(message, zmq::recv_flags::dontwait)) {
      // Drain any extra frames of a malformed reply.
      while (message.more()) {
        zmq::message_t extra;
        (void)socket.recv(extra, zmq::recv_flags::dontwait);
      }
      common::v1::ReplyEnvelope reply;
      if (!reply.ParseFromArray(message.data(), static_cast<int>(message.size()))) continue;
      if (reply.request_id() != envelope.request_id()) {
        // The server could not read our envelope at all.
        if (reply.request_id().empty() && reply.has_error()) return FromProtoError(reply.error());
        continue;
      }
      if (reply.has_error()) return FromProtoError(reply.error());
      return std::move(*reply.mutable_result());
    }
    return std::nullopt;
  };

  // Sockets this call replaced, oldest first: a reply may still come on them.
  std::vector<zmq::socket_t> retired;
  std::vector<zmq::pollitem_t> items;
  auto backoff = options_.initial_backoff;
  while (true) {
    bool sent = try_send();
    const auto attempt_end = std::min(give_up, Steady::now() + backoff);
    while (true) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(attempt_end - Steady::now());
      if (left.count() <= 0) break;
      // Until the request is out, also wait for the connection (POLLOUT), so
      // a call made right after connect goes out as soon as the pipe is up.
      items.clear();
      items.push_back({static_cast<void*>(socket_), 0,
                       static_cast<short>(ZMQ_POLLIN | (sent ? 0 : ZMQ_POLLOUT)), 0});
      for (zmq::socket_t& old : retired) {
        items.push_back({static_cast<void*>(old), 0, ZMQ_POLLIN, 0});
      }
      zmq::poll(items.data(), items.size(), left);
      if (!sent && (items[0].revents & ZMQ_POLLOUT) != 0) sent = try_send();
      for (size_t i = 0; i < items.size(); ++i) {
        if ((items[i].revents & ZMQ_POLLIN) == 0) continue;
        zmq::socket_t& socket = i == 0 ? socket_ : retired[i - 1];
        std::optional<Result<google::protobuf::Any>> reply = receive(socket);
        if (!reply) continue;
        // Keep the socket that answered: its connection is known to work.
        if (i != 0) std::swap(socket_, retired[i - 1]);
        last_delivery_ = Delivery::kAnswered;
        return *std::move(reply);
      }
    }
    if (Steady::now() >= give_up) break;
    // No reply within the back-off: the reply or the request may be lost, or
    // libzmq may have ended the connection for good. Resend on a new socket.
    retired.push_back(std::move(socket_));
    if (retired.size() > kMaxRetiredSockets) retired.erase(retired.begin());
    socket_ = Connect();
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
  // The last socket may be dead too, and a late reply would only be skipped:
  // the next call starts on a new one.
  socket_ = Connect();
  return Status::Unavailable("no reply from " + options_.endpoint + " within " +
                             std::to_string(options_.timeout.count()) + " ms");
}

}  // namespace verkosto::messaging
