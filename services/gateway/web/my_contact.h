#pragma once

#include "core/actor.h"
#include "core/status.h"
#include "gateway/http/gateway_context.h"
#include "verkosto/nominations/v1/nominations.pb.h"

namespace verkosto::gateway {

// A nominee corrects their own title, e-mail and language: the one way both
// the JSON API (PUT /api/v1/me/contact) and the web page do it.
//
// The nominee's memberships are found by the account's e-mail, which the
// gateway owns, so a new e-mail must reach both the memberships (nominations)
// and the account (gateway) — two databases, no shared transaction. The
// order makes every failure safe and every retry complete:
//   1. nominations CorrectMyContact, as the actor with the account's current
//      e-mail: the current memberships get the new title, e-mail, language,
//      stamped with the account's user id;
//   2. only then, when an e-mail was given, gateway SetOwnEmail.
// If 2 fails (or never runs), the memberships already carry the new address
// and the account the old one; the person still sees them, because a
// membership whose contact their account corrected stays theirs
// (OwnsMembership). Sending the same correction again finds nothing to change
// in step 1 (no second event) and completes step 2. The reverse order could
// leave an account whose e-mail matches no membership: locked out.
Status ChangeMyContact(GatewayContext& ctx, const Actor& actor,
                       const nominations::v1::CorrectMyContactRequest& request,
                       nominations::v1::CorrectMyContactResponse* response);

}  // namespace verkosto::gateway
