#pragma once

// What rpc_bench and event_bench share: the project's command path set up as
// a service sets it up (messaging::RpcServer + Outbox on a ServiceLoop thread,
// CURVE with the context's ZapHandler admitting known keys as principals), a
// client DEALER keeping N requests in flight, and the small helpers of their
// tables. Bench-local: nothing outside bench/ uses it.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "messaging/curve.h"
#include "messaging/service_loop.h"
#include "messaging/zap_handler.h"
#include "storage/database.h"
#include "verkosto/common/v1/diagnostics.pb.h"
#include "verkosto/common/v1/envelope.pb.h"

namespace verkosto::bench {

namespace msg = verkosto::messaging;
using Steady = std::chrono::steady_clock;

constexpr size_t kMaxBatch = 512;  // the servers' drain limit, as RpcServer's default
constexpr size_t kPayloadBytes = 16;

// The service principal the event consumer's key is admitted as: a service
// may fetch events (CheckPrincipal), as nominations fetches from networks.
inline constexpr std::string_view kConsumerPrincipal = "nominations";

// The flags both benches take.
struct RunSettings {
  double seconds = 3.0;
  double warmup = 0.5;
  int rounds = 1;
  std::string parent = "/tmp";
  bool keep = false;
  std::vector<size_t> windows = {1, 32};
};

// Gives the value after a flag (std::invalid_argument when there is none).
using FlagValue = std::function<std::string()>;

// Runs `parse`; when it throws, prints "<program>: <what>" and `usage()` and
// returns false (the caller exits with 2).
bool ParseCommandLine(const char* program, const std::function<void()>& parse,
                      const std::function<void()>& usage);

// Walks argv: RunSettings' flags (--seconds, --warmup, --quick, --rounds,
// --dir, --keep, --in-flight) go to `settings`, every other one to
// `other(arg, value)`, which throws std::invalid_argument for a flag it does
// not know.
void ParseFlags(int argc, char** argv, RunSettings& settings,
                const std::function<void(const std::string&, const FlagValue&)>& other);

// --help: "usage: <program> <RunSettings' flags> <synopsis>", their lines
// (`figure` names what picks a cell's median round), then `own`: the lines
// of the program's own flags.
void PrintBenchUsage(const char* program, const char* synopsis, const char* figure,
                     const char* own);

// The CURVE keys of one run: the server's, the command client's and (for
// event_bench) the consumer's. A key pair left empty is not admitted.
struct Keys {
  msg::KeyPair server;
  msg::KeyPair client;
  msg::KeyPair consumer;
};

// Fresh keys for the server and the client, and the consumer too if asked.
// Throws std::runtime_error when libzmq cannot make CURVE keys.
Keys GenerateKeys(bool with_consumer);

// The ZAP handler for a server context: admits the client's key as the
// gateway (a principal that may carry a person's actor, as the benches do)
// and the consumer's, if any, as kConsumerPrincipal.
std::shared_ptr<msg::ZapHandler> EnsureZap(zmq::context_t& zmq, const Keys& keys);

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

// A full RequestEnvelope carrying a RecordPingRequest, built as
// RpcClient::CallRaw builds it.
class EnvelopeCodec final : public Codec {
 public:
  // `stamp_notes`: each note is the time of its encoding (SendTimeNote)
  // instead of kPayloadBytes of filler, so a consumer of the PingRecorded
  // events can tell how long each took to reach it.
  EnvelopeCodec(bool sequential_ids, bool stamp_notes = false);
  std::string Encode(uint64_t seq, std::string& key) override;
  bool Decode(const zmq::message_t& reply, std::string& key) override;

 private:
  // 32 hex digits like RandomId, but ascending: this client's start time, then `seq`.
  std::string SequentialId(uint64_t seq) const;

