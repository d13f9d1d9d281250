#pragma once

#include <vector>

#include "core/status.h"
#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::nominations {

// Every migration of the nominations database: the messaging tables (1), then schema/.
std::vector<storage::Migration> Migrations();

// Registers the nominations handlers and event appliers on the runtime.
Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system);

}  // namespace verkosto::nominations
