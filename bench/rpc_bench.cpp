// rpc_bench: what the project's RPC stack costs over a bare ZeroMQ + SQLite
// harness doing the same durable work (issue 2, "Benchmark"; see README.md).
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

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <linux/magic.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
#include "messaging/envelope.h"
#include "messaging/outbox.h"
#include "messaging/rpc_server.h"
#include "messaging/schema.h"
#include "messaging/service_loop.h"
#include "messaging/socket_options.h"
#include "storage/database.h"
#include "verkosto/common/v1/diagnostics.pb.h"
#include "verkosto/common/v1/envelope.pb.h"

namespace {

namespace msg = verkosto::messaging;
namespace storage = verkosto::storage;
namespace v1 = verkosto::common::v1;
using Steady = std::chrono::steady_clock;

constexpr size_t kMaxBatch = 512;  // the bare server's drain limit, as RpcServer's default
constexpr size_t kPayloadBytes = 16;

struct Settings {
  double seconds = 3.0;
  double warmup = 0.5;
  int rounds = 1;
  std::string parent = "/tmp";
  bool keep = false;
  std::vector<size_t> windows = {1, 32};
  bool run_bare = true;
  bool run_stack = true;
  // (b) only: request ids as RpcClient makes them (random) or ascending per client.
  bool sequential_ids = true;  // as RpcClient makes them
  // (b) only: PRAGMA temp_store=MEMORY on the server's connection.
  bool temp_store_memory = false;
};

// ---------------------------------------------------------------------------
// Client: one DEALER keeping `window` requests in flight.

// How one harness encodes requests and recognises replies.
class Codec {
 public:
  virtual ~Codec() = default;
  // Encodes request number `seq`; sets `key` to what its reply will carry.
  virtual std::string Encode(uint64_t seq, std::string& key) = 0;
  // Sets `key` from a reply; false for an error or undecodable reply.
  virtual bool Decode(const zmq::message_t& reply, std::string& key) = 0;
};

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

// (b): a full RequestEnvelope, built as RpcClient::CallRaw builds it.
class EnvelopeCodec final : public Codec {
 public:
  explicit EnvelopeCodec(bool sequential_ids)
      : client_id_(msg::RandomId()), sequential_ids_(sequential_ids) {
    actor_.set_user_id("bench-user");
    actor_.set_display_name("Bench User");
    actor_.set_role(v1::ROLE_REGISTRY_CLERK);
    actor_.set_area("kainuu-koillismaa");
    ping_.set_note(std::string(kPayloadBytes, 'x'));
  }
  std::string Encode(uint64_t seq, std::string& key) override {
    v1::RequestEnvelope envelope;
    envelope.set_protocol_version(msg::kProtocolVersion);
    envelope.set_client_id(client_id_);
    envelope.set_request_id(sequential_ids_ ? SequentialId(seq) : msg::RandomId());
    *envelope.mutable_actor() = actor_;
    envelope.set_deadline_unix_us(verkosto::ToMicros(verkosto::SystemClock::Instance().Now()) +
                                  5'000'000);
    envelope.mutable_body()->PackFrom(ping_);
    key = envelope.request_id();
    return envelope.SerializeAsString();
  }
  bool Decode(const zmq::message_t& reply, std::string& key) override {
    v1::ReplyEnvelope envelope;
    if (!envelope.ParseFromArray(reply.data(), static_cast<int>(reply.size()))) return false;
    key = envelope.request_id();
    if (envelope.has_error()) {
      spdlog::warn("error reply: {}", envelope.error().message());
      return false;
    }
    v1::RecordPingResponse response;
    return envelope.result().UnpackTo(&response);
  }

 private:
  // 32 hex digits like RandomId, but ascending: this client's start time, then `seq`.
  std::string SequentialId(uint64_t seq) const {
    char id[33];
    std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(started_us_),
                  static_cast<unsigned long long>(seq));
    return id;
  }

