#include "runtime/service_runtime.h"

#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <utility>

#include "core/metrics.h"
#include "logging/logging.h"
#include "messaging/envelope.h"
#include "messaging/schema.h"
#include "runtime/credentials.h"
#include "runtime/outbox_retention.h"
#include "verkosto/common/v1/chain.pb.h"
#include "verkosto/common/v1/diagnostics.pb.h"
#include "verkosto/common/v1/health.pb.h"
#include "verkosto/common/v1/metrics.pb.h"

namespace verkosto::runtime {

namespace {
constexpr char kVersion[] = "0.1.0";
}

Result<std::unique_ptr<ServiceRuntime>> ServiceRuntime::Create(
    zmq::context_t& zmq, const config::SystemConfig& system, const std::string& name,
    const std::vector<storage::Migration>& migrations, const Clock& clock) {
  VERKOSTO_ASSIGN_OR_RETURN(config::ServiceConfig self, system.Service(name));
  std::unique_ptr<ServiceRuntime> rt(new ServiceRuntime(zmq, clock));
  rt->self_ = self;
  if (self.database != ":memory:") {
    VERKOSTO_RETURN_IF_ERROR(
        FileLock::Acquire(self.database + ".lock", "database " + self.database, &rt->db_lock_));
  }
  VERKOSTO_ASSIGN_OR_RETURN(rt->db_, storage::Database::Open(self.database, migrations));
  VERKOSTO_ASSIGN_OR_RETURN(rt->outbox_, messaging::Outbox::Open(rt->db_->sqlite(), name));
  // Identity is a property of the transport: this service's key, and a ZAP
  // handler on the context (before any server socket exists) that admits
  // the configured principals' keys only.
  VERKOSTO_ASSIGN_OR_RETURN(rt->credentials_, LoadCredentials(system, name));
  VERKOSTO_ASSIGN_OR_RETURN(rt->zap_, messaging::ZapHandler::Ensure(zmq, rt->credentials_.ByKey()));
  messaging::ServerOptions options;
  options.service_name = name;
  options.bind_endpoint = self.rpc_endpoint;
  options.hint_endpoint = self.hint_endpoint;
  options.curve = rt->credentials_.Server();
  rt->server_ =
      std::make_unique<messaging::RpcServer>(zmq, *rt->db_, rt->outbox_.get(), clock, options);
  rt->loop_.AddServer(rt->server_.get());
  for (const std::string& producer : self.consumes) {
    VERKOSTO_ASSIGN_OR_RETURN(config::ServiceConfig source, system.Service(producer));
    messaging::ConsumerOptions co;
    co.producer = producer;
    co.endpoint = source.rpc_endpoint;
    co.hint_endpoint = source.hint_endpoint;
    co.consumer_name = name;
    co.poll_interval = std::chrono::milliseconds(self.poll_interval_ms);
    co.curve = rt->credentials_.ClientOf(producer);
    auto consumer =
        std::make_unique<messaging::EventConsumer>(zmq, *rt->db_, rt->outbox_.get(), clock, co);
    consumer->set_after_commit([server = rt->server_.get()] { server->PublishHeadIfMoved(); });
    rt->loop_.AddConsumer(consumer.get());
    rt->consumers_[producer] = std::move(consumer);
  }
  rt->started_us_ = ToMicros(clock.Now());
  // Witnesses: every other configured service is a peer.
  std::vector<PeerHeadsFetcher::Peer> peers;
  for (const auto& [peer_name, peer] : system.services) {
    if (peer_name == name) continue;
    messaging::ClientOptions client;
    client.endpoint = peer.rpc_endpoint;
    client.client_id = name + "-witness";
    client.timeout = std::chrono::milliseconds(3000);
    client.curve = rt->credentials_.ClientOf(peer_name);
    peers.push_back(PeerHeadsFetcher::Peer{peer_name, client});
  }
  if (!peers.empty()) {
    rt->witness_ = std::make_unique<PeerHeadsFetcher>(
        zmq, std::move(peers), Actor{name, name, Role::kSystem, AreaCode(""), "", "", name});
    rt->loop_.AddReadable(rt->witness_->fd(),
                          [runtime = rt.get()] { runtime->RecordWitnessRounds(); });
    // Not at start (the others may be starting too): first after one interval.
    rt->loop_.AddPeriodic(std::chrono::seconds(system.witness_interval_seconds),
                          [witness = rt->witness_.get(), first = true]() mutable {
                            if (std::exchange(first, false)) return;
                            witness->Request();
                          });
  }
  rt->RegisterBuiltins();
  // Stored replies only serve retries, which come within seconds.
  rt->loop_.AddPeriodic(std::chrono::hours(1), [server = rt->server_.get()] {
    auto pruned = server->PruneStoredReplies(messaging::TransportNow() - std::chrono::hours(24));
    if (!pruned.ok()) spdlog::warn("pruning stored replies: {}", pruned.status().ToString());
  });
  // Retention of the outbox: events every consumer has applied, once
  // [retention] events_days old (docs/retention.md).
  rt->loop_.AddPeriodic(std::chrono::hours(1),
                        [runtime = rt.get(), consumers = ConsumersOf(system, name),
                         days = system.retention.events_days] {
                          auto pruned = PruneAppliedEvents(*runtime, consumers, days);
                          if (!pruned.ok()) {
                            spdlog::warn("outbox retention: {}", pruned.status().ToString());
                          } else if (*pruned > 0) {
                            spdlog::info("outbox retention: events through {} pruned", *pruned);
                          }
                        });
  return rt;
}

messaging::EventConsumer* ServiceRuntime::consumer(const std::string& producer) {
  const auto it = consumers_.find(producer);
  return it == consumers_.end() ? nullptr : it->second.get();
}

Status ServiceRuntime::RunInTransaction(const Actor& actor, const std::string& what,
                                        const std::function<Status(messaging::Context&)>& fn) {
  Actor self_actor = actor;
  self_actor.principal = self_.name;  // in-process work: the service itself
  Status status = storage::Guard([&]() -> Status {
    storage::WriteTransaction tx(db_->sqlite());
    messaging::Context ctx(db_->sqlite(), outbox_.get(), self_actor, what, clock_.Now());
    VERKOSTO_RETURN_IF_ERROR(fn(ctx));
    return tx.Commit();
  });
  if (status.ok()) server_->PublishHeadIfMoved();
  return status;
}

Status ServiceRuntime::AddChain(const storage::ChainTable& table) {
  VERKOSTO_RETURN_IF_ERROR(storage::Guard([&]() -> Status {
    storage::WriteTransaction tx(db_->sqlite());
    storage::ChainWriter chain(db_->sqlite(), table);
    VERKOSTO_ASSIGN_OR_RETURN(int64_t filled, chain.Backfill());
    if (filled > 0) spdlog::info("chained {} earlier rows of {}", filled, table.table);
    return tx.Commit();
  }));
  chains_.push_back(table);
  return Status::Ok();
}

void ServiceRuntime::RecordWitnessRounds() {
  for (auto& done : witness_->Take()) {
    const uint64_t round = done.first;
    const std::vector<PeerHeads>& answers = done.second;
    int added = 0;
    Status status = storage::Guard([&]() -> Status {
      storage::WriteTransaction tx(db_->sqlite());
      VERKOSTO_ASSIGN_OR_RETURN(added, RecordWitnesses(db_->sqlite(), answers, clock_.Now()));
      return tx.Commit();
    });
    if (!status.ok()) {
      spdlog::warn("witness round {}: {}", round, status.ToString());
    } else if (added > 0) {
      spdlog::info("witness round {}: recorded {} changed chain heads", round, added);
    }
    witness_round_ = round;
  }
}

Status ServiceRuntime::Start() {
  VERKOSTO_RETURN_IF_ERROR(server_->Bind());
  for (auto& [producer, consumer] : consumers_) VERKOSTO_RETURN_IF_ERROR(consumer->Connect());
  return Status::Ok();
}

void ServiceRuntime::RegisterBuiltins() {
  using namespace common::v1;  // NOLINT(google-build-using-namespace)
  server_->AddQuery<HealthRequest, HealthResponse>(
      [this](messaging::Context&, const HealthRequest&) {
        HealthResponse health;
        health.set_service(self_.name);
        health.set_version(kVersion);
        health.set_epoch(outbox_->epoch());
        health.set_outbox_head(outbox_->Head());
        health.set_started_unix_us(started_us_);
        std::string status = "ok";
        for (const auto& [producer, consumer] : consumers_) {
          *health.add_consumers() = consumer->status();
          if (!consumer->status().error().empty()) status = "degraded: " + producer + " stream";
        }
        health.set_status(status);
        return Result<HealthResponse>(health);
      });

  // Metrics: for the gateway's GET /metrics (as itself) and the operator.
  server_->AddQuery<MetricsRequest, MetricsResponse>(
      [this](messaging::Context& ctx, const MetricsRequest&) -> Result<MetricsResponse> {
        if (ctx.actor().role != verkosto::Role::kOperator &&
            ctx.actor().role != verkosto::Role::kSystem) {
          return Status::PermissionDenied("actor", "metrics are for the gateway and the operator");
        }
        MetricsResponse response;
        response.set_service(self_.name);
        response.set_started_unix_us(started_us_);
        for (const double bound : metrics::LatencyBounds()) {
          response.add_latency_bounds_seconds(bound);
        }
        const metrics::RequestMetrics::Snapshot requests = server_->request_metrics().Take();
        for (const metrics::RequestMetrics::Count& count : requests.counts) {
          RequestCount* out = response.add_requests();
          out->set_operation(count.operation);
          out->set_outcome(count.outcome);
          out->set_count(count.count);
        }
        for (const metrics::RequestMetrics::Latency& latency : requests.latencies) {
          LatencyHistogram* out = response.add_latencies();
          out->set_operation(latency.operation);
          for (const uint64_t n : latency.histogram.cumulative) out->add_cumulative(n);
          out->set_count(latency.histogram.count);
          out->set_sum_seconds(latency.histogram.sum);
        }
        response.set_outbox_head(outbox_->Head());
        for (const auto& [producer, consumer] : consumers_) {
          *response.add_consumers() = consumer->status();
        }
        for (const MetricsSource& source : metrics_sources_) {
          VERKOSTO_RETURN_IF_ERROR(source(ctx, response));
        }
        return response;
      });

  // Chain heads: for the other services (witnesses) and the operator.
  server_->AddQuery<ChainHeadsRequest, ChainHeadsResponse>(
      [this](messaging::Context& ctx, const ChainHeadsRequest&) -> Result<ChainHeadsResponse> {
        if (ctx.actor().role != verkosto::Role::kOperator &&
            ctx.actor().role != verkosto::Role::kSystem) {
          return Status::PermissionDenied("actor",
                                          "chain heads are for the services and the operator");
        }
        ChainHeadsResponse response;
        response.set_service(self_.name);
        response.set_epoch(outbox_->epoch());
        response.set_witness_round(witness_round_);
        VERKOSTO_ASSIGN_OR_RETURN(storage::ChainHead outbox_head, outbox_->ChainHead());
        auto* head = response.add_heads();
        head->set_chain(messaging::OutboxChainTable().chain);
        head->set_seq(static_cast<uint64_t>(outbox_head.key));
        head->set_hash(outbox_head.hash);
        for (const storage::ChainTable& table : chains_) {
          storage::ChainWriter chain(ctx.db(), table);
          VERKOSTO_ASSIGN_OR_RETURN(storage::ChainHead h, chain.Head());
          head = response.add_heads();
          head->set_chain(table.chain);
          head->set_seq(static_cast<uint64_t>(h.key));
          head->set_hash(h.hash);
        }
        return response;
      });
  server_->AddCommand<WitnessPeersRequest, WitnessPeersResponse>(
      [this](messaging::Context& ctx, const WitnessPeersRequest&) -> Result<WitnessPeersResponse> {
        if (ctx.actor().role != verkosto::Role::kOperator) {
          return Status::PermissionDenied("actor", "witnessing is the operator's");
        }
        WitnessPeersResponse response;
        response.set_round(witness_ ? witness_->Request() : witness_round_);
        return response;
      });

  // Diagnostics belong to the operator (and to services' own tools).
  auto diagnostics_allowed = [](const verkosto::Actor& actor) -> Status {
    if (actor.role == verkosto::Role::kOperator || actor.role == verkosto::Role::kSystem) {
      return Status::Ok();
    }
    return Status::PermissionDenied("actor", "diagnostics are for the operator, not role '" +
                                                 std::string(RoleName(actor.role)) + "'");
  };
  server_->AddCommand<RecordPingRequest, RecordPingResponse>(
      [this, diagnostics_allowed](messaging::Context& ctx,
                                  const RecordPingRequest& req) -> Result<RecordPingResponse> {
        VERKOSTO_RETURN_IF_ERROR(diagnostics_allowed(ctx.actor()));
        if (req.note().size() > 200) return Status::InvalidArgument("note", "at most 200 bytes");
        PingRecorded event;
        event.set_service(self_.name);
        event.set_note(req.note());
        event.set_recorded_by(ctx.actor().user_id);
        VERKOSTO_RETURN_IF_ERROR(ctx.Emit(event));
        RecordPingResponse response;
        response.set_event_seq(outbox_->Head());
        return response;
      });

  server_->AddQuery<ListReceivedPingsRequest, ListReceivedPingsResponse>(
      [diagnostics_allowed](messaging::Context& ctx,
                            const ListReceivedPingsRequest&) -> Result<ListReceivedPingsResponse> {
        VERKOSTO_RETURN_IF_ERROR(diagnostics_allowed(ctx.actor()));
        ListReceivedPingsResponse response;
        SQLite::Statement q(ctx.db(),
                            "SELECT producer, event_seq, note, applied_count FROM received_pings "
                            "ORDER BY producer, event_seq");
        while (q.executeStep()) {
          auto* ping = response.add_pings();
          ping->set_producer(q.getColumn(0).getString());
          ping->set_event_seq(static_cast<uint64_t>(q.getColumn(1).getInt64()));
          ping->set_note(q.getColumn(2).getString());
          ping->set_applied_count(static_cast<uint32_t>(q.getColumn(3).getInt()));
        }
        return response;
      });

  for (auto& [producer, consumer] : consumers_) {
    consumer->On<PingRecorded>(
        [producer = producer](messaging::Context& ctx, const PingRecorded& ping) {
          // applied_count counts re-applications, which the cursor must prevent.
          SQLite::Statement up(
              ctx.db(),
              "INSERT INTO received_pings (producer, event_seq, note) VALUES (?, ?, ?) "
              "ON CONFLICT DO UPDATE SET applied_count = applied_count + 1");
          const std::string& id = ctx.request_id();  // "<producer>:<seq>"
          up.bind(1, producer);
          up.bind(2, static_cast<int64_t>(std::stoull(id.substr(id.rfind(':') + 1))));
          up.bind(3, ping.note());
          up.exec();
          return Status::Ok();
        });
  }
}

int RunServiceMain(
    int argc, char** argv, const std::string& name, const std::string& summary,
    const std::vector<storage::Migration>& migrations,
    const std::function<Status(ServiceRuntime&, const config::SystemConfig&)>& wire) {
  CLI::App app{summary, name};
  std::string config_path;
  app.add_option("--config", config_path, "System configuration file (TOML)")
      ->required()
      ->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  // Databases, keys, e-mail files: the owner's alone, whatever the caller's umask.
  RestrictNewFilesToOwner();

  // Block SIGTERM/SIGINT before any thread exists (libzmq starts its own), so
  // they reach only the loop's signalfd and the service stops cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // Under `verkosto up`, stop (SIGTERM, to the signalfd) when the supervisor
  // dies, even by kill -9, so no orphan keeps serving its database.
  if (const char* supervisor = std::getenv("VERKOSTO_SUPERVISOR_PID")) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (std::to_string(getppid()) != supervisor) {
      std::fprintf(stderr, "%s: the supervisor is gone; not starting\n", name.c_str());
      return 1;
    }
  }

