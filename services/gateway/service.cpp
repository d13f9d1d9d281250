#include "gateway/service.h"

#include "gateway/auth/credentials.h"
#include "messaging/schema.h"

namespace verkosto::gateway {

const std::vector<storage::Migration>& OwnMigrations();  // generated from schema/

std::vector<storage::Migration> Migrations() {
  std::vector<storage::Migration> all = {messaging::MessagingTablesMigration()};
  const auto& own = OwnMigrations();
  all.insert(all.end(), own.begin(), own.end());
  return all;
}

GatewayOptions OptionsFromConfig(const config::SystemConfig& /*system*/) {
  GatewayOptions options;
  options.http.policy = options.accounts.policy;
  return options;
}

Result<std::shared_ptr<HttpFrontend>> WireGateway(runtime::ServiceRuntime& runtime,
                                                  const config::SystemConfig& system,
                                                  const GatewayOptions& options) {
  VERKOSTO_RETURN_IF_ERROR(InitCrypto());
  RegisterAccountHandlers(runtime.server(), options.accounts);
  HttpAuthOptions http = options.http;
  http.policy = options.accounts.policy;
  auto frontend = std::make_shared<HttpFrontend>(runtime.zmq(), system, runtime.clock(), http);
  VERKOSTO_RETURN_IF_ERROR(frontend->Start());
  runtime.Keep(frontend);
  return frontend;
}

Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system) {
  return WireGateway(runtime, system, OptionsFromConfig(system)).status();
}

}  // namespace verkosto::gateway
