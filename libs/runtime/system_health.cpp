#include "runtime/system_health.h"

#include "messaging/rpc_client.h"

namespace verkosto::runtime {

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
    auto service = system.Service(name);
    if (!service.ok()) {
      entry->set_error("not configured");
      all_ok = false;
      continue;
    }
    messaging::ClientOptions options;
    options.endpoint = service->rpc_endpoint;
    options.timeout = timeout;
    options.initial_backoff = timeout / 4;
    options.curve = credentials.ClientOf(name);
    messaging::RpcClient client(zmq, options);
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
