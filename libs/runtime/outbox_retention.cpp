#include "runtime/outbox_retention.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <chrono>

#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::runtime {

std::vector<std::string> ConsumersOf(const config::SystemConfig& system,
                                     const std::string& producer) {
  std::vector<std::string> consumers;
  for (const auto& [name, service] : system.services) {
    if (std::find(service.consumes.begin(), service.consumes.end(), producer) !=
        service.consumes.end()) {
      consumers.push_back(name);
    }
  }
  return consumers;
}

Result<uint64_t> PruneAppliedEvents(ServiceRuntime& runtime,
                                    const std::vector<std::string>& consumers, int days) {
  const std::string& name = runtime.config().name;
  const Actor self{name, name, Role::kSystem, AreaCode(""), "", "", name};
  uint64_t pruned = 0;
  Status status = runtime.RunInTransaction(self, "outbox retention", [&](messaging::Context& ctx) {
    pruned = 0;
    messaging::Outbox& outbox = runtime.outbox();
    uint64_t through = outbox.Head();
    if (!consumers.empty()) {
      VERKOSTO_ASSIGN_OR_RETURN(through, outbox.ReadByAll(consumers));
    }
    const int64_t cutoff_us =
        ToMicros(ctx.now() - std::chrono::hours(24) * static_cast<int64_t>(days));
    uint64_t anchor = 0;
    Status read = storage::Guard([&]() -> Status {
      // The oldest events only: stop before the first one younger than the cutoff.
      SQLite::Statement young(ctx.db(), "SELECT MIN(seq) FROM outbox WHERE occurred_us > ?");
      young.bind(1, cutoff_us);
      if (young.executeStep() && !young.getColumn(0).isNull()) {
        through = std::min(through, static_cast<uint64_t>(young.getColumn(0).getInt64()) - 1);
      }
      SQLite::Statement cut(ctx.db(), "SELECT COALESCE(MIN(seq), 0) FROM outbox");
      if (cut.executeStep()) anchor = static_cast<uint64_t>(cut.getColumn(0).getInt64());
      return Status::Ok();
    });
    VERKOSTO_RETURN_IF_ERROR(read);
    // Nothing older than what is already gone: no new cut (and no new event).
    if (anchor == 0 || through < anchor) return Status::Ok();
    VERKOSTO_RETURN_IF_ERROR(outbox.PruneThrough(through, ctx.now()).status());
    pruned = through;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return pruned;
}

}  // namespace verkosto::runtime
