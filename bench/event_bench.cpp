// event_bench: how fast an event travels from a command to a consumer that
// has applied it durably in its own database (issue 16, item 4), through the
// project's pieces and, in the same run, through RabbitMQ.
//
//   verkosto: a client DEALER keeps N RecordPingRequest commands in flight to
//       messaging::RpcServer + Outbox on a ServiceLoop thread (bench_harness.h,
//       the stack of rpc_bench's (b'), CURVE + ZAP + principals); each command
//       inserts a row and emits PingRecorded into the outbox in the same
//       transaction. A second "service" (its own thread, ZeroMQ context,
//       ServiceLoop and database) runs messaging::EventConsumer as
//       ServiceRuntime wires consumers: head hints over PUB/SUB, fetches over
//       RPC with its own CURVE key (admitted as a service principal), each
//       fetched batch applied in one transaction with the cursor (WAL,
//       synchronous=FULL); its handler inserts one row per event.
//   RabbitMQ (event_bench_rabbitmq.cpp; only when built with librabbitmq and
//       given --amqp): a publisher keeps N persistent messages unconfirmed
//       (publisher confirms) on a durable queue; a consumer with manual acks
//       and a prefetch of --batch inserts what has arrived (up to --batch) in
//       one transaction of its own SQLite database (WAL, synchronous=FULL),
//       commits, then acks them all (multiple).
//
// Lag is measured from the command's send (the publish) to the commit of the
// consumer's transaction that applied the event, on one steady clock: the
// send time travels in the event (the 16-byte note; RabbitMQ: the body).

#include "event_bench.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "messaging/context.h"
#include "messaging/event_consumer.h"
#include "messaging/schema.h"
#include "messaging/service_loop.h"
#include "storage/database.h"
#include "verkosto/common/v1/diagnostics.pb.h"

