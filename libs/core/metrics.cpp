#include "core/metrics.h"

#include <algorithm>
#include <array>

namespace verkosto::metrics {

namespace {
constexpr std::array<double, 14> kLatencyBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,    0.25,  0.5,    1,     2.5,  5,     10};
}  // namespace

std::span<const double> LatencyBounds() { return kLatencyBounds; }

RequestMetrics::RequestMetrics(size_t max_operations, size_t max_outcomes)
    : max_operations_(std::max<size_t>(max_operations, 1)),
      max_outcomes_(std::max<size_t>(max_outcomes, 1)) {}

RequestMetrics::Operation& RequestMetrics::Find(std::string_view operation) {
  auto it = operations_.find(operation);
  if (it != operations_.end()) return it->second;
  // One place is kept for "other", so the cap holds with it.
  if (operations_.size() + 1 >= max_operations_) operation = kOtherLabel;
  it = operations_.find(operation);
  if (it == operations_.end()) {
    it = operations_.emplace(std::string(operation), Operation{}).first;
    it->second.buckets.assign(kLatencyBounds.size() + 1, 0);
  }
  return it->second;
}

void RequestMetrics::Record(std::string_view operation, std::string_view outcome, double seconds) {
  if (!(seconds >= 0)) seconds = 0;  // also NaN
  const auto bucket =
      static_cast<size_t>(std::lower_bound(kLatencyBounds.begin(), kLatencyBounds.end(), seconds) -
                          kLatencyBounds.begin());
  std::lock_guard<std::mutex> lock(mu_);
  Operation& op = Find(operation);
  auto counted = op.outcomes.find(outcome);
  if (counted == op.outcomes.end()) {
    if (op.outcomes.size() + 1 >= max_outcomes_) outcome = kOtherLabel;
    counted = op.outcomes.try_emplace(std::string(outcome), 0).first;
  }
  ++counted->second;
  ++op.buckets[bucket];
  ++op.count;
  op.sum += seconds;
}

RequestMetrics::Snapshot RequestMetrics::Take() const {
  Snapshot snapshot;
  std::lock_guard<std::mutex> lock(mu_);
  snapshot.latencies.reserve(operations_.size());
  for (const auto& [name, op] : operations_) {
    for (const auto& [outcome, count] : op.outcomes) {
      snapshot.counts.push_back(Count{name, outcome, count});
    }
    HistogramSnapshot histogram;
    histogram.bounds.assign(kLatencyBounds.begin(), kLatencyBounds.end());
    histogram.cumulative.reserve(kLatencyBounds.size());
    uint64_t running = 0;
    for (size_t i = 0; i < kLatencyBounds.size(); ++i) {
      running += op.buckets[i];
      histogram.cumulative.push_back(running);
    }
    histogram.count = op.count;
    histogram.sum = op.sum;
    snapshot.latencies.push_back(Latency{name, std::move(histogram)});
  }
  return snapshot;
}

}  // namespace verkosto::metrics
