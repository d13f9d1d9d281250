#include "bench_harness.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <linux/magic.h>
#include <spdlog/spdlog.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <stdexcept>

#include "core/clock.h"
#include "core/result.h"
#include "messaging/envelope.h"
#include "messaging/outbox.h"
#include "messaging/principal_policy.h"
#include "messaging/rpc_server.h"
#include "messaging/schema.h"
#include "messaging/socket_options.h"
#include "storage/database.h"

namespace verkosto::bench {

namespace storage = verkosto::storage;
namespace v1 = verkosto::common::v1;

namespace {

// Applies `arg` if it is one of RunSettings' flags; false for any other.
bool ParseRunFlag(const std::string& arg, const FlagValue& value, RunSettings& settings) {
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
  } else if (arg == "--keep") {
    settings.keep = true;
  } else if (arg == "--in-flight") {
    settings.windows = {std::stoul(value())};
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool ParseCommandLine(const char* program, const std::function<void()>& parse,
                      const std::function<void()>& usage) {
  try {
    parse();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", program, e.what());
    usage();
    return false;
  }
  return true;
}

void ParseFlags(int argc, char** argv, RunSettings& settings,
                const std::function<void(const std::string&, const FlagValue&)>& other) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const FlagValue value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (!ParseRunFlag(arg, value, settings)) other(arg, value);
  }
}

void PrintBenchUsage(const char* program, const char* synopsis, const char* figure,
                     const char* own) {
  std::printf(
      "usage: %s [--seconds N] [--warmup S] [--quick] [--rounds R] [--dir PARENT] [--keep] "
      "[--in-flight N] %s\n"
      "  --seconds N   measured time per cell (default 3)\n"
      "  --warmup S    warm-up time per cell before measuring (default 0.5)\n"
      "  --quick       --seconds 1 --warmup 0.2\n"
      "  --rounds R    repeat every cell R times; the table shows each cell's median\n"
      "                round by %s (default 1)\n"
      "  --dir PARENT  where the temporary directory goes (default /tmp); must be a real\n"
      "                disk, not tmpfs, since fsync is what is measured\n"
      "  --keep        keep the temporary directory (databases) afterwards\n"
      "  --in-flight N measure only at N in flight (default: 1 and 32)\n"
      "%s",
      program, synopsis, figure, own);
}

Keys GenerateKeys(bool with_consumer) {
  Keys keys;
  for (msg::KeyPair* pair : {&keys.server, &keys.client, &keys.consumer}) {
    if (pair == &keys.consumer && !with_consumer) continue;
    auto generated = msg::GenerateKeyPair();
    if (!generated.ok())
      throw std::runtime_error("no CURVE keys: " + generated.status().ToString());
    *pair = std::move(generated).value();
  }
  return keys;
}

std::shared_ptr<msg::ZapHandler> EnsureZap(zmq::context_t& zmq, const Keys& keys) {
  msg::PrincipalsByKey principals{{keys.client.public_key, std::string(msg::kGatewayPrincipal)}};
  if (!keys.consumer.public_key.empty()) {
    principals[keys.consumer.public_key] = std::string(kConsumerPrincipal);
  }
  auto zap = msg::ZapHandler::Ensure(zmq, principals);
  if (!zap.ok()) throw std::runtime_error(zap.status().ToString());
  return std::move(zap).value();
}

// ---------------------------------------------------------------------------
// Client.

EnvelopeCodec::EnvelopeCodec(bool sequential_ids, bool stamp_notes)
    : client_id_(msg::RandomId()),
      sequential_ids_(sequential_ids),
      stamp_notes_(stamp_notes),
      started_us_(verkosto::ToMicros(verkosto::SystemClock::Instance().Now())) {
  actor_.set_user_id("bench-user");
  actor_.set_display_name("Bench User");
  actor_.set_role(v1::ROLE_REGISTRY_CLERK);
  actor_.set_area("kainuu-koillismaa");
  ping_.set_note(std::string(kPayloadBytes, 'x'));
}

std::string EnvelopeCodec::Encode(uint64_t seq, std::string& key) {
  v1::RequestEnvelope envelope;
  envelope.set_protocol_version(msg::kProtocolVersion);
  envelope.set_client_id(client_id_);
  envelope.set_request_id(sequential_ids_ ? SequentialId(seq) : msg::RandomId());
  *envelope.mutable_actor() = actor_;
  envelope.set_deadline_unix_us(msg::DeadlineAfter(std::chrono::seconds(5)));
  if (stamp_notes_) ping_.set_note(SendTimeNote(Steady::now()));
  envelope.mutable_body()->PackFrom(ping_);
  key = envelope.request_id();
  return envelope.SerializeAsString();
}

bool EnvelopeCodec::Decode(const zmq::message_t& reply, std::string& key) {
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

std::string EnvelopeCodec::SequentialId(uint64_t seq) const {
  char id[33];
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(started_us_),
                static_cast<unsigned long long>(seq));
  return id;
}

std::string SendTimeNote(Steady::time_point time) {
  char note[kPayloadBytes + 1];
  std::snprintf(
      note, sizeof note, "%016llx",
      static_cast<unsigned long long>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count()));
  return note;
}

int64_t SendTimeOfNote(std::string_view note) {
  if (note.size() != kPayloadBytes) return -1;
  uint64_t ns = 0;
  const auto [end, error] = std::from_chars(note.data(), note.data() + note.size(), ns, 16);
  if (error != std::errc() || end != note.data() + note.size()) return -1;
  return static_cast<int64_t>(ns);
}

