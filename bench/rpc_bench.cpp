// rpc_bench: what the project's RPC stack costs over a bare ZeroMQ + SQLite
// harness doing the same durable work (issue 2, "Benchmark"), and what CURVE
// costs on top of both (issue 12; see README.md).
//
//   (a) bare: a ROUTER thread drains every queued request (up to 512),
//       INSERTs one row per request in ONE `BEGIN IMMEDIATE` transaction
//       (group commit, WAL, synchronous=FULL), commits, then replies to each.
//   (b) stack: messaging::RpcServer (with an Outbox) on a ServiceLoop thread; a
//       RecordPingRequest command does the same INSERT plus ctx.Emit(PingRecorded),
//       so each request also pays for the envelope, the idempotency record, the
//       outbox row and the reply envelope.
//
// The client is the same for both: one DEALER in the main thread keeping
// `window` requests outstanding (1 or 32); only the encoding differs (a raw
// payload vs. a full RequestEnvelope as RpcClient builds it).
//
// Each harness runs twice: plain (no security mechanism, as before issue 12)
// and with CURVE as the system now runs — (a') the same ROUTER as a CURVE
// server in the ZAP domain, the DEALER a CURVE client of its key; (b') the
// RpcServer with ServerOptions::curve and the context's ZapHandler admitting
// the client's key as principal "gateway" (so every request also passes
// CheckPrincipal), the DEALER configured by ConfigureClientSocket with keys,
// as RpcClient does. Before each cell, `connects` fresh DEALERs each connect,
// send one request and wait for its reply: the per-connection cost (CURVE
// handshake + ZAP round trip) the pipelined measurement amortises away.
//
// The client, the stack server (b) and the table helpers are shared with
// event_bench: bench_harness.h.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>
#include <zmq.hpp>

#include "bench_harness.h"
#include "messaging/curve.h"
#include "messaging/zap_handler.h"
#include "storage/database.h"

namespace {

using namespace verkosto::bench;  // the shared harness (bench_harness.h)
namespace storage = verkosto::storage;

struct Settings : RunSettings {
  bool run_bare = true;
  bool run_stack = true;
  bool run_plain = true;  // without a security mechanism (before issue 12)
  bool run_curve = true;  // with CURVE + ZAP, as every socket now runs
  // Fresh connections per cell, each connect + one request + its reply (0 = none).
  int connects = 20;
  // (b) only: request ids as RpcClient makes them (random) or ascending per client.
  bool sequential_ids = true;  // as RpcClient makes them
  // (b) only: PRAGMA temp_store=MEMORY on the server's connection.
  bool temp_store_memory = false;
};

// ---------------------------------------------------------------------------
// Client: one DEALER keeping `window` requests in flight.

// (a): the payload is the 8-byte sequence number plus filler; the reply echoes those 8 bytes.
class BareCodec final : public Codec {
 public:
  std::string Encode(uint64_t seq, std::string& key) override {
    key.assign(reinterpret_cast<const char*>(&seq), sizeof seq);
    std::string payload = key;
    payload.resize(kPayloadBytes, 'x');
    return payload;
  }
  bool Decode(const zmq::message_t& reply, std::string& key) override {
    key = reply.to_string();
    return reply.size() == sizeof(uint64_t);
  }
};

// ---------------------------------------------------------------------------
// Servers.

// (a) The bare harness; (a') with `keys`, the ROUTER is a CURVE server whose
// context has a ZapHandler, and nothing else changes.
class BareServer {
 public:
  BareServer(std::string db_path, std::string endpoint, const Keys* keys)
      : db_path_(std::move(db_path)), endpoint_(std::move(endpoint)), keys_(keys) {}

  void Start() {
    StartThread(thread_, [this](std::promise<void>& ready) { Run(ready); });
  }
  ServerStats Stop() {
    stop_.store(true);
    thread_.join();
    return stats_;
  }

