// GET /metrics over real HTTP with real networks, nominations and
// notifications runtimes beside the gateway (issue 20, item 2): the counters
// move with the requests made, a failed login and a session show, the stream
// positions equal what CollectSystemHealth reports, the whole answer is in the
// Prometheus text format, and only loopback or the bearer token may read it.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "core/prometheus_text.h"
#include "gateway/http/http_metrics.h"
#include "gateway_api_fixture.h"
#include "runtime/credentials.h"
#include "runtime/system_health.h"
#include "testing/prometheus_format.h"

namespace verkosto::gateway {
namespace {

using fixtures::GatewayApiFixture;
using verkosto::testing::PromSample;

// The samples of one scrape, by "name{l1=v1,l2=v2}" (labels sorted).
class Scrape {
 public:
  explicit Scrape(const std::vector<PromSample>& samples) {
    for (const PromSample& s : samples) values_[Key(s.name, s.labels)] = s.value;
  }
  // The value of `name` with exactly `labels`; -1 when there is no such sample.
  double Value(const std::string& name, const std::map<std::string, std::string>& labels) const {
    const auto it = values_.find(Key(name, labels));
    return it == values_.end() ? -1 : it->second;
  }
  // Like Value, but 0 when there is no such sample (a counter not yet counted).
  double Count(const std::string& name, const std::map<std::string, std::string>& labels) const {
    const double v = Value(name, labels);
    return v < 0 ? 0 : v;
  }

 private:
  static std::string Key(const std::string& name,
                         const std::map<std::string, std::string>& labels) {
    std::string key = name + "{";
    for (const auto& [k, v] : labels) key += k + "=" + v + ",";
    return key + "}";
  }
  std::map<std::string, double> values_;
};

class MetricsTest : public GatewayApiFixture {
 protected:
  MetricsTest() : GatewayApiFixture(/*with_notifications=*/true) {}

  // GET /metrics, checked against the format; its samples.
  Scrape Metrics(std::string* text = nullptr) {
    httplib::Result r = Client().Get("/metrics");
    EXPECT_TRUE(r);
    if (!r) return Scrape({});
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), metrics::kPrometheusContentType);
    std::vector<PromSample> samples;
    const std::vector<std::string> problems =
        verkosto::testing::CheckPrometheusText(r->body, &samples);
    for (const std::string& problem : problems) ADD_FAILURE() << problem;
    if (text != nullptr) *text = r->body;
    return Scrape(samples);
  }

  // The system's health as `verkosto status` collects it, once every
  // consumer has caught up with its producer (polled, with a deadline).
  common::v1::SystemHealth QuietHealth() {
    const auto credentials = runtime::LoadCredentials(system_, "operator");
    EXPECT_TRUE(credentials.ok()) << credentials.status().ToString();
    common::v1::SystemHealth health;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      health = runtime::CollectSystemHealth(
          zmq_, system_, {"networks", "nominations", "notifications", "gateway"},
          std::chrono::milliseconds(1000), *credentials, fixtures::kSystem);
      std::map<std::string, uint64_t> heads;
      for (const auto& s : health.services()) heads[s.name()] = s.health().outbox_head();
      bool caught_up = true;
      for (const auto& s : health.services()) {
        for (const auto& c : s.health().consumers()) {
          caught_up = caught_up && c.cursor() == heads[c.producer()] &&
                      c.producer_head() == heads[c.producer()];
        }
      }
      if (caught_up) return health;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling, not waiting
    }
    ADD_FAILURE() << "the consumers did not catch up";
    return health;
  }
};