double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

ClientResult Drive(zmq::socket_t& socket, Codec& codec, size_t window, double seconds,
                   double warmup) {
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
  const auto measure_start =
      start + std::chrono::duration_cast<Steady::duration>(std::chrono::duration<double>(warmup));
  const auto measure_end = measure_start + std::chrono::duration_cast<Steady::duration>(
                                               std::chrono::duration<double>(seconds));
  result.measure_start = measure_start;
  result.measure_end = measure_end;
  result.latencies_ns.reserve(1 << 18);
  const double cpu_start = ProcessCpuSeconds();

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
      ++result.replies;
      slot->busy = false;
      --busy;
      if (now < measure_end) {
        send(*slot);
        ++busy;
      }
    }
  }
  result.seconds = seconds;
  result.cpu_seconds = ProcessCpuSeconds() - cpu_start;
  return result;
}

void ConfigureStackDealer(zmq::socket_t& dealer, const Keys* keys) {
  msg::ConfigureClientSocket(dealer, msg::SocketLimits{},
                             keys != nullptr
                                 ? msg::CurveOptions{keys->client, keys->server.public_key}
                                 : msg::CurveOptions{});
  dealer.set(zmq::sockopt::sndtimeo, 10'000);
}

// ---------------------------------------------------------------------------
// The stack.

StackServer::StackServer(std::string db_path, std::string endpoint, std::string hint_endpoint,
                         bool temp_store_memory, const Keys* keys)
    : db_path_(std::move(db_path)),
      endpoint_(std::move(endpoint)),
      hint_endpoint_(std::move(hint_endpoint)),
      temp_store_memory_(temp_store_memory),
      keys_(keys) {}

void StackServer::Start() {
  StartThread(thread_, [this](std::promise<void>& ready) { Run(ready); });
}

ServerStats StackServer::Stop() {
  loop_.Stop();
  thread_.join();
  return stats_;
}

void StackServer::Run(std::promise<void>& ready) {
  zmq::context_t zmq(1);
  std::shared_ptr<msg::ZapHandler> zap;  // with keys only; outlives the server's sockets
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<msg::Outbox> outbox;
  std::unique_ptr<SQLite::Statement> insert;
  std::unique_ptr<msg::RpcServer> server;
  SetUpAndRun(
      ready,
      [&] {
        const storage::Migration migrations[] = {
            msg::MessagingTablesMigration(),
            {2, "create_bench_pings",
             "CREATE TABLE bench_pings (id INTEGER PRIMARY KEY, note TEXT NOT NULL, "
             "recorded_by TEXT NOT NULL)"},
            msg::AuditChainMigration(3)};
        db = OpenDatabase(db_path_, migrations);
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
        if (keys_ != nullptr) {
          zap = EnsureZap(zmq, *keys_);
          options.curve = msg::CurveOptions{keys_->server, {}};
        }
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
      },
      loop_, "stack server");
  if (server != nullptr) stats_.commits = server->commits();
}

void StartThread(std::thread& thread, const std::function<void(std::promise<void>&)>& body) {
  std::promise<void> ready;
  auto started = ready.get_future();
  thread = std::thread([body, &ready] { body(ready); });  // `ready` only until set
  started.get();
}

void SetUpAndRun(std::promise<void>& ready, const std::function<void()>& setup,
                 msg::ServiceLoop& loop, const char* who) {
  try {
    setup();
  } catch (...) {
    ready.set_exception(std::current_exception());
    return;
  }
  ready.set_value();
  try {
    loop.Run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s failed: %s\n", who, e.what());
    std::abort();
  }
}

std::unique_ptr<storage::Database> OpenDatabase(const std::string& path,
                                                std::span<const storage::Migration> migrations) {
  auto opened = storage::Database::Open(path, migrations);
  if (!opened.ok()) throw std::runtime_error(opened.status().ToString());
  return std::move(opened).value();
}

// ---------------------------------------------------------------------------
// Tables.

double Percentile(const std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto n = static_cast<double>(sorted.size());
  const auto index = std::min(sorted.size() - 1, static_cast<size_t>(p * n));
  return static_cast<double>(sorted[index]) / 1000.0;
}

std::string LoadAverage() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "?";
  char text[64];
  std::snprintf(text, sizeof text, "%.2f %.2f %.2f", load[0], load[1], load[2]);
  return text;
}

void FinishRun(const RunSettings& settings, const std::string& dir) {
  std::printf("load average at the end: %s\n", LoadAverage().c_str());
  if (settings.keep) {
    std::printf("databases kept in %s\n", dir.c_str());
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
}

BenchDir MakeBenchDir(const std::string& parent) {
  BenchDir dir;
  dir.path = parent + "/vkb-XXXXXX";
  if (mkdtemp(dir.path.data()) == nullptr) {
    throw std::runtime_error("cannot create a directory under " + parent + ": " +
                             std::strerror(errno));
  }
  struct statfs fs {};
  if (statfs(dir.path.c_str(), &fs) == 0) {
    dir.fs_type = static_cast<unsigned long>(fs.f_type);
    if (fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC) {
      std::error_code ignored;
      std::filesystem::remove_all(dir.path, ignored);
      throw std::runtime_error(dir.path + " is on tmpfs; fsync would cost nothing. Use --dir.");
    }
  }
  return dir;
}

}  // namespace verkosto::bench