namespace verkosto::bench {

void DeliveryLog::Committed() {
  if (pending_.empty()) return;
  const int64_t now =
      std::chrono::duration_cast<std::chrono::nanoseconds>(Steady::now().time_since_epoch())
          .count();
  for (const int64_t sent : pending_) done_.push_back(Delivery{sent, now});
  applied_.fetch_add(pending_.size());
  commits_.fetch_add(1);
  pending_.clear();
}

namespace {

int OnWalCommit(void* log, sqlite3* db, const char* name, int pages) {
  static_cast<DeliveryLog*>(log)->Committed();
  // What SQLite's default hook (wal_autocheckpoint=1000) does.
  if (pages >= 1000)
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return SQLITE_OK;
}

void OnRollback(void* log) { static_cast<DeliveryLog*>(log)->RolledBack(); }

}  // namespace

void HookCommits(sqlite3* db, DeliveryLog* log) {
  sqlite3_wal_hook(db, OnWalCommit, log);
  sqlite3_rollback_hook(db, OnRollback, log);
}

void Summarise(const std::vector<Delivery>& deliveries, Steady::time_point measure_start,
               Steady::time_point measure_end, uint64_t accepted, DeliveryLog& log,
               CellResult& cell) {
  auto ns = [](Steady::time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  };
  const int64_t start = ns(measure_start);
  const int64_t end = ns(measure_end);
  uint64_t inside = 0;
  std::vector<int64_t> lags;
  lags.reserve(deliveries.size());
  for (const Delivery& d : deliveries) {
    if (d.committed_ns >= start && d.committed_ns < end) ++inside;
    if (d.sent_ns >= start && d.sent_ns < end) lags.push_back(d.committed_ns - d.sent_ns);
    if (d.sent_ns < end && d.committed_ns >= end) ++cell.backlog;
  }
  std::sort(lags.begin(), lags.end());
  cell.events_per_s = static_cast<double>(inside) / (static_cast<double>(end - start) * 1e-9);
  cell.lag_p50_ms = Percentile(lags, 0.50) / 1000.0;
  cell.lag_p99_ms = Percentile(lags, 0.99) / 1000.0;
  cell.per_commit = log.commits() == 0
                        ? 0
                        : static_cast<double>(log.applied()) / static_cast<double>(log.commits());
  cell.lost = accepted > log.applied() ? accepted - log.applied() : 0;
}

void SummariseCatchUp(const std::vector<Delivery>& deliveries, Steady::time_point started,
                      uint64_t accepted, DeliveryLog& log, CellResult& cell) {
  const int64_t start =
      std::chrono::duration_cast<std::chrono::nanoseconds>(started.time_since_epoch()).count();
  int64_t last = start;
  for (const Delivery& d : deliveries) last = std::max(last, d.committed_ns);
  cell.catchup_events = deliveries.size();
  cell.catchup_per_s = last > start ? static_cast<double>(deliveries.size()) /
                                          (static_cast<double>(last - start) * 1e-9)
                                    : 0;
  cell.per_commit = log.commits() == 0
                        ? 0
                        : static_cast<double>(log.applied()) / static_cast<double>(log.commits());
  cell.lost = accepted > log.applied() ? accepted - log.applied() : 0;
}

void AwaitApplied(const DeliveryLog& log, uint64_t expected, double seconds) {
  const auto deadline = Steady::now() + std::chrono::duration_cast<Steady::duration>(
                                            std::chrono::duration<double>(seconds));
  while (log.applied() < expected && Steady::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

namespace {

namespace storage = verkosto::storage;
namespace v1 = verkosto::common::v1;

// The consuming service: messaging::EventConsumer on its own ServiceLoop
// thread, ZeroMQ context and database, wired as ServiceRuntime wires a
// consumer (CURVE client of the producer with its own key).
class ConsumerService {
 public:
  ConsumerService(std::string db_path, std::string endpoint, std::string hint_endpoint,
                  const Keys& keys, uint32_t batch)
      : db_path_(std::move(db_path)),
        endpoint_(std::move(endpoint)),
        hint_endpoint_(std::move(hint_endpoint)),
        keys_(keys),
        batch_(batch) {}

  void Start() {
    StartThread(thread_, [this](std::promise<void>& ready) { Run(ready); });
  }
  void Stop() {
    loop_.Stop();
    thread_.join();
  }
  DeliveryLog& log() { return log_; }

 private:
  void Run(std::promise<void>& ready) {
    zmq::context_t zmq(1);
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<SQLite::Statement> insert;
    std::unique_ptr<msg::EventConsumer> consumer;
    SetUpAndRun(
        ready,
        [&] {
          const storage::Migration migrations[] = {
              msg::MessagingTablesMigration(),
              {2, "create_applied_pings",
               "CREATE TABLE applied_pings (seq INTEGER PRIMARY KEY, note TEXT NOT NULL)"}};
          db = OpenDatabase(db_path_, migrations);
          HookCommits(db->sqlite().getHandle(), &log_);
          insert = std::make_unique<SQLite::Statement>(
              db->sqlite(), "INSERT INTO applied_pings (seq, note) VALUES (?, ?)");
          msg::ConsumerOptions options;
          options.producer = "bench";
          options.endpoint = endpoint_;
          options.hint_endpoint = hint_endpoint_;
          options.consumer_name = std::string(kConsumerPrincipal);
          options.batch_size = batch_;
          options.curve = msg::CurveOptions{keys_.consumer, keys_.server.public_key};
          consumer = std::make_unique<msg::EventConsumer>(
              zmq, *db, nullptr, verkosto::SystemClock::Instance(), options);
          consumer->On<v1::PingRecorded>(
              [this, &insert](msg::Context& ctx, const v1::PingRecorded& ping) -> Status {
                const std::string& id = ctx.request_id();  // "<producer>:<seq>"
                insert->reset();
                insert->bind(1, static_cast<int64_t>(std::stoull(id.substr(id.rfind(':') + 1))));
                insert->bind(2, ping.note());
                insert->exec();
                log_.Pending(SendTimeOfNote(ping.note()));
                return Status::Ok();
              });
          const Status connected = consumer->Connect();
          if (!connected.ok()) throw std::runtime_error(connected.ToString());
          loop_.AddConsumer(consumer.get());
        },
        loop_, "consumer");
    if (consumer != nullptr && !consumer->status().error().empty()) {
      std::fprintf(stderr, "consumer: %s\n", consumer->status().error().c_str());
    }
  }

  std::string db_path_;
  std::string endpoint_;
  std::string hint_endpoint_;
  const Keys& keys_;
  uint32_t batch_;
  std::thread thread_;
  msg::ServiceLoop loop_;
  DeliveryLog log_;
};

// With `catch_up`, the consumer starts only after the client has finished.
CellResult MeasureVerkosto(const EventSettings& settings, size_t window, bool catch_up,
                           const std::string& dir, const std::string& tag, const Keys& keys) {
  const std::string endpoint = "ipc://" + dir + "/" + tag + ".sock";
  const std::string hint_endpoint = "ipc://" + dir + "/" + tag + ".hint";
  StackServer producer(dir + "/" + tag + "-producer.db", endpoint, hint_endpoint,
                       /*temp_store_memory=*/false, &keys);
  producer.Start();
  ConsumerService consumer(dir + "/" + tag + "-consumer.db", endpoint, hint_endpoint, keys,
                           settings.batch);
  if (!catch_up) consumer.Start();

  zmq::context_t zmq(1);
  zmq::socket_t dealer(zmq, zmq::socket_type::dealer);
  ConfigureStackDealer(dealer, &keys);
  dealer.connect(endpoint);
  EnvelopeCodec codec(/*sequential_ids=*/true, /*stamp_notes=*/true);
  const ClientResult client = Drive(dealer, codec, window, settings.seconds, settings.warmup);
  const uint64_t accepted = client.replies - client.errors;
  const auto consumer_start = Steady::now();
  if (catch_up) consumer.Start();
  AwaitApplied(consumer.log(), accepted, settings.drain_seconds);
  consumer.Stop();
  producer.Stop();

  CellResult cell;
  cell.system = "verkosto outbox + pull";
  cell.window = window;
  cell.errors = client.errors;
  if (catch_up) {
    SummariseCatchUp(consumer.log().Take(), consumer_start, accepted, consumer.log(), cell);
    return cell;
  }
  cell.commands_per_s = static_cast<double>(client.completed) / client.seconds;
  std::vector<int64_t> latencies = client.latencies_ns;
  std::sort(latencies.begin(), latencies.end());
  cell.command_p50_ms = Percentile(latencies, 0.50) / 1000.0;
  cell.command_p99_ms = Percentile(latencies, 0.99) / 1000.0;
  Summarise(consumer.log().Take(), client.measure_start, client.measure_end, accepted,
            consumer.log(), cell);
  return cell;
}

void PrintUsage() {
  PrintBenchUsage(
      "event_bench",
      "[--batch N] [--amqp HOST:PORT] [--rabbit-queue T] [--only verkosto|rabbitmq] [--drain S]",
      "events/s",
      "  --batch N     events per consumer transaction at most: verkosto's fetch size,\n"
      "                RabbitMQ's prefetch (default 500, the consumer's default)\n"
      "  --amqp H:P    a RabbitMQ broker (guest/guest, vhost /) to measure the same work\n"
      "                through; event_bench.sh starts one and passes this\n"
      "  --rabbit-queue T  classic, quorum or both (default both): the durable queue type(s)\n"
      "  --only W      verkosto or rabbitmq: measure one side only\n"
      "  --drain S     wait at most S seconds for a consumer to catch up (default 60)\n");
}

void ParseArgs(int argc, char** argv, EventSettings& settings) {
  std::string only;
  ParseFlags(argc, argv, settings, [&](const std::string& arg, const FlagValue& value) {
    if (arg == "--batch") {
      settings.batch = static_cast<uint32_t>(std::stoul(value()));
    } else if (arg == "--amqp") {
      settings.amqp = value();
    } else if (arg == "--rabbit-queue") {
      const std::string which = value();
      if (which == "both") {
        settings.queue_types = {"classic", "quorum"};
      } else if (which == "classic" || which == "quorum") {
        settings.queue_types = {which};
      } else {
        throw std::invalid_argument("--rabbit-queue takes classic, quorum or both");
      }
    } else if (arg == "--only") {
      only = value();
      if (only != "verkosto" && only != "rabbitmq") {
        throw std::invalid_argument("--only takes verkosto or rabbitmq");
      }
    } else if (arg == "--drain") {
      settings.drain_seconds = std::stod(value());
    } else if (arg == "--help" || arg == "-h") {
      PrintUsage();
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown argument " + arg);
    }
  });
  if (settings.seconds <= 0 || settings.warmup < 0 || settings.rounds < 1 || settings.batch < 1 ||
      settings.windows.front() < 1) {
    throw std::invalid_argument(
        "--seconds must be > 0, --warmup >= 0, --rounds >= 1, --batch >= 1, --in-flight >= 1");
  }
  if (only == "verkosto") settings.amqp.clear();
  if (only == "rabbitmq") {
    settings.run_verkosto = false;
    if (settings.amqp.empty())
      throw std::invalid_argument("--only rabbitmq needs --amqp HOST:PORT");
  }
}

// cells[system][window] -> one CellResult per round; the last window is the
// catch-up cell at `catch_up_window` in flight.
using Cells = std::vector<std::vector<std::vector<CellResult>>>;

Cells MeasureAll(const EventSettings& settings, const std::vector<std::string>& systems,
                 size_t catch_up_window, const std::string& dir, const Keys& keys) {
  const size_t cell_count = settings.windows.size() + 1;
  Cells cells(systems.size(), std::vector<std::vector<CellResult>>(cell_count));
  for (int round = 0; round < settings.rounds; ++round) {
    for (size_t w = 0; w < cell_count; ++w) {
      const bool catch_up = w == settings.windows.size();
      const size_t window = catch_up ? catch_up_window : settings.windows[w];
      for (size_t i = 0; i < systems.size(); ++i) {
        // Every other round in reverse order, so that no system always runs first.
        const size_t s = round % 2 == 0 ? i : systems.size() - 1 - i;
        const std::string tag = systems[s] + (catch_up ? "-catchup" : "") + std::to_string(window) +
                                "-" + std::to_string(round);
        CellResult cell;
        if (systems[s] == "verkosto") {
          cell = MeasureVerkosto(settings, window, catch_up, dir, tag, keys);
        } else {
#ifdef VERKOSTO_BENCH_RABBITMQ
          cell = MeasureRabbitMq(settings, systems[s], window, catch_up, dir, tag);
#endif
        }
        std::fprintf(stderr, "  round %d: %-24s in flight %2zu%s: %9.0f events/s\n", round + 1,
                     cell.system.c_str(), window, catch_up ? ", catch-up" : "",
                     catch_up ? cell.catchup_per_s : cell.events_per_s);
        cells[s][w].push_back(cell);
      }
    }
  }
  return cells;
}

}  // namespace
}  // namespace verkosto::bench

int main(int argc, char** argv) {
  using namespace verkosto::bench;
  EventSettings settings;
  if (!ParseCommandLine(
          "event_bench", [&] { ParseArgs(argc, argv, settings); }, PrintUsage)) {
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
#ifndef VERKOSTO_BENCH_RABBITMQ
  if (!settings.amqp.empty()) {
    std::fprintf(stderr,
                 "event_bench: built without librabbitmq (pkg-config librabbitmq not found), so "
                 "it cannot measure RabbitMQ; install librabbitmq-dev and re-run cmake\n");
    return 2;
  }
#endif

  Keys keys;
  BenchDir bench_dir;
  try {
    keys = GenerateKeys(/*with_consumer=*/true);
    bench_dir = MakeBenchDir(settings.parent);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "event_bench: %s\n", e.what());
    return 1;
  }
  const std::string& dir = bench_dir.path;

  std::printf("machine: nproc=%ld, load average %s; SQLite %s\n", sysconf(_SC_NPROCESSORS_ONLN),
              LoadAverage().c_str(), sqlite3_libversion());
  std::printf(
      "settings: %.1f s measured after %.1f s warm-up per cell, %d round(s); databases in %s "
      "(statfs type 0x%lx; WAL, synchronous=FULL); up to %u events per consumer transaction; "
      "lag = command sent -> consumer commit; %s\n",
      settings.seconds, settings.warmup, settings.rounds, dir.c_str(), bench_dir.fs_type,
      settings.batch,
      settings.amqp.empty() ? "RabbitMQ not measured (no --amqp; see event_bench.sh)"
                            : ("RabbitMQ at " + settings.amqp).c_str());
  std::fflush(stdout);

  // The systems of one window, in order: verkosto, then each RabbitMQ queue type.
  std::vector<std::string> systems;
  if (settings.run_verkosto) systems.emplace_back("verkosto");
  if (!settings.amqp.empty()) {
    for (const std::string& type : settings.queue_types) systems.push_back(type);
  }
  // cells[system][window] -> one CellResult per round.
  // The last "window" is the catch-up cell, at the largest window.
  const size_t catch_up_window =
      *std::max_element(settings.windows.begin(), settings.windows.end());
  Cells cells;
  try {
    cells = MeasureAll(settings, systems, catch_up_window, dir, keys);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "event_bench: %s (directory %s kept)\n", e.what(), dir.c_str());
    return 1;
  }

  // The round with the median events/s (catch-up: its events/s) of each cell.
  auto median = [](std::vector<CellResult>& runs) {
    return MedianBy(runs, [](const CellResult& c) { return c.events_per_s + c.catchup_per_s; });
  };

  std::printf("\n%-26s %9s %10s %8s %8s %10s %9s %9s %8s %8s %6s %5s\n", "system", "in flight",
              "commands/s", "cmd p50", "cmd p99", "events/s", "lag p50", "lag p99", "ev/commit",
              "backlog", "errors", "lost");
  for (size_t w = 0; w < settings.windows.size(); ++w) {
    for (size_t s = 0; s < systems.size(); ++s) {
      const CellResult* c = median(cells[s][w]);
      if (c == nullptr) continue;
      std::printf(
          "%-26s %9zu %10.0f %6.2fms %6.2fms %10.0f %7.2fms %7.2fms %9.1f %8llu %6llu %5llu\n",
          c->system.c_str(), c->window, c->commands_per_s, c->command_p50_ms, c->command_p99_ms,
          c->events_per_s, c->lag_p50_ms, c->lag_p99_ms, c->per_commit,
          static_cast<unsigned long long>(c->backlog), static_cast<unsigned long long>(c->errors),
          static_cast<unsigned long long>(c->lost));
    }
  }
  std::printf("\n");
  bool all_met = true;
  bool any_ratio = false;
  for (size_t w = 0; w < settings.windows.size(); ++w) {
    if (systems.empty() || systems.front() != "verkosto") break;
    const CellResult* v = median(cells[0][w]);
    for (size_t s = 1; s < systems.size(); ++s) {
      const CellResult* r = median(cells[s][w]);
      if (v == nullptr || r == nullptr || r->events_per_s <= 0 || r->lag_p99_ms <= 0) continue;
      const double throughput = v->events_per_s / r->events_per_s;
      const double lag = v->lag_p99_ms / r->lag_p99_ms;
      const bool met = throughput >= 3.0 && lag < 1.0;
      all_met = all_met && met;
      any_ratio = true;
      std::printf(
          "verkosto/RabbitMQ %-7s at %2zu in flight: events/s %.2fx (goal >= 3), lag p99 %.2fx "
          "(goal < 1), lag p50 %.2fx: %s\n",
          systems[s].c_str(), settings.windows[w], throughput, lag, v->lag_p50_ms / r->lag_p50_ms,
          met ? "goal met" : "goal missed");
    }
  }
  if (any_ratio) std::printf("goal overall: %s\n", all_met ? "met" : "missed");

  std::printf(
      "\ncatch-up: the producer runs %.1f s at %zu in flight with no consumer; then the consumer "
      "starts and applies the backlog\n%-26s %10s %12s %9s %5s\n",
      settings.warmup + settings.seconds, catch_up_window, "system", "backlog", "events/s",
      "ev/commit", "lost");
  const size_t c = settings.windows.size();
  for (size_t s = 0; s < systems.size(); ++s) {
    const CellResult* r = median(cells[s][c]);
    if (r == nullptr) continue;
    std::printf("%-26s %10llu %12.0f %9.1f %5llu\n", r->system.c_str(),
                static_cast<unsigned long long>(r->catchup_events), r->catchup_per_s, r->per_commit,
                static_cast<unsigned long long>(r->lost));
  }
  for (size_t s = 1; s < systems.size() && systems.front() == "verkosto"; ++s) {
    const CellResult* v = median(cells[0][c]);
    const CellResult* r = median(cells[s][c]);
    if (v == nullptr || r == nullptr || r->catchup_per_s <= 0) continue;
    std::printf("verkosto/RabbitMQ %-7s catch-up events/s: %.2fx\n", systems[s].c_str(),
                v->catchup_per_s / r->catchup_per_s);
  }
  FinishRun(settings, dir);
  return 0;
}
