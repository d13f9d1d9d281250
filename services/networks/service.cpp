#include "networks/service.h"

#include <spdlog/spdlog.h>

#include "networks/codec/codec.h"
#include "networks/domain/demo_networks.h"
#include "networks/handlers/network_handlers.h"
#include "networks/storage/sqlite_network_repository.h"

namespace verkosto::networks {

namespace {

constexpr char kEmploymentAreasCsv[] = {
#include "employment_areas.csv.inc"
};
constexpr char kMunicipalitiesCsv[] = {
#include "municipalities.csv.inc"
};
constexpr char kKehaNetworksCsv[] = {
#include "keha_networks.csv.inc"
};

// The invented KEHA coordinator who owns the demo catalogue.
Actor DemoCoordinator() {
  return Actor{"demo-keha", "Demo KEHA-koordinaattori", Role::kKehaCoordinator, {}, {}, {}};
}

Status LoadDemoCatalogue(messaging::Context& ctx, NetworkRepository& repo) {
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<DemoNetwork> demo,
                            ParseDemoNetworks(EmbeddedKehaNetworksCsv(), HelsinkiDate(ctx.now())));
  const Actor keha = DemoCoordinator();
  for (const DemoNetwork& item : demo) {
    VERKOSTO_ASSIGN_OR_RETURN(NetworkUpdate created,
                              CreateNetwork(item.definition, keha, ctx.now()));
    VERKOSTO_RETURN_IF_ERROR(repo.InsertNetwork(created.network));
    VERKOSTO_RETURN_IF_ERROR(ctx.EmitAll(created.events, codec::ToProto));
    if (item.status != NetworkStatus::kProposed) continue;
    VERKOSTO_ASSIGN_OR_RETURN(NetworkUpdate proposed,
                              ProposeNetwork(created.network, keha, ctx.now()));
    VERKOSTO_RETURN_IF_ERROR(repo.UpdateNetwork(proposed.network));
    VERKOSTO_RETURN_IF_ERROR(ctx.EmitAll(proposed.events, codec::ToProto));
  }
  spdlog::info("demo catalogue: {} networks created", demo.size());
  return Status::Ok();
}

Status CloseExpired(messaging::Context& ctx, NetworkRepository& repo, size_t* closed) {
  VERKOSTO_ASSIGN_OR_RETURN(std::vector<Network> networks,
                            repo.ListOpenEndedBefore(FormatIsoDate(HelsinkiDate(ctx.now()))));
  for (const NetworkUpdate& update : networks::CloseExpired(networks, ctx.now())) {
    VERKOSTO_RETURN_IF_ERROR(repo.UpdateNetwork(update.network));
    for (const NetworkEvent& event : update.events) {
      VERKOSTO_RETURN_IF_ERROR(AppendVersionOf(repo, update.network.code(), event));
    }
    VERKOSTO_RETURN_IF_ERROR(ctx.EmitAll(update.events, codec::ToProto));
    spdlog::info(
        "network {}: its term ended; {}", update.network.code().value(),
        update.network.status == NetworkStatus::kOpen ? "the renewed term started" : "closed");
    ++*closed;
  }
  return Status::Ok();
}

}  // namespace

std::string_view EmbeddedEmploymentAreasCsv() { return kEmploymentAreasCsv; }
std::string_view EmbeddedMunicipalitiesCsv() { return kMunicipalitiesCsv; }
std::string_view EmbeddedKehaNetworksCsv() { return kKehaNetworksCsv; }

Status Bootstrap(runtime::ServiceRuntime& runtime, bool demo_data) {
  return runtime.RunInTransaction(SystemActor(), "bootstrap", [&](messaging::Context& ctx) {
    SqliteNetworkRepository repo(ctx.db());
    VERKOSTO_ASSIGN_OR_RETURN(std::shared_ptr<const AreaDirectory> current_ptr,
                              repo.LoadDirectory());
    const AreaDirectory& current = *current_ptr;
    if (current.areas.empty()) {
      VERKOSTO_ASSIGN_OR_RETURN(
          AreaDirectoryUpdate loaded,
          LoadReferenceData(current, EmbeddedEmploymentAreasCsv(), EmbeddedMunicipalitiesCsv(),
                            ctx.actor(), ctx.now()));
      VERKOSTO_RETURN_IF_ERROR(repo.SaveDirectory(loaded.directory));
      for (const AreaDirectoryChanged& e : loaded.events) {
        VERKOSTO_RETURN_IF_ERROR(ctx.Emit(*codec::ToProto(e, loaded.directory)));
      }
      spdlog::info("reference data loaded: {} areas, {} municipalities",
                   loaded.directory.areas.size(), loaded.directory.municipalities.size());
    }
    if (demo_data) {
      VERKOSTO_ASSIGN_OR_RETURN(bool any, repo.AnyNetwork());
      if (!any) VERKOSTO_RETURN_IF_ERROR(LoadDemoCatalogue(ctx, repo));
    }
    size_t closed = 0;
    return CloseExpired(ctx, repo, &closed);
  });
}

Result<size_t> CloseExpiredNetworks(runtime::ServiceRuntime& runtime) {
  size_t closed = 0;
  Status status = runtime.RunInTransaction(SystemActor(), "term-end", [&](messaging::Context& ctx) {
    SqliteNetworkRepository repo(ctx.db());
    return CloseExpired(ctx, repo, &closed);
  });
  if (!status.ok()) return status;
  return closed;
}

Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system) {
  RegisterNetworkHandlers(runtime.server());
  VERKOSTO_RETURN_IF_ERROR(Bootstrap(runtime, system.demo_data));
  runtime.loop().AddPeriodic(std::chrono::minutes(1), [&runtime] {
    auto closed = CloseExpiredNetworks(runtime);
    if (!closed.ok()) spdlog::error("term-end check: {}", closed.status().ToString());
  });
  return Status::Ok();
}

}  // namespace verkosto::networks
