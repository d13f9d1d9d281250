#pragma once

#include <memory>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "gateway/handlers/account_handlers.h"
#include "gateway/http/http_frontend.h"
#include "runtime/service_runtime.h"
#include "storage/database.h"

namespace verkosto::gateway {

// Every migration of the gateway database: the messaging tables (1), then schema/.
std::vector<storage::Migration> Migrations();

// What the gateway runs with beyond the system config.
struct GatewayOptions {
  AccountSettings accounts;
  HttpAuthOptions http;
};

// The gateway's options from the system config (defaults where it says nothing).
GatewayOptions OptionsFromConfig(const config::SystemConfig& system);

// On a database without accounts: creates DemoAccounts() with kDemoPassword
// (domain/demo_accounts.h), audited. Does nothing when any account exists.
// Call on the loop's thread or before Run(). Errors: from storage.
Status CreateDemoAccounts(runtime::ServiceRuntime& runtime, const HashLimits& limits);

// Registers the account operations on the gateway's own RPC server, creates
// the demo accounts when the system runs with demo data, and starts the HTTP
// front end (kept alive by the runtime; also returned, for tests).
// Errors: unavailable when the HTTP port is taken.
Result<std::shared_ptr<HttpFrontend>> WireGateway(runtime::ServiceRuntime& runtime,
                                                  const config::SystemConfig& system,
                                                  const GatewayOptions& options);

// WireGateway with OptionsFromConfig(system): what the gateway executable runs.
Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system);

}  // namespace verkosto::gateway