 private:
  void Run(std::promise<void>& ready) {
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<SQLite::Statement> insert;
    zmq::context_t zmq(1);
    std::shared_ptr<msg::ZapHandler> zap;  // (a') only; before the socket, gone after it
    zmq::socket_t router(zmq, zmq::socket_type::router);
    try {
      const storage::Migration migrations[] = {
          {1, "create_bench_rows",
           "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)"}};
      db = OpenDatabase(db_path_, migrations);
      insert = std::make_unique<SQLite::Statement>(db->sqlite(),
                                                   "INSERT INTO bench_rows (payload) VALUES (?)");
      router.set(zmq::sockopt::linger, 0);
      if (keys_ != nullptr) {
        zap = EnsureZap(zmq, *keys_);
        router.set(zmq::sockopt::curve_server, 1);
        router.set(zmq::sockopt::curve_secretkey, keys_->server.secret_key);
        router.set(zmq::sockopt::zap_domain, msg::kZapDomain);
      }
      router.bind(endpoint_);
    } catch (...) {
      ready.set_exception(std::current_exception());
      return;
    }
    ready.set_value();

    struct Request {
      zmq::message_t identity;
      zmq::message_t body;
    };
    std::vector<Request> batch;
    batch.reserve(kMaxBatch);
    try {
      while (!stop_.load(std::memory_order_relaxed)) {
        zmq::pollitem_t item{static_cast<void*>(router), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(50));
        if ((item.revents & ZMQ_POLLIN) == 0) continue;
        batch.clear();
        while (batch.size() < kMaxBatch) {
          Request request;
          if (!router.recv(request.identity, zmq::recv_flags::dontwait)) break;
          if (!request.identity.more()) continue;
          (void)router.recv(request.body, zmq::recv_flags::none);  // parts arrive together
          for (bool more = request.body.more(); more;) {  // a malformed request's extra frames
            zmq::message_t extra;
            (void)router.recv(extra, zmq::recv_flags::none);
            more = extra.more();
          }
          batch.push_back(std::move(request));
        }
        if (batch.empty()) continue;
        db->sqlite().exec("BEGIN IMMEDIATE");
        for (const Request& request : batch) {
          insert->bind(1, request.body.data(), static_cast<int>(request.body.size()));
          insert->exec();
          insert->reset();
        }
        db->sqlite().exec("COMMIT");
        ++stats_.commits;
        stats_.requests += batch.size();
        for (Request& request : batch) {
          router.send(request.identity, zmq::send_flags::sndmore);
          router.send(
              zmq::buffer(request.body.data(), std::min(request.body.size(), sizeof(uint64_t))),
              zmq::send_flags::dontwait);
        }
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bare server failed: %s\n", e.what());
      std::abort();
    }
  }

  std::string db_path_;
  std::string endpoint_;
  const Keys* keys_;  // null: plain
  std::thread thread_;
  std::atomic<bool> stop_{false};
  ServerStats stats_;
};

// ---------------------------------------------------------------------------
// One measurement, the table, main.

enum class Harness { kBare, kStack };

// The four harnesses of one window, in the order they are measured and printed.
struct Cell {
  Harness harness;
  bool curve;
};
constexpr Cell kCells[] = {{Harness::kBare, false},
                           {Harness::kBare, true},
                           {Harness::kStack, false},
                           {Harness::kStack, true}};
constexpr size_t kCellCount = sizeof kCells / sizeof kCells[0];

const char* HarnessName(Harness harness, bool curve) {
  if (harness == Harness::kBare) {
    return curve ? "(a') bare ROUTER, CURVE" : "(a) bare ROUTER+SQLite";
  }
  return curve ? "(b') RpcServer, CURVE" : "(b) RpcServer stack";
}

struct Measurement {
  Harness harness = Harness::kBare;
  bool curve = false;
  size_t window = 0;
  double rps = 0;
  double p50_us = 0;
  double p99_us = 0;
  uint64_t completed = 0;
  uint64_t errors = 0;
  double per_commit = 0;  // requests per transaction, warm-up included
  double connect_us = 0;  // median of the fresh connections' connect + first reply; 0 = none
  double cpu_us = 0;      // process CPU time (all threads, both ends) per reply
};

// A client DEALER as each harness's client has it: (a) LINGER 0 only, (a') plus
// the CURVE client keys; (b) as RpcClient configures it, (b') with keys. A send
// gives up after 10 s (instead of blocking forever on a refused handshake).
void ConfigureDealer(zmq::socket_t& dealer, Harness harness, const Keys* keys) {
  if (harness == Harness::kBare) {
    dealer.set(zmq::sockopt::linger, 0);
    if (keys != nullptr) {
      dealer.set(zmq::sockopt::curve_serverkey, keys->server.public_key);
      dealer.set(zmq::sockopt::curve_publickey, keys->client.public_key);
      dealer.set(zmq::sockopt::curve_secretkey, keys->client.secret_key);
    }
    dealer.set(zmq::sockopt::sndtimeo, 10'000);
  } else {
    ConfigureStackDealer(dealer, keys);
  }
}

std::unique_ptr<Codec> MakeCodec(Harness harness, const Settings& settings) {
  if (harness == Harness::kBare) return std::make_unique<BareCodec>();
  return std::make_unique<EnvelopeCodec>(settings.sequential_ids);
}

// `settings.connects` times: a fresh DEALER connects, sends one request and
// waits for its reply (which includes the server's commit). Returns the
// median time from connect() to that reply in microseconds, or 0.
double MeasureConnects(zmq::context_t& zmq, const std::string& endpoint, Harness harness,
                       const Keys* keys, const Settings& settings) {
  if (settings.connects <= 0) return 0;
  const std::unique_ptr<Codec> codec = MakeCodec(harness, settings);  // its own request ids
  std::vector<int64_t> times_ns;
  std::string key;
  std::string reply_key;
  for (int i = 0; i < settings.connects; ++i) {
    zmq::socket_t dealer(zmq, zmq::socket_type::dealer);
    ConfigureDealer(dealer, harness, keys);
    const std::string bytes = codec->Encode(static_cast<uint64_t>(i), key);
    const auto start = Steady::now();
    dealer.connect(endpoint);
    if (!dealer.send(zmq::buffer(bytes), zmq::send_flags::none)) {
      throw std::runtime_error("a fresh connection could not send for 10 s");
    }
    zmq::pollitem_t item{static_cast<void*>(dealer), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(10'000));
    zmq::message_t reply;
    if ((item.revents & ZMQ_POLLIN) == 0 || !dealer.recv(reply, zmq::recv_flags::dontwait)) {
      throw std::runtime_error("a fresh connection got no reply for 10 s");
    }
    const auto end = Steady::now();
    if (!codec->Decode(reply, reply_key) || reply_key != key) {
      throw std::runtime_error("a fresh connection got a wrong or error reply");
    }
    times_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count());
  }
  std::sort(times_ns.begin(), times_ns.end());
  return Percentile(times_ns, 0.50);
}

Measurement Measure(Harness harness, bool curve, size_t window, const std::string& dir, int round,
                    const Keys& keys, const Settings& settings) {
  const std::string tag = std::string(harness == Harness::kBare ? "a" : "b") + (curve ? "c" : "") +
                          std::to_string(window) + "-" + std::to_string(round);
  const std::string db_path = dir + "/" + tag + ".db";
  const std::string endpoint = "ipc://" + dir + "/" + tag + ".sock";
  const Keys* cell_keys = curve ? &keys : nullptr;

  ClientResult client;
  ServerStats stats;
  double connect_us = 0;
  zmq::context_t zmq(1);
  zmq::socket_t dealer(zmq, zmq::socket_type::dealer);
  ConfigureDealer(dealer, harness, cell_keys);
  const std::unique_ptr<Codec> codec = MakeCodec(harness, settings);
  if (harness == Harness::kBare) {
    BareServer server(db_path, endpoint, cell_keys);
    server.Start();
    connect_us = MeasureConnects(zmq, endpoint, harness, cell_keys, settings);
    dealer.connect(endpoint);
    client = Drive(dealer, *codec, window, settings.seconds, settings.warmup);
    stats = server.Stop();
  } else {
    StackServer server(db_path, endpoint, "ipc://" + dir + "/" + tag + ".hint",
                       settings.temp_store_memory, cell_keys);
    server.Start();
    connect_us = MeasureConnects(zmq, endpoint, harness, cell_keys, settings);
    dealer.connect(endpoint);
    client = Drive(dealer, *codec, window, settings.seconds, settings.warmup);
    stats = server.Stop();
  }

  Measurement m;
  m.harness = harness;
  m.curve = curve;
  m.window = window;
  m.completed = client.completed;
  m.errors = client.errors;
  m.rps = static_cast<double>(client.completed) / client.seconds;
  std::sort(client.latencies_ns.begin(), client.latencies_ns.end());
  m.p50_us = Percentile(client.latencies_ns, 0.50);
  m.p99_us = Percentile(client.latencies_ns, 0.99);
  m.per_commit = stats.commits == 0
                     ? 0
                     : static_cast<double>(stats.requests) / static_cast<double>(stats.commits);
  m.connect_us = connect_us;
  m.cpu_us =
      client.replies == 0 ? 0 : client.cpu_seconds * 1e6 / static_cast<double>(client.replies);
  return m;
}

void PrintUsage() {
  PrintBenchUsage(
      "rpc_bench", "[--curve on|off|both] [--connects N] [--only a|b]", "requests/s",
      "  --curve W     both (default): every harness plain and with CURVE; on: CURVE only\n"
      "                (as the system runs); off: plain only (as before issue 12)\n"
      "  --connects N  fresh connections per cell, each connect + one request + reply;\n"
      "                their median is the 'connect us' column (default 20; 0 = none)\n"
      "  --only a|b    measure only the bare harness or only the stack (for profiling)\n"
      "experiments (for the analysis in README.md; they change (b) only):\n"
      "  --random-ids         random request ids (RpcClient's before it used ascending ones)\n"
      "  --temp-store-memory  PRAGMA temp_store=MEMORY on the server's connection\n");
}

bool ParseArgs(int argc, char** argv, Settings& settings) {
  ParseFlags(argc, argv, settings, [&](const std::string& arg, const FlagValue& value) {
    if (arg == "--only") {
      const std::string which = value();
      settings.run_bare = which == "a";
      settings.run_stack = which == "b";
      if (!settings.run_bare && !settings.run_stack) {
        throw std::invalid_argument("--only takes a or b");
      }
    } else if (arg == "--curve") {
      const std::string which = value();
      settings.run_plain = which != "on";
      settings.run_curve = which != "off";
      if (which != "on" && which != "off" && which != "both") {
        throw std::invalid_argument("--curve takes on, off or both");
      }
    } else if (arg == "--connects") {
      settings.connects = std::stoi(value());
    } else if (arg == "--random-ids") {
      settings.sequential_ids = false;
    } else if (arg == "--temp-store-memory") {
      settings.temp_store_memory = true;
    } else if (arg == "--help" || arg == "-h") {
      PrintUsage();
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown argument " + arg);
    }
  });
  if (settings.seconds <= 0 || settings.warmup < 0 || settings.rounds < 1 ||
      settings.connects < 0) {
    throw std::invalid_argument(
        "--seconds must be > 0, --warmup >= 0, --rounds >= 1, --connects >= 0");
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!ParseCommandLine(
          "rpc_bench", [&] { ParseArgs(argc, argv, settings); }, PrintUsage)) {
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);

  // One key pair for the servers and one for the client, for every CURVE cell.
  Keys keys;
  BenchDir bench_dir;
  try {
    if (settings.run_curve) keys = GenerateKeys(/*with_consumer=*/false);
    bench_dir = MakeBenchDir(settings.parent);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rpc_bench: %s\n", e.what());
    return 1;
  }
  const std::string& dir = bench_dir.path;

  int zmq_major = 0;
  int zmq_minor = 0;
  int zmq_patch = 0;
  zmq_version(&zmq_major, &zmq_minor, &zmq_patch);
  std::printf("machine: nproc=%ld, load average %s; SQLite %s, libzmq %d.%d.%d\n",
              sysconf(_SC_NPROCESSORS_ONLN), LoadAverage().c_str(), sqlite3_libversion(), zmq_major,
              zmq_minor, zmq_patch);
  std::printf(
      "settings: %.1f s measured after %.1f s warm-up per cell, %d round(s); databases in %s "
      "(statfs type 0x%lx; WAL, synchronous=FULL), ipc:// endpoints; one client DEALER "
      "pipelining a window of N requests; server drains up to %zu requests per transaction; "
      "payload %zu bytes; %s; %d fresh connection(s) per cell before measuring\n",
      settings.seconds, settings.warmup, settings.rounds, dir.c_str(), bench_dir.fs_type, kMaxBatch,
      kPayloadBytes,
      settings.run_curve ? (settings.run_plain ? "each harness plain and with CURVE (libsodium)"
                                               : "CURVE (libsodium) only")
                         : "plain sockets only",
      settings.connects);
  std::fflush(stdout);

  // cells[kCells index][window index] -> one Measurement per round.
  std::vector<std::vector<std::vector<Measurement>>> cells(
      kCellCount, std::vector<std::vector<Measurement>>(settings.windows.size()));
  try {
    for (int round = 0; round < settings.rounds; ++round) {
      for (size_t w = 0; w < settings.windows.size(); ++w) {
        for (size_t i = 0; i < kCellCount; ++i) {
          // Every other round in reverse order, so that no harness always runs first.
          const size_t c = round % 2 == 0 ? i : kCellCount - 1 - i;
          const auto [harness, curve] = kCells[c];
          if (!(harness == Harness::kBare ? settings.run_bare : settings.run_stack)) continue;
          if (!(curve ? settings.run_curve : settings.run_plain)) continue;
          const Measurement m =
              Measure(harness, curve, settings.windows[w], dir, round, keys, settings);
          std::fprintf(stderr, "  round %d: %-24s in flight %2zu: %9.0f req/s\n", round + 1,
                       HarnessName(harness, curve), m.window, m.rps);
          cells[c][w].push_back(m);
        }
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rpc_bench: %s (directory %s kept)\n", e.what(), dir.c_str());
    return 1;
  }

  // The round with the median requests/s of each cell; nullptr for a cell not measured.
  auto median = [](std::vector<Measurement>& runs) {
    return MedianBy(runs, [](const Measurement& m) { return m.rps; });
  };

  std::printf("\n%-24s %9s %12s %10s %10s %11s %7s %11s %11s\n", "harness", "in flight",
              "requests/s", "p50 us", "p99 us", "req/commit", "errors", "CPU us/req", "connect us");
  for (size_t w = 0; w < settings.windows.size(); ++w) {
    for (size_t c = 0; c < kCellCount; ++c) {
      const Measurement* m = median(cells[c][w]);
      if (m == nullptr) continue;
      std::printf("%-24s %9zu %12.0f %10.0f %10.0f %11.1f %7llu %11.1f %11.0f\n",
                  HarnessName(m->harness, m->curve), m->window, m->rps, m->p50_us, m->p99_us,
                  m->per_commit, static_cast<unsigned long long>(m->errors), m->cpu_us,
                  m->connect_us);
    }
  }
  std::printf("\n");
  // Indexes into kCells.
  constexpr size_t kA = 0;
  constexpr size_t kACurve = 1;
  constexpr size_t kB = 2;
  constexpr size_t kBCurve = 3;
  for (size_t w = 0; w < settings.windows.size(); ++w) {
    const Measurement* a = median(cells[kA][w]);
    const Measurement* b = median(cells[kB][w]);
    if (a != nullptr && b != nullptr && a->rps > 0) {
      std::printf(
          "ratio b/a of requests/s at %2zu in flight: %.2f (plain, the figure before "
          "issue 12)\n",
          settings.windows[w], b->rps / a->rps);
    }
    const Measurement* ac = median(cells[kACurve][w]);
    const Measurement* bc = median(cells[kBCurve][w]);
    if (ac != nullptr && bc != nullptr && ac->rps > 0) {
      std::printf("ratio b'/a' of requests/s at %2zu in flight: %.2f (both with CURVE)\n",
                  settings.windows[w], bc->rps / ac->rps);
    }
  }
  // What CURVE costs each harness: per request (throughput, latency) and per connection.
  for (const auto& [plain_index, curve_index, what] :
       {std::tuple{kB, kBCurve, "stack, b'/b"}, std::tuple{kA, kACurve, "bare,  a'/a"}}) {
    std::vector<double> plain_connects;
    std::vector<double> curve_connects;
    for (size_t w = 0; w < settings.windows.size(); ++w) {
      const Measurement* plain = median(cells[plain_index][w]);
      const Measurement* curve = median(cells[curve_index][w]);
      for (const Measurement& m : cells[plain_index][w]) plain_connects.push_back(m.connect_us);
      for (const Measurement& m : cells[curve_index][w]) curve_connects.push_back(m.connect_us);
      if (plain == nullptr || curve == nullptr || plain->rps <= 0) continue;
      std::printf(
          "CURVE/plain (%s) at %2zu in flight: requests/s %.2f, p50 %+.0f us, p99 %+.0f us, "
          "CPU %+.1f us/req\n",
          what, settings.windows[w], curve->rps / plain->rps, curve->p50_us - plain->p50_us,
          curve->p99_us - plain->p99_us, curve->cpu_us - plain->cpu_us);
    }
    if (settings.connects > 0 && !plain_connects.empty() && !curve_connects.empty()) {
      auto middle = [](std::vector<double>& v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
      };
      const double p = middle(plain_connects);
      const double c = middle(curve_connects);
      std::printf(
          "CURVE/plain (%s), a new connection (connect + first reply, median of %zu cells): "
          "%.0f -> %.0f us (%+.0f us)\n",
          what, curve_connects.size(), p, c, c - p);
    }
  }
  FinishRun(settings, dir);
  return 0;
}