TEST_F(MetricsTest, CountsRequestsLoginFailuresSessionsAndStreamPositions) {
  const Scrape before = Metrics();
  const std::string list = "verkosto.networks.v1.ListNetworksRequest";
  const std::string get = "verkosto.networks.v1.GetNetworkRequest";
  const double lists_before = before.Count(
      "verkosto_rpc_requests_total", {{"service", "networks"}, {"op", list}, {"outcome", "ok"}});

  const fixtures::Session keha = Login("keha.koordinaattori");
  ASSERT_EQ(Get(keha, "/api/v1/networks")->status, 200);
  ASSERT_EQ(Get(keha, "/api/v1/networks")->status, 200);
  ASSERT_EQ(Get(keha, "/api/v1/networks/NO-SUCH-CODE")->status, 404);
  ASSERT_EQ(Get(keha, "/api/v1/no-such-route/123456")->status, 404);
  ASSERT_EQ(LoginRaw("johtaja.kainuu", "not the password")->status, 401);
  // A change, so the outbox and the consumers have something to show.
  ASSERT_EQ(
      Post(keha, "/api/v1/networks", fixtures::CreateBody(fixtures::Complete("metriikka")))->status,
      200);

  const common::v1::SystemHealth health = QuietHealth();
  std::string text;
  const Scrape after = Metrics(&text);

  // Requests by operation and outcome, counted by each service's RPC server.
  EXPECT_EQ(after.Count("verkosto_rpc_requests_total",
                        {{"service", "networks"}, {"op", list}, {"outcome", "ok"}}) -
                lists_before,
            2);
  EXPECT_GE(after.Value("verkosto_rpc_requests_total",
                        {{"service", "networks"}, {"op", get}, {"outcome", "not_found"}}),
            1);
  EXPECT_GE(after.Value("verkosto_rpc_request_duration_seconds_count",
                        {{"service", "networks"}, {"op", list}}),
            2);
  // The gateway's HTTP requests by route pattern: no id, no raw path.
  EXPECT_GE(after.Value("verkosto_http_requests_total",
                        {{"method", "GET"}, {"route", "/api/v1/networks/{}"}, {"code", "404"}}),
            1);
  EXPECT_GE(after.Value("verkosto_http_requests_total",
                        {{"method", "GET"}, {"route", "/api/v1/{}"}, {"code", "404"}}),
            1);
  EXPECT_GE(after.Value("verkosto_http_requests_total",
                        {{"method", "GET"}, {"route", "/api/v1/networks"}, {"code", "200"}}),
            2);
  EXPECT_GE(after.Value("verkosto_http_request_duration_seconds_count",
                        {{"method", "POST"}, {"route", "/api/v1/session"}}),
            2);
  EXPECT_EQ(text.find("NO-SUCH-CODE"), std::string::npos);
  EXPECT_EQ(text.find("123456"), std::string::npos);

  // The failed login and the session.
  EXPECT_EQ(after.Value("verkosto_login_failures", {{"service", "gateway"}}), 1);
  EXPECT_EQ(after.Value("verkosto_sessions_active", {{"service", "gateway"}}), 1);
  // E-mail states, each shown (0 included).
  for (const char* state : {"pending", "sent", "failed", "digest", "skipped"}) {
    EXPECT_GE(
        after.Value("verkosto_mail_deliveries", {{"service", "notifications"}, {"state", state}}),
        0)
        << state;
  }

  // Every service up; outbox heads and consumer positions as health has them.
  ASSERT_EQ(health.services_size(), 4);
  for (const common::v1::ServiceHealth& service : health.services()) {
    const std::map<std::string, std::string> label = {{"service", service.name()}};
    EXPECT_EQ(after.Value("verkosto_up", label), 1) << service.name();
    EXPECT_EQ(after.Value("verkosto_outbox_head", label),
              static_cast<double>(service.health().outbox_head()))
        << service.name();
    for (const common::v1::ConsumerStatus& c : service.health().consumers()) {
      const std::map<std::string, std::string> labels = {{"service", service.name()},
                                                         {"producer", c.producer()}};
      EXPECT_EQ(after.Value("verkosto_consumer_cursor", labels), static_cast<double>(c.cursor()));
      EXPECT_EQ(after.Value("verkosto_consumer_producer_head", labels),
                static_cast<double>(c.producer_head()));
      EXPECT_EQ(after.Value("verkosto_consumer_lag", labels), 0);
      EXPECT_EQ(after.Value("verkosto_consumer_stuck", labels), 0);
    }
  }
  EXPECT_GT(after.Value("verkosto_outbox_head", {{"service", "networks"}}), 0);
}

TEST_F(MetricsTest, AServiceThatDoesNotAnswerIsDown) {
  Stop(notifications_, notifications_thread_);
  const Scrape scrape = Metrics();
  EXPECT_EQ(scrape.Value("verkosto_up", {{"service", "notifications"}}), 0);
  EXPECT_EQ(scrape.Value("verkosto_up", {{"service", "networks"}}), 1);
  EXPECT_EQ(scrape.Value("verkosto_outbox_head", {{"service", "notifications"}}), -1);
}

