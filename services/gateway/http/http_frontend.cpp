#include "gateway/http/http_frontend.h"

#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "core/file_util.h"
#include "core/text.h"
#include "gateway/http/api_routes.h"
#include "gateway/http/auth_routes.h"
#include "gateway/http/http_errors.h"
#include "gateway/http/http_metrics.h"
#include "gateway/web/pages.h"
#include "runtime/system_health.h"
#include "runtime/system_metrics.h"

namespace verkosto::gateway {

namespace {

// Requests one keep-alive connection may carry before httplib closes it.
constexpr size_t kKeepAliveRequests = 100;

// When the worker thread's current request reached routing; read and
// cleared by the logger, which runs after its answer is written.
thread_local std::optional<std::chrono::steady_clock::time_point> t_request_started;

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

// An address that binds every interface: no browser names it.
bool IsWildcardAddress(const std::string& host) {
  return host.empty() || host == "0.0.0.0" || host == "::" || host == "*";
}

}  // namespace

std::vector<std::string> AllowedHosts(const std::vector<std::string>& configured,
                                      const std::string& host, int port) {
  std::vector<std::string> allowed;
  if (!configured.empty()) {
    for (const std::string& entry : configured) allowed.push_back(text::AsciiLower(entry));
    return allowed;
  }
  std::vector<std::string> names;
  if (IsWildcardAddress(host)) {
    names = {"127.0.0.1", "[::1]"};  // what local tools (the CLI) use; browsers elsewhere
  } else {
    // As a browser writes the address in Host: an IPv6 one in brackets.
    names.push_back(
        text::AsciiLower(host.find(':') != std::string::npos ? "[" + host + "]" : host));
  }
  names.emplace_back("localhost");
  for (const std::string& name : names) {
    allowed.push_back(name);
    allowed.push_back(name + ":" + std::to_string(port));
  }
  return allowed;
}

void SetSecurityHeaders(httplib::Response& res, bool https) {
  const auto set = [&res](const std::string& name, const std::string& value) {
    res.headers.erase(name);
    res.set_header(name, value);
  };
  set("Content-Security-Policy",
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  set("X-Content-Type-Options", "nosniff");
  set("X-Frame-Options", "DENY");
  set("Referrer-Policy", "same-origin");
  if (https) set("Strict-Transport-Security", "max-age=31536000");
}

common::v1::SystemHealth RedactedHealth(const common::v1::SystemHealth& health) {
  common::v1::SystemHealth out;
  out.set_status(health.status() == "ok" ? "ok" : "degraded");
  for (const common::v1::ServiceHealth& service : health.services()) {
    common::v1::ServiceHealth* shown = out.add_services();
    shown->set_name(service.name());
    shown->set_reachable(service.reachable());
    if (service.reachable()) {
      shown->mutable_health()->set_status(service.health().status() == "ok" ? "ok" : "degraded");
    }
  }
  for (const common::v1::ClientState& state : health.clients()) {
    common::v1::ClientState* shown = out.add_clients();
    shown->set_service(state.service());
    shown->set_failing(state.failing());
  }
  return out;
}

HttpFrontend::HttpFrontend(zmq::context_t& zmq, config::SystemConfig system, const Clock& clock,
                           messaging::Credentials credentials, HttpAuthOptions options)
    : zmq_(zmq),
      system_(std::move(system)),
      clock_(clock),
      credentials_(std::move(credentials)),
      options_(std::move(options)),
      hash_slots_(options_.hash_workers),
      sessions_(options_.changes != nullptr
                    ? std::make_unique<SessionCache>(options_.session_cache, options_.changes.get())
                    : nullptr),
      server_(std::make_unique<httplib::Server>()) {
  server_->set_tcp_nodelay(true);  // without it every answer waits ~40 ms (Nagle)
  // SO_REUSEADDR only: a restarted gateway binds its port at once, even with
  // the old process's connections in TIME_WAIT; httplib's default adds
  // SO_REUSEPORT, which would let a second gateway (or anything of the same
  // user) share the port silently and take half the connections.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  const size_t workers = static_cast<size_t>(std::max(options_.workers, 1));
  server_->new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  // httplib closes a keep-alive connection after 5 requests by default, so a
  // busy client reconnected every fifth request.
  server_->set_keep_alive_max_count(kKeepAliveRequests);
  server_->set_payload_max_length(kMaxRequestBodyBytes);
  // Before any route (and before a body is read for one): the Host check.
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_request_started = std::chrono::steady_clock::now();
    return RefuseUnknownHost(req, res) ? httplib::Server::HandlerResponse::Handled
                                       : httplib::Server::HandlerResponse::Unhandled;
  });
  // After every handler and the error handler, just before the answer is
  // written: httplib's own errors and redirects pass here too.
  server_->set_post_routing_handler(
      [https = options_.secure_cookies](const httplib::Request&, httplib::Response& res) {
        SetSecurityHeaders(res, https);
      });
  // Once per request, after its answer is written: GET /metrics' HTTP counts.
  // A request httplib refused before routing counts with no duration.
  server_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    double seconds = 0;
    if (t_request_started) {
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - *t_request_started)
                    .count();
      t_request_started.reset();
    }
    http_requests_.Record(HttpOperation(req), std::to_string(res.status), seconds);
  });
  Routes();
}

