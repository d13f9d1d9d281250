#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/status.h"

namespace verkosto {

// A value of type T or a non-ok Status, shaped like std::expected.
// Accessing value() of an error result is a programming error (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok() && "Result from an ok Status has no value");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The error; Status::Ok() when the result holds a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace verkosto

#define VERKOSTO_CONCAT_INNER(a, b) a##b
#define VERKOSTO_CONCAT(a, b) VERKOSTO_CONCAT_INNER(a, b)
// `lhs` is a declaration (`auto x`) and `tmp` a fresh name: neither can be
// parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define VERKOSTO_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

// `VERKOSTO_ASSIGN_OR_RETURN(auto x, Foo());` declares x from an ok Result or
// returns its Status from the enclosing function.
#define VERKOSTO_ASSIGN_OR_RETURN(lhs, expr) \
  VERKOSTO_ASSIGN_OR_RETURN_IMPL(VERKOSTO_CONCAT(verkosto_result_, __LINE__), lhs, expr)
