#include "testing/keys.h"

#include <gtest/gtest.h>

#include "runtime/credentials.h"

namespace verkosto::testing {

bool ProvisionKeys(config::SystemConfig& system) {
  auto keys = runtime::InitKeys(system.keys_dir, runtime::LocalPrincipals());
  EXPECT_TRUE(keys.ok()) << keys.status().ToString();
  if (!keys.ok()) return false;
  system.principals = *keys;
  return true;
}

void SetExamplePrincipals(config::SystemConfig& system) {
  // The server public key of ZeroMQ's CURVE documentation (zmq_curve(7)).
  constexpr char kExampleKey[] = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
  for (const std::string& name : config::RequiredPrincipals(system)) {
    system.principals[name] = kExampleKey;
  }
}

messaging::CurveOptions CurveFor(const config::SystemConfig& system, const std::string& service,
                                 const Actor& actor) {
  std::string principal = "gateway";
  if (actor.role == Role::kOperator) principal = "operator";
  if (actor.role == Role::kSystem && actor.user_id != "gateway") principal = actor.user_id;
  auto credentials = runtime::LoadCredentials(system, principal);
  EXPECT_TRUE(credentials.ok()) << principal << ": " << credentials.status().ToString();
  return credentials.ok() ? credentials->ClientOf(service) : messaging::CurveOptions{};
}

Actor TestOperator(const std::string& name) {
  Actor actor;
  actor.user_id = "operator:" + name;
  actor.display_name = name + " (operator)";
  actor.role = Role::kOperator;
  return actor;
}

}  // namespace verkosto::testing
