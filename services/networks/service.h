#pragma once

#include <vector>

#include "core/status.h"
#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::networks {

// Every migration of the networks database: the messaging tables (1), then schema/.
std::vector<storage::Migration> Migrations();

// Registers the networks handlers and event appliers on the runtime.
Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system);

}  // namespace verkosto::networks
