#include "core/error_code.h"

namespace verkosto {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kDeadlineExceeded:
      return "deadline_exceeded";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::optional<ErrorCode> ErrorCodeFromName(std::string_view name) {
  if (name == "ok") return ErrorCode::kOk;
  for (ErrorCode code : kAllErrorCodes) {
    if (ErrorCodeName(code) == name) return code;
  }
  return std::nullopt;
}

ErrorCode ErrorCodeFromInt(int value) {
  if (value >= 0 && value <= static_cast<int>(ErrorCode::kInternal)) {
    return static_cast<ErrorCode>(value);
  }
  return ErrorCode::kInternal;
}

}  // namespace verkosto
