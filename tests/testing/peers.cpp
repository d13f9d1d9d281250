#include "testing/peers.h"

#include <memory>

#include "networks/service.h"
#include "nominations/service.h"
#include "notifications/service.h"

namespace verkosto::testing {

PeerService NetworksPeer() { return {networks::Migrations(), networks::Wire}; }

PeerService NominationsPeer() { return {nominations::Migrations(), nominations::Wire}; }

PeerService NotificationsPeer() {
  auto mail = std::make_shared<notifications::InMemoryTransport>();
  return {notifications::Migrations(),
          [mail](runtime::ServiceRuntime& rt, const config::SystemConfig& system) {
            return notifications::WireWith(rt, system, mail, notifications::DeliveryOptions{});
          }};
}

Result<size_t> CloseExpiredNetworks(runtime::ServiceRuntime& networks) {
  return networks::CloseExpiredNetworks(networks);
}

Result<size_t> RunNominationsRetention(runtime::ServiceRuntime& nominations,
                                       const config::SystemConfig& system) {
  return nominations::RunRetention(nominations, nominations::RetentionPolicyOf(system));
}

Result<size_t> RunNominationsTimers(runtime::ServiceRuntime& nominations) {
  return nominations::RunTimers(nominations);
}

std::string_view EmbeddedEmploymentAreasCsv() { return networks::EmbeddedEmploymentAreasCsv(); }
std::string_view EmbeddedMunicipalitiesCsv() { return networks::EmbeddedMunicipalitiesCsv(); }

}  // namespace verkosto::testing
