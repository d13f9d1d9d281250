#pragma once

// The drills' view of the services as the operator has it (health over the
// operator key): waiting until every consumer has applied its producer's head.
#include <string>
#include <vector>

#include "config/config.h"
#include "integration_support.h"
#include "testing/keys.h"

namespace verkosto::drills {

// Waits (health round trips, no timers) until every service answers and
// every consumer's cursor has reached its producer's outbox head; false with
// the last gap in `why` when `timeout` passes with no cursor moving (a
// consumer still catching up after a long load keeps the wait going).
inline bool WaitForConvergence(zmq::context_t& zmq, const config::SystemConfig& system,
                               std::chrono::milliseconds timeout, std::string* why) {
  auto give_up = integration::Steady::now() + timeout;
  uint64_t applied = 0;  // the sum of every consumer's cursor: grows while they catch up
  while (integration::Steady::now() < give_up) {
    std::map<std::string, common::v1::HealthResponse> health;
    bool answered = true;
    for (const std::string& name : config::ServiceNames()) {
      auto reply = integration::Health(zmq, system.services.at(name).rpc_endpoint,
                                       std::chrono::milliseconds(5000),
                                       testing::CurveFor(system, name, integration::TestActor()));
      if (!reply.ok()) {
        *why = name + " does not answer: " + reply.status().ToString();
        answered = false;
        break;
      }
      health[name] = *reply;
    }
    if (!answered) continue;
    bool behind = false;
    uint64_t now_applied = 0;
    for (const auto& [name, reply] : health) {
      for (const auto& consumer : reply.consumers()) {
        now_applied += consumer.cursor();
        const auto producer = health.find(consumer.producer());
        if (producer == health.end()) continue;
        if (consumer.cursor() < producer->second.outbox_head()) {
          *why = name + " is at " + std::to_string(consumer.cursor()) + " of " +
                 consumer.producer() + "'s " + std::to_string(producer->second.outbox_head());
          behind = true;
        }
      }
    }
    if (!behind) return true;
    if (now_applied > applied) {
      applied = now_applied;
      give_up = integration::Steady::now() + timeout;
    }
  }
  return false;
}

}  // namespace verkosto::drills
