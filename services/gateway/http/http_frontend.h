#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "config/config.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "core/status.h"
#include "gateway/http/client_states.h"
#include "gateway/http/rpc_gateway_context.h"
#include "verkosto/common/v1/health.pb.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace verkosto::gateway {

// The gateway's HTTP side (cpp-httplib, TCP_NODELAY on): the web pages
// (RegisterWebRoutes), login and logout, the JSON API under /api/v1/, and
// GET /healthz. Each of the `options.workers` HTTP worker threads gets its own
// RpcGatewayContext (its own RPC clients), made on first use; they share one
// SessionCache (the fast path of authentication). HTTP threads never touch
// SQLite. Starts listening in Start(); the destructor stops the server and
// joins its thread.
//
// GET /healthz asks each service for its health with a fresh client, and adds
// what the workers' own clients saw (ClientStates): 200 when every service
// answered "ok" and no service is failing for the workers, else 503. Only a
// logged-in client (session cookie or API token) gets the details; anyone
// else gets RedactedHealth.
//
// GET /metrics (docs/gateway.md, "Metrics") answers in the Prometheus text
// format: every configured service's MetricsResponse (asked with a fresh
// client each, as /healthz) and the HTTP requests this front end answered
// (counted for every request, by method, route pattern and status code).
// With [http] metrics_token only for "Authorization: Bearer <token>" (401
// otherwise), without it only for loopback clients (403 otherwise).
//
// Hardening (docs/gateway.md, "Hardening"), in one place for every answer:
// a request whose Host header is not allowed (AllowedHosts) is refused with
// 400 before routing, and every answer — pages, API, static assets, errors,
// redirects — carries SetSecurityHeaders.
class HttpFrontend {
 public:
  // `credentials`: the gateway's CURVE identity for its RPC clients.
  HttpFrontend(zmq::context_t& zmq, config::SystemConfig system, const Clock& clock,
               messaging::Credentials credentials, HttpAuthOptions options = {});
  ~HttpFrontend();
  HttpFrontend(const HttpFrontend&) = delete;
  HttpFrontend& operator=(const HttpFrontend&) = delete;

  // Binds host:port from the config (port 0 picks a free one) and serves in a
  // background thread. Writes the bound port to <data_dir>/gateway.port so
  // tools and tests find it. Errors: unavailable when the port is taken.
  Status Start();

  int port() const { return port_; }

  // RPCs the workers have made so far (bench/gateway_bench: per request).
  uint64_t rpc_calls() const { return rpc_calls_.load(std::memory_order_relaxed); }

 private:
  // Refuses `req` (400, the JSON error under /api/v1/, a plain text otherwise)
  // unless its Host header is in allowed_hosts_. True when it refused.
  bool RefuseUnknownHost(const httplib::Request& req, httplib::Response& res) const;
  void Routes();
  // The calling thread's context (thread-safe).
  RpcGatewayContext& ContextForThisThread();
  // GET /metrics.
  void ServeMetrics(const httplib::Request& req, httplib::Response& res);

  zmq::context_t& zmq_;
  config::SystemConfig system_;
  const Clock& clock_;
  messaging::Credentials credentials_;
  HttpAuthOptions options_;
  ClientStates client_states_;              // before contexts_: they record into it
  HashSlots hash_slots_;                    // likewise: their logins take slots of it
  std::unique_ptr<SessionCache> sessions_;  // likewise; null without options_.changes
  std::atomic<uint64_t> rpc_calls_{0};
  metrics::RequestMetrics http_requests_;  // written by every worker (thread-safe)
  std::mutex contexts_mu_;
  std::map<std::thread::id, std::unique_ptr<RpcGatewayContext>> contexts_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  // Lower case; set in Start() before the server thread starts.
  std::vector<std::string> allowed_hosts_;
};

// The Host header values a gateway bound to `host`:`port` answers:
// `configured` ([http] allowed_hosts) when set, else `host` (an IPv6 address
// in brackets; for a wildcard such as 0.0.0.0 the loopback addresses
// 127.0.0.1 and [::1]) and "localhost", each bare and with ":port". Lower case.
std::vector<std::string> AllowedHosts(const std::vector<std::string>& configured,
                                      const std::string& host, int port);

// Sets the security headers on `res`, replacing any it has:
//   Content-Security-Policy: default-src 'self'; base-uri 'none';
//     form-action 'self'; frame-ancestors 'none'   (no inline script or style)
//   X-Content-Type-Options: nosniff, Referrer-Policy: same-origin,
//   X-Frame-Options: DENY (for browsers without frame-ancestors), and with
//   `https` ([auth] secure_cookies: a TLS proxy serves the gateway)
//   Strict-Transport-Security: max-age=31536000.
void SetSecurityHeaders(httplib::Response& res, bool https);

// What /healthz tells a client that is not logged in: the overall status and,
// per service, its name, whether it answered and its status only as "ok" or
// "degraded"; per worker client state the service and whether it is failing.
// No version, error text, socket path, stream position or time.
common::v1::SystemHealth RedactedHealth(const common::v1::SystemHealth& health);

}  // namespace verkosto::gateway