  std::string client_id_;
  bool sequential_ids_;
  int64_t started_us_ = verkosto::ToMicros(verkosto::SystemClock::Instance().Now());
  v1::Actor actor_;
  v1::RecordPingRequest ping_;
};

struct ClientResult {
  uint64_t completed = 0;  // successful replies received inside the measured interval
  uint64_t errors = 0;
  double seconds = 0;
  std::vector<int64_t> latencies_ns;  // of requests sent and answered inside the interval
};

ClientResult Drive(zmq::socket_t& socket, Codec& codec, size_t window, const Settings& settings) {
  struct Slot {
    std::string key;
    Steady::time_point sent;
    bool busy = false;
  };
  std::vector<Slot> slots(window);
  uint64_t seq = 0;
  auto send = [&](Slot& slot) {
    const std::string bytes = codec.Encode(seq++, slot.key);
    slot.sent = Steady::now();
    slot.busy = true;
    socket.send(zmq::buffer(bytes), zmq::send_flags::none);
  };

  ClientResult result;
  const auto start = Steady::now();
  const auto measure_start = start + std::chrono::duration_cast<Steady::duration>(
                                         std::chrono::duration<double>(settings.warmup));
  const auto measure_end = measure_start + std::chrono::duration_cast<Steady::duration>(
                                               std::chrono::duration<double>(settings.seconds));
  result.latencies_ns.reserve(1 << 18);

  for (Slot& slot : slots) send(slot);
  size_t busy = window;
  auto last_reply = Steady::now();
  std::string key;
  while (busy > 0) {
    zmq::pollitem_t item{static_cast<void*>(socket), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(1000));
    if ((item.revents & ZMQ_POLLIN) == 0) {
      if (Steady::now() - last_reply > std::chrono::seconds(10)) {
        throw std::runtime_error("no reply for 10 s; the server is stuck");
      }
      continue;
    }
    zmq::message_t reply;
    while (socket.recv(reply, zmq::recv_flags::dontwait)) {
      const auto now = Steady::now();
      last_reply = now;
      const bool ok = codec.Decode(reply, key);
      const auto slot = std::find_if(slots.begin(), slots.end(),
                                     [&](const Slot& s) { return s.busy && s.key == key; });
      if (slot == slots.end() || !ok) ++result.errors;
      if (slot == slots.end()) continue;
      if (ok && now >= measure_start && now < measure_end) {
        ++result.completed;
        if (slot->sent >= measure_start) {
          result.latencies_ns.push_back(
              std::chrono::duration_cast<std::chrono::nanoseconds>(now - slot->sent).count());
        }
      }
      slot->busy = false;
      --busy;
      if (now < measure_end) {
        send(*slot);
        ++busy;
      }
    }
  }
  result.seconds = settings.seconds;
  return result;
}

// ---------------------------------------------------------------------------
// Servers.

struct ServerStats {
  uint64_t requests = 0;
  uint64_t commits = 0;
};

// (a) The bare harness.
class BareServer {
 public:
  BareServer(std::string db_path, std::string endpoint)
      : db_path_(std::move(db_path)), endpoint_(std::move(endpoint)) {}

