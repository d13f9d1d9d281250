#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error_code.h"

namespace verkosto {

// One offending field of a request and what is wrong with it.
struct FieldViolation {
  std::string field;    // dotted path, e.g. "term.end_date" or "goals[2]"
  std::string message;  // in English, e.g. "must be after term.start_date"

  friend bool operator==(const FieldViolation&, const FieldViolation&) = default;
};

// The name of a field where a Status factory other than InvalidArgument takes
// one. A string literal is checked at compile time to contain no space, and
// any other string must be wrapped explicitly (`FieldName(path)`), so a call in
// the old (message, field) order does not compile.
class FieldName {
 public:
  // NOLINTNEXTLINE(google-explicit-constructor): the checked literal is the point.
  consteval FieldName(const char* literal) : value_(literal) {
    for (const char c : value_) {
      if (c == ' ') throw "a field name has no spaces: is this the message?";
    }
  }
  // Views `value`; a FieldName lives only as a parameter.
  explicit FieldName(std::string_view value) : value_(value) {}

  std::string_view value() const { return value_; }

 private:
  std::string_view value_;
};

// The outcome of an operation: ok, or an error code with a human-readable
// message and the offending fields of the request, if any (field
// violations). An error about one field has one violation, whose message is
// the Status's message; an error about several fields (a whole form checked at
// once) has one violation per problem, and its message summarises them all.
// Cheap to copy when ok.
//
// Argument order: wherever a factory or constructor names a field, the field
// comes first and the message second, as the error reads:
//   Status::InvalidArgument("term.end_date", "must be after term.start_date")
//   Status::FailedPrecondition("membership_id", "membership m1 has already ended")
//   Status::PermissionDenied("only KEHA staff may define networks")
class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  // An error about one field (none if `field` is empty).
  Status(ErrorCode code, FieldName field, std::string message) : Status(code, std::move(message)) {
    if (!field.value().empty()) violations_.push_back({std::string(field.value()), message_});
  }
  // An error about each field of `violations`; `message` summarises them.
  Status(ErrorCode code, std::string message, std::vector<FieldViolation> violations)
      : code_(code), message_(std::move(message)), violations_(std::move(violations)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view field, std::string message) {
    return {ErrorCode::kInvalidArgument, FieldName(field), std::move(message)};
  }
  static Status NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Status AlreadyExists(std::string message) {
    return {ErrorCode::kAlreadyExists, std::move(message)};
  }
  static Status AlreadyExists(FieldName field, std::string message) {
    return {ErrorCode::kAlreadyExists, field, std::move(message)};
  }
  static Status FailedPrecondition(std::string message) {
    return {ErrorCode::kFailedPrecondition, std::move(message)};
  }
  static Status FailedPrecondition(FieldName field, std::string message) {
    return {ErrorCode::kFailedPrecondition, field, std::move(message)};
  }
  static Status PermissionDenied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message)};
  }
  static Status PermissionDenied(FieldName field, std::string message) {
    return {ErrorCode::kPermissionDenied, field, std::move(message)};
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
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // The first violation's field, or empty: enough where one field is expected.
  const std::string& field() const;

  // The same error with another message (the violations stay as they are),
  // e.g. to say where it happened.
  Status WithMessage(std::string message) const;
  // The same error with `prefix` put before every violation's field
  // ("account." + "email"), for a request nested in another.
  Status WithFieldPrefix(std::string_view prefix) const;

  // "invalid_argument: term.end_date: must be after the start date" for one
  // field, "<code>: <message>" otherwise (several fields: the message lists them).
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_ && a.violations_ == b.violations_;
  }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::vector<FieldViolation> violations_;
};

}  // namespace verkosto

// Returns early from the enclosing function when `expr` yields a non-ok Status.
#define VERKOSTO_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::verkosto::Status verkosto_status_ = (expr);        \
    if (!verkosto_status_.ok()) return verkosto_status_; \
  } while (false)
