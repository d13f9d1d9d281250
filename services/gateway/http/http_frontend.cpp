#include "gateway/http/http_frontend.h"

#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "core/file_util.h"
#include "gateway/http/api_routes.h"
#include "gateway/http/auth_routes.h"
#include "runtime/system_health.h"

namespace verkosto::gateway {

namespace {

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

}  // namespace

HttpFrontend::HttpFrontend(zmq::context_t& zmq, config::SystemConfig system, const Clock& clock,
                           messaging::Credentials credentials, HttpAuthOptions options)
    : zmq_(zmq),
      system_(std::move(system)),
      clock_(clock),
      credentials_(std::move(credentials)),
      options_(options),
      hash_slots_(options.hash_workers),
      server_(std::make_unique<httplib::Server>()) {
  server_->set_tcp_nodelay(true);  // without it every answer waits ~40 ms (Nagle)
  server_->set_payload_max_length(kMaxRequestBodyBytes);
  Routes();
}

HttpFrontend::~HttpFrontend() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
  contexts_.clear();  // their sockets close before the ZeroMQ context ends
  // A stale port file would send tools to whoever takes the port next.
  if (port_ > 0) std::remove((system_.data_dir + "/gateway.port").c_str());
}

RpcGatewayContext& HttpFrontend::ContextForThisThread() {
  std::lock_guard<std::mutex> lock(contexts_mu_);
  std::unique_ptr<RpcGatewayContext>& slot = contexts_[std::this_thread::get_id()];
  if (!slot) {
    slot = std::make_unique<RpcGatewayContext>(zmq_, system_, clock_, credentials_, options_,
                                               &client_states_, &hash_slots_);
  }
  return *slot;
}

void HttpFrontend::Routes() {
  const std::function<RpcGatewayContext&()> context = [this]() -> RpcGatewayContext& {
    return ContextForThisThread();
  };
  server_->Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    common::v1::SystemHealth health = runtime::CollectSystemHealth(
        zmq_, system_, {"networks", "nominations", "notifications"},
        std::chrono::milliseconds(1000), credentials_, RpcGatewayContext::GatewayActor());
    // Fresh clients reach a service the workers' own clients may not: say
    // what the workers saw too.
    for (common::v1::ClientState& state : client_states_.Snapshot()) {
      if (state.failing()) health.set_status("degraded");
      *health.add_clients() = std::move(state);
    }
    res.status = health.status() == "ok" ? 200 : 503;
    res.set_content(ToJson(health), "application/json");
  });
  // Before the pages, whose patterns might match anything.
  RegisterAuthRoutes(*server_, context);
  // The API and the pages see only the seam (http/gateway_context.h).
  const ContextForThread seam = [context]() -> GatewayContext& { return context(); };
  RegisterApiRoutes(*server_, seam);
  RegisterWebRoutes(*server_, seam);
}

Status HttpFrontend::Start() {
  if (system_.http_port == 0) {
    port_ = server_->bind_to_any_port(system_.http_host);
  } else {
    port_ = server_->bind_to_port(system_.http_host, system_.http_port) ? system_.http_port : -1;
  }
  if (port_ <= 0) {
    return Status::Unavailable("cannot listen on " + system_.http_host + ":" +
                               std::to_string(system_.http_port));
  }
  VERKOSTO_RETURN_IF_ERROR(
      WriteFileAtomically(system_.data_dir + "/gateway.port", std::to_string(port_) + "\n"));
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  spdlog::info("HTTP on http://{}:{}/", system_.http_host, port_);
  return Status::Ok();
}

}  // namespace verkosto::gateway