  void Start() {
    std::promise<void> ready;
    auto started = ready.get_future();
    thread_ = std::thread([this, &ready] { Run(ready); });
    started.get();  // rethrows a setup failure
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
    zmq::socket_t router(zmq, zmq::socket_type::router);
    try {
      const storage::Migration migrations[] = {
          {1, "create_bench_rows",
           "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)"}};
      auto opened = storage::Database::Open(db_path_, migrations);
      if (!opened.ok()) throw std::runtime_error(opened.status().ToString());
      db = std::move(opened).value();
      insert = std::make_unique<SQLite::Statement>(db->sqlite(),
                                                   "INSERT INTO bench_rows (payload) VALUES (?)");
      router.set(zmq::sockopt::linger, 0);
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
  std::thread thread_;
  std::atomic<bool> stop_{false};
  ServerStats stats_;
};

// (b) The project's stack, wired as ServiceRuntime wires a service.
class StackServer {
 public:
  StackServer(std::string db_path, std::string endpoint, std::string hint_endpoint,
              bool temp_store_memory)
      : db_path_(std::move(db_path)),
        endpoint_(std::move(endpoint)),
        hint_endpoint_(std::move(hint_endpoint)),
        temp_store_memory_(temp_store_memory) {}

  void Start() {
    std::promise<void> ready;
    auto started = ready.get_future();
    thread_ = std::thread([this, &ready] { Run(ready); });
    started.get();
  }
  ServerStats Stop() {
    loop_.Stop();
    thread_.join();
    return stats_;
  }

 private:
  void Run(std::promise<void>& ready) {
    zmq::context_t zmq(1);
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<msg::Outbox> outbox;
    std::unique_ptr<SQLite::Statement> insert;
    std::unique_ptr<msg::RpcServer> server;
    try {
      const storage::Migration migrations[] = {
          msg::MessagingTablesMigration(),
          {2, "create_bench_pings",
           "CREATE TABLE bench_pings (id INTEGER PRIMARY KEY, note TEXT NOT NULL, "
           "recorded_by TEXT NOT NULL)"}};
      auto opened = storage::Database::Open(db_path_, migrations);
      if (!opened.ok()) throw std::runtime_error(opened.status().ToString());
      db = std::move(opened).value();
      if (temp_store_memory_) db->sqlite().exec("PRAGMA temp_store=MEMORY");
      auto box = msg::Outbox::Open(db->sqlite(), "bench");
      if (!box.ok()) throw std::runtime_error(box.status().ToString());
      outbox = std::move(box).value();
      insert = std::make_unique<SQLite::Statement>(
          db->sqlite(), "INSERT INTO bench_pings (note, recorded_by) VALUES (?, ?)");

      msg::ServerOptions options;
      options.service_name = "bench";
      options.bind_endpoint = endpoint_;
      options.hint_endpoint = hint_endpoint_;
      options.max_batch = kMaxBatch;
      options.log_requests = false;
      server = std::make_unique<msg::RpcServer>(zmq, *db, outbox.get(),
                                                verkosto::SystemClock::Instance(), options);
      server->AddCommand<v1::RecordPingRequest, v1::RecordPingResponse>(
          [this, &insert](
              msg::Context& ctx,
              const v1::RecordPingRequest& req) -> verkosto::Result<v1::RecordPingResponse> {
            ++stats_.requests;
            insert->reset();
            insert->bind(1, req.note());
            insert->bind(2, ctx.actor().user_id);
            insert->exec();
            v1::PingRecorded event;
            event.set_service("bench");
            event.set_note(req.note());
            event.set_recorded_by(ctx.actor().user_id);
            VERKOSTO_RETURN_IF_ERROR(ctx.Emit(event));
            return v1::RecordPingResponse();
          });
      const verkosto::Status bound = server->Bind();
      if (!bound.ok()) throw std::runtime_error(bound.ToString());
      loop_.AddServer(server.get());
    } catch (...) {
      ready.set_exception(std::current_exception());
      return;
    }
    ready.set_value();
    try {
      loop_.Run();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "stack server failed: %s\n", e.what());
      std::abort();
    }
    stats_.commits = server->commits();
  }

  std::string db_path_;
  std::string endpoint_;
  std::string hint_endpoint_;
  bool temp_store_memory_;
  std::thread thread_;
  msg::ServiceLoop loop_;
  ServerStats stats_;
};

// ---------------------------------------------------------------------------
// One measurement, the table, main.

enum class Harness { kBare, kStack };

struct Measurement {
  Harness harness = Harness::kBare;
  size_t window = 0;
  double rps = 0;
  double p50_us = 0;
  double p99_us = 0;
  uint64_t completed = 0;
  uint64_t errors = 0;
  double per_commit = 0;  // requests per transaction, warm-up included
};

double Percentile(std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto n = static_cast<double>(sorted.size());
  const auto index = std::min(sorted.size() - 1, static_cast<size_t>(p * n));
  return static_cast<double>(sorted[index]) / 1000.0;
}

Measurement Measure(Harness harness, size_t window, const std::string& dir, int round,
                    const Settings& settings) {
  const std::string tag = std::string(harness == Harness::kBare ? "a" : "b") +
                          std::to_string(window) + "-" + std::to_string(round);
  const std::string db_path = dir + "/" + tag + ".db";
  const std::string endpoint = "ipc://" + dir + "/" + tag + ".sock";

  ClientResult client;
  ServerStats stats;
  zmq::context_t zmq(1);
  zmq::socket_t dealer(zmq, zmq::socket_type::dealer);
  if (harness == Harness::kBare) {
    BareServer server(db_path, endpoint);
    server.Start();
    dealer.set(zmq::sockopt::linger, 0);
    dealer.connect(endpoint);
    BareCodec codec;
    client = Drive(dealer, codec, window, settings);
    stats = server.Stop();
  } else {
    StackServer server(db_path, endpoint, "ipc://" + dir + "/" + tag + ".hint",
                       settings.temp_store_memory);
    server.Start();
    msg::ConfigureClientSocket(dealer, msg::SocketLimits{});
    dealer.connect(endpoint);
    EnvelopeCodec codec(settings.sequential_ids);
    client = Drive(dealer, codec, window, settings);
    stats = server.Stop();
  }

  Measurement m;
  m.harness = harness;
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
  return m;
}

void PrintUsage() {
  std::printf(
      "usage: rpc_bench [--seconds N] [--warmup S] [--quick] [--rounds R] [--dir PARENT] "
      "[--keep]\n"
      "  --seconds N   measured time per cell (default 3)\n"
      "  --warmup S    warm-up time per cell before measuring (default 0.5)\n"
      "  --quick       --seconds 1 --warmup 0.2\n"
      "  --rounds R    repeat the four cells R times; the table shows each cell's median\n"
      "                round by requests/s (default 1)\n"
      "  --dir PARENT  where the temporary directory goes (default /tmp); must be a real\n"
      "                disk, not tmpfs, since fsync is what is measured\n"
      "  --keep        keep the temporary directory (databases) afterwards\n"
      "  --in-flight N measure only at N in flight (for profiling)\n"
      "  --only a|b    measure only the bare harness or only the stack (for profiling)\n"
      "experiments (for the analysis in README.md; they change (b) only):\n"
      "  --random-ids         random request ids (RpcClient's before it used ascending ones)\n"
      "  --temp-store-memory  PRAGMA temp_store=MEMORY on the server's connection\n");
}

bool ParseArgs(int argc, char** argv, Settings& settings) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--seconds") {
      settings.seconds = std::stod(value());
    } else if (arg == "--warmup") {
      settings.warmup = std::stod(value());
    } else if (arg == "--quick") {
      settings.seconds = 1.0;
      settings.warmup = 0.2;
    } else if (arg == "--rounds") {
      settings.rounds = std::stoi(value());
    } else if (arg == "--dir") {
      settings.parent = value();
    } else if (arg == "--in-flight") {
      settings.windows = {std::stoul(value())};
    } else if (arg == "--only") {
      const std::string which = value();
      settings.run_bare = which == "a";
      settings.run_stack = which == "b";
      if (!settings.run_bare && !settings.run_stack) {
        throw std::invalid_argument("--only takes a or b");
      }
    } else if (arg == "--random-ids") {
      settings.sequential_ids = false;
    } else if (arg == "--temp-store-memory") {
      settings.temp_store_memory = true;
    } else if (arg == "--keep") {
      settings.keep = true;
    } else if (arg == "--help" || arg == "-h") {
      PrintUsage();
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown argument " + arg);
    }
  }
  if (settings.seconds <= 0 || settings.warmup < 0 || settings.rounds < 1) {
    throw std::invalid_argument("--seconds must be > 0, --warmup >= 0, --rounds >= 1");
  }
  return true;
}

