#include "messaging/zap_handler.h"

#include <spdlog/spdlog.h>

#include <array>
#include <vector>
#include <zmq_addon.hpp>

namespace verkosto::messaging {

namespace {

constexpr char kZapEndpoint[] = "inproc://zeromq.zap.01";
constexpr size_t kMaxTrackedRefusals = 1024;  // bounds memory under a flood of random keys

std::mutex& RegistryMutex() {
  static std::mutex mu;
  return mu;
}
std::map<void*, std::weak_ptr<ZapHandler>>& Registry() {
  static std::map<void*, std::weak_ptr<ZapHandler>> handlers;
  return handlers;
}

// The Z85 text of a 32-byte key, or a placeholder for anything else.
std::string Z85Key(const zmq::message_t& key) {
  if (key.size() != 32) return "<" + std::to_string(key.size()) + "-byte key>";
  std::array<char, 41> text{};
  zmq_z85_encode(text.data(), static_cast<const uint8_t*>(key.data()), 32);
  return text.data();
}

}  // namespace

Result<std::shared_ptr<ZapHandler>> ZapHandler::Ensure(zmq::context_t& zmq,
                                                       const PrincipalsByKey& principals) {
  // A handler's destructor takes the registry's lock: any handler this call
  // ends up dropping is released here, after the lock.
  std::shared_ptr<ZapHandler> dropped;
  std::lock_guard<std::mutex> lock(RegistryMutex());
  auto& slot = Registry()[zmq.handle()];
  if (std::shared_ptr<ZapHandler> existing = slot.lock()) {
    if (existing->principals_ != principals) {
      dropped = std::move(existing);
      return Status::InvalidArgument("principals",
                                     "this ZeroMQ context already authenticates other keys");
    }
    return existing;
  }
  std::shared_ptr<ZapHandler> handler(new ZapHandler(zmq, principals));
  if (Status started = handler->Start(); !started.ok()) {
    dropped = std::move(handler);
    return started;
  }
  slot = handler;
  return handler;
}

ZapHandler::ZapHandler(zmq::context_t& zmq, PrincipalsByKey principals)
    : zmq_(zmq),
      principals_(std::move(principals)),
      socket_(zmq, zmq::socket_type::rep),
      stop_receiver_(zmq, zmq::socket_type::pair),
      stop_sender_(zmq, zmq::socket_type::pair) {
  for (zmq::socket_t* s : {&socket_, &stop_receiver_, &stop_sender_})
    s->set(zmq::sockopt::linger, 0);
}

Status ZapHandler::Start() {
  const std::string stop =
      "inproc://verkosto-zap-stop-" + std::to_string(reinterpret_cast<uintptr_t>(this));
  try {
    socket_.bind(kZapEndpoint);
    zap_bound_ = true;
    stop_receiver_.bind(stop);
    stop_endpoint_ = stop;
    stop_sender_.connect(stop);
  } catch (const zmq::error_t& e) {
    return Status::Unavailable(std::string("cannot start the ZAP handler: ") + e.what());
  }
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

ZapHandler::~ZapHandler() {
  if (thread_.joinable()) {
    try {
      stop_sender_.send(zmq::str_buffer("stop"), zmq::send_flags::dontwait);
    } catch (const zmq::error_t&) {  // the thread is gone already
    }
    thread_.join();
  }
  // Unbinding an inproc endpoint is synchronous, closing a socket is not: a
  // handler made next for the same context (a service restarted in-process)
  // must find the ZAP endpoint free.
  for (auto& [socket, endpoint] : {std::pair{&socket_, std::string(kZapEndpoint)},
                                   std::pair{&stop_receiver_, stop_endpoint_}}) {
    if (endpoint.empty() || (socket == &socket_ && !zap_bound_)) continue;
    try {
      socket->unbind(endpoint);
    } catch (const zmq::error_t&) {  // never bound
    }
  }
  std::lock_guard<std::mutex> lock(RegistryMutex());
  const auto it = Registry().find(zmq_.handle());
  if (it != Registry().end() && it->second.expired()) Registry().erase(it);
}

void ZapHandler::Run() {
  while (true) {
    std::array<zmq::pollitem_t, 2> items = {
        zmq::pollitem_t{static_cast<void*>(socket_), 0, ZMQ_POLLIN, 0},
        zmq::pollitem_t{static_cast<void*>(stop_receiver_), 0, ZMQ_POLLIN, 0}};
    try {
      zmq::poll(items.data(), items.size(), std::chrono::milliseconds(-1));
      if ((items[1].revents & ZMQ_POLLIN) != 0) return;
      if ((items[0].revents & ZMQ_POLLIN) == 0) continue;
      std::vector<zmq::message_t> request;
      if (!zmq::recv_multipart(socket_, std::back_inserter(request))) continue;
      Answer(request);
    } catch (const zmq::error_t& e) {
      if (e.num() == ETERM) return;
      spdlog::error("ZAP handler: {}", e.what());
    }
  }
}

void ZapHandler::Answer(std::vector<zmq::message_t>& request) {
  // version, request id, domain, address, routing id, mechanism, credentials...
  const bool well_formed = request.size() >= 6 && request[0].to_string_view() == "1.0";
  std::string status = "400";
  std::string text = "unknown key";
  std::string user_id;
  if (!well_formed) {
    text = "malformed ZAP request";
  } else if (request[5].to_string_view() != "CURVE" || request.size() != 7) {
    text = "only CURVE is accepted";
  } else if (request[2].to_string_view() != kZapDomain) {
    text = "unknown ZAP domain";
  } else {
    const std::string key = Z85Key(request[6]);
    const auto it = principals_.find(key);
    if (it != principals_.end()) {
      status = "200";
      text = "OK";
      user_id = it->second;
    } else {
      ++refused_;
      LogRefused(key, request[3].to_string());
    }
  }
  std::array<zmq::const_buffer, 6> reply = {
      zmq::str_buffer("1.0"),
      zmq::buffer(well_formed ? request[1].data() : nullptr, well_formed ? request[1].size() : 0),
      zmq::buffer(status),
      zmq::buffer(text),
      zmq::buffer(user_id),
      zmq::const_buffer()};
  zmq::send_multipart(socket_, reply);
}

void ZapHandler::LogRefused(const std::string& key, const std::string& address) {
  const auto now = std::chrono::steady_clock::now();
  if (refusals_.size() >= kMaxTrackedRefusals && refusals_.count(key) == 0) refusals_.clear();
  auto [it, first] = refusals_.try_emplace(key);
  Refusals& r = it->second;
  ++r.since_logged;
  if (first) {
    spdlog::warn("refused a connection from {}: CURVE key {} is not a known principal", address,
                 key);
  } else if (now - r.last_logged >= std::chrono::minutes(1)) {
    spdlog::warn("refused CURVE key {} again ({} attempts in the last {} s, latest from {})", key,
                 r.since_logged,
                 std::chrono::duration_cast<std::chrono::seconds>(now - r.last_logged).count(),
                 address);
  } else {
    return;
  }
  r.last_logged = now;
  r.since_logged = 0;
}

}  // namespace verkosto::messaging
