#pragma once

#include <optional>
#include <string_view>

namespace verkosto {

// The closed set of error codes used across the whole system. It mirrors
// verkosto.common.v1.ErrorCode one to one (the numbers are equal); the gateway
// holds the single table from ErrorCode to HTTP status.
enum class ErrorCode : int {
  kOk = 0,
  kInvalidArgument = 1,     // the request is wrong; `field` names what
  kNotFound = 2,            // the thing addressed does not exist
  kAlreadyExists = 3,       // a unique thing exists already (diary number, code)
  kFailedPrecondition = 4,  // the state does not allow it (decide before registration)
  kPermissionDenied = 5,    // the actor may not do this
  kUnavailable = 6,         // try again later (service down, database busy)
  kDeadlineExceeded = 7,    // the request's deadline passed before it was served
  kInternal = 8,            // a bug or a broken invariant
};

inline constexpr ErrorCode kAllErrorCodes[] = {
    ErrorCode::kInvalidArgument,    ErrorCode::kNotFound,         ErrorCode::kAlreadyExists,
    ErrorCode::kFailedPrecondition, ErrorCode::kPermissionDenied, ErrorCode::kUnavailable,
    ErrorCode::kDeadlineExceeded,   ErrorCode::kInternal,
};

// Stable lower-case name, e.g. "invalid_argument"; used in logs, the CLI and JSON.
std::string_view ErrorCodeName(ErrorCode code);

// Inverse of ErrorCodeName; nullopt for an unknown name.
std::optional<ErrorCode> ErrorCodeFromName(std::string_view name);

// Maps a wire number to a code; unknown numbers become kInternal.
ErrorCode ErrorCodeFromInt(int value);

}  // namespace verkosto
