#pragma once

// The services a test runs beside the one it tests. A test under
// tests/services/<svc>/ sees only <svc>'s headers (the include roots of
// docs/architecture.md, "Boundaries"), as the service's own code does; the
// peers it needs come from here, wired as their executables wire them.
#include <functional>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "core/status.h"
#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::testing {

// A peer's migrations and the wiring its main() runs.
struct PeerService {
  std::vector<storage::Migration> migrations;
  std::function<Status(runtime::ServiceRuntime&, const config::SystemConfig&)> wire;
};

PeerService NetworksPeer();
PeerService NominationsPeer();
// Notifications with its e-mail kept in memory (nothing is sent or written).
PeerService NotificationsPeer();

// What the peers' own timers and jobs do, for a test to run at once:
// networks::CloseExpiredNetworks and nominations::RunRetention (with the
// config's policy).
Result<size_t> CloseExpiredNetworks(runtime::ServiceRuntime& networks);
Result<size_t> RunNominationsRetention(runtime::ServiceRuntime& nominations,
                                       const config::SystemConfig& system);
// nominations::RunTimers: the reminders and overdue notices due today.
Result<size_t> RunNominationsTimers(runtime::ServiceRuntime& nominations);

// The reference data built into the networks program.
std::string_view EmbeddedEmploymentAreasCsv();
std::string_view EmbeddedMunicipalitiesCsv();

}  // namespace verkosto::testing
