#pragma once

#include <vector>

#include "core/status.h"
#include "messaging/context.h"
#include "messaging/rpc_server.h"
#include "nominations/domain/case_acts.h"
#include "nominations/domain/events.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::nominations {

// Records the acts of `events` in the case's history (case_acts) and emits
// the events to the outbox, in the same transaction: every place that emits
// nominations events goes through here, so the history has every act.
Status RecordAndEmit(messaging::Context& ctx, const std::vector<Event>& events);

// ListCaseHistory: a case's acts, a page at a time, oldest first.
void RegisterCaseHistoryHandlers(messaging::RpcServer& server);

// One act as ListCaseHistory answers it (the records export reuses it).
v1::CaseAct ActToProto(const CaseAct& act);

}  // namespace verkosto::nominations