// The services answer MetricsRequest to the gateway as itself and the
// operator, never to a person the gateway speaks for.
TEST_F(MetricsTest, APersonMayNotAskAServiceForMetrics) {
  for (const char* service : {"networks", "nominations", "notifications", "gateway"}) {
    EXPECT_EQ(
        Rpc<common::v1::MetricsResponse>(common::v1::MetricsRequest(), fixtures::kKeha, service)
            .status()
            .code(),
        ErrorCode::kPermissionDenied)
        << service;
    auto answer =
        Rpc<common::v1::MetricsResponse>(common::v1::MetricsRequest(), fixtures::kSystem, service);
    ASSERT_TRUE(answer.ok()) << service << ": " << answer.status().ToString();
    EXPECT_EQ(answer->service(), service);
    EXPECT_EQ(answer->latency_bounds_seconds_size(),
              static_cast<int>(metrics::LatencyBounds().size()));
  }
}

class MetricsTokenTest : public GatewayApiFixture {
 protected:
  MetricsTokenTest() { metrics_token_ = kToken; }
  static constexpr char kToken[] = "0123456789abcdef0123456789abcdef-metrics";
};

TEST_F(MetricsTokenTest, WithATokenOnlyTheBearerOfItMayRead) {
  httplib::Result none = Client().Get("/metrics");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate").rfind("Bearer", 0), 0U);
  EXPECT_EQ(none->body.find(kToken), std::string::npos);
  for (const std::string& authorization :
       {std::string("Bearer wrong"), std::string("Bearer ") + kToken + "x",
        std::string("Basic ") + kToken, std::string("Bearer"), std::string(kToken)}) {
    httplib::Result wrong = Client().Get("/metrics", {{"Authorization", authorization}});
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401) << authorization;
    EXPECT_EQ(wrong->body.find("verkosto_up"), std::string::npos);
  }
  httplib::Result right =
      Client().Get("/metrics", {{"Authorization", std::string("Bearer ") + kToken}});
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200);
  EXPECT_NE(right->body.find("verkosto_up{service=\"networks\"} 1"), std::string::npos);
  EXPECT_TRUE(verkosto::testing::CheckPrometheusText(right->body).empty());
}

TEST(MetricsAccessTest, LoopbackWithoutTokenBearerWithIt) {
  EXPECT_EQ(CheckMetricsAccess("", "", "127.0.0.1"), MetricsAccess::kAllowed);
  EXPECT_EQ(CheckMetricsAccess("", "", "127.0.0.2"), MetricsAccess::kAllowed);
  EXPECT_EQ(CheckMetricsAccess("", "", "::1"), MetricsAccess::kAllowed);
  EXPECT_EQ(CheckMetricsAccess("", "", "::ffff:127.0.0.1"), MetricsAccess::kAllowed);
  EXPECT_EQ(CheckMetricsAccess("", "", "192.0.2.7"), MetricsAccess::kForbidden);
  EXPECT_EQ(CheckMetricsAccess("", "", "::ffff:192.0.2.7"), MetricsAccess::kForbidden);
  EXPECT_EQ(CheckMetricsAccess("", "", "2001:db8::1"), MetricsAccess::kForbidden);
  EXPECT_EQ(CheckMetricsAccess("", "Bearer x", "192.0.2.7"), MetricsAccess::kForbidden);
  // With a token, the address does not matter, the token does.
  EXPECT_EQ(CheckMetricsAccess("secret-token", "Bearer secret-token", "192.0.2.7"),
            MetricsAccess::kAllowed);
  EXPECT_EQ(CheckMetricsAccess("secret-token", "", "127.0.0.1"), MetricsAccess::kUnauthorized);
  EXPECT_EQ(CheckMetricsAccess("secret-token", "Bearer secret-tokeN", "127.0.0.1"),
            MetricsAccess::kUnauthorized);
  // The scheme's name is case-insensitive (RFC 9110), the token is not.
  EXPECT_EQ(CheckMetricsAccess("secret-token", "bearer secret-token", "127.0.0.1"),
            MetricsAccess::kAllowed);
}

}  // namespace
}  // namespace verkosto::gateway
