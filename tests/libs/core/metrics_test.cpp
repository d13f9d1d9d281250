#include "core/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/prometheus_text.h"
#include "testing/prometheus_format.h"

namespace verkosto::metrics {
namespace {

TEST(RequestMetricsTest, CountsByOperationAndOutcomeWithCumulativeLatency) {
  RequestMetrics m;
  m.Record("b.Op", "ok", 0.0004);
  m.Record("b.Op", "ok", 0.003);
  m.Record("b.Op", "not_found", 20);
  m.Record("a.Op", "ok", 0.001);
  const RequestMetrics::Snapshot s = m.Take();
  const std::vector<RequestMetrics::Count> counts = {
      {"a.Op", "ok", 1}, {"b.Op", "not_found", 1}, {"b.Op", "ok", 2}};
  EXPECT_EQ(s.counts, counts);
  ASSERT_EQ(s.latencies.size(), 2U);
  const HistogramSnapshot& b = s.latencies[1].histogram;
  EXPECT_EQ(s.latencies[1].operation, "b.Op");
  ASSERT_EQ(b.bounds.size(), LatencyBounds().size());
  // 0.0004 ≤ 0.0005; 0.003 ≤ 0.005; 20 only in +Inf.
  const std::vector<uint64_t> cumulative = {1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
  EXPECT_EQ(b.cumulative, cumulative);
  EXPECT_EQ(b.count, 3U);
  EXPECT_DOUBLE_EQ(b.sum, 20.0034);
  // A value on a bound falls into that bucket (le = less or equal).
  EXPECT_EQ(s.latencies[0].histogram.cumulative[0], 0U);
  EXPECT_EQ(s.latencies[0].histogram.cumulative[1], 1U);
}

TEST(RequestMetricsTest, BoundsOperationsAndOutcomesUnderOther) {
  RequestMetrics m(3, 2);
  for (const char* op : {"x", "y", "z", "w"}) m.Record(op, "ok", 0);
  m.Record("x", "not_found", 0);
  m.Record("x", "internal", 0);
  const RequestMetrics::Snapshot s = m.Take();
  const std::vector<RequestMetrics::Count> counts = {
      {"other", "ok", 2}, {"x", "ok", 1}, {"x", "other", 2}, {"y", "ok", 1}};
  EXPECT_EQ(s.counts, counts);
}

TEST(RequestMetricsTest, CountsFromManyThreads) {
  RequestMetrics m;
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 1000; ++i) m.Record("op", "ok", 0.01);
    });
  }
  for (std::thread& t : threads) t.join();
  const RequestMetrics::Snapshot s = m.Take();
  ASSERT_EQ(s.counts.size(), 1U);
  EXPECT_EQ(s.counts[0].count, 4000U);
  EXPECT_EQ(s.latencies[0].histogram.count, 4000U);
}

TEST(PrometheusTextTest, WritesHelpTypeAndSamplesExactly) {
  Family requests{
      "verkosto_rpc_requests_total", "RPC requests handled.", MetricType::kCounter, {}, {}};
  requests.samples.push_back(Sample{{{"service", "networks"}, {"op", "a.B"}}, 3});
  requests.samples.push_back(Sample{{{"service", "networks"}, {"op", "a.C"}}, 0});
  Family head{"verkosto_outbox_head", "Last outbox seq.", MetricType::kGauge, {}, {}};
  head.samples.push_back(Sample{{}, 17});
  Family latency{"verkosto_d_seconds", "Latency.", MetricType::kHistogram, {}, {}};
  latency.histograms.push_back(
      HistogramSample{{{"op", "x"}}, {{0.005, 0.5, 1}, {1, 2, 2}, 3, 7.25}});
  EXPECT_EQ(WritePrometheusText({requests, head, latency}),
            "# HELP verkosto_rpc_requests_total RPC requests handled.\n"
            "# TYPE verkosto_rpc_requests_total counter\n"
            "verkosto_rpc_requests_total{service=\"networks\",op=\"a.B\"} 3\n"
            "verkosto_rpc_requests_total{service=\"networks\",op=\"a.C\"} 0\n"
            "# HELP verkosto_outbox_head Last outbox seq.\n"
            "# TYPE verkosto_outbox_head gauge\n"
            "verkosto_outbox_head 17\n"
            "# HELP verkosto_d_seconds Latency.\n"
            "# TYPE verkosto_d_seconds histogram\n"
            "verkosto_d_seconds_bucket{op=\"x\",le=\"0.005\"} 1\n"
            "verkosto_d_seconds_bucket{op=\"x\",le=\"0.5\"} 2\n"
            "verkosto_d_seconds_bucket{op=\"x\",le=\"1\"} 2\n"
            "verkosto_d_seconds_bucket{op=\"x\",le=\"+Inf\"} 3\n"
            "verkosto_d_seconds_sum{op=\"x\"} 7.25\n"
            "verkosto_d_seconds_count{op=\"x\"} 3\n");
}

