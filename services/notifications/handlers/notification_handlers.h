#pragma once

#include "messaging/rpc_server.h"

namespace verkosto::notifications {

// The RPC operations of notifications.proto: ListInbox, MarkRead,
// SetPreferences, GetPreferences, ListDeliveries. Each acts on the caller's
// mailboxes (MailboxesOf(actor)) only.
void RegisterNotificationHandlers(messaging::RpcServer& server);

}  // namespace verkosto::notifications
