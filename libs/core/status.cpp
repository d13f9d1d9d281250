#include "core/status.h"

namespace verkosto {

const std::string& Status::field() const {
  static const std::string kNone;
  return violations_.empty() ? kNone : violations_.front().field;
}

Status Status::WithMessage(std::string message) const {
  Status out = *this;
  out.message_ = std::move(message);
  return out;
}

Status Status::WithFieldPrefix(std::string_view prefix) const {
  Status out = *this;
  for (FieldViolation& v : out.violations_) v.field.insert(0, prefix);
  return out;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(ErrorCodeName(code_));
  out += ": ";
  if (violations_.size() == 1) {
    out += violations_.front().field;
    out += ": ";
  }
  out += message_;
  return out;
}

}  // namespace verkosto