TEST(PrometheusTextTest, EscapesLabelValuesAndHelp) {
  Family f{"m", "a \\ help\nline \"quoted\"", MetricType::kGauge, {}, {}};
  f.samples.push_back(Sample{{{"v", "back\\slash \"q\"\nnew"}}, 1.5});
  EXPECT_EQ(WritePrometheusText({f}),
            "# HELP m a \\\\ help\\nline \"quoted\"\n"
            "# TYPE m gauge\n"
            "m{v=\"back\\\\slash \\\"q\\\"\\nnew\"} 1.5\n");
  std::vector<testing::PromSample> samples;
  EXPECT_TRUE(testing::CheckPrometheusText(WritePrometheusText({f}), &samples).empty());
  ASSERT_EQ(samples.size(), 1U);
  EXPECT_EQ(samples[0].labels["v"], "back\\slash \"q\"\nnew");
}

TEST(PrometheusTextTest, MergesFamiliesByNameAndLeavesOutInvalidNames) {
  Family a{"up", "first", MetricType::kGauge, {Sample{{{"service", "a"}}, 1}}, {}};
  Family b{"up", "second", MetricType::kGauge, {Sample{{{"service", "b"}}, 0}}, {}};
  Family counter{"up", "other type", MetricType::kCounter, {Sample{{}, 9}}, {}};
  Family bad_name{"9bad", "x", MetricType::kGauge, {Sample{{}, 1}}, {}};
  Family bad_label{"g", "x", MetricType::kGauge, {Sample{{{"le", "1"}}, 1}, Sample{{}, 2}}, {}};
  EXPECT_EQ(WritePrometheusText({a, bad_name, b, counter, bad_label}),
            "# HELP up first\n# TYPE up gauge\nup{service=\"a\"} 1\nup{service=\"b\"} 0\n"
            "# HELP g x\n# TYPE g gauge\ng 2\n");
}

TEST(PrometheusTextTest, FormatsValues) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(12345678901234), "12345678901234");
  EXPECT_EQ(FormatValue(0.0025), "0.0025");
  EXPECT_EQ(FormatValue(-2.5), "-2.5");
  EXPECT_EQ(FormatValue(1.0 / 0.0), "+Inf");
  EXPECT_EQ(FormatValue(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(FormatValue(0.0 / 0.0), "NaN");
  EXPECT_TRUE(IsValidMetricName("verkosto:rate_5m"));
  EXPECT_FALSE(IsValidMetricName("a-b"));
  EXPECT_FALSE(IsValidLabelName("__name__"));
  EXPECT_TRUE(IsValidLabelName("_x1"));
}

TEST(PrometheusTextTest, RequestMetricsWrittenPassTheFormatChecker) {
  RequestMetrics m;
  m.Record("GET /x/{}", "200", 0.002);
  m.Record("GET /x/{}", "404", 3);
  Family count{"c_total", "c", MetricType::kCounter, {}, {}};
  Family hist{"h_seconds", "h", MetricType::kHistogram, {}, {}};
  const RequestMetrics::Snapshot s = m.Take();
  for (const auto& c : s.counts) {
    count.samples.push_back(
        Sample{{{"route", c.operation}, {"code", c.outcome}}, static_cast<double>(c.count)});
  }
  for (const auto& l : s.latencies)
    hist.histograms.push_back({{{"route", l.operation}}, l.histogram});
  std::vector<testing::PromSample> samples;
  const std::vector<std::string> problems =
      testing::CheckPrometheusText(WritePrometheusText({count, hist}), &samples);
  EXPECT_TRUE(problems.empty()) << problems.front();
  EXPECT_EQ(samples.size(), 2 + LatencyBounds().size() + 1 + 2);
}

}  // namespace
}  // namespace verkosto::metrics
