#pragma once

#include <google/protobuf/any.pb.h>
#include <google/protobuf/message.h>

#include <chrono>
#include <string>
#include <zmq.hpp>

#include "core/actor.h"
#include "core/result.h"
#include "messaging/envelope.h"
#include "messaging/socket_options.h"

namespace verkosto::messaging {

struct ClientOptions {
  std::string endpoint;
  // Identifies this client; with the request id it makes retries idempotent.
  // Empty: a random one.
  std::string client_id;
  // How long one call may take in all, retries included. Also sent as the
  // request's deadline so a late copy is not executed after we gave up.
  std::chrono::milliseconds timeout{5000};
  // Wait for a reply this long before the first resend; doubles up to max_backoff.
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{2000};
  SocketLimits limits;
  // This client's CURVE key pair and the server's public key; ServiceRuntime,
  // the gateway and the CLI always set them (see CurveOptions).
  CurveOptions curve;
};

// A blocking RPC client on a DEALER socket. A call sends the envelope and
// waits for the reply with the same request id. Without one within the
// back-off it makes a new socket (same options, a new connection) and sends
// the same envelope on it — the "lazy pirate" pattern; the same request id
// lets the server apply a command at most once and answer a retry from its
// stored reply. The sockets a call replaced are still read until it ends (a
// slow reply counts), then closed. After the timeout the call returns
// unavailable. The new socket is what recovers from a connection libzmq ended
// for good (it ends one that delivers a message over max_message_bytes, as a
// protocol error, without reconnecting), so a later call works after any
// earlier failure.
// Not thread-safe: one client per thread.
class RpcClient {
 public:
  // How the last call went on the wire.
  enum class Delivery {
    kNone,      // no call yet
    kAnswered,  // the service replied (a result or an error)
    kNoAnswer,  // no reply came in time: the call returned unavailable
    kNotSent,   // refused before sending (over the message limit)
  };

  RpcClient(zmq::context_t& zmq, ClientOptions options);

  // Sends `request` as `actor`. `request_id` empty: the next of this client's
  // ascending ids.
  // Errors: whatever the service answers; unavailable when no reply came in
  // time; invalid_argument (field "body", naming the request type and the
  // sizes) when the envelope would be over limits.max_message_bytes — then it
  // is sent nowhere and the call returns at once.
  Result<google::protobuf::Any> CallRaw(const Actor& actor,
                                        const google::protobuf::Message& request,
                                        const std::string& request_id = {});

  template <typename Resp>
  Result<Resp> Call(const Actor& actor, const google::protobuf::Message& request,
                    const std::string& request_id = {}) {
    Result<google::protobuf::Any> any = CallRaw(actor, request, request_id);
    if (!any.ok()) return any.status();
    Resp response;
    if (!any->UnpackTo(&response)) {
      return Status::Internal("unexpected reply type " + any->type_url());
    }
    return response;
  }

  const std::string& client_id() const { return options_.client_id; }
  const std::string& endpoint() const { return options_.endpoint; }
  // Tells an unavailable the service answered from one no reply carried.
  Delivery last_delivery() const { return last_delivery_; }

 private:
  // Request ids ascend: "<start µs as 16 hex><counter as 16 hex>". The
  // server's idempotency index then grows at its end instead of taking
  // random pages (which multiplied the bytes written per commit); the start
  // time keeps ids of a restarted client with a fixed client_id distinct.
  std::string NextRequestId();
  // A new DEALER with the client's options, connecting to the endpoint.
  zmq::socket_t Connect();

  zmq::context_t* zmq_;
  ClientOptions options_;
  zmq::socket_t socket_;
  std::string id_prefix_;
  uint64_t next_request_ = 0;
  Delivery last_delivery_ = Delivery::kNone;
};

}  // namespace verkosto::messaging
