#include "gateway/http/http_metrics.h"

#include <httplib.h>
#include <sodium.h>

#include <array>

#include "core/text.h"

namespace verkosto::gateway {

std::string RouteLabel(const httplib::Request& req) {
  const std::smatch& m = req.matches;
  if (m.empty()) return "unmatched";
  const std::string& path = req.path;
  std::string label;
  size_t pos = 0;
  for (size_t i = 1; i < m.size(); ++i) {
    if (!m[i].matched) continue;
    const auto start = static_cast<size_t>(m.position(i));
    const auto length = static_cast<size_t>(m.length(i));
    if (start < pos || start + length > path.size()) continue;  // nested in the previous one
    label.append(path, pos, start - pos);
    label += "{}";
    pos = start + length;
  }
  label.append(path, pos, std::string::npos);
  return label;
}

std::string_view MethodLabel(std::string_view method) {
  for (const std::string_view known :
       {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    if (method == known) return known;
  }
  return "other";
}

std::string HttpOperation(const httplib::Request& req) {
  std::string operation(MethodLabel(req.method));
  operation += ' ';
  operation += RouteLabel(req);
  return operation;
}

std::vector<metrics::Family> HttpRequestFamilies(
    const metrics::RequestMetrics::Snapshot& snapshot) {
  metrics::Family requests{"verkosto_http_requests_total",
                           "HTTP requests the gateway answered, by method, route pattern and "
                           "status code.",
                           metrics::MetricType::kCounter,
                           {},
                           {}};
  metrics::Family latency{"verkosto_http_request_duration_seconds",
                          "Time from routing an HTTP request to writing its answer, by method and "
                          "route pattern.",
                          metrics::MetricType::kHistogram,
                          {},
                          {}};
  // "<method> <route>", or RequestMetrics' "other" past its cap.
  const auto split = [](const std::string& operation) -> std::vector<metrics::Label> {
    const size_t space = operation.find(' ');
    if (space == std::string::npos) return {{"method", "other"}, {"route", operation}};
    return {{"method", operation.substr(0, space)}, {"route", operation.substr(space + 1)}};
  };
  for (const metrics::RequestMetrics::Count& count : snapshot.counts) {
    std::vector<metrics::Label> labels = split(count.operation);
    labels.push_back({"code", count.outcome});
    requests.samples.push_back({std::move(labels), static_cast<double>(count.count)});
  }
  for (const metrics::RequestMetrics::Latency& l : snapshot.latencies) {
    latency.histograms.push_back({split(l.operation), l.histogram});
  }
  return {std::move(requests), std::move(latency)};
}

bool IsLoopbackAddress(std::string_view address) {
  if (address.rfind("::ffff:", 0) == 0) address.remove_prefix(7);
  return address == "::1" || address.rfind("127.", 0) == 0;
}

MetricsAccess CheckMetricsAccess(std::string_view token, std::string_view authorization,
                                 std::string_view remote_addr) {
  if (token.empty()) {
    return IsLoopbackAddress(remote_addr) ? MetricsAccess::kAllowed : MetricsAccess::kForbidden;
  }
  // "Bearer <token>"; the scheme's name in any case (RFC 9110, 11.1).
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      text::AsciiLower(authorization.substr(0, kScheme.size())) != kScheme) {
    return MetricsAccess::kUnauthorized;
  }
  const std::string_view given = authorization.substr(kScheme.size());
  // Equal-length digests compared in constant time: neither the content nor
  // the length of the token shows in how long a wrong guess takes.
  std::array<unsigned char, crypto_generichash_BYTES> expected{};
  std::array<unsigned char, crypto_generichash_BYTES> got{};
  crypto_generichash(expected.data(), expected.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  crypto_generichash(got.data(), got.size(), reinterpret_cast<const unsigned char*>(given.data()),
                     given.size(), nullptr, 0);
  return sodium_memcmp(expected.data(), got.data(), expected.size()) == 0
             ? MetricsAccess::kAllowed
             : MetricsAccess::kUnauthorized;
}

}  // namespace verkosto::gateway
