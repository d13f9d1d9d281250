#pragma once

// event_bench's two halves: the verkosto path (event_bench.cpp) and the same
// work through RabbitMQ (event_bench_rabbitmq.cpp, built only with
// librabbitmq). What they share: the settings, the log of deliveries and
// the figures of one cell.

#include <sqlite3.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "bench_harness.h"

namespace verkosto::bench {

struct EventSettings : RunSettings {
  // Events applied per consumer transaction at most (verkosto's fetch size,
  // RabbitMQ's prefetch).
  uint32_t batch = 500;
  bool run_verkosto = true;
  // "host:port" of a RabbitMQ broker (event_bench.sh starts one); empty = none.
  std::string amqp;
  // RabbitMQ queue types to measure, each a durable queue: "classic", "quorum".
  std::vector<std::string> queue_types = {"classic", "quorum"};
  // How long to wait after the last command for the consumer to catch up.
  double drain_seconds = 60;
};

// One event as its consumer committed it, on the steady clock.
struct Delivery {
  int64_t sent_ns = 0;       // when its command was sent (or its message published)
  int64_t committed_ns = 0;  // when the consumer's transaction applying it committed
};

// What a consumer applied, filled on its thread: each applied event is
// pending until its transaction commits (Committed) or rolls back.
// Committed is called after the commit is durable (WAL written and synced).
class DeliveryLog {
 public:
  void Pending(int64_t sent_ns) { pending_.push_back(sent_ns); }
  void Committed();
  void RolledBack() { pending_.clear(); }

  // Thread-safe: events committed so far, transactions that committed some.
  uint64_t applied() const { return applied_.load(); }
  uint64_t commits() const { return commits_.load(); }
  // After the consumer stopped.
  std::vector<Delivery> Take() { return std::move(done_); }

 private:
  std::vector<int64_t> pending_;
  std::vector<Delivery> done_;
  std::atomic<uint64_t> applied_{0};
  std::atomic<uint64_t> commits_{0};
};

// Calls log->Committed() after every commit of `db` (sqlite3_wal_hook: after
// the WAL frames are written and, with synchronous=FULL, synced), and
// RolledBack() on a rollback. Replacing the WAL hook turns off SQLite's
// automatic checkpoint, so the hook does what that did (a passive checkpoint
// once the WAL has 1000 pages).
void HookCommits(sqlite3* db, DeliveryLog* log);

// The figures of one cell (one system, one window).
struct CellResult {
  std::string system;
  size_t window = 0;
  double commands_per_s = 0;  // replies (or publisher confirms) inside the interval
  double command_p50_ms = 0;  // send -> reply (or publish -> confirm)
  double command_p99_ms = 0;
  double events_per_s = 0;  // events whose consumer transaction committed inside the interval
  double lag_p50_ms = 0;    // command sent -> consumer commit, for commands sent inside it
  double lag_p99_ms = 0;
  double per_commit = 0;  // events per consumer transaction
  uint64_t backlog = 0;   // sent but not yet applied when the interval ended
  uint64_t errors = 0;
  uint64_t lost = 0;  // accepted (replied / confirmed) but never applied
  // Catch-up cells only: events/s of a consumer started after the producer
  // stopped, through the backlog (from its start to its last commit).
  double catchup_per_s = 0;
  uint64_t catchup_events = 0;
};

// Waits until `log` has applied `expected` events or `seconds` passed.
void AwaitApplied(const DeliveryLog& log, uint64_t expected, double seconds);

// A catch-up cell's figures: `log`'s deliveries (all of them) since `started`.
void SummariseCatchUp(const std::vector<Delivery>& deliveries, Steady::time_point started,
                      uint64_t accepted, DeliveryLog& log, CellResult& cell);

// Fills the event figures of `cell` from the consumer's deliveries.
void Summarise(const std::vector<Delivery>& deliveries, Steady::time_point measure_start,
               Steady::time_point measure_end, uint64_t accepted, DeliveryLog& log,
               CellResult& cell);

#ifdef VERKOSTO_BENCH_RABBITMQ
// The same work through RabbitMQ at settings.amqp: a durable queue of
// `queue_type`, persistent messages published with confirms keeping `window`
// unconfirmed, a consumer with manual acks writing each message to its own
// SQLite database under `dir`. With `catch_up`, the consumer starts only after
// the publisher has finished. Throws std::runtime_error on a broker error.
CellResult MeasureRabbitMq(const EventSettings& settings, const std::string& queue_type,
                           size_t window, bool catch_up, const std::string& dir,
                           const std::string& tag);
#endif

}  // namespace verkosto::bench
