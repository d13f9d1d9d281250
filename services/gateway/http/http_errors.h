#pragma once

#include <chrono>
#include <string>

#include "core/error_code.h"
#include "core/status.h"

namespace httplib {
struct Response;
}

namespace verkosto::gateway {

// THE table from error code to HTTP status, used by every JSON answer:
//   invalid_argument 400, not_found 404, already_exists 409,
//   failed_precondition 409, permission_denied 403, unavailable 503,
//   deadline_exceeded 504, internal 500 (and 500 for anything unknown).
// "unauthenticated" (no or expired login) is the gateway's own: 401.
int HttpStatusFor(ErrorCode code);
inline constexpr int kUnauthenticatedStatus = 401;

// Answers `res` with the status of `status.code()` and the JSON body
// {"code": "<name>", "message": ..., "field": ...} (verkosto.gateway.v1.ApiError).
void ReplyError(httplib::Response& res, const Status& status);

// Answers 401 with {"code": "unauthenticated", ...}.
void ReplyUnauthenticated(httplib::Response& res, const std::string& message);

// 429 {code: "too_many_requests", message} with Retry-After (whole seconds,
// at least 1): a login attempt that must wait (throttling).
void ReplyTooManyRequests(httplib::Response& res, const std::string& message,
                          std::chrono::seconds retry_after);

// Answers 403 for a missing or wrong anti-forgery token (field "csrf_token").
void ReplyCsrfRefused(httplib::Response& res);

// Gives one of httplib's own empty error answers the JSON body, keeping its
// status: 413 (a body over kMaxRequestBodyBytes) is invalid_argument with
// field "body", 404 (no route) not_found, any other 4xx invalid_argument (an
// unreadable request), 5xx internal.
void ReplyHttplibError(httplib::Response& res);

}  // namespace verkosto::gateway
