#pragma once

#include "messaging/rpc_server.h"

namespace verkosto::nominations {

// The desk (DeskRequest, domain/desk.h, storage/desk_queries.h): what needs
// the caller now, as counts and short lists in their role's scope. Any role
// that may read. `term_notice_days` is [notifications] term_notice_days, the
// window of the terms that end soon.
void RegisterDeskHandlers(messaging::RpcServer& server, int term_notice_days);

}  // namespace verkosto::nominations
