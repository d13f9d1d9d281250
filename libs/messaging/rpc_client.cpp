#include "messaging/rpc_client.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/clock.h"

namespace verkosto::messaging {

RpcClient::RpcClient(zmq::context_t& zmq, ClientOptions options)
    : socket_(zmq, zmq::socket_type::dealer), options_(std::move(options)) {
  if (options_.client_id.empty()) options_.client_id = RandomId();
  char prefix[17];
  std::snprintf(prefix, sizeof prefix, "%016llx",
                static_cast<unsigned long long>(ToMicros(SystemClock::Instance().Now())));
  id_prefix_ = prefix;
  ConfigureClientSocket(socket_, options_.limits, options_.curve);
  socket_.connect(options_.endpoint);
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
  envelope.set_deadline_unix_us(
      ToMicros(SystemClock::Instance().Now()) +
      std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout).count());
  envelope.mutable_body()->PackFrom(request);
  const std::string bytes = envelope.SerializeAsString();

  auto try_send = [&]() {
    // With IMMEDIATE set, a send fails at once while no server is connected.
    try {
      return socket_.send(zmq::buffer(bytes), zmq::send_flags::dontwait).has_value();
    } catch (const zmq::error_t&) {
      return false;
    }
  };

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
      zmq::pollitem_t item{static_cast<void*>(socket_), 0,
                           static_cast<short>(ZMQ_POLLIN | (sent ? 0 : ZMQ_POLLOUT)), 0};
      zmq::poll(&item, 1, left);
      if (!sent && (item.revents & ZMQ_POLLOUT) != 0) sent = try_send();
      if ((item.revents & ZMQ_POLLIN) == 0) continue;
      zmq::message_t message;
      if (!socket_.recv(message, zmq::recv_flags::dontwait)) continue;
      // Drain any extra frames of a malformed reply.
      while (message.more()) {
        zmq::message_t extra;
        (void)socket_.recv(extra, zmq::recv_flags::dontwait);
      }
      common::v1::ReplyEnvelope reply;
      if (!reply.ParseFromArray(message.data(), static_cast<int>(message.size()))) continue;
      // A reply to an earlier call (it came after that call gave up) is not ours.
      if (reply.request_id() != envelope.request_id()) {
        if (reply.request_id().empty() && reply.has_error()) return FromProtoError(reply.error());
        continue;
      }
      if (reply.has_error()) return FromProtoError(reply.error());
      return std::move(*reply.mutable_result());
    }
    if (Steady::now() >= give_up) break;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
  return Status::Unavailable("no reply from " + options_.endpoint + " within " +
                             std::to_string(options_.timeout.count()) + " ms");
}

}  // namespace verkosto::messaging
