#include "nominations/service.h"

#include "messaging/schema.h"

namespace verkosto::nominations {

const std::vector<storage::Migration>& OwnMigrations();  // generated from schema/

std::vector<storage::Migration> Migrations() {
  std::vector<storage::Migration> all = {messaging::MessagingTablesMigration()};
  const auto& own = OwnMigrations();
  all.insert(all.end(), own.begin(), own.end());
  return all;
}

Status Wire(runtime::ServiceRuntime& /*runtime*/, const config::SystemConfig& /*system*/) {
  // The backbone's built-in operations (health, diagnostics ping) are all this
  // service answers so far.
  return Status::Ok();
}

}  // namespace verkosto::nominations
