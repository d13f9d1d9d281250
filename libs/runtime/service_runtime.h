#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "config/config.h"
#include "core/clock.h"
#include "core/file_util.h"
#include "core/result.h"
#include "messaging/curve.h"
#include "messaging/event_consumer.h"
#include "messaging/outbox.h"
#include "messaging/rpc_server.h"
#include "messaging/service_loop.h"
#include "messaging/zap_handler.h"
#include "runtime/chain_witness.h"
#include "storage/database.h"
#include "verkosto/common/v1/metrics.pb.h"

namespace verkosto::runtime {

// What every service process has: its database (migrated), its outbox, its
// RPC server, one consumer per producer it listens to, and the loop that
// drives them. Services add their own handlers on server() and consumer(),
// then call Run(). The built-in operations every service answers:
//   HealthRequest        -> name, version, outbox head, consumer cursors
//   RecordPingRequest    -> emits PingRecorded (diagnostics of the event path)
//   ListReceivedPingsRequest -> PingRecorded events consumed from others
//   ChainHeadsRequest    -> the heads of its audit chains (system, operator)
//   WitnessPeersRequest  -> witness the other services' heads now (operator)
//   MetricsRequest       -> request counts and latencies by operation and outcome,
//                           outbox head, consumers, the service's gauges (system,
//                           operator: the gateway's GET /metrics)
// Every `[audit] witness_interval_seconds` it asks the other configured
// services for their chain heads (on a thread of its own, PeerHeadsFetcher)
// and appends the changed ones to its chain_witnesses.
class ServiceRuntime {
 public:
  // Opens the database with `migrations` (number 1 must be the messaging
  // tables), and builds server and consumers from `system`. Nothing is bound yet.
  // A file database is locked ("<database>.lock") for the runtime's life:
  // failed_precondition when another process serves it. Every socket speaks
  // CURVE with the key "<keys_dir>/<name>.key" (runtime/credentials.h for the
  // errors), and the context gets the ZapHandler that admits the config's
  // principals only.
  static Result<std::unique_ptr<ServiceRuntime>> Create(
      zmq::context_t& zmq, const config::SystemConfig& system, const std::string& name,
      const std::vector<storage::Migration>& migrations, const Clock& clock);

  storage::Database& db() { return *db_; }
  messaging::Outbox& outbox() { return *outbox_; }
  messaging::RpcServer& server() { return *server_; }
  messaging::ServiceLoop& loop() { return loop_; }
  const config::ServiceConfig& config() const { return self_; }
  const Clock& clock() const { return clock_; }
  zmq::context_t& zmq() { return *zmq_; }
  // This service's CURVE key pair and the principals' public keys (for
  // clients it opens itself, e.g. the gateway's HTTP side).
  const messaging::Credentials& credentials() const { return credentials_; }
  // The consumer of `producer`'s stream, or null if this service does not consume it.
  messaging::EventConsumer* consumer(const std::string& producer);

  // Runs `fn` as `actor` in one IMMEDIATE transaction on the service's
  // database with its outbox, commits, and publishes the new outbox head: the
  // way start-up loads and timers change state and emit events outside a
  // request. Nothing of `fn` stays when it fails. Call on the loop's thread
  // (or before Run()).
  Status RunInTransaction(const Actor& actor, const std::string& what,
                          const std::function<Status(messaging::Context&)>& fn);

  // Adds a chained audit table of the service (besides the outbox) to what
  // ChainHeadsRequest reports, and chains its rows that have no hashes yet.
  // Call before Run(). Errors: storage errors.
  Status AddChain(const storage::ChainTable& table);

  // Adds the service's own gauges (GaugeSample) to every MetricsResponse:
  // `source` runs on the loop's thread with a read-only context on the
  // service's database when the gateway asks. Call before Run(). An error it
  // returns fails that MetricsRequest.
  using MetricsSource = std::function<Status(messaging::Context&, common::v1::MetricsResponse&)>;
  void AddMetrics(MetricsSource source) { metrics_sources_.push_back(std::move(source)); }

  // Witness rounds completed (their rows committed) since start.
  uint64_t witness_round() const { return witness_round_; }

  // Binds the server and connects the consumers. Errors: unavailable.
  Status Start();
  // Keeps `object` alive as long as the runtime (e.g. an HTTP front end whose
  // destructor stops its threads); destroyed in reverse order, before the loop.
  void Keep(std::shared_ptr<void> object) { kept_.push_back(std::move(object)); }

  // Runs the loop until Stop() or (after StopOnSignals) SIGTERM/SIGINT.
  void Run() { loop_.Run(); }
  void Stop() { loop_.Stop(); }

 private:
  ServiceRuntime(zmq::context_t& zmq, const Clock& clock) : zmq_(&zmq), clock_(clock) {}
  void RegisterBuiltins();
  // Records the rounds the fetcher finished (on the loop's thread).
  void RecordWitnessRounds();

  zmq::context_t* zmq_;
  const Clock& clock_;
  FileLock db_lock_;  // one process per database
  config::ServiceConfig self_;
  messaging::Credentials credentials_;
  std::shared_ptr<messaging::ZapHandler> zap_;  // shared by the context's servers
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<messaging::Outbox> outbox_;
  std::unique_ptr<messaging::RpcServer> server_;
  std::map<std::string, std::unique_ptr<messaging::EventConsumer>> consumers_;
  messaging::ServiceLoop loop_;
  int64_t started_us_ = 0;
  std::vector<storage::ChainTable> chains_;  // besides the outbox
  std::unique_ptr<PeerHeadsFetcher> witness_;
  uint64_t witness_round_ = 0;
  std::vector<MetricsSource> metrics_sources_;
  std::vector<std::shared_ptr<void>> kept_;  // last member: destroyed first
};

// The body of every service's main(): parses `--config FILE` (and --help),
// sets up logging, creates the runtime, lets `wire` register the service's
// handlers (it also gets the whole system config), starts, runs until SIGTERM/SIGINT, and returns
// the exit code. Start-up errors are logged and give a non-zero exit.
int RunServiceMain(int argc, char** argv, const std::string& name, const std::string& summary,
                   const std::vector<storage::Migration>& migrations,
                   const std::function<Status(ServiceRuntime&, const config::SystemConfig&)>& wire);

}  // namespace verkosto::runtime
