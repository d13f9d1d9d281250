#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"

namespace verkosto::runtime {

class ServiceRuntime;

// The services whose `consumes` list names `producer`: every one of them must
// have applied an event before retention may prune it.
std::vector<std::string> ConsumersOf(const config::SystemConfig& system,
                                     const std::string& producer);

// Retention of the outbox ([retention] events_days, docs/retention.md): prunes
// (Outbox::PruneThrough, which keeps the chain's anchor and records the cut
// as a ChainPruned event) every event that each of `consumers` has applied
// and that is at least `days` days old on the runtime's clock — the oldest
// events only, never past a newer one. Runs in one write transaction as the
// service itself. Returns the seq pruned through, 0 when nothing was due.
Result<uint64_t> PruneAppliedEvents(ServiceRuntime& runtime,
                                    const std::vector<std::string>& consumers, int days);

}  // namespace verkosto::runtime
