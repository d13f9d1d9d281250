#include "gateway/service.h"

#include "gateway/http/http_frontend.h"
#include "messaging/schema.h"

namespace verkosto::gateway {

const std::vector<storage::Migration>& OwnMigrations();  // generated from schema/

std::vector<storage::Migration> Migrations() {
  std::vector<storage::Migration> all = {messaging::MessagingTablesMigration()};
  const auto& own = OwnMigrations();
  all.insert(all.end(), own.begin(), own.end());
  return all;
}

Status Wire(runtime::ServiceRuntime& runtime, const config::SystemConfig& system) {
  auto frontend = std::make_shared<HttpFrontend>(runtime.zmq(), system);
  VERKOSTO_RETURN_IF_ERROR(frontend->Start());
  runtime.Keep(frontend);
  return Status::Ok();
}

}  // namespace verkosto::gateway