  std::string client_id_;
  bool sequential_ids_;
  bool stamp_notes_;
  int64_t started_us_;
  common::v1::Actor actor_;
  common::v1::RecordPingRequest ping_;
};

// `time` as a note of kPayloadBytes characters (hex nanoseconds of the steady
// clock), and back; SendTimeOfNote returns -1 for any other note.
std::string SendTimeNote(Steady::time_point time);
int64_t SendTimeOfNote(std::string_view note);

struct ClientResult {
  uint64_t completed = 0;  // successful replies received inside the measured interval
  uint64_t errors = 0;
  double seconds = 0;
  std::vector<int64_t> latencies_ns;   // of requests sent and answered inside the interval
  uint64_t replies = 0;                // every reply, warm-up and wind-down included
  double cpu_seconds = 0;              // the whole process's CPU time (all threads) meanwhile
  Steady::time_point measure_start{};  // the measured interval
  Steady::time_point measure_end{};
};

// CPU time of the whole process: client, server, ZeroMQ I/O and ZAP threads.
double ProcessCpuSeconds();

// Keeps `window` requests outstanding on `socket` for `warmup` + `seconds`,
// then waits for the last replies. Throws when no reply comes for 10 s.
ClientResult Drive(zmq::socket_t& socket, Codec& codec, size_t window, double seconds,
                   double warmup);

// A client DEALER for the stack, configured by ConfigureClientSocket as
// RpcClient configures it (with the client's keys when `keys` is not null). A
// send gives up after 10 s (instead of blocking forever on a refused handshake).
void ConfigureStackDealer(zmq::socket_t& dealer, const Keys* keys);

// ---------------------------------------------------------------------------
// The project's stack as ServiceRuntime wires a service.

struct ServerStats {
  uint64_t requests = 0;
  uint64_t commits = 0;
};

// messaging::RpcServer with an Outbox on a ServiceLoop thread, its own ZeroMQ
// context and database (messaging tables, a bench table, the audit chain
// tables), a head-hint PUB endpoint. One command, RecordPingRequest: one
// INSERT into the bench table plus ctx.Emit(PingRecorded). With `keys`, also
// its CURVE key and the context's ZapHandler (EnsureZap), as ServiceRuntime
// always does.
class StackServer {
 public:
  StackServer(std::string db_path, std::string endpoint, std::string hint_endpoint,
              bool temp_store_memory, const Keys* keys);

  // Returns once the server is bound; rethrows a setup failure.
  void Start();
  ServerStats Stop();

 private:
  void Run(std::promise<void>& ready);

  std::string db_path_;
  std::string endpoint_;
  std::string hint_endpoint_;
  bool temp_store_memory_;
  const Keys* keys_;  // null: plain
  std::thread thread_;
  msg::ServiceLoop loop_;
  ServerStats stats_;
};

// ---------------------------------------------------------------------------
// Threads and databases.

// Starts `thread` running `body`, which must set its promise once it is set up
// (or set the setup's exception). Returns then; rethrows a setup failure.
void StartThread(std::thread& thread, const std::function<void(std::promise<void>&)>& body);

// On the calling thread: runs `setup`, then `loop` until stopped. A setup
// failure goes to `ready` (and nothing runs); once set up, `ready` is set and
// a failure of the loop aborts the program, naming `who`.
void SetUpAndRun(std::promise<void>& ready, const std::function<void()>& setup,
                 msg::ServiceLoop& loop, const char* who);

// storage::Database::Open (WAL, synchronous=FULL), throwing std::runtime_error.
std::unique_ptr<storage::Database> OpenDatabase(const std::string& path,
                                                std::span<const storage::Migration> migrations);

// ---------------------------------------------------------------------------
// Tables.

// The value at `p` (0..1) of sorted nanoseconds, in microseconds; 0 when empty.
double Percentile(const std::vector<int64_t>& sorted, double p);

// The run with the median `key(run)` (sorting `runs` by it); nullptr when empty.
template <typename T, typename Key>
const T* MedianBy(std::vector<T>& runs, Key key) {
  if (runs.empty()) return nullptr;
  std::sort(runs.begin(), runs.end(), [&](const T& x, const T& y) { return key(x) < key(y); });
  return &runs[runs.size() / 2];
}

// "1.23 0.98 0.80", or "?".
std::string LoadAverage();

// The end of a run: prints the load average, removes `dir` unless --keep.
void FinishRun(const RunSettings& settings, const std::string& dir);

// Makes "<parent>/vkb-XXXXXX" and returns it with its statfs type. Throws
// std::runtime_error when it cannot, or when it is on tmpfs (fsync would cost
// nothing; the directory is removed again).
struct BenchDir {
  std::string path;
  unsigned long fs_type = 0;
};
BenchDir MakeBenchDir(const std::string& parent);

}  // namespace verkosto::bench
