#pragma once

#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::gateway {

// Every migration of the gateway database: the messaging tables (1), then schema/.
std::vector<storage::Migration> Migrations();

// Starts the HTTP front end (kept alive by the runtime) beside the gateway's
// own RPC server.
Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system);

}  // namespace verkosto::gateway
