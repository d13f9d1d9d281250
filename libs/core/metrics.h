#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace verkosto::metrics {

// The latency buckets every request histogram uses, upper bounds in seconds
// (Prometheus `le`): 0.5 ms to 10 s. Fixed, so every service and the gateway
// can be compared and aggregated bucket by bucket.
std::span<const double> LatencyBounds();

// A fixed-bucket histogram's state: `cumulative[i]` observations were at most
// `bounds[i]`; `count` is every observation (the +Inf bucket), `sum` their total.
struct HistogramSnapshot {
  std::vector<double> bounds;
  std::vector<uint64_t> cumulative;
  uint64_t count = 0;
  double sum = 0;

  friend bool operator==(const HistogramSnapshot&, const HistogramSnapshot&) = default;
};

// Requests counted by (operation, outcome), with one latency histogram per
// operation over LatencyBounds(). What an operation and an outcome are is the
// caller's: an RPC server's request type and status code word, the gateway's
// HTTP method and route pattern and status code.
//
// Bounded: at most `max_operations` distinct operations and `max_outcomes`
// outcomes per operation are kept; any further one is counted under
// kOtherLabel, so a caller that passes text from outside cannot grow it
// without bound. Thread-safe (one mutex; Record holds it for a map lookup and
// a few additions, and allocates only the first time a pair is seen).
class RequestMetrics {
 public:
  static constexpr std::string_view kOtherLabel = "other";

  explicit RequestMetrics(size_t max_operations = 256, size_t max_outcomes = 16);

  // Counts one request of `operation` that ended in `outcome` after `seconds`.
  void Record(std::string_view operation, std::string_view outcome, double seconds);

  struct Count {
    std::string operation;
    std::string outcome;
    uint64_t count = 0;
    friend bool operator==(const Count&, const Count&) = default;
  };
  struct Latency {
    std::string operation;
    HistogramSnapshot histogram;
    friend bool operator==(const Latency&, const Latency&) = default;
  };
  struct Snapshot {
    // Sorted by operation, then outcome.
    std::vector<Count> counts;
    // Sorted by operation.
    std::vector<Latency> latencies;
  };
  // A consistent copy of everything counted so far.
  Snapshot Take() const;

 private:
  struct Operation {
    std::map<std::string, uint64_t, std::less<>> outcomes;
    // Per bucket (not cumulative), the last one is +Inf.
    std::vector<uint64_t> buckets;
    uint64_t count = 0;
    double sum = 0;
  };
  Operation& Find(std::string_view operation);

  const size_t max_operations_;
  const size_t max_outcomes_;
  mutable std::mutex mu_;
  std::map<std::string, Operation, std::less<>> operations_;
};

}  // namespace verkosto::metrics