HttpFrontend::~HttpFrontend() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
  contexts_.clear();  // their sockets close before the ZeroMQ context ends
  // A stale port file would send tools to whoever takes the port next.
  if (port_ > 0) std::remove((system_.data_dir + "/gateway.port").c_str());
}

bool HttpFrontend::RefuseUnknownHost(const httplib::Request& req, httplib::Response& res) const {
  const std::string host = text::AsciiLower(req.get_header_value("Host"));
  if (std::find(allowed_hosts_.begin(), allowed_hosts_.end(), host) != allowed_hosts_.end()) {
    return false;
  }
  const std::string message =
      "this server does not answer for the host named in the request's Host header "
      "(not in its [http] allowed_hosts)";
  if (web::IsApiPath(req.path)) {
    ReplyError(res, Status::InvalidArgument("host", message));
  } else {
    res.status = 400;
    res.set_content("Bad Request: " + message + "\n", "text/plain; charset=utf-8");
  }
  return true;
}

RpcGatewayContext& HttpFrontend::ContextForThisThread() {
  std::lock_guard<std::mutex> lock(contexts_mu_);
  std::unique_ptr<RpcGatewayContext>& slot = contexts_[std::this_thread::get_id()];
  if (!slot) {
    slot = std::make_unique<RpcGatewayContext>(
        zmq_, system_, clock_, credentials_, options_,
        SharedByWorkers{&client_states_, &hash_slots_, sessions_.get(), &rpc_calls_});
  }
  return *slot;
}

void HttpFrontend::Routes() {
  const std::function<RpcGatewayContext&()> context = [this]() -> RpcGatewayContext& {
    return ContextForThisThread();
  };
  server_->Get("/healthz", [this](const httplib::Request& req, httplib::Response& res) {
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
    // Socket paths, SQLite messages and versions are for those logged in.
    const bool details = ContextForThisThread().Authenticate(req).has_value();
    res.set_header("Cache-Control", "no-store");
    res.set_content(ToJson(details ? health : RedactedHealth(health)), "application/json");
  });
  server_->Get("/metrics", [this](const httplib::Request& req, httplib::Response& res) {
    ServeMetrics(req, res);
  });
  // Before the pages, whose patterns might match anything.
  RegisterAuthRoutes(*server_, context);
  // The API and the pages see only the seam (http/gateway_context.h).
  const ContextForThread seam = [context]() -> GatewayContext& { return context(); };
  RegisterApiRoutes(*server_, seam);
  RegisterWebRoutes(*server_, seam);
}

void HttpFrontend::ServeMetrics(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  switch (CheckMetricsAccess(system_.http_metrics_token, req.get_header_value("Authorization"),
                             req.remote_addr)) {
    case MetricsAccess::kAllowed:
      break;
    case MetricsAccess::kUnauthorized:
      res.status = 401;
      res.set_header("WWW-Authenticate", "Bearer realm=\"verkosto metrics\"");
      res.set_content("Unauthorized: /metrics needs Authorization: Bearer <[http] metrics_token>\n",
                      "text/plain; charset=utf-8");
      return;
    case MetricsAccess::kForbidden:
      res.status = 403;
      res.set_content(
          "Forbidden: without [http] metrics_token, /metrics answers loopback clients only\n",
          "text/plain; charset=utf-8");
      return;
  }
  std::vector<std::string> services;
  services.reserve(system_.services.size());
  for (const auto& [name, service] : system_.services) services.push_back(name);
  const common::v1::SystemMetrics collected =
      runtime::CollectSystemMetrics(zmq_, system_, services, std::chrono::milliseconds(1000),
                                    credentials_, RpcGatewayContext::GatewayActor());
  std::vector<metrics::Family> families = runtime::SystemMetricsFamilies(collected);
  for (metrics::Family& family : HttpRequestFamilies(http_requests_.Take())) {
    families.push_back(std::move(family));
  }
  res.set_content(metrics::WritePrometheusText(families),
                  std::string(metrics::kPrometheusContentType));
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
  allowed_hosts_ = AllowedHosts(system_.http_allowed_hosts, system_.http_host, port_);
  if (system_.http_allowed_hosts.empty() && IsWildcardAddress(system_.http_host)) {
    spdlog::warn(
        "HTTP on '{}' answers only the Host names 127.0.0.1, [::1] and localhost: list the "
        "names clients use in [http] allowed_hosts",
        system_.http_host);
  }
  VERKOSTO_RETURN_IF_ERROR(
      WriteFileAtomically(system_.data_dir + "/gateway.port", std::to_string(port_) + "\n"));
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  spdlog::info("HTTP on http://{}:{}/", system_.http_host, port_);
  return Status::Ok();
}

}  // namespace verkosto::gateway
