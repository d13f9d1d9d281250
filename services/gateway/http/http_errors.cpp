#include "gateway/http/http_errors.h"

#include <google/protobuf/util/json_util.h>
#include <httplib.h>

#include <algorithm>

#include "gateway/http/gateway_context.h"
#include "messaging/envelope.h"
#include "verkosto/gateway/v1/api.pb.h"

namespace verkosto::gateway {

namespace {

// The body {code, message, field, violations}; `field` is the first violation's,
// kept for clients that read one field only.
void Reply(httplib::Response& res, int http_status, const std::string& code,
           const std::string& message, const std::vector<FieldViolation>& violations) {
  v1::ApiError error;
  error.set_code(code);
  error.set_message(message);
  if (!violations.empty()) error.set_field(violations.front().field);
  messaging::AddProtoViolations(violations, error.mutable_violations());
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(error, &json, options);
  res.status = http_status;
  res.set_content(json, "application/json");
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kDeadlineExceeded:
      return 504;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

void ReplyError(httplib::Response& res, const Status& status) {
  Reply(res, HttpStatusFor(status.code()), std::string(ErrorCodeName(status.code())),
        status.message(), status.violations());
}

void ReplyTooManyRequests(httplib::Response& res, const std::string& message,
                          std::chrono::seconds retry_after) {
  Reply(res, 429, "too_many_requests", message, {});
  res.set_header("Retry-After", std::to_string(std::max<int64_t>(retry_after.count(), 1)));
}

void ReplyUnauthenticated(httplib::Response& res, const std::string& message) {
  Reply(res, kUnauthenticatedStatus, "unauthenticated", message, {});
  res.set_header("WWW-Authenticate", "Bearer realm=\"verkosto\"");
}

void ReplyCsrfRefused(httplib::Response& res) {
  ReplyError(res, Status::PermissionDenied(
                      "csrf_token",
                      "missing or wrong anti-forgery token: send header X-CSRF-Token (or form "
                      "field csrf_token) with the session's token"));
}

void ReplyHttplibError(httplib::Response& res) {
  const int status = res.status;
  if (status == 413) {
    const std::string message =
        "the request body is larger than " + std::to_string(kMaxRequestBodyBytes) + " bytes";
    Reply(res, status, "invalid_argument", message, {{"body", message}});
  } else if (status == 404) {
    Reply(res, status, "not_found", "no such path (see /api/v1/openapi.json)", {});
  } else if (status >= 500) {
    Reply(res, status, "internal", "the request failed in the gateway", {});
  } else {
    Reply(res, status, "invalid_argument", "the request could not be read", {});
  }
}

}  // namespace verkosto::gateway
