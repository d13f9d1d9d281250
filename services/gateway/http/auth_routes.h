#pragma once

#include <functional>

namespace httplib {
class Server;
}

namespace verkosto::gateway {

class RpcGatewayContext;

// Registers the login side of the gateway:
//   POST /login   form fields username, password, csrf_token (from
//                 GatewayContext::LoginFormToken), optional next (a local
//                 path: SafeBack of http/local_path.h). Success: 303 to
//                 `next` (default "/") with the session cookie. Refusal: 303
//                 to /login?error=<reason>[&next=...], reason one of
//                 wrong_credentials, throttled, csrf, missing, unavailable; the
//                 login page shows the message.
//   POST /logout  (form field csrf_token) ends the session: 303 to
//                 /login?logged_out=1. Without a valid CSRF token: 403.
//   POST /api/v1/session    JSON {username, password} -> ApiSessionResponse, or 401.
//   GET /api/v1/session     -> ApiSessionResponse of the logged-in user, or 401.
//   DELETE /api/v1/session  logs out (CSRF token needed with a cookie).
//   POST /api/v1/tokens     JSON {label} -> ApiTokenResponse: a new API token
//                           of the logged-in user, shown once (CSRF token
//                           needed). Only for a session: a request with an
//                           API token gets 403 permission_denied.
//   PUT /api/v1/accounts/{user_id}/password  JSON SetPasswordRequest ->
//                           SetPasswordResponse: the account itself changes
//                           its password (current_password required; a wrong
//                           one is 403 permission_denied naming
//                           current_password) and keeps the session it asks
//                           in; an admin resets another's (reason required).
void RegisterAuthRoutes(httplib::Server& server,
                        const std::function<RpcGatewayContext&()>& context);

}  // namespace verkosto::gateway
