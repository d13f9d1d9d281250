#pragma once

#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::networks {

// Every migration of the networks database: the messaging tables (1), then schema/.
std::vector<storage::Migration> Migrations();

// The reference data built into the program (data/reference/*.csv).
std::string_view EmbeddedEmploymentAreasCsv();
std::string_view EmbeddedMunicipalitiesCsv();
std::string_view EmbeddedKehaNetworksCsv();

// Brings a new database to a usable state, all as the system actor in one
// transaction with its events: loads the embedded reference data when the
// directory is empty, and with `demo_data` creates the demo catalogue (as an
// invented KEHA coordinator) when there are no networks yet. Then closes every
// open network whose term has ended (so a service that was down misses no
// term end). Idempotent.
Status Bootstrap(runtime::ServiceRuntime& runtime, bool demo_data);

// Closes open networks whose term end date has passed (Helsinki date of the
// runtime's clock), emitting NetworkClosed. Returns how many closed.
Result<size_t> CloseExpiredNetworks(runtime::ServiceRuntime& runtime);

// Registers the networks handlers, runs Bootstrap, and schedules the term-end
// check every minute.
Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system);

}  // namespace verkosto::networks
