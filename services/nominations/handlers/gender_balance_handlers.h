#pragma once

#include "messaging/rpc_server.h"

namespace verkosto::nominations {

// GenderBalanceRequest (issue 19, item 4; domain/gender_balance.h): the
// Equality Act 4 a § balance of a network's current members and deputies.
// KEHA, the system and any area's leadership (MaySeeBalance); aggregate
// counts only.
void RegisterGenderBalanceHandlers(messaging::RpcServer& server);

}  // namespace verkosto::nominations
