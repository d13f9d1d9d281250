#pragma once

#include <string>
#include <utility>

#include "core/error_code.h"

namespace verkosto {

// The outcome of an operation: ok, or an error code with a human-readable
// message and, for invalid arguments, the name of the offending field
// (dotted path such as "term.end_date"). Cheap to copy when ok.
class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(ErrorCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string field, std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Status NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Status AlreadyExists(std::string message, std::string field = {}) {
    return {ErrorCode::kAlreadyExists, std::move(message), std::move(field)};
  }
  static Status FailedPrecondition(std::string message, std::string field = {}) {
    return {ErrorCode::kFailedPrecondition, std::move(message), std::move(field)};
  }
  static Status PermissionDenied(std::string message, std::string field = {}) {
    return {ErrorCode::kPermissionDenied, std::move(message), std::move(field)};
  }
  static Status Unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message)};
  }
  static Status DeadlineExceeded(std::string message) {
    return {ErrorCode::kDeadlineExceeded, std::move(message)};
  }
  static Status Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }

  // "invalid_argument: term.end_date: must be after the start date"
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_ && a.field_ == b.field_;
  }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string field_;
};

}  // namespace verkosto

// Returns early from the enclosing function when `expr` yields a non-ok Status.
#define VERKOSTO_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::verkosto::Status verkosto_status_ = (expr);        \
    if (!verkosto_status_.ok()) return verkosto_status_; \
  } while (false)