  auto system = config::LoadSystemConfig(config_path);
  if (!system.ok()) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), system.status().ToString().c_str());
    return 2;
  }
  auto self = system->Service(name);
  if (!self.ok()) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), self.status().ToString().c_str());
    return 2;
  }
  if (Status st = logging::Init(name, self->log_level); !st.ok()) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), st.ToString().c_str());
    return 2;
  }
  // Business time; `[clock] offset_days` moves it only in tests.
  std::unique_ptr<Clock> shifted;
  if (system->clock_offset_days != 0) {
    shifted = std::make_unique<OffsetClock>(std::chrono::hours(24) * system->clock_offset_days);
    spdlog::warn("the clock runs {} days ahead ([clock] offset_days, a test setting)",
                 system->clock_offset_days);
  }
  const Clock& clock = shifted ? *shifted : SystemClock::Instance();
  try {
    zmq::context_t zmq;
    auto rt = ServiceRuntime::Create(zmq, *system, name, migrations, clock);
    if (!rt.ok()) {
      spdlog::critical("cannot start: {}", rt.status().ToString());
      return 1;
    }
    (*rt)->loop().StopOnSignals();
    if (Status st = wire(**rt, *system); !st.ok()) {
      spdlog::critical("cannot start: {}", st.ToString());
      return 1;
    }
    if (Status st = (*rt)->Start(); !st.ok()) {
      spdlog::critical("cannot start: {}", st.ToString());
      return 1;
    }
    spdlog::info("serving on {} (database {})", (*rt)->server().endpoint(), self->database);
    (*rt)->Run();
    spdlog::info("stopped");
  } catch (const std::exception& e) {
    spdlog::critical("fatal: {}", e.what());
    return 1;
  }
  return 0;
}

}  // namespace verkosto::runtime