std::string LoadAverage() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "?";
  char text[64];
  std::snprintf(text, sizeof text, "%.2f %.2f %.2f", load[0], load[1], load[2]);
  return text;
}

const char* HarnessName(Harness harness) {
  return harness == Harness::kBare ? "(a) bare ROUTER+SQLite" : "(b) RpcServer stack";
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  try {
    ParseArgs(argc, argv, settings);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rpc_bench: %s\n", e.what());
    PrintUsage();
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);

  std::string dir = settings.parent + "/vkb-XXXXXX";
  if (mkdtemp(dir.data()) == nullptr) {
    std::fprintf(stderr, "rpc_bench: cannot create a directory under %s: %s\n",
                 settings.parent.c_str(), std::strerror(errno));
    return 1;
  }
  struct statfs fs {};
  if (statfs(dir.c_str(), &fs) == 0 && (fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC)) {
    std::fprintf(stderr, "rpc_bench: %s is on tmpfs; fsync would cost nothing. Use --dir.\n",
                 dir.c_str());
    std::filesystem::remove_all(dir);
    return 1;
  }

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
      "payload %zu bytes\n",
      settings.seconds, settings.warmup, settings.rounds, dir.c_str(),
      static_cast<unsigned long>(fs.f_type), kMaxBatch, kPayloadBytes);
  std::fflush(stdout);

  // cells[harness][window index] -> one Measurement per round.
  std::vector<std::vector<std::vector<Measurement>>> cells(
      2, std::vector<std::vector<Measurement>>(settings.windows.size()));
  try {
    for (int round = 0; round < settings.rounds; ++round) {
      for (size_t w = 0; w < settings.windows.size(); ++w) {
        for (const Harness harness : {Harness::kBare, Harness::kStack}) {
          if (!(harness == Harness::kBare ? settings.run_bare : settings.run_stack)) continue;
          const Measurement m = Measure(harness, settings.windows[w], dir, round, settings);
          std::fprintf(stderr, "  round %d: %-24s in flight %2zu: %9.0f req/s\n", round + 1,
                       HarnessName(harness), m.window, m.rps);
          cells[harness == Harness::kBare ? 0 : 1][w].push_back(m);
        }
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rpc_bench: %s (directory %s kept)\n", e.what(), dir.c_str());
    return 1;
  }

  // The round with the median requests/s of each cell; nullptr for a cell not measured.
  auto median = [](std::vector<Measurement>& runs) -> const Measurement* {
    if (runs.empty()) return nullptr;
    std::sort(runs.begin(), runs.end(),
              [](const Measurement& x, const Measurement& y) { return x.rps < y.rps; });
    return &runs[runs.size() / 2];
  };

  std::printf("\n%-24s %9s %12s %10s %10s %11s %7s\n", "harness", "in flight", "requests/s",
              "p50 us", "p99 us", "req/commit", "errors");
  for (size_t w = 0; w < settings.windows.size(); ++w) {
    for (size_t h = 0; h < 2; ++h) {
      const Measurement* m = median(cells[h][w]);
      if (m == nullptr) continue;
      std::printf("%-24s %9zu %12.0f %10.0f %10.0f %11.1f %7llu\n", HarnessName(m->harness),
                  m->window, m->rps, m->p50_us, m->p99_us, m->per_commit,
                  static_cast<unsigned long long>(m->errors));
    }
  }
  std::printf("\n");
  for (size_t w = 0; w < settings.windows.size(); ++w) {
    const Measurement* a = median(cells[0][w]);
    const Measurement* b = median(cells[1][w]);
    if (a == nullptr || b == nullptr || a->rps <= 0) continue;
    std::printf("ratio b/a of requests/s at %2zu in flight: %.2f\n", settings.windows[w],
                b->rps / a->rps);
  }
  std::printf("load average at the end: %s\n", LoadAverage().c_str());

  if (settings.keep) {
    std::printf("databases kept in %s\n", dir.c_str());
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  return 0;
}
