#include "runtime/system_health.h"

#include "messaging/rpc_client.h"

namespace verkosto::runtime {

Result<messaging::ClientOptions> ServiceClientOptions(const config::SystemConfig& system,
                                                      const std::string& name,
                                                      std::chrono::milliseconds timeout,
                                                      const messaging::Credentials& credentials) {
  VERKOSTO_ASSIGN_OR_RETURN(config::ServiceConfig service, system.Service(name));
  messaging::ClientOptions options;
  options.endpoint = service.rpc_endpoint;
  options.timeout = timeout;
  options.initial_backoff = timeout / 4;
  options.curve = credentials.ClientOf(name);
  return options;
}

common::v1::SystemHealth CollectSystemHealth(zmq::context_t& zmq,
                                             const config::SystemConfig& system,
                                             const std::vector<std::string>& services,
                                             std::chrono::milliseconds timeout,
                                             const messaging::Credentials& credentials,
                                             const Actor& actor) {
  common::v1::SystemHealth health;
  bool all_ok = true;
  for (const std::string& name : services) {
    auto* entry = health.add_services();
    entry->set_name(name);
    auto options = ServiceClientOptions(system, name, timeout, credentials);
    if (!options.ok()) {
      entry->set_error("not configured");
      all_ok = false;
      continue;
    }
    messaging::RpcClient client(zmq, *options);
    auto answer = client.Call<common::v1::HealthResponse>(actor, common::v1::HealthRequest());
    if (!answer.ok()) {
      entry->set_error(answer.status().ToString());
      all_ok = false;
      continue;
    }
    entry->set_reachable(true);
    if (answer->status() != "ok") {
      entry->set_error(answer->status());
      all_ok = false;
    }
    *entry->mutable_health() = *answer;
  }
  health.set_status(all_ok ? "ok" : "degraded");
  return health;
}

}  // namespace verkosto::runtime
