#pragma once

#include <google/protobuf/message.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "core/actor.h"
#include "core/clock.h"
#include "core/language.h"
#include "core/status.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace verkosto::gateway {

// Names of the cookies the gateway sets (the session's also in the API's
// OpenAPI document).
inline constexpr char kSessionCookie[] = "vk_session";
inline constexpr char kLoginCsrfCookie[] = "vk_login_csrf";

// The logged-in user of one HTTP request, as the gateway authenticated them
// (session cookie or API token). `actor` goes into every request the gateway
// forwards; the services decide what the actor may do.
struct RequestUser {
  Actor actor;
  // The session's anti-forgery token: every HTML form carries it as the
  // hidden field "csrf_token" (JavaScript clients send header X-CSRF-Token).
  std::string csrf_token;
  // The account's preferred language.
  Language language = Language::kFi;
};

// What an HTTP handler needs beyond the request itself. One instance per HTTP
// worker thread (it owns that thread's ZeroMQ sockets): never share one
// between threads. The auth/API side implements it; the web pages and the
// JSON API use it, and tests use an in-memory twin.
class GatewayContext {
 public:
  virtual ~GatewayContext() = default;

  // Calls `service` ("networks", "nominations", "notifications" or "gateway")
  // with `request` as `actor` and fills `response`.
  // Errors: whatever the service answers; unavailable when it does not answer.
  virtual Status Call(const std::string& service, const Actor& actor,
                      const google::protobuf::Message& request,
                      google::protobuf::Message* response) = 0;

  // Call for a command a client may send again: every call with the same
  // `retry_key` (the API's Idempotency-Key, already scoped by the caller to
  // the user and route) is one request to the service, so a retry is answered
  // from the service's stored first reply (kept 24 h) instead of acting
  // twice. The in-memory twins, which store nothing, answer as Call.
  virtual Status CallOnce(const std::string& service, const Actor& actor,
                          const std::string& retry_key, const google::protobuf::Message& request,
                          google::protobuf::Message* response) {
    (void)retry_key;
    return Call(service, actor, request, response);
  }

  // The logged-in user of `req`, or nullopt (no, expired or unknown session).
  virtual std::optional<RequestUser> CurrentUser(const httplib::Request& req) = 0;

  // True when a state-changing request carries `user`'s CSRF token (form
  // field "csrf_token" or header X-CSRF-Token); API-token requests need none.
  virtual bool CheckCsrf(const httplib::Request& req, const RequestUser& user) = 0;

  // For the login form, which has no session yet: a fresh token set as a
  // short-lived cookie on `res` (double submit), to be put in the form's
  // hidden "csrf_token" field. POST /login checks the pair.
  virtual std::string LoginFormToken(const httplib::Request& req, httplib::Response& res) = 0;

  // Business time as the services see it (the gateway's Clock): pages take
  // "today" from here — in Europe/Helsinki — never from the host's clock.
  virtual TimePoint Now() const = 0;

  // [http] accessibility_contact: the accessibility statement's feedback
  // address ("" when not configured).
  virtual std::string AccessibilityContact() const { return {}; }
};

// The largest request body the gateway reads: 1 MiB. Far more than any valid
// form or JSON request (the longest are free texts such as a decline reason
// or a network's description), and well under the 4 MiB the services accept
// in one RPC message (messaging::SocketLimits), so whatever the gateway reads
// it can forward. A larger body is answered 413: the styled page for web
// paths, the JSON error under /api/v1/.
inline constexpr size_t kMaxRequestBodyBytes = size_t{1} << 20;

// Gives the calling HTTP worker thread its own context.
using ContextForThread = std::function<GatewayContext&()>;

// Implemented in services/gateway/web/: registers every HTML page and static
// asset route (GET /, /login form, pages of each role, POST form handlers
// except POST /login and POST /logout, which the auth side registers), and
// the server's error handler, which gives httplib's own empty error answers
// (no route matched, a body over kMaxRequestBodyBytes, an unreadable request)
// a body: the styled page in the user's language outside /api/v1/, the JSON
// error {code, message, field} under it. The form handlers read their bodies
// themselves, up to kMaxRequestBodyBytes.
void RegisterWebRoutes(httplib::Server& server, const ContextForThread& context);

}  // namespace verkosto::gateway
