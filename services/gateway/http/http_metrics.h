#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/metrics.h"
#include "core/prometheus_text.h"

namespace httplib {
struct Request;
}  // namespace httplib

namespace verkosto::gateway {

// What GET /metrics needs of the HTTP side: the labels a request is counted
// under, the families of those counts, and who may read them.

// The route of `req` as a label, never its raw path: the path with each part
// the route's pattern captured (an id, a code, a word from a fixed list)
// written "{}", e.g. "/cases/{}/approve", "/api/v1/networks/{}"; "unmatched"
// when no route took the request (httplib's own 404, a refused Host). So the
// labels are the routes' patterns: bounded, and no id ever shows.
std::string RouteLabel(const httplib::Request& req);

// `method` when it is one of GET HEAD POST PUT DELETE OPTIONS PATCH, else "other".
std::string_view MethodLabel(std::string_view method);

// The key HttpRequestFamilies splits again: "<method> <route>".
std::string HttpOperation(const httplib::Request& req);

// The gateway's HTTP families from `snapshot` (operations as HttpOperation,
// outcomes the status codes):
//   verkosto_http_requests_total{method,route,code}
//   verkosto_http_request_duration_seconds{method,route}   (histogram)
std::vector<metrics::Family> HttpRequestFamilies(const metrics::RequestMetrics::Snapshot& snapshot);

enum class MetricsAccess {
  kAllowed,
  kUnauthorized,  // 401: a token is configured and the request's is missing or wrong
  kForbidden,     // 403: no token configured and the client is not on loopback
};

// Who may read GET /metrics: with `token` ([http] metrics_token) set, the
// requests whose Authorization header is "Bearer <token>" (compared in
// constant time: hashes of both, then sodium_memcmp); without it, requests
// from a loopback address (127.0.0.0/8, ::1, ::ffff:127.x.y.z).
MetricsAccess CheckMetricsAccess(std::string_view token, std::string_view authorization,
                                 std::string_view remote_addr);

// 127.0.0.0/8, ::1 and IPv4-mapped 127.x.y.z.
bool IsLoopbackAddress(std::string_view address);

}  // namespace verkosto::gateway
