#include "runtime/system_metrics.h"

#include <map>

#include "messaging/rpc_client.h"
#include "runtime/system_health.h"

namespace verkosto::runtime {

common::v1::SystemMetrics CollectSystemMetrics(zmq::context_t& zmq,
                                               const config::SystemConfig& system,
                                               const std::vector<std::string>& services,
                                               std::chrono::milliseconds timeout,
                                               const messaging::Credentials& credentials,
                                               const Actor& actor) {
  common::v1::SystemMetrics out;
  for (const std::string& name : services) {
    common::v1::ServiceMetrics* entry = out.add_services();
    entry->set_name(name);
    auto options = ServiceClientOptions(system, name, timeout, credentials);
    if (!options.ok()) {
      entry->set_error("not configured");
      continue;
    }
    messaging::RpcClient client(zmq, *options);
    auto answer = client.Call<common::v1::MetricsResponse>(actor, common::v1::MetricsRequest());
    if (!answer.ok()) {
      entry->set_error(answer.status().ToString());
      continue;
    }
    entry->set_reachable(true);
    *entry->mutable_metrics() = std::move(answer).value();
  }
  return out;
}

namespace {

using metrics::Family;
using metrics::HistogramSample;
using metrics::Label;
using metrics::MetricType;
using metrics::Sample;

Family Gauge(std::string name, std::string help) {
  return Family{std::move(name), std::move(help), MetricType::kGauge, {}, {}};
}

}  // namespace

std::vector<Family> SystemMetricsFamilies(const common::v1::SystemMetrics& system) {
  Family up = Gauge("verkosto_up", "1 when the service answered the gateway's metrics request.");
  Family started =
      Gauge("verkosto_service_start_time_seconds", "When the service started, Unix seconds.");
  Family requests{"verkosto_rpc_requests_total",
                  "Requests the service's RPC server answered, by operation (request type) and "
                  "outcome (ok or the error code).",
                  MetricType::kCounter,
                  {},
                  {}};
  Family latency{"verkosto_rpc_request_duration_seconds",
                 "Time from receiving an RPC request to sending its reply, by operation.",
                 MetricType::kHistogram,
                 {},
                 {}};
  Family head = Gauge("verkosto_outbox_head", "The last sequence number in the service's outbox.");
  Family cursor =
      Gauge("verkosto_consumer_cursor", "The last event the service applied from the producer.");
  Family producer_head =
      Gauge("verkosto_consumer_producer_head", "The producer's outbox head the consumer last saw.");
  Family lag = Gauge("verkosto_consumer_lag",
                     "Events the consumer has yet to apply: producer head minus cursor.");
  Family stuck = Gauge("verkosto_consumer_stuck",
                       "1 when the consumer is not applying the producer's events: it refuses "
                       "them (epoch changed, head behind the cursor), an event fails, or an "
                       "event has waited over 10 s (verkosto status --json says why).");
  // The services' own gauges, by name in the order first seen.
  std::vector<Family> own;
  std::map<std::string, size_t> own_index;

  for (const common::v1::ServiceMetrics& service : system.services()) {
    const Label label{"service", service.name()};
    up.samples.push_back(Sample{{label}, service.reachable() ? 1.0 : 0.0});
    if (!service.reachable()) continue;
    const common::v1::MetricsResponse& m = service.metrics();
    started.samples.push_back(Sample{{label}, static_cast<double>(m.started_unix_us()) / 1e6});
    for (const common::v1::RequestCount& count : m.requests()) {
      requests.samples.push_back(
          Sample{{label, {"op", count.operation()}, {"outcome", count.outcome()}},
                 static_cast<double>(count.count())});
    }
    for (const common::v1::LatencyHistogram& h : m.latencies()) {
      if (h.cumulative_size() != m.latency_bounds_seconds_size()) continue;
      metrics::HistogramSnapshot snapshot;
      snapshot.bounds.assign(m.latency_bounds_seconds().begin(), m.latency_bounds_seconds().end());
      snapshot.cumulative.assign(h.cumulative().begin(), h.cumulative().end());
      snapshot.count = h.count();
      snapshot.sum = h.sum_seconds();
      latency.histograms.push_back(HistogramSample{{label, {"op", h.operation()}}, snapshot});
    }
    head.samples.push_back(Sample{{label}, static_cast<double>(m.outbox_head())});
    for (const common::v1::ConsumerStatus& consumer : m.consumers()) {
      const std::vector<Label> labels = {label, {"producer", consumer.producer()}};
      cursor.samples.push_back(Sample{labels, static_cast<double>(consumer.cursor())});
      producer_head.samples.push_back(
          Sample{labels, static_cast<double>(consumer.producer_head())});
      const uint64_t behind = consumer.producer_head() > consumer.cursor()
                                  ? consumer.producer_head() - consumer.cursor()
                                  : 0;
      lag.samples.push_back(Sample{labels, static_cast<double>(behind)});
      stuck.samples.push_back(Sample{labels, consumer.error().empty() ? 0.0 : 1.0});
    }
    for (const common::v1::GaugeSample& gauge : m.gauges()) {
      auto [it, inserted] = own_index.try_emplace(gauge.name(), own.size());
      if (inserted) own.push_back(Gauge(gauge.name(), gauge.help()));
      Sample sample{{label}, gauge.value()};
      for (const common::v1::MetricLabel& l : gauge.labels()) {
        if (l.name() != "service") sample.labels.push_back(Label{l.name(), l.value()});
      }
      own[it->second].samples.push_back(std::move(sample));
    }
  }
  std::vector<Family> families = {
      std::move(up),   std::move(started), std::move(requests),      std::move(latency),
      std::move(head), std::move(cursor),  std::move(producer_head), std::move(lag),
      std::move(stuck)};
  for (Family& family : own) families.push_back(std::move(family));
  return families;
}

}  // namespace verkosto::runtime
