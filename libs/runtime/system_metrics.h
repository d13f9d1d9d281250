#pragma once

#include <chrono>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "config/config.h"
#include "core/actor.h"
#include "core/prometheus_text.h"
#include "messaging/curve.h"
#include "verkosto/common/v1/metrics.pb.h"

namespace verkosto::runtime {

// Asks each of `services` (names in `system`) for its MetricsResponse as
// `actor` over CURVE with `credentials`, waiting at most `timeout` for each
// (a fresh client per service, as CollectSystemHealth). A service that does
// not answer, or refuses, is in the result with reachable = false and why.
// Used by the gateway's GET /metrics (as itself).
common::v1::SystemMetrics CollectSystemMetrics(zmq::context_t& zmq,
                                               const config::SystemConfig& system,
                                               const std::vector<std::string>& services,
                                               std::chrono::milliseconds timeout,
                                               const messaging::Credentials& credentials,
                                               const Actor& actor);

// The Prometheus families of `system`, every sample labelled service="<name>":
//   verkosto_up                              1 when the service answered, else 0
//   verkosto_service_start_time_seconds      when it started (Unix seconds)
//   verkosto_rpc_requests_total{op,outcome}  requests its RPC server answered
//   verkosto_rpc_request_duration_seconds{op}  their latency (histogram)
//   verkosto_outbox_head                     its outbox's last sequence number
//   verkosto_consumer_cursor{producer}       last event applied from the producer
//   verkosto_consumer_producer_head{producer}  the producer's head it last saw
//   verkosto_consumer_lag{producer}          producer head − cursor (0 when behind)
//   verkosto_consumer_stuck{producer}        1 when it refuses to apply (epoch/head)
// and each service's own gauges (GaugeSample) under their names.
std::vector<metrics::Family> SystemMetricsFamilies(const common::v1::SystemMetrics& system);

}  // namespace verkosto::runtime
